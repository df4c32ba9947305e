//! Upgrades: a store holding V1 dossier records (the committed golden fixture plus records
//! written by today's code) is migrated to a V2 envelope through `Store::migrate_tree`; every
//! V1 field survives, the migration is idempotent (a crash mid-way is repaired by running it
//! again), a failing upgrade writes nothing of its batch and names the key, and today's reader
//! refuses the V2 record with an error naming its key instead of misreading it.

use motcua::store::record::{self, DossierV1};
use motcua::store::{Store, StoreError};
use serde::{Deserialize, Serialize};

use super::fixtures::fill;

/// The envelope as a release with a V2 would declare it (V1 unchanged, first).
#[derive(Debug, PartialEq, Serialize, Deserialize)]
enum DossierEnvelopeNext {
    V1(DossierV1),
    V2(DossierV2),
}

/// V2: the V1 record plus the appointment agreed with the applicant (kept beside the legal due).
#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct DossierV2 {
    record: DossierV1,
    agreed_appointment: Option<i64>,
}

fn config() -> bincode::config::Configuration {
    bincode::config::standard()
}

fn decode_next(bytes: &[u8]) -> DossierEnvelopeNext {
    let (v, used) = bincode::serde::decode_from_slice(bytes, config()).expect("decodes");
    assert_eq!(used, bytes.len());
    v
}

fn upgrade_v1(_key: &[u8], bytes: &[u8]) -> Result<Option<Vec<u8>>, String> {
    let (env, _): (DossierEnvelopeNext, _) =
        bincode::serde::decode_from_slice(bytes, config()).map_err(|e| e.to_string())?;
    match env {
        DossierEnvelopeNext::V2(_) => Ok(None),
        DossierEnvelopeNext::V1(record) => {
            let agreed_appointment = record.new_due_at;
            let v2 = DossierEnvelopeNext::V2(DossierV2 {
                record,
                agreed_appointment,
            });
            bincode::serde::encode_to_vec(&v2, config())
                .map(Some)
                .map_err(|e| e.to_string())
        }
    }
}

const GOLDEN: &[u8] = include_bytes!("../fixtures/ledger/dossier_v1.bin");
const GOLDEN_KEY: [u8; 8] = 42u64.to_be_bytes();

/// A store with three dossiers written today plus the golden V1 record at id 42.
fn v1_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open(dir.path()).expect("store");
    fill(&store, 3);
    store
        .forge_raw("dossiers", &GOLDEN_KEY, GOLDEN)
        .expect("golden record");
    (dir, store)
}

#[test]
fn v1_records_are_read_and_migrated_to_v2() {
    let (_dir, store) = v1_store();
    let keys = store.raw_keys("dossiers").expect("keys");
    assert_eq!(keys.len(), 4);
    let before: Vec<Vec<u8>> = keys
        .iter()
        .map(|k| store.raw("dossiers", k).expect("read").expect("value"))
        .collect();
    for (k, v) in keys.iter().zip(&before) {
        record::decode_dossier("dossiers", k, v).expect("today's code reads V1");
    }

    let done = store
        .migrate_tree("dossiers", &upgrade_v1)
        .expect("migrates");
    assert_eq!((done.scanned, done.upgraded), (4, 4));
    let again = store.migrate_tree("dossiers", &upgrade_v1).expect("again");
    assert_eq!(again.upgraded, 0, "idempotent");

    for (k, old) in keys.iter().zip(&before) {
        let new = store.raw("dossiers", k).expect("read").expect("value");
        let DossierEnvelopeNext::V1(v1) = decode_next(old) else {
            panic!("old value was V1")
        };
        match decode_next(&new) {
            DossierEnvelopeNext::V2(v2) => {
                assert_eq!(v2.agreed_appointment, v1.new_due_at);
                assert_eq!(v2.record, v1, "every V1 field survives");
            }
            other => panic!("not upgraded: {other:?}"),
        }
        match record::decode_dossier("dossiers", k, &new) {
            Err(StoreError::UnknownVersion { tree, version, .. }) => {
                assert_eq!((tree.as_str(), version), ("dossiers", 2));
            }
            other => panic!("today's reader must refuse V2, got {other:?}"),
        }
    }
    let golden = store
        .raw("dossiers", &GOLDEN_KEY)
        .expect("read")
        .expect("golden");
    let DossierEnvelopeNext::V2(v2) = decode_next(&golden) else {
        panic!("golden not upgraded")
    };
    assert_eq!(v2.record.code, "000.00.20.H30-260302-0001");
    assert_eq!(v2.record.applicant.name, "Nguyễn Văn Đức");
    assert_eq!(v2.record.events.len(), 4);
    assert!(v2.agreed_appointment.is_some());
}

#[test]
fn a_failing_upgrade_names_the_key_and_writes_nothing() {
    let (_dir, store) = v1_store();
    let fail_on_golden = |k: &[u8], v: &[u8]| {
        if k == GOLDEN_KEY {
            Err("không chuyển được".to_owned())
        } else {
            upgrade_v1(k, v)
        }
    };
    let err = store
        .migrate_tree("dossiers", &fail_on_golden)
        .expect_err("stops");
    assert!(err.to_string().contains("dossiers/"), "{err}");
    for k in store.raw_keys("dossiers").expect("keys") {
        let v = store.raw("dossiers", &k).expect("read").expect("value");
        assert!(
            matches!(decode_next(&v), DossierEnvelopeNext::V1(_)),
            "nothing half migrated"
        );
    }
}
