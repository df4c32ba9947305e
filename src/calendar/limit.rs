//! A procedure's legal time limit ("thời hạn giải quyết") and its one reading in Vietnamese,
//! both ways: [`TimeLimit::label`] is what every screen, message, printout and the catalogue
//! CSV show; [`TimeLimit::parse`] reads it back (and the looser forms a clerk types). Pure.
//!
//! The words: `Trong ngày` | `N ngày làm việc` (N may be `0,5`, two decimals at most) |
//! `N giờ làm việc` | `N giờ M phút làm việc` | `M phút làm việc`.

use serde::{Deserialize, Serialize};

use super::minutes::{DayHundredths, parse_hundredths};
use crate::text::fold;

/// A legal time limit of a procedure ("thời hạn giải quyết").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
pub enum TimeLimit {
    /// "Ngay trong ngày" with the 15:00 rule.
    SameDay,
    /// Working days, to the hundredth (300 = 3 days, 50 = 0.5 day).
    WorkingDays(DayHundredths),
    /// Working time in minutes (a limit stated in working hours; 240 = 4 hours).
    WorkingMinutes(u32),
}

impl TimeLimit {
    /// "Trong ngày", "3 ngày làm việc", "0,5 ngày làm việc", "4 giờ làm việc",
    /// "1 giờ 30 phút làm việc", "45 phút làm việc".
    pub fn label(&self) -> String {
        match *self {
            TimeLimit::SameDay => "Trong ngày".to_owned(),
            TimeLimit::WorkingDays(DayHundredths(h)) => {
                format!("{} ngày làm việc", hundredths(u64::from(h)))
            }
            TimeLimit::WorkingMinutes(m) => format!("{} làm việc", fmt_duration(m)),
        }
    }

    /// Reads [`TimeLimit::label`]'s words back, diacritics and case ignored, `.` or `,` as the
    /// decimal mark; also accepts hours with decimals (`1,5 giờ làm việc`). `None` when the text
    /// is none of those forms, the amount is zero, or hours do not make whole minutes.
    pub fn parse(text: &str) -> Option<TimeLimit> {
        let f = fold(text);
        let f = f.split_whitespace().collect::<Vec<_>>().join(" ");
        if f == "trong ngay" || f == "ngay trong ngay" {
            return Some(TimeLimit::SameDay);
        }
        if let Some(days) = f.strip_suffix(" ngay lam viec") {
            let h = parse_hundredths(days).filter(|h| *h > 0)?;
            return u32::try_from(h)
                .ok()
                .map(|h| TimeLimit::WorkingDays(DayHundredths(h)));
        }
        let time = f.strip_suffix(" lam viec")?;
        let minutes = match time.split_once(" gio") {
            Some((hours, "")) => {
                let h = parse_hundredths(hours)?;
                ((h * 60) % 100 == 0).then_some(h * 60 / 100)?
            }
            Some((hours, rest)) => {
                let m = rest.strip_suffix(" phut")?.trim().parse::<u64>().ok()?;
                let h = hours.parse::<u64>().ok()?;
                (m < 60).then_some(h.checked_mul(60)?.checked_add(m)?)?
            }
            None => time.strip_suffix(" phut")?.parse::<u64>().ok()?,
        };
        let minutes = u32::try_from(minutes).ok().filter(|m| *m > 0)?;
        Some(TimeLimit::WorkingMinutes(minutes))
    }
}

/// `7 giờ 30 phút`, `4 giờ`, `45 phút` for a number of working minutes.
pub(crate) fn fmt_duration(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} phút"),
        (h, 0) => format!("{h} giờ"),
        (h, m) => format!("{h} giờ {m} phút"),
    }
}

/// "12" for 1200, "0,5" for 50, "1,25" for 125.
fn hundredths(h: u64) -> String {
    match h % 100 {
        0 => format!("{}", h / 100),
        r if r % 10 == 0 => format!("{},{}", h / 100, r / 10),
        r => format!("{},{:02}", h / 100, r),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hundredths_both_ways() {
        for (h, text) in [
            (0, "0"),
            (5, "0,05"),
            (50, "0,5"),
            (100, "1"),
            (125, "1,25"),
            (1000, "10"),
        ] {
            assert_eq!(hundredths(h), text);
            assert_eq!(parse_hundredths(text), Some(h), "{text}");
        }
        assert_eq!(parse_hundredths("1.5"), Some(150));
        for bad in ["", ",5", "1,", "1,234", "1234567", "a", "1,a", "-1"] {
            assert_eq!(parse_hundredths(bad), None, "{bad:?}");
        }
    }

    /// Issue 15: a 90-minute limit read "1 giờ 30 phút", "1,5 giờ" or "90 phút" depending on
    /// the screen; it has one reading now, and every reading parses back.
    #[test]
    fn one_reading_of_each_limit_and_back() {
        for (limit, text) in [
            (TimeLimit::SameDay, "Trong ngày"),
            (
                TimeLimit::WorkingDays(DayHundredths(300)),
                "3 ngày làm việc",
            ),
            (
                TimeLimit::WorkingDays(DayHundredths(50)),
                "0,5 ngày làm việc",
            ),
            (
                TimeLimit::WorkingDays(DayHundredths(125)),
                "1,25 ngày làm việc",
            ),
            (TimeLimit::WorkingMinutes(240), "4 giờ làm việc"),
            (TimeLimit::WorkingMinutes(90), "1 giờ 30 phút làm việc"),
            (TimeLimit::WorkingMinutes(45), "45 phút làm việc"),
        ] {
            assert_eq!(limit.label(), text);
            assert_eq!(TimeLimit::parse(text), Some(limit), "{text}");
        }
        assert_eq!(
            TimeLimit::parse("1,5 GIO LAM VIEC"),
            Some(TimeLimit::WorkingMinutes(90))
        );
        assert_eq!(
            TimeLimit::parse("90 phút làm việc"),
            Some(TimeLimit::WorkingMinutes(90))
        );
        for bad in [
            "0 ngày làm việc",
            "1 giờ 60 phút làm việc",
            "0,01 giờ làm việc",
            "3 ngày",
        ] {
            assert_eq!(TimeLimit::parse(bad), None, "{bad}");
        }
    }
}
