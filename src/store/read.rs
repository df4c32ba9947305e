//! Reads: records by id or code, and ordered range scans over the index trees. A list page
//! walks index keys only and decodes just the records on the page.

use std::ops::Bound;

use super::keys::{self, meta};
use super::record;
use super::{Store, StoreError};
use crate::calendar::LocalTime;
use crate::domain::{Dossier, DossierId, Procedure, Status};
use crate::report::tally;

/// The time-ordered indexes (key: instant ‖ id).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeIndex {
    Received,
    /// Result ready, refused or stopped (the first of these events).
    Resolved,
    HandedBack,
}

/// The text indexes (key: text ‖ 0x00 ‖ id), searched by prefix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextIndex {
    /// Folded name tokens (`crate::text::tokens`).
    Names,
    /// ID numbers, whitespace removed, upper-cased.
    IdNumbers,
    /// Phone digits.
    Phones,
}

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

/// A window of an ordered scan: skip `offset` rows, return at most `limit`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Page {
    pub offset: usize,
    pub limit: usize,
}

impl Page {
    pub const ALL: Page = Page {
        offset: 0,
        limit: usize::MAX,
    };
}

fn bound(prefix: &[u8], t: Option<LocalTime>, included: bool) -> Bound<Vec<u8>> {
    match t {
        None => Bound::Unbounded,
        Some(t) => {
            let mut k = prefix.to_vec();
            k.extend_from_slice(&keys::instant(t));
            // An instant bound sits before every id of that instant.
            if included {
                Bound::Included(k)
            } else {
                Bound::Excluded(k)
            }
        }
    }
}

/// The range of `[prefix ‖ from, prefix ‖ before)`; the whole prefix when a side is `None`.
fn time_range(
    prefix: &[u8],
    from: Option<LocalTime>,
    before: Option<LocalTime>,
) -> (Bound<Vec<u8>>, Bound<Vec<u8>>) {
    let lo = match from {
        None if prefix.is_empty() => Bound::Unbounded,
        None => Bound::Included(prefix.to_vec()),
        some => bound(prefix, some, true),
    };
    let hi = match before {
        None => match prefix.last() {
            None => Bound::Unbounded,
            Some(&b) => {
                let mut k = prefix.to_vec();
                *k.last_mut().expect("non-empty") = b + 1;
                Bound::Excluded(k)
            }
        },
        some => bound(prefix, some, false),
    };
    (lo, hi)
}

impl Store {
    fn tree_of(&self, i: TimeIndex) -> &sled::Tree {
        match i {
            TimeIndex::Received => &self.trees.by_received,
            TimeIndex::Resolved => &self.trees.by_resolved,
            TimeIndex::HandedBack => &self.trees.by_handed_back,
        }
    }

    pub(super) fn text_tree(&self, i: TextIndex) -> &sled::Tree {
        match i {
            TextIndex::Names => &self.trees.names,
            TextIndex::IdNumbers => &self.trees.id_numbers,
            TextIndex::Phones => &self.trees.phones,
        }
    }

    pub fn get(&self, id: DossierId) -> Result<Option<Dossier>, StoreError> {
        let key = keys::id_key(id.0);
        match self.trees.dossiers.get(key).map_err(|e| self.io_error(e))? {
            Some(bytes) => record::decode_dossier(keys::DOSSIERS, &key, &bytes).map(Some),
            None => Ok(None),
        }
    }

    /// The dossiers of `ids`, in that order; an id without a record is an index mismatch.
    /// The vector is allocated once at its final size (no regrowth while thousands of records
    /// are decoded).
    pub fn get_many(&self, ids: &[u64]) -> Result<Vec<Dossier>, StoreError> {
        let mut out = Vec::with_capacity(ids.len());
        for &id in ids {
            let d = self
                .get(DossierId(id))?
                .ok_or_else(|| StoreError::Corrupt {
                    dir: self.dir_display(),
                    detail: format!("chỉ mục trỏ tới hồ sơ số {id} không tồn tại"),
                })?;
            out.push(d);
        }
        Ok(out)
    }

    pub fn id_by_code(&self, code: &str) -> Result<Option<DossierId>, StoreError> {
        let v = self
            .trees
            .by_code
            .get(code.as_bytes())
            .map_err(|e| self.io_error(e))?;
        Ok(v.and_then(|v| keys::id_suffix(&v)).map(DossierId))
    }

    pub fn get_by_code(&self, code: &str) -> Result<Option<Dossier>, StoreError> {
        match self.id_by_code(code)? {
            Some(id) => self.get(id),
            None => Ok(None),
        }
    }

    fn scan_ids(
        &self,
        tree: &sled::Tree,
        range: (Bound<Vec<u8>>, Bound<Vec<u8>>),
        newest_first: bool,
        page: Page,
    ) -> Result<Vec<u64>, StoreError> {
        let iter = tree.range(range).keys();
        let iter: Box<dyn Iterator<Item = sled::Result<sled::IVec>>> = if newest_first {
            Box::new(iter.rev())
        } else {
            Box::new(iter)
        };
        let mut out = Vec::new();
        for key in iter.skip(page.offset).take(page.limit) {
            let key = key.map_err(|e| self.io_error(e))?;
            out.push(keys::id_suffix(&key).ok_or_else(|| self.bad_key(tree, &key))?);
        }
        Ok(out)
    }

