//! Streaming JSONL import: the file is read line by line twice, never held whole.
//!
//! 1. **Checking pass**: every line is parsed and checked ([`check_dossier`]: no unknown
//!    JSON field, every field by the intake's rules, ids within the ledger's range, instants
//!    within the clock window); ids and codes repeated inside the file are found with compact
//!    sets (ids as `u64`, codes as 128-bit digests); a dossier whose code is already in the
//!    store is refused. With any bad line and no `skip_invalid`, nothing is written and the
//!    refusal lists the bad lines by number. The file's ids are kept only into an empty
//!    ledger; into one that holds dossiers, the store gives each the next free id.
//! 2. **Importing pass**: the lines are read again and the good ones committed in batches of
//!    [`IMPORT_BATCH`] dossiers, one all-or-nothing, durable store transaction per batch, with
//!    `progress(done, total)` after each.
//!
//! Each pass reads and parses on a second thread while the calling thread checks against the
//! sets and the store, or commits ([`parse_lines`]). Memory stays flat whatever the file size:
//! a few chunks of parsed lines, one batch, and the two sets (about 50 bytes per dossier).
//! Depends on `store` and `domain` only through [`LocalDesk`].

use std::collections::HashSet;
use std::io::{BufRead, Read};
use std::path::Path;

use sha2::{Digest, Sha256};

use super::super::{DeskError, LocalDesk};
use crate::domain::{Dossier, DossierCode, EventKind, check_imported};
use crate::store::{ClockWindow, MAX_DOSSIER_ID};
use crate::text::printable;

/// Dossiers per import transaction (DEPENDENCIES.md: 100–1 000 keeps files compact).
pub const IMPORT_BATCH: usize = 500;
/// At most this many line errors are spelled out in a refusal.
const LISTED_ERRORS: usize = 20;
/// Read buffer for a file source.
const READ_BUFFER: usize = 1 << 20;

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportOutcome {
    pub imported: u64,
    /// Lines skipped (with `skip_invalid`): 1-based line number and why.
    pub skipped: Vec<(u64, String)>,
}

/// JSONL the import can read from the start more than once (it reads it twice, on a second
/// thread: see [`parse_lines`]).
pub trait JsonlSource: Sync {
    /// A reader positioned at the first byte.
    fn reader(&self) -> Result<Box<dyn BufRead + '_>, DeskError>;
}

impl JsonlSource for str {
    fn reader(&self) -> Result<Box<dyn BufRead + '_>, DeskError> {
        Ok(Box::new(self.as_bytes()))
    }
}

impl JsonlSource for Path {
    fn reader(&self) -> Result<Box<dyn BufRead + '_>, DeskError> {
        let file = std::fs::File::open(self).map_err(|e| unreadable(self, &e))?;
        Ok(Box::new(std::io::BufReader::with_capacity(
            READ_BUFFER,
            file,
        )))
    }
}

fn unreadable(path: &Path, e: &std::io::Error) -> DeskError {
    DeskError::Rule(format!("Không đọc được tệp {}: {e}.", path.display()))
}

fn read_failed(e: &std::io::Error) -> DeskError {
    DeskError::Rule(format!("Không đọc được tệp nhập: {e}."))
}

/// What a line is checked against besides itself: the settings' satisfaction scale and the
/// store's clock window.
pub(crate) struct LineRules {
    pub(crate) scale: Vec<String>,
    pub(crate) window: ClockWindow,
}

/// Parses one JSON line into a dossier, refusing a key the dossier does not have (a misspelt
/// or foreign field would otherwise be dropped silently).
fn parse_dossier(line: &str) -> Result<Dossier, String> {
    let mut unknown = Vec::new();
    let mut de = serde_json::Deserializer::from_str(line);
    let d: Dossier = serde_ignored::deserialize(&mut de, |path| unknown.push(path.to_string()))
        .map_err(|e| format!("không đọc được hồ sơ ({e})"))?;
    de.end()
        .map_err(|e| format!("không đọc được hồ sơ ({e})"))?;
    if let Some(first) = unknown.first() {
        return Err(format!(
            "có trường không biết «{first}» (tệp không phải do motcua xuất, hoặc đã bị sửa)"
        ));
    }
    Ok(d)
}

