//! The statistics invariants over random ledgers: every row balances, and received, resolved
//! and ended-otherwise counts add up over adjacent periods.

use motcua::calendar::Calendar;
use motcua::domain::{Channel, Dossier, EventKind};
use motcua::report::period;

use super::fixtures::*;
use chrono::Duration;
use motcua::calendar::LocalTime;
use proptest::prelude::*;

/// One step of a random life, `minutes` after the previous event.
#[derive(Clone, Debug)]
enum Step {
    Transfer,
    Supplement,
    SupplementBack,
    Pause,
    Resume,
    Ready,
    HandBack,
    Refuse,
    Stop,
    Apologise,
}

fn step() -> impl Strategy<Value = (Step, i64)> {
    (
        prop_oneof![
            Just(Step::Transfer),
            Just(Step::Supplement),
            Just(Step::SupplementBack),
            Just(Step::Pause),
            Just(Step::Resume),
            Just(Step::Ready),
            Just(Step::HandBack),
            Just(Step::Refuse),
            Just(Step::Stop),
            Just(Step::Apologise),
        ],
        30i64..6_000,
    )
}

fn base() -> LocalTime {
    t("2026-01-05 07:30")
}

/// A dossier received `offset` minutes after the base, due `due_days` later, living `steps`
/// (a step after an ending step is dropped, as the domain would refuse it).
fn build(seq: u64, offset: i64, due_days: i64, online: bool, steps: &[(Step, i64)]) -> Dossier {
    let at = base() + Duration::minutes(offset);
    let fmt = |t: LocalTime| t.format("%Y-%m-%d %H:%M").to_string();
    let mut d = dossier(seq, &fmt(at), &fmt(at + Duration::days(due_days)));
    if online {
        d.channel = Channel::Online;
    }
    if seq.is_multiple_of(3) {
        d.field = "Chứng thực".to_owned();
    }
    let mut now = at;
    for (s, gap) in steps {
        if d.status.is_final() {
            break;
        }
        now += Duration::minutes(*gap);
        let kind = match s {
            Step::Transfer => EventKind::Transferred {
                from: "A".into(),
                to: "B".into(),
            },
            Step::Supplement => EventKind::SupplementRequested {
                reason: "r".into(),
                items: vec![],
            },
            Step::SupplementBack => EventKind::SupplementReceived,
            Step::Pause => EventKind::Paused { reason: "p".into() },
            Step::Resume => EventKind::Resumed,
            Step::Ready => EventKind::ResultReady,
            Step::HandBack => EventKind::HandedBack {
                to: "x".into(),
                fee_vnd: 1_000,
                rating: "Hài lòng".into(),
            },
            Step::Refuse => EventKind::Refused { reason: "r".into() },
            Step::Stop => EventKind::Stopped { reason: "s".into() },
            Step::Apologise => {
                apology(&mut d, &fmt(now), "trễ", &fmt(now + Duration::days(3)));
                continue;
            }
        };
        push(&mut d, &fmt(now), kind);
    }
    d
}

fn ledger_strategy() -> impl Strategy<Value = Vec<Dossier>> {
    prop::collection::vec(
        (
            0i64..60 * 24 * 60,
            1i64..15,
            any::<bool>(),
            prop::collection::vec(step(), 0..6),
        ),
        0..40,
    )
    .prop_map(|v| {
        v.into_iter()
            .enumerate()
            .map(|(i, (off, due, online, steps))| build(i as u64 + 1, off, due, online, &steps))
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn period_report_balances_and_adds_up(
        docs in ledger_strategy(),
        a in 0i64..50, len1 in 0i64..20, len2 in 0i64..20, now_after in 0i64..90,
    ) {
        let calendar = Calendar::builtin();
        let l = letterhead();
        let day0 = base().date();
        let a = day0 + Duration::days(a);
        let b = a + Duration::days(len1);
        let c = b + Duration::days(1 + len2);
        let now = (day0 + Duration::days(now_after)).and_hms_opt(18, 0, 0).expect("valid");
        let all = period::period_stats(&docs, a, c, now, &calendar, &l).expect("range");
        let left = period::period_stats(&docs, a, b, now, &calendar, &l).expect("range");
        let right = period::period_stats(&docs, b + Duration::days(1), c, now, &calendar, &l).expect("range");
        for s in [&all, &left, &right] {
            prop_assert!(s.total.balanced(), "{:?}", s.total);
            for f in &s.fields {
                prop_assert!(f.counts.balanced(), "{}: {:?}", f.field, f.counts);
            }
        }
        let (x, y, z) = (&all.total, &left.total, &right.total);
        prop_assert_eq!(x.received_in_period(), y.received_in_period() + z.received_in_period());
        prop_assert_eq!(x.received_online, y.received_online + z.received_online);
        prop_assert_eq!(x.received_direct_postal, y.received_direct_postal + z.received_direct_postal);
        prop_assert_eq!(x.resolved_total, y.resolved_total + z.resolved_total);
        prop_assert_eq!(x.resolved_early, y.resolved_early + z.resolved_early);
        prop_assert_eq!(x.resolved_on_time, y.resolved_on_time + z.resolved_on_time);
        prop_assert_eq!(x.resolved_late, y.resolved_late + z.resolved_late);
        prop_assert_eq!(x.ended_other, y.ended_other + z.ended_other);
        prop_assert_eq!(x.carried_over, y.carried_over);
        // what was open at the end of [a, b] is what [b+1, c] carries over
        if now >= (b + Duration::days(1)).and_hms_opt(0, 0, 0).expect("valid") {
            prop_assert_eq!(z.carried_over, y.open_total + y.waiting_supplement);
        }
    }
}
