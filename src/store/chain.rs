//! The event chain: every write appends one link covering the events it appended, hashed with
//! the previous link, so changing, removing or reordering any event breaks every later link.
//! Links of layout 1 (one per event, over the event's layout-1 bytes) stay as written; links of
//! layout 2 cover the events of one write in their layout-2 bytes (which carry the receipt
//! facts and the dues, so every fact of a dossier is covered). The head (`meta/chain_head`:
//! next sequence ‖ last hash ‖ events covered) is also sealed outside sled (`seal`: sequence
//! and hash). The events covered are kept so that printing the head ("mã kiểm chứng sổ") reads
//! one value instead of walking every link; a head written by an older build has no count,
//! and [`Store::open`](super::Store::open) fills it in once.

use sha2::{Digest, Sha256};
use sled::transaction::ConflictableTransactionResult;

use super::StoreError;
use super::keys::meta;
use super::record::{self, ChainEnvelope};
use super::record_v2::ChainV2;
use super::write::Tx;
use crate::domain::{Dossier, ReceiptFacts};

/// sha256(prev ‖ seq BE ‖ dossier BE ‖ index BE ‖ event bytes): a layout-1 link.
pub(super) fn link_hash_v1(
    prev: &[u8; 32],
    seq: u64,
    dossier: u64,
    index: u32,
    event: &[u8],
) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(prev);
    h.update(seq.to_be_bytes());
    h.update(dossier.to_be_bytes());
    h.update(index.to_be_bytes());
    h.update(event);
    h.finalize().into()
}

/// sha256(prev ‖ seq BE ‖ dossier BE ‖ index BE ‖ count BE ‖ each event's bytes): a layout-2
/// link over `count` events from `index`; `None` when `d` has fewer events.
pub(super) fn link_hash_v2(
    prev: &[u8; 32],
    seq: u64,
    d: &Dossier,
    index: u32,
    count: u32,
    receipt: &ReceiptFacts,
) -> Option<[u8; 32]> {
    link_hash(prev, seq, d, None, index, count, receipt)
}

/// sha256(prev ‖ seq BE ‖ dossier BE ‖ code length BE (u32) ‖ code ‖ index BE ‖ count BE ‖ each
/// event's bytes): [`link_hash_v2`] that also covers the dossier's code, so a code moved to
/// another dossier (two codes of a day swapped: the receipt opens another citizen's dossier)
/// or given another sequence number breaks the link.
pub(super) fn link_hash_v3(
    prev: &[u8; 32],
    seq: u64,
    d: &Dossier,
    index: u32,
    count: u32,
    receipt: &ReceiptFacts,
) -> Option<[u8; 32]> {
    link_hash(prev, seq, d, Some(d.code.as_str()), index, count, receipt)
}

fn link_hash(
    prev: &[u8; 32],
    seq: u64,
    d: &Dossier,
    code: Option<&str>,
    index: u32,
    count: u32,
    receipt: &ReceiptFacts,
) -> Option<[u8; 32]> {
    let mut h = Sha256::new();
    h.update(prev);
    h.update(seq.to_be_bytes());
    h.update(d.id.0.to_be_bytes());
    if let Some(code) = code {
        h.update(u32::try_from(code.len()).ok()?.to_be_bytes());
        h.update(code.as_bytes());
    }
    h.update(index.to_be_bytes());
    h.update(count.to_be_bytes());
    for i in index..index.checked_add(count)? {
        h.update(record::event_bytes_v2(d, i as usize, receipt)?);
    }
    Some(h.finalize().into())
}

/// The chain head value: next sequence ‖ last hash ‖ events covered (left out when unknown).
pub(super) fn encode_head(next: u64, hash: &[u8; 32], events: Option<u64>) -> Vec<u8> {
    let mut head = next.to_be_bytes().to_vec();
    head.extend_from_slice(hash);
    if let Some(events) = events {
        head.extend_from_slice(&events.to_be_bytes());
    }
    head
}

/// The events the chain covers, from the head value; `None` in a head written before the
/// count was kept (next sequence ‖ last hash only).
pub(super) fn head_events(bytes: &[u8]) -> Option<u64> {
    bytes
        .get(40..48)
        .and_then(|b| <[u8; 8]>::try_from(b).ok())
        .map(u64::from_be_bytes)
}

/// Parses the chain head value: next sequence ‖ last hash.
pub(super) fn parse_head(bytes: &[u8]) -> (u64, [u8; 32]) {
    let seq = bytes
        .get(..8)
        .and_then(|b| <[u8; 8]>::try_from(b).ok())
        .map(u64::from_be_bytes)
        .unwrap_or(0);
    let hash = bytes
        .get(8..40)
        .and_then(|b| <[u8; 32]>::try_from(b).ok())
        .unwrap_or([0; 32]);
    (seq, hash)
}

type TxResult<T> = ConflictableTransactionResult<T, StoreError>;

impl Tx<'_> {
    /// Appends one layout-2 link (of version 3: the code covered too) covering events `index..`
    /// of `d`: the ones this write appended (`new`), or, for a record upgraded from layout 1,
    /// all of them again (covered before by layout-1 links: not counted twice in the head).
    pub(super) fn append_link(&self, d: &Dossier, index: usize, new: bool) -> TxResult<()> {
        let (seq, prev, covered) = match self.meta.get(meta::CHAIN_HEAD)? {
            Some(head) => {
                let (seq, prev) = parse_head(&head);
                (seq, prev, head_events(&head))
            }
            None => (0, [0u8; 32], Some(0)),
        };
        let count = d.events.len().saturating_sub(index);
        let index = u32::try_from(index).expect("a timeline holds fewer than 2^32 events");
        let count = u32::try_from(count).expect("a timeline holds fewer than 2^32 events");
        let receipt = ReceiptFacts::at_intake(d);
        let hash = link_hash_v3(&prev, seq, d, index, count, &receipt)
            .expect("the link covers events the dossier holds");
        let link = ChainEnvelope::V3(ChainV2 {
            dossier: d.id.0,
            index,
            count,
            prev,
            hash,
        });
        self.chain
            .insert(&seq.to_be_bytes(), record::encode_chain(&link))?;
        let covered = covered.map(|c| c + if new { u64::from(count) } else { 0 });
        self.meta
            .insert(meta::CHAIN_HEAD, encode_head(seq + 1, &hash, covered))?;
        Ok(())
    }
}
