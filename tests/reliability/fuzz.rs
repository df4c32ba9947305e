//! The fuzz harness of issue 17 item 11, run briefly by `cargo test`: a committed corpus of
//! hostile inputs (tests/fixtures/fuzz/: the attackers' import lines, notice files, settings
//! and catalogue CSVs) replayed through every parser that takes outside input, and a proptest
//! that damages a real backup's structure *with its checksum recomputed* (so the length-checked
//! reader, the restore and the desk's open are exercised, not only the checksum). The
//! arbitrary-bytes proptests of the same parsers are in `inputs.rs`. A new hostile input found
//! later belongs in the corpus, named after what it does.

use std::path::{Path, PathBuf};

use motcua::calendar::parse_notice;
use motcua::desk::LocalDesk;
use motcua::domain::parse_catalogue_csv;
use motcua::settings::Settings;
use motcua::store::restore;
use proptest::prelude::*;
use sha2::{Digest, Sha256};

use super::fixtures::{arg, motcua, stderr, stdout};

/// The corpus files of one parser, sorted.
fn corpus(kind: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz")
        .join(kind);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("the corpus is committed")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    assert!(files.len() >= 4, "a corpus for {kind}");
    files
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).expect("read");
            (p, bytes)
        })
        .collect()
}

#[test]
fn the_committed_corpus_is_refused_cleanly_by_every_parser() {
    for (path, bytes) in corpus("import") {
        let dir = tempfile::tempdir().expect("dir");
        let mut desk = LocalDesk::open(dir.path()).expect("desk");
        let text = String::from_utf8_lossy(&bytes);
        match desk.import_jsonl(&text, false, &mut |_, _| {}) {
            Ok(outcome) => assert_eq!(outcome.imported, 0, "{}", path.display()),
            Err(e) => {
                assert_eq!(e.exit_code(), 1, "{}: {e}", path.display());
                assert!(e.to_string().contains("Dòng 1"), "{}: {e}", path.display());
            }
        }
        let report = desk.verify().expect("verify");
        assert!(
            report.is_consistent() && report.dossiers == 0,
            "{}",
            path.display()
        );
    }
    for (path, bytes) in corpus("notice") {
        let text = String::from_utf8_lossy(&bytes);
        let name = path.file_name().and_then(|n| n.to_str()).expect("name");
        if let Err(e) = parse_notice(name, &text) {
            assert!(!e.reason.is_empty(), "{}", path.display());
        }
    }
    for (path, bytes) in corpus("config") {
        let text = String::from_utf8_lossy(&bytes);
        match Settings::parse(&text, Path::new("config.toml")) {
            // Accepted settings hold no control character (the escape case must be refused).
            Ok(s) => assert!(
                !format!("{s:?}").contains('\u{1b}'),
                "{}: an escape accepted",
                path.display()
            ),
            Err(e) => assert!(!e.to_string().is_empty(), "{}", path.display()),
        }
    }
    for (path, bytes) in corpus("catalogue") {
        let text = String::from_utf8_lossy(&bytes);
        match parse_catalogue_csv(&text) {
            Ok(procedures) => assert!(
                procedures
                    .iter()
                    .all(|p| !p.name.starts_with('=') && !p.name.contains('\u{1b}')),
                "{}: a formula or an escape accepted",
                path.display()
            ),
            Err(errors) => assert!(
                errors.iter().all(|e| e.line >= 1 && !e.reason.is_empty()),
                "{}",
                path.display()
            ),
        }
    }
}

/// Cases of a fuzz proptest (resealed backups, backup framing, card lines): 24, or
/// `MOTCUA_FUZZ_CASES` for a longer hunt.
pub(super) fn fuzz_cases() -> u32 {
    cases_or(24)
}

