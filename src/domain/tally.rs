//! Per-day tallies: what one dossier adds to the day-by-day counters the period statistics and
//! the end-of-day summary are summed from (a domain rule: the store persists the sums in the
//! same transaction as each record, the reports add them up), so those reports read a few thousand small counters
//! instead of decoding every dossier (issue 7: a one-year report at 1M dossiers in ≤ 100 ms).
//!
//! A dossier's contribution is a pure function of its state ([`contributions`]); the store
//! keeps the sums, subtracting a dossier's old contribution and adding its new one in the same
//! transaction as the record, so the tallies are always exactly the sum over the records (and
//! `verify` can recompute them). Every figure the reports read from them equals what
//! `report::period::period_stats` and `report::day::day_summary` compute over the dossiers
//! themselves; tests compare the two on generated ledgers.
//!
//! Kinds (`kind`, `names`, `counts`):
//! - [`PROCEDURE`] `[field, procedure code, procedure name]`: received direct / postal / online
//!   on the day of receipt; resolved early / on time / late and the working time to resolution
//!   (in [`WORK_UNITS`] of a working day) on the day of resolution; refused or stopped on that
//!   day;
//! - [`STAGE`] `[field]`: changes of where open dossiers stand, as +1/−1 on the first day whose
//!   end (23:59:59) sees the change: within time, overdue, waiting for a supplement. The sum
//!   over every day up to D is where dossiers stood at the end of D (a dossier open now also
//!   counts on the future day its due passes; readers stop at today and correct for dues later
//!   today, see [`later_today`]);
//! - [`RATING`] `[rating]`: ratings given at hand-back, on the hand-back's day;
//! - [`OPERATOR`] `[operator]`: dossiers received, hand-backs made and fees collected;
//! - [`HANDED_BACK`] `[]`: first hand-backs by the timeliness of the resolution;
//! - [`APOLOGY`] `[code]`: apology letters issued that day;
//! - [`STATUS`] `[]` on [`STATUS_DAY`]: a running total, not a day's count: how many dossiers
//!   are in each non-final status now (counts in `store::keys::status_byte` order), so the
//!   board header reads "waiting for collection" without scanning the status index.
//!
//! The working time to resolution and the due instants before a later clock event are judged
//! with the calendar in force when the dossier was last written (a notice file added later does
//! not rewrite past tallies; `verify` reports the difference).

use chrono::{Duration, NaiveDate, NaiveTime};

use crate::calendar::{Calendar, ClockEvent, LocalTime, WorkMinutes};
use crate::domain::facts::Milestones;
use crate::domain::model::{Channel, Dossier, EventKind};
use crate::domain::timeliness::{Timeliness, judge_resolution as timeliness};

pub const PROCEDURE: u8 = 1;
pub const STAGE: u8 = 2;
pub const RATING: u8 = 3;
pub const OPERATOR: u8 = 4;
pub const HANDED_BACK: u8 = 5;
pub const APOLOGY: u8 = 6;
pub(crate) const STATUS: u8 = 7;

/// The day every [`STATUS`] tally is kept under (a total has no day).
pub(crate) const STATUS_DAY: NaiveDate = NaiveDate::MIN;

/// Counter positions of the [`STATUS`] tally: the non-final statuses in life-cycle order.
pub mod status {
    pub(crate) const RECEIVED: usize = 0;
    pub(crate) const IN_PROCESSING: usize = 1;
    pub(crate) const SUPPLEMENT_REQUESTED: usize = 2;
    pub(crate) const PAUSED: usize = 3;
    pub(crate) const RESULT_READY: usize = 4;
    pub const LEN: usize = 5;
}

/// Counter positions of a [`PROCEDURE`] tally.
pub(crate) mod proc {
    pub(crate) const DIRECT: usize = 0;
    pub(crate) const POSTAL: usize = 1;
    pub(crate) const ONLINE: usize = 2;
    pub(crate) const EARLY: usize = 3;
    pub(crate) const ON_TIME: usize = 4;
    pub(crate) const LATE: usize = 5;
    pub(crate) const WORK: usize = 6;
    pub(crate) const ENDED_OTHER: usize = 7;
    /// Apology letters issued that day.
    pub const APOLOGY: usize = 8;
    /// Of those, issued after their deadline.
    pub(crate) const APOLOGY_LATE: usize = 9;
    /// Resolved that day after the legal due with no apology letter before (a breach).
    pub(crate) const BREACH: usize = 10;
    pub const LEN: usize = 11;
}

