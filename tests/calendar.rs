//! Legal working time: properties of due dates (proptest), notice files, and the
//! `motcua calendar` command line on a temporary data directory.

use chrono::{Duration, NaiveDate, NaiveDateTime, Timelike};
use motcua::calendar::{
    Calendar, ClockEvent, DayHundredths, DayKind, ExplainedDay, LocalTime, OfficeHours, TimeLimit,
    WorkMinutes, parse_notice,
};
use proptest::prelude::*;

mod cli; // `motcua calendar …` on a temporary data directory
mod notices; // the built-in notices of 2020–2024 and 24/11

use crate::support::at as t;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

/// Minutes after midnight.
fn minute(t: NaiveDateTime) -> u32 {
    t.hour() * 60 + t.minute()
}

/// Inside the default office hours: `(07:30, 11:30]` or `(13:30, 17:00]` (a due instant is the
/// end of counted time, so a session's end is inside, its start is not).
fn in_office_hours(t: NaiveDateTime) -> bool {
    let m = minute(t);
    (450 < m && m <= 690) || (810 < m && m <= 1020)
}

fn instant() -> impl Strategy<Value = LocalTime> {
    // 2024-01-01 .. 2028-12-31, any minute.
    (0i64..(5 * 366), 0i64..1440).prop_map(|(day, min)| {
        d("2024-01-01").and_hms_opt(0, 0, 0).expect("midnight")
            + Duration::days(day)
            + Duration::minutes(min)
    })
}

fn limit() -> impl Strategy<Value = TimeLimit> {
    prop_oneof![
        Just(TimeLimit::SameDay),
        (1u32..=6000).prop_map(|h| TimeLimit::WorkingDays(DayHundredths(h))),
        (1u32..=20_000).prop_map(TimeLimit::WorkingMinutes),
    ]
}

