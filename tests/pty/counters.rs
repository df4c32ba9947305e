//! Two desks on one data directory (issue 13): the first holds the store and serves it on the
//! directory's socket, the second works through that socket; an intake at either shows on the
//! other's board without a key pressed, and commands run beside both (a day report as PDF, an
//! intake from the command line) instead of failing with the lock message.

use super::{ESC, Term, receive};

const NOW: &str = "2026-12-03 09:15";

/// Runs the real binary once on `data` and returns its stdout; fails with its stderr.
fn command(data: &std::path::Path, args: &[&str]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_motcua"))
        .arg("--data-dir")
        .arg(data)
        .args(["--now", NOW, "--operator", "Phạm Văn Quân"])
        .args(args)
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "motcua {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn an_intake_at_one_desk_shows_on_the_other_board() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let mut holder = Term::start(&data, NOW, (120, 35));
    holder.wait_for("Không có hồ sơ nào");
    assert!(
        data.join("motcua.sock").exists(),
        "the open desk serves its socket"
    );
    let mut other = Term::start(&data, NOW, (120, 35));
    other.wait_for("Không có hồ sơ nào");

    let first = receive(&mut holder, "Nguyễn Văn An");
    holder.send(ESC);
    other.wait_for("Nguyễn Văn An");
    let second = receive(&mut other, "Trần Thị Bình");
    other.send(ESC);
    holder.wait_for("Trần Thị Bình");
    assert_ne!(first, second);

    // Beside both desks: an intake and the day report from the command line.
    let third = command(
        &data,
        &[
            "receive",
            "--procedure",
            "TS.HT.03",
            "--name",
            "Lê Văn Cường",
            "--id-number",
            "020190001234",
        ],
    );
    assert!(third.contains("-261203-0003"), "{third}");
    holder.wait_for("Lê Văn Cường");
    other.wait_for("Lê Văn Cường");
    let pdf = dir.path().join("bao-cao.pdf");
    let pdf_arg = pdf.to_str().expect("a UTF-8 path");
    command(&data, &["report", "day", "2026-12-03", "--out", pdf_arg]);
    let bytes = std::fs::read(&pdf).expect("the report was written");
    assert!(bytes.starts_with(b"%PDF"), "a PDF");
    let shown = command(&data, &["show", &first]);
    assert!(shown.contains("Nguyễn Văn An"), "{shown}");

    other.quit();
    holder.quit();
    assert!(
        !data.join("motcua.sock").exists(),
        "the holder removes its socket when it quits"
    );
}
