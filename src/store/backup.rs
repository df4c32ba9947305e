//! Backups: one file holding every sled tree of the store (raw keys and values, so no record is
//! re-encoded and any record version is carried as it is) and the data directory's own files
//! (settings, calendar notices), sealed with a SHA-256 checksum. Writing, reading and checking
//! the file live here; restoring is in [`super::restore`]. The format knows nothing of the
//! ledger's schema, and this module must not depend on `desk`, `tui` or `cli`.
//!
//! # The file (all integers big-endian)
//! ```text
//! "MOTCUA-BACKUP\n" u32 format (=1)
//! section*  where section = 0x01 u16 name_len name ( 0x01 u32 klen key u32 vlen value )* 0x00
//!                         | 0x02 u16 path_len path u64 len bytes       (a data-directory file)
//! 0xFF u64 dossiers u64 events                                         (what verify counted)
//! sha256 of every byte above (32 bytes)
//! ```
//! The checksum is checked over the whole file before anything is restored, and every length is
//! checked against the bytes that remain, so a damaged file is refused, never half applied.
//!
//! # Durability of the file
//! Written to `FILE.tmp-PID`, `fsync`ed, renamed over `FILE`, then the directory is `fsync`ed:
//! a crash leaves either no backup or the whole previous one, never a torn one under its name.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::Store;

const MAGIC: &[u8] = b"MOTCUA-BACKUP\n";
const FORMAT: u32 = 1;
const TAG_TREE: u8 = 0x01;
const TAG_FILE: u8 = 0x02;
const TAG_END: u8 = 0xFF;
const ENTRY: u8 = 0x01;
const END_OF_TREE: u8 = 0x00;

/// Top-level names in the data directory that are never copied into a backup: the store (its
/// trees are dumped instead), the lock, the seal (a restore writes its own) and the daily
/// backups themselves.
pub(crate) const SKIPPED: &[&str] = &[
    "store",
    "motcua.lock",
    super::seal::FILE_NAME,
    DAILY_DIR,
    crate::files::TEMP_DIR,
];

/// The folder inside the data directory where daily backups are kept.
pub(crate) const DAILY_DIR: &str = "backups";

/// Why a backup or a restore failed. Messages are Vietnamese and say what to do.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error(
        "Không ghi/đọc được tệp sao lưu {file}: {detail}. Hãy kiểm tra ổ đĩa (còn chỗ trống, có quyền ghi) rồi thử lại."
    )]
    Io { file: String, detail: String },
    #[error(
        "Tệp sao lưu {file} bị hỏng hoặc không phải tệp sao lưu motcua ({detail}). Không khôi phục gì; hãy dùng một bản sao lưu khác."
    )]
    Damaged { file: String, detail: String },
    #[error("{0}")]
    Store(#[from] super::StoreError),
    #[error(
        "Kho dữ liệu tại {dir} không nhất quán ({problems} lỗi); chưa sao lưu. Hãy chạy \"motcua verify\" để xem chi tiết."
    )]
    Inconsistent { dir: String, problems: u64 },
    #[error(
        "Bản sao lưu {file} đã ghi nhưng khi thử khôi phục thì không khớp ({detail}); tệp đã bị xóa, sao lưu KHÔNG thành công."
    )]
    ProofFailed { file: String, detail: String },
    #[error(
        "Thư mục {dir} không trống; chỉ khôi phục vào một thư mục trống hoặc chưa có, để không ghi đè dữ liệu đang dùng."
    )]
    NotEmpty { dir: String },
}

impl BackupError {
    /// 1 when the user asked for something impossible (a non-empty target), 2 otherwise.
    pub fn exit_code(&self) -> i32 {
        match self {
            BackupError::NotEmpty { .. } => 1,
            _ => 2,
        }
    }
}

pub(super) fn io(file: &Path, e: impl std::fmt::Display) -> BackupError {
    BackupError::Io {
        file: file.display().to_string(),
        detail: e.to_string(),
    }
}

