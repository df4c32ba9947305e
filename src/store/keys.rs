//! Tree names and key layouts. Every key is big-endian so sled's byte order is the order a list
//! needs; ids are suffixes so keys are unique and ties break by intake order.
//!
//! | tree | key | value |
//! |---|---|---|
//! | `dossiers` | id (u64 BE) | dossier envelope |
//! | `by_code` | code (UTF-8) | id |
//! | `by_status_due` | status (u8) ‖ legal due (i64 sortable BE) ‖ id | [`status_due_value`]; non-final dossiers only |
//! | `by_received` | received (i64 sortable BE) ‖ id | empty |
//! | `by_resolved` | resolved (i64 sortable BE) ‖ id | empty; dossiers with a result, refusal or stop |
//! | `by_handed_back` | hand-back (i64 sortable BE) ‖ id | empty |
//! | `names` | folded name token ‖ 0x00 ‖ id | empty |
//! | `id_numbers` | ID number (spaces removed) ‖ 0x00 ‖ id | empty |
//! | `phones` | phone digits ‖ 0x00 ‖ id | empty |
//! | `chain` | sequence (u64 BE) | chain link envelope |
//! | `meta` | text key (see [`meta`]) | u64 BE, or the chain head |
//! | `catalogue` | procedure code (UTF-8) | procedure envelope |
//! | `tallies` | kind ‖ day ‖ names (see `store::tally`) | counts |

use crate::calendar::LocalTime;
use crate::domain::{Dossier, EventKind, Status};

use super::record::secs;

pub const DOSSIERS: &str = "dossiers";
pub const BY_CODE: &str = "by_code";
pub const BY_STATUS_DUE: &str = "by_status_due";
pub const BY_RECEIVED: &str = "by_received";
pub const BY_RESOLVED: &str = "by_resolved";
pub const BY_HANDED_BACK: &str = "by_handed_back";
pub const NAMES: &str = "names";
pub const ID_NUMBERS: &str = "id_numbers";
pub const PHONES: &str = "phones";
pub const CHAIN: &str = "chain";
pub const META: &str = "meta";
pub const CATALOGUE: &str = "catalogue";
/// Per-day counters (see `store::tally`).
pub const TALLIES: &str = "tallies";

/// Keys of the `meta` tree.
pub mod meta {
    /// The next dossier id (u64 BE); ids start at 1 and are never reused.
    pub const NEXT_ID: &str = "next_id";
    /// The chain head: next sequence (u64 BE) ‖ hash of the last link (32 bytes).
    pub const CHAIN_HEAD: &str = "chain_head";
    /// The store layout version (u64 BE).
    pub const LAYOUT: &str = "layout";
    /// How many dossiers the store holds (u64 BE).
    pub const DOSSIER_COUNT: &str = "dossier_count";
    /// The `by_status_due` value layout every entry has (u64 BE), see `store::upgrade`.
    pub const STATUS_VALUES: &str = "status_values";
    /// Present (u64 BE layout) when the `tallies` tree is exactly the sum over the records.
    pub const TALLY_LAYOUT: &str = "tally_layout";

    /// The last code sequence issued on a day (u64 BE), key `code_seq:YYYYMMDD`.
    pub fn code_seq(day: chrono::NaiveDate) -> String {
        format!("code_seq:{}", day.format("%Y%m%d"))
    }

    /// The last apology-letter number issued in a year (u64 BE), key `apology_seq:YYYY`.
    pub fn apology_seq(year: i32) -> String {
        format!("apology_seq:{year:04}")
    }
}

/// An instant as 8 sortable bytes (sign bit flipped, big-endian).
pub fn instant(t: LocalTime) -> [u8; 8] {
    ((secs(t) as u64) ^ (1 << 63)).to_be_bytes()
}

/// The inverse of [`instant`] on seconds.
pub fn instant_secs(b: [u8; 8]) -> i64 {
    (u64::from_be_bytes(b) ^ (1 << 63)) as i64
}

