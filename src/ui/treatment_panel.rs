//! The visit's Treatment tab: the patient's plan (apply a template, tailor
//! it, see its versions), "Performed as planned", the visit's interventions
//! as editable rows, and dry needling behind its screening and consent.

use egui::{ComboBox, DragValue, RichText, TextEdit, Ui};

use super::{Command, local_date, local_time, plan_editor, theme};
use crate::content::exercises;
use crate::content::plans::catalog;
use crate::core::model::{Activity, Finding, PatientId, VisitId, VisitStatus};
use crate::core::plan::{Dosage, PlanBody, PlannedMobilization};
use crate::core::treatment::{
    Aftercare, Consent, ConsentForm, ExerciseStep, Intervention, InterventionKind, Needling,
    NeedlingTechnique, Screening, TemplateId, TreatmentLines, treatment_lines,
};
use crate::core::{Action, Core};
use crate::store::{PlanVersion, TemplateRow};

/// What the tab keeps between frames.
#[derive(Clone, Debug, Default)]
pub struct TreatmentState {
    pub loaded_for: Option<VisitId>,
    pub patient: Option<PatientId>,
    pub plan: Option<PlanVersion>,
    pub versions: Vec<PlanVersion>,
    pub templates: Vec<TemplateRow>,
    pub interventions: Vec<Intervention>,
    pub needlings: Vec<Needling>,
    pub findings: Vec<Finding>,
    pub screening: Option<Screening>,
    pub consent: Option<Consent>,
    pub aftercare: Aftercare,
    /// The visit's ICHD-3 checklist (empty until started).
    pub ichd: crate::core::ichd::IchdChecklist,
    /// The note's lines for the loaded visit.
    pub lines: TreatmentLines,
    pub chosen_template: Option<TemplateId>,
    /// The plan being tailored, and why.
    pub plan_draft: Option<PlanBody>,
    pub plan_reason: String,
    pub show_versions: bool,
    pub screening_draft: Option<(Vec<String>, String)>,
    pub consent_draft: Option<ConsentDraft>,
    pub new_entry: NewEntry,
}

/// The consent form being filled in.
#[derive(Clone, Debug)]
pub struct ConsentDraft {
    pub form: ConsentForm,
    pub explained: Vec<String>,
    pub date: String,
    pub note: String,
    pub error: Option<String>,
}

/// The "add an intervention" row.
#[derive(Clone, Debug)]
pub struct NewEntry {
    pub kind: InterventionKind,
    pub mobilization: PlannedMobilization,
    pub code: String,
    pub text: String,
}

impl Default for NewEntry {
    fn default() -> Self {
        NewEntry {
            kind: InterventionKind::Mobilization,
            mobilization: PlannedMobilization {
                level: "C1-C2".into(),
                technique: "unilateral_pa".into(),
                grade: "III".into(),
            },
            code: String::new(),
            text: String::new(),
        }
    }
}

impl TreatmentState {
    /// Reads the visit's treatment and the patient's plan again.
    pub fn reload(&mut self, core: &Core, visit: VisitId) {
        let store = core.store();
        let mut read = || -> Result<(), crate::store::StoreError> {
            let patient = store.visit(visit)?.patient_id;
            if self.loaded_for != Some(visit) {
                self.plan_draft = None;
                self.screening_draft = None;
                self.consent_draft = None;
                self.show_versions = false;
            }
            self.patient = Some(patient);
            self.plan = store.current_plan(patient)?;
            self.versions = store.plan_versions(patient)?;
            self.templates = store.templates()?;
            self.interventions = store.interventions(visit)?;
            self.needlings = store.needlings(visit)?;
            self.findings = store.findings(visit)?;
            self.screening = store.screening(patient)?;
            self.consent = store.consent(patient)?;
            self.ichd = store.ichd(visit)?.unwrap_or_default();
            let aftercare = store.aftercare(visit)?;
            self.aftercare = aftercare.clone().unwrap_or_default();
            self.lines = treatment_lines(&self.interventions, &self.needlings, aftercare.as_ref());
            Ok(())
        };
        if let Err(err) = read() {
            tracing::error!(%err, %visit, "the treatment could not be read");
        }
        self.loaded_for = Some(visit);
    }
}

