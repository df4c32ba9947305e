//! The name index as posting lists: for each folded name token, the ids of the dossiers whose
//! applicant name holds it, packed into chunks of at most [`CHUNK_IDS`] ids, instead of one
//! tree entry per (token, dossier) — the entry count was sled's cost (issue 14).
//!
//! Keys are `token ‖ 0x00 ‖ k (u64 BE)`. A token's chunks partition the ids:
//! - the *open* chunk, under the fixed key `k = u64::MAX` ([`OPEN`]), holds every id `≥` its
//!   floor; a new dossier's id lands there (ids grow), so a write finds its chunk without a
//!   range scan, which sled transactions cannot do;
//! - when the open chunk reaches [`CHUNK_IDS`] ids it is *sealed*: its ids move to the key
//!   `k = floor`, whose value says the range ends at `max + 1`, the new floor of the open chunk.
//!
//! So the sealed chunks of a token are keyed by the start of their id range, each ends where
//! the next one starts, the last ends at the open chunk's floor, and the first starts at 0.
//! An id below the floor (an import out of id order, a corrected name) goes into the sealed
//! chunk whose range holds it, found by following the token's chunks from the first by their
//! ends inside the transaction (see [`change`]). Such a chunk may outgrow [`CHUNK_IDS`]; an
//! emptied sealed chunk stays (it still holds its range).
//!
//! Value layout 1: `[1] ‖ bound (varint) ‖ count (varint) ‖ first id (varint) ‖ gaps to the
//! next id (varint, each ≥ 1)`, where the bound is the end of a sealed chunk's range and the
//! floor of the open one. The tree is derived from the records: a store written before it
//! (per-entry `names` tree) or with a partial one is rebuilt from the records at open
//! (`Store::upgrade_name_index`).

use sled::transaction::{ConflictableTransactionError, TransactionalTree};

use super::StoreError;

/// The key of a token's open chunk.
pub(crate) const OPEN: u64 = u64::MAX;
/// The ids an open chunk gathers before it is sealed: a write rewrites at most this many ids
/// per token (a few hundred bytes), a search reads one entry per this many matches.
pub(crate) const CHUNK_IDS: usize = 128;
/// The layout byte of the values this build writes.
pub(crate) const LAYOUT: u8 = 1;

type TxResult<T> = Result<T, ConflictableTransactionError<StoreError>>;

/// The key of a token's chunk `k` (a range start, or [`OPEN`]).
pub(crate) fn chunk_key(token: &str, k: u64) -> Vec<u8> {
    let mut key = Vec::with_capacity(token.len() + 9);
    key.extend_from_slice(token.as_bytes());
    key.push(0);
    key.extend_from_slice(&k.to_be_bytes());
    key
}

/// The token and `k` of a chunk key; `None` for a malformed one.
pub(crate) fn split_key(key: &[u8]) -> Option<(&[u8], u64)> {
    let n = key.len().checked_sub(9)?;
    let (token, tail) = key.split_at(n);
    let (&sep, k) = tail.split_first()?;
    let k = u64::from_be_bytes(k.try_into().ok()?);
    (sep == 0 && !token.contains(&0)).then_some((token, k))
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn take_varint(b: &mut &[u8]) -> Option<u64> {
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let (&byte, rest) = b.split_first()?;
        *b = rest;
        v |= u64::from(byte & 0x7f).checked_shl(shift)?;
        if byte & 0x80 == 0 {
            return Some(v);
        }
    }
    None
}

/// A chunk's value: its bound and its ids, which must be strictly ascending.
pub(crate) fn encode(bound: u64, ids: &[u64]) -> Vec<u8> {
    let mut v = Vec::with_capacity(4 + ids.len() * 2);
    v.push(LAYOUT);
    put_varint(&mut v, bound);
    put_varint(&mut v, ids.len() as u64);
    let mut prev = 0;
    for (i, &id) in ids.iter().enumerate() {
        put_varint(&mut v, if i == 0 { id } else { id - prev });
        prev = id;
    }
    v
}

/// Reads an [`encode`]d chunk: (bound, ascending ids); `None` for another layout or damage.
pub(crate) fn decode(v: &[u8]) -> Option<(u64, Vec<u64>)> {
    let (&LAYOUT, mut rest) = v.split_first()? else {
        return None;
    };
    let bound = take_varint(&mut rest)?;
    let n = usize::try_from(take_varint(&mut rest)?).ok()?;
    let mut ids = Vec::with_capacity(n.min(rest.len()));
    let mut prev = 0u64;
    for i in 0..n {
        let step = take_varint(&mut rest)?;
        if i > 0 && step == 0 {
            return None;
        }
        prev = prev.checked_add(step)?;
        ids.push(prev);
    }
    rest.is_empty().then_some((bound, ids))
}

fn damaged(key: &[u8]) -> ConflictableTransactionError<StoreError> {
    ConflictableTransactionError::Abort(StoreError::decode(
        super::keys::NAMES,
        key,
        "danh sách hồ sơ theo tên sai dạng",
    ))
}

fn read(tx: &TransactionalTree, key: &[u8]) -> TxResult<Option<(u64, Vec<u64>)>> {
    match tx.get(key)? {
        None => Ok(None),
        Some(v) => decode(&v).map(Some).ok_or_else(|| damaged(key)),
    }
}

