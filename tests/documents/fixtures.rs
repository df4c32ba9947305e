//! Dossier builders for the document tests: a few lines per case, no store.

use chrono::NaiveDate;
use motcua::calendar::Calendar;
use motcua::calendar::{DayHundredths, TimeLimit};
use motcua::domain::{
    Applicant, ApplicantKind, Channel, Dossier, DossierCode, DossierId, Event, EventKind,
    Notification, ProcedureCode, Status,
};
use motcua::report::forms::Papers;
use motcua::report::{Letterhead, Letterheads};

pub use crate::support::at as t;

pub fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a valid fixture date")
}

pub fn letterhead() -> Letterhead {
    Letterhead {
        desk_phone: "0205 3851 234".to_owned(),
        signer: "Hoàng Văn Thắng".to_owned(),
        ..Letterhead::default()
    }
}

/// The letterheads of the default history with a phone and a signer: until 30/06/2025 the
/// district and the "Bộ phận tiếp nhận và trả kết quả", from 01/07/2025 the province and the
/// centre.
pub fn letterheads() -> Letterheads {
    let now = letterhead();
    let before = Letterhead {
        parent_agency: "UBND huyện Hữu Lũng".to_owned(),
        desk: "Bộ phận tiếp nhận và trả kết quả".to_owned(),
        ..now.clone()
    };
    Letterheads::new(vec![(None, before), (Some(date("2025-07-01")), now)])
}

/// What the forms are built from: the letterheads and the real calendar.
pub struct Kit {
    pub letterheads: Letterheads,
    pub calendar: Calendar,
}

impl Kit {
    pub fn papers(&self) -> Papers<'_> {
        Papers {
            letterheads: &self.letterheads,
            calendar: &self.calendar,
        }
    }
}

pub fn kit() -> Kit {
    Kit {
        letterheads: letterheads(),
        calendar: Calendar::builtin(),
    }
}

/// A birth registration received at `at`, due `due`, by "Lý Thị Mai".
pub fn dossier(seq: u64, at: &str, due: &str) -> Dossier {
    let received_at = t(at);
    Dossier {
        id: DossierId(seq),
        code: DossierCode::format(
            "000.00.20.H30",
            received_at.date(),
            u32::try_from(seq).expect("a small test sequence"),
        ),
        procedure: ProcedureCode("1.001193".to_owned()),
        procedure_name: "Thủ tục đăng ký khai sinh".to_owned(),
        field: "Hộ tịch".to_owned(),
        time_limit: TimeLimit::WorkingDays(DayHundredths(100)),
        pausable: false,
        applicant: Applicant {
            kind: ApplicantKind::Person,
            name: "Nguyễn Thị Ánh Tuyết".to_owned(),
            id_number: "020190001234".to_owned(),
            address: "Thôn Bản Đồn, xã Thanh Sơn, tỉnh Lạng Sơn".to_owned(),
            phone: "0912345678".to_owned(),
            email: "anhtuyet@example.vn".to_owned(),
            representative: String::new(),
        },
        channel: Channel::Direct,
        sets: 1,
        documents: vec![
            "Tờ khai đăng ký khai sinh theo mẫu".to_owned(),
            "Giấy chứng sinh (bản chính)".to_owned(),
        ],
        received_at,
        received_by: "Lý Thị Mai".to_owned(),
        due_at: t(due),
        new_due_at: None,
        status: Status::Received,
        events: vec![Event {
            due: Some(t(due)),
            ..ev(at, "Lý Thị Mai", EventKind::Received)
        }],
    }
}

pub fn ev(at: &str, operator: &str, kind: EventKind) -> Event {
    Event {
        at: t(at),
        operator: operator.to_owned(),
        note: String::new(),
        kind,
        due: None,
    }
}

/// Appends an event and sets the status it leads to.
pub fn push(d: &mut Dossier, at: &str, kind: EventKind) {
    d.status = match &kind {
        EventKind::Received | EventKind::SupplementReceived | EventKind::Resumed => {
            Status::InProcessing
        }
        EventKind::Transferred { .. } => Status::InProcessing,
        EventKind::SupplementRequested { .. } => Status::SupplementRequested,
        EventKind::Paused { .. } => Status::Paused,
        EventKind::Refused { .. } => Status::Refused,
        EventKind::Stopped { .. } => Status::Stopped,
        EventKind::ResultReady => Status::ResultReady,
        EventKind::HandedBack { .. } => Status::HandedBack,
        EventKind::ApologyIssued { new_due, .. } => {
            d.new_due_at = Some(*new_due);
            d.status
        }
        EventKind::Corrected { .. } | EventKind::Undone { .. } => d.status,
    };
    d.events.push(ev(at, "Lý Thị Mai", kind));
}

pub fn apology(d: &mut Dossier, at: &str, reason: &str, new_due: &str) {
    push(
        d,
        at,
        EventKind::ApologyIssued {
            number: 7,
            year: 2026,
            reason: reason.to_owned(),
            new_due: t(new_due),
            signer: "Hoàng Văn Thắng".to_owned(),
            notified: Notification::Phone,
        },
    );
}
