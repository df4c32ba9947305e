//! Moving the ledger in and out: JSONL export/import (a lossless round trip: export → import
//! into an empty directory → export gives the same bytes), CSV export for spreadsheets,
//! catalogue replacement, and `verify`.
//!
//! JSONL: one dossier per line, serde's JSON of [`Dossier`], in id order. The import streams
//! (see [`import`]): it checks every line first; any bad line refuses the whole file (each
//! reported with its line number) unless `skip_invalid`, then commits in batches of
//! [`IMPORT_BATCH`] dossiers per transaction.

use std::io::Write;

use super::{DeskError, LocalDesk, setup};
use crate::calendar::to_rfc3339;
use crate::domain::{Dossier, Procedure};
use crate::store::Report;

mod import;

pub use import::{IMPORT_BATCH, ImportOutcome, JsonlSource};

fn io(e: std::io::Error) -> DeskError {
    DeskError::Environment(format!("Không ghi được dữ liệu xuất: {e}."))
}

/// Masks personal numbers for an export that leaves the office: every digit of the ID number
/// and phone but the last three becomes `*` — every digit by meaning (`char::is_numeric`:
/// full-width `０`, Arabic-Indic `٠`, circled `①`…), not only ASCII ones, since data imported
/// before the input rules normalised them may hold such digits —, and an e-mail keeps its
/// first letter and domain (`n***@example.vn`). Names and addresses stay (a register needs
/// them).
pub fn mask_personal(mut d: Dossier) -> Dossier {
    fn digits(s: &str) -> String {
        let total = s.chars().filter(|c| c.is_numeric()).count();
        let mut seen = 0;
        s.chars()
            .map(|c| {
                if !c.is_numeric() {
                    return c;
                }
                seen += 1;
                if seen + 3 > total { c } else { '*' }
            })
            .collect()
    }
    let a = &mut d.applicant;
    a.id_number = digits(&a.id_number);
    a.phone = digits(&a.phone);
    if let Some((user, domain)) = a.email.split_once('@') {
        let first: String = user.chars().take(1).collect();
        a.email = format!("{first}***@{domain}");
    } else if !a.email.is_empty() {
        a.email = "***".to_owned();
    }
    d
}

/// A stored value as a CSV cell for a spreadsheet: control characters shown as symbols, and
/// a leading `=`, `+`, `-`, `@` neutralised (OWASP), so no cell runs as a formula.
fn spreadsheet_cell(value: &str) -> String {
    crate::text::csv_cell(&crate::text::printable(value)).into_owned()
}

impl LocalDesk {
    /// Writes every dossier as one JSON line, in id order; returns how many.
    pub fn export_jsonl(&self, out: &mut dyn Write) -> Result<u64, DeskError> {
        self.export_jsonl_masked(out, false)
    }

    /// [`LocalDesk::export_jsonl`], with ID numbers, phones and e-mails masked when `mask` (see
    /// [`mask_personal`]); a masked export is for sharing, not for re-import.
    pub(crate) fn export_jsonl_masked(
        &self,
        out: &mut dyn Write,
        mask: bool,
    ) -> Result<u64, DeskError> {
        let mut n = 0;
        let mut failed = None;
        self.store
            .for_each_dossier(|d| {
                let d = if mask { mask_personal(d) } else { d };
                let line = serde_json::to_string(&d).expect("a dossier serialises to JSON");
                if let Err(e) = writeln!(out, "{line}") {
                    failed = Some(e);
                    return Err(crate::store::StoreError::Rejected(String::new()));
                }
                n += 1;
                Ok(())
            })
            .map_err(|e| match failed.take() {
                Some(io_err) => io(io_err),
                None => DeskError::from_store(e),
            })?;
        Ok(n)
    }

    /// Writes one CSV row per dossier (a spreadsheet view; not importable), masked like
    /// [`LocalDesk::export_jsonl_masked`] when `mask`. No cell can run as a formula (see
    /// `spreadsheet_cell`).
    pub(crate) fn export_csv_masked(
        &self,
        out: &mut dyn Write,
        mask: bool,
    ) -> Result<u64, DeskError> {
        let mut w = csv::Writer::from_writer(out);
        let header = [
            "ma_ho_so",
            "tiep_nhan",
            "ma_thu_tuc",
            "thu_tuc",
            "linh_vuc",
            "nguoi_nop",
            "so_dinh_danh",
            "dien_thoai",
            "dia_chi",
            "kenh",
            "trang_thai",
            "han_tra",
            "hen_lai",
            "so_su_kien",
        ];
        w.write_record(header).map_err(|e| io(e.into()))?;
        let mut n = 0;
        let mut failed = None;
        self.store
            .for_each_dossier(|d| {
                let d = if mask { mask_personal(d) } else { d };
                let row = [
                    d.code.as_str().to_owned(),
                    to_rfc3339(d.received_at),
                    d.procedure.0.clone(),
                    d.procedure_name.clone(),
                    d.field.clone(),
                    d.applicant.name.clone(),
                    d.applicant.id_number.clone(),
                    d.applicant.phone.clone(),
                    d.applicant.address.clone(),
                    d.channel.label().to_owned(),
                    d.status.label().to_owned(),
                    to_rfc3339(d.due_at),
                    d.new_due_at.map(to_rfc3339).unwrap_or_default(),
                    d.events.len().to_string(),
                ];
                let row = row.iter().map(|c| spreadsheet_cell(c));
                if let Err(e) = w.write_record(row) {
                    failed = Some(e);
                    return Err(crate::store::StoreError::Rejected(String::new()));
                }
                n += 1;
                Ok(())
            })
            .map_err(|e| match failed.take() {
                Some(csv_err) => io(csv_err.into()),
                None => DeskError::from_store(e),
            })?;
        w.flush().map_err(io)?;
        Ok(n)
    }

    /// Replaces the catalogue (already validated by `domain::parse_catalogue_csv`). Dossiers
    /// keep the procedure data copied at their intake.
    pub(super) fn put_catalogue(&self, mut procedures: Vec<Procedure>) -> Result<(), DeskError> {
        if procedures.is_empty() {
            return Err(DeskError::Rule(
                "Danh mục mới không có thủ tục nào; giữ nguyên danh mục cũ.".to_owned(),
            ));
        }
        self.store
            .put_catalogue(&procedures)
            .map_err(DeskError::from_store)?;
        setup::sort_catalogue(&mut procedures);
        *self
            .catalogue
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = procedures;
        Ok(())
    }

    /// What the last acknowledged write spent in sled's `flush()` and in the explicit syncs.
    pub fn last_write_timings(&self) -> crate::store::Timings {
        self.store.last_timings()
    }

    /// Walks the event chain and every index against the records.
    pub fn verify(&self) -> Result<Report, DeskError> {
        self.store.verify().map_err(DeskError::from_store)
    }
}
