//! `motcua serve`: the headless holder of a data directory's ledger, serving the `/v1/…` HTTP
//! API (axum on tokio) to the counters over TLS (rustls, a self-signed certificate pinned by
//! fingerprint) and to the same machine over the data directory's Unix socket.
//!
//! Owns the network side only: rules are `domain`'s, use cases `desk`'s, bytes `store`'s; the
//! JSON shapes are shared with the client in `remote::wire`. Must not depend on `tui` or `cli`
//! (the command line passes the system clock in).
//!
//! Contract (issue 13, used by checks):
//! - the first stdout line is `motcua serve https://HOST:PORT SHA256:<64 lowercase hex>`;
//! - SIGTERM or Ctrl-C stops it gracefully: no new connections, in-flight requests (and their
//!   writes) finish, long polls answer, then exit 0;
//! - log lines (stderr) carry no personal data: door, method, path, status, time.

pub mod listen;
pub mod routes;
pub mod state;
pub mod tls;

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use tokio::sync::watch;

use crate::calendar::LocalTime;
use crate::desk::{DeskError, LocalDesk};
use state::{Clock, Ctx, Door, Shared};

/// The address `serve` listens on without `--listen`: this machine only.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8443";

/// How long a stopping server waits for in-flight requests before it gives up on them.
const GRACE: Duration = Duration::from_secs(20);

/// What `motcua serve` needs.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    pub data_dir: PathBuf,
    pub listen: SocketAddr,
    /// Reads the machine's clock as Vietnam local time.
    pub system_clock: fn() -> LocalTime,
    /// `--now`: the server's clock starts there (and takes instants from clients).
    pub now: Option<LocalTime>,
}

/// Serves until SIGTERM or Ctrl-C. Errors are the environment's (exit 2): the store is held by
/// another process, the address is taken, the certificate cannot be read.
pub fn serve(opts: ServeOptions) -> Result<(), DeskError> {
    quiet_panics();
    let desk = LocalDesk::open(&opts.data_dir)?;
    let env =
        |what: &str, e: &dyn std::fmt::Display| DeskError::Environment(format!("{what}: {e}"));
    let identity = tls::Identity::load_or_create(&opts.data_dir).map_err(DeskError::Environment)?;
    let config = identity.server_config().map_err(DeskError::Environment)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| env("Không khởi động được máy chủ", &e))?;
    let (stop, stopping) = watch::channel(false);
    let shared = Arc::new(Shared {
        socket_needs_login: desk.settings().accounts.require_login,
        desk: RwLock::new(desk),
        clock: Clock::new(opts.system_clock, opts.now),
        changes: watch::channel(0).0,
        stopping: stopping.clone(),
    });
    let result = runtime.block_on(async {
        let tcp = tokio::net::TcpListener::bind(opts.listen)
            .await
            .map_err(|e| env(&format!("Không mở được cổng {}", opts.listen), &e))?;
        let addr = tcp
            .local_addr()
            .map_err(|e| env("Không đọc được cổng", &e))?;
        let tls = listen::TlsListener::new(tcp, config).map_err(|e| env("Lỗi mạng", &e))?;
        let socket = listen::bind_socket(&opts.data_dir)
            .map_err(|e| env("Không mở được ổ cắm cục bộ motcua.sock", &e))?;
        announce(addr, &identity.fingerprint());
        tokio::spawn(stop_on_signal(stop));
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

async fn stopped(mut stopping: watch::Receiver<bool>) {
    let _ = stopping.wait_for(|s| *s).await;
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
