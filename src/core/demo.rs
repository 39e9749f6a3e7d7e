//! The fictional demo clinic: a few featured cervicogenic and tension-type
//! headache cases with several visits each, and as many generated patients as
//! asked for. Content comes from `assets/demo/clinic.json`.

use std::collections::HashMap;

use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};
use serde::Deserialize;

use super::model::{
    Activity, Finding, FindingDetails, MapPosition, NoteTexts, PainKind, PainStroke, PainStrokeId,
    PatientDetails, PatientId, Sex, Side, VisitId, VisitType,
};
use super::{Action, Applied, Core, CoreError};

const CLINIC_JSON: &str = include_str!("../../assets/demo/clinic.json");

/// Patients written per transaction: large enough that commits do not
/// dominate, small enough that progress is reported often.
const BATCH_SIZE: usize = 5_000;

#[derive(Deserialize)]
struct Clinic {
    details: DemoClinic,
    practitioners: Vec<DemoPractitioner>,
    featured_patients: Vec<FeaturedPatient>,
    given_names: Vec<String>,
    family_names: Vec<String>,
    cases: HashMap<String, Vec<CaseVisit>>,
    /// The plan template each case follows, and whether its patient was
    /// screened and consented for dry needling.
    case_plans: HashMap<String, CasePlan>,
    short_follow_ups: Vec<ShortVisit>,
}

#[derive(Deserialize)]
struct CasePlan {
    template: String,
    needling_cleared: bool,
}

#[derive(Deserialize)]
struct DemoClinic {
    name: String,
    address: String,
    phone: String,
    email: String,
}

#[derive(Deserialize)]
struct DemoPractitioner {
    display_name: String,
    credentials: String,
}

#[derive(Deserialize)]
struct FeaturedPatient {
    given: String,
    family: String,
    preferred: String,
    dob: String,
    sex: String,
    phone: String,
    email: String,
    address: String,
    emergency_contact: String,
    referral_source: String,
    case: String,
}

#[derive(Deserialize)]
struct CaseVisit {
    #[serde(rename = "type")]
    visit_type: String,
    day: i64,
    #[serde(flatten)]
    texts: ShortVisit,
    /// The trigger points charted; absent means the body map was not
    /// charted, so the last visit's findings stay as ghosts.
    findings: Option<Vec<CaseFinding>>,
    #[serde(default)]
    pain: Vec<CasePain>,
    /// Outcome measures as the note's text reports them.
    #[serde(default)]
    outcomes: Vec<super::outcomes::OutcomeEntry>,
}

// The demo file spells out the examination's yes/no findings as they are stored.
#[allow(clippy::struct_excessive_bools)]
#[derive(Deserialize)]
struct CaseFinding {
    muscle: String,
    side: String,
    view: String,
    /// Where on the view; the muscle's anchor point when absent.
    at: Option<[f32; 2]>,
    activity: String,
    tenderness: Option<u8>,
    #[serde(default)]
    taut_band: bool,
    #[serde(default)]
    twitch_response: bool,
    #[serde(default)]
    reproduces_headache: bool,
    #[serde(default)]
    referral_noted: bool,
}

#[derive(Deserialize)]
struct CasePain {
    view: String,
    kind: String,
    intensity: u8,
    radius: f32,
    points: Vec<[f32; 2]>,
}

#[derive(Deserialize)]
struct ShortVisit {
    chief_complaint: String,
    subjective: String,
    objective: String,
    assessment: String,
    plan: String,
}

impl ShortVisit {
    fn texts(&self) -> NoteTexts {
        NoteTexts {
            chief_complaint: self.chief_complaint.clone(),
            subjective: self.subjective.clone(),
            objective: self.objective.clone(),
            assessment: self.assessment.clone(),
            plan: self.plan.clone(),
        }
    }
}

/// Why the demo clinic was not created.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error(
        "this database already holds {0} patients; the demo clinic goes only into an empty one (choose another folder with --data-dir)"
    )]
    NotEmpty(u64),
    #[error("the demo content is malformed: {0}")]
    Content(String),
    #[error(transparent)]
    Core(#[from] CoreError),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
}

/// A small deterministic generator (`SplitMix64`), so that the same demo is made
/// every time without a dependency.
struct Sequence(u64);

impl Sequence {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % u64::try_from(n.max(1)).unwrap_or(1)).unwrap_or(0)
    }
}

