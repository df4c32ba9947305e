//! Official notices ("thông báo nghỉ lễ, Tết"): the days off and make-up working days the
//! government announces for a year. A notice wins over the rule ([`super::holidays`]): its days
//! off and working days override the rule's, and the occasions it lists in `replaces` drop the
//! rule's days (and compensatory days) for that occasion in that year.
//!
//! Pure data. The built-in notices are in `builtin_notices`; notice files are parsed from text by
//! [`super::notice_file`] (the caller reads the files).

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::holidays::Occasion;

/// One named day in a notice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct NoticeDay {
    pub(crate) date: NaiveDate,
    pub(crate) name: String,
}

/// A year's notice: days off, make-up working days, and the rule occasions it replaces.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Notice {
    /// The Gregorian year every date of the notice lies in.
    pub(crate) year: i32,
    /// Where it comes from (e.g. "Thông báo 9441/TB-BNV", or a file name).
    pub(crate) source: String,
    pub(crate) days_off: Vec<NoticeDay>,
    pub(crate) work_days: Vec<NoticeDay>,
    pub(crate) replaces: Vec<Occasion>,
}

pub(super) fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("built-in notice dates are valid")
}

/// Every day from `from` to `to` (inclusive) named `name`.
pub(super) fn span(from: NaiveDate, to: NaiveDate, name: &str) -> Vec<NoticeDay> {
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
