//! Timeliness ("trước hạn / đúng hạn / quá hạn", RULES.md §5), always judged against the legal
//! due instant, never against an appointment moved by an apology. Pure.
//!
//! Reading used: a dossier is resolved at its `ResultReady`, `Refused` or `Stopped` event. It is
//! early when resolved on a day before the due day, on time when resolved on the due day at or
//! before the due instant, late when resolved after the due instant. An open dossier is overdue
//! after the due instant, due soon when at most the window of working time is left, within time
//! otherwise; a dossier waiting for the applicant's supplement has no running clock, and a
//! paused one is judged at the instant its clock stopped.

use crate::calendar::{Calendar, LocalTime};
use crate::domain::model::{Dossier, EventKind, Status};

/// The default due-soon window: one working day of the default office hours (07:30–11:30,
/// 13:30–17:00), in working minutes.
pub const DEFAULT_DUE_SOON_MINUTES: u32 = 450;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
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

    /// True for the judgements of a resolved dossier.
    pub fn is_resolved(self) -> bool {
        matches!(
            self,
            Timeliness::Early | Timeliness::OnTime | Timeliness::Late
        )
    }

    /// True when the legal due instant was or is passed.
    pub fn is_late(self) -> bool {
        matches!(self, Timeliness::Late | Timeliness::Overdue)
    }
}

/// The instant the dossier was resolved: its `ResultReady`, `Refused` or `Stopped` event.
pub fn resolved_at(dossier: &Dossier) -> Option<LocalTime> {
    dossier.events.iter().find_map(|e| match e.kind {
        EventKind::ResultReady | EventKind::Refused { .. } | EventKind::Stopped { .. } => {
            Some(e.at)
        }
        _ => None,
    })
}

/// The instant the legal clock reads at `now`: `now`, except while an excluded period pauses
/// the clock, when it stays frozen at the pause (the calendar does not move the due instant
/// until the resume, so judging at the pause keeps the remaining time right).
pub fn clock_instant(dossier: &Dossier, now: LocalTime) -> LocalTime {
    if dossier.status != Status::Paused {
        return now;
    }
    dossier
        .events
        .iter()
        .rev()
        .find(|e| matches!(e.kind, EventKind::Paused { .. }))
        .map_or(now, |e| e.at.min(now))
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

/// The dossier's timeliness at `now`. `window_minutes` is the due-soon window in working
/// minutes: an open dossier with at most that much working time left before its due instant
/// (and not past it) is due soon.
pub fn timeliness(
    dossier: &Dossier,
    now: LocalTime,
    calendar: &Calendar,
    window_minutes: u32,
) -> Timeliness {
    if !dossier.status.is_open() {
        let resolved = resolved_at(dossier).unwrap_or(now);
        return judge_resolution(resolved, dossier.due_at);
    }
    if dossier.status == Status::SupplementRequested {
        return Timeliness::WaitingSupplement;
    }
    let now = clock_instant(dossier, now);
    if now > dossier.due_at {
        return Timeliness::Overdue;
    }
    if calendar.working_minutes_between(now, dossier.due_at) <= i64::from(window_minutes) {
        Timeliness::DueSoon
    } else {
        Timeliness::Within
    }
}
