//! The `tallies` tree: per-day counters (`domain::tally`) kept in the same transaction as the
//! records, so the period statistics and the end-of-day summary read counters, not dossiers.
//!
//! Key: kind (u8) ‖ day (days since 0001-01-01 as i32, sign flipped, big-endian) ‖ each name
//! followed by 0x00. Value: version byte 1 ‖ each count as i64 big-endian. Kind first, so one
//! kind over a range of days is one ordered scan.
//!
//! The store computes a dossier's contribution with the [`Tallier`] the desk gives it (the
//! contribution needs the calendar, which the store does not know). A write made without a
//! tallier (a tool that opens the bare store) cannot keep the sums right: it deletes the
//! `tally_layout` mark in the same transaction, and the next [`Store::set_tallier`] rebuilds
//! every tally from the records. So the mark present means the sums are exact.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use sled::transaction::TransactionalTree;

use super::keys::meta;
use super::{Store, StoreError};
use crate::domain::Dossier;
use crate::domain::tally::{self, Tally};

/// Computes a dossier's tallies (see `domain::tally::contributions`).
pub(crate) type Tallier = Arc<dyn Fn(&Dossier) -> Vec<Tally> + Send + Sync>;

/// The tally layout this build writes (`meta/tally_layout`).
/// 2: adds the `STATUS` totals (a store with layout 1 rebuilds its tallies at open).
/// 3: an undone step no longer counts (`Dossier::effective`): tallies written while it still
/// did are rebuilt at open.
const TALLY_LAYOUT: u64 = 3;
const VALUE_VERSION: u8 = 1;

/// The mark of exact tallies: layout ‖ sha256 of the tallier's inputs.
fn mark(inputs: &[u8]) -> Vec<u8> {
    use sha2::{Digest, Sha256};
    let mut m = TALLY_LAYOUT.to_be_bytes().to_vec();
    m.extend_from_slice(&Sha256::digest(inputs));
    m
}

fn day_bytes(day: NaiveDate) -> [u8; 4] {
    ((day.num_days_from_ce() as u32) ^ (1 << 31)).to_be_bytes()
}

fn day_of(b: [u8; 4]) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt((u32::from_be_bytes(b) ^ (1 << 31)) as i32)
}

/// The key of a tally.
pub fn key(kind: u8, day: NaiveDate, names: &[String]) -> Vec<u8> {
    let mut k = Vec::with_capacity(5 + names.iter().map(|n| n.len() + 1).sum::<usize>());
    k.push(kind);
    k.extend_from_slice(&day_bytes(day));
    for n in names {
        k.extend_from_slice(n.as_bytes());
        k.push(0);
    }
    k
}

pub fn encode_counts(counts: &[i64]) -> Vec<u8> {
    let mut v = Vec::with_capacity(1 + 8 * counts.len());
    v.push(VALUE_VERSION);
    for c in counts {
        v.extend_from_slice(&c.to_be_bytes());
    }
    v
}

fn decode_counts(v: &[u8]) -> Option<Vec<i64>> {
    let (&version, rest) = v.split_first()?;
    if version != VALUE_VERSION || rest.len() % 8 != 0 {
        return None;
    }
    rest.chunks_exact(8)
        .map(|c| c.try_into().ok().map(i64::from_be_bytes))
        .collect()
}

/// The key range of `kind`'s tallies for the days `from..=to` (`None`: from the first day).
fn kind_range(kind: u8, from: Option<NaiveDate>, to: NaiveDate) -> (Vec<u8>, Vec<u8>) {
    let lo = match from {
        Some(d) => key(kind, d, &[]),
        None => vec![kind],
    };
    let mut hi = vec![kind];
    hi.extend_from_slice(&day_bytes(to));
    hi.push(0xff);
    (lo, hi)
}

