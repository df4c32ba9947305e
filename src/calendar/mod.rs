//! Legal working time ("thời gian làm việc"): office hours, weekends, public holidays (two of
//! them lunar), the government's yearly notices (days off and make-up working days), and due
//! dates counted in that time, each with an explanation a clerk can read.
//!
//! Pure: no system clock, no files, no terminal. Every instant is a [`LocalTime`]: a naive
//! date-time read as Vietnam local time (UTC+07:00, no DST), whatever the machine's `TZ` says.
//! Conversion to and from RFC 3339 happens at the edges ([`to_rfc3339`], [`parse_local`]).
//!
//! This file is the contract the rest of the program calls; the submodules implement it.

use chrono::{FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

/// A moment in Vietnam local time (UTC+07:00). Minute precision is what the law uses.
pub type LocalTime = NaiveDateTime;

/// Vietnam's fixed offset, UTC+07:00.
pub fn vietnam_offset() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).expect("UTC+7 is a valid offset")
}

/// RFC 3339 with the `+07:00` offset, e.g. `2026-03-02T17:00:00+07:00`.
pub fn to_rfc3339(t: LocalTime) -> String {
    format!("{}+07:00", t.format("%Y-%m-%dT%H:%M:%S"))
}

/// Parses `YYYY-MM-DD HH:MM` (also `YYYY-MM-DDTHH:MM`, and a bare `YYYY-MM-DD` as 00:00).
pub fn parse_local(s: &str) -> Option<LocalTime> {
    let s = s.trim();
    for fmt in [
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, fmt) {
            return Some(t);
        }
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .map(|d| d.and_time(NaiveTime::MIN))
}

/// A legal time limit of a procedure ("thời hạn giải quyết").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TimeLimit {
    /// "Ngay trong ngày" with the 15:00 rule.
    SameDay,
    /// Working days in hundredths (300 = 3 days, 50 = 0.5 day).
    WorkingDays(u32),
    /// Working time in minutes (a limit stated in working hours; 240 = 4 hours).
    WorkingMinutes(u32),
}

/// An event that moves a running clock (derived from a dossier's events by `domain`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ClockEvent {
    /// An excluded period starts: working time stops counting.
    Pause(LocalTime),
    /// The excluded period ends: the clock continues where it stopped.
    Resume(LocalTime),
    /// The complete dossier was received again after a supplement: the limit counts from zero
    /// from this moment, as if received then.
    Restart(LocalTime),
}

/// What a date is, for working-time purposes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DayKind {
    /// An ordinary working day (Monday–Friday, not a holiday).
    Working,
    /// A weekend day announced as a working day ("làm bù"), with the notice's name.
    MakeUp(String),
    /// Saturday or Sunday.
    Weekend,
    /// A day off: public holiday, compensatory day or a notice's day off, with its name.
    Holiday(String),
}

/// A working-time calendar: office hours plus days off. Cheap to clone and share.
#[derive(Clone, Debug)]
pub struct Calendar {
    // Filled in by the calendar engine (see the submodules).
}

/// A due date with its derivation.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Due {
    pub at: LocalTime,
    pub explanation: Explanation,
}

/// The derivation of a due date, structured so a screen and a printout can show it and a test
/// can check that it adds up.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Explanation {
    // Filled in by the calendar engine.
}

impl Calendar {
    /// Default office hours (07:30–11:30, 13:30–17:00, Monday–Friday), the holiday rules and the
    /// built-in 2025 and 2026 notices.
    pub fn builtin() -> Calendar {
        todo!("calendar engine")
    }

    pub fn day_kind(&self, _date: NaiveDate) -> DayKind {
        todo!("calendar engine")
    }

    pub fn is_working_day(&self, _date: NaiveDate) -> bool {
        todo!("calendar engine")
    }

    /// The due instant for a limit starting at `received`, moved by the clock events (in time
    /// order). Same as `due(..).at`, without building the explanation.
    pub fn due_at(
        &self,
        _received: LocalTime,
        _limit: TimeLimit,
        _clock: &[ClockEvent],
    ) -> LocalTime {
        todo!("calendar engine")
    }

    pub fn due(&self, _received: LocalTime, _limit: TimeLimit, _clock: &[ClockEvent]) -> Due {
        todo!("calendar engine")
    }

    /// Working minutes from `from` to `to`; negative when `to` is before `from`.
    pub fn working_minutes_between(&self, _from: LocalTime, _to: LocalTime) -> i64 {
        todo!("calendar engine")
    }

    /// The instant `days` working days before `t` (used for the apology deadline: one working
    /// day before the due instant).
    pub fn sub_working_days(&self, _t: LocalTime, _days: u32) -> LocalTime {
        todo!("calendar engine")
    }

    /// Working minutes in one full working day on `date` (0 on a day off).
    pub fn working_minutes_of_day(&self, _date: NaiveDate) -> u32 {
        todo!("calendar engine")
    }
}
