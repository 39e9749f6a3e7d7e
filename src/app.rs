//! The eframe application: owns [`Core`] and [`UiState`], draws the panels,
//! then applies the frame's [`Command`]s and runs autosave.

use std::path::PathBuf;
use std::sync::mpsc;

use egui::{Key, KeyboardShortcut, Modifiers, RichText};
use jiff::Timestamp;

use crate::body_map::{BodyPoint, Side};
use crate::content;
use crate::core::model::{
    FindingId, MapPosition, NoteField, PatientId, VisitId, VisitStatus, VisitType,
};
use crate::core::validate::PatientForm;
use crate::core::{Action, Applied, CopyForward, Core, CoreError, demo};
use crate::store;
use crate::ui::body_map_panel::MapUndo;
use crate::ui::{
    self, Command, Dialog, EditorState, NewVisitState, PatientFormState, StatusKind, UiState, theme,
};

/// Seconds after the last keystroke before typed text is autosaved.
pub const AUTOSAVE_DELAY_SECS: f64 = 1.0;

/// Patients in the demo clinic opened from the welcome panel.
const DEMO_PATIENTS: usize = 200;

/// The Palpate window.
pub struct PalpateApp {
    core: Result<Core, String>,
    ui: UiState,
    data_dir: PathBuf,
    commands: Vec<Command>,
    stashed_form: Option<PatientFormState>,
    /// A database copy running on the "backup" thread.
    copy_job: Option<mpsc::Receiver<CopyOutcome>>,
    /// A document being written, printed or opened on the "documents" thread.
    document_job: Option<DocumentJob>,
}

/// A printed document on its way out.
struct DocumentJob {
    receiver: mpsc::Receiver<Result<Option<PathBuf>, String>>,
    record: crate::core::model::DocumentRecord,
}

/// How a "Save a copy of the database" ended.
enum CopyOutcome {
    Cancelled,
    Unavailable(String),
    Finished(Result<store::CopyReport, String>),
}

/// Opens the window on the database in `data_dir`.
///
/// # Errors
/// When no window can be created (no display, no OpenGL).
pub fn run_native(data_dir: PathBuf) -> eframe::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Palpate")
            .with_app_id("org.palpate.Palpate")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([900.0, 560.0]),
        renderer: eframe::Renderer::Glow,
        ..Default::default()
    };
    eframe::run_native(
        "Palpate",
        options,
        Box::new(|_cc| Ok(Box::new(PalpateApp::new(data_dir)))),
    )
}

impl PalpateApp {
    /// Opens the database in `data_dir`; a failure is shown in the window.
    #[must_use]
    pub fn new(data_dir: PathBuf) -> PalpateApp {
        let core = Core::open_in_dir(&data_dir).map_err(|e| format!("{e}"));
        if let Err(message) = &core {
            tracing::error!(%message, "database could not be opened");
        }
        let mut app = PalpateApp {
            core,
            ui: UiState::default(),
            data_dir,
            commands: Vec::new(),
            stashed_form: None,
            copy_job: None,
            document_job: None,
        };
        app.offer_recovery();
        app
    }

    /// The core, when the database is open.
    #[must_use]
    pub fn core(&self) -> Option<&Core> {
        self.core.as_ref().ok()
    }

    fn offer_recovery(&mut self) {
        if let Ok(core) = &self.core {
            match core.store().pending_drafts() {
                Ok(pending) if !pending.is_empty() => self.ui.dialog = Dialog::Recovery(pending),
                Ok(_) => {}
                Err(err) => tracing::error!(%err, "drafts could not be read"),
            }
        }
    }

    fn apply(&mut self, action: Action) -> Result<Applied, CoreError> {
        let core = self
            .core
            .as_mut()
            .map_err(|m| CoreError::Invalid(m.clone()))?;
        core.apply(action)
    }

    fn report(&mut self, err: &CoreError) {
        tracing::warn!(%err, "action refused");
        self.ui.set_status(StatusKind::Error, err.to_string());
    }

    // ----- autosave -----

    /// Writes every field whose text differs from what the database holds as a draft.
    fn write_drafts(&mut self) {
        let Some(editor) = self.ui.editor.as_ref() else {
            return;
        };
        if editor.visit.status == VisitStatus::Signed {
            return;
        }
        let visit = editor.visit.id;
        let changed: Vec<(NoteField, String)> = NoteField::ALL
            .into_iter()
            .filter(|f| editor.texts.get(*f) != editor.written.get(*f))
            .map(|f| (f, editor.texts.get(f).to_string()))
            .collect();
        let mut failed = None;
        for (field, body) in changed {
            match self.apply(Action::SaveDraft {
                visit,
                field,
                body: body.clone(),
            }) {
                Ok(_) => {
                    if let Some(editor) = self.ui.editor.as_mut() {
                        *editor.written.get_mut(field) = body;
                        editor.last_autosave = Some(Timestamp::now());
                    }
                }
                Err(err) => failed = Some(err),
            }
        }
        if let Some(editor) = self.ui.editor.as_mut() {
            editor.changed_at = None;
            editor.flush_requested = false;
        }
        if let Some(err) = failed {
            self.report(&err);
        }
    }

