//! Restoring a backup file ([`super::backup`]) into an empty data directory, and proving a
//! backup by restoring it into a temporary one. Must not depend on `desk`, `tui` or `cli`.
//!
//! A restore is all or nothing: the file is checked whole (checksum, every length) before
//! anything is written; the data is written into a staging folder beside the target, made
//! durable, opened and verified (chain, indexes, and the dossier and event counts the backup
//! promises); only then is the staging folder renamed to the target and its parent fsynced. On
//! any failure the staging folder is removed and the target is left as it was.

use std::path::{Path, PathBuf};

use super::Store;
use super::backup::{self, BackupError, Contents, Item, Summary, io};

/// Restores `file` into `target`, which must be missing or an empty folder.
pub fn restore(file: &Path, target: &Path) -> Result<Summary, BackupError> {
    if !is_empty_or_missing(target).map_err(|e| io(target, e))? {
        return Err(BackupError::NotEmpty {
            dir: target.display().to_string(),
        });
    }
    let contents = backup::read(file)?;
    let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    let staging = staging_path(target);
    let result = fill(file, &contents, &staging).and_then(|summary| {
        if target.exists() {
            std::fs::remove_dir(target).map_err(|e| io(target, e))?;
        }
        std::fs::rename(&staging, target).map_err(|e| io(target, e))?;
        backup::sync_parent(target).map_err(|e| io(target, e))?;
        Ok(Summary {
            bytes: size,
            ..summary
        })
    });
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    result
}

/// Proves a backup: reads it back from disk, restores it into a temporary folder inside
/// `temp_root`'s `.tmp` (the data directory: as private as the ledger, on its disk, and cleaned
/// at its next start if this process is killed), verifies it and compares its counts with
/// `expected`; the temporary folder is removed.
pub(crate) fn prove(
    file: &Path,
    expected: &Summary,
    temp_root: &Path,
) -> Result<Summary, BackupError> {
    let failed = |detail: String| BackupError::ProofFailed {
        file: file.display().to_string(),
        detail,
    };
    let dir = crate::files::temp_dir_in(temp_root, "proof");
    if let Some(parent) = dir.parent() {
        crate::files::private_dir(parent).map_err(|e| io(parent, e))?;
    }
    let result = restore(file, &dir);
    let _ = std::fs::remove_dir_all(&dir);
    let got = result.map_err(|e| failed(e.to_string()))?;
    if got.sha256 != expected.sha256
        || got.dossiers != expected.dossiers
        || got.events != expected.events
        || (expected.head.is_some() && got.head != expected.head)
    {
        return Err(failed(format!(
            "đọc lại được {} hồ sơ, {} sự kiện, mã {}; đã ghi {} hồ sơ, {} sự kiện, mã {}",
            got.dossiers,
            got.events,
            got.sha256,
            expected.dossiers,
            expected.events,
            expected.sha256
        )));
    }
    Ok(got)
}

fn is_empty_or_missing(dir: &Path) -> std::io::Result<bool> {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => Ok(entries.next().is_none()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(true),
        Err(e) => Err(e),
    }
}

fn staging_path(target: &Path) -> PathBuf {
    let mut name = target.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".restoring-{}", std::process::id()));
    target.with_file_name(name)
}

fn private_dir(dir: &Path) -> std::io::Result<()> {
    crate::files::private_dir(dir)
}

/// Writes the contents of `file` into `dir` (created), makes them durable and verifies them.
///
/// A tree the store does not know is refused (a resealed backup with a damaged tree name
/// would otherwise restore without that tree: the accounts, or the tallies). The tallies'
/// mark is dropped: they are derived from the records with the desk's calendar, which a
/// restore does not have, so it cannot check them, and the desk rebuilds them from the
/// verified records at its next open (seconds at 100 000 dossiers) instead of trusting them.
fn fill(file: &Path, contents: &Contents, dir: &Path) -> Result<Summary, BackupError> {
    private_dir(dir).map_err(|e| io(dir, e))?;
    let mut files = 0;
    for item in &contents.items {
        if let Item::File(rel, bytes) = item {
            let path = dir.join(rel);
            if let Some(parent) = path.parent() {
                private_dir(parent).map_err(|e| io(parent, e))?;
            }
            write_file(&path, bytes).map_err(|e| io(&path, e))?;
            files += 1;
        }
    }
    let store = Store::open(dir)?;
    // The trees an open store holds, those it opens when first used, and those of older
    // layouts it rebuilds.
    let mut known = store.db.tree_names();
    known.extend([super::accounts::ACCOUNTS, super::accounts::SESSIONS].map(sled::IVec::from));
    // The name index of a backup from before posting lists, rebuilt below.
    known.push(sled::IVec::from(super::keys::OLD_NAMES));
    let mut trees = 0;
    for item in &contents.items {
        if let Item::Tree(name, entries) = item {
            if !known.iter().any(|k| k.as_ref() == name.as_slice()) {
                return Err(BackupError::Damaged {
                    file: file.display().to_string(),
                    detail: format!(
                        "bảng dữ liệu lạ «{}»",
                        crate::text::printable(&String::from_utf8_lossy(name))
                    ),
                });
            }
            let tree = store.db.open_tree(name).map_err(|e| store.io_error(e))?;
            // sled slows down badly on one huge batch (a 10k-dossier tree took seconds and
            // hundreds of MB): apply moderate ones. Atomicity does not matter here, the
            // directory is a staging copy that is verified before it is used.
            for chunk in entries.chunks(RESTORE_BATCH) {
                let mut batch = sled::Batch::default();
                for (k, v) in chunk {
                    batch.insert(k.as_slice(), v.as_slice());
                }
                tree.apply_batch(batch).map_err(|e| store.io_error(e))?;
            }
            trees += 1;
        }
    }
    // A damaged `meta/layout` would otherwise restore and stop the desk at its next open.
    store.check_layout()?;
    store
        .trees
        .meta
        .remove(super::keys::meta::TALLY_LAYOUT)
        .map_err(|e| store.io_error(e))?;
    // A backup of a store from before posting lists carries the old name tree: rebuild.
    store.upgrade_name_index()?;
    store.make_durable()?;
    let report = store.verify()?;
    if !report.is_consistent() || report.dossiers != contents.dossiers {
        return Err(BackupError::ProofFailed {
            file: dir.display().to_string(),
            detail: format!(
                "{} lỗi khi kiểm tra, {} hồ sơ thay vì {}",
                report.problem_count, report.dossiers, contents.dossiers
            ),
        });
    }
    if report.events != contents.events {
        return Err(BackupError::ProofFailed {
            file: dir.display().to_string(),
            detail: format!("{} sự kiện thay vì {}", report.events, contents.events),
        });
    }
    backup::sync_parent(&dir.join("store")).map_err(|e| io(dir, e))?;
    Ok(Summary {
        dossiers: report.dossiers,
        events: report.events,
        trees,
        files,
        bytes: 0,
        sha256: contents.sha256.clone(),
        head: report.head.as_ref().map(super::anchor::Anchor::words),
    })
}

/// Entries per sled batch when a backup is written back.
const RESTORE_BATCH: usize = 2_000;

fn write_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut f = backup::create_private(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}
