//! The desk's settings, `<data-dir>/config.toml`: who the agency is, the desk's working rules
//! (due-soon window, satisfaction scale, form set switch, default operator), printing and the
//! daily backup. Created with documented defaults on first run, readable by its owner only.
//!
//! Parsing is pure ([`Settings::parse`] takes the text and the file's path for messages); only
//! [`Settings::load_or_create`] touches the file system. Every refusal names the file, the key
//! and why, in Vietnamese. Unknown keys are refused, so a typo cannot silently do nothing.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use toml::Table;

use crate::calendar::OfficeHours;
use crate::domain::{Command, DomainError, SupplementLaw, validate_rating};
use crate::report::{Letterhead, Letterheads};

pub mod agency;
mod defaults;
pub mod history;
mod reader;

use reader::Reader;

pub use agency::{AgencySetup, write_agency};
pub(crate) use defaults::DEFAULT_TOML;
pub(crate) use history::AgencyPeriod;

/// The file name inside the data directory.
pub const FILE_NAME: &str = "config.toml";

/// The agency code of the defaults: a desk that still uses it has not set its own code yet.
pub(crate) use crate::report::letterhead::PLACEHOLDER_AGENCY_CODE;

/// The whole configuration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    pub agency: Agency,
    pub desk: DeskRules,
    pub backup: Backup,
    pub(crate) accounts: Accounts,
    /// `[office_hours]`: the calendar's office hours (its TOML shape is documented in
    /// `calendar::hours`).
    pub office_hours: OfficeHours,
    /// `[[supplement_exceptions]]`: procedures whose sector law allows other supplement rules
    /// during processing (none by default).
    pub supplement: SupplementLaw,
}

/// `[agency]`: the issuing agency and its desk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Agency {
    /// E.g. "UBND xã Thanh Sơn".
    pub name: String,
    /// "ĐƠN VỊ CHỦ QUẢN", e.g. "UBND tỉnh Lạng Sơn"; may be empty.
    pub(crate) parent: String,
    /// The place written before a document's date, e.g. "Thanh Sơn".
    pub place: String,
    pub(crate) province: String,
    /// The agency's electronic identifier, the first part of every dossier code.
    pub code: String,
    /// The desk's name on the forms.
    pub(crate) desk_name: String,
    /// The desk's telephone for applicants who need help; may be empty.
    pub(crate) desk_phone: String,
    /// The head of the processing agency, who signs apology letters; may be empty.
    pub(crate) head: String,
    /// The head's title above the signature, e.g. "CHỦ TỊCH".
    pub(crate) head_title: String,
    /// The first day the values above are in force (`[agency] from`); `None`: always.
    pub from: Option<NaiveDate>,
    /// `[[agency.history]]`: the earlier values, oldest first (see [`history`]).
    pub history: Vec<AgencyPeriod>,
}

/// `[desk]`: working rules of the desk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeskRules {
    /// Who operates when `--operator` is not given.
    pub(crate) default_operator: String,
    /// Working minutes before the legal due instant from which an open dossier is due soon.
    pub due_soon_minutes: u32,
    /// The satisfaction scale, best first.
    pub satisfaction_scale: Vec<String>,
    /// The first day of the 2025 form set (Circular 03/2025/TT-VPCP).
    pub form_set_2025_from: NaiveDate,
    /// The CUPS queue printouts go to; `None` writes files only.
    pub printer: Option<String>,
    /// The years (inclusive, at most 100) an instant written to the ledger may fall in: an
    /// intake or a step dated outside them is refused as a wrong machine clock.
    pub(crate) clock_years: (i32, i32),
}

/// `[backup]`: the daily backup written at the first start of each day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Backup {
    pub daily: bool,
    /// How many daily backups to keep (1–365).
    pub keep: u32,
}

/// `[accounts]`: logins at this data directory's counters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Accounts {
    /// Whether the desk on this machine and the commands through its socket also need a login
    /// (a server's network clients always do).
    pub(crate) require_login: bool,
    /// Minutes without a request after which a login session ends; 0 = at the end of the
    /// working day.
    pub(crate) session_idle_minutes: u32,
}

impl Accounts {
    pub(crate) fn session_life(&self) -> crate::domain::account::SessionLife {
        use crate::domain::account::SessionLife;
        match self.session_idle_minutes {
            0 => SessionLife::WorkingDay,
            m => SessionLife::IdleMinutes(m),
        }
    }
}

