//! Who may work at the counters: accounts, their roles and what each role may do, the lockout
//! after failed logins, and when a session ends. Pure: the password hash is an opaque string
//! (hashing is the desk's job), the current time is always passed in.
//!
//! Roles form a ladder (Decree 118/2025's centre: the clerks at the counters, the leader who
//! signs, the administrator): each role may do everything the one below it may.
//!
//! An account has a login (typed, ASCII) and a full name (the clerk's "họ tên", printed under
//! "NGƯỜI TIẾP NHẬN HỒ SƠ"). Events keep who acted as an officer string,
//! [`Account::officer`]: "Nguyễn Thị Hoa (hoa)" — the name as it was that day, and the login, so
//! an event still says which account acted when two clerks share a name or a name changes
//! later. The string is written once into the hash chain (events made before a name was set say
//! "hoa"); papers, timelines and reports show [`officer_name`] of it, the full name alone.

use chrono::{Duration, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::calendar::LocalTime;

/// Consecutive failed logins that lock an account.
pub(crate) const MAX_FAILED_LOGINS: u32 = 5;
/// How long a lockout lasts, in minutes.
pub(crate) const LOCKOUT_MINUTES: i64 = 15;

/// A counter account's role, lowest first.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
pub enum Role {
    /// `tiep-nhan`: intake, steps, documents, and the desk's own papers (the end-of-day
    /// summary, the register, the call list).
    Intake,
    /// `lanh-dao`: also period statistics (Biểu 06, the figures by officer), the masked export
    /// and apology letters (as their signer).
    Leader,
    /// `quan-tri`: also accounts, catalogue, settings, notices.
    Admin,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Intake, Role::Leader, Role::Admin];

    /// The word on the command line and in `user list`.
    pub(crate) fn slug(self) -> &'static str {
        match self {
            Role::Intake => "tiep-nhan",
            Role::Leader => "lanh-dao",
            Role::Admin => "quan-tri",
        }
    }

    /// The role as a clerk reads it.
    pub fn label(self) -> &'static str {
        match self {
            Role::Intake => "Cán bộ tiếp nhận",
            Role::Leader => "Lãnh đạo",
            Role::Admin => "Quản trị",
        }
    }

    /// Parses [`Role::slug`] (accents and case ignored: "tiếp-nhận" works too).
    pub fn parse(text: &str) -> Option<Role> {
        let folded = crate::text::fold(text.trim());
        Role::ALL.into_iter().find(|r| r.slug() == folded)
    }

    /// Whether this role may do `what`.
    pub(crate) fn may(self, what: Permission) -> bool {
        self >= what.least_role()
    }
}

/// What an account may be allowed to do; each needs a least [`Role`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Permission {
    /// Read dossiers, lists, the board, search, the catalogue.
    Read,
    /// Receive a dossier, take a step, print its papers.
    Intake,
    /// The desk's own papers: the end-of-day summary the clerk prints before leaving and the
    /// register ("Sổ theo dõi hồ sơ") the reception desk keeps (RULES §9, §3). The call list is
    /// a list ([`Permission::Read`]).
    DeskPapers,
    /// Issue an apology letter (signed by a leader).
    SignApology,
    /// Period statistics: Biểu 06, the figures by receiving officer and by unit, the masked
    /// export. Kept with leadership, not a setting: Biểu 06 is the agency's report to its
    /// superior, signed and sealed by its head, and the figures by officer weigh the clerks
    /// themselves; a clerk's own day is the end-of-day summary. The law leaves who compiles it
    /// open, and a centre that lets its clerks compile it gives them a `lanh-dao` account.
    Reports,
    /// Accounts, catalogue, settings, notices, backups, verification.
    Administer,
}

impl Permission {
    pub(crate) fn least_role(self) -> Role {
        match self {
            Permission::Read | Permission::Intake | Permission::DeskPapers => Role::Intake,
            Permission::SignApology | Permission::Reports => Role::Leader,
            Permission::Administer => Role::Admin,
        }
    }

    /// The refusal a clerk reads when `role` lacks this permission.
    pub(crate) fn refusal(self, role: Role) -> String {
        let what = match self {
            Permission::Read => "xem hồ sơ",
            Permission::Intake => "tiếp nhận và xử lý hồ sơ",
            Permission::SignApology => "lập văn bản xin lỗi",
            Permission::DeskPapers => "in báo cáo cuối ngày, sổ theo dõi hồ sơ",
            Permission::Reports => {
                "lập thống kê theo kỳ (Biểu 06, số liệu theo cán bộ), xuất dữ liệu"
            }
            Permission::Administer => "quản trị tài khoản, danh mục và dữ liệu",
        };
        format!(
            "Tài khoản vai trò «{}» không được {what}; cần vai trò «{}» trở lên.",
            role.slug(),
            self.least_role().slug()
        )
    }
}

