//! The intake form ("Tiếp nhận hồ sơ"): pick the procedure by any part of its name or code
//! (accent-insensitive), tick the documents brought, type the applicant's details (each field
//! checked as the clerk leaves it), see the appointment computed live, save.
//! State and update only; the drawing is in `intake_view`.

use crate::domain::{ApplicantKind, Channel, Field, Intake, Procedure};
use crate::text::fold;

use crate::desk::Appointment;

use super::app::{Action, App, Confirm, Effect, Screen};
use super::input::{Edit, TextField};
use super::keymap::Cmd;

/// The form's fields in Tab order.
pub const ORDER: [Field; 12] = [
    Field::Procedure,
    Field::Documents,
    Field::Kind,
    Field::Name,
    Field::IdNumber,
    Field::Address,
    Field::Phone,
    Field::Email,
    Field::Representative,
    Field::Channel,
    Field::Sets,
    Field::Note,
];

/// The field `by` steps from `field` in Tab order, wrapping around.
fn step(field: Field, by: isize) -> Field {
    let i = ORDER.iter().position(|f| *f == field).unwrap_or(0) as isize;
    ORDER[(i + by).rem_euclid(ORDER.len() as isize) as usize]
}

const CHANNELS: [Channel; 3] = [Channel::Direct, Channel::Postal, Channel::Online];

#[derive(Clone, Debug, PartialEq)]
pub struct IntakeForm {
    pub(crate) focus: Field,
    pub(crate) query: TextField,
    /// Highlighted match in the procedure list.
    pub(crate) pick: usize,
    pub(crate) procedure: Option<Procedure>,
    /// The procedure's documents and whether each was brought.
    pub documents: Vec<(String, bool)>,
    pub(crate) doc_cursor: usize,
    pub(crate) kind: ApplicantKind,
    pub(crate) name: TextField,
    pub(crate) id_number: TextField,
    pub(crate) address: TextField,
    pub(crate) phone: TextField,
    pub(crate) email: TextField,
    pub(crate) representative: TextField,
    pub(crate) channel: Channel,
    pub(crate) sets: TextField,
    pub(crate) note: TextField,
    /// Messages of fields that failed their check, in Tab order.
    pub(crate) errors: Vec<(Field, String)>,
    pub(crate) due: Option<Appointment>,
    pub(crate) explain: bool,
    /// The citizen's earlier dossiers, found by the ID number of a scanned card (`None` until
    /// the desk answers or when no card was scanned).
    pub(crate) earlier: Option<Vec<crate::desk::Row>>,
}

impl Default for IntakeForm {
    fn default() -> IntakeForm {
        IntakeForm {
            focus: Field::Procedure,
            query: TextField::default(),
            pick: 0,
            procedure: None,
            documents: Vec::new(),
            doc_cursor: 0,
            kind: ApplicantKind::Person,
            name: TextField::default(),
            id_number: TextField::default(),
            address: TextField::default(),
            phone: TextField::default(),
            email: TextField::default(),
            representative: TextField::default(),
            channel: Channel::Direct,
            sets: TextField::new("1"),
            note: TextField::default(),
            errors: Vec::new(),
            due: None,
            explain: false,
            earlier: None,
        }
    }
}

/// Indices of the catalogue entries whose name, code or field contains `query`, accent-insensitive
/// ("chung thuc" finds "Chứng thực…"); every entry for an empty query. In Vietnamese
/// alphabetical order of the name (then code): the catalogue is kept by field, which the picker
/// does not show, so its list read as unsorted groups.
pub(crate) fn matches(catalogue: &[Procedure], query: &str) -> Vec<usize> {
    let q = fold(query.trim());
    let mut found: Vec<(Vec<u8>, &str, usize)> = catalogue
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            q.is_empty()
                || fold(&p.name).contains(&q)
                || fold(p.code.as_str()).contains(&q)
                || fold(&p.field).contains(&q)
        })
        .map(|(i, p)| (crate::text::sort_key(&p.name), p.code.as_str(), i))
        .collect();
    found.sort();
    found.into_iter().map(|(_, _, i)| i).collect()
}

