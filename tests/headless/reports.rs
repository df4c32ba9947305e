//! Issue 16 item 1 over a real ledger: a report of a typed range of days, from the board's
//! papers menu to the printed PDF, and the refusals a clerk sees when the range cannot be one.

use motcua::tui::keymap::Key;

use super::{pdf_text, receive};
use crate::support::headless::Headless;

/// Opens the board's menu and its range form, and types `from` and `to` over what it suggests.
fn type_range(h: &mut Headless, from: &str, to: &str) {
    h.press(&[Key::Char('i')]);
    h.expect("Chọn khoảng ngày…");
    h.press(&[Key::Char('d')]);
    h.expect("Từ ngày");
    h.press(&[Key::End, Key::Ctrl('u')]).type_text(from);
    h.press(&[Key::Tab, Key::End, Key::Ctrl('u')]).type_text(to);
}

#[test]
fn a_typed_range_is_previewed_and_printed_as_biểu_06_and_register() {
    let mut h = Headless::start("2026-11-20 09:00");
    let code = receive(&mut h, "khai sinh", "Phạm Thị Thu");
    h.press(&[Key::Esc]);
    h.set_now("2026-12-10 09:00");
    type_range(&mut h, "15/11/2026", "2026-11-30");
    h.press(&[Key::Enter]);
    // the preview of Biểu 06 for that range, with the dossier counted
    h.expect("Thống kê kết quả (Biểu 06) 15/11/2026 – 30/11/2026");
    h.expect("TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT");
    h.press(&[Key::Enter]);
    h.expect("Đã lưu tệp in");
    let printed = h.printed();
    assert_eq!(printed.len(), 1, "{printed:?}");
    let name = printed[0].file_name().expect("a file").to_string_lossy();
    assert!(name.starts_with("bieu-06-20261115-20261130-"), "{name}");
    let text = pdf_text(&printed[0]);
    assert!(text.contains("15/11/2026"), "{text}");
    assert!(
        text.contains("Hộ tịch"),
        "the dossier's field is a row: {text}"
    );
    // the register of the same range: the dossier's code and applicant on it
    h.press(&[Key::Char('d'), Key::Tab, Key::Tab, Key::Char(' ')]);
    h.expect("◂ Sổ theo dõi hồ sơ ▸");
    h.press(&[Key::BackTab, Key::End, Key::Ctrl('u')])
        .type_text("30/11/2026");
    h.press(&[Key::BackTab, Key::End, Key::Ctrl('u')])
        .type_text("15/11/2026");
    h.press(&[Key::Enter]);
    h.expect("Sổ theo dõi hồ sơ 15/11/2026 – 30/11/2026");
    h.expect("SỔ THEO DÕI HỒ SƠ");
    h.press(&[Key::Char('p')]);
    let printed = h.printed();
    assert_eq!(printed.len(), 2, "{printed:?}");
    let register = printed
        .iter()
        .find(|p| {
            p.to_string_lossy()
                .contains("so-theo-doi-20261115-20261130")
        })
        .expect("the register's PDF");
    let text = pdf_text(register);
    assert!(text.contains("Phạm Thị Thu"), "{text}");
    assert!(
        text.contains(code.rsplit('-').next().expect("a code")),
        "{text}"
    );
}

#[test]
fn a_range_that_cannot_be_a_report_says_why_and_prints_nothing() {
    let mut h = Headless::start_sized("2026-12-10 09:00", (80, 24));
    for (from, to, why) in [
        ("10/12/2026", "01/12/2026", "sau đến ngày 01/12/2026"),
        (
            "31/11/2026",
            "01/12/2026",
            "«31/11/2026» không phải một ngày",
        ),
        ("01/12/2026", "24/12/2026", "chưa tới"),
        ("01/01/2025", "01/12/2026", "dài quá một năm"),
    ] {
        type_range(&mut h, from, to);
        h.press(&[Key::Enter]);
        h.expect(why);
        h.press(&[Key::Esc, Key::Esc]);
        h.expect("Bảng theo dõi");
    }
    assert!(h.printed().is_empty());
}
