//! What the reports read from one dossier's timeline: when it was resolved or otherwise ended,
//! where it stood at a given instant, and whether it was early, on time or late. One pass over
//! the events, no allocation, so a report over a million dossiers stays a single cheap scan.
//!
//! Readings (RULES.md §5, §9): a dossier is *resolved* at its first `ResultReady` event (or its
//! `HandedBack` when the result went straight to the applicant); it *ended otherwise* at its
//! first `Refused` or `Stopped` (the statistics table counts those in their own column, where
//! `domain::timeliness` judges them like a resolution). Timeliness is the domain's
//! [`judge_resolution`] against the legal due, never the new appointment of an apology; a
//! paused dossier is judged at the instant its clock stopped, as `domain` does.

use crate::calendar::{Calendar, ClockEvent, LocalTime};
use crate::domain::{Dossier, Event, EventKind};

pub use crate::domain::Timeliness;

/// Where a dossier stood at an instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Not received yet at that instant.
    NotYet,
    /// Open and its clock running (or paused for an excluded period).
    Open,
    /// Returned to the applicant for a supplement (the clock restarts when it comes back).
    WaitingSupplement,
    /// The result is at the desk, not handed back yet.
    WaitingCollection,
    /// Resolved and handed back.
    HandedBack,
    /// Refused or stopped.
    EndedOther,
}

/// The instants that matter for the reports, read in one pass over the events.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Milestones {
    /// First `ResultReady`, else first `HandedBack`.
    pub resolved: Option<LocalTime>,
    pub handed_back: Option<LocalTime>,
    /// First `Refused` or `Stopped` (when not resolved before).
    pub ended_other: Option<LocalTime>,
}

impl Milestones {
    /// Reads a dossier's milestones.
    pub fn of(d: &Dossier) -> Milestones {
        let mut m = Milestones::default();
        for e in &d.events {
            match e.kind {
                EventKind::ResultReady if m.resolved.is_none() => m.resolved = Some(e.at),
                EventKind::HandedBack { .. } if m.handed_back.is_none() => {
                    m.handed_back = Some(e.at);
                    if m.resolved.is_none() {
                        m.resolved = Some(e.at);
                    }
                }
                EventKind::Refused { .. } | EventKind::Stopped { .. }
                    if m.ended_other.is_none() && m.resolved.is_none() =>
                {
                    m.ended_other = Some(e.at)
                }
                _ => {}
            }
        }
        m
    }

    /// The instant the dossier stopped being open (resolved or ended otherwise).
    pub fn ended(&self) -> Option<LocalTime> {
        match (self.resolved, self.ended_other) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}

/// Early / on time / late for a dossier resolved at `resolved` against its legal `due`.
pub fn timeliness(resolved: LocalTime, due: LocalTime) -> Timeliness {
    crate::domain::judge_resolution(resolved, due)
}

/// The instant the legal clock reads at `t`: `t`, or the start of an excluded period still
/// running at `t` (the clock is frozen there until the resume).
pub fn clock_at(d: &Dossier, t: LocalTime) -> LocalTime {
    let mut paused = None;
    for e in d.events.iter().take_while(|e| e.at <= t) {
        match e.kind {
            EventKind::Paused { .. } => paused = Some(e.at),
            EventKind::Resumed => paused = None,
            _ => {}
        }
    }
    paused.unwrap_or(t)
}

/// Where `d` stood at instant `t` (events at exactly `t` count as done).
pub fn stage_at(d: &Dossier, m: &Milestones, t: LocalTime) -> Stage {
    if d.received_at > t {
        return Stage::NotYet;
    }
    if m.handed_back.is_some_and(|h| h <= t) {
        return Stage::HandedBack;
    }
    if m.resolved.is_some_and(|r| r <= t) {
        return Stage::WaitingCollection;
    }
    if m.ended_other.is_some_and(|e| e <= t) {
        return Stage::EndedOther;
    }
    let mut waiting = false;
    for e in d.events.iter().take_while(|e| e.at <= t) {
        match e.kind {
            EventKind::SupplementRequested { .. } => waiting = true,
            EventKind::SupplementReceived => waiting = false,
            _ => {}
        }
    }
    if waiting {
        Stage::WaitingSupplement
    } else {
        Stage::Open
    }
}

/// The legal due instant as it stood at `t`: the dossier's `due_at`, recomputed from the clock
/// events up to `t` only when a clock event happened after `t` (rare), so the usual cost is one
/// scan of the events.
pub fn due_at_as_of(d: &Dossier, t: LocalTime, calendar: &Calendar) -> LocalTime {
    let later_clock = d
        .events
        .iter()
        .any(|e| e.at > t && clock_event(e).is_some());
    if !later_clock {
        return d.due_at;
    }
    let clock: Vec<ClockEvent> = d
        .events
        .iter()
        .take_while(|e| e.at <= t)
        .filter_map(clock_event)
        .collect();
    calendar.due_at(d.received_at, d.time_limit, &clock)
}

/// The clock event an event implies (supplement requested pauses until the complete dossier
/// restarts the count; excluded periods pause and resume).
fn clock_event(e: &Event) -> Option<ClockEvent> {
    match e.kind {
        EventKind::SupplementRequested { .. } | EventKind::Paused { .. } => {
            Some(ClockEvent::Pause(e.at))
        }
        EventKind::SupplementReceived => Some(ClockEvent::Restart(e.at)),
        EventKind::Resumed => Some(ClockEvent::Resume(e.at)),
        _ => None,
    }
}

/// The apology event of a dossier, if one was issued at or before `t`.
pub fn apology_at(d: &Dossier, t: LocalTime) -> Option<&Event> {
    d.events
        .iter()
        .take_while(|e| e.at <= t)
        .find(|e| matches!(e.kind, EventKind::ApologyIssued { .. }))
}

/// True when an open dossier owes an apology at `t` that was not issued: its apology deadline
/// (one working day before the legal due) has come and no letter exists (RULES.md §6).
pub fn apology_owed(d: &Dossier, t: LocalTime, due: LocalTime, calendar: &Calendar) -> bool {
    if apology_at(d, t).is_some() {
        return false;
    }
    // Cheap test first: no run of days off is a month long, so nothing is owed that early.
    if due - t > chrono::Duration::days(30) {
        return false;
    }
    crate::domain::deadline_for(due, crate::domain::clock_start(d), calendar) <= t
}
