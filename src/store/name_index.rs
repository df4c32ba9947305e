//! Upkeep of the name index (`store::postings`): rebuilt from the records at open when it is
//! not marked complete (a store written before posting lists, an interrupted rebuild, a
//! restored backup of the old layout), and checked by `verify` against the records.
//!
//! The index is derived data (search only; nothing legally relevant lives in it), so a rebuild
//! is the migration: it reads every record once (seconds at a million dossiers), writes the
//! lists in batches, marks them complete in `meta`, and only then drops the old per-entry
//! `names` tree. A crash in between leaves the mark absent or the old tree present: the next
//! open rebuilds again.

use super::keys::{self, meta};
use super::postings::{self, Builder};
use super::{Store, StoreError, record};

/// Entries written per sled batch during a rebuild.
const REBUILD_BATCH: usize = 2_000;

/// What the records say the name index holds: how many (token, id) pairs, and an
/// order-independent digest of them (a wrapping sum of a 128-bit mix of each pair).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct NameSum {
    pairs: u64,
    digest: u128,
}

impl NameSum {
    /// Counts `id` under `token`.
    pub(crate) fn add(&mut self, token: &[u8], id: u64) {
        self.pairs += 1;
        self.digest = self.digest.wrapping_add(mix(token, id));
    }
}

fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

fn mix(token: &[u8], id: u64) -> u128 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in token {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    let a = splitmix(h ^ id);
    let b = splitmix(a ^ id.rotate_left(29));
    (u128::from(a) << 64) | u128::from(b)
}

impl Store {
    /// Rebuilds the name index from the records when it is not marked complete or the old
    /// per-entry tree is still there (see the module docs). Returns whether it rebuilt.
    /// Durable on return.
    pub(super) fn upgrade_name_index(&self) -> Result<bool, StoreError> {
        let io = |e: sled::Error| self.io_error(e);
        let mark = u64::from(postings::LAYOUT).to_be_bytes();
        let marked = self
            .trees
            .meta
            .get(meta::NAME_LISTS)
            .map_err(io)?
            .as_deref()
            == Some(&mark);
        let old = self
            .db
            .tree_names()
            .iter()
            .any(|n| n.as_ref() == keys::OLD_NAMES.as_bytes());
        if marked && !old {
            return Ok(false);
        }
        self.trees.meta.remove(meta::NAME_LISTS).map_err(io)?;
        self.trees.names.clear().map_err(io)?;
        let mut builder = Builder::default();
        let mut pending: Vec<(Vec<u8>, Vec<u8>)> = Vec::new();
        let apply = |pending: &mut Vec<(Vec<u8>, Vec<u8>)>| {
            let mut batch = sled::Batch::default();
            for (k, v) in pending.drain(..) {
                batch.insert(k, v);
            }
            self.trees.names.apply_batch(batch).map_err(io)
        };
        for item in self.trees.dossiers.iter() {
            let (k, v) = item.map_err(io)?;
            let d = record::decode_dossier(keys::DOSSIERS, &k, &v)?;
            for t in postings::tokens(&d.applicant.name) {
                builder.push(&t, d.id.0, &mut |k, v| pending.push((k, v)));
            }
            if pending.len() >= REBUILD_BATCH {
                apply(&mut pending)?;
            }
        }
        builder.finish(&mut |k, v| pending.push((k, v)));
        apply(&mut pending)?;
        self.make_durable()?;
        self.trees
            .meta
            .insert(meta::NAME_LISTS, &mark)
            .map_err(io)?;
        if old {
            self.db.drop_tree(keys::OLD_NAMES).map_err(io)?;
        }
        self.make_durable()?;
        Ok(true)
    }

    /// Checks the name index against `want` (summed over the records): every list well formed,
    /// a token's chunks partitioning the ids, and the same (token, id) pairs. Returns the
    /// problems found, for `verify`'s report.
    pub(super) fn verify_name_index(&self, want: NameSum) -> Result<Vec<String>, StoreError> {
        let mut problems = Vec::new();
        let mut have = NameSum::default();
        let mut malformed = 0u64;
        // The token of the chunks being walked, where its next chunk must start, and whether
        // its open chunk was seen.
        let mut group: Option<(Vec<u8>, u64, bool)> = None;
        for item in self.trees.names.iter() {
            let (k, v) = item.map_err(|e| self.io_error(e))?;
            let (Some((token, start)), Some((bound, ids))) =
                (postings::split_key(&k), postings::decode(&v))
            else {
                malformed += 1;
                continue;
            };
            if group.as_ref().is_none_or(|(t, _, _)| t.as_slice() != token) {
                if group.as_ref().is_some_and(|(_, _, open)| !open) {
                    malformed += 1;
                }
                group = Some((token.to_vec(), 0, false));
            }
            let Some((_, next, open)) = group.as_mut() else {
                continue;
            };
            let fits = if start == postings::OPEN {
                let ok = !*open && bound == *next && ids.first().is_none_or(|&f| f >= bound);
                *open = true;
                ok
            } else {
                let ok = !*open
                    && start == *next
                    && bound > start
                    && ids.first().is_none_or(|&f| f >= start)
                    && ids.last().is_none_or(|&l| l < bound);
                *next = bound;
                ok
            };
            if !fits {
                malformed += 1;
            }
            for id in ids {
                have.add(token, id);
            }
        }
        if group.is_some_and(|(_, _, open)| !open) {
            malformed += 1;
        }
        if malformed > 0 {
            problems.push(format!(
                "Chỉ mục tên có {malformed} danh sách hồ sơ sai dạng hoặc không liền mạch."
            ));
        }
        if have != want {
            problems.push(format!(
                "Chỉ mục tên có {} mục (tên, hồ sơ), các hồ sơ cần {}, hoặc các mục không khớp \
                 với tên trong hồ sơ.",
                have.pairs, want.pairs
            ));
        }
        Ok(problems)
    }
}
