//! The fuzz harness of issue 17 item 11 for the chip ID card's QR line (`domain::id_card`,
//! what a desk scanner types into the intake form): a committed corpus of hostile lines
//! (tests/fixtures/fuzz/card/) and a proptest over arbitrary text and over real-shaped lines
//! damaged as a bad scan, a worn card or a forged QR would damage them. Whatever the line,
//! `read_card` never panics; a refusal is one clear Vietnamese sentence that holds no control
//! character and does not echo a huge field; an accepted card is self-consistent: 12 ASCII
//! digits with a province code, the century-and-sex digit and the year digits agreeing with
//! the birth date and the sex, and no field holding a separator, a control or a hidden
//! character. Every number here is made up: no real person's.

use std::path::Path;

use chrono::{Datelike, NaiveDate};
use motcua::domain::id_card::{IdCard, Sex, is_province_code, read_card};
use proptest::prelude::*;

use super::fuzz::fuzz_cases;

/// The longest refusal a clerk should have to read (a refusal must not echo a huge field).
const LONGEST_REFUSAL: usize = 300;

/// Characters that change how text shows without being seen (bidirectional marks, overrides
/// and isolates, zero-width characters, the byte-order mark): this test's own list.
fn hidden(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}'
    )
}

/// Checks what `read_card` made of `line`: `Err` with the reason when it is not sound.
fn sound(line: &str) -> Result<(), String> {
    match read_card(line) {
        Ok(card) => consistent(&card, line),
        Err(e) => {
            let why = e.to_string();
            let lower = why.to_lowercase();
            if !(lower.contains("thẻ") || lower.contains("căn cước")) {
                return Err(format!(
                    "a refusal that does not say it is about the card: {why:?}"
                ));
            }
            if why.chars().any(|c| c.is_control() || hidden(c)) {
                return Err(format!("a refusal echoes a control character: {why:?}"));
            }
            if why.chars().count() > LONGEST_REFUSAL {
                return Err(format!("a refusal of {} characters", why.chars().count()));
            }
            Ok(())
        }
    }
}

/// An accepted card's facts agree with each other (Circular 59/2021/TT-BCA's number layout) and
/// with the line's issue date (not before the birth).
fn consistent(card: &IdCard, line: &str) -> Result<(), String> {
    let issued = line
        .trim()
        .split('|')
        .nth(6)
        .and_then(|f| NaiveDate::parse_from_str(f.trim(), "%d%m%Y").ok())
        .ok_or_else(|| format!("accepted without an issue date: {line:?}"))?;
    if issued < card.birth {
        return Err(format!("issued {issued}, before the birth {}", card.birth));
    }
    let id = &card.id_number;
    if id.len() != 12 || !id.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("accepted ID number {id:?}"));
    }
    let province: u16 = id[..3].parse().map_err(|e| format!("{e}"))?;
    if !is_province_code(province) {
        return Err(format!("accepted province code {province:03}"));
    }
    let century_sex = i32::from(id.as_bytes()[3] - b'0');
    let year =
        1900 + 100 * (century_sex / 2) + id[4..6].parse::<i32>().map_err(|e| e.to_string())?;
    if year != card.birth.year() {
        return Err(format!("{id} says born in {year}, the card {}", card.birth));
    }
    if (century_sex % 2 == 1) != (card.sex == Sex::Female) {
        return Err(format!("{id} disagrees with the sex {:?}", card.sex));
    }
    for (what, text) in [("name", &card.name), ("address", &card.address)] {
        let bad = |c: char| c == '|' || c.is_control() || hidden(c);
        if text.chars().any(bad) || text.trim() != text {
            return Err(format!("accepted {what} {text:?}"));
        }
    }
    if card.name.is_empty() {
        return Err("accepted an empty name".to_owned());
    }
    Ok(())
}

