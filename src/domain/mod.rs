//! What the desk deals in: procedures, applicants, dossiers and their events, the legal state
//! machine, timeliness and the apology duty. Pure: no terminal, no storage, no clock, no files;
//! the current time and the calendar are always passed in.

pub mod account;
pub mod apology;
pub mod catalogue;
pub mod code;
pub mod command;
pub mod error;
pub mod fields;
pub mod lifecycle;
pub mod model;
pub mod terms;
pub mod timeliness;
pub mod validate;

pub use apology::{
    ApologyDuty, apology_deadline, apology_duty, clock_start, deadline_for, issued_new_due,
    suggest_new_due,
};
pub use catalogue::{
    LineError, builtin_catalogue, builtin_catalogue_csv, catalogue_to_csv, parse_catalogue_csv,
};
pub use code::{CodeParts, DossierCode, NotACode, looks_like_code};
pub use error::DomainError;
pub use fields::{Field, FieldProblem};
pub use lifecycle::{
    CommandKind, DESK_UNIT, allowed, apology_event, apply, available_commands, clock_events,
    current_unit, new_dossier,
};
pub use model::*;
pub use terms::{
    compute_fee, fee_text, parse_fee, parse_time_limit, parse_vnd, time_limit_text, vnd,
};
pub use timeliness::{
    DEFAULT_DUE_SOON_MINUTES, Timeliness, clock_instant, judge_resolution, resolved_at, timeliness,
};
pub use validate::{
    validate_documents, validate_email, validate_id_number, validate_intake, validate_name,
    validate_phone, validate_rating, validate_sets, validate_text,
};
