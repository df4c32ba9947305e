//! `motcua late` and `motcua apology`: the apology duty of RULES.md §6 from the command line.
//!
//! `late` lists the open dossiers that owe an apology now (due, overdue, or whose new
//! appointment was missed too), sorted by deadline; `apology` issues the letter (once only, the
//! domain refuses a second) and prints its number ("NN/PXL") on the first line.

use clap::{Subcommand, ValueEnum};
use serde::Serialize;

use super::{CmdResult, Context, Failure};
use crate::calendar::{LocalTime, parse_local, to_rfc3339};
use crate::desk::{Desk, ListFilter};
use crate::domain::{self, ApologyDuty, Command, EventKind, Notification};

#[derive(Subcommand, Debug)]
pub enum ApologyCommand {
    /// Hồ sơ đang giải quyết có nghĩa vụ xin lỗi (cần xin lỗi, quá hạn chưa xin lỗi, trễ hẹn lại).
    Late {
        /// In JSON.
        #[arg(long)]
        json: bool,
    },
    /// Lập văn bản xin lỗi và hẹn lại ngày trả kết quả cho một hồ sơ (chỉ một lần).
    Apology {
        /// Mã hồ sơ.
        code: String,
        /// Lý do quá hạn (bắt buộc).
        #[arg(long)]
        reason: String,
        /// Ngày hẹn trả mới, "YYYY-MM-DD HH:MM" (mặc định: gợi ý theo thời hạn của thủ tục).
        #[arg(long = "new-due", value_name = "TIME")]
        new_due: Option<String>,
        /// Cách đã báo cho người nộp hồ sơ.
        #[arg(long, value_enum, default_value = "phone")]
        notified: NotifiedArg,
        /// Người ký (mặc định: thủ trưởng cơ quan trong cấu hình).
        #[arg(long)]
        signer: Option<String>,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum NotifiedArg {
    Phone,
    Sms,
    Email,
    Letter,
}

impl From<NotifiedArg> for Notification {
    fn from(n: NotifiedArg) -> Notification {
        match n {
            NotifiedArg::Phone => Notification::Phone,
            NotifiedArg::Sms => Notification::Sms,
            NotifiedArg::Email => Notification::Email,
            NotifiedArg::Letter => Notification::Letter,
        }
    }
}

pub fn run(ctx: &Context, cmd: ApologyCommand) -> CmdResult {
    let mut desk = Desk::open(&ctx.data_dir)?;
    match cmd {
        ApologyCommand::Late { json } => late(ctx, &desk, json),
        ApologyCommand::Apology {
            code,
            reason,
            new_due,
            notified,
            signer,
        } => {
            let new_due = match new_due {
                Some(s) => Some(parse_local(&s).ok_or_else(|| {
                    Failure::rule(format!(
                        "Ngày hẹn trả mới \"{s}\" không hợp lệ; dùng dạng \"YYYY-MM-DD HH:MM\"."
                    ))
                })?),
                None => None,
            };
            issue(
                ctx,
                &mut desk,
                &code,
                reason,
                new_due,
                notified.into(),
                signer,
            )
        }
    }
}

/// One row of `motcua late`.
#[derive(Serialize)]
struct LateRow {
    code: String,
    /// Machine-readable: `due`, `overdue` or `new_due_missed`.
    duty: &'static str,
    /// The Vietnamese label of the duty.
    state: &'static str,
    deadline: Option<String>,
    due: String,
    new_due: Option<String>,
    applicant: String,
    procedure: String,
}

fn late(ctx: &Context, desk: &Desk, json: bool) -> CmdResult {
    let dossiers = desk.list(ListFilter::ApologyNeeded, ctx.now, 0, usize::MAX)?;
    let mut rows: Vec<(ApologyDuty, LocalTime, LateRow)> = dossiers
        .iter()
        .map(|d| {
            let duty = domain::apology_duty(d, ctx.now, desk.calendar());
            let deadline = match duty {
                ApologyDuty::Due { deadline } | ApologyDuty::Overdue { deadline } => Some(deadline),
                ApologyDuty::None
                | ApologyDuty::Issued { .. }
                | ApologyDuty::NewDueMissed { .. } => None,
            };
            let row = LateRow {
                code: d.code.as_str().to_owned(),
                duty: duty_key(duty),
                state: duty.label(),
                deadline: deadline.map(to_rfc3339),
                due: to_rfc3339(d.due_at),
                new_due: domain::issued_new_due(d).map(to_rfc3339),
                applicant: d.applicant.name.clone(),
                procedure: d.procedure_name.clone(),
            };
            (duty, d.due_at, row)
        })
        .filter(|(duty, _, _)| duty.needs_action())
        .collect();
    rows.sort_by_key(|(duty, _, row)| (duty.sort_key(), row.code.clone()));
    if json {
        let list: Vec<&LateRow> = rows.iter().map(|(_, _, r)| r).collect();
        let text = serde_json::to_string_pretty(&list)
            .map_err(|e| Failure::environment(format!("Không tạo được JSON: {e}")))?;
        println!("{text}");
        return Ok(());
    }
    if rows.is_empty() {
        println!("Không có hồ sơ nào cần xin lỗi.");
        return Ok(());
    }
    println!(
        "{:<28} {:<22} {:<25} {:<17} NGƯỜI NỘP",
        "MÃ HỒ SƠ", "TÌNH TRẠNG", "HẠN XIN LỖI", "HẠN TRẢ"
    );
    for (duty, due, row) in &rows {
        let deadline = match duty {
            ApologyDuty::Due { deadline } | ApologyDuty::Overdue { deadline } => short(*deadline),
            ApologyDuty::NewDueMissed { new_due } => format!("hẹn lại {}", short(*new_due)),
            ApologyDuty::None | ApologyDuty::Issued { .. } => String::new(),
        };
        let due = short(*due);
        println!(
            "{:<28} {:<22} {:<25} {:<17} {}",
            row.code, row.state, deadline, due, row.applicant
        );
    }
    Ok(())
}

fn duty_key(duty: ApologyDuty) -> &'static str {
    match duty {
        ApologyDuty::None => "none",
        ApologyDuty::Due { .. } => "due",
        ApologyDuty::Overdue { .. } => "overdue",
        ApologyDuty::Issued { .. } => "issued",
        ApologyDuty::NewDueMissed { .. } => "new_due_missed",
    }
}

fn short(t: LocalTime) -> String {
    t.format("%d/%m/%Y %H:%M").to_string()
}

fn issue(
    ctx: &Context,
    desk: &mut Desk,
    code: &str,
    reason: String,
    new_due: Option<LocalTime>,
    notified: Notification,
    signer: Option<String>,
) -> CmdResult {
    let code = super::ledger::code_arg(code)?;
    let dossier = desk
        .get(&code)?
        .ok_or_else(|| Failure::rule(format!("Không tìm thấy hồ sơ mã {}.", code.as_str())))?;
    let new_due =
        new_due.unwrap_or_else(|| domain::suggest_new_due(&dossier, ctx.now, desk.calendar()));
    let signer = match signer {
        Some(s) => s,
        None if desk.settings().agency.head.trim().is_empty() => {
            return Err(Failure::rule(format!(
                "Chưa có người ký văn bản xin lỗi: thêm --signer \"Họ và tên\" hoặc điền khóa head của [agency] trong {}.",
                ctx.data_dir.join(crate::settings::FILE_NAME).display()
            )));
        }
        None => desk.settings().agency.head.clone(),
    };
    let operator = ctx
        .operator
        .clone()
        .unwrap_or_else(|| desk.settings().desk.default_operator.clone());
    let command = Command::IssueApology {
        reason,
        new_due,
        signer,
        notified,
    };
    let updated = desk.act(&code, command, ctx.now, &operator)?;
    let (number, year) = updated
        .events
        .iter()
        .rev()
        .find_map(|e| match e.kind {
            EventKind::ApologyIssued { number, year, .. } => Some((number, year)),
            _ => None,
        })
        .ok_or_else(|| Failure::environment("Đã ghi nhưng không đọc lại được văn bản xin lỗi."))?;
    println!("{number:02}/PXL");
    println!(
        "Đã lập văn bản xin lỗi số {number:02}/PXL năm {year} cho hồ sơ {}; hẹn trả mới: {}.",
        updated.code.as_str(),
        short(new_due)
    );
    Ok(())
}
