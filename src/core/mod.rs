//! The core: everything a clinician can do, as [`Action`]s applied by [`Core`],
//! each in one transaction. No egui here; the UI and the command line both
//! drive the program through this module.

pub mod across_visits;
pub mod demo;
pub mod ichd;
pub mod model;
pub mod outcomes;
pub mod plan;
pub mod treatment;
mod treatment_actions;
pub mod validate;

use std::path::Path;

use jiff::Timestamp;
use jiff::civil::Date;

use crate::store::{Store, StoreError, Tx};
use model::{
    NoteField, NoteTexts, PatientDetails, PatientId, PractitionerId, VisitId, VisitStatus,
    VisitType,
};
use validate::{FieldErrors, PatientField};

/// The most patients a search returns: past this, the list asks for more
/// letters rather than showing thousands of rows.
pub const SEARCH_LIMIT: u64 = 200;

/// Which fields of an earlier visit a new visit starts from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CopyForward {
    pub from: VisitId,
    pub fields: Vec<NoteField>,
}

/// A change a user makes. Values are already validated into typed form.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    AddPractitioner {
        display_name: String,
        credentials: String,
    },
    CreatePatient(PatientDetails),
    UpdatePatient {
        id: PatientId,
        details: PatientDetails,
    },
    SetPatientArchived {
        id: PatientId,
        archived: bool,
    },
    /// Starts a visit by the current practitioner.
    StartVisit {
        patient: PatientId,
        visit_type: VisitType,
        started_at: Timestamp,
        copy_forward: Option<CopyForward>,
    },
    /// Autosave: keeps the text of one field without saving it into the visit.
    SaveDraft {
        visit: VisitId,
        field: NoteField,
        body: String,
    },
    /// Saves the note into the visit and clears its drafts.
    SaveVisit {
        visit: VisitId,
        visit_type: VisitType,
        texts: NoteTexts,
    },
    /// Throws away a visit's autosaved text (the saved note stays).
    DiscardDrafts {
        visit: VisitId,
    },
    /// Signs a saved visit as the current practitioner.
    SignVisit {
        visit: VisitId,
    },
    /// Charts a trigger point on a muscle of the body map.
    AddFinding {
        visit: VisitId,
        muscle: String,
        side: model::Side,
        view: String,
        position: model::MapPosition,
    },
    UpdateFinding {
        finding: model::FindingId,
        details: model::FindingDetails,
    },
    MoveFinding {
        finding: model::FindingId,
        position: model::MapPosition,
    },
    RemoveFinding {
        finding: model::FindingId,
    },
    /// Confirms at `visit` that a finding of an earlier visit persists: a
    /// copy of it joins `visit`, linked to it.
    ConfirmFinding {
        visit: VisitId,
        from: model::FindingId,
    },
    /// Records at `visit` that a finding of an earlier visit is gone.
    ResolveFinding {
        visit: VisitId,
        finding: model::FindingId,
    },
    /// Takes back [`Action::ResolveFinding`].
    UnresolveFinding {
        visit: VisitId,
        finding: model::FindingId,
    },
    /// Adds a stroke to the visit's pain drawing (its id is ignored).
    AddPainStroke(model::PainStroke),
    RemovePainStroke {
        stroke: model::PainStrokeId,
    },
    /// A new plan template of the clinic.
    CreateTemplate(plan::PlanBody),
    UpdateTemplate {
        id: treatment::TemplateId,
        body: plan::PlanBody,
    },
    /// Retires a template (it stays readable for the plans made from it).
    SetTemplateRetired {
        id: treatment::TemplateId,
        retired: bool,
    },
    /// Copies a template into the patient's plan as its next version.
    ApplyTemplate {
        patient: PatientId,
        template: treatment::TemplateId,
    },
    /// Saves the tailored plan as the patient's next version.
    SavePlan {
        patient: PatientId,
        body: plan::PlanBody,
        reason: String,
    },
    /// Records the needling screening (the items answered yes).
    RecordScreening {
        patient: PatientId,
        flagged: Vec<String>,
        note: String,
    },
    /// Records consent to dry needling.
    RecordConsent {
        patient: PatientId,
        form: treatment::ConsentForm,
        explained: Vec<String>,
        consented_on: Date,
        note: String,
    },
    /// Adds an intervention to a visit (its id is ignored).
    AddIntervention(treatment::Intervention),
    UpdateIntervention(treatment::Intervention),
    RemoveIntervention {
        id: treatment::InterventionId,
    },
    /// Adds a needled site to a visit (its id is ignored); needs screening
    /// and consent on file.
    AddNeedling(treatment::Needling),
    UpdateNeedling(treatment::Needling),
    RemoveNeedling {
        id: treatment::NeedlingId,
    },
    /// Records that every needle of the visit came out.
    AllNeedlesOut {
        visit: VisitId,
    },
    /// "Performed as planned": records the plan's interventions at the visit.
    PerformPlan {
        visit: VisitId,
    },
    /// The clinic's details for printed documents.
    SaveClinic(model::Clinic),
    /// Records that a document was printed, exported or opened (its time
    /// is taken as given).
    RecordDocument(model::DocumentRecord),
    /// Records a measure at a visit (replacing one recorded there before).
    RecordOutcome {
        visit: VisitId,
        entry: outcomes::OutcomeEntry,
    },
    RemoveOutcome {
        visit: VisitId,
        measure: String,
    },
    /// Saves the ICHD-3 11.2.1 checklist of a visit; a diagnosis can only
    /// be confirmed when the criteria are met.
    SaveIchdChecklist {
        visit: VisitId,
        checklist: ichd::IchdChecklist,
    },
    /// Records diary days, all of them or none (a returned paper sheet).
    RecordDiary {
        patient: PatientId,
        days: Vec<outcomes::DiaryDay>,
    },
    /// What followed the needling at a visit.
    SaveAftercare {
        visit: VisitId,
        aftercare: treatment::Aftercare,
    },
}

