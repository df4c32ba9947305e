//! The chip ID card's QR code ("căn cước công dân", and the "căn cước" card since 01/07/2024)
//! as a desk scanner types it: `<12-digit ID>|<old 9-digit ID or empty>|<full name>|<DDMMYYYY
//! birth>|<Nam or Nữ>|<permanent address>|<DDMMYYYY issue date>`, some cards adding fields after
//! these. [`read_card`] checks a line and says what is wrong, so a malformed scan fills nothing.
//! The checks: 12 digits; the first three a province code of Circular 59/2021/TT-BCA (Appendix:
//! the 63 provinces' codes 001–096); the fourth digit (century and sex: 0/1 for 1900–1999
//! male/female, 2/3 for 2000–2099, 4/5 2100–2199, 6/7 2200–2299, 8/9 2300–2399) and the next
//! two (the birth year's last two digits) agree with the birth date and sex; no control or
//! hidden character anywhere (a forged QR code could carry an escape sequence or a
//! bidirectional mark into the form), and a refusal quotes a field shortened. Pure.

use chrono::{Datelike, NaiveDate};

/// The province codes of Circular 59/2021/TT-BCA.
const PROVINCES: [u16; 63] = [
    1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33, 34, 35, 36, 37,
    38, 40, 42, 44, 45, 46, 48, 49, 51, 52, 54, 56, 58, 60, 62, 64, 66, 67, 68, 70, 72, 74, 75, 77,
    79, 80, 82, 83, 84, 86, 87, 89, 91, 92, 93, 94, 95, 96,
];

/// Whether `code` (the ID number's first three digits) is a province code.
pub fn is_province_code(code: u16) -> bool {
    PROVINCES.contains(&code)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sex {
    Male,
    Female,
}

/// What a card line says; only the fields a dossier has are used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdCard {
    pub id_number: String,
    pub name: String,
    pub birth: NaiveDate,
    pub sex: Sex,
    pub address: String,
}

/// Why a scanned line is not a card's.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CardProblem {
    #[error("Mã QR căn cước thiếu trường: cần ít nhất 7 trường ngăn bằng |, có {0}.")]
    TooFewFields(usize),
    /// A control or hidden character (an escape sequence, a bidirectional mark): no card holds
    /// one, a forged QR code may.
    #[error(
        "Mã QR căn cước có ký tự điều khiển hoặc ký tự ẩn (U+{0:04X}), thẻ không có ký tự này; hãy quét lại."
    )]
    Hidden(u32),
    #[error("Số định danh trên thẻ phải có đúng 12 chữ số.")]
    IdDigits,
    #[error(
        "Số định danh trên thẻ bắt đầu bằng {0:03}, không phải mã tỉnh (Thông tư 59/2021/TT-BCA)."
    )]
    Province(u16),
    #[error("Số CMND cũ trên thẻ phải có 9 chữ số hoặc để trống.")]
    OldId,
    #[error("Thẻ không có họ và tên.")]
    NoName,
    #[error("Ngày {what} trên thẻ \"{value}\" không hợp lệ (dạng ngày tháng năm DDMMYYYY).")]
    Date { what: &'static str, value: String },
    #[error("Giới tính trên thẻ \"{0}\" không phải Nam hoặc Nữ.")]
    Sex(String),
    #[error("Ngày cấp trên thẻ trước ngày sinh: thẻ đọc sai hoặc giả; hãy quét lại.")]
    IssuedBeforeBirth,
    #[error(
        "Số định danh không khớp năm sinh và giới tính trên thẻ (chữ số thứ 4–6 mã hóa thế kỷ, giới tính và năm sinh)."
    )]
    Mismatch,
}

/// A field as a refusal quotes it: at most [`QUOTED`] characters (a damaged scan may run a
/// field on for thousands).
fn quoted(value: &str) -> String {
    match value.char_indices().nth(QUOTED) {
        Some((end, _)) => format!("{}…", &value[..end]),
        None => value.to_owned(),
    }
}

/// The most characters of a field a refusal quotes.
const QUOTED: usize = 24;

fn date(what: &'static str, value: &str) -> Result<NaiveDate, CardProblem> {
    let bad = || CardProblem::Date {
        what,
        value: quoted(value),
    };
    if value.len() != 8 || !value.chars().all(|c| c.is_ascii_digit()) {
        return Err(bad());
    }
    NaiveDate::parse_from_str(value, "%d%m%Y").map_err(|_| bad())
}

/// Whether `line` looks like a card's QR (so a scanned line is read as a card, not a code).
pub(crate) fn looks_like_card(line: &str) -> bool {
    line.split('|').count() >= 7
}

