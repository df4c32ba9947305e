//! The motcua side: every query through `Desk`, exactly as the board, the search screen and
//! the reports call it, on the sled store a batched import filled.

use std::path::Path;

use motcua::calendar::LocalTime;
use motcua::desk::{DayCounters, Desk, DeskError, ListFilter, LocalDesk, Page};
use motcua::domain::Dossier;

type R<T> = Result<T, DeskError>;

pub struct Motcua {
    pub desk: LocalDesk,
}

impl Motcua {
    pub fn open(data_dir: &Path) -> R<Motcua> {
        Ok(Motcua {
            desk: LocalDesk::open(data_dir)?,
        })
    }

    pub fn list(&self, f: ListFilter, now: LocalTime, limit: usize) -> R<Vec<Dossier>> {
        let rows = self.desk.list(f, now, Page::first(limit))?;
        Ok(rows.into_iter().map(|r| r.dossier).collect())
    }

    pub fn counters(&self, now: LocalTime) -> R<DayCounters> {
        self.desk.counters(now)
    }

    pub fn search(&self, text: &str, limit: usize, now: LocalTime) -> R<Vec<Dossier>> {
        let rows = self.desk.search(text, limit, now)?;
        Ok(rows.into_iter().map(|r| r.dossier).collect())
    }

    /// `motcua report day`: today's summary from tallies and the status index.
    pub fn day(&self, now: LocalTime) -> R<motcua::report::day::DaySummary> {
        self.desk.day_summary(now.date(), now)
    }

    /// `motcua report period`: the statistics from the tallies (`Desk::period_stats`).
    pub fn period(
        &self,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
        now: LocalTime,
    ) -> R<motcua::report::period::PeriodStats> {
        self.desk.period_stats(from, to, now)
    }
}
