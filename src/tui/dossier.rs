//! The dossier view's behaviour: one key per legal action the dossier's state allows, a small
//! form for the action's input, a confirm step for irreversible actions, then one desk call.
//! The drawing is in `dossier_view`.

use crate::desk::{Detail, FormKind};
use crate::domain::{Command, Correction, Dossier, EventKind};

use super::app::{Action, App, Confirm, Effect, Screen};
use super::input::Edit;
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
            let choices = super::papers::for_dossier(&view.detail.row.dossier);
            let title = format!("In giấy tờ — {}", view.detail.row.dossier.code.as_str());
            app.open_papers(&title, choices, 0)
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
        Action::Paste(text) => {
            if let Some(t) = form.text_mut() {
                t.insert_str(&text)
            }
        }
        Action::Key(Cmd::Edit(e)) => match (form.text_mut(), e) {
            (Some(t), e) => {
                t.edit(e);
            }
            (None, Edit::Left) => form.cycle(-1),
            (None, Edit::Right) => form.cycle(1),
            (None, _) => {}
        },
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
            // The paper the step produced is offered at once, the citizen waiting for it.
            let paper = match form.verb {
                Verb::RequestSupplement => Some(FormKind::SupplementRequest),
                Verb::IssueApology => Some(FormKind::ApologyLetter),
                Verb::Refuse => Some(FormKind::Refusal),
                Verb::Stop => Some(FormKind::StopNotice),
                _ => None,
            };
            view.detail = *detail;
            view.form = None;
            let d = &view.detail.row.dossier;
            let choices = super::papers::for_dossier(d);
            let code = d.code.clone();
            app.info(format!("Đã ghi: {title}."));
            if let Some(kind) = paper {
                let wanted = super::papers::Paper::Form(code.clone(), kind);
                let at = choices.iter().position(|p| *p == wanted).unwrap_or(0);
                let title = format!("In giấy tờ — {}", code.as_str());
                return app.open_papers(&title, choices, at);
            }
        }
        _ => {}
    }
    Vec::new()
}

/// Turns a filled form into the desk call, always through a confirm that names the step's effect
/// on the dossier and its legal clock, and whether it can be taken back.
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
    lines.extend(effect_lines(&view.detail, &command));
    let effect = Effect::Act(d.code.clone(), d.events.len(), Box::new(command));
    let title = super::verbs::title(form.verb).to_owned();
    // The form stays open under the confirm: "no" goes back to it as filled in.
    view.form = (!form.fields.is_empty()).then_some(form);
    app.confirm = Some(Confirm {
        title,
        lines,
        on_yes: Box::new(Action::Run(Box::new(effect))),
    });
    Vec::new()
}

/// What `command` does to the dossier and its legal clock, and whether it can be taken back, in
/// the clerk's words.
fn effect_lines(detail: &Detail, command: &Command) -> Vec<String> {
    let d = &detail.row.dossier;
    let clock_due = detail.defaults.clock_due.map(super::format::time);
    let mut lines = match command {
        Command::Transfer { to } => {
            vec![format!(
                "Hồ sơ chuyển cho {to} giải quyết; thời hạn vẫn tiếp tục tính."
            )]
        }
        Command::RequestSupplement { .. } => vec![
            "Thời hạn ngừng tính cho đến khi nhận đủ hồ sơ bổ sung.".to_owned(),
            "Sau khi ghi, nhấn i để in phiếu yêu cầu bổ sung cho người nộp.".to_owned(),
        ],
        Command::ReceiveSupplement => vec![match clock_due {
            Some(t) => format!("Thời hạn sẽ tính lại từ đầu: hẹn mới {t}."),
            None => "Thời hạn sẽ tính lại từ đầu.".to_owned(),
        }],
        Command::Pause { .. } => vec!["Thời hạn tạm ngừng tính từ bây giờ.".to_owned()],
        Command::Resume => vec![match clock_due {
            Some(t) => format!("Thời hạn tiếp tục tính: hẹn mới {t}."),
            None => "Thời hạn tiếp tục tính.".to_owned(),
        }],
        Command::MarkResultReady => {
            vec!["Hồ sơ chuyển sang chờ trả kết quả; thời hạn dừng tính.".to_owned()]
        }
        Command::HandBack { .. } => vec!["Hồ sơ kết thúc: đã trả kết quả.".to_owned()],
        Command::Refuse { .. } => vec!["Hồ sơ kết thúc: từ chối, trả lại hồ sơ.".to_owned()],
        Command::Stop { .. } => vec!["Hồ sơ kết thúc: dừng giải quyết.".to_owned()],
        Command::IssueApology { new_due, .. } => vec![
            format!("Hẹn lại: {}.", super::format::time(*new_due)),
            "Chỉ được hẹn lại một lần.".to_owned(),
        ],
        Command::Correct { change, .. } => {
            let old = current_value(d, change);
            vec![format!(
                "{}: «{old}» → «{}»",
                change.what(),
                change.value_text()
            )]
        }
        Command::Undo { .. } => vec![match last_step(d) {
            Some(step) => format!("Hoàn tác bước: {step}."),
            None => "Không có bước nào để hoàn tác.".to_owned(),
        }],
    };
    lines.push(
        match command.kind() {
            Verb::Refuse | Verb::Stop | Verb::IssueApology => {
                "Văn bản pháp lý người dân giữ trên giấy: việc này không thể hoàn tác."
            }
            Verb::Correct => "Giá trị cũ vẫn được giữ trong lịch sử hồ sơ (sửa lại nếu nhầm).",
            Verb::Undo => "Bước đã hoàn tác vẫn được giữ trong lịch sử hồ sơ.",
            _ => "Nếu nhầm: phím z hoàn tác được trong ngày, do chính người đã làm.",
        }
        .to_owned(),
    );
    lines
}

/// The current value of the fact `change` corrects, in words.
fn current_value(d: &Dossier, change: &Correction) -> String {
    let a = &d.applicant;
    match change {
        Correction::Name(_) => a.name.clone(),
        Correction::IdNumber(_) => a.id_number.clone(),
        Correction::Phone(_) => a.phone.clone(),
        Correction::Address(_) => a.address.clone(),
        Correction::Email(_) => a.email.clone(),
        Correction::Sets(_) => d.sets.to_string(),
        Correction::Documents(_) => d.documents.join("; "),
        Correction::Procedure(_) => format!("{} ({})", d.procedure_name, d.procedure.0),
    }
}

/// The last step an undo would take back (the last event not undone and not an undo).
fn last_step(d: &Dossier) -> Option<String> {
    let undone: Vec<u32> = d
        .events
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::Undone { event, .. } => Some(event),
            _ => None,
        })
        .collect();
    d.events
        .iter()
        .enumerate()
        .rev()
        .find(|(i, e)| {
            !matches!(e.kind, EventKind::Undone { .. }) && !undone.iter().any(|u| *u as usize == *i)
        })
        .map(|(_, e)| crate::domain::timeline::event_label(&e.kind))
}
