//! `motcua backup` and `motcua restore`, through the real binary: round trip to the same bytes,
//! a snapshot taken while another process holds the desk and writes, damaged files refused
//! whole, non-empty targets refused, the daily backup and its rotation.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use motcua::store::Store;
use motcua::store::snapshot::{daily_backup, daily_path};

use super::fixtures::{arg, data_dir, fill, motcua, sha_line, stderr, stdout};

#[test]
fn backup_then_restore_gives_the_same_ledger_and_files() {
    let src = data_dir(40);
    let out = tempfile::tempdir().expect("out dir");
    let file = out.path().join("a.backup");
    let o = motcua(&["--data-dir", arg(src.path()), "backup", "--out", arg(&file)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("Hồ sơ: 40"), "{}", stdout(&o));
    assert!(stdout(&o).contains("Sự kiện: 60"), "{}", stdout(&o));
    assert!(stdout(&o).contains("Đã kiểm chứng"), "{}", stdout(&o));

    let target = out.path().join("restored");
    let r = motcua(&["--data-dir", arg(&target), "restore", arg(&file)]);
    assert_eq!(r.status.code(), Some(0), "{}", stderr(&r));
    assert_eq!(sha_line(&r), sha_line(&o));
    assert_eq!(
        std::fs::read(target.join("calendar/2026.toml")).expect("notice restored"),
        b"# th\xc3\xb4ng b\xc3\xa1o ngh\xe1\xbb\x89\n"
    );
    // A backup of the restored directory has the very same bytes.
    let again = out.path().join("b.backup");
    let o2 = motcua(&["--data-dir", arg(&target), "backup", "--out", arg(&again)]);
    assert_eq!(o2.status.code(), Some(0), "{}", stderr(&o2));
    assert_eq!(sha_line(&o2), sha_line(&o));
    assert_eq!(std::fs::read(&file).ok(), std::fs::read(&again).ok());
}

#[test]
fn backup_while_another_process_holds_the_desk_and_writes() {
    let src = data_dir(20);
    let out = tempfile::tempdir().expect("out dir");
    let store = Arc::new(Store::open(src.path()).expect("the desk holds the store"));
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (store, stop) = (Arc::clone(&store), Arc::clone(&stop));
        std::thread::spawn(move || {
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) {
                n += fill(&store, 1).len();
            }
            n
        })
    };
    for i in 0..3 {
        let file = out.path().join(format!("live{i}.backup"));
        let o = motcua(&["--data-dir", arg(src.path()), "backup", "--out", arg(&file)]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert!(
            stdout(&o).contains("Bàn làm việc đang mở"),
            "{}",
            stdout(&o)
        );
        let target = out.path().join(format!("restored{i}"));
        let r = motcua(&["--data-dir", arg(&target), "restore", arg(&file)]);
        assert_eq!(r.status.code(), Some(0), "{}", stderr(&r));
        let restored = Store::open(&target).expect("restored store opens");
        let report = restored.verify().expect("verify runs");
        assert!(report.is_consistent(), "{:?}", report.problems);
        assert!(report.dossiers >= 20);
    }
    stop.store(true, Ordering::Relaxed);
    let written = writer.join().expect("writer thread");
    assert!(written > 0, "the desk wrote during the backups");
}

#[test]
fn a_damaged_backup_is_refused_whole_and_the_target_stays_empty() {
    let src = data_dir(5);
    let out = tempfile::tempdir().expect("out dir");
    let file = out.path().join("a.backup");
    let o = motcua(&["--data-dir", arg(src.path()), "backup", "--out", arg(&file)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let good = std::fs::read(&file).expect("backup");
    for (i, cut) in [(good.len() / 2, false), (good.len() / 3, true), (10, true)] {
        let mut bad = good.clone();
        if cut {
            bad.truncate(i);
        } else {
            bad[i] ^= 0x01;
        }
        let damaged = out.path().join(format!("bad{i}.backup"));
        std::fs::write(&damaged, &bad).expect("write damaged");
        let target = out.path().join(format!("t{i}"));
        let r = motcua(&["--data-dir", arg(&target), "restore", arg(&damaged)]);
        assert_eq!(r.status.code(), Some(2), "{}", stderr(&r));
        assert!(stderr(&r).contains("bị hỏng"), "{}", stderr(&r));
        assert!(stderr(&r).contains(arg(&damaged)), "{}", stderr(&r));
        assert!(!target.exists(), "nothing half restored");
    }
}

#[test]
fn restore_refuses_a_directory_that_is_not_empty() {
    let src = data_dir(2);
    let out = tempfile::tempdir().expect("out dir");
    let file = out.path().join("a.backup");
    let o = motcua(&["--data-dir", arg(src.path()), "backup", "--out", arg(&file)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let r = motcua(&["--data-dir", arg(src.path()), "restore", arg(&file)]);
    assert_eq!(r.status.code(), Some(1), "{}", stderr(&r));
    assert!(stderr(&r).contains("không trống"), "{}", stderr(&r));
}

#[test]
fn backup_into_the_data_directory_or_a_read_only_place_is_refused() {
    let src = data_dir(2);
    let inside = src.path().join("x.backup");
    let o = motcua(&[
        "--data-dir",
        arg(src.path()),
        "backup",
        "--out",
        arg(&inside),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let missing = src.path().join("khong-co/x.backup");
    let elsewhere = tempfile::tempdir().expect("dir");
    let o = motcua(&[
        "--data-dir",
        arg(elsewhere.path()),
        "backup",
        "--out",
        arg(&missing),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("không có kho dữ liệu"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn daily_backup_is_written_once_a_day_and_keeps_the_newest() {
    let src = data_dir(3);
    let store = Store::open(src.path()).expect("store");
    let day = |d: u32| chrono::NaiveDate::from_ymd_opt(2026, 3, d).expect("date");
    for d in 1..=5 {
        assert!(daily_backup(&store, day(d), 3).expect("daily").is_some());
        assert!(
            daily_backup(&store, day(d), 3).expect("daily").is_none(),
            "once a day"
        );
    }
    let kept: Vec<bool> = (1..=5)
        .map(|d| daily_path(src.path(), day(d)).exists())
        .collect();
    assert_eq!(kept, [false, false, true, true, true]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(daily_path(src.path(), day(5)))
            .expect("file")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}
