//! Writing the agency's identity into `config.toml` from the desk's setup form (first run, and
//! the board's settings screen): the `[agency]` keys the form names are replaced line by line,
//! so every comment of the file stays where the staff read it; the new text is then read by
//! [`Settings::parse`] — the same rules as for a hand-edited file — before it replaces the old
//! one atomically (mode 0600).

use std::path::{Path, PathBuf};

use super::{Agency, DEFAULT_TOML, FILE_NAME, Settings, SettingsError};

/// What the setup form asks: the `[agency]` keys printed on every paper and in every code.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AgencySetup {
    /// `name`: "UBND xã Thanh Sơn".
    pub name: String,
    /// `code`: the agency's electronic identifier, the first part of every dossier code.
    pub code: String,
    /// `parent`: the superior ("ĐƠN VỊ CHỦ QUẢN"); may be empty.
    pub parent: String,
    /// `place`: written before a document's date.
    pub place: String,
    /// `desk_name`: the desk or centre.
    pub desk_name: String,
    /// `head`: who signs apology letters and stop notices; may be empty.
    pub head: String,
    /// `head_title`: the head's title above the signature.
    pub head_title: String,
}

impl AgencySetup {
    /// The values `[agency]` holds now.
    pub fn of(a: &Agency) -> AgencySetup {
        AgencySetup {
            name: a.name.clone(),
            code: a.code.clone(),
            parent: a.parent.clone(),
            place: a.place.clone(),
            desk_name: a.desk_name.clone(),
            head: a.head.clone(),
            head_title: a.head_title.clone(),
        }
    }

    /// `(key, value)` in the form's order.
    pub fn pairs(&self) -> [(&'static str, &str); 7] {
        [
            ("name", &self.name),
            ("code", &self.code),
            ("parent", &self.parent),
            ("place", &self.place),
            ("desk_name", &self.desk_name),
            ("head", &self.head),
            ("head_title", &self.head_title),
        ]
    }
}

/// The key a line of a TOML table sets (`  name = "…"` → `name`), if it sets one.
fn key_of(line: &str) -> Option<&str> {
    let (key, _) = line.split_once('=')?;
    let key = key.trim();
    (!key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')).then_some(key)
}

/// `text` with the `[agency]` keys of `s` set: each key's line replaced where the table has
/// it, the others added right under the `[agency]` header (a file without that table gets one
/// at its end). Other lines, comments included, are kept as they are.
pub fn set_agency(text: &str, s: &AgencySetup) -> String {
    let line = |key: &str, value: &str| format!("{key} = {}", toml::Value::from(value));
    let mut out: Vec<String> = Vec::new();
    let mut in_agency = false;
    let mut header_at = None;
    let mut done = [false; 7];
    for l in text.lines() {
        let t = l.trim_start();
        if t.starts_with('[') {
            in_agency = t.trim_end() == "[agency]";
            if in_agency {
                header_at = Some(out.len());
            }
        } else if in_agency
            && !t.starts_with('#')
            && let Some(k) = key_of(t)
            && let Some(i) = s.pairs().iter().position(|(key, _)| *key == k)
        {
            out.push(line(k, s.pairs()[i].1));
            done[i] = true;
            continue;
        }
        out.push(l.to_owned());
    }
    let missing: Vec<String> = s
        .pairs()
        .iter()
        .zip(done)
        .filter(|(_, d)| !d)
        .map(|((k, v), _)| line(k, v))
        .collect();
    match header_at {
        Some(at) => {
            out.splice(at + 1..at + 1, missing);
        }
        None if !missing.is_empty() => {
            out.push(String::new());
            out.push("[agency]".to_owned());
            out.extend(missing);
        }
        None => {}
    }
    let mut text = out.join("\n");
    text.push('\n');
    text
}

/// Writes `s` into `<data_dir>/config.toml` (the commented default file when there is none
/// yet; the data directory is then created 0700) after the settings reader accepts the result;
/// returns the file's path. Refused, with the reader's reason naming the key, otherwise.
pub fn write_agency(data_dir: &Path, s: &AgencySetup) -> Result<PathBuf, SettingsError> {
    let path = data_dir.join(FILE_NAME);
    let fail = |reason: String| SettingsError {
        file: path.clone(),
        key: None,
        reason,
    };
    let old = if path.exists() {
        crate::files::read_text_bounded(&path, crate::files::limits::CONFIG, "tệp cấu hình")
            .map_err(|e| fail(e.to_string()))?
    } else {
        DEFAULT_TOML.to_owned()
    };
    let new = set_agency(&old, s);
    Settings::parse(&new, &path)?;
    crate::files::write_atomic(&path, new.as_bytes()).map_err(|e| fail(e.to_string()))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup() -> AgencySetup {
        AgencySetup {
            name: "UBND xã Nà Phặc".to_owned(),
            code: "000.12.34.H43".to_owned(),
            parent: "UBND tỉnh Thái Nguyên".to_owned(),
            place: "Nà Phặc".to_owned(),
            desk_name: "Trung tâm Phục vụ hành chính công xã Nà Phặc".to_owned(),
            head: "Hoàng Văn \"Tư\"".to_owned(),
            head_title: "CHỦ TỊCH".to_owned(),
        }
    }

    #[test]
    fn the_default_file_keeps_its_comments_and_reads_back_the_values() {
        let text = set_agency(DEFAULT_TOML, &setup());
        let s = Settings::parse(&text, Path::new("config.toml")).expect("valid");
        assert_eq!(AgencySetup::of(&s.agency), setup());
        let comments = |t: &str| {
            t.lines()
                .filter(|l| l.trim_start().starts_with('#'))
                .count()
        };
        assert_eq!(comments(&text), comments(DEFAULT_TOML));
        assert_eq!(text.lines().count(), DEFAULT_TOML.lines().count());
        // the history's earlier values are not the agency's: untouched
        assert!(text.contains("parent = \"UBND huyện Hữu Lũng\""));
        // twice gives the same file
        assert_eq!(set_agency(&text, &setup()), text);
    }

    #[test]
    fn keys_missing_from_a_hand_made_file_are_added_under_its_header() {
        let text = set_agency(
            "[agency]\nname = \"X\"\n\n[desk]\ndue_soon_minutes = 300\n",
            &setup(),
        );
        let s = Settings::parse(&text, Path::new("config.toml")).expect("valid");
        assert_eq!(AgencySetup::of(&s.agency), setup());
        assert_eq!(s.desk.due_soon_minutes, 300);
        let text = set_agency("[desk]\ndue_soon_minutes = 300\n", &setup());
        let s = Settings::parse(&text, Path::new("config.toml")).expect("valid");
        assert_eq!(s.agency.code, "000.12.34.H43");
    }

    #[test]
    fn the_reader_refuses_what_a_hand_edit_would_be_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let bad = AgencySetup {
            code: "mã xã".to_owned(),
            ..setup()
        };
        let e = write_agency(dir.path(), &bad).expect_err("refused");
        assert_eq!(e.key.as_deref(), Some("agency.code"));
        assert!(!dir.path().join(FILE_NAME).exists(), "nothing written");
        let empty = AgencySetup {
            name: String::new(),
            ..setup()
        };
        let e = write_agency(dir.path(), &empty).expect_err("refused");
        assert!(e.to_string().contains("không được để trống"), "{e}");
        let path = write_agency(&dir.path().join("new"), &setup()).expect("written");
        let text = std::fs::read_to_string(&path).expect("readable");
        assert!(text.starts_with("# Cấu hình bàn một cửa motcua."));
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).expect("exists").permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(&dir.path().join("new")), 0o700);
    }
}