/// What applying an action produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Applied {
    Practitioner(PractitionerId),
    Patient(PatientId),
    Visit(VisitId),
    Finding(model::FindingId),
    PainStroke(model::PainStrokeId),
    Template(treatment::TemplateId),
    Plan(treatment::PlanId),
    Intervention(treatment::InterventionId),
    Needling(treatment::NeedlingId),
    /// What "Performed as planned" recorded.
    Performed {
        interventions: usize,
        needlings: usize,
        /// Needling was planned but the screening or consent is missing.
        needling_not_cleared: bool,
    },
    Done,
}

/// Why an action was refused. Nothing of it was saved.
#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    #[error("the patient form has errors: {0}")]
    InvalidPatient(FieldErrors<PatientField>),
    #[error("the note has errors: {0}")]
    InvalidNote(FieldErrors<NoteField>),
    #[error("{0}")]
    Invalid(String),
    #[error("there is no practitioner yet; add one first")]
    NoPractitioner,
    #[error("{0} is signed and can no longer be changed")]
    VisitSigned(VisitId),
    #[error("{0} has no text to sign; write the note first")]
    EmptyNote(VisitId),
    #[error("{0} has autosaved text that is not saved yet; save it before signing")]
    UnsavedText(VisitId),
    #[error(
        "dry needling needs {0} on file for this patient first; record it in the needling panel"
    )]
    NeedlingNotCleared(&'static str),
    #[error(
        "{visit} cannot be signed: {needles_in} needles went in and {needles_out} came out; reconcile the count first"
    )]
    NeedlesNotReconciled {
        visit: VisitId,
        needles_in: u32,
        needles_out: u32,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The application core: owns the store and the current practitioner.
pub struct Core {
    store: Store,
    practitioner: Option<PractitionerId>,
}

impl Core {
    /// Opens the database in `dir` and picks the first practitioner as the
    /// current one.
    ///
    /// # Errors
    /// The store's, when the database cannot be opened.
    pub fn open_in_dir(dir: &Path) -> Result<Core, CoreError> {
        Core::new(Store::open_in_dir(dir)?)
    }

    /// Wraps an open store.
    ///
    /// # Errors
    /// When the practitioners cannot be read.
    pub fn new(mut store: Store) -> Result<Core, CoreError> {
        treatment_actions::seed_templates(&mut store)?;
        let practitioner = store.practitioners()?.first().map(|p| p.id);
        Ok(Core {
            store,
            practitioner,
        })
    }

    /// Read access to the database. Writes go through [`Core::apply`].
    #[must_use]
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Who is charting now.
    #[must_use]
    pub fn practitioner(&self) -> Option<PractitionerId> {
        self.practitioner
    }

    /// Chooses who is charting.
    pub fn set_practitioner(&mut self, id: PractitionerId) {
        self.practitioner = Some(id);
    }

    /// Today's date on this computer's clock and time zone.
    #[must_use]
    pub fn today() -> Date {
        jiff::ZonedDateTime::now().date()
    }

    /// Applies one action in one transaction.
    ///
    /// # Errors
    /// Why the action was refused; nothing of it was saved.
    // An applied action is spent; taking it by value says so at every call site.
    #[allow(clippy::needless_pass_by_value)]
    pub fn apply(&mut self, action: Action) -> Result<Applied, CoreError> {
        let practitioner = self.practitioner;
        let applied = self.store.write(|tx| apply_in(tx, practitioner, &action))?;
        if let Applied::Practitioner(id) = applied
            && self.practitioner.is_none()
        {
            self.practitioner = Some(id);
        }
        tracing::debug!(action = action_name(&action), "applied");
        Ok(applied)
    }

    /// Applies several actions in one transaction: all of them, or none.
    /// For imports and the demo clinic, where one commit per record would be
    /// needlessly slow.
    ///
    /// # Errors
    /// The first refusal; nothing of the batch was saved.
    pub fn apply_all(&mut self, actions: &[Action]) -> Result<Vec<Applied>, CoreError> {
        let mut practitioner = self.practitioner;
        let applied = self.store.write(|tx| {
            actions
                .iter()
                .map(|action| {
                    let applied = apply_in(tx, practitioner, action)?;
                    if let Applied::Practitioner(id) = applied {
                        practitioner.get_or_insert(id);
                    }
                    Ok(applied)
                })
                .collect::<Result<Vec<_>, CoreError>>()
        })?;
        self.practitioner = practitioner;
        Ok(applied)
    }
}

fn action_name(action: &Action) -> &'static str {
    match action {
        Action::AddPractitioner { .. } => "add_practitioner",
        Action::CreatePatient(_) => "create_patient",
        Action::UpdatePatient { .. } => "update_patient",
        Action::SetPatientArchived { .. } => "set_patient_archived",
        Action::StartVisit { .. } => "start_visit",
        Action::SaveDraft { .. } => "save_draft",
        Action::SaveVisit { .. } => "save_visit",
        Action::DiscardDrafts { .. } => "discard_drafts",
        Action::SignVisit { .. } => "sign_visit",
        Action::AddFinding { .. } => "add_finding",
        Action::UpdateFinding { .. } => "update_finding",
        Action::MoveFinding { .. } => "move_finding",
        Action::RemoveFinding { .. } => "remove_finding",
        Action::ConfirmFinding { .. } => "confirm_finding",
        Action::ResolveFinding { .. } => "resolve_finding",
        Action::UnresolveFinding { .. } => "unresolve_finding",
        Action::AddPainStroke(_) => "add_pain_stroke",
        Action::RemovePainStroke { .. } => "remove_pain_stroke",
        Action::CreateTemplate(_) => "create_template",
        Action::UpdateTemplate { .. } => "update_template",
        Action::SetTemplateRetired { .. } => "set_template_retired",
        Action::ApplyTemplate { .. } => "apply_template",
        Action::SavePlan { .. } => "save_plan",
        Action::RecordScreening { .. } => "record_screening",
        Action::RecordConsent { .. } => "record_consent",
        Action::AddIntervention(_) => "add_intervention",
        Action::UpdateIntervention(_) => "update_intervention",
        Action::RemoveIntervention { .. } => "remove_intervention",
        Action::AddNeedling(_) => "add_needling",
        Action::UpdateNeedling(_) => "update_needling",
        Action::RemoveNeedling { .. } => "remove_needling",
        Action::AllNeedlesOut { .. } => "all_needles_out",
        Action::PerformPlan { .. } => "perform_plan",
        Action::SaveAftercare { .. } => "save_aftercare",
        Action::SaveClinic(_) => "save_clinic",
        Action::RecordDocument(_) => "record_document",
        Action::RecordOutcome { .. } => "record_outcome",
        Action::RemoveOutcome { .. } => "remove_outcome",
        Action::RecordDiary { .. } => "record_diary",
        Action::SaveIchdChecklist { .. } => "save_ichd_checklist",
    }
}