    fn autosave_tick(&mut self, now: f64) {
        let due = self.ui.editor.as_ref().is_some_and(|e| {
            e.flush_requested || e.changed_at.is_some_and(|t| now - t >= AUTOSAVE_DELAY_SECS)
        });
        if due {
            self.write_drafts();
        }
    }

    /// Saves the open note into its visit. Returns false when it was refused.
    fn save_editor(&mut self) -> bool {
        let Some(editor) = self.ui.editor.as_ref() else {
            return true;
        };
        if editor.visit.status == VisitStatus::Signed || !editor.has_unsaved_text() {
            // Nothing to save; drafts left from typing that was undone would
            // only be offered back as "unsaved" at the next start.
            let visit = editor.visit.id;
            let leftover = self
                .core
                .as_ref()
                .is_ok_and(|core| core.store().drafts(visit).is_ok_and(|d| !d.is_empty()));
            if editor.visit.status == VisitStatus::Draft
                && leftover
                && let Err(err) = self.apply(Action::DiscardDrafts { visit })
            {
                self.report(&err);
            }
            return true;
        }
        let action = Action::SaveVisit {
            visit: editor.visit.id,
            visit_type: editor.visit_type,
            texts: editor.texts.clone(),
        };
        let visit = editor.visit.id;
        match self.apply(action) {
            Ok(_) => {
                self.reload_editor(visit);
                self.refresh_chart();
                self.ui.set_status(
                    StatusKind::Saved,
                    format!("Note saved at {}", ui::local_clock(Timestamp::now())),
                );
                true
            }
            Err(CoreError::InvalidNote(errors)) => {
                self.write_drafts();
                if let Some(editor) = self.ui.editor.as_mut() {
                    editor.errors = errors;
                }
                self.ui.set_status(StatusKind::Error, "The note was not saved: see the message under the field. Your text is kept as a draft.");
                false
            }
            Err(err) => {
                self.write_drafts();
                self.report(&err);
                false
            }
        }
    }

    /// Autosaves and saves the open note: before leaving it, and at close.
    fn leave_editor(&mut self) -> bool {
        self.write_drafts();
        self.save_editor()
    }

    fn reload_editor(&mut self, visit: VisitId) {
        let Ok(core) = &self.core else { return };
        match core.visit_for_editing(visit) {
            Ok((stored, texts, restored)) => {
                self.ui.editor = Some(EditorState {
                    visit_type: stored.visit_type,
                    written: texts.clone(),
                    texts,
                    visit: stored,
                    restored,
                    changed_at: None,
                    flush_requested: false,
                    last_autosave: None,
                    errors: crate::core::validate::FieldErrors::default(),
                });
            }
            Err(err) => self.report(&err),
        }
    }

    fn refresh_chart(&mut self) {
        let Some(id) = self.ui.chart.as_ref().map(|c| c.patient.id) else {
            return;
        };
        self.load_chart(id);
    }

    fn load_chart(&mut self, id: PatientId) {
        let Ok(core) = &self.core else { return };
        match core.chart(id) {
            Ok(chart) => self.ui.chart = Some(chart),
            Err(err) => self.report(&err),
        }
    }

    fn open_patient(&mut self, id: PatientId) {
        if !self.leave_editor() {
            return;
        }
        self.ui.patient_form = None;
        self.ui.editor = None;
        self.ui.compare.restart();
        self.load_chart(id);
        let latest = self
            .ui
            .chart
            .as_ref()
            .and_then(|c| c.visits.first().map(|v| v.id));
        if let Some(visit) = latest {
            self.reload_editor(visit);
        }
    }

    fn invalidate_lists(&mut self) {
        self.ui.list.invalidate();
        self.ui.search_results = None;
    }

    // ----- commands -----

