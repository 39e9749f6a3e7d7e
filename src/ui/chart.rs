//! The chart view: a header with name, age and chart number, the visit
//! timeline, and the visit editor beside it.

use egui::{RichText, ScrollArea, Ui};

use super::{Command, EditorTab, UiState, body_map_panel, local_time, theme, visit_editor};
use crate::core::Core;
use crate::core::model::{VisitStatus, age_in_years};

/// Draws the open chart.
pub fn chart_ui(ui: &mut Ui, state: &mut UiState, core: &Core, commands: &mut Vec<Command>) {
    let Some(chart) = state.chart.as_ref() else {
        return;
    };
    let patient = &chart.patient;
    let details = &patient.details;
    let visuals = ui.visuals().clone();

    ui.horizontal(|ui| {
        ui.heading(RichText::new(details.display_name()).strong());
        let age = age_in_years(details.date_of_birth, Core::today());
        ui.label(RichText::new(format!("{age} years · {}", details.sex.label())).size(15.0));
        ui.label(
            RichText::new(format!("Chart {}", details.chart_number))
                .size(15.0)
                .strong(),
        );
        if patient.archived {
            ui.label(RichText::new("ARCHIVED").color(theme::error(&visuals)));
        }
    });
    ui.horizontal_wrapped(|ui| {
        let weak = theme::weak(&visuals);
        ui.label(RichText::new(format!("Born {}", details.date_of_birth)).color(weak));
        if !details.phone.is_empty() {
            ui.label(RichText::new(format!("· {}", details.phone)).color(weak));
        }
        if !details.email.is_empty() {
            ui.label(RichText::new(format!("· {}", details.email)).color(weak));
        }
        if !details.referral_source.is_empty() {
            ui.label(
                RichText::new(format!("· Referred by: {}", details.referral_source)).color(weak),
            );
        }
    });
    ui.horizontal(|ui| {
        if ui.button("New visit").clicked() {
            commands.push(Command::ShowNewVisit);
        }
        if ui.button("Edit details").clicked() {
            commands.push(Command::EditPatient(patient.id));
        }
        let archive_label = if patient.archived {
            "Restore from archive"
        } else {
            "Archive patient"
        };
        if ui
            .button(archive_label)
            .on_hover_text("Archived charts are kept but hidden from the list and search")
            .clicked()
        {
            commands.push(Command::Apply(Box::new(
                crate::core::Action::SetPatientArchived {
                    id: patient.id,
                    archived: !patient.archived,
                },
            )));
        }
    });
    ui.separator();

    let open_visit = state.editor.as_ref().map(|e| e.visit.id);
    egui::Panel::left("visit_timeline")
        .resizable(true)
        .default_size(230.0)
        .show(ui, |ui| {
            ui.label(RichText::new("Visits").strong());
            if chart.visits.is_empty() {
                ui.label(
                    RichText::new("No visits yet. Start one with New visit.")
                        .color(theme::weak(&visuals)),
                );
            }
            ScrollArea::vertical()
                .auto_shrink([false, false])
                .show_rows(ui, 58.0, chart.visits.len(), |ui, range| {
                    for visit in &chart.visits[range] {
                        let status = match visit.status {
                            VisitStatus::Signed => "signed",
                            VisitStatus::Draft if visit.has_draft => "draft · unsaved text",
                            VisitStatus::Draft => "draft",
                        };
                        let cc: String = visit.chief_complaint.chars().take(40).collect();
                        let when = local_time(visit.started_at);
                        let mut job = egui::text::LayoutJob::default();
                        let body = egui::TextStyle::Body.resolve(ui.style());
                        let small = egui::TextStyle::Small.resolve(ui.style());
                        let strong = ui.visuals().strong_text_color();
                        let status_color = if visit.status == VisitStatus::Signed {
                            theme::signed(&visuals)
                        } else {
                            theme::draft(&visuals)
                        };
                        let format = |font_id: &egui::FontId, color| egui::TextFormat {
                            font_id: font_id.clone(),
                            color,
                            ..Default::default()
                        };
                        job.append(&when, 0.0, format(&body, strong));
                        job.append(
                            &format!("\n{} · ", visit.visit_type.label()),
                            0.0,
                            format(&small, visuals.text_color()),
                        );
                        job.append(status, 0.0, format(&small, status_color));
                        job.append(
                            &format!("\n{cc}"),
                            0.0,
                            format(&small, theme::weak(&visuals)),
                        );
                        let label =
                            format!("Visit of {when}, {}, {status}", visit.visit_type.label());
                        let response = super::list_row_ui(
                            ui,
                            open_visit == Some(visit.id),
                            false,
                            54.0,
                            job,
                            &label,
                        );
                        if response.clicked() {
                            commands.push(Command::OpenVisit(visit.id));
                        }
                    }
                });
        });

    egui::CentralPanel::default().show(ui, |ui| {
        if let Some(editor) = state.editor.as_mut() {
            ui.horizontal(|ui| {
                ui.selectable_value(
                    &mut state.editor_tab,
                    EditorTab::Note,
                    RichText::new("Note").strong(),
                );
                ui.selectable_value(
                    &mut state.editor_tab,
                    EditorTab::BodyMap,
                    RichText::new("Body map").strong(),
                );
                if state.editor_tab == EditorTab::BodyMap {
                    ui.label(
                        RichText::new(format!("Visit of {}", local_time(editor.visit.started_at)))
                            .color(theme::weak(&visuals)),
                    );
                }
            });
            ui.separator();
            match state.editor_tab {
                EditorTab::Note => visit_editor::visit_editor_ui(ui, editor, core, commands),
                EditorTab::BodyMap => body_map_panel::body_map_ui(
                    ui,
                    &mut state.body_map,
                    core,
                    editor.visit.id,
                    editor.visit.status,
                    commands,
                ),
            }
        } else {
            ui.add_space(20.0);
            ui.label("Choose a visit on the left, or start a new one (New visit).");
        }
    });
}
