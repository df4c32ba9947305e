//! Supplements by the law (RULES.md §2, §6): when a dossier may be sent back to the applicant
//! for a supplement, so that a supplement can never turn a late dossier into an early one (it
//! restarts the legal clock from zero). Pure: the calendar and the instant are passed in.
//!
//! The rules, and the readings motcua takes:
//! - **at reception** (before any hand-over to a processing unit) the desk asks for a
//!   supplement at most **once** (Decree 61/2018/NĐ-CP Art. 11.2.c, Art. 15.3); a second
//!   request is refused (checked in [`crate::domain::allowed`]);
//! - **during processing** (after the first hand-over) the processing unit may return the
//!   dossier for a supplement only **within 03 working days of receipt**, and at most **once**
//!   (Art. 19.4). Reading of "receipt": the receipt of the *complete* dossier by the desk — the
//!   instant the current legal clock started ([`ClockFacts::clock_start`]): the receipt itself,
//!   or the re-receipt after the desk's own supplement request (before that the law counts
//!   the dossier as not yet received, Art. 15.3). A hand-over is internal to the agency and
//!   does not start a new window. Counting: as a limit of 03 working days received at that
//!   instant, by the calendar ([`Calendar::due_at`]: the receipt day is not counted, a receipt
//!   after 15:00 or outside working days counts from the next working day, the window ends
//!   at the close of office hours of the third working day). A request at exactly that instant
//!   is still in time.
//! - a desk's settings may name procedures whose sector law allows otherwise
//!   ([`SupplementException`], each with its source); none by default.

use serde::{Deserialize, Serialize};

use crate::calendar::{Calendar, DayHundredths, LocalTime, TimeLimit};
use crate::domain::error::DomainError;
use crate::domain::judge::ClockFacts;
use crate::domain::model::{Dossier, EventKind, ProcedureCode};

/// The working days within which a processing unit may return a dossier (Art. 19.4).
pub(crate) const RETURN_WINDOW_DAYS: u32 = 3;
/// How many times a processing unit may return a dossier for a supplement (Art. 19.4).
pub(crate) const RETURNS_ALLOWED: u32 = 1;

/// A procedure whose sector law allows other supplement rules during processing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SupplementException {
    pub procedure: ProcedureCode,
    /// The legal text that allows it (printed in messages), e.g. "Luật Đất đai 2024, Điều …".
    pub source: String,
    /// The window in working days from receipt; `None`: no time limit.
    pub within_working_days: Option<u32>,
    /// How many returns are allowed during processing; `None`: no limit.
    pub times: Option<u32>,
}

/// The supplement rules a desk applies: the general law and the desk's exceptions.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SupplementLaw {
    pub exceptions: Vec<SupplementException>,
}

/// Where a supplement request stands in the dossier's life.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SupplementStage {
    /// Before any hand-over: the desk's request at reception.
    Reception,
    /// After a hand-over: the processing unit returns the dossier.
    Processing,
}

/// The stage a supplement request of `d` would be at now.
pub(crate) fn supplement_stage(d: &Dossier) -> SupplementStage {
    if d.effective_events()
        .any(|e| matches!(e.kind, EventKind::Transferred { .. }))
    {
        SupplementStage::Processing
    } else {
        SupplementStage::Reception
    }
}

/// The processing unit's returns for a supplement so far: (count, instant of the first).
fn processing_returns(d: &Dossier) -> (u32, Option<LocalTime>) {
    let mut transferred = false;
    let (mut n, mut first) = (0, None);
    for e in d.effective_events() {
        match e.kind {
            EventKind::Transferred { .. } => transferred = true,
            EventKind::SupplementRequested { .. } if transferred => {
                n += 1;
                first = first.or(Some(e.at));
            }
            _ => {}
        }
    }
    (n, first)
}

impl SupplementLaw {
    /// The exception for this procedure, if the desk named one.
    pub(crate) fn exception(&self, procedure: &ProcedureCode) -> Option<&SupplementException> {
        self.exceptions.iter().find(|e| &e.procedure == procedure)
    }

    /// The last instant the processing unit may return `d` for a supplement (see the module
    /// docs); `None` when an exception lifts the time limit.
    pub(crate) fn return_deadline(&self, d: &Dossier, calendar: &Calendar) -> Option<LocalTime> {
        let days = match self.exception(&d.procedure) {
            Some(x) => x.within_working_days?,
            None => RETURN_WINDOW_DAYS,
        };
        let start = ClockFacts::of(d).clock_start;
        Some(calendar.due_at(
            start,
            TimeLimit::WorkingDays(DayHundredths::days(days)),
            &[],
        ))
    }

    /// Checks a processing-stage return of `d` at `at`: the count, then the window. A
    /// reception-stage request passes here (its once-only rule is state, in `allowed`).
    pub(crate) fn check_return(
        &self,
        d: &Dossier,
        at: LocalTime,
        calendar: &Calendar,
    ) -> Result<(), DomainError> {
        if supplement_stage(d) == SupplementStage::Reception {
            return Ok(());
        }
        let exception = self.exception(&d.procedure);
        let basis = exception.map(|x| x.source.clone());
        let times = match exception {
            Some(x) => x.times,
            None => Some(RETURNS_ALLOWED),
        };
        let (done, first) = processing_returns(d);
        if let (Some(times), Some(first)) = (times, first)
            && done >= times
        {
            return Err(DomainError::SupplementReturnedAlready {
                at: first,
                times,
                basis,
            });
        }
        if let Some(deadline) = self.return_deadline(d, calendar)
            && at > deadline
        {
            let days = exception
                .and_then(|x| x.within_working_days)
                .unwrap_or(RETURN_WINDOW_DAYS);
            return Err(DomainError::SupplementTooLate {
                received: ClockFacts::of(d).clock_start,
                deadline,
                days,
                basis,
            });
        }
        Ok(())
    }
}
