//! What the desk deals in: procedures, applicants, dossiers and their events, the legal state
//! machine, timeliness and the apology duty. Pure: no terminal, no storage, no clock, no files;
//! the current time and the calendar are always passed in.

pub mod model;

pub use model::*;
