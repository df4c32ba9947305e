//! A small blocking JSON client of the `/v1/…` API: one ureq agent per ledger (keep-alive
//! connections reused), error answers turned into [`RemoteError`]s with the server's Vietnamese
//! message, reads retried with backoff when the connection fails. Knows nothing of the desk's
//! use cases: `remote`'s desk builds on it.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;
use ureq::unversioned::resolver::DefaultResolver;
use ureq::unversioned::transport::{Connector, TcpConnector};

use super::transport::{PinMismatch, PinnedTls, Seen, SocketConnector};
use super::wire::{ErrorBody, ErrorKind};
use crate::desk::DeskError;

/// Where the ledger is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Endpoint {
    /// The holder's socket in a data directory on this machine.
    Socket(PathBuf),
    /// `motcua serve` at `https://HOST:PORT`, its certificate pinned (`None` only to read the
    /// fingerprint at a first contact).
    Server { url: String, pin: Option<String> },
}

/// Why a request failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RemoteError {
    /// The server answered with a refusal or an error of its own.
    Refused { kind: ErrorKind, message: String },
    /// No answer: the server is down, the network is out, or it took too long.
    Unreachable { place: String, detail: String },
    /// The server presented a certificate other than the pinned one.
    ChangedCertificate {
        place: String,
        pinned: String,
        seen: String,
    },
}

impl std::fmt::Display for RemoteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RemoteError::Refused { message, .. } => f.write_str(message),
            RemoteError::Unreachable { place, detail } => write!(
                f,
                "Mất kết nối tới máy chủ {place} ({detail}). Hãy kiểm tra máy chủ motcua và \
                 đường mạng rồi thử lại."
            ),
            RemoteError::ChangedCertificate {
                place,
                pinned,
                seen,
            } => write!(
                f,
                "Chứng chỉ của máy chủ {place} đã thay đổi: vân tay hiện tại {seen}, khác vân tay \
                 đã xác nhận khi đăng nhập {pinned}. Có thể có máy khác đang mạo danh máy chủ; \
                 chưa gửi gì. Nếu quản trị đã thay chứng chỉ, hãy đăng nhập lại (motcua login) \
                 với vân tay mới."
            ),
        }
    }
}

impl RemoteError {
    /// 1 for a refusal of the caller's request, 2 for the environment (unreachable, changed
    /// certificate, the server's own disk).
    pub fn exit_code(&self) -> i32 {
        match self {
            RemoteError::Refused { kind, .. } => match kind {
                ErrorKind::Rule | ErrorKind::Denied | ErrorKind::Stale => 1,
                ErrorKind::Environment => 2,
            },
            RemoteError::Unreachable { .. } | RemoteError::ChangedCertificate { .. } => 2,
        }
    }

    pub(crate) fn is_unreachable(&self) -> bool {
        matches!(self, RemoteError::Unreachable { .. })
    }
}