    fn handle(&mut self, command: Command, ctx: &egui::Context) {
        match command {
            Command::Apply(action) => {
                let archive = matches!(*action, Action::SetPatientArchived { .. });
                match self.apply(*action) {
                    Ok(_) => {
                        if archive {
                            self.invalidate_lists();
                        }
                        self.refresh_chart();
                    }
                    Err(err) => self.report(&err),
                }
            }
            Command::OpenPatient(id) => self.open_patient(id),
            Command::OpenVisit(visit) => {
                if self.leave_editor() {
                    self.ui.compare.restart();
                    self.reload_editor(visit);
                    self.refresh_chart();
                }
            }
            Command::NewPatient => {
                if let Some(form) = self.ui.patient_form.as_mut() {
                    // Already open: never replace what is being typed.
                    form.focus_first = true;
                    return;
                }
                if !self.leave_editor() {
                    return;
                }
                let Ok(core) = &self.core else { return };
                if core.practitioner().is_none() {
                    self.ui.set_status(
                        StatusKind::Error,
                        "Create the first practitioner before adding patients.",
                    );
                    return;
                }
                let mut state = self
                    .stashed_form
                    .take()
                    .unwrap_or_else(|| PatientFormState {
                        form: PatientForm {
                            chart_number: core.store().next_chart_number().unwrap_or_default(),
                            ..PatientForm::default()
                        },
                        ..PatientFormState::default()
                    });
                state.focus_first = true;
                self.ui.patient_form = Some(state);
            }
            Command::EditPatient(id) => {
                if let Some(chart) = self.ui.chart.as_ref().filter(|c| c.patient.id == id) {
                    self.ui.patient_form = Some(PatientFormState {
                        form: PatientForm::from_details(&chart.patient.details),
                        editing: Some(id),
                        focus_first: true,
                        ..PatientFormState::default()
                    });
                }
            }
            Command::SubmitPatientForm => self.submit_patient_form(),
            Command::CloseDialog => {
                if matches!(self.ui.dialog, Dialog::None) {
                    let untouched = |f: &PatientForm| {
                        *f == PatientForm {
                            chart_number: f.chart_number.clone(),
                            ..PatientForm::default()
                        }
                    };
                    if let Some(form) = self.ui.patient_form.take()
                        && form.editing.is_none()
                        && !untouched(&form.form)
                    {
                        // Keep what was typed: Ctrl+N brings it back.
                        self.stashed_form = Some(form);
                    }
                } else {
                    self.ui.dialog = Dialog::None;
                }
            }
            Command::ShowNewVisit => {
                let previous = self
                    .ui
                    .chart
                    .as_ref()
                    .and_then(|c| c.visits.first().map(|v| v.id));
                let copy_fields = NoteField::ALL
                    .into_iter()
                    .map(|f| {
                        (
                            f,
                            matches!(
                                f,
                                NoteField::ChiefComplaint | NoteField::Assessment | NoteField::Plan
                            ),
                        )
                    })
                    .collect();
                self.ui.dialog = Dialog::NewVisit(NewVisitState {
                    visit_type: if previous.is_some() {
                        VisitType::FollowUp
                    } else {
                        VisitType::InitialEvaluation
                    },
                    copy_from: previous,
                    copy_fields,
                });
            }
            Command::StartVisit {
                visit_type,
                copy_from,
                fields,
            } => self.start_visit(visit_type, copy_from, fields),
            Command::SaveVisit => {
                self.write_drafts();
                self.save_editor();
            }
            Command::AskToSign => {
                if self
                    .ui
                    .editor
                    .as_ref()
                    .is_some_and(|e| e.visit.status == VisitStatus::Draft)
                {
                    self.ui.dialog = Dialog::ConfirmSign;
                }
            }
            Command::SignVisit => self.sign(),
            Command::RestoreDrafts(visit) => {
                self.ui.dialog = Dialog::None;
                let patient = self
                    .core
                    .as_ref()
                    .ok()
                    .and_then(|c| c.store().visit(visit).ok())
                    .map(|v| v.patient_id);
                if let Some(patient) = patient {
                    self.open_patient(patient);
                    self.reload_editor(visit);
                }
            }
            Command::DiscardDrafts(visit) => match self.apply(Action::DiscardDrafts { visit }) {
                Ok(_) => {
                    if self.ui.editor.as_ref().is_some_and(|e| e.visit.id == visit) {
                        self.reload_editor(visit);
                    }
                    if let Dialog::Recovery(pending) = &mut self.ui.dialog {
                        pending.retain(|p| p.visit_id != visit);
                        if pending.is_empty() {
                            self.ui.dialog = Dialog::None;
                        }
                    }
                    self.refresh_chart();
                    self.ui.set_status(
                        StatusKind::Info,
                        format!("Recovered text of {visit} discarded"),
                    );
                }
                Err(err) => self.report(&err),
            },
            Command::SetPractitioner(id) => {
                if let Ok(core) = &mut self.core {
                    core.set_practitioner(id);
                }
            }
            Command::CreateFirstPractitioner => {
                let action = Action::AddPractitioner {
                    display_name: self.ui.welcome.display_name.clone(),
                    credentials: self.ui.welcome.credentials.clone(),
                };
                match self.apply(action) {
                    Ok(_) => {
                        self.ui.welcome.error = None;
                        self.ui.set_status(
                            StatusKind::Saved,
                            "Practitioner created. Add your first patient with Ctrl+N.",
                        );
                    }
                    Err(err) => self.ui.welcome.error = Some(ui::sentence(&err.to_string())),
                }
            }
            Command::OpenDemoClinic => self.open_demo(),
            Command::FocusSearch => self.ui.focus_search = true,
            Command::SaveCopy => self.start_copy(ctx),
            Command::PlaceFinding {
                muscle,
                side,
                view,
                pos,
            } => self.place_finding(muscle, side, view, pos),
            Command::MoveFinding { finding, from, to } => {
                let position = MapPosition { x: to.x, y: to.y };
                if self.map_apply(Action::MoveFinding { finding, position }) {
                    self.ui.body_map.undo.push(MapUndo::Moved { finding, from });
                }
            }
            Command::UpdateFinding { finding, details } => {
                self.map_apply(Action::UpdateFinding { finding, details });
            }
            Command::RemoveFinding(finding) => {
                if self.map_apply(Action::RemoveFinding { finding }) {
                    self.ui.body_map.selected = None;
                    self.ui.set_status(StatusKind::Info, "Finding removed");
                }
            }
            Command::ConfirmFindings(from) => self.confirm_findings(&from),
            Command::ResolveFinding(finding) => {
                if let Some(visit) = self.open_visit()
                    && self.map_apply(Action::ResolveFinding { visit, finding })
                {
                    self.ui.body_map.undo.push(MapUndo::Resolved(finding));
                    self.ui
                        .set_status(StatusKind::Saved, "Marked resolved (Ctrl+Z takes it back)");
                }
            }
            Command::UnresolveFinding(finding) => {
                if let Some(visit) = self.open_visit() {
                    self.map_apply(Action::UnresolveFinding { visit, finding });
                }
            }
            Command::AddPainStroke(stroke) => {
                if let Some(Applied::PainStroke(id)) =
                    self.map_apply_all(&[Action::AddPainStroke(stroke)]).first()
                {
                    self.ui.body_map.undo.push(MapUndo::Painted(*id));
                }
            }
            Command::RemovePainStroke(stroke) => {
                self.map_apply(Action::RemovePainStroke { stroke });
            }
            Command::UndoMap => self.undo_map(),
            Command::Treatment(action) => self.treatment_action(*action),
            Command::ClosePlanEditor => self.ui.treatment.plan_draft = None,
            Command::CloseNeedlingForms => {
                self.ui.treatment.screening_draft = None;
                self.ui.treatment.consent_draft = None;
            }
            Command::OpenTemplates => self.ui.templates.open = true,
            Command::OpenClinicDetails => {
                if let Ok(core) = &self.core {
                    match core.store().clinic() {
                        Ok(clinic) => self.ui.clinic.draft = Some(clinic),
                        Err(err) => self.report(&err.into()),
                    }
                }
            }
            Command::Document { kind, action } => self.start_document(kind, action, ctx),
        }
    }

