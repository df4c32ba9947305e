//! What every request handler shares: the desk, the server's clock, the change counter behind
//! live boards, and who the caller is. Work on the desk runs on tokio's blocking pool (sled
//! reads, fsyncs and Argon2 block), with panics turned into a plain 500 answer: no panic
//! reaches a client, and no handler holds a lock across an await.

use std::sync::{Arc, RwLock};

use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;
use tokio::sync::watch;

use crate::calendar::LocalTime;
use crate::desk::{DeskError, LocalDesk};
use crate::domain::account::{AccountInfo, Permission, Role};
use crate::remote::wire::{Call, ErrorBody, ErrorKind};

/// Which door a request came in by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Door {
    /// TCP with TLS: every request but login needs a session token.
    Network,
    /// The data directory's Unix socket: the OS user is the boundary, unless the settings
    /// require a login.
    Socket,
}

/// The server's clock: the system clock, or (started with `--now`) that instant running on.
#[derive(Clone, Copy, Debug)]
pub struct Clock {
    system: fn() -> LocalTime,
    skew: Option<chrono::Duration>,
}

impl Clock {
    /// `system` reads the machine's clock as Vietnam time; `start` is the `--now` the server
    /// was started with, if any.
    pub fn new(system: fn() -> LocalTime, start: Option<LocalTime>) -> Clock {
        Clock {
            system,
            skew: start.map(|t| t - system()),
        }
    }

    pub fn now(&self) -> LocalTime {
        (self.system)() + self.skew.unwrap_or_default()
    }

    /// Whether clients may give their own instant (only a server started with `--now`).
    pub fn takes_client_time(&self) -> bool {
        self.skew.is_some()
    }
}

/// State shared by every handler of one server (both doors).
pub struct Shared {
    pub desk: RwLock<LocalDesk>,
    pub clock: Clock,
    /// Bumped after every write; long-polling boards wait on it.
    pub changes: watch::Sender<u64>,
    /// Becomes true when the server is asked to stop: long polls answer at once.
    pub stopping: watch::Receiver<bool>,
    /// `[accounts] require_login`, read at start.
    pub socket_needs_login: bool,
}

/// A handler's view: the shared state and the door of this router.
#[derive(Clone)]
pub struct Ctx {
    pub shared: Arc<Shared>,
    pub door: Door,
}

/// An error answer: HTTP status and a JSON [`ErrorBody`].
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    body: ErrorBody,
}

impl ApiError {
    pub fn new(status: StatusCode, kind: ErrorKind, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            body: ErrorBody {
                kind,
                message: message.into(),
            },
        }
    }

    pub fn denied(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::UNAUTHORIZED, ErrorKind::Denied, message)
    }

    pub fn forbidden(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::FORBIDDEN, ErrorKind::Denied, message)
    }

    pub fn rule(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, ErrorKind::Rule, message)
    }

    fn internal() -> ApiError {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            ErrorKind::Environment,
            "Máy chủ gặp lỗi nội bộ khi xử lý yêu cầu; chưa ghi gì thêm. Hãy thử lại.",
        )
    }
}

impl From<DeskError> for ApiError {
    fn from(e: DeskError) -> ApiError {
        match e {
            DeskError::Rule(m) => ApiError::rule(m),
            DeskError::Environment(m) | DeskError::Unreachable(m) => {
                ApiError::new(StatusCode::SERVICE_UNAVAILABLE, ErrorKind::Environment, m)
            }
            DeskError::Stale(m) => ApiError::new(StatusCode::CONFLICT, ErrorKind::Stale, m),
            DeskError::Denied(m) => ApiError::new(StatusCode::FORBIDDEN, ErrorKind::Rule, m),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, json_bytes(&self.body)).into_response()
    }
}

/// A JSON answer.
pub struct Json<T>(pub T);

impl<T: Serialize> IntoResponse for Json<T> {
    fn into_response(self) -> Response {
        json_bytes(&self.0).into_response()
    }
}

fn json_bytes<T: Serialize>(value: &T) -> ([(header::HeaderName, &'static str); 1], Vec<u8>) {
    let bytes =
        serde_json::to_vec(value).expect("our answers are plain data: serialising cannot fail");
    ([(header::CONTENT_TYPE, "application/json")], bytes)
}

/// Parses a JSON request body.
pub fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    serde_json::from_slice(body).map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            ErrorKind::Rule,
            format!("Yêu cầu không đúng định dạng ({e})."),
        )
    })
}

/// Who is calling: an account (logged in), or the OS user at the socket.
#[derive(Clone, Debug)]
pub struct Caller {
    pub account: Option<AccountInfo>,
    pub token: Option<String>,
}

impl Caller {
    /// The caller's role: its account's, or administrator for the OS user at the socket.
    pub fn role(&self) -> Role {
        self.account.as_ref().map_or(Role::Admin, |a| a.role)
    }

    pub fn require(&self, what: Permission) -> Result<(), ApiError> {
        let role = self.role();
        if role.may(what) {
            Ok(())
        } else {
            Err(ApiError::forbidden(what.refusal(role)))
        }
    }

    /// The operator written into events: the account's name, or what the socket client says
    /// (else the settings' default operator).
    pub fn operator(&self, call: &Call, default: &str) -> String {
        match &self.account {
            Some(a) => a.name.clone(),
            None => call
                .operator
                .clone()
                .filter(|o| !o.trim().is_empty())
                .unwrap_or_else(|| default.to_owned()),
        }
    }
}

/// The bearer token of a request, if any.
pub fn bearer(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    value.strip_prefix("Bearer ").map(|t| t.trim().to_owned())
}

impl Ctx {
    /// Runs `work` on the blocking pool with the desk and the authenticated caller. A panic
    /// inside becomes a 500 answer.
    pub async fn run<T, F>(&self, headers: &HeaderMap, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Shared, &Caller, LocalTime) -> Result<T, ApiError> + Send + 'static,
    {
        let (shared, door, token) = (self.shared.clone(), self.door, bearer(headers));
        let joined = tokio::task::spawn_blocking(move || {
            let now = shared.clock.now();
            let caller = authenticate(&shared, door, token, now)?;
            work(&shared, &caller, now)
        })
        .await;
        joined.unwrap_or_else(|_| Err(ApiError::internal()))
    }

    /// Runs `work` on the blocking pool without asking who calls (login, health).
    pub async fn open<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Shared, LocalTime) -> Result<T, ApiError> + Send + 'static,
    {
        let shared = self.shared.clone();
        let joined = tokio::task::spawn_blocking(move || work(&shared, shared.clock.now())).await;
        joined.unwrap_or_else(|_| Err(ApiError::internal()))
    }

    /// The instant a write happens at: the server's clock, or the client's when the server
    /// was started with `--now`.
    pub fn instant(shared: &Shared, call: &Call, now: LocalTime) -> Result<LocalTime, ApiError> {
        match call.now {
            None => Ok(now),
            Some(t) if shared.clock.takes_client_time() => Ok(t),
            Some(_) => Err(ApiError::rule(
                "Máy chủ dùng đồng hồ của chính nó: không nhận thời điểm (--now) từ máy trạm.",
            )),
        }
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
    let desk = shared.desk.read().unwrap_or_else(|p| p.into_inner());
    let account = desk.authenticate(&token, now).map_err(|e| match e {
        DeskError::Rule(m) => ApiError::denied(m),
        other => ApiError::from(other),
    })?;
    Ok(Caller {
        account: Some(account),
        token: Some(token),
    })
}
