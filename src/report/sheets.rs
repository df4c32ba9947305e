//! The end-of-day summary and the period statistics (Biểu 06, in [`stats`]) laid out as
//! printable documents (the figures themselves are computed in `day` and `period`).

use super::day::{DaySummary, OwedLine};
use super::document::{Align, Block, Column, Document, Paper, Row, Signature, Table, field};
use super::letterhead::{Letterhead, date_time, long_date, short_date_time};
use crate::domain::account::officer_name;
use crate::domain::{ApologyDuty, group_thousands, vnd};

mod clerks;
mod stats;

pub use clerks::{CallLine, call_list, call_list_document, figures_document};
pub use stats::{period_document, period_table};

pub(super) fn sig(role: &str, hint: &str) -> Signature {
    Signature {
        role: role.to_owned(),
        hint: hint.to_owned(),
        name: String::new(),
    }
}

fn two_col(left: &str, right: &str, rows: Vec<Row>) -> Table {
    Table {
        groups: vec![],
        columns: vec![
            Column::new(left, 8, Align::Left),
            Column::new(right, 2, Align::Right),
        ],
        numbered: false,
        rows,
    }
}

pub(super) fn n(x: u64) -> String {
    x.to_string()
}

/// "BÁO CÁO TIẾP NHẬN VÀ TRẢ KẾT QUẢ TRONG NGÀY" on A4.
pub fn day_document(s: &DaySummary, l: &Letterhead) -> Document {
    let mut b = received_blocks(s);
    b.push(Block::Heading(
        "II. Trả kết quả và hồ sơ đang giải quyết".to_owned(),
    ));
    b.push(Block::Table(status_table(s)));
    apology_section(s, &mut b);
    b.push(Block::Heading("IV. Phí, lệ phí và cán bộ".to_owned()));
    b.push(field("Phí, lệ phí đã thu trong ngày", vnd(s.fees_vnd)));
    b.push(Block::Table(operator_table(s)));
    b.push(Block::Note(format!(
        "Số liệu tính đến {}.",
        date_time(s.as_of)
    )));
    if let Some(head) = &s.head {
        b.push(Block::Note(head.line()));
    }
    b.push(Block::Signatures(vec![
        sig("NGƯỜI LẬP", "(Ký và ghi rõ họ tên)"),
        sig("LÃNH ĐẠO", "(Ký và ghi rõ họ tên)"),
    ]));
    Document {
        paper: Paper::A4,
        header: Some(l.header(None, s.date, "").issued_by(&l.desk)),
        title: "BÁO CÁO TIẾP NHẬN VÀ TRẢ KẾT QUẢ TRONG NGÀY".to_owned(),
        subtitle: vec![capitalised(&long_date(s.date))],
        blocks: b,
        copies: vec![],
        notices: Vec::new(),
    }
}

/// Part I: the day's intake by channel and by procedure.
fn received_blocks(s: &DaySummary) -> Vec<Block> {
    let mut b = vec![Block::Heading("I. Hồ sơ tiếp nhận trong ngày".to_owned())];
    let mut rows: Vec<Row> = s
        .received_by_channel
        .iter()
        .map(|(c, k)| Row::new(vec![c.clone(), n(*k)]))
        .collect();
    rows.push(Row::bold(vec!["Tổng số".to_owned(), n(s.received_total)]));
    b.push(Block::Table(two_col("Hình thức nộp", "Số hồ sơ", rows)));
    let rows = s
        .received_by_procedure
        .iter()
        .map(|(p, k)| Row::new(vec![p.clone(), n(*k)]))
        .collect();
    b.push(Block::Table(two_col(
        "Thủ tục hành chính",
        "Số hồ sơ",
        rows,
    )));
    b
}

