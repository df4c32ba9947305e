//! The chain's head as an anchor outside the machine ("mã kiểm chứng sổ", issue 17 item 3):
//! reports print the head's short hash and the number of events it covers, so the signed paper
//! archive can later prove that the ledger's history up to that point is unchanged. Anyone
//! with the files can rewrite every record and recompute every link (the chain has no key),
//! but not make a rewritten chain pass through a head already printed on paper.
//! Must not depend on `desk`, `tui` or `cli`.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::keys::{self, meta};
use super::record::{self, ChainEnvelope};
use super::{Store, StoreError};
use crate::calendar::LocalTime;
use crate::domain::DossierId;

/// Hex digits of the head a report prints (64 bits: a forger cannot search for a collision).
pub(crate) const SHORT_HEX: usize = 16;

/// Fewest hex digits `verify --head` accepts.
pub(crate) const MIN_HEX: usize = 8;

/// Lowercase hex of `bytes`.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A point of the chain: the hash of its last link and how many events the chain covers there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Anchor {
    /// The link's hash, lowercase hex (64 digits).
    pub hash: String,
    /// Events covered up to and including this link.
    pub events: u64,
    /// Links up to and including this one.
    pub(crate) links: u64,
    /// When the last event this link covers happened (`None` for an empty ledger).
    #[schema(value_type = Option<String>)]
    pub(crate) at: Option<LocalTime>,
}

impl Anchor {
    /// The short hash reports print.
    pub(crate) fn short(&self) -> &str {
        self.hash.get(..SHORT_HEX).unwrap_or(&self.hash)
    }

    /// "mã kiểm chứng sổ" as printed: short hash and events.
    pub(crate) fn words(&self) -> String {
        format!("{} ({} sự kiện)", self.short(), self.events)
    }
}

/// Events a link newly covers, given how many of its dossier's events were covered before
/// (the once-only upgrade link from layout 1 covers again what was covered: nothing new).
fn newly_covered(link: &ChainEnvelope, covered: &mut u32) -> u64 {
    match link {
        ChainEnvelope::V1(_) => {
            *covered += 1;
            1
        }
        ChainEnvelope::V2(l) | ChainEnvelope::V3(l) if l.index == *covered => {
            *covered += l.count;
            u64::from(l.count)
        }
        ChainEnvelope::V2(_) | ChainEnvelope::V3(_) => 0,
    }
}

/// Where the last walk of the chain for [`Store::anchor`] stopped: the next call reads only the
/// links written since. Reports print the head every time, and a whole walk was about two
/// thirds of a day report's time at 100 000 dossiers; the chain only grows, so what was
/// walked stays true for the life of the store handle.
#[derive(Debug, Default)]
pub(crate) struct HeadWalk {
    /// The chain sequence of the next link to read.
    next: u64,
    /// Events covered by the links read.
    events: u64,
    /// Links read.
    links: u64,
    /// Events of each dossier covered so far ([`newly_covered`]).
    covered: HashMap<u64, u32>,
    /// The last link read.
    last: Option<ChainEnvelope>,
}

impl Store {
    /// Reads the links written since the last call into the kept [`HeadWalk`]; returns the
    /// last link, the events and the links the chain covers.
    fn walk_on(&self) -> Result<(Option<ChainEnvelope>, u64, u64), StoreError> {
        let mut w = self
            .head_walk
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        for item in self.trees.chain.range(keys::id_key(w.next)..) {
            let (k, v) = item.map_err(|e| self.io_error(e))?;
            let link = record::decode_chain(keys::CHAIN, &k, &v)?;
            let dossier = match &link {
                ChainEnvelope::V1(l) => l.dossier,
                ChainEnvelope::V2(l) | ChainEnvelope::V3(l) => l.dossier,
            };
            let new = newly_covered(&link, w.covered.entry(dossier).or_insert(0));
            w.events += new;
            w.links += 1;
            w.next = keys::id_suffix(&k).map_or(u64::MAX, |s| s.saturating_add(1));
            w.last = Some(link);
        }
        Ok((w.last.clone(), w.events, w.links))
    }

    /// Walks the chain's links in order, calling `visit(link, events so far, hash)` after each;
    /// stops when `visit` returns `true`. Reads link records only (no dossier).
    fn walk_heads(
        &self,
        mut visit: impl FnMut(&ChainEnvelope, u64, u64, &[u8; 32]) -> bool,
    ) -> Result<(), StoreError> {
        let mut covered: HashMap<u64, u32> = HashMap::new();
        let mut events = 0u64;
        let mut links = 0u64;
        for item in self.trees.chain.iter() {
            let (k, v) = item.map_err(|e| self.io_error(e))?;
            let link = record::decode_chain(keys::CHAIN, &k, &v)?;
            let (dossier, hash) = match &link {
                ChainEnvelope::V1(l) => (l.dossier, l.hash),
                ChainEnvelope::V2(l) | ChainEnvelope::V3(l) => (l.dossier, l.hash),
            };
            events += newly_covered(&link, covered.entry(dossier).or_insert(0));
            links += 1;
            if visit(&link, events, links, &hash) {
                break;
            }
        }
        Ok(())
    }

