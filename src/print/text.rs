//! A [`Document`] as plain text lines: for snapshots, the TUI's on-screen preview and a
//! terminal. Widths are counted in terminal columns (`unicode-width`), so Vietnamese text lines
//! up. Never sent to `lp` (its default fonts lack Vietnamese glyphs).

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::report::{Align, Block, Document, Header, Paper, Signature, Table};

/// The text width used for a paper size, in columns.
pub(crate) fn width_for(paper: Paper) -> usize {
    match paper {
        Paper::A5 => 78,
        Paper::A4 => 96,
        Paper::A4Landscape => 132,
    }
}

/// The document as lines at its paper's width.
pub fn to_lines(doc: &Document) -> Vec<String> {
    to_lines_width(doc, width_for(doc.paper))
}

/// The document as lines at most `width` columns wide (tables may shrink their columns down to
/// a few characters; nothing is cut off, long words are broken).
pub fn to_lines_width(doc: &Document, width: usize) -> Vec<String> {
    let width = width.max(30);
    let mut out = Vec::new();
    if doc.copies.is_empty() {
        copy_lines(&mut out, doc, None, width);
    }
    for (i, c) in doc.copies.iter().enumerate() {
        if i > 0 {
            out.push(String::new());
            out.push("- ".repeat(width / 2).trim_end().to_owned());
            out.push(String::new());
        }
        copy_lines(&mut out, doc, Some(c), width);
    }
    out
}

/// The document as one string, lines ended by `\n`.
pub fn to_text(doc: &Document) -> String {
    let mut s = to_lines(doc).join("\n");
    s.push('\n');
    s
}

fn copy_lines(out: &mut Vec<String>, doc: &Document, copy: Option<&str>, w: usize) {
    let form_number = doc
        .header
        .as_ref()
        .map(|h| h.form_number.as_str())
        .unwrap_or("");
    let corner: Vec<&str> = [form_number, copy.unwrap_or("")]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    if !corner.is_empty() {
        out.push(pad_left(&corner.join(" – "), w));
    }
    if let Some(h) = &doc.header {
        header_lines(out, h, w);
    }
    out.push(String::new());
    for line in doc.title.lines().flat_map(|l| wrap(l, w)) {
        out.push(center(&line, w));
    }
    for s in &doc.subtitle {
        for line in wrap(s, w) {
            out.push(center(&line, w));
        }
    }
    out.push(String::new());
    for b in &doc.blocks {
        block_lines(out, b, w);
    }
}

fn header_lines(out: &mut Vec<String>, h: &Header, w: usize) {
    let lw = w * 5 / 12;
    let rw = w - lw;
    let mut left = Vec::new();
    if !h.parent_agency.is_empty() {
        left.extend(wrap(&h.parent_agency.to_uppercase(), lw));
    }
    left.extend(wrap(&h.agency.to_uppercase(), lw));
    if !h.unit.is_empty() {
        left.extend(wrap(&h.unit.to_uppercase(), lw));
    }
    left.push("────────".to_owned());
    if !h.number.is_empty() {
        left.push(h.number.clone());
    }
    let mut right = vec![
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".to_owned(),
        "Độc lập - Tự do - Hạnh phúc".to_owned(),
        "──────────────────".to_owned(),
    ];
    right.extend(wrap(&h.place_date, rw));
    for i in 0..left.len().max(right.len()) {
        let l = left
            .get(i)
            .map(|s| center(s, lw))
            .unwrap_or_else(|| " ".repeat(lw));
        let r = right.get(i).map(|s| center(s, rw)).unwrap_or_default();
        out.push(format!("{l}{r}").trim_end().to_owned());
    }
}

fn block_lines(out: &mut Vec<String>, b: &Block, w: usize) {
    match b {
        Block::Field { label, value } => out.extend(wrap(&format!("{label}: {value}"), w)),
        Block::FieldPair { left, right } => {
            let l = format!("{}: {}", left.0, left.1);
            let r = format!("{}: {}", right.0, right.1);
            if l.width() + 2 <= w / 2 && r.width() <= w - w / 2 {
                out.push(format!("{}{r}", pad_right(&l, w / 2)).trim_end().to_owned());
            } else {
                out.extend(wrap(&l, w));
                out.extend(wrap(&r, w));
            }
        }
        Block::Paragraph(t) => out.extend(wrap(t, w)),
        Block::Note(t) => out.extend(wrap(t, w)),
        Block::Heading(t) => {
            out.push(String::new());
            out.extend(wrap(t, w));
        }
        Block::List(items) => {
            for (i, item) in items.iter().enumerate() {
                let prefix = format!("   {}. ", i + 1);
                let indent = " ".repeat(prefix.width());
                for (j, line) in wrap(item, w - prefix.width()).into_iter().enumerate() {
                    let p = if j == 0 { &prefix } else { &indent };
                    out.push(format!("{p}{line}"));
                }
            }
        }
        Block::Table(t) => table_lines(out, t, w),
        Block::Signatures(s) => signature_lines(out, s, w),
        Block::Qr(payload) => out.push(format!("[Mã QR: {payload}]")),
        Block::Columns(cols) => column_lines(out, cols, w),
        Block::DateLine(t) => {
            out.push(String::new());
            out.push(pad_left(t, w));
        }
    }
}

