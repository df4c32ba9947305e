//! The Vietnamese lunisolar calendar ("âm lịch"), computed at UTC+07:00.
//!
//! Written from the published mathematics: mean new moons with the periodic corrections of
//! J. Meeus (the 1900-epoch series of "Astronomical Formulae for Calculators", the one Hồ Ngọc
//! Đức's method uses), the sun's apparent longitude (Meeus, low-precision series), and the rules
//! of Hồ Ngọc Đức's description of the Vietnamese calendar:
//! - a month starts on the local (UTC+7) day of a new moon;
//! - month 11 is the month containing the winter solstice;
//! - a "suì" (from one month 11 to the next) with 13 months has a leap month: the first month
//!   after month 11 in which the sun enters no new major term (30° of longitude), tested at
//!   local midnight at the start of each month; it repeats the number of the month before it.
//!
//! Days are Julian day numbers (`jdn`, an integer day count; 2000-01-01 is 2451545). Pure; valid
//! (and pinned by tests) for 1900–2100.

use std::f64::consts::PI;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Vietnam's offset from UTC, in days.
const TZ_DAYS: f64 = 7.0 / 24.0;
/// Julian day number of 0001-01-01 minus chrono's day count from the common era.
const CE_TO_JDN: i64 = 1_721_425;
/// Mean length of a lunation, days.
const SYNODIC: f64 = 29.530_588_853;
/// Julian date of the mean new moon numbered 0 (1900-01-01, the series' epoch).
const NEW_MOON_EPOCH: f64 = 2_415_021.076_998_695;

/// A date of the lunar calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
pub struct LunarDate {
    /// Day of the month, 1–30.
    pub day: u32,
    /// Month number, 1–12 (a leap month repeats the number of the month before it).
    pub month: u32,
    /// The lunar year (the Gregorian year in which its month 1 starts).
    pub year: i32,
    /// Whether the month is a leap month ("tháng nhuận").
    pub leap: bool,
}

impl std::fmt::Display for LunarDate {
    /// `D/M/YYYY`, with ` nhuận` appended for a leap month.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}/{}", self.day, self.month, self.year)?;
        if self.leap {
            write!(f, " nhuận")?;
        }
        Ok(())
    }
}

/// Julian day number of a date.
pub(crate) fn jdn(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce()) + CE_TO_JDN
}

/// The date of a Julian day number (`None` outside chrono's range).
pub(crate) fn date_of_jdn(jdn: i64) -> Option<NaiveDate> {
    i32::try_from(jdn - CE_TO_JDN)
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
}

fn sin_deg(x: f64) -> f64 {
    (x * PI / 180.0).sin()
}

/// The Julian date (UT) of the new moon number `k` (k = 0 near 1900-01-01).
fn new_moon(k: i64) -> f64 {
    let k = k as f64;
    let t = k / 1236.85;
    let (t2, t3) = (t * t, t * t * t);
    let mean = 2_415_020.759_33 + 29.530_588_68 * k + 0.000_117_8 * t2 - 0.000_000_155 * t3
        + 0.000_33 * sin_deg(166.56 + 132.87 * t - 0.009_173 * t2);
    let m = 359.2242 + 29.105_356_08 * k - 0.000_033_3 * t2 - 0.000_003_47 * t3;
    let mp = 306.0253 + 385.816_918_06 * k + 0.010_730_6 * t2 + 0.000_012_36 * t3;
    let f = 21.2964 + 390.670_506_46 * k - 0.001_652_8 * t2 - 0.000_002_39 * t3;
    let correction = (0.1734 - 0.000_393 * t) * sin_deg(m) + 0.0021 * sin_deg(2.0 * m)
        - 0.4068 * sin_deg(mp)
        + 0.0161 * sin_deg(2.0 * mp)
        - 0.0004 * sin_deg(3.0 * mp)
        + 0.0104 * sin_deg(2.0 * f)
        - 0.0051 * sin_deg(m + mp)
        - 0.0074 * sin_deg(m - mp)
        + 0.0004 * sin_deg(2.0 * f + m)
        - 0.0004 * sin_deg(2.0 * f - m)
        - 0.0006 * sin_deg(2.0 * f + mp)
        + 0.0010 * sin_deg(2.0 * f - mp)
        + 0.0005 * sin_deg(m + 2.0 * mp);
    // Dynamical time minus universal time, in days (Meeus' fits around the epoch).
    let delta_t = if t < -11.0 {
        0.001 + 0.000_839 * t + 0.000_226_1 * t2 - 0.000_008_45 * t3 - 0.000_000_081 * t * t3
    } else {
        -0.000_278 + 0.000_265 * t + 0.000_262 * t2
    };
    mean + correction - delta_t
}

/// The local (UTC+7) day on which new moon `k` falls.
fn new_moon_day(k: i64) -> i64 {
    (new_moon(k) + 0.5 + TZ_DAYS).floor() as i64
}

