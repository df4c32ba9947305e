//! The legal state machine of a dossier (RULES.md §2): which command is allowed in which
//! status, what event it appends, and how the legal due instant moves (a supplement restarts the
//! clock from zero, an excluded period pauses it). Pure: the calendar and the instant are passed
//! in; a dossier is never edited in place, `apply` returns the next one.
//!
//! Transitions (anything else is refused, naming the current status):
//!
//! | from | command | to |
//! |---|---|---|
//! | Received | Transfer | InProcessing |
//! | Received | RequestSupplement (once at the desk stage) | SupplementRequested |
//! | InProcessing | Transfer (to another unit) | InProcessing |
//! | InProcessing | RequestSupplement (once, within 03 working days of receipt) | SupplementRequested |
//! | SupplementRequested | ReceiveSupplement | Received (before any transfer) or InProcessing |
//! | InProcessing | Pause (pausable procedures only) | Paused |
//! | Paused | Resume | InProcessing |
//! | InProcessing | MarkResultReady | ResultReady |
//! | ResultReady | HandBack | HandedBack |
//! | any open status | Refuse | Refused |
//! | any open status, received from 01/07/2025 | Stop | Stopped |
//! | Received, InProcessing, Paused | IssueApology (once) | unchanged |

use chrono::NaiveDate;

use crate::calendar::{Calendar, ClockEvent, LocalTime};
use crate::domain::code::DossierCode;
use crate::domain::error::DomainError;
use crate::domain::fields::{Field, FieldProblem, clean, clean_list};
use crate::domain::model::{
    Applicant, Channel, Command, Dossier, DossierId, Event, EventKind, Intake, Procedure, Status,
};
use crate::domain::supplement::SupplementLaw;
use crate::domain::timeline::{ReceiptFacts, project};
use crate::domain::validate::MAX_DOCUMENTS;

mod event;

/// The TUI checks an apology's new appointment before its confirm (issue 16).
pub(crate) use event::check_new_due;

use event::{event_for, text};

pub use crate::domain::command::CommandKind;

/// The name of the desk itself as the first holder of a dossier on the control sheet.
pub const DESK_UNIT: &str = "Bộ phận tiếp nhận và trả kết quả";
/// Most items one supplement request may list.
pub(crate) const MAX_ITEMS: usize = 30;

/// A new dossier from a validated intake (see [`crate::domain::validate_intake`]): status
/// Received, one `Received` event, the legal due computed by the calendar from `received_at`.
/// Sets 0 count as 1; no documents listed means the procedure's list; channel defaults to
/// direct.
#[allow(clippy::too_many_arguments)]
pub fn new_dossier(
    id: DossierId,
    code: DossierCode,
    applicant: Applicant,
    intake: &Intake,
    procedure: &Procedure,
    received_at: LocalTime,
    operator: &str,
    calendar: &Calendar,
) -> Dossier {
    let docs = clean_list(Field::Documents, &intake.documents, MAX_DOCUMENTS)
        .ok()
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| procedure.documents.clone());
    // The desk checks the operator before (a refusal names the field); what reaches here is
    // kept printable whatever the caller did.
    let operator = clean(Field::Operator, operator)
        .unwrap_or_else(|_| crate::text::printable(operator).into_owned());
    let due_at = calendar.due_at(received_at, procedure.time_limit, &[]);
    Dossier {
        id,
        code,
        procedure: procedure.code.clone(),
        procedure_name: procedure.name.clone(),
        field: procedure.field.clone(),
        time_limit: procedure.time_limit,
        pausable: procedure.pausable,
        applicant,
        channel: intake.channel.unwrap_or(Channel::Direct),
        sets: intake.sets.max(1),
        documents: docs,
        received_at,
        received_by: operator.clone(),
        due_at,
        new_due_at: None,
        status: Status::Received,
        events: vec![Event {
            at: received_at,
            operator,
            note: clean(Field::Note, &intake.note).unwrap_or_default(),
            kind: EventKind::Received,
            due: Some(due_at),
        }],
    }
}

/// The clock events of a dossier's events that count, in time order (see
/// [`EventKind::clock_event`]).
pub fn clock_events(dossier: &Dossier) -> Vec<ClockEvent> {
    crate::domain::timeline::clock_events(dossier.effective_events())
}