pub fn id_key(id: u64) -> [u8; 8] {
    id.to_be_bytes()
}

/// The id suffix of an index key (its last 8 bytes); `None` for a malformed key.
pub fn id_suffix(key: &[u8]) -> Option<u64> {
    let tail = key.get(key.len().checked_sub(8)?..)?;
    Some(u64::from_be_bytes(tail.try_into().ok()?))
}

/// The byte of a status in `by_status_due` (life-cycle order).
pub fn status_byte(s: Status) -> u8 {
    match s {
        Status::Received => 0,
        Status::InProcessing => 1,
        Status::SupplementRequested => 2,
        Status::Paused => 3,
        Status::ResultReady => 4,
        Status::HandedBack => 5,
        Status::Refused => 6,
        Status::Stopped => 7,
    }
}

pub fn status_due_key(s: Status, due: LocalTime, id: u64) -> Vec<u8> {
    let mut k = Vec::with_capacity(17);
    k.push(status_byte(s));
    k.extend_from_slice(&instant(due));
    k.extend_from_slice(&id_key(id));
    k
}

pub fn time_key(t: LocalTime, id: u64) -> Vec<u8> {
    let mut k = Vec::with_capacity(16);
    k.extend_from_slice(&instant(t));
    k.extend_from_slice(&id_key(id));
    k
}

pub fn text_key(text: &str, id: u64) -> Vec<u8> {
    let mut k = Vec::with_capacity(text.len() + 9);
    k.extend_from_slice(text.as_bytes());
    k.push(0);
    k.extend_from_slice(&id_key(id));
    k
}