#[test]
fn the_committed_card_corpus_is_refused_cleanly_or_read_consistently() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz/card");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("the corpus is committed")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    assert!(files.len() >= 10, "a corpus for the card line");
    let mut accepted = 0;
    for path in files {
        let bytes = std::fs::read(&path).expect("read");
        let line = String::from_utf8_lossy(&bytes);
        if let Err(why) = sound(&line) {
            panic!("{}: {why}", path.display());
        }
        accepted += usize::from(read_card(&line).is_ok());
    }
    // The corpus holds the good shapes it damages (extra fields are allowed), so a parser that
    // refused everything would not pass as "sound".
    assert!(accepted >= 2, "{accepted} lines of the corpus accepted");
}

/// A real-shaped card line's parts, every one made up.
#[derive(Clone, Debug)]
struct Parts {
    province: u16,
    female: bool,
    birth: NaiveDate,
    serial: u32,
    name: &'static str,
    address: &'static str,
    old_id: Option<u32>,
    issued: NaiveDate,
}

impl Parts {
    fn id(&self) -> String {
        let century = (self.birth.year() - 1900) / 100;
        let digit = century * 2 + i32::from(self.female);
        format!(
            "{:03}{digit}{:02}{:06}",
            self.province,
            self.birth.year() % 100,
            self.serial
        )
    }

    fn fields(&self) -> Vec<String> {
        vec![
            self.id(),
            self.old_id.map(|o| format!("{o:09}")).unwrap_or_default(),
            self.name.to_owned(),
            self.birth.format("%d%m%Y").to_string(),
            if self.female { "Nữ" } else { "Nam" }.to_owned(),
            self.address.to_owned(),
            self.issued.format("%d%m%Y").to_string(),
        ]
    }
}

fn date(from: i32, to: i32) -> impl Strategy<Value = NaiveDate> {
    (from..=to, 1u32..=12, 1u32..=28)
        .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).expect("day 1-28 exists"))
}

fn parts() -> impl Strategy<Value = Parts> {
    (
        prop::sample::select(vec![1u16, 2, 20, 26, 31, 38, 48, 79, 92, 96]),
        any::<bool>(),
        date(1930, 2024),
        0u32..1_000_000,
        prop::sample::select(vec![
            "Nguyễn Thị Mai",
            "Lê Văn An",
            "Hoàng Văn Bình",
            "Đặng Thị Ánh",
        ]),
        prop::sample::select(vec![
            "Thôn Bản Chu, xã Thanh Sơn",
            "Tổ 3, phường Đông Kinh",
            "",
        ]),
        prop::option::of(0u32..1_000_000_000),
        date(2021, 2025),
    )
        .prop_map(
            |(province, female, birth, serial, name, address, old_id, issued)| Parts {
                province,
                female,
                birth,
                serial,
                name,
                address,
                old_id,
                issued: issued.max(birth),
            },
        )
}

