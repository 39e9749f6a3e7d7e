//! Loads the home-exercise library, `assets/exercises/exercises.json`, with
//! its illustrations (`assets/exercises/*.svg`), and checks every entry: a
//! unique id, the texts a handout needs, a dosage of at least 1 of
//! everything, and an illustration that exists.

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::Deserialize;

use super::ContentError;
use crate::core::plan::{Dosage, check_dosage};

/// The file as shipped.
pub const FILE: &str = "assets/exercises/exercises.json";
const JSON: &str = include_str!("../../assets/exercises/exercises.json");

/// The illustrations, compiled in, by file name.
const ILLUSTRATIONS: &[(&str, &str)] = &[
    (
        "supine_chin_nod.svg",
        include_str!("../../assets/exercises/supine_chin_nod.svg"),
    ),
    (
        "wall_chin_tuck.svg",
        include_str!("../../assets/exercises/wall_chin_tuck.svg"),
    ),
    (
        "scapular_setting.svg",
        include_str!("../../assets/exercises/scapular_setting.svg"),
    ),
    (
        "prone_y_raise.svg",
        include_str!("../../assets/exercises/prone_y_raise.svg"),
    ),
    (
        "isometric_rotation.svg",
        include_str!("../../assets/exercises/isometric_rotation.svg"),
    ),
    (
        "self_snag_c1c2.svg",
        include_str!("../../assets/exercises/self_snag_c1c2.svg"),
    ),
    (
        "upper_trapezius_stretch.svg",
        include_str!("../../assets/exercises/upper_trapezius_stretch.svg"),
    ),
    (
        "levator_scapulae_stretch.svg",
        include_str!("../../assets/exercises/levator_scapulae_stretch.svg"),
    ),
    (
        "thoracic_extension_chair.svg",
        include_str!("../../assets/exercises/thoracic_extension_chair.svg"),
    ),
    (
        "posture_break.svg",
        include_str!("../../assets/exercises/posture_break.svg"),
    ),
    (
        "sitting_posture_correction.svg",
        include_str!("../../assets/exercises/sitting_posture_correction.svg"),
    ),
    (
        "head_lift_chin_nod.svg",
        include_str!("../../assets/exercises/head_lift_chin_nod.svg"),
    ),
    (
        "four_point_neck_extension.svg",
        include_str!("../../assets/exercises/four_point_neck_extension.svg"),
    ),
    (
        "neck_rotation_range.svg",
        include_str!("../../assets/exercises/neck_rotation_range.svg"),
    ),
    (
        "band_row.svg",
        include_str!("../../assets/exercises/band_row.svg"),
    ),
    (
        "doorway_pectoral_stretch.svg",
        include_str!("../../assets/exercises/doorway_pectoral_stretch.svg"),
    ),
];

/// One exercise of the library, with everything a handout prints.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Exercise {
    pub id: String,
    pub name: String,
    pub purpose: String,
    pub steps: Vec<String>,
    pub cues: Vec<String>,
    pub dosage: Dosage,
    pub precautions: Vec<String>,
    pub progression: String,
    pub regression: String,
    /// File name of the illustration in `assets/exercises/`.
    pub illustration: String,
    pub source: String,
}

impl Exercise {
    /// The illustration's SVG text.
    #[must_use]
    pub fn svg(&self) -> Option<&'static str> {
        illustration(&self.illustration)
    }
}

/// The SVG text of an illustration file.
#[must_use]
pub fn illustration(file: &str) -> Option<&'static str> {
    ILLUSTRATIONS
        .iter()
        .find(|(name, _)| *name == file)
        .map(|(_, svg)| *svg)
}

/// The whole library, in the file's order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExerciseLibrary {
    pub exercises: Vec<Exercise>,
}

impl ExerciseLibrary {
    #[must_use]
    pub fn get(&self, id: &str) -> Option<&Exercise> {
        self.exercises.iter().find(|e| e.id == id)
    }
}

#[derive(Deserialize)]
struct RawLibrary {
    exercises: Vec<Exercise>,
}

