//! The whole desk without a terminal (helix's `helix-term/tests/test/helpers.rs` is the model):
//! the real [`App`] over a real ledger in a temporary data directory, driven by key presses.
//! Each key goes through `App::on_key` as the event loop sends it, the resulting action and
//! every effect it leads to run through `tui::dispatch` (the event loop's own function, so
//! `tui::effects::run` against the desk), and the screen is read from ratatui's `TestBackend`.
//! Printouts go to the temporary data directory's `printouts` folder. The clock is the test's:
//! it moves only when the test says so.

use std::path::{Path, PathBuf};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use unicode_width::UnicodeWidthStr;

use motcua::calendar::LocalTime;
use motcua::desk::{Desk, LocalDesk};
use motcua::tui::app::{Action, App};
use motcua::tui::effects::Runner;
use motcua::tui::keymap::Key;

use super::at;

/// The clerk's name on every event the headless desk writes.
pub const OPERATOR: &str = "Lê Thị Hoa";

/// A desk screen on a fresh ledger, with its own clock.
pub struct Headless {
    /// Holds the temporary data directory for as long as the desk lives.
    _dir: tempfile::TempDir,
    data: PathBuf,
    /// The ledger. The runner sees it as `&dyn Desk`, as the TUI does.
    pub desk: LocalDesk,
    pub app: App,
    pub now: LocalTime,
    size: (u16, u16),
}

impl Headless {
    /// A 120×35 desk on an empty data directory at `now` ("YYYY-MM-DD HH:MM").
    pub fn start(now: &str) -> Headless {
        Headless::start_sized(now, (120, 35))
    }

    /// Opens the desk as `tui::run` does: the catalogue from the desk, then a first resize that
    /// loads the board.
    pub fn start_sized(now: &str, size: (u16, u16)) -> Headless {
        let dir = tempfile::tempdir().expect("temp dir");
        let data = dir.path().join("data");
        let desk = LocalDesk::open(&data).expect("a new ledger opens");
        let now = at(now);
        let mut app = App::new(now, Vec::new(), size);
        app.catalogue = desk.catalogue().expect("the built-in catalogue");
        app.operator = OPERATOR.to_owned();
        app.placeholder_code = desk.profile().expect("a profile").placeholder_code;
        motcua::tui::attach_local(&mut app, &desk, now);
        let mut h = Headless {
            _dir: dir,
            data,
            desk,
            app,
            now,
            size,
        };
        h.dispatch(Action::Resize(size.0, size.1));
        h
    }

    /// Runs `action` and every effect it leads to, as the event loop does.
    pub fn dispatch(&mut self, action: Action) {
        let printouts = self.printouts();
        let runner = Runner {
            desk: &self.desk,
            operator: OPERATOR,
            printouts: &printouts,
            data_dir: Some(&self.data),
        };
        motcua::tui::dispatch(&mut self.app, &runner, action, self.now);
    }

    /// Presses each key in turn (a key the current screen does not bind does nothing).
    pub fn press(&mut self, keys: &[Key]) -> &mut Headless {
        for key in keys {
            if let Some(action) = self.app.on_key(*key) {
                self.dispatch(action);
            }
        }
        self
    }

    /// Types `text` key by key, as a keyboard or a barcode scanner does.
    pub fn type_text(&mut self, text: &str) -> &mut Headless {
        let keys: Vec<Key> = text.chars().map(Key::Char).collect();
        self.press(&keys)
    }

    /// Moves the clock to `now`; the screen refreshes as on the event loop's tick.
    pub fn set_now(&mut self, now: &str) -> &mut Headless {
        self.now = at(now);
        self.dispatch(Action::Tick);
        self
    }

    /// The screen as text, one line per row (wide characters once, as a terminal shows them).
    pub fn screen(&self) -> String {
        let (w, h) = self.size;
        let mut t = Terminal::new(TestBackend::new(w, h)).expect("test backend");
        t.draw(|f| motcua::tui::render::render(&self.app, f))
            .expect("draw");
        let buffer = t.backend().buffer();
        let mut lines = Vec::new();
        for y in 0..h {
            let mut line = String::new();
            let mut x = 0;
            while x < w {
                let symbol = buffer[(x, y)].symbol();
                line.push_str(symbol);
                x += u16::try_from(symbol.width().max(1)).expect("a cell is narrow");
            }
            lines.push(line.trim_end().to_owned());
        }
        lines.join("\n")
    }

    /// The screen, after checking it shows `text` (fails with the screen otherwise).
    pub fn expect(&self, text: &str) -> String {
        let screen = self.screen();
        assert!(
            screen.contains(text),
            "the screen lacks {text:?}:\n{screen}"
        );
        screen
    }

    pub fn data_dir(&self) -> &Path {
        &self.data
    }

    /// Where printouts go, as `cli` sets it for the desk screen.
    pub fn printouts(&self) -> PathBuf {
        self.data.join("printouts")
    }

    /// The files written to the printouts folder, sorted.
    pub fn printed(&self) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = match std::fs::read_dir(self.printouts()) {
            Ok(entries) => entries.map(|e| e.expect("dir entry").path()).collect(),
            Err(_) => Vec::new(),
        };
        files.sort();
        files
    }
}
