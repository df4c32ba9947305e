//! Timing and memory helpers: repeated runs with median and p99, resident memory from /proc,
//! directory sizes, and a cold child process (this same binary re-executed) for the open figures.

use std::path::Path;
use std::time::{Duration, Instant};

/// Latencies of repeated runs of one operation.
#[derive(Clone, Debug)]
pub struct Stat {
    pub samples: Vec<Duration>,
}

impl Stat {
    pub fn of(mut samples: Vec<Duration>) -> Stat {
        samples.sort_unstable();
        Stat { samples }
    }

    fn at(&self, q: f64) -> Duration {
        if self.samples.is_empty() {
            return Duration::ZERO;
        }
        let i = ((self.samples.len() - 1) as f64 * q).round() as usize;
        self.samples[i]
    }

    pub fn median(&self) -> Duration {
        self.at(0.5)
    }

    pub fn p99(&self) -> Duration {
        self.at(0.99)
    }
}

/// Runs `f` once to warm up, then repeatedly for about `budget` (at least 3, at most `max`
/// times); returns every run's time.
pub fn repeat<T>(budget: Duration, max: usize, mut f: impl FnMut() -> T) -> Stat {
    std::hint::black_box(f());
    let start = Instant::now();
    let mut samples = Vec::new();
    while samples.len() < 3 || (start.elapsed() < budget && samples.len() < max) {
        let t = Instant::now();
        std::hint::black_box(f());
        samples.push(t.elapsed());
    }
    Stat::of(samples)
}

/// A field of /proc/self/status in KiB (VmRSS, VmHWM).
pub fn proc_kib(field: &str) -> u64 {
    let text = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    text.lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// Bytes under `path` (files only, recursively).
pub fn disk_bytes(path: &Path) -> u64 {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return 0;
    };
    if meta.is_file() {
        return meta.len();
    }
    std::fs::read_dir(path)
        .map(|rd| rd.flatten().map(|e| disk_bytes(&e.path())).sum())
        .unwrap_or(0)
}

/// Runs this binary again as a child with `MOTCUA_BENCH_CHILD=mode` and `arg`, and parses the
/// `key=value` pairs it prints.
pub fn child(mode: &str, arg: &Path) -> Vec<(String, u64)> {
    let exe = std::env::current_exe().expect("the bench knows its own path");
    let out = std::process::Command::new(exe)
        .env("MOTCUA_BENCH_CHILD", mode)
        .env("MOTCUA_BENCH_ARG", arg)
        .output()
        .expect("the bench can run itself");
    if !out.status.success() {
        panic!(
            "child {mode} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .filter_map(|kv| {
            let (k, v) = kv.split_once('=')?;
            Some((k.to_owned(), v.parse().ok()?))
        })
        .collect()
}

pub fn get(pairs: &[(String, u64)], key: &str) -> u64 {
    pairs.iter().find(|(k, _)| k == key).map_or(0, |(_, v)| *v)
}

/// Copies a store (a data directory, or a SQLite file with its `-wal`) to `to`, replacing it.
pub fn copy_store(from: &Path, to: &Path) {
    remove_store(to);
    if from.is_dir() {
        std::fs::create_dir_all(to).expect("bench dir is writable");
        for e in std::fs::read_dir(from).expect("store readable").flatten() {
            copy_store(&e.path(), &to.join(e.file_name()));
        }
    } else {
        std::fs::copy(from, to).expect("store file copies");
        for suffix in ["-wal", "-shm"] {
            let (mut a, mut b) = (from.as_os_str().to_owned(), to.as_os_str().to_owned());
            a.push(suffix);
            b.push(suffix);
            if Path::new(&a).exists() {
                std::fs::copy(&a, &b).expect("WAL copies");
            }
        }
    }
}

/// Removes a store copied by [`copy_store`] (missing is fine).
pub fn remove_store(p: &Path) {
    if p.is_dir() {
        let _ = std::fs::remove_dir_all(p);
    } else {
        for suffix in ["", "-wal", "-shm"] {
            let mut a = p.as_os_str().to_owned();
            a.push(suffix);
            let _ = std::fs::remove_file(&a);
        }
    }
}
