//! The file system as motcua uses it, in one place: folders and files private to their owner
//! whatever the umask ([`private_dir`], [`create_private`]), outputs written through a
//! temporary file and an atomic rename that refuse to replace anything but a regular file
//! ([`write_atomic`], [`AtomicFile`]), reads with a size limit checked before reading
//! ([`read_bounded`]), and the data directory's own temporary folder, cleaned at the next start
//! when a crash left something in it ([`temp_dir_in`], [`clean_temp`]). Messages are
//! Vietnamese and name the file. Knows nothing of the ledger.

use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// Why a file could not be read or written (Vietnamese, names the file).
#[derive(Debug, thiserror::Error)]
pub(crate) enum FileError {
    #[error("Không ghi/đọc được {path}: {detail}.")]
    Io { path: String, detail: String },
    #[error(
        "{path} đã có và không phải một tệp thường ({kind}); không ghi đè lên đó. Hãy chọn một \
         tên tệp khác."
    )]
    NotRegular { path: String, kind: &'static str },
    #[error(
        "Tệp {path} quá lớn: {what} tối đa {limit} byte (tệp có {size} byte). Hãy kiểm tra \
         đúng tệp chưa."
    )]
    TooLarge {
        path: String,
        what: String,
        limit: u64,
        size: String,
    },
}

impl FileError {
    pub(crate) fn io(path: &Path, e: impl std::fmt::Display) -> FileError {
        FileError::Io {
            path: path.display().to_string(),
            detail: e.to_string(),
        }
    }
}

/// Restricts `path` to its owner: 0700 for a folder, 0600 for a file (no-op off Unix).
pub(crate) fn make_private(path: &Path, dir: bool) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = if dir { 0o700 } else { 0o600 };
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))?;
    }
    let _ = (path, dir);
    Ok(())
}

