//! The apology duty (RULES.md §6, Decree 61 Art. 19.9): a dossier that will not be resolved by
//! its legal due instant needs an apology letter with a reason and a new return date no later
//! than one working day before the due instant; the appointment moves at most once. Pure.

use crate::calendar::{Calendar, LocalTime};
use crate::domain::lifecycle::apology_event;
use crate::domain::model::{Dossier, EventKind, Status};
use crate::domain::timeliness::{clock_instant, resolved_at};

/// Where a dossier stands with its apology duty.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub enum ApologyDuty {
    /// No duty: before the deadline, waiting for a supplement, or resolved in time.
    None,
    /// The deadline has come, no result and no apology yet ("cần xin lỗi").
    Due { deadline: LocalTime },
    /// The legal due instant passed without a result and without an apology: a breach. For a
    /// resolved dossier: it was resolved late without an apology.
    Overdue { deadline: LocalTime },
    /// An apology was issued with this new appointment.
    Issued { new_due: LocalTime },
    /// The new appointment passed too (or the result came after it): escalate to the leadership,
    /// a second apology is not allowed.
    NewDueMissed { new_due: LocalTime },
}

impl ApologyDuty {
    pub fn label(self) -> &'static str {
        match self {
            ApologyDuty::None => "Không",
            ApologyDuty::Due { .. } => "Cần xin lỗi",
            ApologyDuty::Overdue { .. } => "Quá hạn chưa xin lỗi",
            ApologyDuty::Issued { .. } => "Đã xin lỗi, hẹn lại",
            ApologyDuty::NewDueMissed { .. } => "Trễ cả ngày hẹn lại",
        }
    }

    /// True for the states the "Cần xin lỗi" board lists: due, overdue, new appointment missed.
    pub fn needs_action(self) -> bool {
        matches!(
            self,
            ApologyDuty::Due { .. }
                | ApologyDuty::Overdue { .. }
                | ApologyDuty::NewDueMissed { .. }
        )
    }

    /// The instant the board sorts by: the deadline, or the new appointment.
    pub fn sort_key(self) -> Option<LocalTime> {
        match self {
            ApologyDuty::None => None,
            ApologyDuty::Due { deadline } | ApologyDuty::Overdue { deadline } => Some(deadline),
            ApologyDuty::Issued { new_due } | ApologyDuty::NewDueMissed { new_due } => {
                Some(new_due)
            }
        }
    }
}

/// The latest instant to issue the apology: one working day before the legal due instant.
///
/// When that instant is not after the moment the clock started (receipt, or the restart after a
/// supplement) — limits of one working day or less, such as same-day certification — the law's
/// "one day before" cannot be met in advance; motcua then puts the deadline at the due instant
/// itself, so a dossier received this morning is not flagged as owing an apology all day, and
/// one that misses its due owes the letter at once.
pub fn apology_deadline(dossier: &Dossier, calendar: &Calendar) -> LocalTime {
    deadline_for(dossier.due_at, clock_start(dossier), calendar)
}

/// [`apology_deadline`] from the due instant and the clock's start alone.
pub fn deadline_for(due: LocalTime, clock_start: LocalTime, calendar: &Calendar) -> LocalTime {
    let one_day_before = calendar.sub_working_days(due, 1);
    if one_day_before > clock_start {
        one_day_before
    } else {
        due
    }
}

/// When the current legal clock started: the last complete supplement received, else receipt.
pub fn clock_start(dossier: &Dossier) -> LocalTime {
    dossier
        .events
        .iter()
        .rev()
        .find(|e| matches!(e.kind, EventKind::SupplementReceived))
        .map_or(dossier.received_at, |e| e.at)
}

/// The new appointment of the dossier's apology, if one was issued.
pub fn issued_new_due(dossier: &Dossier) -> Option<LocalTime> {
    apology_event(dossier).and_then(|e| match e.kind {
        EventKind::ApologyIssued { new_due, .. } => Some(new_due),
        _ => None,
    })
}

/// The duty at `now`. Open dossiers: issued → `Issued`, or `NewDueMissed` once `now` is past
/// the new appointment; not issued → `Overdue` after the due instant, `Due` from the deadline
/// (inclusive), `None` before it, a paused dossier judged at its pause; a dossier waiting for a supplement owes nothing (its clock
/// restarts). Resolved dossiers keep the state at their resolution: `Issued` (or
/// `NewDueMissed` if resolved after the new appointment), `Overdue` if resolved late without an
/// apology, `None` if resolved in time without one.
pub fn apology_duty(dossier: &Dossier, now: LocalTime, calendar: &Calendar) -> ApologyDuty {
    let open = dossier.status.is_open();
    let at = if open {
        clock_instant(dossier, now)
    } else {
        resolved_at(dossier).unwrap_or(now)
    };
    if let Some(new_due) = issued_new_due(dossier) {
        return if at > new_due {
            ApologyDuty::NewDueMissed { new_due }
        } else {
            ApologyDuty::Issued { new_due }
        };
    }
    if dossier.status == Status::SupplementRequested {
        return ApologyDuty::None;
    }
    let deadline = apology_deadline(dossier, calendar);
    if at > dossier.due_at {
        ApologyDuty::Overdue { deadline }
    } else if open && at >= deadline {
        ApologyDuty::Due { deadline }
    } else {
        ApologyDuty::None
    }
}

/// A new appointment to suggest on the apology form: the procedure's time limit counted again
/// from the later of the legal due instant and `now` (always a working-time instant after both).
pub fn suggest_new_due(dossier: &Dossier, now: LocalTime, calendar: &Calendar) -> LocalTime {
    calendar.due_at(dossier.due_at.max(now), dossier.time_limit, &[])
}
