//! Lists judged at an instant: a board page with its header, a list page and its count, today's
//! counters, dossiers by status and by day of receipt, search, the late list. Pages are
//! `offset` and `limit` in the query; the instant is the server's clock unless the server was
//! started with `--now` and the client sends `now`.

use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::routing::get;
use chrono::NaiveDate;

use crate::desk::{BoardPage, DayCounters, Desk, ListFilter, Page, Row};
use crate::domain::Status;
use crate::domain::account::Permission;
use crate::server::answer::{ApiError, Json, Params, segment};
use crate::server::state::Ctx;

pub(crate) fn routes(r: Router<Ctx>) -> Router<Ctx> {
    r.route("/v1/board/{filter}", get(board))
        .route("/v1/lists/{filter}", get(list))
        .route("/v1/lists/{filter}/count", get(count))
        .route("/v1/counters", get(counters))
        .route("/v1/status/{status}", get(by_status))
        .route("/v1/received/{day}", get(received_on))
        .route("/v1/search", get(search))
        .route("/v1/late", get(late))
}

/// `offset` (default 0) and `limit` (default: all) of the query.
fn page(p: &Params) -> Result<Page, ApiError> {
    Ok(Page {
        offset: p.value("offset")?.unwrap_or(0),
        limit: p.value("limit")?.unwrap_or(usize::MAX),
    })
}

fn filter(text: &str) -> Result<ListFilter, ApiError> {
    segment("filter", text)
}