fn treat(commands: &mut Vec<Command>, action: Action) {
    commands.push(Command::Treatment(Box::new(action)));
}

/// Draws the tab for `visit` (read only when signed).
pub fn treatment_ui(
    ui: &mut Ui,
    state: &mut TreatmentState,
    core: &Core,
    visit: VisitId,
    status: VisitStatus,
    commands: &mut Vec<Command>,
) {
    if state.loaded_for != Some(visit) {
        state.reload(core, visit);
    }
    let editable = status == VisitStatus::Draft;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            plan_section(ui, state, commands);
            ui.separator();
            // Needling first: its gate and its count decide whether the
            // visit can be signed.
            needling_section(ui, state, visit, editable, commands);
            ui.separator();
            visit_section(ui, state, visit, editable, commands);
        });
}

fn plan_section(ui: &mut Ui, state: &mut TreatmentState, commands: &mut Vec<Command>) {
    let weak = theme::weak(ui.visuals());
    ui.label(RichText::new("Plan").strong().size(16.0));
    let Some(patient) = state.patient else {
        return;
    };
    if let Some(draft) = state.plan_draft.as_mut() {
        plan_editor::plan_editor_ui(ui, draft, "patient_plan");
        let label = ui.label("Why it changed");
        ui.add(
            TextEdit::singleline(&mut state.plan_reason)
                .hint_text("e.g. chin nod progressed")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
        let draft = draft.clone();
        let valid = plan_editor::problems_ui(ui, &draft);
        ui.horizontal(|ui| {
            if ui
                .add_enabled(valid, egui::Button::new("Save as a new version"))
                .clicked()
            {
                treat(
                    commands,
                    Action::SavePlan {
                        patient,
                        body: draft,
                        reason: state.plan_reason.clone(),
                    },
                );
                commands.push(Command::ClosePlanEditor);
            }
            if ui.button("Cancel").clicked() {
                commands.push(Command::ClosePlanEditor);
            }
        });
        return;
    }
    match &state.plan {
        None => {
            ui.label(RichText::new("No plan yet. Start from a template:").color(weak));
            ui.horizontal(|ui| {
                let chosen = state
                    .chosen_template
                    .and_then(|id| state.templates.iter().find(|t| t.id == id))
                    .map_or("Choose a template…".to_string(), |t| t.body.name.clone());
                ComboBox::from_id_salt("template_choice")
                    .selected_text(chosen)
                    .width(ui.available_width() - 80.0)
                    .show_ui(ui, |ui| {
                        for t in state.templates.iter().filter(|t| !t.retired) {
                            ui.selectable_value(
                                &mut state.chosen_template,
                                Some(t.id),
                                &t.body.name,
                            );
                        }
                    });
                if ui
                    .add_enabled(state.chosen_template.is_some(), egui::Button::new("Apply"))
                    .clicked()
                    && let Some(template) = state.chosen_template
                {
                    treat(commands, Action::ApplyTemplate { patient, template });
                }
            });
        }
        Some(plan) => {
            // At a follow-up the plan is reference: folded, one line.
            egui::CollapsingHeader::new(
                RichText::new(format!("{} · {}", plan.body.name, plan.body.schedule())).strong(),
            )
            .id_salt("plan_summary")
            .default_open(false)
            .show(ui, |ui| plan_editor::plan_summary_ui(ui, &plan.body));
            ui.label(
                RichText::new(format!(
                    "Version {} of {}{}",
                    plan.version,
                    local_date(plan.created_at),
                    if plan.reason.is_empty() {
                        String::new()
                    } else {
                        format!(": {}", plan.reason)
                    }
                ))
                .small()
                .color(weak),
            );
            ui.horizontal(|ui| {
                if ui.button("Tailor the plan").clicked() {
                    state.plan_draft = Some(plan.body.clone());
                    state.plan_reason.clear();
                }
                ui.toggle_value(
                    &mut state.show_versions,
                    format!("Versions ({})", state.versions.len()),
                );
            });
            if state.show_versions {
                for version in &state.versions {
                    egui::CollapsingHeader::new(format!(
                        "Version {} · {}{}",
                        version.version,
                        local_time(version.created_at),
                        if version.reason.is_empty() {
                            String::new()
                        } else {
                            format!(" · {}", version.reason)
                        }
                    ))
                    .id_salt(("plan_version", version.version))
                    .show(ui, |ui| plan_editor::plan_summary_ui(ui, &version.body));
                }
            }
        }
    }
}

/// One line naming an intervention.
fn entry_title(entry: &Intervention) -> String {
    let catalog = catalog();
    match entry.kind {
        InterventionKind::Mobilization => {
            let technique = catalog
                .technique(&entry.code)
                .map_or(entry.code.as_str(), |t| &t.name);
            format!(
                "Mobilization: {} {technique}, grade {}",
                entry.level.as_deref().unwrap_or("?"),
                entry.grade.as_deref().unwrap_or("?")
            )
        }
        InterventionKind::SoftTissue => format!(
            "Soft-tissue work: {}",
            catalog
                .soft_tissue(&entry.code)
                .map_or(entry.code.as_str(), |t| &t.name)
        ),
        InterventionKind::Exercise => format!(
            "Exercise: {}",
            exercises::shipped()
                .get(&entry.code)
                .map_or(entry.code.as_str(), |e| &e.name)
        ),
        InterventionKind::Education => format!(
            "Advised: {}",
            catalog
                .education(&entry.code)
                .map_or(entry.code.as_str(), |t| &t.name)
        ),
        other => other.label().to_string(),
    }
}

fn visit_section(
    ui: &mut Ui,
    state: &mut TreatmentState,
    visit: VisitId,
    editable: bool,
    commands: &mut Vec<Command>,
) {
    let weak = theme::weak(ui.visuals());
    ui.label(RichText::new("At this visit").strong().size(16.0));
    let performed = state.interventions.iter().any(|i| i.from_plan);
    if editable
        && state.plan.is_some()
        && !performed
        && ui
            .button(RichText::new("Performed as planned").strong())
            .on_hover_text("Records the plan's interventions at this visit; edit any entry after")
            .clicked()
    {
        treat(commands, Action::PerformPlan { visit });
    }
    if state.interventions.is_empty() {
        ui.label(RichText::new("Nothing recorded yet.").color(weak));
    }
    for (i, entry) in state.interventions.iter().enumerate() {
        let mut edited = entry.clone();
        ui.push_id(("intervention", entry.id.0), |ui| {
            ui.add_enabled_ui(editable, |ui| {
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(entry_title(entry)).strong());
                    if entry.kind == InterventionKind::Exercise {
                        let step = edited.exercise_step.unwrap_or(ExerciseStep::Reviewed);
                        ComboBox::from_id_salt(("step", i))
                            .selected_text(step.label())
                            .width(100.0)
                            .show_ui(ui, |ui| {
                                for s in ExerciseStep::ALL {
                                    ui.selectable_value(
                                        &mut edited.exercise_step,
                                        Some(*s),
                                        s.label(),
                                    );
                                }
                            });
                    }
                    let label = ui.label("Response");
                    ui.add(
                        TextEdit::singleline(&mut edited.response)
                            .desired_width(220.0)
                            .char_limit(crate::core::treatment::MAX_TREATMENT_TEXT_CHARS),
                    )
                    .labelled_by(label.id);
                    if ui.small_button("Remove").clicked() {
                        treat(commands, Action::RemoveIntervention { id: entry.id });
                    }
                });
                if entry.kind == InterventionKind::Exercise {
                    let mut dosage = edited.dosage.unwrap_or_else(|| {
                        exercises::shipped()
                            .get(&entry.code)
                            .map_or(default_dosage(), |e| e.dosage)
                    });
                    ui.indent(("dosage", entry.id.0), |ui| {
                        plan_editor::dosage_ui(ui, &mut dosage);
                    });
                    edited.dosage = Some(dosage);
                }
            });
        });
        if edited != *entry {
            treat(commands, Action::UpdateIntervention(edited));
        }
    }
    if editable {
        add_entry_ui(ui, state, visit, commands);
    }
}

