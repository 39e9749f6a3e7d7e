//! The visit editor: visit type, chief complaint and the four SOAP sections.
//! Typing here is autosaved as a draft by the app; Ctrl+S saves into the visit.

use egui::{RichText, TextEdit, Ui};

use super::{Command, EditorState, local_clock, local_time, theme};
use crate::core::Core;
use crate::core::model::{NoteField, VisitStatus, VisitType};
use crate::core::treatment::TreatmentLines;

/// Draws the editor for one visit.
pub fn visit_editor_ui(
    ui: &mut Ui,
    editor: &mut EditorState,
    core: &Core,
    treatment: &mut super::treatment_panel::TreatmentState,
    commands: &mut Vec<Command>,
) {
    let visuals = ui.visuals().clone();
    let signed = editor.visit.status == VisitStatus::Signed;
    ui.horizontal(|ui| {
        ui.heading(format!("Visit of {}", local_time(editor.visit.started_at)));
        if signed {
            ui.label(
                RichText::new("SIGNED")
                    .strong()
                    .color(theme::signed(&visuals)),
            );
        } else {
            ui.label(
                RichText::new("DRAFT")
                    .strong()
                    .color(theme::draft(&visuals)),
            );
        }
    });
    let practitioners = core.store().practitioners().unwrap_or_default();
    let author = practitioners
        .iter()
        .find(|p| p.id == editor.visit.practitioner_id)
        .map_or_else(
            || editor.visit.practitioner_id.to_string(),
            crate::core::model::Practitioner::signature_name,
        );
    ui.label(
        RichText::new(format!("Practitioner: {author} · {}", editor.visit.id))
            .color(theme::weak(&visuals)),
    );

    if signed {
        let signer_name = editor
            .visit
            .signed_by
            .and_then(|id| practitioners.iter().find(|p| p.id == id))
            .map_or_else(
                String::new,
                crate::core::model::Practitioner::signature_name,
            );
        let at = editor.visit.signed_at.map_or_else(String::new, local_time);
        ui.label(
            RichText::new(format!(
                "Signed by {signer_name} at {at}. A signed note cannot be changed."
            ))
            .color(theme::signed(&visuals)),
        );
    }

    if !editor.restored.is_empty() && !signed {
        egui::Frame::group(ui.style()).fill(visuals.faint_bg_color).show(ui, |ui| {
            let names: Vec<&str> = editor.restored.iter().map(|f| f.label()).collect();
            ui.label(
                RichText::new(format!(
                    "Unsaved text was recovered from autosave in: {}. Save (Ctrl+S) to keep it in the note.",
                    names.join(", ")
                ))
                .color(theme::draft(&visuals)),
            );
            if ui.button("Discard the recovered text").clicked() {
                commands.push(Command::DiscardDrafts(editor.visit.id));
            }
        });
    }
    ui.add_space(6.0);

    ui.horizontal(|ui| {
        let label = ui.label("Visit type");
        ui.add_enabled_ui(!signed, |ui| {
            egui::ComboBox::from_id_salt("visit_type")
                .selected_text(editor.visit_type.label())
                .show_ui(ui, |ui| {
                    for visit_type in VisitType::ALL {
                        ui.selectable_value(&mut editor.visit_type, visit_type, visit_type.label());
                    }
                })
                .response
                .labelled_by(label.id);
        });
    });
    ui.add_space(6.0);

    let now = ui.input(|i| i.time);
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for field in NoteField::ALL {
                let label = ui.label(RichText::new(field.label()).strong());
                let text = editor.texts.get_mut(field);
                let edit = if field == NoteField::ChiefComplaint {
                    TextEdit::singleline(text)
                } else {
                    TextEdit::multiline(text).desired_rows(4)
                };
                let response = ui
                    .add_enabled(
                        !signed,
                        edit.desired_width(f32::INFINITY)
                            .char_limit(field.max_chars()),
                    )
                    .labelled_by(label.id);
                if response.changed() {
                    editor.changed_at = Some(now);
                }
                if response.lost_focus() {
                    editor.flush_requested = true;
                }
                if let Some(message) = editor.errors.get(field) {
                    ui.label(RichText::new(message).color(theme::error(&visuals)));
                }
                // The structured treatment, so that nobody retypes it.
                let lines: &TreatmentLines = &treatment.lines;
                let recorded = match field {
                    NoteField::Objective => &lines.objective,
                    NoteField::Plan => &lines.plan,
                    _ => &Vec::new(),
                };
                if !recorded.is_empty() {
                    ui.label(
                        RichText::new("Recorded in the Treatment tab:")
                            .small()
                            .color(theme::weak(&visuals)),
                    );
                    for line in recorded {
                        ui.label(format!("• {line}"));
                    }
                }
                if field == NoteField::Assessment {
                    ichd_ui(ui, treatment, editor.visit.id, !signed, commands);
                }
                ui.add_space(theme::SECTION_GAP_POINTS);
            }
            if !signed {
                ui.horizontal(|ui| {
                    if ui.button("Save").on_hover_text("Ctrl+S").clicked() {
                        commands.push(Command::SaveVisit);
                    }
                    if ui.button("Sign…").on_hover_text("Ctrl+Enter").clicked() {
                        commands.push(Command::AskToSign);
                    }
                    if let Some(at) = editor.last_autosave {
                        ui.label(
                            RichText::new(format!("Autosaved {}", local_clock(at)))
                                .color(theme::weak(&visuals)),
                        );
                    }
                });
            }
        });
}

