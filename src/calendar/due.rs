//! Due dates for the three kinds of time limit, moved by clock events, with their explanation.
//! Pure; works on [`Tables`].
//!
//! Readings chosen (RULES.md §5), all in Vietnam local time:
//! - **Receipt day** (same-day and day limits): the day of receipt when it is a working day,
//!   the receipt is at or before 15:00 and before that day's office hours end; otherwise the
//!   next working day (the 15:00 rule, and receipts outside working days or after hours).
//! - **Same day**: due at the end of the receipt day's office hours.
//! - **N working days** (`WorkingDays(DayHundredths(h))`): the receipt day is not counted;
//!   due at the end of the `⌊h/100⌋`-th working day after it; a fractional part `f` then counts
//!   `round(f% × that next day's working minutes)` from the start of the next working day.
//!   0 days is the same as "same day".
//! - **N working minutes**: counted from the receipt, or from the next session start when
//!   received outside office hours; no 15:00 rule.
//! - **Clock events**, in time order: a restart makes the limit count from zero from that moment
//!   (as a receipt), forgetting earlier pauses; each pause–resume pair that starts before the
//!   current due date moves it by the working time paused (a pause before the clock starts counts
//!   from the start). A pause without a resume does not move the due date (the clock is frozen:
//!   the caller shows it as paused). A second pause while paused and a resume without a pause
//!   are ignored.

use chrono::NaiveDate;

use super::clock::{at, minute_of};
use super::explain::{ExplainedDay, Explanation, PausePeriod, SkipReason};
use super::table::Tables;
use super::{ClockEvent, DayHundredths, DayKind, LocalTime, TimeLimit};

/// The 15:00 cut-off, minutes after midnight.
pub(crate) const CUTOFF: u16 = 15 * 60;

/// Where the clock starts and where it would end without pauses.
struct Base {
    start: LocalTime,
    due: LocalTime,
    /// The receipt day for same-day and day limits (not counted for day limits).
    receipt_day: Option<NaiveDate>,
}

impl Tables {
    /// The receipt day under the 15:00 rule (see the module doc).
    fn receipt_day(&self, origin: LocalTime) -> NaiveDate {
        let date = origin.date();
        let m = minute_of(origin);
        let end = self.sessions(date).last().map_or(0, |s| s.end);
        if m <= CUTOFF && m < end {
            date
        } else {
            self.next_working_day(date).unwrap_or(date)
        }
    }

    fn base(&self, origin: LocalTime, limit: TimeLimit) -> Base {
        let same_day = |r: NaiveDate| Base {
            start: if r == origin.date() {
                self.next_working_instant(origin)
            } else {
                self.day_start(r)
            },
            due: self.day_end(r),
            receipt_day: Some(r),
        };
        match limit {
            TimeLimit::SameDay | TimeLimit::WorkingDays(DayHundredths(0)) => {
                same_day(self.receipt_day(origin))
            }
            TimeLimit::WorkingDays(DayHundredths(h)) => {
                let r = self.receipt_day(origin);
                let next = |d: NaiveDate| self.next_working_day(d).unwrap_or(d);
                let first = next(r);
                let mut last = r;
                for _ in 0..h / 100 {
                    last = next(last);
                }
                let due = match h % 100 {
                    0 => self.day_end(last),
                    f => {
                        let day = next(last);
                        let share = (u64::from(f) * u64::from(self.day(day).minutes) + 50) / 100;
                        self.add_minutes(self.day_start(day), share)
                    }
                };
                Base {
                    start: self.day_start(first),
                    due,
                    receipt_day: Some(r),
                }
            }
            TimeLimit::WorkingMinutes(m) => {
                let start = self.next_working_instant(origin);
                Base {
                    start,
                    due: self.add_minutes(start, u64::from(m)),
                    receipt_day: None,
                }
            }
        }
    }