/// A counter account. The password hash is a PHC string made by the desk (Argon2id).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    /// The login.
    pub name: String,
    pub role: Role,
    pub password_hash: String,
    pub disabled: bool,
    /// Consecutive failed logins since the last success or lockout.
    pub failed_logins: u32,
    /// Logins are refused before this instant.
    pub locked_until: Option<LocalTime>,
    pub created_at: LocalTime,
    /// Every setting of the full name, oldest first; the last is in force. Empty for an
    /// account made before accounts had names (it works under its login until one is set).
    pub names: Vec<NameChange>,
}

/// One setting of an account's full name: when, the name, and who set it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct NameChange {
    #[schema(value_type = String)]
    pub at: LocalTime,
    pub full_name: String,
    /// The administrator's officer string ([`Account::officer`]); empty for the OS user of the
    /// server's machine (the store or its socket without a login).
    pub by: String,
}

/// What an account looks like to others: no password hash.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct AccountInfo {
    pub(crate) name: String,
    /// The full name in force; `None` until one is set.
    #[serde(default)]
    pub(crate) full_name: Option<String>,
    pub(crate) role: Role,
    pub(crate) disabled: bool,
    #[schema(value_type = Option<String>)]
    pub(crate) locked_until: Option<LocalTime>,
    #[schema(value_type = String)]
    pub(crate) created_at: LocalTime,
    /// Every setting of the full name, oldest first.
    #[serde(default)]
    pub(crate) names: Vec<NameChange>,
}

impl AccountInfo {
    /// The login.
    pub fn login(&self) -> &str {
        &self.name
    }

    /// The full name in force, if one is set.
    pub fn full_name(&self) -> Option<&str> {
        self.full_name.as_deref()
    }

    /// What an event records as this account's officer (see [`officer`]).
    pub fn officer(&self) -> String {
        officer(&self.name, self.full_name.as_deref())
    }

    /// Every setting of the full name, oldest first.
    pub fn names(&self) -> &[NameChange] {
        &self.names
    }

    /// The role.
    pub fn role(&self) -> Role {
        self.role
    }
}

impl Account {
    pub(crate) fn info(&self) -> AccountInfo {
        AccountInfo {
            name: self.name.clone(),
            full_name: self.full_name().map(str::to_owned),
            role: self.role,
            disabled: self.disabled,
            locked_until: self.locked_until,
            created_at: self.created_at,
            names: self.names.clone(),
        }
    }

    /// The full name in force, if one was ever set.
    pub fn full_name(&self) -> Option<&str> {
        self.names.last().map(|n| n.full_name.as_str())
    }

    /// What an event records as this account's officer (see [`officer`]).
    pub fn officer(&self) -> String {
        officer(&self.name, self.full_name())
    }

    /// The end of the lockout in force at `now`, if any.
    pub(crate) fn locked_at(&self, now: LocalTime) -> Option<LocalTime> {
        self.locked_until.filter(|until| *until > now)
    }

    /// Records a failed login at `now`: the fifth in a row locks the account for
    /// [`LOCKOUT_MINUTES`] and starts the count again.
    pub(crate) fn fail_login(&mut self, now: LocalTime) {
        self.failed_logins += 1;
        if self.failed_logins >= MAX_FAILED_LOGINS {
            self.failed_logins = 0;
            self.locked_until = Some(now + Duration::minutes(LOCKOUT_MINUTES));
        }
    }

    /// Records a successful login: the failure count starts again.
    pub(crate) fn succeed_login(&mut self) {
        self.failed_logins = 0;
        self.locked_until = None;
    }
}

/// Checks an account name: 2–32 characters, lower-case ASCII letters, digits, `.`, `-`, `_`,
/// starting with a letter (it is typed at login and written into every event).
pub(crate) fn validate_account_name(name: &str) -> Result<(), String> {
    let ok_char = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || ".-_".contains(c);
    let len = name.chars().count();
    if !(2..=32).contains(&len)
        || !name.chars().all(ok_char)
        || !name.starts_with(|c: char| c.is_ascii_lowercase())
    {
        return Err(format!(
            "Tên tài khoản «{}» không hợp lệ: 2–32 ký tự, chỉ chữ thường không dấu, số, dấu chấm, \
             gạch ngang, gạch dưới, bắt đầu bằng chữ (ví dụ lan.nguyen).",
            name.chars().filter(|c| !c.is_control()).collect::<String>()
        ));
    }
    Ok(())
}