/// Fills an empty database with the demo clinic: practitioners, the featured
/// cases and generated patients up to `patients` in all. `progress` is called
/// with (done, total) after each batch.
///
/// # Errors
/// [`DemoError::NotEmpty`] when the database already holds patients.
pub fn seed(
    core: &mut Core,
    patients: usize,
    mut progress: impl FnMut(usize, usize),
) -> Result<(), DemoError> {
    if core.store().has_patients()? {
        let counts = core.store().counts()?;
        return Err(DemoError::NotEmpty(
            counts.patients + counts.archived_patients,
        ));
    }
    let clinic: Clinic =
        serde_json::from_str(CLINIC_JSON).map_err(|e| DemoError::Content(e.to_string()))?;
    let mut setup: Vec<Action> = clinic
        .practitioners
        .iter()
        .map(|p| Action::AddPractitioner {
            display_name: p.display_name.clone(),
            credentials: p.credentials.clone(),
        })
        .collect();
    if core.practitioner().is_some() {
        setup.clear();
    }
    setup.push(Action::SaveClinic(super::model::Clinic {
        name: clinic.details.name.clone(),
        address: clinic.details.address.clone(),
        phone: clinic.details.phone.clone(),
        email: clinic.details.email.clone(),
        paper: super::model::Paper::A4,
        logo: None,
    }));
    core.apply_all(&setup)?;

    let now = Timestamp::now();
    let featured = clinic.featured_patients.len().min(patients);
    for (index, person) in clinic.featured_patients.iter().take(featured).enumerate() {
        let details = featured_details(person, index)?;
        let [Applied::Patient(patient)] = core.apply_all(&[Action::CreatePatient(details)])?[..]
        else {
            return Err(DemoError::Content("patient not created".into()));
        };
        let case = clinic
            .cases
            .get(&person.case)
            .ok_or_else(|| DemoError::Content(format!("no case named {}", person.case)))?;
        // Spread the featured cases over the last months, each ending in the past.
        let first_day =
            now - SignedDuration::from_hours(24 * (60 + 9 * i64::try_from(index).unwrap_or(0)));
        add_case(
            core,
            patient,
            case,
            clinic.case_plans.get(&person.case),
            first_day,
        )?;
    }
    progress(featured, patients);

    let mut sequence = Sequence(0x5041_4C50);
    let mut done = featured;
    while done < patients {
        let batch_end = (done + BATCH_SIZE).min(patients);
        let mut actions = Vec::with_capacity(batch_end - done);
        for number in done..batch_end {
            actions.push(Action::CreatePatient(generated_details(
                &clinic,
                &mut sequence,
                number,
            )));
        }
        let created = core.apply_all(&actions)?;
        // Every tenth generated patient has had one short, signed visit.
        let mut visits = Vec::new();
        for (offset, applied) in created.iter().enumerate() {
            if let Applied::Patient(patient) = applied
                && (done + offset).is_multiple_of(10)
            {
                let template =
                    &clinic.short_follow_ups[sequence.below(clinic.short_follow_ups.len())];
                let days_ago = i64::try_from(sequence.below(300)).unwrap_or(0) + 1;
                visits.push(PlannedVisit {
                    patient: *patient,
                    visit_type: VisitType::FollowUp,
                    started_at: now - SignedDuration::from_hours(24 * days_ago),
                    texts: template.texts(),
                    sign: true,
                });
            }
        }
        write_visits(core, &visits, |_, _, _| Ok(()))?;
        done = batch_end;
        progress(done, patients);
    }
    Ok(())
}

struct PlannedVisit {
    patient: PatientId,
    visit_type: VisitType,
    started_at: Timestamp,
    texts: NoteTexts,
    sign: bool,
}

/// Starts the visits in one transaction, lets `chart` add to each (in
/// order), then saves their text (and signs them) in a last one.
fn write_visits(
    core: &mut Core,
    planned: &[PlannedVisit],
    mut chart: impl FnMut(&mut Core, usize, VisitId) -> Result<(), DemoError>,
) -> Result<(), DemoError> {
    let starts: Vec<Action> = planned
        .iter()
        .map(|p| Action::StartVisit {
            patient: p.patient,
            visit_type: p.visit_type,
            started_at: p.started_at,
            copy_forward: None,
        })
        .collect();
    let started = core.apply_all(&starts)?;
    for (index, applied) in started.iter().enumerate() {
        if let Applied::Visit(visit) = applied {
            chart(core, index, *visit)?;
        }
    }
    let mut follow = Vec::new();
    for (applied, plan) in started.iter().zip(planned) {
        if let Applied::Visit(visit) = applied {
            follow.push(Action::SaveVisit {
                visit: *visit,
                visit_type: plan.visit_type,
                texts: plan.texts.clone(),
            });
            if plan.sign {
                follow.push(Action::SignVisit { visit: *visit });
            }
        }
    }
    core.apply_all(&follow)?;
    Ok(())
}

