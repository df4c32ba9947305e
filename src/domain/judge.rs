//! The one judge (RULES.md §5, §6): how a dossier stands at an instant — its timeliness and its
//! apology duty — decided from a small value of clock facts that a whole [`Dossier`] and a
//! status-index entry of the store can both produce without decoding the rest. Every list,
//! counter, tab, report and printout asks here; the shortcuts that keep a board over a million
//! dossiers fast (a dossier past its due owes in any case; a due far away owes nothing yet) are
//! written here, once. Pure.
//!
//! Readings:
//! - the legal clock runs for Received, InProcessing and Paused dossiers; a paused one is judged
//!   at the instant its clock stopped; a dossier waiting for the applicant's supplement has no
//!   running clock (it restarts from zero when the supplement comes) and owes nothing;
//! - open: overdue once the clock is past the legal due; due soon when at most the dossier's
//!   due-soon window of working time is left ([`due_soon_window`]); within time otherwise;
//! - resolved (result ready, refused, stopped): early / on time / late by [`judge_resolution`];
//! - the apology deadline ([`apology_deadline`]) is one working day before the legal due; for
//!   limits of one working day or less it is the due itself (the law's "one day before" cannot
//!   be met in advance there);
//! - duty, open: a letter → issued (or issued late, when it came after the deadline), or new
//!   appointment missed once the clock passes it; no letter → breach from the deadline
//!   (inclusive), upcoming while the deadline is within the due-soon window, none before;
//! - duty, resolved: judged at the resolution the same way, except that a dossier resolved in
//!   time without a letter owes nothing (it was not late after all), and one resolved after
//!   its due without a letter is a breach.

use serde::{Deserialize, Serialize};

use crate::calendar::{Calendar, DayHundredths, LocalTime, TimeLimit, WorkMinutes};
use crate::domain::apology::ApologyDuty;
use crate::domain::model::{Dossier, EventKind, Status};
use crate::domain::timeliness::{Timeliness, judge_resolution};

/// An apology letter as the judge needs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Letter {
    #[schema(value_type = String)]
    pub issued_at: LocalTime,
    #[schema(value_type = String)]
    pub new_due: LocalTime,
}

/// Everything the judge needs about one dossier's legal clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ClockFacts {
    pub status: Status,
    pub limit: TimeLimit,
    /// The legal due instant (never the new appointment of an apology).
    #[schema(value_type = String)]
    pub due: LocalTime,
    /// When the current legal clock started: receipt, or the last complete supplement.
    #[schema(value_type = String)]
    pub clock_start: LocalTime,
    /// For a paused dossier, the instant its clock stopped; `None` otherwise.
    #[schema(value_type = Option<String>)]
    pub paused_at: Option<LocalTime>,
    pub letter: Option<Letter>,
    /// When the dossier got its result, was refused or stopped; `None` while open.
    #[schema(value_type = Option<String>)]
    pub resolved_at: Option<LocalTime>,
}

/// The judgement of one dossier at one instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Judgement {
    pub timeliness: Timeliness,
    pub duty: ApologyDuty,
}

impl ClockFacts {
    /// The facts of `d` as it stands (its last event included).
    pub fn of(d: &Dossier) -> ClockFacts {
        let mut f = ClockFacts {
            status: d.status,
            limit: d.time_limit,
            due: d.due_at,
            clock_start: d.received_at,
            paused_at: None,
            letter: None,
            resolved_at: None,
        };
        for e in d.effective_events() {
            f.absorb(&e.kind, e.at);
        }
        f
    }

    /// The facts of `d` as they stood at `t` (events at exactly `t` count as done), for reports
    /// of a past day: the status, the clock and the legal due of then. `None` when `d` was not
    /// received yet at `t`.
    pub fn as_of(d: &Dossier, t: LocalTime, calendar: &Calendar) -> Option<ClockFacts> {
        if d.received_at > t {
            return None;
        }
        let d = d.effective();
        let d: &Dossier = &d;
        let mut f = ClockFacts {
            status: Status::Received,
            limit: d.time_limit,
            due: d.due_at,
            clock_start: d.received_at,
            paused_at: None,
            letter: None,
            resolved_at: None,
        };
        let (mut transferred, mut clock_later) = (false, false);
        for (i, e) in d.events.iter().enumerate() {
            if e.at > t {
                clock_later = d.events[i..]
                    .iter()
                    .any(|e| e.kind.clock_event(e.at).is_some());
                break;
            }
            f.absorb(&e.kind, e.at);
            f.status = e.kind.status_after(f.status, transferred);
            transferred |= matches!(e.kind, EventKind::Transferred { .. });
        }
        if clock_later {
            let clock: Vec<_> = d
                .events
                .iter()
                .take_while(|e| e.at <= t)
                .filter_map(|e| e.kind.clock_event(e.at))
                .collect();
            f.due = calendar.due_at(d.received_at, d.time_limit, &clock);
        }
        Some(f)
    }

