//! The attacks of issue 17, one regression test (or a few) per attack, named after it. Each
//! failed on the code the attacker had (see RELIABILITY.md, "Attacks, round two") and passes
//! now. They drive the real binary where the attacker did.

#[path = "attacks/anchor.rs"]
mod anchor;
#[path = "attacks/disk_and_lock.rs"]
mod disk_and_lock;
#[path = "attacks/files.rs"]
mod files;
#[path = "attacks/forged_input.rs"]
mod forged_input;
#[path = "attacks/forgery.rs"]
mod forgery;
#[path = "attacks/ids_and_clock.rs"]
mod ids_and_clock;
#[path = "attacks/output.rs"]
mod output;

use std::path::Path;
use std::process::{Command, Output};

use super::fixtures::{arg, stderr, stdout};

/// Runs the real binary on `data` at `now`.
pub fn run_at(data: &Path, now: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_motcua"))
        .args(["--data-dir", arg(data), "--now", now])
        .args(args)
        .output()
        .expect("run motcua")
}

/// Runs the real binary on `data` at 09:00 on 2 March 2026.
pub fn run(data: &Path, args: &[&str]) -> Output {
    run_at(data, "2026-03-02 09:00", args)
}

/// `receive`s a person for 2.000815 with `extra` arguments; returns the new code.
pub fn receive(data: &Path, name: &str, extra: &[&str]) -> String {
    let mut args = vec!["receive", "--procedure", "2.000815", "--name", name];
    args.extend_from_slice(extra);
    let o = run(data, &args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    stdout(&o).lines().next().expect("code").to_owned()
}

/// The JSONL export of `data`, one line per dossier.
pub fn export_lines(data: &Path) -> Vec<serde_json::Value> {
    let o = run(data, &["export"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("export line is JSON"))
        .collect()
}

/// Writes JSONL lines to `file` and imports them into `data`.
pub fn import(data: &Path, file: &Path, lines: &[serde_json::Value]) -> Output {
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    std::fs::write(file, text).expect("write import file");
    run(data, &["import", arg(file)])
}

/// Asserts `motcua verify` passes on `data`.
pub fn verified(data: &Path) {
    let o = run(data, &["verify"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
}
