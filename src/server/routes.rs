//! The `/v1/…` routes. Each handler is thin: parse the request, check the caller's role, call
//! one desk method on the blocking pool, answer JSON. Rules stay in `desk` and `domain`.

use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use axum::routing::{get, post};

use super::state::{ApiError, Clock, Ctx, Door, Json, parse};
use crate::desk::accounts::Login;
use crate::desk::{Call, Desk};
use crate::domain::account::{AccountInfo, Permission};
use crate::domain::{Command, Dossier, DossierCode};
use crate::remote::wire::{
    Changes, ErrorKind, LoginRequest, NewAccount, NewPassword, ReceiveRequest, StepRequest, Whoami,
};

/// How long a long poll on `/v1/changes` waits before answering "no change".
pub const LONG_POLL: Duration = Duration::from_secs(25);

/// The API for one door.
pub fn router(ctx: Ctx) -> Router {
    let (door, clock) = (ctx.door, ctx.shared.clock);
    Router::new()
        .route("/v1/health", get(health))
        .route("/v1/login", post(login))
        .route("/v1/logout", post(logout))
        .route("/v1/me", get(me))
        .route("/v1/accounts", get(accounts).post(add_account))
        .route("/v1/accounts/{name}/disable", post(disable_account))
        .route("/v1/accounts/{name}/password", post(set_password))
        .route("/v1/dossiers", post(receive))
        .route("/v1/dossiers/{code}", get(dossier))
        .route("/v1/dossiers/{code}/steps", post(step))
        .route("/v1/search", get(search))
        .route("/v1/changes", get(changes))
        .fallback(unknown_route)
        .with_state(ctx)
        .layer(axum::middleware::from_fn(move |req, next| {
            log(door, clock, req, next)
        }))
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

/// The value of `key` in a query string.
fn param(query: &Option<String>, key: &str) -> Option<String> {
    let query = query.as_deref()?;
    form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
}

async fn health() -> Json<serde_json::Value> {
    Json(serde_json::json!({ "service": "motcua", "version": env!("CARGO_PKG_VERSION") }))
}

async fn login(State(ctx): State<Ctx>, body: Bytes) -> Result<Json<Login>, ApiError> {
    let req: LoginRequest = parse(&body)?;
    ctx.open(move |s, now| {
        let desk = s.desk.read().unwrap_or_else(|p| p.into_inner());
        desk.login(req.user.trim(), &req.password, now)
            .map_err(|e| ApiError::denied(e.to_string()))
    })
    .await
    .map(Json)
}

async fn logout(State(ctx): State<Ctx>, headers: HeaderMap) -> Result<StatusCode, ApiError> {
    ctx.run(&headers, |s, caller, _| {
        if let Some(token) = &caller.token {
            let desk = s.desk.read().unwrap_or_else(|p| p.into_inner());
            desk.logout(token)?;
        }
        Ok(StatusCode::NO_CONTENT)
    })
    .await
}

async fn me(State(ctx): State<Ctx>, headers: HeaderMap) -> Result<Json<Whoami>, ApiError> {
    ctx.run(&headers, |s, caller, now| {
        Ok(Whoami {
            account: caller.account.clone(),
            server_now: now,
            accepts_client_time: s.clock.takes_client_time(),
        })
    })
    .await
    .map(Json)
}

async fn accounts(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
) -> Result<Json<Vec<AccountInfo>>, ApiError> {
    ctx.run(&headers, |s, caller, _| {
        caller.require(Permission::Administer)?;
        let desk = s.desk.read().unwrap_or_else(|p| p.into_inner());
        Ok(desk.account_list()?)
    })
    .await
    .map(Json)
}

async fn add_account(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<AccountInfo>, ApiError> {
    let req: NewAccount = parse(&body)?;
    ctx.run(&headers, move |s, caller, now| {
        caller.require(Permission::Administer)?;
        let desk = s.desk.read().unwrap_or_else(|p| p.into_inner());
        Ok(desk.add_account(&req.name, req.role, &req.password, now)?)
    })
    .await
    .map(Json)
}

async fn disable_account(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    Path(name): Path<String>,
) -> Result<Json<AccountInfo>, ApiError> {
    ctx.run(&headers, move |s, caller, _| {
        caller.require(Permission::Administer)?;
        let desk = s.desk.read().unwrap_or_else(|p| p.into_inner());
        Ok(desk.disable_account(&name)?)
    })
    .await
    .map(Json)
}

/// An administrator sets anyone's password; an account may set its own.
async fn set_password(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    Path(name): Path<String>,
    body: Bytes,
) -> Result<Json<AccountInfo>, ApiError> {
    let req: NewPassword = parse(&body)?;
    ctx.run(&headers, move |s, caller, _| {
        if caller.account.as_ref().is_none_or(|a| a.name != name) {
            caller.require(Permission::Administer)?;
        }
        let desk = s.desk.read().unwrap_or_else(|p| p.into_inner());
        Ok(desk.set_password(&name, &req.password)?)
    })
    .await
    .map(Json)
}

async fn receive(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Dossier>, ApiError> {
    let req: ReceiveRequest = parse(&body)?;
    let dossier = ctx
        .run(&headers, move |s, caller, now| {
            caller.require(Permission::Intake)?;
            let at = Ctx::instant(s, &req.call, now)?;
            let desk = s.desk.write().unwrap_or_else(|p| p.into_inner());
            let operator = caller.operator(&req.call, &desk.settings().desk.default_operator);
            Ok(desk.receive(req.intake, &Call::new(at, &operator))?)
        })
        .await?;
    ctx.shared.changes.send_modify(|n| *n += 1);
    Ok(Json(dossier))
}

async fn dossier(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    Path(code): Path<String>,
) -> Result<Json<Option<Dossier>>, ApiError> {
    ctx.run(&headers, move |s, caller, _| {
        caller.require(Permission::Read)?;
        let desk = s.desk.read().unwrap_or_else(|p| p.into_inner());
        let code = DossierCode::read(&code).map_err(|e| ApiError::rule(e.to_string()))?;
        Ok(desk.get(&code)?)
    })
    .await
    .map(Json)
}

async fn step(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    Path(code): Path<String>,
    body: Bytes,
) -> Result<Json<Dossier>, ApiError> {
    let req: StepRequest = parse(&body)?;
    let dossier = ctx
        .run(&headers, move |s, caller, now| {
            let needs = match req.command {
                Command::IssueApology { .. } => Permission::SignApology,
                _ => Permission::Intake,
            };
            caller.require(needs)?;
            let at = Ctx::instant(s, &req.call, now)?;
            let desk = s.desk.write().unwrap_or_else(|p| p.into_inner());
            let code = DossierCode::read(&code).map_err(|e| ApiError::rule(e.to_string()))?;
            let operator = caller.operator(&req.call, &desk.settings().desk.default_operator);
            let seen = req.seen.map(|n| n as usize);
            Ok(desk.act(&code, seen, req.command, &Call::new(at, &operator))?)
        })
        .await?;
    ctx.shared.changes.send_modify(|n| *n += 1);
    Ok(Json(dossier))
}

async fn search(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Json<Vec<Dossier>>, ApiError> {
    let text = param(&query, "q").unwrap_or_default();
    let limit = param(&query, "limit")
        .and_then(|l| l.parse::<usize>().ok())
        .unwrap_or(50)
        .min(1000);
    ctx.run(&headers, move |s, caller, now| {
        caller.require(Permission::Read)?;
        let desk = s.desk.read().unwrap_or_else(|p| p.into_inner());
        let rows = desk.search(&text, limit, now)?;
        Ok(rows.into_iter().map(|r| r.dossier).collect())
    })
    .await
    .map(Json)
}

/// Long poll: answers as soon as the change counter differs from `after`, or after
/// [`LONG_POLL`] with the same value, or at once when the server stops.
async fn changes(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Json<Changes>, ApiError> {
    ctx.run(&headers, |_, caller, _| caller.require(Permission::Read))
        .await?;
    let after = param(&query, "after").and_then(|a| a.parse::<u64>().ok());
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
