//! Builders for reliability tests: stores with dossiers, the real binary, byte surgery.

use std::path::Path;
use std::process::{Command, Output};

use motcua::domain::{Event, EventKind, Status};
use motcua::store::Store;
use motcua::store::testing::Forge;

pub use crate::support::{at, code_for, dossier, event};

/// Receives `n` dossiers and transfers every other one (two events); returns their codes.
pub fn fill(store: &Store, n: usize) -> Vec<String> {
    let t = at("2026-03-02 08:00");
    (0..n)
        .map(|i| {
            let when = t + chrono::Duration::minutes(i as i64);
            let d = store
                .insert_new(
                    &dossier(&format!("Nguyễn Văn Đức {i}"), when),
                    &code_for(when),
                )
                .expect("insert");
            if i % 2 == 0 {
                let mut after = d.clone();
                after.status = Status::InProcessing;
                after.events.push(Event {
                    at: when + chrono::Duration::minutes(1),
                    operator: "Lê Thị Hoa".to_owned(),
                    note: String::new(),
                    kind: EventKind::Transferred {
                        from: "Bộ phận Một cửa".to_owned(),
                        to: "Tư pháp - Hộ tịch".to_owned(),
                    },
                    due: None,
                });
                store.update(&after, d.events.len()).expect("update");
            }
            d.code.as_str().to_owned()
        })
        .collect()
}

/// A data directory with a store of `n` dossiers and two settings files.
pub fn data_dir(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("config.toml"), "# cấu hình thử\n").expect("config");
    std::fs::create_dir(dir.path().join("calendar")).expect("calendar dir");
    std::fs::write(dir.path().join("calendar/2026.toml"), "# thông báo nghỉ\n").expect("notice");
    let store = Store::open(dir.path()).expect("store opens");
    fill(&store, n);
    dir
}

/// Runs the real binary with `args` and a fixed clock.
pub fn motcua(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_motcua"))
        .args(["--now", "2026-03-02 09:00"])
        .args(args)
        .output()
        .expect("run motcua")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The "SHA-256: …" line of a backup or restore summary.
pub fn sha_line(o: &Output) -> String {
    stdout(o)
        .lines()
        .find(|l| l.starts_with("SHA-256"))
        .unwrap_or_else(|| panic!("no checksum in {}", stdout(o)))
        .to_owned()
}

pub fn arg(p: &Path) -> &str {
    p.to_str().expect("utf-8 temp path")
}
