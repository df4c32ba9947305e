//! The fuzz harness of issue 17 item 11, run briefly by `cargo test`: a committed corpus of
//! hostile inputs (tests/fixtures/fuzz/: the attackers' import lines, notice files, settings
//! and catalogue CSVs) replayed through every parser that takes outside input. The
//! arbitrary-bytes proptests of the same parsers are in `inputs.rs`. A new hostile input found
//! later belongs in the corpus, named after what it does.

use std::path::{Path, PathBuf};

use motcua::calendar::parse_notice;
use motcua::desk::LocalDesk;
use motcua::domain::parse_catalogue_csv;
use motcua::settings::Settings;

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
