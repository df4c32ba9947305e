//! What the desk deals in: procedures, applicants, dossiers and their events, the legal state
//! machine, timeliness and the apology duty. Pure: no terminal, no storage, no clock, no files;
//! the current time and the calendar are always passed in.

pub mod account;
pub(crate) mod apology;
pub(crate) mod catalogue;
pub mod code;
pub(crate) mod command;
pub(crate) mod correction;
pub(crate) mod error;
pub(crate) mod facts;
pub(crate) mod fields;
pub mod id_card;
pub(crate) mod imported;
pub mod judge;
pub(crate) mod lifecycle;
pub(crate) mod model;
pub(crate) mod money;
pub(crate) mod supplement;
pub mod tally;
pub(crate) mod timeline;
pub(crate) mod timeliness;
pub(crate) mod validate;

pub use apology::{ApologyDuty, suggest_new_due};
pub use catalogue::{
    LineError, builtin_catalogue, builtin_catalogue_csv, catalogue_to_csv, parse_catalogue_csv,
};
pub use code::{CodeParts, DossierCode, NotACode, looks_like_code};
pub use error::{DomainError, STALE_VIEW};
pub use fields::{Field, FieldProblem};
pub use imported::{ImportProblem, check_imported};
pub use judge::{ClockFacts, Judge, Judgement, Letter, apology_deadline, due_soon_window, judge};
pub use lifecycle::{
    CommandKind, DESK_UNIT, allowed, allowed_at, apology_event, apply, apply_under,
    available_commands, clock_events, current_unit, decree_118_from, new_dossier,
};
pub use model::*;
pub use money::{FeeRule, compute_fee, group_thousands, parse_vnd, vnd};
pub use supplement::{SupplementException, SupplementLaw};
pub use timeline::{ReceiptFacts, event_label, project, replay_dues};
pub use timeliness::{DEFAULT_DUE_SOON_MINUTES, Timeliness, judge_resolution};
pub use validate::{
    check_born_by, validate_documents, validate_email, validate_id_number, validate_intake,
    validate_name, validate_phone, validate_rating, validate_sets, validate_text,
};
