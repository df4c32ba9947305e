//! The ledger on disk (sled 0.34): versioned records ([`record`]), secondary indexes written in
//! the same transaction as the record ([`keys`]), the event hash chain, durability and
//! verification. The only code that knows bytes. It does not validate legal rules (that is
//! `domain`'s job, called by `desk`), and it must not depend on `desk`, `tui` or `cli`.
//!
//! # When a write is durable
//!
//! A write method returns `Ok` only after all of the following, in this order:
//!
//! 1. **One sled transaction** over every tree the write touches (record, indexes, chain, meta
//!    counters). sled writes a transaction's updates to its log as one batch that recovery
//!    replays all or nothing (sled 0.34.7 `transaction.rs`: the commit holds a log "peg" and
//!    `seal_batch` marks everything written under it as one atomic recovery unit), so after any crash the record, its indexes, its chain links and the
//!    sequences that named it are either all there or all absent. The transaction closure may run
//!    more than once (sled's concurrency control is optimistic), so it does no I/O.
//! 2. **`Db::flush()`**: sled `pwrite`s its in-memory log buffers to `<store>/db` and waits for
//!    them with `sync_file_range(WAIT_BEFORE | WRITE | WAIT_AFTER)`. That pushes the pages to the
//!    device queue but does not flush the drive's cache and does not persist the file's size or
//!    other metadata, so it survives a killed process, not a power cut.
//! 3. **`fdatasync(<store>/db)`** (`File::sync_data`) on a descriptor the store keeps open: the
//!    kernel writes the file's dirty pages and the metadata needed to read them back (its new
//!    length) and issues a cache flush to the drive. This is the syscall that makes the write
//!    survive a power cut.
//! 4. **`fsync` of any new file in `<store>/blobs/`** and of that directory: sled writes values
//!    and pages larger than its inline limit to separate blob files without syncing them, and
//!    the log only points to them.
//! 5. **`pwrite` + `fdatasync` of `<data-dir>/store.seal`** ([`seal`]): the chain's new head,
//!    so that a log that later loses its tail to damage is refused at open, not silently
//!    shortened.
//!
//! Steps 2–5 are one *sync*, run by one writer at a time: writers whose transactions commit
//! while a sync runs wait for it to end and then share the next one (`store::group`: group commit).
//! A writer returns only after a sync that started after its transaction committed has
//! finished, so everything above holds for it; the seal names the chain head read before that
//! sync's flush, never a link a later writer committed during it.
//!
//! The store directory itself (holding `db`, `conf`, `blobs/`) is fsynced once after it is
//! created, so the files' directory entries are durable before the first acknowledged write.
//! sled's own background flusher (`sync_all` every 500 ms) is left on; it adds nothing we rely on.
//!
//! # Safety nets
//! - A second process is kept out by an exclusive lock on `<data-dir>/motcua.lock` (and by
//!   sled's own lock on `db`): it gets [`StoreError::Locked`].
//! - sled can panic on a damaged log; opening runs under `catch_unwind`, so a damaged store is a
//!   [`StoreError::Corrupt`] naming the directory, never a panic.
//! - A process killed while sled writes a snapshot leaves `snap.<lsn>.generating`, which sled
//!   0.34.7 would read at the next open and call corrupt; such unfinished files are deleted
//!   before opening (they are never the valid snapshot).

pub mod accounts;
pub mod anchor;
pub(crate) mod backup;
pub mod keys;
mod lock;
pub mod record;
pub(crate) mod record_v1;
pub(crate) mod record_v2;
pub mod restore;
pub(crate) mod seal;
pub mod snapshot;

mod chain;
mod convert;
mod durable;
mod group;
mod name_index;
mod postings;
mod read;
pub(crate) mod readonly;
pub(crate) mod requests;
mod search;
mod status_due;
pub mod tally;
#[doc(hidden)]
pub mod testing;
mod upgrade;
mod verify;
pub(crate) mod window;
mod write;

use std::fmt;
use std::path::{Path, PathBuf};

pub use durable::Timings;
pub use group::SyncStats;
pub use lock::starting_holder;
pub use read::{Page, TextIndex, TimeIndex};
pub use status_due::{DueEntry, entry_facts};
pub use verify::Report;
pub use window::ClockWindow;
pub use write::{MAX_CODE_SEQ, MAX_DOSSIER_ID};

