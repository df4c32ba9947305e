//! Intake validation: each field on its own (so a form can check it as the clerk leaves it) and
//! the whole intake at once. Every validator returns the normalised value the dossier stores
//! (NFC, trimmed, digits without separators, phone numbers as `0…`). Pure.

use crate::domain::error::DomainError;
use crate::domain::fields::{Field, FieldProblem, clean, clean_list, required};
use crate::domain::model::{Applicant, ApplicantKind, Intake, Procedure};

/// Most sets ("bộ") one dossier may count.
pub(crate) const MAX_SETS: u32 = 50;
/// Most documents one dossier may list.
pub(crate) const MAX_DOCUMENTS: usize = 40;

fn err(field: Field, problem: FieldProblem) -> DomainError {
    DomainError::field(field, problem)
}

/// A full name (required). A person's name holds letters, spaces and `.`, `'`, `-` only; an
/// organisation's name may hold digits and punctuation.
pub fn validate_name(raw: &str, kind: ApplicantKind) -> Result<String, DomainError> {
    let name = required(Field::Name, raw).map_err(|p| err(Field::Name, p))?;
    if kind == ApplicantKind::Person
        && let Some(ch) = name
            .chars()
            .find(|c| !(c.is_alphabetic() || *c == ' ' || matches!(c, '.' | '\'' | '-')))
    {
        return Err(err(Field::Name, FieldProblem::NameChar { ch }));
    }
    Ok(name)
}

/// A personal ID number (12 digits, province code 001–096 first; the old 9-digit number is
/// accepted) or, for an organisation, a tax code (10 digits, or 10 digits `-` 3 digits).
/// Digits in another form (full-width…) become ASCII digits; digits of other scripts are
/// refused. Spaces and dots typed between digit groups are removed. Empty is allowed
/// (returns "").
pub fn validate_id_number(raw: &str, kind: ApplicantKind) -> Result<String, DomainError> {
    let text = clean(Field::IdNumber, &crate::text::compatibility_digits(raw))
        .map_err(|p| err(Field::IdNumber, p))?;
    let compact: String = text.chars().filter(|c| !matches!(c, ' ' | '.')).collect();
    if compact.is_empty() {
        return Ok(compact);
    }
    match kind {
        ApplicantKind::Person => {
            if !compact.chars().all(|c| c.is_ascii_digit()) {
                return Err(err(Field::IdNumber, FieldProblem::IdDigits));
            }
            match compact.len() {
                9 => Ok(compact),
                12 => {
                    let province: u16 = compact[..3].parse().unwrap_or(0);
                    if !crate::domain::id_card::is_province_code(province) {
                        Err(err(Field::IdNumber, FieldProblem::IdProvince))
                    } else if id_birth_year(&compact).is_none() {
                        Err(err(Field::IdNumber, FieldProblem::IdCentury))
                    } else {
                        Ok(compact)
                    }
                }
                _ => Err(err(Field::IdNumber, FieldProblem::IdDigits)),
            }
        }
        ApplicantKind::Organisation => {
            let (main, branch) = match compact.split_once('-') {
                Some((m, b)) => (m, Some(b)),
                None => (compact.as_str(), None),
            };
            let digits = |s: &str, n: usize| s.len() == n && s.chars().all(|c| c.is_ascii_digit());
            if digits(main, 10) && branch.is_none_or(|b| digits(b, 3)) {
                Ok(compact)
            } else {
                Err(err(Field::IdNumber, FieldProblem::TaxCode))
            }
        }
    }
}

/// The birth year a 12-digit personal ID number encodes (Circular 59/2021/TT-BCA: the fourth
/// digit is the century and sex, 0/1 for 1900–1999 and 2/3 for 2000–2099, the next two the
/// year); `None` for another shape or a century no living person has.
pub(crate) fn id_birth_year(id: &str) -> Option<i32> {
    let b = id.as_bytes();
    if b.len() != 12 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let century = match b[3] - b'0' {
        0 | 1 => 1900,
        2 | 3 => 2000,
        _ => return None,
    };
    Some(century + i32::from(b[4] - b'0') * 10 + i32::from(b[5] - b'0'))
}

/// A personal ID number must not say its holder was born after `at` (a 2099 birth year passed
/// the digit checks). Other numbers pass.
pub fn check_born_by(id_number: &str, at: crate::calendar::LocalTime) -> Result<(), DomainError> {
    use chrono::Datelike;
    match id_birth_year(id_number) {
        Some(year) if year > at.year() => {
            Err(err(Field::IdNumber, FieldProblem::IdBornLater { year }))
        }
        _ => Ok(()),
    }
}

