//! Conversions between the domain's nouns and the store's V1 records. Every `match` is
//! exhaustive on both sides, so a new domain variant fails to compile here until it is given a
//! place on disk (a new record version).

use super::record::*;
use crate::calendar::{DayHundredths, TimeLimit};
use crate::domain::{
    Applicant, ApplicantKind, Channel, Dossier, DossierCode, DossierId, Event, EventKind, FeeRule,
    Notification, Procedure, ProcedureCode, Status,
};

impl From<TimeLimit> for TimeLimitV1 {
    fn from(t: TimeLimit) -> Self {
        match t {
            TimeLimit::SameDay => TimeLimitV1::SameDay,
            TimeLimit::WorkingDays(DayHundredths(n)) => TimeLimitV1::WorkingDays(n),
            TimeLimit::WorkingMinutes(n) => TimeLimitV1::WorkingMinutes(n),
        }
    }
}

impl From<TimeLimitV1> for TimeLimit {
    fn from(t: TimeLimitV1) -> Self {
        match t {
            TimeLimitV1::SameDay => TimeLimit::SameDay,
            TimeLimitV1::WorkingDays(n) => TimeLimit::WorkingDays(DayHundredths(n)),
            TimeLimitV1::WorkingMinutes(n) => TimeLimit::WorkingMinutes(n),
        }
    }
}

impl From<Channel> for ChannelV1 {
    fn from(c: Channel) -> Self {
        match c {
            Channel::Direct => ChannelV1::Direct,
            Channel::Postal => ChannelV1::Postal,
            Channel::Online => ChannelV1::Online,
        }
    }
}

impl From<ChannelV1> for Channel {
    fn from(c: ChannelV1) -> Self {
        match c {
            ChannelV1::Direct => Channel::Direct,
            ChannelV1::Postal => Channel::Postal,
            ChannelV1::Online => Channel::Online,
        }
    }
}

impl From<Status> for StatusV1 {
    fn from(s: Status) -> Self {
        match s {
            Status::Received => StatusV1::Received,
            Status::InProcessing => StatusV1::InProcessing,
            Status::SupplementRequested => StatusV1::SupplementRequested,
            Status::Paused => StatusV1::Paused,
            Status::ResultReady => StatusV1::ResultReady,
            Status::HandedBack => StatusV1::HandedBack,
            Status::Refused => StatusV1::Refused,
            Status::Stopped => StatusV1::Stopped,
        }
    }
}

impl From<StatusV1> for Status {
    fn from(s: StatusV1) -> Self {
        match s {
            StatusV1::Received => Status::Received,
            StatusV1::InProcessing => Status::InProcessing,
            StatusV1::SupplementRequested => Status::SupplementRequested,
            StatusV1::Paused => Status::Paused,
            StatusV1::ResultReady => Status::ResultReady,
            StatusV1::HandedBack => Status::HandedBack,
            StatusV1::Refused => Status::Refused,
            StatusV1::Stopped => Status::Stopped,
        }
    }
}

impl From<Notification> for NotificationV1 {
    fn from(n: Notification) -> Self {
        match n {
            Notification::Phone => NotificationV1::Phone,
            Notification::Sms => NotificationV1::Sms,
            Notification::Email => NotificationV1::Email,
            Notification::Letter => NotificationV1::Letter,
        }
    }
}

impl From<NotificationV1> for Notification {
    fn from(n: NotificationV1) -> Self {
        match n {
            NotificationV1::Phone => Notification::Phone,
            NotificationV1::Sms => Notification::Sms,
            NotificationV1::Email => Notification::Email,
            NotificationV1::Letter => Notification::Letter,
        }
    }
}

impl From<&Applicant> for ApplicantV1 {
    fn from(a: &Applicant) -> Self {
        ApplicantV1 {
            organisation: match a.kind {
                ApplicantKind::Person => false,
                ApplicantKind::Organisation => true,
            },
            name: a.name.clone(),
            id_number: a.id_number.clone(),
            address: a.address.clone(),
            phone: a.phone.clone(),
            email: a.email.clone(),
            representative: a.representative.clone(),
        }
    }
}

