//! Idempotency keys: a client makes one key per intended write (an intake, a step) and sends
//! it again when it retries after a timeout. The store keeps key → result in the `requests`
//! tree, written in the same transaction as the write it names, so a retry after a crash, a
//! lost answer or a timeout finds the first write and returns its dossier instead of writing
//! again; a key never names a write that did not happen.
//!
//! | tree | key | value |
//! |---|---|---|
//! | `requests` | the client's key (UTF-8, ≤ 64 bytes) | request envelope: dossier id, its event count after the write, when |

use serde::{Deserialize, Serialize};
use sled::transaction::ConflictableTransactionError;

use super::StoreError;
use super::record::secs;
use super::write::Tx;
use crate::domain::{Dossier, DossierId};

pub(crate) const REQUESTS: &str = "requests";

/// The longest key accepted, in bytes.
pub(crate) const MAX_KEY_BYTES: usize = 64;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum RequestEnvelope {
    V1(RequestV1),
}

/// What a request wrote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct RequestV1 {
    pub(crate) dossier: u64,
    /// The dossier's number of events right after the write.
    pub(crate) events: u32,
    /// When it was written (store seconds of the write's instant).
    pub(crate) at: i64,
}

fn config() -> bincode::config::Configuration {
    bincode::config::standard()
}

pub(crate) fn encode_request(r: &RequestV1) -> Vec<u8> {
    bincode::serde::encode_to_vec(RequestEnvelope::V1(r.clone()), config())
        .expect("encoding owned plain data cannot fail")
}

pub(crate) fn decode_request(key: &[u8], bytes: &[u8]) -> Result<RequestV1, StoreError> {
    match bytes.first() {
        None => return Err(StoreError::decode(REQUESTS, key, "bản ghi rỗng")),
        Some(&v) if v >= 1 => {
            return Err(StoreError::UnknownVersion {
                tree: REQUESTS.to_owned(),
                key: super::keys::show(key),
                version: u32::from(v) + 1,
            });
        }
        Some(_) => {}
    }
    match bincode::serde::decode_from_slice::<RequestEnvelope, _>(bytes, config()) {
        Ok((RequestEnvelope::V1(r), used)) if used == bytes.len() => Ok(r),
        Ok(_) => Err(StoreError::decode(REQUESTS, key, "thừa byte sau bản ghi")),
        Err(e) => Err(StoreError::decode(REQUESTS, key, &e.to_string())),
    }
}

fn abort<T>(e: StoreError) -> Result<T, ConflictableTransactionError<StoreError>> {
    Err(ConflictableTransactionError::Abort(e))
}

fn checked(key: &str) -> Result<&[u8], StoreError> {
    if key.is_empty() || key.len() > MAX_KEY_BYTES {
        return Err(StoreError::Rejected(format!(
            "Khóa chống ghi trùng phải dài 1–{MAX_KEY_BYTES} byte."
        )));
    }
    Ok(key.as_bytes())
}

impl Tx<'_> {
    /// The dossier a request with this key already wrote, as it stands now.
    pub(super) fn replayed(
        &self,
        request: Option<&str>,
    ) -> Result<Option<Dossier>, ConflictableTransactionError<StoreError>> {
        let Some(key) = request else {
            return Ok(None);
        };
        let key = match checked(key) {
            Ok(k) => k,
            Err(e) => return abort(e),
        };
        let Some(bytes) = self.requests.get(key)? else {
            return Ok(None);
        };
        let done = match decode_request(key, &bytes) {
            Ok(r) => r,
            Err(e) => return abort(e),
        };
        self.read_dossier(DossierId(done.dossier))
    }

    /// Records that the request with this key wrote `d` (in the write's transaction).
    pub(super) fn remember(
        &self,
        request: Option<&str>,
        d: &Dossier,
    ) -> Result<(), ConflictableTransactionError<StoreError>> {
        let Some(key) = request else {
            return Ok(());
        };
        let record = RequestV1 {
            dossier: d.id.0,
            events: u32::try_from(d.events.len()).expect("a timeline holds fewer than 2^32 events"),
            at: d.events.last().map_or(secs(d.received_at), |e| secs(e.at)),
        };
        self.requests
            .insert(key.as_bytes(), encode_request(&record))?;
        Ok(())
    }
}

impl super::Store {
    /// The ledger's change counter: the number of events in the chain (every write appends at
    /// least one). Boards of other counters compare it to know when to refresh.
    pub(crate) fn changes(&self) -> Result<u64, StoreError> {
        let head = self
            .trees
            .meta
            .get(super::keys::meta::CHAIN_HEAD)
            .map_err(|e| self.io_error(e))?;
        Ok(head.map_or(0, |h| super::chain::parse_head(&h).0))
    }

    /// The dossier the request with this key wrote, if it did (read outside any write, for a
    /// retry to be answered before the desk judges a stale view).
    pub(crate) fn replayed(&self, request: &str) -> Result<Option<Dossier>, StoreError> {
        let key = checked(request)?;
        let t = self.db.open_tree(REQUESTS).map_err(|e| self.io_error(e))?;
        let Some(bytes) = t.get(key).map_err(|e| self.io_error(e))? else {
            return Ok(None);
        };
        let done = decode_request(key, &bytes)?;
        self.get(DossierId(done.dossier))
    }
}
