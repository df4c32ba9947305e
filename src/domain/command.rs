//! The actions a clerk can take on a dossier, as kinds without data: labels for menus, which ones
//! are irreversible (they go through a confirmation). Pure.

use crate::domain::model::Command;

/// The kind of a [`Command`], without its data: what a screen offers as an action.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, utoipa::ToSchema,
)]
pub enum CommandKind {
    Transfer,
    RequestSupplement,
    ReceiveSupplement,
    Pause,
    Resume,
    Refuse,
    Stop,
    MarkResultReady,
    HandBack,
    IssueApology,
    /// Put a recorded fact right, with a reason (issue 16).
    Correct,
    /// Take back the last step, with a reason (issue 16).
    Undo,
}

impl CommandKind {
    pub const ALL: [CommandKind; 12] = [
        CommandKind::Transfer,
        CommandKind::RequestSupplement,
        CommandKind::ReceiveSupplement,
        CommandKind::Pause,
        CommandKind::Resume,
        CommandKind::MarkResultReady,
        CommandKind::HandBack,
        CommandKind::IssueApology,
        CommandKind::Refuse,
        CommandKind::Stop,
        CommandKind::Correct,
        CommandKind::Undo,
    ];

    /// The action's Vietnamese label, as on a menu.
    pub fn label(self) -> &'static str {
        match self {
            CommandKind::Transfer => "Chuyển hồ sơ",
            CommandKind::RequestSupplement => "Yêu cầu bổ sung hồ sơ",
            CommandKind::ReceiveSupplement => "Nhận hồ sơ bổ sung",
            CommandKind::Pause => "Tạm dừng tính thời gian",
            CommandKind::Resume => "Tiếp tục tính thời gian",
            CommandKind::Refuse => "Từ chối giải quyết",
            CommandKind::Stop => "Dừng giải quyết theo đề nghị",
            CommandKind::MarkResultReady => "Nhận kết quả về bộ phận một cửa",
            CommandKind::HandBack => "Trả kết quả",
            CommandKind::IssueApology => "Xin lỗi và hẹn lại ngày trả",
            CommandKind::Correct => "Sửa thông tin hồ sơ",
            CommandKind::Undo => "Hoàn tác bước vừa làm",
        }
    }

    /// Steps that cannot be undone and go through a confirmation on screen.
    pub fn is_irreversible(self) -> bool {
        match self {
            CommandKind::Refuse
            | CommandKind::Stop
            | CommandKind::HandBack
            | CommandKind::IssueApology => true,
            CommandKind::Transfer
            | CommandKind::RequestSupplement
            | CommandKind::ReceiveSupplement
            | CommandKind::Pause
            | CommandKind::Resume
            | CommandKind::MarkResultReady
            | CommandKind::Correct
            | CommandKind::Undo => false,
        }
    }
}

impl Command {
    pub fn kind(&self) -> CommandKind {
        match self {
            Command::Transfer { .. } => CommandKind::Transfer,
            Command::RequestSupplement { .. } => CommandKind::RequestSupplement,
            Command::ReceiveSupplement => CommandKind::ReceiveSupplement,
            Command::Pause { .. } => CommandKind::Pause,
            Command::Resume => CommandKind::Resume,
            Command::Refuse { .. } => CommandKind::Refuse,
            Command::Stop { .. } => CommandKind::Stop,
            Command::MarkResultReady => CommandKind::MarkResultReady,
            Command::HandBack { .. } => CommandKind::HandBack,
            Command::IssueApology { .. } => CommandKind::IssueApology,
            Command::Correct { .. } => CommandKind::Correct,
            Command::Undo { .. } => CommandKind::Undo,
        }
    }
}
