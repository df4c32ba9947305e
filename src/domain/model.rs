//! The domain's nouns. These are in-memory types: the store never writes them directly but
//! through versioned records of its own (see `store`), so fields may be added here freely.

use serde::{Deserialize, Serialize};

use crate::calendar::{LocalTime, TimeLimit};
use crate::domain::code::DossierCode;
use crate::domain::money::FeeRule;

/// A procedure's code: the national code ("Mã TTHC", e.g. `2.000815`) or a local code given by
/// the desk where the national one is unknown (e.g. `TS.HT.01`).
#[derive(
    Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, utoipa::ToSchema,
)]
pub struct ProcedureCode(pub String);

impl ProcedureCode {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An administrative procedure ("thủ tục hành chính") of the catalogue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Procedure {
    pub code: ProcedureCode,
    pub name: String,
    /// "Lĩnh vực", e.g. "Hộ tịch", "Chứng thực".
    pub field: String,
    pub time_limit: TimeLimit,
    pub fee: FeeRule,
    /// "Thành phần hồ sơ": the documents the applicant must bring.
    pub documents: Vec<String>,
    /// The processing unit ("đơn vị giải quyết"), e.g. "Tư pháp – hộ tịch".
    pub unit: String,
    /// Whether sector law lets excluded periods pause the clock.
    pub pausable: bool,
    /// Free remarks (sources, extensions allowed by law).
    pub note: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
pub enum ApplicantKind {
    Person,
    Organisation,
}

/// Who submits the dossier ("tổ chức, cá nhân").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Applicant {
    pub kind: ApplicantKind,
    pub name: String,
    /// Personal ID number (12 digits; the old 9-digit number accepted) or organisation tax code.
    pub id_number: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    /// Authorised representative ("người được ủy quyền"), empty when none.
    pub representative: String,
}

/// How the dossier reached the desk (Decree 61 Art. 16).
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
pub enum Channel {
    Direct,
    Postal,
    Online,
}

impl Channel {
    /// The channel as every screen, message and printout names it (Decree 61 Art. 16).
    pub fn label(self) -> &'static str {
        match self {
            Channel::Direct => "Trực tiếp",
            Channel::Postal => "Dịch vụ bưu chính công ích",
            Channel::Online => "Trực tuyến",
        }
    }
}

/// Internal, never-reused dossier number (store key and index suffix).
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
pub struct DossierId(pub u64);

/// Where a dossier stands in its legal life.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
pub enum Status {
    /// At the desk, received, not yet handed to a processing unit.
    Received,
    /// Handed to a processing unit and being processed ("đang giải quyết").
    InProcessing,
    /// Returned to the applicant for a supplement; the clock waits and restarts from zero.
    SupplementRequested,
    /// An excluded period: the clock is paused and continues on resume.
    Paused,
    /// The result is back at the desk, waiting for collection ("chờ trả kết quả").
    ResultReady,
    /// The result was handed back (final).
    HandedBack,
    /// Refused with reasons (final).
    Refused,
    /// Stopped at the applicant's request (final).
    Stopped,
}

impl Status {
    /// The status as every screen, message and printout names it.
    pub fn label(self) -> &'static str {
        match self {
            Status::Received => "Đã tiếp nhận",
            Status::InProcessing => "Đang giải quyết",
            Status::SupplementRequested => "Chờ bổ sung",
            Status::Paused => "Tạm dừng tính thời gian",
            Status::ResultReady => "Chờ trả kết quả",
            Status::HandedBack => "Đã trả kết quả",
            Status::Refused => "Từ chối",
            Status::Stopped => "Dừng giải quyết",
        }
    }

    /// Every status, in life-cycle order.
    pub const ALL: [Status; 8] = [
        Status::Received,
        Status::InProcessing,
        Status::SupplementRequested,
        Status::Paused,
        Status::ResultReady,
        Status::HandedBack,
        Status::Refused,
        Status::Stopped,
    ];

    /// True while the legal clock can still make the dossier late (no result yet, not ended).
    pub fn is_open(self) -> bool {
        match self {
            Status::Received
            | Status::InProcessing
            | Status::SupplementRequested
            | Status::Paused => true,
            Status::ResultReady | Status::HandedBack | Status::Refused | Status::Stopped => false,
        }
    }

    /// True for the statuses that end the dossier's life.
    pub fn is_final(self) -> bool {
        match self {
            Status::HandedBack | Status::Refused | Status::Stopped => true,
            Status::Received
            | Status::InProcessing
            | Status::SupplementRequested
            | Status::Paused
            | Status::ResultReady => false,
        }
    }
}

/// How the citizen was told about an apology and its new appointment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
pub enum Notification {
    Phone,
    Sms,
    Email,
    Letter,
}

impl Notification {
    /// The way of notifying as every screen, message and printout names it.
    pub fn label(self) -> &'static str {
        match self {
            Notification::Phone => "Điện thoại",
            Notification::Sms => "Tin nhắn SMS",
            Notification::Email => "Email",
            Notification::Letter => "Trao văn bản",
        }
    }
}

