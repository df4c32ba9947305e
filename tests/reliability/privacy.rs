//! Personal data: the data directory is 0700 and every file in it 0600 after real use;
//! `export --mask-personal` hides ID numbers, phones and e-mails.

use super::fixtures::{arg, motcua, stderr, stdout};

fn receive(dir: &std::path::Path) -> String {
    let o = motcua(&[
        "--data-dir",
        arg(dir),
        "receive",
        "--procedure",
        "2.000815",
        "--name",
        "Nguyễn Thị Mai",
        "--id-number",
        "001085012345",
        "--phone",
        "0912 345 678",
        "--email",
        "mai.nguyen@example.vn",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    stdout(&o).lines().next().expect("code").to_owned()
}

#[cfg(unix)]
#[test]
fn the_data_directory_is_private_after_real_use() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    for _ in 0..3 {
        receive(&data);
    }
    let out = dir.path().join("b.backup");
    let o = motcua(&["--data-dir", arg(&data), "backup", "--out", arg(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut pending = vec![data.clone()];
    let mut checked = 0;
    while let Some(d) = pending.pop() {
        let mode = std::fs::metadata(&d).expect("dir").permissions().mode() & 0o777;
        assert_eq!(mode, 0o700, "{}", d.display());
        for e in std::fs::read_dir(&d).expect("read dir") {
            let e = e.expect("entry");
            if e.file_type().expect("type").is_dir() {
                pending.push(e.path());
            } else {
                let mode = e.metadata().expect("meta").permissions().mode() & 0o777;
                assert_eq!(mode & 0o077, 0, "{} is {mode:o}", e.path().display());
                checked += 1;
            }
        }
    }
    assert!(checked >= 4, "{checked} files checked");
    let mode = std::fs::metadata(&out)
        .expect("backup")
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o600, "the backup file");
}

#[test]
fn export_can_mask_id_numbers_phones_and_emails() {
    let dir = tempfile::tempdir().expect("dir");
    receive(dir.path());
    for format in ["jsonl", "csv"] {
        let plain = motcua(&["--data-dir", arg(dir.path()), "export", "--format", format]);
        assert!(
            stdout(&plain).contains("001085012345"),
            "{}",
            stdout(&plain)
        );
        let o = motcua(&[
            "--data-dir",
            arg(dir.path()),
            "export",
            "--format",
            format,
            "--mask-personal",
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let text = stdout(&o);
        assert!(!text.contains("001085012345"), "{text}");
        assert!(text.contains("*********345"), "{text}");
        assert!(text.contains("*******678"), "{text}");
        assert!(text.contains("Nguyễn Thị Mai"), "{text}");
        if format == "jsonl" {
            assert!(text.contains("m***@example.vn"), "{text}");
            assert!(!text.contains("mai.nguyen"), "{text}");
        }
    }
}
