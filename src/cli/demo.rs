//! `motcua demo generate`: a realistic generated ledger (`crate::demo`), written straight into
//! the data directory's store through its batched import, and optionally as the JSONL that
//! `motcua import` reads. For demos and benchmarks; refuses a directory that already holds
//! dossiers, so it can never mix invented dossiers into a real ledger.

use std::io::{BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::time::Instant;

use clap::{Args, Subcommand};

use super::out::{say, tell};
use super::{CmdResult, Context, Failure};
use crate::desk::LocalDesk;
use crate::domain::Dossier;
use crate::store::Store;

/// Dossiers per import transaction (DEPENDENCIES.md: 100–1 000 keeps files compact and fast).
const BATCH: usize = 500;

#[derive(Args, Debug)]
pub(crate) struct DemoArgs {
    #[command(subcommand)]
    pub(crate) command: DemoCommand,
}

#[derive(Subcommand, Debug)]
pub(crate) enum DemoCommand {
    /// Tạo hồ sơ mẫu (hư cấu) vào một thư mục dữ liệu trống, để trình diễn và đo hiệu năng.
    Generate(GenerateArgs),
}

#[derive(Args, Debug)]
pub(crate) struct GenerateArgs {
    /// Số hồ sơ cần tạo (mặc định: 10000).
    #[arg(
        long,
        default_value_t = 10_000,
        hide_default_value = true,
        value_name = "SỐ"
    )]
    pub(crate) dossiers: u64,
    /// Trải trong bao nhiêu năm, kết thúc ở --now (mặc định: 1).
    #[arg(
        long,
        default_value_t = 1,
        hide_default_value = true,
        value_name = "SỐ"
    )]
    pub(crate) years: u32,
    /// Hạt giống ngẫu nhiên: cùng hạt giống và tham số thì ra cùng bộ hồ sơ (mặc định: 1).
    #[arg(
        long,
        default_value_t = 1,
        hide_default_value = true,
        value_name = "SỐ"
    )]
    pub(crate) seed: u64,
    /// Ghi thêm các hồ sơ ra TỆP dạng JSONL (mỗi dòng một hồ sơ, như "motcua import" đọc).
    #[arg(long, value_name = "TỆP")]
    pub(crate) jsonl: Option<PathBuf>,
}

pub(crate) fn run(ctx: &Context, args: DemoArgs) -> CmdResult {
    match args.command {
        DemoCommand::Generate(g) => generate(ctx, &g),
    }
}

/// A one-line progress bar on stderr, redrawn only when stderr is a terminal.
struct Progress {
    total: u64,
    shown: bool,
    started: Instant,
}

impl Progress {
    fn new(total: u64) -> Progress {
        Progress {
            total: total.max(1),
            shown: std::io::stderr().is_terminal(),
            started: Instant::now(),
        }
    }

    fn update(&self, done: u64) {
        if !self.shown {
            return;
        }
        let width = 30;
        let filled = (done.min(self.total) * width / self.total) as usize;
        eprint!(
            "\r[{}{}] {done}/{} hồ sơ, {:.0} giây",
            "█".repeat(filled),
            "·".repeat(width as usize - filled),
            self.total,
            self.started.elapsed().as_secs_f64()
        );
    }

    fn finish(&self) {
        if self.shown {
            tell!();
        }
    }
}

fn file_error(path: &std::path::Path, e: impl std::fmt::Display) -> Failure {
    Failure::environment(format!(
        "Không ghi được tệp {}: {e}. Hãy kiểm tra đường dẫn và quyền ghi.",
        path.display()
    ))
}

