//! A failed save on the intake screen (full or read-only disk) keeps what the clerk typed: the
//! error is shown, the form stays, and saving again sends the same intake.

use motcua::calendar::parse_local;
use motcua::domain::builtin_catalogue;
use motcua::tui::app::{Action, App, Effect, Screen};
use motcua::tui::keymap::Key;

fn press(a: &mut App, keys: &[Key], now: motcua::calendar::LocalTime) -> Vec<Effect> {
    let mut effects = Vec::new();
    for k in keys {
        if let Some(action) = a.on_key(*k) {
            effects = a.update(action, now);
        }
    }
    effects
}

fn save(a: &mut App, now: motcua::calendar::LocalTime) -> motcua::domain::Intake {
    let e = press(a, &[Key::Ctrl('s')], now);
    let [Effect::Receive(intake)] = e.as_slice() else {
        panic!("expected a receive effect, got {e:?}");
    };
    (**intake).clone()
}

#[test]
fn a_failed_save_keeps_the_typed_intake() {
    let now = parse_local("2026-03-02 09:00").expect("now");
    let mut a = App::new(now, builtin_catalogue(), (80, 24));
    a.update(Action::Resize(80, 24), now);
    press(&mut a, &[Key::Char('n')], now);
    let typed: Vec<Key> = "ket hon".chars().map(Key::Char).collect();
    press(&mut a, &typed, now);
    press(&mut a, &[Key::Enter], now);
    let name: Vec<Key> = "Nguyễn Thị Ánh".chars().map(Key::Char).collect();
    press(&mut a, &name, now);
    let first = save(&mut a, now);
    assert_eq!(first.name, "Nguyễn Thị Ánh");
    let why = "Không đọc/ghi được kho dữ liệu tại /d: No space left on device (os error 28). \
               Hãy kiểm tra ổ đĩa (còn chỗ trống, có quyền ghi).";
    a.update(Action::Failed(why.to_owned()), now);
    assert!(matches!(a.screen, Screen::Intake(_)), "the form stays open");
    assert!(
        a.message
            .as_ref()
            .is_some_and(|(_, m)| m.contains("còn chỗ trống")),
        "{:?}",
        a.message
    );
    let again = save(&mut a, now);
    assert_eq!(again, first, "saving again sends what was typed");
}
