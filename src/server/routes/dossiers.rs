//! One dossier: receive, read, its view, a legal step, its forms (as a document value or as
//! PDF bytes rendered here). Writes are made by the authenticated account at the server's
//! clock, with the client's idempotency key.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::routing::{get, post};

use crate::desk::{Desk, Detail, FormKind};
use crate::domain::account::Permission;
use crate::domain::{Command, Dossier, DossierCode};
use crate::remote::wire::{ReceiveRequest, StepRequest};
use crate::report::Document;
use crate::server::answer::{self, ApiError, Json, Params, parse, segment};
use crate::server::state::Ctx;

pub(crate) fn routes(r: Router<Ctx>) -> Router<Ctx> {
    r.route("/v1/dossiers", post(receive))
        .route("/v1/dossiers/{code}", get(dossier))
        .route("/v1/dossiers/{code}/detail", get(detail))
        .route("/v1/dossiers/{code}/steps", post(step))
        .route("/v1/dossiers/{code}/documents/{kind}", get(document))
        .route("/v1/dossiers/{code}/documents/{kind}/pdf", get(pdf))
}

fn code(text: &str) -> Result<DossierCode, ApiError> {
    DossierCode::read(text).map_err(|e| ApiError::rule(e.to_string()))
}

/// Records a new dossier (`Desk::receive`).
#[utoipa::path(post, path = "/v1/dossiers", tag = "dossiers", request_body = ReceiveRequest, responses((status = 200, description = "OK", body = Dossier)))]
pub(super) async fn receive(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Dossier>, ApiError> {
    let req: ReceiveRequest = parse(&body)?;
    ctx.run(&headers, Permission::Intake, req.call.now, move |w| {
        let call = w.call(&req.call);
        Ok(w.desk.receive(req.intake, &call)?)
    })
    .await
    .map(Json)
}

/// A dossier by code (`Desk::get`); `null` when there is none.
#[utoipa::path(get, path = "/v1/dossiers/{code}", tag = "dossiers", params(("code" = String, Path, description = "Mã hồ sơ, ví dụ 000.00.20.H30-260302-0001")), responses((status = 200, description = "OK", body = Option<Dossier>)))]
pub(super) async fn dossier(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    Path(text): Path<String>,
) -> Result<Json<Option<Dossier>>, ApiError> {
    let code = code(&text)?;
    ctx.run(&headers, Permission::Read, None, move |w| {
        Ok(w.desk.get(&code)?)
    })
    .await
    .map(Json)
}

/// The dossier view at `now` (`Desk::detail`).
#[utoipa::path(get, path = "/v1/dossiers/{code}/detail", tag = "dossiers", params(("code" = String, Path, description = "Mã hồ sơ, ví dụ 000.00.20.H30-260302-0001"), ("now" = Option<String>, Query, description = "Thời điểm của máy trạm (YYYY-MM-DDTHH:MM:SS); chỉ máy chủ chạy với --now nhận")), responses((status = 200, description = "OK", body = Option<Detail>)))]
pub(super) async fn detail(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    Path(text): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Json<Option<Detail>>, ApiError> {
    let code = code(&text)?;
    let now = Params::of(query.as_deref()).now()?;
    ctx.run(&headers, Permission::Read, now, move |w| {
        Ok(w.desk.detail(&code, w.at)?)
    })
    .await
    .map(Json)
}

/// A legal step (`Desk::act`); issuing an apology letter needs a leader.
#[utoipa::path(post, path = "/v1/dossiers/{code}/steps", tag = "dossiers", params(("code" = String, Path, description = "Mã hồ sơ, ví dụ 000.00.20.H30-260302-0001")), request_body = StepRequest, responses((status = 200, description = "OK", body = Dossier)))]
pub(super) async fn step(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    Path(text): Path<String>,
    body: Bytes,
) -> Result<Json<Dossier>, ApiError> {
    let code = code(&text)?;
    let req: StepRequest = parse(&body)?;
    let need = match req.command {
        Command::IssueApology { .. } => Permission::SignApology,
        _ => Permission::Intake,
    };
    ctx.run(&headers, need, req.call.now, move |w| {
        let call = w.call(&req.call);
        let seen = req.seen.map(|n| n as usize);
        Ok(w.desk.act(&code, seen, req.command, &call)?)
    })
    .await
    .map(Json)
}

fn form(text: &str) -> Result<FormKind, ApiError> {
    segment("kind", text)
}

/// A form of the dossier as a document value (`Desk::document`).
#[utoipa::path(get, path = "/v1/dossiers/{code}/documents/{kind}", tag = "papers", params(("code" = String, Path, description = "Mã hồ sơ, ví dụ 000.00.20.H30-260302-0001"), ("kind" = FormKind, Path, description = "Mẫu giấy tờ"), ("now" = Option<String>, Query, description = "Thời điểm của máy trạm (YYYY-MM-DDTHH:MM:SS); chỉ máy chủ chạy với --now nhận")), responses((status = 200, description = "OK", body = Document)))]
pub(super) async fn document(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    Path((text, kind)): Path<(String, String)>,
    RawQuery(query): RawQuery,
) -> Result<Json<Document>, ApiError> {
    let (code, kind) = (code(&text)?, form(&kind)?);
    let now = Params::of(query.as_deref()).now()?;
    ctx.run(&headers, Permission::Intake, now, move |w| {
        Ok(w.desk.document(kind, &code, w.at)?)
    })
    .await
    .map(Json)
}

/// A form of the dossier rendered to PDF here.
#[utoipa::path(get, path = "/v1/dossiers/{code}/documents/{kind}/pdf", tag = "papers", params(("code" = String, Path, description = "Mã hồ sơ, ví dụ 000.00.20.H30-260302-0001"), ("kind" = FormKind, Path, description = "Mẫu giấy tờ"), ("now" = Option<String>, Query, description = "Thời điểm của máy trạm (YYYY-MM-DDTHH:MM:SS); chỉ máy chủ chạy với --now nhận")), responses((status = 200, description = "PDF", content_type = "application/pdf", body = Vec<u8>)))]
pub(super) async fn pdf(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    Path((text, kind)): Path<(String, String)>,
    RawQuery(query): RawQuery,
) -> Result<answer::Bytes, ApiError> {
    let (code, kind) = (code(&text)?, form(&kind)?);
    let now = Params::of(query.as_deref()).now()?;
    ctx.run(&headers, Permission::Intake, now, move |w| {
        let doc = w.desk.document(kind, &code, w.at)?;
        let bytes = crate::print::to_pdf(&doc).map_err(|e| {
            ApiError::new(
                axum::http::StatusCode::SERVICE_UNAVAILABLE,
                crate::remote::wire::ErrorKind::Environment,
                e.to_string(),
            )
        })?;
        Ok(answer::Bytes("application/pdf", bytes))
    })
    .await
}
