//! The period statistics from the store's per-day tallies (`report::tally`): a few thousand
//! small counters instead of every dossier of the period, so a one-year report at a million
//! dossiers takes milliseconds and little memory. The figures equal
//! `report::period::period_stats` over the dossiers themselves (tests compare them).

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};

use super::{Desk, DeskError};
use crate::calendar::LocalTime;
use crate::domain::Status;
use crate::report::period::{self, PeriodStats, PeriodTallies};
use crate::report::tally::{self, end_of_day, stage};
use crate::report::{Letterhead, ReportError};
use crate::store::Page;

type StageSums = BTreeMap<String, [i64; stage::LEN]>;

impl Desk {
    /// Biểu 06 statistics of `from..=to` judged at `now` (see `report::period`).
    pub fn period_stats(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        now: LocalTime,
        l: &Letterhead,
    ) -> Result<PeriodStats, DeskError> {
        if from > to {
            return Err(rule(period::period_from_tallies(
                from,
                to,
                now,
                &PeriodTallies::default(),
                l,
            )));
        }
        let env = DeskError::from_store;
        let today = now.date();
        let last = to.min(today);
        let mut days = Vec::new();
        if from <= last {
            for kind in [tally::PROCEDURE, tally::RATING] {
                days.extend(self.store.tallies(kind, Some(from), last).map_err(env)?);
            }
        }
        let before_day = from - Duration::days(1);
        let now_sums = || self.stage_sums_now(now);
        let before = if before_day < today {
            self.store.stage_sums(before_day).map_err(env)?
        } else {
            now_sums()?
        };
        let at_cut = if to < today {
            self.store.stage_sums(to).map_err(env)?
        } else {
            now_sums()?
        };
        let t = PeriodTallies {
            days,
            before,
            at_cut,
        };
        period::period_from_tallies(from, to, now, &t, l)
            .map_err(|e| DeskError::Rule(e.to_string()))
    }

    /// Where open dossiers stand at `now`, per field: the stage sums up to today, with the
    /// dossiers whose due passes later today moved back from overdue to within time.
    fn stage_sums_now(&self, now: LocalTime) -> Result<StageSums, DeskError> {
        let env = DeskError::from_store;
        let mut sums = self.store.stage_sums(now.date()).map_err(env)?;
        let eod = end_of_day(now.date());
        for status in [Status::Received, Status::InProcessing] {
            let ids = self
                .store
                .status_due_ids(status, Some(now), Some(eod), Page::ALL)
                .map_err(env)?;
            for d in self.store.get_many(&ids).map_err(env)? {
                if tally::later_today(now, d.due_at) {
                    let s = sums.entry(d.field.clone()).or_default();
                    s[stage::OVERDUE] -= 1;
                    s[stage::WITHIN] += 1;
                }
            }
        }
        Ok(sums)
    }
}

fn rule(r: Result<PeriodStats, ReportError>) -> DeskError {
    match r {
        Ok(_) => DeskError::Rule("Khoảng thời gian không hợp lệ.".to_owned()),
        Err(e) => DeskError::Rule(e.to_string()),
    }
}