fn duplicate_chart() -> CoreError {
    CoreError::InvalidPatient(FieldErrors::single(
        PatientField::ChartNumber,
        "This chart number is already used by another patient.",
    ))
}

fn map_duplicate(err: StoreError) -> CoreError {
    match err {
        StoreError::DuplicateChartNumber => duplicate_chart(),
        other => CoreError::Store(other),
    }
}

fn editable_visit(tx: &Tx<'_>, visit: VisitId) -> Result<model::Visit, CoreError> {
    let stored = tx.visit(visit)?;
    if stored.status == VisitStatus::Signed {
        return Err(CoreError::VisitSigned(visit));
    }
    Ok(stored)
}

fn apply_in(
    tx: &Tx<'_>,
    practitioner: Option<PractitionerId>,
    action: &Action,
) -> Result<Applied, CoreError> {
    let now = Timestamp::now();
    match action {
        Action::AddPractitioner {
            display_name,
            credentials,
        } => {
            let display_name = display_name.trim();
            if display_name.is_empty() {
                return Err(CoreError::Invalid(
                    "the practitioner's name is required".into(),
                ));
            }
            if display_name.chars().count() > 100 || credentials.chars().count() > 100 {
                return Err(CoreError::Invalid(
                    "a name or credential is over 100 characters".into(),
                ));
            }
            Ok(Applied::Practitioner(tx.insert_practitioner(
                display_name,
                credentials.trim(),
                now,
            )?))
        }
        Action::CreatePatient(details) => {
            if tx.chart_number_taken(&details.chart_number, None)? {
                return Err(duplicate_chart());
            }
            let id = tx.insert_patient(details, now).map_err(map_duplicate)?;
            Ok(Applied::Patient(id))
        }
        Action::UpdatePatient { id, details } => {
            if tx.chart_number_taken(&details.chart_number, Some(*id))? {
                return Err(duplicate_chart());
            }
            tx.update_patient(*id, details, now)
                .map_err(map_duplicate)?;
            Ok(Applied::Done)
        }
        Action::SetPatientArchived { id, archived } => {
            tx.set_patient_archived(*id, *archived, now)?;
            Ok(Applied::Done)
        }
        Action::StartVisit {
            patient,
            visit_type,
            started_at,
            copy_forward,
        } => {
            let practitioner = practitioner.ok_or(CoreError::NoPractitioner)?;
            let mut texts = NoteTexts::default();
            if let Some(copy) = copy_forward {
                let from = tx.visit(copy.from)?;
                if from.patient_id != *patient {
                    return Err(CoreError::Invalid(format!(
                        "{} belongs to another chart and cannot be copied forward",
                        copy.from
                    )));
                }
                for field in &copy.fields {
                    *texts.get_mut(*field) = from.texts.get(*field).to_string();
                }
            }
            let id = tx.insert_visit(*patient, practitioner, *visit_type, &texts, *started_at)?;
            Ok(Applied::Visit(id))
        }
        Action::SaveDraft { visit, field, body } => {
            editable_visit(tx, *visit)?;
            tx.upsert_draft(*visit, *field, body, now)?;
            Ok(Applied::Done)
        }
        Action::SaveVisit {
            visit,
            visit_type,
            texts,
        } => {
            validate::check_note(texts).map_err(CoreError::InvalidNote)?;
            editable_visit(tx, *visit)?;
            tx.update_visit(*visit, *visit_type, texts, now)?;
            tx.delete_drafts(*visit)?;
            Ok(Applied::Done)
        }
        Action::DiscardDrafts { visit } => {
            tx.delete_drafts(*visit)?;
            Ok(Applied::Done)
        }
        Action::SignVisit { visit } => {
            let practitioner = practitioner.ok_or(CoreError::NoPractitioner)?;
            let stored = editable_visit(tx, *visit)?;
            if tx.has_drafts(*visit)? {
                return Err(CoreError::UnsavedText(*visit));
            }
            if stored.texts.is_blank() {
                return Err(CoreError::EmptyNote(*visit));
            }
            let (needles_in, needles_out) = tx.needle_totals(*visit)?;
            if needles_in != needles_out {
                return Err(CoreError::NeedlesNotReconciled {
                    visit: *visit,
                    needles_in,
                    needles_out,
                });
            }
            tx.sign_visit(*visit, practitioner, now)?;
            Ok(Applied::Done)
        }
        Action::AddFinding {
            visit,
            muscle,
            side,
            view,
            position,
        } => {
            editable_visit(tx, *visit)?;
            let map = crate::content::body_map::shipped();
            let muscle_index = map
                .muscle_index(muscle)
                .ok_or_else(|| CoreError::Invalid(format!("unknown muscle id \"{muscle}\"")))?;
            let shown = map
                .view(view)
                .ok_or_else(|| CoreError::Invalid(format!("unknown body map view \"{view}\"")))?;
            if shown.region(muscle_index, *side).is_none() {
                return Err(CoreError::Invalid(format!(
                    "the {} view does not show that muscle on that side",
                    shown.name
                )));
            }
            let position = clamp_position(shown, *position);
            let id = tx.insert_finding(*visit, muscle, *side, view, position, now)?;
            Ok(Applied::Finding(id))
        }
        Action::UpdateFinding { finding, details } => {
            let stored = tx.finding(*finding)?;
            editable_visit(tx, stored.visit_id)?;
            if details.tenderness.is_some_and(|t| t > 10) {
                return Err(CoreError::Invalid("tenderness runs from 0 to 10".into()));
            }
            if details.note.chars().count() > MAX_FINDING_NOTE_CHARS {
                return Err(CoreError::Invalid(format!(
                    "a finding's note holds at most {MAX_FINDING_NOTE_CHARS} characters"
                )));
            }
            tx.update_finding(*finding, details, now)?;
            Ok(Applied::Done)
        }
        Action::MoveFinding { finding, position } => {
            let stored = tx.finding(*finding)?;
            editable_visit(tx, stored.visit_id)?;
            let map = crate::content::body_map::shipped();
            let position = match map.view(&stored.view) {
                Some(view) => clamp_position(view, *position),
                None => *position,
            };
            tx.move_finding(*finding, position, now)?;
            Ok(Applied::Done)
        }
        Action::RemoveFinding { finding } => {
            let stored = tx.finding(*finding)?;
            editable_visit(tx, stored.visit_id)?;
            if tx.finding_is_followed_up(*finding)? {
                return Err(CoreError::Invalid(format!(
                    "{finding} is confirmed or resolved at a later visit; take that back there first"
                )));
            }
            tx.delete_finding(*finding)?;
            Ok(Applied::Done)
        }
        Action::ConfirmFinding { visit, from } => {
            earlier_finding(tx, *visit, *from)?;
            if tx.is_resolved(*visit, *from)? {
                tx.unresolve_finding(*visit, *from)?;
            }
            if let Some(existing) = tx.carried_into(*visit, *from)? {
                return Ok(Applied::Finding(existing));
            }
            Ok(Applied::Finding(tx.carry_finding(*visit, *from, now)?))
        }
        Action::ResolveFinding { visit, finding } => {
            earlier_finding(tx, *visit, *finding)?;
            if tx.carried_into(*visit, *finding)?.is_some() {
                return Err(CoreError::Invalid(format!(
                    "{finding} is confirmed as persisting at {visit}; remove that finding first"
                )));
            }
            tx.resolve_finding(*visit, *finding, now)?;
            Ok(Applied::Done)
        }
        Action::UnresolveFinding { visit, finding } => {
            editable_visit(tx, *visit)?;
            tx.unresolve_finding(*visit, *finding)?;
            Ok(Applied::Done)
        }
        Action::AddPainStroke(stroke) => {
            editable_visit(tx, stroke.visit_id)?;
            let stroke = checked_stroke(stroke)?;
            Ok(Applied::PainStroke(tx.insert_pain_stroke(&stroke, now)?))
        }
        Action::RemovePainStroke { stroke } => {
            let visit = tx.pain_stroke_visit(*stroke)?;
            editable_visit(tx, visit)?;
            tx.delete_pain_stroke(*stroke)?;
            Ok(Applied::Done)
        }
        Action::RecordOutcome { visit, entry } => {
            editable_visit(tx, *visit)?;
            let score = entry
                .score()
                .map_err(|e| CoreError::Invalid(e.to_string()))?;
            tx.upsert_outcome(*visit, entry, score, now)?;
            Ok(Applied::Done)
        }
        Action::RemoveOutcome { visit, measure } => {
            editable_visit(tx, *visit)?;
            tx.delete_outcome(*visit, measure)?;
            Ok(Applied::Done)
        }
        Action::SaveIchdChecklist { visit, checklist } => {
            editable_visit(tx, *visit)?;
            let result = ichd::evaluate(checklist);
            if checklist.confirmed && !result.met {
                return Err(CoreError::Invalid(
                    "the ICHD-3 criteria are not met, so cervicogenic headache cannot be confirmed"
                        .into(),
                ));
            }
            let notes = [&checklist.b_note, &checklist.c_note, &checklist.d_note];
            if notes.iter().any(|n| n.chars().count() > 2_000) {
                return Err(CoreError::Invalid(
                    "a checklist note holds at most 2000 characters".into(),
                ));
            }
            tx.upsert_ichd(*visit, checklist, result.met, now)?;
            Ok(Applied::Done)
        }
        Action::RecordDiary { patient, days } => {
            tx.require_patient(*patient)?;
            let today = Core::today();
            for day in days {
                outcomes::check_diary_day(day, today)
                    .map_err(|e| CoreError::Invalid(e.to_string()))?;
                tx.upsert_diary_day(*patient, day)?;
            }
            Ok(Applied::Done)
        }
        treatment @ (Action::CreateTemplate(_)
        | Action::UpdateTemplate { .. }
        | Action::SetTemplateRetired { .. }
        | Action::ApplyTemplate { .. }
        | Action::SavePlan { .. }
        | Action::RecordScreening { .. }
        | Action::RecordConsent { .. }
        | Action::AddIntervention(_)
        | Action::UpdateIntervention(_)
        | Action::RemoveIntervention { .. }
        | Action::AddNeedling(_)
        | Action::UpdateNeedling(_)
        | Action::RemoveNeedling { .. }
        | Action::AllNeedlesOut { .. }
        | Action::PerformPlan { .. }
        | Action::SaveAftercare { .. }
        | Action::SaveClinic(_)
        | Action::RecordDocument(_)) => treatment_actions::apply(tx, practitioner, treatment, now),
    }
}

