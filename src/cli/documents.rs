//! Subcommands: print, report, late, apology.

use clap::Subcommand;

use super::{CmdResult, Context};

#[derive(Subcommand, Debug)]
pub enum DocumentsCommand {}

pub fn run(_ctx: &Context, cmd: DocumentsCommand) -> CmdResult {
    match cmd {}
}
