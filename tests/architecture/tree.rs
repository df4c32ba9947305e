//! The crate's module tree: which module each file under `src/` is (by Rust's file layout and
//! `#[path]`), and where a path names lands: the file that defines it, through facade
//! re-exports.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::scan::{ModPath, Source, parse};

/// A resolved import: file and line of the path, the top-level module it names in the text, and
/// the file it leads to.
#[derive(Debug, Clone)]
pub struct Import {
    pub line: usize,
    pub text: String,
    pub named_module: String,
    pub target: PathBuf,
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
