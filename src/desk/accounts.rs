//! The accounts of the counters: adding, listing, naming, disabling, changing passwords,
//! logging in and out, and checking a session token. Passwords are hashed with Argon2id (the
//! `argon2` crate's defaults: 19 MiB, 2 passes); session tokens are 32 random bytes from the
//! OS, given to the client once and stored only as their SHA-256. Rules (roles, lockout, expiry) are
//! `domain::account`'s; bytes are `store::accounts`'s.
//!
//! No method logs or returns a password, and every refusal of a login says the same thing for
//! an unknown name and a wrong password.

use std::sync::{Mutex, OnceLock};

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use chrono::NaiveTime;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{DeskError, LocalDesk};
use crate::calendar::LocalTime;
use crate::domain::account::{
    Account, AccountInfo, NameChange, Role, session_expiry, validate_account_name,
    validate_full_name, validate_password,
};
use crate::store::accounts::Session;

/// A successful login: the token the client keeps (shown once, never stored) and who it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Login {
    pub token: String,
    pub(crate) account: AccountInfo,
    #[schema(value_type = String)]
    pub expires_at: LocalTime,
}

/// A new account as the administrator gives it.
#[derive(Clone, Copy, Debug)]
pub struct NewAccount<'a> {
    /// The login.
    pub name: &'a str,
    /// The clerk's full name, as printed on papers.
    pub full_name: &'a str,
    pub role: Role,
    pub password: &'a str,
}

/// The refusal for an unknown name or a wrong password (the same words for both).
pub const WRONG_LOGIN: &str = "Sai tên tài khoản hoặc mật khẩu.";
/// The refusal for an unknown, ended or expired session token.
pub const SESSION_ENDED: &str =
    "Phiên đăng nhập đã hết hạn hoặc không còn hiệu lực; hãy đăng nhập lại (motcua login).";

/// Serialises the read-modify-write of an account's failure count between concurrent logins.
static ACCOUNT_WRITES: Mutex<()> = Mutex::new(());

fn environment(e: impl std::fmt::Display) -> DeskError {
    DeskError::Environment(e.to_string())
}

/// Hashes a password to a PHC string with Argon2id and a random salt.
pub(crate) fn hash_password(password: &str) -> Result<String, DeskError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| environment(format!("Không băm được mật khẩu ({e}).")))
}

/// Whether `password` matches the PHC string `hash` (false for a malformed hash).
fn password_matches(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// A hash to check a password against when the name is unknown, so that answer takes as long
/// as a wrong password.
fn decoy_hash() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| hash_password("decoy password").unwrap_or_default())
}