    /// Applies a plan, intervention or needling action and reads the
    /// treatment again; says what "Performed as planned" recorded.
    fn treatment_action(&mut self, action: Action) {
        let outcome = matches!(action, Action::RecordOutcome { .. });
        let result = self.apply(action);
        if outcome && result.is_ok() {
            // The header shows the measures' progress.
            self.refresh_chart();
            self.ui
                .set_status(StatusKind::Saved, "Recorded with this visit");
        }
        if let (Some(visit), Ok(core)) = (self.open_visit(), &self.core) {
            self.ui.treatment.reload(core, visit);
        }
        if let Ok(core) = &self.core {
            self.ui.templates.reload(core);
        }
        match result {
            Ok(Applied::Performed {
                interventions,
                needlings,
                needling_not_cleared,
            }) => {
                let needled = if needlings > 0 {
                    format!(", {needlings} needled sites (enter the needles out)")
                } else {
                    String::new()
                };
                let gate = if needling_not_cleared {
                    "; needling needs a screening and consent first"
                } else {
                    ""
                };
                let message =
                    format!("Recorded as planned: {interventions} interventions{needled}{gate}");
                self.ui.set_status(StatusKind::Saved, message);
            }
            Ok(Applied::Plan(_)) => self.ui.set_status(StatusKind::Saved, "Plan saved"),
            Ok(_) => {}
            Err(err) => self.report(&err),
        }
    }

    fn open_visit(&self) -> Option<VisitId> {
        self.ui.editor.as_ref().map(|e| e.visit.id)
    }

    /// Applies a body map action and reads the visit's map again.
    fn map_apply(&mut self, action: Action) -> bool {
        !self.map_apply_all(&[action]).is_empty()
    }

    /// Applies body map actions in one transaction and reads the visit's map
    /// again; empty when they were refused (and the refusal is reported).
    fn map_apply_all(&mut self, actions: &[Action]) -> Vec<Applied> {
        let result = match self.core.as_mut() {
            Ok(core) => core.apply_all(actions),
            Err(message) => Err(CoreError::Invalid(message.clone())),
        };
        if let (Some(visit), Ok(core)) = (self.open_visit(), &self.core) {
            self.ui.body_map.reload(core, visit);
            if let Some(chart) = self.ui.chart.as_mut() {
                match core.store().active_counts(chart.patient.id) {
                    Ok(counts) => chart.active_counts = counts,
                    Err(err) => tracing::error!(%err, "active counts could not be read"),
                }
            }
        }
        self.ui.compare.invalidate();
        // Needling is offered at the visit's active trigger points.
        self.ui.treatment.loaded_for = None;
        match result {
            Ok(applied) => applied,
            Err(err) => {
                self.report(&err);
                Vec::new()
            }
        }
    }

    /// Confirms last-visit findings as persisting: one undo step for all.
    fn confirm_findings(&mut self, from: &[FindingId]) {
        let Some(visit) = self.open_visit() else {
            return;
        };
        let actions: Vec<Action> = from
            .iter()
            .map(|&from| Action::ConfirmFinding { visit, from })
            .collect();
        let added: Vec<FindingId> = self
            .map_apply_all(&actions)
            .into_iter()
            .filter_map(|a| match a {
                Applied::Finding(id) => Some(id),
                _ => None,
            })
            .collect();
        if added.is_empty() {
            return;
        }
        if let [one] = added[..] {
            self.ui.body_map.selected = Some(one);
        }
        let message = if added.len() == 1 {
            "Confirmed as persisting (Ctrl+Z takes it back)".to_string()
        } else {
            format!(
                "{} findings confirmed as persisting (Ctrl+Z takes them back)",
                added.len()
            )
        };
        self.ui.body_map.undo.push(MapUndo::Confirmed(added));
        self.ui.set_status(StatusKind::Saved, message);
    }

