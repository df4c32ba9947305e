//! Issue 16's screens: help lists every key of every screen at 80×24, the hint bar keeps its
//! main keys at 80 columns, and long text (a 200-character address, long names) is never cut
//! mid-word without an ellipsis nor drawn past the screen, at 80×24 and 120×35.

use motcua::domain::{ApplicantKind, Status};
use motcua::tui::app::{App, Tone};
use motcua::tui::keymap::{self, Binding, Key};

use super::fixtures::*;
use super::snap;

/// A 194-character address, as a clerk copies it from a household book.
pub const LONG_ADDRESS: &str = "Số nhà 12, ngõ 34, đường Lê Lợi, tổ dân phố Hòa Bình 3, khu phố \
     Bắc Sơn, thôn Nà Pàn Thượng, xã Thanh Sơn, huyện Hữu Lũng, tỉnh Lạng Sơn (gần trường tiểu \
     học cũ, đối diện chợ phiên sáng thứ Bảy)";

/// An organisation's long name.
pub const LONG_NAME: &str =
    "Công ty Trách nhiệm hữu hạn Thương mại và Dịch vụ Xây dựng Nông thôn Mới Thanh Sơn";

/// The screen as text lines (wide characters once).
fn lines(a: &App, size: (u16, u16)) -> Vec<String> {
    let t = draw(a, size);
    let buffer = t.backend().buffer();
    (0..size.1)
        .map(|y| (0..size.0).map(|x| buffer[(x, y)].symbol()).collect())
        .collect()
}

/// Every state with its own keymap: the board, the intake form, the confirmation of a receipt,
/// the dossier view, a step's form, the papers menu, search, the catalogue.
fn every_screen(s: (u16, u16)) -> Vec<(&'static str, App)> {
    let dossier = || opened(s, in_processing(), -460, Tone::Overdue);
    let mut form = dossier();
    press(&mut form, &[Key::Char('s')]);
    let mut papers = busy(s);
    press(&mut papers, &[Key::Char('i')]);
    let mut search = busy(s);
    press(&mut search, &[Key::Char('/')]);
    let mut catalogue = app(s);
    press(&mut catalogue, &[Key::Char('c')]);
    let range = super::reports::range_form(s);
    let mut received = app(s);
    received.screen = motcua::tui::app::Screen::Received(Box::new(in_processing()));
    vec![
        ("board", busy(s)),
        ("intake", filled(s)),
        ("received", received),
        ("dossier", dossier()),
        ("form", form),
        ("papers", papers),
        ("range", range),
        ("setup", super::setup::first_run(s)),
        ("search", search),
        ("catalogue", catalogue),
    ]
}

/// Issue 16: help must list every key the screen binds (and so every key its hint bar or its
/// labels mention), whole, at the narrowest size: the intake form's help ran past 24 rows.
#[test]
fn help_lists_every_key_of_every_screen_at_80x24() {
    let size = (80, 24);
    for (name, mut a) in every_screen(size) {
        let table: &[Binding] = a.keymap();
        let enabled: Vec<&Binding> = table.iter().filter(|b| a.enabled(b.cmd)).collect();
        press(&mut a, &[Key::F(1)]);
        assert!(a.help, "{name}: F1 opens help");
        let shown = lines(&a, size);
        for b in enabled {
            let key = keymap::keys_label(b);
            assert!(
                shown
                    .iter()
                    .any(|l| l.contains(&format!("│{key} ")) && l.contains(b.hint)),
                "{name}: help lacks {key} {}:\n{}",
                b.hint,
                shown.join("\n")
            );
        }
    }
}

/// Issue 16: at 80 columns the board's hint bar cut "i Báo cáo, in".
#[test]
fn the_hint_bar_keeps_every_main_key_at_80_columns() {
    let size = (80, 24);
    for (name, a) in every_screen(size) {
        let bar = lines(&a, size).pop().expect("a last line");
        for b in a.keymap().iter().filter(|b| b.main && a.enabled(b.cmd)) {
            let key = b.keys[0].label();
            assert!(
                bar.contains(&format!(" {key} {} ", b.hint)),
                "{name}: the hint bar lacks {key} {}: {bar:?}",
                b.hint
            );
        }
    }
}

