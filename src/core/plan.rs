//! Treatment plans: the content of a plan template and of a patient's plan
//! (needling targets, mobilization, soft-tissue work, exercises with their
//! dosage, education, goals, frequency and the re-evaluation point), and the
//! checks every plan passes, whether it comes from `assets/` or from the
//! clinician's edits. Plans are stored as JSON documents, one per template
//! and one per version of a patient's plan, so a version never changes.

use serde::{Deserialize, Serialize};

use crate::body_map::BodyMap;
use crate::body_map::Side;
use crate::content::exercises::ExerciseLibrary;
use crate::content::plans::Catalog;

/// How much of an exercise, how often.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dosage {
    pub sets: u16,
    pub reps: u16,
    /// Seconds each repetition is held; absent for moving exercises.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hold_secs: Option<u16>,
    /// The sets and repetitions are done on each side.
    #[serde(default)]
    pub per_side: bool,
    pub times_per_day: u16,
    pub days_per_week: u8,
}

impl Dosage {
    /// "3 x 30 s each side, 2 times a day, 7 days a week".
    #[must_use]
    pub fn describe(&self) -> String {
        let count = u32::from(self.sets) * u32::from(self.reps);
        let mut text = match (self.hold_secs, self.sets > 1 && self.reps > 1) {
            (Some(hold), true) => format!("{} sets of {} x {hold} s", self.sets, self.reps),
            (Some(hold), false) => format!("{count} x {hold} s"),
            (None, true) => format!("{} sets of {}", self.sets, self.reps),
            (None, false) if count == 1 => "once".to_string(),
            (None, false) => format!("{count} repetitions"),
        };
        if self.per_side {
            text.push_str(" each side");
        }
        let per_day = if self.times_per_day == 1 {
            "once a day".to_string()
        } else {
            format!("{} times a day", self.times_per_day)
        };
        format!("{text}, {per_day}, {} days a week", self.days_per_week)
    }
}

/// An exercise of the library with the dosage this plan gives it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedExercise {
    pub exercise: String,
    pub dosage: Dosage,
}

/// A joint mobilization or manipulation the plan calls for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedMobilization {
    /// "C1-C2".
    pub level: String,
    /// A technique id of the catalog (`unilateral_pa`).
    pub technique: String,
    /// Maitland grade, "I" to "V".
    pub grade: String,
}

/// A muscle to needle; the side comes from the visit's findings unless set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeedlingTarget {
    pub muscle: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub side: Option<Side>,
}

/// Where a goal stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GoalStatus {
    #[default]
    Open,
    Progressing,
    Met,
    NotMet,
    Discontinued,
}

impl GoalStatus {
    pub const ALL: [GoalStatus; 5] = [
        GoalStatus::Open,
        GoalStatus::Progressing,
        GoalStatus::Met,
        GoalStatus::NotMet,
        GoalStatus::Discontinued,
    ];

    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            GoalStatus::Open => "open",
            GoalStatus::Progressing => "progressing",
            GoalStatus::Met => "met",
            GoalStatus::NotMet => "not met",
            GoalStatus::Discontinued => "discontinued",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Goal {
    pub text: String,
    #[serde(default)]
    pub status: GoalStatus,
}

/// What a plan holds: a template's content, or a version of a patient's plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanBody {
    pub name: String,
    /// The evidence the plan follows.
    pub source: String,
    pub times_per_week: u8,
    pub weeks: u8,
    pub reevaluate_after_weeks: u8,
    #[serde(default)]
    pub needling: Vec<NeedlingTarget>,
    #[serde(default)]
    pub mobilization: Vec<PlannedMobilization>,
    /// Soft-tissue technique ids of the catalog.
    #[serde(default)]
    pub soft_tissue: Vec<String>,
    #[serde(default)]
    pub craniosacral: bool,
    /// The home-exercise program.
    #[serde(default)]
    pub exercises: Vec<PlannedExercise>,
    /// Education and ergonomics item ids of the catalog.
    #[serde(default)]
    pub education: Vec<String>,
    #[serde(default)]
    pub goals: Vec<Goal>,
}

impl PlanBody {
    /// "2 times a week for 6 weeks, re-evaluate at week 6".
    #[must_use]
    pub fn schedule(&self) -> String {
        let per_week = if self.times_per_week == 1 {
            "Once a week".to_string()
        } else {
            format!("{} times a week", self.times_per_week)
        };
        format!(
            "{per_week} for {} weeks, re-evaluate at week {}",
            self.weeks, self.reevaluate_after_weeks
        )
    }
}

/// One thing wrong with a plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlanProblem {
    UnknownExercise(String),
    UnknownMuscle(String),
    UnknownTechnique(String),
    UnknownLevel(String),
    UnknownGrade(String),
    UnknownSoftTissue(String),
    UnknownEducation(String),
    /// A dosage field of an exercise is 0 or out of range.
    Dosage {
        exercise: String,
        detail: String,
    },
    /// Anything else, in words.
    Invalid(String),
}

