//! The name index as posting lists (`store::postings`): for generated ledgers big enough to
//! seal chunks, imported with their ids out of order (so ids land below a token's open chunk)
//! and renamed afterwards (so ids leave and join sealed chunks), every name search of the store
//! equals a brute-force scan of the records, before and after a reopen, and `verify` passes.

use std::collections::BTreeMap;

use motcua::domain::{Correction, Dossier, DossierId, EventKind, ReceiptFacts, project};
use motcua::store::{Store, TextIndex};
use proptest::prelude::*;

use super::fixtures::{at, code_for, dossier, event};

/// Few tokens, so each gathers well over a chunk (128 ids) in a few hundred dossiers.
const NAMES: [&str; 6] = [
    "Nguyễn Văn An",
    "Nguyễn Thị Ánh",
    "Trần Văn Anh",
    "Lê Thị An",
    "Ngô Văn Nam",
    "Nguyễn Ngọc Lan",
];

const PROBES: [&str; 12] = [
    "n", "ng", "nguyen", "ngo", "ngoc", "an", "anh", "van", "thi", "lan", "le", "zz",
];

fn brute(model: &BTreeMap<u64, Dossier>, probe: &str) -> Vec<u64> {
    model
        .values()
        .filter(|d| {
            motcua::text::tokens(&d.applicant.name)
                .iter()
                .any(|t| t.starts_with(probe))
        })
        .map(|d| d.id.0)
        .collect()
}

fn check(store: &Store, model: &BTreeMap<u64, Dossier>) {
    for probe in PROBES {
        let want = brute(model, probe);
        let got: Vec<u64> = store
            .prefix_ids(TextIndex::Names, probe, usize::MAX)
            .expect("prefix")
            .into_iter()
            .collect();
        assert_eq!(got, want, "prefix {probe}");
        let sorted = store
            .prefix_ids_sorted(TextIndex::Names, probe)
            .expect("sorted");
        assert_eq!(sorted, want, "sorted {probe}");
        for limit in [1, 5, 200] {
            let newest: Vec<u64> = want.iter().rev().take(limit).copied().collect();
            let got = store
                .newest_with_prefix(TextIndex::Names, probe, limit)
                .expect("newest");
            assert_eq!(got, newest, "newest {limit} {probe}");
        }
    }
    let report = store.verify().expect("verify");
    assert!(report.is_consistent(), "{:?}", report.problems);
}

/// A dossier `id` named `NAMES[name]`, received on one of four days.
fn generated(id: u64, name: usize) -> Dossier {
    let t = at("2026-03-02 08:00") + chrono::Duration::days((id % 4) as i64);
    let mut d = dossier(NAMES[name], t);
    d.id = DossierId(id);
    d.code = code_for(t)(id);
    d
}

fn renamed(before: &Dossier, name: usize) -> Dossier {
    let mut events = before.events.clone();
    let last = events.last().map_or(before.received_at, |e| e.at);
    events.push(event(
        last + chrono::Duration::hours(1),
        EventKind::Corrected {
            old: Correction::Name(before.applicant.name.clone()),
            new: Correction::Name(NAMES[name].to_owned()),
            reason: "Ghi sai tên".to_owned(),
        },
    ));
    let receipt = ReceiptFacts::at_intake(before);
    project(before.id, before.code.clone(), receipt, events).expect("a timeline")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3, ..ProptestConfig::default() })]

    /// About 0.5 s a case: a few hundred dossiers are needed to seal chunks.
    #[test]
    fn name_search_equals_a_scan_of_the_records(
        names in proptest::collection::vec(0..NAMES.len(), 300..420),
        order in any::<u64>(),
        renames in proptest::collection::vec((any::<usize>(), 0..NAMES.len()), 1..12),
    ) {
        let dir = tempfile::tempdir().expect("dir");
        let store = Store::open(dir.path()).expect("open");
        let mut model = BTreeMap::new();
        let all: Vec<Dossier> = names
            .iter()
            .enumerate()
            .map(|(i, &n)| generated(i as u64 + 1, n))
            .collect();
        // The upper half first (sealing chunks), then the lower half in a shuffled order: its
        // ids fall below the open chunks, into sealed ones.
        let half = all.len() / 2;
        let mut lower = all[..half].to_vec();
        let n = lower.len();
        for i in (1..n).rev() {
            lower.swap(i, (order.rotate_left(i as u32) as usize ^ i) % (i + 1));
        }
        store.import(&all[half..]).expect("upper half");
        store.import(&lower).expect("lower half");
        for d in &all {
            model.insert(d.id.0, d.clone());
        }
        check(&store, &model);
        for (pick, name) in renames {
            let id = *model.keys().nth(pick % model.len()).expect("non-empty");
            let d = renamed(&model[&id], name);
            let stored = store.update(&d, model[&id].events.len()).expect("rename");
            model.insert(id, stored);
        }
        check(&store, &model);
        drop(store);
        let store = Store::open(dir.path()).expect("reopen");
        check(&store, &model);
    }
}
