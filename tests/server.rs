//! Counter mode: a real `motcua serve` on 127.0.0.1 port 0 with real TLS, real clients in
//! threads and the real binary: accounts, roles and lockout, certificate pinning, concurrent
//! intakes and SIGKILL under load, stale views, the server's clock, the data directory's socket.

#[path = "server/accounts.rs"]
mod accounts;
#[path = "server/fixtures.rs"]
mod fixtures;
#[path = "server/load.rs"]
mod load;
#[path = "server/officers.rs"]
mod officers;
#[path = "server/openapi.rs"]
mod openapi;
#[path = "server/reports.rs"]
mod reports;
#[path = "server/retry.rs"]
mod retry;
#[path = "server/socket.rs"]
mod socket;
#[path = "server/tls.rs"]
mod tls;
