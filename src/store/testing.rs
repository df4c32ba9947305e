//! Test support: what integration tests need of a store and no user path may call. Forging a
//! raw value is how the tests prove that `verify` notices an edit made behind the program's
//! back; `insert_new` records a dossier built by hand without going through the desk. Hidden
//! from the documentation, and nothing in `src/` outside this file uses it.

use super::{Store, StoreError};
use crate::domain::{Dossier, DossierCode};

/// What tests do to a store beyond its ordinary use. `use motcua::store::testing::Forge;`.
pub trait Forge {
    /// Records a new dossier as the desk would, without an idempotency key (see
    /// `Store::insert_keyed`).
    fn insert_new(
        &self,
        draft: &Dossier,
        code_for: &dyn Fn(u64) -> DossierCode,
    ) -> Result<Dossier, StoreError>;
    /// Reads one raw value of `tree` (tests check index layouts with it).
    fn read_raw(&self, tree: &str, key: &[u8]) -> Result<Option<Vec<u8>>, StoreError>;
    /// Overwrites one raw value, bypassing records, indexes and the chain, durably.
    fn forge_raw(&self, tree: &str, key: &[u8], value: &[u8]) -> Result<(), StoreError>;
}

impl Forge for Store {
    fn insert_new(
        &self,
        draft: &Dossier,
        code_for: &dyn Fn(u64) -> DossierCode,
    ) -> Result<Dossier, StoreError> {
        self.insert_keyed(draft, code_for, None)
    }

    fn read_raw(&self, tree: &str, key: &[u8]) -> Result<Option<Vec<u8>>, StoreError> {
        let t = self.db.open_tree(tree).map_err(|e| self.io_error(e))?;
        let v = t.get(key).map_err(|e| self.io_error(e))?;
        Ok(v.map(|v| v.to_vec()))
    }

    fn forge_raw(&self, tree: &str, key: &[u8], value: &[u8]) -> Result<(), StoreError> {
        self.writable()?;
        let t = self.db.open_tree(tree).map_err(|e| self.io_error(e))?;
        t.insert(key, value).map_err(|e| self.io_error(e))?;
        self.make_durable()
    }
}
