//! The dossier code `<agency code>-YYMMDD-NNNN` (RULES.md §4, Circular 01/2018 Art. 19): the
//! agency's electronic identifier, the day of receipt, and the sequence within that day, four
//! digits at least, more when the day needs them. Formatting and recognising a code (a barcode
//! scanner types one into any field). Issuing sequences is the store's job. Pure.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The dossier code `<agency code>-YYMMDD-NNNN` (RULES.md §4). Made by [`DossierCode::format`]
/// or [`DossierCode::parse`]; read with [`DossierCode::as_str`].
#[derive(
    Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, utoipa::ToSchema,
)]
pub struct DossierCode(String);

/// Text typed or scanned where a dossier code was expected.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "«{0}» không phải mã hồ sơ (dạng <mã cơ quan>-YYMMDD-NNNN, ví dụ 000.00.20.H30-260302-0001)."
)]
pub struct NotACode(pub String);

/// The parts of a well-formed dossier code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeParts {
    pub agency: String,
    pub received: NaiveDate,
    pub seq: u32,
}

impl DossierCode {
    /// `<agency>-YYMMDD-NNNN`; `seq` is zero-padded to 4 digits and grows past them
    /// (`…-0001`, `…-9999`, `…-10000`).
    pub fn format(agency_code: &str, received: NaiveDate, seq: u32) -> DossierCode {
        DossierCode(format!(
            "{}-{}-{:04}",
            agency_code.trim(),
            received.format("%y%m%d"),
            seq
        ))
    }

    /// Recognises a code typed or scanned: surrounding spaces and a trailing line break are
    /// ignored and letters are upper-cased. `None` when the text is not a well-formed code
    /// (agency part of letters, digits and dots; a real date; a sequence of 4+ digits, not 0).
    pub fn parse(text: &str) -> Option<DossierCode> {
        let code = text.trim().to_uppercase();
        parts_of(&code).map(|_| DossierCode(code))
    }

    /// Like [`DossierCode::parse`], with the reason a clerk reads when the text is not a code.
    pub fn read(text: &str) -> Result<DossierCode, NotACode> {
        let shown = text.trim().chars().filter(|c| !c.is_control()).collect();
        DossierCode::parse(text).ok_or(NotACode(shown))
    }

    /// The code of a dossier the store has not numbered yet (empty): a draft handed to the
    /// store, which gives it its real code in the transaction that saves it.
    pub fn unassigned() -> DossierCode {
        DossierCode(String::new())
    }

    /// A code as recorded earlier, read back from storage. Not checked again: what the store
    /// holds was made by [`DossierCode::format`] or checked by [`DossierCode::parse`] on import.
    pub(crate) fn recorded(code: String) -> DossierCode {
        DossierCode(code)
    }

    /// The code's parts, when it is well formed.
    pub fn parts(&self) -> Option<CodeParts> {
        parts_of(&self.0)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for DossierCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn parts_of(code: &str) -> Option<CodeParts> {
    let mut it = code.rsplitn(3, '-');
    let seq_text = it.next()?;
    let day_text = it.next()?;
    let agency = it.next()?;
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let agency_ok = !agency.is_empty()
        && agency.len() <= 40
        && agency
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'.');
    if !agency_ok || day_text.len() != 6 || !all_digits(day_text) {
        return None;
    }
    if seq_text.len() < 4 || seq_text.len() > 9 || !all_digits(seq_text) {
        return None;
    }
    let seq: u32 = seq_text.parse().ok()?;
    // A sequence wider than 4 digits carries no leading zero (it is what `format` writes).
    if seq == 0 || (seq_text.len() > 4 && seq_text.starts_with('0')) {
        return None;
    }
    let received = NaiveDate::parse_from_str(day_text, "%y%m%d").ok()?;
    Some(CodeParts {
        agency: agency.to_owned(),
        received,
        seq,
    })
}

/// True when the text, as typed into any field, is a dossier code (a scanner's input).
pub fn looks_like_code(text: &str) -> bool {
    DossierCode::parse(text).is_some()
}
