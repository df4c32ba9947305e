//! Office hours ("giờ làm việc"): the working weekdays, the daily sessions, and optional seasons
//! (date ranges with their own sessions). Pure data with validation; owns nothing else.
//!
//! The TOML shape (the `[office_hours]` table of `config.toml`):
//!
//! ```toml
//! [office_hours]
//! weekdays = ["T2", "T3", "T4", "T5", "T6"]   # also "mon".."sun"; T2 = Monday, CN = Sunday
//! sessions = ["07:30-11:30", "13:30-17:00"]   # start inclusive, end exclusive, in order
//!
//! [[office_hours.seasons]]                    # optional, any number
//! name = "Giờ mùa hè"
//! from = "05-01"                              # MM-DD, inclusive
//! to = "09-30"                                # MM-DD, inclusive; may wrap past 31/12
//! sessions = ["07:00-11:30", "13:30-17:00"]
//! ```
//!
//! A day inside a season uses the season's sessions (the first matching season wins); other days
//! use `sessions`. Weekdays not listed are the weekly rest days.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// One office session on a day, in minutes after midnight: `start` inclusive, `end` exclusive
/// (a session 07:30–11:30 is `450..690`; 11:30 itself is the end, not working time).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Session {
    pub(crate) start: u16,
    pub(crate) end: u16,
}

impl Session {
    /// Working minutes in the session.
    pub(crate) fn minutes(self) -> u16 {
        self.end - self.start
    }
}

/// A season: the days from `from` to `to` (month, day; both inclusive; wrapping past 31/12 when
/// `from` is after `to`) work in `sessions`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Season {
    pub(crate) name: String,
    pub(crate) from: (u32, u32),
    pub(crate) to: (u32, u32),
    pub(crate) sessions: Vec<Session>,
}

impl Season {
    fn contains(&self, date: NaiveDate) -> bool {
        let md = (date.month(), date.day());
        if self.from <= self.to {
            self.from <= md && md <= self.to
        } else {
            md >= self.from || md <= self.to
        }
    }
}

/// Office hours: validated on construction and on deserialisation (sessions in order, not
/// overlapping, within the day; at least one working weekday).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "OfficeHoursToml", into = "OfficeHoursToml")]
pub struct OfficeHours {
    weekdays: [bool; 7],
    sessions: Vec<Session>,
    seasons: Vec<Season>,
}

impl Default for OfficeHours {
    /// 07:30–11:30 and 13:30–17:00, Monday to Friday, no seasons.
    fn default() -> OfficeHours {
        OfficeHours {
            weekdays: [true, true, true, true, true, false, false],
            sessions: vec![
                Session {
                    start: 450,
                    end: 690,
                },
                Session {
                    start: 810,
                    end: 1020,
                },
            ],
            seasons: Vec::new(),
        }
    }
}

impl OfficeHours {
    /// Builds office hours; `weekdays[0]` is Monday. Fails with a Vietnamese reason when the
    /// sessions overlap, are out of order or empty, or no weekday works.
    pub(crate) fn new(
        weekdays: [bool; 7],
        sessions: Vec<Session>,
        seasons: Vec<Season>,
    ) -> Result<OfficeHours, String> {
        if !weekdays.iter().any(|w| *w) {
            return Err("phải có ít nhất một ngày làm việc trong tuần".to_string());
        }
        check_sessions(&sessions, "giờ làm việc")?;
        for s in &seasons {
            check_sessions(&s.sessions, &format!("mùa \"{}\"", s.name))?;
            for (m, d) in [s.from, s.to] {
                if NaiveDate::from_ymd_opt(2000, m, d).is_none() {
                    return Err(format!(
                        "mùa \"{}\": ngày {d:02}/{m:02} không hợp lệ",
                        s.name
                    ));
                }
            }
        }
        Ok(OfficeHours {
            weekdays,
            sessions,
            seasons,
        })
    }

    /// Whether `weekday` is an ordinary working weekday (not a weekly rest day).
    pub fn works_on(&self, weekday: Weekday) -> bool {
        self.weekdays[weekday.num_days_from_monday() as usize]
    }

    /// The schedule index of `date`: 0 for the ordinary sessions, `i + 1` for season `i`.
    pub(crate) fn schedule_of(&self, date: NaiveDate) -> u8 {
        self.seasons
            .iter()
            .position(|s| s.contains(date))
            .map_or(0, |i| (i + 1) as u8)
    }

    /// The sessions of a schedule index from [`OfficeHours::schedule_of`].
    pub(crate) fn sessions_of(&self, schedule: u8) -> &[Session] {
        match schedule {
            0 => &self.sessions,
            i => self
                .seasons
                .get(usize::from(i) - 1)
                .map_or(&self.sessions[..], |s| &s.sessions[..]),
        }
    }

    /// The sessions that apply on `date` if it is a working day.
    pub(crate) fn sessions_on(&self, date: NaiveDate) -> &[Session] {
        self.sessions_of(self.schedule_of(date))
    }

    /// The ordinary sessions (outside any season).
    pub fn sessions(&self) -> &[Session] {
        &self.sessions
    }

