//! A counter's link to a server, kept in its data directory as `server.toml` (mode 0600, the
//! directory 0700): the server's address, the pinned certificate fingerprint, the account and
//! its session token. Written by `motcua login`, removed by `motcua logout`; a data directory
//! holding it is a client of that server instead of a ledger of its own.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The file name inside the client's data directory.
pub(crate) const FILE_NAME: &str = "server.toml";
/// The layout version this build writes and reads.
const VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Profile {
    pub(crate) version: u32,
    /// `https://HOST:PORT`.
    pub(crate) server: String,
    /// `SHA256:<64 hex>`.
    pub(crate) fingerprint: String,
    pub(crate) user: String,
    pub(crate) token: String,
}

impl Profile {
    pub(crate) fn new(server: &str, fingerprint: &str, user: &str, token: &str) -> Profile {
        Profile {
            version: VERSION,
            server: server.to_owned(),
            fingerprint: fingerprint.to_owned(),
            user: user.to_owned(),
            token: token.to_owned(),
        }
    }
}

pub(crate) fn path(dir: &Path) -> PathBuf {
    dir.join(FILE_NAME)
}

/// Reads the profile of `dir`, if it has one. A damaged file is an error naming it.
pub(crate) fn load(dir: &Path) -> Result<Option<Profile>, String> {
    let file = path(dir);
    let text = match std::fs::read_to_string(&file) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("Không đọc được {} ({e}).", file.display())),
    };
    let profile: Profile = toml::from_str(&text).map_err(|e| {
        format!(
            "Tệp {} bị hỏng ({}); hãy đăng nhập lại (motcua login).",
            file.display(),
            e.message()
        )
    })?;
    if profile.version != VERSION {
        return Err(format!(
            "Tệp {} có phiên bản {}, bản motcua này không đọc được; hãy đăng nhập lại.",
            file.display(),
            profile.version
        ));
    }
    Ok(Some(profile))
}

/// Writes the profile (0600) into `dir` (created 0700), replacing any previous one whole.
pub(crate) fn save(dir: &Path, profile: &Profile) -> Result<(), String> {
    let io = |e: std::io::Error| format!("Không ghi được {} ({e}).", path(dir).display());
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
    b.create(dir).map_err(io)?;
    let text = format!(
        "# Máy trạm của máy chủ motcua (tạo bởi \"motcua login\"). Chứa mã phiên đăng nhập: giữ \
         kín, không sao chép.\n{}",
        toml::to_string(profile).expect("a profile is plain data")
    );
    let tmp = dir.join(format!("{FILE_NAME}.tmp-{}", std::process::id()));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    {
        use std::io::Write;
        let mut f = options.open(&tmp).map_err(io)?;
        f.write_all(text.as_bytes()).map_err(io)?;
        f.sync_all().map_err(io)?;
    }
    std::fs::rename(&tmp, path(dir)).map_err(io)?;
    std::fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(io)
}

/// Removes the profile; `Ok(false)` when there was none.
pub(crate) fn remove(dir: &Path) -> Result<bool, String> {
    match std::fs::remove_file(path(dir)) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(format!("Không xóa được {} ({e}).", path(dir).display())),
    }
}
