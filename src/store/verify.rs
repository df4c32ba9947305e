//! `verify`: walks the event chain and every index against the records and reports each break
//! or mismatch in Vietnamese. Read-only. Memory stays bounded by one counter per dossier: index
//! trees are checked by looking up every expected entry and comparing entry counts.

use std::collections::HashMap;

use super::chain::{head_events, link_hash_v1, link_hash_v2, link_hash_v3, parse_head};
use super::keys::{self, meta};
use super::record;
use super::record::ChainEnvelope;
use super::{Store, StoreError};
use crate::domain::{Dossier, DossierId, ReceiptFacts};

/// At most this many problems are listed (the count of all is still reported).
const MAX_LISTED: usize = 50;

/// What `verify` found.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct Report {
    pub dossiers: u64,
    pub(crate) events: u64,
    /// Human-readable problems (at most 50 listed).
    pub problems: Vec<String>,
    /// How many problems in all.
    pub(crate) problem_count: u64,
    /// The chain's head ("mã kiểm chứng sổ"); `None` when the chain could not be walked.
    #[serde(default)]
    pub(crate) head: Option<super::anchor::Anchor>,
}

impl Report {
    pub fn is_consistent(&self) -> bool {
        self.problem_count == 0
    }

    fn problem(&mut self, text: String) {
        self.problem_count += 1;
        if self.problems.len() < MAX_LISTED {
            self.problems.push(text);
        }
    }
}

impl Store {
    /// Checks the chain, every index, the code index and the meta sequences. An unreadable
    /// record is reported as a problem, not an error; `Err` means the store could not be read
    /// at all.
    pub fn verify(&self) -> Result<Report, StoreError> {
        let mut report = Report::default();
        let links = self.verify_chain(&mut report)?;
        self.verify_records(&links, &mut report)?;
        self.verify_tallies(&mut report)?;
        self.verify_catalogue(&mut report)?;
        report.head = self.anchor().ok();
        Ok(report)
    }

    /// Recomputes the per-day tallies from the records and compares them with the tree (only
    /// when the store has a tallier and the tallies are marked exact; otherwise the next open
    /// rebuilds them anyway). A notice file changed since the tallies were written shows here.
    fn verify_tallies(&self, report: &mut Report) -> Result<(), StoreError> {
        let Some(tallier) = self.tallier.clone() else {
            return Ok(());
        };
        let mark = self.trees.meta.get(meta::TALLY_LAYOUT);
        if mark.map_err(|e| self.io_error(e))?.as_deref() != Some(&self.tally_mark[..]) {
            return Ok(());
        }
        let mut want = self.recompute_tallies(&tallier)?;
        let mut wrong = 0u64;
        for item in self.trees.tallies.iter() {
            let (k, v) = item.map_err(|e| self.io_error(e))?;
            let stored = super::tally::decode(&k, &v).map(|t| t.counts);
            if want.remove(k.as_ref()) != stored {
                wrong += 1;
            }
        }
        wrong += want.len() as u64;
        if wrong > 0 {
            report.problem(format!(
                "{wrong} bảng đếm theo ngày không khớp với hồ sơ (báo cáo kỳ và báo cáo cuối \
                 ngày có thể sai). Hãy khôi phục từ bản sao lưu gần nhất."
            ));
        }
        Ok(())
    }

    /// Decodes every catalogue record: a damaged one (found by fuzzing a resealed backup)
    /// would otherwise pass a restore and stop the desk at its next open.
    fn verify_catalogue(&self, report: &mut Report) -> Result<(), StoreError> {
        for item in self.trees.catalogue.iter() {
            let (k, v) = item.map_err(|e| self.io_error(e))?;
            if let Err(e) = record::decode_procedure(keys::CATALOGUE, &k, &v) {
                report.problem(e.to_string());
            }
        }
        Ok(())
    }

