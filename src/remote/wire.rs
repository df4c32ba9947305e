//! What a counter and `motcua serve` (or the holder's socket) send each other under `/v1/…`:
//! request bodies and the few answers that are not domain values, all JSON through serde. The
//! domain's own types (dossiers, intakes, commands) travel as serde writes them. Shared by the
//! client here and the server above, so the two cannot drift.

use serde::{Deserialize, Serialize};

use crate::calendar::LocalTime;
use crate::domain::account::{AccountInfo, Role};
use crate::domain::{Command, Intake};

/// A step refused because another counter changed the dossier since the clerk's screen showed
/// it.
pub use crate::domain::STALE_VIEW;

#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub(crate) struct LoginRequest {
    pub(crate) user: String,
    pub(crate) password: String,
}

#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub(crate) struct NewAccount {
    /// The login.
    pub(crate) name: String,
    /// The clerk's full name, printed on papers (a person's name: letters, spaces, `.'-`).
    pub(crate) full_name: String,
    pub(crate) role: Role,
    pub(crate) password: String,
}

#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub(crate) struct NewFullName {
    pub(crate) full_name: String,
}

#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub(crate) struct NewPassword {
    pub(crate) password: String,
}

/// What travels with every write.
#[derive(Clone, Debug, Default, Serialize, Deserialize, utoipa::ToSchema)]
pub(crate) struct Call {
    /// The client's instant; refused unless the server was started with `--now`.
    #[schema(value_type = Option<String>)]
    pub(crate) now: Option<LocalTime>,
    /// Who operates, for an unauthenticated socket client (a logged-in caller is its account).
    pub(crate) operator: Option<String>,
    /// The client-made idempotency key (32 hex digits): a retry with the same key returns the
    /// first result.
    pub(crate) request: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub(crate) struct ReceiveRequest {
    pub(crate) intake: Intake,
    pub(crate) call: Call,
}

#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub(crate) struct StepRequest {
    pub(crate) command: Command,
    /// How many events of the dossier the clerk's screen showed; a dossier with more is
    /// refused as stale.
    pub(crate) seen: Option<u32>,
    pub(crate) call: Call,
}

/// The ledger's change counter (`GET /v1/changes?after=N` answers when it passes `N`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub(crate) struct Changes {
    pub(crate) seq: u64,
}

/// Who the server takes the caller for, and its clock.
#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Whoami {
    /// `None` on the holder's socket without a login.
    pub(crate) account: Option<AccountInfo>,
    #[schema(value_type = String)]
    pub(crate) server_now: LocalTime,
    /// Whether the server takes instants from its clients (started with `--now`).
    pub(crate) accepts_client_time: bool,
}

/// The kind of a refusal, which fixes the client's exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// Bad input or a rule (exit 1).
    Rule,
    /// Not logged in, wrong password, locked, expired, or the role lacks the right (exit 1).
    Denied,
    /// A step on a stale view (exit 1).
    Stale,
    /// The server's store or disk failed (exit 2).
    Environment,
}

/// Every error answer's body.
#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub(crate) struct ErrorBody {
    pub(crate) kind: ErrorKind,
    /// Vietnamese, for the clerk.
    pub(crate) message: String,
}
