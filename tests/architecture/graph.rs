//! Directed graphs over node numbers `0..n`: strongly connected components (Tarjan) and a
//! shortest path, enough to name one cycle of a tangle of files.

use std::collections::{BTreeSet, VecDeque};

/// The strongly connected components with more than one node, each sorted.
pub fn tangles(next: &[BTreeSet<usize>]) -> Vec<Vec<usize>> {
    let mut t = Tarjan {
        next,
        index: vec![None; next.len()],
        low: vec![0; next.len()],
        stack: Vec::new(),
        on_stack: vec![false; next.len()],
        out: Vec::new(),
    };
    for v in 0..next.len() {
        if t.index[v].is_none() {
            t.visit(v);
        }
    }
    t.out
}

struct Tarjan<'a> {
    next: &'a [BTreeSet<usize>],
    index: Vec<Option<usize>>,
    low: Vec<usize>,
    stack: Vec<usize>,
    on_stack: Vec<bool>,
    out: Vec<Vec<usize>>,
}

impl Tarjan<'_> {
    fn visit(&mut self, v: usize) {
        let n = self.index.iter().flatten().count();
        self.index[v] = Some(n);
        self.low[v] = n;
        self.stack.push(v);
        self.on_stack[v] = true;
        for &w in self.next[v].iter() {
            match self.index[w] {
                None => {
                    self.visit(w);
                    self.low[v] = self.low[v].min(self.low[w]);
                }
                Some(iw) if self.on_stack[w] => self.low[v] = self.low[v].min(iw),
                Some(_) => {}
            }
        }
        if Some(self.low[v]) == self.index[v] {
            let mut component = Vec::new();
            while let Some(w) = self.stack.pop() {
                self.on_stack[w] = false;
                component.push(w);
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort_unstable();
                self.out.push(component);
            }
        }
    }
}

/// The nodes of a shortest path from `from` to `to` through `inside`, both ends included
/// (breadth first); empty when there is none.
pub fn shortest_path(
    next: &[BTreeSet<usize>],
    inside: &BTreeSet<usize>,
    from: usize,
    to: usize,
) -> Vec<usize> {
    let mut came = vec![None; next.len()];
    let mut queue = VecDeque::from([from]);
    while let Some(v) = queue.pop_front() {
        if v == to {
            let mut path = vec![to];
            let mut at = to;
            while at != from {
                at = came[at].expect("every reached node but the start has a predecessor");
                path.push(at);
            }
            path.reverse();
            return path;
        }
        for &w in next[v].iter().filter(|w| inside.contains(w)) {
            if w != from && came[w].is_none() {
                came[w] = Some(v);
                queue.push_back(w);
            }
        }
    }
    Vec::new()
}
