//! Where a command finds its ledger: the server the data directory is logged in to, the
//! holder's socket when another process has the store open, or the store itself.

use std::path::Path;

use super::{Context, Failure};
use crate::desk::LocalDesk;
use crate::remote::{Client, Endpoint, profile};
use crate::server::listen::SOCKET;

/// A client of the server a counter is logged in to, with its pin and token.
pub fn server_client(p: &profile::Profile) -> Client {
    Client::new(
        &Endpoint::Server {
            url: p.server.clone(),
            pin: Some(p.fingerprint.clone()),
        },
        Some(p.token.clone()),
    )
}

/// Where a command's ledger is.
pub enum Ledger {
    /// This process opened the store.
    Local(Box<LocalDesk>),
    /// Another process holds it (its socket) or a server does (the data directory's login).
    Remote(Client),
}

/// A client of the live holder of `data_dir`'s socket, if one answers.
fn holder(data_dir: &Path) -> Option<Client> {
    let path = data_dir.join(SOCKET);
    if !path.exists() {
        return None;
    }
    let client = Client::new(&Endpoint::Socket(path), None);
    client.get::<serde_json::Value>("/v1/health").ok()?;
    Some(client)
}

/// Finds the ledger of `ctx.data_dir`: the server it is logged in to, else the holder's socket
/// when another process has the store open, else the store itself (opened here). The store's
/// lock message remains only when the holder cannot be reached.
pub fn reach(ctx: &Context) -> Result<Ledger, Failure> {
    if let Some(p) = profile::load(&ctx.data_dir).map_err(Failure::environment)? {
        return Ok(Ledger::Remote(server_client(&p)));
    }
    if let Some(client) = holder(&ctx.data_dir) {
        return Ok(Ledger::Remote(client));
    }
    Ok(Ledger::Local(Box::new(LocalDesk::open(&ctx.data_dir)?)))
}
