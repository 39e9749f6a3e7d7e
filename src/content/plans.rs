//! Loads what treatment is recorded with: the intervention catalog
//! (`assets/plans/catalog.json`) and the plan templates
//! (`assets/plans/templates.json`), checking every id a template names
//! against the catalog, the exercise library and the body map.

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::Deserialize;

use super::ContentError;
use crate::body_map::BodyMap;
use crate::content::exercises::ExerciseLibrary;
use crate::core::plan::{
    Dosage, Goal, NeedlingTarget, PlanBody, PlanProblem, PlannedExercise, PlannedMobilization,
    problems,
};

pub const CATALOG_FILE: &str = "assets/plans/catalog.json";
pub const TEMPLATES_FILE: &str = "assets/plans/templates.json";
const CATALOG_JSON: &str = include_str!("../../assets/plans/catalog.json");
const TEMPLATES_JSON: &str = include_str!("../../assets/plans/templates.json");

/// An id with the words shown for it.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Named {
    pub id: String,
    pub name: String,
}

/// The choices a visit's interventions are recorded with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Catalog {
    /// Spinal levels, "C0-C1" to "T3-T4".
    pub levels: Vec<String>,
    pub techniques: Vec<Named>,
    /// Maitland grades, "I" to "V".
    pub grades: Vec<String>,
    pub soft_tissue: Vec<Named>,
    pub needling_techniques: Vec<Named>,
    /// Needle sizes, gauge x length ("0.25 x 30 mm").
    pub needles: Vec<String>,
    pub screening: Vec<Named>,
    pub consent_points: Vec<Named>,
    /// Education and desk ergonomics items.
    pub education: Vec<Named>,
}

fn find<'a>(list: &'a [Named], id: &str) -> Option<&'a Named> {
    list.iter().find(|n| n.id == id)
}

impl Catalog {
    /// The needle a new insertion starts with: 0.25 x 30 mm, the size most
    /// often used in the neck, or the list's first.
    #[must_use]
    pub fn default_needle(&self) -> String {
        self.needles
            .iter()
            .find(|n| n.starts_with("0.25 x 30"))
            .or_else(|| self.needles.first())
            .cloned()
            .unwrap_or_default()
    }

    #[must_use]
    pub fn technique(&self, id: &str) -> Option<&Named> {
        find(&self.techniques, id)
    }

    #[must_use]
    pub fn soft_tissue(&self, id: &str) -> Option<&Named> {
        find(&self.soft_tissue, id)
    }

    #[must_use]
    pub fn education(&self, id: &str) -> Option<&Named> {
        find(&self.education, id)
    }

    #[must_use]
    pub fn needling_technique(&self, id: &str) -> Option<&Named> {
        find(&self.needling_techniques, id)
    }

    #[must_use]
    pub fn screening_item(&self, id: &str) -> Option<&Named> {
        find(&self.screening, id)
    }

    #[must_use]
    pub fn consent_point(&self, id: &str) -> Option<&Named> {
        find(&self.consent_points, id)
    }
}

#[derive(Deserialize)]
struct RawCatalog {
    mobilization: RawMobilization,
    soft_tissue: Vec<Named>,
    needling: RawNeedling,
    education: Vec<Named>,
}

#[derive(Deserialize)]
struct RawMobilization {
    levels: Vec<String>,
    techniques: Vec<Named>,
    grades: Vec<String>,
}

#[derive(Deserialize)]
struct RawNeedling {
    techniques: Vec<Named>,
    needles: Vec<String>,
    screening: Vec<Named>,
    consent_points: Vec<Named>,
}

