//! Pure functions from dossiers to documents: the forms of RULES.md §3 (receipt, supplement
//! request, refusal, apology letter, stop notice, control sheet, register), the end-of-day
//! summary and the period statistics of §9, and the published catalogue. Everything here is a
//! value computed from dossiers, the [`Letterhead`] and the calendar, with `now` passed in; no
//! files, no clock, no printer (`print` renders and sends). Must not depend on `store`, `desk`,
//! `print` or `tui`.

pub mod day;
pub mod document;
pub mod forms;
pub mod letterhead;
pub mod period;
pub mod posted;
pub mod register;
pub mod sheets;

pub use document::{Align, Block, Column, Document, Group, Header, Paper, Row, Signature, Table};
pub use letterhead::{Form, FormSet, Letterhead, Letterheads};

use crate::domain::Dossier;

/// Why a document cannot be built; the message says so in Vietnamese.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReportError {
    /// The dossier has no event the form records (e.g. a refusal form for a dossier never
    /// refused).
    #[error("Hồ sơ {code} {what}, không in được phiếu này.")]
    Missing { code: String, what: String },
    /// A date range that ends before it starts.
    #[error("Khoảng thời gian không hợp lệ: ngày bắt đầu {from} sau ngày kết thúc {to}.")]
    BadRange { from: String, to: String },
}

impl ReportError {
    pub(crate) fn missing(d: &Dossier, what: &str) -> ReportError {
        ReportError::Missing {
            code: d.code.as_str().to_owned(),
            what: what.to_owned(),
        }
    }
}