/// Checks that `finding` belongs to an earlier visit of the same chart as
/// `visit`, and that `visit` can still be changed.
fn earlier_finding(
    tx: &Tx<'_>,
    visit: VisitId,
    finding: model::FindingId,
) -> Result<model::Finding, CoreError> {
    let now_visit = editable_visit(tx, visit)?;
    let stored = tx.finding(finding)?;
    let then_visit = tx.visit(stored.visit_id)?;
    let earlier = (then_visit.started_at, then_visit.id) < (now_visit.started_at, now_visit.id);
    if then_visit.patient_id != now_visit.patient_id || !earlier {
        return Err(CoreError::Invalid(format!(
            "{finding} is not from an earlier visit of the same chart as {visit}"
        )));
    }
    Ok(stored)
}

/// The most points one pain stroke keeps.
pub const MAX_PAIN_STROKE_POINTS: usize = 2_000;

/// Validates a pain stroke and clamps its points into the view.
fn checked_stroke(stroke: &model::PainStroke) -> Result<model::PainStroke, CoreError> {
    let map = crate::content::body_map::shipped();
    let view = map
        .view(&stroke.view)
        .ok_or_else(|| CoreError::Invalid(format!("unknown body map view \"{}\"", stroke.view)))?;
    if !(1..=10).contains(&stroke.intensity) {
        return Err(CoreError::Invalid(
            "a shaded area's intensity runs from 1 to 10".into(),
        ));
    }
    if !(stroke.radius > 0.0 && stroke.radius <= 0.2) {
        return Err(CoreError::Invalid(
            "the brush is wider than the view allows".into(),
        ));
    }
    if stroke.points.is_empty() || stroke.points.len() > MAX_PAIN_STROKE_POINTS {
        return Err(CoreError::Invalid(format!(
            "a stroke has from 1 to {MAX_PAIN_STROKE_POINTS} points"
        )));
    }
    if stroke
        .points
        .iter()
        .any(|p| !p.x.is_finite() || !p.y.is_finite())
    {
        return Err(CoreError::Invalid("a stroke point is not a number".into()));
    }
    let mut checked = stroke.clone();
    for point in &mut checked.points {
        *point = clamp_position(view, *point);
    }
    Ok(checked)
}

