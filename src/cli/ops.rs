//! Subcommands: backup, restore, demo.

use clap::Subcommand;

use super::{CmdResult, Context};

#[derive(Subcommand, Debug)]
pub enum OpsCommand {}

pub fn run(_ctx: &Context, cmd: OpsCommand) -> CmdResult {
    match cmd {}
}
