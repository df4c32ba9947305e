//! Taking a backup of a data directory whether or not the desk is open, and the daily backup.
//! Must not depend on `desk`, `tui` or `cli`.
//!
//! # A consistent snapshot while the desk is in use
//! When no other process holds the data directory, the store is opened (which locks it) and
//! dumped: nothing can write meanwhile, so the dump is one instant of the ledger.
//!
//! When the desk is open in another process, the store cannot be opened. Its files are then
//! copied into a private temporary folder inside the data directory (`.tmp`, see
//! `crate::files`) (snapshot files first, then the log, then blobs) and
//! the copy is opened the way sled recovers after a crash: it replays its log up to the last
//! whole batch, so the copy holds the ledger as of some instant during the copy, or fails to
//! open. The copy is only used if it opens and `verify` finds the event chain, every index and
//! every sequence consistent; otherwise the copy is thrown away and taken again (up to
//! [`LIVE_ATTEMPTS`] times). The backup written from it is then proved like any other.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::backup::{BackupError, DAILY_DIR, Summary, data_files, io};
use super::restore::prove;
use super::{Store, StoreError};

/// How many live copies are tried before giving up.
pub(crate) const LIVE_ATTEMPTS: u32 = 5;

/// How the snapshot was taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Source {
    /// The store was opened and locked: no write could happen during the dump.
    Locked,
    /// The desk was open elsewhere: a verified live copy, taken on the given attempt (1-based).
    LiveCopy(u32),
}

/// Writes a backup of `data_dir` to `out` and proves it (restore into a temporary folder,
/// verify, compare counts and checksum). Returns only after the proof succeeded; on a failed
/// proof the file is removed.
pub(crate) fn backup(data_dir: &Path, out: &Path) -> Result<(Summary, Source), BackupError> {
    if !data_dir.join("store").is_dir() {
        return Err(io(
            data_dir,
            "không có kho dữ liệu motcua trong thư mục này (thiếu thư mục store)",
        ));
    }
    let (summary, source, temp_root, _copy) = match Store::open_or_read_only(data_dir) {
        // A full or read-only data disk: the backup is made from a read-only copy, and proved
        // beside that copy (nothing can be written to the data directory).
        Ok(store) if store.read_only().is_some() => {
            let summary = store.write_backup(out)?;
            (summary, Source::Locked, store.temp_root(), Some(store))
        }
        Ok(store) => (
            store.write_backup(out)?,
            Source::Locked,
            data_dir.into(),
            None,
        ),
        Err(StoreError::Locked { .. }) => {
            let (summary, source) = live_backup(data_dir, out)?;
            (summary, source, data_dir.to_path_buf(), None)
        }
        Err(e) => return Err(e.into()),
    };
    proved(out, summary, &temp_root).map(|s| (s, source))
}

fn proved(out: &Path, summary: Summary, temp_root: &Path) -> Result<Summary, BackupError> {
    match prove(out, &summary, temp_root) {
        Ok(_) => Ok(summary),
        Err(e) => {
            let _ = std::fs::remove_file(out);
            Err(e)
        }
    }
}

fn live_backup(data_dir: &Path, out: &Path) -> Result<(Summary, Source), BackupError> {
    let mut last = None;
    for attempt in 1..=LIVE_ATTEMPTS {
        let tmp = crate::files::temp_dir_in(data_dir, "live");
        let result = copy_live(data_dir, &tmp)
            .map_err(|e| io(data_dir, e))
            .and_then(|()| Store::open(&tmp)?.write_backup(out));
        let _ = std::fs::remove_dir_all(&tmp);
        match result {
            Ok(summary) => return Ok((summary, Source::LiveCopy(attempt))),
            Err(e @ (BackupError::Io { .. } | BackupError::NotEmpty { .. })) => return Err(e),
            Err(e) => last = Some(e),
        }
    }
    Err(last.unwrap_or_else(|| io(data_dir, "không sao chép được")))
}

