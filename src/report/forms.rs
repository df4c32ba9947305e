//! The per-dossier forms of RULES.md §3 — receipt, supplement request, refusal, apology letter,
//! stop notice and control sheet — built as [`Document`] values from a dossier, the letterhead
//! history and the calendar. Every form is dated by the event it records and printed with the
//! letterhead and form set in force on that date (the receipt: the receipt instant; the
//! supplement request, refusal, stop notice and apology letter: their event's instant; the
//! control sheet: the receipt instant, since it is opened at receipt and travels with the
//! dossier), so a reprint after a settings change reproduces the original.

use crate::calendar::{Calendar, LocalTime};
use crate::domain::{ApplicantKind, Channel, Dossier, Event, EventKind, Field, Status};

use super::ReportError;
use super::document::{Block, Document, Paper, Signature, field};
use super::letterhead::{Form, Letterhead, Letterheads, date_time, form_title};

mod control;
mod letters;

pub use control::control_sheet;
pub use letters::{apology_letter, stop_notice};

const HINT_SIGN: &str = "(Ký và ghi rõ họ tên)";
const HINT_SEAL: &str = "(Ký, ghi rõ họ tên và đóng dấu)";
/// A number left for the clerk to write by hand (the desk's paper numbering).
const BLANK_NUMBER: &str = "Số: ……………";
/// A value left for the clerk to write by hand.
const BLANK: &str = "……………………";

/// What every form is built from besides the dossier.
#[derive(Clone, Copy, Debug)]
pub struct Papers<'a> {
    pub letterheads: &'a Letterheads,
    pub calendar: &'a Calendar,
}

impl Papers<'_> {
    /// The letterhead in force at `t`.
    fn at(&self, t: LocalTime) -> &Letterhead {
        self.letterheads.at(t.date())
    }
}

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
    blocks.push(phone_email(d));
    if !d.applicant.representative.is_empty() {
        blocks.push(field(
            Field::Representative.label(),
            &d.applicant.representative,
        ));
    }
}

fn phone_email(d: &Dossier) -> Block {
    Block::FieldPair {
        left: (Field::Phone.label().to_owned(), d.applicant.phone.clone()),
        right: (Field::Email.label().to_owned(), d.applicant.email.clone()),
    }
}

/// The last step of this kind still in force (an undone one does not print).
fn last_event(d: &Dossier, pick: fn(&EventKind) -> bool) -> Option<&Event> {
    d.effective_events().filter(|e| pick(&e.kind)).last()
}

/// The processing unit holding the dossier just before `e` (the receiver of the last hand-over
/// before it); `None` while the dossier was still at the desk.
fn unit_before<'a>(d: &'a Dossier, e: &Event) -> Option<&'a str> {
    d.effective_events()
        .take_while(|x| !std::ptr::eq(*x, e))
        .filter_map(|x| match &x.kind {
            EventKind::Transferred { to, .. } => Some(to.as_str()),
            _ => None,
        })
        .last()
}

/// The dossier's number in the register (its "Số thứ tự"), two digits at least.
pub(crate) fn register_number_text(number: u64) -> String {
    format!("{number:02}")
}

