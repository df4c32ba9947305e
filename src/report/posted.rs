//! The catalogue posted at the desk for the public (RULES.md §9, the PAPI link): every procedure
//! with its national code, field, time limit and fee — only what is verified. What is not is
//! left out of the paper and told to the clerk who prints it ([`Document::notices`]):
//! - a code that is not a national code of the form `N.NNNNNN` (e.g. the desk's own `TS.HT.01`),
//!   or whose catalogue note says "Mã thủ tục quốc gia: chưa đối chiếu", leaves the code cell
//!   blank;
//! - a fee written in words whose parts are marked "(chưa kiểm chứng)" or say "chưa có mức
//!   thu" loses those parts (the cell is blank when nothing verified is left);
//! - an exemption is printed with the sentences of the catalogue note that state it and its
//!   condition ("Miễn lệ phí khi đăng ký đúng hạn; đăng ký quá hạn thu theo mức của tỉnh"),
//!   plain "Miễn" when the note states no condition.

use crate::calendar::LocalTime;
use crate::domain::{FeeRule, Procedure};
use crate::text::fold;

use super::document::{Align, Block, Column, Document, Paper, Row, Table};
use super::letterhead::Letterhead;

/// The marker of an unverified fact in a catalogue cell (folded).
const UNVERIFIED: &str = "chua kiem chung";
/// A fee cell saying no amount is known (folded).
const NO_AMOUNT: &str = "chua co muc thu";
/// Words stating an exemption in a catalogue note (folded).
const EXEMPT: &str = "mien le phi";
const EXEMPT_SHORT: &str = "mien phi";
/// A catalogue note saying the national code was not checked (folded).
const CODE_UNCHECKED: &str = "ma thu tuc quoc gia: chua doi chieu";

/// What the public reads of one procedure; `None` where nothing verified can be printed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Posting {
    pub(crate) code: Option<String>,
    pub(crate) fee: Option<String>,
    /// The parts left out, for the clerk.
    pub(crate) fee_left_out: Vec<String>,
}

/// Whether `code` has the form of a national procedure code ("2.000815").
pub(crate) fn is_national_code(code: &str) -> bool {
    match code.split_once('.') {
        Some((a, b)) => {
            a.len() == 1
                && b.len() == 6
                && a.bytes().all(|c| c.is_ascii_digit())
                && b.bytes().all(|c| c.is_ascii_digit())
        }
        None => false,
    }
}

/// The verified parts of `p` (see the module docs).
pub(crate) fn posting(p: &Procedure) -> Posting {
    let code = p.code.as_str();
    let code = (is_national_code(code) && !fold(&p.note).contains(CODE_UNCHECKED))
        .then(|| code.to_owned());
    let (fee, fee_left_out) = match &p.fee {
        FeeRule::Note(text) => {
            let (kept, left): (Vec<&str>, Vec<&str>) = text
                .split(';')
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .partition(|c| {
                    let f = fold(c);
                    !f.contains(UNVERIFIED) && !f.contains(NO_AMOUNT)
                });
            let kept = (!kept.is_empty()).then(|| kept.join("; "));
            (kept, left.into_iter().map(str::to_owned).collect())
        }
        FeeRule::Free => (Some(exemption(&p.note)), Vec::new()),
        other => (Some(other.label()), Vec::new()),
    };
    Posting {
        code,
        fee,
        fee_left_out,
    }
}

/// An exemption's cell: the catalogue note's sentences that state it with its condition ("Miễn
/// lệ phí khi đăng ký đúng hạn; đăng ký quá hạn thu theo mức của tỉnh"), or "Miễn" when the
/// note states none (an exemption without condition). Unverified sentences are not printed.
fn exemption(note: &str) -> String {
    let stated: Vec<String> = note
        .split(". ")
        .map(|s| s.trim().trim_end_matches('.').trim())
        .filter(|s| {
            let f = fold(s);
            (f.contains(EXEMPT) || f.contains(EXEMPT_SHORT)) && !f.contains(UNVERIFIED)
        })
        .map(super::letterhead::capitalise_first)
        .collect();
    if stated.is_empty() {
        FeeRule::Free.label()
    } else {
        format!("{}.", stated.join(". "))
    }
}

