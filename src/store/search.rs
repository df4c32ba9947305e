//! Search reads over the text indexes (names as posting lists, ID numbers, phones) and the
//! code index: prefix scans, and the newest matches of a prefix without reading every match.

use std::collections::BTreeSet;

use super::read::TextIndex;
use super::{Store, StoreError};
use super::{keys, postings};

/// The newest-first ids of one text: its entries read from the newest end, each entry's ids
/// handed out from the highest.
struct Run<'a> {
    entries: std::iter::Rev<sled::Iter>,
    buffer: Vec<u64>,
    store: &'a Store,
    index: TextIndex,
}

impl Run<'_> {
    fn next_id(&mut self) -> Result<Option<u64>, StoreError> {
        loop {
            if let Some(id) = self.buffer.pop() {
                return Ok(Some(id));
            }
            let Some(item) = self.entries.next() else {
                return Ok(None);
            };
            let (k, v) = item.map_err(|e| self.store.io_error(e))?;
            self.buffer = self.store.entry_ids(self.index, &k, &v)?.1;
        }
    }
}

impl Store {
    /// One entry of a text index as (its text, its ids, ascending): one id per key in the ID
    /// number and phone indexes, a chunk of ids in the name index (`store::postings`).
    fn entry_ids<'k>(
        &self,
        index: TextIndex,
        key: &'k [u8],
        value: &[u8],
    ) -> Result<(&'k [u8], Vec<u64>), StoreError> {
        let tree = self.text_tree(index);
        let found = match index {
            TextIndex::Names => postings::split_key(key)
                .and_then(|(text, _)| Some((text, postings::decode(value)?.1))),
            TextIndex::IdNumbers | TextIndex::Phones => key
                .len()
                .checked_sub(9)
                .and_then(|n| Some((&key[..n], vec![keys::id_suffix(key)?]))),
        };
        found.ok_or_else(|| self.bad_key(tree, key))
    }

    /// Ids whose indexed text starts with `prefix` (at most `cap` of them).
    pub fn prefix_ids(
        &self,
        index: TextIndex,
        prefix: &str,
        cap: usize,
    ) -> Result<BTreeSet<u64>, StoreError> {
        let tree = self.text_tree(index);
        let mut out = BTreeSet::new();
        let mut taken = 0;
        for item in tree.scan_prefix(prefix.as_bytes()) {
            if taken >= cap {
                break;
            }
            let (k, v) = item.map_err(|e| self.io_error(e))?;
            for id in self.entry_ids(index, &k, &v)?.1 {
                if taken >= cap {
                    break;
                }
                out.insert(id);
                taken += 1;
            }
        }
        Ok(out)
    }

    /// Ids whose indexed text starts with `prefix`, ascending, without duplicates (a sorted
    /// vector: cheaper to build and to intersect than a set).
    pub fn prefix_ids_sorted(
        &self,
        index: TextIndex,
        prefix: &str,
    ) -> Result<Vec<u64>, StoreError> {
        let tree = self.text_tree(index);
        let mut out: Vec<u64> = Vec::new();
        let mut sorted = true;
        for item in tree.scan_prefix(prefix.as_bytes()) {
            let (k, v) = item.map_err(|e| self.io_error(e))?;
            for id in self.entry_ids(index, &k, &v)?.1 {
                // Several texts under the prefix each hold an ascending run of ids.
                sorted &= out.last().is_none_or(|&last| last < id);
                out.push(id);
            }
        }
        if !sorted {
            out.sort_unstable();
            out.dedup();
        }
        Ok(out)
    }

    /// The `limit` highest (newest) ids whose indexed text starts with `prefix`, newest first,
    /// without reading every match: the distinct texts under the prefix are found by seeking
    /// past each one, then their id runs are merged from the newest end.
    pub fn newest_with_prefix(
        &self,
        index: TextIndex,
        prefix: &str,
        limit: usize,
    ) -> Result<Vec<u64>, StoreError> {
        let tree = self.text_tree(index);
        let mut texts: Vec<Vec<u8>> = Vec::new();
        let mut start = prefix.as_bytes().to_vec();
        while let Some(key) = tree.range(start.clone()..).keys().next() {
            let key = key.map_err(|e| self.io_error(e))?;
            if !key.starts_with(prefix.as_bytes()) {
                break;
            }
            let Some(text) = key.len().checked_sub(9).map(|n| key[..n].to_vec()) else {
                return Err(self.bad_key(tree, &key));
            };
            start = text.clone();
            start.push(1);
            texts.push(text);
        }
        let mut runs: Vec<Run<'_>> = texts
            .iter()
            .map(|t| {
                let (mut lo, mut hi) = (t.clone(), t.clone());
                lo.push(0);
                hi.push(1);
                Run {
                    entries: tree.range(lo..hi).rev(),
                    buffer: Vec::new(),
                    store: self,
                    index,
                }
            })
            .collect();
        let mut heap = std::collections::BinaryHeap::new();
        for (i, run) in runs.iter_mut().enumerate() {
            if let Some(id) = run.next_id()? {
                heap.push((id, i));
            }
        }
        let mut out: Vec<u64> = Vec::new();
        while let Some((id, i)) = heap.pop() {
            if out.len() >= limit {
                break;
            }
            if out.last() != Some(&id) {
                out.push(id);
            }
            if let Some(next) = runs[i].next_id()? {
                heap.push((next, i));
            }
        }
        Ok(out)
    }

    /// Ids whose indexed text ends with `suffix` (the last digits of a phone or an ID number).
    /// Reads every entry of the index, no record: linear in the index, so callers ask only for
    /// suffixes long enough to be selective.
    pub(crate) fn suffix_ids(
        &self,
        index: TextIndex,
        suffix: &str,
    ) -> Result<BTreeSet<u64>, StoreError> {
        let tree = self.text_tree(index);
        let mut out = BTreeSet::new();
        for item in tree.iter() {
            let (k, v) = item.map_err(|e| self.io_error(e))?;
            let (text, ids) = self.entry_ids(index, &k, &v)?;
            if text.ends_with(suffix.as_bytes()) {
                out.extend(ids);
            }
        }
        Ok(out)
    }

    /// Ids whose code starts with `prefix` (at most `cap`).
    pub(crate) fn code_prefix_ids(&self, prefix: &str, cap: usize) -> Result<Vec<u64>, StoreError> {
        let mut out = Vec::new();
        for item in self.trees.by_code.scan_prefix(prefix.as_bytes()).take(cap) {
            let (key, v) = item.map_err(|e| self.io_error(e))?;
            let id = keys::id_suffix(&v).ok_or_else(|| self.bad_key(&self.trees.by_code, &key))?;
            out.push(id);
        }
        Ok(out)
    }
}