/// What happened to a dossier. Every event is appended, never edited (the audit trail).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub enum EventKind {
    Received,
    /// A hand-over ("giao – nhận"), logged on the control sheet.
    Transferred {
        from: String,
        to: String,
    },
    SupplementRequested {
        reason: String,
        items: Vec<String>,
    },
    /// The complete dossier came back: the clock restarts from zero.
    SupplementReceived,
    Paused {
        reason: String,
    },
    Resumed,
    Refused {
        reason: String,
    },
    Stopped {
        reason: String,
    },
    ResultReady,
    HandedBack {
        to: String,
        fee_vnd: u64,
        rating: String,
    },
    /// An apology letter with a new appointment ("Số: NN/PXL" of `year`).
    ApologyIssued {
        number: u32,
        year: i32,
        reason: String,
        #[schema(value_type = String)]
        new_due: LocalTime,
        signer: String,
        notified: Notification,
    },
    /// A mistake in the recorded facts put right, on the record: the value before and after
    /// and why (issue 16). The dossier's facts are its receipt's with every correction applied.
    Corrected {
        old: Correction,
        new: Correction,
        reason: String,
    },
    /// The step at index `event` of the timeline is taken back by a compensating event; the
    /// undone step stays in the history but no longer counts (issue 16).
    Undone {
        event: u32,
        reason: String,
    },
}

/// A recorded fact a correction can change, with its value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub enum Correction {
    Name(String),
    IdNumber(String),
    Phone(String),
    Address(String),
    Email(String),
    Sets(u32),
    Documents(Vec<String>),
    /// The procedure (allowed before the first hand-over): its legal data as copied.
    Procedure(ProcedureFacts),
}

impl Procedure {
    /// The legal data a dossier copies from this procedure (at intake, or by a correction).
    pub fn facts(&self) -> ProcedureFacts {
        ProcedureFacts {
            code: self.code.clone(),
            name: self.name.clone(),
            field: self.field.clone(),
            time_limit: self.time_limit,
            pausable: self.pausable,
        }
    }
}

/// A procedure's legal data as copied onto a dossier at intake (later catalogue edits do not
/// change a promise already made).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ProcedureFacts {
    pub code: ProcedureCode,
    pub name: String,
    pub field: String,
    pub time_limit: TimeLimit,
    pub pausable: bool,
}

/// One event in a dossier's timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Event {
    #[schema(value_type = String)]
    pub at: LocalTime,
    pub operator: String,
    pub note: String,
    pub kind: EventKind,
    /// The legal due instant this event set, when it set one: the receipt, the restart after
    /// a supplement, the resume after a pause, a correction of the procedure, an undo that
    /// restores an earlier due. The dossier's legal due is the last one set.
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    pub due: Option<LocalTime>,
}

/// A dossier ("hồ sơ TTHC"). The procedure's legal data is copied at intake so later catalogue
/// edits do not change a promise already made.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Dossier {
    pub id: DossierId,
    pub code: DossierCode,
    pub procedure: ProcedureCode,
    pub procedure_name: String,
    pub field: String,
    pub time_limit: TimeLimit,
    pub pausable: bool,
    pub applicant: Applicant,
    pub channel: Channel,
    pub sets: u32,
    pub documents: Vec<String>,
    #[schema(value_type = String)]
    pub received_at: LocalTime,
    pub received_by: String,
    /// The legal due instant, recomputed by the calendar after every clock event.
    #[schema(value_type = String)]
    pub due_at: LocalTime,
    /// The appointment agreed in an apology letter; kept beside the legal due, never instead.
    #[schema(value_type = Option<String>)]
    pub new_due_at: Option<LocalTime>,
    pub status: Status,
    /// The timeline, oldest first; the first is always `Received`.
    pub events: Vec<Event>,
}

/// What a clerk asks to do to an existing dossier; `domain` validates it against the current
/// state and turns it into an [`Event`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub enum Command {
    Transfer {
        to: String,
    },
    RequestSupplement {
        reason: String,
        items: Vec<String>,
    },
    ReceiveSupplement,
    Pause {
        reason: String,
    },
    Resume,
    Refuse {
        reason: String,
    },
    Stop {
        reason: String,
    },
    MarkResultReady,
    HandBack {
        to: String,
        fee_vnd: u64,
        rating: String,
    },
    /// Number and year are assigned by the store's yearly sequence when the command is applied.
    IssueApology {
        reason: String,
        #[schema(value_type = String)]
        new_due: LocalTime,
        signer: String,
        notified: Notification,
    },
    /// Sets a recorded fact to a new value, with a reason (see `domain::correction`).
    Correct {
        change: Correction,
        reason: String,
    },
    /// Takes back the dossier's last step, with a reason (see `domain::correction`).
    Undo {
        reason: String,
    },
}

/// What the clerk types at intake; `domain` validates it and the store gives it a code.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Intake {
    pub procedure: Option<ProcedureCode>,
    pub applicant_kind: Option<ApplicantKind>,
    pub name: String,
    pub id_number: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    pub representative: String,
    pub channel: Option<Channel>,
    pub sets: u32,
    pub documents: Vec<String>,
    pub note: String,
}
