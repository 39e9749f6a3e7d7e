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
    treatment: &TreatmentLines,
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
                let recorded = match field {
                    NoteField::Objective => &treatment.objective,
                    NoteField::Plan => &treatment.plan,
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
