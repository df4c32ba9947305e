//! The board's lists, their counts and the header counters, through the store's index scans: a
//! page decodes only its own rows, and every open dossier is judged by `domain::judge` from the
//! clock facts its status-index entry carries (no record decoded). The totals of waiting and
//! open dossiers come from the `STATUS` tally. Search is in `search.rs`.
//!
//! Scans are bounded by the judge's horizon (`domain::Judge::horizon`): due soon and the
//! apology duty concern only dossiers due before it, so a count visits the overdue and nearly
//! due entries, never the whole open ledger.

use chrono::{Duration, NaiveTime};

use super::{DayCounters, DeskError, ListFilter, LocalDesk, Page, Row};
use crate::calendar::{LocalTime, WorkMinutes};
use crate::domain::{ApologyDuty, ClockFacts, Dossier, Judge, Status, Timeliness};
use crate::store::{DueEntry, TimeIndex};

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

fn store_page(page: Page) -> crate::store::Page {
    crate::store::Page {
        offset: page.offset,
        limit: page.limit,
    }
}

impl LocalDesk {
    pub(super) fn env(e: crate::store::StoreError) -> DeskError {
        DeskError::from_store(e)
    }

    /// The desk's due-soon window setting, in working minutes.
    pub(super) fn window(&self) -> u32 {
        self.settings.desk.due_soon_minutes
    }