fn column_lines(out: &mut Vec<String>, cols: &[Vec<String>], w: usize) {
    let n = cols.len().max(1);
    let cw = w / n;
    let wrapped: Vec<Vec<String>> = cols
        .iter()
        .map(|c| {
            c.iter()
                .flat_map(|l| wrap(l, cw.saturating_sub(1)))
                .collect()
        })
        .collect();
    let height = wrapped.iter().map(Vec::len).max().unwrap_or(0);
    for i in 0..height {
        let mut line = String::new();
        for (k, c) in wrapped.iter().enumerate() {
            let text = c.get(i).map(String::as_str).unwrap_or("");
            let cell = match k {
                0 => pad_right(text, cw),
                k if k + 1 == n => pad_left(text, w - cw * (n - 1)),
                _ => pad_right(&center(text, cw), cw),
            };
            line.push_str(&cell);
        }
        out.push(line.trim_end().to_owned());
    }
}

fn signature_lines(out: &mut Vec<String>, sigs: &[Signature], w: usize) {
    out.push(String::new());
    let cols = sigs.len().max(2);
    let cw = w / cols;
    let skip = cols - sigs.len();
    // Row by row (role, hint, space, name), each as tall as its tallest cell, so the names
    // line up as on the PDF.
    let parts: [Vec<Vec<String>>; 3] = [
        sigs.iter()
            .map(|s| wrap(&s.role.to_uppercase(), cw))
            .collect(),
        sigs.iter().map(|s| wrap(&s.hint, cw)).collect(),
        sigs.iter().map(|s| wrap(&s.name, cw)).collect(),
    ];
    for (k, part) in parts.iter().enumerate() {
        if k == 2 {
            out.extend([String::new(), String::new(), String::new()]);
        }
        let height = part.iter().map(Vec::len).max().unwrap_or(0);
        for i in 0..height {
            let mut line = " ".repeat(cw * skip);
            for c in part {
                line.push_str(&center(c.get(i).map(String::as_str).unwrap_or(""), cw));
            }
            out.push(line.trim_end().to_owned());
        }
    }
}

/// Column widths that fit `w` (with the `│` separators): first the widest columns shrink
/// down to their longest word, then, if still too wide, the widest shrink further.
fn column_widths(t: &Table, w: usize) -> Vec<usize> {
    let mut widths = Vec::with_capacity(t.columns.len());
    let mut floors = Vec::with_capacity(t.columns.len());
    for (i, c) in t.columns.iter().enumerate() {
        let cells = || t.rows.iter().filter_map(move |r| r.cells.get(i));
        let natural = cells()
            .flat_map(|c| c.lines())
            .map(UnicodeWidthStr::width)
            .max()
            .unwrap_or(0);
        let word = cells().map(|c| longest_word(c, 26)).max().unwrap_or(0);
        let title = longest_word(&c.title, 12);
        let least = if t.numbered { 4 } else { 1 };
        widths.push(natural.max(c.title.width()).max(least));
        floors.push(word.max(title).max(least));
    }
    let budget = w.saturating_sub(3 * widths.len() + 1);
    // First the column with the most room above its longest word gives a column up, so short
    // words are not broken while long titles can wrap; then the widest, down to 4.
    while widths.iter().sum::<usize>() > budget {
        let slack = (0..widths.len())
            .filter(|&i| widths[i] > floors[i])
            .max_by_key(|&i| (widths[i] - floors[i], widths[i]));
        let Some(i) = slack else { break };
        widths[i] -= 1;
    }
    while widths.iter().sum::<usize>() > budget {
        let widest = (0..widths.len())
            .filter(|&i| widths[i] > 4)
            .max_by_key(|&i| widths[i]);
        let Some(i) = widest else { break };
        widths[i] -= 1;
    }
    widths
}

fn longest_word(s: &str, cap: usize) -> usize {
    s.split_whitespace()
        .map(UnicodeWidthStr::width)
        .max()
        .unwrap_or(0)
        .min(cap)
}

