//! Bulk import: whole dossiers (code and events as given) written in one transaction per batch,
//! with the batch's tally changes summed before they are written. Ids: [`Store::import`] keeps
//! the batch's own (for a lossless round trip into an empty ledger, and for generated ledgers);
//! [`Store::import_renumbered`] gives each dossier the next free id of this ledger.

use super::super::keys::{self, meta};
use super::super::{Store, StoreError};
use super::{MAX_DOSSIER_ID, Tx, TxResult, abort};
use crate::domain::{Dossier, DossierId, EventKind};

impl Store {
    /// Imports whole dossiers with their own ids in one transaction, then makes them durable.
    /// Refuses the whole batch if an id is 0, above [`MAX_DOSSIER_ID`] or already present, a
    /// code is already present or does not carry its day of receipt, or an instant falls
    /// outside the clock window. Sequences are raised so later intakes never reuse an imported
    /// id, code or apology number.
    pub fn import(&self, batch: &[Dossier]) -> Result<(), StoreError> {
        self.import_batch(batch, true)
    }

    /// Like [`Store::import`], but every dossier gets the next free id of this ledger (its own
    /// id is ignored): for an import into a ledger that already holds dossiers, whose ids the
    /// file cannot know. Codes, events and apology numbers are kept.
    pub(crate) fn import_renumbered(&self, batch: &[Dossier]) -> Result<(), StoreError> {
        self.import_batch(batch, false)
    }

    fn import_batch(&self, batch: &[Dossier], keep_ids: bool) -> Result<(), StoreError> {
        self.writable()?;
        for d in batch {
            self.check_instants(d, 0)?;
            if !code_carries_day(d) {
                return Err(StoreError::Rejected(format!(
                    "Mã hồ sơ {} không khớp ngày tiếp nhận {}.",
                    d.code.as_str(),
                    d.received_at.format("%d/%m/%Y")
                )));
            }
        }
        self.transact(|tx| tx.sum_tallies(|| tx.import_all(batch, keep_ids)))?;
        self.make_durable()
    }
}

/// True when the code's `YYMMDD` part is the day of receipt.
pub(crate) fn code_carries_day(d: &Dossier) -> bool {
    d.code.parts().is_some_and(|p| {
        p.received.format("%y%m%d").to_string() == d.received_at.format("%y%m%d").to_string()
    })
}

impl Tx<'_> {
    /// The body of [`Store::import`]'s transaction.
    fn import_all(&self, batch: &[Dossier], keep_ids: bool) -> TxResult<()> {
        for d in batch {
            let d = if keep_ids {
                let id = d.id.0;
                let taken = self.dossiers.get(keys::id_key(id))?.is_some();
                if taken || id == 0 || id > MAX_DOSSIER_ID {
                    return abort(StoreError::Rejected(format!(
                        "Hồ sơ {} có số (id) {id} đã có trong kho hoặc ngoài khoảng 1–{}.",
                        d.code.as_str(),
                        MAX_DOSSIER_ID
                    )));
                }
                self.raise_counter(meta::NEXT_ID, id + 1)?;
                std::borrow::Cow::Borrowed(d)
            } else {
                let mut renumbered = d.clone();
                renumbered.id = DossierId(self.take_id()?);
                std::borrow::Cow::Owned(renumbered)
            };
            if self.by_code.get(d.code.as_str().as_bytes())?.is_some() {
                return abort(StoreError::Rejected(format!(
                    "Hồ sơ {} đã có trong kho.",
                    d.code.as_str()
                )));
            }
            self.write_dossier(None, &d)?;
            if let Some(parts) = d.code.parts() {
                // The full year of the day of receipt, as `insert_keyed` keys it.
                let day = d.received_at.date();
                self.raise_counter(&meta::code_seq(day), u64::from(parts.seq))?;
            }
            for e in &d.events {
                if let EventKind::ApologyIssued { number, year, .. } = e.kind {
                    self.raise_counter(&meta::apology_seq(year), u64::from(number))?;
                }
            }
        }
        Ok(())
    }
}
