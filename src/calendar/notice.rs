//! Official notices ("thông báo nghỉ lễ, Tết"): the days off and make-up working days the
//! government announces for a year. A notice wins over the rule ([`super::holidays`]): its days
//! off and working days override the rule's, and the occasions it lists in `replaces` drop the
//! rule's days (and compensatory days) for that occasion in that year.
//!
//! Pure data. The built-in 2025 and 2026 notices are here; notice files are parsed from text by
//! [`super::notice_file`] (the caller reads the files).

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::holidays::Occasion;

/// One named day in a notice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeDay {
    pub date: NaiveDate,
    pub name: String,
}

/// A year's notice: days off, make-up working days, and the rule occasions it replaces.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    /// The Gregorian year every date of the notice lies in.
    pub year: i32,
    /// Where it comes from (e.g. "Thông báo 9441/TB-BNV", or a file name).
    pub source: String,
    pub days_off: Vec<NoticeDay>,
    pub work_days: Vec<NoticeDay>,
    pub replaces: Vec<Occasion>,
}

impl Notice {
    /// The notices built into the program: 2025 and 2026 (RULES.md §7).
    pub fn builtin() -> Vec<Notice> {
        vec![notice_2025(), notice_2026()]
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("built-in notice dates are valid")
}

/// Every day from `from` to `to` (inclusive) named `name`.
fn span(from: NaiveDate, to: NaiveDate, name: &str) -> Vec<NoticeDay> {
    let mut out = Vec::new();
    let mut d = from;
    while d <= to {
        out.push(NoticeDay {
            date: d,
            name: name.to_string(),
        });
        d = d + Days::new(1);
    }
    out
}

fn notice_2025() -> Notice {
    let mut days_off = span(date(2025, 1, 25), date(2025, 2, 2), "Tết Nguyên đán");
    days_off.extend(span(
        date(2025, 4, 7),
        date(2025, 4, 7),
        "Giỗ Tổ Hùng Vương",
    ));
    days_off.extend(span(
        date(2025, 4, 30),
        date(2025, 4, 30),
        "Ngày Chiến thắng 30/4",
    ));
    days_off.extend(span(
        date(2025, 5, 1),
        date(2025, 5, 1),
        "Ngày Quốc tế Lao động 1/5",
    ));
    days_off.extend(span(
        date(2025, 5, 2),
        date(2025, 5, 4),
        "Nghỉ lễ 30/4 – 1/5 (hoán đổi, làm bù thứ Bảy 26/4)",
    ));
    days_off.extend(span(date(2025, 8, 30), date(2025, 9, 2), "Quốc khánh 2/9"));
    Notice {
        year: 2025,
        source: "Thông báo nghỉ lễ, Tết năm 2025 của Bộ Nội vụ".to_string(),
        days_off,
        work_days: span(
            date(2025, 4, 26),
            date(2025, 4, 26),
            "Làm bù cho ngày nghỉ 02/5/2025",
        ),
        replaces: vec![
            Occasion::LunarNewYear,
            Occasion::HungKings,
            Occasion::Reunification,
            Occasion::Labour,
            Occasion::NationalDay,
        ],
    }
}

fn notice_2026() -> Notice {
    let mut days_off = span(date(2026, 1, 1), date(2026, 1, 1), "Tết Dương lịch");
    days_off.extend(span(date(2026, 2, 14), date(2026, 2, 22), "Tết Nguyên đán"));
    days_off.extend(span(
        date(2026, 4, 26),
        date(2026, 4, 26),
        "Giỗ Tổ Hùng Vương",
    ));
    days_off.extend(span(
        date(2026, 4, 27),
        date(2026, 4, 27),
        "Nghỉ bù Giỗ Tổ Hùng Vương",
    ));
    days_off.extend(span(
        date(2026, 4, 30),
        date(2026, 4, 30),
        "Ngày Chiến thắng 30/4",
    ));
    days_off.extend(span(
        date(2026, 5, 1),
        date(2026, 5, 1),
        "Ngày Quốc tế Lao động 1/5",
    ));
    days_off.extend(span(date(2026, 8, 29), date(2026, 9, 2), "Quốc khánh 2/9"));
    Notice {
        year: 2026,
        source: "Thông báo 9441/TB-BNV về nghỉ lễ, Tết năm 2026".to_string(),
        days_off,
        work_days: span(
            date(2026, 8, 22),
            date(2026, 8, 22),
            "Làm bù cho ngày nghỉ 31/8/2026",
        ),
        replaces: Occasion::ALL.to_vec(),
    }
}
