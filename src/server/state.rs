//! What every request handler shares: the desk, the server's clock, the change counter behind
//! live boards, and who the caller is. Work on the desk runs on tokio's blocking pool (sled
//! reads, fsyncs and Argon2 block), with panics turned into a plain 500 answer: no panic
//! reaches a client. The desk is shared without a lock (every use case takes `&self`), so reads
//! never wait for writes.

use std::sync::Arc;

use axum::http::{HeaderMap, header};
use tokio::sync::watch;

use super::answer::ApiError;
use crate::calendar::LocalTime;
use crate::desk::{Call, DeskError, LocalDesk};
use crate::domain::account::{AccountInfo, Permission, Role};
use crate::remote::wire;

/// Which door a request came in by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Door {
    /// TCP with TLS: every request but login needs a session token.
    Network,
    /// The data directory's Unix socket: the OS user is the boundary, unless the settings
    /// require a login.
    Socket,
}

/// The server's clock: the system clock, or (started with `--now`) that instant running on.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Clock {
    system: fn() -> LocalTime,
    skew: Option<chrono::Duration>,
}

impl Clock {
    /// `system` reads the machine's clock as Vietnam time; `start` is the `--now` the server
    /// was started with, if any.
    pub(crate) fn new(system: fn() -> LocalTime, start: Option<LocalTime>) -> Clock {
        Clock {
            system,
            skew: start.map(|t| t - system()),
        }
    }

    pub(crate) fn now(&self) -> LocalTime {
        (self.system)() + self.skew.unwrap_or_default()
    }

    /// Whether clients may give their own instant (only a server started with `--now`).
    pub(crate) fn takes_client_time(&self) -> bool {
        self.skew.is_some()
    }
}

/// State shared by every handler of one holder (both doors).
pub(crate) struct Shared {
    pub(crate) desk: Arc<LocalDesk>,
    pub(crate) clock: Clock,
    /// The ledger's change counter as last seen (see `Desk::changes`); long polls wait on it.
    pub(crate) changes: watch::Sender<u64>,
    /// Becomes true when the holder is asked to stop: long polls answer at once.
    pub(crate) stopping: watch::Receiver<bool>,
    /// `[accounts] require_login`, read at start.
    pub(crate) socket_needs_login: bool,
}

/// A handler's view: the shared state and the door of this router.
#[derive(Clone)]
pub(crate) struct Ctx {
    pub(crate) shared: Arc<Shared>,
    pub(crate) door: Door,
}

/// Who is calling: an account (logged in), or the OS user at the socket.
#[derive(Clone, Debug)]
pub(crate) struct Caller {
    pub(crate) account: Option<AccountInfo>,
    pub(crate) token: Option<String>,
}

impl Caller {
    /// The caller's role: its account's, or administrator for the OS user at the socket.
    pub(crate) fn role(&self) -> Role {
        self.account.as_ref().map_or(Role::Admin, |a| a.role)
    }

    pub(crate) fn require(&self, what: Permission) -> Result<(), ApiError> {
        let role = self.role();
        if role.may(what) {
            Ok(())
        } else {
            Err(ApiError::forbidden(what.refusal(role)))
        }
    }
}

/// The bearer token of a request, if any.
pub(crate) fn bearer(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    value.strip_prefix("Bearer ").map(|t| t.trim().to_owned())
}

/// What a piece of work on the desk gets: the desk, the caller, and the instant it runs at
/// (the server's clock, or the client's when the server takes client time).
pub(crate) struct Work<'a> {
    pub(crate) desk: &'a LocalDesk,
    pub(crate) caller: &'a Caller,
    pub(crate) at: LocalTime,
    pub(crate) shared: &'a Shared,
}

impl Work<'_> {
    /// The [`Call`] of a write: the instant, the operator (the account's officer string, its
    /// full name and login as read at this request — see `domain::account::officer` — or for
    /// the socket without login what the client says, else the default operator) and the
    /// client's key.
    pub(crate) fn call(&self, sent: &wire::Call) -> Call {
        let operator = match &self.caller.account {
            Some(a) => a.officer(),
            None => sent
                .operator
                .clone()
                .filter(|o| !o.trim().is_empty())
                .unwrap_or_else(|| self.desk.settings().desk.default_operator.clone()),
        };
        Call {
            now: self.at,
            operator,
            request: sent.request.clone(),
        }
    }
}

impl Ctx {
    /// Authenticates, checks `need`, resolves the instant (`client_now`: the instant the client
    /// sent, refused unless the server takes client time) and runs `work` on the blocking pool.
    /// A panic inside becomes a 500 answer.
    pub(crate) async fn run<T, F>(
        &self,
        headers: &HeaderMap,
        need: Permission,
        client_now: Option<LocalTime>,
        work: F,
    ) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(Work<'_>) -> Result<T, ApiError> + Send + 'static,
    {
        let (shared, door, token) = (self.shared.clone(), self.door, bearer(headers));
        let joined = tokio::task::spawn_blocking(move || {
            let now = shared.clock.now();
            let caller = authenticate(&shared, door, token, now)?;
            caller.require(need)?;
            let at = match client_now {
                None => now,
                Some(t) if shared.clock.takes_client_time() => t,
                Some(_) => {
                    return Err(ApiError::rule(
                        "Máy chủ dùng đồng hồ của chính nó: không nhận thời điểm (--now) từ \
                         máy trạm.",
                    ));
                }
            };
            work(Work {
                desk: &shared.desk,
                caller: &caller,
                at,
                shared: &shared,
            })
        })
        .await;
        joined.unwrap_or_else(|_| Err(ApiError::internal()))
    }

    /// Runs `work` on the blocking pool without asking who calls (login).
    pub(crate) async fn open<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Shared, LocalTime) -> Result<T, ApiError> + Send + 'static,
    {
        let shared = self.shared.clone();
        let joined = tokio::task::spawn_blocking(move || work(&shared, shared.clock.now())).await;
        joined.unwrap_or_else(|_| Err(ApiError::internal()))
    }
}

fn authenticate(
    shared: &Shared,
    door: Door,
    token: Option<String>,
    now: LocalTime,
) -> Result<Caller, ApiError> {
    let needs_login = door == Door::Network || shared.socket_needs_login;
    let Some(token) = token else {
        if needs_login {
            return Err(ApiError::denied(
                "Chưa đăng nhập: hãy chạy \"motcua login\" trước.",
            ));
        }
        return Ok(Caller {
            account: None,
            token: None,
        });
    };
    let account = shared.desk.authenticate(&token, now).map_err(|e| match e {
        DeskError::Denied(m) => ApiError::denied(m),
        other => ApiError::from(other),
    })?;
    Ok(Caller {
        account: Some(account),
        token: Some(token),
    })
}
