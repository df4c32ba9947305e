//! Legal working time ("thời gian làm việc"): office hours, weekends, public holidays (two of
//! them lunar), the government's yearly notices (days off and make-up working days), and due
//! dates counted in that time, each with an explanation a clerk can read.
//!
//! Pure: no system clock, no files, no terminal. Every instant is a [`LocalTime`]: a naive
//! date-time read as Vietnam local time (UTC+07:00, no DST), whatever the machine's `TZ` says.
//! Conversion to and from RFC 3339 happens at the edges ([`to_rfc3339`], [`parse_local`]).
//!
//! This file is the contract the rest of the program calls; the submodules implement it:
//! [`hours`] (office hours and seasons), `limit` (a time limit and its words), [`lunar`] (the lunar calendar), [`holidays`] (holidays
//! by rule), [`notice`] (official notices), [`notice_file`] (notice files), `table` (per-year day tables), `clock`
//! (working-time arithmetic), [`due`] (due dates) and [`explain`] (their derivation).

mod builtin_notices;
mod clock;
pub mod due;
pub mod explain;
pub mod holidays;
pub mod hours;
mod limit;
pub mod lunar;
mod minutes;
pub mod notice;
pub mod notice_file;
mod table;

use std::sync::Arc;

use chrono::{FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

pub use explain::{ExplainedDay, Explanation, PausePeriod, SkipReason};
pub use holidays::Occasion;
pub use hours::{OfficeHours, Season, Session};
pub use limit::TimeLimit;
pub use lunar::LunarDate;
pub(crate) use minutes::parse_hundredths;
pub use minutes::{DayHundredths, WorkMinutes};
pub use notice::{Notice, NoticeDay};
pub use notice_file::{NoticeError, parse_notice};

/// A moment in Vietnam local time (UTC+07:00). Minute precision is what the law uses.
pub type LocalTime = NaiveDateTime;

/// Vietnam's fixed offset, UTC+07:00.
pub(crate) fn vietnam_offset() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).expect("UTC+7 is a valid offset")
}

/// RFC 3339 with the `+07:00` offset, e.g. `2026-03-02T17:00:00+07:00`.
pub(crate) fn to_rfc3339(t: LocalTime) -> String {
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
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

/// A working-time calendar: office hours plus days off (holidays by rule, overridden by
/// notices). Cheap to clone and share between threads (`Clone + Send + Sync`): clones share one
/// lazily built table per year, so a day lookup is an index.
#[derive(Clone, Debug)]
pub struct Calendar {
    tables: Arc<table::Tables>,
}

/// A due date with its derivation.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Due {
    #[schema(value_type = String)]
    pub at: LocalTime,
    pub explanation: Explanation,
}

impl Calendar {
    /// Default office hours (07:30–11:30, 13:30–17:00, Monday–Friday), the holiday rules and the
    /// built-in 2025 and 2026 notices.
    pub fn builtin() -> Calendar {
        Calendar::new(OfficeHours::default(), Notice::builtin())
    }

    /// A calendar with these office hours and these notices (applied in order: a later notice
    /// wins over an earlier one for the same date). Pass [`Notice::builtin`] first, then the
    /// desk's notice files, to keep the built-in years.
    pub fn new(hours: OfficeHours, notices: Vec<Notice>) -> Calendar {
        Calendar {
            tables: Arc::new(table::Tables::new(hours, notices)),
        }
    }

    /// The calendar of a desk: its office hours, the built-in notices, then the desk's notice
    /// files as `(file name, text)` (e.g. read from `<data-dir>/calendar/*.toml`), applied in
    /// year order, so a file wins over a built-in notice for the same date. The first invalid
    /// file is the error.
    pub fn with_notice_files(
        hours: OfficeHours,
        files: &[(String, String)],
    ) -> Result<Calendar, NoticeError> {
        let mut loaded = files
            .iter()
            .map(|(name, text)| parse_notice(name, text))
            .collect::<Result<Vec<_>, _>>()?;
        loaded.sort_by_key(|n| n.year);
        let mut notices = Notice::builtin();
        notices.extend(loaded);
        Ok(Calendar::new(hours, notices))
    }

    /// The office hours this calendar uses.
    pub(crate) fn office_hours(&self) -> &OfficeHours {
        &self.tables.hours
    }

    /// The notices this calendar applies, in order.
    pub fn notices(&self) -> &[Notice] {
        &self.tables.notices
    }

    pub fn day_kind(&self, date: NaiveDate) -> DayKind {
        self.tables.kind(date)
    }

    /// Whether `date` is a working day (an ordinary working day or a make-up day).
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        self.tables.day(date).is_working()
    }

    /// The due instant for a limit starting at `received`, moved by the clock events (in time
    /// order). Same as `due(..).at`, without building the explanation. See [`due`] for the
    /// readings of the law used.
    pub fn due_at(&self, received: LocalTime, limit: TimeLimit, clock: &[ClockEvent]) -> LocalTime {
        self.tables.due(received, limit, clock, false).0
    }

    pub fn due(&self, received: LocalTime, limit: TimeLimit, clock: &[ClockEvent]) -> Due {
        let (at, explanation) = self.tables.due(received, limit, clock, true);
        Due {
            at,
            explanation: explanation.expect("an explanation is built when asked for"),
        }
    }

    /// Working minutes in `[from, to)`; negative when `to` is before `from`. Minute precision
    /// (seconds dropped).
    pub fn working_minutes_between(&self, from: LocalTime, to: LocalTime) -> WorkMinutes {
        WorkMinutes::new(self.tables.minutes_between(from, to))
    }

    /// The instant `minutes` of working time after `t` (`t` itself for 0). A result that uses
    /// up a session exactly is that session's end (11:30, 17:00).
    pub fn add_working_minutes(&self, t: LocalTime, minutes: WorkMinutes) -> LocalTime {
        self.tables.add_minutes(t, minutes.unsigned())
    }

    /// The first instant at or after `t` inside office hours on a working day.
    pub fn next_working_instant(&self, t: LocalTime) -> LocalTime {
        self.tables.next_working_instant(t)
    }

    /// The instant `days` working days before `t` (used for the apology deadline: one working
    /// day before the due instant): the `days`-th working day before `t`'s date, at `t`'s time
    /// of day, clamped into that day's office hours (from its first session start to its last
    /// session end). `t` itself for 0.
    pub(crate) fn sub_working_days(&self, t: LocalTime, days: u32) -> LocalTime {
        if days == 0 {
            return t;
        }
        let mut date = t.date();
        for _ in 0..days {
            match self.tables.prev_working_day(date) {
                Some(d) => date = d,
                None => break,
            }
        }
        let time = t.time();
        let (start, end) = (self.tables.day_start(date), self.tables.day_end(date));
        date.and_time(time).clamp(start, end)
    }

    /// Working minutes in one full working day on `date` (0 on a day off).
    pub(crate) fn working_minutes_of_day(&self, date: NaiveDate) -> WorkMinutes {
        WorkMinutes::from(u32::from(self.tables.day(date).minutes))
    }
}

#[cfg(test)]
mod tests;
