//! Damaged store files: flipped bytes and truncations of `store/db` (and `conf`) give a clear
//! error naming the data directory and saying to restore a backup, exit code 2, never a panic;
//! an edited event is caught by `verify` through the hash chain.

use std::path::Path;

use motcua::store::Store;

use super::fixtures::{arg, data_dir, motcua, stderr, stdout};
use motcua::store::testing::Forge;

/// What a run of `motcua backup` on a damaged directory did.
#[derive(Debug, Default)]
struct Tally {
    refused: u32,
    intact: u32,
    /// Opened and verified, but with fewer dossiers than before (sled dropped a log tail).
    shorter: u32,
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read dir") {
        let e = e.expect("entry");
        let dest = to.join(e.file_name());
        if e.file_type().expect("type").is_dir() {
            copy_dir(&e.path(), &dest);
        } else if e.file_name() != "motcua.lock" {
            std::fs::copy(e.path(), dest).expect("copy");
        }
    }
}

/// Runs `backup` (open + verify + dump + proof) on a damaged copy and checks the contract.
fn check(damaged: &Path, out: &Path, tally: &mut Tally, what: &str) {
    let o = motcua(&["--data-dir", arg(damaged), "backup", "--out", arg(out)]);
    let err = stderr(&o);
    assert!(!err.contains("panicked"), "{what}: panic: {err}");
    match o.status.code() {
        Some(0) if stdout(&o).contains("Hồ sơ: 30\n") => tally.intact += 1,
        Some(0) => {
            eprintln!("{what}: {}", stdout(&o).lines().nth(1).unwrap_or_default());
            tally.shorter += 1
        }
        Some(2) => {
            assert!(
                err.contains(arg(damaged)),
                "{what}: names the directory: {err}"
            );
            assert!(
                err.contains("bản sao lưu") || err.contains("motcua verify"),
                "{what}: says what to do: {err}"
            );
            tally.refused += 1;
        }
        other => panic!("{what}: exit {other:?}: {err}"),
    }
}

#[test]
fn flipped_or_truncated_store_files_are_refused_without_a_panic() {
    let pristine = data_dir(30);
    let work = tempfile::tempdir().expect("work dir");
    let db = std::fs::read(pristine.path().join("store/db")).expect("db bytes");
    let mut tally = Tally::default();
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    for i in 0..24 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let dir = work.path().join(format!("flip{i}"));
        copy_dir(pristine.path(), &dir);
        let mut bytes = db.clone();
        let at = (seed as usize) % bytes.len();
        bytes[at] ^= 1 << (seed % 8);
        std::fs::write(dir.join("store/db"), &bytes).expect("write");
        check(
            &dir,
            &work.path().join("o.backup"),
            &mut tally,
            &format!("flip at {at}"),
        );
    }
    for (i, len) in [0, 1, 100, db.len() / 4, db.len() / 2, db.len() - 1]
        .iter()
        .enumerate()
    {
        let dir = work.path().join(format!("cut{i}"));
        copy_dir(pristine.path(), &dir);
        std::fs::write(dir.join("store/db"), &db[..*len]).expect("write");
        check(
            &dir,
            &work.path().join("o.backup"),
            &mut tally,
            &format!("cut to {len}"),
        );
    }
    let dir = work.path().join("conf");
    copy_dir(pristine.path(), &dir);
    std::fs::write(dir.join("store/conf"), b"\xff\xfe garbage").expect("write");
    check(&dir, &work.path().join("o.backup"), &mut tally, "conf");
    eprintln!("corruption tally: {tally:?}");
    assert_eq!(
        tally.shorter, 0,
        "a damaged log must never open silently shortened"
    );
    assert!(tally.refused > 0);
}

#[test]
fn an_edited_event_breaks_the_chain_and_verify_says_so() {
    let dir = data_dir(5);
    let store = Store::open(dir.path()).expect("store");
    let before = store.verify().expect("verify");
    assert!(before.is_consistent(), "{:?}", before.problems);
    let mut victim = None;
    store
        .for_each_dossier(|d| {
            victim.get_or_insert(d);
            Ok(())
        })
        .expect("read");
    let mut d = victim.expect("a dossier");
    d.events[0].note = "sửa lén".to_owned();
    let bytes = motcua::store::record::encode_dossier(&d);
    store
        .forge_raw("dossiers", &d.id.0.to_be_bytes(), &bytes)
        .expect("forge");
    let after = store.verify().expect("verify");
    assert!(!after.is_consistent());
    assert!(
        after.problems.iter().any(|p| p.contains("bị sửa")),
        "names the dossier: {:?}",
        after.problems
    );
    drop(store);
    let out = tempfile::tempdir().expect("out");
    let o = motcua(&[
        "--data-dir",
        arg(dir.path()),
        "backup",
        "--out",
        arg(&out.path().join("x")),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("không nhất quán"), "{}", stderr(&o));
    assert!(
        !out.path().join("x").exists(),
        "no backup of a forged ledger"
    );
}
