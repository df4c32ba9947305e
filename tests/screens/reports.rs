//! Issue 16 item 1: the board's papers menu takes a typed range of days ("Chọn khoảng ngày…"),
//! dd/mm/yyyy as every screen writes dates, with its reasons in Vietnamese when the range
//! cannot be a report; a valid range is one more paper of the menu, previewed and printed.

use chrono::NaiveDate;

use motcua::tui::app::{Action, App, Effect};
use motcua::tui::keymap::Key;
use motcua::tui::papers::Paper;

use super::fixtures::*;
use super::snap;

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).expect("a date")
}

/// The board's papers menu with the range form open (this month up to today filled in).
pub fn range_form(s: (u16, u16)) -> App {
    let mut a = busy(s);
    press(&mut a, &[Key::Char('i'), Key::Char('d')]);
    a
}

/// Replaces the focused date by `text`.
fn retype(a: &mut App, text: &str) {
    press(a, &[Key::End, Key::Ctrl('u')]);
    typed(a, text);
}

#[test]
fn the_range_entry_ends_the_board_menu() {
    snap("report_range_entry", |s| {
        let mut a = busy(s);
        press(&mut a, &[Key::Char('i')]);
        for _ in 0..10 {
            press(&mut a, &[Key::Down]);
        }
        a
    });
    let mut a = busy((80, 24));
    press(&mut a, &[Key::Char('i')]);
    for _ in 0..10 {
        press(&mut a, &[Key::Down]);
    }
    // Enter on the entry opens the form, as `d` does from anywhere in the menu
    assert!(press(&mut a, &[Key::Enter]).is_empty());
    assert_eq!(a.keymap()[0].hint, "Ô sau");
}

#[test]
fn a_range_ending_before_it_starts_is_refused_in_vietnamese() {
    snap("report_range_error", |s| {
        let mut a = range_form(s);
        retype(&mut a, "15/12/2026");
        press(&mut a, &[Key::Enter]);
        a
    });
    let mut a = range_form((80, 24));
    retype(&mut a, "15/12/2026");
    assert!(press(&mut a, &[Key::Enter]).is_empty());
    let screen = draw(&a, (80, 24)).backend().to_string();
    assert!(screen.contains("sau đến ngày 03/12/2026"), "{screen}");
}

#[test]
fn a_typed_range_becomes_the_selected_paper() {
    let build = |s| {
        let mut a = range_form(s);
        retype(&mut a, "01/11/2026");
        press(&mut a, &[Key::Tab]);
        retype(&mut a, "2026-11-30");
        let e = press(&mut a, &[Key::Enter]);
        let paper = Paper::Period(d(11, 1), d(11, 30));
        assert_eq!(e, vec![Effect::Preview(paper.clone())]);
        a.update(
            Action::Previewed(
                paper,
                vec![
                    "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH".to_owned(),
                    "Kỳ báo cáo: từ ngày 01/11/2026 đến ngày 30/11/2026".to_owned(),
                ],
            ),
            now(),
        );
        a
    };
    snap("report_range_chosen", build);
    // printing it prints that paper; the same range typed again is not listed twice
    let mut a = build((80, 24));
    assert_eq!(
        press(&mut a, &[Key::Char('p')]),
        vec![Effect::Print(Paper::Period(d(11, 1), d(11, 30)))]
    );
    press(&mut a, &[Key::Char('d')]);
    retype(&mut a, "01/11/2026");
    press(&mut a, &[Key::Tab]);
    retype(&mut a, "30/11/2026");
    let e = press(&mut a, &[Key::Enter]);
    assert_eq!(e, vec![Effect::Preview(Paper::Period(d(11, 1), d(11, 30)))]);
    // the register instead: the third field's choice, ←/→ or Space
    press(&mut a, &[Key::Char('d'), Key::Tab, Key::Tab, Key::Right]);
    let e = press(&mut a, &[Key::Enter]);
    assert_eq!(
        e,
        vec![Effect::Preview(Paper::Register(d(12, 1), d(12, 3)))]
    );
    let screen = draw(&a, (80, 24)).backend().to_string();
    assert_eq!(
        screen
            .matches("Thống kê kết quả (Biểu 06) 01/11/2026")
            .count(),
        1,
        "{screen}"
    );
    assert!(
        screen.contains("Sổ theo dõi hồ sơ 01/12/2026 – 03/12/2026"),
        "{screen}"
    );
}

#[test]
fn esc_leaves_the_form_then_the_menu() {
    let mut a = range_form((80, 24));
    typed(&mut a, "x");
    press(&mut a, &[Key::Esc]);
    assert!(a.keymap().iter().any(|b| b.hint == "Khoảng ngày"));
    press(&mut a, &[Key::Esc]);
    assert!(a.keymap().iter().any(|b| b.hint == "Tiếp nhận"));
}