/// Working minutes the limit stands for (every working day has 450 minutes by default).
fn limit_minutes(limit: TimeLimit) -> Option<u64> {
    match limit {
        TimeLimit::WorkingMinutes(m) => Some(u64::from(m)),
        TimeLimit::WorkingDays(DayHundredths(h)) => {
            let share = (u64::from(h % 100) * 450 + 50) / 100;
            Some(u64::from(h / 100) * 450 + share)
        }
        TimeLimit::SameDay => None,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn due_is_in_office_hours_on_a_working_day(received in instant(), limit in limit()) {
        let cal = Calendar::builtin();
        let due = cal.due_at(received, limit, &[]);
        prop_assert!(cal.is_working_day(due.date()), "{due} is a day off");
        prop_assert!(in_office_hours(due), "{due} outside office hours");
        prop_assert!(due > received);
        prop_assert_eq!(due, cal.due(received, limit, &[]).at);
    }

    #[test]
    fn adding_a_then_b_is_adding_a_plus_b(start in instant(), a in 0i64..5000, b in 0i64..5000) {
        let cal = Calendar::builtin();
        let (a, b) = (WorkMinutes::new(a), WorkMinutes::new(b));
        let ab = cal.add_working_minutes(cal.add_working_minutes(start, a), b);
        prop_assert_eq!(ab, cal.add_working_minutes(start, a + b));
        let between = cal.working_minutes_between(start, cal.add_working_minutes(start, a));
        prop_assert_eq!(between, a);
    }

    #[test]
    fn working_time_from_start_to_due_is_the_limit(received in instant(), limit in limit()) {
        let cal = Calendar::builtin();
        let due = cal.due(received, limit, &[]);
        let e = &due.explanation;
        let between = cal.working_minutes_between(e.start, due.at).get();
        prop_assert_eq!(e.clock_minutes() as i64, between);
        prop_assert_eq!(e.counted_minutes() as i64, between);
        if let Some(m) = limit_minutes(limit) {
            prop_assert_eq!(between as u64, m);
        }
        if let TimeLimit::WorkingMinutes(m) = limit {
            prop_assert_eq!(cal.working_minutes_between(received, due.at), WorkMinutes::from(m));
        }
    }

    #[test]
    fn explanation_adds_up_with_pauses(
        received in instant(),
        limit in limit(),
        pause_after in 0i64..3000,
        pause_len in 1i64..3000,
    ) {
        let cal = Calendar::builtin();
        let plain = cal.due_at(received, limit, &[]);
        let start = cal.due(received, limit, &[]).explanation.start;
        let pause = cal.add_working_minutes(start, WorkMinutes::new(pause_after));
        let resume = cal.add_working_minutes(pause, WorkMinutes::new(pause_len));
        let clock = [ClockEvent::Pause(pause), ClockEvent::Resume(resume)];
        let due = cal.due(received, limit, &clock);
        let e = &due.explanation;
        prop_assert_eq!(e.clock_minutes() as i64, cal.working_minutes_between(e.start, due.at).get());
        let plain_minutes = cal.working_minutes_between(start, plain).get();
        prop_assert_eq!(e.counted_minutes() as i64, plain_minutes);
        if pause < plain {
            // The due date moved by exactly the paused working time.
            prop_assert_eq!(cal.working_minutes_between(plain, due.at).get(), pause_len);
        } else {
            prop_assert_eq!(due.at, plain);
        }
        // Every day listed is counted exactly when it is a working day on or after the start.
        for day in &e.days {
            if let ExplainedDay::Counted { date, .. } = day {
                prop_assert!(cal.is_working_day(*date));
            }
        }
    }

    #[test]
    fn working_time_between_is_additive(a in instant(), b in instant(), c in instant()) {
        let cal = Calendar::builtin();
        let ab = cal.working_minutes_between(a, b);
        let bc = cal.working_minutes_between(b, c);
        prop_assert_eq!(ab + bc, cal.working_minutes_between(a, c));
        prop_assert_eq!(ab, -cal.working_minutes_between(b, a));
    }

    #[test]
    fn a_later_receipt_is_never_due_earlier(a in instant(), extra in 0i64..10_000, limit in limit()) {
        let cal = Calendar::builtin();
        let b = a + Duration::minutes(extra);
        prop_assert!(cal.due_at(a, limit, &[]) <= cal.due_at(b, limit, &[]));
    }

    #[test]
    fn make_up_saturday_counts(day in 10u32..=20, hour in 7u32..=16) {
        // Saturday 22/08/2026 is a make-up working day (Quốc khánh 2026 notice).
        let cal = Calendar::builtin();
        let received = NaiveDate::from_ymd_opt(2026, 8, day).expect("date")
            .and_hms_opt(hour, 0, 0).expect("time");
        let due = cal.due(received, TimeLimit::WorkingDays(DayHundredths(1000)), &[]);
        let counted = due.explanation.days.iter().any(|x| matches!(
            x, ExplainedDay::Counted { date, minutes: 450, .. } if *date == d("2026-08-22")
        ));
        prop_assert!(counted, "22/08/2026 not counted: {:?}", due.explanation.days);
    }
}

#[test]
fn make_up_saturday_shortens_the_wait() {
    let cal = Calendar::builtin();
    // Thursday 20/08/2026 + 2 working days: Friday 21, make-up Saturday 22.
    assert_eq!(
        cal.due_at(
            t("2026-08-20 09:00"),
            TimeLimit::WorkingDays(DayHundredths(200)),
            &[]
        ),
        t("2026-08-22 17:00")
    );
    assert_eq!(
        cal.day_kind(d("2026-08-22")),
        DayKind::MakeUp("Làm bù cho ngày nghỉ 31/8/2026".into())
    );
}

#[test]
fn explanation_in_vietnamese_snapshot() {
    let cal = Calendar::builtin();
    let clock = [
        ClockEvent::Pause(t("2026-02-24 09:00")),
        ClockEvent::Resume(t("2026-02-25 14:00")),
    ];
    let due = cal.due(
        t("2026-02-12 15:30"),
        TimeLimit::WorkingDays(DayHundredths(250)),
        &clock,
    );
    insta::assert_snapshot!(
        "calendar_explanation_tet_2026",
        due.explanation.lines().join("\n")
    );
}

pub(crate) const NOTICE_2027: &str = r#"# Thông báo nghỉ lễ, Tết năm 2027 (ví dụ)
source = "Thông báo số 1234/TB-BNV"
replaces = ["tet-am-lich"]

[[off]]
from = "2027-02-04"
to = "2027-02-12"
name = "Tết Nguyên đán"

[[off]]
from = 2027-11-24
name = "Ngày Văn hóa Việt Nam"

[[work]]
date = "2027-02-20"
name = "Làm bù cho ngày 04/02/2027"
"#;

#[test]
fn notice_file_overrides_the_rule() {
    let files = vec![("2027.toml".to_string(), NOTICE_2027.to_string())];
    let cal = Calendar::with_notice_files(OfficeHours::default(), &files).expect("valid");
    let rule = Calendar::builtin();
    // The rule's Tết 2027 (05/02–11/02 with compensations) is replaced by the notice.
    assert!(!cal.is_working_day(d("2027-02-04")));
    assert!(rule.is_working_day(d("2027-02-04")));
    assert!(!cal.is_working_day(d("2027-02-12")));
    assert!(cal.is_working_day(d("2027-02-20")));
    assert_eq!(
        cal.day_kind(d("2027-11-24")),
        DayKind::Holiday("Ngày Văn hóa Việt Nam".into())
    );
    // Other occasions still follow the rule (Giỗ Tổ, Friday 16/04/2027).
    assert!(!cal.is_working_day(d("2027-04-16")));
}

#[test]
fn notice_file_errors_name_file_line_and_reason() {
    let cases = [
        (
            "2027.toml",
            "[[off]]\nfrom = \"2027-02-30\"\nname = \"x\"\n",
            2,
            "không hợp lệ",
        ),
        (
            "2027.toml",
            "[[off]]\nfrom = \"2026-12-31\"\nname = \"x\"\n",
            2,
            "không thuộc năm 2027",
        ),
        (
            "2027.toml",
            "replaces = [\"tet\"]\n",
            1,
            "không có ngày lễ \"tet\"",
        ),
        ("2027.toml", "\n\n[[off]\nfrom = 1\n", 3, "sai cú pháp"),
        ("2027.toml", "year = 2026\n", 1, "không khớp"),
        ("ghichu.toml", "", 0, "tên tệp phải là năm"),
        (
            "2027.toml",
            "[[off]]\nfrom = \"2027-05-03\"\nname = \"x\"\n[[work]]\ndate = \"2027-05-03\"\nname = \"y\"\n",
            5,
            "vừa là ngày nghỉ vừa là ngày làm bù",
        ),
    ];
    for (file, text, line, reason) in cases {
        let e = parse_notice(file, text).expect_err(text);
        assert_eq!(e.file, file);
        assert_eq!(e.line, line, "{e}");
        assert!(e.reason.contains(reason), "{e}");
        assert!(e.to_string().contains(&format!("dòng {line}")));
    }
}

#[test]
fn office_hours_from_toml_with_seasons() {
    #[derive(serde::Deserialize)]
    struct Config {
        office_hours: OfficeHours,
    }
    let text = r#"
[office_hours]
weekdays = ["T2", "T3", "T4", "T5", "T6"]
sessions = ["07:30-11:30", "13:30-17:00"]

[[office_hours.seasons]]
name = "Giờ mùa đông"
from = "10-01"
to = "03-31"
sessions = ["07:30-11:30", "13:00-16:30"]
"#;
    let config: Config = toml::from_str(text).expect("valid office hours");
    let cal = Calendar::new(config.office_hours.clone(), Vec::new());
    // Winter (wrapping over the new year): afternoon ends at 16:30.
    assert_eq!(
        cal.due_at(
            t("2027-01-05 09:00"),
            TimeLimit::WorkingDays(DayHundredths(100)),
            &[]
        ),
        t("2027-01-06 16:30")
    );
    assert_eq!(
        cal.due_at(
            t("2027-06-07 09:00"),
            TimeLimit::WorkingDays(DayHundredths(100)),
            &[]
        ),
        t("2027-06-08 17:00")
    );
    // Round trip through TOML.
    let back = toml::to_string(&config.office_hours).expect("serialises");
    let again: OfficeHours = toml::from_str(&back).expect("reads back");
    assert_eq!(again, config.office_hours);
    // Invalid: overlapping sessions.
    let bad = "sessions = [\"07:30-11:30\", \"11:00-17:00\"]";
    let err = toml::from_str::<OfficeHours>(bad).expect_err("overlap");
    assert!(err.to_string().contains("chồng lên"), "{err}");
}

#[test]
fn lunar_dates_pinned() {
    use motcua::calendar::lunar::to_lunar;
    for (solar, lunar) in [
        ("2026-02-17", "1/1/2026"),
        ("2026-04-26", "10/3/2026"),
        ("2025-07-25", "1/6/2025 nhuận"),
        ("2025-08-22", "29/6/2025 nhuận"),
        ("2025-08-23", "1/7/2025"),
        ("2023-03-22", "1/2/2023 nhuận"),
        ("2024-02-09", "30/12/2023"),
        ("1985-01-21", "1/1/1985"),
        ("2030-02-02", "1/1/2030"),
        ("1900-01-31", "1/1/1900"),
        ("2100-02-09", "1/1/2100"),
    ] {
        assert_eq!(to_lunar(d(solar)).to_string(), lunar, "{solar}");
    }
}

/// Tết and the leap month of every lunar year 1900–2100. The table was cross-checked day by day
/// (all 73 414 days of 1900–2100) against an independent Vietnamese implementation.
#[test]
fn tet_and_leap_months_1900_to_2100() {
    use motcua::calendar::LunarDate;
    use motcua::calendar::lunar::{from_lunar, to_lunar};
    let table = include_str!("fixtures/lunar_years_1900_2100.txt");
    let mut years = 0;
    for line in table.lines().filter(|l| !l.starts_with('#')) {
        let cols: Vec<&str> = line.split_whitespace().collect();
        let year: i32 = cols[0].parse().expect("year");
        let lunar = |day, month, leap| LunarDate {
            day,
            month,
            year,
            leap,
        };
        assert_eq!(
            from_lunar(lunar(1, 1, false)),
            Some(d(cols[1])),
            "Tết {year}"
        );
        assert_eq!(to_lunar(d(cols[1])), lunar(1, 1, false));
        match cols[2] {
            "-" => {
                for m in 1..=12 {
                    assert_eq!(from_lunar(lunar(1, m, true)), None, "{year} leap {m}");
                }
            }
            m => {
                let m: u32 = m.parse().expect("month");
                assert_eq!(from_lunar(lunar(1, m, true)), Some(d(cols[3])), "{year}");
                assert_eq!(to_lunar(d(cols[3])), lunar(1, m, true));
            }
        }
        years += 1;
    }
    assert_eq!(years, 201);
}