/// Counter positions of a [`STAGE`] tally.
pub mod stage {
    pub const WITHIN: usize = 0;
    pub const OVERDUE: usize = 1;
    pub(crate) const WAITING: usize = 2;
    /// Of the overdue, those without an apology letter (a breach still open).
    pub(crate) const NO_LETTER: usize = 3;
    pub const LEN: usize = 4;
}

/// The version of the rules behind [`contributions`]: part of the tallier's inputs, so a store
/// whose tallies were summed by older rules rebuilds them at open. 2: working time without the
/// applicant's supplement time; apology and breach counters; open breaches in [`STAGE`].
pub(crate) const RULES_VERSION: u32 = 2;

/// Counter positions of an [`OPERATOR`] tally.
pub(crate) mod operator {
    pub(crate) const RECEIVED: usize = 0;
    pub const HANDED_BACK: usize = 1;
    pub(crate) const FEES: usize = 2;
    pub const LEN: usize = 3;
}

/// Working time is tallied in ten-thousandths of a working day, per dossier, so sums are exact.
pub(crate) const WORK_UNITS: i64 = 10_000;

/// One counter set of one day.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Tally {
    pub kind: u8,
    pub day: NaiveDate,
    pub names: Vec<String>,
    pub counts: Vec<i64>,
}

impl Tally {
    fn new(kind: u8, day: NaiveDate, names: &[&str], len: usize) -> Tally {
        Tally {
            kind,
            day,
            names: names.iter().map(|s| (*s).to_owned()).collect(),
            counts: vec![0; len],
        }
    }
}

/// The working time `d` took from its receipt to its resolution at `resolved`, without the time
/// the applicant spent supplementing (from each supplement request to the complete dossier
/// coming back), in [`WORK_UNITS`] of the working day of its date (see `units`): the figure Biểu 06's average
/// resolution time is summed from.
pub(crate) fn resolution_units(calendar: &Calendar, d: &Dossier, resolved: LocalTime) -> i64 {
    let d = d.effective();
    let d: &Dossier = &d;
    let mut minutes = calendar
        .working_minutes_between(d.received_at, resolved)
        .at_least_zero();
    let mut asked: Option<LocalTime> = None;
    for e in d.events.iter().take_while(|e| e.at <= resolved) {
        match e.kind {
            EventKind::SupplementRequested { .. } => asked = asked.or(Some(e.at)),
            EventKind::SupplementReceived => {
                if let Some(a) = asked.take() {
                    minutes -= calendar.working_minutes_between(a, e.at).at_least_zero();
                }
            }
            _ => {}
        }
    }
    units(calendar, minutes.at_least_zero(), resolved)
}

/// `minutes` of working time in [`WORK_UNITS`] of the working day of `b`'s date (a full office
/// day of 450 minutes when `b` falls on a day off), rounded to the nearest unit.
fn units(calendar: &Calendar, minutes: WorkMinutes, b: LocalTime) -> i64 {
    let day = match calendar.working_minutes_of_day(b.date()) {
        WorkMinutes::ZERO => 450,
        m => m.get(),
    };
    (minutes.get() * WORK_UNITS + day / 2) / day
}

/// The end of a day as the reports judge it (23:59:59).
pub fn end_of_day(day: NaiveDate) -> LocalTime {
    day.and_hms_opt(23, 59, 59)
        .unwrap_or_else(|| day.and_time(NaiveTime::MIN))
}

/// The first day whose end sees a change made at `t` (`t` counts as done at `t`).
fn day_from(t: LocalTime) -> NaiveDate {
    if t <= end_of_day(t.date()) {
        t.date()
    } else {
        t.date() + Duration::days(1)
    }
}

/// The first day whose end is strictly after `t` (a due passed is overdue only after it).
fn day_after(t: LocalTime) -> NaiveDate {
    if t < end_of_day(t.date()) {
        t.date()
    } else {
        t.date() + Duration::days(1)
    }
}

