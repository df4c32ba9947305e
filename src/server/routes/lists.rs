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

pub fn routes(r: Router<Ctx>) -> Router<Ctx> {
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
async fn board(
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
async fn list(
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
async fn count(
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
async fn counters(
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
async fn by_status(
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
async fn received_on(
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
async fn search(
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
async fn late(
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
