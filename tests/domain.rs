//! The legal state machine, intake validation, timeliness, the apology duty, dossier codes and
//! the catalogue. Table-driven: each file's cases run through one helper.

// `#[path]` keeps these resolving both when this file is a module of tests/main.rs and when
// Cargo builds it as a test target of its own.
#[path = "domain/catalogue.rs"]
mod catalogue;
#[path = "domain/codes.rs"]
mod codes;
#[path = "domain/corrections.rs"]
mod corrections;
#[path = "domain/duty.rs"]
mod duty;
#[path = "domain/fixtures.rs"]
mod fixtures;
#[path = "domain/lifecycle.rs"]
mod lifecycle;
#[path = "domain/machine.rs"]
mod machine;
#[path = "domain/settings.rs"]
mod settings;
#[path = "domain/supplement.rs"]
mod supplement;
#[path = "domain/validation.rs"]
mod validation;
