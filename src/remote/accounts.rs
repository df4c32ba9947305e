//! Account requests over the API: log in and out, who am I, and the administrator's account
//! commands. Each is one request; refusals keep the server's Vietnamese message.

use super::client::{Client, RemoteError};
use super::wire::{LoginRequest, NewAccount, NewFullName, NewPassword, Whoami};
use crate::desk::accounts::Login;
use crate::domain::account::AccountInfo;

pub fn login(client: &Client, user: &str, password: &str) -> Result<Login, RemoteError> {
    let body = LoginRequest {
        user: user.to_owned(),
        password: password.to_owned(),
    };
    client.post("/v1/login", &body)
}

pub(crate) fn logout(client: &Client) -> Result<(), RemoteError> {
    client.post::<_, ()>("/v1/logout", &())
}

pub fn whoami(client: &Client) -> Result<Whoami, RemoteError> {
    client.get("/v1/me")
}

pub(crate) fn list(client: &Client) -> Result<Vec<AccountInfo>, RemoteError> {
    client.get("/v1/accounts")
}

pub fn add(
    client: &Client,
    new: &crate::desk::accounts::NewAccount<'_>,
) -> Result<AccountInfo, RemoteError> {
    let body = NewAccount {
        name: new.name.to_owned(),
        full_name: new.full_name.to_owned(),
        role: new.role,
        password: new.password.to_owned(),
    };
    client.post("/v1/accounts", &body)
}

/// Sets an account's full name (administrators).
pub fn rename(client: &Client, name: &str, full_name: &str) -> Result<AccountInfo, RemoteError> {
    let body = NewFullName {
        full_name: full_name.to_owned(),
    };
    client.post(&format!("/v1/accounts/{name}/full-name"), &body)
}

pub fn disable(client: &Client, name: &str) -> Result<AccountInfo, RemoteError> {
    client.post(&format!("/v1/accounts/{name}/disable"), &())
}

pub(crate) fn set_password(
    client: &Client,
    name: &str,
    password: &str,
) -> Result<AccountInfo, RemoteError> {
    let body = NewPassword {
        password: password.to_owned(),
    };
    client.post(&format!("/v1/accounts/{name}/password"), &body)
}
