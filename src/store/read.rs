//! Reads: records by id or code, and ordered range scans over the index trees. A list page
//! walks index keys only and decodes just the records on the page.

use std::ops::Bound;

use super::keys::{self, meta};
use super::record;
use super::{Store, StoreError};
use crate::calendar::LocalTime;
use crate::domain::{Dossier, DossierId, Procedure};

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

pub(super) fn bound(prefix: &[u8], t: Option<LocalTime>, included: bool) -> Bound<Vec<u8>> {
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
pub(super) fn time_range(
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

    /// True when the ledger holds no dossier.
    pub(crate) fn is_empty(&self) -> bool {
        self.trees.dossiers.is_empty()
    }

    pub fn get(&self, id: DossierId) -> Result<Option<Dossier>, StoreError> {
        let key = keys::id_key(id.0);
        match self.trees.dossiers.get(key).map_err(|e| self.io_error(e))? {
            Some(bytes) => record::decode_dossier(keys::DOSSIERS, &key, &bytes).map(Some),
            None => Ok(None),
        }
    }

    /// The dossiers of `ids`, in that order; an id without a record is an index mismatch.
    /// Long runs (a full list at a million dossiers: 17 502 overdue rows) are read and decoded
    /// on every core, in order-preserving chunks; a short one (a screen) on the caller's thread.
    pub(crate) fn get_many(&self, ids: &[u64]) -> Result<Vec<Dossier>, StoreError> {
        /// Below this many records a thread costs more than it saves.
        const PARALLEL_FROM: usize = 4096;
        let workers = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
        if ids.len() < PARALLEL_FROM || workers < 2 {
            return self.get_run(ids);
        }
        let chunk = ids.len().div_ceil(workers);
        let parts: Vec<Result<Vec<Dossier>, StoreError>> = std::thread::scope(|s| {
            let running: Vec<_> = ids
                .chunks(chunk)
                .map(|part| s.spawn(move || self.get_run(part)))
                .collect();
            running
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        });
        let mut out = Vec::with_capacity(ids.len());
        for part in parts {
            out.extend(part?);
        }
        Ok(out)
    }

    /// [`Store::get_many`] on this thread. The vector is allocated once at its final size (no
    /// regrowth while thousands of records are decoded).
    fn get_run(&self, ids: &[u64]) -> Result<Vec<Dossier>, StoreError> {
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

    pub(super) fn scan_ids(
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

    pub(super) fn count_range(
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

    pub(crate) fn count_time(
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
