//! Full and read-only disks, on a small tmpfs mounted for the test (needs root, as CI runs;
//! elsewhere the tests say so and pass without running). A failed write is reported (exit 2,
//! a message naming the data directory, never a panic) and the store stays consistent: every
//! acknowledged dossier is still there and `verify` passes once space or write access is back.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::fixtures::{arg, motcua, stderr, stdout};

/// A tmpfs of `size` mounted on a fresh folder; unmounted on drop.
pub struct SmallDisk {
    _dir: tempfile::TempDir,
    pub mount: PathBuf,
}

impl SmallDisk {
    pub fn mount(size: &str) -> Option<SmallDisk> {
        let dir = tempfile::tempdir().expect("dir");
        let mount = dir.path().join("disk");
        std::fs::create_dir(&mount).expect("mount point");
        let ok = Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={size}"),
                "tmpfs",
                arg(&mount),
            ])
            .output()
            .is_ok_and(|o| o.status.success());
        if !ok {
            eprintln!("SKIPPED: cannot mount a tmpfs here (needs root)");
            return None;
        }
        Some(SmallDisk { _dir: dir, mount })
    }

    pub fn remount(&self, how: &str) {
        let o = Command::new("mount")
            .args(["-o", &format!("remount,{how}"), arg(&self.mount)])
            .output()
            .expect("mount runs");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.mount).output();
    }
}

fn receive(data: &Path, name: &str) -> std::process::Output {
    motcua(&[
        "--data-dir",
        arg(data),
        "receive",
        "--procedure",
        "2.000815",
        "--name",
        name,
    ])
}

/// Receives three dossiers; returns their codes.
fn three(data: &Path) -> Vec<String> {
    ["An", "Bình", "Cúc"]
        .iter()
        .map(|n| {
            let o = receive(data, &format!("Nguyễn Văn {n}"));
            assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
            stdout(&o).lines().next().expect("code").to_owned()
        })
        .collect()
}

fn assert_intact(data: &Path, codes: &[String]) {
    for code in codes {
        let o = motcua(&["--data-dir", arg(data), "show", code]);
        assert_eq!(o.status.code(), Some(0), "{code}: {}", stderr(&o));
    }
    let o = motcua(&["--data-dir", arg(data), "verify"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
}

fn assert_reported(o: &std::process::Output, data: &Path) {
    let err = stderr(o);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains(arg(data)), "names the data directory: {err}");
}

#[test]
fn a_full_disk_refuses_the_write_and_keeps_the_store_consistent() {
    let Some(disk) = SmallDisk::mount("6m") else {
        return;
    };
    let data = disk.mount.join("data");
    let mut acked = three(&data);
    // Fill what is left.
    let filler = disk.mount.join("filler");
    let mut f = std::fs::File::create(&filler).expect("filler");
    let chunk = vec![0u8; 64 * 1024];
    while std::io::Write::write_all(&mut f, &chunk).is_ok() {}
    drop(f);
    let mut refused = 0;
    for i in 0..20 {
        let o = receive(&data, "Trần Thị Lụa");
        match o.status.code() {
            Some(0) => acked.push(stdout(&o).lines().next().expect("code").to_owned()),
            _ => {
                assert_reported(&o, &data);
                assert!(stderr(&o).contains("chỗ trống"), "says why: {}", stderr(&o));
                refused += 1;
                if refused == 3 {
                    break;
                }
            }
        }
        assert!(i < 19, "the disk never filled");
    }
    std::fs::remove_file(&filler).expect("free space");
    assert_intact(&data, &acked);
    let o = receive(&data, "Lê Văn Đức");
    assert_eq!(o.status.code(), Some(0), "works again: {}", stderr(&o));
}

#[test]
fn a_read_only_disk_is_reported_and_nothing_changes() {
    let Some(disk) = SmallDisk::mount("16m") else {
        return;
    };
    let data = disk.mount.join("data");
    let acked = three(&data);
    disk.remount("ro");
    let o = receive(&data, "Trần Thị Lụa");
    assert_reported(&o, &data);
    disk.remount("rw");
    assert_intact(&data, &acked);
    let list = motcua(&["--data-dir", arg(&data), "list"]);
    assert_eq!(stdout(&list).lines().count(), 3, "{}", stdout(&list));
}
