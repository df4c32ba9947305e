//! Issue 16 item 7: the agency's identity form, at the first start and with a refusal of the
//! settings reader, at 80×24 and 120×35; the board's status line while the code is the
//! placeholder.

use motcua::tui::app::{Action, App, Effect, Screen};
use motcua::tui::keymap::Key;
use motcua::tui::setup::AgencyForm;

use super::fixtures::*;
use super::snap;

/// The first start's form.
pub fn first_run(s: (u16, u16)) -> App {
    let mut a = app(s);
    a.screen = Screen::Setup(Box::new(AgencyForm::first_run()));
    a
}

#[test]
fn the_first_start_form() {
    snap("setup_first_run", first_run);
    snap("setup_refused", |s| {
        let mut a = first_run(s);
        typed(&mut a, "UBND xã Nà Phặc");
        press(&mut a, &[Key::Tab]);
        typed(&mut a, "mã xã");
        let e = press(&mut a, &[Key::Enter]);
        let [Effect::SaveAgency(setup)] = e.as_slice() else {
            panic!("a save: {e:?}");
        };
        assert_eq!(setup.name, "UBND xã Nà Phặc");
        assert_eq!(setup.code, "mã xã");
        a.update(
            Action::SetupRefused("Mã cơ quan: «MÃ XÃ» chỉ được gồm chữ cái không dấu".to_owned()),
            now(),
        );
        a
    });
}

#[test]
fn an_empty_code_is_the_placeholder_and_esc_skips() {
    let mut a = first_run((80, 24));
    typed(&mut a, "UBND xã Nà Phặc");
    let e = press(&mut a, &[Key::Ctrl('s')]);
    let [Effect::SaveAgency(setup)] = e.as_slice() else {
        panic!("a save: {e:?}");
    };
    assert_eq!(setup.code, "000.00.20.H30");
    assert_eq!(setup.head_title, "CHỦ TỊCH");
    let e = press(&mut a, &[Key::Esc]);
    assert!(matches!(a.screen, Screen::Board));
    assert!(matches!(e.as_slice(), [Effect::LoadBoard { .. }]));
}

#[test]
fn the_board_says_the_code_is_a_placeholder() {
    snap("placeholder_board", |s| {
        let mut a = busy(s);
        a.placeholder_code = true;
        a
    });
}
