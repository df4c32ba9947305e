//! Reads of the status index (`by_status_due`: non-final dossiers by status, then legal due):
//! ids and dues for the board's lists, rows with the apology facts and label the value carries,
//! and the number of dossiers in a status.

use super::keys::{self, meta};
use super::read::{Page, time_range};
use super::{Store, StoreError, record};
use crate::calendar::LocalTime;
use crate::domain::tally;
use crate::domain::{ClockFacts, Letter, Status};

/// One entry of the status index, read without decoding the record: the dossier's id, its
/// clock facts (status and legal due from the key, the rest from the value) and the code and
/// applicant name the value carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DueEntry<'a> {
    pub(crate) id: u64,
    pub(crate) facts: ClockFacts,
    pub(crate) code: &'a str,
    pub(crate) applicant: &'a str,
}

/// What a status-index entry of `status` due at `due` says: the dossier's clock facts and its
/// (code, applicant name); `None` for a value of another layout or out-of-range instants.
pub fn entry_facts(
    status: Status,
    due: LocalTime,
    value: &[u8],
) -> Option<(ClockFacts, &str, &str)> {
    let (facts, code, name) = keys::parse_status_due_value(value)?;
    Some((facts_of(status, due, facts)?, code, name))
}

fn facts_of(status: Status, due: LocalTime, f: keys::IndexFacts) -> Option<ClockFacts> {
    let at = |s: Option<i64>| match s {
        None => Some(None),
        Some(s) => record::from_secs(s).map(Some),
    };
    let letter = match f.letter {
        None => None,
        Some((issued, new_due)) => Some(Letter {
            issued_at: record::from_secs(issued)?,
            new_due: record::from_secs(new_due)?,
        }),
    };
    Some(ClockFacts {
        status,
        limit: f.limit,
        due,
        clock_start: record::from_secs(f.clock_start)?,
        paused_at: at(f.paused_at)?,
        letter,
        resolved_at: at(f.resolved_at)?,
    })
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
    pub(crate) fn status_due_entries(
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

    /// Calls `f` on each entry of `status` due before `before`, by due then id, stopping at its
    /// first error (store errors are passed through `err`). A value this build cannot read is
    /// a decode error naming the key (values of older layouts are rewritten at open).
    pub(crate) fn visit_status_due<E>(
        &self,
        status: Status,
        before: Option<LocalTime>,
        err: fn(StoreError) -> E,
        mut f: impl FnMut(DueEntry<'_>) -> Result<(), E>,
    ) -> Result<(), E> {
        self.scan_due(status, before, err, |key, due, id, value| {
            let parsed =
                keys::parse_status_due_value(value).and_then(|(facts, code, applicant)| {
                    let facts = facts_of(status, record::from_secs(due)?, facts)?;
                    Some(DueEntry {
                        id,
                        facts,
                        code,
                        applicant,
                    })
                });
            match parsed {
                Some(entry) => f(entry),
                None => Err(err(StoreError::decode(
                    keys::BY_STATUS_DUE,
                    key,
                    "giá trị chỉ mục không đọc được",
                ))),
            }
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
    pub(crate) fn status_total(&self, status: Status) -> Result<u64, StoreError> {
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
