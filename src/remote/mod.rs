//! The counter side of counter mode: reaching a ledger held by another process, on this machine
//! (the data directory's Unix socket) or across the centre's network (`motcua serve` over TLS
//! with a pinned certificate), and the link a logged-in counter keeps in its data directory.
//!
//! Sits beside `print` above `desk`: it may use `desk`, `domain`, `calendar` and `store`-free
//! types, never `tui`, `server` or `cli`. The JSON it exchanges is [`wire`], shared with the
//! server so the two cannot drift.

pub mod accounts;
pub mod client;
pub mod desk;
pub mod profile;
pub mod transport;
mod watch;
pub mod wire;

pub use client::{Client, Endpoint, RemoteError};
pub use desk::RemoteDesk;
