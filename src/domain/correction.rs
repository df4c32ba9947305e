//! Corrections and undo on the record (issue 16): a recorded fact is never edited in place; a
//! `Corrected` event keeps the value before and after and the reason, and an `Undone` event
//! takes back the last step while the step stays in the history. Pure.
//!
//! Rules:
//! - the applicant's name, ID number, phone, address and e-mail, the documents received and the
//!   number of sets can be corrected in any state; the procedure only while the dossier is at
//!   the desk and was never handed over (a dossier in a unit's hands is processed under its
//!   procedure), and only until the deadline to send an apology letter comes (one working day
//!   before the legal due, Decree 61 Art. 19.9) and no letter was sent: from then on the duty
//!   to apologise is fixed, and a procedure with a longer limit must not make a late dossier
//!   look on time (a tester did exactly that); the new value passes the intake's checks and
//!   must differ from the old;
//! - only the last step that counts can be undone, by the operator who took it, on the day it
//!   was taken, and only a step the desk can take back without a paper the citizen already holds:
//!   a hand-over, a supplement request or its receipt, a pause or a resume, the result, the
//!   hand-back. A receipt, a refusal, a stop, an apology letter, a correction cannot be undone
//!   (a refusal or stop is a legal act on paper; a correction is corrected again instead).

use crate::calendar::{Calendar, LocalTime};
use crate::domain::error::DomainError;
use crate::domain::fields::{Field, FieldProblem, clean_list};
use crate::domain::judge::{ClockFacts, apology_deadline};
use crate::domain::model::{ApplicantKind, Correction, Dossier, EventKind};
use crate::domain::timeline::ReceiptFacts;
use crate::domain::validate::{
    MAX_DOCUMENTS, validate_email, validate_id_number, validate_name, validate_phone,
    validate_sets, validate_text,
};

impl Correction {
    /// The fact's name as the intake form and the control sheet show it.
    pub(crate) fn what(&self) -> &'static str {
        match self {
            Correction::Name(_) => Field::Name.label(),
            Correction::IdNumber(_) => Field::IdNumber.label(),
            Correction::Phone(_) => Field::Phone.label(),
            Correction::Address(_) => Field::Address.label(),
            Correction::Email(_) => Field::Email.label(),
            Correction::Sets(_) => Field::Sets.label(),
            Correction::Documents(_) => Field::Documents.label(),
            Correction::Procedure(_) => Field::Procedure.label(),
        }
    }

    /// The value in words, for messages, the timeline and the control sheet.
    pub(crate) fn value_text(&self) -> String {
        match self {
            Correction::Name(v)
            | Correction::IdNumber(v)
            | Correction::Phone(v)
            | Correction::Address(v)
            | Correction::Email(v) => v.clone(),
            Correction::Sets(n) => n.to_string(),
            Correction::Documents(v) => v.join("; "),
            Correction::Procedure(p) => format!("{} ({})", p.name, p.code.0),
        }
    }

    /// The same fact's value in `facts`.
    fn current(&self, facts: &ReceiptFacts) -> Correction {
        let a = &facts.applicant;
        match self {
            Correction::Name(_) => Correction::Name(a.name.clone()),
            Correction::IdNumber(_) => Correction::IdNumber(a.id_number.clone()),
            Correction::Phone(_) => Correction::Phone(a.phone.clone()),
            Correction::Address(_) => Correction::Address(a.address.clone()),
            Correction::Email(_) => Correction::Email(a.email.clone()),
            Correction::Sets(_) => Correction::Sets(facts.sets),
            Correction::Documents(_) => Correction::Documents(facts.documents.clone()),
            Correction::Procedure(_) => Correction::Procedure(facts.procedure.clone()),
        }
    }

    /// The value checked and normalised by the intake's rules.
    fn checked(self, kind: ApplicantKind) -> Result<Correction, DomainError> {
        Ok(match self {
            Correction::Name(v) => Correction::Name(validate_name(&v, kind)?),
            Correction::IdNumber(v) => Correction::IdNumber(validate_id_number(&v, kind)?),
            Correction::Phone(v) => Correction::Phone(validate_phone(&v)?),
            Correction::Address(v) => Correction::Address(validate_text(Field::Address, &v)?),
            Correction::Email(v) => Correction::Email(validate_email(&v)?),
            Correction::Sets(n) => Correction::Sets(validate_sets(n)?),
            Correction::Documents(v) => {
                let docs = clean_list(Field::Documents, &v, MAX_DOCUMENTS)
                    .map_err(|p| DomainError::field(Field::Documents, p))?;
                if docs.is_empty() {
                    return Err(DomainError::field(Field::Documents, FieldProblem::Required));
                }
                Correction::Documents(docs)
            }
            Correction::Procedure(p) => Correction::Procedure(p),
        })
    }
}

