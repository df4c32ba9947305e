//! motcua — the one-stop reception desk ("Bộ phận Một cửa") of a Vietnamese commune.
//!
//! Layering (dependencies point down only; `tests/architecture.rs` enforces the pure core):
//!
//! - [`calendar`]: legal working time — office hours, holidays (incl. lunar), notices, due dates
//!   and their explanation. Pure: no clock, no files, no terminal.
//! - [`domain`]: dossiers, procedures, applicants, events, the legal state machine, timeliness,
//!   the apology duty. Pure.
//! - [`store`]: sled trees, versioned records, secondary indexes, durability. The only code that
//!   knows bytes.
//! - [`desk`]: the use cases a clerk performs (receive, transfer, hand back…): validate with
//!   `domain`, persist with `store`, one call each.
//! - [`report`]: pure functions from dossiers to documents; [`print`]: documents to PDF/text/CSV.
//! - [`tui`]: the terminal desk; [`cli`]: the subcommands.
//! - [`text`]: Vietnamese text helpers (NFC, diacritic folding); [`strings`]: user-facing words.

pub mod calendar;
pub mod cli;
pub mod demo;
pub mod desk;
pub mod domain;
pub mod print;
pub mod report;
pub mod settings;
pub mod store;
pub mod strings;
pub mod text;
pub mod tui;
