//! The per-dossier forms of RULES.md §3: receipt, supplement request, refusal, apology letter,
//! stop notice and control sheet, built as [`Document`] values from a dossier and the
//! letterhead. Each form is dated by the event it records (the receipt by the receipt time), so
//! a reprint shows the same date and the form set in force then.

use crate::domain::{ApplicantKind, Channel, Dossier, Event, EventKind, Field};

use super::document::{Block, Document, Paper, Signature, Table, field};
use super::letterhead::{Form, Letterhead, date_time, form_title, short_date};
use super::{ReportError, timeliness_word};
use crate::domain::facts::Milestones;
use crate::domain::judge_resolution as timeliness;

const HINT_SIGN: &str = "(Ký và ghi rõ họ tên)";
const HINT_SEAL: &str = "(Ký, ghi rõ họ tên và đóng dấu)";
/// A number left for the clerk to write by hand (the desk's paper numbering).
const BLANK_NUMBER: &str = "Số: ……………";

fn sig(role: &str, hint: &str, name: &str) -> Signature {
    Signature {
        role: role.to_owned(),
        hint: hint.to_owned(),
        name: name.to_owned(),
    }
}

fn applicant_label(d: &Dossier) -> &'static str {
    match d.applicant.kind {
        ApplicantKind::Person => "Ông (Bà)",
        ApplicantKind::Organisation => "Tổ chức",
    }
}

/// The official forms' "Số định danh cá nhân/tổ chức": the field's label, qualified.
fn id_number_label() -> String {
    format!("{} cá nhân/tổ chức", Field::IdNumber.label())
}

fn contact_blocks(d: &Dossier, blocks: &mut Vec<Block>) {
    blocks.push(field(&id_number_label(), &d.applicant.id_number));
    blocks.push(field(Field::Address.label(), &d.applicant.address));
    blocks.push(Block::FieldPair {
        left: (Field::Phone.label().to_owned(), d.applicant.phone.clone()),
        right: (Field::Email.label().to_owned(), d.applicant.email.clone()),
    });
    if !d.applicant.representative.is_empty() {
        blocks.push(field(
            Field::Representative.label(),
            &d.applicant.representative,
        ));
    }
}

fn last_event<'a>(d: &'a Dossier, pick: fn(&EventKind) -> bool) -> Option<&'a Event> {
    d.events.iter().rev().find(|e| pick(&e.kind))
}

/// "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", two copies, the code also as a QR code.
pub fn receipt(d: &Dossier, l: &Letterhead) -> Document {
    let date = d.received_at.date();
    let set = l.form_set(date);
    let mut b = vec![Block::Paragraph(format!("{} – {}", l.desk, l.agency))];
    b.push(field(
        "Tiếp nhận hồ sơ của Ông (Bà)/Tổ chức",
        &d.applicant.name,
    ));
    contact_blocks(d, &mut b);
    b.push(field("Nội dung yêu cầu giải quyết", &d.procedure_name));
    b.push(Block::Paragraph(format!(
        "1. {} nộp gồm:",
        Field::Documents.label()
    )));
    b.push(Block::List(d.documents.clone()));
    b.push(field(
        &format!("2. {}", Field::Sets.label()),
        format!("{:02} (bộ)", d.sets),
    ));
    b.push(field(
        "3. Thời gian giải quyết hồ sơ theo quy định là",
        d.time_limit.label(),
    ));
    b.push(field("4. Thời gian nhận hồ sơ", date_time(d.received_at)));
    b.push(field(
        "5. Thời gian trả kết quả giải quyết hồ sơ",
        date_time(d.due_at),
    ));
    let collect = match d.channel {
        Channel::Postal => Channel::Postal.label().to_owned(),
        Channel::Direct | Channel::Online => format!("{} – {}", l.desk, l.agency),
    };
    b.push(field("6. Đăng ký nhận kết quả tại", collect));
    b.push(Block::Paragraph(format!(
        "Vào Sổ theo dõi hồ sơ, Quyển số: {}, Số thứ tự: ……………",
        d.received_at.format("%Y")
    )));
    b.push(Block::Qr(d.code.as_str().to_owned()));
    b.push(Block::Signatures(vec![
        sig("NGƯỜI NỘP HỒ SƠ", HINT_SIGN, &d.applicant.name),
        sig("NGƯỜI TIẾP NHẬN HỒ SƠ", HINT_SIGN, &d.received_by),
    ]));
    Document {
        paper: Paper::A5,
        header: Some(l.header(Some(Form::Receipt), date, BLANK_NUMBER)),
        title: form_title(Form::Receipt, set).to_owned(),
        subtitle: vec![format!("Mã hồ sơ: {}", d.code.as_str())],
        blocks: b,
        copies: vec![
            "Liên 1: Lưu".to_owned(),
            "Liên 2: Giao người nộp hồ sơ".to_owned(),
        ],
    }
}

