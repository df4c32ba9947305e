//! The fuzz harness of issue 17 item 11 for the backup file's framing: its header (magic,
//! format), its section tags, tree names and data-directory file paths with their lengths,
//! and its trailer, each damaged where it is and the checksum recomputed (as an attacker with
//! the format in hand would: `fuzz.rs` damages random bytes, which seldom land on these few).
//! Whatever the damage, `restore` never panics, writes nothing outside its target (a file
//! path such as `../x` or `/x` must not escape), never restores a file over the store's own
//! (the store, its lock and seal, the daily backups, the temporary folder come from the trees
//! or from nobody), and either refuses the whole file with a Vietnamese reason, leaving no
//! target, or restores a ledger that opens and verifies.

use std::path::{Path, PathBuf};

use motcua::desk::LocalDesk;
use motcua::store::restore;
use proptest::prelude::*;
use sha2::{Digest, Sha256};

use super::fuzz::{backup_bytes, fuzz_cases};

/// The data directory's names a backup never carries as files (the store, its lock and seal,
/// the daily backups, the temporary folder: `store::backup::SKIPPED`), this test's own list.
const SKIPPED: [&str; 5] = ["store", "motcua.lock", "store.seal", "backups", ".tmp"];

/// Where the framing of a backup body is (offsets into the body, checksum excluded).
#[derive(Debug, Default)]
struct Layout {
    /// The tag byte of every section, in order.
    tags: Vec<usize>,
    /// Each tree section's name: (offset of its u16 length, name length).
    trees: Vec<(usize, usize)>,
    /// Each file section's path: (offset of its u16 length, path length).
    files: Vec<(usize, usize)>,
    /// The trailer's tag.
    end: usize,
}

fn be(bytes: &[u8], at: usize, n: usize) -> usize {
    bytes[at..at + n]
        .iter()
        .fold(0usize, |v, b| (v << 8) | usize::from(*b))
}

/// Reads the framing of an undamaged body (`store::backup`'s format).
fn layout(body: &[u8]) -> Layout {
    let mut l = Layout::default();
    let mut at = b"MOTCUA-BACKUP\n".len() + 4;
    loop {
        match body[at] {
            0x01 => {
                l.tags.push(at);
                let n = be(body, at + 1, 2);
                l.trees.push((at + 1, n));
                at += 3 + n;
                while body[at] == 0x01 {
                    at += 1;
                    at += 4 + be(body, at, 4);
                    at += 4 + be(body, at, 4);
                }
                assert_eq!(body[at], 0x00, "a tree ends");
                at += 1;
            }
            0x02 => {
                l.tags.push(at);
                let n = be(body, at + 1, 2);
                l.files.push((at + 1, n));
                at += 3 + n;
                at += 8 + be(body, at, 8);
            }
            0xFF => {
                l.end = at;
                return l;
            }
            t => panic!("tag {t:#x} at {at}"),
        }
    }
}

/// One damage of the framing.
#[derive(Clone, Debug)]
enum Damage {
    Magic {
        at: usize,
        byte: u8,
    },
    Format(u32),
    Tag {
        section: usize,
        tag: u8,
    },
    TreeName {
        tree: usize,
        name: Vec<u8>,
    },
    /// A data-directory file's path; `{root}` stands for the folder the test works in.
    FilePath {
        file: usize,
        path: String,
    },
    FileLength {
        file: usize,
        len: u64,
    },
    Counts {
        dossiers: u64,
        events: u64,
    },
    Trailing(Vec<u8>),
}

fn hostile_path() -> impl Strategy<Value = String> {
    let mut paths: Vec<String> = [
        "../evil",
        "../../evil",
        "{root}/evil",
        "calendar/../../evil",
        "a//b",
        "",
        ".",
        "config.toml/x",
        "C:\\evil",
        "evil\u{0}x",
        "\u{1b}[2J.toml",
        "calendar/2026.toml",
        "config.toml",
        "store/db",
        "store/conf",
        "store.seal",
        "motcua.lock",
        "backups/motcua-2026-03-02.backup",
        ".tmp/proof-1-0/store/db",
    ]
    .map(str::to_owned)
    .to_vec();
    paths.push("x".repeat(300));
    paths.extend(SKIPPED.iter().map(|s| (*s).to_owned()));
    prop_oneof![prop::sample::select(paths), "[a-z./]{0,12}"]
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        (0usize..14, any::<u8>()).prop_map(|(at, byte)| Damage::Magic { at, byte }),
        any::<u32>().prop_map(Damage::Format),
        (any::<usize>(), any::<u8>()).prop_map(|(section, tag)| Damage::Tag { section, tag }),
        (
            any::<usize>(),
            prop_oneof![
                Just(b"uallies".to_vec()),
                Just(Vec::new()),
                Just(b"__sled__default".to_vec()),
                proptest::collection::vec(any::<u8>(), 0..20)
            ]
        )
            .prop_map(|(tree, name)| Damage::TreeName { tree, name }),
        (any::<usize>(), hostile_path()).prop_map(|(file, path)| Damage::FilePath { file, path }),
        (
            any::<usize>(),
            prop_oneof![Just(u64::MAX), Just(1u64 << 40), 0u64..64]
        )
            .prop_map(|(file, len)| Damage::FileLength { file, len }),
        (0u64..8, 0u64..8).prop_map(|(dossiers, events)| Damage::Counts { dossiers, events }),
        proptest::collection::vec(any::<u8>(), 1..8).prop_map(Damage::Trailing),
    ]
}

