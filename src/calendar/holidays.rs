//! Public holidays by rule (Labour Code 2019 Art. 112) and compensatory days (Art. 111.3), for one
//! Gregorian year. Pure; depends only on the lunar calendar. Notices ([`super::notice`]) win
//! over what this computes.
//!
//! Defaults where the law leaves the choice to the yearly decision of the Prime Minister:
//! - **Tết Nguyên đán** (5 days): the last day of the old lunar year and the first four days of
//!   the new one (lunar 30 or 29/12 to 4/1). The government announces the real split each year;
//!   load its notice to override this default.
//! - **Quốc khánh** (2 days): 02/09 and the day before it, 01/09. When that pair touches a
//!   weekend, the compensatory rule below extends it (e.g. 02/09 on a Saturday gives 01/09 off
//!   and a compensatory Monday 04/09).
//! - **Giỗ Tổ Hùng Vương**: 10th day of the regular 3rd lunar month, never a leap 3rd month.
//! - **Ngày Văn hóa Việt Nam**: 24/11, from 2026 (see [`CULTURE_DAY_FROM`] for its source).
//! - Before 2021 (Labour Code 2012, Art. 115) Quốc khánh was 02/09 alone.
//!
//! Compensatory days ("nghỉ bù", Art. 111.3): each holiday that falls on a weekly rest day gives
//! one day off on the next working weekday that is not already a holiday or a compensatory day,
//! taken in date order.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::lunar::{LunarDate, from_lunar, tet};

/// A public holiday of the Labour Code, as named in notice files by its key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
pub enum Occasion {
    /// 01/01, key `tet-duong-lich`.
    NewYear,
    /// Lunar new year, 5 days, key `tet-am-lich`.
    LunarNewYear,
    /// 10/3 lunar, key `gio-to`.
    HungKings,
    /// 30/04, key `30-4`.
    Reunification,
    /// 01/05, key `1-5`.
    Labour,
    /// 02/09 and an adjacent day (02/09 alone before 2021), key `quoc-khanh`.
    NationalDay,
    /// 24/11 "Ngày Văn hóa Việt Nam", from 2026, key `van-hoa`.
    CultureDay,
}

impl Occasion {
    pub(crate) const ALL: [Occasion; 7] = [
        Occasion::NewYear,
        Occasion::LunarNewYear,
        Occasion::HungKings,
        Occasion::Reunification,
        Occasion::Labour,
        Occasion::NationalDay,
        Occasion::CultureDay,
    ];

    /// The key used in notice files (`replaces = ["tet-am-lich"]`).
    pub(crate) fn key(self) -> &'static str {
        match self {
            Occasion::NewYear => "tet-duong-lich",
            Occasion::LunarNewYear => "tet-am-lich",
            Occasion::HungKings => "gio-to",
            Occasion::Reunification => "30-4",
            Occasion::Labour => "1-5",
            Occasion::NationalDay => "quoc-khanh",
            Occasion::CultureDay => "van-hoa",
        }
    }

    pub(crate) fn from_key(key: &str) -> Option<Occasion> {
        Occasion::ALL.into_iter().find(|o| o.key() == key.trim())
    }

    /// The Vietnamese name shown to clerks.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Occasion::NewYear => "Tết Dương lịch",
            Occasion::LunarNewYear => "Tết Nguyên đán",
            Occasion::HungKings => "Giỗ Tổ Hùng Vương",
            Occasion::Reunification => "Ngày Chiến thắng 30/4",
            Occasion::Labour => "Ngày Quốc tế Lao động 1/5",
            Occasion::NationalDay => "Quốc khánh 2/9",
            Occasion::CultureDay => "Ngày Văn hóa Việt Nam",
        }
    }
}

