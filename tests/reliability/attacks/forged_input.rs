//! Attack 10's import and fee points (the import ignored the intake limits and unknown fields;
//! a huge fee made the day's total wrap) and attack 8 (masking saw ASCII digits only).

use motcua::domain::{EventKind, ReceiptFacts, project};
use motcua::store::Store;
use serde_json::json;

use super::super::fixtures::{arg, at, event, stderr, stdout};
use super::{export_lines, import, receive, run, run_at, verified};

/// One exported line with `change` (named `what`) applied, imported into a fresh directory:
/// the refusal.
fn refused_import(what: &str, change: impl Fn(&mut serde_json::Value)) -> String {
    let dir = tempfile::tempdir().expect("dir");
    let source = dir.path().join("a");
    let code = receive(&source, "Nguyễn Văn An", &["--phone", "0912345678"]);
    for step in [
        vec!["transfer", &code, "--to", "Tư pháp"],
        vec!["result", &code],
        vec!["hand-back", &code, "--rating", "Hài lòng"],
    ] {
        let o = run(&source, &step);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    let mut line = export_lines(&source)[0].clone();
    change(&mut line);
    let target = dir.path().join("b");
    let o = import(&target, &dir.path().join("x.jsonl"), &[line]);
    assert_eq!(o.status.code(), Some(1), "{what} imported: {}", stdout(&o));
    stderr(&o)
}

/// One change to an exported line.
type Edit = Box<dyn Fn(&mut serde_json::Value)>;

#[test]
fn attack_10_import_applies_every_intake_limit() {
    let cases: Vec<(&str, Edit)> = vec![
        (
            "dòng dài quá",
            Box::new(|l| l["applicant"]["address"] = json!("x".repeat(10_000_000))),
        ),
        (
            "applicant.address",
            Box::new(|l| l["applicant"]["address"] = json!("x".repeat(251))),
        ),
        ("sets", Box::new(|l| l["sets"] = json!(4_000_000_000u32))),
        (
            "rating",
            Box::new(|l| l["events"][3]["kind"]["HandedBack"]["rating"] = json!("Tuyệt")),
        ),
        (
            "fee_vnd",
            Box::new(|l| l["events"][3]["kind"]["HandedBack"]["fee_vnd"] = json!(u64::MAX)),
        ),
        (
            "trường không biết",
            Box::new(|l| l["priority"] = json!("cao")),
        ),
        (
            "trường không biết",
            Box::new(|l| l["applicant"]["nickname"] = json!("x")),
        ),
        (
            "events[0].operator",
            Box::new(|l| l["events"][0]["operator"] = json!("\u{1b}[31mX")),
        ),
        (
            "applicant.address",
            Box::new(|l| l["applicant"]["address"] = json!("\u{1b}]0;PWNED\u{7}\u{1b}[2J")),
        ),
        (
            "applicant.phone",
            Box::new(|l| l["applicant"]["phone"] = json!("٠٩١٢٣٤٥٦٧٨")),
        ),
    ];
    for (field, change) in cases {
        let why = refused_import(field, change);
        assert!(
            why.contains("Dòng 1") && why.contains(field),
            "{field}: {why}"
        );
    }
}

#[test]
fn attack_10_a_fee_has_an_upper_bound_and_sums_do_not_wrap() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    let code = receive(&data, "Nguyễn Văn An", &[]);
    for step in [
        vec!["transfer", &code, "--to", "Tư pháp"],
        vec!["result", &code],
    ] {
        let o = run(&data, &step);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    let o = run(&data, &["hand-back", &code, "--fee", "9223372036854775807"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(
        stderr(&o).contains(motcua::domain::Field::Fee.label()),
        "{}",
        stderr(&o)
    );
    let o = run(&data, &["hand-back", &code, "--fee", "1000000000"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run(&data, &["report", "day", "2026-03-02", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(report["fees_vnd"], json!(1_000_000_000u64));
}

#[test]
fn attack_8_digits_are_normalised_on_input_and_masked_by_meaning() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    receive(
        &data,
        "Nguyễn Thị Mai",
        &[
            "--id-number",
            "００１０８５０１２３４５",
            "--phone",
            "０９１２３４５６７８",
        ],
    );
    let line = &export_lines(&data)[0];
    assert_eq!(line["applicant"]["id_number"], json!("001085012345"));
    assert_eq!(line["applicant"]["phone"], json!("0912345678"));
    // Digits of another script are refused at the desk and at import.
    let o = run(
        &data,
        &[
            "receive",
            "--procedure",
            "2.000815",
            "--name",
            "Lê Văn Cường",
            "--phone",
            "٠٩١٢٣٤٥٦٧٨",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    // Data stored before these rules is masked by meaning all the same.
    let d = motcua::desk::mask_personal({
        let mut d: motcua::domain::Dossier = serde_json::from_value(line.clone()).expect("dossier");
        d.applicant.id_number = "００１０８５０１２３４５".to_owned();
        d.applicant.phone = "٠٩١٢٣٤٥٦٧٨".to_owned();
        d
    });
    assert_eq!(d.applicant.id_number, "*********３４５");
    assert_eq!(d.applicant.phone, "*******٦٧٨");
    let o = run(&data, &["export", "--format", "csv", "--mask-personal"]);
    assert!(!stdout(&o).contains("0912345678") && stdout(&o).contains("*******678"));
    verified(&data);
    let _ = arg;
}

/// Fees written before the bound (an older build took any fee: forged here through the store,
/// as that build wrote them) still add up: the day's total, from the day's tallies (the day
/// itself) or from the dossiers (a later day), saturates at the largest sum it can show and
/// never wraps to a small or negative figure. `u64::MAX` and 2 wrap to 1 in a `u64`, and to a
/// negative tally (shown as 0) in an `i64`.
#[test]
fn attack_10_fee_sums_of_older_data_saturate_and_never_wrap() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    let codes = [
        receive(&data, "Nguyễn Văn An", &[]),
        receive(&data, "Trần Thị Bình", &[]),
    ];
    for code in &codes {
        for step in [
            vec!["transfer", code, "--to", "Tư pháp"],
            vec!["result", code],
        ] {
            let o = run(&data, &step);
            assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        }
    }
    {
        let store = Store::open(&data).expect("store");
        for (code, fee_vnd) in codes.iter().zip([u64::MAX, 2]) {
            let id = store.id_by_code(code).expect("read").expect("id");
            let d = store.get(id).expect("read").expect("dossier");
            let mut events = d.events.clone();
            events.push(event(
                at("2026-03-02 09:00"),
                EventKind::HandedBack {
                    to: String::new(),
                    fee_vnd,
                    rating: String::new(),
                },
            ));
            let after = project(d.id, d.code.clone(), ReceiptFacts::at_intake(&d), events)
                .expect("a hand-back follows a result");
            store.update(&after, d.events.len()).expect("older data");
        }
    }
    let least = u64::try_from(i64::MAX).expect("fits");
    for now in ["2026-03-02 18:00", "2026-03-03 09:00"] {
        let o = run_at(
            &data,
            now,
            &["report", "day", "2026-03-02", "--format", "json"],
        );
        assert_eq!(o.status.code(), Some(0), "{now}: {}", stderr(&o));
        let report: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
        let total = report["fees_vnd"].as_u64().expect("a number");
        assert!(total >= least, "{now}: the day's fees wrapped to {total}");
    }
}
