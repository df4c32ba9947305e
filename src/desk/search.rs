//! Search over name, code, ID number and phone through the store's text indexes; a page
//! decodes only its own rows. Must not depend on `tui` or `cli`.

use std::collections::BTreeSet;

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
    pub(super) fn search_dossiers(
        &self,
        text: &str,
        limit: usize,
    ) -> Result<Vec<Dossier>, DeskError> {
        let text = crate::text::nfc(text.trim());
        if text.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let mut hits: BTreeSet<u64> = BTreeSet::new();
        if let Some(code) = DossierCode::parse(&text)
            && let Some(id) = self.store.id_by_code(code.as_str()).map_err(Self::env)?
        {
            hits.insert(id.0);
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
