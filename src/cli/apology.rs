//! `motcua late` and `motcua apology`: the apology duty of RULES.md §6 from the command line.
//!
//! `late` lists the open dossiers whose apology duty needs action (the deadline to send the
//! letter is near or passed, or the new appointment was missed too) or whose letter came after
//! its deadline, sorted by deadline; `apology` issues the letter (once only, the
//! domain refuses a second) and prints its number ("NN/PXL") on the first line.

use clap::{Subcommand, ValueEnum};
use serde::Serialize;

use super::out::say;
use super::{CmdResult, Context, Failure};
use crate::calendar::{LocalTime, parse_local, to_rfc3339};
use crate::desk::Desk;
use crate::domain::{Command, EventKind, Notification};

#[derive(Subcommand, Debug)]
pub(crate) enum ApologyCommand {
    /// Hồ sơ đang giải quyết có nghĩa vụ xin lỗi (sắp đến hạn, quá hạn xin lỗi, xin lỗi muộn, trễ hẹn lại).
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
pub(crate) enum NotifiedArg {
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

pub(crate) fn run(ctx: &Context, cmd: ApologyCommand) -> CmdResult {
    let desk = super::open_desk(ctx)?;
    let desk = desk.as_ref();
    match cmd {
        ApologyCommand::Late { json } => late(ctx, desk, json),
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
            let letter = Letter {
                reason,
                new_due,
                notified: notified.into(),
                signer,
            };
            issue(ctx, desk, &code, letter)
        }
    }
}

/// One row of `motcua late`.
#[derive(Serialize)]
struct LateRow {
    code: String,
    /// Machine-readable: `upcoming`, `breach`, `issued_late` or `new_due_missed`.
    duty: &'static str,
    /// The Vietnamese label of the duty.
    state: &'static str,
    /// The deadline to send the letter (one working day before the legal due).
    deadline: Option<String>,
    /// Working minutes from now to the deadline (negative once past), while no letter exists.
    deadline_minutes_left: Option<crate::calendar::WorkMinutes>,
    due: String,
    new_due: Option<String>,
    applicant: String,
    procedure: String,
}

fn late(ctx: &Context, desk: &dyn Desk, json: bool) -> CmdResult {
    let rows: Vec<LateRow> = desk
        .late(ctx.now)?
        .into_iter()
        .map(|r| {
            let (d, duty) = (&r.dossier, r.judgement.duty);
            LateRow {
                code: d.code.as_str().to_owned(),
                duty: duty.key(),
                state: duty.label(),
                deadline: duty.deadline().map(to_rfc3339),
                deadline_minutes_left: r.deadline_minutes_left,
                due: to_rfc3339(d.due_at),
                new_due: d.new_due_at.map(to_rfc3339),
                applicant: d.applicant.name.clone(),
                procedure: d.procedure_name.clone(),
            }
        })
        .collect();
    if json {
        let text = serde_json::to_string_pretty(&rows)
            .map_err(|e| Failure::environment(format!("Không tạo được JSON: {e}")))?;
        say!("{text}");
        return Ok(());
    }
    if rows.is_empty() {
        say!("Không có hồ sơ nào cần xin lỗi.");
        return Ok(());
    }
    say!(
        "{:<28} {:<22} {:<25} {:<17} NGƯỜI NỘP",
        "MÃ HỒ SƠ",
        "TÌNH TRẠNG",
        "HẠN GỬI XIN LỖI",
        "HẠN TRẢ"
    );
    for row in &rows {
        let deadline = match (&row.deadline, &row.new_due) {
            (_, Some(n)) if row.duty == "new_due_missed" => format!("hẹn lại {}", short_rfc(n)),
            (Some(d), _) => short_rfc(d),
            _ => String::new(),
        };
        say!(
            "{:<28} {:<22} {:<25} {:<17} {}",
            row.code,
            row.state,
            deadline,
            short_rfc(&row.due),
            crate::text::printable(&row.applicant)
        );
    }
    Ok(())
}

/// `YYYY-MM-DDTHH:MM:SS+07:00` → `DD/MM/YYYY HH:MM`.
fn short_rfc(t: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(t)
        .map(|t| short(t.naive_local()))
        .unwrap_or_else(|_| t.to_owned())
}

fn short(t: LocalTime) -> String {
    t.format("%d/%m/%Y %H:%M").to_string()
}

/// What the clerk gave for a letter; missing parts come from the dossier view's defaults.
struct Letter {
    reason: String,
    new_due: Option<LocalTime>,
    notified: Notification,
    signer: Option<String>,
}

fn issue(ctx: &Context, desk: &dyn Desk, code: &str, letter: Letter) -> CmdResult {
    let code = super::ledger::code_arg(code)?;
    let detail = desk
        .detail(&code, ctx.now)?
        .ok_or_else(|| Failure::rule(format!("Không tìm thấy hồ sơ mã {}.", code.as_str())))?;
    // The once-only rule and the state first: a second letter is refused for what it is, not
    // for a missing signer or date.
    crate::domain::allowed(
        &detail.row.dossier,
        crate::domain::CommandKind::IssueApology,
    )
    .map_err(|e| Failure::rule(e.to_string()))?;
    let defaults = &detail.defaults;
    let new_due = letter.new_due.or(defaults.new_due).ok_or_else(|| {
        Failure::rule("Chưa có ngày hẹn trả mới: thêm --new-due \"YYYY-MM-DD HH:MM\".")
    })?;
    let signer = match letter.signer {
        Some(s) => s,
        None if defaults.signer.trim().is_empty() => {
            return Err(Failure::rule(format!(
                "Chưa có người ký văn bản xin lỗi: thêm --signer \"Họ và tên\" hoặc điền khóa head của [agency] trong {}.",
                ctx.data_dir.join(crate::settings::FILE_NAME).display()
            )));
        }
        None => defaults.signer.clone(),
    };
    let command = Command::IssueApology {
        reason: letter.reason,
        new_due,
        signer,
        notified: letter.notified,
    };
    let seen = Some(detail.row.dossier.events.len());
    let updated = desk.act(&code, seen, command, &super::call(ctx, desk)?)?;
    let (number, year) = updated
        .events
        .iter()
        .rev()
        .find_map(|e| match e.kind {
            EventKind::ApologyIssued { number, year, .. } => Some((number, year)),
            _ => None,
        })
        .ok_or_else(|| Failure::environment("Đã ghi nhưng không đọc lại được văn bản xin lỗi."))?;
    say!("{number:02}/PXL");
    say!(
        "Đã lập văn bản xin lỗi số {number:02}/PXL năm {year} cho hồ sơ {}; hẹn trả mới: {}.",
        updated.code.as_str(),
        short(new_due)
    );
    Ok(())
}
