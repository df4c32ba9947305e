//! Many counters at once: eight clients × fifty intakes get 400 distinct, consecutive codes and
//! `verify` passes; SIGKILL of the server in the middle of that load loses no acknowledged code.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use motcua::desk::Desk;

use super::fixtures::{Server, call, intake, ledger_with, motcua, text};

const CLIENTS: usize = 8;
const GIVEN: [&str; 8] = ["An", "Bình", "Cường", "Dũng", "Hà", "Lan", "Minh", "Ngân"];

/// A plausible applicant's name for counter `i`'s `n`-th intake (names hold no digits).
fn name(i: usize, n: usize) -> String {
    format!("Nguyễn {} {}", GIVEN[i % 8], GIVEN[n % 8])
}

fn accounts() -> Vec<(String, &'static str)> {
    (0..CLIENTS)
        .map(|i| (format!("quay{i}"), "tiep-nhan"))
        .collect()
}

fn ledger() -> (tempfile::TempDir, std::path::PathBuf) {
    let users = accounts();
    let refs: Vec<(&str, &str)> = users.iter().map(|(n, r)| (n.as_str(), *r)).collect();
    ledger_with(&refs)
}

/// The sequence number at the end of a dossier code (`…-YYMMDD-NNNN`).
fn seq(code: &str) -> u32 {
    code.rsplit('-')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("code {code}"))
}

#[test]
fn eight_counters_fifty_intakes_each_get_consecutive_codes() {
    let (_tmp, dir) = ledger();
    let server = Server::start(&dir, None);
    let codes = Arc::new(Mutex::new(Vec::new()));
    std::thread::scope(|s| {
        for i in 0..CLIENTS {
            let desk = server.desk_as(&format!("quay{i}"));
            let codes = codes.clone();
            s.spawn(move || {
                for n in 0..50 {
                    let d = desk.receive(intake(&name(i, n)), &call()).expect("intake");
                    assert_eq!(
                        d.received_by,
                        super::fixtures::officer_of(&format!("quay{i}"))
                    );
                    codes.lock().expect("lock").push(d.code.to_string());
                }
            });
        }
    });
    let codes = codes.lock().expect("lock").clone();
    let distinct: BTreeSet<u32> = codes.iter().map(|c| seq(c)).collect();
    assert_eq!(codes.len(), 400);
    assert_eq!(distinct.len(), 400, "a code was issued twice");
    assert_eq!(distinct, (1..=400).collect(), "codes are not consecutive");
    assert!(server.terminate().success(), "SIGTERM ends with 0");
    let out = motcua(&dir, &["verify"], "");
    assert!(out.status.success(), "verify: {}", text(&out.stderr));
}

#[test]
fn sigkill_under_load_loses_no_acknowledged_intake() {
    let (_tmp, dir) = ledger();
    let server = Server::start(&dir, None);
    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    let count = Arc::new(AtomicUsize::new(0));
    let desks: Vec<_> = (0..CLIENTS)
        .map(|i| server.desk_as(&format!("quay{i}")))
        .collect();
    std::thread::scope(|s| {
        for (i, desk) in desks.into_iter().enumerate() {
            let (acknowledged, count) = (acknowledged.clone(), count.clone());
            s.spawn(move || {
                for n in 0.. {
                    match desk.receive(intake(&name(i, n)), &call()) {
                        Ok(d) => {
                            acknowledged.lock().expect("lock").push(d.code.to_string());
                            count.fetch_add(1, Ordering::SeqCst);
                        }
                        // The server is gone: this counter stops.
                        Err(e) => {
                            assert_eq!(e.exit_code(), 2, "{e}");
                            return;
                        }
                    }
                }
            });
        }
        let deadline = Instant::now() + Duration::from_secs(60);
        while count.load(Ordering::SeqCst) < 60 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
        }
        server.kill9();
    });
    let acknowledged = acknowledged.lock().expect("lock").clone();
    assert!(
        acknowledged.len() >= 60,
        "only {} intakes",
        acknowledged.len()
    );
    let server = Server::start(&dir, None);
    let desk = server.desk_as("quay0");
    for code in &acknowledged {
        let found = desk
            .get(&motcua::domain::DossierCode::read(code).expect("a code"))
            .expect("read");
        assert!(found.is_some(), "acknowledged {code} lost in the kill");
    }
    let after = desk
        .receive(intake("Sau khi khởi động lại"), &call())
        .expect("intake");
    assert!(
        !acknowledged.contains(&after.code.to_string()),
        "code reused: {}",
        after.code
    );
    assert!(server.terminate().success());
    let out = motcua(&dir, &["verify"], "");
    assert!(out.status.success(), "verify: {}", text(&out.stderr));
}
