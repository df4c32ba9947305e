//! Search as you type (`/` from any screen): accent-insensitive over name, code, ID number and
//! phone, through `Desk::search`. Each keystroke asks again; an answer to an older query is
//! dropped.

use super::app::{Action, App, Effect, Screen};
use super::keymap::Cmd;

/// How many results a search asks for.
pub(crate) const LIMIT: usize = 50;

pub(crate) fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let Screen::Search(s) = &mut app.screen else {
        return Vec::new();
    };
    let edited = match action {
        Action::Input(c) => {
            s.query.insert(c);
            true
        }
        Action::Paste(text) => {
            s.query.insert_str(&text);
            true
        }
        Action::Key(Cmd::Edit(e)) => s.query.edit(e),
        Action::Key(Cmd::Up) => {
            s.selected = s.selected.saturating_sub(1);
            false
        }
        Action::Key(Cmd::Down) => {
            s.selected = (s.selected + 1).min(s.results.len().saturating_sub(1));
            false
        }
        Action::Key(Cmd::Open) => {
            return match s.results.get(s.selected) {
                Some(row) => vec![Effect::Open(row.dossier.code.clone())],
                None => Vec::new(),
            };
        }
        Action::Key(Cmd::Back) => return app.go_board(),
        Action::SearchResults { query, rows } => {
            if query == s.query.value().trim() {
                s.answered = query;
                s.results = rows;
                s.selected = s.selected.min(s.results.len().saturating_sub(1));
            }
            false
        }
        Action::Opened(detail) => {
            app.open_detail(*detail);
            return Vec::new();
        }
        _ => false,
    };
    if !edited {
        return Vec::new();
    }
    s.selected = 0;
    let q = s.query.value().trim().to_owned();
    if q.is_empty() {
        s.results.clear();
        s.answered.clear();
        return Vec::new();
    }
    vec![Effect::Search(q)]
}
