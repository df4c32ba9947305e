//! A due date's explanation as lines of text, for the intake form and the dossier view.

use crate::calendar::Due;

use super::format::{time, weekday};

/// The explanation of `due`, one step per line.
pub fn lines(due: &Due) -> Vec<String> {
    vec![format!("Hạn: {} {}", weekday(due.at), time(due.at))]
}
