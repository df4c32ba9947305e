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
//! | `name_lists` | folded name token ‖ 0x00 ‖ range start or `u64::MAX` | the ids holding it (`store::postings`) |
//! | `id_numbers` | ID number (spaces removed) ‖ 0x00 ‖ id | empty |
//! | `phones` | phone digits ‖ 0x00 ‖ id | empty |
//! | `chain` | sequence (u64 BE) | chain link envelope |
//! | `meta` | text key (see [`meta`]) | u64 BE, or the chain head |
//! | `catalogue` | procedure code (UTF-8) | procedure envelope |
//! | `tallies` | kind ‖ day ‖ names (see `store::tally`) | counts |

use crate::calendar::{DayHundredths, LocalTime, TimeLimit};
use crate::domain::{ClockFacts, Dossier, EventKind, Status};

use super::record::secs;

pub const DOSSIERS: &str = "dossiers";
pub(crate) const BY_CODE: &str = "by_code";
pub(crate) const BY_STATUS_DUE: &str = "by_status_due";
pub(crate) const BY_RECEIVED: &str = "by_received";
pub(crate) const BY_RESOLVED: &str = "by_resolved";
pub(crate) const BY_HANDED_BACK: &str = "by_handed_back";
/// The name index: posting lists (`store::postings`).
pub const NAMES: &str = "name_lists";
/// The name index of stores written before posting lists (one entry per token and id): dropped
/// when `name_lists` is built (`Store::upgrade_name_index`).
pub(crate) const OLD_NAMES: &str = "names";
pub(crate) const ID_NUMBERS: &str = "id_numbers";
pub(crate) const PHONES: &str = "phones";
pub(crate) const CHAIN: &str = "chain";
pub(crate) const META: &str = "meta";
pub(crate) const CATALOGUE: &str = "catalogue";
/// Per-day counters (see `store::tally`).
pub(crate) const TALLIES: &str = "tallies";

/// Keys of the `meta` tree.
pub(crate) mod meta {
    /// The next dossier id (u64 BE); ids start at 1 and are never reused.
    pub(crate) const NEXT_ID: &str = "next_id";
    /// The chain head: next sequence (u64 BE) ‖ hash of the last link (32 bytes).
    pub(crate) const CHAIN_HEAD: &str = "chain_head";
    /// The store layout version (u64 BE).
    pub(crate) const LAYOUT: &str = "layout";
    /// How many dossiers the store holds (u64 BE).
    pub(crate) const DOSSIER_COUNT: &str = "dossier_count";
    /// The `by_status_due` value layout every entry has (u64 BE), see `store::upgrade`.
    pub(crate) const STATUS_VALUES: &str = "status_values";
    /// Present (u64 BE layout) when the `tallies` tree is exactly the sum over the records.
    pub(crate) const TALLY_LAYOUT: &str = "tally_layout";
    /// Present (u64 BE layout) when the `name_lists` tree is complete (see `store::postings`).
    pub(crate) const NAME_LISTS: &str = "name_lists";

    /// The last code sequence issued on a day (u64 BE), key `code_seq:YYYYMMDD`.
    pub(crate) fn code_seq(day: chrono::NaiveDate) -> String {
        format!("code_seq:{}", day.format("%Y%m%d"))
    }

    /// The last apology-letter number issued in a year (u64 BE), key `apology_seq:YYYY`.
    pub(crate) fn apology_seq(year: i32) -> String {
        format!("apology_seq:{year:04}")
    }
}

/// An instant as 8 sortable bytes (sign bit flipped, big-endian).
pub(crate) fn instant(t: LocalTime) -> [u8; 8] {
    ((secs(t) as u64) ^ (1 << 63)).to_be_bytes()
}

/// The inverse of [`instant`] on seconds.
pub(crate) fn instant_secs(b: [u8; 8]) -> i64 {
    (u64::from_be_bytes(b) ^ (1 << 63)) as i64
}

pub fn id_key(id: u64) -> [u8; 8] {
    id.to_be_bytes()
}

