//! Golden bytes: the committed V1 fixtures must decode to the same values forever, and today's
//! encoder must still write exactly those bytes (a released layout never changes).

use motcua::domain::{EventKind, FeeRule, Notification, Procedure, ProcedureCode};
use motcua::store::record;

use super::fixtures::{at, dossier, event};

fn golden_dossier() -> motcua::domain::Dossier {
    let mut d = dossier("Nguyễn Văn Đức", at("2026-03-02 09:15"));
    d.id = motcua::domain::DossierId(42);
    d.code = motcua::domain::DossierCode::parse("000.00.20.H30-260302-0001")
        .expect("a well-formed code");
    d.new_due_at = Some(at("2026-03-09 17:00"));
    d.status = motcua::domain::Status::InProcessing;
    d.events.push(event(
        at("2026-03-02 10:00"),
        EventKind::Transferred {
            from: "Bộ phận Một cửa".to_owned(),
            to: "Tư pháp – hộ tịch".to_owned(),
        },
    ));
    d.events.push(event(
        at("2026-03-04 08:00"),
        EventKind::ApologyIssued {
            number: 7,
            year: 2026,
            reason: "Chờ xác minh".to_owned(),
            new_due: at("2026-03-09 17:00"),
            signer: "Chủ tịch UBND xã".to_owned(),
            notified: Notification::Sms,
        },
    ));
    d.events.push(event(
        at("2026-03-09 16:00"),
        EventKind::HandedBack {
            to: "Nguyễn Văn Đức".to_owned(),
            fee_vnd: 12_000,
            rating: "Hài lòng".to_owned(),
        },
    ));
    d
}

fn golden_procedure() -> Procedure {
    Procedure {
        code: ProcedureCode("2.000815".to_owned()),
        name: "Chứng thực bản sao từ bản chính giấy tờ, văn bản".to_owned(),
        field: "Chứng thực".to_owned(),
        time_limit: motcua::calendar::TimeLimit::SameDay,
        fee: FeeRule::PerPage {
            first_pages: 2,
            first: 2_000,
            then: 1_000,
            cap: 200_000,
        },
        documents: vec!["Bản chính".to_owned()],
        unit: "Tư pháp – hộ tịch".to_owned(),
        pausable: false,
        note: String::new(),
    }
}

const DOSSIER_V1: &[u8] = include_bytes!("../fixtures/ledger/dossier_v1.bin");
const DOSSIER_V2: &[u8] = include_bytes!("../fixtures/ledger/dossier_v2.bin");
const PROCEDURE_V1: &[u8] = include_bytes!("../fixtures/ledger/procedure_v1.bin");

/// Regenerates the fixtures (run once when a version is released:
/// `MOTCUA_WRITE_GOLDEN=1 cargo test --test main ledger::golden`).
fn maybe_write(name: &str, bytes: &[u8]) {
    if std::env::var_os("MOTCUA_WRITE_GOLDEN").is_some() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/ledger")
            .join(name);
        std::fs::create_dir_all(path.parent().expect("has parent")).expect("mkdir");
        std::fs::write(path, bytes).expect("write fixture");
    }
}

#[test]
fn dossier_v1_golden_bytes() {
    let mut d = golden_dossier();
    // Layout 1 never held the dues events set.
    d.events[0].due = None;
    let bytes = record::encode_dossier_v1(&d).expect("a timeline layout 1 can hold");
    assert_eq!(DOSSIER_V1[0], 0, "V1 is variant 0");
    let decoded = record::decode_dossier("dossiers", b"k", DOSSIER_V1).expect("V1 decodes");
    assert_eq!(decoded, d);
    assert_eq!(
        bytes, DOSSIER_V1,
        "the V1 layout changed: add a new version instead"
    );
}

