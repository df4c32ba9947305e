//! What the test areas share: instants, a filled-in dossier draft for the store, the codes a
//! test store issues, the real binary run on a temporary data directory, and [`headless`], the
//! whole desk driven by keys without a terminal. A fixture used by more than one area lives
//! here, not in a copy per area.

#![allow(dead_code)] // each area uses its own share of the builders

pub mod headless;

use std::path::Path;
use std::process::Command;

use motcua::calendar::{DayHundredths, LocalTime, TimeLimit, parse_local};
use motcua::domain::{
    Applicant, ApplicantKind, Channel, Dossier, DossierCode, DossierId, Event, EventKind,
    ProcedureCode, Status,
};

/// `at("2026-03-02 08:05")`: a Vietnam local time.
pub fn at(s: &str) -> LocalTime {
    parse_local(s).unwrap_or_else(|| panic!("bad test instant {s:?}"))
}

/// An event by "Lê Thị Hoa" with no note.
pub fn event(at: LocalTime, kind: EventKind) -> Event {
    Event {
        at,
        operator: "Lê Thị Hoa".to_owned(),
        note: String::new(),
        kind,
        due: None,
    }
}

/// A received copy certification (3 working days) for `name`, every applicant field filled but
/// the e-mail; the id and code are placeholders the store replaces.
pub fn dossier(name: &str, received: LocalTime) -> Dossier {
    Dossier {
        id: DossierId(0),
        code: DossierCode::unassigned(),
        procedure: ProcedureCode("2.000815".to_owned()),
        procedure_name: "Chứng thực bản sao từ bản chính giấy tờ, văn bản".to_owned(),
        field: "Chứng thực".to_owned(),
        time_limit: TimeLimit::WorkingDays(DayHundredths(300)),
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
        events: vec![Event {
            due: Some(received + chrono::Duration::days(3)),
            ..event(received, EventKind::Received)
        }],
    }
}

/// The code a test store issues for the `seq`-th dossier of `received`'s day: `TEST-YYMMDD-NNNN`.
pub fn code_for(received: LocalTime) -> impl Fn(u64) -> DossierCode {
    move |seq| {
        DossierCode::format(
            "TEST",
            received.date(),
            u32::try_from(seq).expect("a test day has few dossiers"),
        )
    }
}

/// Runs the real binary on `data_dir` at `now` as `operator`; returns (exit code, stdout,
/// stderr).
pub fn motcua(data_dir: &Path, now: &str, operator: &str, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_motcua"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(["--now", now, "--operator", operator])
        .args(args)
        .output()
        .expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
