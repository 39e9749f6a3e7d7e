//! The compare tab: any two visits of the chart, with what is new,
//! persisting and resolved between them, on the map (side by side with each
//! visit's pain drawing, or overlaid) and as lists with the change in
//! tenderness and activity.

use egui::{RichText, Ui};

use super::{local_date, theme};
use crate::body_map::widget::{BodyMapWidget, MapMark, MarkStyle, Viewport};
use crate::body_map::{BodyMap, View, widget};
use crate::content::body_map::shipped;
use crate::core::Core;
use crate::core::model::{Activity, Comparison, Finding, PainStroke, VisitId, VisitSummary};
use crate::ui::body_map_panel::{finding_mark, finding_name, pain_paths};

/// What the compare tab keeps between frames.
#[derive(Clone, Debug)]
pub struct CompareState {
    pub earlier: Option<VisitId>,
    pub later: Option<VisitId>,
    pub overlay: bool,
    pub view: String,
    pub viewports: [Viewport; 2],
    /// The comparison of (earlier, later), read again when either changes
    /// or the chart's findings do.
    pub result: Option<(VisitId, VisitId, Comparison)>,
    /// The pain drawings of the earlier and the later visit.
    pub pain: [Vec<PainStroke>; 2],
    pub error: Option<String>,
}

impl Default for CompareState {
    fn default() -> Self {
        CompareState {
            earlier: None,
            later: None,
            overlay: false,
            view: "posterior".into(),
            viewports: [Viewport::default(), Viewport::default()],
            result: None,
            pain: [Vec::new(), Vec::new()],
            error: None,
        }
    }
}

impl CompareState {
    /// Starts the tab on the open visit and the one before it.
    pub fn start_from(&mut self, visits: &[VisitSummary], open: VisitId) {
        // The timeline is newest first: the visit after `open` in it is older.
        let index = visits.iter().position(|v| v.id == open);
        self.later = Some(open);
        self.earlier = index.and_then(|i| visits.get(i + 1)).map(|v| v.id);
        self.result = None;
    }

    /// Starts again from the visit opened next (see [`Self::start_from`]).
    pub fn restart(&mut self) {
        self.later = None;
        self.earlier = None;
        self.result = None;
    }

    /// Forgets the comparison so that it is read again.
    pub fn invalidate(&mut self) {
        self.result = None;
    }
}

/// The marks of each side (earlier, later) and of the overlay, for `view`.
fn marks(map: &BodyMap, view: &View, c: &Comparison) -> [Vec<MapMark>; 3] {
    let mut earlier = Vec::new();
    let mut later = Vec::new();
    let mut overlay = Vec::new();
    let on = |f: &Finding| f.view == view.id;
    let mut number = 0;
    for f in &c.new {
        number += 1;
        if on(f)
            && let Some(m) = finding_mark(map, f, number, MarkStyle::New)
        {
            later.push(m.clone());
            overlay.push(m);
        }
    }
    for (before, after) in &c.persisting {
        number += 1;
        if on(before)
            && let Some(m) = finding_mark(map, before, number, MarkStyle::Persisting)
        {
            earlier.push(m);
        }
        if on(after)
            && let Some(m) = finding_mark(map, after, number, MarkStyle::Persisting)
        {
            later.push(m.clone());
            overlay.push(m);
        }
    }
    for f in &c.resolved {
        number += 1;
        if on(f)
            && let Some(m) = finding_mark(map, f, number, MarkStyle::Resolved)
        {
            earlier.push(m.clone());
            overlay.insert(0, m);
        }
    }
    [earlier, later, overlay]
}

fn visit_label(visit: &VisitSummary) -> String {
    format!(
        "{}, {}",
        local_date(visit.started_at),
        visit.visit_type.label()
    )
}

