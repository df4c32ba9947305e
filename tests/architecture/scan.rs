//! Reads one source file as a compiler front end would, just far enough to find imports: its
//! `use` trees, the paths written inline that name this crate (`crate::…`, `super::…`,
//! `self::…`, a child module's name), inline `mod x { … }` blocks, `#[path]` declarations and the
//! names it defines. Knows nothing of the module tree (`tree`) or the layers.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::lex::{Tok, Token, lex};

/// A module path from the crate root, e.g. `["store", "write", "import"]`.
pub type ModPath = Vec<String>;

/// One `use` leaf: the path it names, the name it brings into scope (`None` for a glob).
#[derive(Debug, Clone)]
pub struct UseLeaf {
    pub segments: Vec<String>,
    pub name: Option<String>,
    pub line: usize,
    pub module: ModPath,
}

/// A path in a file that names something of this crate, before resolution.
#[derive(Debug, Clone)]
pub struct RawPath {
    pub line: usize,
    /// The module the path is written in (the file's module plus inline `mod x { … }` blocks).
    pub module: ModPath,
    pub segments: Vec<String>,
}

/// One source file: where it sits in the module tree, what it imports and defines.
#[derive(Debug)]
pub struct Source {
    pub path: PathBuf,
    pub module: ModPath,
    /// Each line with comments and the contents of string literals blanked out.
    pub code_lines: Vec<String>,
    pub paths: Vec<RawPath>,
    pub uses: Vec<UseLeaf>,
    pub defines: BTreeSet<String>,
    /// `#[path = "…"] mod name;` declarations: (name, file path relative to this file's dir).
    pub path_mods: Vec<(String, String)>,
}

fn ident(t: Option<&Token>) -> Option<&str> {
    match t.map(|t| &t.tok) {
        Some(Tok::Ident(s)) => Some(s),
        _ => None,
    }
}

fn is(t: Option<&Token>, tok: &Tok) -> bool {
    t.is_some_and(|t| &t.tok == tok)
}

/// Parses one use tree starting at `*i`, appending its leaves under `prefix`.
fn use_tree(
    toks: &[Token],
    i: &mut usize,
    prefix: &[String],
    module: &ModPath,
    out: &mut Vec<UseLeaf>,
) {
    let mut segments = prefix.to_vec();
    if is(toks.get(*i), &Tok::PathSep) {
        *i += 1;
    }
    loop {
        let line = toks.get(*i).map_or(0, |t| t.line);
        match toks.get(*i).map(|t| &t.tok) {
            Some(Tok::Punct('{')) => {
                *i += 1;
                while !is(toks.get(*i), &Tok::Punct('}')) && *i < toks.len() {
                    use_tree(toks, i, &segments, module, out);
                    if is(toks.get(*i), &Tok::Punct(',')) {
                        *i += 1;
                    }
                }
                *i += 1;
                return;
            }
            Some(Tok::Punct('*')) => {
                *i += 1;
                out.push(UseLeaf {
                    segments,
                    name: None,
                    line,
                    module: module.clone(),
                });
                return;
            }
            Some(Tok::Ident(s)) => {
                let s = s.clone();
                *i += 1;
                if is(toks.get(*i), &Tok::PathSep) {
                    segments.push(s);
                    *i += 1;
                    continue;
                }
                let mut name = s.clone();
                if s != "self" {
                    segments.push(s);
                } else if let Some(last) = segments.last() {
                    name = last.clone();
                }
                if ident(toks.get(*i)) == Some("as") {
                    name = ident(toks.get(*i + 1)).unwrap_or("_").to_owned();
                    *i += 2;
                }
                out.push(UseLeaf {
                    segments,
                    name: Some(name),
                    line,
                    module: module.clone(),
                });
                return;
            }
            _ => return,
        }
    }
}

const DEFINING: [&str; 10] = [
    "fn",
    "struct",
    "enum",
    "trait",
    "type",
    "const",
    "static",
    "union",
    "mod",
    "macro_rules",
];

/// What a walk over one file's tokens collects.
#[derive(Default)]
struct Walk {
    uses: Vec<UseLeaf>,
    paths: Vec<RawPath>,
    defines: BTreeSet<String>,
    path_mods: Vec<(String, String)>,
    /// The inline modules around the current token: (name, brace depth inside them).
    inline: Vec<(String, usize)>,
    depth: usize,
}