    pub fn seasons(&self) -> &[Season] {
        &self.seasons
    }
}

fn check_sessions(sessions: &[Session], what: &str) -> Result<(), String> {
    if sessions.is_empty() {
        return Err(format!("{what}: chưa có buổi làm việc nào"));
    }
    let mut last_end = 0;
    for s in sessions {
        if s.start >= s.end || s.end > 24 * 60 {
            return Err(format!("{what}: buổi {} không hợp lệ", fmt_session(*s)));
        }
        if s.start < last_end {
            return Err(format!(
                "{what}: buổi {} chồng lên hoặc đứng trước buổi trước",
                fmt_session(*s)
            ));
        }
        last_end = s.end;
    }
    Ok(())
}

/// `HH:MM` for minutes after midnight.
pub(crate) fn fmt_minutes(m: u16) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

fn fmt_session(s: Session) -> String {
    format!("{}-{}", fmt_minutes(s.start), fmt_minutes(s.end))
}

fn parse_hhmm(s: &str) -> Option<u16> {
    let (h, m) = s.trim().split_once(':')?;
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    (m < 60 && (h < 24 || (h == 24 && m == 0))).then_some(h * 60 + m)
}

fn parse_session(s: &str) -> Result<Session, String> {
    let bad = || format!("buổi \"{s}\" không hợp lệ; dùng dạng \"07:30-11:30\"");
    let (a, b) = s.split_once('-').ok_or_else(bad)?;
    Ok(Session {
        start: parse_hhmm(a).ok_or_else(bad)?,
        end: parse_hhmm(b).ok_or_else(bad)?,
    })
}

fn parse_month_day(s: &str) -> Result<(u32, u32), String> {
    let bad = || format!("ngày \"{s}\" không hợp lệ; dùng dạng \"MM-DD\", ví dụ \"05-01\"");
    let (m, d) = s.trim().split_once('-').ok_or_else(bad)?;
    Ok((m.parse().map_err(|_| bad())?, d.parse().map_err(|_| bad())?))
}

const WEEKDAY_NAMES: [[&str; 2]; 7] = [
    ["mon", "t2"],
    ["tue", "t3"],
    ["wed", "t4"],
    ["thu", "t5"],
    ["fri", "t6"],
    ["sat", "t7"],
    ["sun", "cn"],
];

/// The serialised form of [`OfficeHours`] (see the module doc for the TOML shape).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct OfficeHoursToml {
    #[serde(default = "default_weekday_names")]
    weekdays: Vec<String>,
    #[serde(default = "default_session_names")]
    sessions: Vec<String>,
    #[serde(default)]
    seasons: Vec<SeasonToml>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SeasonToml {
    name: String,
    from: String,
    to: String,
    sessions: Vec<String>,
}

fn default_weekday_names() -> Vec<String> {
    WEEKDAY_NAMES[..5]
        .iter()
        .map(|n| n[1].to_uppercase())
        .collect()
}

fn default_session_names() -> Vec<String> {
    vec!["07:30-11:30".to_string(), "13:30-17:00".to_string()]
}

impl TryFrom<OfficeHoursToml> for OfficeHours {
    type Error = String;

    fn try_from(t: OfficeHoursToml) -> Result<OfficeHours, String> {
        let mut weekdays = [false; 7];
        for name in &t.weekdays {
            let lower = name.trim().to_lowercase();
            let i = WEEKDAY_NAMES
                .iter()
                .position(|n| n.contains(&lower.as_str()))
                .ok_or_else(|| {
                    format!("ngày trong tuần \"{name}\" không hợp lệ; dùng T2…T7, CN")
                })?;
            weekdays[i] = true;
        }
        let sessions = t
            .sessions
            .iter()
            .map(|s| parse_session(s))
            .collect::<Result<Vec<_>, _>>()?;
        let mut seasons = Vec::new();
        for s in t.seasons {
            seasons.push(Season {
                from: parse_month_day(&s.from)?,
                to: parse_month_day(&s.to)?,
                sessions: s
                    .sessions
                    .iter()
                    .map(|x| parse_session(x))
                    .collect::<Result<Vec<_>, _>>()?,
                name: s.name,
            });
        }
        OfficeHours::new(weekdays, sessions, seasons)
    }
}

impl From<OfficeHours> for OfficeHoursToml {
    fn from(h: OfficeHours) -> OfficeHoursToml {
        OfficeHoursToml {
            weekdays: (0..7)
                .filter(|i| h.weekdays[*i])
                .map(|i| WEEKDAY_NAMES[i][1].to_uppercase())
                .collect(),
            sessions: h.sessions.iter().map(|s| fmt_session(*s)).collect(),
            seasons: h
                .seasons
                .into_iter()
                .map(|s| SeasonToml {
                    from: format!("{:02}-{:02}", s.from.0, s.from.1),
                    to: format!("{:02}-{:02}", s.to.0, s.to.1),
                    sessions: s.sessions.iter().map(|x| fmt_session(*x)).collect(),
                    name: s.name,
                })
                .collect(),
        }
    }
}