impl IntakeForm {
    pub(crate) fn text(&self, field: Field) -> Option<&TextField> {
        Some(match field {
            Field::Procedure => &self.query,
            Field::Name => &self.name,
            Field::IdNumber => &self.id_number,
            Field::Address => &self.address,
            Field::Phone => &self.phone,
            Field::Email => &self.email,
            Field::Representative => &self.representative,
            Field::Sets => &self.sets,
            Field::Note => &self.note,
            Field::Documents
            | Field::Kind
            | Field::Channel
            | Field::Reason
            | Field::Items
            | Field::Unit
            | Field::Recipient
            | Field::Fee
            | Field::Rating
            | Field::NewDue
            | Field::Signer
            | Field::Notified
            | Field::Operator
            | Field::Corrected
            | Field::CorrectValue => return None,
        })
    }

    pub(crate) fn text_mut(&mut self, field: Field) -> Option<&mut TextField> {
        Some(match field {
            Field::Procedure => &mut self.query,
            Field::Name => &mut self.name,
            Field::IdNumber => &mut self.id_number,
            Field::Address => &mut self.address,
            Field::Phone => &mut self.phone,
            Field::Email => &mut self.email,
            Field::Representative => &mut self.representative,
            Field::Sets => &mut self.sets,
            Field::Note => &mut self.note,
            Field::Documents
            | Field::Kind
            | Field::Channel
            | Field::Reason
            | Field::Items
            | Field::Unit
            | Field::Recipient
            | Field::Fee
            | Field::Rating
            | Field::NewDue
            | Field::Signer
            | Field::Notified
            | Field::Operator
            | Field::Corrected
            | Field::CorrectValue => return None,
        })
    }

