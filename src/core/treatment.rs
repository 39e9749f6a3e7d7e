//! What is done at a visit: interventions as structured rows, and the dry
//! needling record with its screening and consent (CLINICAL.md section 4).
//! These are the domain types and their checks; the store keeps them and the
//! core decides when they may be written.

use std::fmt::Write as _;

use jiff::Timestamp;
use jiff::civil::Date;

use super::model::{FindingId, PatientId, PractitionerId, VisitId};
use super::plan::{Dosage, check_dosage};
use crate::body_map::Side;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $label:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, concat!($label, " {}"), self.0)
            }
        }
    };
}

id_type!(
    /// A plan template of the clinic.
    TemplateId,
    "template"
);
id_type!(
    /// One version of a patient's plan.
    PlanId,
    "plan"
);
id_type!(
    /// One intervention recorded at a visit.
    InterventionId,
    "intervention"
);
id_type!(
    /// One needled site at a visit.
    NeedlingId,
    "needling"
);

/// Codes stored in the database for an enum, and back.
macro_rules! coded {
    ($name:ident { $($variant:ident => $code:literal, $label:literal;)+ }) => {
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            #[must_use]
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            #[must_use]
            pub fn from_code(code: &str) -> Option<$name> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }

            #[must_use]
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }
        }
    };
}

/// The kinds of intervention a visit records besides needling.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum InterventionKind {
    Mobilization,
    SoftTissue,
    Craniosacral,
    Stretching,
    Exercise,
    Education,
    Other,
}

coded!(InterventionKind {
    Mobilization => "mobilization", "Joint mobilization";
    SoftTissue => "soft_tissue", "Soft-tissue work";
    Craniosacral => "craniosacral", "CranioSacral therapy";
    Stretching => "stretching", "Stretching";
    Exercise => "exercise", "Exercise";
    Education => "education", "Education and ergonomics";
    Other => "other", "Other";
});

/// What happened to a home exercise at this visit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExerciseStep {
    Reviewed,
    Progressed,
    Regressed,
    New,
    Stopped,
}

coded!(ExerciseStep {
    Reviewed => "reviewed", "reviewed";
    Progressed => "progressed", "progressed";
    Regressed => "regressed", "regressed";
    New => "new", "new";
    Stopped => "stopped", "stopped";
});

/// One intervention at a visit. Which fields apply depends on the kind:
/// mobilization has a level, a technique (`code`) and a grade; exercise has
/// an exercise id (`code`), a dosage and a step; soft-tissue work has a
/// technique and a region; education has an item id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Intervention {
    pub id: InterventionId,
    pub visit_id: VisitId,
    pub kind: InterventionKind,
    pub code: String,
    pub level: Option<String>,
    pub grade: Option<String>,
    pub region: String,
    pub dosage: Option<Dosage>,
    pub exercise_step: Option<ExerciseStep>,
    pub minutes: Option<u16>,
    pub response: String,
    pub note: String,
    /// Recorded with "Performed as planned".
    pub from_plan: bool,
}

impl Intervention {
    /// An empty entry of `kind` for `visit`.
    #[must_use]
    pub fn new(visit_id: VisitId, kind: InterventionKind) -> Intervention {
        Intervention {
            id: InterventionId(0),
            visit_id,
            kind,
            code: String::new(),
            level: None,
            grade: None,
            region: String::new(),
            dosage: None,
            exercise_step: None,
            minutes: None,
            response: String::new(),
            note: String::new(),
            from_plan: false,
        }
    }
}

/// How the needles were used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NeedlingTechnique {
    Static,
    Pistoning,
    Electrical,
}

coded!(NeedlingTechnique {
    Static => "static", "static";
    Pistoning => "pistoning", "pistoning";
    Electrical => "electrical", "electrical stimulation";
});

/// One needled site (CLINICAL.md section 4).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Needling {
    pub id: NeedlingId,
    pub visit_id: VisitId,
    /// The trigger point of the body map it treats, if any.
    pub finding_id: Option<FindingId>,
    pub muscle: String,
    pub side: Side,
    /// Gauge x length, "0.25 x 30 mm".
    pub needle: String,
    pub needles_in: u16,
    pub needles_out: u16,
    pub technique: NeedlingTechnique,
    pub depth: String,
    pub retention_secs: Option<u32>,
    pub twitch_count: u16,
    pub familiar_pain: bool,
    pub response: String,
}

