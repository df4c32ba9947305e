//! The register ("Sổ theo dõi hồ sơ", A4 landscape) for a date range (RULES.md §3).
//!
//! Readings:
//! - numbers ("STT") run from 01 for each calendar year and never restart within it; a dossier's
//!   number is its rank among the year's dossiers in the order they were recorded (their ids),
//!   so the number printed on its receipt ([`number_in_year`]) never changes: a dossier
//!   recorded later is numbered after it even when its receipt time is earlier (a machine clock
//!   set back, an import into a ledger in use), and two dossiers of the same second differ;
//! - the register of `from..=to` is the book of that period: headed with the letterhead and the
//!   form set (Mẫu 06 of 2018 or Mẫu 07 of 2025) in force on `from`, dated on its last day (or
//!   today while the period runs), and every row shows the dossier as it stood at the end of the
//!   period (or now), so printing a past period again gives the same text;
//! - a refused or stopped dossier fills its return columns (when, how, who took the papers
//!   back) with a note saying so; the due column notes an apology letter (and when it came
//!   after its deadline) or a breach (late with no letter).

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use crate::calendar::LocalTime;
use crate::domain::{ApologyDuty, Channel, ClockFacts, Dossier, EventKind, Judge};

use super::ReportError;
use super::day::apology_line;
use super::document::{Align, Block, Column, Document, Paper, Row, Table};
use super::forms::{Papers, register_number_text};
use super::letterhead::{Form, form_title, place_date, short_date, short_date_time};

/// The "Số thứ tự" of the dossier with id `id` in the register of its year, given the ids of
/// every dossier received in that year, sorted: its rank among them, from 1.
pub(crate) fn number_in_year(id: u64, sorted_year_ids: &[u64]) -> u64 {
    sorted_year_ids.partition_point(|other| *other < id) as u64 + 1
}

/// The register of dossiers received from `from` to `to` (both inclusive) as it stood at
/// `min(end of to, now)` (see the module docs). Pass every dossier received in the years from
/// `from`'s to `to`'s, whole (their ids number the rows, see [`number_in_year`]; dossiers
/// outside the range are not listed); rows are in order of receipt.
pub fn register<'a>(
    dossiers: impl IntoIterator<Item = &'a Dossier>,
    from: NaiveDate,
    to: NaiveDate,
    p: &Papers<'_>,
    now: LocalTime,
) -> Result<Document, ReportError> {
    check_range(from, to)?;
    let cut = crate::domain::tally::end_of_day(to).min(now);
    let l = p.letterheads.at(from);
    let judge = Judge::new(
        p.calendar,
        cut,
        u32::try_from(l.due_soon_minutes).unwrap_or(0),
    );
    let mut year_ids: BTreeMap<i32, Vec<u64>> = BTreeMap::new();
    let mut picked: Vec<&Dossier> = Vec::new();
    for d in dossiers {
        let day = d.received_at.date();
        year_ids.entry(day.year()).or_default().push(d.id.0);
        if day >= from && day <= to && d.received_at <= cut {
            picked.push(d);
        }
    }
    for ids in year_ids.values_mut() {
        ids.sort_unstable();
    }
    picked.sort_by_key(|d| (d.received_at, d.id));
    let rows = picked
        .into_iter()
        .map(|d| {
            let n = number_in_year(d.id.0, &year_ids[&d.received_at.date().year()]);
            register_row(n, d, cut, p, &judge)
        })
        .collect();
    let columns = vec![
        Column::new("STT", 3, Align::Center),
        Column::new("Mã hồ sơ", 12, Align::Left),
        Column::new("Tên TTHC", 10, Align::Left),
        Column::new("Tên tổ chức, cá nhân", 8, Align::Left),
        Column::new("Địa chỉ/SĐT", 9, Align::Left),
        Column::new("Cơ quan chủ trì giải quyết", 6, Align::Left),
        Column::new("Nhận hồ sơ", 5, Align::Center),
        Column::new("Hẹn trả kết quả", 6, Align::Center),
        Column::new("Trả kết quả", 6, Align::Center),
        Column::new("Phương thức nhận kết quả", 5, Align::Center),
        Column::new("Ký nhận", 4, Align::Left),
    ];
    let set = l.form_set(from);
    let mut header = l.header(Some(Form::Register), from, "").issued_by(&l.desk);
    header.place_date = place_date(&l.place, cut.date());
    Ok(Document {
        paper: Paper::A4Landscape,
        header: Some(header),
        title: form_title(Form::Register, set).to_owned(),
        subtitle: vec![period_line(from, to)],
        blocks: vec![Block::Table(Table {
            groups: vec![],
            columns,
            numbered: false,
            rows,
        })],
        copies: vec![],
        notices: Vec::new(),
    })
}

