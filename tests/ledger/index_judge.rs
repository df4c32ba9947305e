//! The property behind every list, count and summary of open dossiers: the clock facts a
//! status-index entry carries judge exactly as the whole dossier does (issue 15).

use proptest::prelude::*;

use motcua::calendar::{Calendar, WorkMinutes, parse_local};
use motcua::domain::{
    ClockFacts, Command, Dossier, Notification, Status, apply, builtin_catalogue, judge,
};
use motcua::store::{entry_facts, keys};

/// A generated ledger with some dossiers paused and some apologised, so every kind of fact
/// the value carries is exercised.
fn ledger(seed: u64, cal: &Calendar) -> Vec<Dossier> {
    let end = parse_local("2026-11-27 15:00").expect("valid");
    let plan = motcua::demo::Plan {
        dossiers: 150,
        years: 1,
        seed,
        end,
        agency_code: "000.00.20.H30".to_owned(),
        operators: vec!["Nguyễn Thị Lan".to_owned()],
    };
    let mut all = Vec::new();
    motcua::demo::generate(&plan, &builtin_catalogue(), cal, |d| {
        all.push(d);
        Ok::<(), ()>(())
    })
    .expect("generated");
    for (i, d) in all.iter_mut().enumerate() {
        let at = d.events.last().map_or(end, |e| e.at).max(end);
        let step = match i % 6 {
            0 if d.status == Status::InProcessing && d.pausable => Command::Pause {
                reason: "Niêm yết".to_owned(),
            },
            1 if d.status.is_open() && d.status != Status::SupplementRequested => {
                Command::IssueApology {
                    reason: "Chờ xác minh".to_owned(),
                    new_due: cal.add_working_minutes(d.due_at.max(at), WorkMinutes::new(900)),
                    signer: "Chủ tịch".to_owned(),
                    notified: Notification::Phone,
                }
            }
            _ => continue,
        };
        if let Ok(next) = apply(d, step, at, "Nguyễn Thị Lan", cal, Some((1, 2026))) {
            *d = next;
        }
    }
    all
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]
    #[test]
    fn an_index_entry_is_judged_as_its_whole_dossier(
        seed in 0u64..10_000,
        hours in proptest::collection::vec(-300i64..600, 1..6),
        window in prop_oneof![Just(450u32), 0u32..2000],
    ) {
        let cal = Calendar::builtin();
        let base = parse_local("2026-11-27 15:00").expect("valid");
        let mut open = 0;
        for d in ledger(seed, &cal).iter().filter(|d| !d.status.is_final()) {
            open += 1;
            let value = keys::status_due_value(d);
            let (facts, code, name) =
                entry_facts(d.status, d.due_at, &value).expect("the current layout");
            prop_assert_eq!((code, name), (d.code.as_str(), d.applicant.name.as_str()));
            let whole = ClockFacts::of(d);
            for h in &hours {
                let now = base + chrono::Duration::hours(*h);
                prop_assert_eq!(
                    judge(&facts, now, &cal, window),
                    judge(&whole, now, &cal, window),
                    "{} at {}", d.code.as_str(), now
                );
            }
        }
        prop_assert!(open > 0);
    }
}