/// The catalogue to post, in the order given (the desk's catalogue is sorted by field then
/// name in Vietnamese order), dated `now`, with the clerk's notices of what was left out.
pub fn catalogue(procedures: &[Procedure], l: &Letterhead, now: LocalTime) -> Document {
    let mut no_code = Vec::new();
    let mut no_fee = Vec::new();
    let rows = procedures
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let post = posting(p);
            if post.code.is_none() {
                no_code.push(format!("{} («{}»)", p.name, p.code.as_str()));
            }
            if !post.fee_left_out.is_empty() {
                no_fee.push(format!("{} («{}»)", p.name, post.fee_left_out.join("; ")));
            }
            Row::new(vec![
                format!("{}", i + 1),
                post.code.unwrap_or_default(),
                p.name.clone(),
                p.field.clone(),
                p.time_limit.label(),
                post.fee.unwrap_or_default(),
            ])
        })
        .collect();
    let mut notices = Vec::new();
    if !no_code.is_empty() {
        notices.push(format!(
            "Danh mục niêm yết để trống mã TTHC của {} thủ tục chưa có mã quốc gia đã đối chiếu: \
             {}.",
            no_code.len(),
            no_code.join("; ")
        ));
    }
    if !no_fee.is_empty() {
        notices.push(format!(
            "Danh mục niêm yết không in mức phí, lệ phí chưa kiểm chứng của {} thủ tục: {}. \
             Hãy đối chiếu quyết định công bố của tỉnh, sửa danh mục rồi in lại.",
            no_fee.len(),
            no_fee.join("; ")
        ));
    }
    Document {
        paper: Paper::A4,
        header: Some(l.header(None, now.date(), "").issued_by(&l.desk)),
        title: "DANH MỤC THỦ TỤC HÀNH CHÍNH".to_owned(),
        subtitle: vec![format!("tiếp nhận tại {} – {}", l.desk, l.agency)],
        blocks: vec![Block::Table(Table {
            groups: vec![],
            columns: vec![
                Column::new("STT", 2, Align::Center),
                Column::new("Mã TTHC", 4, Align::Left),
                Column::new("Tên thủ tục hành chính", 12, Align::Left),
                Column::new("Lĩnh vực", 5, Align::Left),
                Column::new("Thời hạn giải quyết", 5, Align::Center),
                Column::new("Phí, lệ phí", 7, Align::Left),
            ],
            numbered: false,
            rows,
        })],
        copies: vec![],
        notices,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn national_codes() {
        assert!(is_national_code("2.000815"));
        assert!(is_national_code("1.004944"));
        assert!(!is_national_code("TS.HT.01"));
        assert!(!is_national_code("2.00081"));
        assert!(!is_national_code("12.000815"));
    }

    #[test]
    fn an_exemption_prints_its_condition() {
        // The catalogue's notes of TS.HT.01, TS.HT.09 and TS.HT.02.
        assert_eq!(
            exemption(
                "Miễn lệ phí khi đăng ký đúng hạn; đăng ký quá hạn thu theo mức của tỉnh. \
                 Nguồn: Luật Hộ tịch 2014 Điều 16.2, Điều 11.1.b. Mã thủ tục quốc gia: chưa \
                 đối chiếu."
            ),
            "Miễn lệ phí khi đăng ký đúng hạn; đăng ký quá hạn thu theo mức của tỉnh."
        );
        assert_eq!(
            exemption(
                "Người thân đăng ký trong 15 ngày kể từ ngày chết; miễn lệ phí khi đăng ký đúng \
                 hạn. Nguồn: Luật Hộ tịch 2014 Điều 34.2, Điều 33.1."
            ),
            "Người thân đăng ký trong 15 ngày kể từ ngày chết; miễn lệ phí khi đăng ký đúng hạn."
        );
        assert_eq!(
            exemption(
                "Hai bên nam, nữ có mặt khi đăng ký. Miễn lệ phí cho công dân cư trú trong nước. Nguồn: x."
            ),
            "Miễn lệ phí cho công dân cư trú trong nước."
        );
        assert_eq!(exemption("Nguồn: Quyết định 2022/QĐ-UBND."), "Miễn");
        assert_eq!(
            exemption("Miễn lệ phí ở miền núi (chưa kiểm chứng)."),
            "Miễn"
        );
    }
}