/// The officer string an event records for the account `login` named `full_name`:
/// "Nguyễn Thị Hoa (hoa)", or the login alone while the account has no name. The name makes
/// the paper right; the login keeps the audit fact (which account acted) even when two clerks
/// share a name or a name is changed later. Fits [`Field::Operator`]'s cap: a full name is at
/// most [`Field::Name`]'s 120 characters, a login 32.
///
/// [`Field::Operator`]: crate::domain::Field::Operator
/// [`Field::Name`]: crate::domain::Field::Name
pub(crate) fn officer(login: &str, full_name: Option<&str>) -> String {
    match full_name {
        Some(n) => format!("{n} ({login})"),
        None => login.to_owned(),
    }
}

/// Splits an officer string made by [`officer`] into the full name and the login. `None` for
/// anything else: an event made before names, or by a desk without accounts, whose operator
/// is what the clerk typed (`--operator`, the default operator).
fn split_officer(operator: &str) -> Option<(&str, &str)> {
    let inner = operator.strip_suffix(')')?;
    let (name, login) = inner.rsplit_once(" (")?;
    let person = |c: char| c.is_alphabetic() || c == ' ' || matches!(c, '.' | '\'' | '-');
    (!name.trim().is_empty() && name.chars().all(person) && validate_account_name(login).is_ok())
        .then_some((name, login))
}

/// The name to print for an event's operator: the full name of an officer string
/// ("Nguyễn Thị Hoa (hoa)" → "Nguyễn Thị Hoa"), any other operator as it is.
pub fn officer_name(operator: &str) -> &str {
    split_officer(operator).map_or(operator, |(name, _)| name)
}

/// The account an operator string names: the login of an officer string, else the operator
/// itself (a login, before names, or a typed name on a desk without accounts).
pub(crate) fn officer_login(operator: &str) -> &str {
    split_officer(operator).map_or(operator, |(_, login)| login)
}

/// Whether two operator strings are the same officer: the same account even if its name
/// changed between them (an undo on the day of a rename).
pub(crate) fn same_officer(a: &str, b: &str) -> bool {
    a == b || officer_login(a) == officer_login(b)
}

/// Checks an account's full name with the applicant's name rules (a person's name: letters,
/// spaces, `.`, `'`, `-`; NFC, spaces collapsed) and returns it cleaned.
pub(crate) fn validate_full_name(raw: &str) -> Result<String, String> {
    use crate::domain::{ApplicantKind, DomainError, validate_name};
    validate_name(raw, ApplicantKind::Person).map_err(|e| match e {
        DomainError::Field { problem, .. } => format!("Họ tên cán bộ: {problem}."),
        other => other.to_string(),
    })
}

/// The shortest password accepted, in characters.
pub(crate) const MIN_PASSWORD_CHARS: usize = 8;

/// Checks a new password: at least [`MIN_PASSWORD_CHARS`] characters, no control characters.
/// The password itself never appears in the message.
pub(crate) fn validate_password(password: &str) -> Result<(), String> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(format!(
            "Mật khẩu quá ngắn: cần ít nhất {MIN_PASSWORD_CHARS} ký tự."
        ));
    }
    if password.chars().any(char::is_control) {
        return Err("Mật khẩu không được chứa ký tự điều khiển.".to_owned());
    }
    Ok(())
}

/// How long a session lives (`[accounts] session_idle_minutes`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SessionLife {
    /// Until the end of the working day it was last used on (the default).
    WorkingDay,
    /// Until this many minutes pass without a request.
    IdleMinutes(u32),
}

