//! Accounts: login and logout, who am I, and the administrator's account commands (add, list,
//! set a full name, disable, set a password).

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post};

use crate::desk::accounts::{Login, NewAccount as Adding};
use crate::domain::account::{AccountInfo, Permission};
use crate::remote::wire::{LoginRequest, NewAccount, NewFullName, NewPassword, Whoami};
use crate::server::answer::{ApiError, Json, parse};
use crate::server::state::{Caller, Ctx};

pub(crate) fn routes(r: Router<Ctx>) -> Router<Ctx> {
    r.route("/v1/login", post(login))
        .route("/v1/logout", post(logout))
        .route("/v1/me", get(me))
        .route("/v1/accounts", get(accounts).post(add_account))
        .route("/v1/accounts/{name}/full-name", post(rename_account))
        .route("/v1/accounts/{name}/disable", post(disable_account))
        .route("/v1/accounts/{name}/password", post(set_password))
}

/// Logs in; answers the session token (shown once) and the account.
#[utoipa::path(post, path = "/v1/login", tag = "accounts", request_body = LoginRequest, responses((status = 200, description = "OK", body = Login)))]
pub(super) async fn login(State(ctx): State<Ctx>, body: Bytes) -> Result<Json<Login>, ApiError> {
    let req: LoginRequest = parse(&body)?;
    ctx.open(move |s, now| {
        s.desk
            .login(req.user.trim(), &req.password, now)
            .map_err(|e| ApiError::denied(e.to_string()))
    })
    .await
    .map(Json)
}

/// Ends the caller's session.
#[utoipa::path(post, path = "/v1/logout", tag = "accounts", responses((status = 204, description = "Đã đăng xuất")))]
pub(super) async fn logout(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
) -> Result<StatusCode, ApiError> {
    ctx.run(&headers, Permission::Read, None, |w| {
        if let Some(token) = &w.caller.token {
            w.desk.logout(token)?;
        }
        Ok(StatusCode::NO_CONTENT)
    })
    .await
}

/// Who the server takes the caller for, and its clock.
#[utoipa::path(get, path = "/v1/me", tag = "accounts", responses((status = 200, description = "OK", body = Whoami)))]
pub(super) async fn me(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
) -> Result<Json<Whoami>, ApiError> {
    ctx.run(&headers, Permission::Read, None, |w| {
        Ok(Whoami {
            account: w.caller.account.clone(),
            server_now: w.at,
            accepts_client_time: w.shared.clock.takes_client_time(),
        })
    })
    .await
    .map(Json)
}

#[utoipa::path(get, path = "/v1/accounts", tag = "accounts", responses((status = 200, description = "OK", body = Vec<AccountInfo>)))]
pub(super) async fn accounts(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
) -> Result<Json<Vec<AccountInfo>>, ApiError> {
    ctx.run(&headers, Permission::Administer, None, |w| {
        Ok(w.desk.account_list()?)
    })
    .await
    .map(Json)
}

/// Who changes an account, as its name history records it: the administrator's officer
/// string, or empty for the OS user at the socket.
fn by(caller: &Caller) -> String {
    caller
        .account
        .as_ref()
        .map(AccountInfo::officer)
        .unwrap_or_default()
}

/// Adds an account with its login, full name, role and password (administrators).
#[utoipa::path(post, path = "/v1/accounts", tag = "accounts", request_body = NewAccount, responses((status = 200, description = "OK", body = AccountInfo)))]
pub(super) async fn add_account(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<AccountInfo>, ApiError> {
    let req: NewAccount = parse(&body)?;
    ctx.run(&headers, Permission::Administer, None, move |w| {
        let new = Adding {
            name: &req.name,
            full_name: &req.full_name,
            role: req.role,
            password: &req.password,
        };
        Ok(w.desk.add_account(&new, &by(w.caller), w.at)?)
    })
    .await
    .map(Json)
}

/// Sets an account's full name, recorded with the instant and the administrator; later events
/// of the account carry the new name, earlier ones keep theirs (administrators).
#[utoipa::path(post, path = "/v1/accounts/{name}/full-name", tag = "accounts", params(("name" = String, Path, description = "Tên tài khoản")), request_body = NewFullName, responses((status = 200, description = "OK", body = AccountInfo)))]
pub(super) async fn rename_account(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    Path(name): Path<String>,
    body: Bytes,
) -> Result<Json<AccountInfo>, ApiError> {
    let req: NewFullName = parse(&body)?;
    ctx.run(&headers, Permission::Administer, None, move |w| {
        Ok(w.desk
            .rename_account(&name, &req.full_name, &by(w.caller), w.at)?)
    })
    .await
    .map(Json)
}

#[utoipa::path(post, path = "/v1/accounts/{name}/disable", tag = "accounts", params(("name" = String, Path, description = "Tên tài khoản")), responses((status = 200, description = "OK", body = AccountInfo)))]
pub(super) async fn disable_account(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    Path(name): Path<String>,
) -> Result<Json<AccountInfo>, ApiError> {
    ctx.run(&headers, Permission::Administer, None, move |w| {
        Ok(w.desk.disable_account(&name)?)
    })
    .await
    .map(Json)
}

/// An administrator sets anyone's password; an account may set its own.
#[utoipa::path(post, path = "/v1/accounts/{name}/password", tag = "accounts", params(("name" = String, Path, description = "Tên tài khoản")), request_body = NewPassword, responses((status = 200, description = "OK", body = AccountInfo)))]
pub(super) async fn set_password(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    Path(name): Path<String>,
    body: Bytes,
) -> Result<Json<AccountInfo>, ApiError> {
    let req: NewPassword = parse(&body)?;
    ctx.run(&headers, Permission::Read, None, move |w| {
        if w.caller.account.as_ref().is_none_or(|a| a.name != name) {
            w.caller.require(Permission::Administer)?;
        }
        Ok(w.desk.set_password(&name, &req.password)?)
    })
    .await
    .map(Json)
}
