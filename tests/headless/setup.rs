//! Issue 16 item 7 over a real data directory: the board's status line while the agency code
//! is the placeholder, the receipt that says so in print, and the settings screen (`o`) that
//! writes the agency into config.toml with its comments, checked by the settings reader.

use motcua::settings::Settings;
use motcua::tui::keymap::Key;

use super::{pdf_text, receive};
use crate::support::headless::Headless;

#[test]
fn the_placeholder_code_is_on_the_status_line_and_on_the_receipt() {
    let mut h = Headless::start_sized("2026-12-03 09:15", (80, 24));
    h.expect("Chưa đặt mã cơ quan (mã hồ sơ dùng mã mẫu 000.00.20.H30) · o: đặt thông tin");
    receive(&mut h, "khai sinh", "Nguyễn Thị Ánh");
    h.press(&[Key::Char('p')]);
    h.expect("Đã lưu tệp in");
    let text = pdf_text(&h.printed()[0]);
    assert!(
        text.contains("mã hồ sơ dùng mã cơ quan mẫu 000.00.20.H30"),
        "{text}"
    );
}

#[test]
fn the_settings_screen_writes_the_agency_into_config_toml() {
    let mut h = Headless::start("2026-12-03 09:15");
    h.press(&[Key::Char('o')]);
    // the values of config.toml, the placeholder code shown empty
    let screen = h.expect("Thông tin cơ quan ghi vào config.toml");
    assert!(screen.contains("UBND xã Thanh Sơn"), "{screen}");
    assert!(!screen.contains("000.00.20.H30"), "{screen}");
    h.press(&[Key::Tab]).type_text("000.12.34.h43");
    h.press(&[Key::Tab, Key::End, Key::Ctrl('u')]);
    h.type_text("UBND tỉnh Thái Nguyên");
    // an empty place is refused by the reader, with the form's word for it
    h.press(&[Key::Tab, Key::End, Key::Ctrl('u'), Key::Enter]);
    h.expect("Địa danh: không được để trống");
    h.type_text("Nà Phặc").press(&[Key::Enter]);
    h.expect("Đã ghi thông tin cơ quan vào");
    h.expect("mở lại chương trình");
    h.expect("Bảng theo dõi");
    let path = h.data_dir().join("config.toml");
    let text = std::fs::read_to_string(&path).expect("config.toml");
    let s = Settings::parse(&text, &path).expect("the reader accepts it");
    assert_eq!(s.agency.code, "000.12.34.H43");
    assert_eq!(s.agency.name, "UBND xã Thanh Sơn");
    assert_eq!(s.agency.place, "Nà Phặc");
    let comments = |t: &str| {
        t.lines()
            .filter(|l| l.trim_start().starts_with('#'))
            .count()
    };
    assert_eq!(comments(&text), comments(Settings::default_toml()));
    // Esc leaves the screen without writing
    h.press(&[Key::Char('o')]);
    h.expect("000.12.34.H43");
    h.press(&[Key::Tab]).type_text("X").press(&[Key::Esc]);
    assert_eq!(std::fs::read_to_string(&path).expect("config.toml"), text);
}

/// The first start without a terminal: the form's keys through the real App, its save through
/// the same function the first start's loop runs, into a directory that does not exist yet;
/// then the ledger opens there and the first code carries the agency's code.
#[test]
fn the_first_start_form_writes_the_agency_before_the_ledger_opens() {
    use motcua::desk::{Call, Desk, LocalDesk};
    use motcua::tui::app::{App, Effect, Screen};
    use motcua::tui::setup::AgencyForm;
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let now = crate::support::at("2026-12-03 09:15");
    let mut app = App::new(now, Vec::new(), (80, 24));
    app.screen = Screen::Setup(Box::new(AgencyForm::first_run()));
    let mut pending = Vec::new();
    let mut keys: Vec<Key> = Vec::new();
    let values = [
        "UBND xã Nà Phặc",
        "000.12.34.H43",
        "",
        "Nà Phặc",
        "Trung tâm Phục vụ hành chính công xã Nà Phặc",
    ];
    for (i, value) in values.iter().enumerate() {
        if i > 0 {
            keys.push(Key::Tab);
        }
        keys.extend(value.chars().map(Key::Char));
    }
    keys.push(Key::Enter);
    for key in keys {
        if let Some(action) = app.on_key(key) {
            pending.extend(app.update(action, now));
        }
    }
    let [Effect::SaveAgency(setup)] = pending.as_slice() else {
        panic!("one save: {pending:?}");
    };
    assert!(!data.exists());
    let answer = motcua::tui::effects::save_agency(&data, setup);
    app.update(answer, now);
    assert!(matches!(app.screen, Screen::Board), "{:?}", app.screen);
    let desk = LocalDesk::open(&data).expect("the ledger opens on the new directory");
    assert!(!desk.profile().expect("a profile").placeholder_code);
    assert_eq!(desk.settings().agency.name, "UBND xã Nà Phặc");
    let intake = motcua::domain::Intake {
        procedure: Some(motcua::domain::ProcedureCode("TS.HT.01".to_owned())),
        name: "Nguyễn Thị Ánh".to_owned(),
        sets: 1,
        ..motcua::domain::Intake::default()
    };
    let d = desk
        .receive(intake, &Call::new(now, "Lê Thị Hoa"))
        .expect("received");
    assert!(
        d.code.as_str().starts_with("000.12.34.H43-261203-"),
        "{}",
        d.code.as_str()
    );
}