/// Part II: handed back today and what is still open, by timeliness.
fn status_table(s: &DaySummary) -> Table {
    let h = &s.handed_back;
    two_col(
        "Tình trạng",
        "Số hồ sơ",
        vec![
            Row::bold(vec!["Đã trả kết quả trong ngày".to_owned(), n(h.total)]),
            Row::new(vec!["– Trước hạn".to_owned(), n(h.early)]),
            Row::new(vec!["– Đúng hạn".to_owned(), n(h.on_time)]),
            Row::new(vec!["– Quá hạn".to_owned(), n(h.late)]),
            Row::new(vec!["Kết quả chờ trả".to_owned(), n(s.waiting_collection)]),
            Row::bold(vec![
                "Đang giải quyết".to_owned(),
                n(s.open_within + s.open_overdue),
            ]),
            Row::new(vec!["– Trong hạn".to_owned(), n(s.open_within)]),
            Row::new(vec![
                "(trong đó: sắp đến hạn)".to_owned(),
                n(s.open_due_soon),
            ]),
            Row::new(vec!["– Quá hạn".to_owned(), n(s.open_overdue)]),
            Row::new(vec![
                "Chờ bổ sung hồ sơ".to_owned(),
                n(s.waiting_supplement),
            ]),
        ],
    )
}

/// Part IV: intake, hand-backs and fees per clerk, by full name (`domain::account::officer_name`).
fn operator_table(s: &DaySummary) -> Table {
    Table {
        groups: vec![],
        columns: vec![
            Column::new("Cán bộ", 6, Align::Left),
            Column::new("Tiếp nhận", 2, Align::Right),
            Column::new("Trả kết quả", 2, Align::Right),
            Column::new("Phí, lệ phí (đồng)", 3, Align::Right),
        ],
        numbered: false,
        rows: s
            .per_operator
            .iter()
            .map(|o| {
                Row::new(vec![
                    officer_name(&o.operator).to_owned(),
                    n(o.received),
                    n(o.handed_back),
                    group_thousands(o.fees_vnd),
                ])
            })
            .collect(),
    }
}

/// Section III: the letters issued that day (a late one marked) and the owed list worded by
/// state: the deadline ahead (chase the processing unit now), passed (a breach), or the new
/// appointment missed (report to the leadership). The JSON keeps its keys.
fn apology_section(s: &DaySummary, b: &mut Vec<Block>) {
    b.push(Block::Heading("III. Xin lỗi do trễ hạn".to_owned()));
    let late = s.apologies_issued.iter().filter(|a| a.late).count() as u64;
    b.push(field(
        "Văn bản xin lỗi đã lập trong ngày",
        format!(
            "{} (trong đó lập sau hạn phải gửi: {})",
            n(s.apologies_issued.len() as u64),
            n(late)
        ),
    ));
    if !s.apologies_issued.is_empty() {
        b.push(Block::List(
            s.apologies_issued
                .iter()
                .map(|a| {
                    format!(
                        "Số {} – {} – {} – hẹn lại {}{}",
                        a.number,
                        a.code,
                        a.applicant,
                        short_date_time(a.new_due),
                        if a.late {
                            " – lập sau hạn phải gửi"
                        } else {
                            ""
                        }
                    )
                })
                .collect(),
        ));
    }
    let groups: [(&str, DutyPick); 3] = [
        (
            "Sắp đến hạn gửi văn bản xin lỗi (đôn đốc đơn vị giải quyết ngay)",
            |d| matches!(d, ApologyDuty::Upcoming { .. }),
        ),
        (
            "Đã quá hạn gửi văn bản xin lỗi mà chưa có văn bản (vi phạm)",
            |d| matches!(d, ApologyDuty::Breach { .. }),
        ),
        (
            "Trễ cả ngày hẹn lại (báo cáo lãnh đạo)",
            |d| matches!(d, ApologyDuty::NewDueMissed { .. }),
        ),
    ];
    for (label, pick) in groups {
        let lines: Vec<&OwedLine> = s.apologies_owed.iter().filter(|o| pick(&o.duty)).collect();
        b.push(field(label, n(lines.len() as u64)));
        if !lines.is_empty() {
            b.push(Block::List(lines.iter().map(|o| owed_line(o)).collect()));
        }
    }
}

