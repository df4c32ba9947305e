//! One word per thing (issue 15 item 4): a field, a status, a channel and a time limit read the
//! same wherever a clerk or a citizen meets them. Each check renders the real screen (the
//! headless desk over a real ledger) or the real printout and looks for the domain's own label
//! (`Field::label`, `Status::label`, `Channel::label`, `TimeLimit::label`) in it: the intake
//! form, the message a refused value gets, the dossier screen, the printed receipt, the day
//! summary. A screen or paper that spells a thing its own way fails here.

use std::collections::BTreeSet;

use motcua::desk::{Call, Desk, FormKind};
use motcua::domain::{
    Channel, Command, DossierCode, Field, Status, builtin_catalogue, validate_documents,
};
use motcua::tui::intake::ORDER;
use motcua::tui::keymap::Key;

use crate::support::headless::{Headless, OPERATOR};

const NOW: &str = "2026-12-03 09:15";

/// A new intake form with the procedure whose code is `code` picked; the focus is on the name.
fn intake(code: &str) -> Headless {
    let mut h = Headless::start(NOW);
    h.press(&[Key::Char('n')]).type_text(code);
    h.press(&[Key::Enter]);
    h
}

/// Moves the intake form's focus from the name to `field` (Tab order).
fn focus(h: &mut Headless, field: Field) {
    let from = ORDER.iter().position(|f| *f == Field::Name).expect("name");
    let to = ORDER
        .iter()
        .position(|f| *f == field)
        .expect("an intake field");
    for _ in from..to {
        h.press(&[Key::Tab]);
    }
}

/// The value that makes each intake field's check refuse it when the clerk leaves the field;
/// `None` for the closed choices (documents ticked, person or organisation, channel), which no
/// keystroke can make wrong.
fn refused_value(field: Field) -> Option<String> {
    Some(match field {
        Field::Name => String::new(),
        Field::IdNumber => "123".to_owned(),
        Field::Address => "x".repeat(251),
        Field::Phone => "123".to_owned(),
        Field::Email => "an@".to_owned(),
        Field::Representative => "x".repeat(121),
        Field::Sets => "99".to_owned(),
        Field::Note => "x".repeat(1001),
        _ => return None,
    })
}

#[test]
fn every_intake_field_has_one_label_on_the_form() {
    let h = intake("2.000815");
    let screen = h.screen();
    for field in ORDER {
        assert!(
            screen.contains(field.label()),
            "the intake form lacks {:?}:\n{screen}",
            field.label()
        );
    }
}

#[test]
fn a_refused_field_is_named_by_its_label_in_the_message() {
    for field in ORDER {
        let Some(value) = refused_value(field) else {
            continue;
        };
        let mut h = intake("2.000815");
        focus(&mut h, field);
        // leaving the field checks it (backwards: past the last field the picker fills the screen)
        h.type_text(&value).press(&[Key::BackTab]);
        h.expect(&format!("⚠ {}: ", field.label()));
    }
    // the procedure: nothing matches what was typed
    let mut h = Headless::start(NOW);
    h.press(&[Key::Char('n')])
        .type_text("zzzz")
        .press(&[Key::Tab]);
    h.expect(&format!("⚠ {}: chưa chọn", Field::Procedure.label()));
    // the documents' message comes from the command line and imports (a `;` inside one)
    let procedure = &builtin_catalogue()[0];
    let refusal =
        validate_documents(&["Tờ khai; bản sao".to_owned()], procedure).expect_err("refused");
    assert!(
        refusal
            .to_string()
            .starts_with(&format!("{}: ", Field::Documents.label()))
    );
}

