//! The clinic details window (File → Clinic details…): the name, address,
//! phone, email and paper size printed at the head of every document.

use std::sync::mpsc;

use egui::{TextEdit, Ui};

use super::Command;
use crate::core::Action;
use crate::core::model::{Clinic, Paper};

/// The window's state: the details being edited, or none when closed.
#[derive(Debug, Default)]
pub struct ClinicState {
    pub draft: Option<Clinic>,
    /// A logo being chosen on the "dialog" thread.
    pub logo_job: Option<mpsc::Receiver<Result<Option<Vec<u8>>, String>>>,
    pub error: Option<String>,
}

/// Asks for a logo file on a worker thread and reads it there.
fn choose_logo(ctx: &egui::Context) -> Option<mpsc::Receiver<Result<Option<Vec<u8>>, String>>> {
    let (sender, receiver) = mpsc::channel();
    let ctx = ctx.clone();
    std::thread::Builder::new()
        .name("dialog".into())
        .spawn(move || {
            let result = match super::file_dialog::ask_image_path("Choose the clinic's logo") {
                super::file_dialog::OpenChoice::Chosen(path) => std::fs::read(&path)
                    .map(Some)
                    .map_err(|e| format!("cannot read {}: {e}", path.display())),
                super::file_dialog::OpenChoice::Cancelled => Ok(None),
                super::file_dialog::OpenChoice::Unavailable(why) => Err(why),
            };
            let _ = sender.send(result);
            ctx.request_repaint();
        })
        .ok()?;
    Some(receiver)
}

/// Draws the window while it is open.
pub fn clinic_window(ctx: &egui::Context, state: &mut ClinicState, commands: &mut Vec<Command>) {
    if let Some(receiver) = &state.logo_job
        && let Ok(result) = receiver.try_recv()
    {
        state.logo_job = None;
        match result {
            Ok(Some(bytes)) if bytes.len() > crate::core::model::MAX_LOGO_BYTES => {
                state.error = Some("The logo is over 2 MB; choose a smaller image.".into());
            }
            Ok(Some(bytes)) if !crate::core::model::looks_like_image(&bytes) => {
                state.error = Some("The logo must be a PNG or JPEG image.".into());
            }
            Ok(Some(bytes)) => {
                if let Some(draft) = state.draft.as_mut() {
                    draft.logo = Some(bytes);
                }
                state.error = None;
            }
            Ok(None) => {}
            Err(why) => state.error = Some(super::sentence(&why)),
        }
    }
    let error = state.error.clone();
    let Some(draft) = state.draft.as_mut() else {
        return;
    };
    let mut choose = false;
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
                    ui.label("Logo");
                    ui.horizontal(|ui| {
                        match &draft.logo {
                            Some(bytes) => {
                                #[allow(clippy::cast_precision_loss)] // a size shown in KB
                                let kb = bytes.len() as f64 / 1000.0;
                                ui.label(format!("set ({kb:.0} KB)"));
                                if ui.button("Remove").clicked() {
                                    draft.logo = None;
                                }
                            }
                            None => {
                                ui.label("none");
                            }
                        }
                        if ui
                            .button("Choose…")
                            .on_hover_text("A PNG or JPEG image")
                            .clicked()
                        {
                            choose = true;
                        }
                    });
                    ui.end_row();
                });
            if let Some(error) = &error {
                ui.label(egui::RichText::new(error).color(super::theme::error(ui.visuals())));
            }
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
    if choose && state.logo_job.is_none() {
        state.logo_job = choose_logo(ctx);
    }
    if !open || close {
        state.draft = None;
        state.error = None;
    }
}