/// Reads a key and value back into a tally; `None` when malformed.
pub(crate) fn decode(k: &[u8], v: &[u8]) -> Option<Tally> {
    let (&kind, rest) = k.split_first()?;
    let day = day_of(rest.get(..4)?.try_into().ok()?)?;
    let mut names = Vec::new();
    let mut tail = rest.get(4..)?;
    while let Some(end) = tail.iter().position(|&b| b == 0) {
        names.push(String::from_utf8(tail[..end].to_vec()).ok()?);
        tail = &tail[end + 1..];
    }
    if !tail.is_empty() {
        return None;
    }
    Some(Tally {
        kind,
        day,
        names,
        counts: decode_counts(v)?,
    })
}

/// Signed changes to tallies, by key.
pub(super) type Delta = HashMap<Vec<u8>, Vec<i64>>;

/// Adds `more` into `sum`.
pub(super) fn add(sum: &mut Delta, more: Delta) {
    for (k, v) in more {
        add_counts(sum.entry(k).or_default(), &v, 1);
    }
}

/// `sum += sign × more`, element by element, growing `sum` to `more`'s length.
fn add_counts(sum: &mut Vec<i64>, more: &[i64], sign: i64) {
    if sum.len() < more.len() {
        sum.resize(more.len(), 0);
    }
    // Saturating, never wrapping: a sum cannot turn negative (fees are bounded at input, so
    // this is a last guard for data written before the bound).
    for (s, c) in sum.iter_mut().zip(more) {
        *s = s.saturating_add(sign.saturating_mul(*c));
    }
}

/// The signed sum of `new`'s tallies minus `old`'s, by key.
pub(super) fn delta(tallier: &Tallier, old: Option<&Dossier>, new: &Dossier) -> Delta {
    let mut out = Delta::new();
    let mut add = |t: Tally, sign: i64| {
        let sum = out.entry(key(t.kind, t.day, &t.names)).or_default();
        add_counts(sum, &t.counts, sign);
    };
    if let Some(old) = old {
        for t in tallier(old) {
            add(t, -1);
        }
    }
    for t in tallier(new) {
        add(t, 1);
    }
    out.retain(|_, v| v.iter().any(|&c| c != 0));
    out
}

/// Adds `delta` to the tallies inside a transaction.
pub(super) fn apply(
    tree: &TransactionalTree,
    delta: Delta,
) -> sled::transaction::ConflictableTransactionResult<(), StoreError> {
    for (k, d) in delta {
        if d.iter().all(|&c| c == 0) {
            continue;
        }
        let mut sum = tree
            .get(&k)?
            .and_then(|v| decode_counts(&v))
            .unwrap_or_default();
        add_counts(&mut sum, &d, 1);
        if sum.iter().all(|&c| c == 0) {
            tree.remove(k)?;
        } else {
            tree.insert(k, encode_counts(&sum))?;
        }
    }
    Ok(())
}

impl Store {
    /// Gives the store the function that computes tallies, and rebuilds every tally from the
    /// records when they are missing or stale: a store from a build before tallies, one written
    /// by a tool without a tallier, or tallies computed from other `inputs` (the bytes the
    /// tallier's results depend on besides the dossier: the calendar's office hours and
    /// notices). The rebuild reads every dossier once (seconds at 100 000).
    pub fn set_tallier(&mut self, tallier: Tallier, inputs: &[u8]) -> Result<(), StoreError> {
        self.tallier = Some(tallier);
        self.tally_mark = mark(inputs);
        let stored = self
            .trees
            .meta
            .get(meta::TALLY_LAYOUT)
            .map_err(|e| self.io_error(e))?;
        if stored.as_deref() == Some(&self.tally_mark[..]) {
            return Ok(());
        }
        self.rebuild_tallies()
    }

    /// Recomputes every tally from the records (see [`Store::set_tallier`]).
    fn rebuild_tallies(&self) -> Result<(), StoreError> {
        let Some(tallier) = self.tallier.clone() else {
            return Ok(());
        };
        let sums = self.recompute_tallies(&tallier)?;
        let io = |e: sled::Error| self.io_error(e);
        self.trees.meta.remove(meta::TALLY_LAYOUT).map_err(io)?;
        self.trees.tallies.clear().map_err(io)?;
        let mut batch = sled::Batch::default();
        for (k, v) in sums {
            batch.insert(k, encode_counts(&v));
        }
        self.trees.tallies.apply_batch(batch).map_err(io)?;
        self.make_durable()?;
        self.trees
            .meta
            .insert(meta::TALLY_LAYOUT, self.tally_mark.clone())
            .map_err(io)?;
        self.make_durable()
    }