/// Draws the compare tab for a chart's visits.
pub fn compare_ui(ui: &mut Ui, state: &mut CompareState, core: &Core, visits: &[VisitSummary]) {
    let weak = theme::weak(ui.visuals());
    let map = shipped();
    if visits.len() < 2 {
        ui.label(RichText::new("A comparison needs two visits; this chart has one.").color(weak));
        return;
    }
    ui.horizontal_wrapped(|ui| {
        ui.label("Compare");
        visit_choice(
            ui,
            "compare_earlier",
            "Earlier visit",
            &mut state.earlier,
            visits,
        );
        ui.label("with");
        visit_choice(ui, "compare_later", "Later visit", &mut state.later, visits);
        ui.separator();
        ui.selectable_value(&mut state.overlay, false, "Side by side");
        ui.selectable_value(&mut state.overlay, true, "Overlay");
        ui.separator();
        for view in &map.views {
            if ui
                .selectable_label(state.view == view.id, view.name.as_str())
                .clicked()
            {
                state.view.clone_from(&view.id);
                state.viewports = [Viewport::default(), Viewport::default()];
            }
        }
    });
    let (Some(a), Some(b)) = (state.earlier, state.later) else {
        ui.label(RichText::new("Choose two visits.").color(weak));
        return;
    };
    if a == b {
        ui.label(RichText::new("Choose two different visits.").color(weak));
        return;
    }
    // Whichever order the two were chosen in, the older one is "earlier".
    let older_first = |id: VisitId| visits.iter().position(|v| v.id == id);
    let (first, second) = if older_first(a) >= older_first(b) {
        (a, b)
    } else {
        (b, a)
    };
    if state
        .result
        .as_ref()
        .is_none_or(|(x, y, _)| (*x, *y) != (a, b))
    {
        let read = core.compare_visits(a, b).and_then(|c| {
            let pain = [
                core.store().pain_strokes(first)?,
                core.store().pain_strokes(second)?,
            ];
            Ok((c, pain))
        });
        match read {
            Ok((c, pain)) => {
                state.result = Some((a, b, c));
                state.pain = pain;
                state.error = None;
            }
            Err(err) => {
                tracing::error!(%err, earlier = %a, later = %b, "visits could not be compared");
                state.error = Some(super::sentence(&err.to_string()));
                state.result = None;
            }
        }
    }
    if let Some(error) = &state.error {
        ui.label(RichText::new(error).color(theme::error(ui.visuals())));
        return;
    }
    let Some((_, _, comparison)) = state.result.as_ref() else {
        return;
    };
    let Some(view) = map.view(&state.view).or_else(|| map.views.first()) else {
        return;
    };
    let name = |id: VisitId| {
        visits
            .iter()
            .find(|v| v.id == id)
            .map_or_else(String::new, visit_label)
    };
    let [earlier_marks, later_marks, overlay_marks] = marks(map, view, comparison);
    let [earlier_pain, later_pain] = &state.pain;
    let earlier_pain = pain_paths(earlier_pain, &view.id);
    let later_pain = pain_paths(later_pain, &view.id);

    // The lists sit under the maps, so that each map gets half the width.
    let height = (ui.available_height() - 200.0).max(200.0);
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if state.overlay {
                ui.label(RichText::new(format!("{} → {}", name(first), name(second))).strong());
                BodyMapWidget::new(map, view, &overlay_marks, &mut state.viewports[0])
                    .editable(false)
                    .max_height(height)
                    .show(ui);
            } else {
                let [left, right] = &mut state.viewports;
                ui.columns(2, |columns| {
                    columns[0].label(RichText::new(name(first)).strong());
                    BodyMapWidget::new(map, view, &earlier_marks, left)
                        .pain(&earlier_pain)
                        .editable(false)
                        .max_height(height)
                        .show(&mut columns[0]);
                    columns[1].label(RichText::new(name(second)).strong());
                    BodyMapWidget::new(map, view, &later_marks, right)
                        .pain(&later_pain)
                        .editable(false)
                        .max_height(height)
                        .show(&mut columns[1]);
                });
            }
            let all: Vec<MapMark> = overlay_marks
                .iter()
                .chain(&earlier_marks)
                .cloned()
                .collect();
            let pain: Vec<_> = if state.overlay {
                Vec::new()
            } else {
                earlier_pain.iter().chain(&later_pain).cloned().collect()
            };
            widget::legend_ui(
                ui,
                &crate::body_map::figure::legend(&all, &pain),
                false,
                false,
            );
            ui.separator();
            lists_ui(ui, map, comparison);
        });
}

fn visit_choice(
    ui: &mut Ui,
    id: &str,
    label: &str,
    chosen: &mut Option<VisitId>,
    visits: &[VisitSummary],
) {
    let text = chosen
        .and_then(|c| visits.iter().find(|v| v.id == c))
        .map_or_else(|| "Choose…".to_string(), visit_label);
    egui::ComboBox::from_id_salt(id)
        .selected_text(text)
        .show_ui(ui, |ui| {
            for visit in visits {
                ui.selectable_value(chosen, Some(visit.id), visit_label(visit));
            }
        })
        .response
        .on_hover_text(label);
}

/// The three lists, numbered as the marks on the map.
fn lists_ui(ui: &mut Ui, map: &BodyMap, c: &Comparison) {
    let weak = theme::weak(ui.visuals());
    let active = |fs: &mut dyn Iterator<Item = &Finding>| {
        fs.filter(|f| f.details.activity == Activity::Active)
            .count()
    };
    let before = active(&mut c.persisting.iter().map(|(b, _)| b).chain(&c.resolved));
    let after = active(&mut c.persisting.iter().map(|(_, a)| a).chain(&c.new));
    ui.label(RichText::new(format!("Active trigger points: {before} → {after}")).strong());
    if c.new.is_empty() && c.persisting.is_empty() && c.resolved.is_empty() {
        ui.label(RichText::new("Neither visit charted trigger points.").color(weak));
        return;
    }
    let tenderness = |f: &Finding| {
        f.details
            .tenderness
            .map_or_else(|| "–".to_string(), |t| format!("{t}/10"))
    };
    let mut new = Vec::new();
    let mut persisting = Vec::new();
    let mut resolved = Vec::new();
    let mut number = 0;
    for f in &c.new {
        number += 1;
        new.push(format!(
            "{number}. {} · {}, {}",
            finding_name(map, f),
            f.details.activity.label(),
            tenderness(f)
        ));
    }
    for (b, a) in &c.persisting {
        number += 1;
        let activity = if b.details.activity == a.details.activity {
            a.details.activity.label().to_string()
        } else {
            format!(
                "{} → {}",
                b.details.activity.label(),
                a.details.activity.label()
            )
        };
        persisting.push(format!(
            "{number}. {} · {activity}, {} → {}",
            finding_name(map, a),
            tenderness(b),
            tenderness(a)
        ));
    }
    for f in &c.resolved {
        number += 1;
        resolved.push(format!(
            "{number}. {} · was {}, {}",
            finding_name(map, f),
            f.details.activity.label(),
            tenderness(f)
        ));
    }
    ui.columns(3, |columns| {
        for (ui, (title, rows)) in columns.iter_mut().zip([
            ("New", new),
            ("Persisting", persisting),
            ("Resolved", resolved),
        ]) {
            // Left-aligned rather than the columns' justified layout, which
            // spreads wrapped words apart.
            ui.with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
                ui.label(RichText::new(format!("{title} ({})", rows.len())).strong());
                for row in rows {
                    ui.label(row);
                }
            });
        }
    });
}
