//! Every write: one sled transaction over all the trees it touches (record, indexes, event
//! chain, meta sequences), then [`Store::make_durable`]. The transaction closures are pure
//! (sled may run them more than once): no I/O, no printing, no clock.

use sled::transaction::{
    ConflictableTransactionError, ConflictableTransactionResult, TransactionError,
    TransactionalTree,
};

use super::keys::{self, meta};
use super::record;
use super::{Store, StoreError};
use crate::domain::{Dossier, DossierCode, DossierId, EventKind, Procedure, ReceiptFacts};

/// The layout version this build writes (`meta/layout`): 2 since records are id, code and
/// timeline (`record_v2`). A store of layout 1 is readable and is upgraded by
/// `Store::upgrade_records` when a desk opens it.
pub(super) const LAYOUT: u32 = 2;
/// The layout this build upgrades from.
pub(super) const LAYOUT_V1: u32 = 1;

mod import;

pub(super) use import::code_carries_day;

type TxResult<T> = ConflictableTransactionResult<T, StoreError>;

/// The transactional view of every tree, by name.
pub(super) struct Tx<'a> {
    pub(crate) dossiers: &'a TransactionalTree,
    pub(crate) by_code: &'a TransactionalTree,
    pub(crate) meta: &'a TransactionalTree,
    pub(crate) chain: &'a TransactionalTree,
    pub(crate) catalogue: &'a TransactionalTree,
    /// Idempotency keys (see `store::requests`).
    pub(crate) requests: &'a TransactionalTree,
    tallies: &'a TransactionalTree,
    tallier: Option<&'a super::tally::Tallier>,
    /// While `Some`, tally deltas are summed here instead of written (one write per key for a
    /// whole import batch, whose dossiers share days and procedures); see [`Tx::sum_tallies`].
    pending: std::cell::RefCell<Option<super::tally::Delta>>,
    indexes: [(&'static str, &'a TransactionalTree); 6],
    /// The name index (`store::postings`).
    names: &'a TransactionalTree,
}

fn abort<T>(e: StoreError) -> TxResult<T> {
    Err(ConflictableTransactionError::Abort(e))
}

fn read_u64(bytes: Option<sled::IVec>) -> u64 {
    bytes
        .and_then(|b| <[u8; 8]>::try_from(b.as_ref()).ok())
        .map(u64::from_be_bytes)
        .unwrap_or(0)
}