/// Writes a featured case's visits. All are signed but the newest, which is
/// left as a visit in progress.
fn add_case(
    core: &mut Core,
    patient: PatientId,
    case: &[CaseVisit],
    plan: Option<&CasePlan>,
    first_day: Timestamp,
) -> Result<(), DemoError> {
    if let Some(plan) = plan {
        start_plan(core, patient, plan, first_day)?;
    }
    let now = Timestamp::now();
    let mut planned = Vec::new();
    for (index, visit) in case.iter().enumerate() {
        let visit_type = VisitType::from_code(&visit.visit_type).ok_or_else(|| {
            DemoError::Content(format!("unknown visit type {}", visit.visit_type))
        })?;
        let started_at = first_day + SignedDuration::from_hours(24 * visit.day);
        planned.push(PlannedVisit {
            patient,
            visit_type,
            started_at: started_at.min(now),
            texts: visit.texts.texts(),
            sign: index + 1 < case.len(),
        });
    }
    let mut previous: Vec<Finding> = Vec::new();
    write_visits(core, &planned, |core, index, visit| {
        let case_visit = &case[index];
        if let Some(findings) = &case_visit.findings {
            previous = chart_findings(core, visit, findings, &previous)?;
        }
        let strokes = case_visit
            .pain
            .iter()
            .map(|p| {
                Ok(Action::AddPainStroke(PainStroke {
                    id: PainStrokeId(0),
                    visit_id: visit,
                    view: p.view.clone(),
                    kind: PainKind::from_code(&p.kind).ok_or_else(|| {
                        DemoError::Content(format!("unknown pain kind {}", p.kind))
                    })?,
                    intensity: p.intensity,
                    radius: p.radius,
                    points: p
                        .points
                        .iter()
                        .map(|&[x, y]| MapPosition { x, y })
                        .collect(),
                }))
            })
            .collect::<Result<Vec<_>, DemoError>>()?;
        core.apply_all(&strokes)?;
        let measures: Vec<Action> = case_visit
            .outcomes
            .iter()
            .map(|entry| Action::RecordOutcome {
                visit,
                entry: entry.clone(),
            })
            .collect();
        core.apply_all(&measures)?;
        // Earlier visits were treated as planned; the newest is in progress.
        if plan.is_some() && index + 1 < case.len() {
            core.apply_all(&[
                Action::PerformPlan { visit },
                Action::AllNeedlesOut { visit },
            ])?;
        }
        Ok(())
    })
}

/// Applies the case's template, and records the needling screening and
/// consent when the case has them.
fn start_plan(
    core: &mut Core,
    patient: PatientId,
    plan: &CasePlan,
    first_day: Timestamp,
) -> Result<(), DemoError> {
    let template = core
        .store()
        .templates()?
        .into_iter()
        .find(|t| t.shipped_key.as_deref() == Some(plan.template.as_str()))
        .ok_or_else(|| DemoError::Content(format!("no template {}", plan.template)))?;
    let mut actions = vec![Action::ApplyTemplate {
        patient,
        template: template.id,
    }];
    if plan.needling_cleared {
        let consented_on = first_day
            .to_zoned_datetime(jiff::tz::TimeZone::system())
            .date();
        actions.push(Action::RecordScreening {
            patient,
            flagged: Vec::new(),
            note: String::new(),
        });
        actions.push(Action::RecordConsent {
            patient,
            form: super::treatment::ConsentForm::Written,
            explained: crate::content::plans::catalog()
                .consent_points
                .iter()
                .map(|p| p.id.clone())
                .collect(),
            consented_on,
            note: String::new(),
        });
    }
    core.apply_all(&actions)?;
    Ok(())
}

