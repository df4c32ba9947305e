//! The holder's side of counter mode: the `/v1/…` HTTP API (axum on tokio) over the ledger this
//! process holds, served to the counters over TLS by `motcua serve` (rustls, a self-signed
//! certificate pinned by fingerprint) and to the same machine over the data directory's Unix
//! socket, by `serve` and by the desk screen while it is open ([`Holder`]).
//!
//! Owns the network side only: rules are `domain`'s, use cases `desk`'s, bytes `store`'s; the
//! JSON shapes are shared with the client in `remote::wire`. Must not depend on `tui` or `cli`
//! (the command line passes the system clock in).
//!
//! Contract (issue 13, used by checks):
//! - the first stdout line of `serve` is `motcua serve https://HOST:PORT SHA256:<64 hex>`;
//! - SIGTERM or Ctrl-C stops it gracefully: no new connections, in-flight requests (and their
//!   writes) finish, long polls answer, then exit 0;
//! - log lines (stderr) carry no personal data: door, method, path, status, time.

pub mod answer;
pub mod listen;
pub mod routes;
pub mod state;
pub mod tls;

use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;

use crate::calendar::LocalTime;
use crate::desk::{Desk, DeskError, LocalDesk};
use state::{Clock, Ctx, Door, Shared};

/// The address `serve` listens on without `--listen`: this machine only.
pub(crate) const DEFAULT_LISTEN: &str = "127.0.0.1:8443";

/// How long a stopping server waits for in-flight requests before it gives up on them.
const GRACE: Duration = Duration::from_secs(20);
/// How often the holder looks at the ledger's change counter (a board refreshes within this
/// plus one request).
const WATCH_EVERY: Duration = Duration::from_millis(100);

/// What `motcua serve` needs.
#[derive(Clone, Debug)]
pub(crate) struct ServeOptions {
    pub(crate) data_dir: PathBuf,
    pub(crate) listen: SocketAddr,
    /// Reads the machine's clock as Vietnam local time.
    pub(crate) system_clock: fn() -> LocalTime,
    /// `--now`: the server's clock starts there (and takes instants from clients).
    pub(crate) now: Option<LocalTime>,
}

fn env(what: &str, e: &dyn std::fmt::Display) -> DeskError {
    DeskError::Environment(format!("{what}: {e}"))
}

fn shared(desk: Arc<LocalDesk>, clock: Clock) -> (Arc<Shared>, watch::Sender<bool>) {
    let (stop, stopping) = watch::channel(false);
    let first = desk.changes().unwrap_or(0);
    let shared = Arc::new(Shared {
        socket_needs_login: desk.settings().accounts.require_login,
        desk,
        clock,
        changes: watch::channel(first).0,
        stopping,
    });
    (shared, stop)
}

/// Publishes the ledger's change counter to long polls whenever it moves, whoever wrote (a
/// request, or the desk screen of the holder process).
async fn watch_changes(shared: Arc<Shared>) {
    let mut stopping = shared.stopping.clone();
    loop {
        tokio::select! {
            () = tokio::time::sleep(WATCH_EVERY) => {}
            _ = stopping.wait_for(|s| *s) => return,
        }
        if let Ok(n) = shared.desk.changes() {
            shared.changes.send_if_modified(|seen| {
                let moved = *seen != n;
                *seen = n;
                moved
            });
        }
    }
}

async fn stopped(mut stopping: watch::Receiver<bool>) {
    let _ = stopping.wait_for(|s| *s).await;
}

