//! Subcommands: backup, restore. They call `store::snapshot` and `store::restore` and print a
//! Vietnamese summary; a backup is reported as done only after it was restored into a
//! temporary folder and verified there.

use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::Subcommand;

use super::out::say;
use super::{CmdResult, Context, Failure};
use crate::store::backup::{BackupError, Summary};
use crate::store::{restore, snapshot};

#[derive(Subcommand, Debug)]
pub(crate) enum OpsCommand {
    /// Sao lưu thư mục dữ liệu, có kiểm tra lại bản sao (chạy được khi bàn đang mở).
    Backup {
        /// Tệp sao lưu cần ghi (nếu đã có thì được thay thế trọn vẹn).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Khôi phục bản sao lưu vào một thư mục dữ liệu trống (hoặc chưa có).
    Restore {
        /// Tệp sao lưu do `motcua backup` tạo ra.
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
}

pub(crate) fn run(ctx: &Context, cmd: OpsCommand) -> CmdResult {
    match cmd {
        OpsCommand::Backup { out } => backup(ctx, &out),
        OpsCommand::Restore { file } => restore(ctx, &file),
    }
}

fn failure(e: BackupError) -> Failure {
    Failure {
        code: e.exit_code(),
        message: e.to_string(),
    }
}

fn backup(ctx: &Context, out: &Path) -> CmdResult {
    if inside_store(&ctx.data_dir, out) {
        return Err(Failure::rule(format!(
            "Không ghi bản sao lưu vào trong thư mục dữ liệu {} (nó sẽ mất cùng dữ liệu); hãy chọn \
             nơi khác, tốt nhất là một ổ đĩa khác hoặc USB.",
            ctx.data_dir.display()
        )));
    }
    let start = Instant::now();
    let (summary, source) = snapshot::backup(&ctx.data_dir, out).map_err(failure)?;
    say!("Đã sao lưu vào {}", out.display());
    print_summary(&summary);
    match source {
        snapshot::Source::Locked => {}
        snapshot::Source::LiveCopy(n) => say!(
            "Bàn làm việc đang mở: đã chụp bản sao nhất quán (lần thử {n}/{}).",
            snapshot::LIVE_ATTEMPTS
        ),
    }
    say!(
        "Đã kiểm chứng: khôi phục thử vào thư mục tạm và kiểm tra toàn vẹn đều đạt ({} ms).",
        start.elapsed().as_millis()
    );
    Ok(())
}

fn restore(ctx: &Context, file: &Path) -> CmdResult {
    let summary = restore::restore(file, &ctx.data_dir).map_err(failure)?;
    say!(
        "Đã khôi phục {} vào {}",
        file.display(),
        ctx.data_dir.display()
    );
    print_summary(&summary);
    say!("Đã kiểm tra toàn vẹn sau khi khôi phục: đạt.");
    Ok(())
}

fn print_summary(s: &Summary) {
    say!("Hồ sơ: {}", s.dossiers);
    say!("Sự kiện: {}", s.events);
    say!("Tệp cấu hình kèm theo: {}", s.files);
    if s.bytes > 0 {
        say!("Dung lượng: {} byte", s.bytes);
    }
    say!("SHA-256: {}", s.sha256);
    if let Some(head) = &s.head {
        say!("Mã kiểm chứng sổ: {head}");
    }
}

/// True when `out` would be written inside the data directory (other than its `backups`
/// folder), where a backup would be lost with the data and copied into the next backup.
fn inside_store(data_dir: &Path, out: &Path) -> bool {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let (Ok(parent), Ok(data)) = (parent.canonicalize(), data_dir.canonicalize()) else {
        return false;
    };
    parent.starts_with(&data) && !parent.starts_with(data.join(crate::store::backup::DAILY_DIR))
}
