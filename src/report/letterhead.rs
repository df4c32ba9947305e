//! Who issues the documents and how their words are written: the letterhead (agency, parent
//! agency, place, signer), the form set in force on a date (2018 or 2025 numbering and titles,
//! RULES.md §3), and the Vietnamese ways of writing times and dates on them (a time limit and
//! money read as `TimeLimit::label` and `domain::vnd` write them, on every screen alike).
//! Pure: the settings file is read elsewhere and turned into a [`Letterhead`].

use chrono::{Datelike, NaiveDate, Timelike};

use crate::calendar::LocalTime;

use super::document::Header;

/// What the printouts need from the desk's settings.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
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
    /// The head who signs apology letters and stop notices (name; may be empty: written by
    /// hand).
    pub signer: String,
    /// The head's title as printed above the signature, e.g. "CHỦ TỊCH".
    pub head_title: String,
    /// The first day of the 2025 form set (Circular 03/2025): 2025-07-01 by default.
    pub form_set_2025_from: NaiveDate,
    /// The satisfaction scale, best first; the last entry is the unsatisfied one.
    pub satisfaction_scale: Vec<String>,
    /// Working minutes before the due instant from which an open dossier is "due soon".
    pub due_soon_minutes: i64,
    /// The CUPS queue printouts go to; `None` writes files only.
    pub printer: Option<String>,
}

impl Letterhead {
    /// A unit as shown under this letterhead: the desk's own stored word
    /// ([`crate::domain::DESK_UNIT`], what a hand-over from the desk records) becomes the desk's
    /// name ("Trung tâm Phục vụ hành chính công xã Thanh Sơn" from 01/07/2025, Decree 118);
    /// any other unit is shown as stored. The stored event is never rewritten.
    pub fn unit<'a>(&'a self, stored: &'a str) -> &'a str {
        if stored == crate::domain::DESK_UNIT {
            &self.desk
        } else {
            stored
        }
    }
}

