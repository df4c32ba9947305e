//! Search reads over the text indexes (names, ID numbers, phones) and the code index: prefix
//! scans, and the newest matches of a prefix without reading every match.

use std::collections::BTreeSet;

use super::keys;
use super::read::TextIndex;
use super::{Store, StoreError};

impl Store {
    /// Ids whose indexed text starts with `prefix` (at most `cap` of them).
    pub fn prefix_ids(
        &self,
        index: TextIndex,
        prefix: &str,
        cap: usize,
    ) -> Result<BTreeSet<u64>, StoreError> {
        let tree = self.text_tree(index);
        let mut out = BTreeSet::new();
        for key in tree.scan_prefix(prefix.as_bytes()).keys().take(cap) {
            let key = key.map_err(|e| self.io_error(e))?;
            out.insert(keys::id_suffix(&key).ok_or_else(|| self.bad_key(tree, &key))?);
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
        let mut out = Vec::new();
        let mut sorted = true;
        for key in tree.scan_prefix(prefix.as_bytes()).keys() {
            let key = key.map_err(|e| self.io_error(e))?;
            let id = keys::id_suffix(&key).ok_or_else(|| self.bad_key(tree, &key))?;
            // Several texts under the prefix each hold an ascending run of ids.
            sorted &= out.last().is_none_or(|&last| last < id);
            out.push(id);
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
        let mut runs: Vec<_> = texts
            .iter()
            .map(|t| {
                let (mut lo, mut hi) = (t.clone(), t.clone());
                lo.push(0);
                hi.push(1);
                tree.range(lo..hi).keys().rev()
            })
            .collect();
        let mut heap = std::collections::BinaryHeap::new();
        let next_id = |run: &mut dyn Iterator<Item = sled::Result<sled::IVec>>| match run.next() {
            None => Ok(None),
            Some(k) => {
                let k = k.map_err(|e| self.io_error(e))?;
                keys::id_suffix(&k)
                    .map(Some)
                    .ok_or_else(|| self.bad_key(tree, &k))
            }
        };
        for (i, run) in runs.iter_mut().enumerate() {
            if let Some(id) = next_id(run)? {
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
            if let Some(next) = next_id(&mut runs[i])? {
                heap.push((next, i));
            }
        }
        Ok(out)
    }

    /// Ids whose indexed text ends with `suffix` (the last digits of a phone or an ID number).
    /// Reads every key of the index, no record: linear in the index, so callers ask only for
    /// suffixes long enough to be selective.
    pub fn suffix_ids(&self, index: TextIndex, suffix: &str) -> Result<BTreeSet<u64>, StoreError> {
        let tree = self.text_tree(index);
        let mut out = BTreeSet::new();
        for key in tree.iter().keys() {
            let key = key.map_err(|e| self.io_error(e))?;
            let text = key
                .len()
                .checked_sub(9)
                .map(|n| &key[..n])
                .ok_or_else(|| self.bad_key(tree, &key))?;
            if text.ends_with(suffix.as_bytes()) {
                out.insert(keys::id_suffix(&key).ok_or_else(|| self.bad_key(tree, &key))?);
            }
        }
        Ok(out)
    }

    /// Ids whose code starts with `prefix` (at most `cap`).
    pub fn code_prefix_ids(&self, prefix: &str, cap: usize) -> Result<Vec<u64>, StoreError> {
        let mut out = Vec::new();
        for item in self.trees.by_code.scan_prefix(prefix.as_bytes()).take(cap) {
            let (key, v) = item.map_err(|e| self.io_error(e))?;
            let id = keys::id_suffix(&v).ok_or_else(|| self.bad_key(&self.trees.by_code, &key))?;
            out.push(id);
        }
        Ok(out)
    }
}
