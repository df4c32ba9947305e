//! Builders for ledger tests: a dossier with every field filled, instants, temporary stores.

use motcua::calendar::{LocalTime, TimeLimit, parse_local};
use motcua::domain::{
    Applicant, ApplicantKind, Channel, Dossier, DossierCode, DossierId, Event, EventKind, Status,
};
use motcua::store::Store;

pub fn at(s: &str) -> LocalTime {
    parse_local(s).expect("test instant")
}

pub fn event(at: LocalTime, kind: EventKind) -> Event {
    Event {
        at,
        operator: "Lê Thị Hoa".to_owned(),
        note: String::new(),
        kind,
    }
}

/// A received dossier (id and code are placeholders the store replaces).
pub fn dossier(name: &str, received: LocalTime) -> Dossier {
    Dossier {
        id: DossierId(0),
        code: DossierCode::unassigned(),
        procedure: motcua::domain::ProcedureCode("2.000815".to_owned()),
        procedure_name: "Chứng thực bản sao từ bản chính giấy tờ, văn bản".to_owned(),
        field: "Chứng thực".to_owned(),
        time_limit: TimeLimit::WorkingDays(300),
        pausable: false,
        applicant: Applicant {
            kind: ApplicantKind::Person,
            name: name.to_owned(),
            id_number: "001085012345".to_owned(),
            address: "Thôn Nà Làng, xã Thanh Sơn".to_owned(),
            phone: "0912 345 678".to_owned(),
            email: String::new(),
            representative: String::new(),
        },
        channel: Channel::Direct,
        sets: 1,
        documents: vec!["Bản chính".to_owned(), "Bản sao".to_owned()],
        received_at: received,
        received_by: "Lê Thị Hoa".to_owned(),
        due_at: received + chrono::Duration::days(3),
        new_due_at: None,
        status: Status::Received,
        events: vec![event(received, EventKind::Received)],
    }
}

/// The code a test store issues: `TEST-YYMMDD-NNNN`.
pub fn code_for(received: LocalTime) -> impl Fn(u64) -> DossierCode {
    move |seq| {
        DossierCode::format(
            "TEST",
            received.date(),
            u32::try_from(seq).expect("a test day has few dossiers"),
        )
    }
}

pub fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path()).expect("store opens");
    (dir, store)
}