impl Walk {
    /// A definition at `i` (`fn x`, `struct X`, `mod x { … }`, `#[path = "…"] mod x;`…).
    fn definition(&mut self, toks: &[Token], i: usize, keyword: &str) {
        let name_at = if keyword == "macro_rules" {
            i + 2
        } else {
            i + 1
        };
        let Some(name) = ident(toks.get(name_at)) else {
            return;
        };
        self.defines.insert(name.to_owned());
        if keyword == "mod" && is(toks.get(i + 2), &Tok::Punct('{')) {
            self.inline.push((name.to_owned(), self.depth + 1));
        }
        if keyword == "mod"
            && is(toks.get(i + 2), &Tok::Punct(';'))
            && let Some(file) = path_attribute(toks, i)
        {
            self.path_mods.push((name.to_owned(), file));
        }
    }
}

/// The segments of the path starting at `i` (`a::b::C`) and the index after it.
fn path_at(toks: &[Token], i: usize, first: &str) -> (Vec<String>, usize) {
    let mut segments = vec![first.to_owned()];
    let mut j = i + 1;
    while is(toks.get(j), &Tok::PathSep) {
        let Some(s) = ident(toks.get(j + 1)) else {
            break;
        };
        segments.push(s.to_owned());
        j += 2;
    }
    (segments, j)
}

/// Parses a file: its `use` leaves, the crate paths written inline, the names it defines.
pub fn parse(path: &Path, module: ModPath, children: &BTreeSet<String>) -> Source {
    let text = std::fs::read_to_string(path).expect("source readable");
    let (toks, code_lines) = lex(&text);
    let mut w = Walk::default();
    let mut i = 0;
    while i < toks.len() {
        let current: ModPath = module
            .iter()
            .chain(w.inline.iter().map(|(n, _)| n))
            .cloned()
            .collect();
        let path_start = i == 0 || !is(toks.get(i - 1), &Tok::PathSep);
        let before_sep = is(toks.get(i + 1), &Tok::PathSep);
        match &toks[i].tok {
            Tok::Punct('{') => w.depth += 1,
            Tok::Punct('}') => {
                if w.inline.last().is_some_and(|(_, d)| *d == w.depth) {
                    w.inline.pop();
                }
                w.depth = w.depth.saturating_sub(1);
            }
            Tok::Ident(k) if k == "use" && !is(toks.get(i + 1), &Tok::Punct('<')) => {
                i += 1;
                use_tree(&toks, &mut i, &[], &current, &mut w.uses);
                continue;
            }
            Tok::Ident(k) if DEFINING.contains(&k.as_str()) => w.definition(&toks, i, k),
            Tok::Ident(first)
                if path_start
                    && before_sep
                    && (matches!(first.as_str(), "crate" | "super" | "self")
                        || children.contains(first)) =>
            {
                let (segments, next) = path_at(&toks, i, first);
                w.paths.push(RawPath {
                    line: toks[i].line,
                    module: current,
                    segments,
                });
                i = next;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    let from_uses = w
        .uses
        .iter()
        .filter(|u| !u.segments.is_empty())
        .map(|u| RawPath {
            line: u.line,
            module: u.module.clone(),
            segments: u.segments.clone(),
        });
    w.paths.extend(from_uses.collect::<Vec<_>>());
    Source {
        path: path.to_owned(),
        module,
        code_lines,
        paths: w.paths,
        uses: w.uses,
        defines: w.defines,
        path_mods: w.path_mods,
    }
}

/// The string of a `#[path = "…"]` attribute right before the `mod` at `at`, if any.
fn path_attribute(toks: &[Token], at: usize) -> Option<String> {
    // # [ path = "file" ] mod
    let start = at.checked_sub(6)?;
    let window: Vec<&Tok> = toks[start..at].iter().map(|t| &t.tok).collect();
    match window.as_slice() {
        [
            Tok::Punct('#'),
            Tok::Punct('['),
            Tok::Ident(p),
            Tok::Punct('='),
            Tok::Str(f),
            Tok::Punct(']'),
        ] if p == "path" => Some(f.clone()),
        _ => None,
    }
}
