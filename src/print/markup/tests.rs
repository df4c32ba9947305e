//! Page breaks a reader sees: a signature row never stands alone on a page, and a command a
//! report prints is never split. Each case sweeps the length of what comes before, so some
//! length puts the signatures exactly at a page's end (where they once fell alone onto a blank
//! second page) and some puts the command at a line's end.

use crate::report::{Align, Block, Column, Document, Paper, Row, Signature, Table};

fn doc(paper: Paper, blocks: Vec<Block>) -> Document {
    Document {
        paper,
        header: None,
        title: "BÁO CÁO THỬ".to_owned(),
        subtitle: vec![],
        blocks,
        copies: vec![],
        notices: vec![],
    }
}

fn signers() -> Block {
    let sig = |role: &str| Signature {
        role: role.to_owned(),
        hint: "(Ký và ghi rõ họ tên)".to_owned(),
        name: String::new(),
    };
    Block::Signatures(vec![sig("NGƯỜI LẬP"), sig("LÃNH ĐẠO")])
}

/// Each page's text, white space collapsed.
fn pages(d: &Document) -> Vec<String> {
    let bytes = crate::print::to_pdf(d).expect("the document lays out");
    pdf_extract::extract_text_from_mem_by_pages(&bytes)
        .expect("our PDF is readable")
        .iter()
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

/// The page holding the signature row also holds `lead`, the content just before it.
fn assert_kept(d: &Document, lead: &str, case: &str) {
    let pages = pages(d);
    let at = pages
        .iter()
        .position(|p| p.contains("NGƯỜI LẬP"))
        .unwrap_or_else(|| panic!("{case}: no signature row in {pages:#?}"));
    assert!(
        pages[at].contains(lead),
        "{case}: the signatures stand without {lead:?} on page {}: {:?}",
        at + 1,
        pages[at]
    );
}

#[test]
fn signatures_keep_the_last_lines_before_them() {
    for n in 30..52 {
        let mut blocks: Vec<Block> = (1..=n)
            .map(|i| Block::Paragraph(format!("Dòng số liệu {i}")))
            .collect();
        blocks.push(Block::Note("Số liệu tính đến cuối ngày.".to_owned()));
        blocks.push(signers());
        assert_kept(
            &doc(Paper::A4, blocks),
            "Số liệu tính đến",
            &format!("{n} lines"),
        );
    }
}

#[test]
fn signatures_after_a_table_keep_its_last_row_and_the_date() {
    for n in 12..40 {
        let rows = (1..=n)
            .map(|i| Row::new(vec![format!("{i}"), format!("Hàng {i}")]))
            .collect();
        let blocks = vec![
            Block::Table(Table {
                groups: vec![],
                columns: vec![
                    Column::new("STT", 1, Align::Center),
                    Column::new("Nội dung", 6, Align::Left),
                ],
                numbered: false,
                rows,
            }),
            Block::DateLine("Thanh Sơn, ngày 14 tháng 12 năm 2026".to_owned()),
            signers(),
        ];
        let d = doc(Paper::A4Landscape, blocks);
        assert_kept(&d, &format!("Hàng {n}"), &format!("{n} rows"));
        assert_kept(&d, "ngày 14 tháng 12", &format!("{n} rows"));
        let all = pages(&d).join(" ");
        let printed: Vec<usize> = all
            .split("Hàng ")
            .skip(1)
            .filter_map(|s| s.split_whitespace().next()?.parse().ok())
            .collect();
        assert_eq!(
            printed,
            (1..=n).collect::<Vec<_>>(),
            "{n} rows: each once, in order"
        );
    }
}

#[test]
fn signatures_after_a_list_keep_its_last_item() {
    for n in 30..52 {
        let items = (1..=n).map(|i| format!("Hồ sơ số {i}")).collect();
        let blocks = vec![Block::List(items), signers()];
        let d = doc(Paper::A4, blocks);
        assert_kept(&d, &format!("{n}. Hồ sơ số {n}"), &format!("{n} items"));
    }
}

#[test]
fn a_command_to_type_stays_on_one_line() {
    let command = "motcua verify --head 8c70a9290ddc1a63";
    for n in 0..40 {
        let note = format!(
            "{}Mã kiểm chứng sổ: 8c70a9290ddc1a63 (6 sự kiện). Kiểm tra lại về sau bằng lệnh: \
             {command}",
            "x".repeat(n)
        );
        let bytes = crate::print::to_pdf(&doc(Paper::A4, vec![Block::Note(note)]))
            .expect("the document lays out");
        let text = pdf_extract::extract_text_from_mem(&bytes).expect("readable");
        assert!(
            text.lines().any(|l| l.contains(command)),
            "{n}: the command is split: {text}"
        );
    }
}

/// Beside the receipt's QR code "NGƯỜI TIẾP NHẬN HỒ SƠ" is too wide for its column: it breaks
/// into two balanced lines, never leaving "SƠ" alone under "NGƯỜI TIẾP NHẬN HỒ".
#[test]
fn a_wide_role_breaks_into_balanced_lines() {
    let sig = |role: &str, name: &str| Signature {
        role: role.to_owned(),
        hint: "(Ký và ghi rõ họ tên)".to_owned(),
        name: name.to_owned(),
    };
    let blocks = vec![
        Block::Paragraph("Vào Sổ theo dõi hồ sơ, Quyển số: 2026, Số thứ tự: 03".to_owned()),
        Block::Qr("000.00.20.H30-261207-0003".to_owned()),
        Block::Signatures(vec![
            sig("NGƯỜI NỘP HỒ SƠ", "Nguyễn Văn Bình"),
            sig("NGƯỜI TIẾP NHẬN HỒ SƠ", "Cán bộ tiếp nhận"),
        ]),
    ];
    let bytes = crate::print::to_pdf(&doc(Paper::A5, blocks)).expect("lays out");
    let text = pdf_extract::extract_text_from_mem(&bytes).expect("readable");
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    assert!(
        lines.iter().any(|l| l.ends_with("NHẬN HỒ SƠ")),
        "the role's second line: {lines:#?}"
    );
    assert!(
        !lines.iter().any(|l| l.ends_with("NHẬN HỒ") || *l == "SƠ"),
        "a word left alone: {lines:#?}"
    );
}
