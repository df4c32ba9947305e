//! A dossier is a projection of its timeline (issue 17): its facts are the receipt's with every
//! correction applied, its status follows from its events, its legal due is the last one an
//! event set, its new appointment is its apology letter's. [`project`] is that rule, written
//! once; the store rebuilds every record with it, `verify` and import check with it, and
//! `lifecycle::apply` produces the next dossier with it. Pure.
//!
//! An undone step (`EventKind::Undone`) stays in the history but no longer counts:
//! [`Dossier::effective_events`] is what the rules see.

use serde::{Deserialize, Serialize};

use crate::calendar::{Calendar, ClockEvent};
use crate::domain::code::DossierCode;
use crate::domain::model::{
    Applicant, Channel, Correction, Dossier, DossierId, Event, EventKind, ProcedureFacts, Status,
};

/// What a dossier's first event records besides its instant and operator: the procedure's legal
/// data as copied, the applicant, the channel and what was handed in. The store keeps it with
/// the `Received` event, so the event chain covers it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ReceiptFacts {
    pub(crate) procedure: ProcedureFacts,
    pub applicant: Applicant,
    pub(crate) channel: Channel,
    pub(crate) sets: u32,
    pub(crate) documents: Vec<String>,
}

impl ReceiptFacts {
    /// The facts as they were received: `d`'s facts with its corrections taken back, the
    /// latest first (each correction keeps the value before it).
    pub fn at_intake(d: &Dossier) -> ReceiptFacts {
        let mut facts = ReceiptFacts::current(d);
        for e in d.effective_events().collect::<Vec<_>>().into_iter().rev() {
            if let EventKind::Corrected { old, .. } = &e.kind {
                facts.apply(old);
            }
        }
        facts
    }

    /// `d`'s facts as they stand.
    fn current(d: &Dossier) -> ReceiptFacts {
        ReceiptFacts {
            procedure: d.procedure_facts(),
            applicant: d.applicant.clone(),
            channel: d.channel,
            sets: d.sets,
            documents: d.documents.clone(),
        }
    }

    /// Sets the fact a correction names to its value.
    pub fn apply(&mut self, c: &Correction) {
        let a = &mut self.applicant;
        match c {
            Correction::Name(v) => a.name = v.clone(),
            Correction::IdNumber(v) => a.id_number = v.clone(),
            Correction::Phone(v) => a.phone = v.clone(),
            Correction::Address(v) => a.address = v.clone(),
            Correction::Email(v) => a.email = v.clone(),
            Correction::Sets(n) => self.sets = *n,
            Correction::Documents(v) => self.documents = v.clone(),
            Correction::Procedure(p) => self.procedure = p.clone(),
        }
    }
}

impl Dossier {
    /// The procedure's legal data as copied onto this dossier.
    pub(crate) fn procedure_facts(&self) -> ProcedureFacts {
        ProcedureFacts {
            code: self.procedure.clone(),
            name: self.procedure_name.clone(),
            field: self.field.clone(),
            time_limit: self.time_limit,
            pausable: self.pausable,
        }
    }

    /// The events that count for the rules, in order: every event but the undone ones and the
    /// `Undone` markers themselves.
    /// Allocation-free unless a step was undone (reports call it per dossier over the ledger).
    pub fn effective_events(&self) -> impl Iterator<Item = &Event> {
        let undone = if self.has_undone() {
            undone(&self.events)
        } else {
            Vec::new()
        };
        self.events
            .iter()
            .enumerate()
            .filter(move |(i, e)| {
                !undone.get(*i).copied().unwrap_or(false)
                    && !matches!(e.kind, EventKind::Undone { .. })
            })
            .map(|(_, e)| e)
    }

    fn has_undone(&self) -> bool {
        self.events
            .iter()
            .any(|e| matches!(e.kind, EventKind::Undone { .. }))
    }

    /// The dossier as the rules and the reports see it: the same record with only its
    /// [`effective_events`](Self::effective_events). Every projected field already ignores an
    /// undone step; this drops them from `events` too, so code that walks the timeline (tallies,
    /// reports, the judge) need not know about undo. Borrowed — free, no allocation — unless a
    /// step was undone, which is rare (the clerk's own last step, the same day).
    pub(crate) fn effective(&self) -> std::borrow::Cow<'_, Dossier> {
        if self.has_undone() {
            let mut d = self.clone();
            d.events = self.effective_events().cloned().collect();
            std::borrow::Cow::Owned(d)
        } else {
            std::borrow::Cow::Borrowed(self)
        }
    }
}

/// For each event, whether a later `Undone` takes it back.
fn undone(events: &[Event]) -> Vec<bool> {
    let mut gone = vec![false; events.len()];
    for e in events {
        if let EventKind::Undone { event, .. } = e.kind
            && let Some(slot) = usize::try_from(event).ok().and_then(|i| gone.get_mut(i))
        {
            *slot = true;
        }
    }
    gone
}

/// Why a timeline cannot be a dossier's (damaged or forged data: the desk never writes one).
fn broken(what: &str) -> String {
    format!("diễn biến hồ sơ không hợp lệ: {what}")
}