/// The most characters a finding's note holds.
pub const MAX_FINDING_NOTE_CHARS: usize = 2_000;

fn clamp_position(
    view: &crate::body_map::View,
    position: model::MapPosition,
) -> model::MapPosition {
    let clamped = view.clamp(crate::body_map::BodyPoint::new(position.x, position.y));
    model::MapPosition {
        x: clamped.x,
        y: clamped.y,
    }
}

/// Everything the chart view shows when a patient is opened.
#[derive(Clone, Debug)]
pub struct Chart {
    pub patient: model::Patient,
    pub visits: Vec<model::VisitSummary>,
    /// Active trigger points per visit, oldest first, for the header.
    pub active_counts: Vec<model::ActiveCount>,
    /// The course of the outcome measures, for the header.
    pub progress: Vec<outcomes::Progress>,
}

impl Core {
    /// Reads a patient's chart: details and visit timeline.
    ///
    /// # Errors
    /// When the patient does not exist or the database cannot be read.
    pub fn chart(&self, patient: PatientId) -> Result<Chart, CoreError> {
        Ok(Chart {
            patient: self.store.patient(patient)?,
            visits: self.store.visit_summaries(patient)?,
            active_counts: self.store.active_counts(patient)?,
            progress: self.progress(patient)?,
        })
    }

