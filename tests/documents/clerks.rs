//! Issue 16 item 9 at the command line: the clerk's figures of a period by receiving officer
//! and by processing unit (`motcua report figures`), and the call list of results waiting for
//! collection (`motcua report call-list`), as text (snapshots), JSON and PDF.

use std::path::Path;

use super::forms::squash;

const TU_PHAP: &str = "Công chức Tư pháp – hộ tịch";
const VAN_HOA: &str = "Công chức Văn hóa – xã hội";

fn run(dir: &Path, now: &str, operator: &str, args: &[&str]) -> String {
    let (code, out, err) = crate::support::motcua(dir, now, operator, args);
    assert_eq!(code, 0, "motcua {args:?} failed: {err}");
    out
}

/// Receives a guardianship registration (three working days) and returns its code.
fn receive(dir: &Path, now: &str, operator: &str, name: &str, phone: &str) -> String {
    let mut args = vec![
        "receive",
        "--procedure",
        "TS.HT.03",
        "--name",
        name,
        "--id-number",
        "020190001234",
    ];
    if !phone.is_empty() {
        args.extend(["--phone", phone]);
    }
    let out = run(dir, now, operator, &args);
    out.lines().next().expect("the code").trim().to_owned()
}

/// Two officers, two units: one dossier resolved early, one late after an apology letter, one
/// still at the desk.
fn ledger(dir: &Path) {
    let hoa = "Lê Thị Hoa";
    let quan = "Phạm Văn Quân";
    let a = receive(dir, "2026-12-01 09:00", hoa, "Nguyễn Văn An", "0912345678");
    let b = receive(dir, "2026-12-01 09:10", quan, "Trần Thị Bình", "");
    run(
        dir,
        "2026-12-01 10:00",
        hoa,
        &["transfer", "--to", TU_PHAP, &a],
    );
    run(
        dir,
        "2026-12-01 10:05",
        quan,
        &["transfer", "--to", VAN_HOA, &b],
    );
    run(dir, "2026-12-02 10:00", hoa, &["result", &a]);
    let apology = [
        "apology",
        "--reason",
        "Chờ xác minh",
        "--signer",
        "Nguyễn Văn Hùng",
        &b,
    ];
    run(dir, "2026-12-04 08:00", quan, &apology);
    run(dir, "2026-12-07 10:00", quan, &["result", &b]);
    receive(dir, "2026-12-09 09:00", hoa, "Lò Văn Chiến", "");
}

#[test]
fn figures_by_officer_and_unit() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    ledger(&data);
    let now = "2026-12-10 09:00";
    let who = "Lê Thị Hoa";
    let period = [
        "report",
        "figures",
        "--from",
        "2026-12-01",
        "--to",
        "2026-12-10",
    ];
    snap!("clerk_figures", run(&data, now, who, &period));
    let mut json_args = period.to_vec();
    json_args.extend(["--format", "json"]);
    let v: serde_json::Value =
        serde_json::from_str(&run(&data, now, who, &json_args)).expect("JSON");
    let row = |group: &str, name: &str| {
        v[group]
            .as_array()
            .expect("rows")
            .iter()
            .find(|r| r["name"] == name)
            .unwrap_or_else(|| panic!("{group} has {name}: {v}"))
            .clone()
    };
    let hoa = row("by_officer", "Lê Thị Hoa");
    assert_eq!(
        (hoa["received"].as_u64(), hoa["resolved_early"].as_u64()),
        (Some(2), Some(1))
    );
    let quan = row("by_officer", "Phạm Văn Quân");
    assert_eq!(quan["resolved_late"].as_u64(), Some(1));
    assert_eq!(quan["apology_letters"].as_u64(), Some(1));
    assert_eq!(row("by_unit", VAN_HOA)["resolved_late"].as_u64(), Some(1));
    assert_eq!(row("by_unit", TU_PHAP)["resolved_early"].as_u64(), Some(1));
    assert_eq!(
        row("by_unit", "Chưa chuyển xử lý")["received"].as_u64(),
        Some(1)
    );
    assert_eq!(v["total"]["received"].as_u64(), Some(3));

    // a range ending before it starts is refused as for Biểu 06
    let (code, _, err) = crate::support::motcua(
        &data,
        now,
        who,
        &[
            "report",
            "figures",
            "--from",
            "2026-12-10",
            "--to",
            "2026-12-01",
        ],
    );
    assert_ne!(code, 0);
    assert!(
        err.contains("ngày bắt đầu 10/12/2026 sau ngày kết thúc 01/12/2026"),
        "{err}"
    );
}

#[test]
fn the_call_list_longest_waiting_first() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    ledger(&data);
    let now = "2026-12-10 09:00";
    let who = "Lê Thị Hoa";
    let calls = run(&data, now, who, &["report", "call-list"]);
    snap!("call_list", calls.clone());
    let first = calls.find("261201-0001").expect("waiting since 02/12");
    let second = calls.find("261201-0002").expect("waiting since 07/12");
    assert!(first < second, "longest waiting first:\n{calls}");
    let pdf = data.join("goi.pdf");
    run(
        &data,
        now,
        who,
        &["report", "call-list", "--out", pdf.to_str().expect("utf-8")],
    );
    let text = squash(
        &pdf_extract::extract_text_from_mem(&std::fs::read(&pdf).expect("PDF")).expect("readable"),
    );
    for needle in [
        "DANH SÁCH GỌI CÔNG DÂN NHẬN KẾT QUẢ",
        "0912345678",
        "Trần Thị Bình",
    ] {
        assert!(
            text.contains(needle),
            "the call list lacks {needle:?}: {text}"
        );
    }
}