/// What went wrong in the store. Messages are Vietnamese and say what to do. `Clone`: the
/// writers that shared a failed sync each get its error (`store::group`).
#[derive(Clone, Debug, thiserror::Error)]
pub enum StoreError {
    #[error("Sổ hồ sơ tại {dir} đang được dùng bởi {holder}.")]
    Locked { dir: String, holder: String },
    #[error(
        "Kho dữ liệu tại {dir} bị hỏng hoặc không đọc được ({detail}). Hãy khôi phục từ bản sao \
         lưu gần nhất."
    )]
    Corrupt { dir: String, detail: String },
    #[error(
        "Không đọc/ghi được kho dữ liệu tại {dir}: {detail}. Hãy kiểm tra ổ đĩa (còn chỗ trống, \
         có quyền ghi)."
    )]
    Io { dir: String, detail: String },
    #[error(
        "Bản ghi {tree}/{key} có phiên bản {version}, bản motcua này không đọc được. Hãy cập \
         nhật motcua."
    )]
    UnknownVersion {
        tree: String,
        key: String,
        version: u32,
    },
    #[error(
        "Bản ghi {tree}/{key} bị hỏng: {detail}. Hãy chạy \"motcua verify\" và khôi phục từ bản \
         sao lưu."
    )]
    Decode {
        tree: String,
        key: String,
        detail: String,
    },
    /// A write the store refuses to make (duplicate code or id, a rewritten history).
    #[error("{0}")]
    Rejected(String),
    /// An instant outside the clock window: the machine's clock is probably wrong.
    #[error(
        "Đồng hồ của máy tính có vẻ sai: thời điểm {at} nằm ngoài các năm {first_year}–{last_year} \
         mà sổ hồ sơ chấp nhận. Chưa ghi gì. Hãy chỉnh lại ngày giờ của máy rồi thử lại."
    )]
    Clock {
        at: String,
        first_year: i32,
        last_year: i32,
    },
    /// The ledger was opened read-only (a full or read-only disk): nothing can be written.
    #[error(
        "Sổ hồ sơ tại {dir} đang mở ở chế độ chỉ đọc vì {reason}; không ghi được gì. Vẫn xem, \
         tìm, in, báo cáo, kiểm tra và sao lưu sang ổ đĩa khác được. Hãy giải phóng chỗ trống \
         hoặc cho phép ghi trên ổ đĩa rồi mở lại."
    )]
    ReadOnly { dir: String, reason: String },
    /// The record changed after the writer read it (another counter wrote first).
    #[error("{}", crate::domain::STALE_VIEW)]
    Stale,
}

impl StoreError {
    pub(crate) fn decode(tree: &str, key: &[u8], detail: &str) -> StoreError {
        StoreError::Decode {
            tree: tree.to_owned(),
            key: keys::show(key),
            detail: detail.to_owned(),
        }
    }

    pub(crate) fn unknown_version(tree: &str, key: &[u8], version: u32) -> StoreError {
        StoreError::UnknownVersion {
            tree: tree.to_owned(),
            key: keys::show(key),
            version,
        }
    }

    /// True for errors the clerk can fix by changing the input (the others are environment).
    pub fn is_rejection(&self) -> bool {
        matches!(self, StoreError::Rejected(_))
    }
}

/// A sled error's text as a clerk may read it: sled 0.34 appends "backtrace (…)" to a
/// corruption (`Read corrupted data at file offset Some(42) backtrace ()`), which says nothing
/// to a clerk; that part is cut, and the rest said in Vietnamese where it is sled's known words.
pub(crate) fn detail(text: &str) -> String {
    let text = match text.find(" backtrace") {
        Some(i) => &text[..i],
        None => text,
    };
    // sled prints the offset as an `Option`: "Some(42)", or "None" when it does not know it.
    match text.strip_prefix("Read corrupted data at file offset ") {
        Some(at) => match at.strip_prefix("Some(").and_then(|n| n.strip_suffix(')')) {
            Some(n) => format!("dữ liệu đọc được bị hỏng (vị trí {n})"),
            None => "dữ liệu đọc được bị hỏng".to_owned(),
        },
        None => text.to_owned(),
    }
}

/// The sled trees, opened once.
#[derive(Clone)]
pub(crate) struct Trees {
    pub(crate) dossiers: sled::Tree,
    pub(crate) by_code: sled::Tree,
    pub(crate) by_status_due: sled::Tree,
    pub(crate) by_received: sled::Tree,
    pub(crate) by_resolved: sled::Tree,
    pub(crate) by_handed_back: sled::Tree,
    pub(crate) names: sled::Tree,
    pub(crate) id_numbers: sled::Tree,
    pub(crate) phones: sled::Tree,
    pub(crate) chain: sled::Tree,
    pub(crate) meta: sled::Tree,
    pub(crate) catalogue: sled::Tree,
    pub(crate) tallies: sled::Tree,
    pub(crate) requests: sled::Tree,
}

