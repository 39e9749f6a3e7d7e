//! The chart view: a header with name, age and chart number, the visit
//! timeline, and the visit editor beside it.

use egui::{RichText, ScrollArea, Ui};

use super::{
    Command, EditorTab, UiState, body_map_panel, compare_panel, local_date, local_time,
    outcomes_panel, theme, treatment_panel, visit_editor,
};
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
        if chart.active_counts.iter().any(|c| c.active > 0) {
            ui.separator();
            active_trend_ui(ui, &chart.active_counts);
        }
        // The outcome measures at a glance: latest, change, MCID.
        for p in chart.progress.iter().take(2) {
            ui.separator();
            let mark = if p.series.len() > 1 && p.change.passes_mcid {
                " ✔"
            } else {
                ""
            };
            ui.label(
                RichText::new(format!(
                    "{} {:.0}{} ({:+.0}){mark}",
                    p.label, p.latest, p.unit, p.change.delta
                ))
                .size(13.0),
            )
            .on_hover_text(outcomes_panel::progress_line(p));
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
                ui.selectable_value(
                    &mut state.editor_tab,
                    EditorTab::Treatment,
                    RichText::new("Treatment").strong(),
                );
                ui.selectable_value(
                    &mut state.editor_tab,
                    EditorTab::Outcomes,
                    RichText::new("Outcomes").strong(),
                );
                if ui
                    .selectable_value(
                        &mut state.editor_tab,
                        EditorTab::Compare,
                        RichText::new("Compare").strong(),
                    )
                    .clicked()
                    || (state.editor_tab == EditorTab::Compare && state.compare.later.is_none())
                {
                    state.compare.start_from(&chart.visits, editor.visit.id);
                }
                if state.editor_tab == EditorTab::BodyMap {
                    ui.label(
                        RichText::new(format!("Visit of {}", local_time(editor.visit.started_at)))
                            .color(theme::weak(&visuals)),
                    );
                }
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    documents_menus(ui, &mut state.handout_options, commands);
                });
            });
            if state.documents_loaded_for != Some(patient.id) {
                state.documents = core.store().documents(patient.id).unwrap_or_default();
                state.documents_loaded_for = Some(patient.id);
            }
            let handed: Vec<String> = state
                .documents
                .iter()
                .filter(|d| d.visit_id.is_none_or(|v| v == editor.visit.id))
                .take(3)
                .map(|d| {
                    format!(
                        "{} {} {}",
                        d.kind.label(),
                        d.action.past(),
                        local_time(d.at)
                    )
                })
                .collect();
            if !handed.is_empty() {
                ui.label(
                    RichText::new(format!("Handed out: {}", handed.join("; ")))
                        .small()
                        .color(theme::weak(&visuals)),
                );
            }
            ui.separator();
            if state.treatment.loaded_for != Some(editor.visit.id) {
                state.treatment.reload(core, editor.visit.id);
            }
            match state.editor_tab {
                EditorTab::Note => {
                    visit_editor::visit_editor_ui(ui, editor, core, &mut state.treatment, commands);
                }
                EditorTab::Treatment => treatment_panel::treatment_ui(
                    ui,
                    &mut state.treatment,
                    core,
                    editor.visit.id,
                    editor.visit.status,
                    commands,
                ),
                EditorTab::BodyMap => body_map_panel::body_map_ui(
                    ui,
                    &mut state.body_map,
                    core,
                    editor.visit.id,
                    editor.visit.status,
                    commands,
                ),
                EditorTab::Outcomes => outcomes_panel::outcomes_ui(
                    ui,
                    &mut state.outcomes,
                    (editor.visit.patient_id, editor.visit.id),
                    editor.visit.status == crate::core::model::VisitStatus::Draft,
                    &chart.progress,
                    commands,
                ),
                EditorTab::Compare => {
                    compare_panel::compare_ui(ui, &mut state.compare, core, &chart.visits);
                }
            }
        } else {
            ui.add_space(20.0);
            ui.label("Choose a visit on the left, or start a new one (New visit).");
        }
    });
}

/// Active trigger points at each visit, oldest first, as small bars with
/// the latest count: the course of the myofascial findings at a glance.
fn active_trend_ui(ui: &mut Ui, counts: &[crate::core::model::ActiveCount]) {
    // The last dozen visits fit beside the name; older ones are in the chart.
    let shown = &counts[counts.len().saturating_sub(12)..];
    let most = shown.iter().map(|c| c.active).max().unwrap_or(0).max(1);
    let values: Vec<String> = shown.iter().map(|c| c.active.to_string()).collect();
    let summary = format!("Active trigger points by visit: {}", values.join(", "));
    let bar_width = 7.0;
    let height = 22.0;
    #[allow(clippy::cast_precision_loss)] // at most a dozen bars
    let width = shown.len() as f32 * (bar_width + 2.0);
    let (rect, response) = ui.allocate_exact_size(egui::vec2(width, height), egui::Sense::hover());
    let colour = ui.visuals().selection.bg_fill;
    let painter = ui.painter_at(rect);
    for (i, count) in shown.iter().enumerate() {
        #[allow(clippy::cast_precision_loss)] // small counts
        let bar = (count.active as f32 / most as f32) * (height - 2.0);
        #[allow(clippy::cast_precision_loss)]
        let x = rect.left() + i as f32 * (bar_width + 2.0);
        let bar_rect = egui::Rect::from_min_max(
            egui::pos2(x, rect.bottom() - bar.max(1.0)),
            egui::pos2(x + bar_width, rect.bottom()),
        );
        painter.rect_filled(bar_rect, 1.0, colour);
    }
    let details: Vec<String> = shown
        .iter()
        .map(|c| format!("{}: {}", local_date(c.started_at), c.active))
        .collect();
    response
        .on_hover_text(details.join("\n"))
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, summary.clone()));
    let recent: Vec<&str> = values[values.len().saturating_sub(6)..]
        .iter()
        .map(String::as_str)
        .collect();
    ui.label(RichText::new(format!("Active trigger points {}", recent.join(" → "))).size(13.0))
        .on_hover_text(&summary);
}

/// The visit note and handout menus: export, print or open, off the UI
/// thread (the app does the work).
fn documents_menus(
    ui: &mut Ui,
    options: &mut crate::report::handout::HandoutOptions,
    commands: &mut Vec<Command>,
) {
    use crate::core::model::{DocumentAction, DocumentKind};
    let actions = |ui: &mut Ui, kind: DocumentKind, commands: &mut Vec<Command>| {
        for (label, action) in [
            ("Export PDF…", DocumentAction::Export),
            ("Print…", DocumentAction::Print),
            ("Open", DocumentAction::Open),
        ] {
            if ui.button(label).clicked() {
                commands.push(Command::Document { kind, action });
                ui.close();
            }
        }
    };
    ui.menu_button("Progress report", |ui| {
        actions(ui, DocumentKind::ProgressReport, commands);
    });
    ui.menu_button("Handout", |ui| {
        ui.checkbox(&mut options.large_print, "Large print");
        ui.checkbox(&mut options.ergonomics, "Ergonomics checklist");
        ui.checkbox(&mut options.calendar, "4-week calendar");
        ui.separator();
        actions(ui, DocumentKind::Handout, commands);
    });
    ui.menu_button("Visit note", |ui| {
        actions(ui, DocumentKind::VisitNote, commands);
    });
}
