//! A due date's explanation as lines of text, for the intake form and the dossier view. The
//! calendar writes the derivation; this only adds the conclusion line.

use crate::calendar::Due;

use super::format::{time, weekday};

/// The explanation of `due`, one step per line, ending with the appointment.
pub fn lines(due: &Due) -> Vec<String> {
    let mut out = due.explanation.lines();
    out.push(format!("⇒ Hẹn trả: {} {}", weekday(due.at), time(due.at)));
    out
}
