//! Bulk import: whole dossiers (id, code and events as given) written in one transaction per
//! batch, with the batch's tally changes summed before they are written.

use super::super::keys::{self, meta};
use super::super::{Store, StoreError};
use super::{Tx, TxResult, abort};
use crate::domain::{Dossier, EventKind};

impl Store {
    /// Imports whole dossiers (id, code and events as given) in one transaction, then makes them
    /// durable. Refuses the whole batch if an id or a code is already present. Sequences are
    /// raised so later intakes never reuse an imported id, code or apology number.
    pub fn import(&self, batch: &[Dossier]) -> Result<(), StoreError> {
        self.transact(|tx| tx.sum_tallies(|| tx.import_batch(batch)))?;
        self.make_durable()
    }
}

impl Tx<'_> {
    /// The body of [`Store::import`]'s transaction.
    fn import_batch(&self, batch: &[Dossier]) -> TxResult<()> {
        for d in batch {
            let taken = self.dossiers.get(keys::id_key(d.id.0))?.is_some()
                || self.by_code.get(d.code.as_str().as_bytes())?.is_some();
            if taken || d.id.0 == 0 {
                return abort(StoreError::Rejected(format!(
                    "Hồ sơ {} (số {}) đã có trong kho hoặc số không hợp lệ.",
                    d.code.as_str(),
                    d.id.0
                )));
            }
            self.write_dossier(None, d)?;
            self.raise_counter(meta::NEXT_ID, d.id.0 + 1)?;
            if let Some(parts) = d.code.parts() {
                let (day, seq) = (parts.received, u64::from(parts.seq));
                self.raise_counter(&meta::code_seq(day), seq)?;
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
