//! Subcommands `print` (forms, register, catalogue → PDF/text/CSV file, then the printer queue
//! of the settings for PDF) and `report` (end-of-day summary, period statistics → text, JSON,
//! PDF or CSV, to a file or stdout). Dossiers are read through `Desk`; documents are built by
//! `report` and rendered by `print`.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::{Args, Subcommand, ValueEnum};

use super::out::tell;
use super::{CmdResult, Context, Failure};
use crate::desk::{Desk, FormKind};
use crate::print::{self, Format};
use crate::report::{self, Document, sheets};

#[derive(Subcommand, Debug)]
pub(crate) enum DocumentsCommand {
    /// In biểu mẫu, sổ theo dõi hồ sơ, danh mục thủ tục ra tệp (PDF, văn bản, CSV).
    Print(PrintArgs),
    /// Báo cáo cuối ngày và báo cáo thống kê theo kỳ.
    Report(ReportArgs),
}

#[derive(Args, Debug)]
pub(crate) struct PrintArgs {
    #[command(subcommand)]
    pub(crate) what: PrintWhat,
}

/// Where a printout goes and in which format.
#[derive(Args, Debug)]
pub(crate) struct Output {
    /// Tệp ghi ra; phần mở rộng (.pdf, .txt, .csv) chọn định dạng, trừ khi có --format.
    #[arg(long, value_name = "FILE")]
    pub(crate) out: PathBuf,
    /// Định dạng: pdf, text (văn bản), csv (bảng tính), json.
    #[arg(long, value_enum)]
    pub(crate) format: Option<OutFormat>,
}

#[derive(Subcommand, Debug)]
pub(crate) enum PrintWhat {
    /// Giấy tiếp nhận hồ sơ và hẹn trả kết quả (2 liên, có mã QR).
    Receipt(FormArgs),
    /// Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ.
    SupplementRequest(FormArgs),
    /// Phiếu từ chối tiếp nhận giải quyết hồ sơ.
    Refusal(FormArgs),
    /// Thông báo dừng giải quyết hồ sơ.
    StopNotice(FormArgs),
    /// Phiếu kiểm soát quá trình giải quyết hồ sơ.
    ControlSheet(FormArgs),
    /// Phiếu xin lỗi và hẹn lại ngày trả kết quả (từ 01/7/2025: văn bản xin lỗi và đề nghị gia hạn).
    Apology(FormArgs),
    /// Sổ theo dõi hồ sơ cho một khoảng ngày.
    Register(RangeOut),
    /// Danh mục thủ tục hành chính (niêm yết tại bộ phận một cửa).
    Catalogue(CatalogueArgs),
}

#[derive(Args, Debug)]
pub(crate) struct FormArgs {
    /// Mã hồ sơ, ví dụ 000.00.20.H30-260302-0001.
    pub(crate) code: String,
    #[command(flatten)]
    pub(crate) output: Output,
}

#[derive(Args, Debug)]
pub(crate) struct RangeOut {
    /// Ngày đầu kỳ, YYYY-MM-DD (tính cả ngày này).
    #[arg(long)]
    pub(crate) from: String,
    /// Ngày cuối kỳ, YYYY-MM-DD (tính cả ngày này).
    #[arg(long)]
    pub(crate) to: String,
    #[command(flatten)]
    pub(crate) output: Output,
}

