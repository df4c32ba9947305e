//! Opening a desk: the data directory (0700), settings, notices, the store and the catalogue
//! (the built-in one written on first run).

use std::path::Path;

use super::{DeskError, LocalDesk};
use crate::calendar::{Calendar, Notice, parse_notice};
use crate::domain::{Procedure, builtin_catalogue};
use crate::settings::Settings;
use crate::store::Store;

/// The notices folder inside the data directory.
pub(crate) const CALENDAR_DIR: &str = "calendar";

fn environment(dir: &Path, e: impl std::fmt::Display) -> DeskError {
    DeskError::Environment(format!(
        "Không tạo/đọc được thư mục dữ liệu {}: {e}.",
        dir.display()
    ))
}

/// Creates `dir` and its parents; the directories created get mode 0700 whatever the umask.
pub(crate) fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    crate::files::private_dir(dir)
}

pub(super) fn open(data_dir: &Path) -> Result<LocalDesk, DeskError> {
    create_private_dir(data_dir).map_err(|e| environment(data_dir, e))?;
    tighten(data_dir)?;
    if !data_dir.join(CALENDAR_DIR).is_dir() {
        create_private_dir(&data_dir.join(CALENDAR_DIR)).map_err(|e| environment(data_dir, e))?;
    }
    let settings =
        Settings::load_or_create(data_dir).map_err(|e| DeskError::Environment(e.to_string()))?;
    let (calendar, calendar_inputs) = load_calendar(data_dir, &settings)?;
    // A full or read-only disk opens a read-only copy (see `store::readonly`).
    let mut store = Store::open_or_read_only(data_dir).map_err(DeskError::from_store)?;
    let (first, last) = settings.desk.clock_years;
    let window = crate::store::ClockWindow::new(first, last)
        .expect("the settings check clock_years like ClockWindow::new");
    store.set_clock_window(window);
    store
        .set_tallier(tallier(&calendar), &calendar_inputs)
        .map_err(DeskError::from_store)?;
    upgrade_records(&store, &calendar)?;
    let mut catalogue = store.procedures().map_err(DeskError::from_store)?;
    if catalogue.is_empty() && store.read_only().is_none() {
        catalogue = builtin_catalogue();
        store
            .put_catalogue(&catalogue)
            .map_err(DeskError::from_store)?;
    }
    sort_catalogue(&mut catalogue);
    Ok(LocalDesk {
        data_dir: data_dir.to_path_buf(),
        store,
        calendar,
        settings,
        catalogue: std::sync::RwLock::new(catalogue),
        calendar_inputs,
    })
}

/// Tightens an existing data directory and its printouts to their owner (an older build or
/// a hand-made folder may have left them 0755 with 0644 PDFs holding ID numbers): folders
/// 0700, printouts 0600. Refused, with the reason, when that is not possible.
fn tighten(data_dir: &Path) -> Result<(), DeskError> {
    let env = |e: crate::files::FileError| DeskError::Environment(e.to_string());
    crate::files::tighten_dir(data_dir).map_err(env)?;
    let printouts = data_dir.join(PRINTOUTS_DIR);
    if printouts.is_dir() {
        crate::files::tighten_dir(&printouts).map_err(env)?;
        let entries = std::fs::read_dir(&printouts).map_err(|e| environment(&printouts, e))?;
        for entry in entries.flatten() {
            if entry.file_type().is_ok_and(|t| t.is_file()) {
                crate::files::make_private(&entry.path(), false)
                    .map_err(|e| environment(&entry.path(), e))?;
            }
        }
    }
    Ok(())
}

/// The folder of the desk's printouts inside the data directory.
pub(crate) const PRINTOUTS_DIR: &str = "printouts";

/// Rewrites the records of an older layout once (see `Store::upgrade_records`), telling the
/// clerk on a terminal how far it got when there are many.
fn upgrade_records(store: &Store, calendar: &Calendar) -> Result<(), DeskError> {
    use std::io::IsTerminal;
    if !store
        .needs_record_upgrade()
        .map_err(DeskError::from_store)?
    {
        return Ok(());
    }
    let terminal = std::io::stderr().is_terminal();
    let mut progress = |done: u64, total: u64| {
        if terminal && total >= 1000 {
            eprint!("\rĐang nâng cấp dữ liệu lên bản mới: {done}/{total} hồ sơ");
            if done == total {
                eprintln!();
            }
        }
    };
    store
        .upgrade_records(calendar, &mut progress)
        .map_err(DeskError::from_store)?;
    Ok(())
}

/// The store's tallier: `domain::tally::contributions` with this calendar.
fn tallier(calendar: &Calendar) -> crate::store::tally::Tallier {
    let calendar = calendar.clone();
    std::sync::Arc::new(move |d| crate::domain::tally::contributions(d, &calendar))
}

impl LocalDesk {
    /// The tallier and its inputs, for a tool that writes the bare store of this data
    /// directory (`motcua demo generate`) and keeps the tallies exact as the desk does.
    pub fn tallier(&self) -> (crate::store::tally::Tallier, Vec<u8>) {
        (tallier(&self.calendar), self.calendar_inputs.clone())
    }
}

/// Field, then name, in Vietnamese alphabetical order (`text::collate`), then code: the order of
/// the intake picker, the catalogue screen and the posted catalogue.
pub(super) fn sort_catalogue(c: &mut [Procedure]) {
    use crate::text::sort_key;
    c.sort_by_cached_key(|p| (sort_key(&p.field), sort_key(&p.name), p.code.clone()));
}

/// The calendar: office hours from the settings, the built-in notices, then the desk's notice
/// files `<data-dir>/calendar/*.toml` in file-name order (a later notice wins). A bad file is
/// refused with its path, line and reason. Also returns the bytes the calendar is built from
/// (office hours and notices), so the store can tell when its tallies need recomputing.
pub(crate) fn load_calendar(
    data_dir: &Path,
    settings: &Settings,
) -> Result<(Calendar, Vec<u8>), DeskError> {
    let dir = data_dir.join(CALENDAR_DIR);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map_err(|e| environment(&dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut notices = Notice::builtin();
    for path in files {
        let text = crate::files::read_text_bounded(
            &path,
            crate::files::limits::NOTICE,
            "tệp thông báo nghỉ lễ",
        )
        .map_err(|e| DeskError::Environment(e.to_string()))?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let notice = parse_notice(&name, &text)
            .map_err(|e| DeskError::Environment(format!("{e} (thư mục {}).", dir.display())))?;
        notices.push(notice);
    }
    let inputs = format!(
        "tally rules {}\n{:?}\n{:?}",
        crate::domain::tally::RULES_VERSION,
        settings.office_hours,
        notices
    )
    .into_bytes();
    Ok((
        Calendar::new(settings.office_hours.clone(), notices),
        inputs,
    ))
}