/// One board page with every list's count when `header=true` (`Desk::board`).
#[utoipa::path(get, path = "/v1/board/{filter}", tag = "lists", params(("filter" = ListFilter, Path, description = "Danh sách"), ("offset" = Option<usize>, Query, description = "Bỏ qua bao nhiêu dòng (mặc định 0)"), ("limit" = Option<usize>, Query, description = "Tối đa bao nhiêu dòng (mặc định: tất cả)"), ("header" = Option<bool>, Query, description = "Kèm số đếm của mọi danh sách và hôm nay"), ("now" = Option<String>, Query, description = "Thời điểm của máy trạm (YYYY-MM-DDTHH:MM:SS); chỉ máy chủ chạy với --now nhận")), responses((status = 200, description = "OK", body = BoardPage)))]
pub(super) async fn board(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    Path(f): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Json<BoardPage>, ApiError> {
    let (f, p) = (filter(&f)?, Params::of(query.as_deref()));
    let (page, header) = (page(&p)?, p.value("header")?.unwrap_or(false));
    ctx.run(&headers, Permission::Read, p.now()?, move |w| {
        Ok(w.desk.board(f, w.at, page, header)?)
    })
    .await
    .map(Json)
}

/// One page of a list (`Desk::list`).
#[utoipa::path(get, path = "/v1/lists/{filter}", tag = "lists", params(("filter" = ListFilter, Path, description = "Danh sách"), ("offset" = Option<usize>, Query, description = "Bỏ qua bao nhiêu dòng (mặc định 0)"), ("limit" = Option<usize>, Query, description = "Tối đa bao nhiêu dòng (mặc định: tất cả)"), ("now" = Option<String>, Query, description = "Thời điểm của máy trạm (YYYY-MM-DDTHH:MM:SS); chỉ máy chủ chạy với --now nhận")), responses((status = 200, description = "OK", body = Vec<Row>)))]
pub(super) async fn list(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    Path(f): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Json<Vec<Row>>, ApiError> {
    let (f, p) = (filter(&f)?, Params::of(query.as_deref()));
    let page = page(&p)?;
    ctx.run(&headers, Permission::Read, p.now()?, move |w| {
        Ok(w.desk.list(f, w.at, page)?)
    })
    .await
    .map(Json)
}

/// How many dossiers a list holds (`Desk::count`).
#[utoipa::path(get, path = "/v1/lists/{filter}/count", tag = "lists", params(("filter" = ListFilter, Path, description = "Danh sách"), ("now" = Option<String>, Query, description = "Thời điểm của máy trạm (YYYY-MM-DDTHH:MM:SS); chỉ máy chủ chạy với --now nhận")), responses((status = 200, description = "OK", body = u64)))]
pub(super) async fn count(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    Path(f): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Json<u64>, ApiError> {
    let (f, p) = (filter(&f)?, Params::of(query.as_deref()));
    ctx.run(&headers, Permission::Read, p.now()?, move |w| {
        Ok(w.desk.count(f, w.at)?)
    })
    .await
    .map(Json)
}

/// Today's counters (`Desk::counters`).
#[utoipa::path(get, path = "/v1/counters", tag = "lists", params(("now" = Option<String>, Query, description = "Thời điểm của máy trạm (YYYY-MM-DDTHH:MM:SS); chỉ máy chủ chạy với --now nhận")), responses((status = 200, description = "OK", body = DayCounters)))]
pub(super) async fn counters(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Json<DayCounters>, ApiError> {
    let p = Params::of(query.as_deref());
    ctx.run(&headers, Permission::Read, p.now()?, move |w| {
        Ok(w.desk.counters(w.at)?)
    })
    .await
    .map(Json)
}

/// Dossiers in one status (`Desk::list_status`).
#[utoipa::path(get, path = "/v1/status/{status}", tag = "lists", params(("status" = Status, Path, description = "Trạng thái"), ("offset" = Option<usize>, Query, description = "Bỏ qua bao nhiêu dòng (mặc định 0)"), ("limit" = Option<usize>, Query, description = "Tối đa bao nhiêu dòng (mặc định: tất cả)"), ("now" = Option<String>, Query, description = "Thời điểm của máy trạm (YYYY-MM-DDTHH:MM:SS); chỉ máy chủ chạy với --now nhận")), responses((status = 200, description = "OK", body = Vec<Row>)))]
pub(super) async fn by_status(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    Path(s): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Json<Vec<Row>>, ApiError> {
    let status: Status = segment("status", &s)?;
    let p = Params::of(query.as_deref());
    let page = page(&p)?;
    ctx.run(&headers, Permission::Read, p.now()?, move |w| {
        Ok(w.desk.list_status(status, w.at, page)?)
    })
    .await
    .map(Json)
}

/// Dossiers received on one day, `YYYY-MM-DD` (`Desk::received_on`).
#[utoipa::path(get, path = "/v1/received/{day}", tag = "lists", params(("day" = String, Path, description = "Ngày tiếp nhận YYYY-MM-DD"), ("offset" = Option<usize>, Query, description = "Bỏ qua bao nhiêu dòng (mặc định 0)"), ("limit" = Option<usize>, Query, description = "Tối đa bao nhiêu dòng (mặc định: tất cả)"), ("now" = Option<String>, Query, description = "Thời điểm của máy trạm (YYYY-MM-DDTHH:MM:SS); chỉ máy chủ chạy với --now nhận")), responses((status = 200, description = "OK", body = Vec<Row>)))]
pub(super) async fn received_on(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    Path(d): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Json<Vec<Row>>, ApiError> {
    let day: NaiveDate = segment("day", &d)?;
    let p = Params::of(query.as_deref());
    let page = page(&p)?;
    ctx.run(&headers, Permission::Read, p.now()?, move |w| {
        Ok(w.desk.received_on(day, w.at, page)?)
    })
    .await
    .map(Json)
}

/// Accent-insensitive search, `q` and `limit` (`Desk::search`).
#[utoipa::path(get, path = "/v1/search", tag = "lists", params(("q" = String, Query, description = "Mã, tên, số định danh (không dấu cũng được)"), ("limit" = Option<usize>, Query, description = "Tối đa (mặc định 50)"), ("now" = Option<String>, Query, description = "Thời điểm của máy trạm (YYYY-MM-DDTHH:MM:SS); chỉ máy chủ chạy với --now nhận")), responses((status = 200, description = "OK", body = Vec<Row>)))]
pub(super) async fn search(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Json<Vec<Row>>, ApiError> {
    let p = Params::of(query.as_deref());
    let text = p.text("q").unwrap_or_default().to_owned();
    let limit = p.value::<usize>("limit")?.unwrap_or(50).min(10_000);
    ctx.run(&headers, Permission::Read, p.now()?, move |w| {
        Ok(w.desk.search(&text, limit, w.at)?)
    })
    .await
    .map(Json)
}

/// The late list (`Desk::late`).
#[utoipa::path(get, path = "/v1/late", tag = "lists", params(("now" = Option<String>, Query, description = "Thời điểm của máy trạm (YYYY-MM-DDTHH:MM:SS); chỉ máy chủ chạy với --now nhận")), responses((status = 200, description = "OK", body = Vec<Row>)))]
pub(super) async fn late(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Json<Vec<Row>>, ApiError> {
    let p = Params::of(query.as_deref());
    ctx.run(&headers, Permission::Read, p.now()?, move |w| {
        Ok(w.desk.late(w.at)?)
    })
    .await
    .map(Json)
}
