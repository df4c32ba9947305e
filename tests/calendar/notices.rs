//! The built-in notices of 2020–2024 (legacy ledgers keep their real due dates) and 24/11
//! "Ngày Văn hóa Việt Nam" from 2026 (issue 12 item 6).

use motcua::calendar::{Calendar, DayKind};

use super::d;

fn off(cal: &Calendar, days: &[&str]) {
    for s in days {
        assert!(!cal.is_working_day(d(s)), "{s} should be off");
    }
}

fn worked(cal: &Calendar, days: &[&str]) {
    for s in days {
        assert!(cal.is_working_day(d(s)), "{s} should be worked");
    }
}

#[test]
fn the_notices_of_2020_to_2024_win_over_the_rule() {
    let cal = Calendar::builtin();
    // 2020: Tết Thu 23/01 – Wed 29/01 (the rule alone would give 24/01 and 27–30/01); Quốc
    // khánh one day under the Labour Code 2012.
    off(
        &cal,
        &["2020-01-23", "2020-01-24", "2020-01-29", "2020-09-02"],
    );
    worked(&cal, &["2020-01-30", "2020-09-01", "2020-09-03"]);
    // 2021: Tết Wed 10/02 – Tue 16/02; Quốc khánh Thu 02/09 – Fri 03/09 (+ weekend).
    off(
        &cal,
        &["2021-02-10", "2021-02-16", "2021-09-02", "2021-09-03"],
    );
    worked(&cal, &["2021-02-17", "2021-09-01"]);
    // 2022: Tết Mon 31/01 – Fri 04/02; Quốc khánh Thu 01/09 – Fri 02/09; 01/01 on a Saturday
    // gives Mon 03/01 by the rule.
    off(
        &cal,
        &[
            "2022-01-03",
            "2022-01-31",
            "2022-02-04",
            "2022-09-01",
            "2022-09-02",
        ],
    );
    worked(&cal, &["2022-02-07", "2022-09-05"]);
    // 2023: Tết Fri 20/01 – Thu 26/01; Giỗ Tổ Sat 29/04, 30/04 Sun, 01/05 → 02/05, 03/05 off.
    off(
        &cal,
        &[
            "2023-01-20",
            "2023-01-26",
            "2023-05-02",
            "2023-05-03",
            "2023-09-04",
        ],
    );
    worked(&cal, &["2023-01-27", "2023-05-04"]);
    // 2024: Tết Thu 08/02 – Wed 14/02; Mon 29/04 off, Sat 04/05 worked (Official Dispatch
    // 2450/VPCP-KGVX); Quốc khánh Mon 02/09 – Tue 03/09.
    off(
        &cal,
        &[
            "2024-02-08",
            "2024-02-14",
            "2024-04-29",
            "2024-09-02",
            "2024-09-03",
        ],
    );
    worked(&cal, &["2024-02-15", "2024-05-04", "2024-05-02"]);
    assert_eq!(
        cal.day_kind(d("2024-05-04")),
        DayKind::MakeUp("Làm bù cho ngày nghỉ 29/4/2024".into())
    );
}

#[test]
fn culture_day_from_2026() {
    let cal = Calendar::builtin();
    worked(&cal, &["2025-11-24"]);
    assert_eq!(
        cal.day_kind(d("2026-11-24")),
        DayKind::Holiday("Ngày Văn hóa Việt Nam".into())
    );
    // 24/11/2029 is a Saturday: compensated on Monday 26/11 by the rule.
    assert_eq!(
        cal.day_kind(d("2029-11-26")),
        DayKind::Holiday("Nghỉ bù Ngày Văn hóa Việt Nam".into())
    );
    // A desk's notice file can take it away for a year.
    let notice = motcua::calendar::parse_notice("2027.toml", "replaces = [\"van-hoa\"]\n")
        .expect("a valid notice");
    let mut notices = motcua::calendar::Notice::builtin();
    notices.push(notice);
    let cal = Calendar::new(motcua::calendar::OfficeHours::default(), notices);
    worked(&cal, &["2027-11-24"]);
}
