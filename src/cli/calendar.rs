//! `motcua calendar …`: due dates, days off and lunar dates from the command line.

use clap::{Args, Subcommand};

use super::{CmdResult, Context};

#[derive(Args, Debug)]
pub struct CalendarArgs {
    #[command(subcommand)]
    pub command: CalendarCommand,
}

#[derive(Subcommand, Debug)]
pub enum CalendarCommand {}

pub fn run(_ctx: &Context, args: CalendarArgs) -> CmdResult {
    match args.command {}
}
