//! Modal dialogs: starting a visit (with copy forward), confirming a
//! signature, and offering back text that a crash left unsaved.

use egui::{Id, Modal, RichText, Ui};

use super::{Command, Dialog, local_time, theme};
use crate::core::model::VisitType;

/// Draws the open dialog, if any. Esc or a click outside closes it.
pub fn dialog_ui(ui: &mut Ui, dialog: &mut Dialog, commands: &mut Vec<Command>) {
    let ctx = ui.ctx().clone();
    let response = match dialog {
        Dialog::None => return,
        Dialog::NewVisit(state) => Modal::new(Id::unique("new_visit")).show(&ctx, |ui| {
            ui.heading("New visit");
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                let label = ui.label("Visit type");
                egui::ComboBox::from_id_salt("new_visit_type")
                    .selected_text(state.visit_type.label())
                    .show_ui(ui, |ui| {
                        for visit_type in VisitType::ALL {
                            ui.selectable_value(
                                &mut state.visit_type,
                                visit_type,
                                visit_type.label(),
                            );
                        }
                    })
                    .response
                    .labelled_by(label.id);
            });
            if state.copy_from.is_some() {
                ui.add_space(6.0);
                ui.label("Copy forward from the previous visit:");
                for (field, copy) in &mut state.copy_fields {
                    ui.checkbox(copy, field.label());
                }
            }
            ui.add_space(10.0);
            ui.horizontal(|ui| {
                if ui.button("Start visit").clicked() {
                    commands.push(Command::StartVisit {
                        visit_type: state.visit_type,
                        copy_from: state.copy_from,
                        fields: state
                            .copy_fields
                            .iter()
                            .filter(|(_, c)| *c)
                            .map(|(f, _)| *f)
                            .collect(),
                    });
                }
                if ui.button("Cancel").clicked() {
                    commands.push(Command::CloseDialog);
                }
            });
        }),
        Dialog::ConfirmSign => Modal::new(Id::unique("confirm_sign")).show(&ctx, |ui| {
            ui.heading("Sign this note?");
            ui.label("The note is saved first. Once signed it cannot be changed.");
            ui.add_space(10.0);
            ui.horizontal(|ui| {
                let sign = ui.button("Sign note");
                sign.request_focus();
                if sign.clicked() {
                    commands.push(Command::SignVisit);
                }
                if ui.button("Cancel").clicked() {
                    commands.push(Command::CloseDialog);
                }
            });
        }),
        Dialog::Recovery(pending) => Modal::new(Id::unique("recovery")).show(&ctx, |ui| {
            ui.heading("Unsaved text was recovered");
            ui.label("Palpate closed before this text was saved into its note. Nothing was lost:");
            ui.add_space(6.0);
            for item in pending.iter() {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    let fields: Vec<&str> = item.fields.iter().map(|f| f.label()).collect();
                    ui.label(
                        RichText::new(format!(
                            "{} · chart {}",
                            item.patient_name, item.chart_number
                        ))
                        .strong(),
                    );
                    ui.label(format!(
                        "Visit of {} · {} · autosaved {}",
                        local_time(item.visit_started_at),
                        fields.join(", "),
                        local_time(item.last_saved_at)
                    ));
                    ui.horizontal(|ui| {
                        if ui
                            .button(format!("Open chart {}", item.chart_number))
                            .clicked()
                        {
                            commands.push(Command::RestoreDrafts(item.visit_id));
                        }
                        if ui
                            .button(format!("Discard text of chart {}", item.chart_number))
                            .clicked()
                        {
                            commands.push(Command::DiscardDrafts(item.visit_id));
                        }
                    });
                });
            }
            ui.add_space(6.0);
            ui.label(
                RichText::new("Text left here stays safe and is offered again at the next start.")
                    .color(theme::weak(ui.visuals())),
            );
            if ui.button("Later").clicked() {
                commands.push(Command::CloseDialog);
            }
        }),
    };
    if response.should_close() {
        commands.push(Command::CloseDialog);
    }
}
