//! Subcommands: receive, show, list, search, one per legal transition, hand-back, correct,
//! undo, export, import, verify, catalogue. Reads take `--json`; `receive` prints the new code on its first
//! line. Exit codes: 0 success, 1 refused by a rule or bad input, 2 environment or store.

mod transfer;
mod view;

use std::io::Write;

use clap::{Subcommand, ValueEnum};

use super::out::say;
use super::{CmdResult, Context, Failure};
use crate::desk::{Desk, ListFilter, LocalDesk, Page};
use crate::domain::{
    ApplicantKind, Channel, Command, Correction, DossierCode, Intake, ProcedureCode, Status,
};

pub(crate) use transfer::{CatalogueCommand, ExportFormat};

#[derive(Subcommand, Debug)]
pub(crate) enum LedgerCommand {
    /// Tiếp nhận hồ sơ mới; in mã hồ sơ ở dòng đầu.
    Receive(ReceiveArgs),
    /// Xem một hồ sơ và diễn biến của nó.
    Show {
        code: String,
        /// In dạng JSON.
        #[arg(long)]
        json: bool,
    },
    /// Liệt kê hồ sơ (tất cả, mới nhất trước, trừ khi có bộ lọc).
    List(ListArgs),
    /// Tìm theo tên, mã hồ sơ, số định danh, số điện thoại (không cần dấu).
    Search {
        /// Tên, mã hồ sơ, số định danh hoặc số điện thoại.
        text: String,
        /// Số kết quả tối đa.
        #[arg(long, default_value_t = 50)]
        limit: usize,
        /// In dạng JSON.
        #[arg(long)]
        json: bool,
    },
    /// Chuyển hồ sơ cho đơn vị giải quyết.
    Transfer {
        /// Mã hồ sơ (gõ hoặc quét mã vạch trên giấy tiếp nhận).
        code: String,
        /// Đơn vị hoặc cán bộ giải quyết nhận hồ sơ.
        #[arg(long)]
        to: String,
    },
    /// Yêu cầu bổ sung, hoàn thiện hồ sơ (thời hạn tính lại khi nhận đủ).
    SupplementRequest {
        /// Mã hồ sơ (gõ hoặc quét mã vạch trên giấy tiếp nhận).
        code: String,
        /// Lý do (ghi vào diễn biến hồ sơ và giấy tờ in ra).
        #[arg(long)]
        reason: String,
        /// Nội dung cần bổ sung, cách nhau bởi dấu ';'.
        #[arg(long, default_value = "", hide_default_value = true)]
        items: String,
    },
    /// Đã nhận hồ sơ bổ sung đầy đủ: thời hạn tính lại từ đầu.
    SupplementReceived {
        /// Mã hồ sơ (gõ hoặc quét mã vạch trên giấy tiếp nhận).
        code: String,
    },
    /// Tạm dừng tính thời gian (thời gian không tính vào thời hạn).
    Pause {
        /// Mã hồ sơ (gõ hoặc quét mã vạch trên giấy tiếp nhận).
        code: String,
        /// Lý do (ghi vào diễn biến hồ sơ và giấy tờ in ra).
        #[arg(long)]
        reason: String,
    },
    /// Tiếp tục tính thời gian sau khi tạm dừng.
    Resume {
        /// Mã hồ sơ (gõ hoặc quét mã vạch trên giấy tiếp nhận).
        code: String,
    },
    /// Từ chối giải quyết hồ sơ, nêu lý do (kết thúc).
    Refuse {
        /// Mã hồ sơ (gõ hoặc quét mã vạch trên giấy tiếp nhận).
        code: String,
        /// Lý do (ghi vào diễn biến hồ sơ và giấy tờ in ra).
        #[arg(long)]
        reason: String,
    },
    /// Dừng giải quyết theo đề nghị của người nộp (kết thúc).
    Stop {
        /// Mã hồ sơ (gõ hoặc quét mã vạch trên giấy tiếp nhận).
        code: String,
        /// Lý do (ghi vào diễn biến hồ sơ và giấy tờ in ra).
        #[arg(long)]
        reason: String,
    },
    /// Đã có kết quả tại bộ phận một cửa, chờ trả.
    Result {
        /// Mã hồ sơ (gõ hoặc quét mã vạch trên giấy tiếp nhận).
        code: String,
    },
    /// Trả kết quả cho người nộp (kết thúc).
    HandBack {
        /// Mã hồ sơ (gõ hoặc quét mã vạch trên giấy tiếp nhận).
        code: String,
        /// Người nhận kết quả (mặc định: người nộp).
        #[arg(long)]
        to: Option<String>,
        /// Phí, lệ phí đã thu (đồng).
        #[arg(long, default_value_t = 0)]
        fee: u64,
        /// Mức độ hài lòng theo thang trong cấu hình.
        #[arg(long, default_value = "", hide_default_value = true)]
        rating: String,
    },
    /// Sửa một thông tin đã ghi (kèm lý do); giá trị cũ vẫn giữ trong lịch sử hồ sơ.
    Correct {
        code: String,
        /// Thông tin cần sửa (thủ tục: chỉ trước khi chuyển hồ sơ).
        #[arg(long, value_enum)]
        field: CorrectField,
        /// Giá trị mới (giấy tờ: cách nhau bởi ';'; thủ tục: mã thủ tục trong danh mục).
        #[arg(long)]
        value: String,
        #[arg(long)]
        reason: String,
    },
    /// Hoàn tác bước cuối của hồ sơ (cùng người làm, trong ngày; không áp dụng cho văn bản
    /// pháp lý đã giao người dân).
    Undo {
        code: String,
        #[arg(long)]
        reason: String,
    },
    /// Xuất toàn bộ hồ sơ (jsonl: đầy đủ, nhập lại được; csv: cho bảng tính).
    Export {
        /// Định dạng tệp xuất.
        #[arg(long, value_enum, default_value = "jsonl")]
        format: ExportFormat,
        /// Tệp ghi ra (mặc định: in ra màn hình).
        #[arg(long, value_name = "FILE")]
        out: Option<std::path::PathBuf>,
        /// Che số định danh, số điện thoại, email (khi gửi dữ liệu ra ngoài).
        #[arg(long)]
        mask_personal: bool,
    },
    /// Nhập tệp JSONL đã xuất vào thư mục dữ liệu này.
    Import {
        /// Tệp JSONL do `motcua export` tạo.
        file: std::path::PathBuf,
        /// Nhập các dòng hợp lệ, báo các dòng lỗi (mặc định: có lỗi thì không nhập gì).
        #[arg(long)]
        skip_invalid: bool,
    },
    /// Kiểm tra chuỗi sự kiện và các chỉ mục (mã thoát 0 chỉ khi nhất quán).
    Verify {
        /// In dạng JSON.
        #[arg(long)]
        json: bool,
        /// Mã kiểm chứng sổ in trên báo cáo (ít nhất 8 chữ số hex): kiểm tra lịch sử của sổ
        /// đến điểm đó vẫn nguyên vẹn.
        #[arg(long, value_name = "MÃ")]
        head: Option<String>,
        /// Thời điểm báo cáo in mã đó, "YYYY-MM-DD HH:MM" (điểm đó phải có trước thời điểm này).
        #[arg(long, value_name = "TIME", requires = "head")]
        at: Option<String>,
    },
    /// Danh mục thủ tục hành chính.
    #[command(subcommand)]
    Catalogue(CatalogueCommand),
}