fn default_dosage() -> Dosage {
    Dosage {
        sets: 1,
        reps: 10,
        hold_secs: None,
        per_side: false,
        times_per_day: 1,
        days_per_week: 7,
    }
}

fn add_entry_ui(
    ui: &mut Ui,
    state: &mut TreatmentState,
    visit: VisitId,
    commands: &mut Vec<Command>,
) {
    let catalog = catalog();
    let new = &mut state.new_entry;
    ui.horizontal_wrapped(|ui| {
        ui.label("Add");
        ComboBox::from_id_salt("new_kind")
            .selected_text(new.kind.label())
            .show_ui(ui, |ui| {
                for kind in InterventionKind::ALL {
                    if ui
                        .selectable_value(&mut new.kind, *kind, kind.label())
                        .changed()
                    {
                        new.code.clear();
                    }
                }
            });
        match new.kind {
            InterventionKind::Mobilization => {
                plan_editor::mobilization_choice(
                    ui,
                    egui::IdSalt::new("new_mob"),
                    &mut new.mobilization,
                );
            }
            InterventionKind::SoftTissue
            | InterventionKind::Education
            | InterventionKind::Exercise => {
                let choices: Vec<(String, String)> = match new.kind {
                    InterventionKind::SoftTissue => catalog
                        .soft_tissue
                        .iter()
                        .map(|n| (n.id.clone(), n.name.clone()))
                        .collect(),
                    InterventionKind::Education => catalog
                        .education
                        .iter()
                        .map(|n| (n.id.clone(), n.name.clone()))
                        .collect(),
                    _ => exercises::shipped()
                        .exercises
                        .iter()
                        .map(|e| (e.id.clone(), e.name.clone()))
                        .collect(),
                };
                let shown = choices
                    .iter()
                    .find(|(id, _)| *id == new.code)
                    .map_or("Choose…".to_string(), |(_, name)| {
                        name.chars().take(40).collect()
                    });
                ComboBox::from_id_salt("new_code")
                    .selected_text(shown)
                    .width(220.0)
                    .show_ui(ui, |ui| {
                        for (id, name) in &choices {
                            ui.selectable_value(&mut new.code, id.clone(), name);
                        }
                    });
            }
            _ => {
                ui.add(TextEdit::singleline(&mut new.text).hint_text("Where, or what was done"));
            }
        }
        if ui.button("Add").clicked() {
            let mut entry = Intervention::new(visit, new.kind);
            match new.kind {
                InterventionKind::Mobilization => {
                    entry.code.clone_from(&new.mobilization.technique);
                    entry.level = Some(new.mobilization.level.clone());
                    entry.grade = Some(new.mobilization.grade.clone());
                }
                InterventionKind::Exercise => {
                    entry.code.clone_from(&new.code);
                    entry.dosage = exercises::shipped().get(&new.code).map(|e| e.dosage);
                    entry.exercise_step = Some(ExerciseStep::New);
                }
                InterventionKind::SoftTissue | InterventionKind::Education => {
                    entry.code.clone_from(&new.code);
                }
                _ => entry.note = new.text.trim().to_string(),
            }
            treat(commands, Action::AddIntervention(entry));
            new.text.clear();
        }
    });
}

