//! Counter accounts and their login sessions: two trees of versioned records, written in sled
//! transactions and made durable like every other write (a login, a lockout, a disabled account
//! survive a crash). Hashing, lockout and expiry rules are not here (`domain::account`, `desk`):
//! this module only knows their bytes.
//!
//! | tree | key | value |
//! |---|---|---|
//! | `accounts` | account name (UTF-8) | account envelope |
//! | `sessions` | sha256 of the session token (32 bytes) | session envelope |
//!
//! A session's last use is written without a sync (losing it in a crash only ends the session
//! earlier); creating and ending sessions are durable.
//!
//! Account layouts: V1 (no full name) is read as an account without names; this build writes
//! V2 (V1 and the history of full names). A V1 record becomes V2 the next time its account is
//! written (a login, a rename), which is soon and costs nothing: the tree holds a few records,
//! each read whole.

use serde::{Deserialize, Serialize, de::DeserializeOwned};
use sled::Transactional;
use sled::transaction::{ConflictableTransactionError, TransactionError};

use super::record::{from_secs, secs};
use super::{Store, StoreError};
use crate::calendar::LocalTime;
use crate::domain::account::{Account, NameChange, Role};

pub(crate) const ACCOUNTS: &str = "accounts";
pub(crate) const SESSIONS: &str = "sessions";

/// Account envelope versions this build reads (V1, V2).
const ACCOUNT_VERSIONS: u8 = 2;
/// Session envelope versions this build reads (V1).
const SESSION_VERSIONS: u8 = 1;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum AccountEnvelope {
    V1(AccountV1),
    V2(AccountV2),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct AccountV1 {
    pub(crate) name: String,
    pub(crate) role: RoleV1,
    /// PHC string (Argon2id).
    pub(crate) password_hash: String,
    pub(crate) disabled: bool,
    pub(crate) failed_logins: u32,
    pub(crate) locked_until: Option<i64>,
    pub(crate) created_at: i64,
}

/// V1 and the account's full names, oldest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct AccountV2 {
    pub(crate) name: String,
    pub(crate) role: RoleV1,
    /// PHC string (Argon2id).
    pub(crate) password_hash: String,
    pub(crate) disabled: bool,
    pub(crate) failed_logins: u32,
    pub(crate) locked_until: Option<i64>,
    pub(crate) created_at: i64,
    pub(crate) names: Vec<NameChangeV2>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct NameChangeV2 {
    pub(crate) at: i64,
    pub(crate) full_name: String,
    pub(crate) by: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum RoleV1 {
    Intake,
    Leader,
    Admin,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum SessionEnvelope {
    V1(SessionV1),
}

/// A login session; its key is the hash of its token, never the token.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct SessionV1 {
    pub(crate) account: String,
    pub(crate) created_at: i64,
    pub(crate) used_at: i64,
    pub(crate) expires_at: i64,
}

/// A login session as the desk sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    pub account: String,
    pub created_at: LocalTime,
    pub used_at: LocalTime,
    pub expires_at: LocalTime,
}

fn config() -> bincode::config::Configuration {
    bincode::config::standard()
}

fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    bincode::serde::encode_to_vec(value, config()).expect("encoding owned plain data cannot fail")
}

/// Decodes an envelope of which this build knows the first `known` versions.
fn decode<T: DeserializeOwned>(
    tree: &str,
    key: &[u8],
    bytes: &[u8],
    known: u8,
) -> Result<T, StoreError> {
    let Some(&version) = bytes.first() else {
        return Err(StoreError::decode(tree, key, "bản ghi rỗng"));
    };
    if version >= known {
        return Err(StoreError::UnknownVersion {
            tree: tree.to_owned(),
            key: super::keys::show(key),
            version: u32::from(version) + 1,
        });
    }
    match bincode::serde::decode_from_slice::<T, _>(bytes, config()) {
        Ok((value, used)) if used == bytes.len() => Ok(value),
        Ok(_) => Err(StoreError::decode(tree, key, "thừa byte sau bản ghi")),
        Err(e) => Err(StoreError::decode(tree, key, &e.to_string())),
    }
}

fn time(tree: &str, key: &[u8], s: i64) -> Result<LocalTime, StoreError> {
    from_secs(s).ok_or_else(|| StoreError::decode(tree, key, "thời điểm ngoài phạm vi"))
}