impl Tx<'_> {
    fn index(&self, name: &str) -> &TransactionalTree {
        self.indexes
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, t)| *t)
            .expect("index_entries names only trees listed in Tx::indexes")
    }

    /// A u64 counter in `meta` (0 when absent).
    pub(crate) fn counter(&self, key: &str) -> TxResult<u64> {
        Ok(read_u64(self.meta.get(key)?))
    }

    pub(crate) fn set_counter(&self, key: &str, value: u64) -> TxResult<()> {
        self.meta.insert(key, &value.to_be_bytes())?;
        Ok(())
    }

    /// Raises a counter to at least `value`.
    fn raise_counter(&self, key: &str, value: u64) -> TxResult<()> {
        if self.counter(key)? < value {
            self.set_counter(key, value)?;
        }
        Ok(())
    }

    /// Increments a counter and returns its new value (1 for the first). A counter at
    /// `u64::MAX` is refused, never wrapped.
    fn bump(&self, key: &str) -> TxResult<u64> {
        let Some(next) = self.counter(key)?.checked_add(1) else {
            return abort(exhausted(key));
        };
        self.set_counter(key, next)?;
        Ok(next)
    }

    /// The next free dossier id: `meta/next_id` (at least 1), skipping ids that hold a record
    /// (a counter left behind by damage or an older build must not overwrite a dossier), within
    /// `1..=MAX_DOSSIER_ID`. Advances the counter past it.
    fn take_id(&self) -> TxResult<u64> {
        let first = self.counter(meta::NEXT_ID)?.max(1);
        for id in (first..=MAX_DOSSIER_ID).take(FREE_SEARCH as usize) {
            if self.dossiers.get(keys::id_key(id))?.is_none() {
                self.set_counter(meta::NEXT_ID, id + 1)?;
                return Ok(id);
            }
        }
        abort(exhausted(meta::NEXT_ID))
    }

    /// The next free code of `day`: the day's sequence bumped (from 1) until `code_for(seq)` is
    /// not taken, within `1..=MAX_CODE_SEQ`.
    fn take_code(
        &self,
        day: chrono::NaiveDate,
        code_for: &dyn Fn(u64) -> DossierCode,
    ) -> TxResult<DossierCode> {
        let key = meta::code_seq(day);
        for _ in 0..FREE_SEARCH {
            let seq = self.bump(&key)?;
            if seq > MAX_CODE_SEQ {
                break;
            }
            let code = code_for(seq);
            if self.by_code.get(code.as_str().as_bytes())?.is_none() {
                return Ok(code);
            }
        }
        abort(exhausted(&key))
    }

    /// Writes `new` over `old` (`None` for a new dossier): the record, its code, the index
    /// entries that changed, and one chain link over the appended events.
    fn write_dossier(&self, old: Option<&Dossier>, new: &Dossier) -> TxResult<()> {
        // The record holds the timeline only: a dossier whose facts do not follow from it
        // (a status, a due or a name set without the event that sets it) is refused.
        let bytes = record::encode_dossier(new);
        let key = keys::id_key(new.id.0);
        if record::decode_dossier(keys::DOSSIERS, &key, &bytes)
            .ok()
            .as_ref()
            != Some(new)
        {
            return abort(StoreError::Rejected(format!(
                "Hồ sơ {}: thông tin không khớp với diễn biến đã ghi; không lưu.",
                new.code.as_str()
            )));
        }
        let first_new_event = match old {
            Some(old) => {
                if old.code != new.code || old.events.len() > new.events.len() {
                    return abort(rewrite(new));
                }
                if old.events[..] != new.events[..old.events.len()]
                    || ReceiptFacts::at_intake(old) != ReceiptFacts::at_intake(new)
                {
                    return abort(rewrite(new));
                }
                for (tree, key, _) in keys::index_entries(old) {
                    self.index(tree).remove(key)?;
                }
                old.events.len()
            }
            None => {
                self.by_code
                    .insert(new.code.as_str().as_bytes(), &keys::id_key(new.id.0))?;
                self.bump(meta::DOSSIER_COUNT)?;
                0
            }
        };
        for (tree, key, value) in keys::index_entries(new) {
            self.index(tree).insert(key, value)?;
        }
        let old_name = old.map(|d| d.applicant.name.as_str());
        super::postings::reindex(self.names, new.id.0, old_name, &new.applicant.name)?;
        self.dossiers.insert(&key, bytes)?;
        if first_new_event < new.events.len() {
            self.append_link(new, first_new_event, true)?;
        }
        match self.tallier {
            Some(t) => {
                let delta = super::tally::delta(t, old, new);
                match self.pending.borrow_mut().as_mut() {
                    Some(sum) => super::tally::add(sum, delta),
                    None => super::tally::apply(self.tallies, delta)?,
                }
            }
            // Without a tallier the sums go stale: drop the mark so they are rebuilt.
            None => {
                self.meta.remove(meta::TALLY_LAYOUT)?;
            }
        }
        Ok(())
    }

    /// Runs `f` with tally deltas summed in memory, then writes each summed tally once.
    fn sum_tallies(&self, f: impl FnOnce() -> TxResult<()>) -> TxResult<()> {
        *self.pending.borrow_mut() = Some(Default::default());
        let result = f();
        let sum = self.pending.borrow_mut().take().unwrap_or_default();
        result?;
        super::tally::apply(self.tallies, sum)
    }

    /// Gives every new apology letter (number 0) the next number of its year.
    fn number_apologies(&self, d: &mut Dossier, from: usize) -> TxResult<()> {
        for e in d.events.iter_mut().skip(from) {
            if let EventKind::ApologyIssued { number, year, .. } = &mut e.kind
                && *number == 0
            {
                let key = meta::apology_seq(*year);
                let n = self.bump(&key)?;
                let Ok(n) = u32::try_from(n) else {
                    return abort(exhausted(&key));
                };
                *number = n;
            }
        }
        Ok(())
    }

    pub(super) fn read_dossier(&self, id: DossierId) -> TxResult<Option<Dossier>> {
        let key = keys::id_key(id.0);
        match self.dossiers.get(key)? {
            Some(bytes) => match record::decode_dossier(keys::DOSSIERS, &key, &bytes) {
                Ok(d) => Ok(Some(d)),
                Err(e) => abort(e),
            },
            None => Ok(None),
        }
    }
}

