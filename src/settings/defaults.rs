//! The default settings: the commented file written on first run, and the same values as data
//! (used for keys missing from an older file). A test keeps the two equal.

use chrono::NaiveDate;

use crate::calendar::OfficeHours;

use super::{Accounts, Agency, Backup, DeskRules, Settings};

/// The file written on first run. Every key is documented in Vietnamese for the desk's staff.
pub const DEFAULT_TOML: &str = r#"# Cấu hình bàn một cửa motcua.
# Sửa tệp này bằng một trình soạn thảo văn bản rồi khởi động lại chương trình.
# Chuỗi đặt trong ngoặc kép; dòng bắt đầu bằng # là ghi chú.

[agency]
# Các giá trị in trên giấy tờ từ ngày `from` (cuối bảng này) trở đi.
# Tên cơ quan in trên các phiếu, ví dụ "UBND xã Thanh Sơn".
name = "UBND xã Thanh Sơn"
# Cơ quan chủ quản (dòng "ĐƠN VỊ CHỦ QUẢN" trên phiếu); để "" nếu không in.
parent = "UBND tỉnh Lạng Sơn"
# Địa danh ghi trước ngày tháng: "Thanh Sơn, ngày … tháng … năm …".
place = "Thanh Sơn"
province = "Lạng Sơn"
# Mã định danh điện tử của cơ quan (QCVN 102:2016/BTTTT), phần đầu của mã hồ sơ.
# Thay bằng mã thật của cơ quan trước khi tiếp nhận hồ sơ đầu tiên.
code = "000.00.20.H30"
# Tên bộ phận tiếp nhận in dưới tên cơ quan (từ 01/7/2025: Trung tâm Phục vụ hành chính công).
desk_name = "Trung tâm Phục vụ hành chính công xã Thanh Sơn"
# Số điện thoại hướng dẫn người dân; để "" thì để chỗ trống trên phiếu để ghi tay.
desk_phone = ""
# Thủ trưởng cơ quan, người ký văn bản xin lỗi, thông báo dừng (có thể sửa trên từng văn bản).
head = ""
# Chức danh in ở chỗ ký của thủ trưởng.
head_title = "CHỦ TỊCH"
# Ngày các giá trị trên bắt đầu có hiệu lực.
from = 2025-07-01

# Lịch sử các giá trị trước đó, để giấy tờ in lại đúng như bản gốc theo ngày của giấy tờ.
# Khi có thay đổi (ví dụ Chủ tịch mới từ ngày 16/3/2026): đừng sửa đè. Chép các giá trị
# đang dùng ở [agency] (kể cả from) thành một mục [[agency.history]] mới ở cuối danh sách,
# rồi sửa [agency] và đặt from = 2026-03-16. Mục đầu tiên có thể bỏ from (áp dụng cho mọi
# ngày trước mục sau nó); khóa nào mục bỏ trống thì lấy giá trị của giai đoạn sau nó.
# Trước 01/7/2025 cấp trên của xã là huyện và bộ phận một cửa là Bộ phận tiếp nhận và trả kết quả.
[[agency.history]]
name = "UBND xã Thanh Sơn"
parent = "UBND huyện Hữu Lũng"
place = "Thanh Sơn"
desk_name = "Bộ phận tiếp nhận và trả kết quả"
desk_phone = ""
head = ""
head_title = "CHỦ TỊCH"

[desk]
# Cán bộ tiếp nhận mặc định khi không ghi --operator.
default_operator = "Cán bộ tiếp nhận"
# Hồ sơ "sắp đến hạn" khi còn không quá bấy nhiêu phút làm việc (450 = một ngày làm việc).
due_soon_minutes = 450
# Các mức đánh giá sự hài lòng, mức tốt nhất trước.
satisfaction_scale = ["Rất hài lòng", "Hài lòng", "Không hài lòng"]
# Từ ngày này dùng bộ mẫu theo Thông tư 03/2025/TT-VPCP (trước đó: Thông tư 01/2018/TT-VPCP).
form_set_2025_from = 2025-07-01
# Tên hàng in CUPS để in phiếu (lệnh lp); để "" nếu chỉ xuất tệp PDF.
printer = ""
# Các năm hợp lệ của đồng hồ máy (tối đa 100 năm): hồ sơ ghi ngày ngoài khoảng này bị từ chối,
# vì khi đó đồng hồ máy tính có lẽ bị sai (ví dụ hết pin CMOS, máy về năm 1970).
clock_years = [2000, 2099]

