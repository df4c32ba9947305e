//! Vietnamese text at the boundary: NFC normalisation of every input, and the diacritic fold
//! used by search ("Nguyễn Đức" → "nguyen duc"). Pure.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Normalises input to NFC (input methods sometimes send decomposed characters).
pub fn nfc(s: &str) -> String {
    s.nfc().collect()
}

/// Folds text for accent-insensitive search: NFD, drop combining marks, đ/Đ → d, lowercase.
/// The result is ASCII for Vietnamese input; other scripts keep their base letters.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'đ' | 'Đ' => out.push('d'),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Splits folded text into search tokens (alphanumeric runs), e.g. for the name index.
pub fn tokens(s: &str) -> Vec<String> {
    fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_vietnamese() {
        assert_eq!(fold("Nguyễn Văn Đức"), "nguyen van duc");
        assert_eq!(fold("CHỨNG THỰC"), "chung thuc");
        // decomposed input folds the same as composed
        let nfd: String = "Trần Thị Ánh".nfd().collect();
        assert_eq!(fold(&nfd), "tran thi anh");
    }

    #[test]
    fn nfc_composes() {
        let nfd: String = "Lạng Sơn".nfd().collect();
        assert_ne!(nfd, "Lạng Sơn");
        assert_eq!(nfc(&nfd), "Lạng Sơn");
    }

    #[test]
    fn tokens_split() {
        assert_eq!(
            tokens("Lê Thị-Hồng, 0912"),
            vec!["le", "thi", "hong", "0912"]
        );
    }
}
