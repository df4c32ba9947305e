//! Field limits for every piece of text a clerk or a file can type into a dossier: NFC
//! normalisation, trimming, length caps, and the refusal of control characters and hidden
//! characters (bidirectional overrides, zero-width marks) that could make a printed name read
//! differently from the stored one. Pure.

use std::fmt;

use crate::text::nfc;

/// A field of a form or a command: what the intake form shows, what a validation message points
/// at (so a screen can put the cursor back on it), what a printout labels. One label each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Procedure,
    /// Person or organisation (`ApplicantKind`).
    Kind,
    Name,
    IdNumber,
    Address,
    Phone,
    Email,
    Representative,
    /// How the dossier reached the desk (`Channel`).
    Channel,
    Sets,
    Documents,
    Note,
    Reason,
    Items,
    Unit,
    Recipient,
    /// The fee collected at hand-back, in đồng.
    Fee,
    Rating,
    /// The new appointment an apology letter gives.
    NewDue,
    Signer,
    /// How the citizen was told of the apology (`Notification`).
    Notified,
    Operator,
    /// Which recorded fact a correction changes (`Correction`).
    Corrected,
    /// The corrected fact's right value.
    CorrectValue,
}

impl Field {
    /// The field's Vietnamese label: the words of the official forms (RULES.md §3), the same on
    /// the intake form, in every message and on every printout.
    pub fn label(self) -> &'static str {
        match self {
            Field::Procedure => "Thủ tục",
            Field::Kind => "Đối tượng",
            Field::Name => "Họ và tên",
            Field::IdNumber => "Số định danh",
            Field::Address => "Địa chỉ",
            Field::Phone => "Số điện thoại",
            Field::Email => "Email",
            Field::Representative => "Người được ủy quyền",
            Field::Channel => "Hình thức nộp",
            Field::Sets => "Số lượng hồ sơ",
            Field::Documents => "Thành phần hồ sơ",
            Field::Note => "Ghi chú",
            Field::Reason => "Lý do",
            Field::Items => "Nội dung cần bổ sung",
            Field::Unit => "Đơn vị nhận",
            Field::Recipient => "Người nhận kết quả",
            Field::Fee => "Lệ phí đã thu",
            Field::Rating => "Mức độ hài lòng",
            Field::NewDue => "Ngày hẹn lại",
            Field::Signer => "Người ký",
            Field::Notified => "Đã báo người nộp qua",
            Field::Operator => "Cán bộ thực hiện",
            Field::Corrected => "Thông tin cần sửa",
            Field::CorrectValue => "Giá trị đúng",
        }
    }

    /// The longest text the field accepts, in characters (after NFC normalisation).
    pub(crate) fn max_chars(self) -> usize {
        match self {
            Field::Procedure | Field::IdNumber | Field::Phone | Field::Sets => 40,
            Field::Kind | Field::Channel | Field::Fee | Field::NewDue | Field::Notified => 40,
            Field::Corrected => 40,
            Field::CorrectValue => 300,
            Field::Name | Field::Representative | Field::Recipient | Field::Signer => 120,
            // An officer string: a full name (120) and " (login)" (at most 35).
            Field::Operator => 160,
            Field::Rating => 60,
            Field::Unit => 150,
            Field::Address => 250,
            Field::Email => 254,
            Field::Documents | Field::Items => 300,
            Field::Note | Field::Reason => 1000,
        }
    }

    /// Whether a line break is allowed (free text: notes and reasons).
    pub(crate) fn multiline(self) -> bool {
        matches!(self, Field::Note | Field::Reason)
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Why a field's value was refused. The message completes "<label>: …".
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FieldProblem {
    #[error("chưa nhập")]
    Required,
    #[error("dài quá {max} ký tự (đang có {len})")]
    TooLong { max: usize, len: usize },
    #[error("có ký tự điều khiển (mã U+{code:04X}); hãy gõ lại, đừng dán từ nguồn lạ")]
    ControlChar { code: u32 },
    #[error(
        "có ký tự ẩn (mã U+{code:04X}: ký tự đổi chiều văn bản hoặc không độ rộng); hãy gõ lại, \
         đừng dán từ nguồn lạ"
    )]
    HiddenChar { code: u32 },
    #[error("họ tên cá nhân không được chứa chữ số hay ký hiệu «{ch}»")]
    NameChar { ch: char },
    #[error("số định danh cá nhân gồm 12 chữ số (hoặc số chứng minh nhân dân cũ 9 chữ số)")]
    IdDigits,
    #[error(
        "số định danh cá nhân phải bắt đầu bằng mã tỉnh, thành phố nơi đăng ký khai sinh (Thông tư \
         59/2021/TT-BCA, ví dụ 020 Lạng Sơn)"
    )]
    IdProvince,
    #[error(
        "chữ số thứ 4 của số định danh (thế kỷ sinh và giới tính) phải là 0–3 (sinh năm 1900–2099)"
    )]
    IdCentury,
    #[error("số định danh ghi năm sinh {year}, sau ngày tiếp nhận: hãy kiểm tra lại chữ số 4–6")]
    IdBornLater { year: i32 },
    #[error("mã số thuế gồm 10 chữ số, hoặc 10 chữ số - 3 chữ số (đơn vị phụ thuộc)")]
    TaxCode,
    #[error(
        "số điện thoại di động gồm 10 chữ số bắt đầu bằng 03, 05, 07, 08, 09; số cố định bắt đầu \
         bằng 02 (có thể ghi +84)"
    )]
    Phone,
    #[error("địa chỉ email không hợp lệ (dạng ten@mien.vn)")]
    Email,
    #[error("phải từ 1 đến {max}")]
    Range { max: u32 },
    #[error("phải là một số, ví dụ {example}")]
    NotANumber { example: &'static str },
    #[error("không hợp lệ; nhập dạng {example}")]
    NotADateTime { example: &'static str },
    #[error("tối đa {max} đồng")]
    TooMuch { max: String },
    #[error("nhiều quá {max} mục")]
    TooMany { max: usize },
    #[error("không được chứa dấu chấm phẩy «;» (dùng để ngăn cách các mục)")]
    Semicolon,
    #[error("«{value}» không có trong thang đánh giá: {scale}")]
    NotOnScale { value: String, scale: String },
    #[error("không khớp với thủ tục đã chọn ({expected})")]
    Mismatch { expected: String },
}

/// Characters that change how text is displayed without being seen (see [`crate::text`]).
pub(crate) use crate::text::is_hidden;

/// Cleans one field: NFC, trims both ends, collapses runs of spaces (and, in single-line
/// fields, refuses line breaks), refuses control and hidden characters, then checks the length
/// cap. Returns the cleaned text, possibly empty (the caller decides whether empty is allowed).
pub(crate) fn clean(field: Field, raw: &str) -> Result<String, FieldProblem> {
    clean_capped(raw, field.max_chars(), field.multiline())
}

/// [`clean`] with an explicit cap in characters and line-break rule (for catalogue cells and
/// settings values, which are not intake fields).
pub(crate) fn clean_capped(raw: &str, max: usize, multiline: bool) -> Result<String, FieldProblem> {
    let text = nfc(raw);
    if let Some(c) = crate::text::forbidden_char(&text, multiline) {
        return Err(if is_hidden(c) {
            FieldProblem::HiddenChar { code: c as u32 }
        } else {
            FieldProblem::ControlChar { code: c as u32 }
        });
    }
    let cleaned = if multiline {
        text.replace("\r\n", "\n")
            .replace('\r', "\n")
            .lines()
            .map(collapse_spaces)
            .collect::<Vec<_>>()
            .join("\n")
            .trim()
            .to_owned()
    } else {
        collapse_spaces(&text)
    };
    let len = cleaned.chars().count();
    if len > max {
        return Err(FieldProblem::TooLong { max, len });
    }
    Ok(cleaned)
}

/// Like [`clean`], and refuses an empty result.
pub(crate) fn required(field: Field, raw: &str) -> Result<String, FieldProblem> {
    let text = clean(field, raw)?;
    if text.is_empty() {
        return Err(FieldProblem::Required);
    }
    Ok(text)
}

/// Cleans a list of items (documents, supplement items): each item cleaned, empty ones dropped,
/// no `;` inside an item (it separates items on the command line and in the catalogue CSV).
pub(crate) fn clean_list(
    field: Field,
    raw: &[String],
    max_items: usize,
) -> Result<Vec<String>, FieldProblem> {
    let mut out = Vec::new();
    for item in raw {
        let text = clean(field, item)?;
        if text.contains(';') {
            return Err(FieldProblem::Semicolon);
        }
        if !text.is_empty() {
            out.push(text);
        }
    }
    if out.len() > max_items {
        return Err(FieldProblem::TooMany { max: max_items });
    }
    Ok(out)
}

fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_characters() {
        for c in [
            '\u{061C}', '\u{200B}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202E}', '\u{2066}',
            '\u{2069}', '\u{FEFF}',
        ] {
            assert!(is_hidden(c), "{:04X}", c as u32);
        }
        for c in ['a', 'ễ', ' ', '\u{00A0}', '–'] {
            assert!(!is_hidden(c), "{:04X}", c as u32);
        }
    }

    #[test]
    fn multiline_fields_keep_line_breaks_only() {
        assert_eq!(
            clean(Field::Reason, "  a  b \r\n c\rd  "),
            Ok("a b\nc\nd".to_owned())
        );
        assert_eq!(clean(Field::Name, "a\u{a0}\u{a0}b"), Ok("a b".to_owned()));
        assert_eq!(
            clean(Field::Reason, "a\tb"),
            Err(FieldProblem::ControlChar { code: 9 })
        );
        assert_eq!(
            clean_list(Field::Items, &["a".into(), " ".into(), "b ".into()], 2),
            Ok(vec!["a".to_owned(), "b".to_owned()])
        );
        assert_eq!(
            clean_list(Field::Items, &["a".into(), "b".into(), "c".into()], 2),
            Err(FieldProblem::TooMany { max: 2 })
        );
    }
}
