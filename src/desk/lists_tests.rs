//! Unit tests of the board's lists and counts on a generated ledger (see `lists.rs`).

use super::*;
use crate::calendar::parse_local;
use crate::store::keys;

fn ledger() -> (tempfile::TempDir, Desk, Vec<Dossier>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = Desk::open(&dir.path().join("data")).expect("desk opens");
    let plan = crate::demo::Plan {
        dossiers: 2500,
        years: 1,
        seed: 11,
        end: parse_local("2026-11-27 15:00").expect("valid"),
        agency_code: "000.00.20.H30".to_owned(),
        operators: vec!["Nguyễn Thị Lan".to_owned()],
    };
    let mut all = Vec::new();
    crate::demo::generate(&plan, desk.catalogue(), desk.calendar(), |d| {
        all.push(d);
        Ok::<(), ()>(())
    })
    .expect("generated");
    for batch in all.chunks(500) {
        desk.store.import(batch).expect("imported");
    }
    // Pause a few running dossiers (the generated ledger ends with none paused), so the
    // "judged at its pause" reading is exercised.
    let mut paused = 0;
    for d in all.iter_mut() {
        if d.status == Status::InProcessing && paused < 6 {
            let last = d.events.last().map_or(d.received_at, |e| e.at);
            d.events.push(crate::domain::Event {
                at: last + Duration::hours(1),
                operator: "Nguyễn Thị Lan".to_owned(),
                note: String::new(),
                kind: crate::domain::EventKind::Paused {
                    reason: "Chờ giám định".to_owned(),
                },
            });
            d.status = Status::Paused;
            *d = desk.store.update(d).expect("paused");
            paused += 1;
        }
    }
    (dir, desk, all)
}

/// `domain::apology_duty` on every open dossier, in the board's order.
fn by_the_rule(desk: &Desk, all: &[Dossier], now: LocalTime) -> Vec<u64> {
    let mut want: Vec<(LocalTime, u64)> = all
        .iter()
        .filter(|d| d.status.is_open())
        .filter_map(|d| {
            let duty = apology_duty(d, now, desk.calendar());
            duty.needs_action()
                .then(|| (duty.sort_key().unwrap_or(d.due_at), d.id.0))
        })
        .collect();
    want.sort();
    want.into_iter().map(|(_, id)| id).collect()
}

#[test]
fn apology_list_from_the_index_equals_the_rule_in_both_value_layouts() {
    let (_dir, desk, all) = ledger();
    let open = all.iter().filter(|d| d.status.is_open()).count();
    assert!(open > 20, "the ledger has open dossiers ({open})");
    let nows: Vec<LocalTime> = (0..12)
        .map(|h| parse_local("2026-11-25 08:00").expect("valid") + Duration::hours(7 * h))
        .collect();
    let mut owed = 0;
    for &now in &nows {
        let want = by_the_rule(&desk, &all, now);
        owed += want.len();
        assert_eq!(desk.apology_needed(now).expect("reads"), want, "at {now}");
        assert_eq!(
            desk.count(ListFilter::ApologyNeeded, now).expect("n"),
            want.len() as u64
        );
        let each = |f| desk.count(f, now).expect("counts");
        let want = (
            each(ListFilter::Overdue),
            each(ListFilter::DueSoon),
            each(ListFilter::ApologyNeeded),
        );
        assert_eq!(desk.open_counts(now).expect("counts"), want, "at {now}");
    }
    assert!(owed > 0, "some dossier owes an apology");
    // The totals read from the STATUS tally equal the status index's own counts.
    for status in [OPEN.as_slice(), &[Status::ResultReady]].concat() {
        let scanned = desk.store.count_status_due(status, None, None);
        let total = desk.store.status_total(status).expect("total");
        assert_eq!(total, scanned.expect("count"), "{status:?}");
    }
    let ready = all
        .iter()
        .filter(|d| d.status == Status::ResultReady)
        .count();
    let now = nows[0];
    assert!(ready > 0, "some dossier waits for collection");
    assert_eq!(
        desk.count(ListFilter::WaitingCollection, now).expect("n"),
        ready as u64
    );
    let open = all.iter().filter(|d| d.status.is_open()).count();
    assert_eq!(desk.count(ListFilter::Open, now).expect("n"), open as u64);
    // A store written before layout 2: the board falls back to the records, verify accepts.
    for d in all.iter().filter(|d| !d.status.is_final()) {
        let key = keys::status_due_key(d.status, d.due_at, d.id.0);
        let old = keys::status_due_value_v1(d);
        desk.store
            .trees
            .by_status_due
            .insert(key, old)
            .expect("rewritten");
    }
    for &now in &nows {
        let want = by_the_rule(&desk, &all, now);
        assert_eq!(
            desk.apology_needed(now).expect("reads"),
            want,
            "old values at {now}"
        );
    }
    assert!(desk.verify().expect("verify").is_consistent());
}