/// The checked, normalised dossier, or why it cannot be taken (without the other lines or the
/// store).
fn check_dossier(d: Dossier, rules: &LineRules) -> Result<Dossier, String> {
    if d.id.0 == 0 || d.id.0 > MAX_DOSSIER_ID {
        return Err(format!(
            "số hồ sơ (id) {} ngoài khoảng 1–{MAX_DOSSIER_ID} của sổ",
            d.id.0
        ));
    }
    if DossierCode::parse(d.code.as_str()).as_ref() != Some(&d.code) {
        return Err(format!(
            "mã hồ sơ «{}» sai dạng",
            printable(d.code.as_str())
        ));
    }
    match d.events.first() {
        Some(e) if e.kind == EventKind::Received => {}
        _ => return Err("sự kiện đầu tiên phải là tiếp nhận".to_owned()),
    }
    if d.events.windows(2).any(|w| w[1].at < w[0].at) {
        return Err("các sự kiện không theo thứ tự thời gian".to_owned());
    }
    if let Err(e) = rules.window.check(&d, 0) {
        return Err(e.to_string());
    }
    let expected_day = d.received_at.format("%y%m%d").to_string();
    if d.code
        .parts()
        .map(|p| p.received.format("%y%m%d").to_string())
        != Some(expected_day)
    {
        return Err(format!(
            "mã hồ sơ {} không khớp ngày tiếp nhận {}",
            d.code.as_str(),
            d.received_at.format("%d/%m/%Y")
        ));
    }
    check_imported(d, &rules.scale).map_err(|e| e.to_string())
}

/// A line of the source: its 1-based number and its text, `None` for a blank line.
enum Line<'a> {
    Blank,
    Text(&'a str),
    NotUtf8,
    /// Longer than [`crate::files::limits::IMPORT_LINE`]: not read.
    TooLong,
}

/// Reads and drops the rest of a line, a buffer at a time.
fn skip_line(reader: &mut dyn BufRead) -> Result<(), DeskError> {
    loop {
        let chunk = reader.fill_buf().map_err(|e| read_failed(&e))?;
        if chunk.is_empty() {
            return Ok(());
        }
        match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => {
                reader.consume(i + 1);
                return Ok(());
            }
            None => {
                let len = chunk.len();
                reader.consume(len);
            }
        }
    }
}

