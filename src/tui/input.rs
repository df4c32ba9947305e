//! A one-line text field: the cursor counts chars, every insert re-normalises to NFC (an input
//! method may send a base letter and its combining marks as separate key events; composing after
//! each insert turns "e" + U+0302 + U+0301 into "ế"). No terminal types here.

use unicode_width::UnicodeWidthStr;

use crate::text::nfc;

/// An editable line of text, always NFC.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextField {
    value: String,
    /// Cursor position in chars, 0..=value.chars().count().
    cursor: usize,
}

impl TextField {
    pub fn new(value: &str) -> TextField {
        let value = nfc(value);
        let cursor = value.chars().count();
        TextField { value, cursor }
    }

    pub fn value(&self) -> &str {
        &self.value
    }

    pub fn is_empty(&self) -> bool {
        self.value.is_empty()
    }

    /// Display columns before the cursor (for placing the terminal cursor).
    pub fn cursor_column(&self) -> usize {
        self.value[..self.byte_at(self.cursor)].width()
    }

    fn byte_at(&self, chars: usize) -> usize {
        self.value
            .char_indices()
            .nth(chars)
            .map_or(self.value.len(), |(b, _)| b)
    }

    /// Inserts `c` at the cursor and re-normalises the whole field to NFC; control characters
    /// are ignored.
    pub fn insert(&mut self, c: char) {
        if c.is_control() {
            return;
        }
        let at = self.byte_at(self.cursor);
        let mut before = self.value[..at].to_owned();
        before.push(c);
        let before = nfc(&before);
        let after = &self.value[at..];
        self.cursor = before.chars().count();
        self.value = nfc(&format!("{before}{after}"));
        self.cursor = self.cursor.min(self.value.chars().count());
    }

    pub fn backspace(&mut self) {
        if self.cursor == 0 {
            return;
        }
        let from = self.byte_at(self.cursor - 1);
        let to = self.byte_at(self.cursor);
        self.value.replace_range(from..to, "");
        self.cursor -= 1;
    }

    pub fn delete(&mut self) {
        if self.cursor >= self.value.chars().count() {
            return;
        }
        let from = self.byte_at(self.cursor);
        let to = self.byte_at(self.cursor + 1);
        self.value.replace_range(from..to, "");
    }

    pub fn left(&mut self) {
        self.cursor = self.cursor.saturating_sub(1);
    }

    pub fn right(&mut self) {
        self.cursor = (self.cursor + 1).min(self.value.chars().count());
    }

    pub fn clear(&mut self) {
        self.value.clear();
        self.cursor = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn decomposed_keystrokes_compose() {
        let mut f = TextField::default();
        for c in "Nguyễn Đức".nfd() {
            f.insert(c);
        }
        assert_eq!(f.value(), "Nguyễn Đức");
        assert_eq!(f.cursor_column(), 10);
    }

    #[test]
    fn edits_in_the_middle() {
        let mut f = TextField::new("Lê An");
        f.left();
        f.left();
        f.backspace();
        assert_eq!(f.value(), "LêAn");
        f.insert(' ');
        f.insert('V');
        assert_eq!(f.value(), "Lê VAn");
        f.delete();
        assert_eq!(f.value(), "Lê Vn");
        f.insert('\u{7}');
        assert_eq!(f.value(), "Lê Vn");
    }
}