impl From<RemoteError> for DeskError {
    fn from(e: RemoteError) -> DeskError {
        let text = e.to_string();
        match e {
            RemoteError::Refused { kind, .. } => match kind {
                ErrorKind::Rule => DeskError::Rule(text),
                ErrorKind::Denied => DeskError::Denied(text),
                ErrorKind::Stale => DeskError::Stale(text),
                ErrorKind::Environment => DeskError::Environment(text),
            },
            RemoteError::Unreachable { .. } | RemoteError::ChangedCertificate { .. } => {
                DeskError::Unreachable(text)
            }
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Method {
    Get,
    Post,
    Put,
}

/// How long an ordinary request may take, connection included.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// Waits before the retries of a read whose connection failed.
const BACKOFF: [Duration; 3] = [
    Duration::from_millis(100),
    Duration::from_millis(400),
    Duration::from_millis(1200),
];

/// A client of one ledger. Clones share the connection pool and the session token.
#[derive(Clone)]
pub struct Client {
    agent: ureq::Agent,
    base: String,
    place: String,
    pin: Option<String>,
    seen: Seen,
    token: Arc<Mutex<Option<String>>>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("place", &self.place)
            .finish()
    }
}

fn config() -> ureq::config::Config {
    ureq::config::Config::builder()
        .http_status_as_error(false)
        .timeout_global(Some(REQUEST_TIMEOUT))
        .timeout_connect(Some(Duration::from_secs(5)))
        .user_agent(concat!("motcua/", env!("CARGO_PKG_VERSION")))
        .build()
}

impl Client {
    pub fn new(endpoint: &Endpoint, token: Option<String>) -> Client {
        let seen: Seen = Arc::new(Mutex::new(None));
        let (agent, base, place, pin) = match endpoint {
            Endpoint::Socket(path) => (
                ureq::Agent::with_parts(
                    config(),
                    SocketConnector { path: path.clone() },
                    DefaultResolver::default(),
                ),
                "http://localhost".to_owned(),
                path.display().to_string(),
                None,
            ),
            Endpoint::Server { url, pin } => {
                let connector =
                    ().chain(TcpConnector::default())
                        .chain(PinnedTls::new(pin.clone(), seen.clone()));
                let agent =
                    ureq::Agent::with_parts(config(), connector, DefaultResolver::default());
                let base = url.trim_end_matches('/').to_owned();
                (agent, base.clone(), base, pin.clone())
            }
        };
        Client {
            agent,
            base,
            place,
            pin,
            seen,
            token: Arc::new(Mutex::new(token)),
        }
    }

    /// The fingerprint of the certificate the last TLS handshake saw.
    pub(crate) fn seen_fingerprint(&self) -> Option<String> {
        self.seen.lock().ok().and_then(|s| s.clone())
    }

    fn bearer(&self) -> Option<String> {
        self.token.lock().ok().and_then(|t| t.clone())
    }

    /// GET `path` (which includes any query), retried with backoff if the connection fails.
    pub fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, RemoteError> {
        self.get_within(path, REQUEST_TIMEOUT)
    }

    /// GET with its own time limit (long polls).
    pub(crate) fn get_within<T: DeserializeOwned>(
        &self,
        path: &str,
        limit: Duration,
    ) -> Result<T, RemoteError> {
        let mut waits = BACKOFF.iter();
        loop {
            match self.exchange(Method::Get, path, None, limit) {
                Err(e) if e.is_unreachable() => match waits.next() {
                    Some(wait) => std::thread::sleep(*wait),
                    None => return Err(e),
                },
                Ok(bytes) => return self.json(&bytes),
                Err(e) => return Err(e),
            }
        }
    }

    /// GET once (no retry), with its own time limit: the long poll of live boards, which
    /// keeps its own backoff.
    pub(crate) fn get_once<T: DeserializeOwned>(
        &self,
        path: &str,
        limit: Duration,
    ) -> Result<T, RemoteError> {
        let bytes = self.exchange(Method::Get, path, None, limit)?;
        self.json(&bytes)
    }

    /// GET raw bytes (an export, a PDF), retried like [`Client::get`].
    pub(crate) fn get_bytes(&self, path: &str) -> Result<Vec<u8>, RemoteError> {
        let mut waits = BACKOFF.iter();
        loop {
            match self.exchange(Method::Get, path, None, REQUEST_TIMEOUT) {
                Err(e) if e.is_unreachable() => match waits.next() {
                    Some(wait) => std::thread::sleep(*wait),
                    None => return Err(e),
                },
                other => return other,
            }
        }
    }

    /// PUT a JSON body once.
    pub(crate) fn put<B: Serialize>(&self, path: &str, body: &B) -> Result<(), RemoteError> {
        let bytes =
            serde_json::to_vec(body).expect("our requests are plain data: serialising cannot fail");
        self.exchange(Method::Put, path, Some(bytes), REQUEST_TIMEOUT)
            .map(|_| ())
    }

    /// POST a JSON body once (a write is retried only by a caller holding an idempotency key).
    pub(crate) fn post<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T, RemoteError> {
        let bytes =
            serde_json::to_vec(body).expect("our requests are plain data: serialising cannot fail");
        let answer = self.exchange(Method::Post, path, Some(bytes), REQUEST_TIMEOUT)?;
        self.json(&answer)
    }

    fn json<T: DeserializeOwned>(&self, bytes: &[u8]) -> Result<T, RemoteError> {
        let bytes = if bytes.is_empty() { b"null" } else { bytes };
        serde_json::from_slice(bytes).map_err(|e| RemoteError::Refused {
            kind: ErrorKind::Environment,
            message: format!(
                "Máy chủ {} trả lời không đúng định dạng ({e}); máy chủ và máy trạm có cùng \
                 phiên bản motcua không?",
                self.place
            ),
        })
    }

    /// One request; the answer's body when its status is a success.
    fn exchange(
        &self,
        method: Method,
        path: &str,
        body: Option<Vec<u8>>,
        limit: Duration,
    ) -> Result<Vec<u8>, RemoteError> {
        let url = format!("{}{path}", self.base);
        let auth = self.bearer().map(|t| format!("Bearer {t}"));
        let answer = match (method, body) {
            (Method::Get, _) => {
                let mut req = self.agent.get(&url);
                if let Some(a) = &auth {
                    req = req.header("Authorization", a);
                }
                req.config().timeout_global(Some(limit)).build().call()
            }
            (method, body) => {
                let mut req = match method {
                    Method::Put => self.agent.put(&url),
                    _ => self.agent.post(&url),
                }
                .content_type("application/json");
                if let Some(a) = &auth {
                    req = req.header("Authorization", a);
                }
                req.config()
                    .timeout_global(Some(limit))
                    .build()
                    .send(&body.unwrap_or_default()[..])
            }
        };
        let mut response = answer.map_err(|e| self.transport_error(e))?;
        let status = response.status().as_u16();
        let bytes = response
            .body_mut()
            .with_config()
            .limit(64 * 1024 * 1024)
            .read_to_vec()
            .map_err(|e| self.transport_error(e))?;
        if (200..300).contains(&status) {
            Ok(bytes)
        } else {
            Err(match serde_json::from_slice::<ErrorBody>(&bytes) {
                Ok(body) => RemoteError::Refused {
                    kind: body.kind,
                    message: body.message,
                },
                Err(_) => RemoteError::Refused {
                    kind: ErrorKind::Environment,
                    message: format!("Máy chủ {} trả lời lỗi HTTP {status}.", self.place),
                },
            })
        }
    }

    fn transport_error(&self, e: ureq::Error) -> RemoteError {
        if let ureq::Error::Other(inner) = &e
            && let Some(m) = inner.downcast_ref::<PinMismatch>()
        {
            return RemoteError::ChangedCertificate {
                place: self.place.clone(),
                pinned: self.pin.clone().unwrap_or_default(),
                seen: m.seen.clone(),
            };
        }
        let detail = match &e {
            ureq::Error::Timeout(_) => "quá thời gian chờ".to_owned(),
            ureq::Error::Io(io) => io_words(io.kind()).to_owned(),
            ureq::Error::ConnectionFailed | ureq::Error::HostNotFound => {
                "không kết nối được".to_owned()
            }
            other => other.to_string(),
        };
        RemoteError::Unreachable {
            place: self.place.clone(),
            detail,
        }
    }
}

/// A connection failure in the clerk's words.
fn io_words(kind: std::io::ErrorKind) -> &'static str {
    use std::io::ErrorKind as K;
    match kind {
        K::ConnectionRefused => "máy chủ không nhận kết nối",
        K::NotFound => "không thấy máy chủ",
        K::PermissionDenied => "không có quyền kết nối",
        K::TimedOut | K::WouldBlock => "quá thời gian chờ",
        K::UnexpectedEof | K::ConnectionReset | K::ConnectionAborted | K::BrokenPipe => {
            "kết nối bị ngắt giữa chừng"
        }
        K::AddrNotAvailable | K::HostUnreachable | K::NetworkUnreachable | K::NetworkDown => {
            "không tới được máy chủ qua mạng"
        }
        _ => "lỗi kết nối",
    }
}
