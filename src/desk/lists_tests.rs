//! Unit tests of the board's lists and counts on a generated ledger (see `lists.rs`): every
//! list and count read from the status index equals the one judge applied to every whole
//! dossier.

use super::*;
use crate::calendar::parse_local;
use crate::domain::judge;
use crate::store::keys;

fn ledger() -> (tempfile::TempDir, LocalDesk, Vec<Dossier>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = LocalDesk::open(&dir.path().join("data")).expect("desk opens");
    let plan = crate::demo::Plan {
        dossiers: 2500,
        years: 1,
        seed: 11,
        end: parse_local("2026-11-27 15:00").expect("valid"),
        agency_code: "000.00.20.H30".to_owned(),
        operators: vec!["Nguyễn Thị Lan".to_owned()],
    };
    let mut all = Vec::new();
    crate::demo::generate(&plan, &desk.procedures(), &desk.calendar, |d| {
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
            let seen = d.events.len();
            d.events.push(crate::domain::Event {
                at: last + Duration::hours(1),
                operator: "Nguyễn Thị Lan".to_owned(),
                note: String::new(),
                kind: crate::domain::EventKind::Paused {
                    reason: "Chờ giám định".to_owned(),
                },
                due: None,
            });
            d.status = Status::Paused;
            *d = desk.store.update(d, seen).expect("paused");
            paused += 1;
        }
    }
    (dir, desk, all)
}

/// The ids the judge puts on a list when it sees every whole dossier, in the list's order.
fn by_the_rule(
    desk: &LocalDesk,
    all: &[Dossier],
    now: LocalTime,
    keep: impl Fn(&crate::domain::Judgement) -> bool,
    key: impl Fn(&crate::domain::Judgement, &Dossier) -> LocalTime,
) -> Vec<u64> {
    let mut want: Vec<(LocalTime, u64)> = all
        .iter()
        .filter(|d| d.status.is_open())
        .filter_map(|d| {
            let j = judge(&ClockFacts::of(d), now, &desk.calendar, desk.window());
            keep(&j).then(|| (key(&j, d), d.id.0))
        })
        .collect();
    want.sort();
    want.into_iter().map(|(_, id)| id).collect()
}

#[test]
fn lists_read_from_the_index_equal_the_judge_on_every_dossier() {
    let (_dir, desk, all) = ledger();
    let open = all.iter().filter(|d| d.status.is_open()).count();
    assert!(open > 20, "the ledger has open dossiers ({open})");
    let nows: Vec<LocalTime> = (0..12)
        .map(|h| parse_local("2026-11-25 08:00").expect("valid") + Duration::hours(7 * h))
        .collect();
    let (mut owed, mut soon) = (0, 0);
    for &now in &nows {
        let apology = by_the_rule(
            &desk,
            &all,
            now,
            |j| j.duty.needs_action(),
            |j, d| j.duty.sort_key().unwrap_or(d.due_at),
        );
        let due_soon = by_the_rule(
            &desk,
            &all,
            now,
            |j| j.timeliness == crate::domain::Timeliness::DueSoon,
            |_, d| d.due_at,
        );
        owed += apology.len();
        soon += due_soon.len();
        assert_eq!(
            desk.apology_ids(now, false).expect("reads"),
            apology,
            "at {now}"
        );
        assert_eq!(desk.due_soon_ids(now).expect("reads"), due_soon, "at {now}");
        let overdue = all
            .iter()
            .filter(|d| ClockFacts::of(d).overdue_at(now))
            .count() as u64;
        let counts = (overdue, due_soon.len() as u64, apology.len() as u64);
        assert_eq!(desk.open_counts(now).expect("counts"), counts, "at {now}");
        let each = |f| desk.list_count(f, now).expect("counts");
        assert_eq!(each(ListFilter::Overdue), overdue);
        assert_eq!(each(ListFilter::ApologyNeeded), apology.len() as u64);
    }
    assert!(owed > 0, "some dossier owes an apology");
    assert!(soon > 0, "some dossier is due soon");
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
        desk.list_count(ListFilter::WaitingCollection, now)
            .expect("n"),
        ready as u64
    );
    assert_eq!(
        desk.list_count(ListFilter::Open, now).expect("n"),
        open as u64
    );
    assert!(desk.store.verify().expect("verify").is_consistent());
}

#[test]
fn a_value_of_an_older_layout_is_a_decode_error_until_upgraded() {
    let (_dir, desk, all) = ledger();
    let d = all
        .iter()
        .find(|d| d.status == Status::InProcessing)
        .expect("one in processing");
    let key = keys::status_due_key(d.status, d.due_at, d.id.0);
    desk.store
        .trees
        .by_status_due
        .insert(key, vec![0u8])
        .expect("rewritten");
    let now = parse_local("2026-11-25 08:00").expect("valid");
    let err = desk
        .list_count(ListFilter::ApologyNeeded, now)
        .expect_err("refused");
    assert!(err.to_string().contains("by_status_due"), "{err}");
}

/// A long list is judged on several threads and comes back in its order, whole.
#[test]
fn in_parallel_keeps_the_order_of_a_long_list() {
    let items: Vec<u64> = (0..10_001).collect();
    let doubled = in_parallel(items.clone(), |x| x * 2);
    assert_eq!(doubled, items.iter().map(|x| x * 2).collect::<Vec<_>>());
    assert_eq!(in_parallel(vec![3u8], |x| x + 1), vec![4]);
}