/// "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ" for the dossier's last supplement request.
pub fn supplement_request(d: &Dossier, l: &Letterhead) -> Result<Document, ReportError> {
    let e = last_event(d, |k| matches!(k, EventKind::SupplementRequested { .. }))
        .ok_or_else(|| ReportError::missing(d, "chưa có yêu cầu bổ sung, hoàn thiện hồ sơ"))?;
    let EventKind::SupplementRequested { reason, items } = &e.kind else {
        unreachable!("picked by kind")
    };
    let date = e.at.date();
    let who = applicant_label(d);
    let mut b = vec![field("Kính gửi", format!("{who} {}", d.applicant.name))];
    b.push(field("Mã hồ sơ", d.code.as_str()));
    b.push(field("Nội dung yêu cầu giải quyết", &d.procedure_name));
    contact_blocks(d, &mut b);
    b.push(Block::Paragraph(format!(
        "Sau khi xem xét thành phần hồ sơ, {} đề nghị {who} hoàn thiện hồ sơ gồm những nội \
         dung sau:",
        l.desk
    )));
    b.push(Block::List(items.clone()));
    b.push(field("Lý do", reason));
    let phone = if l.desk_phone.is_empty() {
        String::new()
    } else {
        format!(", số điện thoại {}", l.desk_phone)
    };
    b.push(Block::Paragraph(format!(
        "Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, {who} liên hệ với {}{phone} để \
         được hướng dẫn.",
        if e.operator.is_empty() {
            &l.desk
        } else {
            &e.operator
        }
    )));
    b.push(Block::Signatures(vec![sig(
        "NGƯỜI HƯỚNG DẪN",
        HINT_SIGN,
        &e.operator,
    )]));
    Ok(simple_form(Form::SupplementRequest, l, date, b))
}

/// "Phiếu từ chối tiếp nhận giải quyết hồ sơ" for the dossier's refusal.
pub fn refusal(d: &Dossier, l: &Letterhead) -> Result<Document, ReportError> {
    let e = last_event(d, |k| matches!(k, EventKind::Refused { .. }))
        .ok_or_else(|| ReportError::missing(d, "không bị từ chối"))?;
    let EventKind::Refused { reason } = &e.kind else {
        unreachable!("picked by kind")
    };
    let who = applicant_label(d);
    let mut b = vec![field("Kính gửi", format!("{who} {}", d.applicant.name))];
    contact_blocks(d, &mut b);
    b.push(field("Mã hồ sơ (nếu có)", d.code.as_str()));
    b.push(field("Nội dung yêu cầu giải quyết", &d.procedure_name));
    b.push(Block::Paragraph(format!(
        "Căn cứ quy định tại văn bản quy phạm pháp luật về thủ tục hành chính, {} – {} \
         thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:",
        l.desk, l.agency
    )));
    b.push(Block::Paragraph(reason.clone()));
    b.push(Block::Paragraph(format!(
        "Xin thông báo để {who} được biết và thực hiện./."
    )));
    b.push(Block::Signatures(vec![sig(
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
        HINT_SIGN,
        &e.operator,
    )]));
    Ok(simple_form(Form::Refusal, l, e.at.date(), b))
}

/// "Thông báo dừng giải quyết hồ sơ" (Decree 118/2025 Art. 21) for a stopped dossier.
pub fn stop_notice(d: &Dossier, l: &Letterhead) -> Result<Document, ReportError> {
    let e = last_event(d, |k| matches!(k, EventKind::Stopped { .. }))
        .ok_or_else(|| ReportError::missing(d, "không bị dừng giải quyết"))?;
    let EventKind::Stopped { reason } = &e.kind else {
        unreachable!("picked by kind")
    };
    let who = applicant_label(d);
    let mut b = vec![field("Kính gửi", format!("{who} {}", d.applicant.name))];
    b.push(Block::Paragraph(format!(
        "Ngày {}, {} – {} tiếp nhận hồ sơ đề nghị giải quyết thủ tục hành chính: {}.",
        short_date(d.received_at.date()),
        l.desk,
        l.agency,
        d.procedure_name
    )));
    b.push(field("Mã hồ sơ", d.code.as_str()));
    contact_blocks(d, &mut b);
    b.push(Block::Paragraph(format!(
        "Theo đề nghị của {who} {}, {} thông báo dừng giải quyết hồ sơ nêu trên.",
        d.applicant.name, l.agency
    )));
    b.push(field("Lý do", reason));
    b.push(Block::Paragraph(format!(
        "Xin thông báo để {who} được biết./."
    )));
    b.push(Block::Signatures(vec![sig(
        "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ",
        HINT_SEAL,
        &l.signer,
    )]));
    Ok(simple_form(Form::StopNotice, l, e.at.date(), b))
}

