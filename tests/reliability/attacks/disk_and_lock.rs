//! Attack 10's disk and lock points: on a full or read-only disk even `list`, `show`, `verify`
//! and `backup` to another disk failed, so the ledger could not be read or copied off; the lock
//! message told the clerk to close the motcua window when the holder was a short command, and a
//! lock held for milliseconds was not waited for; corruption messages said "backtrace ()".

use std::io::{Seek, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use super::super::disk::SmallDisk;
use super::super::fixtures::{arg, stderr, stdout};
use super::{receive, run, verified};

/// Every reading command works on `data` and says the ledger is read-only; a write is refused
/// with the reason; a backup to `elsewhere` works and restores.
fn readable_but_not_writable(data: &Path, codes: &[String], elsewhere: &Path, why: &str) {
    for args in [
        vec!["list"],
        vec!["show", &codes[0]],
        vec!["search", "nguyen"],
        vec!["verify"],
        vec!["report", "day", "2026-03-02"],
    ] {
        let o = run(data, &args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("chỉ đọc") && stderr(&o).contains(why),
            "{}",
            stderr(&o)
        );
    }
    let o = run(data, &["list"]);
    assert_eq!(stdout(&o).lines().count(), codes.len());
    let o = run(
        data,
        &[
            "receive",
            "--procedure",
            "2.000815",
            "--name",
            "Trần Thị Lụa",
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(stderr(&o).contains("không ghi được gì") && stderr(&o).contains(why));
    let backup = elsewhere.join("b.backup");
    let o = run(data, &["backup", "--out", arg(&backup)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let restored = elsewhere.join("restored");
    let o = run(&restored, &["restore", arg(&backup)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    verified(&restored);
}

#[test]
fn attack_10_a_read_only_disk_can_still_be_read_and_copied_off() {
    let Some(disk) = SmallDisk::mount("16m") else {
        return;
    };
    let data = disk.mount.join("data");
    let codes: Vec<String> = ["Nguyễn Văn An", "Nguyễn Thị Bình"]
        .iter()
        .map(|n| receive(&data, n, &[]))
        .collect();
    disk.remount("ro");
    let elsewhere = tempfile::tempdir().expect("another disk");
    readable_but_not_writable(&data, &codes, elsewhere.path(), "ổ đĩa chỉ cho đọc");
    disk.remount("rw");
    verified(&data);
}

#[test]
fn attack_10_a_full_disk_can_still_be_read_and_copied_off() {
    let Some(disk) = SmallDisk::mount("8m") else {
        return;
    };
    let data = disk.mount.join("data");
    let codes: Vec<String> = ["Nguyễn Văn An", "Nguyễn Thị Bình"]
        .iter()
        .map(|n| receive(&data, n, &[]))
        .collect();
    let filler = disk.mount.join("filler");
    let mut f = std::fs::File::create(&filler).expect("filler");
    let chunk = vec![0u8; 64 * 1024];
    while f.write_all(&chunk).is_ok() {}
    while f.write_all(&[0]).is_ok() {}
    drop(f);
    let elsewhere = tempfile::tempdir().expect("another disk");
    // A full disk shows once sled needs a new block; until then the ledger opens as usual.
    let o = run(&data, &["list"]);
    if stderr(&o).contains("chỉ đọc") {
        readable_but_not_writable(&data, &codes, elsewhere.path(), "ổ đĩa đã đầy");
    } else {
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    std::fs::remove_file(&filler).expect("free space");
    verified(&data);
}

/// Holds `<data>/motcua.lock` as a process running `command` would, for `held`.
fn hold_lock(data: &Path, command: &str, held: Duration) -> std::thread::JoinHandle<()> {
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(data.join("motcua.lock"))
        .expect("lock file");
    file.lock().expect("take the lock");
    file.set_len(0).expect("truncate");
    file.rewind().expect("rewind");
    writeln!(file, "4242 {command}").expect("name the holder");
    std::thread::spawn(move || {
        std::thread::sleep(held);
        drop(file);
    })
}

#[test]
fn attack_10_a_short_lock_is_waited_for_and_the_holder_is_named() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    receive(&data, "Nguyễn Văn An", &[]);
    let holder = hold_lock(&data, "receive", Duration::from_millis(400));
    let o = run(
        &data,
        &[
            "receive",
            "--procedure",
            "2.000815",
            "--name",
            "Trần Thị Bình",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "not waited for: {}", stderr(&o));
    holder.join().expect("holder");
    let holder = hold_lock(&data, "export", Duration::from_secs(4));
    let start = Instant::now();
    let o = run(&data, &["list"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        start.elapsed() >= Duration::from_secs(2),
        "gave up before 2 s"
    );
    assert!(
        stderr(&o).contains("«motcua export» (tiến trình 4242)"),
        "{}",
        stderr(&o)
    );
    holder.join().expect("holder");
    let holder = hold_lock(&data, "", Duration::from_secs(1));
    let start = Instant::now();
    let o = run(&data, &["list"]);
    assert!(
        start.elapsed() < Duration::from_secs(1),
        "waited for the desk"
    );
    assert!(stderr(&o).contains("bàn làm việc motcua đang mở (tiến trình 4242)"));
    holder.join().expect("holder");
}

/// Flips bits of a ledger written by the real binary, as the attacker's was: sled reads the
/// damaged pages and says "Read corrupted data at file offset … backtrace ()". (A ledger
/// written in-process and closed cleanly does not show it: its flips are found by the seal as
/// lost events, a message of motcua's own, so such a ledger cannot pin this.) Only bytes that
/// hold something are flipped, so every flip is refused.
#[test]
fn attack_10_corruption_messages_hold_no_backtrace() {
    let pristine = tempfile::tempdir().expect("dir");
    let data = pristine.path().join("data");
    for name in [
        "Nguyễn Văn An",
        "Trần Thị Bình",
        "Lê Văn Cường",
        "Phạm Thị Dung",
    ] {
        receive(&data, name, &[]);
    }
    let db = std::fs::read(data.join("store/db")).expect("db bytes");
    let used: Vec<usize> = (0..db.len()).filter(|&i| db[i] != 0).collect();
    let work = tempfile::tempdir().expect("work");
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut said_by_sled = 0;
    for i in 0..16 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let dir = work.path().join(format!("flip{i}"));
        let copied = std::process::Command::new("cp")
            .args(["-a", arg(&data), arg(&dir)])
            .status()
            .expect("cp");
        assert!(copied.success());
        let mut bytes = db.clone();
        let at = used[(seed as usize) % used.len()];
        bytes[at] ^= 1 << (seed % 8);
        std::fs::write(dir.join("store/db"), &bytes).expect("write");
        let o = run(&dir, &["list"]);
        assert_eq!(o.status.code(), Some(2), "byte {at}: {}", stdout(&o));
        let err = stderr(&o);
        assert!(
            !err.contains("backtrace") && !err.contains("None") && !err.contains("Some("),
            "byte {at}: {err}"
        );
        assert!(err.contains("bị hỏng"), "byte {at}: {err}");
        said_by_sled += usize::from(err.contains("dữ liệu đọc được bị hỏng"));
    }
    assert!(
        said_by_sled > 0,
        "no flip reached sled's own corruption message"
    );
}

#[test]
fn attack_10_calendars_outside_the_lunar_tables_are_refused_not_silently_wrong() {
    let dir = tempfile::tempdir().expect("dir");
    for year in ["2101", "262142", "1899"] {
        let o = run(dir.path(), &["calendar", "days", year]);
        assert_eq!(o.status.code(), Some(1), "{year}: {}", stdout(&o));
        assert!(stderr(&o).contains("1900–2100"), "{}", stderr(&o));
    }
    let o = run(dir.path(), &["calendar", "days", "2100"]);
    assert!(stdout(&o).contains("Tết Nguyên đán"), "{}", stdout(&o));
    let _ = arg;
}
