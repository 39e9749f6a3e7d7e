//! The body map tab of a visit: the map, a searchable muscle list for
//! placing findings from the keyboard, the editor of the selected finding,
//! and the visit's findings table.

use egui::{RichText, TextEdit, Ui};

use super::{Command, theme};
use crate::body_map::widget::{self, BodyMapEvent, BodyMapWidget, MapMark, MarkStyle, Viewport};
use crate::body_map::{BodyMap, BodyPoint};
use crate::content::body_map::shipped;
use crate::core::Core;
use crate::core::model::{Activity, Finding, FindingId, VisitId, VisitStatus};

/// One step Ctrl+Z takes back on the map.
#[derive(Clone, Debug, PartialEq)]
pub enum MapUndo {
    Added(FindingId),
    Moved { finding: FindingId, from: BodyPoint },
}

/// What the body map tab keeps between frames.
#[derive(Clone, Debug)]
pub struct BodyMapPanelState {
    pub view: String,
    pub viewport: Viewport,
    pub selected: Option<FindingId>,
    pub show_zones: bool,
    pub filter: String,
    /// The open visit's findings, read again after every change.
    pub findings: Vec<Finding>,
    pub loaded_for: Option<VisitId>,
    pub undo: Vec<MapUndo>,
}

impl Default for BodyMapPanelState {
    fn default() -> Self {
        BodyMapPanelState {
            view: "posterior".into(),
            viewport: Viewport::default(),
            selected: None,
            show_zones: true,
            filter: String::new(),
            findings: Vec::new(),
            loaded_for: None,
            undo: Vec::new(),
        }
    }
}

impl BodyMapPanelState {
    /// Reads the visit's findings again.
    pub fn reload(&mut self, core: &Core, visit: VisitId) {
        match core.store().findings(visit) {
            Ok(findings) => self.findings = findings,
            Err(err) => tracing::error!(%err, %visit, "findings could not be read"),
        }
        if self.loaded_for != Some(visit) {
            self.selected = None;
            self.undo.clear();
        }
        if self
            .selected
            .is_some_and(|s| !self.findings.iter().any(|f| f.id == s))
        {
            self.selected = None;
        }
        self.loaded_for = Some(visit);
    }
}

/// "Upper trapezius, left".
#[must_use]
pub fn finding_name(map: &BodyMap, finding: &Finding) -> String {
    let muscle = map
        .muscle_index(&finding.muscle)
        .map_or(finding.muscle.as_str(), |i| map.muscles[i].name.as_str());
    format!("{muscle}, {}", finding.side.label())
}

/// Draws the tab for the visit `visit` (read only when signed).
pub fn body_map_ui(
    ui: &mut Ui,
    state: &mut BodyMapPanelState,
    core: &Core,
    visit: VisitId,
    status: VisitStatus,
    commands: &mut Vec<Command>,
) {
    if state.loaded_for != Some(visit) {
        state.reload(core, visit);
    }
    let map = shipped();
    let editable = status == VisitStatus::Draft;
    let visuals = ui.visuals().clone();

    ui.horizontal_wrapped(|ui| {
        for view in &map.views {
            if ui
                .selectable_label(state.view == view.id, view.name.as_str())
                .clicked()
            {
                state.view.clone_from(&view.id);
                state.viewport.reset();
            }
        }
        ui.separator();
        let centre = ui.max_rect().center();
        if ui
            .button("−")
            .on_hover_text("Zoom out (Ctrl+wheel)")
            .clicked()
        {
            state.viewport.zoom_by(1.0 / 1.25, centre, ui.max_rect());
        }
        if ui
            .button("+")
            .on_hover_text("Zoom in (Ctrl+wheel)")
            .clicked()
        {
            state.viewport.zoom_by(1.25, centre, ui.max_rect());
        }
        if ui.button("Fit").clicked() {
            state.viewport.reset();
        }
        ui.checkbox(&mut state.show_zones, "Show referral zones");
    });

    let Some(view) = map.view(&state.view).or_else(|| map.views.first()) else {
        return;
    };
    let marks: Vec<MapMark> = state
        .findings
        .iter()
        .enumerate()
        .filter(|(_, f)| f.view == view.id)
        .filter_map(|(i, f)| {
            Some(MapMark {
                id: f.id,
                muscle: map.muscle_index(&f.muscle)?,
                side: f.side,
                pos: BodyPoint::new(f.position.x, f.position.y),
                active: f.details.activity == Activity::Active,
                style: MarkStyle::Current,
                number: i + 1,
            })
        })
        .collect();

    egui::Panel::right("body_map_side")
        .resizable(true)
        .default_size(280.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    side_panel_ui(ui, state, map, view, editable, commands);
                });
        });
    egui::CentralPanel::default().show(ui, |ui| {
        let height = ui.available_height() - 30.0;
        let events = BodyMapWidget::new(map, view, &marks, &mut state.viewport)
            .selected(state.selected)
            .show_zones(state.show_zones)
            .editable(editable)
            .max_height(height)
            .show(ui);
        for event in events {
            match event {
                BodyMapEvent::Place { hit, pos } => commands.push(Command::PlaceFinding {
                    muscle: hit.muscle,
                    side: hit.side,
                    view: view.id.clone(),
                    pos,
                }),
                BodyMapEvent::Select(id) => state.selected = Some(id),
                BodyMapEvent::Move { finding, from, to } => {
                    commands.push(Command::MoveFinding { finding, from, to });
                }
            }
        }
        widget::legend_ui(ui);
        if !editable {
            ui.label(
                RichText::new("This visit is signed: its findings are read only.")
                    .color(theme::weak(&visuals)),
            );
        }
    });
}

