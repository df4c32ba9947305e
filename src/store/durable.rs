//! Opening the store safely (lock, contained panics, explicit cache) and making each write
//! durable (`flush()` then explicit `fdatasync`/`fsync`, see the module docs of `store`), one
//! sync shared by the writers that arrive while another runs (`store::group`).

use std::collections::HashSet;
use std::ffi::OsString;
use std::fs::File;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::{CACHE_CAPACITY_BYTES, Store, StoreError, Trees};

/// The cost of making one write durable.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Timings {
    /// sled's `flush()` (pwrite + sync_file_range).
    pub flush: Duration,
    /// Our explicit `fdatasync` of the log plus `fsync` of new blob files.
    pub sync: Duration,
}

pub(super) struct Durability {
    db_file: File,
    /// `<data-dir>/store.seal`, rewritten after every durable write (see `seal`).
    seal_file: File,
    blobs_dir: PathBuf,
    synced_blobs: Mutex<HashSet<OsString>>,
    last: Mutex<Timings>,
    /// Who syncs next and who waits for it (group commit).
    group: super::group::Group,
}

impl Durability {
    pub(super) fn last(&self) -> Timings {
        self.last.lock().map(|t| *t).unwrap_or_default()
    }
}

/// Serialises the panic-hook swap around sled's open (the hook is process-global).
static OPEN_GUARD: Mutex<()> = Mutex::new(());

fn io_err(dir: &Path, e: impl std::fmt::Display) -> StoreError {
    StoreError::Io {
        dir: dir.display().to_string(),
        detail: super::detail(&e.to_string()),
    }
}

fn corrupt(dir: &Path, detail: impl Into<String>) -> StoreError {
    StoreError::Corrupt {
        dir: dir.display().to_string(),
        detail: super::detail(&detail.into()),
    }
}

fn take_lock(data_dir: &Path) -> Result<File, StoreError> {
    super::lock::take(data_dir)
}

/// Runs sled's open with panics contained and their default report silenced.
fn open_sled(dir: &Path) -> Result<(sled::Db, Trees), String> {
    let _guard = OPEN_GUARD.lock().unwrap_or_else(|p| p.into_inner());
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = catch_unwind(AssertUnwindSafe(|| {
        let db = sled::Config::new()
            .path(dir)
            .cache_capacity(CACHE_CAPACITY_BYTES)
            .mode(sled::Mode::LowSpace)
            .open()?;
        let trees = Trees::open(&db)?;
        // Touch every tree once so a damaged root fails here, under the guard.
        for t in [&trees.meta, &trees.dossiers, &trees.chain, &trees.catalogue] {
            let _ = t.first()?;
            let _ = t.last()?;
        }
        Ok::<_, sled::Error>((db, trees))
    }));
    std::panic::set_hook(previous);
    match result {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(e.to_string()),
        Err(panic) => Err(panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
            .unwrap_or_else(|| "lỗi không xác định khi mở".to_owned())),
    }
}

/// Opens sled, retrying for up to ten seconds while its file lock is still held. We already
/// hold `motcua.lock`, so no other process uses this store: the holder is a handle this
/// process just dropped, whose background flusher thread releases sled's lock a moment later.
fn open_sled_retrying(dir: &Path) -> Result<(sled::Db, Trees), String> {
    let mut tries = 0;
    loop {
        match open_sled(dir) {
            Err(detail) if detail.contains("could not acquire lock") && tries < 200 => {
                tries += 1;
                std::thread::sleep(Duration::from_millis(50));
            }
            other => return other,
        }
    }
}

/// True for a sled open error caused by the disk, not by the data: no space (ENOSPC 28, EDQUOT
/// 122), a read-only file system (EROFS 30), no permission (EACCES 13).
fn is_environment(detail: &str) -> bool {
    [
        "(os error 28)",
        "(os error 122)",
        "(os error 30)",
        "(os error 13)",
    ]
    .iter()
    .any(|code| detail.contains(code))
}

fn sync_dir(dir: &Path) -> std::io::Result<()> {
    File::open(dir)?.sync_all()
}

pub(super) fn open(data_dir: &Path) -> Result<Store, StoreError> {
    crate::files::tighten_dir(data_dir).map_err(|e| io_err(data_dir, e))?;
    let lock = take_lock(data_dir)?;
    // Temporary copies a killed backup or proof left behind hold the whole ledger.
    crate::files::clean_temp(data_dir).map_err(|e| io_err(data_dir, e))?;
    open_locked(data_dir, lock)
}

