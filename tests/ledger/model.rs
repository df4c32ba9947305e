//! The store as a state machine: random sequences of intakes, updates (new events, a due set
//! by an event, a name corrected on the record) and reopenings are applied to the store and to an in-memory model; after
//! every step each index, queried through the store's public scans, must equal what the model
//! recomputes on its own, every record must read back equal, and `verify` must pass.

use std::collections::BTreeMap;

use motcua::calendar::LocalTime;
use motcua::domain::{Correction, Dossier, Event, EventKind, ReceiptFacts, Status, project};
use motcua::store::{Page, Store, TextIndex, TimeIndex};
use proptest::prelude::*;

use super::fixtures::{at, code_for, dossier, event};
use motcua::store::testing::Forge;

const NAMES: [&str; 7] = [
    "Nguyễn Văn An",
    "Nguyễn Thị Ánh",
    "Trần Đức Anh",
    "Lê Thị Hồng",
    "Đặng Văn Nam",
    "Hoàng Ngọc Lan",
    "Ngô Thị Ngân",
];

#[derive(Clone, Debug)]
enum Op {
    Insert {
        name: usize,
        phone: u8,
        day: u8,
        minute: u16,
    },
    Update {
        pick: usize,
        due_shift_hours: i16,
        rename: Option<usize>,
        kinds: Vec<u8>,
    },
    Reopen,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        5 => (0..NAMES.len(), any::<u8>(), 0u8..4, 0u16..600).prop_map(
            |(name, phone, day, minute)| Op::Insert { name, phone, day, minute }
        ),
        5 => (
            any::<usize>(),
            -72i16..72,
            proptest::option::of(0..NAMES.len()),
            proptest::collection::vec(0u8..6, 0..3),
        )
            .prop_map(|(pick, due_shift_hours, rename, kinds)| Op::Update {
                pick,
                due_shift_hours,
                rename,
                kinds,
            }),
        1 => Just(Op::Reopen),
    ]
}

fn kind(k: u8) -> EventKind {
    match k {
        0 => EventKind::Transferred {
            from: "Một cửa".to_owned(),
            to: "Tư pháp".to_owned(),
        },
        1 => EventKind::Paused {
            reason: "Niêm yết".to_owned(),
        },
        2 => EventKind::Resumed,
        3 => EventKind::ResultReady,
        4 => EventKind::HandedBack {
            to: "Chủ hồ sơ".to_owned(),
            fee_vnd: 10_000,
            rating: "Hài lòng".to_owned(),
        },
        _ => EventKind::Refused {
            reason: "Không đủ điều kiện".to_owned(),
        },
    }
}

/// The model's own reading of when a dossier was resolved / handed back.
fn first_at(d: &Dossier, pred: impl Fn(&EventKind) -> bool) -> Option<LocalTime> {
    d.events.iter().find(|e| pred(&e.kind)).map(|e| e.at)
}

fn resolved(k: &EventKind) -> bool {
    matches!(
        k,
        EventKind::ResultReady
            | EventKind::HandedBack { .. }
            | EventKind::Refused { .. }
            | EventKind::Stopped { .. }
    )
}

/// How the model reads a dossier's instant for a time index.
type When = fn(&Dossier) -> Option<LocalTime>;

fn sorted_ids(mut v: Vec<(LocalTime, u64)>) -> Vec<u64> {
    v.sort();
    v.into_iter().map(|(_, id)| id).collect()
}

