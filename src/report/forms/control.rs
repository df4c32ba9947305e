//! "Phiếu kiểm soát quá trình giải quyết hồ sơ": one row per hand-over of the dossier — to and
//! between processing units, the return for a supplement and the re-receipt, the apology letter
//! sent to the desk, the result coming back, the hand-back, a refusal or stop — each with the
//! time and the spaces where "Người giao" and "Người nhận" sign. Opened at receipt: dated and
//! headed as at the receipt.

use crate::calendar::LocalTime;
use crate::domain::{DESK_UNIT, Dossier, EventKind, judge_resolution};

use super::super::day::apology_line;
use super::super::document::{Align, Block, Column, Document, Paper, Row, Table, field};
use super::super::letterhead::{Form, date_time, form_title};
use super::{BLANK_NUMBER, Papers, restarts};

/// The time cell of a hand-over: the instant and the two signature spaces.
fn handover_time(at: LocalTime) -> String {
    format!(
        "{}\nNgười giao (ký, ghi rõ họ tên):\n\n\nNgười nhận (ký, ghi rõ họ tên):\n\n",
        date_time(at)
    )
}

/// "Giao: …\nNhận: …".
fn hand(from: &str, to: &str) -> String {
    format!("Giao: {from}\nNhận: {to}")
}

/// One row: who, the time cell, the result, the note (with the clerk who recorded it).
fn row(who: String, time: String, result: String, note: String, operator: &str) -> Row {
    let note = match (note.is_empty(), operator.is_empty()) {
        (_, true) => note,
        (true, false) => format!("Người thực hiện: {operator}"),
        (false, false) => format!("{note}\nNgười thực hiện: {operator}"),
    };
    Row::new(vec![who, time, result, note])
}

/// The control sheet of `d` (see the module docs).
pub fn control_sheet(d: &Dossier, p: &Papers<'_>) -> Document {
    let l = p.at(d.received_at);
    let desk = l.desk.as_str();
    let applicant = d.applicant.name.as_str();
    let mut units: Vec<&str> = Vec::new();
    let mut holder: Option<&str> = None;
    let mut rows = Vec::new();
    let mut restarted = restarts(d, p.calendar).into_iter();
    let name = |u: &str| {
        if u == DESK_UNIT {
            desk.to_owned()
        } else {
            u.to_owned()
        }
    };
    for e in d.effective_events() {
        let at = e.at;
        let here = holder.map_or_else(|| desk.to_owned(), name);
        let (who, time, result, note) = match &e.kind {
            // Not hand-overs: the receipt opens the sheet; corrections are in the history.
            EventKind::Received | EventKind::Corrected { .. } | EventKind::Undone { .. } => {
                continue;
            }
            EventKind::Transferred { from, to } => {
                if !units.contains(&to.as_str()) {
                    units.push(to);
                }
                holder = Some(to);
                (
                    hand(&name(from), to),
                    handover_time(at),
                    String::new(),
                    String::new(),
                )
            }
            EventKind::SupplementRequested { reason, .. } => match holder {
                Some(u) => (
                    hand(u, desk),
                    handover_time(at),
                    String::new(),
                    format!("Trả hồ sơ để bổ sung, hoàn thiện. Lý do: {reason}"),
                ),
                None => (
                    hand(desk, applicant),
                    handover_time(at),
                    String::new(),
                    format!("Hướng dẫn bổ sung, hoàn thiện hồ sơ. Lý do: {reason}"),
                ),
            },
            EventKind::SupplementReceived => {
                let due = restarted.next().map(|(_, due)| due).unwrap_or(d.due_at);
                let back = holder
                    .map(|u| format!("; chuyển lại {u}"))
                    .unwrap_or_default();
                (
                    hand(applicant, desk),
                    handover_time(at),
                    String::new(),
                    format!(
                        "Nhận hồ sơ đã bổ sung, thời hạn tính lại từ đầu, hẹn trả {}{back}",
                        date_time(due)
                    ),
                )
            }
            EventKind::Paused { reason } => (
                here,
                date_time(at),
                String::new(),
                format!("Tạm dừng tính thời gian: {reason}"),
            ),
            EventKind::Resumed => (
                here,
                date_time(at),
                String::new(),
                "Tiếp tục tính thời gian".to_owned(),
            ),
            EventKind::ApologyIssued {
                number,
                new_due,
                notified,
                ..
            } => {
                let late = apology_line(d, at, p.calendar).is_some_and(|a| a.late);
                let late = if late {
                    " (lập sau hạn phải gửi)"
                } else {
                    ""
                };
                (
                    hand(&here, desk),
                    handover_time(at),
                    String::new(),
                    format!(
                        "Văn bản xin lỗi số {number:02}/PXL{late}, hẹn lại {}; đã báo người nộp \
                         hồ sơ: {}",
                        date_time(*new_due),
                        notified.label()
                    ),
                )
            }
            EventKind::ResultReady => (
                hand(&here, desk),
                handover_time(at),
                judge_resolution(at, d.due_at).label().to_owned(),
                String::new(),
            ),
            EventKind::HandedBack { to, fee_vnd, .. } => (
                hand(desk, to),
                handover_time(at),
                String::new(),
                if *fee_vnd > 0 {
                    format!("Phí, lệ phí: {}", crate::domain::vnd(*fee_vnd))
                } else {
                    String::new()
                },
            ),
            EventKind::Refused { reason } => (
                hand(&here, applicant),
                handover_time(at),
                String::new(),
                format!("Từ chối giải quyết. Lý do: {reason}"),
            ),
            EventKind::Stopped { reason } => (
                hand(&here, applicant),
                handover_time(at),
                String::new(),
                format!("Dừng giải quyết theo đề nghị. Lý do: {reason}"),
            ),
        };
        rows.push(row(who, time, result, note, &e.operator));
    }
    let date = d.received_at.date();
    let mut b = vec![field("Mã hồ sơ", d.code.as_str())];
    b.push(field("Tên thủ tục hành chính", &d.procedure_name));
    b.push(field(
        "Cơ quan (bộ phận) giải quyết hồ sơ",
        units.first().copied().unwrap_or(""),
    ));
    b.push(field(
        "Cơ quan phối hợp giải quyết",
        units.get(1..).map(|u| u.join(", ")).unwrap_or_default(),
    ));
    b.push(field("Thời gian nhận hồ sơ", date_time(d.received_at)));
    b.push(field(
        "Thời gian trả kết quả",
        date_time(p.calendar.due_at(d.received_at, d.time_limit, &[])),
    ));
    b.push(Block::Table(Table {
        groups: vec![],
        columns: vec![
            Column::new("Tên đơn vị", 4, Align::Left),
            Column::new("Thời gian giao nhận hồ sơ", 5, Align::Left),
            Column::new(
                "Kết quả giải quyết hồ sơ (trước hạn/đúng hạn/quá hạn)",
                3,
                Align::Center,
            ),
            Column::new("Ghi chú", 4, Align::Left),
        ],
        numbered: false,
        rows,
    }));
    Document {
        paper: Paper::A5,
        header: Some(
            l.header(Some(Form::ControlSheet), date, BLANK_NUMBER)
                .issued_by(desk),
        ),
        title: form_title(Form::ControlSheet, l.form_set(date)).to_owned(),
        subtitle: vec![],
        blocks: b,
        copies: vec![],
        notices: Vec::new(),
    }
}