/// The apology letter (Mẫu 04; 2025: "Văn bản xin lỗi và đề nghị gia hạn thời gian giải
/// quyết") for the dossier's apology event, numbered "Số: NN/PXL".
pub fn apology_letter(d: &Dossier, l: &Letterhead) -> Result<Document, ReportError> {
    let e = last_event(d, |k| matches!(k, EventKind::ApologyIssued { .. }))
        .ok_or_else(|| ReportError::missing(d, "chưa có phiếu xin lỗi"))?;
    let EventKind::ApologyIssued {
        number,
        reason,
        new_due,
        signer,
        notified,
        ..
    } = &e.kind
    else {
        unreachable!("picked by kind")
    };
    let who = applicant_label(d);
    let date = e.at.date();
    let mut b = vec![field("Kính gửi", format!("{who} {}", d.applicant.name))];
    b.push(Block::Paragraph(format!(
        "Ngày {}, {} tiếp nhận giải quyết hồ sơ đề nghị {} của {who} {}.",
        short_date(d.received_at.date()),
        l.agency,
        d.procedure_name,
        d.applicant.name
    )));
    b.push(field(&id_number_label(), &d.applicant.id_number));
    b.push(field("Mã hồ sơ", d.code.as_str()));
    b.push(field(
        "Thời gian hẹn trả kết quả giải quyết hồ sơ",
        date_time(d.due_at),
    ));
    b.push(Block::Paragraph(format!(
        "Tuy nhiên đến nay, {} chưa trả kết quả giải quyết hồ sơ cho {who} đúng thời gian hẹn \
         như trên.",
        l.agency
    )));
    b.push(field("Lý do", reason));
    b.push(Block::Paragraph(format!(
        "Sự chậm trễ này đã gây phiền hà, tốn kém chi phí, công sức của {who}. {} xin lỗi {who} \
         và sẽ trả kết quả giải quyết hồ sơ cho {who} vào thời gian:",
        l.agency
    )));
    b.push(field("Thời gian hẹn trả lại kết quả", date_time(*new_due)));
    b.push(Block::Paragraph(format!(
        "Xin trân trọng cảm ơn sự hợp tác của {who}./."
    )));
    b.push(Block::Note(format!(
        "Đã thông báo cho {who} bằng: {}.",
        notified.label()
    )));
    let signer = if signer.is_empty() { &l.signer } else { signer };
    b.push(Block::Signatures(vec![sig(
        "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ",
        HINT_SEAL,
        signer,
    )]));
    let set = l.form_set(date);
    Ok(Document {
        paper: Paper::A5,
        header: Some(l.header(
            Some(Form::ApologyLetter),
            date,
            &format!("Số: {number:02}/PXL"),
        )),
        title: form_title(Form::ApologyLetter, set).to_owned(),
        subtitle: vec![],
        blocks: b,
        copies: vec![],
    })
}

/// "Phiếu kiểm soát quá trình giải quyết hồ sơ": one row per hand-over, the last with the
/// result's timeliness once the result is back.
pub fn control_sheet(d: &Dossier, l: &Letterhead) -> Document {
    use super::document::{Align, Column, Row};
    let mut units: Vec<&str> = Vec::new();
    let mut rows = Vec::new();
    let m = Milestones::of(d);
    for e in &d.events {
        let (cell, result) = match &e.kind {
            EventKind::Transferred { from, to } => {
                if !units.contains(&to.as_str()) {
                    units.push(to);
                }
                (format!("Giao: {from}\nNhận: {to}"), String::new())
            }
            EventKind::ResultReady => (
                format!("Giao: đơn vị giải quyết\nNhận: {}", l.desk),
                m.resolved
                    .map(|r| timeliness_word(timeliness(r, d.due_at)).to_owned())
                    .unwrap_or_default(),
            ),
            EventKind::HandedBack { to, .. } => {
                (format!("Giao: {}\nNhận: {to}", l.desk), String::new())
            }
            _ => continue,
        };
        let by = if e.operator.is_empty() {
            String::new()
        } else {
            format!("Người thực hiện: {}", e.operator)
        };
        rows.push(Row::new(vec![cell, date_time(e.at), result, by]));
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
    b.push(field("Thời gian trả kết quả", date_time(d.due_at)));
    b.push(Block::Table(Table {
        groups: vec![],
        columns: vec![
            Column::new("Tên đơn vị", 5, Align::Left),
            Column::new("Thời gian giao nhận hồ sơ", 4, Align::Left),
            Column::new(
                "Kết quả giải quyết hồ sơ (trước hạn/đúng hạn/quá hạn)",
                3,
                Align::Center,
            ),
            Column::new("Ghi chú", 3, Align::Left),
        ],
        numbered: false,
        rows,
    }));
    simple_form(Form::ControlSheet, l, date, b)
}

fn simple_form(form: Form, l: &Letterhead, date: chrono::NaiveDate, b: Vec<Block>) -> Document {
    Document {
        paper: Paper::A5,
        header: Some(l.header(Some(form), date, BLANK_NUMBER)),
        title: form_title(form, l.form_set(date)).to_owned(),
        subtitle: vec![],
        blocks: b,
        copies: vec![],
    }
}