    fn place_finding(&mut self, muscle: usize, side: Side, view: String, pos: BodyPoint) {
        let Some(visit) = self.ui.editor.as_ref().map(|e| e.visit.id) else {
            return;
        };
        let map = content::body_map::shipped();
        let Some(muscle_data) = map.muscles.get(muscle) else {
            return;
        };
        let action = Action::AddFinding {
            visit,
            muscle: muscle_data.id.clone(),
            side,
            view,
            position: MapPosition { x: pos.x, y: pos.y },
        };
        if let Some(&Applied::Finding(id)) = self.map_apply_all(&[action]).first() {
            self.ui.body_map.selected = Some(id);
            self.ui.body_map.undo.push(MapUndo::Added(id));
            let number = self.ui.body_map.findings.len();
            self.ui.set_status(
                StatusKind::Saved,
                format!(
                    "Finding {number} charted: {}, {} (Ctrl+Z takes it back)",
                    muscle_data.name,
                    side.label()
                ),
            );
        }
    }

    fn undo_map(&mut self) {
        let Some(step) = self.ui.body_map.undo.pop() else {
            self.ui
                .set_status(StatusKind::Info, "Nothing to undo on the body map");
            return;
        };
        let Some(visit) = self.open_visit() else {
            return;
        };
        let actions = match step {
            MapUndo::Added(finding) => vec![Action::RemoveFinding { finding }],
            MapUndo::Confirmed(findings) => findings
                .into_iter()
                .map(|finding| Action::RemoveFinding { finding })
                .collect(),
            MapUndo::Moved { finding, from } => vec![Action::MoveFinding {
                finding,
                position: MapPosition {
                    x: from.x,
                    y: from.y,
                },
            }],
            MapUndo::Resolved(finding) => vec![Action::UnresolveFinding { visit, finding }],
            MapUndo::Painted(stroke) => vec![Action::RemovePainStroke { stroke }],
        };
        if !self.map_apply_all(&actions).is_empty() {
            self.ui.set_status(StatusKind::Info, "Undone");
        }
    }

    /// Asks where to save a copy and makes it, both on the "backup" thread,
    /// so that a slow dialog or a slow drive never freezes charting.
    fn start_copy(&mut self, ctx: &egui::Context) {
        if self.copy_job.is_some() {
            return;
        }
        // Autosaved text is in the database, so the copy holds it too.
        self.write_drafts();
        let Ok(core) = &self.core else { return };
        let source = core.store().path().to_path_buf();
        let suggested = format!("palpate-copy-{}.db", Core::today());
        let (sender, receiver) = mpsc::channel();
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("backup".into())
            .spawn(move || {
                let outcome = match ui::file_dialog::ask_save_path(
                    "Save a copy of the database",
                    &suggested,
                    "palpate backup FILE",
                ) {
                    ui::file_dialog::SaveChoice::Cancelled => CopyOutcome::Cancelled,
                    ui::file_dialog::SaveChoice::Unavailable(why) => CopyOutcome::Unavailable(why),
                    ui::file_dialog::SaveChoice::Chosen(dest) => CopyOutcome::Finished(
                        store::save_copy(&source, &dest).map_err(|e| e.to_string()),
                    ),
                };
                let _ = sender.send(outcome);
                ctx.request_repaint();
            });
        match spawned {
            Ok(_) => {
                self.copy_job = Some(receiver);
                self.ui
                    .set_status(StatusKind::Info, "Saving a copy of the database…");
            }
            Err(err) => self.ui.set_status(
                StatusKind::Error,
                format!("The copy could not be started: {err}"),
            ),
        }
    }

