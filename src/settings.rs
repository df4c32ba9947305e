//! The desk's settings, `<data-dir>/config.toml`: who the agency is, the desk's working rules
//! (due-soon window, satisfaction scale, form set switch, default operator), printing and the
//! daily backup. Created with documented defaults on first run, readable by its owner only.
//!
//! Parsing is pure ([`Settings::parse`] takes the text and the file's path for messages); only
//! [`Settings::load_or_create`] touches the file system. Every refusal names the file, the key
//! and why, in Vietnamese. Unknown keys are refused, so a typo cannot silently do nothing.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use toml::{Table, Value};

use crate::calendar::OfficeHours;
use crate::domain::fields::clean_capped;
use crate::report::Letterhead;

mod defaults;

pub use defaults::DEFAULT_TOML;

/// The file name inside the data directory.
pub const FILE_NAME: &str = "config.toml";

/// The whole configuration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    pub agency: Agency,
    pub desk: DeskRules,
    pub backup: Backup,
    /// `[office_hours]`: the calendar's office hours (its TOML shape is documented in
    /// `calendar::hours`).
    pub office_hours: OfficeHours,
}

/// `[agency]`: the issuing agency and its desk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Agency {
    /// E.g. "UBND xã Thanh Sơn".
    pub name: String,
    /// "ĐƠN VỊ CHỦ QUẢN", e.g. "UBND tỉnh Lạng Sơn"; may be empty.
    pub parent: String,
    /// The place written before a document's date, e.g. "Thanh Sơn".
    pub place: String,
    pub province: String,
    /// The agency's electronic identifier, the first part of every dossier code.
    pub code: String,
    /// The desk's name on the forms.
    pub desk_name: String,
    /// The desk's telephone for applicants who need help; may be empty.
    pub desk_phone: String,
    /// The head of the processing agency, who signs apology letters; may be empty.
    pub head: String,
}

/// `[desk]`: working rules of the desk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeskRules {
    /// Who operates when `--operator` is not given.
    pub default_operator: String,
    /// Working minutes before the legal due instant from which an open dossier is due soon.
    pub due_soon_minutes: u32,
    /// The satisfaction scale, best first.
    pub satisfaction_scale: Vec<String>,
    /// The first day of the 2025 form set (Circular 03/2025/TT-VPCP).
    pub form_set_2025_from: NaiveDate,
    /// The CUPS queue printouts go to; `None` writes files only.
    pub printer: Option<String>,
}

/// `[backup]`: the daily backup written at the first start of each day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Backup {
    pub daily: bool,
    /// How many daily backups to keep (1–365).
    pub keep: u32,
}

/// Why the settings could not be used: the file, the key (when one is at fault) and why.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("Tệp cấu hình {}{}: {reason}", file.display(), key.as_ref().map(|k| format!(", khóa «{k}»")).unwrap_or_default())]
pub struct SettingsError {
    pub file: PathBuf,
    pub key: Option<String>,
    pub reason: String,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings::parse(DEFAULT_TOML, Path::new(FILE_NAME))
            .expect("the default settings file is valid (tested)")
    }
}