/// Adds (`add`) or removes `id` in `token`'s list inside a transaction.
pub(crate) fn change(tx: &TransactionalTree, token: &str, id: u64, add: bool) -> TxResult<()> {
    let open_key = chunk_key(token, OPEN);
    let (floor, mut open) = read(tx, &open_key)?.unwrap_or((0, Vec::new()));
    if id >= floor {
        if !edit(&mut open, id, add) {
            return Ok(());
        }
        if open.len() >= CHUNK_IDS {
            let end = open.last().map_or(floor, |&last| last + 1);
            tx.insert(chunk_key(token, floor), encode(end, &open))?;
            tx.insert(open_key, encode(end, &[]))?;
        } else if open.is_empty() && floor == 0 {
            tx.remove(open_key)?;
        } else {
            tx.insert(open_key, encode(floor, &open))?;
        }
        return Ok(());
    }
    // Below the floor: walk the sealed chunks from the first by their ends, reading only each
    // head until the one whose range holds `id`. The tree outside the transaction cannot be
    // read for a shortcut: sled 0.34 holds a global lock during a transaction, which every
    // plain read waits for.
    let mut k = 0;
    loop {
        let key = chunk_key(token, k);
        let value = tx.get(&key)?.ok_or_else(|| damaged(&key))?;
        let end = bound_of(&value).ok_or_else(|| damaged(&key))?;
        if end <= k || end > floor {
            return Err(damaged(&key));
        }
        if id < end {
            let (_, mut ids) = decode(&value).ok_or_else(|| damaged(&key))?;
            if edit(&mut ids, id, add) {
                tx.insert(key, encode(end, &ids))?;
            }
            return Ok(());
        }
        k = end;
    }
}

/// The bound of an [`encode`]d chunk, read from its head only.
fn bound_of(v: &[u8]) -> Option<u64> {
    let (&LAYOUT, mut rest) = v.split_first()? else {
        return None;
    };
    take_varint(&mut rest)
}

/// Moves dossier `id` from the lists of `old_name`'s tokens (`None` for a new dossier) to
/// those of `new_name`'s: only the tokens that changed are touched, so a step that keeps the
/// name writes nothing here.
pub(crate) fn reindex(
    names: &TransactionalTree,
    id: u64,
    old_name: Option<&str>,
    new_name: &str,
) -> TxResult<()> {
    if old_name == Some(new_name) {
        return Ok(());
    }
    let old = old_name.map(tokens).unwrap_or_default();
    let new = tokens(new_name);
    for t in old.iter().filter(|t| !new.contains(t)) {
        change(names, t, id, false)?;
    }
    for t in new.iter().filter(|t| !old.contains(t)) {
        change(names, t, id, true)?;
    }
    Ok(())
}

/// Inserts or removes `id` in an ascending list; false when nothing changed.
fn edit(ids: &mut Vec<u64>, id: u64, add: bool) -> bool {
    match (ids.binary_search(&id), add) {
        (Err(at), true) => {
            ids.insert(at, id);
            true
        }
        (Ok(at), false) => {
            ids.remove(at);
            true
        }
        _ => false,
    }
}

/// A dossier's name tokens as indexed: folded, sorted, without duplicates.
pub(crate) fn tokens(name: &str) -> Vec<String> {
    let mut tokens = crate::text::tokens(name);
    tokens.sort();
    tokens.dedup();
    tokens
}

/// Builds chunks for ids arriving in ascending order per token (a rebuild from the records in
/// id order): the open chunks stay in memory, sealed ones are handed to `out`.
#[derive(Default)]
pub(crate) struct Builder {
    open: std::collections::HashMap<String, (u64, Vec<u64>)>,
}

impl Builder {
    /// Adds `id` (higher than every id added before for `token`) and hands a sealed chunk to
    /// `out` as (key, value).
    pub(crate) fn push(&mut self, token: &str, id: u64, out: &mut impl FnMut(Vec<u8>, Vec<u8>)) {
        let (floor, ids) = self.open.entry(token.to_owned()).or_default();
        ids.push(id);
        if ids.len() >= CHUNK_IDS {
            let end = id + 1;
            out(chunk_key(token, *floor), encode(end, ids));
            *floor = end;
            ids.clear();
        }
    }

    /// Hands every open chunk to `out`.
    pub(crate) fn finish(self, out: &mut impl FnMut(Vec<u8>, Vec<u8>)) {
        for (token, (floor, ids)) in self.open {
            out(chunk_key(&token, OPEN), encode(floor, &ids));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_read_back_and_refuse_damage() {
        for ids in [vec![], vec![7], vec![1, 2, 300, 70_000, (1 << 48) - 1]] {
            let v = encode(12_345, &ids);
            assert_eq!(decode(&v), Some((12_345, ids.clone())));
            let mut long = v.clone();
            long.push(1);
            assert_eq!(decode(&long), None, "trailing byte");
        }
        // Golden bytes of layout 1: bound 300, ids 5, 6, 200.
        assert_eq!(
            encode(300, &[5, 6, 200]),
            [1, 0xac, 0x02, 3, 5, 1, 0xc2, 0x01]
        );
        assert_eq!(decode(&[1, 0, 2, 5, 0]), None, "a repeated id");
        assert_eq!(decode(&[2, 0, 0]), None, "another layout");
        assert_eq!(decode(&[]), None);
        let key = chunk_key("nguyen", OPEN);
        assert_eq!(split_key(&key), Some((&b"nguyen"[..], OPEN)));
        assert_eq!(split_key(b"ab"), None);
    }
}