/// When a session last used at `used` expires. `day_end` is the end of the last office session
/// on `used`'s day, if that day has one; a session used after it (or on a day without office
/// hours) lasts until midnight.
pub(crate) fn session_expiry(
    life: SessionLife,
    used: LocalTime,
    day_end: Option<NaiveTime>,
) -> LocalTime {
    match life {
        SessionLife::IdleMinutes(m) => used + Duration::minutes(i64::from(m)),
        SessionLife::WorkingDay => {
            let day: NaiveDate = used.date();
            match day_end.map(|t| day.and_time(t)) {
                Some(end) if end > used => end,
                _ => day.and_time(NaiveTime::MIN) + Duration::days(1),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> LocalTime {
        crate::calendar::parse_local(s).expect("valid time")
    }

    #[test]
    fn roles_form_a_ladder() {
        assert!(Role::Intake.may(Permission::Intake));
        // The clerk's own papers: the day summary and the register (RULES §9, §3).
        assert!(Role::Intake.may(Permission::DeskPapers));
        assert!(!Role::Intake.may(Permission::Reports));
        assert!(
            Permission::Reports
                .refusal(Role::Intake)
                .contains("Biểu 06")
        );
        assert!(!Role::Intake.may(Permission::SignApology));
        assert!(Role::Leader.may(Permission::Reports));
        assert!(!Role::Leader.may(Permission::Administer));
        assert!(Role::Admin.may(Permission::Administer));
        assert_eq!(Role::parse("Tiếp-Nhận"), Some(Role::Intake));
        assert_eq!(Role::parse("quan-tri"), Some(Role::Admin));
        assert_eq!(Role::parse("admin"), None);
    }

    #[test]
    fn fifth_failure_locks_for_fifteen_minutes() {
        let mut a = Account {
            name: "lan".into(),
            role: Role::Intake,
            password_hash: String::new(),
            disabled: false,
            failed_logins: 0,
            locked_until: None,
            created_at: at("2026-03-02 08:00"),
            names: Vec::new(),
        };
        let now = at("2026-03-02 09:00");
        for _ in 0..4 {
            a.fail_login(now);
        }
        assert_eq!(a.locked_at(now), None);
        a.fail_login(now);
        assert_eq!(a.locked_at(now), Some(at("2026-03-02 09:15")));
        assert_eq!(a.locked_at(at("2026-03-02 09:15")), None);
    }

    #[test]
    fn a_session_ends_with_the_working_day() {
        let end = NaiveTime::from_hms_opt(17, 0, 0);
        let life = SessionLife::WorkingDay;
        assert_eq!(
            session_expiry(life, at("2026-03-02 09:00"), end),
            at("2026-03-02 17:00")
        );
        assert_eq!(
            session_expiry(life, at("2026-03-02 17:30"), end),
            at("2026-03-03 00:00")
        );
        assert_eq!(
            session_expiry(SessionLife::IdleMinutes(30), at("2026-03-02 16:50"), end),
            at("2026-03-02 17:20")
        );
    }

    #[test]
    fn names_and_passwords_are_checked() {
        assert!(validate_account_name("lan.nguyen").is_ok());
        assert!(validate_account_name("Lan").is_err());
        assert!(validate_account_name("1lan").is_err());
        assert!(validate_account_name("lân").is_err());
        assert!(validate_password("ngắn").is_err());
        assert!(validate_password("đủ-dài-rồi").is_ok());
    }

    #[test]
    fn an_officer_is_printed_by_name_and_known_by_login() {
        let mut a = Account {
            name: "hoa".into(),
            role: Role::Intake,
            password_hash: String::new(),
            disabled: false,
            failed_logins: 0,
            locked_until: None,
            created_at: at("2026-03-02 08:00"),
            names: Vec::new(),
        };
        // No name yet: the login, as before.
        assert_eq!(a.officer(), "hoa");
        assert_eq!(officer_name("hoa"), "hoa");
        a.names.push(NameChange {
            at: at("2026-03-02 08:00"),
            full_name: "Nguyễn Thị Hoa".into(),
            by: String::new(),
        });
        let officer = a.officer();
        assert_eq!(officer, "Nguyễn Thị Hoa (hoa)");
        assert_eq!(a.info().officer(), officer);
        assert_eq!(officer_name(&officer), "Nguyễn Thị Hoa");
        assert_eq!(officer_login(&officer), "hoa");
        // Renamed the same day: still the same officer (an undo), not another account.
        assert!(same_officer(&officer, "Nguyễn Thị Hoà (hoa)"));
        assert!(same_officer(&officer, "hoa"));
        assert!(!same_officer(&officer, "Nguyễn Thị Hoa (hoa2)"));
        // Operators typed on a desk without accounts are printed as they are.
        for typed in [
            "Cán bộ tiếp nhận",
            "Lê Văn (Tư pháp)",
            "Lê Văn (Tổ 2)",
            "(lan)",
        ] {
            assert_eq!(officer_name(typed), typed);
        }
    }

    #[test]
    fn a_full_name_is_checked_like_an_applicants() {
        assert_eq!(
            validate_full_name("  nguyễn   thị Hoa ").as_deref(),
            Ok("nguyễn thị Hoa")
        );
        let e = validate_full_name("Hoa 2").expect_err("a digit");
        assert!(e.starts_with("Họ tên cán bộ:"), "{e}");
        assert!(
            validate_full_name("Hoa (hoa)").is_err(),
            "brackets would fake an officer"
        );
        assert!(validate_full_name("").is_err());
        assert!(validate_full_name(&"A".repeat(121)).is_err());
    }
}