/// Whether `d`'s procedure may still be corrected at `at` (see the module docs): before the
/// deadline to send an apology letter and while no letter was sent.
pub(crate) fn procedure_still_correctable(
    d: &Dossier,
    at: LocalTime,
    calendar: &Calendar,
) -> Result<(), DomainError> {
    let facts = ClockFacts::of(d);
    let deadline = apology_deadline(&facts, calendar);
    if facts.letter.is_some() || facts.clock_instant(at) >= deadline {
        return Err(DomainError::ProcedureAfterDeadline {
            deadline: deadline.format("%H:%M %d/%m/%Y").to_string(),
        });
    }
    Ok(())
}

/// The `Corrected` event for setting a fact of `d` to `change`'s value, or why not.
pub(crate) fn correction_event(
    d: &Dossier,
    change: Correction,
    reason: String,
) -> Result<EventKind, DomainError> {
    if matches!(change, Correction::Procedure(_))
        && d.effective_events()
            .any(|e| matches!(e.kind, EventKind::Transferred { .. }))
    {
        return Err(DomainError::ProcedureAfterTransfer);
    }
    let new = change.checked(d.applicant.kind)?;
    let facts = ReceiptFacts::at_intake(d);
    let mut now = facts.clone();
    for e in d.effective_events() {
        if let EventKind::Corrected { new, .. } = &e.kind {
            now.apply(new);
        }
    }
    let old = new.current(&now);
    if old == new {
        return Err(DomainError::CorrectionUnchanged {
            what: new.what(),
            value: new.value_text(),
        });
    }
    Ok(EventKind::Corrected { old, new, reason })
}

/// The `Undone` event taking back `d`'s last step for `operator` at `at`, or why not.
pub(crate) fn undo_event(
    d: &Dossier,
    at: LocalTime,
    operator: &str,
    reason: String,
) -> Result<EventKind, DomainError> {
    let gone = |i: usize| {
        d.events
            .iter()
            .any(|e| matches!(e.kind, EventKind::Undone { event, .. } if event as usize == i))
    };
    let (index, last) = d
        .events
        .iter()
        .enumerate()
        .rev()
        .find(|(i, e)| !gone(*i) && !matches!(e.kind, EventKind::Undone { .. }))
        .ok_or(DomainError::NothingToUndo)?;
    let step = crate::domain::timeline::event_label(&last.kind);
    let refuse = |why: &str| {
        Err(DomainError::NotUndoable {
            step: step.clone(),
            why: why.to_owned(),
        })
    };
    match last.kind {
        EventKind::Received => return Err(DomainError::NothingToUndo),
        EventKind::Refused { .. } | EventKind::Stopped { .. } | EventKind::ApologyIssued { .. } => {
            return refuse(
                "đây là văn bản pháp lý người dân đã nhận trên giấy, không hoàn tác được.",
            );
        }
        EventKind::Corrected { .. } => {
            return refuse("hãy sửa lại thông tin đó (kèm lý do) thay vì hoàn tác.");
        }
        EventKind::Transferred { .. }
        | EventKind::SupplementRequested { .. }
        | EventKind::SupplementReceived
        | EventKind::Paused { .. }
        | EventKind::Resumed
        | EventKind::ResultReady
        | EventKind::HandedBack { .. }
        | EventKind::Undone { .. } => {}
    }
    if !crate::domain::account::same_officer(&last.operator, operator) {
        return refuse(&format!(
            "bước này do {} thực hiện; chỉ người đã làm mới hoàn tác được.",
            crate::domain::account::officer_name(&last.operator)
        ));
    }
    if last.at.date() != at.date() {
        return refuse(&format!(
            "bước này làm ngày {}; chỉ hoàn tác được trong ngày làm việc đó.",
            last.at.format("%d/%m/%Y")
        ));
    }
    Ok(EventKind::Undone {
        event: u32::try_from(index).map_err(|_| DomainError::NothingToUndo)?,
        reason,
    })
}
