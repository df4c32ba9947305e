//! The layers point one way (STYLE.md, issue 15). Every import of every file under `src/` (its
//! `use` lines, the `crate::…` paths written inline, `super::…` paths that climb to the root) is
//! held against the table of top-level modules below; an upward or sideways import, an import
//! cycle between files of different top-level modules, a cycle between the files of one module,
//! or a stale allowance fails with file and line. The pure core (`calendar`, `domain`) must in
//! addition not name the terminal, the store, the file system or the clock. `scan` and `tree`
//! read the sources; this file holds the rules; `bites` proves the checker sees what it is for.

mod bites;
mod graph;
mod lex;
mod scan;
mod tree;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The top-level modules, layer by layer: a module imports only modules of layers to its left;
/// modules of one layer are side by side and import none of each other. `lib.rs` and `main.rs`
/// are exempt (they wire the layers together).
const LAYERS: &[&[&str]] = &[
    &["text", "files"],
    &["calendar"],
    &["domain"],
    &["report", "store", "demo"],
    &["settings"],
    &["desk"],
    &["print", "remote"],
    &["tui", "server"],
    &["cli"],
];

/// Today's violations of the layers, each with the work that removes it: (importing file,
/// imported top-level module, who). The test fails when an entry is no longer needed, so this
/// list only shrinks. A cycle between modules whose every upward edge is listed here is
/// tolerated until the entry goes.
#[rustfmt::skip]
const ALLOWED: &[(&str, &str, &str)] = &[];

/// The modules whose files may import each other in a circle, and why. Facades (`mod.rs`, and
/// `a.rs` beside `a/`) are left out of this check: children naming `super::X` and the facade
/// re-exporting them is the ordinary shape of a Rust module.
const CYCLES_WITHIN: &[(&str, &str)] = &[(
    "tui",
    "by design (the Elm shape): the App's Screen enum holds each screen's state and each \
     screen's update takes the App; render.rs dispatches to the views, which share its helpers",
)];

/// What the pure core must not name: the terminal, the store, the file system, the clock.
const IMPURE: [&str; 7] = [
    "ratatui",
    "crossterm",
    "sled",
    "std::fs",
    "SystemTime",
    "Utc::now",
    "Local::now",
];
const PURE_CORE: [&str; 2] = ["calendar", "domain"];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

/// Whether `from` may import `to`: the same module, or one strictly to its left.
fn may_import(from: &str, to: &str) -> bool {
    from == to || matches!((layer_of(from), layer_of(to)), (Some(f), Some(t)) if t < f)
}

fn order() -> String {
    let layers: Vec<String> = LAYERS
        .iter()
        .map(|l| {
            if l.len() == 1 {
                l[0].to_owned()
            } else {
                format!("({})", l.join(", "))
            }
        })
        .collect();
    layers.join(" → ")
}

/// One import, from file to file (both numbered as in `Crate::files`).
struct Edge {
    from: usize,
    to: usize,
    line: usize,
    text: String,
    /// The top-level module the path names in the text.
    named: String,
}

/// The crate under `root/src` as a graph of files and their top-level modules.
struct Files {
    krate: tree::Crate,
    names: Vec<String>,
    tops: Vec<String>,
    edges: Vec<Edge>,
}

impl Files {
    fn read(root: &Path) -> Files {
        let krate = tree::Crate::read(&root.join("src"));
        let names = krate
            .files
            .iter()
            .map(|f| {
                f.path
                    .strip_prefix(root)
                    .unwrap_or(&f.path)
                    .display()
                    .to_string()
            })
            .collect();
        let tops = krate
            .files
            .iter()
            .map(|f| f.module.first().cloned().unwrap_or_default())
            .collect();
        let number: BTreeMap<_, _> = krate
            .files
            .iter()
            .enumerate()
            .map(|(k, f)| (f.path.clone(), k))
            .collect();
        let mut edges = Vec::new();
        for from in 0..krate.files.len() {
            for i in krate.imports(from) {
                let to = number[&i.target];
                edges.push(Edge {
                    from,
                    to,
                    line: i.line,
                    text: i.text,
                    named: i.named_module,
                });
            }
        }
        Files {
            krate,
            names,
            tops,
            edges,
        }
    }

    fn step(&self, e: &Edge) -> String {
        format!(
            "  {}:{}: `{}` → {}",
            self.names[e.from], e.line, e.text, self.names[e.to]
        )
    }

    /// The edge from `a` to `b` (the first on the lowest line).
    fn edge(&self, a: usize, b: usize) -> &Edge {
        let mut between: Vec<&Edge> = self
            .edges
            .iter()
            .filter(|e| e.from == a && e.to == b)
            .collect();
        between.sort_by_key(|e| e.line);
        between[0]
    }

    /// One cycle through `tangle` that starts with the edge `a → b`, as lines for a message.
    fn cycle(&self, next: &[BTreeSet<usize>], tangle: &[usize], a: usize, b: usize) -> String {
        let inside: BTreeSet<usize> = tangle.iter().copied().collect();
        let back = graph::shortest_path(next, &inside, b, a);
        let mut steps = vec![self.step(self.edge(a, b))];
        steps.extend(back.windows(2).map(|w| self.step(self.edge(w[0], w[1]))));
        steps.join("\n")
    }
}

