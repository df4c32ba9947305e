//! Why the domain refuses something, in Vietnamese a clerk can act on. Every message says what
//! is wrong and, where it helps, what to do instead. Pure.

use chrono::NaiveDate;

use crate::calendar::LocalTime;
use crate::domain::command::CommandKind;
use crate::domain::fields::{Field, FieldProblem};
use crate::domain::model::Status;

/// The refusal of a step taken on a stale view: another counter changed the dossier since the
/// clerk's screen showed it (issue 13); the screen reloads it.
pub const STALE_VIEW: &str = "Hồ sơ vừa được cập nhật ở quầy khác — đã tải lại";

/// A refusal by a rule of the domain (exit code 1 on the command line).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    /// A field's value is not acceptable; `field` lets a screen focus it.
    #[error("{field}: {problem}")]
    Field { field: Field, problem: FieldProblem },

    #[error(
        "Không thể «{}»: hồ sơ đang ở trạng thái «{}».",
        command.label(),
        status.label()
    )]
    IllegalTransition {
        command: CommandKind,
        status: Status,
    },

    #[error(
        "Thời điểm {} sớm hơn sự kiện trước đó của hồ sơ ({}); không thể ghi lùi thời gian, \
         hãy kiểm tra lại ngày giờ.",
        when(*at),
        when(*previous)
    )]
    BeforePreviousEvent { at: LocalTime, previous: LocalTime },

    #[error(
        "Hồ sơ đã được hướng dẫn bổ sung một lần tại bộ phận một cửa ({}); theo quy định chỉ yêu \
         cầu bổ sung một lần (Nghị định 61/2018/NĐ-CP, Điều 11 khoản 2 điểm c và Điều 15 \
         khoản 3). Nếu hồ sơ vẫn chưa đủ, hãy từ chối tiếp nhận và ghi rõ lý do.",
        when(*at)
    )]
    SupplementAlreadyRequested { at: LocalTime },

    #[error(
        "Đơn vị giải quyết đã trả hồ sơ để bổ sung (lần đầu lúc {}); trong quá trình giải quyết \
         chỉ được yêu cầu bổ sung {} ({}). Nếu hồ sơ không đủ điều kiện giải quyết, hãy từ chối \
         bằng văn bản nêu rõ lý do.",
        when(*at),
        times_word(*times),
        basis.as_deref().unwrap_or("Nghị định 61/2018/NĐ-CP, Điều 19 khoản 4")
    )]
    SupplementReturnedAlready {
        at: LocalTime,
        times: u32,
        basis: Option<String>,
    },

    #[error(
        "Đã quá thời hạn trả lại hồ sơ để bổ sung: đơn vị giải quyết chỉ được yêu cầu bổ sung, \
         hoàn thiện hồ sơ trong {:02} ngày làm việc kể từ khi tiếp nhận hồ sơ ({}), tức chậm \
         nhất {} ({}). Thời hạn giải quyết vẫn tiếp tục tính; nếu hồ sơ không đủ điều kiện giải \
         quyết, hãy từ chối bằng văn bản nêu rõ lý do.",
        days,
        when(*received),
        when(*deadline),
        basis.as_deref().unwrap_or("Nghị định 61/2018/NĐ-CP, Điều 19 khoản 4")
    )]
    SupplementTooLate {
        received: LocalTime,
        deadline: LocalTime,
        days: u32,
        basis: Option<String>,
    },

    #[error(
        "Dừng giải quyết hồ sơ theo đề nghị chỉ áp dụng cho hồ sơ tiếp nhận từ ngày 01/7/2025 \
         (Nghị định 118/2025/NĐ-CP, Điều 21); hồ sơ này tiếp nhận ngày {}.",
        received.format("%d/%m/%Y")
    )]
    StopBeforeDecree118 { received: LocalTime },

    #[error(
        "Thủ tục «{procedure}» không có khoảng thời gian được loại trừ theo luật chuyên ngành \
         nên không thể tạm dừng tính thời gian."
    )]
    NotPausable { procedure: String },

    #[error("Hồ sơ đang ở «{unit}»; hãy chọn đơn vị nhận khác.")]
    SameUnit { unit: String },

    #[error(
        "Hồ sơ đã có văn bản xin lỗi số {number:02}/PXL năm {year}, hẹn lại {}. Chỉ được hẹn lại \
         ngày trả kết quả một lần; nếu trễ hẹn lần nữa, hãy báo cáo lãnh đạo.",
        when(*new_due)
    )]
    ApologyAlreadyIssued {
        number: u32,
        year: i32,
        new_due: LocalTime,
    },

    #[error(
        "Ngày hẹn trả mới ({}) phải sau thời hạn giải quyết theo quy định ({}).",
        when(*new_due),
        when(*due)
    )]
    NewDueNotAfterDue { new_due: LocalTime, due: LocalTime },

    #[error(
        "Ngày hẹn trả mới ({}) phải sau thời điểm lập văn bản xin lỗi ({}).",
        when(*new_due),
        when(*at)
    )]
    NewDueInPast { new_due: LocalTime, at: LocalTime },

    #[error(
        "Ngày hẹn trả mới {} không phải ngày làm việc; hãy chọn một ngày làm việc.",
        date.format("%d/%m/%Y")
    )]
    NewDueNotWorkingDay { date: NaiveDate },

    #[error("Chưa cấp được số văn bản xin lỗi (Số …/PXL); hãy thử lại.")]
    ApologyNumberMissing,

    #[error("{what} đã là «{value}»: không có gì để sửa.")]
    CorrectionUnchanged { what: &'static str, value: String },

    #[error(
        "Chỉ sửa được thủ tục trước khi chuyển hồ sơ cho đơn vị giải quyết; hồ sơ đã chuyển, \
         hãy từ chối (nêu lý do) và tiếp nhận hồ sơ mới đúng thủ tục."
    )]
    ProcedureAfterTransfer,

    #[error(
        "Không sửa được thủ tục: đã đến hạn gửi văn bản xin lỗi ({deadline}) hoặc đã có văn bản \
         xin lỗi, nghĩa vụ xin lỗi theo Điều 19 khoản 9 Nghị định 61/2018/NĐ-CP đã xác định; \
         nếu chọn nhầm thủ tục, hãy từ chối (nêu lý do) và tiếp nhận hồ sơ mới đúng thủ tục."
    )]
    ProcedureAfterDeadline { deadline: String },

    #[error("Hồ sơ không có bước nào hoàn tác được.")]
    NothingToUndo,

    #[error("Không hoàn tác được «{step}»: {why}")]
    NotUndoable { step: String, why: String },

    #[error("{0}")]
    Timeline(String),
}

impl DomainError {
    /// Shorthand for a field refusal.
    pub fn field(field: Field, problem: FieldProblem) -> DomainError {
        DomainError::Field { field, problem }
    }

    /// The field to focus on a form, when the refusal is about one.
    pub fn focus(&self) -> Option<Field> {
        match self {
            DomainError::Field { field, .. } => Some(*field),
            _ => None,
        }
    }
}

/// "một lần", "2 lần".
fn times_word(n: u32) -> String {
    match n {
        1 => "một lần".to_owned(),
        n => format!("{n} lần"),
    }
}

/// "HH:MM ngày DD/MM/YYYY", the way messages show an instant.
pub(crate) fn when(t: LocalTime) -> String {
    t.format("%H:%M ngày %d/%m/%Y").to_string()
}
