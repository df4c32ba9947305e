//! A [`Document`] as typst markup. Every piece of text — names and reasons can hold any
//! character (`#`, `$`, `*`, `_`, `[`, `]`, `\`, `"` …) — goes in as a typst *string literal*
//! (`"…"` with `\` and `"` escaped), never as markup, so nothing a clerk types can change the
//! layout. The QR code is drawn as black runs of modules from `qrcode`'s matrix.

use std::fmt::Write;

use crate::report::{Align, Block, Document, Header, Paper, Row, Signature, Table};

/// The side of one QR module, in millimetres.
pub(crate) const QR_MODULE_MM: f64 = 0.55;
/// The quiet zone around the QR code, in modules.
pub(crate) const QR_QUIET: usize = 4;

/// A typst string literal holding `s` exactly.
pub fn lit(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            '\t' => out.push(' '),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Helpers every document shares. A signer's role too wide for its column breaks into two
/// balanced lines ("NGƯỜI TIẾP / NHẬN HỒ SƠ", not "NGƯỜI TIẾP NHẬN HỒ / SƠ" beside the receipt's
/// QR code). The first line keeps a command a report tells the clerk to
/// type (`motcua verify --head 8c70a929…`) on one line: the line breaker once split it after
/// "--", which reads as a different command.
const PREAMBLE: &str = r#"
#show regex("motcua [a-z]+(?: --?[a-z][a-z-]*| [0-9a-f]{4,})+"): it => box(it)
#let qrcode(n, runs, label) = {
  let m = QRMmm
  let q = QRQ
  block(breakable: false, align(center, stack(spacing: 1mm,
    box(width: (n + 2 * q) * m, height: (n + 2 * q) * m, {
      for r in runs {
        place(dx: (r.at(0) + q) * m, dy: (r.at(1) + q) * m,
          rect(width: r.at(2) * m, height: m, fill: black, stroke: none))
      }
    }),
    text(size: 8pt, label))))
}
#let role(r) = layout(size => {
  let t(s) = text(weight: "bold", size: 0.95em, upper(s))
  if measure(t(r)).width <= size.width { return t(r) }
  let words = r.split(" ")
  let best = none
  for i in range(1, words.len()) {
    let w = calc.max(measure(t(words.slice(0, i).join(" "))).width,
      measure(t(words.slice(i).join(" "))).width)
    if best == none or w < best.at(0) { best = (w, i) }
  }
  if best == none { return t(r) }
  let i = best.at(1)
  align(center, stack(spacing: 0.5em, t(words.slice(0, i).join(" ")), t(words.slice(i).join(" "))))
})
#let signatures(sigs, qr: none) = {
  set par(justify: false)
  let n = sigs.len()
  let cols = calc.max(n, 2)
  let lead = cols - n
  let widths = (1fr,) * cols
  if n == 1 { widths = (2fr, 3fr) }
  let line(f) = ([],) * lead + sigs.map(f)
  let cells = line(s => align(center + bottom, role(s.at(0))))
  cells += line(s => align(center, emph(s.at(1))))
  cells += line(s => [])
  cells += line(s => align(center, text(weight: "bold", s.at(2))))
  if qr != none {
    widths = (auto,) + widths
    cells = (grid.cell(rowspan: 4, align(horizon, qr)),) + cells
  }
  block(breakable: false, grid(columns: widths, rows: (auto, auto, 16mm, auto),
    column-gutter: 4mm, row-gutter: 1.5mm, ..cells))
}
#let fit(body) = layout(size => {
  let sizes = (11.5pt, 11pt, 10.5pt, 10pt, 9.5pt, 9pt, 8.5pt, 8pt, 7.5pt, 7pt)
  for s in sizes {
    let h = measure({ set text(size: s); body }, width: size.width).height
    if h <= size.height {
      return { set text(size: s); body }
    }
  }
  let s = sizes.last()
  let f = 1.0
  for k in range(1, 39) {
    f = 1.0 - k * 0.025
    let h = measure({ set text(size: s); body }, width: size.width / f).height
    if h * f <= size.height { break }
  }
  scale(f * 100%, origin: top + left, reflow: true,
    block(width: size.width / f, { set text(size: s); body }))
})
"#;

