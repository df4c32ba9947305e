//! Subcommands: late, apology.

use clap::Subcommand;

use super::{CmdResult, Context};

#[derive(Subcommand, Debug)]
pub enum ApologyCommand {}

pub fn run(_ctx: &Context, cmd: ApologyCommand) -> CmdResult {
    match cmd {}
}
