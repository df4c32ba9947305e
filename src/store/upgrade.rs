//! Brings index values written by an older build up to this build's layout at open, so the
//! board and the end-of-day summary never decode records: `by_status_due` values of an older
//! layout (see `keys::status_due_value`) are rewritten from their records. Only open dossiers have such entries, so this reads at most the open
//! dossiers once (about a second at a million dossiers), and a mark in `meta` skips the scan
//! afterwards.

use super::keys::{self, meta};
use super::{Store, StoreError, record};

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
}
