//! The layout-1 records (the first release's bytes): kept readable forever, and written only
//! by the golden-bytes and migration tests. Shared pieces (applicant, channel, notification,
//! time limit, instants) are reused by layout 2. See `record` for the envelopes.

use chrono::DateTime;
use serde::{Deserialize, Serialize};

use crate::calendar::LocalTime;

/// One link of the event chain: which event it seals and the hashes that bind it to the chain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct ChainV1 {
    pub(crate) dossier: u64,
    /// Index of the event in the dossier's timeline (0 = `Received`).
    pub(crate) index: u32,
    /// The hash of the previous link (all zeros for the first).
    pub(crate) prev: [u8; 32],
    /// sha256(prev ‖ seq BE ‖ dossier BE ‖ index BE ‖ encoded event envelope).
    pub(crate) hash: [u8; 32],
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct DossierV1 {
    pub(crate) id: u64,
    pub(crate) code: String,
    pub(crate) procedure: String,
    pub(crate) procedure_name: String,
    pub(crate) field: String,
    pub(crate) time_limit: TimeLimitV1,
    pub(crate) pausable: bool,
    pub(crate) applicant: ApplicantV1,
    pub(crate) channel: ChannelV1,
    pub(crate) sets: u32,
    pub(crate) documents: Vec<String>,
    pub(crate) received_at: i64,
    pub(crate) received_by: String,
    pub(crate) due_at: i64,
    pub(crate) new_due_at: Option<i64>,
    pub(crate) status: StatusV1,
    pub(crate) events: Vec<EventV1>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum TimeLimitV1 {
    SameDay,
    WorkingDays(u32),
    WorkingMinutes(u32),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct ApplicantV1 {
    pub(crate) organisation: bool,
    pub(crate) name: String,
    pub(crate) id_number: String,
    pub(crate) address: String,
    pub(crate) phone: String,
    pub(crate) email: String,
    pub(crate) representative: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum ChannelV1 {
    Direct,
    Postal,
    Online,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum StatusV1 {
    Received,
    InProcessing,
    SupplementRequested,
    Paused,
    ResultReady,
    HandedBack,
    Refused,
    Stopped,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum NotificationV1 {
    Phone,
    Sms,
    Email,
    Letter,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct EventV1 {
    pub(crate) at: i64,
    pub(crate) operator: String,
    pub(crate) note: String,
    pub(crate) kind: EventKindV1,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum EventKindV1 {
    Received,
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
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct ProcedureV1 {
    pub(crate) code: String,
    pub(crate) name: String,
    pub(crate) field: String,
    pub(crate) time_limit: TimeLimitV1,
    pub(crate) fee: FeeRuleV1,
    pub(crate) documents: Vec<String>,
    pub(crate) unit: String,
    pub(crate) pausable: bool,
    pub(crate) note: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum FeeRuleV1 {
    Free,
    Fixed(u64),
    PerPage {
        first_pages: u32,
        first: u64,
        then: u64,
        cap: u64,
    },
    Note(String),
}

/// Seconds since the naive epoch; the store's representation of a [`LocalTime`].
pub(crate) fn secs(t: LocalTime) -> i64 {
    t.and_utc().timestamp()
}

/// The inverse of [`secs`]; `None` outside chrono's range (only from corrupt data).
pub(crate) fn from_secs(s: i64) -> Option<LocalTime> {
    DateTime::from_timestamp(s, 0).map(|d| d.naive_utc())
}
