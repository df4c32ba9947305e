//! The second record layout (issues 16 and 17): a dossier record is its id, its code and its
//! timeline, nothing else — every other fact is projected from the timeline by
//! `domain::project`, so a fact cannot be changed without changing an event the chain covers.
//! The `Received` event carries the receipt facts (procedure data as copied, applicant, channel,
//! sets, documents); every event carries the legal due it set; `Corrected` and `Undone` are
//! new. A chain link (`ChainV2`) covers the events one write appended, in their V2 bytes.
//!
//! A released layout never changes: V1 (`record.rs`) stays readable, V2 is what this build
//! writes; `upgrade.rs` moves V1 records to V2 once, at open.

use serde::{Deserialize, Serialize};

use super::record_v1::{ApplicantV1, ChannelV1, NotificationV1, TimeLimitV1, from_secs, secs};
use crate::domain::{
    Correction, Dossier, DossierCode, DossierId, Event, EventKind, ProcedureCode, ProcedureFacts,
    ReceiptFacts, project,
};

/// A dossier record of layout 2.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct DossierV2 {
    pub(crate) id: u64,
    pub(crate) code: String,
    /// Oldest first; the first is `Received` with the receipt facts.
    pub(crate) events: Vec<EventV2>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct EventV2 {
    pub(crate) at: i64,
    pub(crate) operator: String,
    pub(crate) note: String,
    /// The legal due this event set, if it set one.
    pub(crate) due: Option<i64>,
    pub(crate) kind: EventKindV2,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct ProcedureFactsV2 {
    pub(crate) code: String,
    pub(crate) name: String,
    pub(crate) field: String,
    pub(crate) time_limit: TimeLimitV1,
    pub(crate) pausable: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct ReceiptV2 {
    pub(crate) procedure: ProcedureFactsV2,
    pub(crate) applicant: ApplicantV1,
    pub(crate) channel: ChannelV1,
    pub(crate) sets: u32,
    pub(crate) documents: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum CorrectionV2 {
    Name(String),
    IdNumber(String),
    Phone(String),
    Address(String),
    Email(String),
    Sets(u32),
    Documents(Vec<String>),
    Procedure(ProcedureFactsV2),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum EventKindV2 {
    Received(Box<ReceiptV2>),
    Transferred {
        from: String,
        to: String,
    },
    SupplementRequested {
        reason: String,
        items: Vec<String>,
    },
    SupplementReceived,
    Paused {
        reason: String,
    },
    Resumed,
    Refused {
        reason: String,
    },
    Stopped {
        reason: String,
    },
    ResultReady,
    HandedBack {
        to: String,
        fee_vnd: u64,
        rating: String,
    },
    ApologyIssued {
        number: u32,
        year: i32,
        reason: String,
        new_due: i64,
        signer: String,
        notified: NotificationV1,
    },
    Corrected {
        old: CorrectionV2,
        new: CorrectionV2,
        reason: String,
    },
    Undone {
        event: u32,
        reason: String,
    },
}

/// A link of the event chain of layout 2: the events `index..index + count` of one dossier,
/// appended by one write (or, once, every event of a dossier migrated from layout 1: then
/// `index` is 0 and the events were covered before by layout-1 links).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct ChainV2 {
    pub(crate) dossier: u64,
    pub(crate) index: u32,
    pub(crate) count: u32,
    /// The hash of the previous link (all zeros for the first).
    pub(crate) prev: [u8; 32],
    /// sha256(prev ‖ seq BE ‖ dossier BE ‖ index BE ‖ count BE ‖ each event's V2 bytes).
    pub(crate) hash: [u8; 32],
}

impl From<&ProcedureFacts> for ProcedureFactsV2 {
    fn from(p: &ProcedureFacts) -> Self {
        ProcedureFactsV2 {
            code: p.code.0.clone(),
            name: p.name.clone(),
            field: p.field.clone(),
            time_limit: p.time_limit.into(),
            pausable: p.pausable,
        }
    }
}

impl From<ProcedureFactsV2> for ProcedureFacts {
    fn from(p: ProcedureFactsV2) -> Self {
        ProcedureFacts {
            code: ProcedureCode(p.code),
            name: p.name,
            field: p.field,
            time_limit: p.time_limit.into(),
            pausable: p.pausable,
        }
    }
}

impl From<&Correction> for CorrectionV2 {
    fn from(c: &Correction) -> Self {
        match c {
            Correction::Name(v) => CorrectionV2::Name(v.clone()),
            Correction::IdNumber(v) => CorrectionV2::IdNumber(v.clone()),
            Correction::Phone(v) => CorrectionV2::Phone(v.clone()),
            Correction::Address(v) => CorrectionV2::Address(v.clone()),
            Correction::Email(v) => CorrectionV2::Email(v.clone()),
            Correction::Sets(n) => CorrectionV2::Sets(*n),
            Correction::Documents(v) => CorrectionV2::Documents(v.clone()),
            Correction::Procedure(p) => CorrectionV2::Procedure(p.into()),
        }
    }
}

impl From<CorrectionV2> for Correction {
    fn from(c: CorrectionV2) -> Self {
        match c {
            CorrectionV2::Name(v) => Correction::Name(v),
            CorrectionV2::IdNumber(v) => Correction::IdNumber(v),
            CorrectionV2::Phone(v) => Correction::Phone(v),
            CorrectionV2::Address(v) => Correction::Address(v),
            CorrectionV2::Email(v) => Correction::Email(v),
            CorrectionV2::Sets(n) => Correction::Sets(n),
            CorrectionV2::Documents(v) => Correction::Documents(v),
            CorrectionV2::Procedure(p) => Correction::Procedure(p.into()),
        }
    }
}

impl From<&ReceiptFacts> for ReceiptV2 {
    fn from(r: &ReceiptFacts) -> Self {
        ReceiptV2 {
            procedure: (&r.procedure).into(),
            applicant: ApplicantV1::from(&r.applicant),
            channel: r.channel.into(),
            sets: r.sets,
            documents: r.documents.clone(),
        }
    }
}

impl From<ReceiptV2> for ReceiptFacts {
    fn from(r: ReceiptV2) -> Self {
        ReceiptFacts {
            procedure: r.procedure.into(),
            applicant: r.applicant.into(),
            channel: r.channel.into(),
            sets: r.sets,
            documents: r.documents,
        }
    }
}

/// The V2 form of an event; `receipt` is used for a `Received` event (the dossier's receipt
/// facts).
pub(crate) fn event_v2(e: &Event, receipt: &ReceiptFacts) -> EventV2 {
    let kind = match e.kind.clone() {
        EventKind::Received => EventKindV2::Received(Box::new(receipt.into())),
        EventKind::Transferred { from, to } => EventKindV2::Transferred { from, to },
        EventKind::SupplementRequested { reason, items } => {
            EventKindV2::SupplementRequested { reason, items }
        }
        EventKind::SupplementReceived => EventKindV2::SupplementReceived,
        EventKind::Paused { reason } => EventKindV2::Paused { reason },
        EventKind::Resumed => EventKindV2::Resumed,
        EventKind::Refused { reason } => EventKindV2::Refused { reason },
        EventKind::Stopped { reason } => EventKindV2::Stopped { reason },
        EventKind::ResultReady => EventKindV2::ResultReady,
        EventKind::HandedBack {
            to,
            fee_vnd,
            rating,
        } => EventKindV2::HandedBack {
            to,
            fee_vnd,
            rating,
        },
        EventKind::ApologyIssued {
            number,
            year,
            reason,
            new_due,
            signer,
            notified,
        } => EventKindV2::ApologyIssued {
            number,
            year,
            reason,
            new_due: secs(new_due),
            signer,
            notified: notified.into(),
        },
        EventKind::Corrected { old, new, reason } => EventKindV2::Corrected {
            old: (&old).into(),
            new: (&new).into(),
            reason,
        },
        EventKind::Undone { event, reason } => EventKindV2::Undone { event, reason },
    };
    EventV2 {
        at: secs(e.at),
        operator: e.operator.clone(),
        note: e.note.clone(),
        due: e.due.map(secs),
        kind,
    }
}

fn time(s: i64, what: &str) -> Result<crate::calendar::LocalTime, String> {
    from_secs(s).ok_or_else(|| format!("thời điểm {what} ngoài phạm vi ({s})"))
}

impl EventV2 {
    /// The domain event, and the receipt facts when it is the `Received` event.
    fn into_domain(self) -> Result<(Event, Option<ReceiptFacts>), String> {
        let mut receipt = None;
        let kind = match self.kind {
            EventKindV2::Received(r) => {
                receipt = Some((*r).into());
                EventKind::Received
            }
            EventKindV2::Transferred { from, to } => EventKind::Transferred { from, to },
            EventKindV2::SupplementRequested { reason, items } => {
                EventKind::SupplementRequested { reason, items }
            }
            EventKindV2::SupplementReceived => EventKind::SupplementReceived,
            EventKindV2::Paused { reason } => EventKind::Paused { reason },
            EventKindV2::Resumed => EventKind::Resumed,
            EventKindV2::Refused { reason } => EventKind::Refused { reason },
            EventKindV2::Stopped { reason } => EventKind::Stopped { reason },
            EventKindV2::ResultReady => EventKind::ResultReady,
            EventKindV2::HandedBack {
                to,
                fee_vnd,
                rating,
            } => EventKind::HandedBack {
                to,
                fee_vnd,
                rating,
            },
            EventKindV2::ApologyIssued {
                number,
                year,
                reason,
                new_due,
                signer,
                notified,
            } => EventKind::ApologyIssued {
                number,
                year,
                reason,
                new_due: time(new_due, "hẹn mới")?,
                signer,
                notified: notified.into(),
            },
            EventKindV2::Corrected { old, new, reason } => EventKind::Corrected {
                old: old.into(),
                new: new.into(),
                reason,
            },
            EventKindV2::Undone { event, reason } => EventKind::Undone { event, reason },
        };
        let due = match self.due {
            Some(s) => Some(time(s, "hạn trả")?),
            None => None,
        };
        let event = Event {
            at: time(self.at, "sự kiện")?,
            operator: self.operator,
            note: self.note,
            kind,
            due,
        };
        Ok((event, receipt))
    }
}

impl DossierV2 {
    /// The V2 record of `d` (its receipt facts recovered from its corrections).
    pub fn of(d: &Dossier) -> DossierV2 {
        let receipt = ReceiptFacts::at_intake(d);
        DossierV2 {
            id: d.id.0,
            code: d.code.as_str().to_owned(),
            events: d.events.iter().map(|e| event_v2(e, &receipt)).collect(),
        }
    }

    /// The dossier this record projects to.
    pub(crate) fn into_domain(self) -> Result<Dossier, String> {
        let mut receipt = None;
        let mut events = Vec::with_capacity(self.events.len());
        for (i, e) in self.events.into_iter().enumerate() {
            let (event, facts) = e.into_domain()?;
            match (i, facts) {
                (0, Some(f)) => receipt = Some(f),
                (0, None) => return Err("sự kiện đầu không mang thông tin tiếp nhận".to_owned()),
                (_, Some(_)) => return Err(format!("sự kiện {} là tiếp nhận lần hai", i + 1)),
                (_, None) => {}
            }
            events.push(event);
        }
        let receipt = receipt.ok_or_else(|| "hồ sơ không có sự kiện nào".to_owned())?;
        project(
            DossierId(self.id),
            DossierCode::recorded(self.code),
            receipt,
            events,
        )
    }
}
