//! The period statistics from the store's per-day tallies (`report::tally`): a few thousand
//! small counters instead of every dossier of the period, so a one-year report at a million
//! dossiers takes milliseconds and little memory. The figures equal
//! `report::period::period_stats` over the dossiers themselves (tests compare them).

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};

use super::{Desk, DeskError};
use crate::calendar::LocalTime;
use crate::domain::Status;
use crate::report::day;
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
                }
            }
        }
        Ok(sums)
    }
}

impl Desk {
    /// The end-of-day summary of `date` as of `now` (see `report::day`). Today's is read from
    /// the day's tallies and the status index (decoding only paused dossiers, those near or past
    /// their due for the owed apologies, and those with a letter issued today); another day's
    /// reads every dossier, as the current lists do not say what stood open then.
    pub fn day_summary(
        &self,
        date: NaiveDate,
        now: LocalTime,
        l: &Letterhead,
    ) -> Result<day::DaySummary, DeskError> {
        if date != now.date() {
            let all = self.day_dossiers(date, now)?;
            return Ok(day::day_summary(&all, date, now, &self.calendar, l));
        }
        let env = DeskError::from_store;
        let mut tallies = Vec::new();
        for kind in [tally::PROCEDURE, tally::OPERATOR, tally::HANDED_BACK] {
            tallies.extend(self.store.tallies(kind, Some(date), date).map_err(env)?);
        }
        let mut codes = Vec::new();
        for t in self
            .store
            .tallies(tally::APOLOGY, Some(date), date)
            .map_err(env)?
        {
            if let [code] = t.names.as_slice()
                && let Some(id) = self.store.id_by_code(code).map_err(env)?
            {
                codes.push(id.0);
            }
        }
        let apologised = self.store.get_many(&codes).map_err(env)?;
        let open = self.open_figures(now, l)?;
        Ok(day::day_from_tallies(now, &tallies, &apologised, open))
    }

    /// Where the open dossiers stand at `now`, from the status index: its values carry the
    /// clock start, a running pause, the apology letter and the code and applicant name, so
    /// only entries written by an older build are decoded.
    fn open_figures(&self, now: LocalTime, l: &Letterhead) -> Result<day::OpenFigures, DeskError> {
        let env = DeskError::from_store;
        let cal = &self.calendar;
        // Running totals from the STATUS tally: no scan of the results waiting for collection.
        let count = |s: Status| self.store.status_total(s).map_err(env);
        let mut f = day::OpenFigures {
            waiting_collection: count(Status::ResultReady)?,
            waiting_supplement: count(Status::SupplementRequested)?,
            ..Default::default()
        };
        let mut decode = Vec::new();
        // A running clock's due beyond both bounds is within time, not due soon and owes
        // nothing yet (an apology is owed from at most a working day before the due): no
        // calendar walk for the bulk of the open dossiers.
        let window = u64::try_from(l.due_soon_minutes).unwrap_or(0);
        let far = cal
            .add_working_minutes(now, window + 1)
            .max(cal.add_working_minutes(now, 3 * 8 * 60));
        for status in [Status::Received, Status::InProcessing, Status::Paused] {
            self.store
                .visit_status_due(status, None, |row, label| {
                    if status != Status::Paused && row.due >= far && row.facts.is_some() {
                        count_open(&mut f, false, false);
                        return;
                    }
                    let clock = match (status, row.facts) {
                        (Status::Paused, Some(facts)) => facts.paused_at,
                        (_, Some(_)) => Some(now),
                        (_, None) => None,
                    };
                    let facts = row
                        .facts
                        .and_then(|x| Some((x.clock_start?, x.appointment)));
                    let (Some(clock), Some((start, letter)), Some((code, name))) =
                        (clock, facts, label)
                    else {
                        decode.push(row.id);
                        return;
                    };
                    // A letter issued while paused is judged at the pause by the record.
                    if status == Status::Paused && letter.is_some() {
                        decode.push(row.id);
                        return;
                    }
                    let (overdue, soon, owed) =
                        day::judge_clock(row.due, clock, start, letter.is_some(), cal, l);
                    count_open(&mut f, overdue, soon);
                    if owed {
                        f.apologies_owed.push(day::OwedLine {
                            code: code.to_owned(),
                            applicant: name.to_owned(),
                            due: row.due,
                        });
                    }
                })
                .map_err(env)?;
        }
        for d in self.store.get_many(&decode).map_err(env)? {
            let j = day::judge_open(&d, now, cal, l);
            count_open(&mut f, j.overdue, j.due_soon);
            f.apologies_owed.extend(j.owed);
        }
        Ok(f)
    }
}

fn count_open(f: &mut day::OpenFigures, overdue: bool, soon: bool) {
    if overdue {
        f.open_overdue += 1;
    } else {
        f.open_within += 1;
        f.open_due_soon += u64::from(soon);
    }
}
