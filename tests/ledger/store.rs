//! Store behaviour that a state machine does not show well: codes per day, the chain catching a
//! forged record, locking, corruption, apology numbering.

use motcua::domain::{EventKind, Notification, Status};
use motcua::store::{Page, Store, StoreError, TimeIndex, keys, record};

use super::fixtures::{at, code_for, dossier, event, temp_store};
use motcua::store::testing::Forge;

#[test]
fn codes_run_per_day_and_survive_reopen() {
    let dir = tempfile::tempdir().expect("dir");
    let day1 = at("2026-03-02 09:00");
    let day2 = at("2026-03-03 09:00");
    {
        let s = Store::open(dir.path()).expect("open");
        let a = s
            .insert_new(&dossier("A", day1), &code_for(day1))
            .expect("a");
        let b = s
            .insert_new(&dossier("B", day1), &code_for(day1))
            .expect("b");
        assert_eq!(a.code.as_str(), "TEST-260302-0001");
        assert_eq!(b.code.as_str(), "TEST-260302-0002");
        assert_eq!((a.id.0, b.id.0), (1, 2));
    }
    let s = Store::open(dir.path()).expect("reopen");
    let c = s
        .insert_new(&dossier("C", day2), &code_for(day2))
        .expect("c");
    let d = s
        .insert_new(&dossier("D", day1), &code_for(day1))
        .expect("d");
    assert_eq!(c.code.as_str(), "TEST-260303-0001");
    assert_eq!(d.code.as_str(), "TEST-260302-0003");
    assert_eq!(d.id.0, 4);
    assert!(s.verify().expect("verify").is_consistent());
}

#[test]
fn forged_event_breaks_the_chain() {
    let (_dir, s) = temp_store();
    let t = at("2026-03-02 09:00");
    let d = s
        .insert_new(&dossier("Trần Thị Ánh", t), &code_for(t))
        .expect("insert");
    let mut forged = d.clone();
    forged.events[0].operator = "Kẻ giả mạo".to_owned();
    s.forge_raw(
        keys::DOSSIERS,
        &keys::id_key(d.id.0),
        &record::encode_dossier(&forged),
    )
    .expect("forge");
    let report = s.verify().expect("verify runs");
    assert!(!report.is_consistent());
    assert!(
        report.problems.iter().any(|p| p.contains("đã bị sửa")),
        "{:?}",
        report.problems
    );
}

#[test]
fn stray_index_entry_is_reported() {
    let (_dir, s) = temp_store();
    let t = at("2026-03-02 09:00");
    s.insert_new(&dossier("Lò Văn Páo", t), &code_for(t))
        .expect("insert");
    s.forge_raw(keys::NAMES, &keys::text_key("gia", 99), b"")
        .expect("forge");
    let report = s.verify().expect("verify runs");
    assert!(!report.is_consistent(), "{report:?}");
}

#[test]
fn history_cannot_be_rewritten() {
    let (_dir, s) = temp_store();
    let t = at("2026-03-02 09:00");
    let d = s
        .insert_new(&dossier("A", t), &code_for(t))
        .expect("insert");
    let mut edited = d.clone();
    edited.events[0].note = "sửa".to_owned();
    let err = s
        .update(&edited, d.events.len())
        .expect_err("rewrite refused");
    assert!(err.is_rejection());
    assert!(s.verify().expect("verify").is_consistent());
}

