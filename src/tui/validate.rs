//! The check run as the clerk leaves an intake field: which rule applies to which field. The
//! rules themselves belong to `domain`; this adapter only picks the rule and returns its
//! Vietnamese message. The desk re-validates everything on save.

use crate::domain::ApplicantKind;

use super::intake::{Field, IntakeForm};

/// The message for `field` of `form`, or `None` when it is acceptable.
pub fn check(form: &IntakeForm, field: Field) -> Option<String> {
    let value = form.text(field).map(|t| t.value().trim()).unwrap_or("");
    match field {
        Field::Procedure => form
            .procedure
            .is_none()
            .then(|| "Chưa chọn thủ tục: gõ một phần tên hoặc mã rồi Enter.".to_owned()),
        Field::Name if value.is_empty() => Some("Chưa nhập họ và tên người nộp.".to_owned()),
        Field::IdNumber if !value.is_empty() => id_number(value, form.kind),
        Field::Phone if !value.is_empty() => phone(value),
        Field::Email if !value.is_empty() => email(value),
        Field::Sets => match value.parse::<u32>() {
            Ok(n) if n >= 1 => None,
            _ => Some("Số bộ hồ sơ phải từ 1 trở lên.".to_owned()),
        },
        Field::Documents
        | Field::Kind
        | Field::Name
        | Field::IdNumber
        | Field::Address
        | Field::Phone
        | Field::Email
        | Field::Representative
        | Field::Channel
        | Field::Note => None,
    }
}

fn id_number(value: &str, kind: ApplicantKind) -> Option<String> {
    let digits = value.chars().all(|c| c.is_ascii_digit());
    match kind {
        ApplicantKind::Person if digits && (value.len() == 12 || value.len() == 9) => None,
        ApplicantKind::Person => {
            Some("Số định danh cá nhân gồm 12 chữ số (CMND cũ: 9 chữ số).".to_owned())
        }
        ApplicantKind::Organisation => {
            let (main, branch) = value.split_once('-').unwrap_or((value, ""));
            let ok = main.len() == 10
                && main.chars().all(|c| c.is_ascii_digit())
                && (branch.is_empty()
                    || (branch.len() == 3 && branch.chars().all(|c| c.is_ascii_digit())));
            (!ok).then(|| "Mã số thuế gồm 10 chữ số, chi nhánh thêm -3 chữ số.".to_owned())
        }
    }
}

fn phone(value: &str) -> Option<String> {
    let compact: String = value
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-'))
        .collect();
    let local = match compact.strip_prefix("+84") {
        Some(rest) => format!("0{rest}"),
        None => compact,
    };
    let ok =
        local.len() == 10 && local.starts_with('0') && local.chars().all(|c| c.is_ascii_digit());
    (!ok).then(|| "Số điện thoại gồm 10 chữ số, bắt đầu bằng 0 (ví dụ 0912345678).".to_owned())
}

fn email(value: &str) -> Option<String> {
    let ok = match value.split_once('@') {
        Some((user, host)) => {
            !user.is_empty() && host.contains('.') && !host.starts_with('.') && !host.ends_with('.')
        }
        None => false,
    } && !value.contains(char::is_whitespace);
    (!ok).then(|| "Địa chỉ thư điện tử chưa đúng (ví dụ ten@example.vn).".to_owned())
}
