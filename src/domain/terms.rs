//! How a time limit and a fee rule read in Vietnamese, both ways: the display a clerk and a
//! citizen see ("3 ngày làm việc", "Trong ngày", "50.000 đồng"), which is also the catalogue
//! CSV's cell text, and its parser. Fee computation. Pure.
//!
//! Canonical forms (what [`time_limit_text`] and [`fee_text`] write; the parsers also accept
//! them without diacritics and in any case):
//! - time limit: `Trong ngày` | `N ngày làm việc` (N may be `0,5`, two decimals at most) |
//!   `N giờ làm việc` (N may be `0,5`) | `N phút làm việc`;
//! - fee: `Miễn` | `50.000 đồng` | `Theo trang: 2.000 đồng; từ trang 3: 1.000 đồng; tối đa
//!   200.000 đồng/bản` | `Khác: <free text>` (the clerk enters the amount).

use crate::calendar::TimeLimit;
use crate::domain::model::FeeRule;
use crate::text::fold;

/// "Trong ngày", "3 ngày làm việc", "0,5 ngày làm việc", "4 giờ làm việc", "45 phút làm việc".
pub fn time_limit_text(limit: TimeLimit) -> String {
    match limit {
        TimeLimit::SameDay => "Trong ngày".to_owned(),
        TimeLimit::WorkingDays(h) => format!("{} ngày làm việc", hundredths(u64::from(h))),
        TimeLimit::WorkingMinutes(m) if (u64::from(m) * 100) % 60 == 0 => {
            format!("{} giờ làm việc", hundredths(u64::from(m) * 100 / 60))
        }
        TimeLimit::WorkingMinutes(m) => format!("{m} phút làm việc"),
    }
}