impl From<ApplicantV1> for Applicant {
    fn from(a: ApplicantV1) -> Self {
        Applicant {
            kind: if a.organisation {
                ApplicantKind::Organisation
            } else {
                ApplicantKind::Person
            },
            name: a.name,
            id_number: a.id_number,
            address: a.address,
            phone: a.phone,
            email: a.email,
            representative: a.representative,
        }
    }
}

/// Why a domain value has no layout-1 form (corrections and undo came with layout 2).
const NOT_IN_V1: &str = "không có ở bố cục 1";

impl TryFrom<&EventKind> for EventKindV1 {
    type Error = &'static str;
    fn try_from(k: &EventKind) -> Result<Self, &'static str> {
        Ok(match k.clone() {
            EventKind::Received => EventKindV1::Received,
            EventKind::Transferred { from, to } => EventKindV1::Transferred { from, to },
            EventKind::SupplementRequested { reason, items } => {
                EventKindV1::SupplementRequested { reason, items }
            }
            EventKind::SupplementReceived => EventKindV1::SupplementReceived,
            EventKind::Paused { reason } => EventKindV1::Paused { reason },
            EventKind::Resumed => EventKindV1::Resumed,
            EventKind::Refused { reason } => EventKindV1::Refused { reason },
            EventKind::Stopped { reason } => EventKindV1::Stopped { reason },
            EventKind::ResultReady => EventKindV1::ResultReady,
            EventKind::HandedBack {
                to,
                fee_vnd,
                rating,
            } => EventKindV1::HandedBack {
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
            } => EventKindV1::ApologyIssued {
                number,
                year,
                reason,
                new_due: secs(new_due),
                signer,
                notified: notified.into(),
            },
            EventKind::Corrected { .. } | EventKind::Undone { .. } => return Err(NOT_IN_V1),
        })
    }
}

fn event_kind(k: EventKindV1) -> Result<EventKind, String> {
    Ok(match k {
        EventKindV1::Received => EventKind::Received,
        EventKindV1::Transferred { from, to } => EventKind::Transferred { from, to },
        EventKindV1::SupplementRequested { reason, items } => {
            EventKind::SupplementRequested { reason, items }
        }
        EventKindV1::SupplementReceived => EventKind::SupplementReceived,
        EventKindV1::Paused { reason } => EventKind::Paused { reason },
        EventKindV1::Resumed => EventKind::Resumed,
        EventKindV1::Refused { reason } => EventKind::Refused { reason },
        EventKindV1::Stopped { reason } => EventKind::Stopped { reason },
        EventKindV1::ResultReady => EventKind::ResultReady,
        EventKindV1::HandedBack {
            to,
            fee_vnd,
            rating,
        } => EventKind::HandedBack {
            to,
            fee_vnd,
            rating,
        },
        EventKindV1::ApologyIssued {
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
            new_due: time_of(new_due, "hẹn mới")?,
            signer,
            notified: notified.into(),
        },
    })
}

fn time_of(s: i64, what: &str) -> Result<crate::calendar::LocalTime, String> {
    from_secs(s).ok_or_else(|| format!("thời điểm {what} ngoài phạm vi ({s})"))
}

impl TryFrom<&Event> for EventV1 {
    type Error = &'static str;
    fn try_from(e: &Event) -> Result<Self, &'static str> {
        Ok(EventV1 {
            at: secs(e.at),
            operator: e.operator.clone(),
            note: e.note.clone(),
            kind: EventKindV1::try_from(&e.kind)?,
        })
    }
}

impl EventV1 {
    fn into_domain(self) -> Result<Event, String> {
        Ok(Event {
            at: time_of(self.at, "sự kiện")?,
            operator: self.operator,
            note: self.note,
            kind: event_kind(self.kind)?,
            // Layout 1 never held the dues; `store::upgrade` replays them.
            due: None,
        })
    }
}

