//! The new-patient and edit-patient form, with each error shown beside its field.

use egui::{Grid, RichText, TextEdit, Ui};

use super::{Command, PatientFormState, theme};
use crate::core::model::Sex;
use crate::core::validate::PatientField;

/// Draws the form. Enter in a single-line field does not submit; the Save
/// button and Ctrl+S do, so that a stray Enter never saves half a record.
pub fn patient_form_ui(ui: &mut Ui, state: &mut PatientFormState, commands: &mut Vec<Command>) {
    let title = if state.editing.is_some() {
        "Edit patient details"
    } else {
        "New patient"
    };
    ui.heading(title);
    ui.label(
        RichText::new("Fields marked * are required. Dates are YYYY-MM-DD.")
            .color(theme::weak(ui.visuals())),
    );
    ui.add_space(theme::SECTION_GAP_POINTS);

    let errors = state.errors.clone();
    let focus_first = std::mem::take(&mut state.focus_first);
    egui::ScrollArea::vertical().show(ui, |ui| {
        Grid::new("patient_form")
            .num_columns(3)
            .spacing([12.0, 8.0])
            .show(ui, |ui| {
                let form = &mut state.form;
                let row = |ui: &mut Ui,
                           field: PatientField,
                           value: &mut String,
                           required: bool,
                           multiline: bool,
                           focus: bool| {
                    let label = if required {
                        format!("{} *", field.label())
                    } else {
                        field.label().to_string()
                    };
                    let label = ui.add_sized(
                        [theme::FORM_LABEL_WIDTH_POINTS, 20.0],
                        egui::Label::new(label),
                    );
                    let edit = if multiline {
                        TextEdit::multiline(value).desired_rows(3)
                    } else {
                        TextEdit::singleline(value)
                    };
                    let response = ui
                        .add(edit.desired_width(360.0).char_limit(field.max_chars()))
                        .labelled_by(label.id);
                    if focus {
                        response.request_focus();
                    }
                    match errors.get(field) {
                        Some(message) => {
                            ui.label(RichText::new(message).color(theme::error(ui.visuals())));
                        }
                        None => {
                            ui.label("");
                        }
                    }
                    ui.end_row();
                };
                row(
                    ui,
                    PatientField::GivenName,
                    &mut form.given_name,
                    true,
                    false,
                    focus_first,
                );
                row(
                    ui,
                    PatientField::FamilyName,
                    &mut form.family_name,
                    true,
                    false,
                    false,
                );
                row(
                    ui,
                    PatientField::PreferredName,
                    &mut form.preferred_name,
                    false,
                    false,
                    false,
                );
                row(
                    ui,
                    PatientField::DateOfBirth,
                    &mut form.date_of_birth,
                    true,
                    false,
                    false,
                );

                let label = ui.add_sized(
                    [theme::FORM_LABEL_WIDTH_POINTS, 20.0],
                    egui::Label::new("Sex"),
                );
                ui.horizontal(|ui| {
                    for sex in Sex::ALL {
                        ui.radio_value(&mut form.sex, sex, sex.label());
                    }
                })
                .response
                .labelled_by(label.id);
                ui.label("");
                ui.end_row();

                row(
                    ui,
                    PatientField::ChartNumber,
                    &mut form.chart_number,
                    true,
                    false,
                    false,
                );
                row(
                    ui,
                    PatientField::Phone,
                    &mut form.phone,
                    false,
                    false,
                    false,
                );
                row(
                    ui,
                    PatientField::Email,
                    &mut form.email,
                    false,
                    false,
                    false,
                );
                row(
                    ui,
                    PatientField::Address,
                    &mut form.address,
                    false,
                    true,
                    false,
                );
                row(
                    ui,
                    PatientField::EmergencyContact,
                    &mut form.emergency_contact,
                    false,
                    false,
                    false,
                );
                row(
                    ui,
                    PatientField::ReferralSource,
                    &mut form.referral_source,
                    false,
                    false,
                    false,
                );
                row(ui, PatientField::Notes, &mut form.notes, false, true, false);
            });
        ui.add_space(theme::SECTION_GAP_POINTS);
        ui.horizontal(|ui| {
            let save = if state.editing.is_some() {
                "Save changes"
            } else {
                "Create patient"
            };
            if ui.button(save).on_hover_text("Ctrl+S").clicked() {
                commands.push(Command::SubmitPatientForm);
            }
            if ui.button("Cancel").on_hover_text("Esc").clicked() {
                commands.push(Command::CloseDialog);
            }
        });
    });
}