    /// Takes one event into account (in timeline order).
    fn absorb(&mut self, kind: &EventKind, at: LocalTime) {
        match kind {
            EventKind::SupplementReceived => self.clock_start = at,
            EventKind::Paused { .. } => self.paused_at = Some(at),
            EventKind::Resumed => self.paused_at = None,
            EventKind::ApologyIssued { new_due, .. } if self.letter.is_none() => {
                self.letter = Some(Letter {
                    issued_at: at,
                    new_due: *new_due,
                })
            }
            EventKind::ResultReady
            | EventKind::HandedBack { .. }
            | EventKind::Refused { .. }
            | EventKind::Stopped { .. }
                if self.resolved_at.is_none() =>
            {
                self.resolved_at = Some(at)
            }
            _ => {}
        }
    }

    /// Whether the legal clock can still make the dossier late.
    pub fn is_open(&self) -> bool {
        self.status.is_open()
    }

    /// The instant the legal clock reads at `now`: `now`, or the pause of a paused dossier.
    pub(crate) fn clock_instant(&self, now: LocalTime) -> LocalTime {
        match (self.status, self.paused_at) {
            (Status::Paused, Some(p)) => p.min(now),
            _ => now,
        }
    }

    /// Whether the running clock has passed the legal due at `now`: the one "overdue" rule
    /// (a dossier waiting for a supplement has no running clock; a paused one is judged at
    /// its pause).
    pub fn overdue_at(&self, now: LocalTime) -> bool {
        self.is_open()
            && self.status != Status::SupplementRequested
            && self.clock_instant(now) > self.due
    }

    /// The instant the dossier is judged at: the clock at `now` while open, else its resolution.
    pub(crate) fn judged_at(&self, now: LocalTime) -> LocalTime {
        if self.is_open() {
            self.clock_instant(now)
        } else {
            self.resolved_at.unwrap_or(now)
        }
    }
}

/// Whether a time limit is of one working day or less (its apology deadline is the due).
pub(crate) fn is_short_limit(limit: TimeLimit, day: WorkMinutes) -> bool {
    limit_minutes(limit, day) <= day
}

/// A limit's length in working time, with working days of `day`.
fn limit_minutes(limit: TimeLimit, day: WorkMinutes) -> WorkMinutes {
    match limit {
        TimeLimit::SameDay => day,
        TimeLimit::WorkingDays(DayHundredths(h)) => {
            WorkMinutes::new(i64::from(h) * day.get() / 100)
        }
        TimeLimit::WorkingMinutes(m) => WorkMinutes::from(m),
    }
}

/// Working time of the working day around `t` (a full default day on a day off).
fn day_minutes_at(calendar: &Calendar, t: LocalTime) -> WorkMinutes {
    match calendar.working_minutes_of_day(t.date()) {
        WorkMinutes::ZERO => WorkMinutes::from(crate::domain::timeliness::DEFAULT_DUE_SOON_MINUTES),
        m => m,
    }
}

/// The due-soon window of a dossier, in working minutes: the desk's setting, but never more
/// than a third of the dossier's own time limit — so a same-day certification received at
/// 08:05 is not "due soon" all day, while a three-day dossier is from its last day.
pub fn due_soon_window(limit: TimeLimit, setting: WorkMinutes, day: WorkMinutes) -> WorkMinutes {
    let third = WorkMinutes::new(limit_minutes(limit, day).get() / 3);
    setting.min(third)
}

/// The latest instant to issue the apology letter (Decree 61 Art. 19.9): one working day
/// before the legal due; for limits of one working day or less, or when that day falls before
/// the clock started, the due itself.
pub fn apology_deadline(f: &ClockFacts, calendar: &Calendar) -> LocalTime {
    if is_short_limit(f.limit, day_minutes_at(calendar, f.due)) {
        return f.due;
    }
    let one_day_before = calendar.sub_working_days(f.due, 1);
    if one_day_before > f.clock_start {
        one_day_before
    } else {
        f.due
    }
}

/// The judge at one instant: the calendar, `now`, the desk's due-soon setting (working
/// minutes) and the horizon computed once from them. Build one per list, count or report and
/// ask it about each dossier.
#[derive(Clone, Copy, Debug)]
pub struct Judge<'a> {
    calendar: &'a Calendar,
    now: LocalTime,
    setting: WorkMinutes,
    horizon: LocalTime,
}