    /// Lays the document out here (it reads the database), then renders,
    /// saves and prints or opens it on the "documents" thread, so that a
    /// dialog or a slow printer never freezes charting.
    fn start_document(
        &mut self,
        kind: crate::core::model::DocumentKind,
        action: crate::core::model::DocumentAction,
        ctx: &egui::Context,
    ) {
        use crate::core::model::{DocumentAction, DocumentKind, DocumentRecord};
        if self.document_job.is_some() {
            return;
        }
        self.write_drafts();
        let (Some(editor), Ok(core)) = (self.ui.editor.as_ref(), &self.core) else {
            return;
        };
        let visit = editor.visit.id;
        let patient = editor.visit.patient_id;
        let chart = self
            .ui
            .chart
            .as_ref()
            .map_or_else(String::new, |c| c.patient.details.chart_number.clone());
        let built = match kind {
            DocumentKind::VisitNote => crate::report::visit_note::visit_note(core, visit),
            DocumentKind::Handout => {
                crate::report::handout::handout(core, patient, self.ui.handout_options)
            }
            DocumentKind::ProgressReport => crate::report::progress::progress_report(core, patient),
        };
        let document = match built {
            Ok(document) => document,
            Err(err) => {
                self.ui.set_status(StatusKind::Error, err.to_string());
                return;
            }
        };
        let date = ui::local_date(editor.visit.started_at);
        let file_name = match kind {
            DocumentKind::VisitNote => format!("visit-note-{chart}-{date}.pdf"),
            DocumentKind::Handout => format!("home-exercises-{chart}-{}.pdf", Core::today()),
            DocumentKind::ProgressReport => format!("progress-{chart}-{}.pdf", Core::today()),
        };
        let folder = self.data_dir.join("documents");
        let (sender, receiver) = mpsc::channel();
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("documents".into())
            .spawn(move || {
                let bytes = crate::report::pdf::render(&document);
                let write = |path: &std::path::Path| {
                    crate::report::write_atomically(path, &bytes).map_err(|e| e.to_string())
                };
                let outcome = match action {
                    DocumentAction::Export => match ui::file_dialog::ask_save_path(
                        "Export PDF",
                        &file_name,
                        "palpate export",
                    ) {
                        ui::file_dialog::SaveChoice::Chosen(path) => {
                            write(&path).map(|()| Some(path))
                        }
                        ui::file_dialog::SaveChoice::Cancelled => Ok(None),
                        ui::file_dialog::SaveChoice::Unavailable(why) => Err(why),
                    },
                    DocumentAction::Print | DocumentAction::Open => {
                        // Kept in the data folder, with the records it is made from.
                        let path = folder.join(&file_name);
                        std::fs::create_dir_all(&folder)
                            .map_err(|e| format!("cannot create {}: {e}", folder.display()))
                            .and_then(|()| write(&path))
                            .and_then(|()| {
                                if action == DocumentAction::Print {
                                    ui::system::print_file(&path)
                                } else {
                                    ui::system::open_file(&path)
                                }
                            })
                            .map(|()| Some(path))
                    }
                };
                let _ = sender.send(outcome);
                ctx.request_repaint();
            });
        match spawned {
            Ok(_) => {
                self.document_job = Some(DocumentJob {
                    receiver,
                    record: DocumentRecord {
                        patient_id: patient,
                        // Both are handed out at this visit.
                        visit_id: Some(visit),
                        kind,
                        action,
                        path: String::new(),
                        at: Timestamp::now(),
                    },
                });
                self.ui
                    .set_status(StatusKind::Info, format!("Preparing the {}…", kind.label()));
            }
            Err(err) => self.ui.set_status(
                StatusKind::Error,
                format!("The document could not be started: {err}"),
            ),
        }
    }

    fn poll_document(&mut self) {
        let Some(job) = &self.document_job else {
            return;
        };
        let outcome = match job.receiver.try_recv() {
            Ok(outcome) => outcome,
            Err(mpsc::TryRecvError::Empty) => return,
            Err(mpsc::TryRecvError::Disconnected) => {
                Err("the document stopped unexpectedly".into())
            }
        };
        let Some(job) = self.document_job.take() else {
            return;
        };
        match outcome {
            Ok(None) => self.ui.set_status(StatusKind::Info, "Nothing exported."),
            Ok(Some(path)) => {
                let mut record = job.record;
                record.path = path.display().to_string();
                let message = format!(
                    "The {} was {}: {}",
                    record.kind.label(),
                    record.action.past(),
                    record.path
                );
                match self.apply(Action::RecordDocument(record)) {
                    Ok(_) => self.ui.set_status(StatusKind::Saved, message),
                    Err(err) => self.report(&err),
                }
                self.ui.documents_loaded_for = None;
            }
            Err(message) => self.ui.set_status(StatusKind::Error, message),
        }
    }

    fn poll_copy(&mut self) {
        let Some(receiver) = &self.copy_job else {
            return;
        };
        let outcome = match receiver.try_recv() {
            Ok(outcome) => outcome,
            Err(mpsc::TryRecvError::Empty) => return,
            Err(mpsc::TryRecvError::Disconnected) => {
                CopyOutcome::Finished(Err("the copy stopped unexpectedly".into()))
            }
        };
        self.copy_job = None;
        match outcome {
            CopyOutcome::Cancelled => self.ui.set_status(StatusKind::Info, "No copy saved."),
            CopyOutcome::Unavailable(why) => self.ui.set_status(StatusKind::Error, why),
            CopyOutcome::Finished(Ok(report)) => {
                #[allow(clippy::cast_precision_loss)] // a file size shown to one decimal
                let megabytes = report.bytes as f64 / 1_000_000.0;
                self.ui.set_status(
                    StatusKind::Saved,
                    format!(
                        "Copy saved and checked: {} ({} patients, {} visits, {megabytes:.1} MB)",
                        report.path.display(),
                        report.patients,
                        report.visits,
                    ),
                );
            }
            CopyOutcome::Finished(Err(message)) => self.ui.set_status(StatusKind::Error, message),
        }
    }

    fn submit_patient_form(&mut self) {
        let Some(state) = self.ui.patient_form.as_mut() else {
            return;
        };
        let details = match state.form.validate(Core::today()) {
            Ok(details) => details,
            Err(errors) => {
                state.errors = errors;
                self.ui.set_status(
                    StatusKind::Error,
                    "The patient was not saved: see the messages beside the fields.",
                );
                return;
            }
        };
        let editing = state.editing;
        let action = match editing {
            Some(id) => Action::UpdatePatient { id, details },
            None => Action::CreatePatient(details),
        };
        match self.apply(action) {
            Ok(applied) => {
                self.ui.patient_form = None;
                self.invalidate_lists();
                let id = match applied {
                    Applied::Patient(id) => Some(id),
                    _ => editing,
                };
                if let Some(id) = id {
                    self.open_patient(id);
                }
                let text = if editing.is_some() {
                    "Patient details saved"
                } else {
                    "Patient created"
                };
                self.ui.set_status(StatusKind::Saved, text);
            }
            Err(CoreError::InvalidPatient(errors)) => {
                if let Some(state) = self.ui.patient_form.as_mut() {
                    state.errors = errors;
                }
                self.ui.set_status(
                    StatusKind::Error,
                    "The patient was not saved: see the messages beside the fields.",
                );
            }
            Err(err) => self.report(&err),
        }
    }

