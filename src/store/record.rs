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

use chrono::DateTime;
use serde::{Deserialize, Serialize, de::DeserializeOwned};

use super::StoreError;
use crate::calendar::LocalTime;
use crate::domain::{Dossier, Event, Procedure};

/// The number of envelope versions this build can read (V1 only).
const KNOWN_VERSIONS: u8 = 1;

fn config() -> bincode::config::Configuration {
    bincode::config::standard()
}

/// A dossier record, by version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DossierEnvelope {
    V1(DossierV1),
}

/// An event record, by version (the form hashed into the event chain).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventEnvelope {
    V1(EventV1),
}

/// A catalogue entry, by version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProcedureEnvelope {
    V1(ProcedureV1),
}

/// A link of the ledger's event chain, by version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChainEnvelope {
    V1(ChainV1),
}

/// One link of the event chain: which event it seals and the hashes that bind it to the chain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainV1 {
    pub dossier: u64,
    /// Index of the event in the dossier's timeline (0 = `Received`).
    pub index: u32,
    /// The hash of the previous link (all zeros for the first).
    pub prev: [u8; 32],
    /// sha256(prev ‖ seq BE ‖ dossier BE ‖ index BE ‖ encoded event envelope).
    pub hash: [u8; 32],
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DossierV1 {
    pub id: u64,
    pub code: String,
    pub procedure: String,
    pub procedure_name: String,
    pub field: String,
    pub time_limit: TimeLimitV1,
    pub pausable: bool,
    pub applicant: ApplicantV1,
    pub channel: ChannelV1,
    pub sets: u32,
    pub documents: Vec<String>,
    pub received_at: i64,
    pub received_by: String,
    pub due_at: i64,
    pub new_due_at: Option<i64>,
    pub status: StatusV1,
    pub events: Vec<EventV1>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TimeLimitV1 {
    SameDay,
    WorkingDays(u32),
    WorkingMinutes(u32),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicantV1 {
    pub organisation: bool,
    pub name: String,
    pub id_number: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    pub representative: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChannelV1 {
    Direct,
    Postal,
    Online,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StatusV1 {
    Received,
    InProcessing,
    SupplementRequested,
    Paused,
    ResultReady,
    HandedBack,
    Refused,
    Stopped,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NotificationV1 {
    Phone,
    Sms,
    Email,
    Letter,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventV1 {
    pub at: i64,
    pub operator: String,
    pub note: String,
    pub kind: EventKindV1,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventKindV1 {
    Received,
    Transferred {
        from: String,
        to: String,
    },
    SupplementRequested {
        reason: String,
        items: Vec<String>,
    },
    SupplementReceived,
    Paused {
        reason: String,
    },
    Resumed,
    Refused {
        reason: String,
    },
    Stopped {
        reason: String,
    },
    ResultReady,
    HandedBack {
        to: String,
        fee_vnd: u64,
        rating: String,
    },
    ApologyIssued {
        number: u32,
        year: i32,
        reason: String,
        new_due: i64,
        signer: String,
        notified: NotificationV1,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcedureV1 {
    pub code: String,
    pub name: String,
    pub field: String,
    pub time_limit: TimeLimitV1,
    pub fee: FeeRuleV1,
    pub documents: Vec<String>,
    pub unit: String,
    pub pausable: bool,
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FeeRuleV1 {
    Free,
    Fixed(u64),
    PerPage {
        first_pages: u32,
        first: u64,
        then: u64,
        cap: u64,
    },
    Note(String),
}

/// Seconds since the naive epoch; the store's representation of a [`LocalTime`].
pub fn secs(t: LocalTime) -> i64 {
    t.and_utc().timestamp()
}

/// The inverse of [`secs`]; `None` outside chrono's range (only from corrupt data).
pub fn from_secs(s: i64) -> Option<LocalTime> {
    DateTime::from_timestamp(s, 0).map(|d| d.naive_utc())
}

/// Encodes a value to bytes. Encoding plain data cannot fail.
fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    bincode::serde::encode_to_vec(value, config()).expect("encoding owned plain data cannot fail")
}

/// Decodes an envelope read from `tree` at `key`, refusing unknown versions and trailing bytes.
fn decode<T: DeserializeOwned>(tree: &str, key: &[u8], bytes: &[u8]) -> Result<T, StoreError> {
    let Some(&version) = bytes.first() else {
        return Err(StoreError::decode(tree, key, "bản ghi rỗng"));
    };
    if version >= KNOWN_VERSIONS {
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

pub fn encode_dossier(d: &Dossier) -> Vec<u8> {
    encode(&DossierEnvelope::V1(DossierV1::from(d)))
}

pub fn decode_dossier(tree: &str, key: &[u8], bytes: &[u8]) -> Result<Dossier, StoreError> {
    let DossierEnvelope::V1(v1) = decode(tree, key, bytes)?;
    v1.into_domain()
        .map_err(|e| StoreError::decode(tree, key, &e))
}

/// The bytes of one event as hashed into the chain.
pub fn encode_event(e: &Event) -> Vec<u8> {
    encode(&EventEnvelope::V1(EventV1::from(e)))
}

pub fn encode_procedure(p: &Procedure) -> Vec<u8> {
    encode(&ProcedureEnvelope::V1(ProcedureV1::from(p)))
}

pub fn decode_procedure(tree: &str, key: &[u8], bytes: &[u8]) -> Result<Procedure, StoreError> {
    let ProcedureEnvelope::V1(v1) = decode(tree, key, bytes)?;
    Ok(v1.into_domain())
}

pub fn encode_chain(c: &ChainV1) -> Vec<u8> {
    encode(&ChainEnvelope::V1(c.clone()))
}

pub fn decode_chain(tree: &str, key: &[u8], bytes: &[u8]) -> Result<ChainV1, StoreError> {
    let ChainEnvelope::V1(v1) = decode(tree, key, bytes)?;
    Ok(v1)
}
