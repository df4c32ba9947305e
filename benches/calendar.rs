//! Due-date throughput: `cargo bench --bench calendar`. Each bench computes the due dates of
//! 1 000 receipts spread over 2025–2026 (every 731 minutes, so all hours, weekdays and holidays
//! occur); divan reports items per second = due-date computations per second.

use chrono::{Duration, NaiveDate};
use divan::{Bencher, counter::ItemsCount};
use motcua::calendar::{Calendar, ClockEvent, DayHundredths, LocalTime, TimeLimit};

const N: usize = 1000;

fn receipts() -> Vec<LocalTime> {
    let start = NaiveDate::from_ymd_opt(2025, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .expect("valid start");
    (0..N as i64)
        .map(|i| start + Duration::minutes(i * 731))
        .collect()
}

fn warm() -> Calendar {
    let cal = Calendar::builtin();
    for r in receipts() {
        cal.due_at(r, TimeLimit::WorkingDays(DayHundredths(3000)), &[]);
    }
    cal
}

#[divan::bench(args = [TimeLimit::SameDay, TimeLimit::WorkingDays(DayHundredths(300)), TimeLimit::WorkingDays(DayHundredths(1550)), TimeLimit::WorkingMinutes(240)])]
fn due_at(bencher: Bencher, limit: TimeLimit) {
    let cal = warm();
    let rs = receipts();
    bencher.counter(ItemsCount::new(N)).bench(|| {
        for r in &rs {
            divan::black_box(cal.due_at(*r, limit, &[]));
        }
    });
}

#[divan::bench]
fn due_at_with_pause_and_restart(bencher: Bencher) {
    let cal = warm();
    let rs = receipts();
    bencher.counter(ItemsCount::new(N)).bench(|| {
        for r in &rs {
            let clock = [
                ClockEvent::Pause(*r + Duration::hours(20)),
                ClockEvent::Resume(*r + Duration::hours(50)),
                ClockEvent::Restart(*r + Duration::hours(70)),
                ClockEvent::Pause(*r + Duration::hours(90)),
                ClockEvent::Resume(*r + Duration::hours(100)),
            ];
            divan::black_box(cal.due_at(*r, TimeLimit::WorkingDays(DayHundredths(500)), &clock));
        }
    });
}

#[divan::bench]
fn due_with_explanation(bencher: Bencher) {
    let cal = warm();
    let rs = receipts();
    bencher.counter(ItemsCount::new(N)).bench(|| {
        for r in &rs {
            divan::black_box(cal.due(*r, TimeLimit::WorkingDays(DayHundredths(500)), &[]));
        }
    });
}

/// The board's countdown: working minutes from now to each due date.
#[divan::bench]
fn working_minutes_between(bencher: Bencher) {
    let cal = warm();
    let rs = receipts();
    let dues: Vec<LocalTime> = rs
        .iter()
        .map(|r| cal.due_at(*r, TimeLimit::WorkingDays(DayHundredths(1000)), &[]))
        .collect();
    bencher.counter(ItemsCount::new(N)).bench(|| {
        for (r, due) in rs.iter().zip(&dues) {
            divan::black_box(cal.working_minutes_between(*r, *due));
        }
    });
}

/// A fresh calendar: the first due dates pay for building the day tables of 2025–2026.
#[divan::bench]
fn cold_calendar_first_due(bencher: Bencher) {
    bencher.bench(|| {
        let cal = Calendar::builtin();
        divan::black_box(cal.due_at(
            receipts()[0],
            TimeLimit::WorkingDays(DayHundredths(300)),
            &[],
        ));
    });
}

fn main() {
    divan::main();
}
