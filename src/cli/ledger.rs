//! Subcommands: receive, show, list, search, one per legal transition, hand-back, export,
//! import, verify, catalogue. Reads take `--json`; `receive` prints the new code on its first
//! line. Exit codes: 0 success, 1 refused by a rule or bad input, 2 environment or store.

mod transfer;
mod view;

use std::io::Write;

use clap::{Subcommand, ValueEnum};

use super::{CmdResult, Context, Failure};
use crate::desk::{Desk, ListFilter};
use crate::domain::{ApplicantKind, Channel, Command, DossierCode, Intake, ProcedureCode, Status};

pub use transfer::{CatalogueCommand, ExportFormat};

#[derive(Subcommand, Debug)]
pub enum LedgerCommand {
    /// Receive a new dossier; prints its code on the first line.
    Receive(ReceiveArgs),
    /// Show one dossier with its events.
    Show {
        code: String,
        #[arg(long)]
        json: bool,
    },
    /// List dossiers (all, newest first, unless a filter is given).
    List(ListArgs),
    /// Accent-insensitive search over name, code, ID number and phone.
    Search {
        text: String,
        #[arg(long, default_value_t = 50)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// Hand the dossier over to a processing unit.
    Transfer {
        code: String,
        #[arg(long)]
        to: String,
    },
    /// Ask the applicant for a supplement (the clock restarts when it arrives).
    SupplementRequest {
        code: String,
        #[arg(long)]
        reason: String,
        /// Items to supplement, separated by ';'.
        #[arg(long, default_value = "")]
        items: String,
    },
    /// The complete dossier came back: the clock restarts from zero.
    SupplementReceived { code: String },
    /// Pause the clock for an excluded period.
    Pause {
        code: String,
        #[arg(long)]
        reason: String,
    },
    /// End the excluded period: the clock continues.
    Resume { code: String },
    /// Refuse the dossier with reasons (final).
    Refuse {
        code: String,
        #[arg(long)]
        reason: String,
    },
    /// Stop at the applicant's request (final).
    Stop {
        code: String,
        #[arg(long)]
        reason: String,
    },
    /// The result is back at the desk, waiting for collection.
    Result { code: String },
    /// Hand the result back to the applicant (final).
    HandBack {
        code: String,
        /// Who collected it (default: the applicant).
        #[arg(long)]
        to: Option<String>,
        /// Fee collected, in đồng.
        #[arg(long, default_value_t = 0)]
        fee: u64,
        /// Satisfaction rating from the configured scale.
        #[arg(long, default_value = "")]
        rating: String,
    },
    /// Export every dossier (jsonl: lossless, importable; csv: for spreadsheets).
    Export {
        #[arg(long, value_enum, default_value = "jsonl")]
        format: ExportFormat,
        #[arg(long, value_name = "FILE")]
        out: Option<std::path::PathBuf>,
        /// Mask ID numbers, phones and e-mails (for an export that leaves the office).
        #[arg(long)]
        mask_personal: bool,
    },
    /// Import a JSONL export into this data directory.
    Import {
        file: std::path::PathBuf,
        /// Import the valid lines and report the others (default: import nothing on error).
        #[arg(long)]
        skip_invalid: bool,
    },
    /// Check the event chain and every index against the records (exit 0 only if consistent).
    Verify {
        #[arg(long)]
        json: bool,
    },
    /// The procedure catalogue.
    #[command(subcommand)]
    Catalogue(CatalogueCommand),
}

#[derive(clap::Args, Debug)]
pub struct ReceiveArgs {
    /// Procedure code from the catalogue (see `motcua catalogue list`).
    #[arg(long)]
    procedure: String,
    #[arg(long)]
    name: String,
    /// The applicant is an organisation (the ID number is then its tax code).
    #[arg(long)]
    organisation: bool,
    #[arg(long, default_value = "")]
    id_number: String,
    #[arg(long, default_value = "")]
    phone: String,
    #[arg(long, default_value = "")]
    address: String,
    #[arg(long, default_value = "")]
    email: String,
    #[arg(long, default_value = "")]
    representative: String,
    #[arg(long, value_enum, default_value = "truc-tiep")]
    channel: ChannelArg,
    #[arg(long, default_value_t = 1)]
    sets: u32,
    /// Documents received, separated by ';' (default: the procedure's list).
    #[arg(long, default_value = "")]
    documents: String,
    #[arg(long, default_value = "")]
    note: String,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ChannelArg {
    TrucTiep,
    BuuChinh,
    TrucTuyen,
}

#[derive(clap::Args, Debug)]
pub struct ListArgs {
    #[arg(long, value_enum)]
    status: Option<StatusArg>,
    #[arg(long)]
    overdue: bool,
    #[arg(long)]
    due_soon: bool,
    /// Received on this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    received_on: Option<String>,
    #[arg(long)]
    limit: Option<usize>,
    #[arg(long)]
    json: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum StatusArg {
    Received,
    InProcessing,
    SupplementRequested,
    Paused,
    ResultReady,
    HandedBack,
    Refused,
    Stopped,
}

impl From<StatusArg> for Status {
    fn from(s: StatusArg) -> Status {
        match s {
            StatusArg::Received => Status::Received,
            StatusArg::InProcessing => Status::InProcessing,
            StatusArg::SupplementRequested => Status::SupplementRequested,
            StatusArg::Paused => Status::Paused,
            StatusArg::ResultReady => Status::ResultReady,
            StatusArg::HandedBack => Status::HandedBack,
            StatusArg::Refused => Status::Refused,
            StatusArg::Stopped => Status::Stopped,
        }
    }
}

/// `a;b; c` → `["a", "b", "c"]` (empty parts dropped).
fn split_list(s: &str) -> Vec<String> {
    s.split(';')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The operator: `--operator`, else the settings' default operator.
pub fn operator(ctx: &Context, desk: &Desk) -> String {
    ctx.operator
        .clone()
        .unwrap_or_else(|| desk.settings().desk.default_operator.clone())
}

pub fn run(ctx: &Context, cmd: LedgerCommand) -> CmdResult {
    let mut desk = Desk::open(&ctx.data_dir)?;
    match cmd {
        LedgerCommand::Receive(args) => receive(ctx, &mut desk, args),
        LedgerCommand::Show { code, json } => {
            let d = desk
                .get(&DossierCode(code.clone()))?
                .ok_or_else(|| Failure::rule(format!("Không tìm thấy hồ sơ mã «{code}».")))?;
            view::show(&desk, &d, ctx.now, json)
        }
        LedgerCommand::List(args) => list(ctx, &desk, args),
        LedgerCommand::Search { text, limit, json } => {
            let found = desk.search(&text, limit)?;
            view::rows(&desk, &found, ctx.now, json)
        }
        LedgerCommand::Export {
            format,
            out,
            mask_personal,
        } => transfer::export(&desk, format, out, mask_personal),
        LedgerCommand::Import { file, skip_invalid } => {
            transfer::import(&mut desk, &file, skip_invalid)
        }
        LedgerCommand::Verify { json } => transfer::verify(&desk, json),
        LedgerCommand::Catalogue(c) => transfer::catalogue(&mut desk, c),
        transition => act(ctx, &mut desk, transition),
    }
}

fn receive(ctx: &Context, desk: &mut Desk, a: ReceiveArgs) -> CmdResult {
    let intake = Intake {
        procedure: Some(ProcedureCode(a.procedure.trim().to_owned())),
        applicant_kind: Some(if a.organisation {
            ApplicantKind::Organisation
        } else {
            ApplicantKind::Person
        }),
        name: a.name,
        id_number: a.id_number,
        address: a.address,
        phone: a.phone,
        email: a.email,
        representative: a.representative,
        channel: Some(match a.channel {
            ChannelArg::TrucTiep => Channel::Direct,
            ChannelArg::BuuChinh => Channel::Postal,
            ChannelArg::TrucTuyen => Channel::Online,
        }),
        sets: a.sets,
        documents: split_list(&a.documents),
        note: a.note,
    };
    let op = operator(ctx, desk);
    let d = desk.receive(intake, ctx.now, &op)?;
    // The dossier is durable already: a reader that went away (`| head -1`) is not an error.
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{}", d.code.0);
    let _ = writeln!(out, "Hẹn trả kết quả: {}", view::when(d.due_at));
    let _ = out.flush();
    Ok(())
}

fn act(ctx: &Context, desk: &mut Desk, cmd: LedgerCommand) -> CmdResult {
    let (code, command) = match cmd {
        LedgerCommand::Transfer { code, to } => (code, Command::Transfer { to }),
        LedgerCommand::SupplementRequest {
            code,
            reason,
            items,
        } => (
            code,
            Command::RequestSupplement {
                reason,
                items: split_list(&items),
            },
        ),
        LedgerCommand::SupplementReceived { code } => (code, Command::ReceiveSupplement),
        LedgerCommand::Pause { code, reason } => (code, Command::Pause { reason }),
        LedgerCommand::Resume { code } => (code, Command::Resume),
        LedgerCommand::Refuse { code, reason } => (code, Command::Refuse { reason }),
        LedgerCommand::Stop { code, reason } => (code, Command::Stop { reason }),
        LedgerCommand::Result { code } => (code, Command::MarkResultReady),
        LedgerCommand::HandBack {
            code,
            to,
            fee,
            rating,
        } => {
            let to = match to {
                Some(to) => to,
                None => desk
                    .get(&DossierCode(code.clone()))?
                    .map(|d| d.applicant.name)
                    .unwrap_or_default(),
            };
            (
                code,
                Command::HandBack {
                    to,
                    fee_vnd: fee,
                    rating,
                },
            )
        }
        other => unreachable!("run() dispatches {other:?} elsewhere"),
    };
    let op = operator(ctx, desk);
    let d = desk.act(&DossierCode(code), command, ctx.now, &op)?;
    println!("{}\t{}", d.code.0, crate::strings::status(d.status));
    Ok(())
}

fn list(ctx: &Context, desk: &Desk, a: ListArgs) -> CmdResult {
    let limit = a.limit.unwrap_or(usize::MAX);
    let found = if let Some(day) = &a.received_on {
        let date = chrono::NaiveDate::parse_from_str(day.trim(), "%Y-%m-%d").map_err(|_| {
            Failure::rule(format!("Ngày «{day}» không hợp lệ; dùng dạng YYYY-MM-DD."))
        })?;
        desk.received_on(date, 0, limit)?
    } else if a.overdue {
        desk.list(ListFilter::Overdue, ctx.now, 0, limit)?
    } else if a.due_soon {
        desk.list(ListFilter::DueSoon, ctx.now, 0, limit)?
    } else if let Some(s) = a.status {
        desk.list_status(s.into(), 0, limit)?
    } else {
        desk.list(ListFilter::All, ctx.now, 0, limit)?
    };
    let found: Vec<_> = match a.status {
        Some(s) => found
            .into_iter()
            .filter(|d| d.status == Status::from(s))
            .collect(),
        None => found,
    };
    view::rows(desk, &found, ctx.now, a.json)
}
