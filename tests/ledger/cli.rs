//! The real binary end to end: receive three dossiers, move them through their lives with
//! `--now`, each command a fresh process (a restart every time), find every one with its events,
//! `verify` passes; a forged event makes it fail; a second process is kept out; export → import
//! → export gives the same bytes.

use std::path::Path;
use std::process::{Command, Output};

use motcua::store::testing::Forge;
use motcua::store::{Store, keys, record};

pub fn motcua(data: &Path, now: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_motcua"))
        .arg("--data-dir")
        .arg(data)
        .args(["--now", now, "--operator", "Lê Thị Hoa"])
        .args(args)
        .output()
        .expect("the binary runs")
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).expect("utf8")
}

fn receive(data: &Path, now: &str, procedure: &str, name: &str) -> String {
    let out = ok(&motcua(
        data,
        now,
        &[
            "receive",
            "--procedure",
            procedure,
            "--name",
            name,
            "--phone",
            "0912345678",
        ],
    ));
    out.lines()
        .next()
        .expect("code on the first line")
        .to_owned()
}

fn show_json(data: &Path, code: &str) -> serde_json::Value {
    let out = ok(&motcua(data, "2026-03-20 09:00", &["show", code, "--json"]));
    serde_json::from_str(&out).expect("show --json is JSON")
}

#[test]
#[expect(
    clippy::too_many_lines,
    reason = "one story across restarts: each step checks what the earlier processes left on disk"
)]
fn three_lives_restart_verify_and_forgery() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    let a = receive(&data, "2026-03-02 08:00", "2.001035", "Nguyễn Văn Đức");
    let b = receive(&data, "2026-03-02 08:30", "2.001035", "Trần Thị Ánh");
    let c = receive(&data, "2026-03-02 09:00", "2.000815", "Lò Văn Páo");
    assert_eq!(a, "000.00.20.H30-260302-0001");
    assert_eq!(c, "000.00.20.H30-260302-0003");

    let steps: [(&str, &str, Vec<&str>); 9] = [
        (
            "2026-03-02 10:00",
            &a,
            vec!["transfer", "--to", "Tư pháp – hộ tịch"],
        ),
        ("2026-03-03 09:00", &a, vec!["result"]),
        (
            "2026-03-03 10:00",
            &a,
            vec!["hand-back", "--fee", "50000", "--rating", "Hài lòng"],
        ),
        (
            "2026-03-02 10:00",
            &b,
            vec!["transfer", "--to", "Tư pháp – hộ tịch"],
        ),
        (
            "2026-03-02 11:00",
            &b,
            vec![
                "supplement-request",
                "--reason",
                "Thiếu giấy tờ",
                "--items",
                "Bản sao CCCD",
            ],
        ),
        ("2026-03-04 08:00", &b, vec!["supplement-received"]),
        (
            "2026-03-05 15:00",
            &b,
            vec!["refuse", "--reason", "Không đủ điều kiện"],
        ),
        (
            "2026-03-02 09:30",
            &c,
            vec!["stop", "--reason", "Người nộp rút hồ sơ"],
        ),
        ("2026-03-02 09:40", &c, vec!["resume"]),
    ];
    for (i, (now, code, args)) in steps.iter().enumerate() {
        let mut full = vec![args[0], code];
        full.extend_from_slice(&args[1..]);
        let out = motcua(&data, now, &full);
        if i == 8 {
            assert_eq!(
                out.status.code(),
                Some(1),
                "resume of a stopped dossier is refused"
            );
            assert!(!out.stderr.is_empty());
        } else {
            ok(&out);
        }
    }
    let events = |code: &str| {
        show_json(&data, code)["events"]
            .as_array()
            .expect("events")
            .len()
    };
    assert_eq!(events(&a), 4);
    assert_eq!(events(&b), 5);
    assert_eq!(events(&c), 2);
    assert_eq!(show_json(&data, &a)["status"], "HandedBack");
    assert_eq!(show_json(&data, &b)["status"], "Refused");
    assert_eq!(show_json(&data, &c)["status"], "Stopped");

    let found = ok(&motcua(&data, "2026-03-20 09:00", &["search", "tran anh"]));
    assert!(found.contains(&b) && !found.contains(&a), "{found}");
    let text = ok(&motcua(&data, "2026-03-20 09:00", &["show", &b]));
    assert!(text.contains("Yêu cầu bổ sung: Thiếu giấy tờ"), "{text}");
    let listed = ok(&motcua(
        &data,
        "2026-03-20 09:00",
        &["list", "--received-on", "2026-03-02"],
    ));
    assert_eq!(listed.lines().count(), 3);
    ok(&motcua(&data, "2026-03-20 09:00", &["verify"]));

    // A second process on the same data directory is kept out with a clear message.
    let held = Store::open(&data).expect("open in the test");
    let out = motcua(&data, "2026-03-20 09:00", &["show", &a]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("đang được dùng bởi"));

    // Forge one event of `a` (as a tool editing sled directly would): verify must fail.
    let mut d = held.get_by_code(&a).expect("read").expect("there");
    d.events[1].operator = "Người khác".to_owned();
    held.forge_raw(
        keys::DOSSIERS,
        &keys::id_key(d.id.0),
        &record::encode_dossier(&d),
    )
    .expect("forge");
    drop(held);
    let out = motcua(&data, "2026-03-20 09:00", &["verify"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("đã bị sửa"));
}

