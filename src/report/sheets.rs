//! The end-of-day summary and the period statistics laid out as printable documents (the
//! figures themselves are computed in `day` and `period`).

use super::day::DaySummary;
use super::document::{Align, Block, Column, Document, Group, Paper, Row, Signature, Table, field};
use super::letterhead::{Letterhead, date_time, long_date, short_date_time};
use super::period::{Counts, PeriodStats};
use super::register::period_line;
use crate::domain::{group_thousands, vnd};

fn sig(role: &str, hint: &str) -> Signature {
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

fn n(x: u64) -> String {
    x.to_string()
}

/// "BÁO CÁO TIẾP NHẬN VÀ TRẢ KẾT QUẢ TRONG NGÀY" on A4.
pub fn day_document(s: &DaySummary, l: &Letterhead) -> Document {
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
    b.push(Block::Heading(
        "II. Trả kết quả và hồ sơ đang giải quyết".to_owned(),
    ));
    let h = &s.handed_back;
    b.push(Block::Table(two_col(
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
    )));
    b.push(Block::Heading("III. Xin lỗi do trễ hạn".to_owned()));
    b.push(field(
        "Phiếu xin lỗi đã phát hành trong ngày",
        n(s.apologies_issued.len() as u64),
    ));
    if !s.apologies_issued.is_empty() {
        b.push(Block::List(
            s.apologies_issued
                .iter()
                .map(|a| {
                    format!(
                        "Số {} – {} – {} – hẹn lại {}",
                        a.number,
                        a.code,
                        a.applicant,
                        short_date_time(a.new_due)
                    )
                })
                .collect(),
        ));
    }
    b.push(field(
        "Hồ sơ phải xin lỗi nhưng chưa có phiếu",
        n(s.apologies_owed.len() as u64),
    ));
    if !s.apologies_owed.is_empty() {
        b.push(Block::List(
            s.apologies_owed
                .iter()
                .map(|o| {
                    format!(
                        "{} – {} – hạn {}",
                        o.code,
                        o.applicant,
                        short_date_time(o.due)
                    )
                })
                .collect(),
        ));
    }
    b.push(Block::Heading("IV. Phí, lệ phí và cán bộ".to_owned()));
    b.push(field("Phí, lệ phí đã thu trong ngày", vnd(s.fees_vnd)));
    b.push(Block::Table(Table {
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
                    o.operator.clone(),
                    n(o.received),
                    n(o.handed_back),
                    group_thousands(o.fees_vnd),
                ])
            })
            .collect(),
    }));
    b.push(Block::Note(format!(
        "Số liệu tính đến {}.",
        date_time(s.as_of)
    )));
    b.push(Block::Signatures(vec![
        sig("NGƯỜI LẬP", "(Ký và ghi rõ họ tên)"),
        sig("LÃNH ĐẠO", "(Ký và ghi rõ họ tên)"),
    ]));
    Document {
        paper: Paper::A4,
        header: Some(l.header(None, s.date, "")),
        title: "BÁO CÁO TIẾP NHẬN VÀ TRẢ KẾT QUẢ TRONG NGÀY".to_owned(),
        subtitle: vec![capitalised(&long_date(s.date))],
        blocks: b,
        copies: vec![],
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn counts_cells(c: &Counts) -> Vec<String> {
    vec![
        n(c.intake_total()),
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
        n(c.waiting_supplement),
        n(c.ended_other),
    ]
}

/// The column layout of Biểu 06 plus the two extra columns (14, 15).
pub fn period_table(s: &PeriodStats) -> Table {
    let num = |t: &str| Column::new(t, 3, Align::Right);
    let mut rows: Vec<Row> = s
        .fields
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let mut cells = vec![(i + 1).to_string(), f.field.clone()];
            cells.extend(counts_cells(&f.counts));
            Row::new(cells)
        })
        .collect();
    let mut total = vec![String::new(), "Tổng cộng".to_owned()];
    total.extend(counts_cells(&s.total));
    rows.push(Row::bold(total));
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
            g("Chờ bổ sung", 1),
            g("Rút, dừng, từ chối", 1),
        ],
        columns: vec![
            Column::new("STT", 2, Align::Center),
            Column::new("Lĩnh vực", 9, Align::Left),
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
            num("Chờ bổ sung"),
            num("Rút, dừng, từ chối"),
        ],
        numbered: true,
        rows,
    }
}

fn pct(x: Option<f64>) -> String {
    match x {
        Some(v) => format!("{v:.1} %").replace('.', ","),
        None => "–".to_owned(),
    }
}

/// "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC …" (Biểu số 06/VPCP/KSTT) on A4 landscape, with the
/// indicators and the average resolution time per procedure.
pub fn period_document(s: &PeriodStats, l: &Letterhead) -> Document {
    let i = &s.indicators;
    let mut b = vec![Block::Table(period_table(s))];
    b.push(Block::Note(
        "Cột (3) = (4) + (5) + (6); (7) = (8) + (9) + (10); (11) = (12) + (13); \
         (3) = (7) + (11) + (14) + (15)."
            .to_owned(),
    ));
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
            Column::new("Thời gian trung bình (ngày làm việc)", 3, Align::Right),
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
    b.push(Block::Note(format!(
        "Số liệu tính đến {}.",
        date_time(s.as_of)
    )));
    b.push(Block::Signatures(vec![
        sig("NGƯỜI LẬP BIỂU", "(Ký và ghi rõ họ tên)"),
        sig(
            "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ",
            "(Ký, ghi rõ họ tên và đóng dấu)",
        ),
    ]));
    let mut header = l.header(None, s.as_of.date(), "");
    header.form_number = "Biểu số 06/VPCP/KSTT".to_owned();
    Document {
        paper: Paper::A4Landscape,
        header: Some(header),
        title: "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI CƠ QUAN, ĐƠN VỊ TRỰC \
                TIẾP GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"
            .to_owned(),
        subtitle: vec![
            format!("Kỳ báo cáo: {}", period_line(s.from, s.to).to_lowercase()),
            "Đơn vị tính: Số hồ sơ TTHC".to_owned(),
        ],
        blocks: b,
        copies: vec![],
    }
}

/// Every figure of the day as (indicator, value) rows, for CSV export.
pub fn day_table(s: &DaySummary) -> Table {
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
        (
            "Phiếu xin lỗi đã phát hành",
            s.apologies_issued.len() as u64,
        ),
        (
            "Phải xin lỗi nhưng chưa có phiếu",
            s.apologies_owed.len() as u64,
        ),
        ("Phí, lệ phí đã thu (đồng)", s.fees_vnd),
    ] {
        rows.push(Row::new(vec![label.to_owned(), n(v)]));
    }
    for o in &s.per_operator {
        rows.push(Row::new(vec![
            format!("{} – tiếp nhận", o.operator),
            n(o.received),
        ]));
        rows.push(Row::new(vec![
            format!("{} – trả kết quả", o.operator),
            n(o.handed_back),
        ]));
        rows.push(Row::new(vec![
            format!("{} – phí, lệ phí (đồng)", o.operator),
            n(o.fees_vnd),
        ]));
    }
    two_col("Chỉ tiêu", "Giá trị", rows)
}
