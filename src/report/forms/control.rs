//! "Phiếu kiểm soát quá trình giải quyết hồ sơ": one row per hand-over of the dossier — to and
//! between processing units, the return for a supplement and the re-receipt, the apology letter
//! sent to the desk, the result coming back, the hand-back, a refusal or stop — each with the
//! time and the spaces where "Người giao" and "Người nhận" sign. Opened at receipt: dated and
//! headed as at the receipt; its appointment is the one in force now.

use crate::calendar::{Calendar, LocalTime};
use crate::domain::{Dossier, Event, EventKind, judge_resolution};

use super::super::day::apology_line;
use super::super::document::{Align, Block, Column, Document, Paper, Row, Table, field};
use super::super::letterhead::{Form, Letterheads, date_time, form_title};
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
    let mut walk = Walk {
        d,
        calendar: p.calendar,
        letterheads: p.letterheads,
        desk,
        units: Vec::new(),
        holder: None,
        restarted: restarts(d, p.calendar).into_iter(),
    };
    let mut rows = Vec::new();
    for e in d.effective_events() {
        if let Some((who, time, result, note)) = walk.step(e) {
            rows.push(row(who, time, result, note, &e.operator));
        }
    }
    let units = walk.units;
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
    // The appointment in force (the result is judged against it), as on the receipt: a
    // re-receipt after a supplement or a corrected procedure moved it; each restart's row says
    // when and to what.
    b.push(field("Thời gian trả kết quả", date_time(d.due_at)));
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

/// One row's cells before the operator is added: who, the time cell, the result, the note.
type Cells = (String, String, String, String);

/// The walk along a dossier's steps: the units it went to and which one holds it now.
struct Walk<'a> {
    d: &'a Dossier,
    calendar: &'a Calendar,
    letterheads: &'a Letterheads,
    /// The desk's name in force at the step being walked (it changed on 01/07/2025).
    desk: &'a str,
    /// Every unit the dossier was handed to, first one first.
    units: Vec<&'a str>,
    /// The unit holding the dossier; `None` while at the desk.
    holder: Option<&'a str>,
    /// The restarts of the clock at each re-receipt, in order.
    restarted: std::vec::IntoIter<(LocalTime, LocalTime)>,
}

impl<'a> Walk<'a> {
    fn name(&self, u: &'a str, at: LocalTime) -> String {
        self.letterheads.unit_at(u, at).to_owned()
    }

    /// The row of step `e`; `None` for what is not a hand-over (the receipt opens the sheet;
    /// corrections are in the history).
    fn step(&mut self, e: &'a Event) -> Option<Cells> {
        self.desk = self.letterheads.at(e.at.date()).desk.as_str();
        let (d, desk, at) = (self.d, self.desk, e.at);
        let applicant = d.applicant.name.as_str();
        let here = self
            .holder
            .map_or_else(|| desk.to_owned(), |u| self.name(u, at));
        Some(match &e.kind {
            EventKind::Received | EventKind::Corrected { .. } | EventKind::Undone { .. } => {
                return None;
            }
            EventKind::Transferred { from, to } => {
                if !self.units.contains(&to.as_str()) {
                    self.units.push(to);
                }
                self.holder = Some(to);
                let who = hand(&self.name(from, at), &self.name(to, at));
                (who, handover_time(at), String::new(), String::new())
            }
            EventKind::SupplementRequested { reason, .. } => self.returned(at, reason),
            EventKind::SupplementReceived => self.re_received(at),
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
            } => self.apology_row(&here, at, *number, *new_due, notified.label()),
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
        })
    }

    /// The dossier returned for a supplement: by the unit to the desk, or by the desk to the
    /// applicant.
    fn returned(&self, at: LocalTime, reason: &str) -> Cells {
        let desk = self.desk;
        match self.holder {
            Some(u) => (
                hand(&self.name(u, at), desk),
                handover_time(at),
                String::new(),
                format!("Trả hồ sơ để bổ sung, hoàn thiện. Lý do: {reason}"),
            ),
            None => (
                hand(desk, &self.d.applicant.name),
                handover_time(at),
                String::new(),
                format!("Hướng dẫn bổ sung, hoàn thiện hồ sơ. Lý do: {reason}"),
            ),
        }
    }

    /// The supplemented dossier received again: the clock restarts with a new due.
    fn re_received(&mut self, at: LocalTime) -> Cells {
        let due = self.restarted.next().map_or(self.d.due_at, |(_, due)| due);
        let back = self
            .holder
            .map(|u| format!("; chuyển lại {}", self.name(u, at)))
            .unwrap_or_default();
        (
            hand(&self.d.applicant.name, self.desk),
            handover_time(at),
            String::new(),
            format!(
                "Nhận hồ sơ đã bổ sung, thời hạn tính lại từ đầu, hẹn trả {}{back}",
                date_time(due)
            ),
        )
    }

    /// The apology letter sent from the holder to the desk (said when it was made late).
    fn apology_row(
        &self,
        here: &str,
        at: LocalTime,
        number: u32,
        new_due: LocalTime,
        notified: &str,
    ) -> Cells {
        let late = apology_line(self.d, at, self.calendar).is_some_and(|a| a.late);
        let late = if late {
            " (lập sau hạn phải gửi)"
        } else {
            ""
        };
        (
            hand(here, self.desk),
            handover_time(at),
            String::new(),
            format!(
                "Văn bản xin lỗi số {number:02}/PXL{late}, hẹn lại {}; đã báo người nộp hồ sơ: \
                 {notified}",
                date_time(new_due)
            ),
        )
    }
}