    /// The course of a chart's outcome measures.
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn progress(&self, patient: PatientId) -> Result<Vec<outcomes::Progress>, CoreError> {
        let recorded = self.store.outcomes(patient)?;
        let scores: Vec<(&str, f32)> = recorded
            .iter()
            .filter_map(|o| o.score.map(|s| (o.entry.code(), s)))
            .collect();
        Ok(outcomes::progress(&scores))
    }

    /// A visit's note as the editor should show it: the saved text with any
    /// autosaved text laid over it, and which fields came from autosave.
    ///
    /// # Errors
    /// When the visit does not exist or the database cannot be read.
    pub fn visit_for_editing(
        &self,
        visit: VisitId,
    ) -> Result<(model::Visit, NoteTexts, Vec<NoteField>), CoreError> {
        let stored = self.store.visit(visit)?;
        let mut texts = stored.texts.clone();
        let mut restored = Vec::new();
        for draft in self.store.drafts(visit)? {
            if draft.body != stored.texts.get(draft.field) {
                restored.push(draft.field);
            }
            *texts.get_mut(draft.field) = draft.body;
        }
        Ok((stored, texts, restored))
    }

    /// The last visit's findings as `visit` sees them: ghosts until the
    /// clinician confirms or resolves each one. `None` for a first visit.
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn carry_forward(&self, visit: VisitId) -> Result<Option<model::CarryForward>, CoreError> {
        let Some(previous) = self.store.previous_visit(visit)? else {
            return Ok(None);
        };
        let previous_started_at = self.store.visit(previous)?.started_at;
        let current = self.store.findings(visit)?;
        let resolved = self.store.resolved_at(visit)?;
        let findings = self
            .store
            .findings(previous)?
            .into_iter()
            .map(|f| {
                let state = if let Some(now) = current.iter().find(|c| c.carried_from == Some(f.id))
                {
                    model::PriorState::Persisting(now.id)
                } else if resolved.contains(&f.id) {
                    model::PriorState::Resolved
                } else {
                    model::PriorState::Open
                };
                (f, state)
            })
            .collect();
        Ok(Some(model::CarryForward {
            previous_visit: previous,
            previous_started_at,
            findings,
        }))
    }