#[test]
fn the_printed_receipt_uses_the_form_s_labels() {
    let mut h = intake("khai sinh");
    // the applicant's fields follow the name in Tab order
    let values = [
        (Field::Name, "Nguyễn Thị Ánh"),
        (Field::IdNumber, "001088012345"),
        (Field::Address, "Thôn Nà Pàn"),
        (Field::Phone, "0987654321"),
        (Field::Email, "anh@example.vn"),
        (Field::Representative, "Nguyễn Văn Bình"),
    ];
    let first = ORDER.iter().position(|f| *f == Field::Name).expect("name");
    for (i, (field, value)) in values.into_iter().enumerate() {
        assert_eq!(ORDER[first + i], field, "the form's Tab order");
        h.type_text(value).press(&[Key::Tab]);
    }
    h.press(&[Key::Ctrl('s')]);
    h.expect("Đã tiếp nhận hồ sơ");
    h.press(&[Key::Char('p')]);
    h.expect("Đã lưu tệp in");
    let printed = h.printed();
    let text = pdf_text(&printed[0]);
    // every field the official receipt labels (RULES.md §3); the name, the procedure, the
    // channel and the note are printed under the form's own headings
    for field in [
        Field::IdNumber,
        Field::Address,
        Field::Phone,
        Field::Email,
        Field::Representative,
        Field::Documents,
        Field::Sets,
    ] {
        assert!(
            text.contains(field.label()),
            "the receipt lacks {:?}:\n{text}",
            field.label()
        );
    }
}

/// Receives a dossier of `procedure` through the intake form; returns its code.
fn receive(h: &mut Headless, procedure: &str, name: &str) -> DossierCode {
    h.press(&[Key::Char('n')]).type_text(procedure);
    h.press(&[Key::Enter]).type_text(name);
    h.press(&[Key::Ctrl('s')]);
    let screen = h.expect("Đã tiếp nhận hồ sơ");
    let line = screen
        .lines()
        .find(|l| l.contains("Mã hồ sơ:"))
        .expect("the code");
    let code = line.split_whitespace().last().expect("a code");
    h.press(&[Key::Esc]);
    DossierCode::parse(code).expect("a code")
}

/// The legal steps that bring a received dossier to `status` (a pausable procedure for
/// `Paused`).
fn steps_to(status: Status) -> Vec<Command> {
    let transfer = Command::Transfer {
        to: "Tư pháp – hộ tịch".to_owned(),
    };
    let reason = || "Thiếu giấy tờ".to_owned();
    match status {
        Status::Received => vec![],
        Status::InProcessing => vec![transfer],
        Status::SupplementRequested => vec![Command::RequestSupplement {
            reason: reason(),
            items: vec!["Bản sao".to_owned()],
        }],
        Status::Paused => vec![transfer, Command::Pause { reason: reason() }],
        Status::ResultReady => vec![transfer, Command::MarkResultReady],
        Status::HandedBack => vec![
            transfer,
            Command::MarkResultReady,
            Command::HandBack {
                to: "Nguyễn Thị Ánh".to_owned(),
                fee_vnd: 0,
                rating: String::new(),
            },
        ],
        Status::Refused => vec![Command::Refuse { reason: reason() }],
        Status::Stopped => vec![Command::Stop { reason: reason() }],
    }
}

#[test]
fn every_status_reads_the_same_on_the_dossier_screen_and_in_a_refusal() {
    let mut h = Headless::start(NOW);
    let call = Call::new(crate::support::at(NOW), OPERATOR);
    for status in Status::ALL {
        // land registration pauses; birth registration does not
        let procedure = if status == Status::Paused {
            "TS.DD.01"
        } else {
            "khai sinh"
        };
        let code = receive(&mut h, procedure, "Nguyễn Thị Ánh");
        for step in steps_to(status) {
            h.desk.act(&code, None, step, &call).expect("a legal step");
        }
        h.type_text(code.as_str()).press(&[Key::Enter]);
        h.expect("Trạng thái");
        h.expect(status.label());
        h.press(&[Key::Esc]);
        // a step this status does not allow is refused naming the status the same way
        let illegal = match status {
            Status::Received | Status::SupplementRequested => Command::MarkResultReady,
            _ => Command::ReceiveSupplement,
        };
        let refusal = h
            .desk
            .act(&code, None, illegal, &call)
            .expect_err("not allowed");
        assert!(
            refusal
                .to_string()
                .contains(&format!("«{}»", status.label())),
            "{refusal}"
        );
    }
}

