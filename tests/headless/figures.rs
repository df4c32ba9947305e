//! Issue 16 item 9 from the desk: the clerk's figures and the call list are papers of the
//! board's menu, previewed on screen and printed as PDF.

use motcua::tui::keymap::Key;

use super::pdf_text;
use crate::support::headless::Headless;

/// Receives a birth registration with a phone number; back on the board, returns the code.
fn receive_with_phone(h: &mut Headless, name: &str, phone: &str) -> String {
    h.press(&[Key::Char('n')]);
    h.type_text("khai sinh").press(&[Key::Enter]);
    h.type_text(name).press(&[Key::Tab]);
    h.type_text("001088012345").press(&[Key::Tab, Key::Tab]);
    h.type_text(phone).press(&[Key::Tab]);
    h.press(&[Key::Ctrl('s')]);
    let screen = h.expect("Đã tiếp nhận hồ sơ");
    let line = screen
        .lines()
        .find(|l| l.contains("Mã hồ sơ:"))
        .expect("a code");
    let code = line.split_whitespace().last().expect("a code").to_owned();
    h.press(&[Key::Esc]);
    code
}

/// Opens the board's papers menu on its `n`-th paper (0-based).
fn menu_at(h: &mut Headless, n: usize) {
    h.press(&[Key::Char('i')]);
    for _ in 0..n {
        h.press(&[Key::Down]);
    }
}

#[test]
fn the_call_list_and_the_figures_from_the_board() {
    let mut h = Headless::start("2026-12-03 08:30");
    let code = receive_with_phone(&mut h, "Đặng Thị Mơ", "0987654321");
    h.type_text(&code).press(&[Key::Enter]);
    h.press(&[Key::Char('g'), Key::Enter, Key::Char('y')]);
    h.press(&[Key::Char('v'), Key::Char('y')]);
    h.expect("Chờ trả kết quả");
    h.press(&[Key::Esc]);
    h.set_now("2026-12-08 09:00");
    // the call list: the phone and the days the result has waited, on screen then on paper
    menu_at(&mut h, 8);
    h.expect("9. Danh sách gọi công dân nhận kết quả");
    let screen = h.expect("DANH SÁCH GỌI CÔNG DÂN NHẬN KẾT QUẢ");
    assert!(
        screen.contains("0987654321") && screen.contains(&code[14..]),
        "{screen}"
    );
    h.press(&[Key::Char('p')]);
    h.expect("Đã lưu tệp in");
    let printed = h.printed();
    let name = printed[0]
        .file_name()
        .expect("a file")
        .to_string_lossy()
        .into_owned();
    assert!(name.starts_with("danh-sach-goi-nhan-ket-qua-"), "{name}");
    let text = pdf_text(&printed[0]);
    assert!(
        text.contains("0987654321") && text.contains(&code[14..]),
        "{text}"
    );
    // the figures of this month: the officer who received it, the unit it went to
    h.press(&[Key::Up]);
    let screen = h.expect("SỐ LIỆU GIẢI QUYẾT HỒ SƠ THEO CÁN BỘ VÀ ĐƠN VỊ");
    assert!(screen.contains("Lê Thị Hoa"), "{screen}");
    assert!(screen.contains("Theo cán bộ tiếp nhận"), "{screen}");
}