/// Why the settings could not be used: the file, the key (when one is at fault) and why.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("Tệp cấu hình {}{}: {reason}", file.display(), key.as_ref().map(|k| format!(", khóa «{k}»")).unwrap_or_default())]
pub struct SettingsError {
    pub file: PathBuf,
    pub key: Option<String>,
    pub(crate) reason: String,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings::parse(DEFAULT_TOML, Path::new(FILE_NAME))
            .expect("the default settings file is valid (tested)")
    }
}

/// The `[agency]` table (and its history), key by key.
impl<F: Fn(Option<String>, String) -> SettingsError> Reader<'_, F> {
    fn agency(&mut self, d: &Agency) -> Result<Agency, SettingsError> {
        let agency = Agency {
            name: self.text("agency", "name", &d.name, 150, true)?,
            parent: self.text("agency", "parent", &d.parent, 150, false)?,
            place: self.text("agency", "place", &d.place, 80, true)?,
            province: self.text("agency", "province", &d.province, 80, true)?,
            code: self.agency_code(&d.code)?,
            desk_name: self.text("agency", "desk_name", &d.desk_name, 150, true)?,
            desk_phone: self.text("agency", "desk_phone", &d.desk_phone, 40, false)?,
            head: self.text("agency", "head", &d.head, 120, false)?,
            head_title: self.text("agency", "head_title", &d.head_title, 80, true)?,
            from: self.optional_date("agency", "from")?,
            history: Vec::new(),
        };
        let history = self.agency_history(agency.from)?;
        Ok(Agency { history, ..agency })
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
        let agency = r.agency(&defaults.agency)?;
        let d = &defaults.desk;
        let desk = DeskRules {
            default_operator: r.text("desk", "default_operator", &d.default_operator, 60, true)?,
            due_soon_minutes: r.integer("desk", "due_soon_minutes", d.due_soon_minutes, 0, 4800)?,
            satisfaction_scale: r.scale(&d.satisfaction_scale)?,
            form_set_2025_from: r.date("desk", "form_set_2025_from", d.form_set_2025_from)?,
            printer: r.printer()?,
            clock_years: r.clock_years(d.clock_years)?,
        };
        let backup = Backup {
            daily: r.boolean("backup", "daily", defaults.backup.daily)?,
            keep: r.integer("backup", "keep", defaults.backup.keep, 1, 365)?,
        };
        let a = &defaults.accounts;
        let accounts = Accounts {
            require_login: r.boolean("accounts", "require_login", a.require_login)?,
            session_idle_minutes: r.integer(
                "accounts",
                "session_idle_minutes",
                a.session_idle_minutes,
                0,
                1440,
            )?,
        };
        let office_hours = r.office_hours(&defaults.office_hours)?;
        let supplement = r.supplement_law()?;
        r.reject_leftovers()?;
        Ok(Settings {
            agency,
            desk,
            backup,
            accounts,
            office_hours,
            supplement,
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
        let text =
            crate::files::read_text_bounded(&path, crate::files::limits::CONFIG, "tệp cấu hình")
                .map_err(|e| SettingsError {
                    file: path.clone(),
                    key: None,
                    reason: e.to_string(),
                })?;
        Settings::parse(&text, &path)
    }

    /// Checks the parts of a command that depend on the settings before it goes to
    /// [`crate::domain::apply`]: a hand-back's satisfaction rating must be empty or on the
    /// configured scale (returned in the scale's spelling). Other commands pass unchanged.
    pub fn check_command(&self, command: Command) -> Result<Command, DomainError> {
        match command {
            Command::HandBack {
                to,
                fee_vnd,
                rating,
            } => Ok(Command::HandBack {
                to,
                fee_vnd,
                rating: validate_rating(&rating, &self.desk.satisfaction_scale)?,
            }),
            other => Ok(other),
        }
    }

    /// The letterhead in force now (the latest period).
    pub fn letterhead(&self) -> Letterhead {
        self.letterheads().current().clone()
    }

    /// The letterheads of every period of `[agency]` and its history: the one in force on a
    /// document's date is printed on it.
    pub fn letterheads(&self) -> Letterheads {
        history::letterheads(&self.agency, &self.desk)
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