    fn count_range(
        &self,
        tree: &sled::Tree,
        range: (Bound<Vec<u8>>, Bound<Vec<u8>>),
    ) -> Result<u64, StoreError> {
        let mut n = 0;
        for key in tree.range(range).keys() {
            key.map_err(|e| self.io_error(e))?;
            n += 1;
        }
        Ok(n)
    }

    pub(super) fn bad_key(&self, tree: &sled::Tree, key: &[u8]) -> StoreError {
        StoreError::decode(
            &String::from_utf8_lossy(&tree.name()),
            key,
            "khóa chỉ mục sai dạng",
        )
    }

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
        let tree = &self.trees.by_status_due;
        let range = time_range(&[keys::status_byte(status)], None, before);
        let mut out = Vec::new();
        for item in tree.range(range) {
            let (key, value) = item.map_err(|e| self.io_error(e))?;
            let due = key
                .get(1..9)
                .and_then(|b| <[u8; 8]>::try_from(b).ok())
                .and_then(|b| record::from_secs(keys::instant_secs(b)));
            let (Some(due), Some(id)) = (due, keys::id_suffix(&key)) else {
                return Err(self.bad_key(tree, &key));
            };
            let facts = keys::parse_status_due_value(&value).and_then(DueFacts::of);
            out.push(DueRow { due, id, facts });
        }
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
        let range = time_range(&[keys::status_byte(status)], None, before);
        for item in tree.range(range) {
            let (key, value) = item.map_err(|e| self.io_error(e))?;
            let due = key
                .get(1..9)
                .and_then(|b| <[u8; 8]>::try_from(b).ok())
                .and_then(|b| record::from_secs(keys::instant_secs(b)));
            let (Some(due), Some(id)) = (due, keys::id_suffix(&key)) else {
                return Err(self.bad_key(tree, &key));
            };
            let facts = keys::parse_status_due_value(&value).and_then(DueFacts::of);
            f(DueRow { due, id, facts }, keys::status_due_label(&value));
        }
        Ok(())
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
        let tree = &self.trees.by_status_due;
        let range = time_range(&[keys::status_byte(status)], None, before);
        for item in tree.range(range) {
            let (key, value) = item.map_err(|e| err(self.io_error(e)))?;
            let due = key.get(1..9).and_then(|b| <[u8; 8]>::try_from(b).ok());
            let (Some(due), Some(id)) = (due, keys::id_suffix(&key)) else {
                return Err(err(self.bad_key(tree, &key)));
            };
            f(RawDueRow {
                due: keys::instant_secs(due),
                id,
                facts: keys::parse_status_due_value(&value),
            })?;
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

    /// Ids by a time index in `[from, before)`, oldest or newest first.
    pub fn time_ids(
        &self,
        index: TimeIndex,
        from: Option<LocalTime>,
        before: Option<LocalTime>,
        newest_first: bool,
        page: Page,
    ) -> Result<Vec<u64>, StoreError> {
        let range = time_range(&[], from, before);
        self.scan_ids(self.tree_of(index), range, newest_first, page)
    }

    pub fn count_time(
        &self,
        index: TimeIndex,
        from: Option<LocalTime>,
        before: Option<LocalTime>,
    ) -> Result<u64, StoreError> {
        self.count_range(self.tree_of(index), time_range(&[], from, before))
    }

    /// All ids, newest (highest) first. When the ids run 1..=n without a gap (always, unless an
    /// import left gaps) a deep page starts at its id directly instead of skipping `offset`
    /// keys.
    pub fn newest_ids(&self, page: Page) -> Result<Vec<u64>, StoreError> {
        let tree = &self.trees.dossiers;
        let last = tree.last().map_err(|e| self.io_error(e))?;
        let max = last.and_then(|(k, _)| keys::id_suffix(&k)).unwrap_or(0);
        if page.offset > 0 && max == self.dossier_count()? {
            let Some(top) = max.checked_sub(page.offset as u64).filter(|t| *t > 0) else {
                return Ok(Vec::new());
            };
            let range = (
                Bound::Unbounded,
                Bound::Included(keys::id_key(top).to_vec()),
            );
            let page = Page {
                offset: 0,
                limit: page.limit,
            };
            return self.scan_ids(tree, range, true, page);
        }
        self.scan_ids(tree, (Bound::Unbounded, Bound::Unbounded), true, page)
    }

    pub fn dossier_count(&self) -> Result<u64, StoreError> {
        let v = self
            .trees
            .meta
            .get(meta::DOSSIER_COUNT)
            .map_err(|e| self.io_error(e))?;
        Ok(v.and_then(|b| <[u8; 8]>::try_from(b.as_ref()).ok())
            .map(u64::from_be_bytes)
            .unwrap_or(0))
    }

    /// The stored catalogue, in code order.
    pub fn procedures(&self) -> Result<Vec<Procedure>, StoreError> {
        let mut out = Vec::new();
        for item in self.trees.catalogue.iter() {
            let (k, v) = item.map_err(|e| self.io_error(e))?;
            out.push(record::decode_procedure(keys::CATALOGUE, &k, &v)?);
        }
        Ok(out)
    }

    /// Calls `f` on every dossier in id order (export, verify). Stops at the first error.
    pub fn for_each_dossier(
        &self,
        mut f: impl FnMut(Dossier) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        for item in self.trees.dossiers.iter() {
            let (k, v) = item.map_err(|e| self.io_error(e))?;
            f(record::decode_dossier(keys::DOSSIERS, &k, &v)?)?;
        }
        Ok(())
    }
}