/// The sun's apparent longitude in radians, [0, 2π), at Julian date `jd` (UT).
fn sun_longitude(jd: f64) -> f64 {
    let t = (jd - 2_451_545.0) / 36_525.0;
    let t2 = t * t;
    let m = 357.529_10 + 35_999.050_30 * t - 0.000_155_9 * t2 - 0.000_000_48 * t * t2;
    let l0 = 280.466_45 + 36_000.769_83 * t + 0.000_303_2 * t2;
    let centre = (1.914_600 - 0.004_817 * t - 0.000_014 * t2) * sin_deg(m)
        + (0.019_993 - 0.000_101 * t) * sin_deg(2.0 * m)
        + 0.000_290 * sin_deg(3.0 * m);
    let l = (l0 + centre) * PI / 180.0;
    l.rem_euclid(2.0 * PI)
}

/// The major solar term (0–11, each 30° of longitude) the sun is in at local midnight starting
/// day `jdn`.
fn major_term(jdn: i64) -> i64 {
    (sun_longitude(jdn as f64 - 0.5 - TZ_DAYS) / PI * 6.0).floor() as i64
}

/// The lunation number of the month that starts on (or contains) day `jdn`.
fn lunation_at(jdn: i64) -> i64 {
    let k = ((jdn as f64 - NEW_MOON_EPOCH) / SYNODIC).floor() as i64;
    if new_moon_day(k + 1) <= jdn { k + 1 } else { k }
}

/// The lunation number of month 11 of the Gregorian year `year` (the month that holds the
/// winter solstice, major term 9, 270°).
fn month11(year: i32) -> i64 {
    let dec31 = NaiveDate::from_ymd_opt(year, 12, 31).map_or(0, jdn);
    let k = lunation_at(dec31);
    // The month in progress on 31/12 starts after the solstice when the sun is already past
    // 270° at its start; month 11 is then the one before.
    if major_term(new_moon_day(k)) >= 9 {
        k - 1
    } else {
        k
    }
}

/// One lunar month: its first day, number, leap flag and lunar year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Month {
    start: i64,
    number: u32,
    leap: bool,
    year: i32,
}

/// The months from month 11 of `year - 1` (included) to month 11 of `year` (excluded): 12 or
/// 13 of them, plus the start of the next month 11 as the end bound.
fn sui(year: i32) -> (Vec<Month>, i64) {
    let (a, b) = (month11(year - 1), month11(year));
    // 12 or 13 within the calendar's range; clamped so far-off years cannot panic.
    let count = (b - a).clamp(1, 13) as usize;
    // In a 13-month suì, the leap month is the first one without a major term.
    let leap_offset = (count == 13)
        .then(|| {
            (1..count as i64)
                .find(|j| major_term(new_moon_day(a + j)) == major_term(new_moon_day(a + j + 1)))
        })
        .flatten();
    let mut months = Vec::with_capacity(count);
    for j in 0..count as i64 {
        let (ordinal, leap) = match leap_offset {
            Some(l) if j == l => (j - 1, true),
            Some(l) if j > l => (j - 1, false),
            _ => (j, false),
        };
        let number = ((10 + ordinal) % 12 + 1) as u32;
        let lunar_year = if number >= 11 && j < 4 {
            year - 1
        } else {
            year
        };
        months.push(Month {
            start: new_moon_day(a + j),
            number,
            leap,
            year: lunar_year,
        });
    }
    (months, new_moon_day(b))
}

/// The lunar date of a solar (Gregorian) date.
pub fn to_lunar(date: NaiveDate) -> LunarDate {
    let d = jdn(date);
    let year = date.year();
    let sui_year = if d >= new_moon_day(month11(year)) {
        year + 1
    } else {
        year
    };
    let (months, _) = sui(sui_year);
    let month = months
        .iter()
        .rev()
        .find(|m| m.start <= d)
        .copied()
        .unwrap_or(months[0]);
    LunarDate {
        day: (d - month.start + 1) as u32,
        month: month.number,
        year: month.year,
        leap: month.leap,
    }
}

/// The solar date of a lunar date; `None` when it does not exist (no such leap month that year,
/// or day 30 of a 29-day month).
pub fn from_lunar(lunar: LunarDate) -> Option<NaiveDate> {
    if !(1..=30).contains(&lunar.day) || !(1..=12).contains(&lunar.month) {
        return None;
    }
    for sui_year in [lunar.year, lunar.year + 1] {
        let (months, end) = sui(sui_year);
        for (i, m) in months.iter().enumerate() {
            if m.number == lunar.month && m.leap == lunar.leap && m.year == lunar.year {
                let next = months.get(i + 1).map_or(end, |n| n.start);
                let day = m.start + i64::from(lunar.day) - 1;
                return if day < next { date_of_jdn(day) } else { None };
            }
        }
    }
    None
}

/// The solar date of Tết (1st day of the 1st lunar month) of lunar year `year`.
pub(crate) fn tet(year: i32) -> Option<NaiveDate> {
    from_lunar(LunarDate {
        day: 1,
        month: 1,
        year,
        leap: false,
    })
}