    /// The judge at `now` with this desk's calendar and due-soon setting.
    pub(super) fn judge_at(&self, now: LocalTime) -> Judge<'_> {
        Judge::new(&self.calendar, now, self.window())
    }

    /// A dossier judged at `now`, as a list shows it.
    pub(super) fn row(&self, dossier: Dossier, now: LocalTime) -> Row {
        row(
            &self.judge_at(now),
            dossier,
            day_minutes(&self.calendar, now),
        )
    }

    pub(super) fn rows(&self, ids: &[u64], now: LocalTime) -> Result<Vec<Row>, DeskError> {
        let dossiers = self.store.get_many(ids).map_err(Self::env)?;
        let (judge, day) = (self.judge_at(now), day_minutes(&self.calendar, now));
        Ok(in_parallel(dossiers, |d| row(&judge, d, day)))
    }

    /// Visits the entries of `statuses` due before `before`, each judged-ready.
    fn visit_open(
        &self,
        statuses: &[Status],
        before: Option<LocalTime>,
        mut f: impl FnMut(&DueEntry<'_>) -> Result<(), DeskError>,
    ) -> Result<(), DeskError> {
        for &status in statuses {
            self.store
                .visit_status_due(status, before, Self::env, |e| f(&e))?;
        }
        Ok(())
    }

    /// `(due, id)` of the given statuses with due in `[from, before)`, merged by due then id;
    /// only the first `take` are guaranteed (each status contributes at most `take`).
    fn due_entries(
        &self,
        statuses: &[Status],
        before: Option<LocalTime>,
        take: usize,
    ) -> Result<Vec<(LocalTime, u64)>, DeskError> {
        let mut all = Vec::new();
        for &s in statuses {
            let page = crate::store::Page {
                offset: 0,
                limit: take,
            };
            let entries = self.store.status_due_entries(s, None, before, page);
            all.extend(entries.map_err(Self::env)?);
        }
        all.sort();
        Ok(all)
    }

    /// `(due, id)` of running dossiers past their legal due at `now` (`ClockFacts::overdue_at`:
    /// a paused one only if its clock stopped after the due), by due then id; only the first
    /// `take` are guaranteed.
    fn overdue_entries(
        &self,
        now: LocalTime,
        take: usize,
    ) -> Result<Vec<(LocalTime, u64)>, DeskError> {
        let mut all =
            self.due_entries(&[Status::Received, Status::InProcessing], Some(now), take)?;
        self.visit_open(&[Status::Paused], Some(now), |e| {
            if e.facts.overdue_at(now) {
                all.push((e.facts.due, e.id));
            }
            Ok(())
        })?;
        all.sort();
        Ok(all)
    }

    /// Ids of running dossiers the judge calls due soon at `now`, by due.
    fn due_soon_ids(&self, now: LocalTime) -> Result<Vec<u64>, DeskError> {
        let mut out = Vec::new();
        let judge = self.judge_at(now);
        self.visit_open(&CLOCK_RUNNING, Some(judge.horizon()), |e| {
            if judge.judge(&e.facts).timeliness == Timeliness::DueSoon {
                out.push((e.facts.due, e.id));
            }
            Ok(())
        })?;
        out.sort();
        Ok(out.into_iter().map(|(_, id)| id).collect())
    }

    /// Ids of open dossiers on the apology list at `now` (or, with `late_letters`, also those
    /// whose letter came after its deadline), by the duty's sort instant then id.
    fn apology_ids(&self, now: LocalTime, late_letters: bool) -> Result<Vec<u64>, DeskError> {
        let mut out: Vec<(LocalTime, u64)> = Vec::new();
        let judge = self.judge_at(now);
        self.visit_open(&OPEN, Some(judge.horizon()), |e| {
            let duty = judge.judge(&e.facts).duty;
            let listed = if late_letters {
                duty.is_late_matter()
            } else {
                duty.needs_action()
            };
            if listed {
                out.push((duty.sort_key().unwrap_or(e.facts.due), e.id));
            }
            Ok(())
        })?;
        out.sort();
        Ok(out.into_iter().map(|(_, id)| id).collect())
    }

    /// `(overdue, due soon, apologies owed)` at `now` from one scan of the open entries due
    /// before the lookahead: the counts of those three lists.
    fn open_counts(&self, now: LocalTime) -> Result<(u64, u64, u64), DeskError> {
        let (mut overdue, mut soon, mut owed) = (0, 0, 0);
        let judge = self.judge_at(now);
        self.visit_open(&OPEN, Some(judge.horizon()), |e| {
            let f = &e.facts;
            if f.overdue_at(now) {
                overdue += 1;
            } else if f.status != Status::SupplementRequested {
                soon += u64::from(judge.judge(f).timeliness == Timeliness::DueSoon);
            }
            owed += u64::from(judge.needs_apology_action(f));
            Ok(())
        })?;
        Ok((overdue, soon, owed))
    }

    fn ids_for(
        &self,
        filter: ListFilter,
        now: LocalTime,
        page: Page,
    ) -> Result<Vec<u64>, DeskError> {
        let take = page.offset.saturating_add(page.limit);
        let window = |v: Vec<u64>| -> Vec<u64> {
            v.into_iter().skip(page.offset).take(page.limit).collect()
        };
        let ids = |v: Vec<(LocalTime, u64)>| window(v.into_iter().map(|(_, id)| id).collect());
        Ok(match filter {
            ListFilter::Today => {
                let (start, end) = day_bounds(now);
                let p = store_page(page);
                let got = self
                    .store
                    .time_ids(TimeIndex::Received, Some(start), Some(end), true, p);
                got.map_err(Self::env)?
            }
            ListFilter::Open => ids(self.due_entries(&OPEN, None, take)?),
            ListFilter::DueSoon => window(self.due_soon_ids(now)?),
            ListFilter::Overdue => ids(self.overdue_entries(now, take)?),
            ListFilter::WaitingCollection => {
                ids(self.due_entries(&[Status::ResultReady], None, take)?)
            }
            ListFilter::ApologyNeeded => window(self.apology_ids(now, false)?),
            ListFilter::All => self.store.newest_ids(store_page(page)).map_err(Self::env)?,
        })
    }

    /// One page of a list, in the list's natural order (due lists by due instant, the apology
    /// list by deadline, others newest first).
    pub(super) fn list_rows(
        &self,
        filter: ListFilter,
        now: LocalTime,
        page: Page,
    ) -> Result<Vec<Row>, DeskError> {
        let ids = self.ids_for(filter, now, page)?;
        self.rows(&ids, now)
    }

    /// What `motcua late` lists: see [`super::Desk::late`].
    pub(super) fn late_rows(&self, now: LocalTime) -> Result<Vec<Row>, DeskError> {
        let ids = self.apology_ids(now, true)?;
        self.rows(&ids, now)
    }

    /// Dossiers received on `day`, newest first.
    pub(super) fn received_rows(
        &self,
        day: chrono::NaiveDate,
        now: LocalTime,
        page: Page,
    ) -> Result<Vec<Row>, DeskError> {
        let start = day.and_time(NaiveTime::MIN);
        let end = Some(start + Duration::days(1));
        let ids = self
            .store
            .time_ids(
                TimeIndex::Received,
                Some(start),
                end,
                true,
                store_page(page),
            )
            .map_err(Self::env)?;
        self.rows(&ids, now)
    }

    /// Dossiers in `status`: open and waiting ones by due instant (status index); handed back
    /// ones newest hand-back first; refused and stopped ones newest resolution first (these two
    /// read every resolved dossier: a maintenance listing, not a board list).
    pub(super) fn status_rows(
        &self,
        status: Status,
        now: LocalTime,
        page: Page,
    ) -> Result<Vec<Row>, DeskError> {
        let p = store_page(page);
        let ids = match status {
            Status::Received
            | Status::InProcessing
            | Status::SupplementRequested
            | Status::Paused
            | Status::ResultReady => self.store.status_due_ids(status, None, None, p),
            Status::HandedBack => self
                .store
                .time_ids(TimeIndex::HandedBack, None, None, true, p),
            Status::Refused | Status::Stopped => {
                let all = self
                    .store
                    .time_ids(
                        TimeIndex::Resolved,
                        None,
                        None,
                        true,
                        crate::store::Page::ALL,
                    )
                    .map_err(Self::env)?;
                let ended = self.store.get_many(&all).map_err(Self::env)?;
                let rows = ended.into_iter().filter(|d| d.status == status);
                let rows = rows.skip(page.offset).take(page.limit);
                return Ok(rows.map(|d| self.row(d, now)).collect());
            }
        }
        .map_err(Self::env)?;
        self.rows(&ids, now)
    }

    /// How many dossiers a list holds (for the scroll bar and the tab titles).
    pub(super) fn list_count(&self, filter: ListFilter, now: LocalTime) -> Result<u64, DeskError> {
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
            ListFilter::DueSoon => Ok(self.open_counts(now)?.1),
            ListFilter::Overdue => Ok(self.open_counts(now)?.0),
            ListFilter::WaitingCollection => totals(&[Status::ResultReady]),
            ListFilter::ApologyNeeded => Ok(self.open_counts(now)?.2),
            ListFilter::All => self.store.dossier_count().map_err(Self::env),
        }
    }

    /// Every list's count (in [`ListFilter::ALL`] order) and today's counters, with one scan of
    /// the nearly due entries for the three judged lists.
    pub(super) fn header(&self, now: LocalTime) -> Result<(Vec<u64>, DayCounters), DeskError> {
        let (overdue, due_soon, owed) = self.open_counts(now)?;
        let mut counts = Vec::with_capacity(ListFilter::ALL.len());
        for f in ListFilter::ALL {
            counts.push(match f {
                ListFilter::DueSoon => due_soon,
                ListFilter::Overdue => overdue,
                ListFilter::ApologyNeeded => owed,
                other => self.list_count(other, now)?,
            });
        }
        let (start, end) = day_bounds(now);
        let handed = self
            .store
            .count_time(TimeIndex::HandedBack, Some(start), Some(end))
            .map_err(Self::env)?;
        let counters = DayCounters {
            received_today: counts[ListFilter::Today.index()],
            handed_back_today: handed,
            waiting_collection: counts[ListFilter::WaitingCollection.index()],
            due_soon,
            overdue,
            apologies_owed: owed,
        };
        Ok((counts, counters))
    }
}

