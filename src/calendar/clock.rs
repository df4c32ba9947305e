//! Working-time arithmetic on instants: the next working instant, adding working minutes,
//! working minutes between two instants, whole working days. Minute precision: seconds are
//! dropped. Sessions are half-open (`[start, end)`), but an addition that uses up its minutes
//! exactly at a session's end returns that end (11:30, 17:00), never the next session's start.
//! Pure; works on [`Tables`].

use chrono::{NaiveDate, NaiveTime, Timelike};

use super::LocalTime;
use super::hours::Session;
use super::table::Tables;

/// Minutes after midnight of an instant (seconds dropped).
pub(crate) fn minute_of(t: LocalTime) -> u16 {
    (t.hour() * 60 + t.minute()) as u16
}

/// The instant at `minute` after midnight of `date` (24:00 is the next midnight).
pub(crate) fn at(date: NaiveDate, minute: u16) -> LocalTime {
    let minute = u32::from(minute);
    if minute >= 24 * 60 {
        let next = date.succ_opt().unwrap_or(date);
        return next.and_time(NaiveTime::MIN);
    }
    date.and_time(
        NaiveTime::from_hms_opt(minute / 60, minute % 60, 0).expect("minute < 1440 is a time"),
    )
}

impl Tables {
    /// The sessions of `date` when it is a working day; empty on a day off.
    pub fn sessions(&self, date: NaiveDate) -> &[Session] {
        let day = self.day(date);
        if day.is_working() {
            self.hours.sessions_of(day.schedule)
        } else {
            &[]
        }
    }

    /// The next working day strictly after `date` (`None` only at the end of the calendar).
    pub(crate) fn next_working_day(&self, date: NaiveDate) -> Option<NaiveDate> {
        let mut d = date.succ_opt()?;
        while !self.day(d).is_working() {
            d = d.succ_opt()?;
        }
        Some(d)
    }

    /// The previous working day strictly before `date`.
    pub(crate) fn prev_working_day(&self, date: NaiveDate) -> Option<NaiveDate> {
        let mut d = date.pred_opt()?;
        while !self.day(d).is_working() {
            d = d.pred_opt()?;
        }
        Some(d)
    }

    /// Start of the first session of `date` (a working day).
    pub(crate) fn day_start(&self, date: NaiveDate) -> LocalTime {
        at(date, self.sessions(date).first().map_or(0, |s| s.start))
    }

    /// End of the last session of `date` (a working day).
    pub(crate) fn day_end(&self, date: NaiveDate) -> LocalTime {
        at(date, self.sessions(date).last().map_or(0, |s| s.end))
    }

    /// The first instant at or after `t` inside working time: `t` itself when inside a session
    /// (start inclusive, end exclusive), else the start of the next session.
    pub fn next_working_instant(&self, t: LocalTime) -> LocalTime {
        let m = minute_of(t);
        let date = t.date();
        if let Some(s) = self.sessions(date).iter().find(|s| m < s.end) {
            return if m >= s.start {
                at(date, m)
            } else {
                at(date, s.start)
            };
        }
        match self.next_working_day(date) {
            Some(d) => self.day_start(d),
            None => t,
        }
    }

    /// The instant `minutes` of working time after `t`. With 0 minutes, `t` itself.
    pub(crate) fn add_minutes(&self, t: LocalTime, minutes: u64) -> LocalTime {
        let mut rest = minutes;
        if rest == 0 {
            return t;
        }
        let mut date = t.date();
        let mut m = minute_of(t);
        loop {
            let day = self.day(date);
            if m == 0 && u64::from(day.minutes) < rest {
                rest -= u64::from(day.minutes);
            } else {
                for s in self.sessions(date) {
                    if m >= s.end {
                        continue;
                    }
                    let from = m.max(s.start);
                    let avail = u64::from(s.end - from);
                    if rest <= avail {
                        return at(date, from + rest as u16);
                    }
                    rest -= avail;
                    m = s.end;
                }
            }
            match date.succ_opt() {
                Some(d) => date = d,
                None => return at(date, 24 * 60 - 1),
            }
            m = 0;
        }
    }

    /// Working minutes of `date` within `[from, to)` minutes after midnight.
    fn minutes_within(&self, date: NaiveDate, from: u16, to: u16) -> u64 {
        self.sessions(date)
            .iter()
            .map(|s| u64::from(s.end.min(to).saturating_sub(s.start.max(from))))
            .sum()
    }

    /// Working minutes in `[from, to)`; negative when `to` is before `from`.
    pub(crate) fn minutes_between(&self, from: LocalTime, to: LocalTime) -> i64 {
        if to < from {
            return -self.minutes_between(to, from);
        }
        let (a, b) = (from.date(), to.date());
        if a == b {
            return self.minutes_within(a, minute_of(from), minute_of(to)) as i64;
        }
        let mut total = self.minutes_within(a, minute_of(from), 24 * 60);
        if let Some(next) = a.succ_opt() {
            total += self.minutes_of_days(next, b);
        }
        total += self.minutes_within(b, 0, minute_of(to));
        total as i64
    }

    /// Working minutes of `date` in `[from, to)` minutes after midnight.
    pub(crate) fn minutes_in(&self, date: NaiveDate, from: u16, to: u16) -> u64 {
        self.minutes_within(date, from, to)
    }
}
