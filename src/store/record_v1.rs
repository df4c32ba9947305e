//! The layout-1 records (the first release's bytes): kept readable forever, and written only
//! by the golden-bytes and migration tests. Shared pieces (applicant, channel, notification,
//! time limit, instants) are reused by layout 2. See `record` for the envelopes.

use chrono::DateTime;
use serde::{Deserialize, Serialize};

use crate::calendar::LocalTime;

/// One link of the event chain: which event it seals and the hashes that bind it to the chain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainV1 {
    pub dossier: u64,
    /// Index of the event in the dossier's timeline (0 = `Received`).
    pub index: u32,
    /// The hash of the previous link (all zeros for the first).
    pub prev: [u8; 32],
    /// sha256(prev ‖ seq BE ‖ dossier BE ‖ index BE ‖ encoded event envelope).
    pub hash: [u8; 32],
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DossierV1 {
    pub id: u64,
    pub code: String,
    pub procedure: String,
    pub procedure_name: String,
    pub field: String,
    pub time_limit: TimeLimitV1,
    pub pausable: bool,
    pub applicant: ApplicantV1,
    pub channel: ChannelV1,
    pub sets: u32,
    pub documents: Vec<String>,
    pub received_at: i64,
    pub received_by: String,
    pub due_at: i64,
    pub new_due_at: Option<i64>,
    pub status: StatusV1,
    pub events: Vec<EventV1>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TimeLimitV1 {
    SameDay,
    WorkingDays(u32),
    WorkingMinutes(u32),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicantV1 {
    pub organisation: bool,
    pub name: String,
    pub id_number: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    pub representative: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChannelV1 {
    Direct,
    Postal,
    Online,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StatusV1 {
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
pub enum NotificationV1 {
    Phone,
    Sms,
    Email,
    Letter,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventV1 {
    pub at: i64,
    pub operator: String,
    pub note: String,
    pub kind: EventKindV1,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventKindV1 {
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
pub struct ProcedureV1 {
    pub code: String,
    pub name: String,
    pub field: String,
    pub time_limit: TimeLimitV1,
    pub fee: FeeRuleV1,
    pub documents: Vec<String>,
    pub unit: String,
    pub pausable: bool,
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FeeRuleV1 {
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
pub fn secs(t: LocalTime) -> i64 {
    t.and_utc().timestamp()
}

/// The inverse of [`secs`]; `None` outside chrono's range (only from corrupt data).
pub fn from_secs(s: i64) -> Option<LocalTime> {
    DateTime::from_timestamp(s, 0).map(|d| d.naive_utc())
}
