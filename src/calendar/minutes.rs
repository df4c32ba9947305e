//! The two units of legal time, as types so they cannot be mixed with each other or with wall-clock
//! minutes: [`WorkMinutes`] (minutes of office hours on working days) and [`DayHundredths`] (a
//! limit in working days, to the hundredth: `0,5 ngày làm việc` is 50). Pure.

use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};

use serde::{Deserialize, Serialize};

/// An amount of working time in minutes: only minutes inside office hours of working days count
/// (a Friday 16:00 to Monday 08:30 span is 120, not 3 750). Signed: a span from a later instant
/// back to an earlier one is negative ("quá hạn").
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(transparent)]
#[schema(value_type = i64)]
pub struct WorkMinutes(i64);

impl WorkMinutes {
    pub const ZERO: WorkMinutes = WorkMinutes(0);

    pub const fn new(minutes: i64) -> WorkMinutes {
        WorkMinutes(minutes)
    }

    /// The number of minutes.
    pub const fn get(self) -> i64 {
        self.0
    }

    /// The amount, or zero when it is negative.
    pub fn at_least_zero(self) -> WorkMinutes {
        self.max(WorkMinutes::ZERO)
    }

    /// The amount as an unsigned count (zero when negative), for adding time to an instant.
    pub fn unsigned(self) -> u64 {
        u64::try_from(self.0).unwrap_or(0)
    }
}

impl From<u32> for WorkMinutes {
    fn from(minutes: u32) -> WorkMinutes {
        WorkMinutes(i64::from(minutes))
    }
}

impl Add for WorkMinutes {
    type Output = WorkMinutes;
    fn add(self, other: WorkMinutes) -> WorkMinutes {
        WorkMinutes(self.0.saturating_add(other.0))
    }
}

impl Sub for WorkMinutes {
    type Output = WorkMinutes;
    fn sub(self, other: WorkMinutes) -> WorkMinutes {
        WorkMinutes(self.0.saturating_sub(other.0))
    }
}

impl AddAssign for WorkMinutes {
    fn add_assign(&mut self, other: WorkMinutes) {
        *self = *self + other;
    }
}

impl SubAssign for WorkMinutes {
    fn sub_assign(&mut self, other: WorkMinutes) {
        *self = *self - other;
    }
}

impl Neg for WorkMinutes {
    type Output = WorkMinutes;
    fn neg(self) -> WorkMinutes {
        WorkMinutes(self.0.saturating_neg())
    }
}

/// A time limit in working days, counted in hundredths of a day (300 = 3 days, 50 = half a
/// day): the law states limits such as "0,5 ngày làm việc", and whole hundredths keep the
/// arithmetic exact. Stored and sent as the bare number.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(transparent)]
pub struct DayHundredths(pub u32);

impl DayHundredths {
    /// `days` whole working days.
    pub const fn days(days: u32) -> DayHundredths {
        DayHundredths(days.saturating_mul(100))
    }
}

/// "3" → 300, "0,5" → 50, "1.25" → 125: an amount of days or hours to the hundredth, as a clerk
/// types it (`,` or `.` as the decimal mark); at most two decimals and six integer digits. The one
/// reader of such amounts (the catalogue's limits and the command line's `3d`, `0.5d`, `4h`).
pub(crate) fn parse_hundredths(s: &str) -> Option<u64> {
    let (int, frac) = match s.split_once([',', '.']) {
        Some((_, "")) => return None,
        Some((i, f)) => (i, f),
        None => (s, ""),
    };
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() || int.len() > 6 || frac.len() > 2 || !digits(int) || !digits(frac) {
        return None;
    }
    let frac_value: u64 = match frac.len() {
        0 => 0,
        1 => frac.parse::<u64>().ok()? * 10,
        _ => frac.parse().ok()?,
    };
    Some(int.parse::<u64>().ok()? * 100 + frac_value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arithmetic_saturates_and_signs_hold() {
        let a = WorkMinutes::new(90);
        assert_eq!((a - WorkMinutes::new(120)).get(), -30);
        assert_eq!(
            (a - WorkMinutes::new(120)).at_least_zero(),
            WorkMinutes::ZERO
        );
        assert_eq!((-a).unsigned(), 0);
        assert_eq!(WorkMinutes::new(i64::MAX) + a, WorkMinutes::new(i64::MAX));
        assert_eq!(DayHundredths::days(3), DayHundredths(300));
    }
}
