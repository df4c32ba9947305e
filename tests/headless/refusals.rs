//! What the rules refuse is said before a form or a confirm opens (issue 16): an undo that is
//! not this clerk's, not today's, or of a paper the citizen holds; a step the dossier's state
//! does not allow; a correction that changes nothing; a procedure corrected after the
//! hand-over. And the procedure corrected from the dossier view, its new due in the confirm.

use motcua::domain::{Correction, EventKind, Status};
use motcua::tui::keymap::Key;

use super::{receive, stored};
use crate::support::headless::Headless;

/// The confirm box's lines, or a failure with the screen.
fn confirm_lines(h: &Headless) -> Vec<String> {
    match &h.app.confirm {
        Some(c) => c.lines.clone(),
        None => panic!("a confirm is open:\n{}", h.screen()),
    }
}

fn no_form_no_confirm(h: &Headless) {
    let screen = h.screen();
    assert!(h.app.confirm.is_none(), "no confirm:\n{screen}");
    let motcua::tui::app::Screen::Dossier(view) = &h.app.screen else {
        panic!("the dossier view:\n{screen}");
    };
    assert!(view.form.is_none(), "no form:\n{screen}");
}

/// Issue 16: an undo the rules forbid was refused only after the clerk had typed a reason and
/// said yes; now the key itself answers with the rule, and nothing opens.
#[test]
fn an_undo_the_rules_forbid_is_refused_before_its_form() {
    let mut h = Headless::start("2026-12-03 09:15");
    let code = receive(&mut h, "xac nhan tinh trang hon nhan", "Đinh Thị Lan");
    h.press(&[Key::Enter]);
    h.expect("Quá trình giải quyết");
    // nothing to undo yet: the receipt is no step to take back
    h.press(&[Key::Char('z')]);
    h.expect("Hồ sơ không có bước nào hoàn tác được.");
    no_form_no_confirm(&h);
    // a transfer today by this clerk can be undone: the form asks for the reason
    h.press(&[Key::Char('g'), Key::Enter, Key::Char('y')]);
    h.press(&[Key::Char('z')]);
    h.expect("vì sao hoàn tác");
    h.press(&[Key::Esc]);
    // the next day it cannot, and the key says why before any form
    h.set_now("2026-12-04 08:00");
    h.press(&[Key::Char('z')]);
    h.expect("chỉ hoàn tác được trong ngày");
    no_form_no_confirm(&h);
    assert_eq!(stored(&h, &code).status, Status::InProcessing);
}

/// A legal step the state does not allow says so instead of doing nothing.
#[test]
fn a_step_the_state_does_not_allow_says_why() {
    let mut h = Headless::start("2026-12-03 09:15");
    receive(&mut h, "khai sinh", "Hoàng Văn Bảy");
    h.press(&[Key::Enter]);
    // hand back before any result
    h.press(&[Key::Char('a')]);
    h.expect("Không thể «Trả kết quả»: hồ sơ đang ở trạng thái");
    no_form_no_confirm(&h);
    // and the refusal is not in the list of steps offered
    let screen = h.screen();
    assert!(!screen.contains("a Trả kết quả"), "{screen}");
}

/// A correction the intake's rules refuse, or one that changes nothing, is said in the form.
#[test]
fn a_correction_the_rules_refuse_is_said_in_the_form() {
    let mut h = Headless::start("2026-12-03 09:15");
    let code = receive(&mut h, "khai sinh", "Nguyễn Thị Ánh");
    h.press(&[Key::Enter]);
    h.press(&[Key::Char('s'), Key::Tab]);
    h.type_text("Nguyễn Thị Ánh");
    h.press(&[Key::Tab])
        .type_text("Đọc lại")
        .press(&[Key::Enter]);
    h.expect("Nguyễn Thị Ánh");
    assert!(h.app.confirm.is_none(), "{}", h.screen());
    let motcua::tui::app::Screen::Dossier(view) = &h.app.screen else {
        panic!("the dossier view");
    };
    let error = view.form.as_ref().and_then(|f| f.error.clone());
    assert!(
        error
            .as_deref()
            .is_some_and(|e| e.contains("Nguyễn Thị Ánh")),
        "{error:?}"
    );
    assert_eq!(stored(&h, &code).events.len(), 1);
}

/// Issue 16: the procedure could be corrected only from the command line. From the dossier
/// view it is found by words of its name, the confirm shows the recomputed due, and the
/// ledger records exactly that due; after the hand-over the form refuses it before confirming.
#[test]
fn the_procedure_is_corrected_from_the_dossier_view_with_its_new_due() {
    let mut h = Headless::start("2026-12-03 09:15");
    let code = receive(&mut h, "khai sinh", "Đinh Thị Lan");
    h.press(&[Key::Enter]);
    h.press(&[Key::Char('s')]);
    // the last choice of the fact to correct is the procedure
    h.press(&[Key::Left]);
    h.expect("◂ Thủ tục ▸");
    h.press(&[Key::Tab]).type_text("hon");
    // several match: they are listed, none is chosen yet
    let screen = h.expect("Đăng ký kết hôn");
    assert!(!screen.contains("→ "), "{screen}");
    h.press(&[Key::Ctrl('u')]).type_text("khong co thu tuc nay");
    h.expect("Không có thủ tục nào khớp");
    h.press(&[Key::Ctrl('u')]).type_text("tinh trang hon nhan");
    h.expect("→ Cấp Giấy xác nhận tình trạng hôn nhân");
    h.press(&[Key::Tab])
        .type_text("Người nộp chọn nhầm thủ tục")
        .press(&[Key::Enter]);
    let lines = confirm_lines(&h).join("\n");
    assert!(
        lines.contains("«Đăng ký khai sinh (TS.HT.01)» → «Cấp Giấy xác nhận tình trạng hôn nhân"),
        "{lines}"
    );
    assert!(lines.contains("hẹn cũ 17:00 03/12/2026"), "{lines}");
    h.press(&[Key::Char('y')]);
    h.expect("Đã ghi: Sửa thông tin");
    let d = stored(&h, &code);
    assert_eq!(d.procedure_name, "Cấp Giấy xác nhận tình trạng hôn nhân");
    let shown = format!("hẹn mới {}", d.due_at.format("%H:%M %d/%m/%Y"));
    assert!(lines.contains(&shown), "{shown} in:\n{lines}");
    assert!(d.due_at > crate::support::at("2026-12-03 17:00"));
    assert!(matches!(
        &d.events.last().expect("events").kind,
        EventKind::Corrected {
            new: Correction::Procedure(_),
            ..
        }
    ));
    // handed over to the unit: the procedure can no longer change, said in the form
    h.press(&[Key::Char('g'), Key::Enter, Key::Char('y')]);
    h.press(&[Key::Char('s'), Key::Left, Key::Tab]);
    h.type_text("TS.HT.01");
    h.press(&[Key::Tab])
        .type_text("Thử lại")
        .press(&[Key::Enter]);
    assert!(h.app.confirm.is_none(), "{}", h.screen());
    h.expect("Chỉ sửa được thủ tục trước khi chuyển hồ sơ");
}