/// The ICHD-3 11.2.1 checklist under the assessment: criteria B-D with
/// notes, the favouring features and the differential; it says whether the
/// criteria are met, and only then may the clinician confirm.
fn ichd_ui(
    ui: &mut Ui,
    treatment: &mut super::treatment_panel::TreatmentState,
    visit: crate::core::model::VisitId,
    editable: bool,
    commands: &mut Vec<Command>,
) {
    use crate::core::ichd::{NeckEvidence, evaluate};
    let content = crate::content::ichd::ichd();
    let before = treatment.ichd.clone();
    let c = &mut treatment.ichd;
    let result = evaluate(c);
    let title = if c.confirmed {
        "ICHD-3 11.2.1 cervicogenic headache: confirmed by the clinician".to_string()
    } else if result.met {
        "ICHD-3 11.2.1 cervicogenic headache: criteria met, not confirmed".to_string()
    } else {
        format!(
            "ICHD-3 11.2.1 cervicogenic headache checklist ({} of C1-C4)",
            result.c_count
        )
    };
    egui::CollapsingHeader::new(RichText::new(title).strong())
        .id_salt("ichd_checklist")
        .show(ui, |ui| {
            ui.add_enabled_ui(editable, |ui| {
                let weak = theme::weak(ui.visuals());
                ui.label(RichText::new(&content.criteria.b).color(weak));
                ui.horizontal_wrapped(|ui| {
                    ui.radio_value(&mut c.b, NeckEvidence::None, "Not shown");
                    ui.radio_value(
                        &mut c.b,
                        NeckEvidence::CervicalDisorder,
                        "A cervical disorder is shown",
                    );
                    ui.radio_value(
                        &mut c.b,
                        NeckEvidence::TriggerPointsOnly,
                        "Trigger points only",
                    );
                });
                if c.b == NeckEvidence::TriggerPointsOnly {
                    ui.label(
                        RichText::new(&content.trigger_point_note)
                            .small()
                            .color(weak),
                    );
                }
                let label = ui.label("Evidence for B");
                ui.add(TextEdit::singleline(&mut c.b_note).desired_width(f32::INFINITY))
                    .labelled_by(label.id);
                ui.label(RichText::new(&content.criteria.c).color(weak));
                ui.checkbox(&mut c.c1, format!("C1. {}", content.criteria.c1));
                ui.checkbox(&mut c.c2, format!("C2. {}", content.criteria.c2));
                ui.checkbox(&mut c.c3, format!("C3. {}", content.criteria.c3));
                ui.checkbox(&mut c.c4, format!("C4. {}", content.criteria.c4));
                let label = ui.label("Evidence for C");
                ui.add(TextEdit::singleline(&mut c.c_note).desired_width(f32::INFINITY))
                    .labelled_by(label.id);
                ui.checkbox(&mut c.d, format!("D. {}", content.criteria.d));
                let label = ui.label("Differential reasoning for D");
                ui.add(TextEdit::singleline(&mut c.d_note).desired_width(f32::INFINITY))
                    .labelled_by(label.id);
                ui.label(RichText::new("Features that favour it").color(weak));
                ui.horizontal_wrapped(|ui| {
                    for feature in &content.favouring {
                        let mut on = c.favouring.contains(&feature.id);
                        if ui.checkbox(&mut on, &feature.name).changed() {
                            if on {
                                c.favouring.push(feature.id.clone());
                            } else {
                                c.favouring.retain(|f| *f != feature.id);
                            }
                        }
                    }
                });
                ui.label(RichText::new("Differential").color(weak));
                for other in &content.differential {
                    let index = c.differential.iter().position(|(id, _)| *id == other.id);
                    let mut note = index.map_or_else(String::new, |i| c.differential[i].1.clone());
                    ui.horizontal(|ui| {
                        let label = ui.label(format!("{} ({})", other.name, other.features));
                        ui.add(
                            TextEdit::singleline(&mut note)
                                .hint_text("why it fits or not")
                                .desired_width(ui.available_width()),
                        )
                        .labelled_by(label.id);
                    });
                    match index {
                        Some(i) => c.differential[i].1 = note,
                        None if !note.is_empty() => c.differential.push((other.id.clone(), note)),
                        None => {}
                    }
                }
                let result = evaluate(c);
                if result.met {
                    ui.label(
                        RichText::new("The criteria are met. The diagnosis is yours to confirm.")
                            .color(theme::signed(ui.visuals())),
                    );
                } else {
                    for missing in &result.missing {
                        ui.label(RichText::new(format!("Not met: {missing}")).color(weak));
                    }
                }
                ui.add_enabled(
                    result.met,
                    egui::Checkbox::new(
                        &mut c.confirmed,
                        "Confirm cervicogenic headache (ICHD-3 11.2.1)",
                    ),
                );
                if !result.met {
                    c.confirmed = false;
                }
            });
        });
    if treatment.ichd != before {
        commands.push(Command::Treatment(Box::new(
            crate::core::Action::SaveIchdChecklist {
                visit,
                checklist: treatment.ichd.clone(),
            },
        )));
    }
}