/// The whole document as typst markup.
pub fn to_markup(doc: &Document) -> String {
    let mut m = String::new();
    let (paper, flipped, size, margin) = match doc.paper {
        Paper::A5 => (
            "a5",
            false,
            "11.5pt",
            "(top: 10mm, bottom: 10mm, left: 15mm, right: 10mm)",
        ),
        Paper::A4 => (
            "a4",
            false,
            "12pt",
            "(top: 18mm, bottom: 18mm, left: 25mm, right: 15mm)",
        ),
        Paper::A4Landscape => (
            "a4",
            true,
            "9.5pt",
            "(top: 15mm, bottom: 15mm, left: 15mm, right: 15mm)",
        ),
    };
    let _ = writeln!(m, "#set document(title: {}, date: none)", lit(&doc.title));
    let footer = if doc.paper == Paper::A5 {
        "none"
    } else {
        "context align(center, text(size: 9pt, counter(page).display(\"1/1\", both: true)))"
    };
    let _ = writeln!(
        m,
        "#set page(paper: \"{paper}\", flipped: {flipped}, margin: {margin}, footer: {footer})"
    );
    let _ = writeln!(
        m,
        "#set text(font: \"Liberation Serif\", size: {size}, lang: \"vi\")\n\
         #set par(justify: true, leading: 0.5em, spacing: 0.65em)\n\
         #set table(stroke: 0.5pt, inset: 3pt)\n\
         #set table.cell(breakable: false)\n\
         #show table: set par(justify: false)\n\
         #show table: set text(size: 0.92em)\n\
         #show align: set par(justify: false)"
    );
    m.push_str(
        &PREAMBLE
            .replace("QRMmm", &format!("{QR_MODULE_MM}mm"))
            .replace("QRQ", &QR_QUIET.to_string()),
    );
    let copies: Vec<Option<&str>> = if doc.copies.is_empty() {
        vec![None]
    } else {
        doc.copies.iter().map(|c| Some(c.as_str())).collect()
    };
    for (i, copy) in copies.into_iter().enumerate() {
        if i > 0 {
            m.push_str("#pagebreak()\n#counter(page).update(1)\n");
        }
        // An A5 form is one page per copy, header and copy label included: its text shrinks
        // to fit, down to 7 pt, then the whole copy is scaled down (a long list of documents
        // once spilled the signatures onto a second page without header or copy label).
        if doc.paper == Paper::A5 {
            m.push_str("#fit[\n");
            copy_markup(&mut m, doc, copy);
            m.push_str("]\n");
        } else {
            copy_markup(&mut m, doc, copy);
        }
    }
    m
}

fn copy_markup(m: &mut String, doc: &Document, copy: Option<&str>) {
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
        let _ = writeln!(
            m,
            "#align(right, text(size: 9pt, style: \"italic\", {}))",
            lit(&corner.join(" – "))
        );
    }
    if let Some(h) = &doc.header {
        let size = match doc.paper {
            Paper::A5 => "10pt",
            Paper::A4 | Paper::A4Landscape => "12pt",
        };
        header_markup(m, h, size);
    }
    let per_line = match doc.paper {
        Paper::A5 => 44,
        Paper::A4 => 66,
        Paper::A4Landscape => 100,
    };
    let title: Vec<String> = doc
        .title
        .lines()
        .flat_map(|line| balanced_lines(line, per_line))
        .map(|l| lit(&l))
        .collect();
    let _ = writeln!(
        m,
        "#v(3mm)\n#align(center, block(text(weight: \"bold\", size: 1.05em, [#{}])))",
        title.join(" \\ #")
    );
    for line in &doc.subtitle {
        let _ = writeln!(m, "#v(-1mm)\n#align(center, {})", lit(line));
    }
    m.push_str("#v(2mm)\n");
    body_markup(m, &doc.blocks);
}