    fn start_visit(
        &mut self,
        visit_type: VisitType,
        copy_from: Option<VisitId>,
        fields: Vec<NoteField>,
    ) {
        self.ui.dialog = Dialog::None;
        if !self.leave_editor() {
            return;
        }
        let Some(patient) = self.ui.chart.as_ref().map(|c| c.patient.id) else {
            return;
        };
        let copy_forward = copy_from
            .filter(|_| !fields.is_empty())
            .map(|from| CopyForward { from, fields });
        match self.apply(Action::StartVisit {
            patient,
            visit_type,
            started_at: Timestamp::now(),
            copy_forward,
        }) {
            Ok(Applied::Visit(visit)) => {
                self.refresh_chart();
                self.reload_editor(visit);
                self.ui.set_status(StatusKind::Saved, "Visit started");
            }
            Ok(_) => {}
            Err(err) => self.report(&err),
        }
    }

    fn sign(&mut self) {
        self.ui.dialog = Dialog::None;
        if !self.leave_editor() {
            return;
        }
        let Some(visit) = self.ui.editor.as_ref().map(|e| e.visit.id) else {
            return;
        };
        match self.apply(Action::SignVisit { visit }) {
            Ok(_) => {
                self.reload_editor(visit);
                self.refresh_chart();
                self.ui.set_status(StatusKind::Saved, "Note signed");
            }
            Err(err) => self.report(&err),
        }
    }

    fn open_demo(&mut self) {
        if !self.leave_editor() {
            return;
        }
        let dir = self.data_dir.join("demo");
        let opened = Core::open_in_dir(&dir)
            .map_err(|e| e.to_string())
            .and_then(|mut core| {
                let empty = core.store().counts().is_ok_and(|c| c.patients == 0);
                if empty {
                    demo::seed(&mut core, DEMO_PATIENTS, |_, _| {}).map_err(|e| e.to_string())?;
                }
                Ok(core)
            });
        match opened {
            Ok(core) => {
                self.core = Ok(core);
                self.ui = UiState {
                    demo: true,
                    ..UiState::default()
                };
                self.ui.set_status(
                    StatusKind::Info,
                    "Demo clinic open: every patient here is fictional.",
                );
                self.offer_recovery();
            }
            Err(message) => self.ui.set_status(
                StatusKind::Error,
                format!("The demo clinic could not be opened: {message}"),
            ),
        }
    }

