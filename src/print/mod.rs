//! Turns documents into PDF, text or CSV bytes and sends them to a file or a printer.
//! PDF comes from typst used as a library with the embedded Liberation Serif fonts
//! ([`pdf`]); text from [`text`] (snapshots, the screen preview); CSV from a document's first
//! table. Printing runs `lp` with its arguments passed directly (never a shell) and only ever
//! sends PDF. May use the file system and processes; must not depend on `store`, `desk` or `tui`.

pub mod lp;
pub mod markup;
pub mod pdf;
pub mod text;

use std::path::{Path, PathBuf};

use crate::calendar::LocalTime;
use crate::report::Document;

pub use lp::{PrintOutcome, send_to_printer};
pub use text::{to_lines, to_lines_width, to_text};

/// Why a document could not be rendered, written or printed (Vietnamese, actionable).
#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    #[error("Không dàn trang được văn bản PDF: {0}")]
    Layout(String),
    #[error("Không ghi được tệp {path}: {reason}")]
    Write { path: String, reason: String },
    /// The output file was refused or could not be written (the message names it).
    #[error("{0}")]
    File(String),
    #[error("Văn bản này không có bảng số liệu để xuất CSV.")]
    NoTable,
    #[error("Không xuất được CSV: {0}")]
    Csv(String),
}

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    Pdf,
    Text,
    Csv,
}

impl Format {
    /// The format a file name's extension asks for (`.pdf`, `.txt`, `.csv`), if any.
    pub(crate) fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "pdf" => Some(Format::Pdf),
            "txt" | "text" => Some(Format::Text),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }
}

/// The document as PDF bytes.
pub fn to_pdf(doc: &Document) -> Result<Vec<u8>, PrintError> {
    pdf::markup_to_pdf(&markup::to_markup(doc))
}

/// The document's first table as CSV (UTF-8 with a byte-order mark, so spreadsheet programs
/// read the Vietnamese correctly); the header row joins group and column titles. No cell can
/// run as a formula: control characters are shown as symbols and a leading `=`, `+`, `-`, `@`
/// is neutralised with `'` (OWASP's rule for CSV injection).
pub fn to_csv(doc: &Document) -> Result<Vec<u8>, PrintError> {
    let table = doc.first_table().ok_or(PrintError::NoTable)?;
    let mut titles = Vec::with_capacity(table.columns.len());
    let mut i = 0;
    let groups: Vec<(String, usize)> = if table.groups.is_empty() {
        table.columns.iter().map(|_| (String::new(), 1)).collect()
    } else {
        table
            .groups
            .iter()
            .map(|g| (g.title.clone(), g.span))
            .collect()
    };
    for (group, span) in groups {
        for c in table.columns.iter().skip(i).take(span) {
            titles.push(match (span, group.is_empty()) {
                (1, false) => group.clone(),
                (_, true) => c.title.clone(),
                _ => format!("{group} - {}", c.title),
            });
        }
        i += span;
    }
    let mut w = csv::Writer::from_writer(vec![0xEF, 0xBB, 0xBF]);
    let err = |e: csv::Error| PrintError::Csv(e.to_string());
    let cell = |c: &str| -> String {
        let one_line = c.replace('\n', " ");
        crate::text::csv_cell(&crate::text::printable(&one_line)).into_owned()
    };
    w.write_record(titles.iter().map(|t| cell(t)))
        .map_err(err)?;
    for r in &table.rows {
        w.write_record(r.cells.iter().map(|c| cell(c)))
            .map_err(err)?;
    }
    w.into_inner().map_err(|e| PrintError::Csv(e.to_string()))
}

/// Renders `doc` in `format`.
pub(crate) fn render(doc: &Document, format: Format) -> Result<Vec<u8>, PrintError> {
    match format {
        Format::Pdf => to_pdf(doc),
        Format::Text => Ok(to_text(doc).into_bytes()),
        Format::Csv => to_csv(doc),
    }
}

/// Writes bytes to `path`, naming the file in the error: private (0600, missing folders 0700,
/// whatever the umask: a printout holds ID numbers and phones), through a temporary file in the
/// same folder and an atomic rename, and never over anything that is not a regular file (a
/// device, a FIFO, a folder, a link to one): see [`crate::files::write_atomic`].
pub(crate) fn write_file(path: &Path, bytes: &[u8]) -> Result<(), PrintError> {
    crate::files::write_atomic(path, bytes).map_err(|e| PrintError::File(e.to_string()))
}

/// Where a printout went.
#[derive(Debug)]
pub struct Printed {
    /// The PDF, kept whatever the printer did.
    pub path: PathBuf,
    /// What `lp` did; `None` when no printer queue is set.
    pub printer: Option<PrintOutcome>,
}

impl Printed {
    /// A Vietnamese sentence for the screen: where the file is and what the printer did.
    pub fn message(&self) -> String {
        match &self.printer {
            Some(outcome) => outcome.message(&self.path),
            None => format!("Đã lưu {} (chưa cài đặt máy in).", self.path.display()),
        }
    }
}

/// Writes `doc` as PDF to `<folder>/<stem>-<YYYYMMDD-HHMM>.pdf` (stamped with `now`), then
/// sends it to `lp` when a printer queue is named. The file is kept either way; a printer
/// problem is reported in [`Printed::printer`], not as an error.
pub fn print_to_folder(
    doc: &Document,
    stem: &str,
    printer: Option<&str>,
    folder: &Path,
    now: LocalTime,
) -> Result<Printed, PrintError> {
    let name = format!("{}-{}.pdf", safe_file_name(stem), now.format("%Y%m%d-%H%M"));
    let path = folder.join(name);
    let printer = print_document(doc, &path, printer)?;
    Ok(Printed { path, printer })
}

/// Writes `doc` as PDF to `path`, then sends it to `queue` if one is given.
pub(crate) fn print_document(
    doc: &Document,
    path: &Path,
    queue: Option<&str>,
) -> Result<Option<PrintOutcome>, PrintError> {
    write_file(path, &to_pdf(doc)?)?;
    Ok(queue.map(|q| send_to_printer(q, path, doc.paper)))
}

/// A code made safe for a file name (letters, digits, `.`, `-`, `_`).
pub(crate) fn safe_file_name(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect()
}