/// The blocks in order, each signature row kept on one page with what leads to it (see
/// [`kept_from`]): typst has no keep-with-previous, so the lead and the signatures go into one
/// unbreakable block. The end-of-day summary's and Biểu 06's signers once stood alone on a blank
/// second page under a full first one.
fn body_markup(m: &mut String, blocks: &[Block]) {
    let mut i = 0;
    while i < blocks.len() {
        let Some(sig) = blocks[i..]
            .iter()
            .position(|b| matches!(b, Block::Signatures(_)))
            .map(|k| i + k)
        else {
            blocks[i..].iter().for_each(|b| block_markup(m, b));
            return;
        };
        let start = kept_from(blocks, sig).max(i);
        blocks[i..start].iter().for_each(|b| block_markup(m, b));
        let mut rest = &blocks[start..=sig];
        // A long table or list before the signatures cannot be unbreakable: only its last row
        // or item goes with them (the table continues without a gap).
        let opened = match rest.first() {
            Some(Block::Table(t)) if start < sig && t.rows.len() > 1 => {
                let (head, last) = t.rows.split_at(t.rows.len() - 1);
                table_markup(
                    m,
                    &Table {
                        rows: head.to_vec(),
                        ..t.clone()
                    },
                );
                m.push_str("#block(breakable: false, above: 0pt)[\n");
                continuation_markup(m, t, last);
                rest = &rest[1..];
                true
            }
            Some(Block::List(items)) if start < sig && items.len() > 1 => {
                let (head, last) = items.split_at(items.len() - 1);
                block_markup(m, &Block::List(head.to_vec()));
                m.push_str("#block(breakable: false)[\n");
                list_markup(m, last, head.len() + 1);
                rest = &rest[1..];
                true
            }
            _ => false,
        };
        if !opened {
            m.push_str("#block(breakable: false)[\n");
        }
        lead_and_signatures(m, rest);
        m.push_str("]\n");
        i = sig + 1;
    }
}

/// Where the run kept with the signatures at `sig` starts: a QR code sharing their row, the
/// place and date line(s), and the one block of content before them (a table's or a list's last
/// row or item only, see [`body_markup`]). A signature row first in the body keeps nothing.
fn kept_from(blocks: &[Block], sig: usize) -> usize {
    let mut start = sig;
    while start > 0 && matches!(blocks[start - 1], Block::Qr(_) | Block::DateLine(_)) {
        start -= 1;
    }
    if start > 0 && !matches!(blocks[start - 1], Block::Signatures(_)) {
        start -= 1;
    }
    start
}

/// The kept blocks up to the signatures, a QR code just before them drawn in their row (on an
/// A5 receipt a QR code on a line of its own pushed the signatures onto a second page).
fn lead_and_signatures(m: &mut String, run: &[Block]) {
    let mut blocks = run.iter().peekable();
    while let Some(b) = blocks.next() {
        if let (Block::Qr(payload), Some(Block::Signatures(sigs))) = (b, blocks.peek()) {
            signatures_markup(m, sigs, qr_call(payload).as_deref());
            blocks.next();
            continue;
        }
        block_markup(m, b);
    }
}

/// Splits a title longer than `per_line` characters into lines of about equal length at word
/// boundaries, so a two-line title does not leave one word alone on its second line.
pub(crate) fn balanced_lines(title: &str, per_line: usize) -> Vec<String> {
    let chars = title.chars().count();
    if chars <= per_line {
        return vec![title.to_owned()];
    }
    let lines = chars.div_ceil(per_line);
    let target = chars.div_ceil(lines);
    let mut out = Vec::new();
    let mut line = String::new();
    for word in title.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > target + 4 {
            out.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        out.push(line);
    }
    out
}

