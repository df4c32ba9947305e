//! Timeliness ("trước hạn / đúng hạn / quá hạn", RULES.md §5), always judged against the legal
//! due instant, never against an appointment moved by an apology. Pure.
//!
//! Reading used: a dossier is resolved at its `ResultReady`, `Refused` or `Stopped` event. It is
//! early when resolved on a day before the due day, on time when resolved on the due day at or
//! before the due instant, late when resolved after the due instant. An open dossier is overdue
//! after the due instant, due soon when at most the window of working time is left, within time
//! otherwise; a dossier waiting for the applicant's supplement has no running clock, and a
//! paused one is judged at the instant its clock stopped.

use crate::calendar::LocalTime;

/// The default due-soon window: one working day of the default office hours (07:30–11:30,
/// 13:30–17:00), in working minutes.
pub const DEFAULT_DUE_SOON_MINUTES: u32 = 450;

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, utoipa::ToSchema,
)]
pub enum Timeliness {
    /// Resolved on a day before the due day ("trước hạn").
    Early,
    /// Resolved on the due day, at or before the due instant ("đúng hạn").
    OnTime,
    /// Resolved after the due instant ("quá hạn").
    Late,
    /// Open, more than the window of working time left ("trong hạn").
    Within,
    /// Open, at most the window left ("sắp đến hạn").
    DueSoon,
    /// Open, past the due instant ("quá hạn").
    Overdue,
    /// Waiting for the applicant's supplement: the clock restarts when it arrives
    /// ("chờ bổ sung").
    WaitingSupplement,
}

impl Timeliness {
    pub fn label(self) -> &'static str {
        match self {
            Timeliness::Early => "Trước hạn",
            Timeliness::OnTime => "Đúng hạn",
            Timeliness::Late => "Quá hạn",
            Timeliness::Within => "Trong hạn",
            Timeliness::DueSoon => "Sắp đến hạn",
            Timeliness::Overdue => "Quá hạn",
            Timeliness::WaitingSupplement => "Chờ bổ sung",
        }
    }
}

/// Judges a resolution instant against the legal due instant.
pub fn judge_resolution(resolved: LocalTime, due: LocalTime) -> Timeliness {
    if resolved > due {
        Timeliness::Late
    } else if resolved.date() < due.date() {
        Timeliness::Early
    } else {
        Timeliness::OnTime
    }
}
