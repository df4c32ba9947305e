//! The history of the names printed on documents (issue 12: documents that stay true). The
//! `[agency]` table holds the values in force from its `from` date; each `[[agency.history]]`
//! entry holds earlier values, from its own `from` date until the next period (the first entry
//! may omit `from`: it then covers every earlier date). A key an entry leaves out takes the value
//! of the period after it. A document is printed with the period of its own date, so a change
//! applies from its date on and a reprint reproduces the original.

use chrono::NaiveDate;
use toml::{Table, Value};

use super::reader::Reader;
use super::{Agency, DeskRules, SettingsError};
use crate::domain::fields::clean_capped;
use crate::report::{Letterhead, Letterheads};

/// The names a period of the history sets; `None` keeps the next period's value.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AgencyPeriod {
    /// The first day in force; `None` only for the first (oldest) entry.
    pub from: Option<NaiveDate>,
    pub name: Option<String>,
    pub parent: Option<String>,
    pub place: Option<String>,
    pub desk_name: Option<String>,
    pub desk_phone: Option<String>,
    pub head: Option<String>,
    pub head_title: Option<String>,
}

/// The keys of an entry, with their maximum length and whether an empty value is refused.
const KEYS: [(&str, usize, bool); 7] = [
    ("name", 150, true),
    ("parent", 150, false),
    ("place", 80, true),
    ("desk_name", 150, true),
    ("desk_phone", 40, false),
    ("head", 120, false),
    ("head_title", 80, true),
];

impl<F: Fn(Option<String>, String) -> SettingsError> Reader<'_, F> {
    /// `[[agency.history]]`, checked against `[agency]`'s `from`: every entry but the first has
    /// a `from`, the dates increase, and all come before `[agency].from` (required when there
    /// is a history).
    pub(super) fn agency_history(
        &mut self,
        current_from: Option<NaiveDate>,
    ) -> Result<Vec<AgencyPeriod>, SettingsError> {
        let items = match self.take("agency", "history")? {
            None => return Ok(Vec::new()),
            Some(Value::Array(items)) => items,
            Some(_) => {
                return Err(self.wrong("agency", "history", "phải là các mục [[agency.history]]"));
            }
        };
        let mut out: Vec<AgencyPeriod> = Vec::new();
        for (i, item) in items.into_iter().enumerate() {
            let key = format!("agency.history[{}]", i + 1);
            let wrong = |reason: String| (self.fail)(Some(key.clone()), reason);
            let Value::Table(mut t) = item else {
                return Err(wrong(
                    "mỗi mục phải là một bảng [[agency.history]]".to_owned(),
                ));
            };
            let period = entry(&mut t, &wrong)?;
            if let Some(k) = t.keys().next() {
                return Err(wrong(format!(
                    "khóa «{k}» không được hỗ trợ (gõ nhầm tên?)"
                )));
            }
            let previous = out.last().map(|p| p.from);
            match (previous, period.from) {
                (Some(_), None) => {
                    return Err(wrong(
                        "thiếu from (chỉ mục đầu tiên được bỏ trống ngày bắt đầu)".to_owned(),
                    ));
                }
                (Some(Some(p)), Some(f)) if f <= p => {
                    return Err(wrong(format!(
                        "from = {f} phải sau ngày của mục trước ({p})"
                    )));
                }
                _ => {}
            }
            out.push(period);
        }
        let last = out.last().and_then(|p| p.from);
        match (current_from, last) {
            (None, _) if !out.is_empty() => Err(self.wrong(
                "agency",
                "from",
                "cần ngày bắt đầu của các giá trị hiện tại khi có [[agency.history]]",
            )),
            (Some(c), Some(l)) if c <= l => Err(self.wrong(
                "agency",
                "from",
                format!("{c} phải sau ngày của mục lịch sử cuối cùng ({l})"),
            )),
            _ => Ok(out),
        }
    }
}

/// Reads one history entry's keys out of `t`.
fn entry(
    t: &mut Table,
    wrong: &dyn Fn(String) -> SettingsError,
) -> Result<AgencyPeriod, SettingsError> {
    let from = match t.remove("from") {
        None => None,
        Some(Value::Datetime(d)) if d.time.is_none() && d.offset.is_none() => {
            Some(parse_date(&d.to_string(), wrong)?)
        }
        Some(Value::String(s)) => Some(parse_date(&s, wrong)?),
        Some(_) => return Err(wrong("from: phải là một ngày dạng 2025-07-01".to_owned())),
    };
    let mut values: Vec<Option<String>> = Vec::with_capacity(KEYS.len());
    for (k, max, required) in KEYS {
        values.push(match t.remove(k) {
            None => None,
            Some(Value::String(s)) => {
                let s = clean_capped(&s, max, false).map_err(|p| wrong(format!("{k}: {p}")))?;
                if required && s.is_empty() {
                    return Err(wrong(format!("{k}: không được để trống")));
                }
                Some(s)
            }
            Some(_) => return Err(wrong(format!("{k}: phải là chuỗi trong ngoặc kép"))),
        });
    }
    let mut v = values.into_iter();
    let mut next = || v.next().flatten();
    Ok(AgencyPeriod {
        from,
        name: next(),
        parent: next(),
        place: next(),
        desk_name: next(),
        desk_phone: next(),
        head: next(),
        head_title: next(),
    })
}

fn parse_date(
    text: &str,
    wrong: &dyn Fn(String) -> SettingsError,
) -> Result<NaiveDate, SettingsError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| wrong(format!("from: «{text}» không phải ngày dạng 2025-07-01")))
}

/// The letterheads of every period: `[agency]` from its `from`, then each history entry back
/// in time, a missing key taking the later period's value.
pub fn letterheads(agency: &Agency, desk: &DeskRules) -> Letterheads {
    let current = letterhead(agency, desk);
    let mut periods = vec![(agency.from, current.clone())];
    let mut later = current;
    for p in agency.history.iter().rev() {
        let take = |v: &Option<String>, dflt: &String| v.clone().unwrap_or_else(|| dflt.clone());
        let l = Letterhead {
            agency: take(&p.name, &later.agency),
            parent_agency: take(&p.parent, &later.parent_agency),
            place: take(&p.place, &later.place),
            desk: take(&p.desk_name, &later.desk),
            desk_phone: take(&p.desk_phone, &later.desk_phone),
            signer: take(&p.head, &later.signer),
            head_title: take(&p.head_title, &later.head_title),
            ..later.clone()
        };
        periods.push((p.from, l.clone()));
        later = l;
    }
    Letterheads::new(periods)
}

/// The letterhead of `[agency]`'s own values.
fn letterhead(a: &Agency, desk: &DeskRules) -> Letterhead {
    Letterhead {
        parent_agency: a.parent.clone(),
        agency: a.name.clone(),
        place: a.place.clone(),
        desk: a.desk_name.clone(),
        desk_phone: a.desk_phone.clone(),
        signer: a.head.clone(),
        head_title: a.head_title.clone(),
        form_set_2025_from: desk.form_set_2025_from,
        satisfaction_scale: desk.satisfaction_scale.clone(),
        due_soon_minutes: i64::from(desk.due_soon_minutes),
        printer: desk.printer.clone(),
    }
}