/// How a line is damaged.
#[derive(Clone, Debug)]
enum Damage {
    None,
    /// The 12-digit number's digit `at` set to `digit`.
    Digit {
        at: usize,
        digit: u8,
    },
    /// A province code that is not one (Circular 59/2021 skips these).
    Province(u16),
    /// Every `|` written as another separator.
    Separator(&'static str),
    /// Cut after `at` characters.
    Truncate(usize),
    /// A hostile character put in at `at`.
    Insert {
        at: usize,
        c: char,
    },
    /// Field `at` replaced.
    Field {
        at: usize,
        text: String,
    },
    /// The number in full-width digits (a scanner set to another keyboard).
    FullWidth,
    /// More fields after the seventh (newer cards add some).
    Extra(usize),
}

fn damage() -> impl Strategy<Value = Damage> {
    let hostile = prop::sample::select(vec![
        '\u{1b}', '\u{0}', '\u{7}', '\n', '\t', '\u{7f}', '\u{9b}', '\u{202e}', '\u{200b}',
        '\u{2066}', '\u{feff}', '|', '０', '٣', 'ا', '😀', '\u{301}',
    ]);
    let field_text = prop_oneof![
        Just(String::new()),
        Just(" ".repeat(3)),
        Just("9".repeat(10_000)),
        Just("x".repeat(100_000)),
        Just("\u{1b}]0;PWNED\u{7}".to_owned()),
        Just("Nguyễn\u{202e}Mai".to_owned()),
        Just("nam".to_owned()),
        Just("NỮ".to_owned()),
        Just("Nu\u{31b}".to_owned()),
        Just("31022001".to_owned()),
        Just("1/2/2001".to_owned()),
        Just("０１０２２００１".to_owned()),
        "\\PC{0,20}",
    ];
    prop_oneof![
        2 => Just(Damage::None),
        1 => (0usize..12, 0u8..10).prop_map(|(at, digit)| Damage::Digit { at, digit }),
        1 => prop::sample::select(vec![0u16, 3, 5, 7, 9, 13, 16, 97, 99, 999]).prop_map(Damage::Province),
        1 => prop::sample::select(vec![",", ";", "¦", "｜", "\t", "||", " | "]).prop_map(Damage::Separator),
        1 => (0usize..120).prop_map(Damage::Truncate),
        1 => (0usize..120, hostile).prop_map(|(at, c)| Damage::Insert { at, c }),
        1 => (0usize..7, field_text).prop_map(|(at, text)| Damage::Field { at, text }),
        1 => Just(Damage::FullWidth),
        1 => (1usize..5).prop_map(Damage::Extra),
    ]
}

fn line(p: &Parts, how: &Damage) -> String {
    let mut fields = p.fields();
    match how {
        Damage::None | Damage::Separator(_) | Damage::Truncate(_) | Damage::Insert { .. } => {}
        Damage::Digit { at, digit } => {
            let mut id = fields[0].clone().into_bytes();
            id[*at] = b'0' + digit;
            fields[0] = String::from_utf8(id).expect("digits");
        }
        Damage::Province(code) => fields[0] = format!("{code:03}{}", &fields[0][3..]),
        Damage::Field { at, text } => fields[*at] = text.clone(),
        Damage::FullWidth => {
            fields[0] = fields[0]
                .chars()
                .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).expect("full width"))
                .collect();
        }
        Damage::Extra(n) => fields.extend((0..*n).map(|i| format!("thêm {i}"))),
    }
    let mut text = fields.join("|");
    match how {
        Damage::Separator(sep) => text = text.replace('|', sep),
        Damage::Truncate(at) => text = text.chars().take(*at).collect(),
        Damage::Insert { at, c } => {
            let i = text.char_indices().nth(*at).map_or(text.len(), |(i, _)| i);
            text.insert(i, *c);
        }
        _ => {}
    }
    text
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(fuzz_cases()))]

    /// Arbitrary text (and bars with digits, the card's own alphabet) is read soundly.
    #[test]
    fn any_text_is_refused_cleanly_or_read_consistently(
        text in prop_oneof!["\\PC{0,200}", "[0-9|]{0,80}", any::<String>()],
    ) {
        prop_assert_eq!(sound(&text), Ok(()));
    }

    /// A real-shaped line, damaged or not, is read soundly; undamaged (or with extra fields
    /// only) it gives back exactly what it holds.
    #[test]
    fn a_damaged_card_line_is_refused_cleanly_or_read_consistently(
        p in parts(),
        how in damage(),
    ) {
        let text = line(&p, &how);
        prop_assert_eq!(sound(&text), Ok(()), "{:?}", text);
        if matches!(how, Damage::None | Damage::Extra(_)) {
            let card = read_card(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(&card.id_number, &p.id());
            prop_assert_eq!(card.name.as_str(), p.name);
            prop_assert_eq!(card.birth, p.birth);
            prop_assert_eq!(card.address.as_str(), p.address);
        }
    }
}