#[derive(clap::Args, Debug)]
pub(crate) struct ReceiveArgs {
    /// Mã thủ tục trong danh mục (xem `motcua catalogue list`).
    #[arg(long)]
    procedure: String,
    /// Họ và tên người nộp (hoặc tên tổ chức).
    #[arg(long)]
    name: String,
    /// Người nộp là tổ chức (số định danh khi đó là mã số thuế).
    #[arg(long)]
    organisation: bool,
    /// Số định danh cá nhân (12 số; số CMND cũ 9 số) hoặc mã số thuế.
    #[arg(long, default_value = "", hide_default_value = true)]
    id_number: String,
    /// Số điện thoại.
    #[arg(long, default_value = "", hide_default_value = true)]
    phone: String,
    /// Địa chỉ.
    #[arg(long, default_value = "", hide_default_value = true)]
    address: String,
    /// Email.
    #[arg(long, default_value = "", hide_default_value = true)]
    email: String,
    /// Người được ủy quyền (nếu có).
    #[arg(long, default_value = "", hide_default_value = true)]
    representative: String,
    /// Hình thức nộp.
    #[arg(long, value_enum, default_value = "truc-tiep")]
    channel: ChannelArg,
    /// Số bộ hồ sơ.
    #[arg(long, default_value_t = 1)]
    sets: u32,
    /// Thành phần hồ sơ đã nhận, cách nhau bởi ';' (mặc định: theo thủ tục).
    #[arg(long, default_value = "", hide_default_value = true)]
    documents: String,
    /// Ghi chú.
    #[arg(long, default_value = "", hide_default_value = true)]
    note: String,
}