impl Needling {
    /// One needle into a trigger point of the visit, not yet out: the
    /// clinician enters the count when the needles come out.
    #[must_use]
    pub fn at_finding(finding: &super::model::Finding) -> Needling {
        Needling {
            id: NeedlingId(0),
            visit_id: finding.visit_id,
            finding_id: Some(finding.id),
            muscle: finding.muscle.clone(),
            side: finding.side,
            needle: crate::content::plans::catalog().default_needle(),
            needles_in: 1,
            needles_out: 0,
            technique: NeedlingTechnique::Static,
            depth: String::new(),
            retention_secs: None,
            twitch_count: 0,
            familiar_pain: false,
            response: String::new(),
        }
    }
}

/// What is recorded once after needling at a visit.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Aftercare {
    pub sharps_disposed: bool,
    /// Pain and range of motion straight after.
    pub immediate_response: String,
    pub advice: String,
    /// Empty when there were none.
    pub adverse_events: String,
}

/// Written or spoken consent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ConsentForm {
    Written,
    Verbal,
}

coded!(ConsentForm {
    Written => "written", "written";
    Verbal => "verbal", "verbal";
});

/// The needling screening on file for a patient.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Screening {
    pub patient_id: PatientId,
    /// Screening item ids answered yes.
    pub flagged: Vec<String>,
    pub note: String,
    pub screened_by: PractitionerId,
    pub screened_at: Timestamp,
}

/// Consent to dry needling on file for a patient.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Consent {
    pub patient_id: PatientId,
    pub form: ConsentForm,
    /// Consent point ids explained.
    pub explained: Vec<String>,
    pub note: String,
    pub recorded_by: PractitionerId,
    pub consented_on: Date,
}

/// The longest free text of an intervention or needling entry.
pub const MAX_TREATMENT_TEXT_CHARS: usize = 1_000;

/// Checks an intervention against the catalog and the exercise library.
///
/// # Errors
/// What is wrong, in words.
pub fn check_intervention(entry: &Intervention) -> Result<(), String> {
    let catalog = crate::content::plans::catalog();
    let long = [&entry.region, &entry.response, &entry.note]
        .iter()
        .any(|t| t.chars().count() > MAX_TREATMENT_TEXT_CHARS);
    if long {
        return Err(format!(
            "a note or response holds at most {MAX_TREATMENT_TEXT_CHARS} characters"
        ));
    }
    if entry.minutes == Some(0) {
        return Err("minutes are at least 1".into());
    }
    match entry.kind {
        InterventionKind::Mobilization => {
            if entry
                .level
                .as_ref()
                .is_none_or(|l| !catalog.levels.contains(l))
            {
                return Err("choose a spinal level".into());
            }
            if catalog.technique(&entry.code).is_none() {
                return Err("choose a technique".into());
            }
            if entry
                .grade
                .as_ref()
                .is_none_or(|g| !catalog.grades.contains(g))
            {
                return Err("choose a grade from I to V".into());
            }
        }
        InterventionKind::SoftTissue => {
            if catalog.soft_tissue(&entry.code).is_none() {
                return Err("choose a soft-tissue technique".into());
            }
        }
        InterventionKind::Exercise => {
            if crate::content::exercises::shipped()
                .get(&entry.code)
                .is_none()
            {
                return Err(format!("unknown exercise id \"{}\"", entry.code));
            }
            if let Some(dosage) = &entry.dosage {
                check_dosage(dosage)?;
            }
        }
        InterventionKind::Education => {
            if catalog.education(&entry.code).is_none() {
                return Err(format!("unknown education item id \"{}\"", entry.code));
            }
        }
        InterventionKind::Craniosacral | InterventionKind::Stretching => {}
        InterventionKind::Other => {
            if entry.note.trim().is_empty() && entry.region.trim().is_empty() {
                return Err("say what was done".into());
            }
        }
    }
    Ok(())
}

/// Checks a needling entry: a known muscle, a needle, the counts.
///
/// # Errors
/// What is wrong, in words.
pub fn check_needling(entry: &Needling) -> Result<(), String> {
    if crate::content::body_map::shipped()
        .muscle_index(&entry.muscle)
        .is_none()
    {
        return Err(format!("unknown muscle id \"{}\"", entry.muscle));
    }
    if entry.needle.trim().is_empty() || entry.needle.chars().count() > 40 {
        return Err("give the needle's gauge and length, e.g. 0.25 x 30 mm".into());
    }
    if entry.needles_in == 0 {
        return Err("at least one needle goes in".into());
    }
    if entry.needles_out > entry.needles_in {
        return Err(format!(
            "needles out ({}) cannot be more than needles in ({})",
            entry.needles_out, entry.needles_in
        ));
    }
    if [&entry.depth, &entry.response]
        .iter()
        .any(|t| t.chars().count() > MAX_TREATMENT_TEXT_CHARS)
    {
        return Err(format!(
            "a note or response holds at most {MAX_TREATMENT_TEXT_CHARS} characters"
        ));
    }
    Ok(())
}

