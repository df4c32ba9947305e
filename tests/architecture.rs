//! The pure core (`domain`, `calendar`) must not reach the terminal, the store, the file system
//! or the clock. This reads their sources and fails on a forbidden import, so the layering in
//! STYLE.md cannot erode silently.

use std::path::Path;

const FORBIDDEN: [&str; 9] = [
    "ratatui",
    "crossterm",
    "sled",
    "std::fs",
    "std::time::SystemTime",
    "Utc::now",
    "Local::now",
    "crate::store",
    "crate::tui",
];

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("source dir readable") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn pure_core_has_no_io_or_terminal() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for module in ["domain", "calendar"] {
        rust_files(&root.join(module), &mut files);
    }
    assert!(!files.is_empty());
    let mut offences = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("source readable");
        for (n, line) in text.lines().enumerate() {
            for word in FORBIDDEN {
                if line.contains(word) && !line.trim_start().starts_with("//") {
                    offences.push(format!("{}:{}: {}", file.display(), n + 1, word));
                }
            }
        }
    }
    assert!(
        offences.is_empty(),
        "the pure core reaches outside:\n{}",
        offences.join("\n")
    );
}