/// Builds the dossier `id`/`code` from its receipt facts and its timeline (see the module
/// docs). Refused when the timeline is not one the desk writes: not starting with `Received`,
/// the receipt without its due, an event before the one it follows, an undo of a later event or
/// of another undo.
pub fn project(
    id: DossierId,
    code: DossierCode,
    receipt: ReceiptFacts,
    events: Vec<Event>,
) -> Result<Dossier, String> {
    let first = events
        .first()
        .ok_or_else(|| broken("không có sự kiện nào"))?;
    if first.kind != EventKind::Received {
        return Err(broken("sự kiện đầu không phải tiếp nhận"));
    }
    let mut due = first
        .due
        .ok_or_else(|| broken("thiếu hạn trả khi tiếp nhận"))?;
    for (i, pair) in events.windows(2).enumerate() {
        if pair[1].at < pair[0].at {
            return Err(broken(&format!(
                "sự kiện {} trước sự kiện {}",
                i + 2,
                i + 1
            )));
        }
    }
    for (i, e) in events.iter().enumerate() {
        if let EventKind::Undone { event, .. } = e.kind {
            let target = usize::try_from(event)
                .ok()
                .and_then(|t| events.get(t).map(|x| (t, x)));
            match target {
                Some((t, x)) if t < i && t > 0 && !matches!(x.kind, EventKind::Undone { .. }) => {}
                _ => return Err(broken(&format!("sự kiện {} hoàn tác sai", i + 1))),
            }
        }
    }
    let mut facts = receipt;
    let (mut status, mut transferred, mut new_due_at) = (Status::Received, false, None);
    let gone = undone(&events);
    for (e, gone) in events.iter().zip(gone) {
        if gone {
            continue;
        }
        if let Some(d) = e.due {
            due = d;
        }
        match &e.kind {
            EventKind::Undone { .. } => continue,
            EventKind::Corrected { new, .. } => facts.apply(new),
            EventKind::ApologyIssued { new_due, .. } if new_due_at.is_none() => {
                new_due_at = Some(*new_due)
            }
            _ => {}
        }
        status = e.kind.status_after(status, transferred);
        transferred |= matches!(e.kind, EventKind::Transferred { .. });
    }
    let (received_at, received_by) = (first.at, first.operator.clone());
    let p = facts.procedure;
    Ok(Dossier {
        id,
        code,
        procedure: p.code,
        procedure_name: p.name,
        field: p.field,
        time_limit: p.time_limit,
        pausable: p.pausable,
        applicant: facts.applicant,
        channel: facts.channel,
        sets: facts.sets,
        documents: facts.documents,
        received_at,
        received_by,
        due_at: due,
        new_due_at,
        status,
        events,
    })
}

/// The clock events of the events that count, in order.
pub fn clock_events<'a>(events: impl Iterator<Item = &'a Event>) -> Vec<ClockEvent> {
    events.filter_map(|e| e.kind.clock_event(e.at)).collect()
}

/// Fills in the dues a timeline recorded without them (records of the first layout, older
/// exports) by replaying it with `calendar`: the receipt's due, and the due after every later
/// event that changed it. Dues already present are kept.
pub fn replay_dues(d: &mut Dossier, calendar: &Calendar) {
    let receipt = ReceiptFacts::at_intake(d);
    let mut limit = receipt.procedure.time_limit;
    let mut previous = None;
    let gone = undone(&d.events);
    let mut clock = Vec::new();
    let received_at = d.received_at;
    for (i, e) in d.events.iter_mut().enumerate() {
        if gone[i] || matches!(e.kind, EventKind::Undone { .. }) {
            continue;
        }
        if let EventKind::Corrected {
            new: Correction::Procedure(p),
            ..
        } = &e.kind
        {
            limit = p.time_limit;
        }
        clock.extend(e.kind.clock_event(e.at));
        let due = calendar.due_at(received_at, limit, &clock);
        if e.due.is_none() && previous != Some(due) {
            e.due = Some(due);
        }
        previous = e.due.or(previous);
    }
}

/// A short name of what an event records, as the timeline lists it.
pub fn event_label(kind: &EventKind) -> String {
    use crate::domain::command::CommandKind as K;
    match kind {
        EventKind::Received => "Tiếp nhận hồ sơ".to_owned(),
        EventKind::Transferred { to, .. } => format!("{} cho {to}", K::Transfer.label()),
        EventKind::SupplementRequested { .. } => K::RequestSupplement.label().to_owned(),
        EventKind::SupplementReceived => K::ReceiveSupplement.label().to_owned(),
        EventKind::Paused { .. } => K::Pause.label().to_owned(),
        EventKind::Resumed => K::Resume.label().to_owned(),
        EventKind::Refused { .. } => K::Refuse.label().to_owned(),
        EventKind::Stopped { .. } => K::Stop.label().to_owned(),
        EventKind::ResultReady => K::MarkResultReady.label().to_owned(),
        EventKind::HandedBack { .. } => K::HandBack.label().to_owned(),
        EventKind::ApologyIssued { .. } => K::IssueApology.label().to_owned(),
        EventKind::Corrected { new, .. } => format!("Sửa {}", new.what().to_lowercase()),
        EventKind::Undone { .. } => K::Undo.label().to_owned(),
    }
}
