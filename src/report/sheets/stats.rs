//! Biểu số 06/VPCP/KSTT (Circular 01/2020/TT-VPCP, RULES.md §9) as printed: the form's corner
//! lines ("Ban hành kèm theo Thông tư 01/2020/TT-VPCP", "Đơn vị báo cáo", "Đơn vị nhận báo
//! cáo"), the official table of columns (1)–(13) alone (so it can be copied as it is), the two
//! extra columns (14)–(15) in a table of their own, the notes (apology letters issued, late,
//! breaches; the average time without the applicant's supplement time), the indicators, and the
//! place and date it is made on (the day it is printed, not the period's end).

use super::super::document::{Align, Block, Column, Document, Group, Paper, Row, Table, field};
use super::super::letterhead::{Letterhead, date_time, place_date};
use super::super::period::{Counts, PeriodStats};
use super::super::register::period_line;
use super::{n, sig};
use crate::calendar::LocalTime;

/// Columns (3)–(13) of a row.
fn official_cells(c: &Counts) -> Vec<String> {
    vec![
        n(c.received_total),
        n(c.received_online),
        n(c.received_direct_postal),
        n(c.carried_over),
        n(c.resolved_total),
        n(c.resolved_early),
        n(c.resolved_on_time),
        n(c.resolved_late),
        n(c.open_total),
        n(c.open_within),
        n(c.open_overdue),
    ]
}

/// Rows (STT, field, then `cells`) with the total row.
fn rows(s: &PeriodStats, cells: fn(&Counts) -> Vec<String>) -> Vec<Row> {
    let mut rows: Vec<Row> = s
        .fields
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let mut r = vec![(i + 1).to_string(), f.field.clone()];
            r.extend(cells(&f.counts));
            Row::new(r)
        })
        .collect();
    let mut total = vec![String::new(), "Tổng cộng".to_owned()];
    total.extend(cells(&s.total));
    rows.push(Row::bold(total));
    rows
}

/// The official table of Biểu 06: columns (1)–(13), nothing else.
pub fn period_table(s: &PeriodStats) -> Table {
    let num = |t: &str| Column::new(t, 3, Align::Right);
    let g = |t: &str, span| Group {
        title: t.to_owned(),
        span,
    };
    Table {
        groups: vec![
            g("STT", 1),
            g("Lĩnh vực, công việc giải quyết theo cấp", 1),
            g("Số hồ sơ nhận giải quyết", 4),
            g("Số hồ sơ đã giải quyết", 4),
            g("Số hồ sơ đang giải quyết", 3),
        ],
        columns: vec![
            Column::new("STT", 2, Align::Center),
            Column::new("Lĩnh vực", 10, Align::Left),
            num("Tổng số"),
            num("Trực tuyến"),
            num("Trực tiếp, dịch vụ bưu chính"),
            num("Từ kỳ trước"),
            num("Tổng số"),
            num("Trước hạn"),
            num("Đúng hạn"),
            num("Quá hạn"),
            num("Tổng số"),
            num("Trong hạn"),
            num("Quá hạn"),
        ],
        numbered: true,
        rows: rows(s, official_cells),
    }
}

/// The extra columns (14) and (15), so that (3) = (7) + (11) + (14) + (15).
fn extra_table(s: &PeriodStats) -> Table {
    Table {
        groups: vec![],
        columns: vec![
            Column::new("STT", 2, Align::Center),
            Column::new("Lĩnh vực", 10, Align::Left),
            Column::new("(14) Chờ bổ sung, hoàn thiện hồ sơ", 6, Align::Right),
            Column::new("(15) Rút, dừng, từ chối giải quyết", 6, Align::Right),
        ],
        numbered: false,
        rows: rows(s, |c| vec![n(c.waiting_supplement), n(c.ended_other)]),
    }
}

fn pct(x: Option<f64>) -> String {
    match x {
        Some(v) => format!("{v:.1} %").replace('.', ","),
        None => "–".to_owned(),
    }
}

