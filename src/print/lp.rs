//! Sending a PDF to a CUPS queue with `lp -d QUEUE -o media=A5|A4 [-o landscape] FILE`.
//! Arguments go straight to the process (no shell), the exit status is checked, and a missing
//! `lp` or a refused job becomes a message the clerk can act on. The file is never deleted.

use std::path::Path;
use std::process::Command;

use crate::report::Paper;

/// What happened when the job was sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PrintOutcome {
    /// `lp` accepted the job; its own message (e.g. "request id is …").
    Sent(String),
    /// `lp` is not installed or could not be started.
    NoLp(String),
    /// `lp` ran and refused (unknown queue, printer stopped…), with its message.
    Refused(String),
}

impl PrintOutcome {
    /// A Vietnamese sentence for the screen or stderr, naming the kept file.
    pub fn message(&self, file: &Path) -> String {
        let f = file.display();
        match self {
            PrintOutcome::Sent(m) => format!("Đã gửi tới máy in ({m}); tệp lưu tại {f}."),
            PrintOutcome::NoLp(m) => {
                format!("Không gọi được lệnh in lp ({m}): hãy cài CUPS hoặc in tệp {f} bằng tay.")
            }
            PrintOutcome::Refused(m) => format!(
                "Máy in từ chối lệnh in ({m}): kiểm tra tên hàng đợi in trong cài đặt; \
                 tệp vẫn lưu tại {f}."
            ),
        }
    }

    pub(crate) fn is_sent(&self) -> bool {
        matches!(self, PrintOutcome::Sent(_))
    }
}

/// The `lp` arguments for a file on a paper size.
pub fn lp_args(queue: &str, file: &Path, paper: Paper) -> Vec<std::ffi::OsString> {
    let mut args: Vec<std::ffi::OsString> = vec!["-d".into(), queue.into(), "-o".into()];
    args.push(
        match paper {
            Paper::A5 => "media=A5",
            Paper::A4 | Paper::A4Landscape => "media=A4",
        }
        .into(),
    );
    if paper == Paper::A4Landscape {
        args.push("-o".into());
        args.push("landscape".into());
    }
    args.push("--".into());
    args.push(file.as_os_str().to_owned());
    args
}

/// Runs `lp` (found on `PATH`) for `file`. Never fails: the outcome says what happened.
pub fn send_to_printer(queue: &str, file: &Path, paper: Paper) -> PrintOutcome {
    send_with(std::ffi::OsStr::new("lp"), queue, file, paper)
}

/// Runs `program` as `lp` (tests pass a fake one; the desk always uses `lp`).
pub fn send_with(
    program: &std::ffi::OsStr,
    queue: &str,
    file: &Path,
    paper: Paper,
) -> PrintOutcome {
    match Command::new(program)
        .args(lp_args(queue, file, paper))
        .output()
    {
        Err(e) => PrintOutcome::NoLp(e.to_string()),
        Ok(out) => {
            let stdout = String::from_utf8_lossy(&out.stdout).trim().to_owned();
            let stderr = String::from_utf8_lossy(&out.stderr).trim().to_owned();
            if out.status.success() {
                PrintOutcome::Sent(stdout)
            } else if stderr.is_empty() {
                PrintOutcome::Refused(format!("mã thoát {}", out.status.code().unwrap_or(-1)))
            } else {
                PrintOutcome::Refused(stderr)
            }
        }
    }
}
