//! The egui screens and panels. Each function reads from [`Core`](crate::Core),
//! keeps half-typed text in [`UiState`], and pushes [`Command`]s that the app
//! applies after the frame. Nothing here writes to the database.

pub mod body_map_panel;
pub mod chart;
pub mod compare_panel;
pub mod dialogs;
pub mod file_dialog;
pub mod outcomes_panel;
pub mod patient_form;
pub mod patient_list;
pub mod plan_editor;
pub mod settings;
pub mod system;
pub mod theme;
pub mod treatment_panel;
pub mod visit_editor;
pub mod welcome;

use jiff::Timestamp;

use crate::core::model::{NoteField, PatientId, PractitionerId, VisitId, VisitType};
use crate::core::validate::{FieldErrors, PatientForm};
use crate::core::{Action, Chart};

/// Something the user asked for during a frame, applied once the frame is drawn.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    Apply(Box<Action>),
    OpenPatient(PatientId),
    OpenVisit(VisitId),
    NewPatient,
    EditPatient(PatientId),
    SubmitPatientForm,
    CloseDialog,
    ShowNewVisit,
    StartVisit {
        visit_type: VisitType,
        copy_from: Option<VisitId>,
        fields: Vec<NoteField>,
    },
    SaveVisit,
    AskToSign,
    SignVisit,
    RestoreDrafts(VisitId),
    DiscardDrafts(VisitId),
    SetPractitioner(PractitionerId),
    CreateFirstPractitioner,
    OpenDemoClinic,
    FocusSearch,
    SaveCopy,
    PlaceFinding {
        muscle: usize,
        side: crate::body_map::Side,
        view: String,
        pos: crate::body_map::BodyPoint,
    },
    MoveFinding {
        finding: crate::core::model::FindingId,
        from: crate::body_map::BodyPoint,
        to: crate::body_map::BodyPoint,
    },
    UpdateFinding {
        finding: crate::core::model::FindingId,
        details: crate::core::model::FindingDetails,
    },
    RemoveFinding(crate::core::model::FindingId),
    /// Confirms findings of the last visit as persisting (one or all).
    ConfirmFindings(Vec<crate::core::model::FindingId>),
    ResolveFinding(crate::core::model::FindingId),
    UnresolveFinding(crate::core::model::FindingId),
    AddPainStroke(crate::core::model::PainStroke),
    RemovePainStroke(crate::core::model::PainStrokeId),
    UndoMap,
    /// A plan, intervention or needling action; the treatment is read again.
    Treatment(Box<crate::core::Action>),
    ClosePlanEditor,
    CloseNeedlingForms,
    OpenTemplates,
    OpenClinicDetails,
    /// Export, print or open a document of the open visit.
    Document {
        kind: crate::core::model::DocumentKind,
        action: crate::core::model::DocumentAction,
    },
}

/// The tabs of the visit editor.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum EditorTab {
    #[default]
    Note,
    BodyMap,
    Treatment,
    Outcomes,
    Compare,
}

/// How a status message should look.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusKind {
    Info,
    Saved,
    Error,
}

/// The new-patient (or edit-patient) form with its errors.
#[derive(Clone, Debug, Default)]
pub struct PatientFormState {
    pub form: PatientForm,
    pub errors: FieldErrors<crate::core::validate::PatientField>,
    pub editing: Option<PatientId>,
    pub focus_first: bool,
}

/// The visit being edited: the live text, what the database holds, and when
/// the last keystroke was.
#[derive(Clone, Debug)]
pub struct EditorState {
    pub visit: crate::core::model::Visit,
    pub visit_type: VisitType,
    pub texts: crate::core::model::NoteTexts,
    /// The text as last written to the database (visit row or draft).
    pub written: crate::core::model::NoteTexts,
    /// Fields whose text came back from autosave when the visit was opened.
    pub restored: Vec<NoteField>,
    /// egui time of the last keystroke not yet autosaved.
    pub changed_at: Option<f64>,
    /// A field lost focus: autosave now rather than after the pause.
    pub flush_requested: bool,
    pub last_autosave: Option<Timestamp>,
    pub errors: FieldErrors<NoteField>,
}

impl EditorState {
    /// True when the editor holds text that is not in the visit row.
    #[must_use]
    pub fn has_unsaved_text(&self) -> bool {
        self.texts != self.visit.texts || self.visit_type != self.visit.visit_type
    }
}

