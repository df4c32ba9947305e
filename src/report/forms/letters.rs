//! The letters signed by the head of the agency: the apology letter (2018 "Phiếu xin lỗi và hẹn
//! lại ngày trả kết quả", 2025 "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết") and the
//! stop notice ("Thông báo dừng giải quyết hồ sơ", from 01/07/2025 only). Each is dated at its
//! event and signed under the head's real title from the settings in force then ("CHỦ TỊCH"),
//! not the form's placeholder.

use crate::domain::{Dossier, EventKind, decree_118_from};

use super::super::ReportError;
use super::super::document::{Block, Document, Paper, field};
use super::super::letterhead::{Form, FormSet, date_time, form_title, long_date};
use super::{
    BLANK_NUMBER, HINT_SEAL, Papers, applicant_label, contact_blocks, id_number_label, last_event,
    sig, single_form,
};

/// The apology letter for the dossier's apology event, numbered "Số: NN/PXL", in the form's own
/// words: the delay "có thể gây phiền hà", the apology, the new appointment, "Mong nhận được sự
/// thông cảm".
pub fn apology_letter(d: &Dossier, p: &Papers<'_>) -> Result<Document, ReportError> {
    let e = last_event(d, |k| matches!(k, EventKind::ApologyIssued { .. }))
        .ok_or_else(|| ReportError::missing(d, "chưa có phiếu xin lỗi"))?;
    let EventKind::ApologyIssued {
        number,
        reason,
        new_due,
        signer,
        ..
    } = &e.kind
    else {
        unreachable!("picked by kind")
    };
    let l = p.at(e.at);
    let who = applicant_label(d);
    let date = e.at.date();
    let set = l.form_set(date);
    let mut b = vec![field("Kính gửi", format!("{who} {}", d.applicant.name))];
    b.push(Block::Paragraph(format!(
        "{}, {} tiếp nhận giải quyết hồ sơ đề nghị {} của {who} {}.",
        super::super::letterhead::capitalise_first(&long_date(d.received_at.date())),
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
    let promise = match set {
        FormSet::Y2018 => format!("sẽ trả kết quả giải quyết hồ sơ cho {who} vào thời gian"),
        FormSet::Y2025 => format!(
            "đề nghị gia hạn thời gian giải quyết, hẹn trả kết quả giải quyết hồ sơ cho {who} \
             vào thời gian"
        ),
    };
    b.push(Block::Paragraph(format!(
        "Sự chậm trễ này có thể gây phiền hà cho {who}. {} xin lỗi {who} và {promise}:",
        l.agency
    )));
    b.push(field("Thời gian hẹn trả lại kết quả", date_time(*new_due)));
    b.push(Block::Paragraph(format!(
        "Mong nhận được sự thông cảm của {who}./."
    )));
    let signer = if signer.is_empty() { &l.signer } else { signer };
    b.push(Block::Signatures(vec![sig(
        &l.head_title,
        HINT_SEAL,
        signer,
    )]));
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
        notices: Vec::new(),
    })
}

/// "Thông báo dừng giải quyết hồ sơ" (Decree 118/2025 Art. 21) for a stopped dossier, issued
/// by the desk and signed by the head. Refused for a dossier received before 01/07/2025: the
/// step did not exist (the ledger refuses it too; an imported one may still carry it).
pub fn stop_notice(d: &Dossier, p: &Papers<'_>) -> Result<Document, ReportError> {
    let e = last_event(d, |k| matches!(k, EventKind::Stopped { .. }))
        .ok_or_else(|| ReportError::missing(d, "không bị dừng giải quyết"))?;
    let EventKind::Stopped { reason } = &e.kind else {
        unreachable!("picked by kind")
    };
    if d.received_at.date() < decree_118_from() {
        return Err(ReportError::missing(
            d,
            "tiếp nhận trước ngày 01/7/2025, khi chưa có thủ tục dừng giải quyết theo đề nghị \
             (Nghị định 118/2025/NĐ-CP, Điều 21)",
        ));
    }
    let l = p.at(e.at);
    let who = applicant_label(d);
    let mut b = vec![field("Kính gửi", format!("{who} {}", d.applicant.name))];
    b.push(Block::Paragraph(format!(
        "{}, {} – {} tiếp nhận hồ sơ đề nghị giải quyết thủ tục hành chính: {}.",
        super::super::letterhead::capitalise_first(&long_date(d.received_at.date())),
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
        &l.head_title,
        HINT_SEAL,
        &l.signer,
    )]));
    let date = e.at.date();
    let header = l
        .header(Some(Form::StopNotice), date, BLANK_NUMBER)
        .issued_by(&l.desk);
    Ok(single_form(Form::StopNotice, l, date, header, b))
}
