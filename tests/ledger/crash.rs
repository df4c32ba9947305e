//! SIGKILL in the middle of a stream of `motcua receive` calls: every code a process printed
//! (the acknowledgement) survives, no code is issued twice, and `verify` passes afterwards.
//! A handful of kills here keeps CI short (`MOTCUA_CRASH_KILLS` raises it);
//! `scripts/crash-test.sh` runs 50.

use std::collections::HashSet;
use std::process::{Command, Stdio};
use std::time::Duration;

use super::cli::motcua;

const NOW: &str = "2026-03-02 09:00";
const GIVEN: [&str; 8] = ["An", "Bình", "Cường", "Dũng", "Hà", "Lan", "Minh", "Ngân"];

fn receive_cmd(data: &std::path::Path, name: &str) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_motcua"));
    c.arg("--data-dir").arg(data).args([
        "--now",
        NOW,
        "receive",
        "--procedure",
        "2.000815",
        "--name",
        name,
    ]);
    c
}

/// A small deterministic generator (xorshift), so a failing run can be replayed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

fn first_line(bytes: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(bytes);
    let line = text.lines().next()?.trim().to_owned();
    (!line.is_empty()).then_some(line)
}

#[test]
fn sigkill_during_intakes_loses_no_printed_code() {
    let kills: u64 = std::env::var("MOTCUA_CRASH_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(6);
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut printed = Vec::new();
    for k in 0..kills {
        let out = receive_cmd(&data, &format!("Nguyễn Văn {}", GIVEN[k as usize % 8]))
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        printed.push(first_line(&out.stdout).expect("code printed"));
        let mut child = receive_cmd(&data, &format!("Trần Thị {}", GIVEN[k as usize % 8]))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(Duration::from_millis(rng.below(200)));
        let _ = child.kill(); // SIGKILL on Unix
        let out = child.wait_with_output().expect("wait");
        if let Some(code) = first_line(&out.stdout) {
            printed.push(code);
        }
    }
    for code in &printed {
        let out = motcua(&data, NOW, &["show", code, "--json"]);
        assert!(out.status.success(), "printed code {code} was lost");
    }
    let listed = motcua(&data, NOW, &["list", "--json"]);
    assert!(listed.status.success());
    let all: Vec<serde_json::Value> = serde_json::from_slice(&listed.stdout).expect("json");
    let codes: Vec<&str> = all.iter().filter_map(|d| d["code"].as_str()).collect();
    let unique: HashSet<&&str> = codes.iter().collect();
    assert_eq!(unique.len(), codes.len(), "a code was issued twice");
    assert!(codes.len() >= printed.len());
    let out = motcua(&data, NOW, &["verify"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
