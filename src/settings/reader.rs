//! Reading `config.toml` key by key with Vietnamese refusals naming the key; whatever is left
//! at the end is an unknown key and refused.

use chrono::NaiveDate;
use toml::{Table, Value};

use super::SettingsError;
use crate::calendar::OfficeHours;
use crate::domain::fields::clean_capped;
use crate::domain::{ProcedureCode, SupplementException, SupplementLaw};

/// Takes keys out of the parsed table one by one, so what is left at the end is unknown.
pub(super) struct Reader<'a, F: Fn(Option<String>, String) -> SettingsError> {
    pub(super) root: &'a mut Table,
    pub(super) fail: &'a F,
}

impl<F: Fn(Option<String>, String) -> SettingsError> Reader<'_, F> {
    pub(super) fn take(&mut self, table: &str, key: &str) -> Result<Option<Value>, SettingsError> {
        match self.root.get_mut(table) {
            None => Ok(None),
            Some(Value::Table(t)) => Ok(t.remove(key)),
            Some(_) => Err((self.fail)(
                Some(table.to_owned()),
                format!("phải là một bảng [{table}]"),
            )),
        }
    }

    pub(super) fn wrong(&self, table: &str, key: &str, reason: impl Into<String>) -> SettingsError {
        (self.fail)(Some(format!("{table}.{key}")), reason.into())
    }

    pub(super) fn text(
        &mut self,
        table: &str,
        key: &str,
        default: &str,
        max: usize,
        required: bool,
    ) -> Result<String, SettingsError> {
        let value = match self.take(table, key)? {
            None => return Ok(default.to_owned()),
            Some(Value::String(s)) => s,
            Some(_) => return Err(self.wrong(table, key, "phải là chuỗi trong ngoặc kép")),
        };
        let text =
            clean_capped(&value, max, false).map_err(|p| self.wrong(table, key, p.to_string()))?;
        if required && text.is_empty() {
            return Err(self.wrong(table, key, "không được để trống"));
        }
        Ok(text)
    }

    pub(super) fn integer(
        &mut self,
        table: &str,
        key: &str,
        default: u32,
        min: u32,
        max: u32,
    ) -> Result<u32, SettingsError> {
        match self.take(table, key)? {
            None => Ok(default),
            Some(Value::Integer(n)) if (i64::from(min)..=i64::from(max)).contains(&n) => {
                Ok(u32::try_from(n).expect("range checked"))
            }
            Some(_) => Err(self.wrong(table, key, format!("phải là số nguyên từ {min} đến {max}"))),
        }
    }

    pub(super) fn boolean(
        &mut self,
        table: &str,
        key: &str,
        default: bool,
    ) -> Result<bool, SettingsError> {
        match self.take(table, key)? {
            None => Ok(default),
            Some(Value::Boolean(b)) => Ok(b),
            Some(_) => Err(self.wrong(table, key, "phải là true hoặc false")),
        }
    }

    pub(super) fn date(
        &mut self,
        table: &str,
        key: &str,
        default: NaiveDate,
    ) -> Result<NaiveDate, SettingsError> {
        let text = match self.take(table, key)? {
            None => return Ok(default),
            Some(Value::String(s)) => s,
            Some(Value::Datetime(d)) if d.time.is_none() && d.offset.is_none() => d.to_string(),
            Some(_) => return Err(self.wrong(table, key, "phải là một ngày dạng 2025-07-01")),
        };
        NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
            self.wrong(
                table,
                key,
                format!("«{text}» không phải ngày dạng 2025-07-01"),
            )
        })
    }

    /// A date key that may be absent (`None`).
    pub(super) fn optional_date(
        &mut self,
        table: &str,
        key: &str,
    ) -> Result<Option<NaiveDate>, SettingsError> {
        let present = matches!(self.root.get(table), Some(Value::Table(t)) if t.contains_key(key));
        if !present {
            return Ok(None);
        }
        self.date(table, key, NaiveDate::MIN).map(Some)
    }

    pub(super) fn agency_code(&mut self, default: &str) -> Result<String, SettingsError> {
        let code = self
            .text("agency", "code", default, 40, true)?
            .to_uppercase();
        if code
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'.')
        {
            Ok(code)
        } else {
            Err(self.wrong(
                "agency",
                "code",
                format!("«{code}» chỉ được gồm chữ cái không dấu, chữ số và dấu chấm (ví dụ 000.00.20.H30)"),
            ))
        }
    }

    pub(super) fn scale(&mut self, default: &[String]) -> Result<Vec<String>, SettingsError> {
        let items = match self.take("desk", "satisfaction_scale")? {
            None => return Ok(default.to_vec()),
            Some(Value::Array(items)) => items,
            Some(_) => {
                return Err(self.wrong(
                    "desk",
                    "satisfaction_scale",
                    "phải là danh sách chuỗi, ví dụ [\"Hài lòng\", \"Không hài lòng\"]",
                ));
            }
        };
        let mut scale: Vec<String> = Vec::new();
        for item in items {
            let Value::String(s) = item else {
                return Err(self.wrong(
                    "desk",
                    "satisfaction_scale",
                    "mỗi mức phải là chuỗi trong ngoặc kép",
                ));
            };
            let s = clean_capped(&s, 60, false)
                .map_err(|p| self.wrong("desk", "satisfaction_scale", p.to_string()))?;
            if s.is_empty()
                || scale
                    .iter()
                    .any(|x| crate::text::fold(x) == crate::text::fold(&s))
            {
                return Err(self.wrong(
                    "desk",
                    "satisfaction_scale",
                    format!("mức «{s}» trống hoặc trùng"),
                ));
            }
            scale.push(s);
        }
        if !(2..=7).contains(&scale.len()) {
            return Err(self.wrong("desk", "satisfaction_scale", "cần từ 2 đến 7 mức"));
        }
        Ok(scale)
    }

    /// `[desk] clock_years = [FIRST, LAST]`: years 1900–9999, FIRST ≤ LAST, at most 100 years
    /// (a dossier code's two-digit year must name one of them).
    pub(super) fn clock_years(&mut self, default: (i32, i32)) -> Result<(i32, i32), SettingsError> {
        let wrong = |r: &Self| {
            r.wrong(
                "desk",
                "clock_years",
                "phải là hai năm [đầu, cuối] trong 1900–9999, năm cuối không trước năm đầu và \
                 cách năm đầu không quá 99 năm, ví dụ [2000, 2099]",
            )
        };
        let items = match self.take("desk", "clock_years")? {
            None => return Ok(default),
            Some(Value::Array(items)) => items,
            Some(_) => return Err(wrong(self)),
        };
        let years: Vec<i64> = items.iter().filter_map(Value::as_integer).collect();
        let [first, last] = years[..] else {
            return Err(wrong(self));
        };
        let ok = items.len() == 2
            && (1900..=9999).contains(&first)
            && (first..=9999).contains(&last)
            && last - first < 100;
        if !ok {
            return Err(wrong(self));
        }
        Ok((
            i32::try_from(first).expect("range checked"),
            i32::try_from(last).expect("range checked"),
        ))
    }

    pub(super) fn printer(&mut self) -> Result<Option<String>, SettingsError> {
        let queue = self.text("desk", "printer", "", 127, false)?;
        if queue.is_empty() {
            return Ok(None);
        }
        if queue
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
        {
            Ok(Some(queue))
        } else {
            Err(self.wrong(
                "desk",
                "printer",
                format!(
                    "tên hàng in «{queue}» chỉ được gồm chữ cái không dấu, chữ số, «_», «-», «.»"
                ),
            ))
        }
    }

    pub(super) fn office_hours(
        &mut self,
        default: &OfficeHours,
    ) -> Result<OfficeHours, SettingsError> {
        match self.root.remove("office_hours") {
            None => Ok(default.clone()),
            Some(value @ Value::Table(_)) => value.try_into::<OfficeHours>().map_err(|e| {
                (self.fail)(
                    Some("office_hours".to_owned()),
                    e.message().trim().to_owned(),
                )
            }),
            Some(_) => Err((self.fail)(
                Some("office_hours".to_owned()),
                "phải là một bảng [office_hours]".to_owned(),
            )),
        }
    }

    /// Refuses whatever key was not taken: unknown tables and unknown keys.
    pub(super) fn reject_leftovers(&mut self) -> Result<(), SettingsError> {
        for (name, value) in self.root.iter() {
            match value {
                Value::Table(t)
                    if ["agency", "desk", "backup", "accounts"].contains(&name.as_str()) =>
                {
                    if let Some(key) = t.keys().next() {
                        return Err((self.fail)(
                            Some(format!("{name}.{key}")),
                            "khóa không được hỗ trợ (gõ nhầm tên?)".to_owned(),
                        ));
                    }
                }
                _ => {
                    return Err((self.fail)(
                        Some(name.clone()),
                        "khóa không được hỗ trợ (gõ nhầm tên?)".to_owned(),
                    ));
                }
            }
        }
        Ok(())
    }
}

