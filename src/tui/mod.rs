//! The terminal desk: app state, event loop, keymap, screens. Presents and dispatches only; all
//! work goes through `desk`.

use crate::cli::{CmdResult, Context};

/// Opens the desk on `ctx.data_dir` and runs until the clerk quits.
pub fn run(_ctx: &Context) -> CmdResult {
    Err(crate::cli::Failure::environment(
        "Giao diện bàn làm việc đang được xây dựng.",
    ))
}