/// The facts `motcua correct` can change, by their Vietnamese short names.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub(crate) enum CorrectField {
    Ten,
    SoDinhDanh,
    DienThoai,
    DiaChi,
    Email,
    SoBo,
    GiayTo,
    ThuTuc,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub(crate) enum ChannelArg {
    TrucTiep,
    BuuChinh,
    TrucTuyen,
}

#[derive(clap::Args, Debug)]
pub(crate) struct ListArgs {
    /// Chỉ hồ sơ ở trạng thái này.
    #[arg(long, value_enum)]
    status: Option<StatusArg>,
    /// Chỉ hồ sơ quá hạn.
    #[arg(long)]
    overdue: bool,
    /// Chỉ hồ sơ sắp đến hạn.
    #[arg(long)]
    due_soon: bool,
    /// Tiếp nhận trong ngày này (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    received_on: Option<String>,
    /// Số dòng tối đa.
    #[arg(long)]
    limit: Option<usize>,
    /// In dạng JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub(crate) enum StatusArg {
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

pub(crate) fn run(ctx: &Context, cmd: LedgerCommand) -> CmdResult {
    if let LedgerCommand::Import { file, skip_invalid } = cmd {
        // A bulk load writes the store directly, as its only user.
        return transfer::import(LocalDesk::open(&ctx.data_dir)?, &file, skip_invalid);
    }
    let desk = super::open_desk(ctx)?;
    let desk = desk.as_ref();
    match cmd {
        LedgerCommand::Receive(args) => receive(ctx, desk, args),
        LedgerCommand::Show { code, json } => {
            let code = code_arg(&code)?;
            let d = desk.detail(&code, ctx.now)?.ok_or_else(|| {
                Failure::rule(format!("Không tìm thấy hồ sơ mã «{}».", code.as_str()))
            })?;
            view::show(&d.row, json, &|at| desk.letterhead(at))
        }
        LedgerCommand::List(args) => list(ctx, desk, args),
        LedgerCommand::Search { text, limit, json } => {
            view::rows(&desk.search(&text, limit, ctx.now)?, json)
        }
        LedgerCommand::Export {
            format,
            out,
            mask_personal,
        } => transfer::export(desk, format, out, mask_personal),
        LedgerCommand::Verify { json, head, at } => {
            transfer::verify(desk, &ctx.data_dir, json)?;
            match head {
                Some(head) => transfer::verify_head(desk, &head, at.as_deref(), json),
                None => Ok(()),
            }
        }
        LedgerCommand::Catalogue(c) => transfer::catalogue(desk, c),
        transition => act(ctx, desk, transition),
    }
}

fn receive(ctx: &Context, desk: &dyn Desk, a: ReceiveArgs) -> CmdResult {
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
    let d = desk.receive(intake, &super::call(ctx, desk)?)?;
    // The dossier is durable already: a reader that went away (`| head -1`) is not an error.
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{}", d.code.as_str());
    let _ = writeln!(out, "Hẹn trả kết quả: {}", view::when(d.due_at));
    let _ = out.flush();
    Ok(())
}

fn act(ctx: &Context, desk: &dyn Desk, cmd: LedgerCommand) -> CmdResult {
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
                    .get(&code_arg(&code)?)?
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
        LedgerCommand::Correct {
            code,
            field,
            value,
            reason,
        } => (
            code,
            Command::Correct {
                change: correction(desk, field, value)?,
                reason,
            },
        ),
        LedgerCommand::Undo { code, reason } => (code, Command::Undo { reason }),
        other => unreachable!("run() dispatches {other:?} elsewhere"),
    };
    let d = desk.act(&code_arg(&code)?, None, command, &super::call(ctx, desk)?)?;
    say!("{}\t{}", d.code.as_str(), d.status.label());
    Ok(())
}