    /// When the last event `link` covers happened.
    fn link_time(&self, link: &ChainEnvelope) -> Result<Option<LocalTime>, StoreError> {
        let (dossier, last) = match link {
            ChainEnvelope::V1(l) => (l.dossier, l.index as usize),
            ChainEnvelope::V2(l) | ChainEnvelope::V3(l) => (
                l.dossier,
                (l.index as usize + l.count as usize).saturating_sub(1),
            ),
        };
        let d = self.get(DossierId(dossier))?;
        Ok(d.and_then(|d| d.events.get(last).map(|e| e.at)))
    }

    /// The chain's head now: its hash, links and events as the head value keeps them (one read,
    /// and the last link's dossier for its time), so a one-shot `motcua report day` does not
    /// walk the chain. A head written by an older build has no event count: then the events
    /// are counted from the links, reading only those written since the last call on this
    /// handle.
    pub fn anchor(&self) -> Result<Anchor, StoreError> {
        let head = self
            .trees
            .meta
            .get(meta::CHAIN_HEAD)
            .map_err(|e| self.io_error(e))?;
        if let Some(head) = head
            && let Some(events) = super::chain::head_events(&head)
        {
            let (next, hash) = super::chain::parse_head(&head);
            let at = match next.checked_sub(1) {
                None => None,
                Some(last) => {
                    let key = keys::id_key(last);
                    match self.trees.chain.get(key).map_err(|e| self.io_error(e))? {
                        Some(v) => self.link_time(&record::decode_chain(keys::CHAIN, &key, &v)?)?,
                        None => None,
                    }
                }
            };
            return Ok(Anchor {
                hash: hex(&hash),
                events,
                links: next,
                at,
            });
        }
        let (last, events, links) = self.walk_on()?;
        let last = last.map(|link| (link, events, links));
        let head = self
            .trees
            .meta
            .get(meta::CHAIN_HEAD)
            .map_err(|e| self.io_error(e))?;
        let (_, sealed) = head
            .map(|h| super::chain::parse_head(&h))
            .unwrap_or((0, [0; 32]));
        let Some((link, events, links)) = last else {
            return Ok(Anchor {
                hash: hex(&sealed),
                events: 0,
                links: 0,
                at: None,
            });
        };
        Ok(Anchor {
            hash: hex(&sealed),
            events,
            links,
            at: self.link_time(&link)?,
        })
    }

    /// Keeps the events the chain covers in a head written by an older build, which kept only
    /// its sequence and hash (at open, before anything is written): one walk of the links, then
    /// [`Store::anchor`] reads the count. A chain that cannot be walked is left as it is, for
    /// `verify` to name what is wrong.
    pub(super) fn count_head_events(&self) {
        let Ok(Some(head)) = self.trees.meta.get(meta::CHAIN_HEAD) else {
            return;
        };
        if super::chain::head_events(&head).is_some() {
            return;
        }
        if let Ok((_, events, _)) = self.walk_on() {
            let (next, hash) = super::chain::parse_head(&head);
            let value = super::chain::encode_head(next, &hash, Some(events));
            let _ = self.trees.meta.insert(meta::CHAIN_HEAD, value);
        }
    }

    /// The first point of the chain whose hash starts with `prefix` (hex, at least
    /// [`MIN_HEX`] digits, any case), if the chain passes through one. Its links are taken as
    /// stored: `verify` checks that they match the records.
    pub(crate) fn find_anchor(&self, prefix: &str) -> Result<Option<Anchor>, StoreError> {
        let prefix = prefix.trim().to_ascii_lowercase();
        if prefix.len() < MIN_HEX || !prefix.chars().all(|c| c.is_ascii_hexdigit()) {
            return Ok(None);
        }
        let mut found = None;
        self.walk_heads(|link, events, links, hash| {
            let hex = hex(hash);
            if hex.starts_with(&prefix) {
                found = Some((link.clone(), hex, events, links));
                return true;
            }
            false
        })?;
        let Some((link, hash, events, links)) = found else {
            return Ok(None);
        };
        Ok(Some(Anchor {
            hash,
            events,
            links,
            at: self.link_time(&link)?,
        }))
    }
}
