//! The period statistics from the store's per-day tallies (`domain::tally`): a few thousand
//! small counters instead of every dossier of the period, so a one-year report at a million
//! dossiers takes milliseconds and little memory. The figures equal
//! `report::period::period_stats` over the dossiers themselves (tests compare them).

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};

use super::{DeskError, LocalDesk};
use crate::calendar::LocalTime;
use crate::domain::Status;
use crate::domain::tally::{self, end_of_day, stage};
use crate::report::ReportError;
use crate::report::day;
use crate::report::period::{self, PeriodStats, PeriodTallies};
use crate::store::{Page, TimeIndex};

type StageSums = BTreeMap<String, [i64; stage::LEN]>;

impl LocalDesk {
    /// Biểu 06 statistics of `from..=to` judged at `now` (see `report::period`).
    /// The ledger's chain head now, as reports print it (issue 17 item 3).
    pub(super) fn ledger_head(&self) -> Result<crate::report::day::LedgerHead, DeskError> {
        let a = self.store.anchor().map_err(DeskError::from_store)?;
        Ok(crate::report::day::LedgerHead {
            short: a.short().to_owned(),
            events: a.events,
        })
    }

    pub(super) fn stats_of_period(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        now: LocalTime,
    ) -> Result<PeriodStats, DeskError> {
        let l = &self.letterhead_at(now);
        let rule = |e: ReportError| DeskError::Rule(e.to_string());
        crate::report::register::check_range(from, to).map_err(rule)?;
        let env = DeskError::from_store;
        let today = now.date();
        let last = to.min(today);
        let mut days = Vec::new();
        if from <= last {
            for kind in [tally::PROCEDURE, tally::RATING] {
                days.extend(
                    self.store
                        .tally_totals(kind, Some(from), last)
                        .map_err(env)?,
                );
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
        period::period_from_tallies(from, to, now, &t, l).map_err(rule)
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
                    if crate::domain::apology_event(&d).is_none() {
                        s[stage::NO_LETTER] -= 1;
                    }
                }
            }
        }
        Ok(sums)
    }
}

impl LocalDesk {
    /// The clerk's figures of `from..=to` at `now` (see `report::period::clerk_figures`) over
    /// the dossiers that can count in the period: received in it, resolved in it (the resolved
    /// index holds each dossier's first result, refusal or stop, never after its effective
    /// resolution) and those with an apology letter issued in it (the days' letter tallies).
    pub(super) fn figures_of_period(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        now: LocalTime,
    ) -> Result<period::ClerkFigures, DeskError> {
        let env = DeskError::from_store;
        let rule = |e: ReportError| DeskError::Rule(e.to_string());
        crate::report::register::check_range(from, to).map_err(rule)?;
        let start = Some(from.and_time(chrono::NaiveTime::MIN));
        let before = Some(end_of_day(to) + Duration::seconds(1));
        let mut ids = Vec::new();
        for index in [TimeIndex::Received, TimeIndex::Resolved] {
            ids.extend(
                self.store
                    .time_ids(index, start, before, false, Page::ALL)
                    .map_err(env)?,
            );
        }
        for t in self
            .store
            .tallies(tally::APOLOGY, Some(from), to)
            .map_err(env)?
        {
            if let [code] = t.names.as_slice()
                && let Some(id) = self.store.id_by_code(code).map_err(env)?
            {
                ids.push(id.0);
            }
        }
        ids.sort_unstable();
        ids.dedup();
        let dossiers = self.store.get_many(&ids).map_err(env)?;
        period::clerk_figures(&dossiers, from, to, now).map_err(rule)
    }

    /// The end-of-day summary of `date` as of `now` (see `report::day`). Today's is read from
    /// the day's tallies and the status index (judging each open dossier from its entry's
    /// clock facts, decoding only those with a letter issued today); another day's reads every
    /// dossier, as the current lists do not say what stood open then.
    pub(super) fn summary_of_day(
        &self,
        date: NaiveDate,
        now: LocalTime,
    ) -> Result<day::DaySummary, DeskError> {
        let cal = &self.calendar;
        if date != now.date() {
            let all = self.day_dossiers(date)?;
            return Ok(day::day_summary(&all, date, now, cal, self.window()));
        }
        let env = DeskError::from_store;
        let mut tallies = Vec::new();
        for kind in [tally::PROCEDURE, tally::OPERATOR, tally::HANDED_BACK] {
            tallies.extend(self.store.tallies(kind, Some(date), date).map_err(env)?);
        }
        let mut ids = Vec::new();
        for t in self
            .store
            .tallies(tally::APOLOGY, Some(date), date)
            .map_err(env)?
        {
            if let [code] = t.names.as_slice()
                && let Some(id) = self.store.id_by_code(code).map_err(env)?
            {
                ids.push(id.0);
            }
        }
        let apologised = self.store.get_many(&ids).map_err(env)?;
        let open = self.open_figures(now)?;
        Ok(day::day_from_tallies(now, &tallies, &apologised, open, cal))
    }

    /// Where the open dossiers stand at `now`, each judged by `domain::judge` from the clock
    /// facts of its status-index entry (no record decoded).
    fn open_figures(&self, now: LocalTime) -> Result<day::OpenFigures, DeskError> {
        let env = DeskError::from_store;
        let judge = self.judge_at(now);
        // Running totals from the STATUS tally: no scan of the results waiting for collection.
        let count = |s: Status| self.store.status_total(s).map_err(env);
        let mut f = day::OpenFigures {
            waiting_collection: count(Status::ResultReady)?,
            waiting_supplement: count(Status::SupplementRequested)?,
            ..Default::default()
        };
        for status in [Status::Received, Status::InProcessing, Status::Paused] {
            self.store.visit_status_due(status, None, env, |e| {
                if let Some(duty) = day::count_open(&mut f, &e.facts, &judge) {
                    f.apologies_owed.push(day::OwedLine {
                        code: e.code.to_owned(),
                        applicant: e.applicant.to_owned(),
                        due: e.facts.due,
                        duty,
                    });
                }
                Ok(())
            })?;
        }
        Ok(f)
    }
}