    pub(crate) fn error(&self, field: Field) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }

    /// True once anything was typed or chosen (Esc then asks before discarding).
    pub(crate) fn is_dirty(&self) -> bool {
        self.procedure.is_some()
            || [
                &self.query,
                &self.name,
                &self.id_number,
                &self.address,
                &self.phone,
                &self.email,
            ]
            .iter()
            .any(|t| !t.is_empty())
    }

    /// The live appointment request for the chosen procedure.
    pub(crate) fn preview_effect(&self) -> Option<Effect> {
        self.procedure
            .as_ref()
            .map(|p| Effect::PreviewDue(p.code.clone()))
    }

    /// Runs the check of `field` and records or clears its message.
    pub(crate) fn check(&mut self, field: Field) {
        self.errors.retain(|(f, _)| *f != field);
        match super::validate::check(self, field) {
            Ok(None) => {}
            Ok(Some(normalised)) => {
                if let Some(t) = self.text_mut(field) {
                    *t = TextField::new(&normalised);
                }
            }
            Err(msg) => {
                self.errors.push((field, msg));
                self.errors
                    .sort_by_key(|(f, _)| ORDER.iter().position(|o| o == f));
            }
        }
    }

    fn choose(&mut self, catalogue: &[Procedure]) -> Option<Effect> {
        let found = matches(catalogue, self.query.value());
        let p = catalogue.get(*found.get(self.pick)?)?.clone();
        // An optional document ("… nếu có") is ticked only when the citizen brought it.
        self.documents = p
            .documents
            .iter()
            .map(|d| (d.clone(), !crate::text::fold(d).contains("neu co")))
            .collect();
        self.doc_cursor = 0;
        self.procedure = Some(p);
        self.errors.retain(|(f, _)| *f != Field::Procedure);
        self.preview_effect()
    }

    /// The intake the desk receives.
    pub(crate) fn intake(&self) -> Intake {
        let t = |f: &TextField| crate::text::nfc(f.value().trim());
        Intake {
            procedure: self.procedure.as_ref().map(|p| p.code.clone()),
            applicant_kind: Some(self.kind),
            name: t(&self.name),
            id_number: t(&self.id_number),
            address: t(&self.address),
            phone: t(&self.phone),
            email: t(&self.email),
            representative: t(&self.representative),
            channel: Some(self.channel),
            sets: self.sets.value().trim().parse().unwrap_or(0),
            documents: self
                .documents
                .iter()
                .filter(|(_, brought)| *brought)
                .map(|(d, _)| d.clone())
                .collect(),
            note: t(&self.note),
        }
    }

    /// Types `text` into `field` at its cursor (digits only in the number of sets; nothing in a
    /// choice or the checklist).
    fn type_text(&mut self, field: Field, text: &str) {
        let text: String = match field {
            Field::Sets => text.chars().filter(char::is_ascii_digit).collect(),
            _ => text.to_owned(),
        };
        if let Some(t) = self.text_mut(field) {
            t.insert_str(&text);
            if field == Field::Procedure {
                self.pick = 0;
            }
        }
    }

    fn cycle(&mut self, by: isize) {
        match self.focus {
            Field::Kind => {
                self.kind = match self.kind {
                    ApplicantKind::Person => ApplicantKind::Organisation,
                    ApplicantKind::Organisation => ApplicantKind::Person,
                }
            }
            Field::Channel => {
                let i = CHANNELS
                    .iter()
                    .position(|c| *c == self.channel)
                    .unwrap_or(0) as isize;
                self.channel = CHANNELS[(i + by).rem_euclid(CHANNELS.len() as isize) as usize];
            }
            Field::Documents => {
                if let Some(d) = self.documents.get_mut(self.doc_cursor) {
                    d.1 = !d.1;
                }
            }
            _ => {}
        }
    }

    /// Leaves the focused field (checking it) for the one `by` steps away.
    fn leave(&mut self, by: isize, catalogue: &[Procedure]) -> Vec<Effect> {
        let mut effects = Vec::new();
        if self.focus == Field::Procedure && !self.query.is_empty() {
            let chosen = self.procedure.as_ref().map(|p| p.name.clone());
            if chosen.as_deref() != Some(self.query.value()) {
                effects.extend(self.choose(catalogue));
                if let Some(p) = &self.procedure {
                    self.query = TextField::new(&p.name);
                }
            }
        }
        self.check(self.focus);
        self.focus = step(self.focus, by);
        if self.focus == Field::Documents && self.documents.is_empty() {
            self.focus = step(self.focus, by);
        }
        effects
    }
}

/// The keys that move within the form (the picker, the document list, the fields).
impl IntakeForm {
    /// ↑: the previous procedure or document, else the previous field.
    fn up(&mut self, catalogue: &[Procedure]) -> Vec<Effect> {
        match self.focus {
            Field::Procedure => self.pick = self.pick.saturating_sub(1),
            Field::Documents if self.doc_cursor > 0 => self.doc_cursor -= 1,
            _ => return self.leave(-1, catalogue),
        }
        Vec::new()
    }

    /// ↓: the next procedure or document, else the next field.
    fn down(&mut self, catalogue: &[Procedure]) -> Vec<Effect> {
        match self.focus {
            Field::Procedure => {
                let n = matches(catalogue, self.query.value()).len();
                self.pick = (self.pick + 1).min(n.saturating_sub(1));
            }
            Field::Documents if self.doc_cursor + 1 < self.documents.len() => self.doc_cursor += 1,
            _ => return self.leave(1, catalogue),
        }
        Vec::new()
    }

    /// Enter/space: choose the picked procedure, cycle a list field, else the next field.
    fn toggle(&mut self, catalogue: &[Procedure]) -> Vec<Effect> {
        match self.focus {
            Field::Procedure => {
                let effects = self.choose(catalogue).into_iter().collect();
                if let Some(p) = &self.procedure {
                    self.query = TextField::new(&p.name);
                    self.focus = Field::Name;
                }
                effects
            }
            Field::Documents | Field::Kind | Field::Channel => {
                self.cycle(1);
                Vec::new()
            }
            _ => self.leave(1, catalogue),
        }
    }
}