impl<F: Fn(Option<String>, String) -> SettingsError> Reader<'_, F> {
    /// `[[supplement_exceptions]]`: procedures whose sector law allows other supplement rules
    /// during processing (`procedure`, `source` required; `within_working_days`, `times`
    /// optional, absent = no limit).
    pub(super) fn supplement_law(&mut self) -> Result<SupplementLaw, SettingsError> {
        const KEY: &str = "supplement_exceptions";
        let items = match self.root.remove(KEY) {
            None => return Ok(SupplementLaw::default()),
            Some(Value::Array(items)) => items,
            Some(_) => {
                return Err((self.fail)(
                    Some(KEY.to_owned()),
                    "phải là các mục [[supplement_exceptions]]".to_owned(),
                ));
            }
        };
        let mut exceptions: Vec<SupplementException> = Vec::new();
        for (i, item) in items.into_iter().enumerate() {
            let key = format!("{KEY}[{}]", i + 1);
            let wrong = |reason: &str| (self.fail)(Some(key.clone()), reason.to_owned());
            let Value::Table(mut t) = item else {
                return Err(wrong("mỗi mục phải là một bảng [[supplement_exceptions]]"));
            };
            let text = |t: &mut Table, k: &str, max: usize| -> Result<String, SettingsError> {
                match t.remove(k) {
                    Some(Value::String(s)) => clean_capped(&s, max, false)
                        .map_err(|p| wrong(&format!("{k}: {p}")))
                        .and_then(|s| {
                            if s.is_empty() {
                                Err(wrong(&format!("{k}: không được để trống")))
                            } else {
                                Ok(s)
                            }
                        }),
                    _ => Err(wrong(&format!("thiếu {k} (chuỗi trong ngoặc kép)"))),
                }
            };
            let procedure = text(&mut t, "procedure", 40)?;
            let source = text(&mut t, "source", 300)?;
            let mut count = |k: &str| -> Result<Option<u32>, SettingsError> {
                match t.remove(k) {
                    None => Ok(None),
                    Some(Value::Integer(n)) if (1..=100).contains(&n) => {
                        Ok(Some(u32::try_from(n).expect("range checked")))
                    }
                    Some(_) => Err(wrong(&format!("{k}: phải là số nguyên từ 1 đến 100"))),
                }
            };
            let within_working_days = count("within_working_days")?;
            let times = count("times")?;
            if let Some(k) = t.keys().next() {
                return Err(wrong(&format!(
                    "khóa «{k}» không được hỗ trợ (gõ nhầm tên?)"
                )));
            }
            let procedure = ProcedureCode(procedure);
            if exceptions.iter().any(|x| x.procedure == procedure) {
                return Err(wrong(&format!(
                    "thủ tục «{}» đã có một mục khác",
                    procedure.as_str()
                )));
            }
            exceptions.push(SupplementException {
                procedure,
                source,
                within_working_days,
                times,
            });
        }
        Ok(SupplementLaw { exceptions })
    }
}