/// The id suffix of an index key (its last 8 bytes); `None` for a malformed key.
pub(crate) fn id_suffix(key: &[u8]) -> Option<u64> {
    let tail = key.get(key.len().checked_sub(8)?..)?;
    Some(u64::from_be_bytes(tail.try_into().ok()?))
}

/// The byte of a status in `by_status_due` (life-cycle order).
pub(crate) fn status_byte(s: Status) -> u8 {
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

pub(crate) fn time_key(t: LocalTime, id: u64) -> Vec<u8> {
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
pub(crate) fn normal_id_number(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

/// The phone as indexed and searched: its digits only.
pub(crate) fn normal_phone(s: &str) -> String {
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
pub(crate) fn handed_back_at(d: &Dossier) -> Option<LocalTime> {
    d.events.iter().find_map(|e| match e.kind {
        EventKind::HandedBack { .. } => Some(e.at),
        _ => None,
    })
}

/// What a `by_status_due` value says about its dossier's legal clock (the key holds the status
/// and the legal due): with them it is a whole `domain::ClockFacts`, so the board, the counters
/// and the end-of-day summary judge a dossier without decoding its record. Instants are store
/// seconds ([`secs`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IndexFacts {
    pub clock_start: i64,
    pub limit: TimeLimit,
    pub paused_at: Option<i64>,
    /// The apology letter: (issued at, new appointment).
    pub letter: Option<(i64, i64)>,
    pub resolved_at: Option<i64>,
}

/// The layout byte of the values this build writes.
pub(crate) const STATUS_VALUE_LAYOUT: u8 = 3;
const HAS_LETTER: u8 = 1;
const HAS_PAUSE: u8 = 2;
const HAS_RESOLVED: u8 = 4;

/// The value of a `by_status_due` entry. Layout 3: `[3] ‖ flags ‖ clock start (i64 BE) ‖ limit
/// (u8 kind: 0 same day, 1 working days, 2 working minutes ‖ u32 BE amount) ‖ letter issued at
/// and new appointment (2 × i64 BE, if flag 1) ‖ last pause (i64 BE, if flag 2) ‖ resolution
/// (i64 BE, if flag 4) ‖ code length (u16 BE) ‖ code ‖ applicant name length (u16 BE) ‖ name`.
/// Values of older layouts are rewritten at open (`store::upgrade`).
pub fn status_due_value(d: &Dossier) -> Vec<u8> {
    let f = ClockFacts::of(d);
    let paused_at = f.paused_at.filter(|_| d.status == Status::Paused);
    let mut flags = 0;
    if f.letter.is_some() {
        flags |= HAS_LETTER;
    }
    if paused_at.is_some() {
        flags |= HAS_PAUSE;
    }
    if f.resolved_at.is_some() {
        flags |= HAS_RESOLVED;
    }
    let mut v = Vec::with_capacity(48 + d.code.as_str().len() + d.applicant.name.len());
    v.extend_from_slice(&[STATUS_VALUE_LAYOUT, flags]);
    v.extend_from_slice(&secs(f.clock_start).to_be_bytes());
    let (kind, amount) = match f.limit {
        TimeLimit::SameDay => (0u8, 0u32),
        TimeLimit::WorkingDays(DayHundredths(n)) => (1, n),
        TimeLimit::WorkingMinutes(n) => (2, n),
    };
    v.push(kind);
    v.extend_from_slice(&amount.to_be_bytes());
    let letter = f.letter.map(|l| [l.issued_at, l.new_due]);
    let times = letter
        .into_iter()
        .flatten()
        .chain(paused_at)
        .chain(f.resolved_at);
    for t in times {
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

fn be_i64(b: &[u8]) -> Option<(i64, &[u8])> {
    let (head, rest) = b.split_first_chunk::<8>()?;
    Some((i64::from_be_bytes(*head), rest))
}

/// Reads a [`status_due_value`]: the clock facts and the (code, applicant name) label; `None`
/// for a value of another layout or a damaged one.
pub fn parse_status_due_value(v: &[u8]) -> Option<(IndexFacts, &str, &str)> {
    let [STATUS_VALUE_LAYOUT, flags, rest @ ..] = v else {
        return None;
    };
    if flags & !(HAS_LETTER | HAS_PAUSE | HAS_RESOLVED) != 0 {
        return None;
    }
    let (clock_start, rest) = be_i64(rest)?;
    let (&kind, rest) = rest.split_first()?;
    let (amount, mut rest) = rest.split_first_chunk::<4>()?;
    let amount = u32::from_be_bytes(*amount);
    let limit = match kind {
        0 => TimeLimit::SameDay,
        1 => TimeLimit::WorkingDays(DayHundredths(amount)),
        2 => TimeLimit::WorkingMinutes(amount),
        _ => return None,
    };
    let mut take = |flag: u8| -> Option<Option<i64>> {
        if flags & flag == 0 {
            return Some(None);
        }
        let (t, tail) = be_i64(rest)?;
        rest = tail;
        Some(Some(t))
    };
    let letter = match take(HAS_LETTER)? {
        Some(issued) => Some((issued, take(HAS_LETTER)?.unwrap_or(issued))),
        None => None,
    };
    let paused_at = take(HAS_PAUSE)?;
    let resolved_at = take(HAS_RESOLVED)?;
    let (code, rest) = take_text(rest)?;
    let (name, rest) = take_text(rest)?;
    let facts = IndexFacts {
        clock_start,
        limit,
        paused_at,
        letter,
        resolved_at,
    };
    rest.is_empty().then_some((facts, code, name))
}

/// Every secondary-index entry a dossier owns, as (tree, key, value). The record itself, the
/// chain and the name index (posting lists shared by many dossiers, `store::postings`) are not
/// included. Writers remove the old set and insert the new one in one
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
pub(crate) fn show(key: &[u8]) -> String {
    match std::str::from_utf8(key) {
        Ok(s) if s.chars().all(|c| !c.is_control()) => s.to_owned(),
        _ => key.iter().map(|b| format!("{b:02x}")).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_due_values_read_back() {
        let limits = [
            TimeLimit::SameDay,
            TimeLimit::WorkingDays(DayHundredths(250)),
            TimeLimit::WorkingMinutes(90),
        ];
        for (i, limit) in limits.into_iter().enumerate() {
            let want = IndexFacts {
                clock_start: 1_700_000_000,
                limit,
                paused_at: (i == 1).then_some(-5),
                letter: (i > 0).then_some((1_700_000_100, 1_800_000_000)),
                resolved_at: (i == 2).then_some(1_700_000_200),
            };
            let mut v = vec![STATUS_VALUE_LAYOUT, 0];
            v.extend_from_slice(&want.clock_start.to_be_bytes());
            let (kind, amount) = match limit {
                TimeLimit::SameDay => (0, 0u32),
                TimeLimit::WorkingDays(DayHundredths(n)) => (1, n),
                TimeLimit::WorkingMinutes(n) => (2, n),
            };
            v.push(kind);
            v.extend_from_slice(&amount.to_be_bytes());
            if let Some((a, b)) = want.letter {
                v[1] |= HAS_LETTER;
                v.extend_from_slice(&a.to_be_bytes());
                v.extend_from_slice(&b.to_be_bytes());
            }
            for (flag, t) in [
                (HAS_PAUSE, want.paused_at),
                (HAS_RESOLVED, want.resolved_at),
            ] {
                if let Some(t) = t {
                    v[1] |= flag;
                    v.extend_from_slice(&t.to_be_bytes());
                }
            }
            for text in ["C-1", "Lê Thị"] {
                v.extend_from_slice(&(text.len() as u16).to_be_bytes());
                v.extend_from_slice(text.as_bytes());
            }
            assert_eq!(parse_status_due_value(&v), Some((want, "C-1", "Lê Thị")));
            v.push(0);
            assert_eq!(parse_status_due_value(&v), None, "trailing byte");
        }
        assert_eq!(parse_status_due_value(&[]), None);
        assert_eq!(
            parse_status_due_value(&[2, 4, 0, 0, 0, 0, 0, 0, 0, 0]),
            None
        );
    }
}
