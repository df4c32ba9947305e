//! The checker itself, on small made-up crates: it must see what it is for (an upward import, a
//! sideways one, `super::` over the root, an inline path, a cycle, a stale allowance, an impure
//! core) and not be fooled by comments and strings.

use super::check;

fn krate(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (path, text) in files {
        let path = dir.path().join("src").join(path);
        std::fs::create_dir_all(path.parent().expect("has a parent")).expect("mkdir");
        std::fs::write(path, text).expect("write source");
    }
    dir
}

const LIB: &str = "pub mod domain;\npub mod report;\npub mod store;\npub mod text;\npub mod tui;\n";

fn base() -> Vec<(&'static str, &'static str)> {
    vec![
        ("lib.rs", LIB),
        ("domain/mod.rs", "pub mod model;\npub use model::*;\n"),
        (
            "domain/model.rs",
            "use crate::text::fold;\npub struct Dossier;\n",
        ),
        (
            "report/mod.rs",
            "use crate::domain::Dossier;\npub fn tally() {}\n",
        ),
        ("store/mod.rs", "use crate::domain::{self, Dossier};\n"),
        ("text.rs", "pub fn fold() {}\n"),
        ("tui/mod.rs", "pub mod app;\n"),
        (
            "tui/app.rs",
            "use crate::domain::Dossier;\npub struct App;\n",
        ),
    ]
}

fn failures(changes: &[(&'static str, &'static str)], allowed: &[(&str, &str, &str)]) -> String {
    failures_within(changes, allowed, &[])
}

fn failures_within(
    changes: &[(&'static str, &'static str)],
    allowed: &[(&str, &str, &str)],
    cycles_within: &[(&str, &str)],
) -> String {
    let mut files = base();
    for change in changes {
        files.retain(|(p, _)| *p != change.0);
        files.push(*change);
    }
    let dir = krate(&files);
    check(dir.path(), allowed, cycles_within).join("\n")
}

#[test]
fn a_clean_crate_passes() {
    assert_eq!(failures(&[], &[]), "");
}

#[test]
fn an_upward_import_fails_with_file_and_line_and_its_cycle() {
    let model = "use crate::text::fold;\nuse crate::tui::app::App;\npub struct Dossier;\n";
    let out = failures(&[("domain/model.rs", model)], &[]);
    assert!(
        out.contains(
            "src/domain/model.rs:2: `crate::tui::app::App`: `domain` may not import `tui`"
        ),
        "{out}"
    );
    assert!(out.contains("import cycle"), "{out}");
    assert!(
        out.contains("src/tui/app.rs:1: `crate::domain::Dossier` → src/domain/model.rs"),
        "{out}"
    );
}

#[test]
fn sideways_super_and_inline_paths_fail() {
    let store = "use crate::domain::Dossier;\nfn f() {\n    crate::report::tally();\n}\n";
    let text = "use super::domain::Dossier;\npub fn fold() {}\n";
    let out = failures(&[("store/mod.rs", store), ("text.rs", text)], &[]);
    assert!(out.contains("src/store/mod.rs:3: `crate::report::tally`: `store` may not import `report` (they sit side by side)"), "{out}");
    assert!(
        out.contains("src/text.rs:1: `super::domain::Dossier`: `text` may not import `domain`"),
        "{out}"
    );
}

#[test]
fn comments_and_strings_are_not_imports() {
    let text = "// use crate::tui::App;\n/* crate::tui::x */ pub fn fold() -> &'static str {\n    \"use crate::tui::app::App; std::fs\"\n}\nconst R: &str = r#\"crate::tui::x\"#;\n";
    let model = "pub struct Dossier;\nconst S: &str = \"std::fs::read\";\nconst C: char = '\"';\n";
    assert_eq!(
        failures(&[("text.rs", text), ("domain/model.rs", model)], &[]),
        ""
    );
}

#[test]
fn an_allowed_violation_passes_until_it_is_gone() {
    let store = "use crate::report::tally;\n";
    let allowed = [("src/store/mod.rs", "report", "someone")];
    assert_eq!(failures(&[("store/mod.rs", store)], &allowed), "");
    let out = failures(&[], &allowed);
    assert!(
        out.contains("ALLOWED: (src/store/mod.rs imports report, someone) no longer occurs"),
        "{out}"
    );
}

#[test]
fn files_of_one_module_in_a_circle_fail_unless_exempt() {
    let domain = "pub mod model;\npub mod error;\npub use model::*;\n";
    let error = "use crate::domain::model::Status;\npub struct DomainError;\n";
    let model = "pub struct Dossier;\npub struct Status;\nfn f() -> super::error::DomainError { todo!() }\n";
    let changes = [
        ("domain/mod.rs", domain),
        ("domain/error.rs", error),
        ("domain/model.rs", model),
    ];
    let out = failures(&changes, &[]);
    assert!(
        out.contains("import cycle between files of `domain` (2 files tangled)"),
        "{out}"
    );
    assert!(
        out.contains("src/domain/error.rs:1: `crate::domain::model::Status` → src/domain/model.rs"),
        "{out}"
    );
    assert!(
        out.contains("src/domain/model.rs:3: `super::error::DomainError` → src/domain/error.rs"),
        "{out}"
    );
    assert_eq!(failures_within(&changes, &[], &[("domain", "why")]), "");
    let out = failures_within(&[], &[], &[("domain", "why")]);
    assert!(
        out.contains("CYCLES_WITHIN: (domain, why) no longer occurs"),
        "{out}"
    );
}

#[test]
fn the_pure_core_touches_no_files_or_clock() {
    let model = "pub struct Dossier;\nfn now() { let _ = chrono::Local::now(); }\nuse std::fs;\n";
    let out = failures(&[("domain/model.rs", model)], &[]);
    assert!(
        out.contains("src/domain/model.rs:2: the pure core names `Local::now`"),
        "{out}"
    );
    assert!(
        out.contains("src/domain/model.rs:3: the pure core names `std::fs`"),
        "{out}"
    );
}

#[test]
fn an_unknown_top_level_module_must_be_placed() {
    let out = failures(
        &[
            ("lib.rs", "pub mod widgets;\n"),
            ("widgets.rs", "pub fn w() {}\n"),
        ],
        &[],
    );
    assert!(
        out.contains("src/widgets.rs: the top-level module `widgets` is not in the layer table"),
        "{out}"
    );
}