/// The card a scanned line holds, or what is wrong with it.
pub fn read_card(line: &str) -> Result<IdCard, CardProblem> {
    let line = crate::text::nfc(line.trim());
    if let Some(c) = crate::text::forbidden_char(&line, false) {
        return Err(CardProblem::Hidden(u32::from(c)));
    }
    let fields: Vec<&str> = line.split('|').map(str::trim).collect();
    if fields.len() < 7 {
        return Err(CardProblem::TooFewFields(fields.len()));
    }
    let id = fields[0];
    if id.len() != 12 || !id.chars().all(|c| c.is_ascii_digit()) {
        return Err(CardProblem::IdDigits);
    }
    let province: u16 = id[..3].parse().map_err(|_| CardProblem::IdDigits)?;
    if !is_province_code(province) {
        return Err(CardProblem::Province(province));
    }
    let old = fields[1];
    if !old.is_empty() && (old.len() != 9 || !old.chars().all(|c| c.is_ascii_digit())) {
        return Err(CardProblem::OldId);
    }
    let name = fields[2];
    if name.is_empty() {
        return Err(CardProblem::NoName);
    }
    let birth = date("sinh", fields[3])?;
    let sex = match fields[4] {
        "Nam" => Sex::Male,
        "Nữ" => Sex::Female,
        other => return Err(CardProblem::Sex(quoted(other))),
    };
    if date("cấp", fields[6])? < birth {
        return Err(CardProblem::IssuedBeforeBirth);
    }
    let century_sex = u32::from(id.as_bytes()[3] - b'0');
    let year_digits: i32 = id[4..6].parse().map_err(|_| CardProblem::IdDigits)?;
    let century = 1900 + 100 * i32::try_from(century_sex / 2).unwrap_or(0);
    let female = century_sex % 2 == 1;
    if century + year_digits != birth.year() || female != (sex == Sex::Female) {
        return Err(CardProblem::Mismatch);
    }
    Ok(IdCard {
        id_number: id.to_owned(),
        name: name.to_owned(),
        birth,
        sex,
        address: fields[5].to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // Made-up numbers: no real person's.
    const GOOD: &str =
        "020190001234||Nguyễn Thị Mai|15031990|Nữ|Thôn Bản Chu, xã Thanh Sơn, Lạng Sơn|01072021";

    #[test]
    fn a_good_line_gives_the_applicant() {
        let c = read_card(GOOD).expect("a good line");
        assert_eq!(c.id_number, "020190001234");
        assert_eq!(c.name, "Nguyễn Thị Mai");
        assert_eq!(c.sex, Sex::Female);
        assert_eq!(c.address, "Thôn Bản Chu, xã Thanh Sơn, Lạng Sơn");
        // extra fields after the seventh are allowed
        assert!(read_card(&format!("{GOOD}|x|y")).is_ok());
        // a man born in 2003, old ID given
        assert!(read_card("001203004567|012345678|Lê Văn An|02022003|Nam|Hà Nội|05052022").is_ok());
    }

    #[test]
    fn each_fault_is_named() {
        let bad = |line: &str| read_card(line).expect_err("refused");
        assert_eq!(bad("020190001234|x"), CardProblem::TooFewFields(2));
        assert_eq!(
            bad(&GOOD.replacen("020190001234", "02019000123", 1)),
            CardProblem::IdDigits
        );
        assert_eq!(
            bad(&GOOD.replacen("020190001234", "003190001234", 1)),
            CardProblem::Province(3)
        );
        assert_eq!(bad(&GOOD.replacen("||", "|1234|", 1)), CardProblem::OldId);
        assert!(matches!(
            bad(&GOOD.replacen("15031990", "31021990", 1)),
            CardProblem::Date { .. }
        ));
        assert_eq!(
            bad(&GOOD.replacen("|Nữ|", "|F|", 1)),
            CardProblem::Sex("F".into())
        );
        // sex digit says male (0) for a woman; year digits say 1991 for 1990
        assert_eq!(
            bad(&GOOD.replacen("020190001234", "020090001234", 1)),
            CardProblem::Mismatch
        );
        assert_eq!(
            bad(&GOOD.replacen("020190001234", "020191001234", 1)),
            CardProblem::Mismatch
        );
        assert_eq!(
            bad(&GOOD.replacen("Thị", "\u{1b}[31mThị", 1)),
            CardProblem::Hidden(0x1b)
        );
        assert_eq!(
            bad(&GOOD.replacen("Mai", "\u{202e}Mai", 1)),
            CardProblem::Hidden(0x202e)
        );
        assert_eq!(
            bad(&GOOD.replacen("01072021", "01071989", 1)),
            CardProblem::IssuedBeforeBirth
        );
        let long = "x".repeat(5_000);
        assert!(
            bad(&GOOD.replacen("|Nữ|", &format!("|{long}|"), 1))
                .to_string()
                .len()
                < 200
        );
        for p in [bad("a|b"), CardProblem::Mismatch] {
            assert!(!p.to_string().is_empty());
        }
    }
}