[backup]
# Tự sao lưu dữ liệu khi mở chương trình lần đầu trong ngày.
daily = true
# Giữ lại bấy nhiêu bản sao lưu hằng ngày gần nhất (1–365).
keep = 14

[accounts]
# Bàn làm việc trên máy này (và các lệnh qua nó) cũng phải đăng nhập bằng tài khoản.
# Máy trạm nối tới "motcua serve" qua mạng luôn phải đăng nhập.
require_login = false
# Phiên đăng nhập hết hạn sau bấy nhiêu phút không dùng; 0 = hết giờ làm việc trong ngày.
session_idle_minutes = 0

[office_hours]
# Các ngày làm việc trong tuần: T2 … T7, CN (thêm "T7" nếu bộ phận làm sáng thứ Bảy).
weekdays = ["T2", "T3", "T4", "T5", "T6"]
# Các buổi làm việc trong ngày, theo thứ tự: giờ bắt đầu tính, giờ kết thúc không tính.
sessions = ["07:30-11:30", "13:30-17:00"]
# Giờ làm việc theo mùa (nếu tỉnh quy định giờ mùa hè, mùa đông): bỏ dấu # ở các dòng dưới.
# [[office_hours.seasons]]
# name = "Giờ mùa hè"
# from = "05-01"
# to = "09-30"
# sessions = ["07:00-11:30", "13:30-17:00"]

# Yêu cầu bổ sung hồ sơ: đơn vị giải quyết chỉ được trả hồ sơ để bổ sung một lần, trong
# 03 ngày làm việc kể từ khi tiếp nhận (Nghị định 61/2018/NĐ-CP, Điều 19 khoản 4). Chỉ thêm
# mục dưới đây cho thủ tục mà luật chuyên ngành quy định khác, ghi rõ văn bản làm căn cứ.
# [[supplement_exceptions]]
# procedure = "1.000000"                      # mã thủ tục trong danh mục
# source = "Điều …, Nghị định số …"            # căn cứ pháp lý (bắt buộc)
# within_working_days = 5                     # bỏ dòng này nếu không giới hạn thời gian
# times = 2                                   # bỏ dòng này nếu không giới hạn số lần
"#;

/// The defaults as values.
pub fn values() -> Settings {
    Settings {
        agency: Agency {
            name: "UBND xã Thanh Sơn".to_owned(),
            parent: "UBND tỉnh Lạng Sơn".to_owned(),
            place: "Thanh Sơn".to_owned(),
            province: "Lạng Sơn".to_owned(),
            code: super::PLACEHOLDER_AGENCY_CODE.to_owned(),
            desk_name: crate::report::letterhead::DEFAULT_CENTRE.to_owned(),
            desk_phone: String::new(),
            head: String::new(),
            head_title: "CHỦ TỊCH".to_owned(),
            from: NaiveDate::from_ymd_opt(2025, 7, 1),
            history: vec![super::AgencyPeriod {
                from: None,
                name: Some("UBND xã Thanh Sơn".to_owned()),
                parent: Some(crate::report::letterhead::DEFAULT_DISTRICT.to_owned()),
                place: Some("Thanh Sơn".to_owned()),
                desk_name: Some(crate::report::letterhead::DEFAULT_DESK_2018.to_owned()),
                desk_phone: Some(String::new()),
                head: Some(String::new()),
                head_title: Some("CHỦ TỊCH".to_owned()),
            }],
        },
        desk: DeskRules {
            default_operator: "Cán bộ tiếp nhận".to_owned(),
            due_soon_minutes: 450,
            satisfaction_scale: ["Rất hài lòng", "Hài lòng", "Không hài lòng"]
                .map(str::to_owned)
                .to_vec(),
            form_set_2025_from: NaiveDate::from_ymd_opt(2025, 7, 1).expect("a valid date"),
            printer: None,
            clock_years: (2000, 2099),
        },
        backup: Backup {
            daily: true,
            keep: 14,
        },
        accounts: Accounts {
            require_login: false,
            session_idle_minutes: 0,
        },
        office_hours: OfficeHours::default(),
        supplement: crate::domain::SupplementLaw::default(),
    }
}