/// The library shipped with the program.
///
/// # Panics
/// When the shipped file is invalid, which the tests rule out.
pub fn shipped() -> &'static ExerciseLibrary {
    static LIBRARY: OnceLock<ExerciseLibrary> = OnceLock::new();
    LIBRARY.get_or_init(
        || match parse(FILE, JSON, |file| illustration(file).is_some()) {
            Ok(library) => library,
            Err(err) => panic!("the shipped exercise library is invalid: {err}"),
        },
    )
}

/// Reads and checks a library; `has_illustration` says whether a file exists.
///
/// # Errors
/// [`ContentError::Malformed`] naming the file and the exercise.
pub fn parse(
    file: &'static str,
    json: &str,
    has_illustration: impl Fn(&str) -> bool,
) -> Result<ExerciseLibrary, ContentError> {
    let malformed = |detail: String| ContentError::Malformed { file, detail };
    let raw: RawLibrary = serde_json::from_str(json).map_err(|e| malformed(e.to_string()))?;
    let mut seen = HashSet::new();
    for e in &raw.exercises {
        if e.id.is_empty() || !seen.insert(e.id.as_str()) {
            return Err(malformed(format!(
                "exercise id \"{}\" is empty or repeated",
                e.id
            )));
        }
        let texts = [
            &e.name,
            &e.purpose,
            &e.progression,
            &e.regression,
            &e.source,
        ];
        if texts.iter().any(|t| t.trim().is_empty()) || e.steps.is_empty() {
            return Err(malformed(format!(
                "exercise \"{}\" lacks a name, purpose, steps, progression, regression or source",
                e.id
            )));
        }
        check_dosage(&e.dosage)
            .map_err(|detail| malformed(format!("exercise \"{}\": {detail}", e.id)))?;
        if !has_illustration(&e.illustration) {
            return Err(malformed(format!(
                "exercise \"{}\": no illustration \"{}\"",
                e.id, e.illustration
            )));
        }
    }
    Ok(ExerciseLibrary {
        exercises: raw.exercises,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_library_loads_with_every_exercise_of_the_clinical_reference() {
        let library = shipped();
        assert!(library.exercises.len() >= 15);
        for id in [
            "supine_chin_nod",
            "wall_chin_tuck",
            "scapular_setting",
            "prone_y_raise",
            "isometric_rotation",
            "self_snag_c1c2",
            "upper_trapezius_stretch",
            "levator_scapulae_stretch",
            "thoracic_extension_chair",
            "posture_break",
        ] {
            let exercise = library.get(id).unwrap_or_else(|| panic!("{id} missing"));
            assert!(exercise.svg().is_some_and(|s| s.contains("<svg")), "{id}");
        }
    }

    #[test]
    fn a_zero_or_negative_dosage_fails_at_load_naming_the_exercise() {
        let json = |dosage: &str| {
            format!(
                r#"{{"exercises": [{{"id": "nod", "name": "Nod", "purpose": "p", "steps": ["s"],
                "cues": [], "dosage": {dosage}, "precautions": [], "progression": "p",
                "regression": "r", "illustration": "nod.svg", "source": "s"}}]}}"#
            )
        };
        let ok = r#"{"sets": 1, "reps": 10, "times_per_day": 2, "days_per_week": 7}"#;
        assert!(parse("test.json", &json(ok), |_| true).is_ok());
        let zero = r#"{"sets": 1, "reps": 0, "times_per_day": 2, "days_per_week": 7}"#;
        let err = parse("test.json", &json(zero), |_| true)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("test.json") && err.contains("\"nod\""),
            "{err}"
        );
        let negative = r#"{"sets": -1, "reps": 10, "times_per_day": 2, "days_per_week": 7}"#;
        let err = parse("test.json", &json(negative), |_| true)
            .unwrap_err()
            .to_string();
        assert!(err.contains("test.json") && err.contains("-1"), "{err}");
        let err = parse("test.json", &json(ok), |_| false)
            .unwrap_err()
            .to_string();
        assert!(err.contains("nod.svg"), "{err}");
    }
}
