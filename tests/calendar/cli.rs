//! `motcua calendar due|days|lunar` as scripts use it: the real binary, a temporary data
//! directory, and `TZ` set to another zone to show it does not matter.

use std::process::Command;

use super::NOTICE_2027;

fn motcua(data_dir: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_motcua"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env("TZ", "America/New_York")
        .output()
        .expect("motcua runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn cli_due_first_line_json_and_explain() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("not-created");
    let (code, out, _) = motcua(
        &missing,
        &[
            "calendar",
            "due",
            "--from",
            "2026-03-02 10:00",
            "--limit",
            "3d",
        ],
    );
    assert_eq!((code, out.as_str()), (0, "2026-03-05 17:00\n"));
    let (_, out, _) = motcua(
        &missing,
        &[
            "calendar",
            "due",
            "--from",
            "2026-03-02 16:00",
            "--limit",
            "same-day",
            "--explain",
        ],
    );
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("2026-03-03 17:00"));
    assert!(out.contains("sau 15:00"), "{out}");
    let (_, out, _) = motcua(
        &missing,
        &[
            "calendar",
            "due",
            "--from",
            "2026-03-02 10:00",
            "--limit",
            "4h",
            "--json",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["due"], "2026-03-02T16:00:00+07:00");
    assert!(v["explanation"]["days"].is_array());
    let (code, _, err) = motcua(
        &missing,
        &[
            "calendar",
            "due",
            "--from",
            "2026-03-02 10:00",
            "--limit",
            "3 tuần",
        ],
    );
    assert_eq!(code, 1);
    assert!(err.contains("không hợp lệ"), "{err}");
}

#[test]
fn cli_days_and_lunar() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (code, out, _) = motcua(dir.path(), &["calendar", "days", "2025"]);
    assert_eq!(code, 0);
    insta::with_settings!({ snapshot_path => "../snapshots" }, {
        insta::assert_snapshot!("calendar_days_2025", out);
    });
    let (_, out, _) = motcua(dir.path(), &["calendar", "lunar", "2023-03-22"]);
    assert_eq!(out, "1/2/2023 nhuận\n");
    let (_, out, _) = motcua(dir.path(), &["calendar", "lunar", "2026-02-17"]);
    assert_eq!(out, "1/1/2026\n");
    let (code, _, err) = motcua(dir.path(), &["calendar", "lunar", "2300-01-01"]);
    assert_eq!(code, 1);
    assert!(err.contains("1900–2100"), "{err}");
}

#[test]
fn cli_reads_notice_files_and_office_hours() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("calendar")).expect("mkdir");
    std::fs::write(dir.path().join("calendar/2027.toml"), NOTICE_2027).expect("write");
    std::fs::write(
        dir.path().join("config.toml"),
        "[office_hours]\nsessions = [\"08:00-12:00\", \"13:00-17:00\"]\n",
    )
    .expect("write");
    let (code, out, _) = motcua(dir.path(), &["calendar", "days", "2027"]);
    assert_eq!(code, 0);
    assert!(out.contains("2027-02-04\toff\tTết Nguyên đán\n"), "{out}");
    assert!(
        out.contains("2027-02-20\twork\tLàm bù cho ngày 04/02/2027\n"),
        "{out}"
    );
    let (_, out, _) = motcua(
        dir.path(),
        &[
            "calendar",
            "due",
            "--from",
            "2027-03-01 09:00",
            "--limit",
            "0.5d",
        ],
    );
    // Half of 480 minutes from Tuesday 08:00.
    assert_eq!(out, "2027-03-02 12:00\n");
    std::fs::write(
        dir.path().join("calendar/2028.toml"),
        "[[work]]\ndate = \"x\"\nname = \"y\"\n",
    )
    .expect("write");
    let (code, _, _) = motcua(dir.path(), &["calendar", "lunar", "2026-01-01"]);
    assert_eq!(code, 0, "lunar does not need the notices");
    let (code, _, err) = motcua(dir.path(), &["calendar", "days", "2028"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("2028.toml") && err.contains("dòng 2"), "{err}");
}

#[test]
fn cli_days_2024_lists_the_swap_of_29_april() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (code, out, _) = motcua(dir.path(), &["calendar", "days", "2024"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("2024-04-29\toff\tNghỉ lễ 30/4 – 1/5 (hoán đổi, làm bù thứ Bảy 04/5)\n"),
        "{out}"
    );
    assert!(
        out.contains("2024-05-04\twork\tLàm bù cho ngày nghỉ 29/4/2024\n"),
        "{out}"
    );
}