fn role_v1(role: Role) -> RoleV1 {
    match role {
        Role::Intake => RoleV1::Intake,
        Role::Leader => RoleV1::Leader,
        Role::Admin => RoleV1::Admin,
    }
}

/// The bytes of an account record (V2).
pub fn encode_account(a: &Account) -> Vec<u8> {
    encode(&AccountEnvelope::V2(AccountV2 {
        name: a.name.clone(),
        role: role_v1(a.role),
        password_hash: a.password_hash.clone(),
        disabled: a.disabled,
        failed_logins: a.failed_logins,
        locked_until: a.locked_until.map(secs),
        created_at: secs(a.created_at),
        names: a
            .names
            .iter()
            .map(|n| NameChangeV2 {
                at: secs(n.at),
                full_name: n.full_name.clone(),
                by: n.by.clone(),
            })
            .collect(),
    }))
}

/// The bytes an older build wrote for `a` (V1: no names), for the golden-bytes test of the
/// upgrade.
pub fn encode_account_v1(a: &Account) -> Vec<u8> {
    encode(&AccountEnvelope::V1(AccountV1 {
        name: a.name.clone(),
        role: role_v1(a.role),
        password_hash: a.password_hash.clone(),
        disabled: a.disabled,
        failed_logins: a.failed_logins,
        locked_until: a.locked_until.map(secs),
        created_at: secs(a.created_at),
    }))
}

/// Reads an account record of either layout; a V1 account has no names.
pub fn decode_account(key: &[u8], bytes: &[u8]) -> Result<Account, StoreError> {
    let v = match decode(ACCOUNTS, key, bytes, ACCOUNT_VERSIONS)? {
        AccountEnvelope::V2(v) => v,
        AccountEnvelope::V1(v) => AccountV2 {
            name: v.name,
            role: v.role,
            password_hash: v.password_hash,
            disabled: v.disabled,
            failed_logins: v.failed_logins,
            locked_until: v.locked_until,
            created_at: v.created_at,
            names: Vec::new(),
        },
    };
    let role = match v.role {
        RoleV1::Intake => Role::Intake,
        RoleV1::Leader => Role::Leader,
        RoleV1::Admin => Role::Admin,
    };
    let mut names = Vec::with_capacity(v.names.len());
    for n in v.names {
        names.push(NameChange {
            at: time(ACCOUNTS, key, n.at)?,
            full_name: n.full_name,
            by: n.by,
        });
    }
    Ok(Account {
        name: v.name,
        role,
        password_hash: v.password_hash,
        disabled: v.disabled,
        failed_logins: v.failed_logins,
        locked_until: match v.locked_until {
            Some(s) => Some(time(ACCOUNTS, key, s)?),
            None => None,
        },
        created_at: time(ACCOUNTS, key, v.created_at)?,
        names,
    })
}

/// The bytes of a session record.
pub fn encode_session(s: &Session) -> Vec<u8> {
    encode(&SessionEnvelope::V1(SessionV1 {
        account: s.account.clone(),
        created_at: secs(s.created_at),
        used_at: secs(s.used_at),
        expires_at: secs(s.expires_at),
    }))
}

pub fn decode_session(key: &[u8], bytes: &[u8]) -> Result<Session, StoreError> {
    let SessionEnvelope::V1(v) = decode(SESSIONS, key, bytes, SESSION_VERSIONS)?;
    Ok(Session {
        account: v.account,
        created_at: time(SESSIONS, key, v.created_at)?,
        used_at: time(SESSIONS, key, v.used_at)?,
        expires_at: time(SESSIONS, key, v.expires_at)?,
    })
}

/// What a transaction over the two trees changes besides the account itself.
enum SessionChange<'a> {
    None,
    Create(&'a [u8; 32], &'a Session),
    /// Ends every session of the account (disabled, password changed).
    EndAll,
}

impl Store {
    fn tree(&self, name: &str) -> Result<sled::Tree, StoreError> {
        self.db.open_tree(name).map_err(|e| self.io_error(e))
    }