/// Creates `dir` and any missing parents, each one created 0700 regardless of the umask.
/// Folders that already exist are left as they are.
pub(crate) fn private_dir(dir: &Path) -> std::io::Result<()> {
    let mut missing = Vec::new();
    let mut at = Some(dir);
    while let Some(d) = at.filter(|d| !d.as_os_str().is_empty() && !d.exists()) {
        missing.push(d.to_path_buf());
        at = d.parent();
    }
    for d in missing.iter().rev() {
        match std::fs::create_dir(d) {
            Ok(()) => make_private(d, true)?,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Creates (or truncates) a file readable and writable by its owner only (0600 regardless of
/// the umask, also when it existed with wider rights).
pub(crate) fn create_private(path: &Path) -> std::io::Result<File> {
    let mut opts = OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    let file = opts.open(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(file)
}

/// What an existing path is, in words, when it is not a regular file.
fn not_regular(meta: &std::fs::Metadata) -> Option<&'static str> {
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("một thư mục");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_char_device() || t.is_block_device() {
            return Some("một thiết bị");
        }
        if t.is_fifo() {
            return Some("một ống dẫn FIFO");
        }
        if t.is_socket() {
            return Some("một socket");
        }
    }
    Some("không phải tệp thường")
}

/// Where an output to `path` really goes: `path` itself, or, when it is a symbolic link to a
/// regular file, that file (the link is kept). Refused: anything that exists and is not a
/// regular file — a device (`/dev/full`), a FIFO, a folder, a link to one of them.
pub(crate) fn output_target(path: &Path) -> Result<PathBuf, FileError> {
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(path.to_path_buf()),
        Err(e) => Err(FileError::io(path, e)),
        Ok(meta) if meta.file_type().is_symlink() => {
            let real = std::fs::canonicalize(path).map_err(|e| FileError::io(path, e))?;
            let meta = std::fs::metadata(&real).map_err(|e| FileError::io(path, e))?;
            match not_regular(&meta) {
                Some(kind) => Err(FileError::NotRegular {
                    path: path.display().to_string(),
                    kind,
                }),
                None => Ok(real),
            }
        }
        Ok(meta) => match not_regular(&meta) {
            Some(kind) => Err(FileError::NotRegular {
                path: path.display().to_string(),
                kind,
            }),
            None => Ok(path.to_path_buf()),
        },
    }
}

/// An output file being written: a private temporary file beside the target, renamed over it
/// by [`AtomicFile::commit`]. Dropped without a commit, the temporary file is removed and the
/// target is untouched.
pub(crate) struct AtomicFile {
    target: PathBuf,
    tmp: PathBuf,
    file: Option<std::io::BufWriter<File>>,
}

impl AtomicFile {
    /// Starts writing `path` (see [`output_target`] for what is refused); missing folders are
    /// created 0700.
    pub(crate) fn create(path: &Path) -> Result<AtomicFile, FileError> {
        let target = output_target(path)?;
        if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
            private_dir(dir).map_err(|e| FileError::io(dir, e))?;
        }
        let tmp = sibling_tmp(&target);
        let file = create_private(&tmp).map_err(|e| FileError::io(path, e))?;
        Ok(AtomicFile {
            target,
            tmp,
            file: Some(std::io::BufWriter::new(file)),
        })
    }

    /// Flushes and `fsync`s the temporary file, renames it over the target and `fsync`s the
    /// folder: the target is then the whole new content, never a part of it.
    pub(crate) fn commit(mut self) -> Result<(), FileError> {
        let writer = self.file.take().expect("committed once");
        let file = writer
            .into_inner()
            .map_err(|e| FileError::io(&self.target, e.error()))?;
        file.sync_all()
            .map_err(|e| FileError::io(&self.target, e))?;
        // The target may have become something else meanwhile: check again right before.
        output_target(&self.target)?;
        std::fs::rename(&self.tmp, &self.target).map_err(|e| FileError::io(&self.target, e))?;
        sync_parent(&self.target).map_err(|e| FileError::io(&self.target, e))
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self.file.as_mut() {
            Some(f) => f.write(buf),
            None => Err(std::io::Error::other("committed")),
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        match self.file.as_mut() {
            Some(f) => f.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.file.take().is_some() {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Writes `bytes` to `path` privately and atomically (see [`AtomicFile`]).
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    let mut f = AtomicFile::create(path)?;
    f.write_all(bytes).map_err(|e| FileError::io(path, e))?;
    f.commit()
}

/// `.<name>.tmp-<pid>` beside `target`.
fn sibling_tmp(target: &Path) -> PathBuf {
    let mut name = std::ffi::OsString::from(".");
    name.push(target.file_name().unwrap_or_default());
    name.push(format!(".tmp-{}", std::process::id()));
    target.with_file_name(name)
}

/// `fsync`s the folder holding `path`, so a rename or a new name in it is durable.
pub(crate) fn sync_parent(path: &Path) -> std::io::Result<()> {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    File::open(parent)?.sync_all()
}

/// Reads a whole file of at most `limit` bytes. The size is checked before reading (a regular
/// file by its length; anything else — a device, a FIFO, a link to `/dev/zero` — by reading
/// at most `limit + 1` bytes), so no file can make the program allocate more. `what` names
/// the kind of file in the refusal ("tệp cấu hình").
pub(crate) fn read_bounded(path: &Path, limit: u64, what: &str) -> Result<Vec<u8>, FileError> {
    let file = File::open(path).map_err(|e| FileError::io(path, e))?;
    let too_large = |size: String| FileError::TooLarge {
        path: path.display().to_string(),
        what: what.to_owned(),
        limit,
        size,
    };
    let meta = file.metadata().map_err(|e| FileError::io(path, e))?;
    if meta.is_file() && meta.len() > limit {
        return Err(too_large(meta.len().to_string()));
    }
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| FileError::io(path, e))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(format!("hơn {limit}")));
    }
    Ok(bytes)
}

/// [`read_bounded`] as UTF-8 text; invalid UTF-8 is refused naming the first bad byte.
pub(crate) fn read_text_bounded(path: &Path, limit: u64, what: &str) -> Result<String, FileError> {
    let bytes = read_bounded(path, limit, what)?;
    String::from_utf8(bytes).map_err(|e| {
        FileError::io(
            path,
            format!(
                "không phải văn bản UTF-8 (byte thứ {})",
                e.utf8_error().valid_up_to() + 1
            ),
        )
    })
}

/// Size limits of the files motcua reads, in bytes.
pub mod limits {
    /// `config.toml`.
    pub(crate) const CONFIG: u64 = 1 << 20;
    /// One calendar notice file.
    pub(crate) const NOTICE: u64 = 1 << 20;
    /// A procedure catalogue CSV.
    pub(crate) const CATALOGUE: u64 = 16 << 20;
    /// One line of a JSONL import (a dossier with its whole timeline is a few kilobytes).
    pub(crate) const IMPORT_LINE: u64 = 4 << 20;
    /// A backup file (it is read whole before anything is restored).
    pub(crate) const BACKUP: u64 = 8 << 30;
}

/// The data directory's temporary folder (`<data-dir>/.tmp`): live copies and proof restores
/// of backups are made here, on the ledger's own disk and as private as the ledger, never in
/// the system's shared temporary folder.
pub(crate) const TEMP_DIR: &str = ".tmp";

/// A fresh private folder `<root>/.tmp/<what>-<pid>-<n>` (not created).
pub(crate) fn temp_dir_in(root: &Path, what: &str) -> PathBuf {
    unique_name(&root.join(TEMP_DIR), what)
}

/// Removes what a crashed process left in `<root>/.tmp`: every entry whose process (the number
/// after the first `-`) is no longer running. Entries of running processes are kept.
pub(crate) fn clean_temp(root: &Path) -> std::io::Result<()> {
    let dir = root.join(TEMP_DIR);
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let pid = name.split('-').nth(1).and_then(|p| p.parse::<u32>().ok());
        if pid.is_some_and(running) {
            continue;
        }
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            std::fs::remove_dir_all(&path)?;
        } else {
            std::fs::remove_file(&path)?;
        }
    }
    Ok(())
}

