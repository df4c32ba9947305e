//! The document value every printout is built as: a page size, an optional official header, a
//! title, and a list of blocks (fields, paragraphs, lists, tables, signatures, a QR code). It is
//! plain data with no knowledge of PDF or terminals; `print` renders it to PDF, text or CSV, and
//! the TUI previews it through `print::text`.

use serde::{Deserialize, Serialize};

/// The paper a document is laid out for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub enum Paper {
    /// 148 × 210 mm, portrait: the forms (Circular 01/2018 Art. 9).
    A5,
    /// 210 × 297 mm, portrait: summaries and the catalogue.
    A4,
    /// 297 × 210 mm: the register and the statistics table (many columns).
    A4Landscape,
}

/// The official two-column header (Decree 30/2020 Art. 8): parent agency and agency with the
/// number on the left; the national motto with the place and date on the right.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Header {
    /// "ĐƠN VỊ CHỦ QUẢN", printed in caps; may be empty.
    pub(crate) parent_agency: String,
    /// The agency, printed in caps (bold when it issues the document itself).
    pub(crate) agency: String,
    /// The unit under the agency that issues the document (e.g. the desk, "BỘ PHẬN TIẾP NHẬN
    /// VÀ TRẢ KẾT QUẢ" or from 01/07/2025 the centre), printed in bold caps; empty for none.
    pub unit: String,
    /// The whole number line, e.g. "Số: 12/PXL" or "Số: ……/TNHS"; empty for none.
    pub(crate) number: String,
    /// "Thanh Sơn, ngày 02 tháng 3 năm 2026", printed in italics.
    pub(crate) place_date: String,
    /// "Mẫu số 01", printed small at the top right; empty for none.
    pub(crate) form_number: String,
}

impl Header {
    /// The header of a document a unit under the agency issues (the desk, a processing unit).
    pub(crate) fn issued_by(mut self, unit: &str) -> Header {
        self.unit = unit.to_owned();
        self
    }
}

/// How a table column is aligned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// One column of a table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Column {
    pub(crate) title: String,
    /// Relative width in the PDF (typst `fr` units).
    pub(crate) weight: u16,
    pub(crate) align: Align,
}

/// A header cell spanning several columns above the column titles (Biểu 06's groups).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Group {
    pub(crate) title: String,
    /// How many columns it spans (≥ 1). A span of 1 merges vertically with the column title.
    pub(crate) span: usize,
}

/// A table whose header repeats on every page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Table {
    /// Optional top header row; when present its spans add up to the number of columns.
    pub(crate) groups: Vec<Group>,
    pub(crate) columns: Vec<Column>,
    /// Print a row "(1) (2) (3) …" under the header (the statistics forms number columns).
    pub(crate) numbered: bool,
    pub rows: Vec<Row>,
}

/// A table row: one cell per column.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(as = DocumentRow)]
pub struct Row {
    pub cells: Vec<String>,
    /// Printed in bold (total rows).
    pub(crate) bold: bool,
}

/// A signature block: the role in bold caps, the hint in italics, space to sign, the name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Signature {
    /// e.g. "NGƯỜI TIẾP NHẬN HỒ SƠ".
    pub(crate) role: String,
    /// e.g. "(Ký và ghi rõ họ tên)"; empty for none.
    pub(crate) hint: String,
    /// The signer's printed name; empty when written by hand.
    pub(crate) name: String,
}

/// One piece of a document's body, in reading order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub enum Block {
    /// "Label: value" on one line (the value wraps).
    Field {
        label: String,
        value: String,
    },
    /// Two fields side by side (e.g. phone and e-mail).
    FieldPair {
        left: (String, String),
        right: (String, String),
    },
    /// A paragraph of running text.
    Paragraph(String),
    /// A paragraph in italics (notes, legal references).
    Note(String),
    /// A bold heading inside the body.
    Heading(String),
    /// A numbered list "1. … 2. …", indented.
    List(Vec<String>),
    Table(Table),
    /// Signature blocks side by side, the last one to the right.
    Signatures(Vec<Signature>),
    /// The payload drawn as a QR code with the text under it.
    Qr(String),
    /// Columns of lines side by side without rules (a statistics form's corner boxes): the
    /// first aligned left, the last right, any between centred.
    Columns(Vec<Vec<String>>),
    /// A line on the right in italics: the place and date a report is made ("Thanh Sơn, ngày
    /// 05 tháng 12 năm 2026").
    DateLine(String),
}

/// A printable document. `copies` repeats the whole document once per label, each copy on its
/// own page(s), the label printed at the top right ("Liên 1: Lưu").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Document {
    pub(crate) paper: Paper,
    pub header: Option<Header>,
    /// Printed centred in bold caps; a `\n` forces a line break (so a two-line title breaks
    /// between whole phrases, never inside one).
    pub(crate) title: String,
    /// Lines centred under the title (e.g. "Mã hồ sơ: …", "Kỳ báo cáo: …").
    pub(crate) subtitle: Vec<String>,
    pub blocks: Vec<Block>,
    /// One label per copy; empty for a single unlabelled copy.
    pub copies: Vec<String>,
    /// Words for the clerk who prints it, never printed (e.g. which catalogue entries are not
    /// verified and were left blank): `motcua print` writes them to stderr; a screen that prints
    /// such a document must show them too (the desk's papers menu has no catalogue yet).
    pub(crate) notices: Vec<String>,
}

impl Document {
    /// The first table of the document (the one CSV export writes), if any.
    pub fn first_table(&self) -> Option<&Table> {
        self.blocks.iter().find_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
    }
}

impl Row {
    pub(crate) fn new(cells: Vec<String>) -> Row {
        Row { cells, bold: false }
    }
    pub(crate) fn bold(cells: Vec<String>) -> Row {
        Row { cells, bold: true }
    }
}

impl Column {
    pub(crate) fn new(title: &str, weight: u16, align: Align) -> Column {
        Column {
            title: title.to_owned(),
            weight,
            align,
        }
    }
}

/// Shorthand for a [`Block::Field`].
pub(crate) fn field(label: &str, value: impl Into<String>) -> Block {
    Block::Field {
        label: label.to_owned(),
        value: value.into(),
    }
}
