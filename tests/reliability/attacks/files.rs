//! Attack 6 (printouts and reports world-readable, an existing 0755 data directory kept),
//! attack 7 (`backup --out /dev/full` renamed the backup over the device), attack 9 (a notice
//! file linked to /dev/zero made motcua allocate about 24 GB), and attack 10's killed backup
//! (proof copies of the whole ledger left in the system's temporary folder).

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

use super::super::fixtures::{arg, stderr, stdout};
use super::{receive, run};

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).expect("meta").permissions().mode() & 0o777
}

/// Runs the binary under `umask 000`, as a careless shell would.
fn run_umask_000(data: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec![
        env!("CARGO_BIN_EXE_motcua"),
        "--data-dir",
        arg(data),
        "--now",
        "2026-03-02 09:00",
    ];
    all.extend_from_slice(args);
    Command::new("sh")
        .arg("-c")
        .arg("umask 000; exec \"$@\"")
        .arg("sh")
        .args(all)
        .output()
        .expect("run under umask 000")
}

#[test]
fn attack_6_printouts_and_reports_are_private_whatever_the_umask() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    let code = receive(&data, "Nguyễn Thị Mai", &["--id-number", "001085012345"]);
    let out = dir.path().join("out/sub");
    for (args, file) in [
        (vec!["print", "receipt", &code, "--out"], out.join("r.pdf")),
        (
            vec!["report", "day", "2026-03-02", "--out"],
            out.join("d.txt"),
        ),
        (vec!["export", "--out"], out.join("e.jsonl")),
        (vec!["catalogue", "export", "--out"], out.join("c.csv")),
    ] {
        let mut args = args.clone();
        args.push(arg(&file));
        let o = run_umask_000(&data, &args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert_eq!(mode(&file), 0o600, "{}", file.display());
    }
    assert_eq!(mode(&out), 0o700);
    assert_eq!(mode(&dir.path().join("out")), 0o700);
    // An existing data directory left 0755 with a 0644 printout is tightened at open.
    let printouts = data.join("printouts");
    std::fs::create_dir(&printouts).expect("printouts");
    std::fs::write(printouts.join("old.pdf"), b"%PDF").expect("old printout");
    for (p, m) in [
        (&data, 0o755),
        (&printouts, 0o755),
        (&printouts.join("old.pdf"), 0o644),
    ] {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).expect("chmod");
    }
    let o = run(&data, &["list"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(mode(&data), 0o700);
    assert_eq!(mode(&printouts), 0o700);
    assert_eq!(mode(&printouts.join("old.pdf")), 0o600);
}

#[test]
fn attack_7_outputs_never_replace_a_device_a_fifo_or_a_folder() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    let code = receive(&data, "Nguyễn Văn An", &[]);
    let fifo = dir.path().join("fifo");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let folder = dir.path().join("folder.pdf");
    std::fs::create_dir(&folder).expect("folder");
    let to_null = dir.path().join("null.txt");
    std::os::unix::fs::symlink("/dev/null", &to_null).expect("link");
    for target in [&fifo, &folder, &to_null] {
        for args in [
            vec!["backup", "--out", arg(target)],
            vec![
                "print",
                "receipt",
                &code,
                "--out",
                arg(target),
                "--format",
                "pdf",
            ],
            vec![
                "report",
                "day",
                "2026-03-02",
                "--out",
                arg(target),
                "--format",
                "text",
            ],
            vec!["export", "--out", arg(target)],
        ] {
            let o = run(&data, &args);
            assert_ne!(o.status.code(), Some(0), "{args:?} wrote: {}", stdout(&o));
            assert!(
                stderr(&o).contains("không phải một tệp thường"),
                "{}",
                stderr(&o)
            );
        }
    }
    use std::os::unix::fs::FileTypeExt;
    assert!(
        std::fs::symlink_metadata(&fifo)
            .expect("fifo")
            .file_type()
            .is_fifo()
    );
    assert!(folder.is_dir());
    assert!(
        std::fs::symlink_metadata(&to_null)
            .expect("link")
            .file_type()
            .is_symlink()
    );
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| !n.contains(".tmp")),
        "temporary files left: {names:?}"
    );
}

#[test]
fn attack_9_every_file_read_has_a_size_limit() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    receive(&data, "Nguyễn Văn An", &[]);
    let big = dir.path().join("big");
    std::fs::File::create(&big)
        .and_then(|f| f.set_len(100 << 20))
        .expect("a sparse 100 MB file");
    let notice = data.join("calendar/2027.toml");
    for target in [big.as_path(), Path::new("/dev/zero")] {
        let _ = std::fs::remove_file(&notice);
        std::os::unix::fs::symlink(target, &notice).expect("link the notice");
        for args in [vec!["list"], vec!["calendar", "days", "2027"]] {
            let o = run(&data, &args);
            assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stdout(&o));
            assert!(stderr(&o).contains("quá lớn"), "{}", stderr(&o));
        }
    }
    std::fs::remove_file(&notice).expect("unlink");
    let o = run(&data, &["catalogue", "import", arg(&big)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("quá lớn"), "{}", stderr(&o));
    // A backup is read whole: more than 8 GiB is refused before reading, and only a regular
    // file is read at all.
    let huge = dir.path().join("huge.backup");
    std::fs::File::create(&huge)
        .and_then(|f| f.set_len(9 << 30))
        .expect("a sparse 9 GiB file");
    for file in [huge.as_path(), Path::new("/dev/zero")] {
        let o = Command::new(env!("CARGO_BIN_EXE_motcua"))
            .args([
                "--data-dir",
                arg(&dir.path().join("r")),
                "restore",
                arg(file),
            ])
            .output()
            .expect("restore");
        assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
        let err = stderr(&o);
        assert!(
            err.contains("quá lớn") || err.contains("không phải tệp thường"),
            "{err}"
        );
    }
    let config = data.join("config.toml");
    std::fs::remove_file(&config).expect("config");
    std::os::unix::fs::symlink(&big, &config).expect("link the config");
    let o = run(&data, &["list"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("quá lớn"), "{}", stderr(&o));
}

#[test]
fn attack_10_a_backup_makes_no_copy_outside_the_data_directory() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    receive(&data, "Nguyễn Văn An", &[]);
    // A system temporary folder that cannot hold anything (a file, not a folder: even root
    // cannot create in it): the old proof was restored there.
    let tmp = dir.path().join("tmp");
    std::fs::write(&tmp, b"").expect("tmp");
    let out = dir.path().join("b.backup");
    let o = Command::new(env!("CARGO_BIN_EXE_motcua"))
        .env("TMPDIR", &tmp)
        .args(["--data-dir", arg(&data), "backup", "--out", arg(&out)])
        .output()
        .expect("backup");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // What a killed backup left in the data directory's own .tmp goes at the next start.
    let left = data.join(".tmp/proof-4294967290-0/store");
    std::fs::create_dir_all(&left).expect("a leftover proof");
    let o = run(&data, &["list"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!left.exists(), "the leftover proof is still there");
}