/// What a backup holds and its seal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    pub(crate) dossiers: u64,
    pub(crate) events: u64,
    pub(crate) trees: u64,
    pub(crate) files: u64,
    pub(crate) bytes: u64,
    /// Lower-case hex SHA-256 of the file's content before the trailer.
    pub(crate) sha256: String,
    /// The ledger's chain head the backup holds ("mã kiểm chứng sổ": short hash and events),
    /// as `verify` read it; a restore shows the head it restored.
    pub(crate) head: Option<String>,
}

/// A writer that hashes what it writes.
struct Sealed<W: Write> {
    inner: W,
    hash: Sha256,
    bytes: u64,
}

impl<W: Write> Write for Sealed<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hash.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

fn put_name(w: &mut impl Write, name: &[u8]) -> std::io::Result<()> {
    let len = u16::try_from(name.len()).map_err(std::io::Error::other)?;
    w.write_all(&len.to_be_bytes())?;
    w.write_all(name)
}

fn put_blob(w: &mut impl Write, bytes: &[u8]) -> std::io::Result<()> {
    let len = u32::try_from(bytes.len()).map_err(std::io::Error::other)?;
    w.write_all(&len.to_be_bytes())?;
    w.write_all(bytes)
}

/// Regular files of the data directory to carry, as (relative path with '/', absolute path),
/// sorted; skips [`SKIPPED`] at the top level and anything that is not a file or a folder.
pub(crate) fn data_files(data_dir: &Path) -> std::io::Result<Vec<(String, PathBuf)>> {
    let mut out = Vec::new();
    let mut pending = vec![(String::new(), data_dir.to_path_buf())];
    while let Some((prefix, dir)) = pending.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let entry = entry?;
            let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
                continue;
            };
            if prefix.is_empty() && SKIPPED.contains(&name.as_str()) {
                continue;
            }
            let rel = format!("{prefix}{name}");
            let kind = entry.file_type()?;
            if kind.is_dir() {
                pending.push((format!("{rel}/"), entry.path()));
            } else if kind.is_file() {
                out.push((rel, entry.path()));
            }
        }
    }
    out.sort();
    Ok(out)
}

impl Store {
    /// Writes every tree and the data directory's files to `out` (durably, atomically), after
    /// checking that the store is consistent. Does not prove the file: see
    /// [`super::restore::prove`]. Nothing else may write to the store meanwhile (the caller
    /// holds the store, and the store's lock keeps other processes out).
    pub(crate) fn write_backup(&self, out: &Path) -> Result<Summary, BackupError> {
        let report = self.verify()?;
        if !report.is_consistent() {
            return Err(BackupError::Inconsistent {
                dir: self.dir_display(),
                problems: report.problem_count,
            });
        }
        // Never over a device (`/dev/full`), a FIFO or a folder: the rename would replace it.
        let out = &crate::files::output_target(out).map_err(|e| io(out, e))?;
        let tmp = tmp_path(out);
        let result = self.write_to(&tmp, report.dossiers, report.events);
        let summary = match result {
            Ok(s) => Summary {
                head: report.head.as_ref().map(super::anchor::Anchor::words),
                ..s
            },
            Err(e) => {
                let _ = std::fs::remove_file(&tmp);
                return Err(e);
            }
        };
        if let Err(e) = crate::files::output_target(out) {
            let _ = std::fs::remove_file(&tmp);
            return Err(io(out, e));
        }
        std::fs::rename(&tmp, out).map_err(|e| io(out, e))?;
        sync_parent(out).map_err(|e| io(out, e))?;
        Ok(summary)
    }