/// Parses the text of [`time_limit_text`] (diacritics and case ignored, `.` or `,` as the
/// decimal mark). `None` when it is not one of those forms or the amount is zero.
pub fn parse_time_limit(text: &str) -> Option<TimeLimit> {
    let f = fold(text);
    let f = f.split_whitespace().collect::<Vec<_>>().join(" ");
    if f == "trong ngay" || f == "ngay trong ngay" {
        return Some(TimeLimit::SameDay);
    }
    let (number, unit) = f.split_once(' ')?;
    let value = parse_hundredths(number)?;
    if value == 0 {
        return None;
    }
    match unit {
        "ngay lam viec" => u32::try_from(value).ok().map(TimeLimit::WorkingDays),
        "gio lam viec" if (value * 60) % 100 == 0 => u32::try_from(value * 60 / 100)
            .ok()
            .map(TimeLimit::WorkingMinutes),
        "phut lam viec" if value % 100 == 0 => u32::try_from(value / 100)
            .ok()
            .map(TimeLimit::WorkingMinutes),
        _ => None,
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

/// "3" → 300, "0,5" → 50, "1.25" → 125; at most two decimals and six integer digits.
fn parse_hundredths(s: &str) -> Option<u64> {
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

/// An amount in đồng with dots between thousands: 200000 → "200.000 đồng".
pub fn vnd(amount: u64) -> String {
    format!("{} đồng", group_thousands(amount))
}

/// 1234567 → "1.234.567".
pub fn group_thousands(amount: u64) -> String {
    let digits = amount.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// Parses "200.000 đồng", "200.000", "200000 đ" into đồng.
pub fn parse_vnd(text: &str) -> Option<u64> {
    let f = fold(text);
    let f = f.trim();
    let f = f
        .strip_suffix("dong")
        .or_else(|| f.strip_suffix('d'))
        .unwrap_or(f)
        .trim();
    if f.is_empty() || f.starts_with('.') || f.ends_with('.') || f.contains("..") {
        return None;
    }
    let digits: String = f.chars().filter(|c| *c != '.').collect();
    if digits.is_empty() || digits.len() > 15 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// The fee rule as displayed and as written in the catalogue CSV (see the module docs).
pub fn fee_text(fee: &FeeRule) -> String {
    match fee {
        FeeRule::Free => "Miễn".to_owned(),
        FeeRule::Fixed(amount) => vnd(*amount),
        FeeRule::PerPage {
            first_pages,
            first,
            then,
            cap,
        } => format!(
            "Theo trang: {}; từ trang {}: {}; tối đa {}/bản",
            vnd(*first),
            first_pages + 1,
            vnd(*then),
            vnd(*cap)
        ),
        FeeRule::Note(text) => format!("Khác: {text}"),
    }
}

/// Parses [`fee_text`]'s forms; unrecognised non-empty text becomes a `Note`. `None` for empty
/// text or a malformed per-page rule.
pub fn parse_fee(text: &str) -> Option<FeeRule> {
    let text = text.trim();
    let f = fold(text);
    if f.is_empty() {
        return None;
    }
    if let Some(rest) = strip_prefix_folded(text, "khac:") {
        let rest = rest.trim();
        return (!rest.is_empty()).then(|| FeeRule::Note(rest.to_owned()));
    }
    if f == "mien" || f == "mien phi" || f == "mien le phi" {
        return Some(FeeRule::Free);
    }
    if let Some(amount) = parse_vnd(text) {
        return Some(FeeRule::Fixed(amount));
    }
    if f.starts_with("theo trang:") {
        return parse_per_page(&f);
    }
    Some(FeeRule::Note(text.to_owned()))
}

/// `theo trang: A dong; tu trang N: B dong; toi da C dong/ban` (already folded).
fn parse_per_page(f: &str) -> Option<FeeRule> {
    let parts: Vec<&str> = f.split(';').map(str::trim).collect();
    let [first, then, cap] = parts.as_slice() else {
        return None;
    };
    let first = parse_vnd(first.strip_prefix("theo trang:")?)?;
    let (page, then) = then.strip_prefix("tu trang ")?.split_once(':')?;
    let page: u32 = page.trim().parse().ok()?;
    let then = parse_vnd(then)?;
    let cap = cap.strip_prefix("toi da ")?;
    let cap = parse_vnd(cap.strip_suffix("/ban").unwrap_or(cap))?;
    if page < 2 {
        return None;
    }
    Some(FeeRule::PerPage {
        first_pages: page - 1,
        first,
        then,
        cap,
    })
}

/// `text` without a leading `prefix` compared accent- and case-insensitively.
fn strip_prefix_folded<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let colon = text.find(':')?;
    (fold(&text[..=colon]) == prefix).then(|| &text[colon + 1..])
}

/// The fee for a case, in đồng: `copies` cases of a fixed fee, or `copies` copies of a
/// `pages`-page document (each copy capped). `None` when the rule is a note: the clerk enters it.
pub fn compute_fee(fee: &FeeRule, pages: u32, copies: u32) -> Option<u64> {
    let copies = u64::from(copies);
    match fee {
        FeeRule::Free => Some(0),
        FeeRule::Fixed(amount) => Some(amount.saturating_mul(copies)),
        FeeRule::PerPage {
            first_pages,
            first,
            then,
            cap,
        } => {
            let head = u64::from(pages.min(*first_pages));
            let tail = u64::from(pages.saturating_sub(*first_pages));
            let per_copy = head
                .saturating_mul(*first)
                .saturating_add(tail.saturating_mul(*then))
                .min(*cap);
            Some(per_copy.saturating_mul(copies))
        }
        FeeRule::Note(_) => None,
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

    #[test]
    fn money() {
        assert_eq!(group_thousands(0), "0");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(1000), "1.000");
        assert_eq!(group_thousands(u64::MAX), "18.446.744.073.709.551.615");
        assert_eq!(parse_vnd("200.000 đồng"), Some(200_000));
        assert_eq!(parse_vnd("15000đ"), Some(15_000));
        for bad in ["", "đồng", ".000", "1..000", "1.000.", "10 000", "1e5"] {
            assert_eq!(parse_vnd(bad), None, "{bad:?}");
        }
        assert_eq!(compute_fee(&FeeRule::Fixed(u64::MAX), 1, 2), Some(u64::MAX));
    }
}