/// Layout 2: the record is the timeline; every fact is projected from it. A consistent life:
/// received, handed over, an apology, the name corrected, a hand-over undone, the result.
fn golden_dossier_v2() -> motcua::domain::Dossier {
    use motcua::domain::{Correction, Event, ReceiptFacts, project};
    let mut base = dossier("Nguyễn Văn Đức", at("2026-03-02 09:15"));
    base.id = motcua::domain::DossierId(42);
    base.code = motcua::domain::DossierCode::parse("000.00.20.H30-260302-0001").expect("code");
    base.due_at = at("2026-03-05 17:00");
    base.events[0].due = Some(at("2026-03-05 17:00"));
    let receipt = ReceiptFacts::at_intake(&base);
    let mut events = base.events.clone();
    let to = |unit: &str| EventKind::Transferred {
        from: "Bộ phận Một cửa".to_owned(),
        to: unit.to_owned(),
    };
    events.push(event(at("2026-03-02 10:00"), to("Tư pháp – hộ tịch")));
    events.push(event(
        at("2026-03-04 08:00"),
        EventKind::ApologyIssued {
            number: 7,
            year: 2026,
            reason: "Chờ xác minh".to_owned(),
            new_due: at("2026-03-09 17:00"),
            signer: "Chủ tịch UBND xã".to_owned(),
            notified: Notification::Sms,
        },
    ));
    events.push(event(
        at("2026-03-04 09:00"),
        EventKind::Corrected {
            old: Correction::Name("Nguyễn Văn Đức".to_owned()),
            new: Correction::Name("Nguyễn Văn Đắc".to_owned()),
            reason: "Ghi sai tên".to_owned(),
        },
    ));
    events.push(event(at("2026-03-04 10:00"), to("Địa chính – xây dựng")));
    events.push(Event {
        due: None,
        ..event(
            at("2026-03-04 10:05"),
            EventKind::Undone {
                event: 4,
                reason: "Chuyển nhầm đơn vị".to_owned(),
            },
        )
    });
    events.push(event(at("2026-03-09 16:00"), EventKind::ResultReady));
    project(base.id, base.code, receipt, events).expect("a consistent timeline")
}

#[test]
fn dossier_v2_golden_bytes() {
    let d = golden_dossier_v2();
    assert_eq!(d.applicant.name, "Nguyễn Văn Đắc", "the correction counts");
    assert_eq!(d.status, motcua::domain::Status::ResultReady);
    let bytes = record::encode_dossier(&d);
    maybe_write("dossier_v2.bin", &bytes);
    assert_eq!(DOSSIER_V2[0], 1, "V2 is variant 1");
    let decoded = record::decode_dossier("dossiers", b"k", DOSSIER_V2).expect("V2 decodes");
    assert_eq!(decoded, d);
    assert_eq!(
        bytes, DOSSIER_V2,
        "the V2 layout changed: add a new version instead"
    );
}

#[test]
fn procedure_v1_golden_bytes() {
    let p = golden_procedure();
    let bytes = record::encode_procedure(&p);
    maybe_write("procedure_v1.bin", &bytes);
    let decoded = record::decode_procedure("catalogue", b"k", PROCEDURE_V1).expect("V1 decodes");
    assert_eq!(decoded, p);
    assert_eq!(bytes, PROCEDURE_V1);
}

#[test]
fn unknown_version_names_the_key() {
    let mut bytes = DOSSIER_V1.to_vec();
    bytes[0] = 2;
    let err = record::decode_dossier("dossiers", b"\x00\x00\x00\x00\x00\x00\x00\x2a", &bytes)
        .expect_err("V3 is unknown to this build");
    let msg = err.to_string();
    assert!(msg.contains("dossiers/000000000000002a"), "{msg}");
    assert!(msg.contains("phiên bản 3"), "{msg}");
}

#[test]
fn truncated_record_is_an_error_not_a_panic() {
    for len in 0..DOSSIER_V1.len() {
        assert!(record::decode_dossier("dossiers", b"k", &DOSSIER_V1[..len]).is_err());
    }
    let mut long = DOSSIER_V1.to_vec();
    long.push(0);
    assert!(record::decode_dossier("dossiers", b"k", &long).is_err());
}