    /// The due instant and, when `explain`, its derivation.
    pub(crate) fn due(
        &self,
        received: LocalTime,
        limit: TimeLimit,
        clock: &[ClockEvent],
        explain: bool,
    ) -> (LocalTime, Option<Explanation>) {
        let mut origin = received;
        let mut restarted = None;
        let mut pairs: Vec<(LocalTime, Option<LocalTime>)> = Vec::new();
        for event in clock {
            match *event {
                ClockEvent::Restart(t) => {
                    origin = t;
                    restarted = Some(t);
                    pairs.clear();
                }
                ClockEvent::Pause(t) => {
                    if pairs.last().is_none_or(|p| p.1.is_some()) {
                        pairs.push((t, None));
                    }
                }
                ClockEvent::Resume(t) => {
                    if let Some(p) = pairs.last_mut().filter(|p| p.1.is_none()) {
                        p.1 = Some(t.max(p.0));
                    }
                }
            }
        }
        let base = self.base(origin, limit);
        let mut due = base.due;
        let mut pauses = Vec::new();
        for (from, to) in pairs {
            let from = from.max(base.start);
            let minutes = match to {
                Some(to) if from < due && to > from => self.minutes_between(from, to).max(0),
                _ => 0,
            };
            due = self.add_minutes(due, minutes as u64);
            pauses.push(PausePeriod {
                from,
                to,
                minutes: minutes as u32,
            });
        }
        if !explain {
            return (due, None);
        }
        let days = self.explain_days(origin, &base, due, &pauses, limit);
        let explanation = Explanation {
            limit,
            received,
            restarted,
            start: base.start,
            days,
            pauses,
            due,
        };
        (due, Some(explanation))
    }

    fn skip_reason(
        &self,
        date: NaiveDate,
        origin: LocalTime,
        base: &Base,
        limit: TimeLimit,
    ) -> SkipReason {
        match self.kind(date) {
            DayKind::Weekend => return SkipReason::Weekend,
            DayKind::Holiday(name) => return SkipReason::Holiday(name),
            DayKind::Working | DayKind::MakeUp(_) => {}
        }
        if date == origin.date() && base.receipt_day != Some(date) {
            let cutoff_applies = !matches!(limit, TimeLimit::WorkingMinutes(_));
            if cutoff_applies && minute_of(origin) > CUTOFF {
                return SkipReason::AfterCutoff;
            }
            return SkipReason::AfterHours;
        }
        SkipReason::ReceiptDay
    }

    fn explain_days(
        &self,
        origin: LocalTime,
        base: &Base,
        due: LocalTime,
        pauses: &[PausePeriod],
        limit: TimeLimit,
    ) -> Vec<ExplainedDay> {
        let mut days = Vec::new();
        let mut d = Some(origin.date().min(base.start.date()));
        while let Some(date) = d.filter(|d| *d <= due.date()) {
            d = date.succ_opt();
            if date < base.start.date() || !self.day(date).is_working() {
                let reason = self.skip_reason(date, origin, base, limit);
                days.push(ExplainedDay::Skipped { date, reason });
                continue;
            }
            let lo = if date == base.start.date() {
                minute_of(base.start)
            } else {
                0
            };
            let hi = if date == due.date() {
                minute_of(due)
            } else {
                24 * 60
            };
            let paused: u64 = pauses
                .iter()
                .filter(|p| p.minutes > 0)
                .filter_map(|p| p.to.map(|to| (p.from, to)))
                .map(|(from, to)| {
                    let (a, b) = (at(date, lo).max(from), at(date, hi).min(to));
                    if a < b && a.date() == date {
                        let b_min = if b.date() == date {
                            minute_of(b)
                        } else {
                            24 * 60
                        };
                        self.minutes_in(date, minute_of(a), b_min)
                    } else {
                        0
                    }
                })
                .sum();
            days.push(ExplainedDay::Counted {
                date,
                minutes: self.minutes_in(date, lo, hi) as u32,
                paused_minutes: paused as u32,
            });
        }
        days
    }
}
