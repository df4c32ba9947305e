//! Reads of the status index (`by_status_due`: non-final dossiers by status, then legal due):
//! ids and dues for the board's lists, rows with the apology facts and label the value carries,
//! and the number of dossiers in a status.

use super::keys::{self, meta};
use super::read::{Page, time_range};
use super::{Store, StoreError, record};
use crate::calendar::LocalTime;
use crate::domain::Status;
use crate::report::tally;

/// One entry of the status index with its value read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DueRow {
    pub due: LocalTime,
    pub id: u64,
    /// What the value says about the apology duty (`None`: nothing, read the record).
    pub facts: Option<DueFacts>,
}

/// [`keys::DueFacts`] with instants.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DueFacts {
    /// `Some(t)`: an apology letter with the new appointment `t`; `None`: no letter.
    pub appointment: Option<LocalTime>,
    /// When the current legal clock started; `None`: unknown (older layout), read the record.
    pub clock_start: Option<LocalTime>,
    /// A paused dossier's last pause; `None` when not paused or unknown (older layout).
    pub paused_at: Option<LocalTime>,
}

impl DueFacts {
    fn of(f: keys::DueFacts) -> Option<DueFacts> {
        let at = |s: Option<i64>| match s {
            None => Some(None),
            Some(s) => record::from_secs(s).map(Some),
        };
        Some(DueFacts {
            appointment: at(f.appointment)?,
            clock_start: at(f.clock_start)?,
            paused_at: at(f.paused_at)?,
        })
    }
}

/// A status-index entry as stored: instants in store seconds, for counting scans that compare
/// instants without converting each one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RawDueRow {
    pub due: i64,
    pub id: u64,
    pub facts: Option<keys::DueFacts>,
}

impl RawDueRow {
    /// The row with instants (`None` only for an instant out of range: corrupt data).
    pub fn row(&self) -> Option<DueRow> {
        Some(DueRow {
            due: record::from_secs(self.due)?,
            id: self.id,
            facts: self.facts.and_then(DueFacts::of),
        })
    }
}

impl Store {
    /// Ids of non-final dossiers in `status` whose legal due is in `[from, before)`, by due
    /// instant then id.
    pub fn status_due_ids(
        &self,
        status: Status,
        from: Option<LocalTime>,
        before: Option<LocalTime>,
        page: Page,
    ) -> Result<Vec<u64>, StoreError> {
        let range = time_range(&[keys::status_byte(status)], from, before);
        self.scan_ids(&self.trees.by_status_due, range, false, page)
    }

    /// Like [`Store::status_due_ids`], with each dossier's legal due read from the key.
    pub fn status_due_entries(
        &self,
        status: Status,
        from: Option<LocalTime>,
        before: Option<LocalTime>,
        page: Page,
    ) -> Result<Vec<(LocalTime, u64)>, StoreError> {
        let tree = &self.trees.by_status_due;
        let range = time_range(&[keys::status_byte(status)], from, before);
        let mut out = Vec::new();
        for key in tree.range(range).keys().skip(page.offset).take(page.limit) {
            let key = key.map_err(|e| self.io_error(e))?;
            let due = key
                .get(1..9)
                .and_then(|b| <[u8; 8]>::try_from(b).ok())
                .and_then(|b| record::from_secs(keys::instant_secs(b)));
            match (due, keys::id_suffix(&key)) {
                (Some(due), Some(id)) if key.len() == 17 => out.push((due, id)),
                _ => return Err(self.bad_key(tree, &key)),
            }
        }
        Ok(out)
    }

    /// `(due, id, apology facts)` of dossiers in `status` with due before `before`, by due; the
    /// facts are `None` when the index value does not say (read the record).
    pub fn status_due_appointments(
        &self,
        status: Status,
        before: Option<LocalTime>,
    ) -> Result<Vec<DueRow>, StoreError> {
        let mut out = Vec::new();
        self.visit_status_due(status, before, |row, _| out.push(row))?;
        Ok(out)
    }

    /// Visits the rows of [`Store::status_due_appointments`] with the code and applicant name
    /// the value carries (`None` in values written before labels), without allocating.
    pub fn visit_status_due(
        &self,
        status: Status,
        before: Option<LocalTime>,
        mut f: impl FnMut(DueRow, Option<(&str, &str)>),
    ) -> Result<(), StoreError> {
        let tree = &self.trees.by_status_due;
        self.scan_due(
            status,
            before,
            |e| e,
            |key, due, id, value| {
                let row = record::from_secs(due).map(|due| DueRow {
                    due,
                    id,
                    facts: keys::parse_status_due_value(value).and_then(DueFacts::of),
                });
                let row = row.ok_or_else(|| self.bad_key(tree, key))?;
                f(row, keys::status_due_label(value));
                Ok(())
            },
        )
    }

    /// Calls `f` on each entry of `status` due before `before`, by due, with its value parsed
    /// and its instants left in store seconds; stops at `f`'s first error (store errors are
    /// passed through `err`).
    pub fn visit_raw_due<E>(
        &self,
        status: Status,
        before: Option<LocalTime>,
        err: fn(StoreError) -> E,
        mut f: impl FnMut(RawDueRow) -> Result<(), E>,
    ) -> Result<(), E> {
        self.scan_due(status, before, err, |_, due, id, value| {
            let facts = keys::parse_status_due_value(value);
            f(RawDueRow { due, id, facts })
        })
    }

    /// The one scan of the status index behind the visitors: each entry of `status` due before
    /// `before`, by due, as (key, due in store seconds, id, value); a malformed key is an error
    /// (store errors go through `err`).
    fn scan_due<E>(
        &self,
        status: Status,
        before: Option<LocalTime>,
        err: fn(StoreError) -> E,
        mut f: impl FnMut(&[u8], i64, u64, &[u8]) -> Result<(), E>,
    ) -> Result<(), E> {
        let tree = &self.trees.by_status_due;
        let range = time_range(&[keys::status_byte(status)], None, before);
        for item in tree.range(range) {
            let (key, value) = item.map_err(|e| err(self.io_error(e)))?;
            let due = key.get(1..9).and_then(|b| <[u8; 8]>::try_from(b).ok());
            let (Some(due), Some(id)) = (due, keys::id_suffix(&key)) else {
                return Err(err(self.bad_key(tree, &key)));
            };
            f(&key, keys::instant_secs(due), id, &value)?;
        }
        Ok(())
    }

    /// How many dossiers are in the non-final `status` now: the `STATUS` tally when the
    /// tallies are exact (a desk's store), else by counting the status index.
    pub fn status_total(&self, status: Status) -> Result<u64, StoreError> {
        let exact = !self.tally_mark.is_empty()
            && self
                .trees
                .meta
                .get(meta::TALLY_LAYOUT)
                .map_err(|e| self.io_error(e))?
                .is_some_and(|m| m.as_ref() == self.tally_mark.as_slice());
        if !exact {
            return self.count_status_due(status, None, None);
        }
        let (kind, day) = (tally::STATUS, tally::STATUS_DAY);
        let slot = usize::from(keys::status_byte(status));
        let total: i64 = self
            .tallies(kind, Some(day), day)?
            .iter()
            .filter_map(|t| t.counts.get(slot))
            .sum();
        Ok(u64::try_from(total).unwrap_or(0))
    }

    pub fn count_status_due(
        &self,
        status: Status,
        from: Option<LocalTime>,
        before: Option<LocalTime>,
    ) -> Result<u64, StoreError> {
        let range = time_range(&[keys::status_byte(status)], from, before);
        self.count_range(&self.trees.by_status_due, range)
    }
}