/// "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", two copies (one A5 page each), the code also as
/// a QR code, dated and headed as at the receipt. `register_number` is the dossier's "Số thứ
/// tự" in the year's register (`None` leaves it to be written by hand). The appointment is the
/// dossier's legal due now (see [`appointment_blocks`]), so the receipt handed over after a
/// supplement or a correction of the procedure carries the appointment in force.
pub fn receipt(d: &Dossier, p: &Papers<'_>, register_number: Option<u64>) -> Document {
    let l = p.at(d.received_at);
    let date = d.received_at.date();
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
    appointment_blocks(d, p.calendar, &mut b);
    let collect = match d.channel {
        Channel::Postal => Channel::Postal.label().to_owned(),
        Channel::Direct | Channel::Online => format!("{} – {}", l.desk, l.agency),
    };
    b.push(field("6. Đăng ký nhận kết quả tại", collect));
    let number = register_number.map_or_else(|| BLANK.to_owned(), register_number_text);
    b.push(Block::Paragraph(format!(
        "Vào Sổ theo dõi hồ sơ, Quyển số: {}, Số thứ tự: {number}",
        d.received_at.format("%Y")
    )));
    if d.code
        .as_str()
        .starts_with(super::letterhead::PLACEHOLDER_AGENCY_CODE)
    {
        b.push(Block::Note(format!(
            "Lưu ý: mã hồ sơ dùng mã cơ quan mẫu {}, vì bộ phận một cửa chưa đặt mã định danh \
             điện tử của cơ quan; mã hồ sơ này không phải mã chính thức.",
            super::letterhead::PLACEHOLDER_AGENCY_CODE
        )));
    }
    b.push(Block::Qr(d.code.as_str().to_owned()));
    b.push(Block::Signatures(vec![
        sig("NGƯỜI NỘP HỒ SƠ", HINT_SIGN, submitter(d)),
        sig("NGƯỜI TIẾP NHẬN HỒ SƠ", HINT_SIGN, &d.received_by),
    ]));
    Document {
        paper: Paper::A5,
        header: Some(
            l.header(Some(Form::Receipt), date, BLANK_NUMBER)
                .issued_by(&l.desk),
        ),
        title: form_title(Form::Receipt, l.form_set(date)).to_owned(),
        subtitle: vec![format!("Mã hồ sơ: {}", d.code.as_str())],
        blocks: b,
        copies: vec![
            "Liên 1: Lưu".to_owned(),
            "Liên 2: Giao người nộp hồ sơ".to_owned(),
        ],
        notices: Vec::new(),
    }
}

/// The receipt's times: "4." the receipt, then (after a supplement) the re-receipt of the
/// complete dossier, and "5." the dossier's legal due *now* (`d.due_at`, recomputed and recorded
/// by every step that moved it), never the first promise: the legal time restarts from zero at
/// the re-receipt (RULES.md §2.3, Decree 61 Art. 19.4) and a corrected procedure brings its own
/// limit, and a receipt reprinted then with the old date misled the citizen holding it. What
/// changed the appointment is said under it, with the appointment it replaces.
fn appointment_blocks(d: &Dossier, calendar: &Calendar, b: &mut Vec<Block>) {
    b.push(field("4. Thời gian nhận hồ sơ", date_time(d.received_at)));
    let restart = last_restart(d, calendar);
    if let Some((again, _)) = restart {
        b.push(field(
            "Thời gian nhận đủ hồ sơ bổ sung, hoàn thiện",
            date_time(again),
        ));
    }
    let due = "5. Thời gian trả kết quả giải quyết hồ sơ";
    let waiting = (d.status == Status::SupplementRequested)
        .then(|| last_event(d, |k| matches!(k, EventKind::SupplementRequested { .. })))
        .flatten();
    if let Some(request) = waiting {
        // The clock waits and restarts from zero: no appointment holds until the re-receipt.
        b.push(field(due, "hẹn lại khi nhận đủ hồ sơ bổ sung, hoàn thiện"));
        b.push(Block::Note(format!(
            "Hồ sơ đang chờ bổ sung, hoàn thiện theo yêu cầu lúc {}: thời gian giải quyết được              tính lại từ đầu khi nhận đủ hồ sơ; thời gian hẹn trả kết quả trước đó ({}) không              còn áp dụng.",
            date_time(request.at),
            date_time(d.due_at)
        )));
        return;
    }
    b.push(field(due, date_time(d.due_at)));
    if let Some((_, replaced)) = restart {
        b.push(Block::Note(format!(
            "Thời gian trả kết quả được tính lại từ đầu kể từ khi nhận đủ hồ sơ bổ sung, hoàn              thiện, thay cho thời gian hẹn trước đó ({}).",
            date_time(replaced)
        )));
    }
    if d.status == Status::Paused
        && let Some(pause) = last_event(d, |k| matches!(k, EventKind::Paused { .. }))
    {
        b.push(Block::Note(format!(
            "Thời gian giải quyết tạm dừng từ {} (không tính vào thời hạn giải quyết): thời              gian trả kết quả sẽ lùi lại tương ứng khi tiếp tục.",
            date_time(pause.at)
        )));
    }
    if let Some(e) = last_event(d, |k| matches!(k, EventKind::ApologyIssued { .. }))
        && let EventKind::ApologyIssued {
            number, new_due, ..
        } = &e.kind
    {
        b.push(Block::Note(format!(
            "Theo văn bản xin lỗi số {number:02}/PXL ngày {}, thời gian hẹn trả lại kết quả: {}.",
            e.at.format("%d/%m/%Y"),
            date_time(*new_due)
        )));
    }
}

