//! Unit tests of the calendar: pinned lunar dates, RULES.md §7 days, due dates by hand.

use chrono::NaiveDate;

use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test value")
}

fn t(s: &str) -> LocalTime {
    parse_local(s).expect("test value")
}

fn due(from: &str, limit: TimeLimit) -> String {
    let cal = Calendar::builtin();
    cal.due_at(t(from), limit, &[])
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

const TET: [&str; 30] = [
    "2000-02-05",
    "2001-01-24",
    "2002-02-12",
    "2003-02-01",
    "2004-01-22",
    "2005-02-09",
    "2006-01-29",
    "2007-02-17",
    "2008-02-07",
    "2009-01-26",
    "2010-02-14",
    "2011-02-03",
    "2012-01-23",
    "2013-02-10",
    "2014-01-31",
    "2015-02-19",
    "2016-02-08",
    "2017-01-28",
    "2018-02-16",
    "2019-02-05",
    "2020-01-25",
    "2021-02-12",
    "2022-02-01",
    "2023-01-22",
    "2024-02-10",
    "2025-01-29",
    "2026-02-17",
    "2027-02-06",
    "2028-01-26",
    "2029-02-13",
];

#[test]
fn tet_dates_of_rules_table() {
    for s in TET {
        let date = d(s);
        let year = chrono::Datelike::year(&date);
        assert_eq!(lunar::tet(year), Some(date), "Tết {year}");
        let l = lunar::to_lunar(date);
        assert_eq!((l.day, l.month, l.year, l.leap), (1, 1, year, false));
    }
    // UTC+7, not UTC+8: these differ from the Chinese calendar.
    assert_eq!(lunar::tet(1985), Some(d("1985-01-21")));
    assert_eq!(lunar::tet(2030), Some(d("2030-02-02")));
}

#[test]
fn gio_to_dates_of_rules_table() {
    for s in [
        "2020-04-02",
        "2021-04-21",
        "2022-04-10",
        "2023-04-29",
        "2024-04-18",
        "2025-04-07",
        "2026-04-26",
        "2027-04-16",
    ] {
        let date = d(s);
        let year = chrono::Datelike::year(&date);
        assert_eq!(
            holidays::occasion_days(Occasion::HungKings, year),
            vec![date]
        );
    }
}

#[test]
fn leap_months() {
    // 2023: leap 2nd month starting 2023-03-22.
    let l = lunar::to_lunar(d("2023-03-22"));
    assert_eq!((l.day, l.month, l.year, l.leap), (1, 2, 2023, true));
    assert_eq!(l.to_string(), "1/2/2023 nhuận");
    let before = lunar::to_lunar(d("2023-03-21"));
    assert_eq!((before.month, before.leap), (2, false));
    // 2025: leap 6th month.
    let leap6 = LunarDate {
        day: 1,
        month: 6,
        year: 2025,
        leap: true,
    };
    let start = lunar::from_lunar(leap6).expect("test value");
    assert_eq!(start, d("2025-07-25"));
    assert_eq!(lunar::to_lunar(start), leap6);
    // No leap 3rd month in 2025.
    assert_eq!(
        lunar::from_lunar(LunarDate {
            day: 1,
            month: 3,
            year: 2025,
            leap: true
        }),
        None
    );
    // Lunar month 7 of 2026 starts 2026-08-13.
    let l = lunar::to_lunar(d("2026-08-13"));
    assert_eq!((l.day, l.month, l.year, l.leap), (1, 7, 2026, false));
}

#[test]
fn lunar_round_trips_1900_to_2100() {
    let mut date = d("1900-01-01");
    let end = d("2100-12-31");
    let mut last = lunar::to_lunar(date);
    while date < end {
        date = date.succ_opt().expect("test value");
        let l = lunar::to_lunar(date);
        assert_eq!(lunar::from_lunar(l), Some(date), "{date} -> {l}");
        if l.day == 1 {
            assert!(
                last.day == 29 || last.day == 30,
                "{date}: month of {}",
                last.day
            );
        } else {
            assert_eq!(l.day, last.day + 1, "{date}");
        }
        last = l;
    }
}

#[test]
fn days_of_2025_and_2026_follow_the_notices() {
    let cal = Calendar::builtin();
    let off = |s: &str| !cal.is_working_day(d(s));
    for s in [
        "2025-01-01",
        "2025-01-27",
        "2025-01-31",
        "2025-04-07",
        "2025-04-30",
        "2025-05-02",
        "2025-09-01",
        "2025-09-02",
        "2026-01-01",
        "2026-02-16",
        "2026-02-20",
        "2026-04-27",
        "2026-04-30",
        "2026-05-01",
        "2026-08-31",
        "2026-09-01",
        "2026-09-02",
    ] {
        assert!(off(s), "{s} should be off");
    }
    // The rule alone would give 2025-02-03 off (compensating 01/02): the notice wins.
    assert!(cal.is_working_day(d("2025-02-03")));
    assert!(cal.is_working_day(d("2026-02-23")));
    assert_eq!(
        cal.day_kind(d("2025-04-26")),
        DayKind::MakeUp("Làm bù cho ngày nghỉ 02/5/2025".into())
    );
    assert!(cal.is_working_day(d("2026-08-22")));
    assert_eq!(cal.day_kind(d("2026-03-07")), DayKind::Weekend);
    assert_eq!(cal.day_kind(d("2026-03-09")), DayKind::Working);
    assert_eq!(
        cal.day_kind(d("2026-04-26")),
        DayKind::Holiday("Giỗ Tổ Hùng Vương".into())
    );
    assert_eq!(cal.working_minutes_of_day(d("2026-03-09")).get(), 450);
    assert_eq!(cal.working_minutes_of_day(d("2026-03-08")).get(), 0);
}

#[test]
fn rule_gives_compensatory_days() {
    // 2028 by rule: 01/01/2028 is a Saturday → Monday 03/01 off.
    let cal = Calendar::builtin();
    assert_eq!(
        cal.day_kind(d("2028-01-03")),
        DayKind::Holiday("Nghỉ bù Tết Dương lịch".into())
    );
    // 2027: Giỗ Tổ Fri 16/04; 30/04 Fri; 01/05 Sat → Mon 03/05 off.
    assert!(!cal.is_working_day(d("2027-04-16")));
    assert!(!cal.is_working_day(d("2027-05-03")));
    // 2027 Tết (Sat 06/02): 05/02 Fri – 09/02 Tue, Sat+Sun compensated Wed 10, Thu 11.
    for s in [
        "2027-02-05",
        "2027-02-08",
        "2027-02-09",
        "2027-02-10",
        "2027-02-11",
    ] {
        assert!(!cal.is_working_day(d(s)), "{s}");
    }
    assert!(cal.is_working_day(d("2027-02-12")));
}

#[test]
fn same_day_and_the_15_00_rule() {
    assert_eq!(
        due("2026-03-02 09:00", TimeLimit::SameDay),
        "2026-03-02 17:00"
    );
    assert_eq!(
        due("2026-03-02 15:00", TimeLimit::SameDay),
        "2026-03-02 17:00"
    );
    assert_eq!(
        due("2026-03-02 15:01", TimeLimit::SameDay),
        "2026-03-03 17:00"
    );
    assert_eq!(
        due("2026-03-02 06:00", TimeLimit::SameDay),
        "2026-03-02 17:00"
    );
    assert_eq!(
        due("2026-03-02 12:00", TimeLimit::SameDay),
        "2026-03-02 17:00"
    );
    // Friday after 15:00 → Monday; Saturday → Monday.
    assert_eq!(
        due("2026-03-06 16:00", TimeLimit::SameDay),
        "2026-03-09 17:00"
    );
    assert_eq!(
        due("2026-03-07 09:00", TimeLimit::SameDay),
        "2026-03-09 17:00"
    );
}

#[test]
fn working_days() {
    let days = |h| TimeLimit::WorkingDays(DayHundredths(h));
    // Receipt day not counted: Monday + 3 → Thursday.
    assert_eq!(due("2026-03-02 09:00", days(300)), "2026-03-05 17:00");
    // After 15:00 the receipt counts as Tuesday's → Friday.
    assert_eq!(due("2026-03-02 15:30", days(300)), "2026-03-06 17:00");
    // Over a weekend.
    assert_eq!(due("2026-03-05 10:00", days(200)), "2026-03-09 17:00");
    // Half a day: 225 minutes from Tuesday 07:30.
    assert_eq!(due("2026-03-02 10:00", days(50)), "2026-03-03 11:15");
    assert_eq!(due("2026-03-02 10:00", days(150)), "2026-03-04 11:15");
    // Over Tết 2026 (Mon 16/02 – Fri 20/02 off): Thu 12/02 + 3 → Fri 13, Mon 23, Tue 24.
    assert_eq!(due("2026-02-12 08:00", days(300)), "2026-02-24 17:00");
    // Make-up Saturday 22/08/2026 counts; 31/08–02/09 off.
    assert_eq!(due("2026-08-20 08:00", days(200)), "2026-08-22 17:00");
    assert_eq!(due("2026-08-28 08:00", days(100)), "2026-09-03 17:00");
}

#[test]
fn working_hours() {
    let mins = TimeLimit::WorkingMinutes;
    assert_eq!(due("2026-03-02 10:00", mins(240)), "2026-03-02 16:00");
    // Exactly to the end of a session stays at 11:30.
    assert_eq!(due("2026-03-02 10:00", mins(90)), "2026-03-02 11:30");
    assert_eq!(due("2026-03-02 10:00", mins(91)), "2026-03-02 13:31");
    // Outside office hours: from the next session start.
    assert_eq!(due("2026-03-02 18:00", mins(60)), "2026-03-03 08:30");
    assert_eq!(due("2026-03-06 16:30", mins(60)), "2026-03-09 08:00");
}

#[test]
fn clock_events_move_the_due_date() {
    let cal = Calendar::builtin();
    let received = t("2026-03-02 09:00");
    let limit = TimeLimit::WorkingDays(DayHundredths(300));
    // Paused Tuesday 07:30 to Wednesday 07:30: one working day excluded.
    let clock = [
        ClockEvent::Pause(t("2026-03-03 07:30")),
        ClockEvent::Resume(t("2026-03-04 07:30")),
    ];
    assert_eq!(cal.due_at(received, limit, &clock), t("2026-03-06 17:00"));
    // Open pause: no move.
    assert_eq!(
        cal.due_at(received, limit, &clock[..1]),
        t("2026-03-05 17:00")
    );
    // Restart Wednesday 10:00: counts again from zero → Monday 09/03.
    let clock = [
        ClockEvent::Pause(t("2026-03-03 07:30")),
        ClockEvent::Resume(t("2026-03-04 07:30")),
        ClockEvent::Restart(t("2026-03-04 10:00")),
    ];
    assert_eq!(cal.due_at(received, limit, &clock), t("2026-03-09 17:00"));
}

#[test]
fn explanation_adds_up() {
    let cal = Calendar::builtin();
    let clock = [
        ClockEvent::Pause(t("2026-02-13 10:00")),
        ClockEvent::Resume(t("2026-02-23 09:00")),
    ];
    let due = cal.due(
        t("2026-02-12 15:30"),
        TimeLimit::WorkingDays(DayHundredths(200)),
        &clock,
    );
    let e = &due.explanation;
    assert_eq!(e.due, due.at);
    assert_eq!(
        e.clock_minutes() as i64,
        cal.working_minutes_between(e.start, due.at).get()
    );
    assert_eq!(e.counted_minutes(), 900);
    assert_eq!(
        e.days[0],
        ExplainedDay::Skipped {
            date: d("2026-02-12"),
            reason: SkipReason::AfterCutoff
        }
    );
    assert_eq!(
        e.days[1],
        ExplainedDay::Skipped {
            date: d("2026-02-13"),
            reason: SkipReason::ReceiptDay
        }
    );
    let lines = e.lines().join("\n");
    assert!(lines.contains("nghỉ Tết Nguyên đán"), "{lines}");
    assert!(lines.contains("Hạn trả kết quả: "), "{lines}");
}

#[test]
fn minutes_between_and_sub_working_days() {
    let cal = Calendar::builtin();
    assert_eq!(
        cal.working_minutes_between(t("2026-03-02 07:30"), t("2026-03-03 07:30"))
            .get(),
        450
    );
    assert_eq!(
        cal.working_minutes_between(t("2026-03-06 16:00"), t("2026-03-09 08:30"))
            .get(),
        120
    );
    assert_eq!(
        cal.working_minutes_between(t("2026-03-09 08:30"), t("2026-03-06 16:00"))
            .get(),
        -120
    );
    assert_eq!(
        cal.sub_working_days(t("2026-03-09 17:00"), 1),
        t("2026-03-06 17:00")
    );
    assert_eq!(
        cal.sub_working_days(t("2026-02-23 17:00"), 1),
        t("2026-02-13 17:00")
    );
    assert_eq!(
        cal.sub_working_days(t("2026-03-10 20:00"), 1),
        t("2026-03-09 17:00")
    );
}

#[test]
fn calendar_is_shareable() {
    fn check<T: Clone + Send + Sync>() {}
    check::<Calendar>();
}

#[test]
fn far_years_do_not_panic() {
    for year in [1, 1000, 3000, 100_000, 262_000] {
        let date = NaiveDate::from_ymd_opt(year, 6, 1).expect("test value");
        let _ = lunar::to_lunar(date);
        let cal = Calendar::builtin();
        let due = cal.due_at(
            date.and_hms_opt(9, 0, 0).expect("test value"),
            TimeLimit::WorkingDays(DayHundredths(300)),
            &[],
        );
        assert!(due > date.and_hms_opt(9, 0, 0).expect("test value"));
    }
}

/// The prefix sums give what walking the days gives, within a year and across years (Tết,
/// make-up days, leap years), for spans of every length from a day to several years.
#[test]
fn minutes_of_days_equals_the_walk() {
    let cal = Calendar::builtin();
    let walk = |a: NaiveDate, b: NaiveDate| {
        let mut total = 0u64;
        let mut d = a;
        while d < b {
            total += u64::from(cal.tables.day(d).minutes);
            d = d.succ_opt().expect("a next day");
        }
        total
    };
    let starts = [
        "2023-12-30",
        "2024-02-28",
        "2025-06-30",
        "2026-02-12",
        "2026-12-31",
    ];
    for s in starts {
        let a = d(s);
        for len in [0u64, 1, 2, 7, 31, 59, 200, 366, 400, 1100] {
            let b = a + chrono::Days::new(len);
            assert_eq!(
                cal.tables.minutes_of_days(a, b),
                walk(a, b),
                "{a} + {len} days"
            );
        }
        assert_eq!(cal.tables.minutes_of_days(a, a - chrono::Days::new(3)), 0);
    }
}