/// 32 random bytes from the OS as 64 lower-case hex digits.
fn new_token() -> Result<String, DeskError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| environment(format!("Không tạo được mã phiên ({e}).")))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// The key a session is stored under: the SHA-256 of its token.
pub(crate) fn token_hash(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

fn time_of_day(t: LocalTime) -> String {
    t.format("%H:%M ngày %d/%m/%Y").to_string()
}

impl LocalDesk {
    fn existing_account(&self, name: &str) -> Result<Account, DeskError> {
        self.store
            .account(name)
            .map_err(DeskError::from_store)?
            .ok_or_else(|| DeskError::Rule(format!("Không có tài khoản «{name}».")))
    }

    /// Adds an account with its full name; `by` is the administrator's officer string (empty
    /// for the OS user of this machine), kept with the name. Refuses an invalid or taken login,
    /// a full name an applicant's name could not be, and a short password.
    pub fn add_account(
        &self,
        new: &NewAccount<'_>,
        by: &str,
        now: LocalTime,
    ) -> Result<AccountInfo, DeskError> {
        let NewAccount {
            name,
            full_name,
            role,
            password,
        } = *new;
        validate_account_name(name).map_err(DeskError::Rule)?;
        let full_name = validate_full_name(full_name).map_err(DeskError::Rule)?;
        validate_password(password).map_err(DeskError::Rule)?;
        let password_hash = hash_password(password)?;
        let _guard = ACCOUNT_WRITES.lock().unwrap_or_else(|p| p.into_inner());
        if self
            .store
            .account(name)
            .map_err(DeskError::from_store)?
            .is_some()
        {
            return Err(DeskError::Rule(format!("Đã có tài khoản «{name}».")));
        }
        let account = Account {
            name: name.to_owned(),
            role,
            password_hash,
            disabled: false,
            failed_logins: 0,
            locked_until: None,
            created_at: now,
            names: vec![NameChange {
                at: now,
                full_name,
                by: by.to_owned(),
            }],
        };
        self.store
            .put_account(&account)
            .map_err(DeskError::from_store)?;
        Ok(account.info())
    }

    /// Sets an account's full name from `now` on, recorded with the instant and `by` (see
    /// [`Self::add_account`]). Events already made keep the name they were made under (it is in
    /// the hash chain); the account's next requests act under the new one. Sessions go on.
    pub(crate) fn rename_account(
        &self,
        name: &str,
        full_name: &str,
        by: &str,
        now: LocalTime,
    ) -> Result<AccountInfo, DeskError> {
        let full_name = validate_full_name(full_name).map_err(DeskError::Rule)?;
        let _guard = ACCOUNT_WRITES.lock().unwrap_or_else(|p| p.into_inner());
        let mut account = self.existing_account(name)?;
        if account.full_name() == Some(full_name.as_str()) {
            return Err(DeskError::Rule(format!(
                "Tài khoản «{name}» đã mang họ tên «{full_name}»."
            )));
        }
        account.names.push(NameChange {
            at: now,
            full_name,
            by: by.to_owned(),
        });
        self.store
            .put_account(&account)
            .map_err(DeskError::from_store)?;
        Ok(account.info())
    }

    /// Every account, by name, without password hashes.
    pub(crate) fn account_list(&self) -> Result<Vec<AccountInfo>, DeskError> {
        let all = self.store.accounts().map_err(DeskError::from_store)?;
        Ok(all.iter().map(Account::info).collect())
    }

    /// Disables an account and ends its sessions. Durable on return.
    pub(crate) fn disable_account(&self, name: &str) -> Result<AccountInfo, DeskError> {
        let _guard = ACCOUNT_WRITES.lock().unwrap_or_else(|p| p.into_inner());
        let mut account = self.existing_account(name)?;
        account.disabled = true;
        self.store
            .put_account_ending_sessions(&account)
            .map_err(DeskError::from_store)?;
        Ok(account.info())
    }

    /// Sets a new password, lifts a lockout and ends the account's sessions.
    pub(crate) fn set_password(
        &self,
        name: &str,
        password: &str,
    ) -> Result<AccountInfo, DeskError> {
        validate_password(password).map_err(DeskError::Rule)?;
        let password_hash = hash_password(password)?;
        let _guard = ACCOUNT_WRITES.lock().unwrap_or_else(|p| p.into_inner());
        let mut account = self.existing_account(name)?;
        account.password_hash = password_hash;
        account.succeed_login();
        self.store
            .put_account_ending_sessions(&account)
            .map_err(DeskError::from_store)?;
        Ok(account.info())
    }

    /// Logs in at `now`. A locked account is refused before its password is checked; five
    /// wrong passwords in a row lock it for 15 minutes. Durable on return.
    pub fn login(&self, name: &str, password: &str, now: LocalTime) -> Result<Login, DeskError> {
        let found = self.store.account(name).map_err(DeskError::from_store)?;
        let Some(account) = found else {
            password_matches(password, decoy_hash());
            return Err(DeskError::Denied(WRONG_LOGIN.to_owned()));
        };
        if let Some(until) = account.locked_at(now) {
            return Err(locked(name, until));
        }
        let matches = password_matches(password, &account.password_hash);
        let _guard = ACCOUNT_WRITES.lock().unwrap_or_else(|p| p.into_inner());
        let mut account = self.existing_account(name)?;
        if let Some(until) = account.locked_at(now) {
            return Err(locked(name, until));
        }
        if !matches {
            account.fail_login(now);
            self.store
                .put_account(&account)
                .map_err(DeskError::from_store)?;
            return Err(match account.locked_at(now) {
                Some(until) => locked(name, until),
                None => DeskError::Denied(WRONG_LOGIN.to_owned()),
            });
        }
        if account.disabled {
            return Err(DeskError::Denied(format!(
                "Tài khoản «{name}» đã bị vô hiệu hóa; hãy liên hệ quản trị."
            )));
        }
        account.succeed_login();
        let token = new_token()?;
        let session = Session {
            account: account.name.clone(),
            created_at: now,
            used_at: now,
            expires_at: self.session_end(now),
        };
        self.store
            .open_session(&account, &token_hash(&token), &session)
            .map_err(DeskError::from_store)?;
        Ok(Login {
            token,
            account: account.info(),
            expires_at: session.expires_at,
        })
    }

    /// When a session used at `used` ends under the settings and the office hours.
    fn session_end(&self, used: LocalTime) -> LocalTime {
        let day_end = self
            .settings
            .office_hours
            .sessions_on(used.date())
            .last()
            .and_then(|s| NaiveTime::from_hms_opt(u32::from(s.end / 60), u32::from(s.end % 60), 0));
        session_expiry(self.settings.accounts.session_life(), used, day_end)
    }

    /// The account a session token belongs to at `now`, refreshing the session's idle expiry.
    /// Refuses an unknown or expired token and a disabled account.
    pub fn authenticate(&self, token: &str, now: LocalTime) -> Result<AccountInfo, DeskError> {
        let hash = token_hash(token);
        let session = self.store.session(&hash).map_err(DeskError::from_store)?;
        let Some(mut session) = session else {
            return Err(DeskError::Denied(SESSION_ENDED.to_owned()));
        };
        if session.expires_at <= now {
            self.store
                .end_session(&hash)
                .map_err(DeskError::from_store)?;
            return Err(DeskError::Denied(SESSION_ENDED.to_owned()));
        }
        let account = self.existing_account(&session.account)?;
        if account.disabled {
            return Err(DeskError::Denied(SESSION_ENDED.to_owned()));
        }
        // Written at most once a minute: reads do not wait for the disk.
        if now - session.used_at >= chrono::Duration::minutes(1) {
            session.used_at = now;
            session.expires_at = self.session_end(now).max(session.expires_at);
            self.store
                .touch_session(&hash, &session)
                .map_err(DeskError::from_store)?;
        }
        Ok(account.info())
    }

    /// Ends a session (logging out). An unknown token is not an error.
    pub(crate) fn logout(&self, token: &str) -> Result<(), DeskError> {
        self.store
            .end_session(&token_hash(token))
            .map_err(DeskError::from_store)
    }
}

fn locked(name: &str, until: LocalTime) -> DeskError {
    DeskError::Denied(format!(
        "Tài khoản «{name}» tạm khóa đến {} do đăng nhập sai {} lần liên tiếp.",
        time_of_day(until),
        crate::domain::account::MAX_FAILED_LOGINS
    ))
}