impl TryFrom<&Dossier> for DossierV1 {
    type Error = &'static str;
    fn try_from(d: &Dossier) -> Result<Self, &'static str> {
        Ok(DossierV1 {
            id: d.id.0,
            code: d.code.as_str().to_owned(),
            procedure: d.procedure.0.clone(),
            procedure_name: d.procedure_name.clone(),
            field: d.field.clone(),
            time_limit: d.time_limit.into(),
            pausable: d.pausable,
            applicant: ApplicantV1::from(&d.applicant),
            channel: d.channel.into(),
            sets: d.sets,
            documents: d.documents.clone(),
            received_at: secs(d.received_at),
            received_by: d.received_by.clone(),
            due_at: secs(d.due_at),
            new_due_at: d.new_due_at.map(secs),
            status: d.status.into(),
            events: d
                .events
                .iter()
                .map(EventV1::try_from)
                .collect::<Result<_, _>>()?,
        })
    }
}

impl DossierV1 {
    pub(super) fn into_domain(self) -> Result<Dossier, String> {
        let new_due_at = match self.new_due_at {
            Some(s) => Some(time_of(s, "hẹn mới")?),
            None => None,
        };
        Ok(Dossier {
            id: DossierId(self.id),
            code: DossierCode::recorded(self.code),
            procedure: ProcedureCode(self.procedure),
            procedure_name: self.procedure_name,
            field: self.field,
            time_limit: self.time_limit.into(),
            pausable: self.pausable,
            applicant: self.applicant.into(),
            channel: self.channel.into(),
            sets: self.sets,
            documents: self.documents,
            received_at: time_of(self.received_at, "tiếp nhận")?,
            received_by: self.received_by,
            due_at: time_of(self.due_at, "hạn trả")?,
            new_due_at,
            status: self.status.into(),
            events: self
                .events
                .into_iter()
                .map(EventV1::into_domain)
                .collect::<Result<_, _>>()?,
        })
    }
}

impl From<&FeeRule> for FeeRuleV1 {
    fn from(f: &FeeRule) -> Self {
        match f.clone() {
            FeeRule::Free => FeeRuleV1::Free,
            FeeRule::Fixed(n) => FeeRuleV1::Fixed(n),
            FeeRule::PerPage {
                first_pages,
                first,
                then,
                cap,
            } => FeeRuleV1::PerPage {
                first_pages,
                first,
                then,
                cap,
            },
            FeeRule::Note(s) => FeeRuleV1::Note(s),
        }
    }
}

impl From<FeeRuleV1> for FeeRule {
    fn from(f: FeeRuleV1) -> Self {
        match f {
            FeeRuleV1::Free => FeeRule::Free,
            FeeRuleV1::Fixed(n) => FeeRule::Fixed(n),
            FeeRuleV1::PerPage {
                first_pages,
                first,
                then,
                cap,
            } => FeeRule::PerPage {
                first_pages,
                first,
                then,
                cap,
            },
            FeeRuleV1::Note(s) => FeeRule::Note(s),
        }
    }
}

impl From<&Procedure> for ProcedureV1 {
    fn from(p: &Procedure) -> Self {
        ProcedureV1 {
            code: p.code.as_str().to_owned(),
            name: p.name.clone(),
            field: p.field.clone(),
            time_limit: p.time_limit.into(),
            fee: FeeRuleV1::from(&p.fee),
            documents: p.documents.clone(),
            unit: p.unit.clone(),
            pausable: p.pausable,
            note: p.note.clone(),
        }
    }
}

impl ProcedureV1 {
    pub(super) fn into_domain(self) -> Procedure {
        Procedure {
            code: ProcedureCode(self.code),
            name: self.name,
            field: self.field,
            time_limit: self.time_limit.into(),
            fee: self.fee.into(),
            documents: self.documents,
            unit: self.unit,
            pausable: self.pausable,
            note: self.note,
        }
    }
}
