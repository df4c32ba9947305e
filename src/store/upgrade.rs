//! Brings what an older build wrote up to this build's layouts, once: `by_status_due` values of
//! an older layout (see `keys::status_due_value`) are rewritten from their records at open, so
//! the board and the end-of-day summary never decode records; dossier records of layout 1 are
//! rewritten in layout 2 (`record_v2`) when a desk opens the store with its calendar. Only open dossiers have such entries, so this reads at most the open
//! dossiers once (about a second at a million dossiers), and a mark in `meta` skips the scan
//! afterwards.

use super::keys::{self, meta};
use super::{Store, StoreError, record};
use crate::calendar::Calendar;
use crate::domain::replay_dues;

/// Dossier records upgraded per transaction.
const RECORD_BATCH: usize = 200;

/// The `by_status_due` value layout this build writes (`meta/status_values`).
const STATUS_VALUES: u64 = 4;

impl Store {
    /// Rewrites `by_status_due` values from an older layout (see the module docs). Durable on
    /// return when anything was rewritten.
    pub(super) fn upgrade_status_values(&self) -> Result<(), StoreError> {
        let io = |e: sled::Error| self.io_error(e);
        let mark = STATUS_VALUES.to_be_bytes();
        let stored = self.trees.meta.get(meta::STATUS_VALUES).map_err(io)?;
        if stored.as_deref() == Some(&mark[..]) {
            return Ok(());
        }
        let mut batch = sled::Batch::default();
        for item in self.trees.by_status_due.iter() {
            let (key, value) = item.map_err(io)?;
            if keys::parse_status_due_value(&value).is_some() {
                continue;
            }
            let Some(id) = keys::id_suffix(&key) else {
                continue;
            };
            let id_key = keys::id_key(id);
            let Some(bytes) = self.trees.dossiers.get(id_key).map_err(io)? else {
                continue;
            };
            let d = record::decode_dossier(keys::DOSSIERS, &id_key, &bytes)?;
            batch.insert(key, keys::status_due_value(&d));
        }
        self.trees.by_status_due.apply_batch(batch).map_err(io)?;
        self.trees
            .meta
            .insert(meta::STATUS_VALUES, &mark)
            .map_err(io)?;
        self.make_durable()
    }

    /// Whether the store still holds records of layout 1 (`meta/layout` is 1).
    pub fn needs_record_upgrade(&self) -> Result<bool, StoreError> {
        let v = self
            .trees
            .meta
            .get(meta::LAYOUT)
            .map_err(|e| self.io_error(e))?;
        Ok(v.and_then(|v| <[u8; 8]>::try_from(v.as_ref()).ok())
            .map(u64::from_be_bytes)
            == Some(u64::from(super::write::LAYOUT_V1)))
    }

    /// Rewrites every dossier record of layout 1 in layout 2, once: the dues its events set are
    /// replayed with `calendar` (layout 1 kept only the last), and each upgraded dossier gets
    /// one chain link covering all its events in their new bytes (its layout-1 links stay, so
    /// the history written before is still checked). In batches, each one transaction made
    /// durable; `progress(done, total)` after each. An interrupted upgrade resumes at the next
    /// open (upgraded records are skipped). Then `meta/layout` says 2.
    pub(crate) fn upgrade_records(
        &self,
        calendar: &Calendar,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<u64, StoreError> {
        if !self.needs_record_upgrade()? {
            return Ok(0);
        }
        let io = |e: sled::Error| self.io_error(e);
        let total = self.trees.dossiers.len() as u64;
        let (mut done, mut upgraded, mut batch) = (0u64, 0u64, Vec::new());
        for item in self.trees.dossiers.iter() {
            let (key, value) = item.map_err(io)?;
            done += 1;
            if record::is_dossier_v1(&value) {
                let mut d = record::decode_dossier(keys::DOSSIERS, &key, &value)?;
                replay_dues(&mut d, calendar);
                batch.push(d);
            }
            if batch.len() == RECORD_BATCH {
                upgraded += self.write_upgraded(&std::mem::take(&mut batch))?;
                progress(done, total);
            }
        }
        upgraded += self.write_upgraded(&batch)?;
        progress(done, total);
        self.trees
            .meta
            .insert(meta::LAYOUT, &u64::from(super::write::LAYOUT).to_be_bytes())
            .map_err(io)?;
        self.make_durable()?;
        Ok(upgraded)
    }

    fn write_upgraded(&self, batch: &[crate::domain::Dossier]) -> Result<u64, StoreError> {
        if batch.is_empty() {
            return Ok(0);
        }
        self.transact(|tx| {
            for d in batch {
                tx.dossiers
                    .insert(&keys::id_key(d.id.0), record::encode_dossier(d))?;
                tx.append_link(d, 0, false)?;
            }
            Ok(())
        })?;
        self.make_durable()?;
        Ok(batch.len() as u64)
    }
}