    fn write_to(&self, path: &Path, dossiers: u64, events: u64) -> Result<Summary, BackupError> {
        let file = create_private(path).map_err(|e| io(path, e))?;
        let mut w = Sealed {
            inner: BufWriter::new(file),
            hash: Sha256::new(),
            bytes: 0,
        };
        let (mut trees, mut files) = (0u64, 0u64);
        let wr = |e: std::io::Error| io(path, e);
        w.write_all(MAGIC).map_err(wr)?;
        w.write_all(&FORMAT.to_be_bytes()).map_err(wr)?;
        let mut names = self.db.tree_names();
        names.sort();
        for name in names {
            let tree = self.db.open_tree(&name).map_err(|e| self.io_error(e))?;
            w.write_all(&[TAG_TREE]).map_err(wr)?;
            put_name(&mut w, &name).map_err(wr)?;
            for item in tree.iter() {
                let (k, v) = item.map_err(|e| self.io_error(e))?;
                w.write_all(&[ENTRY]).map_err(wr)?;
                put_blob(&mut w, &k).map_err(wr)?;
                put_blob(&mut w, &v).map_err(wr)?;
            }
            w.write_all(&[END_OF_TREE]).map_err(wr)?;
            trees += 1;
        }
        for (rel, abs) in data_files(self.data_dir()).map_err(|e| self.io_error(e))? {
            let bytes = std::fs::read(&abs).map_err(|e| io(&abs, e))?;
            w.write_all(&[TAG_FILE]).map_err(wr)?;
            put_name(&mut w, rel.as_bytes()).map_err(wr)?;
            w.write_all(&(bytes.len() as u64).to_be_bytes())
                .map_err(wr)?;
            w.write_all(&bytes).map_err(wr)?;
            files += 1;
        }
        w.write_all(&[TAG_END]).map_err(wr)?;
        w.write_all(&dossiers.to_be_bytes()).map_err(wr)?;
        w.write_all(&events.to_be_bytes()).map_err(wr)?;
        let digest = w.hash.clone().finalize();
        let bytes = w.bytes;
        let mut inner = w.inner;
        inner.write_all(&digest).map_err(wr)?;
        let file = inner.into_inner().map_err(|e| io(path, e.error()))?;
        file.sync_all().map_err(wr)?;
        Ok(Summary {
            dossiers,
            events,
            trees,
            files,
            bytes: bytes + 32,
            sha256: hex(&digest),
            head: None,
        })
    }
}

pub(super) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn tmp_path(out: &Path) -> PathBuf {
    let mut name = out.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".tmp-{}", std::process::id()));
    out.with_file_name(name)
}

/// Creates a new file readable by its owner only (0600 whatever the umask).
pub(super) fn create_private(path: &Path) -> std::io::Result<File> {
    crate::files::create_private(path)
}

/// fsyncs the folder holding `path`, so a rename or a new name in it is durable.
pub(super) fn sync_parent(path: &Path) -> std::io::Result<()> {
    crate::files::sync_parent(path)
}

/// A tree entry: its key and value bytes.
pub(super) type Entry = (Vec<u8>, Vec<u8>);

/// One item read back from a backup file.
pub(super) enum Item {
    /// A tree's name and all its (key, value) pairs.
    Tree(Vec<u8>, Vec<Entry>),
    /// A data-directory file: its relative path and content.
    File(String, Vec<u8>),
}

/// A backup file checked whole: its items in order and the counts it promises.
pub(super) struct Contents {
    pub(crate) items: Vec<Item>,
    pub(crate) dossiers: u64,
    pub(crate) events: u64,
    pub(crate) sha256: String,
}