impl Default for Letterhead {
    /// The program's defaults as in force from 01/07/2025 (RULES.md §1): UBND xã Thanh Sơn,
    /// Lạng Sơn, its public administrative service centre.
    fn default() -> Letterhead {
        Letterhead {
            parent_agency: "UBND tỉnh Lạng Sơn".to_owned(),
            agency: "UBND xã Thanh Sơn".to_owned(),
            place: "Thanh Sơn".to_owned(),
            desk: DEFAULT_CENTRE.to_owned(),
            desk_phone: String::new(),
            signer: String::new(),
            head_title: "CHỦ TỊCH".to_owned(),
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

/// The default desk's name until 30/06/2025 (Decree 61/2018).
/// The agency code of the default settings (the example of Circular 01/2018 Art. 19): a desk
/// that still uses it has not set its own code, and a dossier code that starts with it is not
/// the agency's (its receipt says so).
pub const PLACEHOLDER_AGENCY_CODE: &str = "000.00.20.H30";

pub(crate) const DEFAULT_DESK_2018: &str = "Bộ phận tiếp nhận và trả kết quả";
/// The default desk's name from 01/07/2025 (Decree 118/2025 Art. 7.3).
pub(crate) const DEFAULT_CENTRE: &str = "Trung tâm Phục vụ hành chính công xã Thanh Sơn";
/// The default commune's superior until 30/06/2025, when the districts were abolished.
pub(crate) const DEFAULT_DISTRICT: &str = "UBND huyện Hữu Lũng";

/// The letterheads of a desk over time (issue 12: documents that stay true): each in force from
/// its first day until the next one's; the first also covers every earlier date. A document is
/// built with the one in force on its own date, so a settings change applies from its date on
/// and a reprint reproduces the original.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Letterheads {
    /// (first day, letterhead), in date order; never empty.
    periods: Vec<(NaiveDate, Letterhead)>,
}

impl Letterheads {
    /// The periods given as (first day, letterhead); `None` for the first day means "always".
    /// Sorted by date here; an empty list gives the defaults.
    pub fn new(periods: Vec<(Option<NaiveDate>, Letterhead)>) -> Letterheads {
        let mut periods: Vec<(NaiveDate, Letterhead)> = periods
            .into_iter()
            .map(|(from, l)| (from.unwrap_or(NaiveDate::MIN), l))
            .collect();
        periods.sort_by_key(|(from, _)| *from);
        if periods.is_empty() {
            return Letterheads::default();
        }
        Letterheads { periods }
    }

    /// The letterhead in force on `date`.
    pub fn at(&self, date: NaiveDate) -> &Letterhead {
        let i = self.periods.partition_point(|(from, _)| *from <= date);
        &self.periods[i.saturating_sub(1)].1
    }

    /// A unit as shown for an event at `at`: see [`Letterhead::unit`] with the letterhead in
    /// force then.
    pub fn unit_at<'a>(&'a self, stored: &'a str, at: LocalTime) -> &'a str {
        self.at(at.date()).unit(stored)
    }

    /// The letterhead in force now (the latest).
    pub fn current(&self) -> &Letterhead {
        &self.periods[self.periods.len() - 1].1
    }

    /// Every period's first day (`None` for the first, open one) with its letterhead.
    pub fn periods(&self) -> impl Iterator<Item = (Option<NaiveDate>, &Letterhead)> {
        self.periods
            .iter()
            .map(|(from, l)| ((*from != NaiveDate::MIN).then_some(*from), l))
    }
}

impl Default for Letterheads {
    /// The defaults' history: until 30/06/2025 the commune's superior was the district (UBND
    /// huyện Hữu Lũng) and the desk the "Bộ phận tiếp nhận và trả kết quả"; from 01/07/2025
    /// the province and the commune's centre.
    fn default() -> Letterheads {
        let now = Letterhead::default();
        let before = Letterhead {
            parent_agency: DEFAULT_DISTRICT.to_owned(),
            desk: DEFAULT_DESK_2018.to_owned(),
            ..now.clone()
        };
        Letterheads::new(vec![(None, before), (Some(now.form_set_2025_from), now)])
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
    pub(crate) fn form_set(&self, date: NaiveDate) -> FormSet {
        if date < self.form_set_2025_from {
            FormSet::Y2018
        } else {
            FormSet::Y2025
        }
    }

    /// The official header for a form dated `date` with the number line `number`, issued by
    /// the agency itself (see [`Header::issued_by`] for a unit under it).
    pub(crate) fn header(&self, form: Option<Form>, date: NaiveDate, number: &str) -> Header {
        Header {
            parent_agency: self.parent_agency.clone(),
            agency: self.agency.clone(),
            unit: String::new(),
            number: number.to_owned(),
            place_date: place_date(&self.place, date),
            form_number: form
                .and_then(|f| form_number(f, self.form_set(date)))
                .unwrap_or_default(),
        }
    }
}

/// "Mẫu số 01" etc. for a form in a set; `None` for the stop notice before 2025 (no such form).
pub(crate) fn form_number(form: Form, set: FormSet) -> Option<String> {
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

/// The form's title in caps, as printed (a `\n` where a long title breaks).
pub(crate) fn form_title(form: Form, set: FormSet) -> &'static str {
    match (form, set) {
        (Form::Receipt, _) => "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        (Form::SupplementRequest, _) => "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        (Form::Refusal, _) => "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
        (Form::ApologyLetter, FormSet::Y2018) => "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
        (Form::ApologyLetter, FormSet::Y2025) => {
            "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ\nGIA HẠN THỜI GIAN GIẢI QUYẾT"
        }
        (Form::StopNotice, _) => "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ",
        (Form::ControlSheet, _) => "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
        (Form::Register, _) => "SỔ THEO DÕI HỒ SƠ",
    }
}

/// A date in words per Decree 30/2020/NĐ-CP (Annex I): a leading zero only for days 1–9 and
/// months 1 and 2 — "ngày 02 tháng 6 năm 2025", "ngày 15 tháng 02 năm 2026", "ngày 20 tháng 11
/// năm 2026". The one formatter every document's date words use.
pub(crate) fn long_date(d: NaiveDate) -> String {
    let month = if d.month() <= 2 {
        format!("{:02}", d.month())
    } else {
        d.month().to_string()
    };
    format!("ngày {:02} tháng {month} năm {}", d.day(), d.year())
}

/// "08 giờ 05 phút, ngày 02 tháng 3 năm 2026" (the date by [`long_date`]).
pub(crate) fn date_time(t: LocalTime) -> String {
    format!(
        "{:02} giờ {:02} phút, {}",
        t.hour(),
        t.minute(),
        long_date(t.date())
    )
}

/// "Thanh Sơn, ngày 02 tháng 3 năm 2026".
pub(crate) fn place_date(place: &str, d: NaiveDate) -> String {
    if place.is_empty() {
        capitalise_first(&long_date(d))
    } else {
        format!("{place}, {}", long_date(d))
    }
}

/// "02/03/2026".
pub(crate) fn short_date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// "02/03/2026 08:05", for table cells.
pub(crate) fn short_date_time(t: LocalTime) -> String {
    t.format("%d/%m/%Y %H:%M").to_string()
}

/// The first letter in capitals ("Ngày 02 tháng 3 năm 2026").
pub(crate) fn capitalise_first(s: &str) -> String {
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
        assert_eq!(date_time(t), "08 giờ 05 phút, ngày 02 tháng 3 năm 2026");
        assert_eq!(
            place_date("Thanh Sơn", t.date()),
            "Thanh Sơn, ngày 02 tháng 3 năm 2026"
        );
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("valid");
        // Decree 30/2020 Annex I: a leading zero for days 1–9 and months 1–2 only.
        assert_eq!(long_date(d(2025, 6, 2)), "ngày 02 tháng 6 năm 2025");
        assert_eq!(long_date(d(2026, 2, 15)), "ngày 15 tháng 02 năm 2026");
        assert_eq!(long_date(d(2026, 11, 20)), "ngày 20 tháng 11 năm 2026");
        assert_eq!(long_date(d(2026, 1, 9)), "ngày 09 tháng 01 năm 2026");
        assert_eq!(long_date(d(2026, 10, 10)), "ngày 10 tháng 10 năm 2026");
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

    #[test]
    fn the_default_history_has_the_district_before_july_2025() {
        let h = Letterheads::default();
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("valid");
        assert_eq!(h.at(d(2025, 6, 30)).parent_agency, "UBND huyện Hữu Lũng");
        assert_eq!(h.at(d(2019, 1, 1)).desk, DEFAULT_DESK_2018);
        assert_eq!(h.at(d(2025, 7, 1)).parent_agency, "UBND tỉnh Lạng Sơn");
        assert_eq!(h.at(d(2026, 3, 2)).desk, DEFAULT_CENTRE);
        assert_eq!(h.current(), &Letterhead::default());
    }
}