#[test]
fn export_import_export_is_byte_identical() {
    let dir = tempfile::tempdir().expect("dir");
    let src = dir.path().join("src");
    let dst = dir.path().join("dst");
    for (i, name) in ["Hoàng Ngọc Lan", "Đặng Văn Nam", "Ngô Thị Ngân"]
        .iter()
        .enumerate()
    {
        let code = receive(&src, &format!("2026-03-0{} 09:00", i + 2), "2.001035", name);
        ok(&motcua(
            &src,
            "2026-03-06 09:00",
            &["transfer", &code, "--to", "Địa chính"],
        ));
    }
    let first = dir.path().join("first.jsonl");
    let second = dir.path().join("second.jsonl");
    ok(&motcua(
        &src,
        "2026-03-06 10:00",
        &[
            "export",
            "--format",
            "jsonl",
            "--out",
            first.to_str().expect("utf8"),
        ],
    ));
    ok(&motcua(
        &dst,
        "2026-03-06 10:00",
        &["import", first.to_str().expect("utf8")],
    ));
    ok(&motcua(
        &dst,
        "2026-03-06 10:00",
        &["export", "--out", second.to_str().expect("utf8")],
    ));
    let (x, y) = (
        std::fs::read(&first).expect("first"),
        std::fs::read(&second).expect("second"),
    );
    assert_eq!(x.iter().filter(|&&b| b == b'\n').count(), 3);
    assert_eq!(x, y);
    ok(&motcua(&dst, "2026-03-06 10:00", &["verify"]));
    let csv = ok(&motcua(
        &dst,
        "2026-03-06 10:00",
        &["export", "--format", "csv"],
    ));
    assert_eq!(csv.lines().count(), 4);

    // A broken line: nothing imported, the line number named, exit code 1.
    let bad = dir.path().join("bad.jsonl");
    let mut text = String::from_utf8(x).expect("utf8");
    text.push_str("{\"id\": 99}\n");
    std::fs::write(&bad, text).expect("write");
    let empty = dir.path().join("empty");
    let out = motcua(
        &empty,
        "2026-03-06 10:00",
        &["import", bad.to_str().expect("utf8")],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Dòng 4"));
    let listed = ok(&motcua(&empty, "2026-03-06 10:00", &["list", "--json"]));
    assert_eq!(listed.trim(), "[]");
}

#[test]
fn catalogue_export_import_and_a_bad_line() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    let now = "2026-03-02 09:00";
    let csv = dir.path().join("catalogue.csv");
    let csv_s = csv.to_str().expect("utf8");
    let before = ok(&motcua(&data, now, &["catalogue", "list", "--json"]));
    ok(&motcua(
        &data,
        now,
        &["catalogue", "export", "--out", csv_s],
    ));
    ok(&motcua(&data, now, &["catalogue", "import", csv_s]));
    assert_eq!(
        ok(&motcua(&data, now, &["catalogue", "list", "--json"])),
        before
    );

    let mut text = std::fs::read_to_string(&csv).expect("read");
    text.push_str("1.234,Thủ tục hỏng,Hộ tịch,không rõ,,,\n");
    let lines = text.lines().count();
    std::fs::write(&csv, text).expect("write");
    let out = motcua(&data, now, &["catalogue", "import", csv_s]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("Dòng {lines}")), "{err}");
    assert_eq!(
        ok(&motcua(&data, now, &["catalogue", "list", "--json"])),
        before
    );
}

#[test]
fn list_filters_on_the_command_line() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    let a = receive(&data, "2026-03-02 08:00", "2.000815", "Nguyễn Văn An");
    let b = receive(&data, "2026-03-02 08:10", "2.001035", "Trần Thị Bình");
    ok(&motcua(
        &data,
        "2026-03-02 09:00",
        &["transfer", &b, "--to", "Tư pháp"],
    ));
    let list = |now: &str, args: &[&str]| {
        let mut full = vec!["list"];
        full.extend_from_slice(args);
        ok(&motcua(&data, now, &full))
    };
    let received = list("2026-03-02 09:00", &["--status", "received"]);
    assert!(
        received.contains(&a) && !received.contains(&b),
        "{received}"
    );
    let processing = list("2026-03-02 09:00", &["--status", "in-processing"]);
    assert!(processing.contains(&b) && !processing.contains(&a));
    let soon = list("2026-03-02 16:30", &["--due-soon"]);
    assert!(soon.contains(&a) && !soon.contains(&b), "{soon}");
    let overdue = list("2026-03-03 09:00", &["--overdue", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&overdue).expect("json");
    assert_eq!(v.as_array().map(Vec::len), Some(1));
    assert_eq!(v[0]["code"], a.as_str());
    let bad = motcua(
        &data,
        "2026-03-03 09:00",
        &["list", "--received-on", "03/03/2026"],
    );
    assert_eq!(bad.status.code(), Some(1));
}

/// A clerk closing the day types `motcua report day`: without a date it is today's summary
/// (the date was required and the command failed with a usage error).
#[test]
fn report_day_without_a_date_is_today() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    receive(&data, "2026-03-02 08:00", "2.000815", "Nguyễn Văn An");
    let json = |args: &[&str]| -> serde_json::Value {
        let mut full = vec!["report", "day"];
        full.extend_from_slice(args);
        full.extend_from_slice(&["--format", "json"]);
        serde_json::from_str(&ok(&motcua(&data, "2026-03-02 16:00", &full))).expect("json")
    };
    let today = json(&[]);
    assert_eq!(today["date"], "2026-03-02");
    assert_eq!(today["received_total"], 1);
    assert_eq!(today, json(&["2026-03-02"]));
}