/// The form's reaction to an action.
pub(crate) fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let catalogue = &app.catalogue;
    let Screen::Intake(form) = &mut app.screen else {
        return Vec::new();
    };
    // Enter after a card's QR line (a scanner types it into whatever field has the focus).
    if action == Action::Key(Cmd::Toggle)
        && let Some(scanned) = super::card::take_scan(form)
    {
        return match scanned {
            Ok(effects) => effects,
            Err(why) => {
                app.fail(why);
                Vec::new()
            }
        };
    }
    match action {
        Action::SearchResults { query, rows } if query == form.id_number.value() => {
            form.earlier = Some(rows);
            Vec::new()
        }
        Action::Input(c) => {
            match form.focus {
                Field::Documents | Field::Kind | Field::Channel if c == ' ' => form.cycle(1),
                field => form.type_text(field, &c.to_string()),
            }
            Vec::new()
        }
        Action::Paste(text) => {
            form.type_text(form.focus, &text);
            Vec::new()
        }
        Action::Key(Cmd::Mark) => {
            form.cycle(1);
            Vec::new()
        }
        Action::Key(Cmd::Edit(e)) => {
            if let Some(t) = form.text_mut(form.focus) {
                if t.edit(e) && form.focus == Field::Procedure {
                    form.pick = 0;
                }
            } else if matches!(e, Edit::Left | Edit::Right) && form.focus != Field::Documents {
                // A choice moves with ←/→; a document is ticked only on purpose (Space or
                // Enter): an arrow pressed to move on silently unticked one.
                form.cycle(if e == Edit::Left { -1 } else { 1 });
            }
            Vec::new()
        }
        Action::Key(Cmd::Up) => form.up(catalogue),
        Action::Key(Cmd::Down) => form.down(catalogue),
        Action::Key(Cmd::Toggle) => form.toggle(catalogue),
        Action::Key(Cmd::NextField) => form.leave(1, catalogue),
        Action::Key(Cmd::PrevField) => form.leave(-1, catalogue),
        Action::Key(Cmd::Explain) => {
            form.explain = !form.explain;
            Vec::new()
        }
        Action::Key(Cmd::Save) => save(app),
        Action::Key(Cmd::Back) if form.explain => {
            form.explain = false;
            Vec::new()
        }
        Action::Key(Cmd::Back) if form.is_dirty() => {
            app.confirm = Some(Confirm {
                title: "Hủy tiếp nhận".to_owned(),
                lines: vec!["Bỏ các thông tin đã nhập của hồ sơ này?".to_owned()],
                on_yes: Box::new(Action::LeaveIntake),
            });
            Vec::new()
        }
        Action::Key(Cmd::Back) => app.go_board(),
        Action::DuePreview(due) => {
            form.due = due;
            Vec::new()
        }
        Action::Received(d) => {
            app.info(format!("Đã tiếp nhận hồ sơ {}.", d.code.as_str()));
            app.screen = Screen::Received(d);
            Vec::new()
        }
        _ => Vec::new(),
    }
}

fn save(app: &mut App) -> Vec<Effect> {
    let Screen::Intake(form) = &mut app.screen else {
        return Vec::new();
    };
    if form.focus == Field::Procedure && form.procedure.is_none() {
        let _ = form.leave(0, &app.catalogue);
    }
    for field in ORDER {
        form.check(field);
    }
    if let Some((field, msg)) = form.errors.first().cloned() {
        form.focus = field;
        app.fail(format!("Chưa lưu: {msg}"));
        return Vec::new();
    }
    vec![Effect::Receive(Box::new(form.intake()))]
}
