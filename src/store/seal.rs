//! The seal: a record, outside sled, of how far the event chain had reached at the last
//! acknowledged write, so that a store whose log lost its tail is refused instead of opened.
//! Must not depend on `desk`, `tui` or `cli`.
//!
//! # Why
//! sled 0.34 recovers by replaying its log up to the first entry whose checksum fails, and
//! treats everything after it as a torn write that never happened. That is right after a crash
//! (the tail was never acknowledged), but a flipped byte or a truncation in the *middle* of the
//! log makes sled silently drop every later transaction: dossiers, events, indexes and the chain
//! head all vanish together, so the store still looks consistent and `verify` passes
//! (tests/reliability/corruption.rs measured this: 29 of 31 damaged copies opened "fine" with
//! fewer dossiers before the seal existed).
//!
//! # How
//! `<data-dir>/store.seal` holds two 64-byte slots; each holds the chain's next sequence number,
//! the hash of its last link and a checksum of both. After every sync that makes writes durable
//! in sled ([`super::Store::make_durable`]) the slot `seq % 2` is overwritten with `pwrite` and the file is
//! `fdatasync`ed, before the write is acknowledged; a torn slot write leaves the other slot valid.
//! At open, the newest valid slot must agree with the store: the store's chain may be ahead of
//! the seal (a write made durable in sled whose acknowledgement a crash prevented) but never
//! behind it, and the link the seal names must carry the seal's hash. Otherwise the store is
//! refused as corrupt, naming the data directory and saying to restore a backup.
//!
//! A missing seal is written from the store as it is (first start, a restored backup, a store
//! from before the seal); deleting the seal therefore disables this one check until next write.

use std::fs::{File, OpenOptions};
use std::path::Path;

use sha2::{Digest, Sha256};

use super::chain::parse_head;
use super::keys::{self, meta};
use super::{Store, StoreError};

/// The seal's file name in the data directory.
pub(crate) const FILE_NAME: &str = "store.seal";
const SLOT: usize = 64;
const MAGIC: &[u8; 4] = b"MSL1";

/// How far the chain had reached: the next sequence number and the last link's hash.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Mark {
    pub(crate) next_seq: u64,
    pub(crate) last_hash: [u8; 32],
}

fn encode(mark: Mark) -> [u8; SLOT] {
    let mut slot = [0u8; SLOT];
    slot[..4].copy_from_slice(MAGIC);
    slot[4..12].copy_from_slice(&mark.next_seq.to_be_bytes());
    slot[12..44].copy_from_slice(&mark.last_hash);
    let sum = Sha256::digest(&slot[..44]);
    slot[44..60].copy_from_slice(&sum[..16]);
    slot
}

fn decode(slot: &[u8]) -> Option<Mark> {
    if slot.len() != SLOT || &slot[..4] != MAGIC {
        return None;
    }
    let sum = Sha256::digest(&slot[..44]);
    if slot[44..60] != sum[..16] {
        return None;
    }
    Some(Mark {
        next_seq: u64::from_be_bytes(slot[4..12].try_into().ok()?),
        last_hash: slot[12..44].try_into().ok()?,
    })
}

/// The newest valid mark in the seal file; `None` if the file is missing or has none.
pub fn read(data_dir: &Path) -> std::io::Result<Option<Mark>> {
    let bytes = match std::fs::read(data_dir.join(FILE_NAME)) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    Ok(bytes
        .chunks(SLOT)
        .filter_map(decode)
        .max_by_key(|m| m.next_seq))
}

/// Opens (creating, 0600) the seal file for writing.
pub(super) fn open_file(data_dir: &Path) -> std::io::Result<File> {
    let mut opts = OpenOptions::new();
    opts.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    opts.open(data_dir.join(FILE_NAME))
}

impl Store {
    /// The chain's current mark, from the store's meta tree.
    pub(crate) fn chain_mark(&self) -> Result<Mark, StoreError> {
        let head = self
            .trees
            .meta
            .get(meta::CHAIN_HEAD)
            .map_err(|e| self.io_error(e))?;
        let (next_seq, last_hash) = head.map(|h| parse_head(&h)).unwrap_or((0, [0; 32]));
        Ok(Mark {
            next_seq,
            last_hash,
        })
    }

    /// Writes the current mark into its slot and `fdatasync`s the seal file (at open, when no
    /// other thread writes).
    pub(crate) fn write_seal(&self, file: &File) -> Result<(), StoreError> {
        self.write_mark(file, self.chain_mark()?)
    }

    /// Writes `mark` (read before the flush that made it durable) into its slot and
    /// `fdatasync`s the seal file. Syncs run one at a time (`store::group`), so marks land in
    /// order; a seal that lags the store is allowed anyway ([`Store::check_seal`]).
    pub(crate) fn write_mark(&self, file: &File, mark: Mark) -> Result<(), StoreError> {
        let offset = (mark.next_seq % 2) * SLOT as u64;
        #[cfg(unix)]
        std::os::unix::fs::FileExt::write_all_at(file, &encode(mark), offset)
            .map_err(|e| self.io_error(e))?;
        #[cfg(not(unix))]
        {
            use std::io::{Seek, SeekFrom, Write};
            let mut f = file;
            f.seek(SeekFrom::Start(offset))
                .and_then(|_| f.write_all(&encode(mark)))
                .map_err(|e| self.io_error(e))?;
        }
        file.sync_data().map_err(|e| self.io_error(e))
    }

    /// Refuses a store whose chain is behind the seal or disagrees with it (see the module docs).
    pub(crate) fn check_seal(&self) -> Result<(), StoreError> {
        let dir = self.data_dir().to_path_buf();
        let Some(sealed) = read(&dir).map_err(|e| self.io_error(e))? else {
            return Ok(());
        };
        let now = self.chain_mark()?;
        let lost = |detail: String| StoreError::Corrupt {
            dir: dir.display().to_string(),
            detail,
        };
        if now.next_seq < sealed.next_seq {
            return Err(lost(format!(
                "mất {} sự kiện cuối đã được xác nhận: nhật ký dừng ở sự kiện {} nhưng đã ghi tới {}",
                sealed.next_seq - now.next_seq,
                now.next_seq,
                sealed.next_seq
            )));
        }
        let hash_there = if sealed.next_seq == 0 {
            [0; 32]
        } else if now.next_seq == sealed.next_seq {
            now.last_hash
        } else {
            let key = keys::id_key(sealed.next_seq - 1);
            match self.trees.chain.get(key).map_err(|e| self.io_error(e))? {
                Some(v) => match super::record::decode_chain(keys::CHAIN, &key, &v)? {
                    super::record::ChainEnvelope::V1(l) => l.hash,
                    super::record::ChainEnvelope::V2(l) | super::record::ChainEnvelope::V3(l) => {
                        l.hash
                    }
                },
                None => [1; 32],
            }
        };
        if hash_there != sealed.last_hash {
            return Err(lost(format!(
                "sự kiện thứ {} khác với lúc đã ghi",
                sealed.next_seq
            )));
        }
        Ok(())
    }
}
