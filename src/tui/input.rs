//! A one-line text field: the cursor counts chars, every insert re-normalises to NFC (an input
//! method may send a base letter and its combining marks as separate key events; composing after
//! each insert turns "e" + U+0302 + U+0301 into "ế"). The editing keys a clerk expects (Home/End,
//! word by word, clear to either end, delete a word, paste a line) and the window a field of any
//! width shows so that the cursor is always on screen ([`TextField::view`]). No terminal types
//! here.

use unicode_width::UnicodeWidthChar;

use crate::text::nfc;

/// An editable line of text, always NFC.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct TextField {
    value: String,
    /// Cursor position in chars, 0..=value.chars().count().
    cursor: usize,
}

/// An editing command on a text field (the keys are the keymap's).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edit {
    Left,
    Right,
    /// To the start of the line (Home).
    Home,
    /// To the end of the line (End).
    End,
    /// To the start of the word before the cursor (Ctrl-←).
    WordLeft,
    /// To the end of the word after the cursor (Ctrl-→).
    WordRight,
    Backspace,
    Delete,
    /// Deletes everything before the cursor (Ctrl-U).
    ClearBefore,
    /// Deletes everything from the cursor on (Ctrl-K).
    ClearAfter,
    /// Deletes the word before the cursor and the spaces after it (Ctrl-W).
    DeleteWord,
}

/// Pasted text as one line: line breaks and tabs become spaces, other control and hidden
/// characters are dropped, spaces at both ends trimmed.
pub(crate) fn paste_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\n' | '\r' | '\t') {
            out.push(' ');
        } else if !c.is_control() && !crate::text::is_hidden(c) {
            out.push(c);
        }
    }
    out.trim().to_owned()
}

impl TextField {
    pub(crate) fn new(value: &str) -> TextField {
        let value = nfc(value);
        let cursor = value.chars().count();
        TextField { value, cursor }
    }

    pub(crate) fn value(&self) -> &str {
        &self.value
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.value.is_empty()
    }

    fn len(&self) -> usize {
        self.value.chars().count()
    }

    /// The cursor position in chars (the unit tests' view of it).
    #[cfg(test)]
    fn cursor(&self) -> usize {
        self.cursor
    }

