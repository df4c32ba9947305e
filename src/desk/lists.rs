//! The board's lists, their counts and the header counters, all through the store's
//! index scans: a page decodes only its own rows; the apology duty is judged from the status
//! index's values (records are read only for values of an older layout); the totals of
//! waiting and open dossiers come from the `STATUS` tally. Search is in `search.rs`.
//!
//! Readings (shared with `domain::timeliness` and `domain::apology`):
//! - the clock runs for Received, InProcessing and Paused dossiers; a dossier waiting for a
//!   supplement is never due soon, overdue or owing an apology (its clock restarts);
//! - overdue: `due < now`; due soon: `due >= now` and at most the settings' window of working
//!   minutes left.

use chrono::{Duration, NaiveTime};

use super::{DayCounters, Desk, DeskError, ListFilter};
use crate::calendar::LocalTime;
use crate::domain::{Dossier, Status, apology_duty, deadline_for};
use crate::store::record::{from_secs, secs};
use crate::store::{DueRow, Page, RawDueRow, StoreError, TimeIndex};

/// Statuses whose legal clock is running.
const CLOCK_RUNNING: [Status; 3] = [Status::Received, Status::InProcessing, Status::Paused];
/// Open statuses (not resolved).
const OPEN: [Status; 4] = [
    Status::Received,
    Status::InProcessing,
    Status::SupplementRequested,
    Status::Paused,
];

fn day_bounds(now: LocalTime) -> (LocalTime, LocalTime) {
    let start = now.date().and_time(NaiveTime::MIN);
    (start, start + Duration::days(1))
}

impl Desk {
    pub(super) fn env(e: crate::store::StoreError) -> DeskError {
        DeskError::from_store(e)
    }

    /// `(due, id)` of the given statuses with due in `[from, before)`, merged by due then id;
    /// only the first `take` are guaranteed (each status contributes at most `take`).
    fn due_entries(
        &self,
        statuses: &[Status],
        from: Option<LocalTime>,
        before: Option<LocalTime>,
        take: usize,
    ) -> Result<Vec<(LocalTime, u64)>, DeskError> {
        let mut all = Vec::new();
        for &s in statuses {
            let page = Page {
                offset: 0,
                limit: take,
            };
            let entries = self.store.status_due_entries(s, from, before, page);
            all.extend(entries.map_err(Self::env)?);
        }
        all.sort();
        Ok(all)
    }

    /// Due-soon candidates, exact: due in `[now, now + window]` working minutes.
    fn due_soon_entries(&self, now: LocalTime) -> Result<Vec<(LocalTime, u64)>, DeskError> {
        let window = self.settings.desk.due_soon_minutes;
        let bound = self
            .calendar
            .add_working_minutes(now, u64::from(window) + 1);
        let mut entries = self.due_entries(&CLOCK_RUNNING, Some(now), Some(bound), usize::MAX)?;
        entries.retain(|(due, _)| {
            self.calendar.working_minutes_between(now, *due) <= i64::from(window)
        });
        Ok(entries)
    }

    /// Ids of open dossiers owing an apology, by the duty's sort instant then id. Judged from
    /// the status index (legal due, clock start, last pause and the apology's appointment are
    /// in it) exactly as `domain::apology_duty` judges an open dossier; entries the index
    /// cannot judge (values of an older layout) are read and judged by `apology_duty` itself.
    fn apology_needed(&self, now: LocalTime) -> Result<Vec<u64>, DeskError> {
        let bound = self.apology_bound(now);
        let mut out: Vec<(LocalTime, u64)> = Vec::new();
        for status in OPEN {
            let rows = self.store.status_due_appointments(status, Some(bound));
            for row in rows.map_err(Self::env)? {
                if let Some(k) = self.owed_key(status, &row, now)? {
                    out.push((k, row.id));
                }
            }
        }
        out.sort();
        Ok(out.into_iter().map(|(_, id)| id).collect())
    }

    /// Entries due before this instant are the apology candidates: a duty starts at most one
    /// working day before the due instant; three days of margin.
    fn apology_bound(&self, now: LocalTime) -> LocalTime {
        self.calendar.add_working_minutes(now, 3 * 8 * 60)
    }

    /// The apology duty's sort instant if the entry owes action at `now`: judged from the
    /// index, or from the record where the entry's value cannot say.
    fn owed_key(
        &self,
        status: Status,
        row: &DueRow,
        now: LocalTime,
    ) -> Result<Option<LocalTime>, DeskError> {
        if let Some(key) = self.judge_from_index(status, row, now) {
            return Ok(key);
        }
        let d = self.store.get_many(&[row.id]).map_err(Self::env)?;
        Ok(d.first().and_then(|d| {
            let duty = apology_duty(d, now, &self.calendar);
            duty.needs_action()
                .then(|| duty.sort_key().unwrap_or(d.due_at))
        }))
    }