/// The last re-receipt of the complete dossier after a supplement (still in force) and the
/// appointment in force just before it, which it replaced.
fn last_restart(d: &Dossier, calendar: &Calendar) -> Option<(LocalTime, LocalTime)> {
    let mut due = original_due(d, calendar);
    let mut last = None;
    for e in d.effective_events() {
        if matches!(e.kind, EventKind::SupplementReceived) {
            last = Some((e.at, due));
        }
        if let Some(moved) = e.due {
            due = moved;
        }
    }
    last
}

/// The name printed under "NGƯỜI NỘP HỒ SƠ": the person who signs. With an authorised
/// representative it is the representative (the organisation or the person represented stays
/// in the body); the representative's field may go on with the authorisation ("Nguyễn Văn
/// Bình, giấy ủy quyền số 12/UQ"), so only the name before a comma, semicolon or parenthesis.
/// An organisation without one signs through whoever comes: left blank to be written by hand,
/// never the company's name.
fn submitter(d: &Dossier) -> &str {
    let representative = d.applicant.representative.trim();
    if !representative.is_empty() {
        let name = representative
            .split([',', ';', '('])
            .next()
            .unwrap_or("")
            .trim();
        return if name.is_empty() {
            representative
        } else {
            name
        };
    }
    match d.applicant.kind {
        ApplicantKind::Person => &d.applicant.name,
        ApplicantKind::Organisation => "",
    }
}

/// The appointment given at the receipt, as recorded then (a notice file read later must not
/// move a promise already printed); computed only for a record that lacks it.
pub(crate) fn original_due(d: &Dossier, calendar: &Calendar) -> LocalTime {
    d.effective_events()
        .find(|e| matches!(e.kind, EventKind::Received))
        .and_then(|e| e.due)
        .unwrap_or_else(|| calendar.due_at(d.received_at, d.time_limit, &[]))
}

/// Each complete re-receipt after a supplement (still in force) with the appointment it
/// restarted: the due recorded on that step (for a record without one, the due from the clock
/// events up to that instant); later pauses move it again, the receipt shows what was promised
/// then.
pub(crate) fn restarts(d: &Dossier, calendar: &Calendar) -> Vec<(LocalTime, LocalTime)> {
    let mut clock = Vec::new();
    let mut out = Vec::new();
    for e in d.effective_events() {
        if let Some(c) = e.kind.clock_event(e.at) {
            clock.push(c);
        }
        if matches!(e.kind, EventKind::SupplementReceived) {
            let due = e
                .due
                .unwrap_or_else(|| calendar.due_at(d.received_at, d.time_limit, &clock));
            out.push((e.at, due));
        }
    }
    out
}

