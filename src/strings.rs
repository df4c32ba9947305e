//! User-facing Vietnamese words shared by the screens, the command line and the printouts, so a
//! term is spelled one way everywhere. Module-specific messages live beside their code but are
//! still Vietnamese; this module holds the shared vocabulary.

use crate::domain::{Channel, Notification, Status};

pub fn status(s: Status) -> &'static str {
    match s {
        Status::Received => "Đã tiếp nhận",
        Status::InProcessing => "Đang giải quyết",
        Status::SupplementRequested => "Chờ bổ sung",
        Status::Paused => "Tạm dừng tính thời gian",
        Status::ResultReady => "Chờ trả kết quả",
        Status::HandedBack => "Đã trả kết quả",
        Status::Refused => "Từ chối",
        Status::Stopped => "Dừng giải quyết",
    }
}

pub fn channel(c: Channel) -> &'static str {
    match c {
        Channel::Direct => "Trực tiếp",
        Channel::Postal => "Dịch vụ bưu chính công ích",
        Channel::Online => "Trực tuyến",
    }
}

pub fn notification(n: Notification) -> &'static str {
    match n {
        Notification::Phone => "Điện thoại",
        Notification::Sms => "Tin nhắn SMS",
        Notification::Email => "Thư điện tử",
        Notification::Letter => "Trao văn bản",
    }
}
