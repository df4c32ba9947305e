//! Reads the crate's sources as a compiler front end would, just far enough to find imports: a
//! parser for `use` trees and inline paths (`crate::…`, `super::…`, `self::…`, a child module's
//! name) over the tokens of `lex`, the module tree (with `#[path]`), and a resolver that follows
//! a facade's `use` re-exports to the file that defines a name. Knows nothing of the layers.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::lex::{Tok, Token, lex};

/// A module path from the crate root, e.g. `["store", "write", "import"]`.
pub type ModPath = Vec<String>;

/// One `use` leaf: the path it names, the name it brings into scope (`None` for a glob).
#[derive(Debug, Clone)]
struct UseLeaf {
    segments: Vec<String>,
    name: Option<String>,
    line: usize,
    module: ModPath,
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
    uses: Vec<UseLeaf>,
    defines: BTreeSet<String>,
    /// `#[path = "…"] mod name;` declarations: (name, file path relative to this file's dir).
    path_mods: Vec<(String, String)>,
}

/// A resolved import: file and line of the path, the top-level module it names in the text, and
/// the file that defines what it names (following `use` re-exports).
#[derive(Debug, Clone)]
pub struct Import {
    pub line: usize,
    pub text: String,
    pub named_module: String,
    pub target: PathBuf,
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
        if keyword == "mod" && is(toks.get(i + 2), &Tok::Punct(';')) {
            if let Some(file) = path_attribute(toks, i) {
                self.path_mods.push((name.to_owned(), file));
            }
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

/// The module a file under `src/` is, by Rust's file layout (`a/mod.rs` and `a.rs` are `a`).
pub fn module_of(src: &Path, file: &Path) -> ModPath {
    let rel = file.strip_prefix(src).expect("file under src");
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().expect("a file name");
    let stem = last.trim_end_matches(".rs");
    if !matches!(stem, "mod" | "lib") {
        parts.push(stem.to_owned());
    }
    parts
}

/// Every `.rs` file under `dir`, sorted.
pub fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("source dir readable") {
            let path = entry.expect("dir entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The crate's sources and their module tree.
pub struct Crate {
    pub files: Vec<Source>,
    by_module: BTreeMap<ModPath, usize>,
}

impl Crate {
    /// Reads every file of the library under `src` (the binary root `main.rs` is not part of it).
    pub fn read(src: &Path) -> Crate {
        let files: Vec<PathBuf> = rust_files(src)
            .into_iter()
            .filter(|f| f != &src.join("main.rs"))
            .collect();
        let mut modules: Vec<ModPath> = files.iter().map(|f| module_of(src, f)).collect();
        // First pass: `#[path]` attributes move a file to where it is declared.
        let plain: Vec<Source> = files
            .iter()
            .zip(&modules)
            .map(|(f, m)| parse(f, m.clone(), &BTreeSet::new()))
            .collect();
        for s in &plain {
            let dir = s.path.parent().expect("file in a dir");
            for (name, rel) in &s.path_mods {
                let target = dir.join(rel);
                if let Some(k) = files.iter().position(|f| f == &target) {
                    modules[k] = s.module.iter().cloned().chain([name.clone()]).collect();
                }
            }
        }
        let children = |m: &ModPath| -> BTreeSet<String> {
            modules
                .iter()
                .filter(|c| c.len() == m.len() + 1 && c.starts_with(m))
                .map(|c| c[m.len()].clone())
                .collect()
        };
        let sources: Vec<Source> = files
            .iter()
            .zip(&modules)
            .map(|(f, m)| parse(f, m.clone(), &children(m)))
            .collect();
        let by_module = sources
            .iter()
            .enumerate()
            .map(|(k, s)| (s.module.clone(), k))
            .collect();
        Crate {
            files: sources,
            by_module,
        }
    }

    fn is_module(&self, m: &[String]) -> bool {
        self.by_module.contains_key(m)
    }

    /// Whether module `m` is the root of a folder of modules.
    pub fn has_children(&self, m: &[String]) -> bool {
        self.by_module
            .keys()
            .any(|c| c.len() == m.len() + 1 && c.starts_with(m))
    }

    /// The absolute module path a path written in `module` names, or `None` if it is not a path
    /// into this crate (an external crate, a local item, `super` above the root).
    pub fn absolute(&self, module: &ModPath, segments: &[String]) -> Option<Vec<String>> {
        let first = segments.first()?;
        match first.as_str() {
            "crate" => Some(segments[1..].to_vec()),
            "self" => Some(module.iter().chain(&segments[1..]).cloned().collect()),
            "super" => {
                let ups = segments.iter().take_while(|s| *s == "super").count();
                let base = module.get(..module.len().checked_sub(ups)?)?;
                Some(base.iter().chain(&segments[ups..]).cloned().collect())
            }
            child => {
                let mut m = module.clone();
                m.push(child.to_owned());
                self.is_module(&m)
                    .then(|| module.iter().chain(segments).cloned().collect())
            }
        }
    }

    /// The file an absolute path leads to: the deepest module file it names; when that file is
    /// the root of a folder of modules (a facade: `mod.rs`, `lib.rs`, `a.rs` beside `a/`), on
    /// through its `use` declarations (its re-exports, and the imports its children reach with
    /// `super::`) to the file that defines the name. A leaf file's own re-export is not followed:
    /// naming `a::X` depends on `a`. `depth` bounds re-export chains.
    pub fn resolve(&self, abs: &[String], depth: usize) -> Option<usize> {
        let mut k = (0..=abs.len()).rev().find(|&n| self.is_module(&abs[..n]))?;
        let file = self.by_module[&abs[..k]];
        if k == abs.len() || depth == 0 || !self.has_children(&abs[..k]) {
            return Some(file);
        }
        let name = &abs[k];
        let src = &self.files[file];
        if src.defines.contains(name) {
            return Some(file);
        }
        k += 1;
        for u in src.uses.iter().filter(|u| u.name.as_deref() == Some(name)) {
            if let Some(target) = self.absolute(&u.module, &u.segments) {
                let full: Vec<String> =
                    target.into_iter().chain(abs[k..].iter().cloned()).collect();
                return self.resolve(&full, depth - 1);
            }
        }
        for u in src.uses.iter().filter(|u| u.name.is_none()) {
            if let Some(target) = self.absolute(&u.module, &u.segments) {
                let Some(g) = self.resolve(&target, depth - 1) else {
                    continue;
                };
                let defines = self.files[g].defines.contains(name)
                    || self.files[g]
                        .uses
                        .iter()
                        .any(|x| x.name.as_deref() == Some(name));
                if defines && g != file {
                    let full: Vec<String> = self.files[g]
                        .module
                        .iter()
                        .chain(&abs[k - 1..])
                        .cloned()
                        .collect();
                    return self.resolve(&full, depth - 1);
                }
            }
        }
        Some(file)
    }

    /// Every import of file `k` into this crate, resolved.
    pub fn imports(&self, k: usize) -> Vec<Import> {
        let src = &self.files[k];
        let mut out = Vec::new();
        for p in &src.paths {
            let Some(abs) = self.absolute(&p.module, &p.segments) else {
                continue;
            };
            let Some(named_module) = abs.first().cloned() else {
                continue;
            };
            let Some(target) = self.resolve(&abs, 8) else {
                continue;
            };
            out.push(Import {
                line: p.line,
                text: p.segments.join("::"),
                named_module,
                target: self.files[target].path.clone(),
            });
        }
        out
    }
}