    /// Walks the chain; returns the number of links per dossier.
    fn verify_chain(&self, report: &mut Report) -> Result<HashMap<u64, u32>, StoreError> {
        let mut links: HashMap<u64, u32> = HashMap::new();
        let mut prev = [0u8; 32];
        let mut expected_seq = 0u64;
        let mut cached: Option<Dossier> = None;
        for item in self.trees.chain.iter() {
            let (k, v) = item.map_err(|e| self.io_error(e))?;
            let seq = keys::id_suffix(&k).unwrap_or(u64::MAX);
            if seq != expected_seq || k.len() != 8 {
                report.problem(format!(
                    "Chuỗi sự kiện bị đứt ở mắt xích số {expected_seq}."
                ));
                expected_seq = seq;
            }
            expected_seq = expected_seq.wrapping_add(1);
            let link = match record::decode_chain(keys::CHAIN, &k, &v) {
                Ok(l) => l,
                Err(e) => {
                    report.problem(e.to_string());
                    continue;
                }
            };
            let (dossier, link_prev, hash) = match &link {
                ChainEnvelope::V1(l) => (l.dossier, l.prev, l.hash),
                ChainEnvelope::V2(l) | ChainEnvelope::V3(l) => (l.dossier, l.prev, l.hash),
            };
            if link_prev != prev {
                report.problem(format!("Mắt xích {seq} không nối với mắt xích trước nó."));
            }
            prev = hash;
            if cached.as_ref().is_none_or(|d| d.id.0 != dossier) {
                cached = match self.get(DossierId(dossier)) {
                    Ok(d) => d,
                    Err(e) => {
                        report.problem(e.to_string());
                        None
                    }
                };
            }
            let covered = links.entry(dossier).or_insert(0);
            let d = cached.as_ref();
            let (ok, first) = check_link(&link, seq, d, covered, report);
            if !ok {
                report.problem(format!(
                    "Sự kiện thứ {first} của hồ sơ số {dossier} đã bị sửa, mất hoặc sai thứ tự \
                     (mắt xích {seq} không khớp)."
                ));
            }
        }
        let head = self
            .trees
            .meta
            .get(meta::CHAIN_HEAD)
            .map_err(|e| self.io_error(e))?;
        let (next, hash) = head.as_ref().map(|h| parse_head(h)).unwrap_or((0, [0; 32]));
        if next != expected_seq || hash != prev {
            report.problem("Đầu chuỗi sự kiện không khớp với mắt xích cuối.".to_owned());
        }
        // The count reports print with the head must be the chain's own.
        if let Some(kept) = head.as_ref().and_then(|h| head_events(h))
            && kept != report.events
        {
            report.problem(format!(
                "Đầu chuỗi sự kiện ghi {kept} sự kiện nhưng chuỗi phủ {} sự kiện.",
                report.events
            ));
        }
        Ok(links)
    }

    fn verify_records(
        &self,
        links: &HashMap<u64, u32>,
        report: &mut Report,
    ) -> Result<(), StoreError> {
        let mut expected: HashMap<&'static str, u64> = HashMap::new();
        let mut max_id = 0;
        let mut day_seq: HashMap<chrono::NaiveDate, u64> = HashMap::new();
        let mut names = super::name_index::NameSum::default();
        for item in self.trees.dossiers.iter() {
            let (k, v) = item.map_err(|e| self.io_error(e))?;
            report.dossiers += 1;
            let d = match record::decode_dossier(keys::DOSSIERS, &k, &v) {
                Ok(d) => d,
                Err(e) => {
                    report.problem(e.to_string());
                    continue;
                }
            };
            if k.as_ref() != keys::id_key(d.id.0) {
                report.problem(format!("Hồ sơ {} nằm sai khóa.", d.code.as_str()));
            }
            max_id = max_id.max(d.id.0);
            if d.id.0 > super::MAX_DOSSIER_ID {
                report.problem(format!(
                    "Hồ sơ {} có số (id) {} ngoài khoảng của sổ.",
                    d.code.as_str(),
                    d.id.0
                ));
            }
            // The sequence is keyed by the full year of receipt, as `insert_keyed` keys it (the
            // code's two-digit year alone would read 1970 as 2070).
            if let Some(parts) = d.code.parts() {
                let s = day_seq.entry(d.received_at.date()).or_insert(0);
                *s = (*s).max(u64::from(parts.seq));
            }
            if !super::write::code_carries_day(&d) {
                report.problem(format!(
                    "Mã hồ sơ {} không khớp ngày tiếp nhận {}.",
                    d.code.as_str(),
                    d.received_at.format("%d/%m/%Y")
                ));
            }
            if links.get(&d.id.0).copied().unwrap_or(0) as usize != d.events.len() {
                report.problem(format!(
                    "Hồ sơ {} có {} sự kiện nhưng chuỗi niêm phong {}.",
                    d.code.as_str(),
                    d.events.len(),
                    links.get(&d.id.0).copied().unwrap_or(0)
                ));
            }
            self.verify_entries(&d, &mut expected, report)?;
            for t in super::postings::tokens(&d.applicant.name) {
                names.add(t.as_bytes(), d.id.0);
            }
        }
        for problem in self.verify_name_index(names)? {
            report.problem(problem);
        }
        for (name, tree) in self.index_trees() {
            let want = expected.get(name).copied().unwrap_or(0);
            let have = tree.len() as u64;
            if want != have {
                report.problem(format!(
                    "Chỉ mục {name} có {have} mục, các hồ sơ cần {want}: thừa mục lạc."
                ));
            }
        }
        if self.trees.by_code.len() as u64 != report.dossiers {
            report.problem("Chỉ mục mã hồ sơ có số mục khác số hồ sơ.".to_owned());
        }
        self.verify_meta(report, max_id, &day_seq)
    }