#[test]
fn apology_numbers_run_per_year() {
    let (_dir, s) = temp_store();
    let t = at("2026-03-02 09:00");
    let apology = |at_: &str| {
        event(
            at(at_),
            EventKind::ApologyIssued {
                number: 0,
                year: at(at_)
                    .date()
                    .format("%Y")
                    .to_string()
                    .parse()
                    .expect("year"),
                reason: "Chờ xác minh".to_owned(),
                new_due: at("2027-01-10 17:00"),
                signer: "Chủ tịch".to_owned(),
                notified: Notification::Phone,
            },
        )
    };
    let mut numbers = Vec::new();
    for when in ["2026-03-04 08:00", "2026-12-30 08:00", "2027-01-02 08:00"] {
        let mut d = s
            .insert_new(&dossier("A", t), &code_for(t))
            .expect("insert");
        d.events.push(apology(when));
        d.new_due_at = Some(at("2027-01-10 17:00"));
        let d = s.update(&d, 1).expect("update");
        match &d.events[1].kind {
            EventKind::ApologyIssued { number, .. } => numbers.push(*number),
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(numbers, vec![1, 2, 1]);
}

#[test]
fn second_process_is_refused_with_a_clear_message() {
    let (dir, _s) = temp_store();
    let err = Store::open(dir.path()).expect_err("locked");
    assert!(matches!(err, StoreError::Locked { .. }));
    assert!(err.to_string().contains("đang được dùng bởi"));
}

#[test]
fn damaged_store_is_a_clear_error_never_a_panic_nor_a_silent_loss() {
    let dir = tempfile::tempdir().expect("dir");
    {
        let s = Store::open(dir.path()).expect("open");
        let t = at("2026-03-02 09:00");
        for i in 0..20 {
            s.insert_new(
                &dossier(&format!("Người {}", ["An", "Bình"][i % 2]), t),
                &code_for(t),
            )
            .expect("insert");
        }
    }
    let db = dir.path().join("store/db");
    let len = std::fs::metadata(&db).expect("db").len();
    let offsets = [
        0u64,
        1,
        5,
        17,
        20,
        100,
        1000,
        4000,
        len / 3,
        len / 2,
        len - 40,
    ];
    for (i, offset) in offsets.into_iter().enumerate() {
        let copy = tempfile::tempdir().expect("copy");
        copy_dir(dir.path(), copy.path());
        let target = copy.path().join("store/db");
        let mut bytes = std::fs::read(&target).expect("read");
        bytes[offset as usize] ^= 0xA5;
        if i % 3 == 2 {
            bytes.truncate(offset as usize + 1);
        }
        std::fs::write(&target, bytes).expect("write");
        // Either every acknowledged dossier is there and consistent, or a clear error naming
        // the data directory; never a panic, never a shorter past.
        match Store::open(copy.path()) {
            Ok(s) => {
                assert_eq!(s.dossier_count().expect("count"), 20, "offset {offset}");
                let report = s.verify().expect("verify");
                assert!(
                    report.is_consistent(),
                    "offset {offset}: {:?}",
                    report.problems
                );
            }
            Err(e) => {
                let msg = e.to_string();
                assert!(msg.contains(&copy.path().display().to_string()), "{msg}");
                assert!(msg.contains("sao lưu"), "{msg}");
            }
        }
    }
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read dir") {
        let e = e.expect("entry");
        let target = to.join(e.file_name());
        if e.file_name() == "motcua.lock" {
            continue;
        }
        if e.file_type().expect("type").is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).expect("copy");
        }
    }
}

#[test]
fn final_dossiers_leave_the_status_index() {
    let (_dir, s) = temp_store();
    let t = at("2026-03-02 09:00");
    let mut d = s
        .insert_new(&dossier("A", t), &code_for(t))
        .expect("insert");
    d.status = Status::HandedBack;
    d.events.push(event(
        at("2026-03-03 09:00"),
        EventKind::HandedBack {
            to: "A".to_owned(),
            fee_vnd: 0,
            rating: String::new(),
        },
    ));
    s.update(&d, 1).expect("update");
    assert_eq!(
        s.count_status_due(Status::Received, None, None).expect("n"),
        0
    );
    assert_eq!(
        s.time_ids(TimeIndex::HandedBack, None, None, true, Page::ALL)
            .expect("ids"),
        vec![d.id.0]
    );
}

/// Regression (found by scripts/crash-test.sh): a process killed while sled writes a snapshot
/// leaves `snap.<lsn>.generating`; sled 0.34.7 then read that unfinished file at the next open
/// and refused the store as corrupt.
#[test]
fn unfinished_snapshot_from_a_killed_process_is_ignored() {
    let dir = tempfile::tempdir().expect("dir");
    let t = at("2026-03-02 09:00");
    {
        let s = Store::open(dir.path()).expect("open");
        s.insert_new(&dossier("A", t), &code_for(t))
            .expect("insert");
    }
    let unfinished = dir.path().join("store/snap.00000000FFFFFFFF.generating");
    std::fs::write(&unfinished, b"").expect("write");
    let s = Store::open(dir.path()).expect("opens despite the unfinished snapshot");
    assert_eq!(s.dossier_count().expect("count"), 1);
    assert!(!unfinished.exists());
}

#[test]
fn newest_pages_skip_import_gaps() {
    let (_dir, s) = temp_store();
    let t = at("2026-03-02 09:00");
    let batch: Vec<_> = [1u64, 5, 9, 10]
        .iter()
        .map(|&id| {
            let mut d = dossier("A", t);
            d.id = motcua::domain::DossierId(id);
            d.code = motcua::domain::DossierCode::parse(&format!("TEST-260302-{id:04}"))
                .expect("a well-formed code");
            d
        })
        .collect();
    s.import(&batch).expect("import");
    let page = |offset| Page { offset, limit: 2 };
    assert_eq!(s.newest_ids(page(0)).expect("p"), vec![10, 9]);
    assert_eq!(s.newest_ids(page(1)).expect("p"), vec![9, 5]);
    assert_eq!(s.newest_ids(page(3)).expect("p"), vec![1]);
    assert!(s.newest_ids(page(4)).expect("p").is_empty());
    let next = s
        .insert_new(&dossier("B", t), &code_for(t))
        .expect("insert");
    assert_eq!(next.id.0, 11);
    assert_eq!(next.code.as_str(), "TEST-260302-0011");
    assert!(s.verify().expect("verify").is_consistent());
}