/// `body` with `how` applied (lengths recomputed where a name or path changes).
fn damaged(body: &[u8], how: &Damage, root: &Path) -> Vec<u8> {
    let l = layout(body);
    let mut b = body.to_vec();
    let replace = |b: &mut Vec<u8>, (at, n): (usize, usize), new: &[u8]| {
        let len = u16::try_from(new.len()).expect("a short name");
        b.splice(
            at..at + 2 + n,
            len.to_be_bytes().into_iter().chain(new.iter().copied()),
        );
    };
    match how {
        Damage::Magic { at, byte } => b[*at] = *byte,
        Damage::Format(f) => b[14..18].copy_from_slice(&f.to_be_bytes()),
        Damage::Tag { section, tag } => b[l.tags[section % l.tags.len()]] = *tag,
        Damage::TreeName { tree, name } => replace(&mut b, l.trees[tree % l.trees.len()], name),
        Damage::FilePath { file, path } => {
            let path = path.replace("{root}", &root.display().to_string());
            replace(&mut b, l.files[file % l.files.len()], path.as_bytes());
        }
        Damage::FileLength { file, len } => {
            let (at, n) = l.files[file % l.files.len()];
            b[at + 2 + n..at + 10 + n].copy_from_slice(&len.to_be_bytes());
        }
        Damage::Counts { dossiers, events } => {
            b[l.end + 1..l.end + 9].copy_from_slice(&dossiers.to_be_bytes());
            b[l.end + 9..l.end + 17].copy_from_slice(&events.to_be_bytes());
        }
        Damage::Trailing(junk) => b.extend_from_slice(junk),
    }
    let sum: [u8; 32] = Sha256::digest(&b).into();
    b.extend_from_slice(&sum);
    b
}

/// What restoring `file` into `<dir>/a/b/restored` did, checked: nothing outside the target;
/// refused whole with a Vietnamese reason and no target, or restored a ledger that opens and
/// verifies. `Err` names what went wrong; `Ok(true)` when it restored.
fn restored_soundly(file: &Path, dir: &Path) -> Result<bool, String> {
    let target = dir.join("a/b/restored");
    let result = restore::restore(file, &target);
    let outside: Vec<_> = tree(dir)
        .into_iter()
        .filter(|p| !p.starts_with("a/b/restored") && p != Path::new("a/b/x.bak"))
        .filter(|p| !matches!(p.to_str(), Some("a" | "a/b")))
        .collect();
    if !outside.is_empty() {
        return Err(format!("written outside the target: {outside:?}"));
    }
    match result {
        Ok(_) => match LocalDesk::open(&target) {
            Ok(desk) => {
                let report = motcua::desk::Desk::verify(&desk).map_err(|e| e.to_string())?;
                if report.is_consistent() {
                    Ok(true)
                } else {
                    Err(format!("restored inconsistent: {:?}", report.problems))
                }
            }
            Err(e)
                if e.to_string().contains("config.toml") || e.to_string().contains("calendar") =>
            {
                Ok(true)
            }
            Err(e) => Err(format!(
                "the restored store verified but does not open: {e}"
            )),
        },
        Err(e) => {
            let msg = e.to_string();
            if !(msg.contains("sao lưu") || msg.contains("khôi phục")) {
                return Err(format!("not a clear refusal: {msg}"));
            }
            if target.exists() {
                return Err(format!("a refused restore left {}", target.display()));
            }
            Ok(false)
        }
    }
}

#[test]
fn the_committed_backup_corpus_is_refused_whole_or_restored_consistent() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz/backup");
    let mut files: Vec<_> = std::fs::read_dir(&corpus)
        .expect("the corpus is committed")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    assert!(files.len() >= 10, "a corpus for the backup file");
    for path in files {
        let dir = tempfile::tempdir().expect("dir");
        let file = dir.path().join("a/b/x.bak");
        std::fs::create_dir_all(file.parent().expect("parent")).expect("work");
        std::fs::copy(&path, &file).expect("copy");
        let restored = restored_soundly(&file, dir.path())
            .unwrap_or_else(|why| panic!("{}: {why}", path.display()));
        // Only the empty ledger (no tree, counts 0) is a sound backup of the corpus.
        let name = path.file_name().and_then(|n| n.to_str()).expect("name");
        assert_eq!(restored, name == "empty_ledger.bak", "{name}");
    }
}

/// Every path under `dir`, relative to it.
fn tree(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).expect("list") {
            let p = e.expect("entry").path();
            out.push(p.strip_prefix(dir).expect("inside").to_path_buf());
            if p.is_dir() && !p.is_symlink() {
                todo.push(p);
            }
        }
    }
    out.sort();
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(fuzz_cases()))]

    /// A backup whose framing is damaged, resealed, is refused whole or restores consistent,
    /// and nothing is written outside the target or over the store's own files.
    #[test]
    fn a_backup_with_damaged_framing_is_refused_whole_or_restores_consistent(how in damage()) {
        let bytes = backup_bytes();
        let dir = tempfile::tempdir().expect("dir");
        let work = dir.path().join("a/b");
        std::fs::create_dir_all(&work).expect("work");
        let file = work.join("x.bak");
        std::fs::write(&file, damaged(&bytes[..bytes.len() - 32], &how, dir.path()))
            .expect("write");
        let restored = restored_soundly(&file, dir.path()).map_err(TestCaseError::fail)?;
        if let Damage::FilePath { path, .. } = &how
            && SKIPPED.contains(&path.split('/').next().unwrap_or(""))
        {
            prop_assert!(!restored, "a file restored over the store's own: {}", path);
        }
    }
}
