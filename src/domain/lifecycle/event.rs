//! The event a legal step appends, with the checks on the step's data (reasons, units, the
//! apology's new appointment). Pure; the transition itself is checked by the parent module.

use crate::calendar::{Calendar, LocalTime};
use crate::domain::error::DomainError;
use crate::domain::fields::{Field, FieldProblem, clean, clean_list, required};
use crate::domain::model::{Command, Correction, Dossier, EventKind};

use super::{MAX_ITEMS, current_unit};
use crate::domain::correction::{correction_event, procedure_still_correctable, undo_event};

pub(super) fn text(field: Field, raw: &str) -> Result<String, DomainError> {
    required(field, raw).map_err(|p| DomainError::field(field, p))
}

fn optional(field: Field, raw: &str) -> Result<String, DomainError> {
    clean(field, raw).map_err(|p| DomainError::field(field, p))
}

/// The event a command appends (the transition is already allowed).
pub(super) fn event_for(
    dossier: &Dossier,
    command: Command,
    at: LocalTime,
    operator: &str,
    calendar: &Calendar,
    apology_number: Option<(u32, i32)>,
) -> Result<EventKind, DomainError> {
    Ok(match command {
        Command::Transfer { to } => {
            let to = text(Field::Unit, &to)?;
            let from = current_unit(dossier).to_owned();
            if crate::text::fold(&from) == crate::text::fold(&to) {
                return Err(DomainError::SameUnit { unit: from });
            }
            EventKind::Transferred { from, to }
        }
        Command::RequestSupplement { reason, items } => {
            let reason = text(Field::Reason, &reason)?;
            let items = clean_list(Field::Items, &items, MAX_ITEMS)
                .map_err(|p| DomainError::field(Field::Items, p))?;
            if items.is_empty() {
                return Err(DomainError::field(Field::Items, FieldProblem::Required));
            }
            EventKind::SupplementRequested { reason, items }
        }
        Command::ReceiveSupplement => EventKind::SupplementReceived,
        Command::Pause { reason } => {
            let reason = text(Field::Reason, &reason)?;
            EventKind::Paused { reason }
        }
        Command::Resume => EventKind::Resumed,
        Command::Refuse { reason } => {
            let reason = text(Field::Reason, &reason)?;
            EventKind::Refused { reason }
        }
        Command::Stop { reason } => {
            let reason = text(Field::Reason, &reason)?;
            EventKind::Stopped { reason }
        }
        Command::MarkResultReady => EventKind::ResultReady,
        Command::HandBack {
            to,
            fee_vnd,
            rating,
        } => {
            let to = optional(Field::Recipient, &to)?;
            let to = if to.is_empty() {
                dossier.applicant.name.clone()
            } else {
                to
            };
            let rating = optional(Field::Rating, &rating)?;
            super::check_fee(fee_vnd)?;
            EventKind::HandedBack {
                to,
                fee_vnd,
                rating,
            }
        }
        Command::IssueApology {
            reason,
            new_due,
            signer,
            notified,
        } => {
            let reason = text(Field::Reason, &reason)?;
            let signer = text(Field::Signer, &signer)?;
            check_new_due(dossier, new_due, at, calendar)?;
            let (number, year) = apology_number.ok_or(DomainError::ApologyNumberMissing)?;
            EventKind::ApologyIssued {
                number,
                year,
                reason,
                new_due,
                signer,
                notified,
            }
        }
        Command::Correct { change, reason } => correct(dossier, change, &reason, at, calendar)?,
        Command::Undo { reason } => {
            undo_event(dossier, at, operator, text(Field::Reason, &reason)?)?
        }
    })
}

/// The `Corrected` event, the procedure's deadline rule first (`domain::correction`).
fn correct(
    dossier: &Dossier,
    change: Correction,
    reason: &str,
    at: LocalTime,
    calendar: &Calendar,
) -> Result<EventKind, DomainError> {
    match &change {
        Correction::Procedure(_) => procedure_still_correctable(dossier, at, calendar)?,
        Correction::IdNumber(id) => crate::domain::validate::check_born_by(id, at)?,
        _ => {}
    }
    correction_event(dossier, change, text(Field::Reason, reason)?)
}

/// The new appointment of an apology: after the legal due, after the letter, on a working day.
pub(crate) fn check_new_due(
    dossier: &Dossier,
    new_due: LocalTime,
    at: LocalTime,
    calendar: &Calendar,
) -> Result<(), DomainError> {
    if new_due <= dossier.due_at {
        return Err(DomainError::NewDueNotAfterDue {
            new_due,
            due: dossier.due_at,
        });
    }
    if new_due <= at {
        return Err(DomainError::NewDueInPast { new_due, at });
    }
    if !calendar.is_working_day(new_due.date()) {
        return Err(DomainError::NewDueNotWorkingDay {
            date: new_due.date(),
        });
    }
    Ok(())
}
