//! Applies the actions of treatment plans, interventions and dry needling,
//! each inside the caller's transaction, and seeds the shipped templates.

use jiff::Timestamp;

use super::model::{Activity, PatientId, PractitionerId, VisitId};
use super::plan::{GoalStatus, PlanBody, shipped_problems};
use super::treatment::{
    Consent, ExerciseStep, Intervention, InterventionKind, Needling, NeedlingId, Screening,
    check_intervention, check_needling,
};
use super::{Action, Applied, CoreError, editable_visit};
use crate::store::{Store, Tx};

/// Copies into the database every shipped template it has never held, so
/// that a template the clinic retired is not brought back.
///
/// # Errors
/// When the database cannot be written.
pub(super) fn seed_templates(store: &mut Store) -> Result<(), CoreError> {
    let shipped = crate::content::plans::templates();
    store.write(|tx| {
        let now = Timestamp::now();
        for template in shipped {
            if !tx.has_shipped_template(&template.key)? {
                tx.insert_template(Some(&template.key), &template.body, now)?;
            }
        }
        Ok::<_, CoreError>(())
    })
}

fn checked_plan(body: &PlanBody) -> Result<(), CoreError> {
    let problems = shipped_problems(body);
    if problems.is_empty() {
        return Ok(());
    }
    let words: Vec<String> = problems.iter().map(ToString::to_string).collect();
    Err(CoreError::Invalid(format!(
        "the plan cannot be saved: {}",
        words.join("; ")
    )))
}