/// Reads and checks the catalog: no list is empty, no id repeats.
///
/// # Errors
/// [`ContentError::Malformed`] naming the file.
pub fn parse_catalog(file: &'static str, json: &str) -> Result<Catalog, ContentError> {
    let malformed = |detail: String| ContentError::Malformed { file, detail };
    let raw: RawCatalog = serde_json::from_str(json).map_err(|e| malformed(e.to_string()))?;
    let catalog = Catalog {
        levels: raw.mobilization.levels,
        techniques: raw.mobilization.techniques,
        grades: raw.mobilization.grades,
        soft_tissue: raw.soft_tissue,
        needling_techniques: raw.needling.techniques,
        needles: raw.needling.needles,
        screening: raw.needling.screening,
        consent_points: raw.needling.consent_points,
        education: raw.education,
    };
    let named: [(&str, &[Named]); 6] = [
        ("technique", &catalog.techniques),
        ("soft-tissue", &catalog.soft_tissue),
        ("needling technique", &catalog.needling_techniques),
        ("screening", &catalog.screening),
        ("consent", &catalog.consent_points),
        ("education", &catalog.education),
    ];
    for (kind, list) in named {
        let mut seen = HashSet::new();
        if list.is_empty() {
            return Err(malformed(format!("the {kind} list is empty")));
        }
        for item in list {
            if item.id.is_empty() || item.name.trim().is_empty() || !seen.insert(&item.id) {
                return Err(malformed(format!(
                    "{kind} id \"{}\" is empty, unnamed or repeated",
                    item.id
                )));
            }
        }
    }
    if catalog.levels.is_empty() || catalog.grades.is_empty() || catalog.needles.is_empty() {
        return Err(malformed(
            "levels, grades and needles must be listed".into(),
        ));
    }
    Ok(catalog)
}

/// The catalog shipped with the program.
///
/// # Panics
/// When the shipped file is invalid, which the tests rule out.
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| match parse_catalog(CATALOG_FILE, CATALOG_JSON) {
        Ok(catalog) => catalog,
        Err(err) => panic!("the shipped intervention catalog is invalid: {err}"),
    })
}

/// A template as the file has it: exercises may leave their dosage to the
/// library.
#[derive(Deserialize)]
struct RawTemplate {
    id: String,
    name: String,
    source: String,
    times_per_week: u8,
    weeks: u8,
    reevaluate_after_weeks: u8,
    needling: Vec<NeedlingTarget>,
    mobilization: Vec<PlannedMobilization>,
    soft_tissue: Vec<String>,
    craniosacral: bool,
    exercises: Vec<RawPlannedExercise>,
    education: Vec<String>,
    goals: Vec<String>,
}

#[derive(Deserialize)]
struct RawPlannedExercise {
    exercise: String,
    dosage: Option<Dosage>,
}

#[derive(Deserialize)]
struct RawTemplates {
    templates: Vec<RawTemplate>,
}

/// A shipped template: its stable key and its content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShippedTemplate {
    pub key: String,
    pub body: PlanBody,
}