impl<'a> Judge<'a> {
    /// `setting` is the desk's due-soon window in working minutes (`config.toml`).
    pub fn new(calendar: &'a Calendar, now: LocalTime, setting: u32) -> Judge<'a> {
        let setting = WorkMinutes::from(setting);
        Judge {
            calendar,
            now,
            setting,
            horizon: horizon(calendar, now, setting),
        }
    }

    /// A legal due at or after this instant is neither due soon nor near its apology deadline
    /// at `now` (nor at any earlier clock instant): the start of the day after the first
    /// working day that follows the end of the due-soon window — a dossier's window is at most
    /// the setting, and its deadline is one working day before its due. Lists scan the status
    /// index only up to here.
    pub fn horizon(&self) -> LocalTime {
        self.horizon
    }

    /// The judgement of `f` (see the module docs).
    pub fn judge(&self, f: &ClockFacts) -> Judgement {
        let (calendar, now) = (self.calendar, self.now);
        let at = f.judged_at(now);
        if !f.is_open() {
            return Judgement {
                timeliness: judge_resolution(at, f.due),
                duty: resolved_duty(f, at, calendar),
            };
        }
        if f.status == Status::SupplementRequested {
            return Judgement {
                timeliness: Timeliness::WaitingSupplement,
                duty: ApologyDuty::None,
            };
        }
        if f.overdue_at(now) {
            return Judgement {
                timeliness: Timeliness::Overdue,
                duty: open_duty(f, at, calendar, self.setting),
            };
        }
        if f.due >= self.horizon && f.letter.is_none() {
            return Judgement {
                timeliness: Timeliness::Within,
                duty: ApologyDuty::None,
            };
        }
        let window = due_soon_window(f.limit, self.setting, day_minutes_at(calendar, f.due));
        let soon = calendar.working_minutes_between(at, f.due) <= window;
        Judgement {
            timeliness: if soon {
                Timeliness::DueSoon
            } else {
                Timeliness::Within
            },
            duty: open_duty(f, at, calendar, self.setting),
        }
    }

    /// Whether `f` is on the "Cần xin lỗi" list (upcoming, breach or new appointment missed):
    /// [`Judge::judge`]'s answer, without computing the deadline of an open dossier already past
    /// its due with no letter (it is in breach in any case).
    pub(crate) fn needs_apology_action(&self, f: &ClockFacts) -> bool {
        if f.letter.is_none() && f.overdue_at(self.now) {
            return true;
        }
        self.judge(f).duty.needs_action()
    }

    /// Working minutes from the clock instant of `f` to its legal due; negative once past it.
    pub fn minutes_left(&self, f: &ClockFacts) -> WorkMinutes {
        self.calendar
            .working_minutes_between(f.clock_instant(self.now), f.due)
    }

    /// Working minutes from `now` to `t`; negative once past it.
    pub(crate) fn minutes_until(&self, t: LocalTime) -> WorkMinutes {
        self.calendar.working_minutes_between(self.now, t)
    }
}

fn horizon(calendar: &Calendar, now: LocalTime, setting: WorkMinutes) -> LocalTime {
    let window_end = calendar.add_working_minutes(now, setting + WorkMinutes::new(1));
    let mut day = window_end.date();
    for _ in 0..60 {
        day = day.succ_opt().unwrap_or(day);
        if calendar.is_working_day(day) {
            break;
        }
    }
    day.succ_opt()
        .unwrap_or(day)
        .and_time(chrono::NaiveTime::MIN)
}

/// Judges `f` at `now` (a one-off [`Judge`]).
pub fn judge(f: &ClockFacts, now: LocalTime, calendar: &Calendar, setting: u32) -> Judgement {
    Judge::new(calendar, now, setting).judge(f)
}

fn open_duty(
    f: &ClockFacts,
    at: LocalTime,
    calendar: &Calendar,
    setting: WorkMinutes,
) -> ApologyDuty {
    let deadline = apology_deadline(f, calendar);
    if let Some(letter) = f.letter {
        return letter_duty(letter, deadline, at);
    }
    if at >= deadline {
        return ApologyDuty::Breach { deadline };
    }
    let window = due_soon_window(f.limit, setting, day_minutes_at(calendar, f.due));
    if calendar.working_minutes_between(at, deadline) <= window {
        ApologyDuty::Upcoming { deadline }
    } else {
        ApologyDuty::None
    }
}

fn resolved_duty(f: &ClockFacts, at: LocalTime, calendar: &Calendar) -> ApologyDuty {
    match f.letter {
        Some(letter) => letter_duty(letter, apology_deadline(f, calendar), at),
        None if at > f.due => ApologyDuty::Breach {
            deadline: apology_deadline(f, calendar),
        },
        None => ApologyDuty::None,
    }
}

fn letter_duty(letter: Letter, deadline: LocalTime, at: LocalTime) -> ApologyDuty {
    let new_due = letter.new_due;
    if at > new_due {
        ApologyDuty::NewDueMissed { new_due }
    } else if letter.issued_at > deadline {
        ApologyDuty::IssuedLate { deadline, new_due }
    } else {
        ApologyDuty::Issued { deadline, new_due }
    }
}

impl Judgement {
    /// The judgement of a whole dossier at `now` (see [`judge`]).
    pub fn of(d: &Dossier, now: LocalTime, calendar: &Calendar, setting: u32) -> Judgement {
        judge(&ClockFacts::of(d), now, calendar, setting)
    }
}