fn finding_name(finding: &Finding) -> String {
    let map = crate::content::body_map::shipped();
    let muscle = map
        .muscle_index(&finding.muscle)
        .map_or(finding.muscle.as_str(), |i| map.muscles[i].name.as_str());
    format!("{muscle}, {}", finding.side.label())
}

fn needling_section(
    ui: &mut Ui,
    state: &mut TreatmentState,
    visit: VisitId,
    editable: bool,
    commands: &mut Vec<Command>,
) {
    let weak = theme::weak(ui.visuals());
    let catalog = catalog();
    ui.label(RichText::new("Dry needling").strong().size(16.0));
    let Some(patient) = state.patient else {
        return;
    };

    // The gate: screening and consent on file.
    match &state.screening {
        Some(s) => {
            let flagged: Vec<&str> = s
                .flagged
                .iter()
                .map(|f| {
                    catalog
                        .screening_item(f)
                        .map_or(f.as_str(), |i| i.name.as_str())
                })
                .collect();
            let text = if flagged.is_empty() {
                "nothing flagged".to_string()
            } else {
                format!("flagged: {}", flagged.join("; "))
            };
            ui.label(format!(
                "Screening on file ({}), {text}",
                local_date(s.screened_at)
            ));
        }
        None => {
            ui.label(
                RichText::new("No needling screening on file.").color(theme::draft(ui.visuals())),
            );
        }
    }
    if let Some((flagged, note)) = state.screening_draft.as_mut() {
        ui.label("Answered yes:");
        for item in &catalog.screening {
            let mut on = flagged.contains(&item.id);
            if ui.checkbox(&mut on, &item.name).changed() {
                if on {
                    flagged.push(item.id.clone());
                } else {
                    flagged.retain(|f| *f != item.id);
                }
            }
        }
        let label = ui.label("Screening note");
        ui.add(TextEdit::singleline(note).desired_width(f32::INFINITY))
            .labelled_by(label.id);
        ui.horizontal(|ui| {
            if ui.button("Save screening").clicked() {
                treat(
                    commands,
                    Action::RecordScreening {
                        patient,
                        flagged: flagged.clone(),
                        note: note.clone(),
                    },
                );
                commands.push(Command::CloseNeedlingForms);
            }
            if ui.button("Cancel").clicked() {
                commands.push(Command::CloseNeedlingForms);
            }
        });
    } else if editable && ui.button("Record screening").clicked() {
        state.screening_draft = Some((Vec::new(), String::new()));
    }

    match &state.consent {
        Some(c) => {
            ui.label(format!(
                "Consent on file: {}, {}",
                c.form.label(),
                c.consented_on
            ));
        }
        None => {
            ui.label(
                RichText::new("No needling consent on file.").color(theme::draft(ui.visuals())),
            );
        }
    }
    if let Some(draft) = state.consent_draft.as_mut() {
        ui.horizontal(|ui| {
            for form in ConsentForm::ALL {
                ui.radio_value(&mut draft.form, *form, form.label());
            }
        });
        ui.label("Explained:");
        for point in &catalog.consent_points {
            let mut on = draft.explained.contains(&point.id);
            if ui.checkbox(&mut on, &point.name).changed() {
                if on {
                    draft.explained.push(point.id.clone());
                } else {
                    draft.explained.retain(|p| *p != point.id);
                }
            }
        }
        ui.horizontal(|ui| {
            let label = ui.label("Date");
            ui.add(TextEdit::singleline(&mut draft.date).desired_width(100.0))
                .labelled_by(label.id);
        });
        if let Some(error) = &draft.error {
            ui.label(RichText::new(error).color(theme::error(ui.visuals())));
        }
        ui.horizontal(|ui| {
            if ui.button("Save consent").clicked() {
                match draft.date.trim().parse::<jiff::civil::Date>() {
                    Ok(consented_on) => {
                        treat(
                            commands,
                            Action::RecordConsent {
                                patient,
                                form: draft.form,
                                explained: draft.explained.clone(),
                                consented_on,
                                note: draft.note.clone(),
                            },
                        );
                        commands.push(Command::CloseNeedlingForms);
                    }
                    Err(_) => draft.error = Some("Type the date as YYYY-MM-DD.".into()),
                }
            }
            if ui.button("Cancel").clicked() {
                commands.push(Command::CloseNeedlingForms);
            }
        });
    } else if editable && ui.button("Record consent").clicked() {
        state.consent_draft = Some(ConsentDraft {
            form: ConsentForm::Written,
            explained: catalog
                .consent_points
                .iter()
                .map(|p| p.id.clone())
                .collect(),
            date: Core::today().to_string(),
            note: String::new(),
            error: None,
        });
    }

    // The needled sites.
    for entry in &state.needlings {
        let mut edited = entry.clone();
        ui.push_id(("needling", entry.id.0), |ui| {
            ui.add_enabled_ui(editable, |ui| {
                ui.horizontal_wrapped(|ui| {
                    let map = crate::content::body_map::shipped();
                    let muscle = map
                        .muscle_index(&entry.muscle)
                        .map_or(entry.muscle.as_str(), |i| map.muscles[i].name.as_str());
                    ui.label(RichText::new(format!("{muscle}, {}", entry.side.label())).strong());
                    ComboBox::from_id_salt("needle")
                        .selected_text(&edited.needle)
                        .show_ui(ui, |ui| {
                            for n in &catalog.needles {
                                ui.selectable_value(&mut edited.needle, n.clone(), n);
                            }
                        });
                    let label = ui.label("In");
                    ui.add(DragValue::new(&mut edited.needles_in).range(1..=20))
                        .labelled_by(label.id);
                    let label = ui.label("Out");
                    ui.add(DragValue::new(&mut edited.needles_out).range(0..=edited.needles_in))
                        .labelled_by(label.id);
                    ComboBox::from_id_salt("technique")
                        .selected_text(edited.technique.label())
                        .show_ui(ui, |ui| {
                            for t in NeedlingTechnique::ALL {
                                ui.selectable_value(&mut edited.technique, *t, t.label());
                            }
                        });
                    let label = ui.label("Twitches");
                    ui.add(DragValue::new(&mut edited.twitch_count).range(0..=50))
                        .labelled_by(label.id);
                    ui.checkbox(&mut edited.familiar_pain, "Familiar pain");
                    let label = ui.label("Depth, angle");
                    ui.add(TextEdit::singleline(&mut edited.depth).desired_width(110.0))
                        .labelled_by(label.id);
                    let mut retained = edited.retention_secs.is_some();
                    ui.checkbox(&mut retained, "Retained");
                    let mut secs = edited.retention_secs.unwrap_or(60);
                    if retained {
                        ui.add(DragValue::new(&mut secs).range(1..=3600).suffix(" s"));
                    }
                    edited.retention_secs = retained.then_some(secs);
                    if ui.small_button("Remove").clicked() {
                        treat(commands, Action::RemoveNeedling { id: entry.id });
                    }
                });
            });
        });
        if edited != *entry {
            treat(commands, Action::UpdateNeedling(edited));
        }
    }
    let needles_in: u32 = state
        .needlings
        .iter()
        .map(|n| u32::from(n.needles_in))
        .sum();
    let needles_out: u32 = state
        .needlings
        .iter()
        .map(|n| u32::from(n.needles_out))
        .sum();
    if needles_in > 0 {
        ui.horizontal(|ui| {
            let text = format!("Needles: {needles_in} in, {needles_out} out");
            if needles_in == needles_out {
                ui.label(
                    RichText::new(format!("{text} · reconciled"))
                        .color(theme::signed(ui.visuals())),
                );
            } else {
                ui.label(
                    RichText::new(format!("{text} · reconcile before signing"))
                        .color(theme::error(ui.visuals())),
                );
                if editable && ui.button("All needles out").clicked() {
                    treat(commands, Action::AllNeedlesOut { visit });
                }
            }
        });
    }
    if !state.needlings.is_empty() {
        let mut after = state.aftercare.clone();
        ui.add_enabled_ui(editable, |ui| {
            ui.checkbox(&mut after.sharps_disposed, "Sharps disposed");
            for (label, text) in [
                (
                    "Immediate response (pain, range of motion)",
                    &mut after.immediate_response,
                ),
                ("Advice given", &mut after.advice),
                ("Adverse events", &mut after.adverse_events),
            ] {
                ui.horizontal(|ui| {
                    let label = ui.label(label);
                    ui.add(TextEdit::singleline(text).desired_width(ui.available_width() - 12.0))
                        .labelled_by(label.id);
                });
            }
        });
        if after != state.aftercare {
            state.aftercare = after.clone();
            treat(
                commands,
                Action::SaveAftercare {
                    visit,
                    aftercare: after,
                },
            );
        }
    }
    if editable {
        let cleared = state.screening.is_some() && state.consent.is_some();
        let active: Vec<&Finding> = state
            .findings
            .iter()
            .filter(|f| f.details.activity == Activity::Active)
            .collect();
        if !cleared {
            ui.label(RichText::new("Record the screening and consent to needle.").color(weak));
        } else if active.is_empty() {
            ui.label(
                RichText::new("Chart active trigger points on the body map to needle them.")
                    .color(weak),
            );
        }
        ui.horizontal_wrapped(|ui| {
            for finding in active {
                if ui
                    .add_enabled(
                        cleared,
                        egui::Button::new(format!("Needle {}", finding_name(finding))),
                    )
                    .clicked()
                {
                    treat(commands, Action::AddNeedling(Needling::at_finding(finding)));
                }
            }
        });
    }
}