impl Settings {
    /// The commented file written on first run.
    pub fn default_toml() -> &'static str {
        DEFAULT_TOML
    }

    /// Parses and checks a settings file's text. A missing key takes its default; an unknown
    /// key, a wrong type or an unacceptable value is refused. `file` is only used in messages.
    pub fn parse(text: &str, file: &Path) -> Result<Settings, SettingsError> {
        let fail = |key: Option<String>, reason: String| SettingsError {
            file: file.to_path_buf(),
            key,
            reason,
        };
        let mut root: Table = text.parse().map_err(|e: toml::de::Error| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
            let at = line.map(|l| format!(" ở dòng {l}")).unwrap_or_default();
            fail(
                None,
                format!("sai cú pháp TOML{at}: {}", e.message().trim()),
            )
        })?;
        let defaults = defaults::values();
        let mut r = Reader {
            root: &mut root,
            fail: &fail,
        };
        let agency = Agency {
            name: r.text("agency", "name", &defaults.agency.name, 150, true)?,
            parent: r.text("agency", "parent", &defaults.agency.parent, 150, false)?,
            place: r.text("agency", "place", &defaults.agency.place, 80, true)?,
            province: r.text("agency", "province", &defaults.agency.province, 80, true)?,
            code: r.agency_code(&defaults.agency.code)?,
            desk_name: r.text("agency", "desk_name", &defaults.agency.desk_name, 150, true)?,
            desk_phone: r.text(
                "agency",
                "desk_phone",
                &defaults.agency.desk_phone,
                40,
                false,
            )?,
            head: r.text("agency", "head", &defaults.agency.head, 120, false)?,
        };
        let d = &defaults.desk;
        let desk = DeskRules {
            default_operator: r.text("desk", "default_operator", &d.default_operator, 60, true)?,
            due_soon_minutes: r.integer("desk", "due_soon_minutes", d.due_soon_minutes, 0, 4800)?,
            satisfaction_scale: r.scale(&d.satisfaction_scale)?,
            form_set_2025_from: r.date("desk", "form_set_2025_from", d.form_set_2025_from)?,
            printer: r.printer()?,
        };
        let backup = Backup {
            daily: r.boolean("backup", "daily", defaults.backup.daily)?,
            keep: r.integer("backup", "keep", defaults.backup.keep, 1, 365)?,
        };
        let office_hours = r.office_hours(&defaults.office_hours)?;
        r.reject_leftovers()?;
        Ok(Settings {
            agency,
            desk,
            backup,
            office_hours,
        })
    }

    /// Reads `<data_dir>/config.toml`, first writing the default file (mode 0600) when there is
    /// none.
    pub fn load_or_create(data_dir: &Path) -> Result<Settings, SettingsError> {
        let path = data_dir.join(FILE_NAME);
        let io = |e: std::io::Error, what: &str| SettingsError {
            file: path.clone(),
            key: None,
            reason: format!("không {what} được ({e})"),
        };
        if !path.exists() {
            write_private(&path, DEFAULT_TOML.as_bytes()).map_err(|e| io(e, "tạo tệp"))?;
        }
        let text = std::fs::read_to_string(&path).map_err(|e| io(e, "đọc tệp"))?;
        Settings::parse(&text, &path)
    }

    /// What the printouts need from the settings.
    pub fn letterhead(&self) -> Letterhead {
        Letterhead {
            parent_agency: self.agency.parent.clone(),
            agency: self.agency.name.clone(),
            place: self.agency.place.clone(),
            desk: self.agency.desk_name.clone(),
            desk_phone: self.agency.desk_phone.clone(),
            signer: self.agency.head.clone(),
            form_set_2025_from: self.desk.form_set_2025_from,
            satisfaction_scale: self.desk.satisfaction_scale.clone(),
            due_soon_minutes: i64::from(self.desk.due_soon_minutes),
            printer: self.desk.printer.clone(),
        }
    }
}

/// Creates a new file readable and writable by its owner only.
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Takes keys out of the parsed table one by one, so what is left at the end is unknown.
struct Reader<'a, F: Fn(Option<String>, String) -> SettingsError> {
    root: &'a mut Table,
    fail: &'a F,
}

impl<F: Fn(Option<String>, String) -> SettingsError> Reader<'_, F> {
    fn take(&mut self, table: &str, key: &str) -> Result<Option<Value>, SettingsError> {
        match self.root.get_mut(table) {
            None => Ok(None),
            Some(Value::Table(t)) => Ok(t.remove(key)),
            Some(_) => Err((self.fail)(
                Some(table.to_owned()),
                format!("phải là một bảng [{table}]"),
            )),
        }
    }

    fn wrong(&self, table: &str, key: &str, reason: impl Into<String>) -> SettingsError {
        (self.fail)(Some(format!("{table}.{key}")), reason.into())
    }

    fn text(
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

    fn integer(
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

    fn boolean(&mut self, table: &str, key: &str, default: bool) -> Result<bool, SettingsError> {
        match self.take(table, key)? {
            None => Ok(default),
            Some(Value::Boolean(b)) => Ok(b),
            Some(_) => Err(self.wrong(table, key, "phải là true hoặc false")),
        }
    }

    fn date(
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

    fn agency_code(&mut self, default: &str) -> Result<String, SettingsError> {
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

    fn scale(&mut self, default: &[String]) -> Result<Vec<String>, SettingsError> {
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

    fn printer(&mut self) -> Result<Option<String>, SettingsError> {
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

    fn office_hours(&mut self, default: &OfficeHours) -> Result<OfficeHours, SettingsError> {
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
    fn reject_leftovers(&mut self) -> Result<(), SettingsError> {
        for (name, value) in self.root.iter() {
            match value {
                Value::Table(t) if ["agency", "desk", "backup"].contains(&name.as_str()) => {
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