/// The ID number as indexed and searched: whitespace removed, upper-cased (tax codes may hold
/// letters).
pub fn normal_id_number(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

/// The phone as indexed and searched: its digits only.
pub fn normal_phone(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// When the dossier got its result, was refused or stopped: the instant of the first event that
/// left the open statuses. `None` while open.
pub fn resolved_at(d: &Dossier) -> Option<LocalTime> {
    d.events.iter().find_map(|e| match e.kind {
        EventKind::ResultReady
        | EventKind::HandedBack { .. }
        | EventKind::Refused { .. }
        | EventKind::Stopped { .. } => Some(e.at),
        _ => None,
    })
}

/// When the result was handed back, if it was.
pub fn handed_back_at(d: &Dossier) -> Option<LocalTime> {
    d.events.iter().find_map(|e| match e.kind {
        EventKind::HandedBack { .. } => Some(e.at),
        _ => None,
    })
}

/// What the board needs to judge an open dossier's apology duty without decoding its record,
/// read from a [`status_due_value`]. Instants are store seconds ([`secs`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DueFacts {
    /// The new appointment of the dossier's apology letter, if one was issued.
    pub appointment: Option<i64>,
    /// When the current legal clock started (`domain::clock_start`); `None` in a value written
    /// before this was kept (layout 1): read the record to judge the deadline.
    pub clock_start: Option<i64>,
    /// For a paused dossier, the instant of its last pause (the clock is judged there);
    /// `None` otherwise, or unknown in a layout-1 value.
    pub paused_at: Option<i64>,
}

const HAS_APPOINTMENT: u8 = 1;
const HAS_PAUSE: u8 = 2;
/// The value ends with the dossier's code and applicant name (see [`status_due_label`]).
const HAS_LABEL: u8 = 4;

/// The value of a `by_status_due` entry: what the apology duty needs, so the board judges it
/// without decoding records. Layout 2: `[2] ‖ flags ‖ clock start (i64 BE) ‖ apology
/// appointment (i64 BE, if flag 1) ‖ last pause (i64 BE, if flag 2) ‖ label (if flag 4: code
/// length u16 BE ‖ code ‖ applicant name length u16 BE ‖ name, so the end-of-day summary
/// lists owed apologies without decoding records)`. Older values stay
/// readable: layout 1 is `[0]` (no letter) or `[1] ‖ appointment`, and an empty value means
/// "read the record".
pub fn status_due_value(d: &Dossier) -> Vec<u8> {
    let appointment = crate::domain::issued_new_due(d);
    let paused_at = match d.status {
        Status::Paused => d.events.iter().rev().find_map(|e| match e.kind {
            EventKind::Paused { .. } => Some(e.at),
            _ => None,
        }),
        _ => None,
    };
    let mut flags = HAS_LABEL;
    if appointment.is_some() {
        flags |= HAS_APPOINTMENT;
    }
    if paused_at.is_some() {
        flags |= HAS_PAUSE;
    }
    let mut v = Vec::with_capacity(26);
    v.extend_from_slice(&[2, flags]);
    v.extend_from_slice(&secs(crate::domain::clock_start(d)).to_be_bytes());
    for t in [appointment, paused_at].into_iter().flatten() {
        v.extend_from_slice(&secs(t).to_be_bytes());
    }
    for text in [d.code.as_str(), &d.applicant.name] {
        let bytes = &text.as_bytes()[..text.len().min(u16::MAX as usize)];
        v.extend_from_slice(&(bytes.len() as u16).to_be_bytes());
        v.extend_from_slice(bytes);
    }
    v
}

/// Splits a length-prefixed text (u16 BE length ‖ UTF-8) off the front of `b`.
fn take_text(b: &[u8]) -> Option<(&str, &[u8])> {
    let (len, rest) = b.split_first_chunk::<2>()?;
    let len = usize::from(u16::from_be_bytes(*len));
    let text = std::str::from_utf8(rest.get(..len)?).ok()?;
    Some((text, &rest[len..]))
}

/// `b` after a length-prefixed text, without checking the text.
fn skip_text(b: &[u8]) -> Option<&[u8]> {
    let (len, rest) = b.split_first_chunk::<2>()?;
    rest.get(usize::from(u16::from_be_bytes(*len))..)
}

/// The code and applicant name a layout-2 [`status_due_value`] ends with, if it has them.
pub fn status_due_label(v: &[u8]) -> Option<(&str, &str)> {
    let [2, flags, rest @ ..] = v else {
        return None;
    };
    if flags & HAS_LABEL == 0 {
        return None;
    }
    let times = 1 + usize::from(flags & HAS_APPOINTMENT != 0) + usize::from(flags & HAS_PAUSE != 0);
    let (code, rest) = take_text(rest.get(8 * times..)?)?;
    let (name, rest) = take_text(rest)?;
    rest.is_empty().then_some((code, name))
}

/// The layout-1 value (`[0]`, or `[1] ‖ appointment`) a store written before layout 2 holds;
/// `verify` accepts it as well as the current one.
pub fn status_due_value_v1(d: &Dossier) -> Vec<u8> {
    match d.new_due_at {
        None => vec![0],
        Some(t) => {
            let mut v = vec![1];
            v.extend_from_slice(&secs(t).to_be_bytes());
            v
        }
    }
}

fn be_i64(b: &[u8]) -> Option<(i64, &[u8])> {
    let (head, rest) = b.split_first_chunk::<8>()?;
    Some((i64::from_be_bytes(*head), rest))
}

/// Reads a [`status_due_value`] (either layout); `None` when the value does not say (empty or
/// damaged): read the record.
pub fn parse_status_due_value(v: &[u8]) -> Option<DueFacts> {
    match v {
        [0] => Some(DueFacts {
            appointment: None,
            clock_start: None,
            paused_at: None,
        }),
        [1, rest @ ..] => Some(DueFacts {
            appointment: Some(i64::from_be_bytes(rest.try_into().ok()?)),
            clock_start: None,
            paused_at: None,
        }),
        [2, flags, rest @ ..] => {
            let (start, mut rest) = be_i64(rest)?;
            let mut take = |flag: u8| -> Option<Option<i64>> {
                if flags & flag == 0 {
                    return Some(None);
                }
                let (t, tail) = be_i64(rest)?;
                rest = tail;
                Some(Some(t))
            };
            let appointment = take(HAS_APPOINTMENT)?;
            let paused_at = take(HAS_PAUSE)?;
            if *flags & HAS_LABEL != 0 {
                // Skipped by length: the label's text is checked where it is read.
                let tail = skip_text(rest)?;
                rest = skip_text(tail)?;
            }
            let known = HAS_APPOINTMENT | HAS_PAUSE | HAS_LABEL;
            (rest.is_empty() && flags & !known == 0).then_some(DueFacts {
                appointment,
                clock_start: Some(start),
                paused_at,
            })
        }
        _ => None,
    }
}

/// Every secondary-index entry a dossier owns, as (tree, key, value). The record itself and the
/// chain are not included. Writers remove the old set and insert the new one in one
/// transaction; `verify` recomputes it from the records.
pub fn index_entries(d: &Dossier) -> Vec<(&'static str, Vec<u8>, Vec<u8>)> {
    let id = d.id.0;
    let mut out = vec![(BY_RECEIVED, time_key(d.received_at, id), vec![])];
    if !d.status.is_final() {
        let key = status_due_key(d.status, d.due_at, id);
        out.push((BY_STATUS_DUE, key, status_due_value(d)));
    }
    if let Some(t) = resolved_at(d) {
        out.push((BY_RESOLVED, time_key(t, id), vec![]));
    }
    if let Some(t) = handed_back_at(d) {
        out.push((BY_HANDED_BACK, time_key(t, id), vec![]));
    }
    let mut tokens = crate::text::tokens(&d.applicant.name);
    tokens.sort();
    tokens.dedup();
    for t in tokens {
        out.push((NAMES, text_key(&t, id), vec![]));
    }
    let idn = normal_id_number(&d.applicant.id_number);
    if !idn.is_empty() {
        out.push((ID_NUMBERS, text_key(&idn, id), vec![]));
    }
    let phone = normal_phone(&d.applicant.phone);
    if !phone.is_empty() {
        out.push((PHONES, text_key(&phone, id), vec![]));
    }
    out
}

/// A key shown to a person: UTF-8 when printable, hex otherwise.
pub fn show(key: &[u8]) -> String {
    match std::str::from_utf8(key) {
        Ok(s) if s.chars().all(|c| !c.is_control()) => s.to_owned(),
        _ => key.iter().map(|b| format!("{b:02x}")).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_due_values_read_back_in_both_layouts() {
        let facts = |appointment, paused_at| DueFacts {
            appointment,
            clock_start: Some(1_700_000_000),
            paused_at,
        };
        for want in [
            facts(None, None),
            facts(Some(1_800_000_000), None),
            facts(None, Some(-5)),
            facts(Some(1), Some(2)),
        ] {
            let mut v = vec![2, 0];
            v.extend_from_slice(&1_700_000_000i64.to_be_bytes());
            for (flag, t) in [(1, want.appointment), (2, want.paused_at)] {
                if let Some(t) = t {
                    v[1] |= flag;
                    v.extend_from_slice(&t.to_be_bytes());
                }
            }
            assert_eq!(parse_status_due_value(&v), Some(want));
            v.push(0);
            assert_eq!(parse_status_due_value(&v), None, "trailing byte");
        }
        let old = |appointment| DueFacts {
            appointment,
            clock_start: None,
            paused_at: None,
        };
        assert_eq!(parse_status_due_value(&[0]), Some(old(None)));
        let mut v = vec![1];
        v.extend_from_slice(&42i64.to_be_bytes());
        assert_eq!(parse_status_due_value(&v), Some(old(Some(42))));
        assert_eq!(parse_status_due_value(&[]), None);
        assert_eq!(
            parse_status_due_value(&[2, 4, 0, 0, 0, 0, 0, 0, 0, 0]),
            None
        );
    }
}
