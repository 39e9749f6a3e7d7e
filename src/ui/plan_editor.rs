//! Edits a plan's content: a patient's plan or a clinic template. Every
//! choice comes from the content (exercise library, intervention catalog,
//! body map), so nothing unknown can be typed in; counts cannot go below 1.

use egui::{ComboBox, DragValue, RichText, TextEdit, Ui};

use super::theme;
use crate::content::exercises::{self, Exercise};
use crate::content::plans::catalog;
use crate::core::plan::{
    Dosage, Goal, GoalStatus, NeedlingTarget, PlanBody, PlannedExercise, PlannedMobilization,
};

/// The illustration of an exercise, `height` points tall.
pub fn illustration(ui: &mut Ui, exercise: &Exercise, height: f32) {
    if let Some(svg) = exercise.svg() {
        ui.add(
            egui::Image::from_bytes(
                format!("bytes://exercises/{}", exercise.illustration),
                svg.as_bytes(),
            )
            .fit_to_exact_size(egui::vec2(height * 1.6, height))
            .alt_text(format!("Illustration: {}", exercise.name)),
        );
    }
}

/// Editors for one dosage; every count stays at least 1.
pub fn dosage_ui(ui: &mut Ui, dosage: &mut Dosage) {
    ui.horizontal_wrapped(|ui| {
        let field = |ui: &mut Ui, label: &str, value: &mut u16, max: u16| {
            let text = ui.label(label);
            ui.add(DragValue::new(value).range(1..=max))
                .labelled_by(text.id);
        };
        field(ui, "Sets", &mut dosage.sets, 20);
        field(ui, "Reps", &mut dosage.reps, 100);
        let mut has_hold = dosage.hold_secs.is_some();
        ui.checkbox(&mut has_hold, "Hold");
        let mut hold_secs = dosage.hold_secs.unwrap_or(10);
        if has_hold {
            ui.add(DragValue::new(&mut hold_secs).range(1..=600).suffix(" s"));
        }
        dosage.hold_secs = has_hold.then_some(hold_secs);
        ui.checkbox(&mut dosage.per_side, "Each side");
        field(ui, "Times a day", &mut dosage.times_per_day, 24);
        let text = ui.label("Days a week");
        ui.add(DragValue::new(&mut dosage.days_per_week).range(1..=7))
            .labelled_by(text.id);
    });
}

/// What is wrong with the plan being edited, shown above its Save button;
/// true when it can be saved.
pub fn problems_ui(ui: &mut Ui, body: &PlanBody) -> bool {
    let problems = crate::core::plan::shipped_problems(body);
    for problem in &problems {
        ui.label(
            RichText::new(super::sentence(&problem.to_string())).color(theme::error(ui.visuals())),
        );
    }
    problems.is_empty()
}

