//! The register ("Sổ theo dõi hồ sơ", A4 landscape) for a date range, and the published
//! catalogue of procedures with their time limits and fees (to post at the desk).

use chrono::{Datelike, NaiveDate};

use crate::calendar::LocalTime;
use crate::domain::{Channel, Dossier, EventKind, Procedure};

use super::ReportError;
use super::document::{Align, Block, Column, Document, Paper, Row, Table};
use super::letterhead::{Form, Letterhead, form_title, short_date, short_date_time};

/// The register of dossiers received from `from` to `to` (both inclusive), dated `now`.
///
/// Numbers ("STT") run from 01 for each calendar year and never restart within it, so pass
/// every dossier received from 1 January of `from`'s year up to `to` (others are ignored);
/// rows are in order of receipt.
pub fn register<'a>(
    dossiers: impl IntoIterator<Item = &'a Dossier>,
    from: NaiveDate,
    to: NaiveDate,
    l: &Letterhead,
    now: LocalTime,
) -> Result<Document, ReportError> {
    check_range(from, to)?;
    let year_start = NaiveDate::from_ymd_opt(from.year(), 1, 1).unwrap_or(from);
    let mut picked: Vec<&Dossier> = dossiers
        .into_iter()
        .filter(|d| {
            let day = d.received_at.date();
            day >= year_start && day <= to
        })
        .collect();
    picked.sort_by_key(|d| (d.received_at, d.id));
    let mut rows = Vec::new();
    let (mut year, mut n) = (0, 0u64);
    for d in picked {
        let day = d.received_at.date();
        if day.year() != year {
            (year, n) = (day.year(), 0);
        }
        n += 1;
        if day >= from {
            rows.push(register_row(n, d));
        }
    }
    let columns = vec![
        Column::new("STT", 3, Align::Center),
        Column::new("Mã hồ sơ", 12, Align::Left),
        Column::new("Tên TTHC", 10, Align::Left),
        Column::new("Tên tổ chức, cá nhân", 8, Align::Left),
        Column::new("Địa chỉ/SĐT", 9, Align::Left),
        Column::new("Cơ quan chủ trì giải quyết", 6, Align::Left),
        Column::new("Nhận hồ sơ", 5, Align::Center),
        Column::new("Hẹn trả kết quả", 5, Align::Center),
        Column::new("Trả kết quả", 5, Align::Center),
        Column::new("Phương thức nhận kết quả", 5, Align::Center),
        Column::new("Ký nhận", 4, Align::Left),
    ];
    let set = l.form_set(now.date());
    Ok(Document {
        paper: Paper::A4Landscape,
        header: Some(l.header(Some(Form::Register), now.date(), "")),
        title: form_title(Form::Register, set).to_owned(),
        subtitle: vec![period_line(from, to)],
        blocks: vec![Block::Table(Table {
            groups: vec![],
            columns,
            numbered: false,
            rows,
        })],
        copies: vec![],
    })
}

fn register_row(n: u64, d: &Dossier) -> Row {
    let unit = d.events.iter().find_map(|e| match &e.kind {
        EventKind::Transferred { to, .. } => Some(to.as_str()),
        _ => None,
    });
    let handed = d.events.iter().find_map(|e| match &e.kind {
        EventKind::HandedBack { to, .. } => Some((e.at, to.as_str())),
        _ => None,
    });
    let contact = match (d.applicant.address.is_empty(), d.applicant.phone.is_empty()) {
        (false, false) => format!("{}\n{}", d.applicant.address, d.applicant.phone),
        (true, _) => d.applicant.phone.clone(),
        (false, true) => d.applicant.address.clone(),
    };
    let due = match d.new_due_at {
        Some(new) => format!(
            "{}\n(hẹn lại {})",
            short_date_time(d.due_at),
            short_date_time(new)
        ),
        None => short_date_time(d.due_at),
    };
    let (returned, how, signed) = match handed {
        Some((at, to)) => (
            short_date_time(at),
            match d.channel {
                Channel::Postal => "Bưu chính",
                Channel::Direct | Channel::Online => "Trực tiếp",
            }
            .to_owned(),
            to.to_owned(),
        ),
        None => (String::new(), String::new(), String::new()),
    };
    Row::new(vec![
        format!("{n:02}"),
        d.code.as_str().to_owned(),
        d.procedure_name.clone(),
        d.applicant.name.clone(),
        contact,
        unit.unwrap_or("").to_owned(),
        short_date_time(d.received_at),
        due,
        returned,
        how,
        signed,
    ])
}

/// "Kỳ báo cáo: từ ngày 01/01/2026 đến ngày 31/03/2026".
pub(crate) fn period_line(from: NaiveDate, to: NaiveDate) -> String {
    format!("Từ ngày {} đến ngày {}", short_date(from), short_date(to))
}

pub fn check_range(from: NaiveDate, to: NaiveDate) -> Result<(), ReportError> {
    if from > to {
        return Err(ReportError::BadRange {
            from: short_date(from),
            to: short_date(to),
        });
    }
    Ok(())
}

/// The catalogue to post at the desk: every procedure with its field, time limit and fee, in
/// the order given (the desk's catalogue is sorted by field then name), dated `now`.
pub fn catalogue(procedures: &[Procedure], l: &Letterhead, now: LocalTime) -> Document {
    let rows = procedures
        .iter()
        .enumerate()
        .map(|(i, p)| {
            Row::new(vec![
                format!("{}", i + 1),
                p.code.as_str().to_owned(),
                p.name.clone(),
                p.field.clone(),
                p.time_limit.label(),
                p.fee.label(),
            ])
        })
        .collect();
    Document {
        paper: Paper::A4,
        header: Some(l.header(None, now.date(), "")),
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
    }
}