#[test]
fn every_channel_reads_the_same_on_the_form_the_dossier_screen_and_the_day_summary() {
    let mut h = Headless::start(NOW);
    let mut codes = Vec::new();
    for (n, channel) in [Channel::Direct, Channel::Postal, Channel::Online]
        .iter()
        .enumerate()
    {
        h.press(&[Key::Char('n')]).type_text("khai sinh");
        h.press(&[Key::Enter]).type_text("Nguyễn Thị Ánh");
        focus(&mut h, Field::Channel);
        for _ in 0..n {
            h.press(&[Key::Char(' ')]);
        }
        h.expect(&format!("◂ {} ▸", channel.label()));
        h.press(&[Key::Ctrl('s')]);
        let screen = h.expect("Đã tiếp nhận hồ sơ");
        let line = screen
            .lines()
            .find(|l| l.contains("Mã hồ sơ:"))
            .expect("the code");
        codes.push(line.split_whitespace().last().expect("a code").to_owned());
        h.press(&[Key::Esc]);
    }
    for (code, channel) in codes
        .iter()
        .zip([Channel::Direct, Channel::Postal, Channel::Online])
    {
        h.type_text(code).press(&[Key::Enter]);
        h.expect(channel.label());
        h.press(&[Key::Esc]);
    }
    let now = crate::support::at(NOW);
    let summary = h
        .desk
        .day_summary(now.date(), now)
        .expect("the day's summary");
    let letterhead = h.desk.letterhead(now).expect("letterhead");
    let text = motcua::print::to_text(&motcua::report::sheets::day_document(&summary, &letterhead));
    for channel in [Channel::Direct, Channel::Postal, Channel::Online] {
        assert!(
            text.contains(channel.label()),
            "the summary lacks {:?}:\n{text}",
            channel.label()
        );
    }
}

#[test]
fn every_time_limit_reads_the_same_on_the_form_its_explanation_and_the_receipt() {
    let mut seen = BTreeSet::new();
    let catalogue = builtin_catalogue();
    for p in catalogue
        .iter()
        .filter(|p| seen.insert(p.time_limit.label()))
    {
        let label = p.time_limit.label();
        let mut h = intake(p.code.as_str());
        h.expect(&format!("{} · ", label));
        // F3 explains the appointment, naming the limit
        h.press(&[Key::F(3)]);
        h.expect(&format!("Thời hạn giải quyết: {label}"));
        h.press(&[Key::F(3)]);
        h.type_text("Nguyễn Thị Ánh").press(&[Key::Ctrl('s')]);
        let screen = h.expect("Đã tiếp nhận hồ sơ");
        let line = screen
            .lines()
            .find(|l| l.contains("Mã hồ sơ:"))
            .expect("the code");
        let code =
            DossierCode::parse(line.split_whitespace().last().expect("a code")).expect("a code");
        let receipt = h
            .desk
            .document(FormKind::Receipt, &code, crate::support::at(NOW))
            .expect("the receipt");
        let text = motcua::print::to_text(&receipt);
        assert!(
            text.contains(&format!("theo quy định là: {label}")),
            "the receipt lacks {label:?}:\n{text}"
        );
    }
    assert!(
        seen.len() >= 5,
        "the built-in catalogue has several limits: {seen:?}"
    );
}

/// The text of a printed PDF, runs of white space collapsed.
fn pdf_text(path: &std::path::Path) -> String {
    let bytes = std::fs::read(path).expect("the printout is readable");
    let text = pdf_extract::extract_text_from_mem(&bytes).expect("our PDF is readable");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