/// Draws the editor; `salt` keeps two editors on screen apart.
pub fn plan_editor_ui(ui: &mut Ui, body: &mut PlanBody, salt: &str) {
    let weak = theme::weak(ui.visuals());
    let library = exercises::shipped();
    let catalog = catalog();
    let map = crate::content::body_map::shipped();

    let label = ui.label("Plan name");
    ui.add(TextEdit::singleline(&mut body.name).desired_width(f32::INFINITY))
        .labelled_by(label.id);
    let label = ui.label("Evidence source");
    ui.add(
        TextEdit::multiline(&mut body.source)
            .desired_rows(1)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
    ui.horizontal_wrapped(|ui| {
        let text = ui.label("Visits a week");
        ui.add(DragValue::new(&mut body.times_per_week).range(1..=7))
            .labelled_by(text.id);
        let text = ui.label("for weeks");
        ui.add(DragValue::new(&mut body.weeks).range(1..=52))
            .labelled_by(text.id);
        let text = ui.label("re-evaluate at week");
        ui.add(DragValue::new(&mut body.reevaluate_after_weeks).range(1..=body.weeks.max(1)))
            .labelled_by(text.id);
    });

    ui.separator();
    ui.label(RichText::new("Goals").strong());
    let mut remove = None;
    for (i, goal) in body.goals.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            ui.add(
                TextEdit::singleline(&mut goal.text).desired_width(ui.available_width() - 190.0),
            )
            .on_hover_text("Goal");
            ComboBox::from_id_salt((salt, "goal", i))
                .selected_text(goal.status.label())
                .show_ui(ui, |ui| {
                    for status in GoalStatus::ALL {
                        ui.selectable_value(&mut goal.status, status, status.label());
                    }
                });
            if ui.small_button("Remove").clicked() {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        body.goals.remove(i);
    }
    if ui.button("Add a goal").clicked() {
        body.goals.push(Goal {
            text: "New goal".into(),
            status: GoalStatus::Open,
        });
    }

    ui.separator();
    ui.label(RichText::new("Home exercises").strong());
    let mut remove = None;
    for (i, planned) in body.exercises.iter_mut().enumerate() {
        let Some(exercise) = library.get(&planned.exercise) else {
            continue;
        };
        ui.horizontal(|ui| {
            illustration(ui, exercise, 44.0);
            ui.vertical(|ui| {
                ui.horizontal(|ui| {
                    ui.label(RichText::new(&exercise.name).strong());
                    if ui.small_button("Remove").clicked() {
                        remove = Some(i);
                    }
                });
                dosage_ui(ui, &mut planned.dosage);
            });
        });
    }
    if let Some(i) = remove {
        body.exercises.remove(i);
    }
    ComboBox::from_id_salt((salt, "add_exercise"))
        .selected_text("Add an exercise…")
        .show_ui(ui, |ui| {
            for exercise in &library.exercises {
                if body.exercises.iter().any(|p| p.exercise == exercise.id) {
                    continue;
                }
                if ui.selectable_label(false, &exercise.name).clicked() {
                    body.exercises.push(PlannedExercise {
                        exercise: exercise.id.clone(),
                        dosage: exercise.dosage,
                    });
                }
            }
        });

    ui.separator();
    ui.label(RichText::new("Joint mobilization").strong());
    let mut remove = None;
    for (i, m) in body.mobilization.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            mobilization_choice(ui, egui::IdSalt::new((salt, "mob", i)), m);
            if ui.small_button("Remove").clicked() {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        body.mobilization.remove(i);
    }
    if ui.button("Add a mobilization").clicked() {
        body.mobilization.push(PlannedMobilization {
            level: "C1-C2".into(),
            technique: catalog.techniques[0].id.clone(),
            grade: "III".into(),
        });
    }

    ui.separator();
    ui.label(RichText::new("Soft-tissue work").strong());
    ui.horizontal_wrapped(|ui| {
        for item in &catalog.soft_tissue {
            toggle_id(ui, &mut body.soft_tissue, &item.id, &item.name);
        }
        ui.checkbox(&mut body.craniosacral, "CranioSacral therapy");
    });

    ui.separator();
    ui.label(RichText::new("Dry needling targets").strong());
    ui.label(
        RichText::new("At each visit, the active trigger points charted on these muscles.")
            .color(weak),
    );
    ui.horizontal_wrapped(|ui| {
        for muscle in &map.muscles {
            let mut on = body.needling.iter().any(|t| t.muscle == muscle.id);
            if ui.checkbox(&mut on, &muscle.name).changed() {
                if on {
                    body.needling.push(NeedlingTarget {
                        muscle: muscle.id.clone(),
                        side: None,
                    });
                } else {
                    body.needling.retain(|t| t.muscle != muscle.id);
                }
            }
        }
    });

    ui.separator();
    ui.label(RichText::new("Education and ergonomics").strong());
    for item in &catalog.education {
        toggle_id(ui, &mut body.education, &item.id, &item.name);
    }
}

/// A checkbox that keeps `id` in `list` while ticked.
fn toggle_id(ui: &mut Ui, list: &mut Vec<String>, id: &str, label: &str) {
    let mut on = list.iter().any(|x| x == id);
    if ui.checkbox(&mut on, label).changed() {
        if on {
            list.push(id.to_string());
        } else {
            list.retain(|x| x != id);
        }
    }
}

/// Level, technique and grade pickers for one mobilization.
pub fn mobilization_choice(ui: &mut Ui, salt: egui::IdSalt, m: &mut PlannedMobilization) {
    let catalog = catalog();
    ComboBox::from_id_salt((salt, "level"))
        .selected_text(&m.level)
        .width(70.0)
        .show_ui(ui, |ui| {
            for level in &catalog.levels {
                ui.selectable_value(&mut m.level, level.clone(), level);
            }
        });
    let technique = catalog
        .technique(&m.technique)
        .map_or(m.technique.clone(), |t| t.name.clone());
    ComboBox::from_id_salt((salt, "technique"))
        .selected_text(technique)
        .show_ui(ui, |ui| {
            for t in &catalog.techniques {
                ui.selectable_value(&mut m.technique, t.id.clone(), &t.name);
            }
        });
    ComboBox::from_id_salt((salt, "grade"))
        .selected_text(format!("grade {}", m.grade))
        .width(70.0)
        .show_ui(ui, |ui| {
            for g in &catalog.grades {
                ui.selectable_value(&mut m.grade, g.clone(), format!("grade {g}"));
            }
        });
}

/// A read-only summary of a plan, for its versions and the treatment tab.
pub fn plan_summary_ui(ui: &mut Ui, body: &PlanBody) {
    let weak = theme::weak(ui.visuals());
    let library = exercises::shipped();
    let catalog = catalog();
    ui.label(RichText::new(&body.name).strong().size(15.0));
    ui.label(body.schedule());
    ui.label(RichText::new(&body.source).small().color(weak));
    for goal in &body.goals {
        ui.label(format!("Goal: {} ({})", goal.text, goal.status.label()));
    }
    for m in &body.mobilization {
        let technique = catalog
            .technique(&m.technique)
            .map_or(m.technique.as_str(), |t| &t.name);
        ui.label(format!(
            "Mobilization: {} {technique}, grade {}",
            m.level, m.grade
        ));
    }
    if !body.needling.is_empty() {
        let map = crate::content::body_map::shipped();
        let names: Vec<&str> = body
            .needling
            .iter()
            .map(|t| {
                map.muscle_index(&t.muscle)
                    .map_or(t.muscle.as_str(), |i| map.muscles[i].name.as_str())
            })
            .collect();
        ui.label(format!("Dry needling: {}", names.join(", ")));
    }
    for e in &body.exercises {
        let name = library
            .get(&e.exercise)
            .map_or(e.exercise.as_str(), |x| &x.name);
        ui.label(format!("Exercise: {name}, {}", e.dosage.describe()));
    }
}
