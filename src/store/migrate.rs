//! Upgrading records in place when a new envelope version (`V2`, …) is released: walks one tree,
//! hands every value to an upgrade function, and writes the values it changed back in batches,
//! each batch one atomic sled batch made durable before the next. Must not depend on `desk`,
//! `tui` or `cli`.
//!
//! # Contract for an upgrade function
//! `upgrade(key, bytes)` returns `Ok(None)` for a value already at the new version (so a
//! migration interrupted by a crash is simply run again: finished batches are skipped),
//! `Ok(Some(new_bytes))` to replace it, `Err(reason)` to stop: nothing of the failing batch is
//! written, and the error names the tree and the key. It must not touch other trees: a record's
//! secondary index entries do not depend on its envelope version, and the event chain hashes the
//! events' own envelopes, not the dossier record, so both stay valid.
//!
//! How a release uses it: add `V2(RecordV2)` to the envelope in `record` (V1 stays readable
//! forever), write `upgrade_v1` (decode V1, build V2, encode), and run [`Store::migrate_tree`]
//! at open when the `layout` meta key is older; tests/reliability/upgrade.rs exercises the whole
//! path on the committed V1 golden fixture.

use super::{Store, StoreError, keys};

/// Values upgraded per atomic batch.
pub const MIGRATION_BATCH: usize = 500;

/// What a migration did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Migrated {
    /// Values read.
    pub scanned: u64,
    /// Values rewritten.
    pub upgraded: u64,
}

/// An upgrade function: see the module docs.
pub type Upgrade<'a> = &'a dyn Fn(&[u8], &[u8]) -> Result<Option<Vec<u8>>, String>;

impl Store {
    /// Runs `upgrade` over every value of `tree` (see the module docs). Durable on return.
    pub fn migrate_tree(&self, tree: &str, upgrade: Upgrade<'_>) -> Result<Migrated, StoreError> {
        let t = self.db.open_tree(tree).map_err(|e| self.io_error(e))?;
        let mut done = Migrated::default();
        let mut batch = sled::Batch::default();
        let mut pending = 0;
        for item in t.iter() {
            let (k, v) = item.map_err(|e| self.io_error(e))?;
            done.scanned += 1;
            match upgrade(&k, &v) {
                Ok(None) => {}
                Ok(Some(new)) => {
                    batch.insert(k, new);
                    pending += 1;
                }
                Err(reason) => return Err(StoreError::decode(tree, &k, &reason)),
            }
            if pending == MIGRATION_BATCH {
                t.apply_batch(std::mem::take(&mut batch))
                    .map_err(|e| self.io_error(e))?;
                self.make_durable()?;
                done.upgraded += pending as u64;
                pending = 0;
            }
        }
        if pending > 0 {
            t.apply_batch(batch).map_err(|e| self.io_error(e))?;
            self.make_durable()?;
            done.upgraded += pending as u64;
        }
        Ok(done)
    }

    /// The raw value of `key` in `tree` (for migrations and their tests).
    pub fn raw(&self, tree: &str, key: &[u8]) -> Result<Option<Vec<u8>>, StoreError> {
        let t = self.db.open_tree(tree).map_err(|e| self.io_error(e))?;
        let v = t.get(key).map_err(|e| self.io_error(e))?;
        Ok(v.map(|v| v.to_vec()))
    }

    /// The keys of `tree`, in order (for migrations and their tests).
    pub fn raw_keys(&self, tree: &str) -> Result<Vec<Vec<u8>>, StoreError> {
        let t = self.db.open_tree(tree).map_err(|e| self.io_error(e))?;
        t.iter()
            .keys()
            .map(|k| k.map(|k| k.to_vec()).map_err(|e| self.io_error(e)))
            .collect()
    }
}

/// The tree names a dossier migration touches (only the records themselves).
pub const DOSSIER_TREE: &str = keys::DOSSIERS;
