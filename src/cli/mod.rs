//! The subcommands for scripts and tests. `main` parses arguments, reads the clock once (or
//! `--now`), and dispatches; each subcommand family lives in its own file and is flattened into
//! the top level, so adding a command touches only its family's file.
//!
//! Exit codes: 0 success; 1 refused by a rule or bad input (message on stderr, in Vietnamese);
//! 2 environment or store error.

pub mod apology;
pub mod calendar;
pub mod counter;
pub mod demo;
pub mod documents;
pub mod ledger;
pub mod ops;
pub(crate) mod out;
mod reach;
mod secret;
mod users;

use std::path::PathBuf;

use chrono::Timelike;
use clap::{Parser, Subcommand};

use crate::calendar::{LocalTime, parse_local};
use crate::desk::{Call, Desk};

#[derive(Parser, Debug)]
#[command(
    name = "motcua",
    version,
    about = "Bàn tiếp nhận và trả kết quả một cửa"
)]
pub(crate) struct Cli {
    /// Thư mục dữ liệu (mặc định: ~/.local/share/motcua).
    #[arg(long, global = true, value_name = "DIR")]
    pub(crate) data_dir: Option<PathBuf>,
    /// Thời điểm hiện tại, "YYYY-MM-DD HH:MM" giờ Việt Nam (mặc định: đồng hồ máy).
    #[arg(long, global = true, value_name = "TIME")]
    pub(crate) now: Option<String>,
    /// Người thực hiện (mặc định: cán bộ mặc định trong cấu hình).
    #[arg(long, global = true, value_name = "NAME")]
    pub(crate) operator: Option<String>,
    #[command(subcommand)]
    pub(crate) command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub(crate) enum Command {
    /// Lịch làm việc: hạn giải quyết, ngày nghỉ, âm lịch.
    Calendar(calendar::CalendarArgs),
    #[command(flatten)]
    Ledger(ledger::LedgerCommand),
    #[command(flatten)]
    Documents(documents::DocumentsCommand),
    #[command(flatten)]
    Ops(ops::OpsCommand),
    #[command(flatten)]
    Apology(apology::ApologyCommand),
    #[command(flatten)]
    Counter(counter::CounterCommand),
    /// Dữ liệu mẫu cho trình diễn và đo hiệu năng.
    Demo(demo::DemoArgs),
}

/// What every subcommand receives: the resolved data directory, the current time, the operator.
#[derive(Clone, Debug)]
pub(crate) struct Context {
    pub(crate) data_dir: PathBuf,
    pub(crate) now: LocalTime,
    /// Whether `now` came from `--now` (a server then takes instants from its clients).
    pub(crate) now_given: bool,
    /// As given by `--operator`; `None` means the settings' default operator.
    pub(crate) operator: Option<String>,
}

/// A subcommand's failure: the message (Vietnamese) and the exit code (1 rule, 2 environment).
#[derive(Debug)]
pub(crate) struct Failure {
    pub(crate) code: i32,
    pub(crate) message: String,
}

impl Failure {
    pub(crate) fn rule(message: impl Into<String>) -> Failure {
        Failure {
            code: 1,
            message: message.into(),
        }
    }
    pub(crate) fn environment(message: impl Into<String>) -> Failure {
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

pub(crate) type CmdResult = Result<(), Failure>;

/// The desk a command works on: the ledger of `--data-dir` (a server it is logged in to, the
/// socket of the process holding it, or the store opened here; see `reach`). A store opened
/// here on a full or read-only disk opens read-only, and the command says so first.
pub(crate) fn open_desk(ctx: &Context) -> Result<Box<dyn Desk>, Failure> {
    reach::open_desk(ctx)
}

/// Says on stderr that the ledger is open read-only, and why, when it is.
pub(crate) fn warn_read_only(desk: &crate::desk::LocalDesk) {
    if let Some(reason) = desk.read_only() {
        out::tell!(
            "Chú ý: sổ hồ sơ đang mở ở chế độ chỉ đọc vì {reason}. Chỉ xem, tìm, in, báo cáo, \
             kiểm tra và sao lưu sang ổ đĩa khác được; không ghi được gì."
        );
    }
}

/// The operator of a command: `--operator`, else the desk's default operator.
pub(crate) fn operator(ctx: &Context, desk: &dyn Desk) -> Result<String, Failure> {
    Ok(match &ctx.operator {
        Some(op) => op.clone(),
        None => desk.profile()?.default_operator,
    })
}

/// Who writes and when, for a write command.
pub(crate) fn call(ctx: &Context, desk: &dyn Desk) -> Result<Call, Failure> {
    Ok(Call::new(ctx.now, &operator(ctx, desk)?))
}

/// Opens the desk screen on `--data-dir` until the clerk quits; the daily backup's proof is
/// waited for on the normal screen afterwards.
fn run_desk(ctx: &Context) -> CmdResult {
    // The very first start: the desk is about to create its data directory, so it asks for
    // the agency first (a directory made by a command, an import or a restore is not asked).
    if !ctx.data_dir.exists() && std::io::IsTerminal::is_terminal(&std::io::stdin()) {
        crate::tui::first_run(&ctx.data_dir, ctx.now)
            .map_err(|e| Failure::environment(e.to_string()))?;
    }
    let screen = reach::open_screen(ctx)?;
    if let Some(local) = screen.local() {
        warn_read_only(local);
    }
    // A store held here whose settings require a login: the screen works as that account.
    let (operator, who) = match screen.local() {
        Some(local) if local.settings().accounts.require_login => {
            let account = users::screen_login(local, ctx.now)?;
            let who = format!("{} · {}", account.officer(), account.role.slug());
            (account.officer(), Some(who))
        }
        _ => match &screen.officer {
            Some(officer) => (officer.clone(), screen.who.clone()),
            None => (operator(ctx, screen.desk())?, screen.who.clone()),
        },
    };
    // `--now` sets the desk's clock; it then runs on in real time.
    let skew = ctx.now - system_now();
    let clock = move || system_now() + skew;
    let session = crate::tui::Session {
        desk: screen.desk(),
        clock: &clock,
        operator,
        printouts: ctx.data_dir.join("printouts"),
        daily_backup: screen.local(),
        who,
    };
    let proof = crate::tui::run(session).map_err(|e| Failure::environment(e.to_string()))?;
    if let Some(proof) = proof {
        // Shown on the normal screen, which the terminal gave back.
        eprintln!("Đang chờ kiểm chứng bản sao lưu hằng ngày…");
        match proof.join() {
            Ok(Ok(_)) => eprintln!("Đã sao lưu dữ liệu hằng ngày và kiểm chứng bản sao."),
            Ok(Err(e)) => eprintln!("Cảnh báo: chưa sao lưu hằng ngày được. {e}"),
            Err(_) => eprintln!("Cảnh báo: chưa sao lưu hằng ngày được (lỗi khi kiểm chứng)."),
        }
    }
    Ok(())
}

/// The default data directory: `$XDG_DATA_HOME/motcua` or the platform equivalent.
pub(crate) fn default_data_dir() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("motcua")
}

/// The system clock read once, as Vietnam local time.
pub(crate) fn system_now() -> LocalTime {
    let now = chrono::Utc::now().with_timezone(&crate::calendar::vietnam_offset());
    // Minute precision: the law counts minutes, and it keeps printed times stable.
    let t = now.naive_local();
    t.with_second(0)
        .and_then(|t| t.with_nanosecond(0))
        .unwrap_or(t)
}

/// The help layout with Vietnamese headings, for every subcommand.
const HELP_TEMPLATE: &str =
    "{about-with-newline}\nCách dùng: {usage}\n\n{before-help}{all-args}{after-help}";

/// Parses the arguments with clap, after translating its built-in words (headings, the help and
/// version flags) so a clerk reading `--help` sees Vietnamese.
fn parse_vietnamese() -> Result<Cli, clap::Error> {
    use clap::{Arg, ArgAction, CommandFactory, FromArgMatches};
    fn localise(cmd: clap::Command) -> clap::Command {
        cmd.help_template(HELP_TEMPLATE)
            .subcommand_help_heading("Lệnh")
            .subcommand_value_name("LỆNH")
            .disable_help_subcommand(true)
            .disable_help_flag(true)
            .mut_args(|a| {
                if a.get_help_heading().is_none() {
                    a.help_heading("Tùy chọn")
                } else {
                    a
                }
            })
            .arg(
                Arg::new("help")
                    .short('h')
                    .long("help")
                    .action(ArgAction::Help)
                    .help_heading("Tùy chọn")
                    .help("In hướng dẫn sử dụng"),
            )
            .mut_subcommands(localise)
    }
    let cmd = localise(Cli::command()).disable_version_flag(true).arg(
        Arg::new("version")
            .short('V')
            .long("version")
            .action(ArgAction::Version)
            .help_heading("Tùy chọn")
            .help("In phiên bản"),
    );
    let matches = cmd.try_get_matches()?;
    Cli::from_arg_matches(&matches)
}

/// `motcua list | head` closes stdout early; Rust's `println!` then panics with "Broken pipe".
/// A closed reader is not an error of ours: end quietly with success, as Unix tools do. Every
/// other panic goes to the previous hook unchanged (and the TUI's hook restores the terminal).
fn quiet_on_closed_pipe() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        if message.contains("failed printing to stdout") && message.contains("Broken pipe") {
            std::process::exit(0);
        }
        previous(info);
    }));
}