impl Trees {
    fn open(db: &sled::Db) -> sled::Result<Trees> {
        Ok(Trees {
            dossiers: db.open_tree(keys::DOSSIERS)?,
            by_code: db.open_tree(keys::BY_CODE)?,
            by_status_due: db.open_tree(keys::BY_STATUS_DUE)?,
            by_received: db.open_tree(keys::BY_RECEIVED)?,
            by_resolved: db.open_tree(keys::BY_RESOLVED)?,
            by_handed_back: db.open_tree(keys::BY_HANDED_BACK)?,
            names: db.open_tree(keys::NAMES)?,
            id_numbers: db.open_tree(keys::ID_NUMBERS)?,
            phones: db.open_tree(keys::PHONES)?,
            chain: db.open_tree(keys::CHAIN)?,
            meta: db.open_tree(keys::META)?,
            catalogue: db.open_tree(keys::CATALOGUE)?,
            tallies: db.open_tree(keys::TALLIES)?,
            requests: db.open_tree(requests::REQUESTS)?,
        })
    }

    /// The index tree of a name from [`keys::index_entries`].
    pub fn index(&self, name: &str) -> Option<&sled::Tree> {
        Some(match name {
            keys::BY_STATUS_DUE => &self.by_status_due,
            keys::BY_RECEIVED => &self.by_received,
            keys::BY_RESOLVED => &self.by_resolved,
            keys::BY_HANDED_BACK => &self.by_handed_back,
            keys::NAMES => &self.names,
            keys::ID_NUMBERS => &self.id_numbers,
            keys::PHONES => &self.phones,
            _ => return None,
        })
    }
}

/// The open store. One per process and data directory.
pub struct Store {
    pub(crate) db: sled::Db,
    pub(crate) trees: Trees,
    data_dir: PathBuf,
    durable: durable::Durability,
    tallier: Option<tally::Tallier>,
    /// The `meta/tally_layout` value that says the tallies are exact (see `tally`).
    tally_mark: Vec<u8>,
    /// The years a written instant may fall in.
    window: ClockWindow,
    /// Why the ledger cannot be written (a full or read-only disk), when it is opened from a
    /// read-only copy (`store::readonly`); `None` for the ledger itself.
    read_only: Option<String>,
    /// `motcua.lock`; a read-only copy holds none.
    _lock: Option<std::fs::File>,
    /// The read-only copy's folder, removed with the store (dropped after `db`).
    scratch: Option<readonly::Scratch>,
    /// Where the last walk of the chain for [`Store::anchor`] stopped.
    head_walk: std::sync::Mutex<anchor::HeadWalk>,
    /// Held while a ledger transaction runs (`Store::transact`). Every ledger write touches the
    /// chain head and the day's counters, so two at once always conflict and sled aborts and
    /// reruns one of them; with several counters writing through `motcua serve`, those reruns
    /// were the latency tail. Queued here instead, each runs once; the fsync that makes them
    /// durable is still shared (`store::group`), outside this lock.
    writing: std::sync::Mutex<()>,
}

impl fmt::Debug for Store {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Store")
            .field("data_dir", &self.data_dir)
            .finish()
    }
}

/// sled's page cache size: enough for the hot index pages of a province-sized store, far below
/// sled's 1 GiB default (DEPENDENCIES.md: 256 MiB kept query times at 1M dossiers).
pub(crate) const CACHE_CAPACITY_BYTES: u64 = 256 * 1024 * 1024;

impl Store {
    /// Opens (or creates) the store under `<data_dir>/store`. The caller creates `data_dir`.
    pub fn open(data_dir: &Path) -> Result<Store, StoreError> {
        durable::open(data_dir)
    }

    /// The data directory this store lives in.
    pub(crate) fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The data directory as shown in messages.
    pub(crate) fn dir_display(&self) -> String {
        self.data_dir.display().to_string()
    }

    pub(crate) fn io_error(&self, e: impl fmt::Display) -> StoreError {
        StoreError::Io {
            dir: self.dir_display(),
            detail: detail(&e.to_string()),
        }
    }

    /// Time spent in the last acknowledged write's `flush()` and explicit syncs.
    pub(crate) fn last_timings(&self) -> Timings {
        self.durable.last()
    }
}