    /// Display columns before the cursor (the unit tests check the cursor's column with it).
    #[cfg(test)]
    fn cursor_column(&self) -> usize {
        use unicode_width::UnicodeWidthStr;
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
    pub(crate) fn insert(&mut self, c: char) {
        if c.is_control() {
            return;
        }
        self.insert_str(&c.to_string());
    }

    /// Inserts `text` at the cursor (a paste: see [`paste_line`] for what a pasted line keeps),
    /// re-normalising once; control characters are ignored.
    pub(crate) fn insert_str(&mut self, text: &str) {
        let text: String = text.chars().filter(|c| !c.is_control()).collect();
        if text.is_empty() {
            return;
        }
        let at = self.byte_at(self.cursor);
        let before = nfc(&format!("{}{text}", &self.value[..at]));
        let after = &self.value[at..];
        self.cursor = before.chars().count();
        self.value = nfc(&format!("{before}{after}"));
        self.cursor = self.cursor.min(self.len());
    }

    /// Replaces the whole value, the cursor at its end.
    pub(crate) fn set(&mut self, value: &str) {
        *self = TextField::new(value);
    }

    /// Removes chars `from..to` (char indices) and puts the cursor at `from`.
    fn remove(&mut self, from: usize, to: usize) {
        let (a, b) = (self.byte_at(from), self.byte_at(to));
        self.value.replace_range(a..b, "");
        self.cursor = from;
    }

    pub(crate) fn backspace(&mut self) {
        if self.cursor > 0 {
            self.remove(self.cursor - 1, self.cursor);
        }
    }

    pub(crate) fn delete(&mut self) {
        if self.cursor < self.len() {
            let at = self.cursor;
            self.remove(at, at + 1);
        }
    }

    pub(crate) fn left(&mut self) {
        self.cursor = self.cursor.saturating_sub(1);
    }

    pub(crate) fn right(&mut self) {
        self.cursor = (self.cursor + 1).min(self.len());
    }

    /// The start of the word before the cursor: skip spaces leftwards, then the word.
    fn word_start(&self) -> usize {
        let chars: Vec<char> = self.value.chars().collect();
        let mut i = self.cursor;
        while i > 0 && chars[i - 1].is_whitespace() {
            i -= 1;
        }
        while i > 0 && !chars[i - 1].is_whitespace() {
            i -= 1;
        }
        i
    }

    /// The end of the word after the cursor: skip spaces rightwards, then the word.
    fn word_end(&self) -> usize {
        let chars: Vec<char> = self.value.chars().collect();
        let mut i = self.cursor;
        while i < chars.len() && chars[i].is_whitespace() {
            i += 1;
        }
        while i < chars.len() && !chars[i].is_whitespace() {
            i += 1;
        }
        i
    }

    /// Applies an editing command; returns whether the text changed.
    pub(crate) fn edit(&mut self, e: Edit) -> bool {
        let before = self.value.len();
        match e {
            Edit::Left => self.left(),
            Edit::Right => self.right(),
            Edit::Home => self.cursor = 0,
            Edit::End => self.cursor = self.len(),
            Edit::WordLeft => self.cursor = self.word_start(),
            Edit::WordRight => self.cursor = self.word_end(),
            Edit::Backspace => self.backspace(),
            Edit::Delete => self.delete(),
            Edit::ClearBefore => self.remove(0, self.cursor),
            Edit::ClearAfter => {
                let (at, end) = (self.cursor, self.len());
                self.remove(at, end);
            }
            Edit::DeleteWord => {
                let (from, to) = (self.word_start(), self.cursor);
                self.remove(from, to);
            }
        }
        // Every edit that changes the text removes something.
        self.value.len() != before
    }

    /// What a field `width` columns wide shows, and the cursor's column in it (always
    /// `< width` for `width >= 1`): the whole text when it fits with the cursor cell after it;
    /// otherwise a window around the cursor, with `…` where text is hidden on either side
    /// (from 4 columns up). The window is a function of the text, the cursor and the width
    /// only, so a screen drawn from an immutable state shows the same thing every time.
    pub(crate) fn view(&self, width: usize) -> (String, usize) {
        if width == 0 {
            return (String::new(), 0);
        }
        let chars: Vec<(char, usize)> = self
            .value
            .chars()
            .map(|c| (c, c.width().unwrap_or(0)))
            .collect();
        let total: usize = chars.iter().map(|(_, w)| w).sum();
        let before: usize = chars[..self.cursor].iter().map(|(_, w)| w).sum();
        // The cursor cell is as wide as the char under it (1 at the end).
        let cell = chars.get(self.cursor).map_or(1, |(_, w)| (*w).max(1));
        if total + usize::from(self.cursor == chars.len()) <= width {
            return (self.value.clone(), before);
        }
        let marks = width >= 4;
        let mark = usize::from(marks);
        // The window starts at 0 when the cursor cell (and the right mark) fit from there.
        let mut start = 0;
        if before + cell + mark > width {
            // Otherwise it starts as far left as lets the left mark, the text up to the cursor,
            // the cursor cell and the right mark (when text follows) fit.
            let tail = if self.cursor + 1 < chars.len() {
                mark
            } else {
                0
            };
            let room = width.saturating_sub(mark + cell + tail);
            start = self.cursor;
            let mut used = 0;
            while start > 0 && used + chars[start - 1].1 <= room {
                used += chars[start - 1].1;
                start -= 1;
            }
        }
        let left = usize::from(marks && start > 0);
        let mut out = String::new();
        if left == 1 {
            out.push('…');
        }
        let mut used = left;
        let mut column = left;
        for (i, (c, w)) in chars.iter().enumerate().skip(start) {
            let more_after = i + 1 < chars.len();
            let reserve = if more_after { mark } else { 0 };
            if used + w + reserve > width && i > self.cursor {
                break;
            }
            if used + w > width {
                break;
            }
            if i == self.cursor {
                column = used;
            }
            out.push(*c);
            used += w;
        }
        if self.cursor == chars.len() {
            column = used;
        }
        let shown_all = out.chars().count() - left + start >= chars.len();
        if marks && !shown_all && used < width {
            out.push('…');
        }
        (out, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use unicode_normalization::UnicodeNormalization;
    use unicode_width::UnicodeWidthStr;

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

    #[test]
    fn line_and_word_keys() {
        let mut f = TextField::new("Số nhà 12, ngõ 34");
        f.edit(Edit::WordLeft);
        assert_eq!(f.cursor(), 15);
        f.edit(Edit::WordLeft);
        f.edit(Edit::WordLeft);
        assert_eq!(f.cursor(), 7);
        f.edit(Edit::WordRight);
        assert_eq!(f.cursor(), 10);
        assert!(f.edit(Edit::DeleteWord));
        assert_eq!(f.value(), "Số nhà  ngõ 34");
        f.edit(Edit::Home);
        assert_eq!(f.cursor(), 0);
        assert!(!f.edit(Edit::ClearBefore));
        f.edit(Edit::End);
        f.edit(Edit::WordLeft);
        assert!(f.edit(Edit::ClearAfter));
        assert_eq!(f.value(), "Số nhà  ngõ ");
        assert!(f.edit(Edit::ClearBefore));
        assert_eq!(f.value(), "");
    }

    #[test]
    fn a_pasted_line_is_one_line() {
        assert_eq!(
            paste_line("Số 12\r\nngõ 34\t\u{1b}[31m\u{200b}x\n"),
            "Số 12  ngõ 34 [31mx"
        );
        let mut f = TextField::new("ab");
        f.left();
        f.insert_str("XY");
        assert_eq!((f.value(), f.cursor()), ("aXYb", 3));
    }

    #[test]
    fn a_long_address_scrolls_around_the_cursor() {
        let text = "Số nhà 12, ngõ 34, đường Lê Lợi, phường Hoàng Văn Thụ";
        let mut f = TextField::new(text);
        let (shown, col) = f.view(20);
        assert_eq!((shown.as_str(), col), ("…ường Hoàng Văn Thụ", 19));
        f.edit(Edit::Home);
        let (shown, col) = f.view(20);
        assert_eq!((shown.as_str(), col), ("Số nhà 12, ngõ 34, …", 0));
        // short text shows whole, the cursor after it
        assert_eq!(TextField::new("Lê").view(20), ("Lê".to_owned(), 2));
    }

    proptest! {
        /// For any field width and text (Vietnamese, wide characters, combining marks) and any
        /// cursor position, the cursor cell is on screen and the window fits the field.
        #[test]
        fn the_cursor_cell_is_always_on_screen(
            text in "[a-zA-Zàáạảãâầấậẩẫăằắặẳẵđêếềệểễôồốộổỗơờớợởỡưừứựửữ 0-9,.漢字한\u{301}]{0,120}",
            width in 1usize..90,
            back in 0usize..130,
        ) {
            let mut f = TextField::new(&text);
            for _ in 0..back {
                f.left();
            }
            let (shown, col) = f.view(width);
            prop_assert!(col < width, "column {col} of {width} for {shown:?}");
            prop_assert!(shown.width() <= width, "{shown:?} wider than {width}");
            // the char under the cursor (if any) is shown at the cursor column
            if let Some(c) = f.value().chars().nth(f.cursor()) {
                let w = c.width().unwrap_or(0);
                if w > 0 && w + col <= width {
                    let at: String = shown
                        .chars()
                        .scan(0usize, |x, ch| { let here = *x; *x += ch.width().unwrap_or(0); Some((here, ch)) })
                        .filter(|(x, ch)| *x == col && ch.width().unwrap_or(0) > 0)
                        .map(|(_, ch)| ch)
                        .take(1)
                        .collect();
                    prop_assert_eq!(at, c.to_string());
                }
            }
        }
    }
}