/// Everything `d` adds to the tallies.
pub fn contributions(d: &Dossier, calendar: &Calendar) -> Vec<Tally> {
    let d = d.effective();
    let d: &Dossier = &d;
    let m = Milestones::of(d);
    let field = d.field.as_str();
    let proc_names = [field, d.procedure.0.as_str(), d.procedure_name.as_str()];
    let received_day = d.received_at.date();
    let mut received = Tally::new(PROCEDURE, received_day, &proc_names, proc::LEN);
    received.counts[match d.channel {
        Channel::Direct => proc::DIRECT,
        Channel::Postal => proc::POSTAL,
        Channel::Online => proc::ONLINE,
    }] = 1;
    let mut out = vec![received];
    let mut op = Tally::new(OPERATOR, received_day, &[&d.received_by], operator::LEN);
    op.counts[operator::RECEIVED] = 1;
    out.push(op);
    if let Some(r) = m.resolved {
        let mut t = Tally::new(PROCEDURE, r.date(), &proc_names, proc::LEN);
        t.counts[timeliness_slot(timeliness(r, d.due_at))] = 1;
        t.counts[proc::WORK] = resolution_units(calendar, d, r);
        t.counts[proc::BREACH] = i64::from(breach_at_resolution(d, r));
        out.push(t);
    } else if let Some(e) = m.ended_other {
        let mut t = Tally::new(PROCEDURE, e.date(), &proc_names, proc::LEN);
        t.counts[proc::ENDED_OTHER] = 1;
        out.push(t);
    }
    if let (Some(h), Some(r)) = (m.handed_back, m.resolved) {
        let mut t = Tally::new(HANDED_BACK, h.date(), &[], 3);
        t.counts[timeliness_slot(timeliness(r, d.due_at)) - proc::EARLY] = 1;
        out.push(t);
    }
    for e in &d.events {
        match &e.kind {
            EventKind::HandedBack {
                fee_vnd, rating, ..
            } => {
                let mut t = Tally::new(OPERATOR, e.at.date(), &[&e.operator], operator::LEN);
                t.counts[operator::HANDED_BACK] = 1;
                t.counts[operator::FEES] = i64::try_from(*fee_vnd).unwrap_or(i64::MAX);
                out.push(t);
                if !rating.is_empty() {
                    let mut t = Tally::new(RATING, e.at.date(), &[rating], 1);
                    t.counts[0] = 1;
                    out.push(t);
                }
            }
            EventKind::ApologyIssued { .. } => {
                let mut t = Tally::new(APOLOGY, e.at.date(), &[d.code.as_str()], 1);
                t.counts[0] = 1;
                out.push(t);
                let mut t = Tally::new(PROCEDURE, e.at.date(), &proc_names, proc::LEN);
                t.counts[proc::APOLOGY] = 1;
                t.counts[proc::APOLOGY_LATE] = i64::from(letter_late(d, e.at, calendar));
                out.push(t);
            }
            _ => {}
        }
    }
    stage_changes(d, &m, calendar, &mut out);
    if let Some(slot) = status_slot(d.status) {
        let mut t = Tally::new(STATUS, STATUS_DAY, &[], status::LEN);
        t.counts[slot] = 1;
        out.push(t);
    }
    out
}

/// Whether `d`, resolved at `r`, was resolved after its legal due with no apology letter issued
/// before (at or before `r`): a breach of Decree 61 Art. 19.9 that Biểu 06's notes count.
pub(crate) fn breach_at_resolution(d: &Dossier, r: LocalTime) -> bool {
    r > d.due_at
        && !d
            .effective_events()
            .any(|e| e.at <= r && matches!(e.kind, EventKind::ApologyIssued { .. }))
}

/// Whether the apology letter `d` got at `at` came after its deadline, judged on the facts as
/// they stood then (the one reading `report::day` marks late letters with).
pub(crate) fn letter_late(d: &Dossier, at: LocalTime, calendar: &Calendar) -> bool {
    crate::domain::judge::ClockFacts::as_of(d, at, calendar)
        .is_some_and(|f| at > crate::domain::judge::apology_deadline(&f, calendar))
}

/// The [`STATUS`] counter of a non-final status.
fn status_slot(s: crate::domain::model::Status) -> Option<usize> {
    use crate::domain::model::Status;
    match s {
        Status::Received => Some(status::RECEIVED),
        Status::InProcessing => Some(status::IN_PROCESSING),
        Status::SupplementRequested => Some(status::SUPPLEMENT_REQUESTED),
        Status::Paused => Some(status::PAUSED),
        Status::ResultReady => Some(status::RESULT_READY),
        Status::HandedBack | Status::Refused | Status::Stopped => None,
    }
}

