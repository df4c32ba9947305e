//! Subcommands: receive, show, list, search, transitions, export, import, verify, catalogue.

use clap::Subcommand;

use super::{CmdResult, Context};

#[derive(Subcommand, Debug)]
pub enum LedgerCommand {}

pub fn run(_ctx: &Context, cmd: LedgerCommand) -> CmdResult {
    match cmd {}
}
