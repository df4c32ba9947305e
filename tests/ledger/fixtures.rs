//! Builders for ledger tests: temporary stores; the dossier draft, instants and codes are the
//! shared ones of `support`.

use motcua::store::Store;

pub use crate::support::{at, code_for, dossier, event};

pub fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path()).expect("store opens");
    (dir, store)
}
