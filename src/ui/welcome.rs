//! The first-run welcome: create the first practitioner, or open the demo clinic.

use egui::{RichText, TextEdit, Ui};

use super::{Command, WelcomeState, theme};

/// Draws the welcome panel. `has_practitioner` skips straight to the next step.
pub fn welcome_ui(
    ui: &mut Ui,
    state: &mut WelcomeState,
    has_practitioner: bool,
    commands: &mut Vec<Command>,
) {
    ui.add_space(30.0);
    ui.vertical_centered(|ui| {
        ui.heading(RichText::new("Welcome to Palpate").size(28.0));
        ui.label("Charting for chiropractors and physical therapists. Everything stays on this computer.");
    });
    ui.add_space(24.0);
    ui.columns(2, |columns| {
        let ui = &mut columns[0];
        egui::Frame::group(ui.style()).inner_margin(16.0).show(ui, |ui| {
            // Natural-width buttons and ragged text, not the columns' justified layout.
            ui.with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
            if has_practitioner {
                ui.heading("Add your first patient");
                ui.label("Create a chart to start charting.");
                ui.add_space(8.0);
                if ui.button("New patient").on_hover_text("Ctrl+N").clicked() {
                    commands.push(Command::NewPatient);
                }
            } else {
                ui.heading("Set up your clinic");
                ui.label("Who charts on this computer? Your name appears on signed notes.");
                ui.add_space(8.0);
                let label = ui.label("Your name");
                ui.add(TextEdit::singleline(&mut state.display_name).hint_text("e.g. Alex Morgan"))
                    .labelled_by(label.id);
                let label = ui.label("Credentials");
                ui.add(TextEdit::singleline(&mut state.credentials).hint_text("e.g. DC, or PT, DPT"))
                    .labelled_by(label.id);
                if let Some(error) = &state.error {
                    ui.label(RichText::new(error).color(theme::error(ui.visuals())));
                }
                ui.add_space(8.0);
                if ui.button("Create practitioner").clicked() {
                    commands.push(Command::CreateFirstPractitioner);
                }
            }
            });
        });
        let ui = &mut columns[1];
        egui::Frame::group(ui.style()).inner_margin(16.0).show(ui, |ui| {
            ui.with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
            ui.heading("Try the demo clinic");
            ui.label("A fictional clinic with cervicogenic and tension-type headache cases and several visits each. It lives in its own folder and never mixes with your records.");
            ui.add_space(8.0);
            if ui.button("Open the demo clinic").clicked() {
                commands.push(Command::OpenDemoClinic);
            }
            });
        });
    });
}
