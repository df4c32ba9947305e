//! A due date's explanation as lines of text, for the intake form and the dossier view. The
//! calendar writes the derivation (ending with the due instant); this is the one place the
//! screens get it from.

use crate::calendar::Due;

/// The explanation of `due`, one step per line.
pub fn lines(due: &Due) -> Vec<String> {
    due.explanation.lines()
}