/// The clinic's plan templates window (File → Plan templates…).
#[derive(Clone, Debug, Default)]
pub struct TemplatesState {
    pub open: bool,
    pub rows: Vec<TemplateRow>,
    pub loaded: bool,
    pub selected: Option<TemplateId>,
    /// The template being edited (None: a new one).
    pub draft: Option<(Option<TemplateId>, PlanBody)>,
}

impl TemplatesState {
    pub fn reload(&mut self, core: &Core) {
        match core.store().templates() {
            Ok(rows) => self.rows = rows,
            Err(err) => tracing::error!(%err, "the templates could not be read"),
        }
        self.loaded = true;
    }
}

/// Draws the templates window when it is open.
pub fn templates_window(
    ctx: &egui::Context,
    state: &mut TemplatesState,
    core: &Core,
    commands: &mut Vec<Command>,
) {
    if !state.open {
        return;
    }
    if !state.loaded {
        state.reload(core);
    }
    let mut open = state.open;
    egui::Window::new("Plan templates")
        .open(&mut open)
        .default_size(egui::vec2(760.0, 560.0))
        .vscroll(false)
        .show(ctx, |ui| {
            egui::Panel::left("template_list")
                .resizable(true)
                .default_size(250.0)
                .show(ui, |ui| {
                    if ui.button("New template").clicked()
                        && let Some(first) = state.rows.first()
                    {
                        let mut body = first.body.clone();
                        body.name = "New template".into();
                        body.source.clear();
                        state.draft = Some((None, body));
                        state.selected = None;
                    }
                    ui.separator();
                    for row in &state.rows {
                        let text = if row.retired {
                            format!("{} (retired)", row.body.name)
                        } else {
                            row.body.name.clone()
                        };
                        if ui
                            .selectable_label(state.selected == Some(row.id), text)
                            .clicked()
                        {
                            state.selected = Some(row.id);
                            state.draft = Some((Some(row.id), row.body.clone()));
                        }
                    }
                });
            egui::CentralPanel::default().show(ui, |ui| {
                let Some((id, body)) = state.draft.as_mut() else {
                    ui.label("Choose a template, or make a new one.");
                    return;
                };
                egui::ScrollArea::vertical()
                    .max_height(ui.available_height() - 36.0)
                    .show(ui, |ui| plan_editor::plan_editor_ui(ui, body, "template"));
                ui.separator();
                let valid = plan_editor::problems_ui(ui, body);
                ui.horizontal(|ui| {
                    let label = if id.is_some() { "Save" } else { "Create" };
                    if ui.add_enabled(valid, egui::Button::new(label)).clicked() {
                        let action = match id {
                            Some(id) => Action::UpdateTemplate {
                                id: *id,
                                body: body.clone(),
                            },
                            None => Action::CreateTemplate(body.clone()),
                        };
                        treat(commands, action);
                    }
                    if let Some(template) = *id {
                        if ui.button("Clone").clicked() {
                            let mut copy = body.clone();
                            copy.name = format!("{} (copy)", copy.name);
                            treat(commands, Action::CreateTemplate(copy));
                        }
                        let retired = state.rows.iter().any(|r| r.id == template && r.retired);
                        let text = if retired { "Bring back" } else { "Retire" };
                        if ui
                            .button(text)
                            .on_hover_text(
                                "Retired templates are kept for the plans made from them",
                            )
                            .clicked()
                        {
                            treat(
                                commands,
                                Action::SetTemplateRetired {
                                    id: template,
                                    retired: !retired,
                                },
                            );
                        }
                    }
                });
            });
        });
    state.open = open;
}