/// Opens the store under `<data_dir>/store` for the holder of `lock` (`motcua.lock`).
fn open_locked(data_dir: &Path, lock: File) -> Result<Store, StoreError> {
    open_at(data_dir, &data_dir.join("store"), Some(lock), None)
}

/// Opens a read-only copy of `data_dir`'s store, made in `copy` (see `store::readonly`):
/// nothing is written to `data_dir`; `reason` says why writes are disabled.
pub(super) fn open_copy(data_dir: &Path, copy: &Path, reason: String) -> Result<Store, StoreError> {
    open_at(data_dir, copy, None, Some(reason))
}

/// Opens the sled store in `dir` for the ledger of `data_dir`. With `read_only`, `dir` is a
/// private copy: the seal is checked against `data_dir`'s but never written, files are not
/// re-restricted, and the ledger refuses every write with the reason.
fn open_at(
    data_dir: &Path,
    dir: &Path,
    lock: Option<File>,
    read_only: Option<String>,
) -> Result<Store, StoreError> {
    let dir = dir.to_path_buf();
    let fresh = !dir.exists();
    if fresh {
        create_private_dir(&dir).map_err(|e| io_err(data_dir, e))?;
    }
    remove_unfinished_snapshots(&dir).map_err(|e| io_err(data_dir, e))?;
    let (db, trees) = open_sled_retrying(&dir).map_err(|detail| {
        if detail.contains("could not acquire lock") {
            StoreError::Locked {
                dir: data_dir.display().to_string(),
                holder: "một tiến trình khác".to_owned(),
            }
        } else if is_environment(&detail) {
            // A full, read-only or forbidden disk is not damage: say so, not "restore a backup".
            io_err(data_dir, detail)
        } else {
            corrupt(data_dir, detail)
        }
    })?;
    let db_file = File::open(dir.join("db")).map_err(|e| io_err(data_dir, e))?;
    // sled creates files with the process umask (snapshots later too): restrict them each open.
    private_files(&dir).map_err(|e| io_err(data_dir, e))?;
    if fresh {
        sync_dir(&dir)
            .and_then(|()| sync_dir(data_dir))
            .map_err(|e| io_err(data_dir, e))?;
    }
    let seal_file = match &read_only {
        None => super::seal::open_file(data_dir),
        // Never written: a read-only handle on the copy's own (absent) seal would do as well.
        Some(_) => File::open(&dir).or_else(|_| File::open(data_dir)),
    }
    .map_err(|e| io_err(data_dir, e))?;
    let blobs_dir = dir.join("blobs");
    let synced = list_blobs(&blobs_dir).map_err(|e| io_err(data_dir, e))?;
    let store = Store {
        db,
        trees,
        data_dir: data_dir.to_path_buf(),
        durable: Durability {
            db_file,
            seal_file,
            blobs_dir,
            synced_blobs: Mutex::new(synced),
            last: Mutex::new(Timings::default()),
            group: super::group::Group::new(data_dir.display().to_string()),
        },
        tallier: None,
        head_walk: std::sync::Mutex::default(),
        writing: std::sync::Mutex::default(),
        tally_mark: Vec::new(),
        window: super::ClockWindow::default(),
        read_only,
        _lock: lock,
        scratch: None,
    };
    store.check_seal()?;
    store.check_layout()?;
    store.upgrade_status_values()?;
    store.upgrade_name_index()?;
    if store.read_only.is_none() {
        store.count_head_events();
        store.write_seal(&store.durable.seal_file)?;
    }
    Ok(store)
}

/// Deletes `snap.*.generating` files: snapshots a killed process had not finished. sled 0.34.7
/// writes a snapshot to `snap.<lsn>.generating`, fsyncs it and only then renames it, so such a
/// file is never the valid snapshot; but its `get_snapshot_files` (config.rs) does not skip
/// them, and the next open reads the unfinished file and fails with "Read corrupted data".
/// Found by `scripts/crash-test.sh`.
fn remove_unfinished_snapshots(dir: &Path) -> std::io::Result<()> {
    let mut removed = false;
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("snap.") && name.ends_with(".generating") {
            std::fs::remove_file(entry.path())?;
            removed = true;
        }
    }
    if removed {
        sync_dir(dir)?;
    }
    Ok(())
}

fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
    b.create(dir)
}

/// Restricts the files sled created to the owner (0600), directories to 0700.
fn private_files(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for entry in std::fs::read_dir(dir)? {
            let entry = entry?;
            let mode = if entry.file_type()?.is_dir() {
                0o700
            } else {
                0o600
            };
            std::fs::set_permissions(entry.path(), std::fs::Permissions::from_mode(mode))?;
        }
    }
    Ok(())
}