/// `MOTCUA_FUZZ_CASES` when set, else `default` (the parsers' proptests keep their own
/// bounded default and hunt longer with the same variable).
pub(super) fn cases_or(default: u32) -> u32 {
    std::env::var("MOTCUA_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A backup of a small ledger, made once (with a fixed clock, so the same bytes every run and
/// a saved failing case replays): its bytes.
pub(super) fn backup_bytes() -> &'static [u8] {
    static BYTES: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    BYTES.get_or_init(|| {
        let dir = tempfile::tempdir().expect("dir");
        let data = dir.path().join("data");
        for name in ["Nguyễn Văn An", "Trần Thị Bình"] {
            let o = motcua(&[
                "--data-dir",
                arg(&data),
                "receive",
                "--procedure",
                "2.000815",
                "--name",
                name,
            ]);
            assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        }
        let file = dir.path().join("b.bak");
        let o = motcua(&["--data-dir", arg(&data), "backup", "--out", arg(&file)]);
        assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
        std::fs::read(&file).expect("the backup")
    })
}

#[derive(Debug, Clone)]
enum Damage {
    Flip {
        at: usize,
        bit: u8,
    },
    Cut(usize),
    Insert {
        at: usize,
        junk: Vec<u8>,
    },
    /// A length field made huge: the u32 or u64 at `at` set to all ones.
    Huge(usize),
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        (any::<usize>(), 0u8..8).prop_map(|(at, bit)| Damage::Flip { at, bit }),
        any::<usize>().prop_map(Damage::Cut),
        (
            any::<usize>(),
            proptest::collection::vec(any::<u8>(), 1..12)
        )
            .prop_map(|(at, junk)| Damage::Insert { at, junk }),
        any::<usize>().prop_map(Damage::Huge),
    ]
}

/// The backup's body (without its checksum) damaged, then sealed again with a fresh SHA-256.
fn resealed(body: &[u8], how: &Damage) -> Vec<u8> {
    let mut b = body.to_vec();
    let n = b.len();
    match how {
        Damage::Flip { at, bit } => b[at % n] ^= 1 << bit,
        Damage::Cut(at) => b.truncate(at % n),
        Damage::Insert { at, junk } => {
            let i = at % n;
            b.splice(i..i, junk.iter().copied());
        }
        Damage::Huge(at) => {
            let i = at % n.saturating_sub(8).max(1);
            b[i..i + 4].fill(0xFF);
        }
    }
    let sum: [u8; 32] = Sha256::digest(&b).into();
    b.extend_from_slice(&sum);
    b
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(fuzz_cases()))]

    /// A backup whose structure is damaged and whose checksum was recomputed is refused whole
    /// (the target left absent) or restores a ledger that opens and verifies (the damage hit a
    /// byte nothing depends on, such as a comment of config.toml, or derived data the desk
    /// rebuilds: the tallies); the reader never panics or allocates what a length field
    /// claims. Few cases in `cargo test` (about a second); `MOTCUA_FUZZ_CASES=2000` hunts.
    /// Found and fixed with it: a damaged catalogue record, a damaged tree name (the tallies
    /// restored as an unknown tree, so the reports of the restored desk counted nothing), a
    /// damaged `meta/layout` (the desk refused to open the restored ledger).
    #[test]
    fn a_resealed_damaged_backup_is_refused_whole_or_restores_consistent(how in damage()) {
        let bytes = backup_bytes();
        let forged = resealed(&bytes[..bytes.len() - 32], &how);
        let dir = tempfile::tempdir().expect("dir");
        let file = dir.path().join("x.bak");
        std::fs::write(&file, forged).expect("write");
        let target = dir.path().join("restored");
        match restore::restore(&file, &target) {
            // The ledger verified inside the restore; the data directory's own files (settings,
            // notices) are carried as bytes, and a damaged one is named when the desk opens.
            Ok(_) => match LocalDesk::open(&target) {
                Ok(desk) => {
                    let report = motcua::desk::Desk::verify(&desk).expect("verify");
                    prop_assert!(report.is_consistent(), "{:?}", report.problems);
                }
                Err(e) => {
                    let msg = e.to_string();
                    prop_assert!(
                        msg.contains("config.toml") || msg.contains("calendar"),
                        "the restored store verified but does not open: {}",
                        msg
                    );
                }
            },
            Err(e) => {
                prop_assert!(!e.to_string().is_empty());
                prop_assert!(!target.exists(), "a refused restore left {}", target.display());
            }
        }
    }
}
