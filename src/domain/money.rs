//! Money: an amount in đồng as every screen, message and printout writes it ("200.000 đồng"),
//! and a procedure's fee rule ("lệ phí") with its one wording, its catalogue CSV cell, its parser
//! and the fee it gives for a case. Pure.
//!
//! The fee's words (what [`FeeRule::label`] writes; [`FeeRule::parse`] also reads them without
//! diacritics and in any case): `Miễn` | `50.000 đồng` | `Theo trang: 2.000 đồng; từ trang 3:
//! 1.000 đồng; tối đa 200.000 đồng/bản` | the note's own text (in the CSV cell prefixed `Khác: `,
//! so a note never reads as another rule).

use serde::{Deserialize, Serialize};

use crate::text::fold;

/// How a procedure's fee ("lệ phí") is computed, in đồng.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub enum FeeRule {
    /// "Miễn lệ phí" / none listed.
    Free,
    /// A fixed amount per case.
    Fixed(u64),
    /// Per page: `first` for each of the first `first_pages` pages, `then` per later page, at
    /// most `cap` per copy (e.g. copy certification: 2.000 đ, from page 3 1.000 đ, ≤ 200.000 đ).
    PerPage {
        first_pages: u32,
        first: u64,
        then: u64,
        cap: u64,
    },
    /// Set by the province or described in words; the clerk enters the amount.
    Note(String),
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

impl FeeRule {
    /// The fee as every screen and printout words it (see the module docs).
    pub fn label(&self) -> String {
        match self {
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
            FeeRule::Note(text) => text.clone(),
        }
    }

    /// The catalogue CSV cell: the label, a note prefixed `Khác: `. [`FeeRule::parse`] reads it
    /// back to the same rule.
    pub fn cell(&self) -> String {
        match self {
            FeeRule::Note(text) => format!("Khác: {text}"),
            other => other.label(),
        }
    }

    /// Reads a [`FeeRule::cell`] or a label; unrecognised non-empty text becomes a `Note`.
    /// `None` for empty text or a malformed per-page rule.
    pub fn parse(text: &str) -> Option<FeeRule> {
        parse_fee(text)
    }
}

fn parse_fee(text: &str) -> Option<FeeRule> {
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
