//! The dossier view's behaviour: one key per legal action the dossier's state allows, a small
//! form for the action's input, a confirm step for irreversible actions, then one desk call.
//! The drawing is in `dossier_view`.

use crate::desk::FormKind;

use super::app::{Action, App, Confirm, Effect, Screen};
use super::keymap::Cmd;
use super::verbs::{FieldKind, Verb, VerbForm};

/// The dossier view's reaction to an action.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let Screen::Dossier(view) = &mut app.screen else {
        return Vec::new();
    };
    if view.form.is_some() {
        return form_update(app, action);
    }
    match action {
        Action::Key(Cmd::Verb(verb)) => {
            let form = VerbForm::new(verb, &view.detail.row.dossier, &view.detail.defaults);
            if form.fields.is_empty() {
                return submit(app, form);
            }
            view.form = Some(form);
            Vec::new()
        }
        Action::Key(Cmd::Print) => {
            vec![Effect::Print(
                view.detail.row.dossier.code.clone(),
                FormKind::Receipt,
            )]
        }
        Action::Key(Cmd::PrintApology) => {
            vec![Effect::Print(
                view.detail.row.dossier.code.clone(),
                FormKind::ApologyLetter,
            )]
        }
        Action::Key(Cmd::Explain) => {
            view.explain = !view.explain;
            Vec::new()
        }
        Action::Key(Cmd::Up) => {
            view.scroll = view.scroll.saturating_sub(1);
            Vec::new()
        }
        Action::Key(Cmd::Down) => {
            view.scroll = (view.scroll + 1).min(view.detail.row.dossier.events.len());
            Vec::new()
        }
        Action::Key(Cmd::Search) => {
            app.open_search();
            Vec::new()
        }
        Action::Key(Cmd::Back) if view.explain => {
            view.explain = false;
            Vec::new()
        }
        Action::Key(Cmd::Back) => app.go_board(),
        Action::Acted(detail) => {
            view.detail = *detail;
            app.info("Đã ghi vào hồ sơ.".to_owned());
            Vec::new()
        }
        Action::Stale(detail, message) => {
            view.detail = *detail;
            view.form = None;
            app.fail(message);
            Vec::new()
        }
        Action::Opened(detail) if detail.row.dossier.code == view.detail.row.dossier.code => {
            view.detail = *detail;
            Vec::new()
        }
        Action::Opened(detail) => {
            app.open_detail(*detail);
            Vec::new()
        }
        _ => Vec::new(),
    }
}

fn form_update(app: &mut App, action: Action) -> Vec<Effect> {
    let Screen::Dossier(view) = &mut app.screen else {
        return Vec::new();
    };
    let Some(form) = view.form.as_mut() else {
        return Vec::new();
    };
    match action {
        Action::Input(c) => match form.text_mut() {
            Some(t) => t.insert(c),
            None if c == ' ' => form.cycle(1),
            None => {}
        },
        Action::Key(Cmd::Left) => match form.text_mut() {
            Some(t) => t.left(),
            None => form.cycle(-1),
        },
        Action::Key(Cmd::Right) => match form.text_mut() {
            Some(t) => t.right(),
            None => form.cycle(1),
        },
        Action::Key(Cmd::Backspace) => {
            if let Some(t) = form.text_mut() {
                t.backspace()
            }
        }
        Action::Key(Cmd::Delete) => {
            if let Some(t) = form.text_mut() {
                t.delete()
            }
        }
        Action::Key(Cmd::NextField) => form.next(),
        Action::Key(Cmd::PrevField) => form.prev(),
        Action::Key(Cmd::Back) => view.form = None,
        Action::Key(Cmd::Save) => {
            let form = form.clone();
            return submit(app, form);
        }
        Action::Stale(detail, message) => {
            view.detail = *detail;
            view.form = None;
            app.fail(message);
        }
        Action::Acted(detail) => {
            let title = super::verbs::title(form.verb);
            let apology = form.verb == super::verbs::Verb::IssueApology;
            view.detail = *detail;
            view.form = None;
            if apology {
                app.info(format!("Đã ghi: {title}. Nhấn v để in văn bản xin lỗi."));
            } else {
                app.info(format!("Đã ghi: {title}."));
            }
        }
        _ => {}
    }
    Vec::new()
}

/// Turns a filled form into the desk call, through a confirm when the verb is irreversible.
fn submit(app: &mut App, mut form: VerbForm) -> Vec<Effect> {
    let Screen::Dossier(view) = &mut app.screen else {
        return Vec::new();
    };
    let command = match form.command() {
        Ok(c) => c,
        Err(msg) => {
            form.error = Some(msg);
            view.form = Some(form);
            return Vec::new();
        }
    };
    let d = &view.detail.row.dossier;
    let effect = Effect::Act(d.code.clone(), d.events.len(), Box::new(command));
    if !form.verb.is_irreversible() {
        if form.fields.is_empty() {
            view.form = None;
        } else {
            view.form = Some(form);
        }
        return vec![effect];
    }
    let mut lines = vec![format!("Hồ sơ {} — {}", d.code.as_str(), d.applicant.name)];
    for field in &form.fields {
        let value = match &field.kind {
            FieldKind::Text(t) => t.value().to_owned(),
            FieldKind::Choice { options, index } => {
                options.get(*index).cloned().unwrap_or_default()
            }
        };
        lines.push(format!("{}: {value}", field.label));
    }
    lines.push("Việc này không thể hoàn tác.".to_owned());
    let title = super::verbs::title(form.verb).to_owned();
    if form.verb == Verb::IssueApology {
        lines.insert(1, "Chỉ được hẹn lại một lần.".to_owned());
    }
    view.form = Some(form);
    app.confirm = Some(Confirm {
        title,
        lines,
        on_yes: Box::new(Action::Run(Box::new(effect))),
    });
    Vec::new()
}
