//! A clerk's journeys through the whole desk without a terminal: key presses into the real App
//! over a real ledger in a temporary directory, every effect run against it, the screen read
//! from a TestBackend (`support::headless`). Fast and deterministic; the PTY journeys keep
//! checking the binary and the terminal themselves.

use std::os::unix::fs::PermissionsExt;

use motcua::desk::Desk;
use motcua::domain::{DossierCode, EventKind, Status};
use motcua::tui::keymap::Key;

use crate::support::headless::Headless;

#[path = "headless/figures.rs"]
mod figures;
#[path = "headless/pins.rs"]
mod pins;
#[path = "headless/refusals.rs"]
mod refusals;
#[path = "headless/reports.rs"]
mod reports;
#[path = "headless/setup.rs"]
mod setup;
#[path = "headless/trial.rs"]
mod trial;
#[path = "headless/whole_day.rs"]
mod whole_day;

/// The dossier `code` as the ledger holds it now.
fn stored(h: &Headless, code: &str) -> motcua::domain::Dossier {
    let code = DossierCode::parse(code).expect("a code read off the screen");
    h.desk
        .get(&code)
        .expect("the ledger answers")
        .expect("the dossier is in the ledger")
}

/// Receives `procedure_query`'s first match for `name` from the board, with an ID number;
/// returns the new code as the confirmation screen shows it.
fn receive(h: &mut Headless, procedure_query: &str, name: &str) -> String {
    h.press(&[Key::Char('n')]);
    h.expect("Tiếp nhận hồ sơ");
    h.type_text(procedure_query).press(&[Key::Enter]);
    h.type_text(name).press(&[Key::Tab]);
    h.type_text("001088012345").press(&[Key::Tab]);
    h.expect("Hẹn trả kết quả:");
    h.press(&[Key::Ctrl('s')]);
    let screen = h.expect("Đã tiếp nhận hồ sơ");
    let line = screen
        .lines()
        .find(|l| l.contains("Mã hồ sơ:"))
        .unwrap_or_else(|| panic!("the confirmation shows the code:\n{screen}"));
    line.split_whitespace().last().expect("a code").to_owned()
}

#[test]
fn intake_to_a_saved_code() {
    let mut h = Headless::start("2026-12-03 09:15");
    h.expect("Không có hồ sơ nào");
    let code = receive(&mut h, "khai sinh", "Nguyễn Thị Ánh");
    assert!(code.ends_with("-261203-0001"), "{code}");
    let d = stored(&h, &code);
    assert_eq!(d.applicant.name, "Nguyễn Thị Ánh");
    assert_eq!(d.applicant.id_number, "001088012345");
    assert_eq!(d.procedure_name, "Đăng ký khai sinh");
    assert_eq!(d.status, Status::Received);
    assert_eq!(d.received_by, "Lê Thị Hoa");
    assert_eq!(d.due_at, crate::support::at("2026-12-03 17:00"));
    // back on the board, the new dossier is listed with its appointment
    h.press(&[Key::Esc]);
    let board = h.expect("Nguyễn Thị Ánh");
    assert!(board.contains("03/12 17:00"), "{board}");
}

#[test]
fn scanning_a_code_on_the_board_opens_it() {
    let mut h = Headless::start("2026-12-03 09:15");
    let first = receive(&mut h, "khai sinh", "Hoàng Văn Bảy");
    h.press(&[Key::Esc]);
    let second = receive(&mut h, "khai sinh", "Lý Thị Chín");
    h.press(&[Key::Esc]);
    // a scanner types the whole code, then Enter
    h.type_text(&first).press(&[Key::Enter]);
    let screen = h.expect("Quá trình giải quyết");
    assert!(
        screen.contains(&first) && screen.contains("Hoàng Văn Bảy"),
        "{screen}"
    );
    assert!(!screen.contains(&second), "{screen}");
    // lower case (a scanner in the wrong mode) opens it too
    h.press(&[Key::Esc]);
    h.type_text(&second.to_lowercase()).press(&[Key::Enter]);
    h.expect("Lý Thị Chín");
    // a well-formed code nobody has, and text that is no code: a message, the board stays
    h.press(&[Key::Esc]);
    let unknown = format!("{}9999", &first[..first.len() - 4]);
    h.type_text(&unknown).press(&[Key::Enter]);
    h.expect("Không có hồ sơ mã");
    h.type_text(&format!("{first}9")).press(&[Key::Enter]);
    h.expect("không phải mã hồ sơ");
    h.expect("Bảng theo dõi");
}

#[test]
fn handing_back_asks_to_confirm_and_writes_only_on_yes() {
    let mut h = Headless::start("2026-12-03 09:15");
    let code = receive(&mut h, "khai sinh", "Nguyễn Thị Ánh");
    h.press(&[Key::Esc]);
    h.type_text(&code).press(&[Key::Enter]);
    // transfer to the unit, the result comes back: each through its confirm
    h.press(&[Key::Char('g')]);
    h.expect("Đơn vị nhận");
    h.press(&[Key::Enter]);
    h.expect("thời hạn vẫn tiếp");
    h.press(&[Key::Char('y')]);
    h.press(&[Key::Char('v')]);
    h.expect("Xác nhận?");
    h.press(&[Key::Char('y')]);
    assert_eq!(stored(&h, &code).status, Status::ResultReady);
    // hand back: the form, then a confirm; "no" writes nothing
    h.press(&[Key::Char('a')]);
    h.expect("Người nhận kết quả");
    h.press(&[Key::Enter]);
    h.expect("Xác nhận?");
    h.press(&[Key::Char('n')]);
    assert_eq!(stored(&h, &code).status, Status::ResultReady);
    // "no" goes back to the form, as filled in
    assert!(!h.screen().contains("Xác nhận?"));
    h.expect("Người nhận kết quả");
    h.press(&[Key::Enter]);
    h.expect("Xác nhận?");
    h.press(&[Key::Char('y')]);
    h.expect("Đã trả kết quả");
    let d = stored(&h, &code);
    assert_eq!(d.status, Status::HandedBack);
    assert!(
        matches!(&d.events.last().expect("events").kind, EventKind::HandedBack { to, .. } if to == "Nguyễn Thị Ánh"),
        "{:?}",
        d.events
    );
}