/// The first year of "Ngày Văn hóa Việt Nam" (24/11) as a paid day off: Resolution
/// 28/2026/QH16 of the National Assembly on developing Vietnamese culture, in force from
/// 01/07/2026, which put into law the Politburo's Resolution 80-NQ/TW (07/01/2026) choosing 24/11
/// "with the policy that it is a paid day off". Found in December 2026 through the Government's
/// newspaper (baochinhphu.vn, "Ngày Văn hóa Việt Nam 24/11: người lao động được nghỉ làm hưởng
/// nguyên lương", 24/04/2026) and the full text published at xaydungchinhsach.chinhphu.vn
/// (08/05/2026), as cited by several public sources; the resolution's own text could not be
/// read here. Like every holiday it gives a compensatory day when it falls on a rest day
/// (Labour Code Art. 111.3 — a reading, to be confirmed by each year's notice, which wins). A
/// desk whose province reads it otherwise sets the year with a notice file that `replaces`
/// `van-hoa`.
pub(crate) const CULTURE_DAY_FROM: i32 = 2026;

/// A day off by rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RuleDay {
    pub(crate) date: NaiveDate,
    pub(crate) name: String,
    pub(crate) occasion: Occasion,
}

fn ymd(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The holiday dates of one occasion in `year`, before compensation.
pub(crate) fn occasion_days(occasion: Occasion, year: i32) -> Vec<NaiveDate> {
    let days: Vec<Option<NaiveDate>> = match occasion {
        Occasion::NewYear => vec![ymd(year, 1, 1)],
        Occasion::LunarNewYear => match tet(year) {
            Some(t) => (0..5u64)
                .map(|i| (t - Days::new(1)).checked_add_days(Days::new(i)))
                .collect(),
            None => Vec::new(),
        },
        Occasion::HungKings => vec![from_lunar(LunarDate {
            day: 10,
            month: 3,
            year,
            leap: false,
        })],
        Occasion::Reunification => vec![ymd(year, 4, 30)],
        Occasion::Labour => vec![ymd(year, 5, 1)],
        // The second day came with the Labour Code 2019 (in force 01/01/2021); the Labour Code
        // 2012 (Art. 115) gave 02/09 alone.
        Occasion::NationalDay if year < 2021 => vec![ymd(year, 9, 2)],
        Occasion::NationalDay => vec![ymd(year, 9, 1), ymd(year, 9, 2)],
        Occasion::CultureDay if year < CULTURE_DAY_FROM => Vec::new(),
        Occasion::CultureDay => vec![ymd(year, 11, 24)],
    };
    days.into_iter().flatten().collect()
}

/// The days off by rule in `year` (holidays and their compensatory days), in date order,
/// leaving out the occasions in `replaced` (set by a notice instead). `works_on` tells the
/// ordinary working weekdays.
pub(crate) fn rule_days(
    year: i32,
    replaced: &[Occasion],
    works_on: impl Fn(Weekday) -> bool,
) -> Vec<RuleDay> {
    let mut days: Vec<RuleDay> = Occasion::ALL
        .into_iter()
        .filter(|o| !replaced.contains(o))
        .flat_map(|o| {
            occasion_days(o, year).into_iter().map(move |date| RuleDay {
                date,
                name: o.name().to_string(),
                occasion: o,
            })
        })
        .collect();
    days.sort_by_key(|d| d.date);
    let mut extra: Vec<RuleDay> = Vec::new();
    for day in &days {
        if works_on(day.date.weekday()) {
            continue;
        }
        let taken =
            |d: NaiveDate| days.iter().any(|h| h.date == d) || extra.iter().any(|h| h.date == d);
        let mut d = day.date;
        let comp = loop {
            match d.succ_opt() {
                Some(next) => d = next,
                None => break None,
            }
            if works_on(d.weekday()) && !taken(d) {
                break Some(d);
            }
        };
        if let Some(date) = comp {
            extra.push(RuleDay {
                date,
                name: format!("Nghỉ bù {}", day.occasion.name()),
                occasion: day.occasion,
            });
        }
    }
    days.extend(extra);
    days.sort_by_key(|d| d.date);
    days
}