#[expect(
    clippy::too_many_lines,
    reason = "one comparison of every index with the model; split, the indexes would be checked apart"
)]
fn check(store: &Store, model: &BTreeMap<u64, Dossier>) {
    assert_eq!(store.dossier_count().expect("count"), model.len() as u64);
    for d in model.values() {
        assert_eq!(store.get(d.id).expect("get").as_ref(), Some(d));
        assert_eq!(store.id_by_code(d.code.as_str()).expect("code"), Some(d.id));
    }
    for s in Status::ALL {
        let want = sorted_ids(
            model
                .values()
                .filter(|d| d.status == s && !s.is_final())
                .map(|d| (d.due_at, d.id.0))
                .collect(),
        );
        let got = store
            .status_due_ids(s, None, None, Page::ALL)
            .expect("scan");
        assert_eq!(got, want, "status index for {s:?}");
        let pivot = at("2026-03-03 12:00");
        let before: Vec<u64> = model
            .values()
            .filter(|d| d.status == s && !s.is_final() && d.due_at < pivot)
            .map(|d| d.id.0)
            .collect();
        let got = store.count_status_due(s, None, Some(pivot)).expect("count");
        assert_eq!(got, before.len() as u64, "due before pivot for {s:?}");
    }
    let times: [(TimeIndex, When); 3] = [
        (TimeIndex::Received, |d| Some(d.received_at)),
        (TimeIndex::Resolved, |d| first_at(d, resolved)),
        (TimeIndex::HandedBack, |d| {
            first_at(d, |k| matches!(k, EventKind::HandedBack { .. }))
        }),
    ];
    for (index, when) in times {
        let want = sorted_ids(
            model
                .values()
                .filter_map(|d| when(d).map(|t| (t, d.id.0)))
                .collect(),
        );
        let got = store
            .time_ids(index, None, None, false, Page::ALL)
            .expect("scan");
        assert_eq!(got, want, "{index:?}");
        let mut newest = want.clone();
        newest.reverse();
        let page = Page {
            offset: 1,
            limit: 3,
        };
        let got = store.time_ids(index, None, None, true, page).expect("page");
        let want_page: Vec<u64> = newest.into_iter().skip(1).take(3).collect();
        assert_eq!(got, want_page, "{index:?} newest page");
    }
    let newest: Vec<u64> = model.keys().rev().copied().collect();
    for offset in [
        0,
        1,
        3,
        model.len().saturating_sub(1),
        model.len(),
        model.len() + 2,
    ] {
        let page = Page { offset, limit: 4 };
        let want: Vec<u64> = newest.iter().skip(offset).take(4).copied().collect();
        assert_eq!(
            store.newest_ids(page).expect("newest"),
            want,
            "offset {offset}"
        );
    }
    for probe in ["ng", "nguyen", "an", "anh", "d", "thi", "lan", "zz"] {
        let want: Vec<u64> = model
            .values()
            .filter(|d| {
                motcua::text::tokens(&d.applicant.name)
                    .iter()
                    .any(|t| t.starts_with(probe))
            })
            .map(|d| d.id.0)
            .collect();
        let got: Vec<u64> = store
            .prefix_ids(TextIndex::Names, probe, usize::MAX)
            .expect("names")
            .into_iter()
            .collect();
        assert_eq!(got, want, "names {probe}");
        let newest: Vec<u64> = want.iter().rev().take(3).copied().collect();
        let got = store
            .newest_with_prefix(TextIndex::Names, probe, 3)
            .expect("newest names");
        assert_eq!(got, newest, "newest names {probe}");
    }
    for probe in ["09", "091", "0912345"] {
        let want: Vec<u64> = model
            .values()
            .filter(|d| {
                let digits: String = d
                    .applicant
                    .phone
                    .chars()
                    .filter(char::is_ascii_digit)
                    .collect();
                digits.starts_with(probe)
            })
            .map(|d| d.id.0)
            .collect();
        let got: Vec<u64> = store
            .prefix_ids(TextIndex::Phones, probe, usize::MAX)
            .expect("phones")
            .into_iter()
            .collect();
        assert_eq!(got, want, "phones {probe}");
    }
    let report = store.verify().expect("verify");
    assert!(report.is_consistent(), "{:?}", report.problems);
}

fn apply(
    dir: &std::path::Path,
    store: &mut Option<Store>,
    model: &mut BTreeMap<u64, Dossier>,
    op: &Op,
) {
    let s = store.as_ref().expect("open");
    match op {
        Op::Insert {
            name,
            phone,
            day,
            minute,
        } => {
            let t = at("2026-03-02 07:30")
                + chrono::Duration::days(i64::from(*day))
                + chrono::Duration::minutes(i64::from(*minute));
            let mut draft = dossier(NAMES[*name], t);
            draft.applicant.phone = format!("09{:02} {:03} 0{phone:03}", phone % 20, phone);
            let same_day = model
                .values()
                .filter(|d| d.received_at.date() == t.date())
                .count();
            let d = s.insert_new(&draft, &code_for(t)).expect("insert");
            assert_eq!(
                d.id.0,
                model.len() as u64 + 1,
                "ids run from 1 without gaps"
            );
            assert!(
                d.code.as_str().ends_with(&format!("-{:04}", same_day + 1)),
                "{}",
                d.code.as_str()
            );
            model.insert(d.id.0, d);
        }
        Op::Update {
            pick,
            due_shift_hours,
            rename,
            kinds,
        } => {
            if model.is_empty() {
                return;
            }
            let id = *model.keys().nth(pick % model.len()).expect("non-empty");
            let before = model[&id].clone();
            let mut events = before.events.clone();
            let next = |events: &[Event]| {
                let last = events.last().map_or(before.received_at, |e| e.at);
                last + chrono::Duration::hours(1)
            };
            // A rename is a correction on the record; every other change is an event, and the
            // dossier is what its events make of it (the store refuses anything else).
            if let Some(n) = rename {
                let kind = EventKind::Corrected {
                    old: Correction::Name(before.applicant.name.clone()),
                    new: Correction::Name(NAMES[*n].to_owned()),
                    reason: "Ghi sai tên".to_owned(),
                };
                events.push(event(next(&events), kind));
            }
            for k in kinds {
                events.push(event(next(&events), kind(*k)));
            }
            let appended = events.len() > before.events.len();
            if let Some(last) = events
                .last_mut()
                .filter(|_| appended && *due_shift_hours != 0)
            {
                last.due =
                    Some(before.due_at + chrono::Duration::hours(i64::from(*due_shift_hours)));
            }
            let receipt = ReceiptFacts::at_intake(&before);
            let d = project(before.id, before.code.clone(), receipt, events).expect("a timeline");
            let stored = s.update(&d, before.events.len()).expect("update");
            assert_eq!(stored, d);
            model.insert(id, d);
        }
        Op::Reopen => {
            *store = None;
            *store = Some(Store::open(dir).expect("reopen"));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn indexes_equal_the_model(ops in proptest::collection::vec(op(), 1..24)) {
        let dir = tempfile::tempdir().expect("dir");
        let mut store = Some(Store::open(dir.path()).expect("open"));
        let mut model = BTreeMap::new();
        for op in &ops {
            apply(dir.path(), &mut store, &mut model, op);
            check(store.as_ref().expect("open"), &model);
        }
    }
}
