//! Pure formatting helpers for the screens: times, time limits, fees, remaining working time,
//! and column fitting by display width (never by bytes or chars, so Vietnamese letters and
//! wide characters line up). No terminal, no store.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::calendar::{LocalTime, WorkMinutes};

/// `HH:MM dd/mm/yyyy`, the way a receipt reads a time.
pub(crate) fn time(t: LocalTime) -> String {
    t.format("%H:%M %d/%m/%Y").to_string()
}

/// `dd/mm HH:MM`, compact for table cells.
pub(crate) fn short(t: LocalTime) -> String {
    t.format("%d/%m %H:%M").to_string()
}

/// `dd/mm HH:MM` for an instant in `year`; `dd/mm/yyyy` (same width, no time) for one in another
/// year, so that a 2024 dossier is not read as this year's.
pub(crate) fn short_in(t: LocalTime, year: i32) -> String {
    use chrono::Datelike;
    if t.year() == year {
        short(t)
    } else {
        t.format("%d/%m/%Y").to_string()
    }
}

/// How every screen writes a date (and how a clerk types one).
const SCREEN_DATE: &str = "%d/%m/%Y";

/// A date as every screen shows it (`03/12/2026`, `3/12/2026`), or in ISO form (`2026-12-03`):
/// the one date reader of the desk's forms (the apology's new appointment, report ranges).
pub(crate) fn parse_screen_date(text: &str) -> Option<chrono::NaiveDate> {
    let text = text.trim();
    chrono::NaiveDate::parse_from_str(text, SCREEN_DATE)
        .or_else(|_| chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d"))
        .ok()
}

/// A date and time as every screen shows it (`03/12/2026 17:00`, `3/12/2026 17:00`), or in ISO
/// form (`2026-12-03 17:00`): [`parse_screen_date`] and a time.
pub(crate) fn parse_screen_time(text: &str) -> Option<LocalTime> {
    let text = text.trim();
    let (date, clock) = text.rsplit_once(' ')?;
    let clock = chrono::NaiveTime::parse_from_str(clock, "%H:%M").ok()?;
    parse_screen_date(date).map(|d| d.and_time(clock))
}

/// The weekday name in Vietnamese ("Thứ Hai" … "Chủ nhật").
pub(crate) fn weekday(t: LocalTime) -> &'static str {
    use chrono::{Datelike, Weekday};
    match t.weekday() {
        Weekday::Mon => "Thứ Hai",
        Weekday::Tue => "Thứ Ba",
        Weekday::Wed => "Thứ Tư",
        Weekday::Thu => "Thứ Năm",
        Weekday::Fri => "Thứ Sáu",
        Weekday::Sat => "Thứ Bảy",
        Weekday::Sun => "Chủ nhật",
    }
}

/// Remaining working time in words, from signed working minutes (`left` < 0: overdue) and the
/// length of one working day in minutes. Under one day it counts hours (minutes under one
/// hour); from one day on, whole working days (rounded down).
pub(crate) fn remaining(left: WorkMinutes, day: WorkMinutes) -> String {
    let (left, day) = (left.get(), day.get().max(1));
    let m = left.abs();
    let amount = if m >= day {
        format!("{} ngày", m / day)
    } else if m >= 60 {
        format!("{} giờ", m / 60)
    } else {
        format!("{m} phút")
    };
    if left < 0 {
        format!("quá hạn {amount}")
    } else {
        format!("còn {amount} làm việc")
    }
}

/// Cuts `s` to at most `width` display columns, ending with `…` when something was cut.
pub(crate) fn fit(s: &str, width: usize) -> String {
    // The one sanitiser (`crate::text`): stored text shows its control and hidden characters
    // as symbols, here as on the command line and in files.
    let s = &*crate::text::printable(s);
    if s.width() <= width {
        return s.to_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width - 1 {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// Word-wraps `s` into lines of at most `width` columns (a word longer than a line is cut).
pub(crate) fn wrap(s: &str, width: usize) -> Vec<String> {
    let s = &*crate::text::printable(s);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in s.split_whitespace() {
        let need = if line.is_empty() {
            word.width()
        } else {
            line.width() + 1 + word.width()
        };
        if need > width && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines.into_iter().map(|l| fit(&l, width)).collect()
}

/// `fit` then pad with spaces to exactly `width` columns.
pub(crate) fn pad(s: &str, width: usize) -> String {
    let mut out = fit(s, width);
    let w = out.width();
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(w)));
    out
}

/// The part of a dossier code after the agency code (`…-261128-0001` → `261128-0001`): the
/// agency code is the same on every row of one desk.
pub(crate) fn short_code(code: &str) -> &str {
    match code.split_once('-') {
        Some((_, rest)) if !rest.is_empty() => rest,
        _ => code,
    }
}

#[cfg(test)]
mod tests {
    /// Issue 16: the apology form's new date took only ISO while every screen shows dd/mm/yyyy.
    #[test]
    fn the_new_due_is_typed_as_the_screens_show_it() {
        let at = crate::calendar::parse_local("2026-12-03 17:00");
        assert_eq!(parse_screen_time("03/12/2026 17:00"), at);
        assert_eq!(parse_screen_time(" 3/12/2026 17:00 "), at);
        assert_eq!(parse_screen_time("2026-12-03 17:00"), at);
        assert_eq!(parse_screen_time("32/12/2026 17:00"), None);
        assert_eq!(parse_screen_time("03/12/2026"), None);
    }

    #[test]
    fn dates_are_typed_as_the_screens_show_them() {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 2, 3);
        assert_eq!(parse_screen_date("03/02/2026"), d);
        assert_eq!(parse_screen_date(" 3/2/2026 "), d);
        assert_eq!(parse_screen_date("2026-02-03"), d);
        assert_eq!(parse_screen_date("30/02/2026"), None);
        assert_eq!(parse_screen_date("03/02"), None);
        assert_eq!(parse_screen_date(""), None);
    }

    /// Issue 16: a 2024 dossier on a 2026 board read "02/12 09:59", as if this year's.
    #[test]
    fn dates_of_another_year_show_the_year() {
        let t = crate::calendar::parse_local("2024-12-02 09:59").expect("a time");
        assert_eq!(super::short_in(t, 2024), "02/12 09:59");
        assert_eq!(super::short_in(t, 2026), "02/12/2024");
    }

    use super::*;

    #[test]
    fn remaining_words() {
        assert_eq!(
            remaining(WorkMinutes::new(180), WorkMinutes::new(450)),
            "còn 3 giờ làm việc"
        );
        assert_eq!(
            remaining(WorkMinutes::new(45), WorkMinutes::new(450)),
            "còn 45 phút làm việc"
        );
        assert_eq!(
            remaining(WorkMinutes::new(1000), WorkMinutes::new(450)),
            "còn 2 ngày làm việc"
        );
        assert_eq!(
            remaining(WorkMinutes::new(-900), WorkMinutes::new(450)),
            "quá hạn 2 ngày"
        );
        assert_eq!(
            remaining(WorkMinutes::new(-61), WorkMinutes::new(450)),
            "quá hạn 1 giờ"
        );
    }

    #[test]
    fn fits_by_columns() {
        assert_eq!(fit("Nguyễn Văn An", 8), "Nguyễn …");
        assert_eq!(pad("Đức", 5), "Đức  ");
        assert_eq!(fit("abc", 0), "");
        assert_eq!(short_code("000.00.20.H30-261128-0001"), "261128-0001");
        assert_eq!(
            wrap("Số điện thoại gồm 10 chữ số", 14),
            vec!["Số điện thoại", "gồm 10 chữ số"]
        );
    }
}