/// Reads and checks a whole backup file: magic, format, checksum, every length. A file that
/// fails any check is [`BackupError::Damaged`], and nothing of it is returned.
pub(super) fn read(path: &Path) -> Result<Contents, BackupError> {
    // Read whole, so only a regular file (a device such as /dev/zero would fill the memory up
    // to the size limit).
    match std::fs::metadata(path) {
        Ok(m) if !m.is_file() => {
            return Err(BackupError::Damaged {
                file: path.display().to_string(),
                detail: "không phải tệp thường".to_owned(),
            });
        }
        Ok(_) => {}
        Err(e) => return Err(io(path, e)),
    }
    let bytes = crate::files::read_bounded(path, crate::files::limits::BACKUP, "tệp sao lưu")
        .map_err(|e| match e {
            crate::files::FileError::TooLarge { .. } => BackupError::Damaged {
                file: path.display().to_string(),
                detail: e.to_string(),
            },
            e => io(path, e),
        })?;
    let damaged = |detail: &str| BackupError::Damaged {
        file: path.display().to_string(),
        detail: detail.to_owned(),
    };
    if bytes.len() < MAGIC.len() + 4 + 17 + 32 || !bytes.starts_with(MAGIC) {
        return Err(damaged("thiếu phần đầu tệp"));
    }
    let (body, seal) = bytes.split_at(bytes.len() - 32);
    let digest = Sha256::digest(body);
    if digest.as_slice() != seal {
        return Err(damaged("sai mã kiểm tra SHA-256"));
    }
    let mut p = Parser {
        bytes: body,
        at: MAGIC.len(),
    };
    let format = p.u32().ok_or_else(|| damaged("thiếu phiên bản"))?;
    if format != FORMAT {
        return Err(damaged(&format!(
            "định dạng phiên bản {format} không được hỗ trợ"
        )));
    }
    let mut items = Vec::new();
    loop {
        let item = match p.u8() {
            Some(TAG_TREE) => p.tree().map(|(n, e)| Item::Tree(n, e)),
            Some(TAG_FILE) => p.file().map(|(n, c)| Item::File(n, c)),
            Some(TAG_END) => break,
            _ => None,
        };
        items.push(item.ok_or_else(|| damaged(&format!("cấu trúc sai ở byte {}", p.at)))?);
    }
    let (Some(dossiers), Some(events)) = (p.u64(), p.u64()) else {
        return Err(damaged("thiếu phần cuối"));
    };
    if p.at != body.len() {
        return Err(damaged("thừa dữ liệu sau phần cuối"));
    }
    Ok(Contents {
        items,
        dossiers,
        events,
        sha256: hex(&digest),
    })
}

/// A bounds-checked cursor: every read returns `None` past the end.
struct Parser<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Parser<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        let end = self.at.checked_add(n)?;
        let s = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(s)
    }
    fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }
    fn u16(&mut self) -> Option<u16> {
        Some(u16::from_be_bytes(self.take(2)?.try_into().ok()?))
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_be_bytes(self.take(4)?.try_into().ok()?))
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_be_bytes(self.take(8)?.try_into().ok()?))
    }
    fn blob(&mut self) -> Option<Vec<u8>> {
        let n = self.u32()? as usize;
        self.take(n).map(<[u8]>::to_vec)
    }
    fn tree(&mut self) -> Option<(Vec<u8>, Vec<Entry>)> {
        let n = usize::from(self.u16()?);
        let name = self.take(n)?.to_vec();
        let mut entries = Vec::new();
        loop {
            match self.u8()? {
                ENTRY => entries.push((self.blob()?, self.blob()?)),
                END_OF_TREE => return Some((name, entries)),
                _ => return None,
            }
        }
    }
    fn file(&mut self) -> Option<(String, Vec<u8>)> {
        let n = usize::from(self.u16()?);
        let name = String::from_utf8(self.take(n)?.to_vec()).ok()?;
        // Inside the data directory, and never where `data_files` does not look: a resealed
        // file naming `store.seal` or `store/db` would be written over the store's own.
        let safe = !name.is_empty()
            && !name.starts_with('/')
            && name
                .split('/')
                .all(|c| !c.is_empty() && c != "." && c != "..")
            && !SKIPPED.contains(&name.split('/').next().unwrap_or_default());
        if !safe {
            return None;
        }
        let len = usize::try_from(self.u64()?).ok()?;
        Some((name, self.take(len)?.to_vec()))
    }
}