/// The "Hẹn trả kết quả" cell: the legal due, then the apology's new appointment or the breach.
fn due_cell(d: &Dossier, f: &ClockFacts, cut: LocalTime, p: &Papers<'_>, judge: &Judge) -> String {
    let mut cell = short_date_time(f.due);
    let letter = d
        .effective_events()
        .find(|e| e.at <= cut && matches!(e.kind, EventKind::ApologyIssued { .. }));
    if let Some(e) = letter
        && let EventKind::ApologyIssued {
            number, new_due, ..
        } = &e.kind
    {
        let late = apology_line(d, e.at, p.calendar).is_some_and(|a| a.late);
        cell.push_str(&format!(
            "\n(hẹn lại {} theo văn bản xin lỗi số {number:02}/PXL{})",
            short_date_time(*new_due),
            if late { ", lập muộn" } else { "" }
        ));
    }
    match judge.judge(f).duty {
        ApologyDuty::Breach { .. } => cell.push_str("\n(quá hạn, không có văn bản xin lỗi)"),
        ApologyDuty::NewDueMissed { .. } => cell.push_str("\n(trễ cả ngày hẹn lại)"),
        ApologyDuty::None
        | ApologyDuty::Upcoming { .. }
        | ApologyDuty::Issued { .. }
        | ApologyDuty::IssuedLate { .. } => {}
    }
    cell
}

fn register_row(n: u64, d: &Dossier, cut: LocalTime, p: &Papers<'_>, judge: &Judge) -> Row {
    let done: Vec<_> = d.effective_events().filter(|e| e.at <= cut).collect();
    let unit = done.iter().find_map(|e| match &e.kind {
        EventKind::Transferred { to, .. } => Some(p.letterheads.unit_at(to, e.at)),
        _ => None,
    });
    let contact = match (d.applicant.address.is_empty(), d.applicant.phone.is_empty()) {
        (false, false) => format!("{}\n{}", d.applicant.address, d.applicant.phone),
        (true, _) => d.applicant.phone.clone(),
        (false, true) => d.applicant.address.clone(),
    };
    let due = ClockFacts::as_of(d, cut, p.calendar)
        .map(|f| due_cell(d, &f, cut, p, judge))
        .unwrap_or_else(|| short_date_time(d.due_at));
    let how = match d.channel {
        Channel::Postal => "Bưu chính",
        Channel::Direct | Channel::Online => "Trực tiếp",
    }
    .to_owned();
    let end = done.iter().find_map(|e| match &e.kind {
        EventKind::HandedBack { to, .. } => Some((e.at, String::new(), to.clone())),
        EventKind::Refused { .. } => Some((
            e.at,
            "\n(từ chối giải quyết, trả lại hồ sơ)".to_owned(),
            d.applicant.name.clone(),
        )),
        EventKind::Stopped { .. } => Some((
            e.at,
            "\n(dừng giải quyết theo đề nghị, trả lại hồ sơ)".to_owned(),
            d.applicant.name.clone(),
        )),
        _ => None,
    });
    let (returned, how, signed) = match end {
        Some((at, note, who)) => (format!("{}{note}", short_date_time(at)), how, who),
        None => (String::new(), String::new(), String::new()),
    };
    Row::new(vec![
        register_number_text(n),
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

/// "Từ ngày 01/01/2026 đến ngày 31/03/2026".
pub(crate) fn period_line(from: NaiveDate, to: NaiveDate) -> String {
    format!("Từ ngày {} đến ngày {}", short_date(from), short_date(to))
}

pub(crate) fn check_range(from: NaiveDate, to: NaiveDate) -> Result<(), ReportError> {
    if from > to {
        return Err(ReportError::BadRange {
            from: short_date(from),
            to: short_date(to),
        });
    }
    Ok(())
}