fn list_blobs(dir: &Path) -> std::io::Result<HashSet<OsString>> {
    let mut out = HashSet::new();
    if dir.exists() {
        for entry in std::fs::read_dir(dir)? {
            out.insert(entry?.file_name());
        }
    }
    Ok(out)
}

impl Store {
    /// Closes the store and opens it again, keeping `motcua.lock` held throughout (no other
    /// process can slip in).
    ///
    /// sled 0.34.7 writes its snapshot (the page table, `snap.<lsn>`) only while opening: an
    /// open replays the log written since the last snapshot and then saves a new one
    /// (`pagecache/snapshot.rs`, `advance_snapshot`; its `snapshot_after_ops` setting is a
    /// no-op). After a bulk import that log is the whole import, so the next open would take
    /// seconds at 1M dossiers. Reopening right after the import pays that replay once, inside
    /// the import, and leaves a fresh snapshot for every later open.
    pub fn reopen(self) -> Result<Store, StoreError> {
        if self.read_only.is_some() {
            return Ok(self);
        }
        self.make_durable()?;
        let old = self;
        drop(old.trees);
        // Dropping the last handle flushes and stops sled's threads and releases its file lock.
        drop(old.db);
        drop(old.durable);
        let lock = old._lock.expect("a writable store holds its lock");
        let mut store = open_locked(&old.data_dir, lock)?;
        // The same process, the same calendar: the tallies stay exact across the reopen.
        store.tallier = old.tallier;
        store.tally_mark = old.tally_mark;
        store.window = old.window;
        store.scratch = old.scratch;
        Ok(store)
    }

    /// Makes everything written so far durable (see the module docs): `flush()`, `fdatasync` of
    /// the log, `fsync` of new blob files and their directory, then the seal. Returns once a
    /// sync that started after this call has finished: the caller's, or one it shared with the
    /// writers that arrived while another sync ran (`store::group`).
    pub(crate) fn make_durable(&self) -> Result<(), StoreError> {
        if self.read_only.is_some() {
            // A read-only copy: its own upkeep (tallies, upgrades) needs nothing more.
            return self.db.flush().map(drop).map_err(|e| self.io_error(e));
        }
        self.durable.group.commit(|| self.sync_all())
    }

    /// One sync (run by one writer at a time, see `store::group`): everything committed before
    /// it starts is durable and sealed when it returns `Ok`.
    fn sync_all(&self) -> Result<(), StoreError> {
        let start = Instant::now();
        // The chain's head is read before the flush, which covers every write up to it. Read
        // after, it could name a link another thread committed during the flush, not durable
        // yet: a crash then left a seal ahead of the log and the store refused as corrupt
        // (seen with 8 counters writing at once through `motcua serve`, killed with SIGKILL).
        let mark = self.chain_mark()?;
        self.db.flush().map_err(|e| self.io_error(e))?;
        let flushed = Instant::now();
        let d = &self.durable;
        d.db_file.sync_data().map_err(|e| self.io_error(e))?;
        self.sync_new_blobs()?;
        self.write_mark(&d.seal_file, mark)?;
        let timings = Timings {
            flush: flushed - start,
            sync: flushed.elapsed(),
        };
        if let Ok(mut last) = d.last.lock() {
            *last = timings;
        }
        Ok(())
    }

    /// The group commit's counters (tests: syncs against writes, writers lined up).
    #[doc(hidden)]
    pub fn sync_stats(&self) -> super::group::SyncStats {
        self.durable.group.stats()
    }

    /// Keeps the next sync from starting until the guard is dropped, so a test can line
    /// writers up behind a sync in flight without depending on timing. Never used by motcua.
    #[doc(hidden)]
    pub fn hold_syncs(&self) -> std::sync::MutexGuard<'_, ()> {
        self.durable.group.hold()
    }

    fn sync_new_blobs(&self) -> Result<(), StoreError> {
        let d = &self.durable;
        let Ok(mut synced) = d.synced_blobs.lock() else {
            return Err(self.io_error("khóa nội bộ bị hỏng"));
        };
        let mut any = false;
        let entries = std::fs::read_dir(&d.blobs_dir).map_err(|e| self.io_error(e))?;
        for entry in entries {
            let entry = entry.map_err(|e| self.io_error(e))?;
            let name = entry.file_name();
            if synced.contains(&name) {
                continue;
            }
            // A blob sled removed in the meantime needs no sync.
            if let Ok(f) = File::open(entry.path()) {
                f.sync_all().map_err(|e| self.io_error(e))?;
            }
            synced.insert(name);
            any = true;
        }
        if any {
            sync_dir(&d.blobs_dir).map_err(|e| self.io_error(e))?;
        }
        Ok(())
    }
}
