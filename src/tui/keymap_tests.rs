//! The keymap tables' own rules: no key twice, help and a way out everywhere, main keys at
//! 80 columns, letters free on text screens.

use super::*;

#[test]
fn no_key_is_bound_twice_in_a_table() {
    for table in [
        BOARD, INTAKE, RECEIVED, DOSSIER, FORM, CONFIRM, PAPERS, RANGE, SETUP, SEARCH, CATALOGUE,
        HELP,
    ] {
        let mut seen: Vec<Key> = Vec::new();
        for b in table {
            for k in b.keys {
                assert!(!seen.contains(k), "{k:?} bound twice");
                seen.push(*k);
            }
        }
    }
}

#[test]
fn every_screen_has_help_and_a_way_out() {
    for table in [
        BOARD, INTAKE, RECEIVED, DOSSIER, FORM, PAPERS, RANGE, SETUP, SEARCH, CATALOGUE,
    ] {
        assert!(lookup(table, Key::F(1)) == Some(Cmd::Help));
        assert!(table.iter().any(|b| matches!(b.cmd, Cmd::Back | Cmd::Quit)));
    }
}

/// Issue 16: the board's hint bar said "? Trợ giúp" while the intake form's said "F1 Trợ
/// giúp": F1 opens help on every screen and every hint bar names it first.
#[test]
fn every_hint_bar_names_f1_for_help() {
    for table in [
        BOARD, INTAKE, RECEIVED, DOSSIER, FORM, PAPERS, RANGE, SETUP, SEARCH, CATALOGUE,
    ] {
        let help = table.iter().find(|b| b.cmd == Cmd::Help).expect("help");
        assert_eq!(help.keys[0], Key::F(1), "{:?}", help.keys);
        assert!(help.main);
    }
}

/// Issue 16: at 80 columns the board's hint bar cut "i Báo cáo"; every screen's main
/// keys must show at the narrowest size (the rest are in help, which `?`/F1 opens).
#[test]
fn every_main_key_fits_the_hint_bar_at_80_columns() {
    for table in [
        BOARD, INTAKE, RECEIVED, DOSSIER, FORM, CONFIRM, PAPERS, RANGE, SETUP, SEARCH, CATALOGUE,
        HELP,
    ] {
        let main: Vec<_> = table.iter().filter(|b| b.main).collect();
        let width: usize = main.iter().map(|b| hint_width(b)).sum();
        let hints: Vec<_> = main.iter().map(|b| b.hint).collect();
        assert!(width <= NARROWEST, "{width} columns: {hints:?}");
        if table.iter().any(|b| b.cmd == Cmd::Help) {
            assert!(
                main.iter().any(|b| b.cmd == Cmd::Help),
                "the hint bar says where help is: {hints:?}"
            );
        }
    }
}

#[test]
fn text_screens_leave_letters_free() {
    for table in [INTAKE, FORM, RANGE, SETUP, SEARCH] {
        for b in table {
            for k in b.keys {
                // Space marks a checklist only where no text field has the focus
                // (`App::enabled`), and types a space everywhere else.
                let space_mark = *k == Key::Char(' ') && b.cmd == Cmd::Mark;
                assert!(
                    space_mark || !matches!(k, Key::Char(_)),
                    "{k:?} would eat a typed letter"
                );
            }
        }
    }
}
