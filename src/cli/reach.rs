//! Where a command finds its ledger: the server the data directory is logged in to, the
//! holder's socket when another process has the store open, or the store itself.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::{Context, Failure};
use crate::desk::{Desk, LocalDesk};
use crate::domain::account::AccountInfo;
use crate::remote::{Client, Endpoint, RemoteDesk, profile};
use crate::server::Holder;
use crate::server::listen::SOCKET;

/// A client of the server a counter is logged in to, with its pin and token.
pub(crate) fn server_client(p: &profile::Profile) -> Client {
    Client::new(
        &Endpoint::Server {
            url: p.server.clone(),
            pin: Some(p.fingerprint.clone()),
        },
        Some(p.token.clone()),
    )
}

/// Where a command's ledger is.
pub(crate) enum Ledger {
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

/// How long a command refused by the store's lock waits for the socket of a desk or
/// `motcua serve` that holds the lock but is still opening the store (seconds on a large
/// ledger: sled's replay, upgrades, tallies).
const STARTING_WAIT: Duration = Duration::from_secs(60);
/// How often the socket is tried meanwhile.
const STARTING_POLL: Duration = Duration::from_millis(100);

/// Finds the ledger of `ctx.data_dir`: the server it is logged in to, else the holder's socket
/// when another process has the store open, else the store itself (opened here). A desk or
/// server that holds the store but has no socket yet (it is still opening the store: two desks
/// started a moment apart) is waited for, up to [`STARTING_WAIT`]. The store's lock message
/// remains only when the holder cannot be reached.
pub(crate) fn reach(ctx: &Context) -> Result<Ledger, Failure> {
    if let Some(p) = profile::load(&ctx.data_dir).map_err(Failure::environment)? {
        return Ok(Ledger::Remote(server_client(&p)));
    }
    if let Some(client) = holder(&ctx.data_dir) {
        return Ok(Ledger::Remote(client));
    }
    let deadline = Instant::now() + STARTING_WAIT;
    let mut told = false;
    loop {
        let refused = match LocalDesk::open(&ctx.data_dir) {
            Ok(desk) => return Ok(Ledger::Local(Box::new(desk))),
            Err(e) => e,
        };
        match wait_for_holder(&ctx.data_dir, deadline, &mut told) {
            Waited::Socket(client) => return Ok(Ledger::Remote(client)),
            // The holder ended before serving: the store may be free now.
            Waited::Gone => {}
            Waited::Nobody => return Err(refused.into()),
        }
    }
}

/// How a wait for a starting holder ended.
enum Waited {
    Socket(Client),
    Gone,
    /// No desk or server holds the store (the refusal was something else), or the deadline
    /// passed.
    Nobody,
}

/// After the store refused this process: while a desk or server holding the lock runs
/// ([`crate::store::starting_holder`]), tries its socket every [`STARTING_POLL`] until it
/// answers, the holder ends, or `deadline` passes. Says once on stderr what it waits for.
fn wait_for_holder(data_dir: &Path, deadline: Instant, told: &mut bool) -> Waited {
    // A new holder rewrites the lock file in two steps (empty, then its id): read it twice.
    let named = || crate::store::starting_holder(data_dir);
    let Some(pid) = named().or_else(|| {
        std::thread::sleep(STARTING_POLL);
        named()
    }) else {
        return Waited::Nobody;
    };
    if !*told {
        eprintln!(
            "Sổ hồ sơ tại {} đang được mở bởi bàn làm việc hoặc máy chủ motcua (tiến trình \
             {pid}); đang chờ để làm việc qua đó…",
            data_dir.display()
        );
        *told = true;
    }
    loop {
        if Instant::now() >= deadline {
            return Waited::Nobody;
        }
        std::thread::sleep(STARTING_POLL);
        if let Some(client) = holder(data_dir) {
            return Waited::Socket(client);
        }
        if named().is_none() {
            return Waited::Gone;
        }
    }
}

/// The desk a command works on: see [`reach`]. `--now` is sent to a holder only when given
/// (a server refuses it unless started with `--now`), `--operator` only to the socket.
pub(crate) fn open_desk(ctx: &Context) -> Result<Box<dyn Desk>, Failure> {
    Ok(match reach(ctx)? {
        Ledger::Local(desk) => {
            super::warn_read_only(&desk);
            desk
        }
        Ledger::Remote(client) => {
            Box::new(RemoteDesk::new(client, ctx.now_given, ctx.operator.clone()))
        }
    })
}

/// The ledger of the desk screen: the store itself, served meanwhile to the same machine on
/// the data directory's socket, or a holder's.
pub(crate) struct ScreenDesk {
    /// The store this process holds (it keeps the daily backup), with its socket.
    pub(crate) local: Option<(Arc<LocalDesk>, Option<Holder>)>,
    pub(crate) remote: Option<RemoteDesk>,
    /// The account logged in, as the title shows it (counter mode).
    pub(crate) who: Option<String>,
    /// The logged-in account's officer string (counter mode): the screen's operator, so its
    /// own checks (undo: only the officer who took the step) match what the server records.
    pub(crate) officer: Option<String>,
}

impl ScreenDesk {
    pub(crate) fn desk(&self) -> &dyn Desk {
        match (&self.local, &self.remote) {
            (Some((d, _)), _) => d.as_ref(),
            (None, Some(r)) => r,
            (None, None) => unreachable!("a screen desk is local or remote"),
        }
    }

    pub(crate) fn local(&self) -> Option<&LocalDesk> {
        self.local.as_ref().map(|(d, _)| d.as_ref())
    }
}

/// Opens the desk screen's ledger (see [`ScreenDesk`]). A socket that cannot be bound (a path
/// too long for a Unix socket, a read-only folder) leaves the desk working alone, as before.
pub(crate) fn open_screen(ctx: &Context) -> Result<ScreenDesk, Failure> {
    match reach(ctx)? {
        Ledger::Local(desk) => {
            let desk: Arc<LocalDesk> = Arc::from(desk);
            let now = ctx.now_given.then_some(ctx.now);
            let holder = Holder::start(desk.clone(), &ctx.data_dir, super::system_now, now).ok();
            Ok(ScreenDesk {
                local: Some((desk, holder)),
                remote: None,
                who: None,
                officer: None,
            })
        }
        Ledger::Remote(client) => {
            let account = crate::remote::accounts::whoami(&client)
                .map_err(|e| Failure::from(crate::desk::DeskError::from(e)))?
                .account;
            let who = account
                .as_ref()
                .map(|a| format!("{} · {}", a.officer(), a.role.slug()));
            let remote = RemoteDesk::new(client, ctx.now_given, ctx.operator.clone());
            Ok(ScreenDesk {
                local: None,
                remote: Some(remote),
                who,
                officer: account.as_ref().map(AccountInfo::officer),
            })
        }
    }
}
