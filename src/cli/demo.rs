//! `motcua demo …`: generated data for demos and benchmarks.

use clap::{Args, Subcommand};

use super::{CmdResult, Context};

#[derive(Args, Debug)]
pub struct DemoArgs {
    #[command(subcommand)]
    pub command: DemoCommand,
}

#[derive(Subcommand, Debug)]
pub enum DemoCommand {}

pub fn run(_ctx: &Context, args: DemoArgs) -> CmdResult {
    match args.command {}
}
