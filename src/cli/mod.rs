//! The subcommands for scripts and tests. `main` parses arguments, reads the clock once (or
//! `--now`), and dispatches; each subcommand family lives in its own file and is flattened into
//! the top level, so adding a command touches only its family's file.
//!
//! Exit codes: 0 success; 1 refused by a rule or bad input (message on stderr, in Vietnamese);
//! 2 environment or store error.

pub mod apology;
pub mod calendar;
pub mod demo;
pub mod documents;
pub mod ledger;
pub mod ops;

use std::path::PathBuf;

use chrono::Timelike;
use clap::{Parser, Subcommand};

use crate::calendar::{LocalTime, parse_local};

#[derive(Parser, Debug)]
#[command(
    name = "motcua",
    version,
    about = "Bàn tiếp nhận và trả kết quả một cửa"
)]
pub struct Cli {
    /// Data directory (default: the platform data directory, e.g. ~/.local/share/motcua).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// The current time, "YYYY-MM-DD HH:MM" in Vietnam time (default: the system clock).
    #[arg(long, global = true, value_name = "TIME")]
    pub now: Option<String>,
    /// Who performs the operation (default: the settings' default operator).
    #[arg(long, global = true, value_name = "NAME")]
    pub operator: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Working-time calendar: due dates, days off, lunar dates.
    Calendar(calendar::CalendarArgs),
    #[command(flatten)]
    Ledger(ledger::LedgerCommand),
    #[command(flatten)]
    Documents(documents::DocumentsCommand),
    #[command(flatten)]
    Ops(ops::OpsCommand),
    #[command(flatten)]
    Apology(apology::ApologyCommand),
    /// Generated data for demos and benchmarks.
    Demo(demo::DemoArgs),
}

/// What every subcommand receives: the resolved data directory, the current time, the operator.
#[derive(Clone, Debug)]
pub struct Context {
    pub data_dir: PathBuf,
    pub now: LocalTime,
    /// As given by `--operator`; `None` means the settings' default operator.
    pub operator: Option<String>,
}

/// A subcommand's failure: the message (Vietnamese) and the exit code (1 rule, 2 environment).
#[derive(Debug)]
pub struct Failure {
    pub code: i32,
    pub message: String,
}

impl Failure {
    pub fn rule(message: impl Into<String>) -> Failure {
        Failure {
            code: 1,
            message: message.into(),
        }
    }
    pub fn environment(message: impl Into<String>) -> Failure {
        Failure {
            code: 2,
            message: message.into(),
        }
    }
}

impl From<crate::desk::DeskError> for Failure {
    fn from(e: crate::desk::DeskError) -> Failure {
        Failure {
            code: e.exit_code(),
            message: e.to_string(),
        }
    }
}

pub type CmdResult = Result<(), Failure>;

/// The default data directory: `$XDG_DATA_HOME/motcua` or the platform equivalent.
pub fn default_data_dir() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("motcua")
}

/// The system clock read once, as Vietnam local time.
pub fn system_now() -> LocalTime {
    let now = chrono::Utc::now().with_timezone(&crate::calendar::vietnam_offset());
    // Minute precision: the law counts minutes, and it keeps printed times stable.
    let t = now.naive_local();
    t.with_second(0)
        .and_then(|t| t.with_nanosecond(0))
        .unwrap_or(t)
}

/// Runs the program and returns the process exit code.
pub fn main() -> i32 {
    let cli = Cli::parse();
    let now = match &cli.now {
        Some(s) => match parse_local(s) {
            Some(t) => t,
            None => {
                eprintln!(
                    "Lỗi: thời điểm --now \"{s}\" không hợp lệ; dùng dạng \"YYYY-MM-DD HH:MM\"."
                );
                return 1;
            }
        },
        None => system_now(),
    };
    let ctx = Context {
        data_dir: cli.data_dir.clone().unwrap_or_else(default_data_dir),
        now,
        operator: cli.operator.clone(),
    };
    let result = match cli.command {
        None => crate::tui::run(&ctx),
        Some(Command::Calendar(args)) => calendar::run(&ctx, args),
        Some(Command::Ledger(cmd)) => ledger::run(&ctx, cmd),
        Some(Command::Documents(cmd)) => documents::run(&ctx, cmd),
        Some(Command::Ops(cmd)) => ops::run(&ctx, cmd),
        Some(Command::Apology(cmd)) => apology::run(&ctx, cmd),
        Some(Command::Demo(args)) => demo::run(&ctx, args),
    };
    match result {
        Ok(()) => 0,
        Err(f) => {
            eprintln!("Lỗi: {}", f.message);
            f.code
        }
    }
}
