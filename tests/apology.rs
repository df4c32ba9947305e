//! Late dossiers and apology letters end to end, through the real binary (issue 5): a dossier
//! reaches its apology deadline, shows in `motcua late` and on the desk's "Cần xin lỗi" list,
//! the apology is issued once, a second is refused, and missing the new date escalates.

use std::path::Path;
use std::process::Command;

use motcua::calendar::parse_local;
use motcua::desk::{Desk, ListFilter};

/// Runs the binary on `data_dir` at `now`; returns (exit code, stdout, stderr).
fn motcua(data_dir: &Path, now: &str, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_motcua"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(["--now", now, "--operator", "Lý Thị Hoa"])
        .args(args)
        .output()
        .expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Receives a 2-working-day dossier (chứng thực giao dịch) on Wednesday 11/02/2026, due Friday
/// 13/02/2026 17:00, the last working day before Tết; returns its code.
fn receive(dir: &Path) -> String {
    let (code, out, err) = motcua(
        dir,
        "2026-02-11 09:00",
        &[
            "receive",
            "--procedure",
            "2.001035",
            "--name",
            "Nguyễn Văn Ân",
            "--id-number",
            "020090001234",
        ],
    );
    assert_eq!(code, 0, "receive failed: {err}");
    out.lines()
        .next()
        .expect("the code on the first line")
        .trim()
        .to_owned()
}

fn late_json(dir: &Path, now: &str) -> Vec<serde_json::Value> {
    let (code, out, err) = motcua(dir, now, &["late", "--json"]);
    assert_eq!(code, 0, "late failed: {err}");
    serde_json::from_str(&out).expect("late --json prints a JSON array")
}

fn board_apology_tab(dir: &Path, now: &str) -> Vec<String> {
    let desk = Desk::open(dir).expect("desk opens");
    let now = parse_local(now).expect("valid time");
    desk.list(ListFilter::ApologyNeeded, now, 0, 50)
        .expect("list")
        .into_iter()
        .map(|d| d.code.as_str().to_owned())
        .collect()
}

#[test]
fn the_duty_from_deadline_to_escalation() {
    let dir = tempfile::tempdir().expect("temp dir");
    let dir = dir.path();
    let code = receive(dir);

    // One minute before the deadline (one working day before the due instant): nothing owed.
    assert!(late_json(dir, "2026-02-12 16:59").is_empty());
    assert!(board_apology_tab(dir, "2026-02-12 16:59").is_empty());

    // At the deadline: apology due, on the CLI list and on the board's "Cần xin lỗi" tab.
    let rows = late_json(dir, "2026-02-12 17:00");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["code"], code.as_str());
    assert_eq!(rows[0]["duty"], "due");
    assert_eq!(rows[0]["deadline"], "2026-02-12T17:00:00+07:00");
    assert_eq!(rows[0]["due"], "2026-02-13T17:00:00+07:00");
    assert_eq!(
        board_apology_tab(dir, "2026-02-12 17:00"),
        vec![code.clone()]
    );

    // An empty reason is refused, and nothing is recorded.
    let (rc, _, err) = motcua(
        dir,
        "2026-02-12 17:00",
        &[
            "apology",
            &code,
            "--reason",
            "  ",
            "--signer",
            "Hoàng Văn Bình",
        ],
    );
    assert_eq!(rc, 1);
    assert!(err.contains("Lý do"), "{err}");
    assert_eq!(late_json(dir, "2026-02-12 17:00").len(), 1);

    // Issued: the letter number comes first, and the dossier leaves the list.
    let (rc, out, err) = motcua(
        dir,
        "2026-02-12 17:00",
        &[
            "apology",
            &code,
            "--reason",
            "Cần xác minh nguồn gốc tài sản",
            "--new-due",
            "2026-02-25 17:00",
            "--signer",
            "Hoàng Văn Bình",
            "--notified",
            "sms",
        ],
    );
    assert_eq!(rc, 0, "{err}");
    assert_eq!(out.lines().next(), Some("01/PXL"));
    assert!(late_json(dir, "2026-02-24 10:00").is_empty());

    // A second apology for the same dossier is refused with a clear message.
    let (rc, _, err) = motcua(
        dir,
        "2026-02-13 08:00",
        &[
            "apology",
            &code,
            "--reason",
            "Lần hai",
            "--signer",
            "Hoàng Văn Bình",
        ],
    );
    assert_eq!(rc, 1);
    assert!(err.contains("một lần"), "{err}");

    // Past the new appointment without a result: escalate.
    let rows = late_json(dir, "2026-02-26 08:00");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["duty"], "new_due_missed");
    assert_eq!(rows[0]["new_due"], "2026-02-25T17:00:00+07:00");
    assert_eq!(
        board_apology_tab(dir, "2026-02-26 08:00"),
        vec![code.clone()]
    );

    // The apology survives a restart and shows in the dossier's timeline.
    let (rc, out, _) = motcua(dir, "2026-02-26 08:00", &["show", &code]);
    assert_eq!(rc, 0);
    assert!(out.contains("01/PXL"), "{out}");
}

#[test]
fn a_new_date_before_the_due_date_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let code = receive(dir.path());
    let (rc, _, err) = motcua(
        dir.path(),
        "2026-02-12 17:00",
        &[
            "apology",
            &code,
            "--reason",
            "Cần xác minh",
            "--new-due",
            "2026-02-13 10:00",
            "--signer",
            "Hoàng Văn Bình",
        ],
    );
    assert_eq!(rc, 1, "{err}");
    assert!(
        late_json(dir.path(), "2026-02-12 17:00").len() == 1,
        "nothing recorded"
    );
}

#[test]
fn no_signer_no_letter() {
    let dir = tempfile::tempdir().expect("temp dir");
    let code = receive(dir.path());
    let (rc, _, err) = motcua(
        dir.path(),
        "2026-02-12 17:00",
        &["apology", &code, "--reason", "Cần xác minh"],
    );
    assert_eq!(rc, 1);
    assert!(err.contains("--signer"), "{err}");
}