    fn shortcuts(&mut self, ctx: &egui::Context) {
        let pressed = |key: Key| {
            ctx.input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, key)))
        };
        if pressed(Key::N) {
            self.commands.push(Command::NewPatient);
        }
        if pressed(Key::F) {
            self.commands.push(Command::FocusSearch);
        }
        if pressed(Key::S) {
            self.commands.push(if self.ui.patient_form.is_some() {
                Command::SubmitPatientForm
            } else {
                Command::SaveVisit
            });
        }
        if self.ui.editor_tab == ui::EditorTab::BodyMap
            && self.ui.editor.is_some()
            && ctx.input_mut(|i| {
                i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::Z))
            })
        {
            self.commands.push(Command::UndoMap);
        }
        if pressed(Key::Enter) {
            self.commands
                .push(if matches!(self.ui.dialog, Dialog::ConfirmSign) {
                    Command::SignVisit
                } else {
                    Command::AskToSign
                });
        }
        if matches!(self.ui.dialog, Dialog::None)
            && self.ui.patient_form.is_some()
            && ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape))
        {
            self.commands.push(Command::CloseDialog);
        }
    }

    fn top_bar_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            ui.label(RichText::new("Palpate").strong().size(18.0));
            if self.ui.demo {
                egui::Frame::new()
                    .fill(theme::demo_banner(ui.visuals()))
                    .inner_margin(4.0)
                    .show(ui, |ui| {
                        ui.label(RichText::new("DEMO CLINIC: fictional patients").strong());
                    });
            }
            if self.core.is_err() {
                return;
            }
            ui.separator();
            ui.menu_button("File", |ui| {
                let copying = self.copy_job.is_some();
                if ui
                    .add_enabled(!copying, egui::Button::new("Save a copy of the database…"))
                    .on_hover_text("A checked copy of every record, for a backup drive")
                    .clicked()
                {
                    self.commands.push(Command::SaveCopy);
                }
                if ui
                    .button("Clinic details…")
                    .on_hover_text("The name, address and paper size of printed documents")
                    .clicked()
                {
                    self.commands.push(Command::OpenClinicDetails);
                }
                if ui
                    .button("Plan templates…")
                    .on_hover_text("Create, clone, edit and retire the clinic's plan templates")
                    .clicked()
                {
                    self.commands.push(Command::OpenTemplates);
                }
            });
            if ui.button("New patient").on_hover_text("Ctrl+N").clicked() {
                self.commands.push(Command::NewPatient);
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let Ok(core) = &self.core else { return };
                let practitioners = core.store().practitioners().unwrap_or_default();
                let current = core.practitioner();
                if let Some(current_name) = practitioners
                    .iter()
                    .find(|p| Some(p.id) == current)
                    .map(crate::core::model::Practitioner::signature_name)
                {
                    let combo = egui::ComboBox::from_id_salt("practitioner")
                        .selected_text(current_name)
                        .show_ui(ui, |ui| {
                            for p in &practitioners {
                                if ui
                                    .selectable_label(Some(p.id) == current, p.signature_name())
                                    .clicked()
                                {
                                    self.commands.push(Command::SetPractitioner(p.id));
                                }
                            }
                        })
                        .response;
                    // Laid out right to left: the label comes after the box it names.
                    let label = ui.label("Charting as");
                    combo.labelled_by(label.id);
                }
            });
        });
    }

    fn status_ui(&self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            let visuals = ui.visuals().clone();
            if self.copy_job.is_some() || self.document_job.is_some() {
                ui.spinner();
            }
            if let Some((kind, text)) = &self.ui.status {
                let color = match kind {
                    StatusKind::Error => theme::error(&visuals),
                    StatusKind::Saved => theme::signed(&visuals),
                    StatusKind::Info => visuals.text_color(),
                };
                ui.label(RichText::new(text).color(color));
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if let Some(editor) = &self.ui.editor {
                    let text = if editor.visit.status == VisitStatus::Signed {
                        "Signed note (read only)".to_string()
                    } else if editor.changed_at.is_some() {
                        "Typing…".to_string()
                    } else if editor.has_unsaved_text() {
                        match editor.last_autosave {
                            Some(at) => format!(
                                "Autosaved {} · not yet saved into the note (Ctrl+S)",
                                ui::local_clock(at)
                            ),
                            None => "Autosaved · not yet saved into the note (Ctrl+S)".to_string(),
                        }
                    } else {
                        "All changes saved".to_string()
                    };
                    ui.label(RichText::new(text).color(theme::weak(&visuals)));
                }
            });
        });
    }

    fn central_ui(&mut self, ui: &mut egui::Ui) {
        let core = match &self.core {
            Ok(core) => core,
            Err(message) => {
                ui.add_space(40.0);
                ui.vertical_centered(|ui| {
                    ui.heading("The database could not be opened");
                    ui.add_space(10.0);
                    ui.label(RichText::new(ui::sentence(message)).color(theme::error(ui.visuals())));
                    ui.add_space(10.0);
                    ui.label("Nothing was changed. Start Palpate with --data-dir to choose another folder.");
                });
                return;
            }
        };
        if let Some(form) = self.ui.patient_form.as_mut() {
            ui::patient_form::patient_form_ui(ui, form, &mut self.commands);
        } else if self.ui.chart.is_some() {
            ui::chart::chart_ui(ui, &mut self.ui, core, &mut self.commands);
        } else if core.store().has_patients().unwrap_or(true) {
            ui.add_space(40.0);
            ui.vertical_centered(|ui| {
                ui.heading("Open a chart");
                ui.label("Search on the left (Ctrl+F), or add a patient (Ctrl+N).");
            });
        } else {
            ui::welcome::welcome_ui(
                ui,
                &mut self.ui.welcome,
                core.practitioner().is_some(),
                &mut self.commands,
            );
        }
    }
}

impl eframe::App for PalpateApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        // The exercise illustrations are SVG; the loader is installed once.
        egui_extras::install_image_loaders(&ctx);
        self.shortcuts(&ctx);

        egui::Panel::top("top_bar").show(ui, |ui| self.top_bar_ui(ui));
        egui::Panel::bottom("status").show(ui, |ui| self.status_ui(ui));
        if let Ok(core) = &self.core {
            egui::Panel::left("patients")
                .resizable(true)
                .default_size(theme::PANEL_WIDTH_POINTS)
                .show(ui, |ui| {
                    ui::patient_list::patient_list_ui(ui, &mut self.ui, core, &mut self.commands);
                });
        }
        egui::CentralPanel::default().show(ui, |ui| self.central_ui(ui));
        ui::dialogs::dialog_ui(ui, &mut self.ui.dialog, &mut self.commands);
        if let Ok(core) = &self.core {
            ui::treatment_panel::templates_window(
                &ctx,
                &mut self.ui.templates,
                core,
                &mut self.commands,
            );
            ui::settings::clinic_window(&ctx, &mut self.ui.clinic, &mut self.commands);
        }

        for command in std::mem::take(&mut self.commands) {
            self.handle(command, &ctx);
        }
        self.poll_copy();
        self.poll_document();
        let now = ctx.input(|i| i.time);
        self.autosave_tick(now);
        if ctx.input(|i| i.viewport().close_requested()) {
            self.leave_editor();
        }
        if self
            .ui
            .editor
            .as_ref()
            .is_some_and(|e| e.changed_at.is_some())
        {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(AUTOSAVE_DELAY_SECS));
        }
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.leave_editor();
    }
}
