//! Bad input everywhere, as proptests over arbitrary bytes and mutated lines: the JSONL import,
//! the catalogue CSV, the settings file and the calendar notice files never panic; a bad import
//! line is reported with its number and nothing is half imported; field limits (a 10 000-
//! character name, control characters, right-to-left marks) are refused with a clear message.

use motcua::calendar::parse_notice;
use motcua::desk::{Desk, LocalDesk};
use motcua::domain::parse_catalogue_csv;
use motcua::settings::Settings;
use proptest::prelude::*;

use super::fixtures::{arg, motcua, stderr, stdout};

/// A JSONL export of four dossiers (two with a transfer), made once.
fn export() -> &'static str {
    static TEXT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TEXT.get_or_init(|| {
        let dir = tempfile::tempdir().expect("dir");
        for (i, name) in [
            "Nguyễn Văn An",
            "Trần Thị Bình",
            "Lê Văn Cường",
            "Phạm Thị Dung",
        ]
        .iter()
        .enumerate()
        {
            let o = motcua(&[
                "--data-dir",
                arg(dir.path()),
                "receive",
                "--procedure",
                "2.000815",
                "--name",
                name,
            ]);
            assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
            if i % 2 == 0 {
                let code = stdout(&o).lines().next().expect("code").to_owned();
                let t = motcua(&[
                    "--data-dir",
                    arg(dir.path()),
                    "transfer",
                    &code,
                    "--to",
                    "Địa chính",
                ]);
                assert_eq!(t.status.code(), Some(0), "{}", stderr(&t));
            }
        }
        let o = motcua(&["--data-dir", arg(dir.path()), "export"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        stdout(&o)
    })
}

/// How one line of the export is damaged.
#[derive(Clone, Debug)]
enum Damage {
    Flip { at: usize, bit: u8 },
    Cut(usize),
    Insert { at: usize, junk: String },
    Replace(String),
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        (any::<usize>(), 0u8..8).prop_map(|(at, bit)| Damage::Flip { at, bit }),
        any::<usize>().prop_map(Damage::Cut),
        (any::<usize>(), "[\\PC\"{}\\[\\]:,\u{202e}\u{0}]{1,8}")
            .prop_map(|(at, junk)| Damage::Insert { at, junk }),
        "[\\PC]{0,40}".prop_map(Damage::Replace),
    ]
}

fn apply(line: &str, d: &Damage) -> String {
    let mut bytes = line.as_bytes().to_vec();
    match d {
        Damage::Flip { at, bit } => {
            let i = at % bytes.len();
            bytes[i] ^= 1 << bit;
        }
        Damage::Cut(at) => bytes.truncate(at % bytes.len()),
        Damage::Insert { at, junk } => {
            let i = at % bytes.len();
            bytes.splice(i..i, junk.bytes());
        }
        Damage::Replace(s) => bytes = s.as_bytes().to_vec(),
    }
    String::from_utf8_lossy(&bytes).replace('\n', " ")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(super::fuzz::cases_or(40)))]

    #[test]
    fn a_damaged_import_line_is_named_and_nothing_is_half_imported(
        which in 0usize..4,
        how in damage(),
    ) {
        let lines: Vec<String> = export().lines().map(str::to_owned).collect();
        let mut text: Vec<String> = lines.clone();
        text[which] = apply(&lines[which], &how);
        // A line damaged into a blank one is skipped, as every blank line is.
        let expected = if text[which].trim().is_empty() { 3 } else { 4 };
        let text = text.join("\n") + "\n";
        let dir = tempfile::tempdir().expect("dir");
        let mut desk = LocalDesk::open(dir.path()).expect("desk");
        match desk.import_jsonl(&text, false, &mut |_, _| {}) {
            Ok(outcome) => {
                // The damage left a valid dossier: everything is imported, whole.
                prop_assert_eq!(outcome.imported, expected);
                let report = desk.verify().expect("verify");
                prop_assert!(report.is_consistent(), "{:?}", report.problems);
            }
            Err(e) => {
                let msg = e.to_string();
                prop_assert!(msg.contains(&format!("Dòng {}:", which + 1)), "{}", msg);
                prop_assert_eq!(e.exit_code(), 1);
                let all = desk.list(motcua::desk::ListFilter::All, motcua::calendar::parse_local("2026-03-03 08:00").expect("t"), motcua::desk::Page::first(100)).expect("list");
                prop_assert!(all.is_empty(), "half imported: {}", all.len());
            }
        }
    }

    #[test]
    fn import_never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let dir = tempfile::tempdir().expect("dir");
        let mut desk = LocalDesk::open(dir.path()).expect("desk");
        let text = String::from_utf8_lossy(&bytes);
        let _ = desk.import_jsonl(&text, false, &mut |_, _| {});
    }

    #[test]
    fn catalogue_settings_and_notices_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes);
        if let Err(errors) = parse_catalogue_csv(&text) {
            prop_assert!(errors.iter().all(|e| e.line >= 1 && !e.reason.is_empty()));
        }
        let _ = Settings::parse(&text, std::path::Path::new("config.toml"));
        if let Err(e) = parse_notice("2027.toml", &text) {
            prop_assert!(!e.reason.is_empty());
            prop_assert!(e.line <= text.lines().count().max(1));
        }
    }
}

#[test]
fn field_limits_are_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().expect("dir");
    let long = "Nguyễn ".repeat(1_430) + "An";
    assert!(long.chars().count() > 10_000);
    let cases = [
        (long.as_str(), "Họ và tên"),
        ("Nguyễn\u{7}Văn An", "Họ và tên"),
        ("Nguyễn Văn\nAn", "Họ và tên"),
        ("\u{202e}nA năV nễyugN", "Họ và tên"),
        ("Nguyễn\u{200f} Văn An", "Họ và tên"),
    ];
    for (name, field) in cases {
        let o = motcua(&[
            "--data-dir",
            arg(dir.path()),
            "receive",
            "--procedure",
            "2.000815",
            "--name",
            name,
        ]);
        assert_eq!(o.status.code(), Some(1), "{name:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(field), "{name:?}: {}", stderr(&o));
        assert!(
            stderr(&o).lines().count() <= 3,
            "short message: {}",
            stderr(&o)
        );
    }
    let list = motcua(&["--data-dir", arg(dir.path()), "list"]);
    assert_eq!(stdout(&list).trim(), "", "nothing was received");
}