/// Checks that `text` appears on the screen either whole, or as a cut ending in `…`, or
/// word-wrapped over lines (each piece a whole run of words): never cut mid-word silently.
fn never_cut_silently(screen: &[String], text: &str, what: &str) {
    let words: Vec<&str> = text.split_whitespace().collect();
    let head = words[..3].join(" ");
    let found: Vec<&String> = screen.iter().filter(|l| l.contains(&head)).collect();
    assert!(
        !found.is_empty(),
        "{what} is on screen:\n{}",
        screen.join("\n")
    );
    for line in found {
        let from = line.find(&head).expect("found above");
        let shown = &line[from..];
        // The longest start of `text` the line shows.
        let common: usize = shown
            .char_indices()
            .zip(text.chars())
            .take_while(|((_, a), b)| a == b)
            .map(|((_, a), _)| a.len_utf8())
            .sum();
        let rest = &text[common..];
        let after = &shown[common..];
        let whole = rest.is_empty();
        let ellipsis = after.starts_with('…');
        // Word-wrapped: the piece ends where a word ends.
        let wrapped = rest.starts_with(' ') || text[..common].ends_with(' ');
        assert!(
            whole || ellipsis || wrapped,
            "{what} cut mid-word without an ellipsis: {shown:?}\n{}",
            screen.join("\n")
        );
    }
}

fn long_dossier() -> motcua::domain::Dossier {
    let mut d = dossier(
        7,
        LONG_NAME,
        4,
        at(3, 8, 0),
        at(17, 17, 0),
        Status::Received,
    );
    d.applicant.kind = ApplicantKind::Organisation;
    d.applicant.address = LONG_ADDRESS.to_owned();
    d.applicant.email = "phong.hanh.chinh.tong.hop@congtythuongmaidichvuxaydung.vn".to_owned();
    d
}

fn long_board(s: (u16, u16)) -> App {
    let mut a = app(s);
    let mut rows = busy_rows();
    rows.insert(0, row(long_dossier(), 5000, Tone::Normal));
    a.update(
        motcua::tui::app::Action::BoardLoaded(Box::new(board_page(
            motcua::desk::ListFilter::Open,
            rows,
        ))),
        now(),
    );
    a
}

fn long_intake(s: (u16, u16)) -> App {
    let mut a = filled(s);
    // back from the e-mail to the name, then the address: replaced by the long ones
    press(
        &mut a,
        &[Key::BackTab, Key::BackTab, Key::BackTab, Key::BackTab],
    );
    press(&mut a, &[Key::End, Key::Ctrl('u')]);
    typed(&mut a, LONG_NAME);
    press(&mut a, &[Key::Tab, Key::Tab, Key::End, Key::Ctrl('u')]);
    typed(&mut a, LONG_ADDRESS);
    a
}

/// Issue 16: the board, the dossier view and the intake form with a 200-character address and
/// long names, at both sizes.
#[test]
fn long_names_and_a_long_address_read_at_both_sizes() {
    snap("long_board", long_board);
    snap("long_dossier", |s| {
        let mut a = app(s);
        a.update(
            motcua::tui::app::Action::Opened(Box::new(detail(long_dossier(), 5000, Tone::Normal))),
            now(),
        );
        a
    });
    snap("long_intake", long_intake);
    for size in SIZES {
        let board = lines(&long_board(size), size);
        never_cut_silently(&board, LONG_NAME, "the board's long name");
        let mut a = app(size);
        a.update(
            motcua::tui::app::Action::Opened(Box::new(detail(long_dossier(), 5000, Tone::Normal))),
            now(),
        );
        let view = lines(&a, size);
        never_cut_silently(&view, LONG_NAME, "the dossier's long name");
        never_cut_silently(&view, LONG_ADDRESS, "the dossier's long address");
        // wrapped whole, not cut with "…" (issue 16 item 8)
        let screen = view.join("\n");
        assert!(screen.contains("chợ phiên sáng thứ Bảy)"), "{screen}");
        assert!(
            !view
                .iter()
                .any(|l| l.contains("Địa chỉ") && l.contains('…')),
            "{screen}"
        );
        let intake = lines(&long_intake(size), size);
        let screen = intake.join("\n");
        // the focused address scrolls: its end, where the cursor is, is on screen
        assert!(screen.contains("sáng thứ Bảy)"), "{screen}");
    }
}