#[test]
fn a_late_dossier_gets_its_apology_letter_printed() {
    let mut h = Headless::start("2026-12-01 09:00");
    let code = receive(&mut h, "xac nhan tinh trang hon nhan", "Đinh Thị Lan");
    h.press(&[Key::Esc]);
    // the day after the apology deadline (one working day before the due date)
    h.set_now("2026-12-04 08:00");
    h.expect("Cần xin lỗi 1");
    h.type_text(&code).press(&[Key::Enter]);
    h.press(&[Key::Char('l')]);
    h.expect("Ngày hẹn lại");
    h.type_text("Chờ xác minh tại nơi cư trú");
    h.press(&[Key::Tab, Key::Tab]);
    h.type_text("Nguyễn Văn Chủ").press(&[Key::Enter]);
    h.expect("Chỉ được hẹn lại một lần.");
    h.press(&[Key::Char('y')]);
    // the letter is offered at once, previewed on screen
    h.expect("In giấy tờ");
    h.expect("Chờ xác minh tại nơi cư trú");
    let d = stored(&h, &code);
    assert!(d.new_due_at.is_some());
    assert!(
        d.events
            .iter()
            .any(|e| matches!(&e.kind, EventKind::ApologyIssued { .. }))
    );
    // print the letter: a PDF in the data directory's printouts, with the reason in it
    h.press(&[Key::Enter]);
    h.expect("Đã lưu tệp in");
    h.press(&[Key::Esc]);
    h.expect("Xin lỗi, số 01/PXL");
    let printed = h.printed();
    assert_eq!(printed.len(), 1, "{printed:?}");
    let name = printed[0]
        .file_name()
        .expect("a file")
        .to_string_lossy()
        .into_owned();
    assert!(
        name.starts_with(&format!("{code}-van-ban-xin-loi")),
        "{name}"
    );
    let text = pdf_text(&printed[0]);
    for needle in [
        "Đinh Thị Lan",
        "Chờ xác minh tại nơi cư trú",
        "Nguyễn Văn Chủ",
        &code,
    ] {
        assert!(
            text.contains(needle),
            "the letter lacks {needle:?}:\n{text}"
        );
    }
}

#[test]
fn the_receipt_prints_to_a_file_in_the_private_data_directory() {
    let mut h = Headless::start("2026-12-03 09:15");
    let code = receive(&mut h, "khai sinh", "Nguyễn Thị Ánh");
    // the confirmation offers the receipt; with no printer set it is written as a PDF
    h.press(&[Key::Char('p')]);
    h.expect("Đã lưu tệp in");
    let printed = h.printed();
    assert_eq!(printed.len(), 1, "{printed:?}");
    assert!(printed[0].starts_with(h.data_dir()));
    let name = printed[0]
        .file_name()
        .expect("a file")
        .to_string_lossy()
        .into_owned();
    assert_eq!(name, format!("{code}-giay-tiep-nhan-20261203-0915.pdf"));
    let text = pdf_text(&printed[0]);
    for needle in [
        code.as_str(),
        "Nguyễn Thị Ánh",
        "001088012345",
        "Đăng ký khai sinh",
    ] {
        assert!(
            text.contains(needle),
            "the receipt lacks {needle:?}:\n{text}"
        );
    }
    // personal data: the data directory (and so the printouts in it) is the clerk's alone
    let mode = std::fs::metadata(h.data_dir())
        .expect("data dir")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o700, "{mode:o}");
}

/// The text of a printed PDF, runs of white space collapsed.
fn pdf_text(path: &std::path::Path) -> String {
    let bytes = std::fs::read(path).expect("the printout is readable");
    let text = pdf_extract::extract_text_from_mem(&bytes).expect("our PDF is readable");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Issue 16: optional documents ("… nếu có") started ticked, as if the citizen had brought them.
#[test]
fn optional_documents_start_unticked() {
    let mut h = Headless::start("2026-12-03 09:15");
    h.press(&[Key::Char('n')]);
    h.type_text("khai sinh").press(&[Key::Enter]);
    let motcua::tui::app::Screen::Intake(form) = &h.app.screen else {
        panic!("the intake form:\n{}", h.screen());
    };
    let optional: Vec<_> = form
        .documents
        .iter()
        .filter(|(d, _)| d.contains("nếu có"))
        .collect();
    assert!(!optional.is_empty(), "{:?}", form.documents);
    assert!(optional.iter().all(|(_, ticked)| !ticked), "{optional:?}");
    assert!(form.documents.iter().any(|(_, ticked)| *ticked));
}
