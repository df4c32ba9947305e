//! The derivation of a due date ("cách tính hạn"), structured so a screen, a printout and a test
//! can read it, plus its Vietnamese rendering. Pure data; computed by [`super::due`].
//!
//! It adds up: the `minutes` of the counted days sum to the working time from `start` to `due`;
//! minus the paused minutes, they sum to the limit's working time.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Serialize;

use super::limit::fmt_duration;
use super::{LocalTime, TimeLimit};

/// Why a day between receipt and due date was not counted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub enum SkipReason {
    /// The day of receipt (Civil Code 2015 Art. 147: counting starts the next working day).
    ReceiptDay,
    /// Received after 15:00: the receipt counts as made on the next working day.
    AfterCutoff,
    /// Received after that day's office hours.
    AfterHours,
    /// A weekly rest day.
    Weekend,
    /// A public holiday, compensatory day or a notice's day off, with its name.
    Holiday(String),
}

impl SkipReason {
    /// The reason in Vietnamese.
    pub(crate) fn text(&self) -> String {
        match self {
            SkipReason::ReceiptDay => {
                "ngày tiếp nhận (Điều 147 Bộ luật Dân sự 2015: tính từ ngày làm việc tiếp theo)"
                    .to_string()
            }
            SkipReason::AfterCutoff => {
                "tiếp nhận sau 15:00, tính như tiếp nhận vào ngày làm việc tiếp theo".to_string()
            }
            SkipReason::AfterHours => "tiếp nhận ngoài giờ làm việc".to_string(),
            SkipReason::Weekend => "ngày nghỉ hằng tuần".to_string(),
            SkipReason::Holiday(name) => format!("nghỉ {name}"),
        }
    }
}

/// One day of the derivation, in date order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub enum ExplainedDay {
    /// A working day the clock ran on: `minutes` of working time within `[start, due)`, of
    /// which `paused_minutes` were paused (not counted toward the limit).
    Counted {
        date: NaiveDate,
        minutes: u32,
        paused_minutes: u32,
    },
    /// A day that was not counted, and why.
    Skipped { date: NaiveDate, reason: SkipReason },
}

/// A paused period (excluded from the limit); `to` is `None` while still paused. `minutes` is
/// the working time it moved the due date by (0 for an open pause, or one after the due date).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct PausePeriod {
    #[schema(value_type = String)]
    pub(crate) from: LocalTime,
    #[schema(value_type = Option<String>)]
    pub(crate) to: Option<LocalTime>,
    pub(crate) minutes: u32,
}

/// The derivation of a due date.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Explanation {
    pub(crate) limit: TimeLimit,
    /// The moment of receipt.
    #[schema(value_type = String)]
    pub(crate) received: LocalTime,
    /// The last restart (complete dossier received again after a supplement), if any; the
    /// limit counts from it.
    #[schema(value_type = Option<String>)]
    pub(crate) restarted: Option<LocalTime>,
    /// Where the clock starts running (inside working time).
    #[schema(value_type = String)]
    pub start: LocalTime,
    /// The days from the receipt (or restart) day to the due day, counted or skipped.
    pub days: Vec<ExplainedDay>,
    pub(crate) pauses: Vec<PausePeriod>,
    /// The due instant.
    #[schema(value_type = String)]
    pub(crate) due: LocalTime,
}

impl Explanation {
    /// Working minutes the clock ran from `start` to `due` (paused time included).
    pub fn clock_minutes(&self) -> u64 {
        self.days
            .iter()
            .map(|d| match d {
                ExplainedDay::Counted { minutes, .. } => u64::from(*minutes),
                ExplainedDay::Skipped { .. } => 0,
            })
            .sum()
    }

    /// Working minutes counted toward the limit (clock minutes minus paused minutes).
    pub fn counted_minutes(&self) -> u64 {
        let paused: u64 = self
            .days
            .iter()
            .map(|d| match d {
                ExplainedDay::Counted { paused_minutes, .. } => u64::from(*paused_minutes),
                ExplainedDay::Skipped { .. } => 0,
            })
            .sum();
        self.clock_minutes() - paused
    }

    /// The derivation in Vietnamese, one line each, for screens and printouts.
    pub fn lines(&self) -> Vec<String> {
        let mut out = vec![
            format!("Tiếp nhận: {}", fmt_instant(self.received)),
            format!("Thời hạn giải quyết: {}", self.limit.label()),
        ];
        if let Some(r) = self.restarted {
            out.push(format!(
                "Nhận lại hồ sơ đầy đủ sau bổ sung: {}; thời hạn tính lại từ đầu",
                fmt_instant(r)
            ));
        }
        out.push(format!("Bắt đầu tính: {}", fmt_instant(self.start)));
        for day in &self.days {
            out.push(match day {
                ExplainedDay::Counted {
                    date,
                    minutes,
                    paused_minutes: 0,
                } => format!("  {}: tính {}", fmt_date(*date), fmt_duration(*minutes)),
                ExplainedDay::Counted {
                    date,
                    minutes,
                    paused_minutes,
                } => format!(
                    "  {}: tính {} (tạm dừng {}, không tính)",
                    fmt_date(*date),
                    fmt_duration(minutes - paused_minutes),
                    fmt_duration(*paused_minutes)
                ),
                ExplainedDay::Skipped { date, reason } => {
                    format!("  {}: không tính — {}", fmt_date(*date), reason.text())
                }
            });
        }
        for p in &self.pauses {
            let to = p.to.map_or("nay (đang tạm dừng)".to_string(), fmt_instant);
            out.push(format!(
                "Tạm dừng từ {} đến {}: không tính {} làm việc, hạn lùi tương ứng",
                fmt_instant(p.from),
                to,
                fmt_duration(p.minutes)
            ));
        }
        out.push(format!(
            "Tổng thời gian làm việc đã tính: {}",
            fmt_duration(self.counted_minutes() as u32)
        ));
        out.push(format!("Hạn trả kết quả: {}", fmt_instant(self.due)));
        out
    }
}

/// The Vietnamese name of a weekday ("thứ Hai" … "Chủ nhật").
pub(crate) fn weekday_name(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "thứ Hai",
        Weekday::Tue => "thứ Ba",
        Weekday::Wed => "thứ Tư",
        Weekday::Thu => "thứ Năm",
        Weekday::Fri => "thứ Sáu",
        Weekday::Sat => "thứ Bảy",
        Weekday::Sun => "Chủ nhật",
    }
}

/// `thứ Hai 02/03/2026`.
pub(crate) fn fmt_date(d: NaiveDate) -> String {
    format!("{} {}", weekday_name(d.weekday()), d.format("%d/%m/%Y"))
}

/// `10:00 thứ Hai 02/03/2026`.
pub(crate) fn fmt_instant(t: LocalTime) -> String {
    format!("{} {}", t.format("%H:%M"), fmt_date(t.date()))
}
