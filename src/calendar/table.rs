//! Per-year day tables: what each date of a year is (working, make-up, weekend, holiday with its
//! name), its schedule and its working minutes, so a day lookup is an index. Built lazily, once
//! per year, from office hours, the holiday rule and the notices. Pure.

use std::borrow::Cow;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};

use super::hours::OfficeHours;
use super::notice::Notice;
use super::{DayKind, holidays};

/// First and last year kept in the lazily built cache; other years are built on each lookup.
const FIRST_YEAR: i32 = 1900;
const LAST_YEAR: i32 = 2199;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Working,
    MakeUp,
    Weekend,
    Holiday,
}

/// One day of a table: its kind, the index of its name (0 = no name), its schedule index and
/// its working minutes (0 on a day off).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Day {
    pub(crate) kind: Kind,
    pub(crate) name: u16,
    pub(crate) schedule: u8,
    pub(crate) minutes: u16,
}

impl Day {
    pub(crate) fn is_working(self) -> bool {
        matches!(self.kind, Kind::Working | Kind::MakeUp)
    }
}

#[derive(Clone, Debug)]
pub(crate) struct YearTable {
    days: Vec<Day>,
    names: Vec<String>,
    /// `before[i]`: the working minutes of the year's days `0..i` (one more entry than days),
    /// so the working time of a run of whole days is a subtraction, not a walk (an overdue list
    /// measures from dues years back).
    before: Vec<u32>,
}

impl YearTable {
    fn build(year: i32, hours: &OfficeHours, notices: &[Notice]) -> YearTable {
        let mut names = vec![String::new()];
        let mut days = Vec::with_capacity(366);
        let mut d = NaiveDate::from_ymd_opt(year, 1, 1);
        while let Some(date) = d.filter(|x| x.year() == year) {
            let kind = if hours.works_on(date.weekday()) {
                Kind::Working
            } else {
                Kind::Weekend
            };
            let schedule = hours.schedule_of(date);
            days.push(Day {
                kind,
                name: 0,
                schedule,
                minutes: 0,
            });
            d = date.succ_opt();
        }
        let year_notices: Vec<&Notice> = notices.iter().filter(|n| n.year == year).collect();
        let replaced: Vec<holidays::Occasion> = year_notices
            .iter()
            .flat_map(|n| n.replaces.iter().copied())
            .collect();
        let mut set = |date: NaiveDate, kind: Kind, name: &str| {
            let i = date.ordinal0() as usize;
            if date.year() != year || i >= days.len() {
                return;
            }
            let n = names.iter().position(|x| x == name).unwrap_or_else(|| {
                names.push(name.to_string());
                names.len() - 1
            });
            days[i].kind = kind;
            days[i].name = u16::try_from(n).unwrap_or(0);
        };
        for r in holidays::rule_days(year, &replaced, |w| hours.works_on(w)) {
            set(r.date, Kind::Holiday, &r.name);
        }
        for n in &year_notices {
            for x in &n.days_off {
                set(x.date, Kind::Holiday, &x.name);
            }
            for x in &n.work_days {
                set(x.date, Kind::MakeUp, &x.name);
            }
        }
        for day in &mut days {
            if day.is_working() {
                day.minutes = hours
                    .sessions_of(day.schedule)
                    .iter()
                    .map(|s| s.minutes())
                    .sum();
            }
        }
        let mut before = Vec::with_capacity(days.len() + 1);
        let mut sum = 0u32;
        before.push(sum);
        for day in &days {
            sum += u32::from(day.minutes);
            before.push(sum);
        }
        YearTable {
            days,
            names,
            before,
        }
    }

    fn day(&self, date: NaiveDate) -> Day {
        self.days[date.ordinal0() as usize]
    }

    /// Working minutes of the year's days before `date` (of this year).
    fn minutes_before(&self, date: NaiveDate) -> u64 {
        u64::from(self.before[date.ordinal0() as usize])
    }

    /// Working minutes of the whole year.
    fn total(&self) -> u64 {
        u64::from(self.before[self.days.len()])
    }
}

/// The lazily built tables of all years, shared by clones of a calendar.
pub(crate) struct Tables {
    pub(crate) hours: OfficeHours,
    pub(crate) notices: Vec<Notice>,
    years: Vec<OnceLock<YearTable>>,
}

impl std::fmt::Debug for Tables {
    /// The settings only: the tables themselves are derived and large.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let built = self.years.iter().filter(|y| y.get().is_some()).count();
        f.debug_struct("Tables")
            .field("hours", &self.hours)
            .field("notices", &self.notices.len())
            .field("years_built", &built)
            .finish()
    }
}

impl Tables {
    pub(crate) fn new(hours: OfficeHours, notices: Vec<Notice>) -> Tables {
        Tables {
            hours,
            notices,
            years: (FIRST_YEAR..=LAST_YEAR).map(|_| OnceLock::new()).collect(),
        }
    }

    fn table(&self, year: i32) -> Cow<'_, YearTable> {
        match usize::try_from(year - FIRST_YEAR)
            .ok()
            .and_then(|i| self.years.get(i))
        {
            Some(cell) => Cow::Borrowed(
                cell.get_or_init(|| YearTable::build(year, &self.hours, &self.notices)),
            ),
            None => Cow::Owned(YearTable::build(year, &self.hours, &self.notices)),
        }
    }

    /// The table entry of `date`.
    pub(crate) fn day(&self, date: NaiveDate) -> Day {
        self.table(date.year()).day(date)
    }

    /// Working minutes of the whole days from `from` up to, not including, `to` (0 when `to`
    /// is not after `from`): per-year prefix sums, one subtraction a year.
    pub(crate) fn minutes_of_days(&self, from: NaiveDate, to: NaiveDate) -> u64 {
        if to <= from {
            return 0;
        }
        let (first, last) = (from.year(), to.year());
        let start = self.table(first);
        if first == last {
            return start.minutes_before(to) - start.minutes_before(from);
        }
        let mut total = start.total() - start.minutes_before(from);
        for year in first + 1..last {
            total += self.table(year).total();
        }
        total + self.table(last).minutes_before(to)
    }

    /// What `date` is, with the name of its holiday or make-up day.
    pub(crate) fn kind(&self, date: NaiveDate) -> DayKind {
        let table = self.table(date.year());
        let day = table.day(date);
        let name = || table.names[usize::from(day.name)].clone();
        match day.kind {
            Kind::Working => DayKind::Working,
            Kind::MakeUp => DayKind::MakeUp(name()),
            Kind::Weekend => DayKind::Weekend,
            Kind::Holiday => DayKind::Holiday(name()),
        }
    }
}