/// `f` over `items`, in order: on every core (up to four) for a long list (a full overdue list
/// at a million dossiers judges 17 502 rows), on the caller's thread for a screenful.
fn in_parallel<T: Send, U: Send>(items: Vec<T>, f: impl Fn(T) -> U + Sync) -> Vec<U> {
    const PARALLEL_FROM: usize = 4096;
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    if items.len() < PARALLEL_FROM || workers < 2 {
        return items.into_iter().map(f).collect();
    }
    let size = items.len().div_ceil(workers);
    let mut parts: Vec<Vec<T>> = Vec::with_capacity(workers);
    let mut rest = items.into_iter();
    loop {
        let part: Vec<T> = rest.by_ref().take(size).collect();
        if part.is_empty() {
            break;
        }
        parts.push(part);
    }
    let f = &f;
    std::thread::scope(|s| {
        let running: Vec<_> = parts
            .into_iter()
            .map(|part| s.spawn(move || part.into_iter().map(f).collect::<Vec<U>>()))
            .collect();
        running
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// A dossier judged by `judge`, as a list shows it.
fn row(judge: &Judge<'_>, dossier: Dossier, day_minutes: WorkMinutes) -> Row {
    let facts = ClockFacts::of(&dossier);
    let judgement = judge.judge(&facts);
    let deadline_minutes_left = match judgement.duty {
        ApologyDuty::Upcoming { deadline } | ApologyDuty::Breach { deadline } => {
            Some(judge.minutes_until(deadline))
        }
        _ => None,
    };
    Row {
        minutes_left: judge.minutes_left(&facts),
        deadline_minutes_left,
        day_minutes,
        judgement,
        dossier,
    }
}

/// Working minutes of one working day, from the first working day on or after `now` (a
/// weekend `now` still gets a sensible day length).
fn day_minutes(cal: &crate::calendar::Calendar, now: LocalTime) -> WorkMinutes {
    (0..14)
        .filter_map(|d| now.date().checked_add_days(chrono::Days::new(d)))
        .map(|date| cal.working_minutes_of_day(date))
        .find(|m| *m > WorkMinutes::ZERO)
        .unwrap_or(WorkMinutes::from(crate::domain::DEFAULT_DUE_SOON_MINUTES))
}

#[cfg(test)]
#[path = "lists_tests.rs"]
mod tests;