/// Reads and checks the templates: every id they name must exist.
///
/// # Errors
/// [`ContentError::UnknownId`] naming the file and the id, or
/// [`ContentError::Malformed`].
pub fn parse_templates(
    file: &'static str,
    json: &str,
    exercises: &ExerciseLibrary,
    catalog: &Catalog,
    map: &BodyMap,
) -> Result<Vec<ShippedTemplate>, ContentError> {
    let malformed = |detail: String| ContentError::Malformed { file, detail };
    let raw: RawTemplates = serde_json::from_str(json).map_err(|e| malformed(e.to_string()))?;
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for t in raw.templates {
        if t.id.is_empty() || !seen.insert(t.id.clone()) {
            return Err(malformed(format!(
                "template id \"{}\" is empty or repeated",
                t.id
            )));
        }
        let mut planned = Vec::new();
        for e in t.exercises {
            let library = exercises
                .get(&e.exercise)
                .ok_or_else(|| ContentError::UnknownId {
                    file,
                    kind: "exercise",
                    id: e.exercise.clone(),
                })?;
            planned.push(PlannedExercise {
                dosage: e.dosage.unwrap_or(library.dosage),
                exercise: e.exercise,
            });
        }
        let body = PlanBody {
            name: t.name,
            source: t.source,
            times_per_week: t.times_per_week,
            weeks: t.weeks,
            reevaluate_after_weeks: t.reevaluate_after_weeks,
            needling: t.needling,
            mobilization: t.mobilization,
            soft_tissue: t.soft_tissue,
            craniosacral: t.craniosacral,
            exercises: planned,
            education: t.education,
            goals: t
                .goals
                .into_iter()
                .map(|text| Goal {
                    text,
                    status: crate::core::plan::GoalStatus::Open,
                })
                .collect(),
        };
        if let Some(problem) = problems(&body, exercises, catalog, map).into_iter().next() {
            let unknown =
                |kind: &'static str, id: String| ContentError::UnknownId { file, kind, id };
            return Err(match problem {
                PlanProblem::UnknownExercise(id) => unknown("exercise", id),
                PlanProblem::UnknownMuscle(id) => unknown("muscle", id),
                PlanProblem::UnknownTechnique(id) => unknown("technique", id),
                PlanProblem::UnknownLevel(id) => unknown("spinal level", id),
                PlanProblem::UnknownGrade(id) => unknown("grade", id),
                PlanProblem::UnknownSoftTissue(id) => unknown("soft-tissue", id),
                PlanProblem::UnknownEducation(id) => unknown("education item", id),
                other => malformed(format!("template \"{}\": {other}", t.id)),
            });
        }
        out.push(ShippedTemplate { key: t.id, body });
    }
    Ok(out)
}

/// The templates shipped with the program.
///
/// # Panics
/// When the shipped file is invalid, which the tests rule out.
pub fn templates() -> &'static [ShippedTemplate] {
    static TEMPLATES: OnceLock<Vec<ShippedTemplate>> = OnceLock::new();
    TEMPLATES.get_or_init(|| {
        match parse_templates(
            TEMPLATES_FILE,
            TEMPLATES_JSON,
            crate::content::exercises::shipped(),
            catalog(),
            crate::content::body_map::shipped(),
        ) {
            Ok(templates) => templates,
            Err(err) => panic!("the shipped plan templates are invalid: {err}"),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_templates_load_and_name_their_sources() {
        let templates = templates();
        assert!(templates.len() >= 4);
        for key in [
            "cgh_manual_therapy_exercise",
            "cgh_trigger_points_needling",
            "tth_pericranial_tenderness",
            "whiplash_neck_pain_headache",
        ] {
            let t = templates.iter().find(|t| t.key == key).unwrap();
            assert!(
                !t.body.source.is_empty() && !t.body.goals.is_empty(),
                "{key}"
            );
        }
        assert_eq!(catalog().screening.len(), 12);
    }

    #[test]
    fn a_template_naming_an_unknown_exercise_or_muscle_fails_naming_the_file_and_id() {
        let template = |exercise: &str, muscle: &str| {
            format!(
                r#"{{"templates": [{{"id": "t", "name": "T", "source": "S", "times_per_week": 2,
                "weeks": 6, "reevaluate_after_weeks": 6, "needling": [{{"muscle": "{muscle}"}}],
                "mobilization": [], "soft_tissue": [], "craniosacral": false,
                "exercises": [{{"exercise": "{exercise}"}}], "education": [], "goals": ["G"]}}]}}"#
            )
        };
        let load = |json: String| {
            parse_templates(
                "plans.json",
                &json,
                crate::content::exercises::shipped(),
                catalog(),
                crate::content::body_map::shipped(),
            )
        };
        assert!(load(template("supine_chin_nod", "suboccipitals")).is_ok());
        let err = load(template("chin_nodd", "suboccipitals"))
            .unwrap_err()
            .to_string();
        assert_eq!(err, "plans.json: unknown exercise id \"chin_nodd\"");
        let err = load(template("supine_chin_nod", "trapezius"))
            .unwrap_err()
            .to_string();
        assert_eq!(err, "plans.json: unknown muscle id \"trapezius\"");
    }
}
