//! motcua — the one-stop reception desk ("Bộ phận Một cửa") of a Vietnamese commune.
//!
//! Layering: a module imports only modules to its left (`tests/architecture.rs` holds every
//! import of every file against this order and fails on an upward import or a cycle):
//! (`text`, `files`) → `calendar` → `domain` → (`report`, `store`, `demo`) → `settings` → `desk` →
//! (`print`, remote client) → (`tui`, server) → `cli`.
//!
//! - [`text`]: Vietnamese text helpers (NFC, diacritic folding) and the one sanitiser of
//!   output; [`files`]: private files and folders, atomic outputs, bounded reads.
//! - [`calendar`]: legal working time — office hours, holidays (incl. lunar), notices, due dates
//!   and their explanation. Pure: no clock, no files, no terminal.
//! - [`domain`]: dossiers, procedures, applicants, events, the legal state machine, timeliness,
//!   the apology duty; each domain thing's user-visible label next to its type
//!   (`Status::label`…). Pure.
//! - [`report`]: pure functions from dossiers to documents; [`store`]: sled trees, versioned
//!   records, secondary indexes, durability, the only code that knows bytes; [`demo`]: a
//!   generated ledger for trying the desk. None of the three imports another.
//! - [`settings`] reads `config.toml`.
//! - [`desk`]: the use cases a clerk performs (receive, transfer, hand back…): validate with
//!   `domain`, persist with `store`, one call each.
//! - [`print`]: documents to PDF/text/CSV, to a file or a printer; [`remote`]: reaching a
//!   ledger another process holds (its Unix socket, or `motcua serve` over pinned TLS).
//! - [`server`]: `motcua serve` and the holder's socket, the `/v1` HTTP API.
//! - [`tui`]: the terminal desk; [`cli`]: the subcommands.

pub mod calendar;
pub mod cli;
pub mod demo;
pub mod desk;
pub mod domain;
pub mod files;
pub mod print;
pub mod remote;
pub mod report;
pub mod server;
pub mod settings;
pub mod store;
pub mod text;
pub mod tui;
