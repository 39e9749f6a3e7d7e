//! The left panel: patient search as you type, and the list of all patients.
//! Only the rows in view are read and laid out, so 100,000 patients scroll as
//! smoothly as ten.

use egui::{Key, RichText, ScrollArea, TextEdit, Ui};

use super::{Command, UiState, theme};
use crate::core::Core;
use crate::core::model::{PatientRow, PatientSearch};
use crate::store::SEARCH_SAMPLE;

use crate::core::SEARCH_LIMIT;

/// Rows of the unfiltered list, read one window at a time.
#[derive(Default)]
pub struct ListCache {
    count: Option<u64>,
    offset: u64,
    rows: Vec<PatientRow>,
}

impl ListCache {
    /// Forgets everything, after a patient was added, changed or archived.
    pub fn invalidate(&mut self) {
        *self = ListCache::default();
    }

    fn rows(&mut self, core: &Core, range: std::ops::Range<usize>) -> &[PatientRow] {
        let start = range.start as u64;
        let end = range.end as u64;
        let cached_end = self.offset + self.rows.len() as u64;
        if start < self.offset || end > cached_end {
            // Read a little around the window so that small scrolls need no read.
            let offset = start.saturating_sub(50);
            match core.store().patient_page(offset, (end - start) + 100) {
                Ok(rows) => {
                    self.offset = offset;
                    self.rows = rows;
                }
                Err(err) => tracing::error!(%err, "patient list could not be read"),
            }
        }
        let from = usize::try_from(start - self.offset.min(start))
            .unwrap_or(0)
            .min(self.rows.len());
        let to = usize::try_from(end - self.offset.min(end))
            .unwrap_or(0)
            .min(self.rows.len());
        &self.rows[from..to]
    }
}

/// Draws the search box and the list.
pub fn patient_list_ui(ui: &mut Ui, state: &mut UiState, core: &Core, commands: &mut Vec<Command>) {
    ui.add_space(4.0);
    let label = ui.label(RichText::new("Search patients").strong());
    let search = ui.add(
        TextEdit::singleline(&mut state.search)
            .hint_text("Name, chart no., phone or birth date")
            .desired_width(f32::INFINITY),
    );
    let search = search.labelled_by(label.id);
    if state.focus_search {
        search.request_focus();
        state.focus_search = false;
    }
    let query = state.search.trim().to_string();
    if query.is_empty() {
        state.search_results = None;
    } else if state
        .search_results
        .as_ref()
        .is_none_or(|(q, _)| *q != query)
    {
        match core.store().search_patients(&query, SEARCH_LIMIT) {
            Ok(rows) => state.search_results = Some((query.clone(), rows)),
            Err(err) => {
                tracing::error!(%err, "search failed");
                state.search_results = Some((query.clone(), PatientSearch::default()));
            }
        }
    }
    let enter = search.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
    ui.add_space(4.0);

    let visuals = ui.visuals().clone();
    if let Some((_, search)) = &state.search_results {
        let results = &search.rows;
        let summary = match (results.len(), search.complete) {
            (0, _) => "No patient matches".to_string(),
            (_, false) => format!("More than {SEARCH_SAMPLE} matches: type more to narrow"),
            (n, true) if n < search.matches => {
                format!(
                    "First {n} of {} matches: type more to narrow",
                    search.matches
                )
            }
            (1, true) => "1 match".to_string(),
            (n, true) => format!("{n} matches"),
        };
        ui.label(RichText::new(summary).small().color(theme::weak(&visuals)));
        if enter && let Some(first) = results.first() {
            commands.push(Command::OpenPatient(first.id));
        }
        let selected = state.chart.as_ref().map(|c| c.patient.id);
        ScrollArea::vertical()
            .auto_shrink([false, false])
            .show_rows(ui, theme::ROW_HEIGHT_POINTS, results.len(), |ui, range| {
                for row in &results[range] {
                    patient_row_ui(ui, row, selected == Some(row.id), commands);
                }
            });
    } else {
        let count = *state
            .list
            .count
            .get_or_insert_with(|| core.store().active_patient_count().unwrap_or(0));
        ui.label(
            RichText::new(if count == 1 {
                "1 patient".to_string()
            } else {
                format!("{count} patients")
            })
            .small()
            .color(theme::weak(&visuals)),
        );
        let selected = state.chart.as_ref().map(|c| c.patient.id);
        let total = usize::try_from(count).unwrap_or(usize::MAX);
        let list = &mut state.list;
        ScrollArea::vertical()
            .auto_shrink([false, false])
            .show_rows(ui, theme::ROW_HEIGHT_POINTS, total, |ui, range| {
                for row in list.rows(core, range) {
                    patient_row_ui(ui, row, selected == Some(row.id), commands);
                }
            });
    }
}

fn patient_row_ui(ui: &mut Ui, row: &PatientRow, selected: bool, commands: &mut Vec<Command>) {
    let name = row.display_name();
    let mut job = egui::text::LayoutJob::default();
    job.append(
        &name,
        0.0,
        egui::TextFormat {
            font_id: egui::TextStyle::Body.resolve(ui.style()),
            color: ui.visuals().text_color(),
            ..Default::default()
        },
    );
    job.append(
        &format!("\n{} · born {}", row.chart_number, row.date_of_birth),
        0.0,
        egui::TextFormat {
            font_id: egui::TextStyle::Small.resolve(ui.style()),
            color: theme::weak(ui.visuals()),
            ..Default::default()
        },
    );
    let label = format!("{name}, chart {}", row.chart_number);
    if super::list_row_ui(ui, selected, theme::ROW_HEIGHT_POINTS, job, &label).clicked() {
        commands.push(Command::OpenPatient(row.id));
    }
}
