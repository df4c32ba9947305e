//! Issue 16 item 8, the smaller points each pinned: an organisation's labels, the hand-back's
//! empty fee field suggesting the catalogue's fee, the whole fee in the procedure picker, the
//! picker in Vietnamese alphabetical order, F1 named for help on every hint bar.

use motcua::domain::{Command, Status};
use motcua::tui::app::{App, Effect, Tone};
use motcua::tui::keymap::Key;

use super::fixtures::*;
use super::snap;

fn screen(a: &App, size: (u16, u16)) -> String {
    draw(a, size).backend().to_string()
}

/// The filled intake form turned into an organisation's, a bad tax code typed.
fn organisation(s: (u16, u16)) -> App {
    let mut a = filled(s);
    // from the e-mail back to the applicant's kind, then to the ID field
    press(&mut a, &[Key::BackTab; 5]);
    press(&mut a, &[Key::Right]);
    press(&mut a, &[Key::Tab, Key::Tab]);
    press(&mut a, &[Key::End, Key::Ctrl('u')]);
    typed(&mut a, "01234");
    press(&mut a, &[Key::Tab]);
    press(&mut a, &[Key::BackTab]);
    a
}

#[test]
fn an_organisation_has_its_own_labels() {
    snap("intake_organisation", organisation);
    for size in SIZES {
        let text = screen(&organisation(size), size);
        assert!(text.contains("Tên tổ chức"), "{text}");
        assert!(text.contains("Mã số thuế / mã số doanh nghiệp"), "{text}");
        assert!(
            !text.contains("Họ và tên") && !text.contains("Số định danh"),
            "{text}"
        );
        // the check's message names the field as the form does
        assert!(
            text.contains("⚠ Mã số thuế / mã số doanh nghiệp:"),
            "{text}"
        );
    }
    let person = screen(&filled((80, 24)), (80, 24));
    assert!(
        person.contains("Họ và tên") && !person.contains("Tên tổ chức"),
        "{person}"
    );
}

fn hand_back(s: (u16, u16)) -> App {
    let d = dossier(
        6,
        "Vi Văn Quý",
        3,
        at(2, 14, 0),
        at(2, 17, 0),
        Status::ResultReady,
    );
    let mut a = opened(s, d, 0, Tone::Closed);
    press(&mut a, &[Key::Char('a')]);
    a
}

fn fee_of(effects: &[Effect]) -> u64 {
    match effects.last() {
        Some(Effect::Act(_, _, cmd)) => match **cmd {
            Command::HandBack { fee_vnd, .. } => fee_vnd,
            ref other => panic!("{other:?}"),
        },
        other => panic!("{other:?}"),
    }
}

/// Issue 16: the fee field started at "0", so typing 6000 gave "06000".
#[test]
fn the_fee_field_starts_empty_and_suggests_the_catalogue_fee() {
    let text = screen(&hand_back((80, 24)), (80, 24));
    assert!(
        text.contains("Để trống lệ phí: thu 10.000 đồng theo danh mục."),
        "{text}"
    );
    // left empty: the catalogue's fee
    let mut a = hand_back((80, 24));
    press(&mut a, &[Key::Enter]);
    assert_eq!(fee_of(&press(&mut a, &[Key::Char('y')])), 10_000);
    // typed: what was typed, nothing in front of it
    let mut a = hand_back((80, 24));
    press(&mut a, &[Key::Tab]);
    typed(&mut a, "6.000");
    press(&mut a, &[Key::Enter]);
    assert_eq!(fee_of(&press(&mut a, &[Key::Char('y')])), 6_000);
}

/// Issue 16: a per-page fee was cut in the picker ("từ trang 3: 1.0…").
#[test]
fn the_picker_shows_the_whole_fee() {
    snap("intake_picker_fee", |s| intake_with(s, "ban sao"));
    let fee = catalogue()
        .into_iter()
        .find(|p| p.name.starts_with("Chứng thực bản sao"))
        .expect("a per-page fee")
        .fee
        .label();
    assert!(fee.contains("từ trang"), "{fee}");
    for size in SIZES {
        let flat = screen(&intake_with(size, "ban sao"), size)
            .lines()
            .map(|l| l.trim_matches(|c: char| c == '"' || c == '│' || c.is_whitespace()))
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            flat.contains(&fee),
            "the whole fee {fee:?} at {size:?}:\n{flat}"
        );
    }
}
