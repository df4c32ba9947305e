//! A dossier read from a file (a JSONL import) checked by the same field rules as an intake and
//! a step at the desk: every text field cleaned and capped (no control or hidden character),
//! ID numbers and phones normalised, sets, documents, items, fee and rating within their
//! limits. The refusal names the JSON field (`applicant.address`, `events[2].operator`) and the
//! form's label. Pure.
//!
//! The order of events and how the status follows from them are checked by the caller (the
//! import's line checks) and, in the end, by replaying the events.

use crate::domain::fields::{Field, FieldProblem, clean, clean_capped, clean_list, required};
use crate::domain::lifecycle::{MAX_FEE_VND, MAX_ITEMS};
use crate::domain::model::{Dossier, Event, EventKind};
use crate::domain::validate::{
    MAX_DOCUMENTS, validate_email, validate_id_number, validate_name, validate_phone,
    validate_rating, validate_sets,
};

/// Why an imported dossier is refused: the JSON path of the field and the problem.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("trường {path}: {message}")]
pub struct ImportProblem {
    pub(crate) path: String,
    pub(crate) message: String,
}

fn problem(path: impl Into<String>, message: impl ToString) -> ImportProblem {
    ImportProblem {
        path: path.into(),
        message: message.to_string(),
    }
}

fn field(path: &str, f: Field, raw: &str, required_: bool) -> Result<String, ImportProblem> {
    let result = if required_ {
        required(f, raw)
    } else {
        clean(f, raw)
    };
    result.map_err(|p| problem(path, format!("{f}: {p}")))
}

fn capped(path: &str, raw: &str, max: usize) -> Result<String, ImportProblem> {
    let text = clean_capped(raw, max, false).map_err(|p| problem(path, p))?;
    if text.is_empty() {
        return Err(problem(path, FieldProblem::Required));
    }
    Ok(text)
}

/// Checks and normalises every field of `d` as the desk would have on entry; `scale` is the
/// satisfaction scale of the settings. Ids, codes and instants are the store's to check.
pub fn check_imported(mut d: Dossier, scale: &[String]) -> Result<Dossier, ImportProblem> {
    d.procedure.0 = capped("procedure", &d.procedure.0, Field::Procedure.max_chars())?;
    d.procedure_name = capped("procedure_name", &d.procedure_name, 300)?;
    d.field = capped("field", &d.field, 100)?;
    let a = &mut d.applicant;
    let kind = a.kind;
    a.name = validate_name(&a.name, kind).map_err(|e| problem("applicant.name", e))?;
    a.id_number =
        validate_id_number(&a.id_number, kind).map_err(|e| problem("applicant.id_number", e))?;
    a.address = field("applicant.address", Field::Address, &a.address, false)?;
    a.phone = validate_phone(&a.phone).map_err(|e| problem("applicant.phone", e))?;
    a.email = validate_email(&a.email).map_err(|e| problem("applicant.email", e))?;
    a.representative = field(
        "applicant.representative",
        Field::Representative,
        &a.representative,
        false,
    )?;
    if d.sets == 0 {
        return Err(problem("sets", FieldProblem::Range { max: 50 }));
    }
    d.sets = validate_sets(d.sets).map_err(|e| problem("sets", e))?;
    d.documents = clean_list(Field::Documents, &d.documents, MAX_DOCUMENTS)
        .map_err(|p| problem("documents", format!("{}: {p}", Field::Documents)))?;
    d.received_by = field("received_by", Field::Operator, &d.received_by, true)?;
    for (i, e) in d.events.iter_mut().enumerate() {
        check_event(e, &format!("events[{i}]"), scale)?;
    }
    Ok(d)
}

fn check_event(e: &mut Event, at: &str, scale: &[String]) -> Result<(), ImportProblem> {
    let path = |name: &str| format!("{at}.{name}");
    e.operator = field(&path("operator"), Field::Operator, &e.operator, true)?;
    e.note = field(&path("note"), Field::Note, &e.note, false)?;
    let reason = |r: &mut String| -> Result<(), ImportProblem> {
        *r = field(&path("reason"), Field::Reason, r, true)?;
        Ok(())
    };
    match &mut e.kind {
        EventKind::Received
        | EventKind::SupplementReceived
        | EventKind::Resumed
        | EventKind::ResultReady => {}
        EventKind::Transferred { from, to } => {
            *from = field(&path("from"), Field::Unit, from, true)?;
            *to = field(&path("to"), Field::Unit, to, true)?;
        }
        EventKind::SupplementRequested { reason: r, items } => {
            reason(r)?;
            *items = clean_list(Field::Items, items, MAX_ITEMS)
                .map_err(|p| problem(path("items"), format!("{}: {p}", Field::Items)))?;
        }
        EventKind::Paused { reason: r }
        | EventKind::Refused { reason: r }
        | EventKind::Stopped { reason: r }
        | EventKind::Corrected { reason: r, .. }
        | EventKind::Undone { reason: r, .. } => reason(r)?,
        EventKind::HandedBack {
            to,
            fee_vnd,
            rating,
        } => {
            *to = field(&path("to"), Field::Recipient, to, true)?;
            if *fee_vnd > MAX_FEE_VND {
                return Err(problem(
                    path("fee_vnd"),
                    crate::domain::lifecycle::check_fee(*fee_vnd)
                        .err()
                        .map(|e| e.to_string())
                        .unwrap_or_default(),
                ));
            }
            *rating = validate_rating(rating, scale).map_err(|e| problem(path("rating"), e))?;
        }
        EventKind::ApologyIssued {
            number,
            reason: r,
            signer,
            ..
        } => {
            if *number == 0 {
                return Err(problem(path("number"), "số văn bản xin lỗi phải lớn hơn 0"));
            }
            reason(r)?;
            *signer = field(&path("signer"), Field::Signer, signer, true)?;
        }
    }
    Ok(())
}
