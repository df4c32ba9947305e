//! The desk as a boundary: [`Desk`] is everything the TUI and the command line ask of a ledger,
//! one method per use case. [`super::LocalDesk`] implements it over the sled store this
//! process holds; counter mode implements it again as a client of a server. So that both are
//! interchangeable, every method takes `&self`, every answer is owned, serialisable data (no
//! borrowed store state crosses), and every call can fail with an environment error.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::DeskError;
use crate::calendar::{LocalTime, WorkMinutes};
use crate::domain::{
    Command, CommandKind, Dossier, DossierCode, Intake, Judgement, Procedure, ProcedureCode, Status,
};
use crate::report::day::DaySummary;
use crate::report::period::PeriodStats;
use crate::report::{Document, Letterhead};

/// Who asks and when, for a write. A local desk takes them as given; a server replaces them by
/// its own clock and the authenticated account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Call {
    pub now: LocalTime,
    pub operator: String,
    /// A key the client makes once per intended write: a retry with the same key returns the
    /// first result instead of writing twice (counter mode).
    pub request: Option<String>,
}

impl Call {
    pub fn new(now: LocalTime, operator: &str) -> Call {
        Call {
            now,
            operator: operator.to_owned(),
            request: None,
        }
    }
}

/// Rows `offset..offset + limit` of a list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page {
    pub offset: usize,
    pub limit: usize,
}

impl Page {
    pub const ALL: Page = Page {
        offset: 0,
        limit: usize::MAX,
    };

    pub fn first(limit: usize) -> Page {
        Page { offset: 0, limit }
    }
}

/// Which dossiers a board tab or `motcua list` shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
pub enum ListFilter {
    /// Received today (the day of `now`), newest first.
    Today,
    /// Open (received, in processing, waiting for a supplement, paused), by legal due.
    Open,
    /// Open, clock running, due soon ([`crate::domain::judge`]), by legal due.
    DueSoon,
    /// Open, clock running, past the legal due, by legal due.
    Overdue,
    /// Result ready, waiting for collection, by legal due.
    WaitingCollection,
    /// Open dossiers whose apology duty needs action now (upcoming, breach, new appointment
    /// missed), by the deadline to send the letter.
    ApologyNeeded,
    /// Everything, newest first.
    All,
}

impl ListFilter {
    /// Every list, in the board's tab order.
    pub const ALL: [ListFilter; 7] = [
        ListFilter::Today,
        ListFilter::Open,
        ListFilter::DueSoon,
        ListFilter::Overdue,
        ListFilter::WaitingCollection,
        ListFilter::ApologyNeeded,
        ListFilter::All,
    ];

    /// The list's name on the board's tabs and in `motcua list`.
    pub fn label(self) -> &'static str {
        match self {
            ListFilter::Today => "Hôm nay",
            ListFilter::Open => "Đang giải quyết",
            ListFilter::DueSoon => "Sắp đến hạn",
            ListFilter::Overdue => "Quá hạn",
            ListFilter::WaitingCollection => "Chờ trả kết quả",
            ListFilter::ApologyNeeded => "Cần xin lỗi",
            ListFilter::All => "Tất cả",
        }
    }

    /// The position of this list in [`ListFilter::ALL`].
    pub fn index(self) -> usize {
        ListFilter::ALL
            .iter()
            .position(|f| *f == self)
            .expect("ALL lists every filter")
    }
}

/// Today's counters on the board header.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct DayCounters {
    pub received_today: u64,
    pub handed_back_today: u64,
    pub waiting_collection: u64,
    pub due_soon: u64,
    pub overdue: u64,
    /// Open dossiers on the "Cần xin lỗi" list.
    pub apologies_owed: u64,
}

/// A dossier as a list shows it: the dossier with the judge's verdict at the instant asked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Row {
    pub dossier: Dossier,
    pub judgement: Judgement,
    /// Working minutes from the clock instant to the legal due; negative once past it.
    pub minutes_left: WorkMinutes,
    /// Working minutes from `now` to the deadline to send the apology letter, where the duty
    /// has one and no letter was sent; negative once past it.
    pub deadline_minutes_left: Option<WorkMinutes>,
    /// Working minutes of one working day around `now` (to write "còn 2 ngày").
    pub day_minutes: WorkMinutes,
}