/// Copies the store's files (snapshots, then the log, then blobs) and the data directory's own
/// files into `to`, creating it 0700.
fn copy_live(data_dir: &Path, to: &Path) -> std::io::Result<()> {
    let store_to = to.join("store");
    make_private_dir(&store_to)?;
    let from = data_dir.join("store");
    let mut names: Vec<(u8, String)> = Vec::new();
    for entry in std::fs::read_dir(&from)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let rank = match name.as_str() {
            "conf" => 0,
            n if n.starts_with("snap.") => 1,
            "db" => 2,
            _ => 3,
        };
        names.push((rank, name));
    }
    names.sort();
    for (_, name) in names {
        copy_tree(&from.join(&name), &store_to.join(&name))?;
    }
    for (rel, abs) in data_files(data_dir)? {
        let dest = to.join(&rel);
        if let Some(parent) = dest.parent() {
            make_private_dir(parent)?;
        }
        std::fs::copy(&abs, &dest)?;
    }
    Ok(())
}

fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    crate::files::copy_tree(from, to)
}

fn make_private_dir(dir: &Path) -> std::io::Result<()> {
    crate::files::private_dir(dir)
}

/// The daily backup's file for `day`: `<data-dir>/backups/motcua-YYYY-MM-DD.backup`.
pub fn daily_path(data_dir: &Path, day: NaiveDate) -> PathBuf {
    data_dir
        .join(DAILY_DIR)
        .join(format!("motcua-{}.backup", day.format("%Y-%m-%d")))
}

/// Writes and proves today's backup if there is none yet, then keeps only the newest `keep`
/// daily backups (at least 1). Returns the summary when a backup was written.
pub fn daily_backup(
    store: &Store,
    today: NaiveDate,
    keep: u32,
) -> Result<Option<Summary>, BackupError> {
    match daily_dump(store, today)? {
        Some(dump) => dump.prove(keep).map(Some),
        None => Ok(None),
    }
}

/// A daily backup written but not proved yet (see [`daily_dump`]).
#[derive(Debug)]
pub(crate) struct DailyDump {
    path: PathBuf,
    summary: Summary,
    /// Where the proof's temporary folder goes (the data directory).
    temp_root: PathBuf,
}

/// The first half of [`daily_backup`]: writes today's file from the store (the part that
/// must see the store not being written), or `None` if today's backup exists.
pub(crate) fn daily_dump(
    store: &Store,
    today: NaiveDate,
) -> Result<Option<DailyDump>, BackupError> {
    let path = daily_path(store.data_dir(), today);
    if path.exists() {
        return Ok(None);
    }
    let dir = store.data_dir().join(DAILY_DIR);
    make_private_dir(&dir).map_err(|e| io(&dir, e))?;
    let summary = store.write_backup(&path)?;
    Ok(Some(DailyDump {
        path,
        summary,
        temp_root: store.data_dir().to_path_buf(),
    }))
}

impl DailyDump {
    /// The second half: proves the file (restore into a temporary folder and verify; removed
    /// if that fails) and keeps the newest `keep` daily backups. Needs only the file, so it
    /// can run on another thread while the desk works.
    pub(crate) fn prove(self, keep: u32) -> Result<Summary, BackupError> {
        let summary = proved(&self.path, self.summary, &self.temp_root)?;
        let dir = self
            .path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        prune(&dir, keep.max(1) as usize).map_err(|e| io(&dir, e))?;
        Ok(summary)
    }
}

/// Removes the oldest daily backups beyond the newest `keep`. Only files named like
/// `motcua-YYYY-MM-DD.backup` are considered; nothing else in the folder is touched.
fn prune(dir: &Path, keep: usize) -> std::io::Result<()> {
    let mut daily: Vec<String> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| {
            n.strip_prefix("motcua-")
                .and_then(|r| r.strip_suffix(".backup"))
                .is_some_and(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok())
        })
        .collect();
    daily.sort();
    let excess = daily.len().saturating_sub(keep);
    for name in &daily[..excess] {
        std::fs::remove_file(dir.join(name))?;
    }
    Ok(())
}