#[derive(Args, Debug)]
pub(crate) struct CatalogueArgs {
    #[command(flatten)]
    pub(crate) output: Output,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum OutFormat {
    Text,
    Json,
    Pdf,
    Csv,
}

#[derive(Args, Debug)]
pub(crate) struct ReportArgs {
    #[command(subcommand)]
    pub(crate) what: ReportWhat,
}

#[derive(Subcommand, Debug)]
pub(crate) enum ReportWhat {
    /// Báo cáo cuối ngày cho một ngày (YYYY-MM-DD).
    Day {
        /// Ngày báo cáo, YYYY-MM-DD (mặc định: hôm nay).
        date: Option<String>,
        /// Định dạng: text (văn bản), json, pdf, csv.
        #[arg(long, value_enum)]
        format: Option<OutFormat>,
        /// Tệp ghi ra (mặc định: in ra màn hình).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Thống kê tình hình giải quyết TTHC theo Biểu 06 cho một kỳ.
    Period {
        /// Ngày đầu kỳ, YYYY-MM-DD (tính cả ngày này).
        #[arg(long)]
        from: String,
        /// Ngày cuối kỳ, YYYY-MM-DD (tính cả ngày này).
        #[arg(long)]
        to: String,
        /// Định dạng: text (văn bản), json (mỗi khóa một cột của biểu), pdf, csv.
        #[arg(long, value_enum)]
        format: Option<OutFormat>,
        /// Tệp ghi ra (mặc định: in ra màn hình).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Số liệu theo cán bộ tiếp nhận và theo đơn vị xử lý cho một kỳ (tiếp nhận, giải quyết
    /// trước hạn / đúng hạn / quá hạn, văn bản xin lỗi).
    Figures {
        /// Ngày đầu kỳ, YYYY-MM-DD (tính cả ngày này).
        #[arg(long)]
        from: String,
        /// Ngày cuối kỳ, YYYY-MM-DD (tính cả ngày này).
        #[arg(long)]
        to: String,
        /// Định dạng: text (văn bản), json, pdf, csv.
        #[arg(long, value_enum)]
        format: Option<OutFormat>,
        /// Tệp ghi ra (mặc định: in ra màn hình).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Danh sách gọi công dân nhận kết quả: hồ sơ có kết quả chờ trả, số điện thoại, số ngày chờ.
    CallList {
        /// Định dạng: text (văn bản), json, pdf, csv.
        #[arg(long, value_enum)]
        format: Option<OutFormat>,
        /// Tệp ghi ra (mặc định: in ra màn hình).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

pub(crate) fn run(ctx: &Context, cmd: DocumentsCommand) -> CmdResult {
    let desk = super::open_desk(ctx)?;
    match cmd {
        DocumentsCommand::Print(p) => run_print(ctx, desk.as_ref(), p.what),
        DocumentsCommand::Report(r) => run_report(ctx, desk.as_ref(), r.what),
    }
}

fn run_print(ctx: &Context, desk: &dyn Desk, what: PrintWhat) -> CmdResult {
    let form = |kind: FormKind, a: FormArgs| -> Result<(Document, Output), Failure> {
        let code = super::ledger::code_arg(&a.code)?;
        Ok((desk.document(kind, &code, ctx.now)?, a.output))
    };
    let (doc, output) = match what {
        PrintWhat::Receipt(a) => form(FormKind::Receipt, a)?,
        PrintWhat::SupplementRequest(a) => form(FormKind::SupplementRequest, a)?,
        PrintWhat::Refusal(a) => form(FormKind::Refusal, a)?,
        PrintWhat::StopNotice(a) => form(FormKind::StopNotice, a)?,
        PrintWhat::ControlSheet(a) => form(FormKind::ControlSheet, a)?,
        PrintWhat::Apology(a) => form(FormKind::ApologyLetter, a)?,
        PrintWhat::Register(a) => {
            let (from, to) = (parse_date(&a.from)?, parse_date(&a.to)?);
            (desk.register(from, to, ctx.now)?, a.output)
        }
        PrintWhat::Catalogue(a) => (desk.catalogue_document(ctx.now)?, a.output),
    };
    let format = choose_format(output.format, Some(&output.out))?;
    if format == OutFormat::Json {
        return Err(Failure::rule(
            "Biểu mẫu không có dạng JSON: dùng --format pdf, text hoặc csv.",
        ));
    }
    let printer = desk.profile()?.printer;
    let written = write_document(&doc, format, &output.out, printer.as_deref());
    // What was left off the paper, for the clerk (never printed).
    for notice in &doc.notices {
        eprintln!("Lưu ý: {notice}");
    }
    written
}

fn run_report(ctx: &Context, desk: &dyn Desk, what: ReportWhat) -> CmdResult {
    match what {
        clerk @ (ReportWhat::Figures { .. } | ReportWhat::CallList { .. }) => {
            run_clerk_report(ctx, desk, clerk)
        }
        ReportWhat::Day { date, format, out } => {
            // A clerk closing the day types no date: today's summary.
            let date = match date {
                Some(d) => parse_date(&d)?,
                None => ctx.now.date(),
            };
            let s = desk.day_summary(date, ctx.now)?;
            // The summary is headed as on its own day.
            let l = desk.letterhead(crate::domain::tally::end_of_day(date))?;
            let format = choose_format(format, out.as_deref())?;
            match format {
                OutFormat::Json => emit(out.as_deref(), &json(&s)?),
                OutFormat::Csv => emit(
                    out.as_deref(),
                    &print::to_csv(&table_doc(sheets::day_table(&s))).map_err(env)?,
                ),
                _ => emit_document(&sheets::day_document(&s, &l), format, out.as_deref()),
            }
        }
        ReportWhat::Period {
            from,
            to,
            format,
            out,
        } => {
            let (from, to) = (parse_date(&from)?, parse_date(&to)?);
            let s = desk.period_stats(from, to, ctx.now)?;
            let format = choose_format(format, out.as_deref())?;
            // Biểu 06 is made today, by the unit in force today.
            let l = desk.letterhead(ctx.now)?;
            match format {
                OutFormat::Json => emit(out.as_deref(), &json(&s)?),
                _ => emit_document(
                    &sheets::period_document(&s, &l, ctx.now),
                    format,
                    out.as_deref(),
                ),
            }
        }
    }
}

/// `report figures` and `report call-list`: the clerk's papers (see `report::sheets`).
fn run_clerk_report(ctx: &Context, desk: &dyn Desk, what: ReportWhat) -> CmdResult {
    let (doc, json_bytes, format, out) = match what {
        ReportWhat::Figures {
            from,
            to,
            format,
            out,
        } => {
            let (from, to) = (parse_date(&from)?, parse_date(&to)?);
            let f = desk.clerk_figures(from, to, ctx.now)?;
            let l = desk.letterhead(ctx.now)?;
            let doc = sheets::figures_document(&f, &l, ctx.now);
            (doc, json(&f)?, format, out)
        }
        ReportWhat::CallList { format, out } => {
            let rows = desk.list(
                crate::desk::ListFilter::WaitingCollection,
                ctx.now,
                crate::desk::Page::ALL,
            )?;
            let dossiers: Vec<_> = rows.into_iter().map(|r| r.dossier).collect();
            let lines = sheets::call_list(&dossiers, ctx.now);
            let l = desk.letterhead(ctx.now)?;
            let doc = sheets::call_list_document(&lines, &l, ctx.now);
            (doc, json(&lines)?, format, out)
        }
        _ => return Err(Failure::rule("Không phải báo cáo của cán bộ.")),
    };
    match choose_format(format, out.as_deref())? {
        OutFormat::Json => emit(out.as_deref(), &json_bytes),
        f => emit_document(&doc, f, out.as_deref()),
    }
}

fn table_doc(t: report::Table) -> Document {
    Document {
        paper: report::Paper::A4,
        header: None,
        title: String::new(),
        subtitle: vec![],
        blocks: vec![report::Block::Table(t)],
        copies: vec![],
        notices: Vec::new(),
    }
}

fn json<T: serde::Serialize>(v: &T) -> Result<Vec<u8>, Failure> {
    let mut bytes = serde_json::to_vec_pretty(v)
        .map_err(|e| Failure::environment(format!("Không tạo được JSON: {e}")))?;
    bytes.push(b'\n');
    Ok(bytes)
}

fn parse_date(s: &str) -> Result<NaiveDate, Failure> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| Failure::rule(format!("Ngày \"{s}\" không hợp lệ; dùng dạng YYYY-MM-DD.")))
}

fn env(e: print::PrintError) -> Failure {
    Failure::environment(e.to_string())
}

/// `--format` wins; otherwise the file's extension; otherwise text (stdout only).
fn choose_format(format: Option<OutFormat>, out: Option<&Path>) -> Result<OutFormat, Failure> {
    if let Some(f) = format {
        return Ok(f);
    }
    let Some(path) = out else {
        return Ok(OutFormat::Text);
    };
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
    {
        return Ok(OutFormat::Json);
    }
    match Format::from_path(path) {
        Some(Format::Pdf) => Ok(OutFormat::Pdf),
        Some(Format::Text) => Ok(OutFormat::Text),
        Some(Format::Csv) => Ok(OutFormat::Csv),
        None => Err(Failure::rule(format!(
            "Không biết định dạng của tệp {}: dùng đuôi .pdf, .txt, .csv hoặc --format.",
            path.display()
        ))),
    }
}

fn print_format(f: OutFormat) -> Format {
    match f {
        OutFormat::Pdf => Format::Pdf,
        OutFormat::Csv => Format::Csv,
        OutFormat::Text | OutFormat::Json => Format::Text,
    }
}

/// Writes a document to a file; a PDF then goes to the printer queue when one is set.
fn write_document(doc: &Document, f: OutFormat, out: &Path, queue: Option<&str>) -> CmdResult {
    let bytes = print::render(doc, print_format(f)).map_err(env)?;
    print::write_file(out, &bytes).map_err(env)?;
    if let (OutFormat::Pdf, Some(q)) = (f, queue) {
        let outcome = print::send_to_printer(q, out, doc.paper);
        if !outcome.is_sent() {
            return Err(Failure::environment(outcome.message(out)));
        }
        tell!("{}", outcome.message(out));
    }
    Ok(())
}

fn emit_document(doc: &Document, f: OutFormat, out: Option<&Path>) -> CmdResult {
    if f == OutFormat::Pdf && out.is_none() {
        return Err(Failure::rule("Báo cáo dạng PDF cần --out TỆP.pdf."));
    }
    emit(out, &print::render(doc, print_format(f)).map_err(env)?)
}

/// To the file when given, else to stdout.
fn emit(out: Option<&Path>, bytes: &[u8]) -> CmdResult {
    match out {
        Some(path) => print::write_file(path, bytes).map_err(env),
        None => super::out::say_bytes(bytes)
            .map_err(|e| Failure::environment(format!("Không ghi được ra màn hình: {e}"))),
    }
}
