//! The desk's reference data and papers: profile, catalogue (read, preview a due date, replace,
//! print), letterhead, register, day and period reports; and the operations: verify, export.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::get;
use chrono::NaiveDate;

use crate::calendar::LocalTime;
use crate::desk::{Appointment, Desk, ExportFormat, Profile};
use crate::domain::account::Permission;
use crate::domain::{Procedure, ProcedureCode};
use crate::report::day::DaySummary;
use crate::report::period::PeriodStats;
use crate::report::{Document, Letterhead};
use crate::server::answer::{self, ApiError, Json, Params, parse, segment};
use crate::server::state::Ctx;

pub fn routes(r: Router<Ctx>) -> Router<Ctx> {
    r.route("/v1/profile", get(profile))
        .route("/v1/catalogue", get(catalogue).put(replace_catalogue))
        .route("/v1/catalogue/preview-due", get(preview_due))
        .route("/v1/catalogue/document", get(catalogue_document))
        .route("/v1/letterhead", get(letterhead))
        .route("/v1/reports/register", get(register))
        .route("/v1/reports/day/{date}", get(day_summary))
        .route("/v1/reports/period", get(period_stats))
        .route("/v1/verify", get(verify))
        .route("/v1/export", get(export))
}

async fn profile(State(ctx): State<Ctx>, headers: HeaderMap) -> Result<Json<Profile>, ApiError> {
    ctx.run(&headers, Permission::Read, None, |w| {
        Ok(w.desk.profile()?)
    })
    .await
    .map(Json)
}

async fn catalogue(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
) -> Result<Json<Vec<Procedure>>, ApiError> {
    ctx.run(&headers, Permission::Read, None, |w| {
        Ok(w.desk.catalogue()?)
    })
    .await
    .map(Json)
}

/// Replaces the catalogue (administrators).
async fn replace_catalogue(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<StatusCode, ApiError> {
    let procedures: Vec<Procedure> = parse(&body)?;
    ctx.run(&headers, Permission::Administer, None, move |w| {
        w.desk.replace_catalogue(procedures)?;
        Ok(StatusCode::NO_CONTENT)
    })
    .await
}

/// The appointment of a dossier of `procedure` received now, explained.
async fn preview_due(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Json<Option<Appointment>>, ApiError> {
    let p = Params::of(query.as_deref());
    let code = ProcedureCode(p.text("procedure").unwrap_or_default().to_owned());
    ctx.run(&headers, Permission::Read, p.now()?, move |w| {
        Ok(w.desk.preview_due(&code, w.at)?)
    })
    .await
    .map(Json)
}

async fn catalogue_document(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Json<Document>, ApiError> {
    let p = Params::of(query.as_deref());
    ctx.run(&headers, Permission::Read, p.now()?, |w| {
        Ok(w.desk.catalogue_document(w.at)?)
    })
    .await
    .map(Json)
}

/// The letterhead in force at `at` (an instant in the past or future is not a write: any
/// client may ask for one).
async fn letterhead(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Json<Letterhead>, ApiError> {
    let at: Option<LocalTime> = Params::of(query.as_deref()).value("at")?;
    ctx.run(&headers, Permission::Read, None, move |w| {
        Ok(w.desk.letterhead(at.unwrap_or(w.at))?)
    })
    .await
    .map(Json)
}

/// The register of `from..=to` (leaders).
async fn register(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Json<Document>, ApiError> {
    let p = Params::of(query.as_deref());
    let (from, to): (NaiveDate, NaiveDate) = (p.required("from")?, p.required("to")?);
    ctx.run(&headers, Permission::Reports, p.now()?, move |w| {
        Ok(w.desk.register(from, to, w.at)?)
    })
    .await
    .map(Json)
}

/// The end-of-day summary of `date` (leaders).
async fn day_summary(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    Path(d): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Json<DaySummary>, ApiError> {
    let date: NaiveDate = segment("date", &d)?;
    let p = Params::of(query.as_deref());
    ctx.run(&headers, Permission::Reports, p.now()?, move |w| {
        Ok(w.desk.day_summary(date, w.at)?)
    })
    .await
    .map(Json)
}

/// The period statistics of `from..=to` (leaders).
async fn period_stats(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Json<PeriodStats>, ApiError> {
    let p = Params::of(query.as_deref());
    let (from, to): (NaiveDate, NaiveDate) = (p.required("from")?, p.required("to")?);
    ctx.run(&headers, Permission::Reports, p.now()?, move |w| {
        Ok(w.desk.period_stats(from, to, w.at)?)
    })
    .await
    .map(Json)
}

/// Walks the chain and every index (administrators).
async fn verify(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
) -> Result<Json<crate::store::Report>, ApiError> {
    ctx.run(&headers, Permission::Administer, None, |w| {
        Ok(w.desk.verify()?)
    })
    .await
    .map(Json)
}

/// Every dossier as JSONL or CSV; leaders get the masked form, administrators either.
async fn export(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<answer::Bytes, ApiError> {
    let p = Params::of(query.as_deref());
    let format: ExportFormat = p.required("format")?;
    let mask = p.value("mask")?.unwrap_or(false);
    let need = if mask {
        Permission::Reports
    } else {
        Permission::Administer
    };
    ctx.run(&headers, need, None, move |w| {
        let mut out = Vec::new();
        w.desk.export(format, mask, &mut out)?;
        let media = match format {
            ExportFormat::Jsonl => "application/jsonl",
            ExportFormat::Csv => "text/csv",
        };
        Ok(answer::Bytes(media, out))
    })
    .await
}
