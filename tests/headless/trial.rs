//! The lead's trial findings over a real ledger (issue 16, /work/coord/day-todo.md): a dossier
//! waiting for a supplement never counts down nor reads late; an apology's new appointment is
//! checked before its confirm (a Saturday is refused in the form, the focus on that field, the
//! message gone once it is edited); a 1970 clock is said on the board from the start.

use motcua::tui::keymap::Key;

use super::{receive, stored};
use crate::support::headless::Headless;

#[test]
fn a_dossier_waiting_for_a_supplement_shows_no_countdown() {
    let mut h = Headless::start("2026-12-01 09:00");
    let code = receive(&mut h, "xac nhan tinh trang hon nhan", "Đinh Thị Lan");
    h.press(&[Key::Enter]);
    h.press(&[Key::Char('b')]);
    h.type_text("Thiếu bản sao giấy khai sinh");
    h.press(&[Key::Tab]).type_text("Bản sao giấy khai sinh");
    h.press(&[Key::Enter]);
    h.expect("Xác nhận?");
    h.press(&[Key::Char('y')]);
    // the request's paper is offered at once; then back to the board
    h.expect("Đã ghi: Yêu cầu bổ sung hồ sơ.");
    h.press(&[Key::Esc, Key::Esc]);
    h.expect("Bảng theo dõi");
    // long after its first appointment: still no "quá hạn", on the board or the dossier
    h.set_now("2026-12-10 09:00");
    let board = h.expect("dừng chờ bổ sung");
    assert!(!board.contains("quá hạn"), "{board}");
    h.type_text(&code).press(&[Key::Enter]);
    let screen = h.expect("dừng tính thời gian – chờ bổ sung");
    assert!(!screen.contains("quá hạn"), "{screen}");
}

#[test]
fn a_saturday_appointment_is_refused_in_the_apology_form() {
    let mut h = Headless::start("2026-12-01 09:00");
    let code = receive(&mut h, "xac nhan tinh trang hon nhan", "Đinh Thị Lan");
    h.press(&[Key::Esc]);
    h.set_now("2026-12-04 08:00");
    h.type_text(&code).press(&[Key::Enter]);
    h.press(&[Key::Char('l')]);
    h.type_text("Chờ xác minh tại nơi cư trú");
    h.press(&[Key::Tab, Key::End, Key::Ctrl('u')]);
    h.type_text("05/12/2026 17:00");
    h.press(&[Key::Tab]).type_text("Nguyễn Văn Chủ");
    h.press(&[Key::Enter]);
    let screen = h.expect("không phải ngày làm việc");
    assert!(
        h.app.confirm.is_none(),
        "no confirm for a Saturday:\n{screen}"
    );
    // the focus is on the appointment: typing there fixes it, and the message goes at once
    h.press(&[Key::End, Key::Ctrl('u')]);
    let screen = h.screen();
    assert!(!screen.contains("không phải ngày làm việc"), "{screen}");
    h.type_text("10/12/2026 17:00").press(&[Key::Enter]);
    h.expect("Chỉ được hẹn lại một lần.");
    h.press(&[Key::Char('y')]);
    let d = stored(&h, &code);
    assert_eq!(
        d.new_due_at,
        Some(crate::support::at("2026-12-10 17:00")),
        "{d:?}"
    );
}

#[test]
fn a_1970_clock_is_said_on_the_board_at_start() {
    let h = Headless::start("1970-01-01 08:00");
    h.expect("Đồng hồ của máy tính có vẻ sai: 08:00 01/01/1970");
}
