//! The clinic details window (File → Clinic details…): the name, address,
//! phone, email and paper size printed at the head of every document.

use egui::{TextEdit, Ui};

use super::Command;
use crate::core::Action;
use crate::core::model::{Clinic, Paper};

/// The window's state: the details being edited, or none when closed.
#[derive(Clone, Debug, Default)]
pub struct ClinicState {
    pub draft: Option<Clinic>,
}

/// Draws the window while it is open.
pub fn clinic_window(ctx: &egui::Context, state: &mut ClinicState, commands: &mut Vec<Command>) {
    let Some(draft) = state.draft.as_mut() else {
        return;
    };
    let mut open = true;
    let mut close = false;
    egui::Window::new("Clinic details")
        .open(&mut open)
        .resizable(false)
        .show(ctx, |ui: &mut Ui| {
            ui.label("Printed at the head of every visit note and handout.");
            egui::Grid::new("clinic_grid")
                .num_columns(2)
                .show(ui, |ui| {
                    for (label, value) in [
                        ("Clinic name", &mut draft.name),
                        ("Address", &mut draft.address),
                        ("Phone", &mut draft.phone),
                        ("Email", &mut draft.email),
                    ] {
                        let label = ui.label(label);
                        ui.add(TextEdit::singleline(value).desired_width(320.0))
                            .labelled_by(label.id);
                        ui.end_row();
                    }
                    ui.label("Paper");
                    ui.horizontal(|ui| {
                        for paper in [Paper::A4, Paper::Letter] {
                            ui.radio_value(&mut draft.paper, paper, paper.label());
                        }
                    });
                    ui.end_row();
                });
            ui.horizontal(|ui| {
                if ui.button("Save").clicked() {
                    commands.push(Command::Treatment(Box::new(Action::SaveClinic(
                        draft.clone(),
                    ))));
                    close = true;
                }
                if ui.button("Cancel").clicked() {
                    close = true;
                }
            });
        });
    if !open || close {
        state.draft = None;
    }
}