    /// The lines a visit's recorded treatment adds to its note.
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn treatment_lines(&self, visit: VisitId) -> Result<treatment::TreatmentLines, CoreError> {
        Ok(treatment::treatment_lines(
            &self.store.interventions(visit)?,
            &self.store.needlings(visit)?,
            self.store.aftercare(visit)?.as_ref(),
        ))
    }

    /// What is new, persisting and resolved between two visits of a chart.
    ///
    /// # Errors
    /// When a visit does not exist, the two belong to different charts, or
    /// the database cannot be read.
    pub fn compare_visits(&self, a: VisitId, b: VisitId) -> Result<model::Comparison, CoreError> {
        let patient = self.store.visit(a)?.patient_id;
        if self.store.visit(b)?.patient_id != patient {
            return Err(CoreError::Invalid(format!(
                "{a} and {b} belong to different charts"
            )));
        }
        // active_counts lists every visit of the chart, oldest first.
        let order: std::collections::HashMap<VisitId, usize> = self
            .store
            .active_counts(patient)?
            .iter()
            .enumerate()
            .map(|(i, c)| (c.visit, i))
            .collect();
        Ok(across_visits::compare(
            &self.store.patient_findings(patient)?,
            &self.store.patient_resolutions(patient)?,
            &order,
            a,
            b,
        ))
    }
}
