//! Group commit (`store::group`): writers that commit while a sync is in flight share the next
//! sync, none is acknowledged before its write is durable and sealed, and nothing a writer was
//! told is saved is missing after a reopen. Syncs are counted by the store, never timed.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use motcua::domain::{Dossier, EventKind, Status};
use motcua::store::Store;

use super::fixtures::{at, code_for, dossier, event};
use motcua::store::testing::Forge;

/// Polls `until`; the deadline only turns a hang into a failure (nothing here is timed).
fn wait_for(what: &str, until: impl Fn() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !until() {
        assert!(Instant::now() < deadline, "never: {what}");
        std::thread::yield_now();
    }
}

fn receive(s: &Store, name: &str) -> Dossier {
    let t = at("2026-03-02 09:00");
    s.insert_new(&dossier(name, t), &code_for(t))
        .expect("intake")
}

/// Every acknowledged dossier is in the reopened store as acknowledged, and the chain and the
/// seal agree with it.
fn assert_all_survive(dir: &std::path::Path, acknowledged: &[Dossier]) {
    let s = Store::open(dir).expect("reopens: the seal agrees with the log");
    for d in acknowledged {
        assert_eq!(
            s.get_by_code(d.code.as_str()).expect("read").as_ref(),
            Some(d),
            "{} as acknowledged",
            d.code.as_str()
        );
    }
    let report = s.verify().expect("verify runs");
    assert!(report.is_consistent(), "{:?}", report.problems);
}

#[test]
fn writers_behind_a_sync_in_flight_share_the_next_and_wait_for_it() {
    let dir = tempfile::tempdir().expect("dir");
    let s = Store::open(dir.path()).expect("open");
    let before = s.sync_stats().syncs;
    let returned = AtomicUsize::new(0);
    let gate = s.hold_syncs();
    let written = std::thread::scope(|scope| {
        let (s, returned) = (&s, &returned);
        let write = move |name: String| {
            scope.spawn(move || {
                let d = receive(s, &name);
                returned.fetch_add(1, Ordering::SeqCst);
                d
            })
        };
        let first = write("Người đầu".to_owned());
        wait_for("the first writer's sync in flight", || {
            s.sync_stats().in_flight
        });
        let rest: Vec<_> = (0..7).map(|i| write(format!("Người {i}"))).collect();
        wait_for("seven writers waiting", || s.sync_stats().waiting == 7);
        // Committed in sled but not yet synced: nobody may have been told "saved".
        assert_eq!(returned.load(Ordering::SeqCst), 0);
        drop(gate);
        let mut all = vec![first.join().expect("first")];
        all.extend(rest.into_iter().map(|h| h.join().expect("writer")));
        all
    });
    assert_eq!(
        s.sync_stats().syncs - before,
        2,
        "one sync for the first writer, one shared by the seven behind it"
    );
    let seqs: BTreeSet<String> = written.iter().map(|d| d.code.as_str().to_owned()).collect();
    let expected: BTreeSet<String> = (1..=8).map(|n| format!("TEST-260302-{n:04}")).collect();
    assert_eq!(seqs, expected, "distinct consecutive codes");
    drop(s);
    assert_all_survive(dir.path(), &written);
}

#[test]
fn concurrent_intakes_and_steps_lose_nothing_and_keep_the_chain() {
    const THREADS: usize = 8;
    const EACH: usize = 15;
    let dir = tempfile::tempdir().expect("dir");
    let s = Store::open(dir.path()).expect("open");
    let before = s.sync_stats().syncs;
    let written: Vec<Dossier> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..THREADS)
            .map(|t| {
                let s = &s;
                scope.spawn(move || {
                    (0..EACH)
                        .map(|k| {
                            let mut d = receive(s, &format!("Quầy {t} người {k}"));
                            d.status = Status::HandedBack;
                            d.events.push(event(
                                at("2026-03-03 09:00"),
                                EventKind::HandedBack {
                                    to: "A".to_owned(),
                                    fee_vnd: 0,
                                    rating: String::new(),
                                },
                            ));
                            s.update(&d, 1).expect("step")
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("writer"))
            .collect()
    });
    let writes = (THREADS * EACH * 2) as u64;
    let syncs = s.sync_stats().syncs - before;
    assert!(syncs <= writes, "{syncs} syncs for {writes} writes");
    let codes: BTreeSet<&str> = written.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes.len(), THREADS * EACH, "no code issued twice");
    drop(s);
    assert_all_survive(dir.path(), &written);
}