/// A usage error in Vietnamese, with the offending word when clap names one.
fn usage_problem(e: &clap::Error) -> String {
    use clap::error::{ContextKind, ErrorKind};
    let detail = e
        .get(ContextKind::InvalidArg)
        .or_else(|| e.get(ContextKind::InvalidValue))
        .or_else(|| e.get(ContextKind::InvalidSubcommand))
        .map(|v| format!(" «{v}»"))
        .unwrap_or_default();
    let what = match e.kind() {
        ErrorKind::UnknownArgument => "tham số không có",
        ErrorKind::InvalidSubcommand => "lệnh không có",
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => "giá trị không hợp lệ cho",
        ErrorKind::MissingRequiredArgument => "thiếu tham số bắt buộc",
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "thiếu lệnh con"
        }
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            "số giá trị không đúng cho"
        }
        ErrorKind::ArgumentConflict => "các tham số không dùng cùng nhau được:",
        _ => "lệnh không hợp lệ",
    };
    format!("{what}{detail}.")
}

/// Runs the program and returns the process exit code.
pub fn main() -> i32 {
    quiet_on_closed_pipe();
    let cli = match parse_vietnamese() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            // --help and --version print and succeed.
            let _ = e.print();
            return 0;
        }
        Err(e) => {
            eprintln!("Lỗi: {}", usage_problem(&e));
            eprintln!("Xem hướng dẫn: motcua --help (hoặc motcua <LỆNH> --help).");
            return 1;
        }
    };
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
        now_given: cli.now.is_some(),
        operator: cli.operator.clone(),
    };
    let result = match cli.command {
        None => run_desk(&ctx),
        Some(Command::Calendar(args)) => calendar::run(&ctx, args),
        Some(Command::Ledger(cmd)) => ledger::run(&ctx, cmd),
        Some(Command::Documents(cmd)) => documents::run(&ctx, cmd),
        Some(Command::Ops(cmd)) => ops::run(&ctx, cmd),
        Some(Command::Apology(cmd)) => apology::run(&ctx, cmd),
        Some(Command::Counter(cmd)) => counter::run(&ctx, cmd),
        Some(Command::Demo(args)) => demo::run(&ctx, args),
    };
    match result {
        Ok(()) => 0,
        Err(f) => {
            out::tell!("Lỗi: {}", f.message);
            f.code
        }
    }
}