/// A Vietnamese phone number: mobile 10 digits starting 03/05/07/08/09, landline 10–11 digits
/// starting 02; `+84`/`84` becomes `0`; spaces, dots, dashes and brackets are removed.
/// Empty is allowed (returns "").
pub fn validate_phone(raw: &str) -> Result<String, DomainError> {
    let text = clean(Field::Phone, &crate::text::compatibility_digits(raw))
        .map_err(|p| err(Field::Phone, p))?;
    let mut compact: String = text
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-' | '(' | ')'))
        .collect();
    if compact.is_empty() {
        return Ok(compact);
    }
    if let Some(rest) = compact.strip_prefix("+84") {
        compact = format!("0{rest}");
    } else if compact.len() >= 11 && compact.starts_with("84") && !compact.starts_with("840") {
        compact = format!("0{}", &compact[2..]);
    }
    let ok = compact.chars().all(|c| c.is_ascii_digit())
        && match compact.get(..2) {
            Some("03" | "05" | "07" | "08" | "09") => compact.len() == 10,
            Some("02") => (10..=11).contains(&compact.len()),
            _ => false,
        };
    if ok {
        Ok(compact)
    } else {
        Err(err(Field::Phone, FieldProblem::Phone))
    }
}

/// An e-mail address: one `@`, a non-empty local part, a domain with a dot, no spaces; the
/// domain is lower-cased. Empty is allowed (returns "").
pub fn validate_email(raw: &str) -> Result<String, DomainError> {
    let text = clean(Field::Email, raw).map_err(|p| err(Field::Email, p))?;
    if text.is_empty() {
        return Ok(text);
    }
    let bad = || err(Field::Email, FieldProblem::Email);
    let (local, domain) = text.split_once('@').ok_or_else(bad)?;
    let domain_ok = domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && domain
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-');
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local
            .chars()
            .any(|c| c.is_whitespace() || c == '@' || c == ',');
    if !(domain_ok && local_ok) {
        return Err(bad());
    }
    Ok(format!("{local}@{}", domain.to_lowercase()))
}

/// Free text of a field with a length cap (address, representative, note…). Empty allowed.
pub fn validate_text(field: Field, raw: &str) -> Result<String, DomainError> {
    clean(field, raw).map_err(|p| err(field, p))
}

/// The number of sets: 0 means "not given" and counts as 1; at most [`MAX_SETS`].
pub fn validate_sets(sets: u32) -> Result<u32, DomainError> {
    match sets {
        0 => Ok(1),
        n if n <= MAX_SETS => Ok(n),
        _ => Err(err(Field::Sets, FieldProblem::Range { max: MAX_SETS })),
    }
}

/// The documents received: each cleaned, empty ones dropped; when none is given, the
/// procedure's list is used.
pub fn validate_documents(
    raw: &[String],
    procedure: &Procedure,
) -> Result<Vec<String>, DomainError> {
    let docs =
        clean_list(Field::Documents, raw, MAX_DOCUMENTS).map_err(|p| err(Field::Documents, p))?;
    if docs.is_empty() {
        Ok(procedure.documents.clone())
    } else {
        Ok(docs)
    }
}

/// Validates a whole intake against the chosen procedure and returns the applicant, normalised.
/// The first problem found is returned, in form order (procedure, name, ID, address, phone,
/// e-mail, representative, sets, documents, note).
pub fn validate_intake(intake: &Intake, procedure: &Procedure) -> Result<Applicant, DomainError> {
    match &intake.procedure {
        None => return Err(err(Field::Procedure, FieldProblem::Required)),
        Some(code) if code != &procedure.code => {
            return Err(err(
                Field::Procedure,
                FieldProblem::Mismatch {
                    expected: procedure.code.as_str().to_owned(),
                },
            ));
        }
        Some(_) => {}
    }
    let kind = intake.applicant_kind.unwrap_or(ApplicantKind::Person);
    let applicant = Applicant {
        kind,
        name: validate_name(&intake.name, kind)?,
        id_number: validate_id_number(&intake.id_number, kind)?,
        address: validate_text(Field::Address, &intake.address)?,
        phone: validate_phone(&intake.phone)?,
        email: validate_email(&intake.email)?,
        representative: validate_text(Field::Representative, &intake.representative)?,
    };
    validate_sets(intake.sets)?;
    validate_documents(&intake.documents, procedure)?;
    validate_text(Field::Note, &intake.note)?;
    Ok(applicant)
}

/// A satisfaction rating: empty (the applicant did not rate) or exactly one entry of the
/// configured scale, compared accent- and case-insensitively ("hai long" finds "Hài lòng");
/// returns the scale's own spelling.
pub fn validate_rating(raw: &str, scale: &[String]) -> Result<String, DomainError> {
    let rating = clean(Field::Rating, raw).map_err(|p| err(Field::Rating, p))?;
    if rating.is_empty() {
        return Ok(rating);
    }
    let folded = crate::text::fold(&rating);
    match scale.iter().find(|s| crate::text::fold(s.trim()) == folded) {
        Some(s) => Ok(s.trim().to_owned()),
        None => Err(err(
            Field::Rating,
            FieldProblem::NotOnScale {
                value: rating,
                scale: scale.join(", "),
            },
        )),
    }
}
