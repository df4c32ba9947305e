//! The clerk's own papers: the figures of a period by officer and by processing unit
//! ([`ClerkFigures`]), and the call list — results waiting for collection, with the
//! applicant's phone and how long the result has waited, longest first, so the desk can call
//! the citizens to collect them.

use chrono::NaiveDate;

use super::super::document::{Align, Block, Column, Document, Paper, Row, Table};
use super::super::letterhead::{Letterhead, date_time, place_date, short_date};
use super::super::period::{ClerkFigures, GroupCounts, GroupRow};
use super::super::register::period_line;
use super::{n, sig};
use crate::calendar::LocalTime;
use crate::domain::account::officer_name;
use crate::domain::{Dossier, EventKind};

fn group_table(first: &str, rows: &[GroupRow], total: &GroupCounts) -> Table {
    let num = |t: &str| Column::new(t, 2, Align::Right);
    let cells = |c: &GroupCounts| {
        vec![
            n(c.received),
            n(c.resolved()),
            n(c.resolved_early),
            n(c.resolved_on_time),
            n(c.resolved_late),
            n(c.apology_letters),
        ]
    };
    let mut out: Vec<Row> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut cells_ = vec![(i + 1).to_string(), r.name.clone()];
            cells_.extend(cells(&r.counts));
            Row::new(cells_)
        })
        .collect();
    let mut last = vec![String::new(), "Tổng cộng".to_owned()];
    last.extend(cells(total));
    out.push(Row::bold(last));
    Table {
        groups: vec![],
        columns: vec![
            Column::new("STT", 1, Align::Center),
            Column::new(first, 6, Align::Left),
            num("Tiếp nhận"),
            num("Đã giải quyết"),
            num("Trước hạn"),
            num("Đúng hạn"),
            num("Quá hạn"),
            num("Văn bản xin lỗi"),
        ],
        numbered: false,
        rows: out,
    }
}

/// "SỐ LIỆU GIẢI QUYẾT HỒ SƠ THEO CÁN BỘ VÀ ĐƠN VỊ" on A4, made at `now`.
pub fn figures_document(f: &ClerkFigures, l: &Letterhead, now: LocalTime) -> Document {
    // Officers by full name alone (the figures keep the officer strings, logins included).
    let officers: Vec<GroupRow> = f
        .by_officer
        .iter()
        .map(|r| GroupRow {
            name: officer_name(&r.name).to_owned(),
            counts: r.counts,
        })
        .collect();
    let blocks = vec![
        Block::Heading("I. Theo cán bộ tiếp nhận".to_owned()),
        Block::Table(group_table("Cán bộ tiếp nhận", &officers, &f.total)),
        Block::Heading("II. Theo đơn vị xử lý".to_owned()),
        Block::Table(group_table("Đơn vị xử lý", &f.by_unit, &f.total)),
        Block::Note(
            "Hồ sơ tính cho cán bộ đã tiếp nhận và đơn vị được chuyển xử lý lần cuối. Tiếp \
             nhận, đã giải quyết (trước hạn, đúng hạn, quá hạn) và văn bản xin lỗi tính trong \
             kỳ, cùng cách tính với Biểu 06."
                .to_owned(),
        ),
        Block::Note(format!("Số liệu tính đến {}.", date_time(f.as_of))),
        Block::DateLine(place_date(&l.place, now.date())),
        Block::Signatures(vec![
            sig("NGƯỜI LẬP", "(Ký và ghi rõ họ tên)"),
            sig(&l.head_title, "(Ký và ghi rõ họ tên)"),
        ]),
    ];
    Document {
        paper: Paper::A4,
        header: Some(l.header(None, now.date(), "").issued_by(&l.desk)),
        title: "SỐ LIỆU GIẢI QUYẾT HỒ SƠ THEO CÁN BỘ VÀ ĐƠN VỊ".to_owned(),
        subtitle: vec![period_line(f.from, f.to)],
        blocks,
        copies: vec![],
        notices: Vec::new(),
    }
}

