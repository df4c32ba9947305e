//! Search over name, code (full, short or the day's sequence), ID number and phone (by prefix
//! or last digits) through the store's text indexes; a page decodes only its own rows. Must not depend on `tui` or `cli`.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::{DeskError, LocalDesk};
use crate::domain::{Dossier, DossierCode};
use crate::store::TextIndex;

/// No cap on the entries a search term reads: a cap taken in index order (text, then id) could
/// drop the newest matches of a common name.
const SEARCH_CAP: usize = usize::MAX;

impl LocalDesk {
    /// Accent-insensitive search over name, code, ID number and phone; at most `limit` results,
    /// newest first. Name words match by prefix and must all match ("ng van an" finds
    /// "Nguyễn Văn An"); a code matches exactly or by prefix; digits match ID numbers and
    /// phones by prefix (from 3 digits).
    ///
    /// What the screens show is found too: the short code of the lists (`261201-0003`, under
    /// the agency's code or the placeholder), the day's sequence (`3` or `0003`: today's on
    /// `today`), and the last digits (from 4) of a phone or an ID number.
    pub(super) fn search_dossiers(
        &self,
        text: &str,
        limit: usize,
        today: NaiveDate,
    ) -> Result<Vec<Dossier>, DeskError> {
        let text = crate::text::nfc(text.trim());
        if text.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let mut hits: BTreeSet<u64> = BTreeSet::new();
        let mut codes: Vec<String> = DossierCode::parse(&text)
            .map(|c| c.as_str().to_owned())
            .into_iter()
            .collect();
        codes.extend(self.short_codes(&text, today));
        for code in codes {
            if let Some(id) = self.store.id_by_code(&code).map_err(Self::env)? {
                hits.insert(id.0);
            }
        }
        let upper = text.to_uppercase();
        if !upper.contains(' ') && upper.len() >= 3 {
            hits.extend(
                self.store
                    .code_prefix_ids(&upper, SEARCH_CAP)
                    .map_err(Self::env)?,
            );
        }
        let digits: String = text.chars().filter(char::is_ascii_digit).collect();
        let only_digits = text
            .chars()
            .all(|c| c.is_ascii_digit() || c == ' ' || c == '.');
        if only_digits && digits.len() >= 3 {
            for index in [TextIndex::IdNumbers, TextIndex::Phones] {
                hits.extend(
                    self.store
                        .prefix_ids(index, &digits, SEARCH_CAP)
                        .map_err(Self::env)?,
                );
                if digits.len() >= 4 {
                    hits.extend(self.store.suffix_ids(index, &digits).map_err(Self::env)?);
                }
            }
        }
        let id_text = crate::store::keys::normal_id_number(&text);
        if !only_digits && id_text.len() >= 3 && !id_text.contains('-') {
            let ids = self
                .store
                .prefix_ids(TextIndex::IdNumbers, &id_text, SEARCH_CAP);
            hits.extend(ids.map_err(Self::env)?);
        }
        hits.extend(self.name_matches(&text, limit)?);
        let ids: Vec<u64> = hits.into_iter().rev().take(limit).collect();
        self.store.get_many(&ids).map_err(Self::env)
    }

    /// The full codes `text` may stand for: a short code `yymmdd-nnnn` under the agency's code
    /// and under the placeholder (dossiers received before the code was set), or a day's
    /// sequence (1 to 4 digits) of `today`.
    fn short_codes(&self, text: &str, today: NaiveDate) -> Vec<String> {
        let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
        let short = match text.split_once('-') {
            Some((day, seq)) if day.len() == 6 && seq.len() == 4 && digits(day) && digits(seq) => {
                format!("{day}-{seq}")
            }
            None if text.len() <= 4 && digits(text) => {
                format!("{}-{text:0>4}", today.format("%y%m%d"))
            }
            _ => return Vec::new(),
        };
        let mut agencies = vec![self.settings.agency.code.clone()];
        if agencies[0] != crate::settings::PLACEHOLDER_AGENCY_CODE {
            agencies.push(crate::settings::PLACEHOLDER_AGENCY_CODE.to_owned());
        }
        agencies
            .into_iter()
            .map(|a| format!("{a}-{short}"))
            .collect()
    }

    /// Ids whose name has, for every word of `text`, a word starting with it. One word: only
    /// the newest `limit` (read from the newest end of the index); several: all of them.
    fn name_matches(&self, text: &str, limit: usize) -> Result<BTreeSet<u64>, DeskError> {
        let tokens = crate::text::tokens(text);
        if let [only] = tokens.as_slice() {
            let ids = self.store.newest_with_prefix(TextIndex::Names, only, limit);
            return Ok(ids.map_err(Self::env)?.into_iter().collect());
        }
        let mut result: Option<Vec<u64>> = None;
        for token in tokens {
            if result.as_ref().is_some_and(Vec::is_empty) {
                break;
            }
            let ids = self
                .store
                .prefix_ids_sorted(TextIndex::Names, &token)
                .map_err(Self::env)?;
            result = Some(match result {
                None => ids,
                Some(r) => intersect(&r, &ids),
            });
        }
        Ok(result.unwrap_or_default().into_iter().collect())
    }
}

/// The ids in both ascending lists, ascending.
fn intersect(a: &[u64], b: &[u64]) -> Vec<u64> {
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::with_capacity(a.len().min(b.len()));
    while let (Some(&x), Some(&y)) = (a.get(i), b.get(j)) {
        match x.cmp(&y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(x);
                i += 1;
                j += 1;
            }
        }
    }
    out
}
