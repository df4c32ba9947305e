//! Attack 1 (an imported id near `u64::MAX` made the next ids wrap and overwrite a dossier) and
//! attack 2 (one intake with the clock at 1970 or 1900 made `verify` fail for good, so every
//! backup was refused, or made later codes collide).

use motcua::store::{ClockWindow, MAX_DOSSIER_ID, Store};
use serde_json::json;

use super::super::fixtures::{arg, at, dossier, stderr, stdout};
use super::{export_lines, import, receive, run, run_at, verified};
use motcua::store::testing::Forge;

#[test]
fn attack_1_an_imported_huge_id_cannot_overwrite_a_dossier() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    let first = receive(&data, "Nguyễn Văn An", &[]);
    let second = receive(&data, "Trần Thị Bình", &[]);
    let mut line = export_lines(&data)[0].clone();
    for (id, seq) in [(u64::MAX - 1, "0901"), (u64::MAX, "0902")] {
        line["id"] = json!(id);
        line["code"] = json!(format!("000.00.20.H30-260302-{seq}"));
        let o = import(&data, &dir.path().join("evil.jsonl"), &[line.clone()]);
        assert_eq!(o.status.code(), Some(1), "id {id} was imported");
        assert!(stderr(&o).contains("Dòng 1") && stderr(&o).contains("ngoài khoảng"));
    }
    let third = receive(&data, "Lê Văn Cường", &[]);
    let fourth = receive(&data, "Phạm Thị Dung", &[]);
    for (code, name) in [
        (&first, "Nguyễn Văn An"),
        (&second, "Trần Thị Bình"),
        (&third, "Lê Văn Cường"),
        (&fourth, "Phạm Thị Dung"),
    ] {
        let o = run(&data, &["show", code]);
        assert!(stdout(&o).contains(name), "{code} no longer opens {name}");
    }
    verified(&data);
    let o = run(
        &data,
        &["backup", "--out", arg(&dir.path().join("b.backup"))],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn attack_1_import_keeps_its_ids_only_into_an_empty_ledger() {
    let dir = tempfile::tempdir().expect("dir");
    let (source, target) = (dir.path().join("a"), dir.path().join("b"));
    receive(&source, "Nguyễn Văn An", &[]);
    receive(&source, "Trần Thị Bình", &[]);
    let mut lines = export_lines(&source);
    lines[0]["id"] = json!(1_000_000);
    lines[1]["id"] = json!(MAX_DOSSIER_ID);
    // Into an empty ledger the ids are kept (a lossless round trip).
    let o = import(&target, &dir.path().join("x.jsonl"), &lines);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let ids: Vec<_> = export_lines(&target)
        .iter()
        .map(|l| l["id"].clone())
        .collect();
    assert_eq!(ids, [json!(1_000_000), json!(MAX_DOSSIER_ID)]);
    // The next intake cannot go past the range: refused, nothing written, nothing wrapped.
    let o = run(
        &target,
        &[
            "receive",
            "--procedure",
            "2.000815",
            "--name",
            "Lê Văn Cường",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    verified(&target);
    // Into a ledger that holds dossiers they are renumbered by the store.
    let third = dir.path().join("c");
    receive(&third, "Hoàng Văn Em", &[]);
    let mut again = export_lines(&source);
    for l in &mut again {
        l["code"] = json!(l["code"].as_str().expect("code").replace("-0001", "-0701"));
        l["code"] = json!(l["code"].as_str().expect("code").replace("-0002", "-0702"));
    }
    let o = import(&third, &dir.path().join("y.jsonl"), &again);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let ids: Vec<_> = export_lines(&third)
        .iter()
        .map(|l| l["id"].clone())
        .collect();
    assert_eq!(ids, [json!(1), json!(2), json!(3)]);
    verified(&third);
}

#[test]
fn attack_1_store_counters_never_wrap_at_the_edges() {
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open(dir.path()).expect("store");
    let t = at("2026-03-02 08:00");
    let code = |seq: u64| {
        motcua::domain::DossierCode::format("TEST", t.date(), u32::try_from(seq).expect("seq"))
    };
    let first = store.insert_new(&dossier("An", t), &code).expect("first");
    for next in [u64::MAX - 1, u64::MAX, MAX_DOSSIER_ID + 1] {
        store
            .forge_raw("meta", b"next_id", &next.to_be_bytes())
            .expect("forge the counter");
        let e = store
            .insert_new(&dossier("Bình", t), &code)
            .expect_err("refused");
        assert!(e.is_rejection(), "{e}");
        assert_eq!(store.get(first.id).expect("read"), Some(first.clone()));
    }
    // A counter left behind (at an id that holds a record) skips to a free id.
    store
        .forge_raw("meta", b"next_id", &1u64.to_be_bytes())
        .expect("forge the counter");
    let d = store
        .insert_new(&dossier("Cường", t), &code)
        .expect("skips");
    assert_eq!(d.id.0, 2);
    assert_eq!(store.get(first.id).expect("read"), Some(first));
    // A day's code sequence at its end is refused, not wrapped.
    store
        .forge_raw("meta", b"code_seq:20260302", &u64::MAX.to_be_bytes())
        .expect("forge the sequence");
    let e = store
        .insert_new(&dossier("Dung", t), &code)
        .expect_err("refused");
    assert!(e.is_rejection(), "{e}");
    let e = store
        .insert_new(&dossier("Dung", t), &code)
        .expect_err("refused again");
    assert!(e.is_rejection(), "{e}");
}

#[test]
fn attack_2_a_wrong_clock_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    receive(&data, "Nguyễn Văn An", &[]);
    for now in ["1970-01-01 08:00", "1900-01-01 08:00", "2100-01-04 08:00"] {
        let o = run_at(
            &data,
            now,
            &[
                "receive",
                "--procedure",
                "2.000815",
                "--name",
                "Trần Thị Bình",
            ],
        );
        assert_eq!(o.status.code(), Some(2), "{now}: {}", stdout(&o));
        assert!(
            stderr(&o).contains("Đồng hồ của máy tính có vẻ sai"),
            "{}",
            stderr(&o)
        );
    }
    assert_eq!(export_lines(&data).len(), 1, "nothing was written");
    let o = run_at(
        &data,
        "2000-01-03 08:00",
        &[
            "receive",
            "--procedure",
            "2.000815",
            "--name",
            "Lê Văn Cường",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    verified(&data);
    let o = run(
        &data,
        &["backup", "--out", arg(&dir.path().join("b.backup"))],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn attack_2_a_ledger_holding_a_1968_dossier_still_verifies_and_backs_up() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    {
        // Written as the old build did, before the clock window.
        std::fs::create_dir(&data).expect("data dir");
        let mut store = Store::open(&data).expect("store");
        // "680603" read back with a two-digit year is 2068: the old `verify` failed for good.
        store.set_clock_window(ClockWindow::new(1968, 2067).expect("window"));
        let t = at("1968-06-03 08:00");
        let code = |seq: u64| {
            motcua::domain::DossierCode::format("TEST", t.date(), u32::try_from(seq).expect("s"))
        };
        store
            .insert_new(&dossier("Nguyễn Văn An", t), &code)
            .expect("1968");
    }
    verified(&data);
    let o = run(
        &data,
        &["backup", "--out", arg(&dir.path().join("b.backup"))],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn attack_2_codes_of_different_centuries_cannot_collide() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = Store::open(dir.path()).expect("store");
    store.set_clock_window(ClockWindow::new(1900, 1999).expect("window"));
    let code = |t: motcua::calendar::LocalTime| {
        move |seq: u64| {
            motcua::domain::DossierCode::format("TEST", t.date(), u32::try_from(seq).expect("s"))
        }
    };
    let old = at("1900-01-01 08:00");
    store
        .insert_new(&dossier("An", old), &code(old))
        .expect("1900");
    store.set_clock_window(ClockWindow::default());
    let new = at("2000-01-01 08:00");
    let d = store
        .insert_new(&dossier("Bình", new), &code(new))
        .expect("2000");
    assert_eq!(
        d.code.as_str(),
        "TEST-000101-0002",
        "the taken code is skipped"
    );
    assert!(store.verify().expect("verify").is_consistent());
    assert!(
        ClockWindow::new(2000, 2100).is_none(),
        "101 years would repeat a two-digit year"
    );
}
