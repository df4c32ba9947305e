//! `motcua correct` and `motcua undo` as a clerk types them: each a fresh process, a refusal
//! exits 1 naming the rule, and `verify` passes with the corrected and undone events in the chain.

use std::process::Output;

use super::cli::motcua;

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        out.status.code(),
        stdout(out),
        stderr(out)
    );
    stdout(out)
}

/// Asserts a refusal (exit 1) whose message contains `why`.
fn refused(out: &Output, why: &str) {
    assert_eq!(out.status.code(), Some(1), "{}{}", stdout(out), stderr(out));
    let said = format!("{}{}", stdout(out), stderr(out));
    assert!(said.contains(why), "the refusal lacks {why:?}: {said}");
}

#[test]
#[expect(
    clippy::too_many_lines,
    reason = "one story at the command line: each correction and undo reads what the steps before wrote"
)]
fn correct_and_undo_on_the_command_line() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    let now = "2026-03-02 08:00";
    let out = ok(&motcua(
        &data,
        now,
        &[
            "receive",
            "--procedure",
            "2.001035",
            "--name",
            "Nguyen Van Duc",
        ],
    ));
    let code = out.lines().next().expect("the code").to_owned();
    let run = |now: &str, args: &[&str]| {
        let mut full = args.to_vec();
        full.insert(1, &code);
        motcua(&data, now, &full)
    };
    let fix = [
        "correct",
        "--field",
        "ten",
        "--value",
        "Nguyễn Văn Đức",
        "--reason",
        "Gõ thiếu dấu",
    ];
    ok(&run("2026-03-02 08:05", &fix));
    // the same value again is no correction
    refused(&run("2026-03-02 08:06", &fix), "Nguyễn Văn Đức");
    // a reason is required by the domain
    refused(
        &run(
            "2026-03-02 08:07",
            &[
                "correct",
                "--field",
                "dien-thoai",
                "--value",
                "0912345678",
                "--reason",
                " ",
            ],
        ),
        "Lý do",
    );
    ok(&run(
        "2026-03-02 08:08",
        &[
            "correct",
            "--field",
            "so-bo",
            "--value",
            "2",
            "--reason",
            "Nộp 2 bộ",
        ],
    ));
    // a correction is corrected again, not undone
    refused(
        &run("2026-03-02 08:09", &["undo", "--reason", "nhầm"]),
        "sửa lại",
    );
    ok(&run(
        "2026-03-02 09:00",
        &["transfer", "--to", "Tư pháp – hộ tịch"],
    ));
    // after the hand-over the procedure stays
    refused(
        &run(
            "2026-03-02 09:05",
            &[
                "correct",
                "--field",
                "thu-tuc",
                "--value",
                "2.000815",
                "--reason",
                "Nhầm thủ tục",
            ],
        ),
        "trước khi chuyển hồ sơ",
    );
    // another clerk cannot take back this clerk's step, nor can anyone on another day
    let other = std::process::Command::new(env!("CARGO_BIN_EXE_motcua"))
        .arg("--data-dir")
        .arg(&data)
        .args(["--now", "2026-03-02 09:10", "--operator", "Trần Văn Nam"])
        .args(["undo", &code, "--reason", "nhầm"])
        .output()
        .expect("the binary runs");
    refused(&other, "chỉ người đã làm mới hoàn tác được");
    refused(
        &run("2026-03-03 08:00", &["undo", "--reason", "nhầm"]),
        "chỉ hoàn tác được trong ngày",
    );
    ok(&run(
        "2026-03-02 09:15",
        &["undo", "--reason", "Chuyển nhầm đơn vị"],
    ));
    // back at the desk: the procedure can be corrected now, and the due moves with it
    ok(&run(
        "2026-03-02 09:20",
        &[
            "correct",
            "--field",
            "thu-tuc",
            "--value",
            "2.000815",
            "--reason",
            "Nhầm thủ tục",
        ],
    ));
    refused(
        &run(
            "2026-03-02 09:21",
            &[
                "correct", "--field", "thu-tuc", "--value", "9.999999", "--reason", "x",
            ],
        ),
        "Không có thủ tục mã",
    );
    let shown: serde_json::Value =
        serde_json::from_str(&ok(&run("2026-03-02 09:30", &["show", "--json"]))).expect("JSON");
    let text = shown.to_string();
    assert!(
        text.contains("Nguyễn Văn Đức") && text.contains("2.000815"),
        "{text}"
    );
    assert!(
        text.contains("Corrected") && text.contains("Undone"),
        "{text}"
    );
    ok(&motcua(&data, "2026-03-02 09:40", &["verify"]));
}
