//! The ledger when its disk is full or read-only: it can still be read. sled 0.34 has no
//! read-only mode (opening writes its snapshot and log), so the store's files are copied into a
//! private folder on another file system (`/dev/shm`, else the system's temporary folder) and
//! that copy is opened; every ledger write is refused with the reason ([`StoreError::ReadOnly`])
//! and nothing is written to the data directory. Lists, the dossier view, reports, `verify` and
//! a backup to another disk work as usual. The copy is removed when the store is dropped, and a
//! copy a killed process left is removed by the next read-only open. Must not depend on `desk`,
//! `tui` or `cli`.

use std::path::{Path, PathBuf};

use super::{Store, StoreError};

/// The copy's folder; removed on drop.
pub(super) struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Why a failed open means a full or read-only disk (or one this user may not write), not
/// damage: the errno in sled's or the system's message.
fn disk_reason(e: &StoreError) -> Option<String> {
    let StoreError::Io { detail, .. } = e else {
        return None;
    };
    let reason = if detail.contains("(os error 28)") || detail.contains("(os error 122)") {
        "ổ đĩa đã đầy"
    } else if detail.contains("(os error 30)") {
        "ổ đĩa chỉ cho đọc"
    } else if detail.contains("(os error 13)") || detail.contains("(os error 1)") {
        "không có quyền ghi vào thư mục dữ liệu"
    } else {
        return None;
    };
    Some(reason.to_owned())
}

/// Where read-only copies are made: memory-backed `/dev/shm` when there is one (a full disk
/// cannot hold a copy), else the system's temporary folder.
fn scratch_root() -> PathBuf {
    let shm = Path::new("/dev/shm");
    if shm.is_dir() {
        shm.to_path_buf()
    } else {
        std::env::temp_dir()
    }
}

impl Store {
    /// Opens the ledger of `data_dir` for writing; when its disk is full or read-only (or not
    /// writable by this user), opens a read-only copy instead (see the module docs). Any other
    /// failure (damage, the lock held elsewhere) is returned as it is.
    pub(crate) fn open_or_read_only(data_dir: &Path) -> Result<Store, StoreError> {
        match Store::open(data_dir) {
            Ok(store) => Ok(store),
            Err(e) => match disk_reason(&e) {
                Some(reason) if data_dir.join("store").is_dir() => {
                    Store::open_read_only(data_dir, format!("{reason} ({e})"))
                }
                _ => Err(e),
            },
        }
    }

    /// Opens a read-only copy of `data_dir`'s ledger; `reason` is said with every refused write.
    pub(crate) fn open_read_only(data_dir: &Path, reason: String) -> Result<Store, StoreError> {
        let root = scratch_root();
        let io = |e: std::io::Error| StoreError::Io {
            dir: data_dir.display().to_string(),
            detail: format!(
                "không chép được sổ để mở chỉ đọc vào {}: {e}",
                root.display()
            ),
        };
        crate::files::clean_dead(&root, "motcua-readonly-").map_err(io)?;
        let copy = crate::files::unique_name(&root, "motcua-readonly");
        let scratch = Scratch(copy.clone());
        crate::files::copy_tree(&data_dir.join("store"), &copy.join("store")).map_err(io)?;
        let mut store = super::durable::open_copy(data_dir, &copy.join("store"), reason)?;
        store.scratch = Some(scratch);
        Ok(store)
    }

    /// Why writes are disabled, when the ledger was opened read-only.
    pub(crate) fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// Where this store's temporary folders go: the data directory (its `.tmp`), or, for a
    /// read-only copy, the copy's own folder.
    pub(crate) fn temp_root(&self) -> PathBuf {
        match &self.scratch {
            Some(s) => s.0.clone(),
            None => self.data_dir.clone(),
        }
    }

    /// [`StoreError::ReadOnly`] for this store.
    pub(crate) fn refuse_write(&self) -> StoreError {
        StoreError::ReadOnly {
            dir: self.dir_display(),
            reason: self.read_only.clone().unwrap_or_default(),
        }
    }

    /// Refuses a ledger write on a read-only copy.
    pub(crate) fn writable(&self) -> Result<(), StoreError> {
        match self.read_only {
            Some(_) => Err(self.refuse_write()),
            None => Ok(()),
        }
    }
}