/// "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ" for the dossier's last supplement request, dated
/// at the request. At reception the desk requests (its clerk guides and signs); after a
/// hand-over the processing unit that returned the dossier requests (its official signs).
pub fn supplement_request(d: &Dossier, p: &Papers<'_>) -> Result<Document, ReportError> {
    let e = last_event(d, |k| matches!(k, EventKind::SupplementRequested { .. }))
        .ok_or_else(|| ReportError::missing(d, "chưa có yêu cầu bổ sung, hoàn thiện hồ sơ"))?;
    let EventKind::SupplementRequested { reason, items } = &e.kind else {
        unreachable!("picked by kind")
    };
    let l = p.at(e.at);
    let date = e.at.date();
    let who = applicant_label(d);
    let unit = unit_before(d, e);
    let mut b = vec![field("Hồ sơ của", format!("{who} {}", d.applicant.name))];
    b.push(field("Mã hồ sơ", d.code.as_str()));
    b.push(field("Nội dung yêu cầu giải quyết", &d.procedure_name));
    b.push(field(Field::Address.label(), &d.applicant.address));
    b.push(phone_email(d));
    let requester = match unit {
        Some(u) => format!("{u} – {}", l.agency),
        None => l.desk.clone(),
    };
    b.push(Block::Paragraph(format!(
        "{requester} yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:"
    )));
    b.push(Block::List(items.clone()));
    b.push(field("Lý do", reason));
    let (contact, phone, signer) = match unit {
        Some(u) => (format!("{u} – {}", l.agency), BLANK.to_owned(), ""),
        None => {
            let phone = if l.desk_phone.is_empty() {
                BLANK.to_owned()
            } else {
                l.desk_phone.clone()
            };
            let contact = if e.operator.is_empty() {
                l.desk.clone()
            } else {
                format!("{} – {}", e.operator, l.desk)
            };
            (contact, phone, e.operator.as_str())
        }
    };
    b.push(Block::Paragraph(format!(
        "Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, {who} liên hệ với {contact}, số điện \
         thoại {phone} để được hướng dẫn./."
    )));
    b.push(Block::Signatures(vec![sig(
        "NGƯỜI HƯỚNG DẪN",
        HINT_SIGN,
        signer,
    )]));
    let header = l.header(Some(Form::SupplementRequest), date, BLANK_NUMBER);
    let header = match unit {
        Some(_) => header,
        None => header.issued_by(&l.desk),
    };
    Ok(single_form(Form::SupplementRequest, l, date, header, b))
}

/// "Phiếu từ chối tiếp nhận giải quyết hồ sơ" for the dossier's refusal, dated at it: by the
/// desk at reception, by the processing unit after a hand-over (Decree 61 Art. 19.8); the
/// applicant and the clerk sign.
pub fn refusal(d: &Dossier, p: &Papers<'_>) -> Result<Document, ReportError> {
    let e = last_event(d, |k| matches!(k, EventKind::Refused { .. }))
        .ok_or_else(|| ReportError::missing(d, "không bị từ chối"))?;
    let EventKind::Refused { reason } = &e.kind else {
        unreachable!("picked by kind")
    };
    let l = p.at(e.at);
    let date = e.at.date();
    let who = applicant_label(d);
    let unit = unit_before(d, e);
    let issuer = match unit {
        Some(u) => format!("{u} – {}", l.agency),
        None => l.desk.clone(),
    };
    let mut b = vec![field(
        &format!("{} tiếp nhận hồ sơ của Ông (Bà)/Tổ chức", l.desk),
        &d.applicant.name,
    )];
    contact_blocks(d, &mut b);
    b.push(field("Mã hồ sơ (nếu có)", d.code.as_str()));
    b.push(field("Nội dung yêu cầu giải quyết", &d.procedure_name));
    b.push(Block::Paragraph(format!(
        "{issuer} thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:"
    )));
    b.push(Block::Paragraph(reason.clone()));
    b.push(Block::Paragraph(format!(
        "Xin thông báo để {who} được biết và thực hiện./."
    )));
    b.push(Block::Signatures(vec![
        sig("NGƯỜI NỘP HỒ SƠ", HINT_SIGN, submitter(d)),
        sig("NGƯỜI TIẾP NHẬN HỒ SƠ", HINT_SIGN, &e.operator),
    ]));
    let header = l.header(Some(Form::Refusal), date, BLANK_NUMBER);
    let header = match unit {
        Some(_) => header,
        None => header.issued_by(&l.desk),
    };
    Ok(single_form(Form::Refusal, l, date, header, b))
}

/// A one-copy A5 form with its header.
fn single_form(
    form: Form,
    l: &Letterhead,
    date: chrono::NaiveDate,
    header: super::Header,
    b: Vec<Block>,
) -> Document {
    Document {
        paper: Paper::A5,
        header: Some(header),
        title: form_title(form, l.form_set(date)).to_owned(),
        subtitle: vec![],
        blocks: b,
        copies: vec![],
        notices: Vec::new(),
    }
}
