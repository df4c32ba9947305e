//! Forms and reports: text snapshots of every document, the PDF's text read back, the QR code
//! decoded from what we draw, and the report invariants over random ledgers.

/// A text snapshot in tests/snapshots/, named `documents__<name>`.
macro_rules! snap {
    ($name:expr, $value:expr) => {
        insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!(concat!("documents__", $name), $value)
        })
    };
}

mod clerks;
mod cli;
mod fixtures;
mod forms;
mod invariants;
mod printing;
mod reports;
mod reprint;