    /// Whether the entry owes an apology action at `now` (`now_s` in store seconds), as
    /// [`Desk::owed_key`] says, without converting its instants or computing the deadline of a
    /// dossier already past its due (it owes in any case).
    fn owes(
        &self,
        status: Status,
        raw: &RawDueRow,
        now: LocalTime,
        now_s: i64,
    ) -> Result<bool, DeskError> {
        if let Some(facts) = raw.facts
            && facts.clock_start.is_some()
            && facts.appointment.is_none()
            && status != Status::SupplementRequested
        {
            let at = match (status, facts.paused_at) {
                (Status::Paused, Some(p)) => p.min(now_s),
                _ => now_s,
            };
            if at > raw.due {
                return Ok(true);
            }
        }
        let Some(row) = raw.row() else {
            return Err(Self::env(StoreError::decode(
                crate::store::keys::BY_STATUS_DUE,
                &raw.id.to_be_bytes(),
                "thời điểm ngoài phạm vi",
            )));
        };
        Ok(self.owed_key(status, &row, now)?.is_some())
    }

    /// How many open dossiers owe an apology action at `now` (the apology list's length,
    /// without sorting it or computing the deadlines of dossiers past due).
    fn owed_count(&self, now: LocalTime) -> Result<u64, DeskError> {
        let (bound, now_s) = (self.apology_bound(now), secs(now));
        let mut n = 0;
        for status in OPEN {
            self.store
                .visit_raw_due(status, Some(bound), Self::env, |raw| {
                    n += u64::from(self.owes(status, &raw, now, now_s)?);
                    Ok(())
                })?;
        }
        Ok(n)
    }

    /// `(overdue, due soon, apologies owed)` at `now` from one scan of the open entries due
    /// before the later of the due-soon and apology bounds: the same counts as
    /// [`Desk::count`] gives for those three lists.
    fn open_counts(&self, now: LocalTime) -> Result<(u64, u64, u64), DeskError> {
        let window = self.settings.desk.due_soon_minutes;
        let soon_bound = self
            .calendar
            .add_working_minutes(now, u64::from(window) + 1);
        let owed_bound = self.apology_bound(now);
        let (now_s, soon_s, owed_s) = (secs(now), secs(soon_bound), secs(owed_bound));
        let (mut overdue, mut soon, mut owed) = (0, 0, 0);
        for status in OPEN {
            let running = CLOCK_RUNNING.contains(&status);
            let bound = Some(soon_bound.max(owed_bound));
            self.store.visit_raw_due(status, bound, Self::env, |raw| {
                if running && raw.due < now_s {
                    overdue += 1;
                } else if running
                    && raw.due < soon_s
                    && from_secs(raw.due).is_some_and(|due| {
                        self.calendar.working_minutes_between(now, due) <= i64::from(window)
                    })
                {
                    soon += 1;
                }
                if raw.due < owed_s && self.owes(status, &raw, now, now_s)? {
                    owed += 1;
                }
                Ok(())
            })?;
        }
        Ok((overdue, soon, owed))
    }

    /// The apology duty of an open dossier from its status-index entry: `Some(Some(key))` owes
    /// action (sorted by `key`), `Some(None)` owes nothing now, `None` the entry cannot say.
    fn judge_from_index(
        &self,
        status: Status,
        row: &DueRow,
        now: LocalTime,
    ) -> Option<Option<LocalTime>> {
        let facts = row.facts?;
        let Some(clock_start) = facts.clock_start else {
            // An older value: only the appointment is known, and not the pause.
            return match facts.appointment {
                Some(new_due) if status != Status::Paused => {
                    Some((now > new_due).then_some(new_due))
                }
                Some(_) => None,
                None if status == Status::SupplementRequested => Some(None),
                // The clock reads at most `now`; before one working day ahead of the due the
                // deadline (that day, or the due itself) has not come.
                None if now < self.calendar.sub_working_days(row.due, 1) => Some(None),
                None => None,
            };
        };
        // `domain::clock_instant`: a paused dossier is judged at its pause.
        let at = match (status, facts.paused_at) {
            (Status::Paused, Some(p)) => p.min(now),
            _ => now,
        };
        if let Some(new_due) = facts.appointment {
            return Some((at > new_due).then_some(new_due));
        }
        if status == Status::SupplementRequested {
            return Some(None);
        }
        let deadline = deadline_for(row.due, clock_start, &self.calendar);
        Some((at > row.due || at >= deadline).then_some(deadline))
    }

