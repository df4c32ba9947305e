//! The dossier view's behaviour: one key per legal action the dossier's state allows, a small
//! form for the action's input, a confirm step for irreversible actions, then one desk call.
//! The drawing is in `dossier_view`.

use crate::desk::{Appointment, Detail, FormKind};
use crate::domain::{Command, Correction, Dossier, EventKind, Field, ProcedureFacts};

use super::app::{Action, App, Confirm, Effect, Screen};
use super::input::Edit;
use super::keymap::Cmd;
use super::verbs::{FieldKind, Verb, VerbForm};

/// The dossier view's reaction to an action.
pub(crate) fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let Screen::Dossier(view) = &mut app.screen else {
        return Vec::new();
    };
    if view.form.is_some() {
        return form_update(app, action);
    }
    match action {
        Action::Key(Cmd::Verb(verb)) => {
            if let Some(why) = refusal(&view.detail, verb, app.now, &app.operator) {
                app.fail(why);
                return Vec::new();
            }
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
    // A message about what was typed goes once the clerk changes it (it said "không hợp lệ"
    // after the value was fixed); the next Enter checks again.
    if matches!(
        action,
        Action::Input(_) | Action::Paste(_) | Action::Key(Cmd::Edit(_))
    ) {
        form.error = None;
    }
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
        Action::DuePreview(due) if form.corrected_field() == Some(Field::Procedure) => {
            let form = form.clone();
            match form.command(&app.catalogue) {
                Ok(command) => confirm(app, form, command, Some(due)),
                Err(msg) => app.fail(msg),
            }
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

/// Why the rules refuse `verb` on this dossier at `now` for `operator`, said before any form or
/// confirm opens (the desk checks again when it records the step). A verb the dossier's state
/// does not allow names the state; an undo names the rule that forbids it (not this clerk's
/// step, not today's, a paper the citizen holds, a correction).
pub(crate) fn refusal(
    detail: &Detail,
    verb: Verb,
    now: crate::calendar::LocalTime,
    operator: &str,
) -> Option<String> {
    let d = &detail.row.dossier;
    if !detail.commands.contains(&verb) {
        return Some(match crate::domain::allowed(d, verb) {
            Err(e) => e.to_string(),
            // The state allows it; the time rules of the desk's settings do not (only the
            // processing unit's return for a supplement has one).
            Ok(()) => format!(
                "Không thể «{}» lúc này: đơn vị giải quyết chỉ được trả hồ sơ để bổ sung một \
                 lần, trong thời hạn quy định kể từ khi nhận hồ sơ (Nghị định 61/2018/NĐ-CP, \
                 Điều 19 khoản 4, hoặc ngoại lệ trong cài đặt). Nếu hồ sơ không đủ điều kiện, \
                 hãy từ chối bằng văn bản.",
                verb.label()
            ),
        });
    }
    if verb == Verb::Undo
        && let Err(e) = crate::domain::correction::undo_event(d, now, operator, String::new())
    {
        return Some(e.to_string());
    }
    None
}

/// Turns a filled form into the desk call, always through a confirm that names the step's effect
/// on the dossier and its legal clock, and whether it can be taken back. What the rules refuse
/// (a correction that changes nothing or breaks an intake check, an undo not allowed) is said
/// in the form, before the confirm opens. A procedure's correction first asks the desk for the
/// new legal due, which the confirm then shows.
fn submit(app: &mut App, mut form: VerbForm) -> Vec<Effect> {
    let Screen::Dossier(view) = &mut app.screen else {
        return Vec::new();
    };
    let d = &view.detail.row.dossier;
    let checked = form.command(&app.catalogue).and_then(|c| {
        let calendar = app.calendar.as_ref().map(|c| &*c.0);
        precheck(d, &c, app.now, &app.operator, calendar).map(|()| c)
    });
    let command = match checked {
        Ok(c) => c,
        Err(msg) => {
            // An apology's appointment at fault takes the focus (its field is the second).
            if form.verb == Verb::IssueApology && msg.contains("hẹn") {
                form.focus = 1;
            }
            form.error = Some(msg);
            view.form = Some(form);
            return Vec::new();
        }
    };
    if let Command::Correct {
        change: Correction::Procedure(p),
        ..
    } = &command
        && let Some(start) = clock_start(d)
    {
        let effect = Effect::PreviewDueFrom(p.code.clone(), start);
        form.error = None;
        view.form = Some(form);
        return vec![effect];
    }
    confirm(app, form, command, None);
    Vec::new()
}

/// The domain's own check of a correction or an undo, run before the confirm (the desk runs it
/// again when it records the step).
fn precheck(
    d: &Dossier,
    command: &Command,
    now: crate::calendar::LocalTime,
    operator: &str,
    calendar: Option<&crate::calendar::Calendar>,
) -> Result<(), String> {
    use crate::domain::correction::{correction_event, undo_event};
    let checked = match command {
        Command::IssueApology { new_due, .. } => match calendar {
            Some(cal) => crate::domain::lifecycle::check_new_due(d, *new_due, now, cal),
            None => Ok(()),
        },
        Command::Correct { change, reason } => {
            correction_event(d, change.clone(), reason.clone()).map(drop)
        }
        Command::Undo { reason } => undo_event(d, now, operator, reason.clone()).map(drop),
        _ => Ok(()),
    };
    checked.map_err(|e| e.to_string())
}

/// Where the legal clock of `d` counts from (the receipt, or the last receipt of a supplement,
/// which restarts it); `None` while it waits for a supplement (the limit then restarts at its
/// receipt). Before any hand-over — the only time the procedure may be corrected — nothing
/// else moves it, so the due of a corrected procedure is its limit counted from here.
fn clock_start(d: &Dossier) -> Option<crate::calendar::LocalTime> {
    if d.status == crate::domain::Status::SupplementRequested {
        return None;
    }
    Some(
        d.effective_events()
            .filter(|e| matches!(e.kind, EventKind::SupplementReceived))
            .map(|e| e.at)
            .last()
            .unwrap_or(d.received_at),
    )
}

/// Opens the confirm of `command` over `form` (which stays open under it: "no" goes back to it
/// as filled in). `due` is the desk's new appointment of a corrected procedure.
fn confirm(app: &mut App, form: VerbForm, command: Command, due: Option<Option<Appointment>>) {
    let Screen::Dossier(view) = &mut app.screen else {
        return;
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
    if let Command::Correct {
        change: Correction::Procedure(p),
        ..
    } = &command
    {
        lines.insert(lines.len() - 1, due_line(d, p, due.flatten()));
    }
    let effect = Effect::Act(d.code.clone(), d.events.len(), Box::new(command));
    let title = super::verbs::title(form.verb).to_owned();
    view.form = (!form.fields.is_empty()).then_some(form);
    app.confirm = Some(Confirm {
        title,
        lines,
        on_yes: Box::new(Action::Run(Box::new(effect))),
    });
}

/// The legal due after correcting the procedure to `p`, as the confirm says it.
fn due_line(d: &Dossier, p: &ProcedureFacts, due: Option<Appointment>) -> String {
    let limit = p.time_limit.label();
    let old = super::format::time(d.due_at);
    match (d.status, due) {
        (crate::domain::Status::SupplementRequested, _) => format!(
            "Thời hạn mới {limit} tính lại từ đầu khi nhận đủ hồ sơ bổ sung (hẹn cũ {old})."
        ),
        (_, Some(a)) => format!(
            "Hạn trả tính lại theo thủ tục mới ({limit}): hẹn mới {} (hẹn cũ {old}).",
            super::format::time(a.at)
        ),
        (_, None) => format!(
            "Thủ tục «{}» không còn trong danh mục: không tính được hạn mới.",
            p.code.0
        ),
    }
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