/// The lines a visit's structured treatment adds to the note: what was done
/// (Objective) and what the patient takes home (Plan).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TreatmentLines {
    pub objective: Vec<String>,
    pub plan: Vec<String>,
}

/// "Upper trapezius, right".
fn muscle_and_side(muscle: &str, side: Side) -> String {
    let map = crate::content::body_map::shipped();
    let name = map
        .muscle_index(muscle)
        .map_or(muscle, |i| map.muscles[i].name.as_str());
    format!("{name}, {}", side.label())
}

/// Words for a visit's interventions and needling, so the note reads them
/// without retyping.
#[must_use]
pub fn treatment_lines(
    interventions: &[Intervention],
    needlings: &[Needling],
    aftercare: Option<&Aftercare>,
) -> TreatmentLines {
    let catalog = crate::content::plans::catalog();
    let exercises = crate::content::exercises::shipped();
    let mut lines = TreatmentLines::default();
    for n in needlings {
        let mut text = format!(
            "Dry needling: {}, {}, {} in / {} out, {}",
            muscle_and_side(&n.muscle, n.side),
            n.needle,
            n.needles_in,
            n.needles_out,
            n.technique.label()
        );
        if n.twitch_count > 0 {
            let _ = write!(text, ", {} local twitch responses", n.twitch_count);
        }
        if n.familiar_pain {
            text.push_str(", familiar pain reproduced");
        }
        if !n.response.trim().is_empty() {
            let _ = write!(text, "; response: {}", n.response.trim());
        }
        lines.objective.push(text);
    }
    if let Some(after) = aftercare.filter(|_| !needlings.is_empty()) {
        let mut parts = vec![if after.sharps_disposed {
            "sharps disposed".to_string()
        } else {
            "sharps disposal not recorded".to_string()
        }];
        for (label, text) in [
            ("immediate response", &after.immediate_response),
            ("advice", &after.advice),
            ("adverse events", &after.adverse_events),
        ] {
            if !text.trim().is_empty() {
                parts.push(format!("{label}: {}", text.trim()));
            }
        }
        lines
            .objective
            .push(format!("After needling: {}", parts.join("; ")));
    }
    for i in interventions {
        let extra = |mut text: String| {
            if !i.region.trim().is_empty() {
                let _ = write!(text, ", {}", i.region.trim());
            }
            if let Some(minutes) = i.minutes {
                let _ = write!(text, ", {minutes} min");
            }
            if !i.response.trim().is_empty() {
                let _ = write!(text, "; response: {}", i.response.trim());
            }
            if !i.note.trim().is_empty() {
                let _ = write!(text, "; {}", i.note.trim());
            }
            text
        };
        match i.kind {
            InterventionKind::Mobilization => {
                let technique = catalog
                    .technique(&i.code)
                    .map_or(i.code.as_str(), |t| &t.name);
                lines.objective.push(extra(format!(
                    "Mobilization: {} {technique}, grade {}",
                    i.level.as_deref().unwrap_or("?"),
                    i.grade.as_deref().unwrap_or("?")
                )));
            }
            InterventionKind::SoftTissue => {
                let name = catalog
                    .soft_tissue(&i.code)
                    .map_or(i.code.as_str(), |t| &t.name);
                lines
                    .objective
                    .push(extra(format!("Soft-tissue work: {name}")));
            }
            InterventionKind::Craniosacral
            | InterventionKind::Stretching
            | InterventionKind::Other => {
                lines.objective.push(extra(i.kind.label().to_string()));
            }
            InterventionKind::Exercise => {
                let name = exercises.get(&i.code).map_or(i.code.as_str(), |e| &e.name);
                let mut text = format!("Home exercise: {name}");
                if let Some(dosage) = &i.dosage {
                    let _ = write!(text, ", {}", dosage.describe());
                }
                if let Some(step) = i.exercise_step {
                    let _ = write!(text, " ({})", step.label());
                }
                lines.plan.push(extra(text));
            }
            InterventionKind::Education => {
                let name = catalog
                    .education(&i.code)
                    .map_or(i.code.as_str(), |e| &e.name);
                lines.plan.push(extra(format!("Advised: {name}")));
            }
        }
    }
    lines
}
