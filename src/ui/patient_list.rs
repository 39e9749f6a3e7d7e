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
    let search_id = ui.make_persistent_id("patient_search");
    // Up and Down move through the results while typing; Enter opens the
    // highlighted one. Taken before the text field sees them.
    let mut cursor_moved = false;
    if ui.memory(|m| m.has_focus(search_id)) {
        let (down, up) = ui.input_mut(|i| {
            (
                i.consume_key(egui::Modifiers::NONE, Key::ArrowDown),
                i.consume_key(egui::Modifiers::NONE, Key::ArrowUp),
            )
        });
        let last = state
            .search_results
            .as_ref()
            .map_or(0, |(_, s)| s.rows.len().saturating_sub(1));
        if down {
            state.search_cursor = (state.search_cursor + 1).min(last);
            cursor_moved = true;
        }
        if up {
            state.search_cursor = state.search_cursor.saturating_sub(1);
            cursor_moved = true;
        }
    }
    let search = ui.add(
        TextEdit::singleline(&mut state.search)
            .id(search_id)
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
        state.search_cursor = 0;
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
            (_, false) => format!(
                "More than {} matches: type more to narrow",
                thousands(SEARCH_SAMPLE)
            ),
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
        let cursor = state.search_cursor.min(results.len().saturating_sub(1));
        if enter && let Some(row) = results.get(cursor) {
            commands.push(Command::OpenPatient(row.id));
        }
        let selected = state.chart.as_ref().map(|c| c.patient.id);
        let mut area = ScrollArea::vertical().auto_shrink([false, false]);
        if cursor_moved {
            let (offset, height) = state.search_scroll;
            let row_height = theme::ROW_HEIGHT_POINTS + ui.spacing().item_spacing.y;
            #[allow(clippy::cast_precision_loss)] // a row index, far below 2^24
            let top = cursor as f32 * row_height;
            if top < offset {
                area = area.vertical_scroll_offset(top);
            } else if top + row_height > offset + height {
                area = area.vertical_scroll_offset(top + row_height - height);
            }
        }
        let output = area.show_rows(ui, theme::ROW_HEIGHT_POINTS, results.len(), |ui, range| {
            let first = range.start;
            for (i, row) in results[range].iter().enumerate() {
                let highlighted = first + i == cursor;
                patient_row_ui(ui, row, selected == Some(row.id), highlighted, commands);
            }
        });
        state.search_scroll = (output.state.clamped_offset().y, output.inner_rect.height());
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
                    patient_row_ui(ui, row, selected == Some(row.id), false, commands);
                }
            });
    }
}

fn patient_row_ui(
    ui: &mut Ui,
    row: &PatientRow,
    selected: bool,
    highlighted: bool,
    commands: &mut Vec<Command>,
) {
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
    if super::list_row_ui(
        ui,
        selected,
        highlighted,
        theme::ROW_HEIGHT_POINTS,
        job,
        &label,
    )
    .clicked()
    {
        commands.push(Command::OpenPatient(row.id));
    }
}

/// 1000 as "1,000".
fn thousands(n: i64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