fn header_markup(m: &mut String, h: &Header, size: &str) {
    let parent = if h.parent_agency.is_empty() {
        String::new()
    } else {
        format!("upper({}),", lit(&h.parent_agency))
    };
    // The issuing body is bold (Decree 30/2020 Annex I): the unit under the agency when there
    // is one, else the agency.
    let agency = if h.unit.is_empty() {
        format!("text(weight: \"bold\", upper({})),", lit(&h.agency))
    } else {
        format!(
            "upper({}), text(weight: \"bold\", upper({})),",
            lit(&h.agency),
            lit(&h.unit)
        )
    };
    let number = if h.number.is_empty() {
        String::new()
    } else {
        format!("pad(top: 1mm, {}),", lit(&h.number))
    };
    let _ = writeln!(
        m,
        "#block({{ set text(size: {size}, bottom-edge: \"descender\")\n\
         set par(justify: false)\n\
         grid(columns: (1fr, auto), column-gutter: 4mm,\n\
         align(center, stack(spacing: 1mm, {parent} {agency} \
         line(length: 35%, stroke: 0.5pt), {number})),\n\
         align(center, stack(spacing: 1mm, \
         text(weight: \"bold\", \"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\"), \
         text(weight: \"bold\", \"Độc lập - Tự do - Hạnh phúc\"), \
         line(length: 55%, stroke: 0.5pt), \
         pad(top: 1mm, emph({})))))}})",
        lit(&h.place_date)
    );
}

fn block_markup(m: &mut String, b: &Block) {
    match b {
        Block::Field { label, value } => {
            let _ = writeln!(m, "#{}: #{}\n", lit(label), lit(value));
        }
        Block::FieldPair { left, right } => {
            let _ = writeln!(
                m,
                "#grid(columns: (1fr, 1fr), [#{}: #{}], [#{}: #{}])",
                lit(&left.0),
                lit(&left.1),
                lit(&right.0),
                lit(&right.1)
            );
        }
        Block::Paragraph(t) => {
            let _ = writeln!(m, "#{}\n", lit(t));
        }
        Block::Note(t) => {
            let _ = writeln!(m, "#emph({})\n", lit(t));
        }
        Block::Heading(t) => {
            let _ = writeln!(m, "#v(1mm)\n#strong({})\n", lit(t));
        }
        Block::List(items) => list_markup(m, items, 1),
        Block::Table(t) => table_markup(m, t),
        Block::Signatures(sigs) => signatures_markup(m, sigs, None),
        Block::Qr(payload) => qr_markup(m, payload),
        Block::Columns(cols) => columns_markup(m, cols),
        Block::DateLine(t) => {
            let _ = writeln!(m, "#v(2mm)\n#align(right, emph({}))", lit(t));
        }
    }
}

/// A numbered list whose first item is number `start`.
fn list_markup(m: &mut String, items: &[String], start: usize) {
    if items.is_empty() {
        return;
    }
    let items: Vec<String> = items.iter().map(|i| format!("[#{}]", lit(i))).collect();
    let _ = writeln!(
        m,
        "#enum(indent: 4mm, start: {start}, {})\n",
        items.join(", ")
    );
}

fn columns_markup(m: &mut String, cols: &[Vec<String>]) {
    if cols.is_empty() {
        return;
    }
    let n = cols.len();
    let cells: Vec<String> = cols
        .iter()
        .enumerate()
        .map(|(i, lines)| {
            let a = match i {
                0 => "left",
                i if i + 1 == n => "right",
                _ => "center",
            };
            let lines: Vec<String> = lines.iter().map(|l| lit(l)).collect();
            format!(
                "align({a}, stack(spacing: 1.2mm, ..({},)))",
                lines.join(", ")
            )
        })
        .collect();
    let _ = writeln!(
        m,
        "#block(width: 100%, grid(columns: (1fr,) * {n}, column-gutter: 6mm, {}))",
        cells.join(", ")
    );
}

fn align_word(a: Align) -> &'static str {
    match a {
        Align::Left => "left",
        Align::Center => "center",
        Align::Right => "right",
    }
}