    /// Every tally, summed from the records.
    pub(super) fn recompute_tallies(&self, tallier: &Tallier) -> Result<Delta, StoreError> {
        let mut sums = Delta::new();
        self.for_each_dossier(|d| {
            add(&mut sums, delta(tallier, None, &d));
            Ok(())
        })?;
        sums.retain(|_, v| v.iter().any(|&c| c != 0));
        Ok(sums)
    }

    /// The tallies of `kind` for the days `from..=to` (`None`: from the first day), by day then
    /// names.
    pub(crate) fn tallies(
        &self,
        kind: u8,
        from: Option<NaiveDate>,
        to: NaiveDate,
    ) -> Result<Vec<Tally>, StoreError> {
        let (lo, hi) = kind_range(kind, from, to);
        let mut out = Vec::new();
        for item in self.trees.tallies.range(lo..hi) {
            let (k, v) = item.map_err(|e| self.io_error(e))?;
            let t = decode(&k, &v)
                .ok_or_else(|| StoreError::decode(super::keys::TALLIES, &k, "bảng đếm sai dạng"))?;
            out.push(t);
        }
        Ok(out)
    }

    /// The tallies of `kind` for the days `from..=to` (`None`: from the first day) summed over
    /// the days: one tally per distinct names (its `day` is `to`), by names. Reads each key once
    /// and allocates only per distinct names.
    pub(crate) fn tally_totals(
        &self,
        kind: u8,
        from: Option<NaiveDate>,
        to: NaiveDate,
    ) -> Result<Vec<Tally>, StoreError> {
        let (lo, hi) = kind_range(kind, from, to);
        let mut sums: HashMap<Vec<u8>, Vec<i64>> = HashMap::new();
        for item in self.trees.tallies.range(lo..hi) {
            let (k, v) = item.map_err(|e| self.io_error(e))?;
            let bad = || StoreError::decode(super::keys::TALLIES, &k, "bảng đếm sai dạng");
            let names = k.get(5..).ok_or_else(bad)?;
            let (&version, counts) = v.split_first().ok_or_else(bad)?;
            if version != VALUE_VERSION || counts.len() % 8 != 0 {
                return Err(bad());
            }
            let n = counts.len() / 8;
            let sum = match sums.get_mut(names) {
                Some(s) => s,
                None => sums.entry(names.to_vec()).or_insert_with(|| vec![0; n]),
            };
            if sum.len() < n {
                sum.resize(n, 0);
            }
            for (s, c) in sum.iter_mut().zip(counts.chunks_exact(8)) {
                *s += i64::from_be_bytes(c.try_into().map_err(|_| bad())?);
            }
        }
        let mut out = Vec::with_capacity(sums.len());
        for (names, counts) in sums {
            let k = key(kind, to, &[]);
            let mut full = k.clone();
            full.extend_from_slice(&names);
            let t = decode(&full, &encode_counts(&counts)).ok_or_else(|| {
                StoreError::decode(super::keys::TALLIES, &full, "bảng đếm sai dạng")
            })?;
            out.push(t);
        }
        out.sort_by(|a, b| a.names.cmp(&b.names));
        Ok(out)
    }

    /// Sums of the [`tally::STAGE`] tallies of every day up to `to`, per field.
    pub(crate) fn stage_sums(
        &self,
        to: NaiveDate,
    ) -> Result<std::collections::BTreeMap<String, [i64; tally::stage::LEN]>, StoreError> {
        let mut out: std::collections::BTreeMap<String, [i64; tally::stage::LEN]> =
            Default::default();
        for t in self.tally_totals(tally::STAGE, None, to)? {
            let [field] = t.names.as_slice() else {
                continue;
            };
            let s = out.entry(field.clone()).or_default();
            for (a, b) in s.iter_mut().zip(&t.counts) {
                *a += b;
            }
        }
        Ok(out)
    }
}
