//! What the reports read from one dossier's timeline: when it was resolved or otherwise ended,
//! where it stood at a given instant, and whether it was early, on time or late. One pass over
//! the events, no allocation, so a report over a million dossiers stays a single cheap scan.
//!
//! Readings (RULES.md §5, §9): a dossier is *resolved* at its first `ResultReady` event (or its
//! `HandedBack` when the result went straight to the applicant); it *ended otherwise* at its
//! first `Refused` or `Stopped` (the statistics table counts those in their own column, where
//! the judge treats them like a resolution). How an open dossier stands at an instant is
//! [`crate::domain::judge`]'s question, asked with `ClockFacts::as_of`.

use crate::calendar::LocalTime;
use crate::domain::model::{Dossier, EventKind};

/// Where a dossier stood at an instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Stage {
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
pub(crate) struct Milestones {
    /// First `ResultReady`, else first `HandedBack`.
    pub(crate) resolved: Option<LocalTime>,
    pub(crate) handed_back: Option<LocalTime>,
    /// First `Refused` or `Stopped` (when not resolved before).
    pub(crate) ended_other: Option<LocalTime>,
}

impl Milestones {
    /// Reads a dossier's milestones.
    pub fn of(d: &Dossier) -> Milestones {
        let mut m = Milestones::default();
        for e in d.effective_events() {
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
    pub(crate) fn ended(&self) -> Option<LocalTime> {
        match (self.resolved, self.ended_other) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}

/// Where `d` stood at instant `t` (events at exactly `t` count as done).
pub(crate) fn stage_at(d: &Dossier, m: &Milestones, t: LocalTime) -> Stage {
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
    for e in d.effective_events().take_while(|e| e.at <= t) {
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