/// Whether process `pid` is running (Linux: `/proc/<pid>` exists; elsewhere assumed).
pub(crate) fn running(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let proc = Path::new("/proc");
    !proc.is_dir() || proc.join(pid.to_string()).exists()
}

/// Copies a file or a folder tree, folders created 0700 and files kept 0600; a file that
/// vanished meanwhile (sled removed an old blob or snapshot) is skipped.
pub(crate) fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    if from.is_dir() {
        private_dir(to)?;
        for entry in std::fs::read_dir(from)? {
            let entry = entry?;
            copy_tree(&entry.path(), &to.join(entry.file_name()))?;
        }
        Ok(())
    } else {
        match std::fs::copy(from, to) {
            Ok(_) => make_private(to, false),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e),
        }
    }
}

/// A fresh name `<root>/<what>-<pid>-<n>` (not created).
pub(crate) fn unique_name(root: &Path, what: &str) -> PathBuf {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    root.join(format!("{what}-{}-{n}", std::process::id()))
}

/// Removes the entries of `dir` named `<prefix><pid>-…` whose process is no longer running.
pub(crate) fn clean_dead(dir: &Path, prefix: &str) -> std::io::Result<()> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(prefix) else {
            continue;
        };
        let pid = rest.split('-').next().and_then(|p| p.parse::<u32>().ok());
        if pid.is_some_and(|p| !running(p)) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
    Ok(())
}

/// Tightens an existing data directory to 0700 (it may have been made 0755 by hand or by an
/// older build); refuses, with the reason, when that is not possible (another owner).
pub(crate) fn tighten_dir(dir: &Path) -> Result<(), FileError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta = std::fs::metadata(dir).map_err(|e| FileError::io(dir, e))?;
        if meta.permissions().mode() & 0o077 != 0 {
            make_private(dir, true).map_err(|e| {
                FileError::io(
                    dir,
                    format!(
                        "thư mục dữ liệu để người khác đọc được và không thu hẹp quyền được \
                         ({e}); hãy chạy «chmod 700 {}» bằng tài khoản sở hữu nó",
                        dir.display()
                    ),
                )
            })?;
        }
    }
    let _ = dir;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_reads_stop_at_the_limit() {
        let dir = tempfile::tempdir().expect("dir");
        let big = dir.path().join("big");
        File::create(&big)
            .and_then(|f| f.set_len(10_000))
            .expect("sparse");
        assert!(matches!(
            read_bounded(&big, 100, "tệp"),
            Err(FileError::TooLarge { .. })
        ));
        assert_eq!(
            read_bounded(&big, 10_000, "tệp").expect("fits").len(),
            10_000
        );
        #[cfg(unix)]
        assert!(matches!(
            read_bounded(Path::new("/dev/zero"), 1000, "tệp"),
            Err(FileError::TooLarge { .. })
        ));
    }

    #[test]
    fn outputs_refuse_what_is_not_a_regular_file() {
        let dir = tempfile::tempdir().expect("dir");
        assert!(matches!(
            write_atomic(dir.path(), b"x"),
            Err(FileError::NotRegular { .. })
        ));
        let file = dir.path().join("a/b/out.txt");
        write_atomic(&file, b"one").expect("written");
        write_atomic(&file, b"two").expect("replaced");
        assert_eq!(std::fs::read(&file).expect("read"), b"two");
        let names: Vec<_> = std::fs::read_dir(file.parent().expect("parent"))
            .expect("list")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names.len(), 1, "no temporary file left: {names:?}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
            assert_eq!(mode(&file), 0o600);
            assert_eq!(mode(&dir.path().join("a")), 0o700);
            let link = dir.path().join("link");
            std::os::unix::fs::symlink("/dev/null", &link).expect("link");
            assert!(matches!(
                write_atomic(&link, b"x"),
                Err(FileError::NotRegular { .. })
            ));
            let to_file = dir.path().join("to-file");
            std::os::unix::fs::symlink(&file, &to_file).expect("link");
            write_atomic(&to_file, b"three").expect("through the link");
            assert_eq!(std::fs::read(&file).expect("read"), b"three");
            assert!(
                std::fs::symlink_metadata(&to_file)
                    .expect("meta")
                    .file_type()
                    .is_symlink()
            );
        }
    }

    #[test]
    fn temp_entries_of_dead_processes_are_cleaned() {
        let dir = tempfile::tempdir().expect("dir");
        let mine = temp_dir_in(dir.path(), "proof");
        let dead = dir.path().join(TEMP_DIR).join("proof-4294967290-0");
        for d in [&mine, &dead] {
            private_dir(d).expect("create");
        }
        clean_temp(dir.path()).expect("clean");
        assert!(mine.exists() && !dead.exists());
    }
}