/// Biểu 06 on A4 landscape, made at `now` (see the module docs). `l` is the letterhead in
/// force at `now`: the reporting unit and the unit it reports to (its superior).
pub fn period_document(s: &PeriodStats, l: &Letterhead, now: LocalTime) -> Document {
    let mut b = vec![Block::Columns(vec![
        vec![
            "Biểu số 06/VPCP/KSTT".to_owned(),
            "Ban hành kèm theo Thông tư số 01/2020/TT-VPCP".to_owned(),
        ],
        vec![
            format!("Đơn vị báo cáo: {}", l.agency),
            format!(
                "Đơn vị nhận báo cáo: {}",
                if l.parent_agency.is_empty() {
                    "……………………"
                } else {
                    &l.parent_agency
                }
            ),
            "Đơn vị tính: Số hồ sơ TTHC".to_owned(),
        ],
    ])];
    b.push(Block::Table(period_table(s)));
    b.push(Block::Note(
        "Cột (3) = (4) + (5) + (6); (7) = (8) + (9) + (10); (11) = (12) + (13).".to_owned(),
    ));
    b.push(Block::Heading(
        "Cột bổ sung (ngoài Biểu 06): hồ sơ chờ bổ sung và hồ sơ rút, dừng, từ chối".to_owned(),
    ));
    b.push(Block::Table(extra_table(s)));
    b.push(Block::Note("(3) = (7) + (11) + (14) + (15).".to_owned()));
    notes(s, &mut b);
    if let Some(head) = &s.head {
        b.push(Block::Note(head.line()));
    }
    b.push(Block::DateLine(place_date(&l.place, now.date())));
    b.push(Block::Signatures(vec![
        sig("NGƯỜI LẬP BIỂU", "(Ký và ghi rõ họ tên)"),
        sig(&l.head_title, "(Ký, ghi rõ họ tên và đóng dấu)"),
    ]));
    Document {
        paper: Paper::A4Landscape,
        header: None,
        title: "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI CƠ QUAN, ĐƠN VỊ\nTRỰC \
                TIẾP GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"
            .to_owned(),
        subtitle: vec![format!(
            "Kỳ báo cáo: {}",
            period_line(s.from, s.to).to_lowercase()
        )],
        blocks: b,
        copies: vec![],
        notices: Vec::new(),
    }
}

/// The notes: apology letters and breaches, the indicators, the average time per procedure.
fn notes(s: &PeriodStats, b: &mut Vec<Block>) {
    let a = &s.letters;
    b.push(Block::Heading("Ghi chú".to_owned()));
    b.push(Block::List(vec![
        format!(
            "Văn bản xin lỗi và hẹn lại ngày trả kết quả đã lập trong kỳ: {}; trong đó lập sau \
             hạn phải gửi (chậm nhất 01 ngày làm việc trước ngày hết hạn): {}.",
            n(a.issued),
            n(a.issued_late)
        ),
        format!(
            "Hồ sơ giải quyết quá hạn mà không có văn bản xin lỗi: {}; hồ sơ đang quá hạn chưa có \
             văn bản xin lỗi: {}.",
            n(a.resolved_without_letter),
            n(a.open_without_letter)
        ),
        format!("Số liệu tính đến {}.", date_time(s.as_of)),
    ]));
    let i = &s.indicators;
    b.push(Block::Heading("Chỉ số đánh giá".to_owned()));
    b.push(field(
        "Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn",
        pct(i.on_time_rate),
    ));
    b.push(field(
        "Tỷ lệ hồ sơ tiếp nhận trực tuyến",
        pct(i.online_share),
    ));
    b.push(field("Tỷ lệ hài lòng", pct(i.satisfaction_rate)));
    b.push(Block::Table(Table {
        groups: vec![],
        columns: vec![
            Column::new("Mã TTHC", 3, Align::Left),
            Column::new("Thủ tục hành chính", 10, Align::Left),
            Column::new("Đã giải quyết", 2, Align::Right),
            Column::new(
                "Thời gian trung bình (ngày làm việc, không tính thời gian bổ sung hồ sơ)",
                4,
                Align::Right,
            ),
        ],
        numbered: false,
        rows: i
            .per_procedure
            .iter()
            .map(|p| {
                Row::new(vec![
                    p.code.clone(),
                    p.name.clone(),
                    n(p.resolved),
                    format!("{:.2}", p.average_working_days).replace('.', ","),
                ])
            })
            .collect(),
    }));
}