fn side_panel_ui(
    ui: &mut Ui,
    state: &mut BodyMapPanelState,
    map: &BodyMap,
    view: &crate::body_map::View,
    editable: bool,
    commands: &mut Vec<Command>,
) {
    let weak = theme::weak(ui.visuals());
    if editable {
        let label = ui.label(RichText::new("Place a finding").strong());
        ui.add(
            TextEdit::singleline(&mut state.filter)
                .hint_text("Type a muscle, e.g. trap")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
        let filter = state.filter.trim().to_lowercase();
        let mut shown = 0;
        egui::ScrollArea::vertical()
            .id_salt("muscle_list")
            .max_height(170.0)
            .show(ui, |ui| {
                for region in &view.regions {
                    let name = format!(
                        "{}, {}",
                        map.muscles[region.muscle].name,
                        region.side.label()
                    );
                    if !filter.is_empty() && !name.to_lowercase().contains(&filter) {
                        continue;
                    }
                    shown += 1;
                    if ui
                        .button(&name)
                        .on_hover_text("Place a finding on this muscle")
                        .clicked()
                    {
                        commands.push(Command::PlaceFinding {
                            muscle: region.muscle,
                            side: region.side,
                            view: view.id.clone(),
                            pos: region.anchor,
                        });
                    }
                }
            });
        if shown == 0 {
            ui.label(
                RichText::new("No muscle of this view matches; try another view.").color(weak),
            );
        }
        ui.separator();
    }

    let selected = state
        .selected
        .and_then(|id| state.findings.iter().position(|f| f.id == id));
    if let Some(index) = selected {
        let finding = state.findings[index].clone();
        finding_editor_ui(
            ui,
            map,
            &finding,
            index + 1,
            editable,
            state.show_zones,
            commands,
        );
        ui.separator();
    } else {
        ui.label(
            RichText::new(
                "Click a muscle on the map to chart a trigger point, or click a mark to edit it.",
            )
            .color(weak),
        );
        ui.separator();
    }

    ui.label(RichText::new(format!("Findings at this visit ({})", state.findings.len())).strong());
    if state.findings.is_empty() {
        ui.label(RichText::new("None yet.").color(weak));
    }
    for (i, finding) in state.findings.iter().enumerate() {
        let tenderness = finding
            .details
            .tenderness
            .map_or_else(String::new, |t| format!(" · tenderness {t}/10"));
        let text = format!(
            "{}. {} · {}{tenderness}",
            i + 1,
            finding_name(map, finding),
            finding.details.activity.label()
        );
        if ui
            .selectable_label(state.selected == Some(finding.id), text)
            .clicked()
        {
            state.selected = Some(finding.id);
            if finding.view != state.view {
                state.view.clone_from(&finding.view);
                state.viewport.reset();
            }
        }
    }
}

fn finding_editor_ui(
    ui: &mut Ui,
    map: &BodyMap,
    finding: &Finding,
    number: usize,
    editable: bool,
    zones_shown: bool,
    commands: &mut Vec<Command>,
) {
    let weak = theme::weak(ui.visuals());
    ui.label(
        RichText::new(format!("{number}. {}", finding_name(map, finding)))
            .strong()
            .size(15.0),
    );
    if let Some(muscle) = map.muscle_index(&finding.muscle).map(|i| &map.muscles[i]) {
        let refers = if muscle.refers_to.is_empty() {
            "The reference gives no referral pattern for this muscle.".to_string()
        } else {
            format!("Refers to: {}.", muscle.refers_to)
        };
        ui.label(RichText::new(refers).color(weak));
        if zones_shown && !muscle.refers_to.is_empty() {
            ui.label(
                RichText::new("Referral zones are shaded blue on the map.")
                    .small()
                    .color(weak),
            );
        }
    }
    let mut details = finding.details.clone();
    ui.add_enabled_ui(editable, |ui| {
        ui.horizontal(|ui| {
            ui.radio_value(&mut details.activity, Activity::Active, "Active");
            ui.radio_value(&mut details.activity, Activity::Latent, "Latent");
        });
        ui.checkbox(&mut details.taut_band, "Taut band");
        ui.checkbox(&mut details.twitch_response, "Local twitch response");
        ui.checkbox(
            &mut details.reproduces_headache,
            "Reproduces the familiar headache",
        );
        ui.checkbox(&mut details.referral_noted, "Referral noted");
        ui.horizontal(|ui| {
            let mut recorded = details.tenderness.is_some();
            ui.checkbox(&mut recorded, "Tenderness");
            let mut value = details.tenderness.unwrap_or(5);
            ui.add_enabled(
                recorded,
                egui::Slider::new(&mut value, 0..=10).suffix("/10"),
            );
            details.tenderness = recorded.then_some(value);
        });
        let label = ui.label("Note");
        ui.add(
            TextEdit::multiline(&mut details.note)
                .desired_rows(2)
                .desired_width(f32::INFINITY)
                .char_limit(crate::core::MAX_FINDING_NOTE_CHARS),
        )
        .labelled_by(label.id);
        if ui.button("Remove this finding").clicked() {
            commands.push(Command::RemoveFinding(finding.id));
        }
    });
    if details != finding.details {
        commands.push(Command::UpdateFinding {
            finding: finding.id,
            details,
        });
    }
}
