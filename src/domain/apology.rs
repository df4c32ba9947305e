//! The apology duty (RULES.md §6, Decree 61 Art. 19.9): a dossier that will not be resolved by
//! its legal due instant needs an apology letter with a reason and a new return date no later
//! than one working day before the due; the appointment moves at most once. The states and
//! their words live here; [`crate::domain::judge`] decides which one a dossier is in. Pure.

use serde::{Deserialize, Serialize};

use crate::calendar::{Calendar, LocalTime};
use crate::domain::model::Dossier;

/// Where a dossier stands with its apology duty.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
pub enum ApologyDuty {
    /// Nothing owed: the deadline is not near, the dossier waits for a supplement, or it was
    /// resolved in time.
    None,
    /// Open, no letter, and the deadline to send one is within the due-soon window: the clerk
    /// must chase the processing unit now ("sắp đến hạn xin lỗi").
    Upcoming {
        #[schema(value_type = String)]
        deadline: LocalTime,
    },
    /// The deadline passed with no letter (open, or resolved after its due): a breach the
    /// register and the reports show.
    Breach {
        #[schema(value_type = String)]
        deadline: LocalTime,
    },
    /// A letter was issued by the deadline, with this new appointment.
    Issued {
        #[schema(value_type = String)]
        deadline: LocalTime,
        #[schema(value_type = String)]
        new_due: LocalTime,
    },
    /// A letter was issued after its deadline: accepted (the citizen is still owed it) and kept
    /// visible as late.
    IssuedLate {
        #[schema(value_type = String)]
        deadline: LocalTime,
        #[schema(value_type = String)]
        new_due: LocalTime,
    },
    /// The new appointment passed too (or the result came after it): escalate to the
    /// leadership; a second letter is not allowed.
    NewDueMissed {
        #[schema(value_type = String)]
        new_due: LocalTime,
    },
}

impl ApologyDuty {
    /// The state's word on screens and papers.
    pub fn label(self) -> &'static str {
        match self {
            ApologyDuty::None => "Không",
            ApologyDuty::Upcoming { .. } => "Sắp đến hạn xin lỗi",
            ApologyDuty::Breach { .. } => "Quá hạn xin lỗi",
            ApologyDuty::Issued { .. } => "Đã xin lỗi, hẹn lại",
            ApologyDuty::IssuedLate { .. } => "Xin lỗi muộn, hẹn lại",
            ApologyDuty::NewDueMissed { .. } => "Trễ cả ngày hẹn lại",
        }
    }

    /// The state's key in JSON (`motcua late --json`, field `duty`).
    pub fn key(self) -> &'static str {
        match self {
            ApologyDuty::None => "none",
            ApologyDuty::Upcoming { .. } => "upcoming",
            ApologyDuty::Breach { .. } => "breach",
            ApologyDuty::Issued { .. } => "issued",
            ApologyDuty::IssuedLate { .. } => "issued_late",
            ApologyDuty::NewDueMissed { .. } => "new_due_missed",
        }
    }

    /// True for the states the "Cần xin lỗi" list shows: something must be done now.
    pub fn needs_action(self) -> bool {
        matches!(
            self,
            ApologyDuty::Upcoming { .. }
                | ApologyDuty::Breach { .. }
                | ApologyDuty::NewDueMissed { .. }
        )
    }

    /// True for the states `motcua late` lists: action needed, or a letter sent late.
    pub(crate) fn is_late_matter(self) -> bool {
        self.needs_action() || matches!(self, ApologyDuty::IssuedLate { .. })
    }

    /// The deadline to send the letter, where the state has one.
    pub(crate) fn deadline(self) -> Option<LocalTime> {
        match self {
            ApologyDuty::Upcoming { deadline }
            | ApologyDuty::Breach { deadline }
            | ApologyDuty::Issued { deadline, .. }
            | ApologyDuty::IssuedLate { deadline, .. } => Some(deadline),
            ApologyDuty::None | ApologyDuty::NewDueMissed { .. } => None,
        }
    }

    /// The instant the apology list sorts by: the deadline, or the missed new appointment.
    pub fn sort_key(self) -> Option<LocalTime> {
        match self {
            ApologyDuty::NewDueMissed { new_due } => Some(new_due),
            other => other.deadline(),
        }
    }
}

/// A new appointment to suggest on the apology form: the procedure's time limit counted again
/// from the later of the legal due instant and `now` (always a working-time instant after both).
pub fn suggest_new_due(dossier: &Dossier, now: LocalTime, calendar: &Calendar) -> LocalTime {
    calendar.due_at(dossier.due_at.max(now), dossier.time_limit, &[])
}