impl EventKind {
    /// The clock event this event implies at `at`: a supplement request pauses the clock and
    /// the supplement's receipt restarts it from zero; an excluded period pauses and resumes.
    pub(crate) fn clock_event(&self, at: LocalTime) -> Option<ClockEvent> {
        match self {
            EventKind::SupplementRequested { .. } | EventKind::Paused { .. } => {
                Some(ClockEvent::Pause(at))
            }
            EventKind::SupplementReceived => Some(ClockEvent::Restart(at)),
            EventKind::Resumed => Some(ClockEvent::Resume(at)),
            EventKind::Received
            | EventKind::Transferred { .. }
            | EventKind::Refused { .. }
            | EventKind::Stopped { .. }
            | EventKind::ResultReady
            | EventKind::HandedBack { .. }
            | EventKind::ApologyIssued { .. }
            | EventKind::Corrected { .. }
            | EventKind::Undone { .. } => None,
        }
    }

    /// The status a dossier is in after this event, given the status `before` it and whether
    /// it had been handed to a processing unit (a supplement received before any hand-over
    /// returns the dossier to the desk). The one table of the state machine's outcomes.
    pub(crate) fn status_after(&self, before: Status, transferred: bool) -> Status {
        match self {
            EventKind::Received => Status::Received,
            EventKind::Transferred { .. } | EventKind::Resumed => Status::InProcessing,
            EventKind::SupplementRequested { .. } => Status::SupplementRequested,
            EventKind::SupplementReceived if transferred => Status::InProcessing,
            EventKind::SupplementReceived => Status::Received,
            EventKind::Paused { .. } => Status::Paused,
            EventKind::Refused { .. } => Status::Refused,
            EventKind::Stopped { .. } => Status::Stopped,
            EventKind::ResultReady => Status::ResultReady,
            EventKind::HandedBack { .. } => Status::HandedBack,
            EventKind::ApologyIssued { .. }
            | EventKind::Corrected { .. }
            | EventKind::Undone { .. } => before,
        }
    }
}

/// The unit holding the dossier: the receiver of the last hand-over, or the desk.
pub fn current_unit(dossier: &Dossier) -> &str {
    let effective: Vec<_> = dossier.effective_events().collect();
    effective
        .into_iter()
        .rev()
        .find_map(|e| match &e.kind {
            EventKind::Transferred { to, .. } => Some(to.as_str()),
            _ => None,
        })
        .unwrap_or(DESK_UNIT)
}

/// The apology event of the dossier, if one was issued.
pub fn apology_event(dossier: &Dossier) -> Option<&Event> {
    dossier
        .effective_events()
        .find(|e| matches!(e.kind, EventKind::ApologyIssued { .. }))
}

/// The actions allowed on the dossier at `at` under `law` ([`allowed_at`]), in menu order. A
/// command of a listed kind may still be refused for its data (empty reason…).
pub fn available_commands(
    dossier: &Dossier,
    at: LocalTime,
    calendar: &Calendar,
    law: &SupplementLaw,
) -> Vec<CommandKind> {
    CommandKind::ALL
        .into_iter()
        .filter(|k| allowed_at(dossier, *k, at, calendar, law).is_ok())
        .collect()
}

/// Whether a command of this kind is allowed at `at`: [`allowed`], then the rules that depend
/// on time and on the desk's supplement exceptions (a processing unit's return for a
/// supplement: once, within 03 working days of receipt, see [`crate::domain::supplement`]).
pub fn allowed_at(
    dossier: &Dossier,
    kind: CommandKind,
    at: LocalTime,
    calendar: &Calendar,
    law: &SupplementLaw,
) -> Result<(), DomainError> {
    allowed(dossier, kind)?;
    if kind == CommandKind::RequestSupplement {
        law.check_return(dossier, at, calendar)?;
    }
    Ok(())
}

/// Whether a command of this kind is allowed in the dossier's current state, whatever the time:
/// status, the once-only rules of the desk's supplement request and of the apology, pausable
/// procedures, the stop step only for dossiers received under Decree 118/2025.
pub fn allowed(dossier: &Dossier, kind: CommandKind) -> Result<(), DomainError> {
    use Status as S;
    let status = dossier.status;
    let ok = match kind {
        CommandKind::Transfer => matches!(status, S::Received | S::InProcessing),
        CommandKind::RequestSupplement => matches!(status, S::Received | S::InProcessing),
        CommandKind::ReceiveSupplement => status == S::SupplementRequested,
        CommandKind::Pause => status == S::InProcessing,
        CommandKind::Resume => status == S::Paused,
        CommandKind::MarkResultReady => status == S::InProcessing,
        CommandKind::HandBack => status == S::ResultReady,
        CommandKind::IssueApology => matches!(status, S::Received | S::InProcessing | S::Paused),
        CommandKind::Refuse | CommandKind::Stop => status.is_open(),
        // Their own rules are in `correction`: any state may be put right or have its last
        // step taken back.
        CommandKind::Correct | CommandKind::Undo => true,
    };
    if !ok {
        return Err(DomainError::IllegalTransition {
            command: kind,
            status,
        });
    }
    match kind {
        CommandKind::RequestSupplement if status == S::Received => {
            if let Some(e) = dossier
                .events
                .iter()
                .find(|e| matches!(e.kind, EventKind::SupplementRequested { .. }))
            {
                return Err(DomainError::SupplementAlreadyRequested { at: e.at });
            }
        }
        CommandKind::Stop if dossier.received_at.date() < decree_118_from() => {
            return Err(DomainError::StopBeforeDecree118 {
                received: dossier.received_at,
            });
        }
        CommandKind::Pause if !dossier.pausable => {
            return Err(DomainError::NotPausable {
                procedure: dossier.procedure_name.clone(),
            });
        }
        CommandKind::IssueApology => {
            if let Some(Event {
                kind:
                    EventKind::ApologyIssued {
                        number,
                        year,
                        new_due,
                        ..
                    },
                ..
            }) = apology_event(dossier)
            {
                return Err(DomainError::ApologyAlreadyIssued {
                    number: *number,
                    year: *year,
                    new_due: *new_due,
                });
            }
        }
        _ => {}
    }
    Ok(())
}

