//! What handlers answer and read: JSON bodies, error answers with a status and a Vietnamese
//! message ([`ErrorBody`]), and the query string's parameters.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::calendar::LocalTime;
use crate::desk::DeskError;
use crate::remote::wire::{ErrorBody, ErrorKind};

/// An error answer: HTTP status and a JSON [`ErrorBody`].
#[derive(Debug)]
pub(crate) struct ApiError {
    status: StatusCode,
    body: ErrorBody,
}

impl ApiError {
    pub(crate) fn new(status: StatusCode, kind: ErrorKind, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            body: ErrorBody {
                kind,
                message: message.into(),
            },
        }
    }

    /// Not logged in, or the login failed (401).
    pub(crate) fn denied(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::UNAUTHORIZED, ErrorKind::Denied, message)
    }

    /// Logged in, but the role lacks the right (403).
    pub(crate) fn forbidden(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::FORBIDDEN, ErrorKind::Denied, message)
    }

    /// Bad input or a rule (422).
    pub(crate) fn rule(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, ErrorKind::Rule, message)
    }

    pub(crate) fn internal() -> ApiError {
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
            DeskError::Stale(m) => ApiError::new(StatusCode::CONFLICT, ErrorKind::Stale, m),
            DeskError::Denied(m) => ApiError::forbidden(m),
            DeskError::Environment(m) | DeskError::Unreachable(m) => {
                ApiError::new(StatusCode::SERVICE_UNAVAILABLE, ErrorKind::Environment, m)
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, json_bytes(&self.body)).into_response()
    }
}

/// A JSON answer.
pub(crate) struct Json<T>(pub T);

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

/// Raw bytes with their media type (PDF, JSONL, CSV).
pub(crate) struct Bytes(pub &'static str, pub(crate) Vec<u8>);

impl IntoResponse for Bytes {
    fn into_response(self) -> Response {
        ([(header::CONTENT_TYPE, self.0)], self.1).into_response()
    }
}

/// Parses a JSON request body.
pub(crate) fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    serde_json::from_slice(body).map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            ErrorKind::Rule,
            format!("Yêu cầu không đúng định dạng ({e})."),
        )
    })
}

/// A request's query string, read by name.
#[derive(Clone, Debug, Default)]
pub(crate) struct Params(Vec<(String, String)>);

fn bad(key: &str, value: &str) -> ApiError {
    ApiError::new(
        StatusCode::BAD_REQUEST,
        ErrorKind::Rule,
        format!("Tham số «{key}» không hợp lệ: «{value}»."),
    )
}

impl Params {
    pub(crate) fn of(query: Option<&str>) -> Params {
        Params(
            query
                .map(|q| form_urlencoded::parse(q.as_bytes()).into_owned().collect())
                .unwrap_or_default(),
        )
    }

    pub(crate) fn text(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// A value in its serde form: a number, `true`, a date `2026-03-02`, an instant
    /// `2026-03-02T09:00:00`, an enum variant `Today`. `None` when absent.
    pub(crate) fn value<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, ApiError> {
        let Some(text) = self.text(key) else {
            return Ok(None);
        };
        serde_json::from_str(text)
            .or_else(|_| serde_json::from_value(serde_json::Value::String(text.to_owned())))
            .map(Some)
            .map_err(|_| bad(key, text))
    }

    /// Like [`Params::value`], refusing an absent value.
    pub(crate) fn required<T: DeserializeOwned>(&self, key: &str) -> Result<T, ApiError> {
        self.value(key)?.ok_or_else(|| bad(key, ""))
    }

    /// The client's instant (`now`), if it gave one.
    pub(crate) fn now(&self) -> Result<Option<LocalTime>, ApiError> {
        self.value("now")
    }
}

/// Parses a path segment in its serde form (an enum variant, a date).
pub(crate) fn segment<T: DeserializeOwned>(name: &str, text: &str) -> Result<T, ApiError> {
    serde_json::from_value(serde_json::Value::String(text.to_owned())).map_err(|_| bad(name, text))
}
