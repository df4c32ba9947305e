//! The event chain: every write appends one link covering the events it appended, hashed with
//! the previous link, so changing, removing or reordering any event breaks every later link.
//! Links of layout 1 (one per event, over the event's layout-1 bytes) stay as written; links of
//! layout 2 cover the events of one write in their layout-2 bytes (which carry the receipt
//! facts and the dues, so every fact of a dossier is covered). The head (`meta/chain_head`:
//! next sequence ‖ last hash) is also sealed outside sled (`seal`).

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
    /// Appends one layout-2 link (of version 3: the code covered too) covering events `index..` of `d` (every event from `index` on,
    /// the ones this write appended; or, for a record upgraded from layout 1, all of them).
    pub(super) fn append_link(&self, d: &Dossier, index: usize) -> TxResult<()> {
        let (seq, prev) = match self.meta.get(meta::CHAIN_HEAD)? {
            Some(head) => parse_head(&head),
            None => (0, [0u8; 32]),
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
        let mut head = (seq + 1).to_be_bytes().to_vec();
        head.extend_from_slice(&hash);
        self.meta.insert(meta::CHAIN_HEAD, head)?;
        Ok(())
    }
}
