//! `export`, `import` (with a progress bar on a terminal), `verify` and `catalogue`.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Subcommand, ValueEnum};

use super::super::out::{say, tell};
use super::super::{CmdResult, Failure};
use crate::desk::{Desk, LocalDesk};
use crate::domain::{catalogue_to_csv, parse_catalogue_csv};

#[derive(Clone, Copy, Debug, ValueEnum)]
pub(crate) enum ExportFormat {
    Jsonl,
    Csv,
}

#[derive(Subcommand, Debug)]
pub(crate) enum CatalogueCommand {
    /// Liệt kê các thủ tục.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Xuất danh mục ra CSV (định dạng mà `catalogue import` đọc).
    Export {
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Thay danh mục bằng tệp CSV (kiểm tra mọi dòng; có lỗi thì không thay).
    Import { file: PathBuf },
}

fn write_err(path: &Path, e: impl std::fmt::Display) -> Failure {
    Failure::environment(format!("Không ghi được tệp {}: {e}.", path.display()))
}

/// A catalogue file, at most [`crate::files::limits::CATALOGUE`] bytes of UTF-8.
fn read_file(path: &Path) -> Result<String, Failure> {
    crate::files::read_text_bounded(path, crate::files::limits::CATALOGUE, "tệp danh mục")
        .map_err(|e| Failure::rule(e.to_string()))
}

/// An output file that holds personal data: private, written through a temporary file and an
/// atomic rename, never over a device, a FIFO or a folder (see `crate::files::AtomicFile`).
fn create_output(path: &Path) -> Result<crate::files::AtomicFile, Failure> {
    crate::files::AtomicFile::create(path).map_err(|e| Failure::rule(e.to_string()))
}

pub(crate) fn export(
    desk: &dyn Desk,
    format: ExportFormat,
    out: Option<PathBuf>,
    mask: bool,
) -> CmdResult {
    let format = match format {
        ExportFormat::Jsonl => crate::desk::ExportFormat::Jsonl,
        ExportFormat::Csv => crate::desk::ExportFormat::Csv,
    };
    let write = |w: &mut dyn Write| desk.export(format, mask, w);
    match out {
        Some(path) => {
            let mut w = create_output(&path)?;
            let n = write(&mut w)?;
            w.commit()
                .map_err(|e| Failure::environment(e.to_string()))?;
            tell!("Đã xuất {n} hồ sơ vào {}.", path.display());
        }
        None => {
            let stdout = std::io::stdout();
            let mut w = std::io::BufWriter::new(stdout.lock());
            write(&mut w)?;
            w.flush()
                .map_err(|e| Failure::environment(format!("Không ghi được ra màn hình: {e}.")))?;
        }
    }
    Ok(())
}

/// `[#####.....]  1500/10000` on stderr, redrawn in place.
fn progress_bar(done: u64, total: u64) {
    let width = 30u64;
    let filled = (done * width).checked_div(total).unwrap_or(width);
    let bar: String = (0..width)
        .map(|i| if i < filled { '#' } else { '.' })
        .collect();
    eprint!("\rĐang nhập [{bar}] {done}/{total}");
    if done == total {
        tell!();
    }
}

/// Streams `file` into the store (read twice, never held whole: see
/// `LocalDesk::import_jsonl_from`), then reopens the store so that the next open does not
/// replay the whole import.
pub(crate) fn import(mut desk: LocalDesk, file: &Path, skip_invalid: bool) -> CmdResult {
    let terminal = std::io::stderr().is_terminal();
    let mut progress = |done, total| {
        if terminal {
            progress_bar(done, total);
        }
    };
    let outcome = desk.import_jsonl_from(file, skip_invalid, &mut progress)?;
    for (line, why) in &outcome.skipped {
        tell!("Bỏ qua dòng {line}: {why}");
    }
    if outcome.imported > 0 {
        if terminal {
            tell!("Đang hoàn tất: sắp xếp lại kho dữ liệu để lần mở sau được nhanh…");
        }
        desk.reopen()?;
    }
    say!("Đã nhập {} hồ sơ.", outcome.imported);
    if !outcome.skipped.is_empty() {
        say!("Bỏ qua {} dòng không hợp lệ.", outcome.skipped.len());
    }
    Ok(())
}

pub(crate) fn verify(desk: &dyn Desk, data_dir: &Path, json: bool) -> CmdResult {
    let report = desk.verify()?;
    if json {
        let value = serde_json::json!({
            "consistent": report.is_consistent(),
            "dossiers": report.dossiers,
            "events": report.events,
            "problem_count": report.problem_count,
            "problems": report.problems,
            "head": report.head,
        });
        say!("{value:#}");
    } else {
        say!(
            "Đã kiểm tra {} hồ sơ, {} sự kiện trong chuỗi.",
            report.dossiers,
            report.events
        );
        for p in &report.problems {
            say!("  - {p}");
        }
    }
    if report.is_consistent() {
        if !json {
            say!("Dữ liệu nhất quán: chuỗi sự kiện và mọi chỉ mục khớp với hồ sơ.");
            if let Some(head) = &report.head {
                say!("Mã kiểm chứng sổ hiện tại: {}.", head.words());
            }
        }
        Ok(())
    } else {
        Err(Failure::environment(format!(
            "Dữ liệu tại {} không nhất quán: {} lỗi. Hãy khôi phục từ bản sao lưu gần nhất.",
            data_dir.display(),
            report.problem_count
        )))
    }
}

pub(crate) fn catalogue(desk: &dyn Desk, cmd: CatalogueCommand) -> CmdResult {
    match cmd {
        CatalogueCommand::List { json } => {
            if json {
                let text = serde_json::to_string_pretty(&desk.catalogue()?)
                    .map_err(|e| Failure::environment(e.to_string()))?;
                say!("{text}");
            } else {
                for p in desk.catalogue()? {
                    let shown = crate::text::printable;
                    say!(
                        "{}\t{}\t{}\t{}\t{}",
                        shown(p.code.as_str()),
                        shown(&p.field),
                        shown(&p.name),
                        p.time_limit.label(),
                        shown(&p.fee.label())
                    );
                }
            }
            Ok(())
        }
        CatalogueCommand::Export { out } => {
            let text = catalogue_to_csv(&desk.catalogue()?);
            match out {
                Some(path) => {
                    let mut f = create_output(&path)?;
                    f.write_all(text.as_bytes())
                        .map_err(|e| write_err(&path, e))?;
                    f.commit()
                        .map_err(|e| Failure::environment(e.to_string()))?;
                }
                None => super::super::out::say_part(&text),
            }
            Ok(())
        }
        CatalogueCommand::Import { file } => {
            let text = read_file(&file)?;
            let procedures = parse_catalogue_csv(&text).map_err(|errors| {
                let mut msg = format!(
                    "Tệp danh mục {} có {} lỗi, chưa thay đổi gì:",
                    file.display(),
                    errors.len()
                );
                for e in errors.iter().take(30) {
                    msg.push_str(&format!("\n  Dòng {}: {}", e.line, e.reason));
                }
                Failure::rule(msg)
            })?;
            let n = procedures.len();
            desk.replace_catalogue(procedures)?;
            say!("Đã thay danh mục: {n} thủ tục.");
            Ok(())
        }
    }
}

/// `verify --head H [--at T]`: the chain passes through the point whose hash starts with `H`
/// (printed on a report at `T`), so the ledger's history up to it is unchanged (issue 17
/// item 3). Run after the full check: the links themselves are then known to match the records.
pub(crate) fn verify_head(desk: &dyn Desk, head: &str, at: Option<&str>, json: bool) -> CmdResult {
    use crate::store::anchor::MIN_HEX;
    let wanted = head.trim();
    if wanted.len() < MIN_HEX || !wanted.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(Failure::rule(format!(
            "Mã kiểm chứng «{}» không hợp lệ: cần ít nhất {MIN_HEX} chữ số hex (0–9, a–f), \
             như in trên báo cáo.",
            crate::text::printable(wanted)
        )));
    }
    let at = match at {
        Some(s) => Some(crate::calendar::parse_local(s).ok_or_else(|| {
            Failure::rule(format!(
                "Thời điểm \"{}\" không hợp lệ; dùng dạng \"YYYY-MM-DD HH:MM\".",
                crate::text::printable(s)
            ))
        })?),
        None => None,
    };
    let changed = |why: String| {
        Failure::environment(format!(
            "Lịch sử sổ đã bị thay đổi: {why}. Sổ hiện tại không phải sổ đã in mã kiểm chứng \
             {wanted}; hãy báo lãnh đạo và đối chiếu với bản sao lưu cũ."
        ))
    };
    let Some(found) = desk.find_head(wanted)? else {
        return Err(changed(
            "chuỗi sự kiện không còn đi qua mã kiểm chứng này".to_owned(),
        ));
    };
    if let (Some(at), Some(then)) = (at, found.at)
        && then > at
    {
        return Err(changed(format!(
            "mã kiểm chứng này thuộc về sự kiện lúc {}, sau thời điểm in {}",
            then.format("%H:%M %d/%m/%Y"),
            at.format("%H:%M %d/%m/%Y")
        )));
    }
    if json {
        say!("{:#}", serde_json::json!({ "head_found": found }));
    } else {
        say!(
            "Mã kiểm chứng {} khớp: lịch sử sổ đến sự kiện thứ {}{} vẫn nguyên vẹn.",
            found.short(),
            found.events,
            found
                .at
                .map(|t| format!(" (lúc {})", t.format("%H:%M %d/%m/%Y")))
                .unwrap_or_default()
        );
    }
    Ok(())
}
