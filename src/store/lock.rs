//! `<data-dir>/motcua.lock`: one process at a time holds the ledger. The holder writes who it
//! is into the file (its process id and what it runs: the desk, `serve`, or a short command
//! such as `receive`), so a refused process can name it; a lock held by a short command is
//! waited for up to [`SHORT_WAIT`] before refusing, since it is released a moment later.
//! [`starting_holder`] tells a refused command that a desk or server holds the lock and may
//! still be opening the store (its socket not there yet). Must not depend on `desk`, `tui` or
//! `cli`.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use super::StoreError;

/// How long a lock held by a short command is waited for.
pub(crate) const SHORT_WAIT: Duration = Duration::from_secs(2);

/// The global options of the command line that take a value (skipped to find the command).
const VALUED: [&str; 3] = ["--data-dir", "--now", "--operator"];

/// What this process runs, as written into the lock: the first command word of its arguments
/// (letters, digits and `-` only; never a value, which could be a citizen's name), or "" for
/// the desk itself.
fn own_command() -> String {
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if VALUED.contains(&a.as_str()) {
            args.next();
            continue;
        }
        if a.starts_with('-') {
            continue;
        }
        if a.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') && a.len() <= 30 {
            return a;
        }
        return String::new();
    }
    String::new()
}

/// Who holds the lock, read from the file: (process id, command; "" for the desk).
fn holder(file: &mut File) -> Option<(u32, String)> {
    let mut text = String::new();
    file.seek(SeekFrom::Start(0)).ok()?;
    file.take(200).read_to_string(&mut text).ok()?;
    let mut parts = text.trim().splitn(2, ' ');
    let pid = parts.next()?.parse().ok()?;
    let command = parts.next().unwrap_or("").to_owned();
    command
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-')
        .then_some((pid, command))
}

/// The holder in words, for the refusal, and whether it is a short command worth waiting for.
fn describe(holder: Option<&(u32, String)>) -> (String, bool) {
    match holder {
        None => ("một tiến trình motcua khác".to_owned(), false),
        Some((pid, c)) if c.is_empty() => (
            format!(
                "bàn làm việc motcua đang mở (tiến trình {pid}). Hãy dùng cửa sổ đó, hoặc đóng \
                 nó rồi thử lại"
            ),
            false,
        ),
        Some((pid, c)) if c == "serve" => (
            format!(
                "máy chủ «motcua serve» (tiến trình {pid}). Hãy làm việc qua máy chủ đó, hoặc \
                 dừng nó rồi thử lại"
            ),
            false,
        ),
        Some((pid, c)) => (
            format!(
                "lệnh «motcua {c}» (tiến trình {pid}) chưa xong sau {} giây. Hãy chờ nó xong \
                 rồi thử lại",
                SHORT_WAIT.as_secs()
            ),
            true,
        ),
    }
}

/// The process id of the desk or `motcua serve` that `<data_dir>/motcua.lock` names, if that
/// process is running (read without taking the lock). Such a holder serves the data directory's
/// socket once its store is open, so a command refused by the lock may wait for the socket
/// instead. A lock file left by a process that ended (whose id was not reused) names nobody.
pub fn starting_holder(data_dir: &Path) -> Option<u32> {
    let mut file = File::open(data_dir.join("motcua.lock")).ok()?;
    let (pid, command) = holder(&mut file)?;
    let serves = command.is_empty() || command == "serve";
    (serves && pid != std::process::id() && crate::files::running(pid)).then_some(pid)
}

fn io_err(dir: &Path, e: impl std::fmt::Display) -> StoreError {
    StoreError::Io {
        dir: dir.display().to_string(),
        detail: e.to_string(),
    }
}

/// Takes `<data_dir>/motcua.lock` and writes this process into it. A lock held by a short
/// command (or by this process) is retried every 20 ms for up to [`SHORT_WAIT`]; otherwise (or after that)
/// [`StoreError::Locked`] names the holder.
pub(super) fn take(data_dir: &Path) -> Result<File, StoreError> {
    let path = data_dir.join("motcua.lock");
    let mut opts = OpenOptions::new();
    opts.create(true).truncate(false).read(true).write(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    let mut file = opts.open(&path).map_err(|e| io_err(data_dir, e))?;
    let start = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => break,
            Err(std::fs::TryLockError::WouldBlock) => {
                let found = holder(&mut file);
                let (words, short) = describe(found.as_ref());
                // Held by this very process: a handle it just closed whose descriptor a child
                // being spawned by another thread still shares until its `exec` (a test binary
                // starting `motcua` in parallel under load): released a moment later.
                let short = short
                    || found
                        .as_ref()
                        .is_some_and(|(pid, _)| *pid == std::process::id());
                if !short || start.elapsed() >= SHORT_WAIT {
                    return Err(StoreError::Locked {
                        dir: data_dir.display().to_string(),
                        holder: words,
                    });
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(io_err(data_dir, e)),
        }
    }
    // Who holds it now. Not synced: it only names the holder while it runs.
    let me = format!("{} {}\n", std::process::id(), own_command());
    let written = file
        .set_len(0)
        .and_then(|()| file.seek(SeekFrom::Start(0)))
        .and_then(|_| file.write_all(me.as_bytes()));
    // A full disk must not stop a read-only use of the ledger here.
    let _ = written;
    Ok(file)
}