fn timeliness_slot(t: Timeliness) -> usize {
    match t {
        Timeliness::Early => proc::EARLY,
        Timeliness::OnTime => proc::ON_TIME,
        _ => proc::LATE,
    }
}

/// Where an open dossier stands, for [`STAGE`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Open {
    Within,
    /// Overdue; `letter`: an apology letter was issued.
    Overdue {
        letter: bool,
    },
    Waiting,
}

/// The counters a stage adds to (an overdue dossier without a letter also counts as an open
/// breach).
fn slots(s: Open) -> &'static [usize] {
    match s {
        Open::Within => &[stage::WITHIN],
        Open::Overdue { letter: true } => &[stage::OVERDUE],
        Open::Overdue { letter: false } => &[stage::OVERDUE, stage::NO_LETTER],
        Open::Waiting => &[stage::WAITING],
    }
}

/// The state after every event at or before an instant.
#[derive(Default)]
struct Walk {
    waiting: bool,
    paused: Option<LocalTime>,
    letter: bool,
    clock: Vec<ClockEvent>,
}

/// Emits the [`STAGE`] changes of `d`: it walks the timeline event instant by event instant,
/// judging each stretch as `facts::stage_at` and `judge::ClockFacts::as_of` do,
/// and adds the instant a running clock passes the due.
fn stage_changes(d: &Dossier, m: &Milestones, calendar: &Calendar, out: &mut Vec<Tally>) {
    let ended = m.ended();
    let last_clock = d
        .events
        .iter()
        .rposition(|e| e.kind.clock_event(e.at).is_some());
    let mut changes: Vec<(NaiveDate, Option<Open>)> = Vec::new();
    let mut walk = Walk::default();
    let (mut t, mut i) = (d.received_at, 0);
    loop {
        while let Some(e) = d.events.get(i).filter(|e| e.at <= t) {
            match e.kind {
                EventKind::SupplementRequested { .. } => walk.waiting = true,
                EventKind::SupplementReceived => walk.waiting = false,
                EventKind::Paused { .. } => walk.paused = Some(e.at),
                EventKind::Resumed => walk.paused = None,
                EventKind::ApologyIssued { .. } => walk.letter = true,
                _ => {}
            }
            if let Some(c) = e.kind.clock_event(e.at) {
                walk.clock.push(c);
            }
            i += 1;
        }
        if ended.is_some_and(|e| e <= t) {
            changes.push((day_from(t), None));
            break;
        }
        let next = d.events.get(i).map(|e| e.at);
        // As `ClockFacts::as_of`: the stored due unless a clock event comes later.
        let due = if last_clock.is_some_and(|last| last >= i) {
            calendar.due_at(d.received_at, d.time_limit, &walk.clock)
        } else {
            d.due_at
        };
        let overdue = Open::Overdue {
            letter: walk.letter,
        };
        let here = if walk.waiting {
            Open::Waiting
        } else {
            match walk.paused {
                Some(p) if p > due => overdue,
                Some(_) => Open::Within,
                None if t > due => overdue,
                None => Open::Within,
            }
        };
        changes.push((day_from(t), Some(here)));
        if here == Open::Within && walk.paused.is_none() && next.is_none_or(|n| due < n) {
            changes.push((day_after(due), Some(overdue)));
        }
        match next {
            Some(n) => t = n,
            None => break,
        }
    }
    let field = [d.field.as_str()];
    let mut current: Option<Open> = None;
    for (day, next) in changes {
        if next == current {
            continue;
        }
        let mut t = Tally::new(STAGE, day, &field, stage::LEN);
        if let Some(c) = current {
            for &i in slots(c) {
                t.counts[i] -= 1;
            }
        }
        if let Some(n) = next {
            for &i in slots(n) {
                t.counts[i] += 1;
            }
        }
        out.push(t);
        current = next;
    }
}

/// The open dossiers whose due passes later today: the stage tallies up to today count them
/// overdue (at the day's end) while at `now` they are still within time. Readers move these
/// from overdue back to within.
pub fn later_today(now: LocalTime, due: LocalTime) -> bool {
    due >= now && due < end_of_day(now.date())
}