/// "code – applicant – hạn gửi văn bản xin lỗi … – hạn giải quyết …" (or the missed new date).
/// Which apology duties a group of owed apologies holds.
type DutyPick = fn(&ApologyDuty) -> bool;

fn owed_line(o: &OwedLine) -> String {
    match o.duty {
        ApologyDuty::NewDueMissed { new_due } => format!(
            "{} – {} – hẹn lại {} đã qua",
            o.code,
            o.applicant,
            short_date_time(new_due)
        ),
        duty => format!(
            "{} – {} – hạn gửi văn bản xin lỗi {} – hạn giải quyết {}",
            o.code,
            o.applicant,
            duty.deadline().map(short_date_time).unwrap_or_default(),
            short_date_time(o.due)
        ),
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn owed(s: &DaySummary, pick: fn(&ApologyDuty) -> bool) -> u64 {
    s.apologies_owed.iter().filter(|o| pick(&o.duty)).count() as u64
}

/// Every figure of the day as (indicator, value) rows, for CSV export.
pub(crate) fn day_table(s: &DaySummary) -> Table {
    let mut rows = vec![Row::new(vec![
        "Tiếp nhận – tổng số".to_owned(),
        n(s.received_total),
    ])];
    for (c, k) in &s.received_by_channel {
        rows.push(Row::new(vec![format!("Tiếp nhận – {c}"), n(*k)]));
    }
    for (p, k) in &s.received_by_procedure {
        rows.push(Row::new(vec![format!("Tiếp nhận – {p}"), n(*k)]));
    }
    let h = &s.handed_back;
    for (label, v) in [
        ("Đã trả kết quả – tổng số", h.total),
        ("Đã trả kết quả – trước hạn", h.early),
        ("Đã trả kết quả – đúng hạn", h.on_time),
        ("Đã trả kết quả – quá hạn", h.late),
        ("Kết quả chờ trả", s.waiting_collection),
        ("Đang giải quyết – trong hạn", s.open_within),
        ("Đang giải quyết – sắp đến hạn", s.open_due_soon),
        ("Đang giải quyết – quá hạn", s.open_overdue),
        ("Chờ bổ sung hồ sơ", s.waiting_supplement),
        ("Văn bản xin lỗi đã lập", s.apologies_issued.len() as u64),
        (
            "Văn bản xin lỗi lập sau hạn phải gửi",
            s.apologies_issued.iter().filter(|a| a.late).count() as u64,
        ),
        (
            "Sắp đến hạn gửi văn bản xin lỗi",
            owed(s, |d| matches!(d, ApologyDuty::Upcoming { .. })),
        ),
        (
            "Quá hạn gửi văn bản xin lỗi (vi phạm)",
            owed(s, |d| matches!(d, ApologyDuty::Breach { .. })),
        ),
        (
            "Trễ cả ngày hẹn lại",
            owed(s, |d| matches!(d, ApologyDuty::NewDueMissed { .. })),
        ),
        ("Phí, lệ phí đã thu (đồng)", s.fees_vnd),
    ] {
        rows.push(Row::new(vec![label.to_owned(), n(v)]));
    }
    for o in &s.per_operator {
        let who = officer_name(&o.operator);
        rows.push(Row::new(vec![format!("{who} – tiếp nhận"), n(o.received)]));
        rows.push(Row::new(vec![
            format!("{who} – trả kết quả"),
            n(o.handed_back),
        ]));
        rows.push(Row::new(vec![
            format!("{who} – phí, lệ phí (đồng)"),
            n(o.fees_vnd),
        ]));
    }
    two_col("Chỉ tiêu", "Giá trị", rows)
}
