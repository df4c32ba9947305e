//! Issue 16 item 8 over a real ledger and the built-in catalogue: the due-soon window scaled to
//! the dossier's own limit, and the procedure picker in Vietnamese alphabetical order.

use motcua::tui::keymap::Key;

use super::receive;
use crate::support::headless::Headless;

/// Issue 16: a same-day dossier was yellow "Sắp đến hạn" from the minute it was received.
#[test]
fn a_same_day_dossier_is_not_due_soon_at_08_05_but_is_late_in_the_afternoon() {
    let mut h = Headless::start("2026-12-03 08:05");
    receive(&mut h, "khai sinh", "Nguyễn Thị Ánh");
    h.press(&[Key::Esc]);
    h.expect("Sắp đến hạn 0");
    // a third of its working day left (due 17:00): now it is due soon
    h.set_now("2026-12-03 15:30");
    h.expect("Sắp đến hạn 1");
}

/// The Vietnamese alphabet, each letter's rank (tones are secondary and not compared here).
fn letter_rank(c: char) -> usize {
    use unicode_normalization::UnicodeNormalization;
    const ALPHABET: &str = "aăâbcdđeêghiklmnoôơpqrstuưvxy";
    let lower = c.to_lowercase().next().unwrap_or(c);
    // drop the tone marks, keep the letter's own (breve, circumflex, horn)
    let base: String = lower
        .to_string()
        .nfd()
        .filter(|m| {
            !matches!(
                *m,
                '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}'
            )
        })
        .nfc()
        .collect();
    let base = base.chars().next().unwrap_or(lower);
    ALPHABET
        .chars()
        .position(|a| a == base)
        .map_or(1000 + base as usize, |i| i)
}

fn primary_key(name: &str) -> Vec<usize> {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .map(letter_rank)
        .collect()
}

/// Issue 16: the picker was ordered by field (not shown), so "Đất đai" came last after the
/// other letters and the list looked unsorted.
#[test]
fn the_procedure_picker_is_in_vietnamese_alphabetical_order() {
    let mut h = Headless::start("2026-12-03 09:00");
    h.press(&[Key::Char('n')]);
    let screen = h.expect("thủ tục khớp");
    // "CODE Name" lines after the count and the highlighted one's fee
    let names: Vec<String> = screen
        .lines()
        .filter_map(|l| {
            let (code, name) = l.split_once(' ')?;
            let looks_like_code =
                code.len() >= 6 && code.chars().any(|c| c.is_ascii_digit()) && !code.contains(':');
            looks_like_code.then(|| name.trim_end_matches(['│', ' ']).to_owned())
        })
        .collect();
    assert!(names.len() >= 10, "the picker lists procedures:\n{screen}");
    let keys: Vec<Vec<usize>> = names.iter().map(|n| primary_key(n)).collect();
    for (pair, names) in keys.windows(2).zip(names.windows(2)) {
        assert!(
            pair[0] <= pair[1],
            "{:?} before {:?}:\n{screen}",
            names[0],
            names[1]
        );
    }
}