/// Serves until SIGTERM or Ctrl-C. Errors are the environment's (exit 2): the store is held by
/// another process, the address is taken, the certificate cannot be read.
pub(crate) fn serve(opts: ServeOptions) -> Result<(), DeskError> {
    quiet_panics();
    let desk = Arc::new(LocalDesk::open(&opts.data_dir)?);
    let identity = tls::Identity::load_or_create(&opts.data_dir).map_err(DeskError::Environment)?;
    let config = identity.server_config().map_err(DeskError::Environment)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| env("Không khởi động được máy chủ", &e))?;
    let (shared, stop) = shared(desk, Clock::new(opts.system_clock, opts.now));
    let result = runtime.block_on(async {
        let tcp = tokio::net::TcpListener::bind(opts.listen)
            .await
            .map_err(|e| env(&format!("Không mở được cổng {}", opts.listen), &e))?;
        let addr = tcp
            .local_addr()
            .map_err(|e| env("Không đọc được cổng", &e))?;
        let tls = listen::TlsListener::new(tcp, config).map_err(|e| env("Lỗi mạng", &e))?;
        let socket = listen::bind_socket(&opts.data_dir)
            .and_then(tokio::net::UnixListener::from_std)
            .map_err(|e| env("Không mở được ổ cắm cục bộ motcua.sock", &e))?;
        announce(addr, &identity.fingerprint());
        tokio::spawn(stop_on_signal(stop));
        tokio::spawn(watch_changes(shared.clone()));
        let stopping = shared.stopping.clone();
        let net = Ctx {
            shared: shared.clone(),
            door: Door::Network,
        };
        let local = Ctx {
            shared,
            door: Door::Socket,
        };
        let both = async {
            let a = axum::serve(tls, routes::router(net))
                .with_graceful_shutdown(stopped(stopping.clone()));
            let b = axum::serve(socket, routes::router(local))
                .with_graceful_shutdown(stopped(stopping.clone()));
            let _ = tokio::join!(a, b);
        };
        tokio::select! {
            () = both => {}
            () = async { stopped(stopping.clone()).await; tokio::time::sleep(GRACE).await } => {
                eprintln!("motcua serve: hết thời gian chờ các yêu cầu đang chạy; dừng.");
            }
        }
        Ok(())
    });
    // Dropping the runtime waits for writes still running on the blocking pool.
    drop(runtime);
    listen::remove_socket(&opts.data_dir);
    result
}

/// The first stdout line (the command-line contract), flushed at once.
fn announce(addr: SocketAddr, fingerprint: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "motcua serve https://{addr} {fingerprint}");
    let _ = out.flush();
}

async fn stop_on_signal(stop: watch::Sender<bool>) {
    use tokio::signal::unix::{SignalKind, signal};
    let term = async {
        match signal(SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    tokio::select! {
        () = term => {}
        _ = tokio::signal::ctrl_c() => {}
    }
    eprintln!("motcua serve: đang dừng (chờ các yêu cầu đang chạy xong)…");
    let _ = stop.send(true);
}

/// A panic's message may hold a dossier's data: the server logs only where it happened.
fn quiet_panics() {
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("motcua serve: lỗi nội bộ tại {at} (yêu cầu bị hủy, không ghi gì).");
    }));
}

/// The desk screen's side of the same-machine path: while it holds the store, it serves the
/// ledger on the data directory's socket from a background thread, so `motcua report day`,
/// `receive`, another desk… on the same directory work through it. Stops (and removes the
/// socket) when dropped. Request logs are not written (the terminal belongs to the screen).
pub(crate) struct Holder {
    stop: watch::Sender<bool>,
    thread: Option<std::thread::JoinHandle<()>>,
    data_dir: PathBuf,
}

impl Holder {
    /// Binds `<data_dir>/motcua.sock` and starts serving `desk` on it. `now`: the desk's
    /// `--now`, if it was given: the socket's clock then starts there and takes the instants of
    /// its clients, as `serve --now` does (tests and demos); else the system clock is the truth.
    pub(crate) fn start(
        desk: Arc<LocalDesk>,
        data_dir: &Path,
        system_clock: fn() -> LocalTime,
        now: Option<LocalTime>,
    ) -> Result<Holder, DeskError> {
        let socket =
            listen::bind_socket(data_dir).map_err(|e| env("Không mở được motcua.sock", &e))?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| env("Không khởi động được ổ cắm cục bộ", &e))?;
        let (shared, stop) = shared(desk, Clock::new(system_clock, now));
        let thread = std::thread::spawn(move || {
            runtime.block_on(async move {
                let Ok(socket) = tokio::net::UnixListener::from_std(socket) else {
                    return;
                };
                tokio::spawn(watch_changes(shared.clone()));
                let stopping = shared.stopping.clone();
                let ctx = Ctx {
                    shared,
                    door: Door::Socket,
                };
                let _ = axum::serve(socket, routes::quiet_router(ctx))
                    .with_graceful_shutdown(stopped(stopping))
                    .await;
            });
        });
        Ok(Holder {
            stop,
            thread: Some(thread),
            data_dir: data_dir.to_path_buf(),
        })
    }
}

impl Drop for Holder {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
        listen::remove_socket(&self.data_dir);
    }
}