/// One page of a board tab with what the header shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct BoardPage {
    pub filter: ListFilter,
    pub offset: usize,
    pub rows: Vec<Row>,
    /// How many rows the list holds.
    pub total: u64,
    /// Every list's count (in [`ListFilter::ALL`] order) and today's counters, when asked for.
    pub header: Option<(Vec<u64>, DayCounters)>,
}

/// A due date with its derivation as readable Vietnamese lines (the calendar's explanation).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Appointment {
    #[schema(value_type = String)]
    pub at: LocalTime,
    pub lines: Vec<String>,
}

/// What the forms of the legal steps suggest (the clerk may change each).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct StepDefaults {
    /// The processing unit of the dossier's procedure.
    pub unit: String,
    /// The fee when the catalogue fixes it, in đồng.
    pub fee_vnd: u64,
    /// The head who signs apology letters.
    pub signer: String,
    /// The satisfaction scale, best first.
    pub ratings: Vec<String>,
    /// A new appointment computed from the procedure's time limit.
    #[schema(value_type = Option<String>)]
    pub new_due: Option<LocalTime>,
    /// The legal due if the step that restarts or resumes the clock (the supplement's receipt,
    /// the resume after a pause) is taken now; `None` when the dossier awaits neither. The
    /// confirm box names it before the clerk says yes.
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    pub clock_due: Option<LocalTime>,
}

/// Everything the dossier view shows about one dossier.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Detail {
    pub row: Row,
    /// The legal due with its derivation.
    pub due: Appointment,
    /// The legal steps the dossier's state allows, in menu order.
    pub commands: Vec<CommandKind>,
    pub defaults: StepDefaults,
    /// For each event of the dossier, the name the desk's own unit had on that event's day
    /// (the letterhead in force: "Bộ phận tiếp nhận và trả kết quả" before 01/07/2025, the
    /// centre's name after), to show where the stored word `DESK_UNIT` stands.
    #[serde(default)]
    pub desk_names: Vec<String>,
}

/// The desk's identity and the settings a screen or a command needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Profile {
    pub(crate) agency: String,
    pub(crate) agency_code: String,
    /// True while the agency code is still the built-in placeholder.
    pub placeholder_code: bool,
    pub(crate) default_operator: String,
    /// The satisfaction scale, best first.
    pub(crate) satisfaction_scale: Vec<String>,
    /// The due-soon window of the settings, in working minutes.
    pub(crate) due_soon_minutes: u32,
    /// The CUPS queue printouts are sent to, if any.
    pub(crate) printer: Option<String>,
}

/// The forms printed for one dossier (RULES.md §3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
pub enum FormKind {
    Receipt,
    SupplementRequest,
    Refusal,
    StopNotice,
    ControlSheet,
    ApologyLetter,
}

/// What the TUI and the command line ask of a ledger. See the module docs.
pub trait Desk: Send + Sync {
    /// The desk's identity and screen settings.
    fn profile(&self) -> Result<Profile, DeskError>;
    /// The procedure catalogue, sorted by field then name (Vietnamese collation).
    fn catalogue(&self) -> Result<Vec<Procedure>, DeskError>;
    /// Replaces the catalogue (already validated); dossiers keep the data copied at intake.
    fn replace_catalogue(&self, procedures: Vec<Procedure>) -> Result<(), DeskError>;
    /// The appointment of a dossier of `procedure` received at `now`, explained; `None` for an
    /// unknown procedure.
    fn preview_due(
        &self,
        procedure: &ProcedureCode,
        now: LocalTime,
    ) -> Result<Option<Appointment>, DeskError>;

    /// Validates and records a new dossier; returns it with its new code. Durable on return.
    fn receive(&self, intake: Intake, call: &Call) -> Result<Dossier, DeskError>;
    /// Applies a legal step; returns the dossier after it. `seen` is the number of events the
    /// clerk's screen showed: a dossier changed meanwhile is refused with
    /// [`DeskError::Stale`]. Durable on return.
    fn act(
        &self,
        code: &DossierCode,
        seen: Option<usize>,
        command: Command,
        call: &Call,
    ) -> Result<Dossier, DeskError>;