fn rule(widths: &[usize], l: char, m: char, r: char) -> String {
    let parts: Vec<String> = widths.iter().map(|w| "─".repeat(w + 2)).collect();
    format!("{l}{}{r}", parts.join(&m.to_string()))
}

/// One visual row: each cell's text wrapped to its width, padded, joined by `│`.
fn row_lines(out: &mut Vec<String>, cells: &[(String, usize, Align)]) {
    let wrapped: Vec<Vec<String>> = cells
        .iter()
        .map(|(text, w, _)| text.lines().flat_map(|l| wrap(l, *w)).collect())
        .collect();
    let height = wrapped.iter().map(Vec::len).max().unwrap_or(0).max(1);
    for i in 0..height {
        let mut line = String::from("│");
        for ((_, w, a), lines) in cells.iter().zip(&wrapped) {
            let text = lines.get(i).map(String::as_str).unwrap_or("");
            let cell = match a {
                Align::Left => pad_right(text, *w),
                Align::Center => pad_right(&center(text, *w), *w),
                Align::Right => pad_left(text, *w),
            };
            line.push(' ');
            line.push_str(&cell);
            line.push_str(" │");
        }
        out.push(line);
    }
}

fn table_lines(out: &mut Vec<String>, t: &Table, w: usize) {
    let widths = column_widths(t, w);
    out.push(rule(&widths, '┌', '┬', '┐'));
    if !t.groups.is_empty() {
        let mut cells = Vec::new();
        let mut i = 0;
        for g in &t.groups {
            let span = g.span.max(1).min(widths.len().saturating_sub(i));
            let gw = widths[i..i + span].iter().sum::<usize>() + 3 * (span.saturating_sub(1));
            cells.push((g.title.clone(), gw, Align::Center));
            i += span;
        }
        row_lines(out, &cells);
    }
    let mut titles = Vec::new();
    let mut i = 0;
    let spans: Vec<usize> = if t.groups.is_empty() {
        vec![1; t.columns.len()]
    } else {
        t.groups.iter().map(|g| g.span).collect()
    };
    for span in spans {
        for c in t.columns.iter().skip(i).take(span) {
            let title = if span == 1 && !t.groups.is_empty() {
                ""
            } else {
                &c.title
            };
            titles.push((title.to_owned(), widths[i], Align::Center));
            i += 1;
        }
    }
    if titles.iter().any(|(t, _, _)| !t.is_empty()) {
        row_lines(out, &titles);
    }
    if t.numbered {
        let nums: Vec<_> = (1..=widths.len())
            .map(|n| (format!("({n})"), widths[n - 1], Align::Center))
            .collect();
        row_lines(out, &nums);
    }
    out.push(rule(&widths, '├', '┼', '┤'));
    let multi_line = t
        .rows
        .iter()
        .any(|r| r.cells.iter().any(|c| c.contains('\n')));
    for (i, r) in t.rows.iter().enumerate() {
        if multi_line && i > 0 {
            out.push(rule(&widths, '├', '┼', '┤'));
        }
        let cells: Vec<_> = r
            .cells
            .iter()
            .zip(&t.columns)
            .zip(&widths)
            .map(|((text, c), w)| (text.clone(), *w, c.align))
            .collect();
        row_lines(out, &cells);
    }
    out.push(rule(&widths, '└', '┴', '┘'));
}

/// Greedy word wrap to `w` columns; words longer than `w` are broken.
pub(crate) fn wrap(text: &str, w: usize) -> Vec<String> {
    let w = w.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut lw = 0;
    for word in text.split_whitespace() {
        let ww = word.width();
        if lw > 0 && lw + 1 + ww <= w {
            line.push(' ');
            line.push_str(word);
            lw += 1 + ww;
            continue;
        }
        if lw > 0 {
            lines.push(std::mem::take(&mut line));
            lw = 0;
        }
        for c in word.chars() {
            let cw = c.width().unwrap_or(0);
            if lw + cw > w && lw > 0 {
                lines.push(std::mem::take(&mut line));
                lw = 0;
            }
            line.push(c);
            lw += cw;
        }
    }
    if lw > 0 || lines.is_empty() {
        lines.push(line);
    }
    lines
}

fn center(s: &str, w: usize) -> String {
    let sw = s.width();
    if sw >= w {
        return s.to_owned();
    }
    let left = (w - sw) / 2;
    format!("{}{s}", " ".repeat(left))
}

fn pad_right(s: &str, w: usize) -> String {
    let sw = s.width();
    format!("{s}{}", " ".repeat(w.saturating_sub(sw)))
}

fn pad_left(s: &str, w: usize) -> String {
    let sw = s.width();
    format!("{}{s}", " ".repeat(w.saturating_sub(sw)))
}
