//! Upgrades: a data directory written by the build before record layout 2 (committed as
//! tests/fixtures/ledger/store_v1: three dossiers with a hand-over, a supplement and its
//! return, an apology letter and a hand-back) opens with today's code, is upgraded once (each
//! record rewritten as its timeline, the dues its events set replayed, one chain link over each
//! upgraded dossier), reads the same facts as before, verifies, and takes new steps. Its name
//! and time indexes (one entry per dossier then) are rebuilt as posting lists and day buckets.

use std::path::Path;

use motcua::calendar::{LocalTime, parse_local};
use motcua::desk::{Call, Desk, LocalDesk};
use motcua::domain::{Command, DossierCode, Status};
use motcua::store::testing::Forge;
use motcua::store::{Page, Store, TextIndex, TimeIndex};

fn t(s: &str) -> LocalTime {
    parse_local(s).expect("valid")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("fixture dir") {
        let e = e.expect("entry");
        let target = to.join(e.file_name());
        if e.file_type().expect("type").is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).expect("copy");
        }
    }
    // git keeps no empty folders; sled wants its blobs folder.
    std::fs::create_dir_all(to.join("store/blobs")).ok();
}

/// A copy of the layout-1 data directory.
fn v1_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("dir");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ledger/store_v1");
    copy_dir(&fixture, dir.path());
    dir
}

fn code(n: u32) -> DossierCode {
    DossierCode::parse(&format!("000.00.20.H30-260302-{n:04}")).expect("a code")
}

#[test]
fn a_store_of_layout_1_is_upgraded_once_at_open_reads_the_same_and_verifies() {
    let dir = v1_dir();
    {
        let store = Store::open(dir.path()).expect("the old store opens");
        assert!(store.needs_record_upgrade().expect("reads"));
    }
    let desk = LocalDesk::open(dir.path()).expect("the desk opens and upgrades");
    let report = desk.verify().expect("verifies");
    assert!(report.is_consistent(), "{:?}", report.problems);
    assert_eq!(report.dossiers, 3);
    drop(desk);
    {
        // The per-entry name and time indexes of that build are rebuilt as posting lists and
        // day buckets at open, and read the same.
        let store = Store::open(dir.path()).expect("reopens");
        let ids = |probe: &str| -> Vec<u64> {
            let found = store.prefix_ids(TextIndex::Names, probe, usize::MAX);
            found.expect("reads").into_iter().collect()
        };
        assert_eq!(ids("duc"), [1]);
        assert_eq!(ids("van"), [1, 3]);
        assert_eq!(ids("zz"), Vec::<u64>::new());
        let received = store.time_ids(TimeIndex::Received, None, None, false, Page::ALL);
        assert_eq!(received.expect("reads"), [1, 2, 3]);
        let handed = store.time_ids(TimeIndex::HandedBack, None, None, true, Page::ALL);
        assert_eq!(handed.expect("reads"), [3]);
    }
    let desk = LocalDesk::open(dir.path()).expect("reopens");

    // The facts the old build showed (`show --json` before the upgrade).
    let cases = [
        (1, Status::InProcessing, "2026-03-05 17:00", None, 4),
        (
            2,
            Status::InProcessing,
            "2026-03-05 17:00",
            Some("2026-03-12 17:00"),
            3,
        ),
        (3, Status::HandedBack, "2026-03-02 17:00", None, 4),
    ];
    for (n, status, due, new_due, events) in cases {
        let d = desk.get(&code(n)).expect("reads").expect("present");
        assert_eq!(d.status, status, "{n}");
        assert_eq!(d.due_at, t(due), "{n}");
        assert_eq!(d.new_due_at, new_due.map(t), "{n}");
        assert_eq!(d.events.len(), events, "{n}");
    }
    // The dues the old layout never kept are replayed: the first appointment (two working
    // days from Mon 02/03) and the restarted one after the supplement came back on Tue 03/03.
    let first = desk.get(&code(1)).expect("reads").expect("present");
    assert_eq!(first.events[0].due, Some(t("2026-03-04 17:00")));
    assert_eq!(first.events[3].due, Some(t("2026-03-05 17:00")));
    assert_eq!(first.applicant.name, "Nguyễn Văn Đức");

    // A new step on an upgraded dossier, then a restart: nothing is upgraded twice.
    let call = Call::new(t("2026-03-05 10:00"), "Lê Thị Hoa");
    desk.act(&code(1), None, Command::MarkResultReady, &call)
        .expect("a step on an upgraded dossier");
    drop(desk);
    {
        let store = Store::open(dir.path()).expect("reopens");
        assert!(!store.needs_record_upgrade().expect("reads"));
    }
    let desk = LocalDesk::open(dir.path()).expect("reopens");
    let report = desk.verify().expect("verifies");
    assert!(report.is_consistent(), "{:?}", report.problems);
    let d = desk.get(&code(1)).expect("reads").expect("present");
    assert_eq!(d.status, Status::ResultReady);
}

#[test]
fn a_forged_fact_of_an_upgraded_dossier_is_caught() {
    let dir = v1_dir();
    LocalDesk::open(dir.path()).expect("upgrades");
    let key = 1u64.to_be_bytes();
    {
        let store = Store::open(dir.path()).expect("opens");
        let bytes = store
            .read_raw("dossiers", &key)
            .expect("reads")
            .expect("record");
        let mut d = motcua::store::record::decode_dossier("dossiers", &key, &bytes).expect("v2");
        d.applicant.name = "Người Khác".to_owned();
        store
            .forge_raw("dossiers", &key, &motcua::store::record::encode_dossier(&d))
            .expect("forged");
    }
    let desk = LocalDesk::open(dir.path()).expect("opens");
    let report = desk.verify().expect("verifies");
    assert!(
        !report.is_consistent(),
        "a forged name must break the chain"
    );
}