/// The first day of Decree 118/2025/NĐ-CP, which introduced the stop at the applicant's request
/// (Art. 21): 01/07/2025.
pub fn decree_118_from() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 7, 1).expect("a valid date")
}

/// [`apply_under`] the general law, with no exception for any procedure.
pub fn apply(
    dossier: &Dossier,
    command: Command,
    at: LocalTime,
    operator: &str,
    calendar: &Calendar,
    apology_number: Option<(u32, i32)>,
) -> Result<Dossier, DomainError> {
    apply_under(
        &SupplementLaw::default(),
        dossier,
        command,
        at,
        operator,
        calendar,
        apology_number,
    )
}

/// Applies a command at instant `at` by `operator`: checks the transition and its data, appends
/// the event, updates the status, and recomputes the legal due from the clock events.
/// `apology_number` is the (number, year) the store's yearly sequence gives an apology letter;
/// it is required for `IssueApology` and ignored otherwise.
///
/// Refused: a command not allowed in the current status (the message names it); an instant
/// before the dossier's last event; an empty reason where one is required; a hand-over to the
/// unit already holding the dossier; a second desk-stage supplement request; a pause on a
/// procedure that cannot pause; a processing unit's second return for a supplement or one later
/// than 03 working days after receipt (unless `law` names the procedure); a stop of a dossier
/// received before 01/07/2025; a second apology, or one whose new date is not after the legal
/// due, not after `at`, or not on a working day. The satisfaction rating is checked against the
/// configured scale by [`crate::domain::validate_rating`], which the caller runs with its settings.
pub fn apply_under(
    law: &SupplementLaw,
    dossier: &Dossier,
    command: Command,
    at: LocalTime,
    operator: &str,
    calendar: &Calendar,
    apology_number: Option<(u32, i32)>,
) -> Result<Dossier, DomainError> {
    allowed_at(dossier, command.kind(), at, calendar, law)?;
    if let Some(last) = dossier.events.last()
        && at < last.at
    {
        return Err(DomainError::BeforePreviousEvent {
            at,
            previous: last.at,
        });
    }
    let operator = text(Field::Operator, operator)?;
    let kind = event_for(dossier, command, at, &operator, calendar, apology_number)?;
    let mut events = dossier.events.clone();
    events.push(Event {
        at,
        operator,
        note: String::new(),
        kind,
        due: None,
    });
    let receipt = ReceiptFacts::at_intake(dossier);
    let mut next = project(dossier.id, dossier.code.clone(), receipt, events)
        .map_err(DomainError::Timeline)?;
    // The legal due after this event, by the calendar, recorded on the event when it moved.
    let due = calendar.due_at(next.received_at, next.time_limit, &clock_events(&next));
    if due != next.due_at
        && let Some(last) = next.events.last_mut()
    {
        last.due = Some(due);
        next.due_at = due;
    }
    Ok(next)
}

/// The largest fee a hand-back records, in đồng (one billion): far above any fee of a
/// commune's procedures, and low enough that no day's or period's sum can overflow.
pub(crate) const MAX_FEE_VND: u64 = 1_000_000_000;

/// Refuses a fee above [`MAX_FEE_VND`].
pub(crate) fn check_fee(fee_vnd: u64) -> Result<(), DomainError> {
    if fee_vnd > MAX_FEE_VND {
        return Err(DomainError::field(
            Field::Fee,
            FieldProblem::TooMuch {
                max: crate::domain::group_thousands(MAX_FEE_VND),
            },
        ));
    }
    Ok(())
}