/// The correction `--field` and `--value` name (the domain checks the value as at intake).
fn correction(desk: &dyn Desk, field: CorrectField, value: String) -> Result<Correction, Failure> {
    Ok(match field {
        CorrectField::Ten => Correction::Name(value),
        CorrectField::SoDinhDanh => Correction::IdNumber(value),
        CorrectField::DienThoai => Correction::Phone(value),
        CorrectField::DiaChi => Correction::Address(value),
        CorrectField::Email => Correction::Email(value),
        CorrectField::SoBo => Correction::Sets(value.trim().parse().map_err(|_| {
            Failure::rule(format!("Số bộ hồ sơ «{value}» phải là một số, ví dụ 2."))
        })?),
        CorrectField::GiayTo => Correction::Documents(split_list(&value)),
        CorrectField::ThuTuc => {
            let code = value.trim();
            let p = desk
                .catalogue()?
                .into_iter()
                .find(|p| p.code.0 == code)
                .ok_or_else(|| {
                    Failure::rule(format!(
                        "Không có thủ tục mã «{code}» trong danh mục (xem `motcua catalogue list`)."
                    ))
                })?;
            Correction::Procedure(p.facts())
        }
    })
}

fn list(ctx: &Context, desk: &dyn Desk, a: ListArgs) -> CmdResult {
    let page = Page::first(a.limit.unwrap_or(usize::MAX));
    let found = if let Some(day) = &a.received_on {
        let date = chrono::NaiveDate::parse_from_str(day.trim(), "%Y-%m-%d").map_err(|_| {
            Failure::rule(format!("Ngày «{day}» không hợp lệ; dùng dạng YYYY-MM-DD."))
        })?;
        desk.received_on(date, ctx.now, page)?
    } else if a.overdue {
        desk.list(ListFilter::Overdue, ctx.now, page)?
    } else if a.due_soon {
        desk.list(ListFilter::DueSoon, ctx.now, page)?
    } else if let Some(s) = a.status {
        desk.list_status(s.into(), ctx.now, page)?
    } else {
        desk.list(ListFilter::All, ctx.now, page)?
    };
    let found: Vec<_> = match a.status {
        Some(s) => {
            let status = s.into();
            found
                .into_iter()
                .filter(|r| r.dossier.status == status)
                .collect()
        }
        None => found,
    };
    view::rows(&found, a.json)
}

/// A dossier code given on the command line (NFC, spaces trimmed, letters upper-cased), or the
/// reason it is not one.
pub(super) fn code_arg(text: &str) -> Result<DossierCode, Failure> {
    DossierCode::read(&crate::text::nfc(text)).map_err(|e| Failure::rule(e.to_string()))
}