/// The new-visit dialog: type and which fields to copy forward.
#[derive(Clone, Debug)]
pub struct NewVisitState {
    pub visit_type: VisitType,
    pub copy_from: Option<VisitId>,
    pub copy_fields: Vec<(NoteField, bool)>,
}

/// The first-run form: who is the first practitioner.
#[derive(Clone, Debug, Default)]
pub struct WelcomeState {
    pub display_name: String,
    pub credentials: String,
    pub error: Option<String>,
}

/// Which modal dialog is open.
#[derive(Clone, Debug, Default)]
pub enum Dialog {
    #[default]
    None,
    NewVisit(NewVisitState),
    ConfirmSign,
    Recovery(Vec<crate::core::model::PendingDraft>),
}

/// Everything the UI holds between frames that is not in the database.
#[derive(Default)]
pub struct UiState {
    pub search: String,
    pub search_results: Option<(String, crate::core::model::PatientSearch)>,
    pub list: patient_list::ListCache,
    pub focus_search: bool,
    /// The search result that Enter opens, moved with Up and Down.
    pub search_cursor: usize,
    /// The result list's scroll offset and height in the last frame, in points.
    pub search_scroll: (f32, f32),
    pub chart: Option<Chart>,
    pub editor: Option<EditorState>,
    pub patient_form: Option<PatientFormState>,
    pub welcome: WelcomeState,
    pub dialog: Dialog,
    pub status: Option<(StatusKind, String)>,
    pub demo: bool,
    pub editor_tab: EditorTab,
    pub body_map: body_map_panel::BodyMapPanelState,
    pub compare: compare_panel::CompareState,
    pub treatment: treatment_panel::TreatmentState,
    pub templates: treatment_panel::TemplatesState,
    pub handout_options: crate::report::handout::HandoutOptions,
    /// The chart's documents, read again after each one.
    pub documents: Vec<crate::core::model::DocumentRecord>,
    pub documents_loaded_for: Option<PatientId>,
    pub clinic: settings::ClinicState,
    pub outcomes: outcomes_panel::OutcomesState,
}

impl UiState {
    pub fn set_status(&mut self, kind: StatusKind, text: impl Into<String>) {
        self.status = Some((kind, sentence(&text.into())));
    }
}

/// Error messages are written to be joined into other text ("cannot open …");
/// shown on their own they start with a capital.
#[must_use]
pub fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// A stored time in this computer's time zone, for display.
#[must_use]
pub fn local_time(ts: Timestamp) -> String {
    ts.to_zoned_datetime(jiff::tz::TimeZone::system())
        .strftime("%Y-%m-%d %H:%M")
        .to_string()
}

/// A date in this computer's time zone.
#[must_use]
pub fn local_date(ts: Timestamp) -> jiff::civil::Date {
    ts.to_zoned_datetime(jiff::tz::TimeZone::system()).date()
}

/// A time of day in this computer's time zone, for the status line.
#[must_use]
pub fn local_clock(ts: Timestamp) -> String {
    ts.to_zoned_datetime(jiff::tz::TimeZone::system())
        .strftime("%H:%M:%S")
        .to_string()
}

/// A full-width, left-aligned, selectable list row of one or more lines.
/// Screen readers and tests know it by `label`, its first line.
pub fn list_row_ui(
    ui: &mut egui::Ui,
    selected: bool,
    highlighted: bool,
    height: f32,
    job: egui::text::LayoutJob,
    label: &str,
) -> egui::Response {
    let (rect, response) = ui.allocate_exact_size(
        egui::vec2(ui.available_width(), height),
        egui::Sense::click(),
    );
    response.widget_info(|| {
        egui::WidgetInfo::selected(egui::Role::Button, ui.is_enabled(), selected, label)
    });
    if ui.is_rect_visible(rect) {
        let visuals = ui.style().interact_selectable(&response, selected);
        if selected || highlighted || response.hovered() || response.has_focus() {
            ui.painter().rect_filled(rect, 4.0, visuals.bg_fill);
        }
        let galley = ui.fonts_mut(|f| f.layout_job(job));
        let text_pos = egui::pos2(rect.left() + 8.0, rect.center().y - galley.size().y / 2.0);
        ui.painter().galley(text_pos, galley, visuals.text_color());
    }
    response
}