/// What is missing before `patient` may be needled, if anything.
fn needling_gate(tx: &Tx<'_>, patient: PatientId) -> Result<Option<&'static str>, CoreError> {
    let screened = tx.screening(patient)?.is_some();
    let consented = tx.consent(patient)?.is_some();
    Ok(match (screened, consented) {
        (true, true) => None,
        (false, true) => Some("a screening"),
        (true, false) => Some("consent"),
        (false, false) => Some("a screening and consent"),
    })
}

fn checked_needling(tx: &Tx<'_>, entry: &Needling) -> Result<(), CoreError> {
    check_needling(entry).map_err(CoreError::Invalid)?;
    if let Some(finding) = entry.finding_id {
        let stored = tx.finding(finding)?;
        if stored.visit_id != entry.visit_id {
            return Err(CoreError::Invalid(format!(
                "{finding} belongs to another visit"
            )));
        }
    }
    Ok(())
}

#[allow(clippy::too_many_lines)] // one arm per action, as in the core's own match
pub(super) fn apply(
    tx: &Tx<'_>,
    practitioner: Option<PractitionerId>,
    action: &Action,
    now: Timestamp,
) -> Result<Applied, CoreError> {
    match action {
        Action::CreateTemplate(body) => {
            checked_plan(body)?;
            Ok(Applied::Template(tx.insert_template(None, body, now)?))
        }
        Action::UpdateTemplate { id, body } => {
            checked_plan(body)?;
            tx.update_template(*id, body, now)?;
            Ok(Applied::Done)
        }
        Action::SetTemplateRetired { id, retired } => {
            tx.set_template_retired(*id, *retired, now)?;
            Ok(Applied::Done)
        }
        Action::ApplyTemplate { patient, template } => {
            let by = practitioner.ok_or(CoreError::NoPractitioner)?;
            tx.require_patient(*patient)?;
            let row = tx.template(*template)?;
            if row.retired {
                return Err(CoreError::Invalid(format!(
                    "{template} is retired; bring it back or choose another"
                )));
            }
            let mut body = row.body;
            for goal in &mut body.goals {
                goal.status = GoalStatus::Open;
            }
            checked_plan(&body)?;
            let reason = format!("from the template \"{}\"", body.name);
            Ok(Applied::Plan(tx.insert_plan_version(
                *patient,
                Some(*template),
                &body,
                &reason,
                by,
                now,
            )?))
        }
        Action::SavePlan {
            patient,
            body,
            reason,
        } => {
            let by = practitioner.ok_or(CoreError::NoPractitioner)?;
            checked_plan(body)?;
            let current = tx.current_plan(*patient)?;
            if let Some(current) = &current
                && current.body == *body
            {
                // Nothing changed: no new version.
                return Ok(Applied::Plan(current.id));
            }
            let template = current.and_then(|c| c.template_id);
            Ok(Applied::Plan(tx.insert_plan_version(
                *patient,
                template,
                body,
                reason.trim(),
                by,
                now,
            )?))
        }
        Action::RecordScreening {
            patient,
            flagged,
            note,
        } => {
            let by = practitioner.ok_or(CoreError::NoPractitioner)?;
            tx.require_patient(*patient)?;
            let catalog = crate::content::plans::catalog();
            if let Some(unknown) = flagged.iter().find(|f| catalog.screening_item(f).is_none()) {
                return Err(CoreError::Invalid(format!(
                    "unknown screening item \"{unknown}\""
                )));
            }
            tx.insert_screening(&Screening {
                patient_id: *patient,
                flagged: flagged.clone(),
                note: note.trim().to_string(),
                screened_by: by,
                screened_at: now,
            })?;
            Ok(Applied::Done)
        }
        Action::RecordConsent {
            patient,
            form,
            explained,
            consented_on,
            note,
        } => {
            let by = practitioner.ok_or(CoreError::NoPractitioner)?;
            tx.require_patient(*patient)?;
            let catalog = crate::content::plans::catalog();
            if let Some(unknown) = explained
                .iter()
                .find(|f| catalog.consent_point(f).is_none())
            {
                return Err(CoreError::Invalid(format!(
                    "unknown consent point \"{unknown}\""
                )));
            }
            // Every site we needle is on the neck, shoulder or upper back.
            if !explained.iter().any(|e| e == "pneumothorax") {
                return Err(CoreError::Invalid(
                    "consent for needling the neck and shoulders must record that the pneumothorax risk was explained".into(),
                ));
            }
            if *consented_on > super::Core::today() {
                return Err(CoreError::Invalid(
                    "the consent date is in the future".into(),
                ));
            }
            tx.insert_consent(
                &Consent {
                    patient_id: *patient,
                    form: *form,
                    explained: explained.clone(),
                    note: note.trim().to_string(),
                    recorded_by: by,
                    consented_on: *consented_on,
                },
                now,
            )?;
            Ok(Applied::Done)
        }
        Action::AddIntervention(entry) => {
            editable_visit(tx, entry.visit_id)?;
            check_intervention(entry).map_err(CoreError::Invalid)?;
            Ok(Applied::Intervention(tx.insert_intervention(entry, now)?))
        }
        Action::UpdateIntervention(entry) => {
            let stored = tx.intervention(entry.id)?;
            editable_visit(tx, stored.visit_id)?;
            let entry = Intervention {
                visit_id: stored.visit_id,
                kind: stored.kind,
                ..entry.clone()
            };
            check_intervention(&entry).map_err(CoreError::Invalid)?;
            tx.update_intervention(&entry, now)?;
            Ok(Applied::Done)
        }
        Action::RemoveIntervention { id } => {
            let stored = tx.intervention(*id)?;
            editable_visit(tx, stored.visit_id)?;
            tx.delete_intervention(*id)?;
            Ok(Applied::Done)
        }
        Action::AddNeedling(entry) => {
            let visit = editable_visit(tx, entry.visit_id)?;
            if let Some(missing) = needling_gate(tx, visit.patient_id)? {
                return Err(CoreError::NeedlingNotCleared(missing));
            }
            checked_needling(tx, entry)?;
            Ok(Applied::Needling(tx.insert_needling(entry, now)?))
        }
        Action::UpdateNeedling(entry) => {
            let stored = tx.needling(entry.id)?;
            editable_visit(tx, stored.visit_id)?;
            let entry = Needling {
                visit_id: stored.visit_id,
                ..entry.clone()
            };
            checked_needling(tx, &entry)?;
            tx.update_needling(&entry, now)?;
            Ok(Applied::Done)
        }
        Action::RemoveNeedling { id } => {
            let stored = tx.needling(*id)?;
            editable_visit(tx, stored.visit_id)?;
            tx.delete_needling(*id)?;
            Ok(Applied::Done)
        }
        Action::AllNeedlesOut { visit } => {
            editable_visit(tx, *visit)?;
            for mut entry in needlings_in_tx(tx, *visit)? {
                if entry.needles_out != entry.needles_in {
                    entry.needles_out = entry.needles_in;
                    tx.update_needling(&entry, now)?;
                }
            }
            Ok(Applied::Done)
        }
        Action::PerformPlan { visit } => perform_plan(tx, *visit, now),
        Action::RecordDocument(record) => {
            tx.require_patient(record.patient_id)?;
            tx.insert_document(record, practitioner)?;
            Ok(Applied::Done)
        }
        Action::SaveClinic(clinic) => {
            let fields = [&clinic.name, &clinic.address, &clinic.phone, &clinic.email];
            if fields.iter().any(|f| f.chars().count() > 300) {
                return Err(CoreError::Invalid(
                    "a clinic detail holds at most 300 characters".into(),
                ));
            }
            if let Some(logo) = &clinic.logo {
                if logo.len() > super::model::MAX_LOGO_BYTES {
                    return Err(CoreError::Invalid(
                        "the logo is over 2 MB; choose a smaller image".into(),
                    ));
                }
                if !super::model::looks_like_image(logo) {
                    return Err(CoreError::Invalid(
                        "the logo must be a PNG or JPEG image".into(),
                    ));
                }
            }
            tx.save_clinic(clinic)?;
            Ok(Applied::Done)
        }
        Action::SaveAftercare { visit, aftercare } => {
            editable_visit(tx, *visit)?;
            let texts = [
                &aftercare.immediate_response,
                &aftercare.advice,
                &aftercare.adverse_events,
            ];
            if texts
                .iter()
                .any(|t| t.chars().count() > super::treatment::MAX_TREATMENT_TEXT_CHARS)
            {
                return Err(CoreError::Invalid(format!(
                    "an aftercare note holds at most {} characters",
                    super::treatment::MAX_TREATMENT_TEXT_CHARS
                )));
            }
            tx.upsert_aftercare(*visit, aftercare, now)?;
            Ok(Applied::Done)
        }
        _ => Err(CoreError::Invalid(
            "this action is not a treatment action".into(),
        )),
    }
}

fn needlings_in_tx(tx: &Tx<'_>, visit: VisitId) -> Result<Vec<Needling>, CoreError> {
    let ids = tx.needling_ids(visit)?;
    ids.into_iter()
        .map(|id: NeedlingId| tx.needling(id).map_err(CoreError::from))
        .collect()
}

/// Records the current plan's interventions at `visit`, once.
fn perform_plan(tx: &Tx<'_>, visit: VisitId, now: Timestamp) -> Result<Applied, CoreError> {
    let stored = editable_visit(tx, visit)?;
    let plan = tx.current_plan(stored.patient_id)?.ok_or_else(|| {
        CoreError::Invalid("this patient has no plan yet; apply a template first".into())
    })?;
    if tx.interventions(visit)?.iter().any(|i| i.from_plan) {
        return Err(CoreError::Invalid(
            "the plan is already recorded at this visit; change its entries instead".into(),
        ));
    }
    let body = plan.body;
    let mut entries = Vec::new();
    for m in &body.mobilization {
        let mut entry = Intervention::new(visit, InterventionKind::Mobilization);
        entry.code.clone_from(&m.technique);
        entry.level = Some(m.level.clone());
        entry.grade = Some(m.grade.clone());
        entries.push(entry);
    }
    for id in &body.soft_tissue {
        let mut entry = Intervention::new(visit, InterventionKind::SoftTissue);
        entry.code.clone_from(id);
        entries.push(entry);
    }
    if body.craniosacral {
        entries.push(Intervention::new(visit, InterventionKind::Craniosacral));
    }
    for e in &body.exercises {
        let mut entry = Intervention::new(visit, InterventionKind::Exercise);
        entry.code.clone_from(&e.exercise);
        entry.dosage = Some(e.dosage);
        entry.exercise_step = Some(ExerciseStep::Reviewed);
        entries.push(entry);
    }
    for id in &body.education {
        let mut entry = Intervention::new(visit, InterventionKind::Education);
        entry.code.clone_from(id);
        entries.push(entry);
    }
    for entry in &mut entries {
        entry.from_plan = true;
        check_intervention(entry).map_err(CoreError::Invalid)?;
        tx.insert_intervention(entry, now)?;
    }

    // Needling: the plan's target muscles, at this visit's active trigger
    // points on them, once screening and consent are on file.
    let mut needlings = 0;
    let mut needling_not_cleared = false;
    if !body.needling.is_empty() {
        if needling_gate(tx, stored.patient_id)?.is_some() {
            needling_not_cleared = true;
        } else {
            for finding in tx.findings_in(visit)? {
                let targeted = body.needling.iter().any(|t| {
                    t.muscle == finding.muscle && t.side.is_none_or(|s| s == finding.side)
                });
                if targeted && finding.details.activity == Activity::Active {
                    let entry = Needling::at_finding(&finding);
                    tx.insert_needling(&entry, now)?;
                    needlings += 1;
                }
            }
        }
    }
    Ok(Applied::Performed {
        interventions: entries.len(),
        needlings,
        needling_not_cleared,
    })
}