    fn index_trees(&self) -> Vec<(&'static str, &sled::Tree)> {
        [
            keys::BY_STATUS_DUE,
            keys::BY_RECEIVED,
            keys::BY_RESOLVED,
            keys::BY_HANDED_BACK,
            keys::ID_NUMBERS,
            keys::PHONES,
        ]
        .into_iter()
        .filter_map(|n| self.trees.index(n).map(|t| (n, t)))
        .collect()
    }

    fn verify_entries(
        &self,
        d: &Dossier,
        expected: &mut HashMap<&'static str, u64>,
        report: &mut Report,
    ) -> Result<(), StoreError> {
        let code = self.id_by_code(d.code.as_str())?;
        if code != Some(d.id) {
            report.problem(format!("Mã {} không trỏ đúng hồ sơ.", d.code.as_str()));
        }
        for (name, key, value) in keys::index_entries(d) {
            *expected.entry(name).or_insert(0) += 1;
            let Some(tree) = self.trees.index(name) else {
                continue;
            };
            match tree.get(&key).map_err(|e| self.io_error(e))? {
                None => report.problem(format!(
                    "Chỉ mục {name} thiếu mục của hồ sơ {}.",
                    d.code.as_str()
                )),
                Some(v) if v.as_ref() != value.as_slice() => report.problem(format!(
                    "Chỉ mục {name} sai giá trị cho hồ sơ {}.",
                    d.code.as_str()
                )),
                Some(_) => {}
            }
        }
        Ok(())
    }

    fn verify_meta(
        &self,
        report: &mut Report,
        max_id: u64,
        day_seq: &HashMap<chrono::NaiveDate, u64>,
    ) -> Result<(), StoreError> {
        let counter = |key: &str| -> Result<u64, StoreError> {
            let v = self.trees.meta.get(key).map_err(|e| self.io_error(e))?;
            Ok(v.and_then(|b| <[u8; 8]>::try_from(b.as_ref()).ok())
                .map(u64::from_be_bytes)
                .unwrap_or(0))
        };
        if report.dossiers > 0 && counter(meta::NEXT_ID)? <= max_id {
            report.problem("Số hồ sơ kế tiếp không lớn hơn số lớn nhất đã cấp.".to_owned());
        }
        if counter(meta::DOSSIER_COUNT)? != report.dossiers {
            report.problem("Bộ đếm số hồ sơ không khớp.".to_owned());
        }
        for (day, seq) in day_seq {
            if counter(&meta::code_seq(*day))? < *seq {
                report.problem(format!(
                    "Số thứ tự mã hồ sơ ngày {} thấp hơn mã đã cấp: mã có thể bị cấp lại.",
                    day.format("%d/%m/%Y")
                ));
            }
        }
        Ok(())
    }
}

/// Whether `link` (number `seq`) hashes the events of `d` it claims and extends what is
/// already covered of its dossier (`covered`, advanced here), and the 1-based number of the
/// first event it covers.
fn check_link(
    link: &ChainEnvelope,
    seq: u64,
    d: Option<&Dossier>,
    covered: &mut u32,
    report: &mut Report,
) -> (bool, u32) {
    match link {
        ChainEnvelope::V1(l) => {
            let ok = d
                .and_then(|d| record::event_bytes_v1(d, l.index as usize))
                .is_some_and(|bytes| {
                    link_hash_v1(&l.prev, seq, l.dossier, l.index, &bytes) == l.hash
                });
            let in_order = l.index == *covered;
            *covered += 1;
            report.events += 1;
            (ok && in_order, l.index + 1)
        }
        ChainEnvelope::V2(l) | ChainEnvelope::V3(l) => {
            let hash = match link {
                ChainEnvelope::V3(_) => link_hash_v3,
                _ => link_hash_v2,
            };
            let ok = d.is_some_and(|d| {
                let receipt = ReceiptFacts::at_intake(d);
                hash(&l.prev, seq, d, l.index, l.count, &receipt) == Some(l.hash)
            });
            // A link extends what is covered, or (once, at the upgrade from layout 1)
            // covers again every event covered so far.
            let in_order =
                l.count > 0 && (l.index == *covered || (l.index == 0 && l.count == *covered));
            if l.index == *covered {
                *covered += l.count;
                report.events += u64::from(l.count);
            }
            (ok && in_order, l.index + 1)
        }
    }
}