impl std::fmt::Display for PlanProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PlanProblem::UnknownExercise(id) => write!(f, "unknown exercise id \"{id}\""),
            PlanProblem::UnknownMuscle(id) => write!(f, "unknown muscle id \"{id}\""),
            PlanProblem::UnknownTechnique(id) => write!(f, "unknown technique id \"{id}\""),
            PlanProblem::UnknownLevel(id) => write!(f, "unknown spinal level \"{id}\""),
            PlanProblem::UnknownGrade(id) => write!(f, "unknown Maitland grade \"{id}\""),
            PlanProblem::UnknownSoftTissue(id) => write!(f, "unknown soft-tissue id \"{id}\""),
            PlanProblem::UnknownEducation(id) => write!(f, "unknown education item id \"{id}\""),
            PlanProblem::Dosage { exercise, detail } => write!(f, "{exercise}: {detail}"),
            PlanProblem::Invalid(detail) => f.write_str(detail),
        }
    }
}

/// The most characters a plan's name, a goal or the source may hold.
pub const MAX_PLAN_TEXT_CHARS: usize = 500;

/// Checks a dosage: every count at least 1, days within a week.
///
/// # Errors
/// The first field out of range, in words.
pub fn check_dosage(dosage: &Dosage) -> Result<(), String> {
    if dosage.sets == 0 || dosage.reps == 0 {
        return Err("sets and repetitions are at least 1".into());
    }
    if dosage.hold_secs == Some(0) {
        return Err("a hold is at least 1 second".into());
    }
    if dosage.times_per_day == 0 || dosage.times_per_day > 24 {
        return Err("times a day runs from 1 to 24".into());
    }
    if !(1..=7).contains(&dosage.days_per_week) {
        return Err("days a week run from 1 to 7".into());
    }
    if dosage.sets > 20 || dosage.reps > 100 || dosage.hold_secs.is_some_and(|h| h > 600) {
        return Err("at most 20 sets, 100 repetitions and 600 s holds".into());
    }
    Ok(())
}

/// Everything wrong with `plan` against the content it names.
#[must_use]
pub fn problems(
    plan: &PlanBody,
    exercises: &ExerciseLibrary,
    catalog: &Catalog,
    map: &BodyMap,
) -> Vec<PlanProblem> {
    let mut out = Vec::new();
    let name = plan.name.trim();
    if name.is_empty() {
        out.push(PlanProblem::Invalid("a plan needs a name".into()));
    } else if name.chars().count() > MAX_PLAN_TEXT_CHARS {
        out.push(PlanProblem::Invalid(format!(
            "a plan's name holds at most {MAX_PLAN_TEXT_CHARS} characters"
        )));
    }
    if plan.times_per_week == 0 || plan.times_per_week > 7 {
        out.push(PlanProblem::Invalid("visits a week run from 1 to 7".into()));
    }
    if plan.weeks == 0 || plan.weeks > 52 {
        out.push(PlanProblem::Invalid(
            "a plan runs from 1 to 52 weeks".into(),
        ));
    }
    if plan.reevaluate_after_weeks == 0 || plan.reevaluate_after_weeks > plan.weeks.max(1) {
        out.push(PlanProblem::Invalid(
            "the re-evaluation falls within the plan's weeks".into(),
        ));
    }
    for target in &plan.needling {
        if map.muscle_index(&target.muscle).is_none() {
            out.push(PlanProblem::UnknownMuscle(target.muscle.clone()));
        }
    }
    for m in &plan.mobilization {
        if !catalog.levels.contains(&m.level) {
            out.push(PlanProblem::UnknownLevel(m.level.clone()));
        }
        if catalog.technique(&m.technique).is_none() {
            out.push(PlanProblem::UnknownTechnique(m.technique.clone()));
        }
        if !catalog.grades.contains(&m.grade) {
            out.push(PlanProblem::UnknownGrade(m.grade.clone()));
        }
    }
    for id in &plan.soft_tissue {
        if catalog.soft_tissue(id).is_none() {
            out.push(PlanProblem::UnknownSoftTissue(id.clone()));
        }
    }
    for id in &plan.education {
        if catalog.education(id).is_none() {
            out.push(PlanProblem::UnknownEducation(id.clone()));
        }
    }
    for planned in &plan.exercises {
        if exercises.get(&planned.exercise).is_none() {
            out.push(PlanProblem::UnknownExercise(planned.exercise.clone()));
        } else if let Err(detail) = check_dosage(&planned.dosage) {
            out.push(PlanProblem::Dosage {
                exercise: planned.exercise.clone(),
                detail,
            });
        }
    }
    for goal in &plan.goals {
        if goal.text.trim().is_empty() || goal.text.chars().count() > MAX_PLAN_TEXT_CHARS {
            out.push(PlanProblem::Invalid(format!(
                "a goal holds from 1 to {MAX_PLAN_TEXT_CHARS} characters"
            )));
        }
    }
    out
}

/// [`problems`] against the content shipped with the program.
#[must_use]
pub fn shipped_problems(plan: &PlanBody) -> Vec<PlanProblem> {
    problems(
        plan,
        crate::content::exercises::shipped(),
        crate::content::plans::catalog(),
        crate::content::body_map::shipped(),
    )
}
