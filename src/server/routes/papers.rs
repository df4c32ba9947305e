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

pub(crate) fn routes(r: Router<Ctx>) -> Router<Ctx> {
    r.route("/v1/profile", get(profile))
        .route("/v1/catalogue", get(catalogue).put(replace_catalogue))
        .route("/v1/catalogue/preview-due", get(preview_due))
        .route("/v1/catalogue/document", get(catalogue_document))
        .route("/v1/letterhead", get(letterhead))
        .route("/v1/reports/register", get(register))
        .route("/v1/reports/day/{date}", get(day_summary))
        .route("/v1/reports/period", get(period_stats))
        .route("/v1/reports/figures", get(clerk_figures))
        .route("/v1/verify", get(verify))
        .route("/v1/verify/head", get(verify_head))
        .route("/v1/export", get(export))
}

#[utoipa::path(get, path = "/v1/profile", tag = "reference", responses((status = 200, description = "OK", body = Profile)))]
pub(super) async fn profile(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
) -> Result<Json<Profile>, ApiError> {
    ctx.run(&headers, Permission::Read, None, |w| {
        Ok(w.desk.profile()?)
    })
    .await
    .map(Json)
}

#[utoipa::path(get, path = "/v1/catalogue", tag = "reference", responses((status = 200, description = "OK", body = Vec<Procedure>)))]
pub(super) async fn catalogue(
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
#[utoipa::path(put, path = "/v1/catalogue", tag = "reference", request_body = Vec<Procedure>, responses((status = 204, description = "Đã thay danh mục")))]
pub(super) async fn replace_catalogue(
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
#[utoipa::path(get, path = "/v1/catalogue/preview-due", tag = "reference", params(("procedure" = String, Query, description = "Mã thủ tục"), ("now" = Option<String>, Query, description = "Thời điểm của máy trạm (YYYY-MM-DDTHH:MM:SS); chỉ máy chủ chạy với --now nhận")), responses((status = 200, description = "OK", body = Option<Appointment>)))]
pub(super) async fn preview_due(
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

#[utoipa::path(get, path = "/v1/catalogue/document", tag = "papers", params(("now" = Option<String>, Query, description = "Thời điểm của máy trạm (YYYY-MM-DDTHH:MM:SS); chỉ máy chủ chạy với --now nhận")), responses((status = 200, description = "OK", body = Document)))]
pub(super) async fn catalogue_document(
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
#[utoipa::path(get, path = "/v1/letterhead", tag = "reference", params(("at" = Option<String>, Query, description = "Thời điểm (YYYY-MM-DDTHH:MM:SS); mặc định: bây giờ")), responses((status = 200, description = "OK", body = Letterhead)))]
pub(super) async fn letterhead(
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

/// The register ("Sổ theo dõi hồ sơ") of `from..=to`: kept by the reception desk, so every
/// role prints it.
#[utoipa::path(get, path = "/v1/reports/register", tag = "reports", params(("from" = String, Query, description = "Từ ngày YYYY-MM-DD"), ("to" = String, Query, description = "Đến hết ngày YYYY-MM-DD"), ("now" = Option<String>, Query, description = "Thời điểm của máy trạm (YYYY-MM-DDTHH:MM:SS); chỉ máy chủ chạy với --now nhận")), responses((status = 200, description = "OK", body = Document)))]
pub(super) async fn register(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Json<Document>, ApiError> {
    let p = Params::of(query.as_deref());
    let (from, to): (NaiveDate, NaiveDate) = (p.required("from")?, p.required("to")?);
    ctx.run(&headers, Permission::DeskPapers, p.now()?, move |w| {
        Ok(w.desk.register(from, to, w.at)?)
    })
    .await
    .map(Json)
}

/// The end-of-day summary of `date`: the clerk's own paper before leaving, so every role prints
/// it.
#[utoipa::path(get, path = "/v1/reports/day/{date}", tag = "reports", params(("date" = String, Path, description = "Ngày YYYY-MM-DD"), ("now" = Option<String>, Query, description = "Thời điểm của máy trạm (YYYY-MM-DDTHH:MM:SS); chỉ máy chủ chạy với --now nhận")), responses((status = 200, description = "OK", body = DaySummary)))]
pub(super) async fn day_summary(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    Path(d): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Json<DaySummary>, ApiError> {
    let date: NaiveDate = segment("date", &d)?;
    let p = Params::of(query.as_deref());
    ctx.run(&headers, Permission::DeskPapers, p.now()?, move |w| {
        Ok(w.desk.day_summary(date, w.at)?)
    })
    .await
    .map(Json)
}

/// The period statistics (Biểu 06) of `from..=to` (leaders and above: the agency's report to
/// its superior).
#[utoipa::path(get, path = "/v1/reports/period", tag = "reports", params(("from" = String, Query, description = "Từ ngày YYYY-MM-DD"), ("to" = String, Query, description = "Đến hết ngày YYYY-MM-DD"), ("now" = Option<String>, Query, description = "Thời điểm của máy trạm (YYYY-MM-DDTHH:MM:SS); chỉ máy chủ chạy với --now nhận")), responses((status = 200, description = "OK", body = PeriodStats)))]
pub(super) async fn period_stats(
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

/// The clerk's figures of `from..=to`: by receiving officer and by processing unit (leaders and
/// above, like Biểu 06 whose readings they split).
#[utoipa::path(get, path = "/v1/reports/figures", tag = "reports", params(("from" = String, Query, description = "Từ ngày YYYY-MM-DD"), ("to" = String, Query, description = "Đến hết ngày YYYY-MM-DD"), ("now" = Option<String>, Query, description = "Thời điểm của máy trạm (YYYY-MM-DDTHH:MM:SS); chỉ máy chủ chạy với --now nhận")), responses((status = 200, description = "OK", body = crate::report::period::ClerkFigures)))]
pub(super) async fn clerk_figures(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Json<crate::report::period::ClerkFigures>, ApiError> {
    let p = Params::of(query.as_deref());
    let (from, to): (NaiveDate, NaiveDate) = (p.required("from")?, p.required("to")?);
    ctx.run(&headers, Permission::Reports, p.now()?, move |w| {
        Ok(w.desk.clerk_figures(from, to, w.at)?)
    })
    .await
    .map(Json)
}

/// Walks the chain and every index (administrators).
#[utoipa::path(get, path = "/v1/verify", tag = "operations", responses((status = 200, description = "OK", body = crate::store::Report)))]
pub(super) async fn verify(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
) -> Result<Json<crate::store::Report>, ApiError> {
    ctx.run(&headers, Permission::Administer, None, |w| {
        Ok(w.desk.verify()?)
    })
    .await
    .map(Json)
}

/// The first point of the chain whose hash starts with `prefix` (a "mã kiểm chứng sổ" printed
/// on a report), or null when the chain does not pass through it (administrators, like
/// `/v1/verify`, which `motcua verify --head` runs first).
#[utoipa::path(get, path = "/v1/verify/head", tag = "operations", params(("prefix" = String, Query, description = "Mã kiểm chứng in trên báo cáo (ít nhất 8 chữ số hex)")), responses((status = 200, description = "OK", body = Option<crate::store::anchor::Anchor>)))]
pub(super) async fn verify_head(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Json<Option<crate::store::anchor::Anchor>>, ApiError> {
    let prefix: String = Params::of(query.as_deref()).required("prefix")?;
    ctx.run(&headers, Permission::Administer, None, move |w| {
        Ok(w.desk.find_head(&prefix)?)
    })
    .await
    .map(Json)
}

/// Every dossier as JSONL or CSV; leaders get the masked form, administrators either.
#[utoipa::path(get, path = "/v1/export", tag = "operations", params(("format" = ExportFormat, Query, description = "jsonl hoặc csv"), ("mask" = Option<bool>, Query, description = "Che dữ liệu cá nhân (lãnh đạo chỉ được bản che)")), responses((status = 200, description = "JSONL hoặc CSV", content_type = "text/csv", body = String)))]
pub(super) async fn export(
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