fn table_markup(m: &mut String, t: &Table) {
    let widths: Vec<String> = t
        .columns
        .iter()
        .map(|c| format!("{}fr", c.weight))
        .collect();
    let aligns: Vec<&str> = t.columns.iter().map(|c| align_word(c.align)).collect();
    let _ = writeln!(
        m,
        "#table(columns: ({},), align: (x, y) => if y < {} {{ center + horizon }} else {{ ({},).at(x) }},",
        widths.join(", "),
        header_rows(t),
        aligns.join(", ")
    );
    m.push_str("  table.header(\n");
    if t.groups.is_empty() {
        for c in &t.columns {
            let _ = writeln!(m, "    strong({}),", lit(&c.title));
        }
    } else {
        for g in &t.groups {
            let cell = if g.span == 1 {
                "rowspan: 2".to_owned()
            } else {
                format!("colspan: {}", g.span)
            };
            let _ = writeln!(m, "    table.cell({cell}, strong({})),", lit(&g.title));
        }
        let mut i = 0;
        for g in &t.groups {
            if g.span > 1 {
                for c in &t.columns[i..i + g.span] {
                    let _ = writeln!(m, "    strong({}),", lit(&c.title));
                }
            }
            i += g.span;
        }
    }
    if t.numbered {
        for i in 1..=t.columns.len() {
            let _ = writeln!(m, "    emph(\"({i})\"),");
        }
    }
    m.push_str("  ),\n");
    rows_markup(m, &t.rows);
    m.push_str(")\n");
}

/// The last rows of a table split by [`body_markup`]: the same columns, no header.
fn continuation_markup(m: &mut String, t: &Table, rows: &[Row]) {
    let widths: Vec<String> = t
        .columns
        .iter()
        .map(|c| format!("{}fr", c.weight))
        .collect();
    let aligns: Vec<&str> = t.columns.iter().map(|c| align_word(c.align)).collect();
    let _ = writeln!(
        m,
        "#table(columns: ({},), align: (x, y) => ({},).at(x),",
        widths.join(", "),
        aligns.join(", ")
    );
    rows_markup(m, rows);
    m.push_str(")\n");
}

fn rows_markup(m: &mut String, rows: &[Row]) {
    for r in rows {
        m.push_str("  ");
        for cell in &r.cells {
            if r.bold {
                let _ = write!(m, "strong({}), ", lit(cell));
            } else {
                let _ = write!(m, "{}, ", lit(cell));
            }
        }
        m.push('\n');
    }
}

fn header_rows(t: &Table) -> usize {
    let groups = if t.groups.is_empty() { 1 } else { 2 };
    groups + usize::from(t.numbered)
}

fn signatures_markup(m: &mut String, sigs: &[Signature], qr: Option<&str>) {
    let items: Vec<String> = sigs
        .iter()
        .map(|s| format!("({}, {}, {})", lit(&s.role), lit(&s.hint), lit(&s.name)))
        .collect();
    let qr = qr.map_or_else(|| "none".to_owned(), str::to_owned);
    let _ = writeln!(m, "#v(2mm)\n#signatures(({},), qr: {qr})", items.join(", "));
}

/// The QR code as `#qrcode(n, ((x, y, len), …), label)`: one triple per horizontal run of dark
/// modules, `(x, y)` in modules from the top left of the symbol (quiet zone excluded).
fn qr_markup(m: &mut String, payload: &str) {
    match qr_call(payload) {
        Some(call) => {
            let _ = writeln!(m, "#{call}");
        }
        None => {
            let _ = writeln!(m, "#{}\n", lit(payload));
        }
    }
}

/// The typst call drawing the QR code of `payload`; `None` when it is too long for a QR code.
fn qr_call(payload: &str) -> Option<String> {
    let (n, dark) = qr_matrix(payload)?;
    let mut runs = Vec::new();
    for y in 0..n {
        let mut x = 0;
        while x < n {
            if dark[y * n + x] {
                let start = x;
                while x < n && dark[y * n + x] {
                    x += 1;
                }
                runs.push(format!("({start}, {y}, {})", x - start));
            } else {
                x += 1;
            }
        }
    }
    Some(format!(
        "qrcode({n}, ({},), {})",
        runs.join(", "),
        lit(payload)
    ))
}

/// The QR symbol for `payload` (error correction M): its width in modules and the dark
/// modules, row by row. `None` when the payload is too long for a QR code.
pub fn qr_matrix(payload: &str) -> Option<(usize, Vec<bool>)> {
    let code = qrcode::QrCode::with_error_correction_level(payload, qrcode::EcLevel::M).ok()?;
    let n = code.width();
    let dark = code
        .to_colors()
        .into_iter()
        .map(|c| c == qrcode::Color::Dark)
        .collect();
    Some((n, dark))
}

#[cfg(test)]
mod tests;