    /// The account with this name, if any.
    pub fn account(&self, name: &str) -> Result<Option<Account>, StoreError> {
        let t = self.tree(ACCOUNTS)?;
        match t.get(name.as_bytes()).map_err(|e| self.io_error(e))? {
            Some(bytes) => decode_account(name.as_bytes(), &bytes).map(Some),
            None => Ok(None),
        }
    }

    /// Every account, by name.
    pub fn accounts(&self) -> Result<Vec<Account>, StoreError> {
        let t = self.tree(ACCOUNTS)?;
        let mut out = Vec::new();
        for entry in t.iter() {
            let (k, v) = entry.map_err(|e| self.io_error(e))?;
            out.push(decode_account(&k, &v)?);
        }
        Ok(out)
    }

    /// Writes an account (new or changed). Durable on return.
    pub(crate) fn put_account(&self, account: &Account) -> Result<(), StoreError> {
        self.write_account(account, SessionChange::None)
    }

    /// Writes an account and ends all its sessions in one transaction (disabled, new
    /// password). Durable on return.
    pub(crate) fn put_account_ending_sessions(&self, account: &Account) -> Result<(), StoreError> {
        self.write_account(account, SessionChange::EndAll)
    }

    /// Records a successful login: the account (its failure count reset) and the new session
    /// under the hash of its token, in one transaction. Durable on return.
    pub(crate) fn open_session(
        &self,
        account: &Account,
        token_hash: &[u8; 32],
        session: &Session,
    ) -> Result<(), StoreError> {
        self.write_account(account, SessionChange::Create(token_hash, session))
    }

    fn write_account(&self, account: &Account, change: SessionChange) -> Result<(), StoreError> {
        let accounts = self.tree(ACCOUNTS)?;
        let sessions = self.tree(SESSIONS)?;
        let ending: Vec<sled::IVec> = match change {
            SessionChange::EndAll => self.session_keys_of(&sessions, &account.name)?,
            _ => Vec::new(),
        };
        let record = encode_account(account);
        let result = (&accounts, &sessions).transaction(|(a, s)| {
            a.insert(account.name.as_bytes(), record.as_slice())?;
            match &change {
                SessionChange::None => {}
                SessionChange::Create(hash, session) => {
                    s.insert(&hash[..], encode_session(session))?;
                }
                SessionChange::EndAll => {
                    for k in &ending {
                        s.remove(k)?;
                    }
                }
            }
            Ok::<_, ConflictableTransactionError<StoreError>>(())
        });
        self.finish(result)
    }

    fn finish(&self, result: Result<(), TransactionError<StoreError>>) -> Result<(), StoreError> {
        match result {
            Ok(()) => self.make_durable(),
            Err(TransactionError::Abort(e)) => Err(e),
            Err(TransactionError::Storage(e)) => Err(self.io_error(e)),
        }
    }

    fn session_keys_of(
        &self,
        sessions: &sled::Tree,
        account: &str,
    ) -> Result<Vec<sled::IVec>, StoreError> {
        let mut out = Vec::new();
        for entry in sessions.iter() {
            let (k, v) = entry.map_err(|e| self.io_error(e))?;
            if decode_session(&k, &v)?.account == account {
                out.push(k);
            }
        }
        Ok(out)
    }

    /// The session whose token hashes to `token_hash`, if any (expired ones included: the
    /// caller judges expiry with its clock).
    pub(crate) fn session(&self, token_hash: &[u8; 32]) -> Result<Option<Session>, StoreError> {
        let t = self.tree(SESSIONS)?;
        match t.get(token_hash).map_err(|e| self.io_error(e))? {
            Some(bytes) => decode_session(token_hash, &bytes).map(Some),
            None => Ok(None),
        }
    }

    /// Records a session's new last use and expiry. Not synced (see the module docs).
    pub(crate) fn touch_session(
        &self,
        token_hash: &[u8; 32],
        session: &Session,
    ) -> Result<(), StoreError> {
        let t = self.tree(SESSIONS)?;
        t.insert(token_hash, encode_session(session))
            .map_err(|e| self.io_error(e))?;
        Ok(())
    }

    /// Ends one session (logout, expiry). Durable on return.
    pub(crate) fn end_session(&self, token_hash: &[u8; 32]) -> Result<(), StoreError> {
        let t = self.tree(SESSIONS)?;
        t.remove(token_hash).map_err(|e| self.io_error(e))?;
        self.make_durable()
    }
}