/// The highest dossier id the ledger uses (2^48 − 1): ids are internal numbers given one by one,
/// so this is never reached by intakes; an import carrying a larger id is refused, and no
/// counter can come near `u64::MAX` and wrap.
pub const MAX_DOSSIER_ID: u64 = (1 << 48) - 1;

/// The highest code sequence of a day: the code's grammar allows at most 9 digits.
pub const MAX_CODE_SEQ: u64 = 999_999_999;

/// How many taken ids or codes an intake skips before it gives up.
const FREE_SEARCH: u32 = 1_000;

/// A sequence that cannot give another number (it would leave its range or wrap).
fn exhausted(key: &str) -> StoreError {
    StoreError::Rejected(format!(
        "Bộ đếm «{key}» của kho dữ liệu đã hết số hoặc bị sai; chưa ghi gì. Hãy chạy \
         \"motcua verify\" và báo cho người quản trị."
    ))
}

fn rewrite(d: &Dossier) -> StoreError {
    StoreError::Rejected(format!(
        "Không được sửa lịch sử của hồ sơ {}: nhật ký chỉ được ghi thêm.",
        d.code.as_str()
    ))
}

impl Store {
    /// Runs `f` in one transaction over every tree and maps sled's errors.
    pub(super) fn transact<T>(&self, f: impl Fn(&Tx<'_>) -> TxResult<T>) -> Result<T, StoreError> {
        let t = &self.trees;
        let trees = (
            &t.dossiers,
            &t.by_code,
            &t.meta,
            &t.chain,
            &t.catalogue,
            &t.by_status_due,
            &t.by_received,
            &t.by_resolved,
            &t.by_handed_back,
            &t.names,
            &t.id_numbers,
            &t.phones,
            &t.tallies,
            &t.requests,
        );
        // A panicking writer poisons nothing that matters: the guard only orders writers.
        let _writing = self
            .writing
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let result = sled::Transactional::transaction(&trees, |v| {
            let tx = Tx {
                dossiers: &v.0,
                by_code: &v.1,
                meta: &v.2,
                chain: &v.3,
                catalogue: &v.4,
                requests: &v.13,
                tallies: &v.12,
                tallier: self.tallier.as_ref(),
                pending: Default::default(),
                indexes: [
                    (keys::BY_STATUS_DUE, &v.5),
                    (keys::BY_RECEIVED, &v.6),
                    (keys::BY_RESOLVED, &v.7),
                    (keys::BY_HANDED_BACK, &v.8),
                    (keys::ID_NUMBERS, &v.10),
                    (keys::PHONES, &v.11),
                ],
                names: &v.9,
            };
            f(&tx)
        });
        match result {
            Ok(v) => Ok(v),
            Err(TransactionError::Abort(e)) => Err(e),
            Err(TransactionError::Storage(e)) => Err(self.io_error(e)),
        }
    }

    /// Records a new dossier. `draft`'s id and code are ignored: the store gives it the next
    /// free id and the next free code sequence of its day of receipt (`code_for(seq)`, seq from
    /// 1), checked free in the same transaction as the record, so neither is ever issued twice,
    /// even across a crash. New apology letters (number 0) are numbered. An instant outside the
    /// clock window ([`Store::set_clock_window`]) is refused before anything is written.
    /// Durable on return. With an idempotency key (`request`): when the key already wrote a
    /// dossier, that dossier is returned and nothing is written (`store::requests`).
    pub(crate) fn insert_keyed(
        &self,
        draft: &Dossier,
        code_for: &dyn Fn(u64) -> DossierCode,
        request: Option<&str>,
    ) -> Result<Dossier, StoreError> {
        self.writable()?;
        self.check_instants(draft, 0)?;
        let day = draft.received_at.date();
        let d = self.transact(|tx| {
            if let Some(done) = tx.replayed(request)? {
                return Ok(done);
            }
            let mut d = draft.clone();
            d.id = DossierId(tx.take_id()?);
            d.code = tx.take_code(day, code_for)?;
            tx.number_apologies(&mut d, 0)?;
            tx.write_dossier(None, &d)?;
            tx.remember(request, &d)?;
            Ok(d)
        })?;
        self.make_durable()?;
        Ok(d)
    }

    /// Replaces a dossier by its new state, computed from the stored one when it had
    /// `seen_events` events: another writer that added events meanwhile makes this a
    /// [`StoreError::Stale`] (the caller reloads and decides again). The timeline must extend
    /// the stored one (events are append-only); new events get chain links; new apology letters
    /// are numbered. Durable on return. Returns the dossier as stored.
    pub fn update(&self, after: &Dossier, seen_events: usize) -> Result<Dossier, StoreError> {
        self.update_keyed(after, seen_events, None)
    }

    /// [`Store::update`] for a request with an idempotency key: when the key already wrote,
    /// the dossier is returned as it stands and nothing is written (`store::requests`).
    pub(crate) fn update_keyed(
        &self,
        after: &Dossier,
        seen_events: usize,
        request: Option<&str>,
    ) -> Result<Dossier, StoreError> {
        self.writable()?;
        self.check_instants(after, seen_events)?;
        let d = self.transact(|tx| {
            if let Some(done) = tx.replayed(request)? {
                return Ok(done);
            }
            let Some(old) = tx.read_dossier(after.id)? else {
                return abort(StoreError::Rejected(format!(
                    "Không tìm thấy hồ sơ {}.",
                    after.code.as_str()
                )));
            };
            if old.events.len() != seen_events {
                return abort(StoreError::Stale);
            }
            let mut d = after.clone();
            tx.number_apologies(&mut d, old.events.len())?;
            tx.write_dossier(Some(&old), &d)?;
            tx.remember(request, &d)?;
            Ok(d)
        })?;
        self.make_durable()?;
        Ok(d)
    }

    /// Replaces the whole catalogue. Durable on return.
    pub(crate) fn put_catalogue(&self, procedures: &[Procedure]) -> Result<(), StoreError> {
        self.writable()?;
        let old: Vec<sled::IVec> = self
            .trees
            .catalogue
            .iter()
            .keys()
            .collect::<Result<_, _>>()
            .map_err(|e| self.io_error(e))?;
        self.transact(|tx| {
            for k in &old {
                tx.catalogue.remove(k)?;
            }
            for p in procedures {
                tx.catalogue
                    .insert(p.code.as_str().as_bytes(), record::encode_procedure(p))?;
            }
            Ok(())
        })?;
        self.make_durable()
    }

    /// Writes the layout version on a fresh store; refuses a layout this build does not know.
    pub(super) fn check_layout(&self) -> Result<(), StoreError> {
        let stored = self
            .trees
            .meta
            .get(meta::LAYOUT)
            .map_err(|e| self.io_error(e))?;
        match stored {
            None => {
                self.trees
                    .meta
                    .insert(meta::LAYOUT, &u64::from(LAYOUT).to_be_bytes())
                    .map_err(|e| self.io_error(e))?;
                self.make_durable()
            }
            Some(v)
                if [LAYOUT, LAYOUT_V1]
                    .map(u64::from)
                    .contains(&read_u64(Some(v.clone()))) =>
            {
                Ok(())
            }
            Some(v) => Err(StoreError::UnknownVersion {
                tree: keys::META.to_owned(),
                key: meta::LAYOUT.to_owned(),
                version: u32::try_from(read_u64(Some(v))).unwrap_or(u32::MAX),
            }),
        }
    }
}
