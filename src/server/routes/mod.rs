//! The `/v1/…` routes, one per use case of the desk trait plus accounts and live changes. Each
//! handler is thin: read the request, name the permission it needs, call one desk method on the
//! blocking pool, answer JSON. Rules stay in `desk` and `domain`; `crate::remote::RemoteDesk`
//! is the client of exactly these routes.

mod accounts;
mod dossiers;
mod lists;
pub mod openapi;
mod papers;

use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{RawQuery, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use axum::routing::get;

use super::answer::{ApiError, Json, Params};
use super::state::{Clock, Ctx, Door};
use crate::domain::account::Permission;
use crate::remote::wire::{Changes, ErrorKind};

/// How long a long poll on `/v1/changes` waits before answering "no change".
pub(crate) const LONG_POLL: Duration = Duration::from_secs(25);

/// The API for one door, each request logged on stderr.
pub(crate) fn router(ctx: Ctx) -> Router {
    let (door, clock) = (ctx.door, ctx.shared.clock);
    quiet_router(ctx).layer(axum::middleware::from_fn(move |req, next| {
        log(door, clock, req, next)
    }))
}

/// The API for one door, without request logs (the desk screen's socket: its terminal).
pub(crate) fn quiet_router(ctx: Ctx) -> Router {
    let api = Router::new()
        .route("/v1/health", get(health))
        .route("/v1/changes", get(changes))
        .route("/v1/openapi.json", get(openapi::openapi_json));
    accounts::routes(dossiers::routes(lists::routes(papers::routes(api))))
        .fallback(unknown_route)
        .with_state(ctx)
}

/// One line per request on stderr: door, method, path (never the query, which may hold a
/// searched name), status and time. No personal data.
async fn log(door: Door, clock: Clock, req: Request, next: Next) -> Response {
    let start = Instant::now();
    let (method, path) = (req.method().clone(), req.uri().path().to_owned());
    let response = next.run(req).await;
    let door = match door {
        Door::Network => "tls",
        Door::Socket => "sock",
    };
    eprintln!(
        "{} {door} {method} {path} {} {}ms",
        clock.now().format("%Y-%m-%d %H:%M:%S"),
        response.status().as_u16(),
        start.elapsed().as_millis()
    );
    response
}

async fn unknown_route() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        ErrorKind::Rule,
        "Không có chức năng này trên máy chủ (phiên bản motcua khác nhau?).",
    )
}

/// Who answers: the program and its version.
#[utoipa::path(get, path = "/v1/health", tag = "service", responses((status = 200, description = "Tên và phiên bản chương trình", body = Object)))]
pub(super) async fn health() -> Json<serde_json::Value> {
    Json(serde_json::json!({ "service": "motcua", "version": env!("CARGO_PKG_VERSION") }))
}

/// Long poll: answers as soon as the ledger's change counter differs from `after`, or after
/// 25 s with the same value, or at once when the server stops.
#[utoipa::path(get, path = "/v1/changes", tag = "service", params(("after" = Option<u64>, Query, description = "Số đếm thay đổi đã thấy; trả lời khi khác (chờ tối đa 25 giây)")), responses((status = 200, description = "OK", body = Changes)))]
pub(super) async fn changes(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Json<Changes>, ApiError> {
    ctx.run(&headers, Permission::Read, None, |_| Ok(()))
        .await?;
    let after: Option<u64> = Params::of(query.as_deref()).value("after")?;
    let mut seq = ctx.shared.changes.subscribe();
    let mut stopping = ctx.shared.stopping.clone();
    let changed = async {
        loop {
            if after.is_none_or(|a| *seq.borrow_and_update() != a) {
                return;
            }
            if seq.changed().await.is_err() {
                return;
            }
        }
    };
    tokio::select! {
        () = changed => {}
        _ = tokio::time::sleep(LONG_POLL) => {}
        _ = stopping.wait_for(|s| *s) => {}
    }
    let now = *ctx.shared.changes.borrow();
    Ok(Json(Changes { seq: now }))
}