    /// The dossier with this code (as typed or scanned: spaces trimmed, letters upper-cased).
    fn get(&self, code: &DossierCode) -> Result<Option<Dossier>, DeskError>;
    /// The dossier view of this code at `now`.
    fn detail(&self, code: &DossierCode, now: LocalTime) -> Result<Option<Detail>, DeskError>;
    /// One page of a list judged at `now`, with every list's count and today's counters when
    /// `header` (the costly part on a big ledger).
    fn board(
        &self,
        filter: ListFilter,
        now: LocalTime,
        page: Page,
        header: bool,
    ) -> Result<BoardPage, DeskError>;
    /// One page of a list judged at `now`.
    fn list(&self, filter: ListFilter, now: LocalTime, page: Page) -> Result<Vec<Row>, DeskError>;
    /// How many dossiers a list holds at `now`.
    fn count(&self, filter: ListFilter, now: LocalTime) -> Result<u64, DeskError>;
    /// Today's counters on the board header, at `now`.
    fn counters(&self, now: LocalTime) -> Result<DayCounters, DeskError>;
    /// Dossiers in `status`: open and waiting ones by legal due, ended ones newest first.
    fn list_status(
        &self,
        status: Status,
        now: LocalTime,
        page: Page,
    ) -> Result<Vec<Row>, DeskError>;
    /// Dossiers received on `day`, newest first.
    fn received_on(
        &self,
        day: NaiveDate,
        now: LocalTime,
        page: Page,
    ) -> Result<Vec<Row>, DeskError>;
    /// Accent-insensitive search over names, codes, ID numbers and phones; at most `limit`.
    fn search(&self, text: &str, limit: usize, now: LocalTime) -> Result<Vec<Row>, DeskError>;
    /// What `motcua late` lists at `now`: open dossiers whose apology duty needs action or
    /// whose letter came late, by deadline.
    fn late(&self, now: LocalTime) -> Result<Vec<Row>, DeskError>;

    /// The letterhead in force at `at` (agency, superior, desk, signer, form set).
    fn letterhead(&self, at: LocalTime) -> Result<Letterhead, DeskError>;
    /// A form of one dossier, as printed at `now`.
    fn document(
        &self,
        kind: FormKind,
        code: &DossierCode,
        now: LocalTime,
    ) -> Result<Document, DeskError>;
    /// The register ("Sổ theo dõi hồ sơ") of `from..=to`.
    fn register(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        now: LocalTime,
    ) -> Result<Document, DeskError>;
    /// The catalogue to post at the desk.
    fn catalogue_document(&self, now: LocalTime) -> Result<Document, DeskError>;
    /// The end-of-day summary of `date` as of `now`.
    fn day_summary(&self, date: NaiveDate, now: LocalTime) -> Result<DaySummary, DeskError>;
    /// The period statistics (Biểu 06) of `from..=to` judged at `now`.
    fn period_stats(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        now: LocalTime,
    ) -> Result<PeriodStats, DeskError>;
    /// The clerk's figures of `from..=to` judged at `now`: received, resolved early / on time /
    /// late and apology letters, by receiving officer and by processing unit.
    fn clerk_figures(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        now: LocalTime,
    ) -> Result<crate::report::period::ClerkFigures, DeskError>;

    /// A number that changes whenever the ledger does (an event recorded at any counter): a
    /// board compares it to know when to reload. A desk that cannot reach its ledger answers
    /// [`DeskError::Unreachable`] here, so the screen can say so while the clerk waits.
    fn changes(&self) -> Result<u64, DeskError>;

    /// Walks the event chain and every index against the records.
    fn verify(&self) -> Result<crate::store::Report, DeskError>;
    /// The first point of the event chain whose hash starts with `prefix` (a "mã kiểm chứng
    /// sổ" printed on a report), if the chain passes through it (issue 17 item 3). The process
    /// holding the store answers (a remote desk asks it through `/v1/verify/head`).
    fn find_head(&self, prefix: &str) -> Result<Option<crate::store::anchor::Anchor>, DeskError> {
        let _ = prefix;
        Err(DeskError::Rule(
            "Chỉ kiểm tra được mã kiểm chứng trên máy giữ sổ, khi không có bàn làm việc nào \
             đang mở sổ (hoặc trên một bản khôi phục từ sao lưu)."
                .to_owned(),
        ))
    }
    /// Writes every dossier as one JSON line (or one CSV row), in id order, masked when `mask`;
    /// returns how many.
    fn export(
        &self,
        format: ExportFormat,
        mask: bool,
        out: &mut dyn std::io::Write,
    ) -> Result<u64, DeskError>;
}

/// The formats of [`Desk::export`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub enum ExportFormat {
    Jsonl,
    Csv,
}