/// One result waiting for collection (a JSON object per line of `motcua report call-list`).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct CallLine {
    pub code: String,
    pub applicant: String,
    pub phone: String,
    pub procedure: String,
    /// When the result came back to the desk.
    pub ready_at: LocalTime,
    /// Calendar days since then.
    pub days_waiting: i64,
}

/// The call list of `waiting` (dossiers with their result ready) at `now`, longest waiting
/// first.
pub fn call_list(waiting: &[Dossier], now: LocalTime) -> Vec<CallLine> {
    let mut lines: Vec<CallLine> = waiting
        .iter()
        .map(|d| {
            let ready_at = d
                .effective_events()
                .filter(|e| matches!(e.kind, EventKind::ResultReady))
                .map(|e| e.at)
                .last()
                .unwrap_or(d.received_at);
            CallLine {
                code: d.code.as_str().to_owned(),
                applicant: d.applicant.name.clone(),
                phone: d.applicant.phone.clone(),
                procedure: d.procedure_name.clone(),
                ready_at,
                days_waiting: days_between(ready_at.date(), now.date()),
            }
        })
        .collect();
    lines.sort_by(|a, b| a.ready_at.cmp(&b.ready_at).then(a.code.cmp(&b.code)));
    lines
}

/// `261203-0001` of `000.00.20.H30-261203-0001`.
fn short_code(code: &str) -> &str {
    code.split_once('-').map_or(code, |(_, rest)| rest)
}

fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days().max(0)
}

/// "DANH SÁCH GỌI CÔNG DÂN NHẬN KẾT QUẢ" on A4, made at `now`: one row per result waiting,
/// with a column to tick once called.
pub fn call_list_document(lines: &[CallLine], l: &Letterhead, now: LocalTime) -> Document {
    let rows = lines
        .iter()
        .enumerate()
        .map(|(i, c)| {
            Row::new(vec![
                (i + 1).to_string(),
                // The part after the agency code, as every list of the desk shows it (and
                // search finds it): the whole code did not fit a portrait page's column.
                short_code(&c.code).to_owned(),
                c.applicant.clone(),
                match c.phone.as_str() {
                    "" => "(không có)".to_owned(),
                    p => p.to_owned(),
                },
                c.procedure.clone(),
                short_date(c.ready_at.date()),
                n(u64::try_from(c.days_waiting).unwrap_or(0)),
                String::new(),
            ])
        })
        .collect();
    let table = Table {
        groups: vec![],
        columns: vec![
            Column::new("STT", 1, Align::Center),
            Column::new("Mã hồ sơ", 3, Align::Left),
            Column::new("Người nộp", 4, Align::Left),
            Column::new("Điện thoại", 3, Align::Left),
            Column::new("Thủ tục", 5, Align::Left),
            Column::new("Có kết quả ngày", 2, Align::Center),
            Column::new("Số ngày chờ", 2, Align::Right),
            Column::new("Đã gọi", 2, Align::Center),
        ],
        numbered: false,
        rows,
    };
    let mut blocks = vec![Block::Table(table)];
    blocks.push(Block::Note(format!(
        "{} hồ sơ có kết quả đang chờ công dân đến nhận, tính đến {}; số ngày chờ tính theo \
         ngày lịch từ ngày kết quả về bộ phận một cửa.",
        lines.len(),
        date_time(now)
    )));
    blocks.push(Block::Signatures(vec![sig(
        "NGƯỜI LẬP",
        "(Ký và ghi rõ họ tên)",
    )]));
    Document {
        paper: Paper::A4,
        header: Some(l.header(None, now.date(), "").issued_by(&l.desk)),
        title: "DANH SÁCH GỌI CÔNG DÂN NHẬN KẾT QUẢ".to_owned(),
        subtitle: vec![format!("Ngày {}", short_date(now.date()))],
        blocks,
        copies: vec![],
        notices: Vec::new(),
    }
}
