//! The check run as the clerk leaves an intake field: which `domain` rule applies to which
//! field. The rules and their Vietnamese messages belong to `domain`; the desk re-validates
//! everything on save.

use crate::domain::{self, DomainError, Field, FieldProblem};

use super::intake::IntakeForm;

/// What leaving a field found: `Ok(Some(v))` the normalised value to put back (e.g. a phone
/// number without its spaces), `Ok(None)` nothing to change, `Err(message)` why it is wrong.
pub(crate) fn check(form: &IntakeForm, field: Field) -> Result<Option<String>, String> {
    let raw = form.text(field).map(|t| t.value()).unwrap_or("");
    let kind = form.kind;
    let result = match field {
        Field::Procedure if form.procedure.is_none() => {
            return Err(format!(
                "{}: chưa chọn; gõ một phần tên hoặc mã rồi Enter.",
                Field::Procedure.label()
            ));
        }
        Field::Procedure
        | Field::Documents
        | Field::Kind
        | Field::Channel
        | Field::Reason
        | Field::Items
        | Field::Unit
        | Field::Recipient
        | Field::Fee
        | Field::Rating
        | Field::NewDue
        | Field::Signer
        | Field::Notified
        | Field::Operator
        | Field::Corrected
        | Field::CorrectValue => return Ok(None),
        Field::Name => domain::validate_name(raw, kind),
        Field::IdNumber => domain::validate_id_number(raw, kind),
        Field::Address => domain::validate_text(Field::Address, raw),
        Field::Phone => domain::validate_phone(raw),
        Field::Email => domain::validate_email(raw),
        Field::Representative => domain::validate_text(Field::Representative, raw),
        Field::Note => domain::validate_text(Field::Note, raw),
        Field::Sets => match raw.trim().parse::<u32>() {
            Ok(n) => domain::validate_sets(n).map(|n| n.max(1).to_string()),
            Err(_) => Err(DomainError::field(
                Field::Sets,
                FieldProblem::NotANumber { example: "1" },
            )),
        },
    };
    match result {
        Ok(v) if v != raw => Ok(Some(v)),
        Ok(_) => Ok(None),
        // The message names the field as the form labels it for this kind of applicant.
        Err(e) => {
            let message = e.to_string();
            let shown = super::intake_view::label_of(kind, field);
            Err(match message.strip_prefix(field.label()) {
                Some(rest) if shown != field.label() => format!("{shown}{rest}"),
                _ => message,
            })
        }
    }
}
