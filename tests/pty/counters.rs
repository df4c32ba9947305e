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

#[test]
fn a_desk_that_requires_a_login_works_as_the_account() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let mut add = std::process::Command::new(env!("CARGO_BIN_EXE_motcua"))
        .arg("--data-dir")
        .arg(&data)
        .args([
            "user",
            "add",
            "lan",
            "--full-name",
            "Lê Thị Lan",
            "--role",
            "tiep-nhan",
            "--password-stdin",
        ])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .expect("the binary runs");
    {
        use std::io::Write;
        let mut stdin = add.stdin.take().expect("piped");
        stdin
            .write_all("mật-khẩu-lan-1\n".as_bytes())
            .expect("password");
    }
    assert!(add.wait().expect("user add").success());
    let config = data.join("config.toml");
    let text = std::fs::read_to_string(&config).expect("config.toml");
    assert!(text.contains("require_login = false"), "{text}");
    std::fs::write(
        &config,
        text.replace("require_login = false", "require_login = true"),
    )
    .expect("config written");

    let mut desk = Term::start(&data, NOW, (120, 35));
    desk.wait_for("Tài khoản:");
    desk.send("lan\r");
    desk.wait_for("Mật khẩu:");
    desk.send("mật-khẩu-lan-1\r");
    desk.wait_for("Lê Thị Lan (lan) · tiep-nhan");
    let code = receive(&mut desk, "Vũ Thị Hằng");
    desk.send(ESC);
    desk.wait_for("Bảng theo dõi");
    desk.quit();
    let shown = command(&data, &["show", &code]);
    assert!(
        shown.contains("— Lê Thị Lan — Tiếp nhận hồ sơ"),
        "the event names the account's clerk, not --operator:\n{shown}"
    );
    let json = command(&data, &["show", &code, "--json"]);
    assert!(
        json.contains("\"Lê Thị Lan (lan)\""),
        "the record keeps the login:\n{json}"
    );
}