/// Every failure of the rules in the crate under `root/src`.
fn check(
    root: &Path,
    allowed: &[(&str, &str, &str)],
    cycles_within: &[(&str, &str)],
) -> Vec<String> {
    let files = Files::read(root);
    let mut failures = unplaced(&files);
    let mut used = BTreeSet::new();
    let mut seen = BTreeSet::new();
    for e in &files.edges {
        let from = &files.tops[e.from];
        if from.is_empty() || may_import(from, &e.named) || !seen.insert((e.from, e.line, &e.named))
        {
            continue;
        }
        let name = &files.names[e.from];
        if let Some(entry) = allowed.iter().find(|(f, m, _)| f == name && m == &e.named) {
            used.insert(*entry);
            continue;
        }
        let why = match (layer_of(from), layer_of(&e.named)) {
            (_, None) => "it is not in the layer table",
            (Some(f), Some(t)) if f == t => "they sit side by side",
            _ => "it sits above",
        };
        failures.push(format!(
            "{name}:{}: `{}`: `{from}` may not import `{}` ({why})",
            e.line, e.text, e.named
        ));
    }
    for entry @ (f, m, who) in allowed {
        if !used.contains(entry) {
            failures.push(format!(
                "ALLOWED: ({f} imports {m}, {who}) no longer occurs: delete its line"
            ));
        }
    }
    failures.extend(cycles_between(&files, allowed));
    failures.extend(cycles_within_modules(&files, cycles_within));
    failures.extend(impure_core(&files));
    failures
}

/// Top-level modules missing from the layer table.
fn unplaced(files: &Files) -> Vec<String> {
    let mut seen = BTreeSet::new();
    let mut failures = Vec::new();
    for (name, top) in files.names.iter().zip(&files.tops) {
        if !top.is_empty() && layer_of(top).is_none() && seen.insert(top) {
            failures.push(format!(
                "{name}: the top-level module `{top}` is not in the layer table: give it its place"
            ));
        }
    }
    failures
}

/// Each tangle of files spanning two top-level modules fails with one of its cycles, unless
/// every edge against the layers in it is allowed.
fn cycles_between(files: &Files, allowed: &[(&str, &str, &str)]) -> Vec<String> {
    let mut next = vec![BTreeSet::new(); files.names.len()];
    for e in files.edges.iter().filter(|e| e.from != e.to) {
        next[e.from].insert(e.to);
    }
    let mut failures = Vec::new();
    for tangle in graph::tangles(&next) {
        let inside: BTreeSet<usize> = tangle.iter().copied().collect();
        let crossing: Vec<&Edge> = files
            .edges
            .iter()
            .filter(|e| inside.contains(&e.from) && inside.contains(&e.to))
            .filter(|e| files.tops[e.from] != files.tops[e.to])
            .collect();
        let is_allowed = |e: &Edge| {
            allowed
                .iter()
                .any(|(f, m, _)| *f == files.names[e.from] && *m == files.tops[e.to])
        };
        let mut upward = crossing
            .iter()
            .filter(|e| !may_import(&files.tops[e.from], &files.tops[e.to]));
        // The cycle shown starts at an upward edge that is not allowed.
        if let Some(first) = upward.find(|e| !is_allowed(e)) {
            failures.push(format!(
                "import cycle between files of different top-level modules ({} files tangled), e.g.:\n{}",
                tangle.len(),
                files.cycle(&next, &tangle, first.from, first.to)
            ));
        }
    }
    failures
}

/// Cycles between the (non-facade) files of one top-level module.
fn cycles_within_modules(files: &Files, exempt: &[(&str, &str)]) -> Vec<String> {
    let leaf: Vec<bool> = files
        .krate
        .files
        .iter()
        .map(|f| !files.krate.has_children(&f.module))
        .collect();
    let mut next = vec![BTreeSet::new(); files.names.len()];
    for e in &files.edges {
        if e.from != e.to && leaf[e.from] && leaf[e.to] && files.tops[e.from] == files.tops[e.to] {
            next[e.from].insert(e.to);
        }
    }
    let mut failures = Vec::new();
    let mut used = BTreeSet::new();
    for tangle in graph::tangles(&next) {
        let top = &files.tops[tangle[0]];
        if let Some(entry) = exempt.iter().find(|(m, _)| m == top) {
            used.insert(*entry);
            continue;
        }
        let (a, b) = tangle
            .iter()
            .find_map(|&a| next[a].first().map(|&b| (a, b)))
            .expect("a tangle has edges");
        failures.push(format!(
            "import cycle between files of `{top}` ({} files tangled): move the shared piece to the \
             lower file, e.g.:\n{}",
            tangle.len(),
            files.cycle(&next, &tangle, a, b)
        ));
    }
    for entry @ (m, why) in exempt {
        if !used.contains(entry) {
            failures.push(format!(
                "CYCLES_WITHIN: ({m}, {why}) no longer occurs: delete its line"
            ));
        }
    }
    failures
}

/// The pure core's lines (comments and string contents blanked) that name the outside world.
fn impure_core(files: &Files) -> Vec<String> {
    let mut failures = Vec::new();
    let core = files.krate.files.iter().zip(&files.names).filter(|(f, _)| {
        f.module
            .first()
            .is_some_and(|m| PURE_CORE.contains(&m.as_str()))
    });
    for (file, name) in core {
        for (n, line) in file.code_lines.iter().enumerate() {
            for word in IMPURE.iter().filter(|w| line.contains(*w)) {
                failures.push(format!(
                    "{name}:{}: the pure core names `{word}` (no terminal, store, files or clock \
                     in {}: `now` is an input)",
                    n + 1,
                    PURE_CORE.join(", ")
                ));
            }
        }
    }
    failures
}

#[test]
fn imports_point_one_way() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let failures = check(root, ALLOWED, CYCLES_WITHIN);
    assert!(
        failures.is_empty(),
        "the layers are crossed (a module imports only modules to its left: {}):\n{}",
        order(),
        failures.join("\n")
    );
}