/// Charts a visit's trigger points: a point on the same muscle and side as
/// one of the last visit's is confirmed as persisting, the rest are added,
/// and the last visit's points not seen again are resolved. Returns the
/// visit's findings.
fn chart_findings(
    core: &mut Core,
    visit: VisitId,
    findings: &[CaseFinding],
    previous: &[Finding],
) -> Result<Vec<Finding>, DemoError> {
    let map = crate::content::body_map::shipped();
    let mut charted = Vec::new();
    for finding in findings {
        let side = Side::from_code(&finding.side)
            .ok_or_else(|| DemoError::Content(format!("unknown side {}", finding.side)))?;
        let before = previous
            .iter()
            .find(|p| p.muscle == finding.muscle && p.side == side);
        let action = if let Some(before) = before {
            Action::ConfirmFinding {
                visit,
                from: before.id,
            }
        } else {
            let anchor = map
                .view(&finding.view)
                .zip(map.muscle_index(&finding.muscle))
                .and_then(|(view, muscle)| view.region(muscle, side))
                .map(|region| {
                    finding.at.map_or(region.anchor, |[x, y]| {
                        crate::body_map::BodyPoint::new(x, y)
                    })
                })
                .ok_or_else(|| {
                    DemoError::Content(format!(
                        "the {} view has no {} {}",
                        finding.view, finding.side, finding.muscle
                    ))
                })?;
            Action::AddFinding {
                visit,
                muscle: finding.muscle.clone(),
                side,
                view: finding.view.clone(),
                position: MapPosition {
                    x: anchor.x,
                    y: anchor.y,
                },
            }
        };
        let [Applied::Finding(id)] = core.apply_all(&[action])?[..] else {
            return Err(DemoError::Content("finding not charted".into()));
        };
        let details = FindingDetails {
            activity: Activity::from_code(&finding.activity).ok_or_else(|| {
                DemoError::Content(format!("unknown activity {}", finding.activity))
            })?,
            taut_band: finding.taut_band,
            twitch_response: finding.twitch_response,
            tenderness: finding.tenderness,
            reproduces_headache: finding.reproduces_headache,
            referral_noted: finding.referral_noted,
            note: String::new(),
        };
        core.apply(Action::UpdateFinding {
            finding: id,
            details,
        })?;
        charted.push(core.store().finding(id)?);
    }
    let gone: Vec<Action> = previous
        .iter()
        .filter(|p| !charted.iter().any(|c| c.carried_from == Some(p.id)))
        .map(|p| Action::ResolveFinding {
            visit,
            finding: p.id,
        })
        .collect();
    core.apply_all(&gone)?;
    Ok(charted)
}

fn featured_details(person: &FeaturedPatient, index: usize) -> Result<PatientDetails, DemoError> {
    let date_of_birth: Date = person
        .dob
        .parse()
        .map_err(|_| DemoError::Content(format!("bad date of birth {}", person.dob)))?;
    Ok(PatientDetails {
        chart_number: format!("C-{:05}", index + 1),
        given_name: person.given.clone(),
        family_name: person.family.clone(),
        preferred_name: person.preferred.clone(),
        date_of_birth,
        sex: Sex::from_code(&person.sex).unwrap_or_default(),
        phone: person.phone.clone(),
        email: person.email.clone(),
        address: person.address.clone(),
        emergency_contact: person.emergency_contact.clone(),
        referral_source: person.referral_source.clone(),
        notes: "Fictional demo patient.".into(),
    })
}

fn generated_details(clinic: &Clinic, sequence: &mut Sequence, number: usize) -> PatientDetails {
    let given = &clinic.given_names[sequence.below(clinic.given_names.len())];
    let family = &clinic.family_names[sequence.below(clinic.family_names.len())];
    let year = 1940 + i16::try_from(sequence.below(68)).unwrap_or(0);
    let month = 1 + i8::try_from(sequence.below(12)).unwrap_or(0);
    let day = 1 + i8::try_from(sequence.below(28)).unwrap_or(0);
    let date_of_birth = Date::new(year, month, day).unwrap_or(Date::constant(1970, 1, 1));
    let sex = [Sex::Female, Sex::Male][sequence.below(2)];
    PatientDetails {
        chart_number: format!("C-{:05}", number + 1),
        given_name: given.clone(),
        family_name: family.clone(),
        preferred_name: String::new(),
        date_of_birth,
        sex,
        // 555-01xx numbers are reserved for fiction.
        phone: format!("555-01{:02} {:04}", sequence.below(100), number % 10_000),
        email: String::new(),
        address: String::new(),
        emergency_contact: String::new(),
        referral_source: String::new(),
        notes: String::new(),
    }
}
