//! The bytes of every value the store writes: versioned envelopes of store-owned record structs,
//! encoded with bincode 2.0.1 (serde, `config::standard()`: little-endian, varint integers).
//!
//! The domain types are never written directly: each record here mirrors one of them and is
//! converted at the edge, so a field added to a domain type cannot silently change the layout of
//! data already on disk. A released version's layout never changes; a new layout is a new
//! variant (`V2`) with an upgrade function. The envelope's first byte is bincode's variant index
//! (a varint, one byte below 251), so an unknown version is detected before decoding and
//! reported with the key that holds it.
//!
//! Instants are stored as seconds since 1970-01-01T00:00 read as Vietnam local time (the naive
//! local time's own epoch, not UTC).

use serde::{Deserialize, Serialize, de::DeserializeOwned};

use super::StoreError;
pub(crate) use super::record_v1::*;
use crate::domain::{Dossier, Procedure};

/// The number of envelope versions this build reads, per record kind: dossiers and events
/// have V1 and V2 (`record_v2`), chain links V1 to V3, catalogue entries V1 only.
const DOSSIER_VERSIONS: u8 = 2;
const CHAIN_VERSIONS: u8 = 3;
const PROCEDURE_VERSIONS: u8 = 1;

fn config() -> bincode::config::Configuration {
    bincode::config::standard()
}

/// A dossier record, by version.
#[expect(
    clippy::large_enum_variant,
    reason = "an envelope lives only between decoding and conversion; boxing would buy nothing"
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum DossierEnvelope {
    V1(DossierV1),
    V2(super::record_v2::DossierV2),
}

/// An event record, by version (the form hashed into the event chain).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum EventEnvelope {
    V1(EventV1),
    V2(super::record_v2::EventV2),
}

/// A catalogue entry, by version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum ProcedureEnvelope {
    V1(ProcedureV1),
}

/// A link of the ledger's event chain, by version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum ChainEnvelope {
    V1(ChainV1),
    V2(super::record_v2::ChainV2),
    /// A layout-2 link whose hash also covers the dossier's code (`chain::link_hash_v3`): the
    /// code's day sequence and agency are facts a citizen's receipt carries. Written since
    /// 02/12/2026; V2 links written before stay as they are.
    V3(super::record_v2::ChainV2),
}

/// Encodes a value to bytes. Encoding plain data cannot fail.
fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    bincode::serde::encode_to_vec(value, config()).expect("encoding owned plain data cannot fail")
}

/// Decodes an envelope read from `tree` at `key`, refusing versions from `known` on and
/// trailing bytes.
fn decode<T: DeserializeOwned>(
    tree: &str,
    key: &[u8],
    bytes: &[u8],
    known: u8,
) -> Result<T, StoreError> {
    let Some(&version) = bytes.first() else {
        return Err(StoreError::decode(tree, key, "bản ghi rỗng"));
    };
    if version >= known {
        return Err(StoreError::unknown_version(
            tree,
            key,
            u32::from(version) + 1,
        ));
    }
    match bincode::serde::decode_from_slice::<T, _>(bytes, config()) {
        Ok((value, used)) if used == bytes.len() => Ok(value),
        Ok((_, used)) => Err(StoreError::decode(
            tree,
            key,
            &format!("thừa {} byte sau bản ghi", bytes.len() - used),
        )),
        Err(e) => Err(StoreError::decode(tree, key, &e.to_string())),
    }
}

/// The record this build writes for `d` (layout 2: id, code and timeline).
pub fn encode_dossier(d: &Dossier) -> Vec<u8> {
    encode(&DossierEnvelope::V2(super::record_v2::DossierV2::of(d)))
}

/// The layout-1 record of `d`, as a build before layout 2 wrote it (golden-bytes and migration
/// tests); `None` for a timeline layout 1 cannot hold (corrections, undo).
pub fn encode_dossier_v1(d: &Dossier) -> Option<Vec<u8>> {
    Some(encode(&DossierEnvelope::V1(DossierV1::try_from(d).ok()?)))
}

/// Reads a dossier record of either layout. A layout-1 record comes back without the dues its
/// events set (it never held them): only `store::upgrade` reads those, and replays them.
pub fn decode_dossier(tree: &str, key: &[u8], bytes: &[u8]) -> Result<Dossier, StoreError> {
    let dossier = match decode(tree, key, bytes, DOSSIER_VERSIONS)? {
        DossierEnvelope::V1(v1) => v1.into_domain(),
        DossierEnvelope::V2(v2) => v2.into_domain(),
    };
    dossier.map_err(|e| StoreError::decode(tree, key, &e))
}

/// Whether a dossier record is of layout 1 (to be upgraded at open).
pub(crate) fn is_dossier_v1(bytes: &[u8]) -> bool {
    bytes.first() == Some(&0)
}

/// The bytes event `index` of `d` was hashed into the chain with by a layout-1 link; `None`
/// for an event layout 1 cannot hold.
pub(crate) fn event_bytes_v1(d: &Dossier, index: usize) -> Option<Vec<u8>> {
    let e = d.events.get(index)?;
    Some(encode(&EventEnvelope::V1(EventV1::try_from(e).ok()?)))
}

/// The bytes event `index` of `d` is hashed into the chain with by a layout-2 link.
pub(crate) fn event_bytes_v2(
    d: &Dossier,
    index: usize,
    receipt: &crate::domain::ReceiptFacts,
) -> Option<Vec<u8>> {
    let e = d.events.get(index)?;
    Some(encode(&EventEnvelope::V2(super::record_v2::event_v2(
        e, receipt,
    ))))
}

pub fn encode_procedure(p: &Procedure) -> Vec<u8> {
    encode(&ProcedureEnvelope::V1(ProcedureV1::from(p)))
}

pub fn decode_procedure(tree: &str, key: &[u8], bytes: &[u8]) -> Result<Procedure, StoreError> {
    let ProcedureEnvelope::V1(v1) = decode(tree, key, bytes, PROCEDURE_VERSIONS)?;
    Ok(v1.into_domain())
}

pub(crate) fn encode_chain(c: &ChainEnvelope) -> Vec<u8> {
    encode(c)
}

pub(crate) fn decode_chain(
    tree: &str,
    key: &[u8],
    bytes: &[u8],
) -> Result<ChainEnvelope, StoreError> {
    decode(tree, key, bytes, CHAIN_VERSIONS)
}