/// Reads the source line by line (`\n` or `\r\n` endings), calling `f(number, line)`.
fn for_each_line(
    source: &(impl JsonlSource + ?Sized),
    mut f: impl FnMut(u64, Line<'_>) -> Result<(), DeskError>,
) -> Result<(), DeskError> {
    let mut reader = source.reader()?;
    let mut buf = Vec::with_capacity(4096);
    let mut n = 0u64;
    let limit = crate::files::limits::IMPORT_LINE;
    loop {
        buf.clear();
        // At most `limit` + 1 bytes of one line are held; the rest of a longer line is skipped.
        if (&mut reader)
            .take(limit + 1)
            .read_until(b'\n', &mut buf)
            .map_err(|e| read_failed(&e))?
            == 0
        {
            return Ok(());
        }
        n += 1;
        if buf.len() as u64 > limit {
            skip_line(&mut reader)?;
            f(n, Line::TooLong)?;
            continue;
        }
        let mut bytes = &buf[..];
        if let Some(rest) = bytes.strip_suffix(b"\n") {
            bytes = rest.strip_suffix(b"\r").unwrap_or(rest);
        }
        let line = match std::str::from_utf8(bytes) {
            Ok(s) if s.trim().is_empty() => Line::Blank,
            Ok(s) => Line::Text(s),
            Err(_) => Line::NotUtf8,
        };
        f(n, line)?;
    }
}

/// A non-blank line, parsed and checked on its own (without the other lines or the store).
enum Parsed {
    Good(Box<Dossier>),
    /// Why the line cannot be imported.
    Bad(String),
}

impl Parsed {
    fn of(line: &str, rules: &LineRules) -> Parsed {
        match parse_dossier(line).and_then(|d| check_dossier(d, rules)) {
            Ok(d) => Parsed::Good(Box::new(d)),
            Err(why) => Parsed::Bad(why),
        }
    }
}

/// Lines handed from the parsing thread to the caller's at a time.
const PARSED_CHUNK: usize = 256;
type Chunk = Result<Vec<(u64, Parsed)>, DeskError>;

/// Reads, parses and checks the source's lines on a second thread (JSON parsing is a good part
/// of an import's work, and the machine has two cores) while `consume(number, parsed)` runs on
/// the caller's, in line order. Blank lines and the numbers in `skip` (increasing) are left out.
/// A few chunks are in flight at most, so memory stays flat. When `consume` fails, the reading
/// stops and its error is returned.
fn parse_lines<S: JsonlSource + ?Sized>(
    source: &S,
    rules: &LineRules,
    skip: &[u64],
    mut consume: impl FnMut(u64, Parsed) -> Result<(), DeskError>,
) -> Result<(), DeskError> {
    std::thread::scope(|scope| {
        let (sender, receiver) = std::sync::mpsc::sync_channel::<Chunk>(4);
        scope.spawn(move || {
            let mut chunk = Vec::with_capacity(PARSED_CHUNK);
            let mut skip = skip.iter().copied().peekable();
            let read = for_each_line(source, |n, line| {
                if skip.next_if_eq(&n).is_some() {
                    return Ok(());
                }
                let parsed = match line {
                    Line::Blank => return Ok(()),
                    Line::Text(t) => Parsed::of(t, rules),
                    Line::NotUtf8 => Parsed::Bad("dòng không phải văn bản UTF-8".to_owned()),
                    Line::TooLong => Parsed::Bad(format!(
                        "dòng dài quá {} byte",
                        crate::files::limits::IMPORT_LINE
                    )),
                };
                chunk.push((n, parsed));
                if chunk.len() == PARSED_CHUNK {
                    let full = std::mem::replace(&mut chunk, Vec::with_capacity(PARSED_CHUNK));
                    // The caller stopped listening: stop reading (its own error is returned).
                    sender
                        .send(Ok(full))
                        .map_err(|_| DeskError::Rule(String::new()))?;
                }
                Ok(())
            });
            let last = match read {
                Ok(()) => Ok(chunk),
                Err(e) => Err(e),
            };
            let _ = sender.send(last);
        });
        for chunk in receiver {
            for (n, parsed) in chunk? {
                consume(n, parsed)?;
            }
        }
        Ok(())
    })
}

/// A 128-bit digest of a code: equal codes give equal digests, so no repeat is missed; two
/// different codes sharing one is beyond any real file (2^-128 per pair).
fn code_digest(code: &str) -> u128 {
    let h = Sha256::digest(code.as_bytes());
    let mut first = [0u8; 16];
    first.copy_from_slice(&h[..16]);
    u128::from_be_bytes(first)
}

/// What the checking pass learnt.
struct Checked {
    /// Bad lines in increasing line order, with why.
    bad: Vec<(u64, String)>,
    /// Code digests of the good lines.
    codes: HashSet<u128>,
    /// Whether the dossiers keep the file's ids: only into an empty ledger (a lossless round
    /// trip); into a ledger that holds dossiers, the store gives each the next free id.
    keep_ids: bool,
}

impl LocalDesk {
    /// Imports JSONL held in memory (tests, small files); see [`LocalDesk::import_jsonl_from`].
    pub fn import_jsonl(
        &mut self,
        text: &str,
        skip_invalid: bool,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<ImportOutcome, DeskError> {
        self.import_jsonl_from(text, skip_invalid, progress)
    }

    /// Imports a JSONL export, streaming it twice from `source` (see the module docs). Every
    /// line is checked first; with any bad line nothing is imported (the refusal lists them by
    /// line number) unless `skip_invalid`. Then commits in batches, calling
    /// `progress(done, total)` once before the first and after each.
    pub fn import_jsonl_from(
        &mut self,
        source: &(impl JsonlSource + ?Sized),
        skip_invalid: bool,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<ImportOutcome, DeskError> {
        let checked = self.check_pass(source)?;
        if !checked.bad.is_empty() && !skip_invalid {
            let mut msg = format!(
                "Tệp có {} dòng không hợp lệ, chưa nhập hồ sơ nào (dùng --skip-invalid để bỏ qua \
                 các dòng này):",
                checked.bad.len()
            );
            for (n, why) in checked.bad.iter().take(LISTED_ERRORS) {
                msg.push_str(&format!("\n  Dòng {n}: {why}"));
            }
            return Err(DeskError::Rule(msg));
        }
        let imported = self.import_pass(source, &checked, progress)?;
        Ok(ImportOutcome {
            imported,
            skipped: checked.bad,
        })
    }

    /// Closes and reopens the store (see `Store::reopen`): after a bulk import this moves sled's
    /// one-time log replay into the import and leaves a snapshot, so the next open is fast.
    pub fn reopen(self) -> Result<LocalDesk, DeskError> {
        let mut desk = self;
        desk.store = desk.store.reopen().map_err(DeskError::from_store)?;
        Ok(desk)
    }

    fn line_rules(&self) -> LineRules {
        LineRules {
            scale: self.settings.desk.satisfaction_scale.clone(),
            window: self.store.clock_window(),
        }
    }

    fn check_pass(&self, source: &(impl JsonlSource + ?Sized)) -> Result<Checked, DeskError> {
        let keep_ids = self.store.is_empty();
        let mut bad = Vec::new();
        let mut ids = HashSet::new();
        let mut codes = HashSet::new();
        parse_lines(source, &self.line_rules(), &[], |n, parsed| {
            let mut d = match parsed {
                Parsed::Good(d) => d,
                Parsed::Bad(why) => {
                    bad.push((n, why));
                    return Ok(());
                }
            };
            let code = code_digest(d.code.as_str());
            let problem = if (keep_ids && ids.contains(&d.id.0)) || codes.contains(&code) {
                Some(format!("hồ sơ {} lặp lại trong tệp", d.code.as_str()))
            } else {
                self.settle(&mut d).or_else(|| self.already_stored(&d))
            };
            match problem {
                Some(p) => bad.push((n, p)),
                None => {
                    ids.insert(d.id.0);
                    codes.insert(code);
                }
            }
            Ok(())
        })?;
        Ok(Checked {
            bad,
            codes,
            keep_ids,
        })
    }

    /// Gives an imported dossier the dues its events set (replayed with the calendar where the
    /// line does not carry them: exports written before layout 2) and checks that every fact
    /// of the line follows from its events (`domain::project`); why not, naming the first fact
    /// that does not.
    ///
    /// A due the line carries must be the one this desk's calendar gives for the same events:
    /// a forged due (with a matching `due_at`) is refused. A ledger whose calendar changed
    /// since the export (a new notice file) can therefore refuse honest lines; the message says
    /// which due it expected.
    fn settle(&self, d: &mut Dossier) -> Option<String> {
        let mut by_rules = d.clone();
        for e in &mut by_rules.events {
            e.due = None;
        }
        crate::domain::replay_dues(&mut by_rules, &self.calendar);
        crate::domain::replay_dues(d, &self.calendar);
        let dues = |x: &Dossier| x.events.iter().map(|e| e.due).collect::<Vec<_>>();
        if dues(d) != dues(&by_rules) {
            let at = |t: Option<crate::calendar::LocalTime>| {
                t.map_or("không có".to_owned(), |t| {
                    t.format("%H:%M %d/%m/%Y").to_string()
                })
            };
            let (i, carried, expected) = d
                .events
                .iter()
                .zip(&by_rules.events)
                .enumerate()
                .find(|(_, (a, b))| a.due != b.due)
                .map(|(i, (a, b))| (i + 1, a.due, b.due))
                .unwrap_or((0, None, None));
            return Some(format!(
                "hạn trả ghi ở sự kiện thứ {i} ({}) khác hạn tính theo lịch làm việc của bàn \
                 này ({}): dòng đã bị sửa, hoặc lịch (tệp thông báo nghỉ lễ) đã đổi từ khi xuất",
                at(carried),
                at(expected)
            ));
        }
        let receipt = crate::domain::ReceiptFacts::at_intake(d);
        let projected =
            match crate::domain::project(d.id, d.code.clone(), receipt, d.events.clone()) {
                Ok(p) => p,
                Err(e) => return Some(e),
            };
        let differs = |what: &str| Some(format!("{what} không khớp với diễn biến của hồ sơ"));
        if projected.status != d.status {
            return differs("trạng thái");
        }
        if projected.due_at != d.due_at {
            return differs("hạn trả");
        }
        if projected.new_due_at != d.new_due_at {
            return differs("ngày hẹn lại");
        }
        if projected != *d {
            return differs("thông tin hồ sơ");
        }
        None
    }

    /// Why `d` collides with the store (`None` when its code is new; its id is not looked at:
    /// into a ledger that holds dossiers the store renumbers it).
    fn already_stored(&self, d: &Dossier) -> Option<String> {
        match self.store.id_by_code(d.code.as_str()) {
            Ok(Some(_)) => Some(format!("hồ sơ {} đã có trong kho", d.code.as_str())),
            Ok(None) => None,
            Err(e) => Some(e.to_string()),
        }
    }

    /// Reads the source again and commits the lines the checking pass found good.
    fn import_pass(
        &mut self,
        source: &(impl JsonlSource + ?Sized),
        checked: &Checked,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<u64, DeskError> {
        let total = checked.codes.len() as u64;
        let mut done = 0;
        let skip: Vec<u64> = checked.bad.iter().map(|(n, _)| *n).collect();
        let mut batch = Vec::with_capacity(IMPORT_BATCH);
        let keep = checked.keep_ids;
        progress(0, total);
        parse_lines(source, &self.line_rules(), &skip, |n, parsed| {
            let mut d = match parsed {
                Parsed::Good(d) if checked.codes.contains(&code_digest(d.code.as_str())) => d,
                _ => return Err(changed(n, done)),
            };
            if self.settle(&mut d).is_some() {
                return Err(changed(n, done));
            }
            batch.push(*d);
            if batch.len() == IMPORT_BATCH {
                self.commit(&mut batch, keep, &mut done, total, progress)?;
            }
            Ok(())
        })?;
        self.commit(&mut batch, keep, &mut done, total, progress)?;
        if done != total {
            return Err(changed(0, done));
        }
        Ok(done)
    }

    fn commit(
        &mut self,
        batch: &mut Vec<Dossier>,
        keep_ids: bool,
        done: &mut u64,
        total: u64,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<(), DeskError> {
        if batch.is_empty() {
            return Ok(());
        }
        let stored = if keep_ids {
            self.store.import(batch)
        } else {
            self.store.import_renumbered(batch)
        };
        stored.map_err(DeskError::from_store)?;
        *done += batch.len() as u64;
        batch.clear();
        progress(*done, total);
        Ok(())
    }
}

/// The source no longer reads as it did in the checking pass (`line` 0: it got shorter).
fn changed(line: u64, done: u64) -> DeskError {
    let at = if line == 0 {
        "tệp ngắn đi".to_owned()
    } else {
        format!("dòng {line} khác lần đọc trước")
    };
    DeskError::Rule(format!(
        "Tệp nhập đã bị thay đổi trong khi đang nhập ({at}); đã nhập trọn vẹn {done} hồ sơ đầu \
         tiên, phần còn lại chưa nhập. Hãy giữ nguyên tệp rồi nhập lại với --skip-invalid để bỏ \
         qua các hồ sơ đã có trong kho."
    ))
}
