//! Who issues the documents and how their words are written: the letterhead (agency, parent
//! agency, place, signer), the form set in force on a date (2018 or 2025 numbering and titles,
//! RULES.md §3), and the Vietnamese ways of writing times and dates on them (a time limit and
//! money read as `TimeLimit::label` and `domain::vnd` write them, on every screen alike).
//! Pure: the settings file is read elsewhere and turned into a [`Letterhead`].

use chrono::{Datelike, NaiveDate, Timelike};

use crate::calendar::LocalTime;

use super::document::Header;

/// What the printouts need from the desk's settings.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Letterhead {
    /// "ĐƠN VỊ CHỦ QUẢN", e.g. "UBND tỉnh Lạng Sơn"; may be empty.
    pub parent_agency: String,
    /// The agency, e.g. "UBND xã Thanh Sơn".
    pub agency: String,
    /// The place written before the date, e.g. "Thanh Sơn".
    pub place: String,
    /// The desk's own name, e.g. "Bộ phận tiếp nhận và trả kết quả".
    pub desk: String,
    /// The desk's telephone for applicants who need help (supplement request); may be empty.
    pub desk_phone: String,
    /// The head who signs apology letters and stop notices.
    pub signer: String,
    /// The first day of the 2025 form set (Circular 03/2025): 2025-07-01 by default.
    pub form_set_2025_from: NaiveDate,
    /// The satisfaction scale, best first; the last entry is the unsatisfied one.
    pub satisfaction_scale: Vec<String>,
    /// Working minutes before the due instant from which an open dossier is "due soon".
    pub due_soon_minutes: i64,
    /// The CUPS queue printouts go to; `None` writes files only.
    pub printer: Option<String>,
}

impl Default for Letterhead {
    /// The program's defaults (RULES.md §1): UBND xã Thanh Sơn, Lạng Sơn.
    fn default() -> Letterhead {
        Letterhead {
            parent_agency: "UBND tỉnh Lạng Sơn".to_owned(),
            agency: "UBND xã Thanh Sơn".to_owned(),
            place: "Thanh Sơn".to_owned(),
            desk: "Bộ phận tiếp nhận và trả kết quả".to_owned(),
            desk_phone: String::new(),
            signer: String::new(),
            form_set_2025_from: NaiveDate::from_ymd_opt(2025, 7, 1).expect("a valid date"),
            satisfaction_scale: vec![
                "Rất hài lòng".to_owned(),
                "Hài lòng".to_owned(),
                "Không hài lòng".to_owned(),
            ],
            due_soon_minutes: i64::from(crate::domain::DEFAULT_DUE_SOON_MINUTES),
            printer: None,
        }
    }
}

/// The form set in force on a document's date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormSet {
    /// Circular 01/2018/TT-VPCP, until 30/06/2025.
    Y2018,
    /// Circular 03/2025/TT-VPCP, from 01/07/2025.
    Y2025,
}

/// The official forms (RULES.md §3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    Receipt,
    SupplementRequest,
    Refusal,
    ApologyLetter,
    StopNotice,
    ControlSheet,
    Register,
}

impl Letterhead {
    /// The form set in force on `date`.
    pub fn form_set(&self, date: NaiveDate) -> FormSet {
        if date < self.form_set_2025_from {
            FormSet::Y2018
        } else {
            FormSet::Y2025
        }
    }

    /// The official header for a form dated `date` with the number line `number`.
    pub fn header(&self, form: Option<Form>, date: NaiveDate, number: &str) -> Header {
        Header {
            parent_agency: self.parent_agency.clone(),
            agency: self.agency.clone(),
            number: number.to_owned(),
            place_date: place_date(&self.place, date),
            form_number: form
                .and_then(|f| form_number(f, self.form_set(date)))
                .unwrap_or_default(),
        }
    }
}

/// "Mẫu số 01" etc. for a form in a set; `None` for the stop notice before 2025 (no such form).
pub fn form_number(form: Form, set: FormSet) -> Option<String> {
    let n = match (set, form) {
        (_, Form::Receipt) => 1,
        (_, Form::SupplementRequest) => 2,
        (_, Form::Refusal) => 3,
        (_, Form::ApologyLetter) => 4,
        (FormSet::Y2018, Form::StopNotice) => return None,
        (FormSet::Y2025, Form::StopNotice) => 5,
        (FormSet::Y2018, Form::ControlSheet) => 5,
        (FormSet::Y2025, Form::ControlSheet) => 6,
        (FormSet::Y2018, Form::Register) => 6,
        (FormSet::Y2025, Form::Register) => 7,
    };
    Some(format!("Mẫu số {n:02}"))
}

/// The form's title in caps, as printed.
pub fn form_title(form: Form, set: FormSet) -> &'static str {
    match (form, set) {
        (Form::Receipt, _) => "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        (Form::SupplementRequest, _) => "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        (Form::Refusal, _) => "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
        (Form::ApologyLetter, FormSet::Y2018) => "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
        (Form::ApologyLetter, FormSet::Y2025) => {
            "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT"
        }
        (Form::StopNotice, _) => "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ",
        (Form::ControlSheet, _) => "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
        (Form::Register, _) => "SỔ THEO DÕI HỒ SƠ",
    }
}

/// "08 giờ 05 phút, ngày 02 tháng 03 năm 2026".
pub fn date_time(t: LocalTime) -> String {
    format!(
        "{:02} giờ {:02} phút, ngày {:02} tháng {:02} năm {}",
        t.hour(),
        t.minute(),
        t.day(),
        t.month(),
        t.year()
    )
}

/// "ngày 02 tháng 03 năm 2026".
pub fn long_date(d: NaiveDate) -> String {
    format!(
        "ngày {:02} tháng {:02} năm {}",
        d.day(),
        d.month(),
        d.year()
    )
}

/// "Thanh Sơn, ngày 02 tháng 03 năm 2026".
pub fn place_date(place: &str, d: NaiveDate) -> String {
    if place.is_empty() {
        capitalise_first(&long_date(d))
    } else {
        format!("{place}, {}", long_date(d))
    }
}

/// "02/03/2026".
pub fn short_date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// "02/03/2026 08:05", for table cells.
pub fn short_date_time(t: LocalTime) -> String {
    t.format("%d/%m/%Y %H:%M").to_string()
}

fn capitalise_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words() {
        let t = NaiveDate::from_ymd_opt(2026, 3, 2)
            .and_then(|d| d.and_hms_opt(8, 5, 0))
            .expect("valid");
        assert_eq!(date_time(t), "08 giờ 05 phút, ngày 02 tháng 03 năm 2026");
        assert_eq!(
            place_date("Thanh Sơn", t.date()),
            "Thanh Sơn, ngày 02 tháng 03 năm 2026"
        );
    }

    #[test]
    fn form_sets() {
        let l = Letterhead::default();
        let before = NaiveDate::from_ymd_opt(2025, 6, 30).expect("valid");
        let after = NaiveDate::from_ymd_opt(2025, 7, 1).expect("valid");
        assert_eq!(l.form_set(before), FormSet::Y2018);
        assert_eq!(l.form_set(after), FormSet::Y2025);
        assert_eq!(
            form_number(Form::Register, FormSet::Y2018).as_deref(),
            Some("Mẫu số 06")
        );
        assert_eq!(
            form_number(Form::Register, FormSet::Y2025).as_deref(),
            Some("Mẫu số 07")
        );
        assert_eq!(form_number(Form::StopNotice, FormSet::Y2018), None);
    }
}
