//! Builders shared by the domain tests: the real calendar, catalogue procedures, a dossier
//! brought to any status through legal steps.

use motcua::calendar::Calendar;
use motcua::domain::{
    Applicant, ApplicantKind, Command, Dossier, DossierCode, DossierId, Intake, Notification,
    Procedure, Status, apply, builtin_catalogue, new_dossier, validate_intake,
};

pub const OPERATOR: &str = "Lê Thu Hà";
pub const UNIT: &str = "Tư pháp – hộ tịch";

pub use crate::support::at as t;

pub fn calendar() -> Calendar {
    Calendar::builtin()
}

/// A procedure of the built-in catalogue by its code.
pub fn procedure(code: &str) -> Procedure {
    builtin_catalogue()
        .into_iter()
        .find(|p| p.code.as_str() == code)
        .unwrap_or_else(|| panic!("{code} is in the built-in catalogue"))
}

/// Đính chính Giấy chứng nhận: 8 working days, pausable.
pub fn land() -> Procedure {
    procedure("TS.DD.01")
}

/// Chứng thực di chúc: 2 working days, not pausable.
pub fn will() -> Procedure {
    procedure("2.001019")
}

pub fn intake(p: &Procedure) -> Intake {
    Intake {
        procedure: Some(p.code.clone()),
        applicant_kind: Some(ApplicantKind::Person),
        name: "Hoàng Văn Sơn".into(),
        id_number: "020190012345".into(),
        phone: "0912345678".into(),
        ..Intake::default()
    }
}

pub fn applicant(p: &Procedure) -> Applicant {
    validate_intake(&intake(p), p).expect("the fixture intake is valid")
}

pub fn received(p: &Procedure, at: &str) -> Dossier {
    let at = t(at);
    let code = DossierCode::format("000.00.20.H30", at.date(), 1);
    new_dossier(
        DossierId(1),
        code,
        applicant(p),
        &intake(p),
        p,
        at,
        OPERATOR,
        &calendar(),
    )
}

/// Applies a command `at`, with apology number 1 of the year.
pub fn step(d: &Dossier, command: Command, at: &str) -> Result<Dossier, String> {
    let at = t(at);
    apply(d, command, at, OPERATOR, &calendar(), Some((1, 2026))).map_err(|e| e.to_string())
}

/// The steps offered on `d` at `at` under the general law.
pub fn offered(d: &Dossier, at: &str) -> Vec<motcua::domain::CommandKind> {
    motcua::domain::available_commands(
        d,
        t(at),
        &calendar(),
        &motcua::domain::SupplementLaw::default(),
    )
}

pub fn ok(d: &Dossier, command: Command, at: &str) -> Dossier {
    step(d, command, at).unwrap_or_else(|e| panic!("refused at {at}: {e}"))
}

pub fn transfer(to: &str) -> Command {
    Command::Transfer { to: to.into() }
}

pub fn supplement() -> Command {
    Command::RequestSupplement {
        reason: "Thiếu giấy tờ".into(),
        items: vec!["Bản sao Giấy chứng nhận".into()],
    }
}

pub fn reason(kind: fn(String) -> Command) -> Command {
    kind("Theo đề nghị của người nộp".into())
}

pub fn apology(new_due: &str) -> Command {
    Command::IssueApology {
        reason: "Chờ ý kiến phối hợp".into(),
        new_due: t(new_due),
        signer: "Nguyễn Văn Bình".into(),
        notified: Notification::Phone,
    }
}

pub fn hand_back() -> Command {
    Command::HandBack {
        to: String::new(),
        fee_vnd: 0,
        rating: "Hài lòng".into(),
    }
}

/// A dossier of the land procedure received Mon 2026-03-02 08:00 and brought to `status` by
/// legal steps one hour apart the same day.
pub fn at_status(status: Status) -> Dossier {
    let d = received(&land(), "2026-03-02 08:00");
    let refuse = |s: String| Command::Refuse { reason: s };
    let stop = |s: String| Command::Stop { reason: s };
    match status {
        Status::Received => d,
        Status::InProcessing => ok(&d, transfer(UNIT), "2026-03-02 09:00"),
        Status::SupplementRequested => ok(&d, supplement(), "2026-03-02 09:00"),
        Status::Paused => {
            let d = at_status(Status::InProcessing);
            ok(
                &d,
                Command::Pause {
                    reason: "Niêm yết công khai".into(),
                },
                "2026-03-02 10:00",
            )
        }
        Status::ResultReady => {
            let d = at_status(Status::InProcessing);
            ok(&d, Command::MarkResultReady, "2026-03-02 10:00")
        }
        Status::HandedBack => ok(
            &at_status(Status::ResultReady),
            hand_back(),
            "2026-03-02 11:00",
        ),
        Status::Refused => ok(&d, reason(refuse), "2026-03-02 09:00"),
        Status::Stopped => ok(&d, reason(stop), "2026-03-02 09:00"),
    }
}