fn generate(ctx: &Context, g: &GenerateArgs) -> CmdResult {
    // Opening the desk creates the directory, its settings and catalogue on first run.
    let desk = LocalDesk::open(&ctx.data_dir)?;
    let catalogue = desk.procedures();
    let calendar = desk.calendar().clone();
    let settings = desk.settings().clone();
    let (tallier, tally_inputs) = desk.tallier();
    drop(desk);
    let plan = crate::demo::Plan {
        dossiers: g.dossiers,
        years: g.years,
        seed: g.seed,
        end: ctx.now,
        agency_code: settings.agency.code.clone(),
        operators: vec![
            ctx.operator
                .clone()
                .unwrap_or_else(|| settings.desk.default_operator.clone()),
            "Nguyễn Thị Lan".to_owned(),
            "Hoàng Văn Minh".to_owned(),
        ],
    };
    let mut store = Store::open(&ctx.data_dir).map_err(store_failure)?;
    // Tallies kept write by write (see `store::tally`), as the desk keeps them.
    store
        .set_tallier(tallier, &tally_inputs)
        .map_err(store_failure)?;
    if store.dossier_count().map_err(store_failure)? > 0 {
        return Err(Failure::rule(format!(
            "Thư mục dữ liệu {} đã có hồ sơ; dữ liệu mẫu chỉ được tạo vào một thư mục trống. \
             Hãy chọn thư mục khác bằng --data-dir.",
            ctx.data_dir.display()
        )));
    }
    let mut jsonl = match &g.jsonl {
        Some(path) => Some((
            BufWriter::new(std::fs::File::create(path).map_err(|e| file_error(path, e))?),
            path,
        )),
        None => None,
    };
    let progress = Progress::new(g.dossiers);
    let mut batch: Vec<Dossier> = Vec::with_capacity(BATCH);
    let mut done = 0u64;
    let flush = |batch: &mut Vec<Dossier>, done: &mut u64| -> CmdResult {
        if !batch.is_empty() {
            store.import(batch).map_err(store_failure)?;
        }
        *done += batch.len() as u64;
        batch.clear();
        progress.update(*done);
        Ok(())
    };
    crate::demo::generate(&plan, &catalogue, &calendar, |d| {
        if let Some((out, path)) = &mut jsonl {
            let line = serde_json::to_string(&d).expect("a dossier serialises to JSON");
            writeln!(out, "{line}").map_err(|e| file_error(path, e))?;
        }
        batch.push(d);
        if batch.len() == BATCH {
            flush(&mut batch, &mut done)?;
        }
        Ok::<(), Failure>(())
    })?;
    flush(&mut batch, &mut done)?;
    progress.finish();
    // Leave sled's snapshot behind, so the first open of the new store does not replay it all.
    drop(store.reopen().map_err(store_failure)?);
    if let Some((mut out, path)) = jsonl {
        out.flush().map_err(|e| file_error(path, e))?;
    }
    say!(
        "Đã tạo {done} hồ sơ mẫu trong {:.1} giây.",
        progress.started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn store_failure(e: crate::store::StoreError) -> Failure {
    if e.is_rejection() {
        Failure::rule(e.to_string())
    } else {
        Failure::environment(e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::desk::Desk;
    use crate::desk::ListFilter;

    fn ctx(dir: &std::path::Path) -> Context {
        Context {
            now_given: true,
            data_dir: dir.join("data"),
            now: crate::calendar::parse_local("2026-11-27 15:00").expect("valid"),
            operator: None,
        }
    }

    fn args(n: u64, jsonl: Option<PathBuf>) -> DemoArgs {
        DemoArgs {
            command: DemoCommand::Generate(GenerateArgs {
                dossiers: n,
                years: 1,
                seed: 5,
                jsonl,
            }),
        }
    }

    #[test]
    fn generates_into_the_store_and_the_same_jsonl_the_ledger_exports() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let file = tmp.path().join("demo.jsonl");
        let c = ctx(tmp.path());
        run(&c, args(1200, Some(file.clone()))).expect("generates");
        let desk = LocalDesk::open(&c.data_dir).expect("opens");
        assert_eq!(desk.count(ListFilter::All, c.now).expect("counts"), 1200);
        let mut exported = Vec::new();
        desk.export_jsonl(&mut exported).expect("exports");
        let written = std::fs::read(&file).expect("JSONL written");
        assert_eq!(written.iter().filter(|b| **b == b'\n').count(), 1200);
        assert!(exported == written, "export gives back the generated JSONL");
        assert!(desk.verify().expect("verifies").is_consistent());
    }

    #[test]
    fn refuses_a_directory_that_already_holds_dossiers() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let c = ctx(tmp.path());
        run(&c, args(20, None)).expect("generates");
        let again = run(&c, args(20, None)).expect_err("refused");
        assert_eq!(again.code, 1);
        assert!(again.message.contains("đã có hồ sơ"), "{}", again.message);
    }
}