    fn ids_for(
        &self,
        filter: ListFilter,
        now: LocalTime,
        page: Page,
    ) -> Result<Vec<u64>, DeskError> {
        let take = page.offset.saturating_add(page.limit);
        let window = |v: Vec<(LocalTime, u64)>| -> Vec<u64> {
            v.into_iter()
                .skip(page.offset)
                .take(page.limit)
                .map(|(_, id)| id)
                .collect()
        };
        Ok(match filter {
            ListFilter::Today => {
                let (start, end) = day_bounds(now);
                let ids =
                    self.store
                        .time_ids(TimeIndex::Received, Some(start), Some(end), true, page);
                ids.map_err(Self::env)?
            }
            ListFilter::Open => window(self.due_entries(&OPEN, None, None, take)?),
            ListFilter::DueSoon => window(self.due_soon_entries(now)?),
            ListFilter::Overdue => {
                window(self.due_entries(&CLOCK_RUNNING, None, Some(now), take)?)
            }
            ListFilter::WaitingCollection => {
                window(self.due_entries(&[Status::ResultReady], None, None, take)?)
            }
            ListFilter::ApologyNeeded => self
                .apology_needed(now)?
                .into_iter()
                .skip(page.offset)
                .take(page.limit)
                .collect(),
            ListFilter::All => self.store.newest_ids(page).map_err(Self::env)?,
        })
    }

    /// One page of a list, in the list's natural order (due lists by due instant, others newest
    /// first); `offset` and `limit` count rows.
    pub fn list(
        &self,
        filter: ListFilter,
        now: LocalTime,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<Dossier>, DeskError> {
        let ids = self.ids_for(filter, now, Page { offset, limit })?;
        self.store.get_many(&ids).map_err(Self::env)
    }

    /// Dossiers received on `day`, newest first.
    pub fn received_on(
        &self,
        day: chrono::NaiveDate,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<Dossier>, DeskError> {
        let start = day.and_time(NaiveTime::MIN);
        let page = Page { offset, limit };
        let ids = self
            .store
            .time_ids(
                TimeIndex::Received,
                Some(start),
                Some(start + Duration::days(1)),
                true,
                page,
            )
            .map_err(Self::env)?;
        self.store.get_many(&ids).map_err(Self::env)
    }

    /// Dossiers in `status`: open and waiting ones by due instant (status index); handed back
    /// ones newest hand-back first; refused and stopped ones newest resolution first (these two
    /// read every resolved dossier: a maintenance listing, not a board list).
    pub fn list_status(
        &self,
        status: Status,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<Dossier>, DeskError> {
        let page = Page { offset, limit };
        let ids = match status {
            Status::Received
            | Status::InProcessing
            | Status::SupplementRequested
            | Status::Paused
            | Status::ResultReady => self.store.status_due_ids(status, None, None, page),
            Status::HandedBack => {
                self.store
                    .time_ids(TimeIndex::HandedBack, None, None, true, page)
            }
            Status::Refused | Status::Stopped => {
                let all = self
                    .store
                    .time_ids(TimeIndex::Resolved, None, None, true, Page::ALL)
                    .map_err(Self::env)?;
                let mut out = Vec::new();
                for d in self.store.get_many(&all).map_err(Self::env)? {
                    if d.status == status {
                        out.push(d);
                    }
                }
                return Ok(out.into_iter().skip(offset).take(limit).collect());
            }
        }
        .map_err(Self::env)?;
        self.store.get_many(&ids).map_err(Self::env)
    }

    /// How many dossiers a list holds (for the scroll bar and the tab titles).
    pub fn count(&self, filter: ListFilter, now: LocalTime) -> Result<u64, DeskError> {
        let sum = |statuses: &[Status], before: Option<LocalTime>| -> Result<u64, DeskError> {
            let mut n = 0;
            for &s in statuses {
                n += self
                    .store
                    .count_status_due(s, None, before)
                    .map_err(Self::env)?;
            }
            Ok(n)
        };
        let totals = |statuses: &[Status]| -> Result<u64, DeskError> {
            let mut n = 0;
            for &s in statuses {
                n += self.store.status_total(s).map_err(Self::env)?;
            }
            Ok(n)
        };
        match filter {
            ListFilter::Today => {
                let (start, end) = day_bounds(now);
                let n = self
                    .store
                    .count_time(TimeIndex::Received, Some(start), Some(end));
                n.map_err(Self::env)
            }
            ListFilter::Open => totals(&OPEN),
            ListFilter::DueSoon => Ok(self.due_soon_entries(now)?.len() as u64),
            ListFilter::Overdue => sum(&CLOCK_RUNNING, Some(now)),
            ListFilter::WaitingCollection => totals(&[Status::ResultReady]),
            ListFilter::ApologyNeeded => self.owed_count(now),
            ListFilter::All => self.store.dossier_count().map_err(Self::env),
        }
    }

    /// Today's counters on the board header.
    pub fn counters(&self, now: LocalTime) -> Result<DayCounters, DeskError> {
        let (start, end) = day_bounds(now);
        let handed = self
            .store
            .count_time(TimeIndex::HandedBack, Some(start), Some(end))
            .map_err(Self::env)?;
        let (overdue, due_soon, apologies_owed) = self.open_counts(now)?;
        Ok(DayCounters {
            received_today: self.count(ListFilter::Today, now)?,
            handed_back_today: handed,
            waiting_collection: self.count(ListFilter::WaitingCollection, now)?,
            due_soon,
            overdue,
            apologies_owed,
        })
    }
}

#[cfg(test)]
#[path = "lists_tests.rs"]
mod tests;
