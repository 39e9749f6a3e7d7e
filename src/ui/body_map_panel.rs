//! The body map tab of a visit: the map, a searchable muscle list for
//! placing findings from the keyboard, the last visit's findings to confirm
//! or resolve, the editor of the selected finding, the visit's findings
//! table, and the pain drawing.

use egui::{RichText, TextEdit, Ui};

use super::{Command, theme};
use crate::body_map::figure::{self, PainPath};
use crate::body_map::widget::{
    self, BodyMapEvent, BodyMapWidget, Brush, MapMark, MarkStyle, Viewport,
};
use crate::body_map::{BodyMap, BodyPoint, View};
use crate::content::body_map::shipped;
use crate::core::Core;
use crate::core::model::{
    Activity, CarryForward, Finding, FindingId, MapPosition, PainKind, PainStroke, PainStrokeId,
    PriorState, VisitId, VisitStatus,
};

/// What a drag on the map does.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MapMode {
    #[default]
    TriggerPoints,
    PainDrawing,
}

/// One step Ctrl+Z takes back on the map.
#[derive(Clone, Debug, PartialEq)]
pub enum MapUndo {
    Added(FindingId),
    /// Findings of the last visit confirmed as persisting: the copies.
    Confirmed(Vec<FindingId>),
    Moved {
        finding: FindingId,
        from: BodyPoint,
    },
    Resolved(FindingId),
    Painted(PainStrokeId),
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
    /// The last visit's findings and what became of each.
    pub carry: Option<CarryForward>,
    pub pain: Vec<PainStroke>,
    pub mode: MapMode,
    pub brush: Brush,
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
            carry: None,
            pain: Vec::new(),
            mode: MapMode::default(),
            brush: Brush {
                kind: PainKind::Headache,
                intensity: 5,
                radius: 0.025,
            },
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
        match core.carry_forward(visit) {
            Ok(carry) => self.carry = carry,
            Err(err) => {
                tracing::error!(%err, %visit, "the last visit's findings could not be read");
            }
        }
        match core.store().pain_strokes(visit) {
            Ok(pain) => self.pain = pain,
            Err(err) => tracing::error!(%err, %visit, "the pain drawing could not be read"),
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

/// A finding as a map mark, `number` printed in it (0 for none).
#[must_use]
pub fn finding_mark(
    map: &BodyMap,
    finding: &Finding,
    number: usize,
    style: MarkStyle,
) -> Option<MapMark> {
    Some(MapMark {
        id: finding.id,
        muscle: map.muscle_index(&finding.muscle)?,
        side: finding.side,
        pos: BodyPoint::new(finding.position.x, finding.position.y),
        active: finding.details.activity == Activity::Active,
        number,
        style,
    })
}

/// The marks of `view`: the visit's findings, numbered as in the table,
/// and, while the visit can be changed, the last visit's findings not yet
/// confirmed or resolved, ghosted.
fn marks_for(
    map: &BodyMap,
    view: &View,
    state: &BodyMapPanelState,
    editable: bool,
) -> Vec<MapMark> {
    let mark = |f: &Finding, number: usize, style: MarkStyle| finding_mark(map, f, number, style);
    let ghosts = state
        .carry
        .iter()
        .flat_map(|c| &c.findings)
        .filter(|(f, s)| editable && *s == PriorState::Open && f.view == view.id)
        .filter_map(|(f, _)| mark(f, 0, MarkStyle::Ghost));
    let current = state
        .findings
        .iter()
        .enumerate()
        .filter(|(_, f)| f.view == view.id)
        .filter_map(|(i, f)| mark(f, i + 1, MarkStyle::Current));
    // Ghosts first, so that the visit's own marks are drawn over them.
    ghosts.chain(current).collect()
}

/// The pain strokes of `view`, as the map draws them.
#[must_use]
pub fn pain_paths(pain: &[PainStroke], view: &str) -> Vec<PainPath> {
    pain.iter()
        .filter(|p| p.view == view)
        .map(|p| PainPath {
            kind: p.kind,
            intensity: p.intensity,
            radius: p.radius,
            points: p.points.iter().map(|q| BodyPoint::new(q.x, q.y)).collect(),
        })
        .collect()
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
        ui.selectable_value(&mut state.mode, MapMode::TriggerPoints, "Trigger points");
        ui.selectable_value(&mut state.mode, MapMode::PainDrawing, "Pain drawing");
        ui.separator();
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
        if state.mode == MapMode::TriggerPoints {
            ui.checkbox(&mut state.show_zones, "Show referral zones");
        }
    });

    let Some(view) = map.view(&state.view).or_else(|| map.views.first()) else {
        return;
    };
    let marks = marks_for(map, view, state, editable);
    let pain = pain_paths(&state.pain, &view.id);
    let painting = state.mode == MapMode::PainDrawing;

    egui::Panel::right("body_map_side")
        .resizable(true)
        .default_size(300.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    if painting {
                        pain_panel_ui(ui, state, map, editable, commands);
                    } else {
                        side_panel_ui(ui, state, map, view, editable, commands);
                    }
                });
        });
    egui::CentralPanel::default().show(ui, |ui| {
        let height = ui.available_height() - 56.0;
        let highlight = state
            .selected
            .and_then(|id| state.findings.iter().find(|f| f.id == id))
            .and_then(|f| Some((map.muscle_index(&f.muscle)?, f.side)));
        let events = BodyMapWidget::new(map, view, &marks, &mut state.viewport)
            .selected(state.selected)
            .highlight(highlight)
            .show_zones(state.show_zones && !painting)
            .editable(editable)
            .pain(&pain)
            .painting(painting.then_some(state.brush))
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
                BodyMapEvent::Select(id) => {
                    let ghost = marks
                        .iter()
                        .any(|m| m.id == id && m.style == MarkStyle::Ghost);
                    if ghost && editable {
                        // One click on a ghost confirms it as persisting.
                        commands.push(Command::ConfirmFindings(vec![id]));
                    } else if !ghost {
                        state.selected = Some(id);
                    }
                }
                BodyMapEvent::Move { finding, from, to } => {
                    commands.push(Command::MoveFinding { finding, from, to });
                }
                BodyMapEvent::Paint(points) => commands.push(Command::AddPainStroke(PainStroke {
                    id: PainStrokeId(0),
                    visit_id: visit,
                    view: view.id.clone(),
                    kind: state.brush.kind,
                    intensity: state.brush.intensity,
                    radius: state.brush.radius,
                    points: points
                        .into_iter()
                        .map(|p| MapPosition { x: p.x, y: p.y })
                        .collect(),
                })),
            }
        }
        widget::legend_ui(
            ui,
            &figure::legend(&marks, &pain),
            !painting,
            state.show_zones && !painting,
        );
        if !editable {
            ui.label(
                RichText::new("This visit is signed: its findings are read only.")
                    .color(theme::weak(&visuals)),
            );
        }
    });
}

/// The pain drawing's controls: what is shaded, how strongly, with what
/// brush, and the strokes drawn so far.
fn pain_panel_ui(
    ui: &mut Ui,
    state: &mut BodyMapPanelState,
    map: &BodyMap,
    editable: bool,
    commands: &mut Vec<Command>,
) {
    let weak = theme::weak(ui.visuals());
    ui.label(RichText::new("Pain drawing").strong());
    if editable {
        ui.label(
            RichText::new(
                "Drag on the map to shade where the patient feels it. Ctrl+Z takes a stroke back.",
            )
            .color(weak),
        );
        ui.horizontal(|ui| {
            for kind in PainKind::ALL {
                ui.radio_value(&mut state.brush.kind, kind, kind.label());
            }
        });
        ui.horizontal(|ui| {
            let label = ui.label("Intensity");
            ui.add(egui::Slider::new(&mut state.brush.intensity, 1..=10).suffix("/10"))
                .labelled_by(label.id);
        });
        ui.horizontal(|ui| {
            let label = ui.label("Brush");
            for (name, radius) in [("Fine", 0.012), ("Medium", 0.025), ("Broad", 0.045)] {
                ui.radio_value(&mut state.brush.radius, radius, name)
                    .labelled_by(label.id);
            }
        });
        let (rect, _) =
            ui.allocate_exact_size(egui::vec2(ui.available_width(), 10.0), egui::Sense::hover());
        let [r, g, b, _] = figure::pain_colour(state.brush.kind, state.brush.intensity).0;
        ui.painter()
            .rect_filled(rect, 3.0, egui::Color32::from_rgb(r, g, b));
        ui.separator();
    }
    ui.label(RichText::new(format!("Shaded areas ({})", state.pain.len())).strong());
    if state.pain.is_empty() {
        ui.label(RichText::new("None yet.").color(weak));
    }
    for stroke in &state.pain {
        let view = map
            .view(&stroke.view)
            .map_or(stroke.view.as_str(), |v| v.name.as_str());
        ui.horizontal(|ui| {
            ui.label(format!(
                "{}, {}/10, {view} view",
                stroke.kind.label(),
                stroke.intensity
            ));
            if editable && ui.small_button("Remove").clicked() {
                commands.push(Command::RemovePainStroke(stroke.id));
            }
        });
    }
}

/// The last visit's findings, each to confirm as persisting or mark
/// resolved with one click.
fn carry_forward_ui(
    ui: &mut Ui,
    carry: &CarryForward,
    map: &BodyMap,
    editable: bool,
    commands: &mut Vec<Command>,
) {
    let weak = theme::weak(ui.visuals());
    let date = super::local_date(carry.previous_started_at);
    ui.label(RichText::new(format!("Since the last visit ({date})")).strong());
    let open: Vec<FindingId> = carry
        .findings
        .iter()
        .filter(|(_, s)| *s == PriorState::Open)
        .map(|(f, _)| f.id)
        .collect();
    if editable
        && open.len() > 1
        && ui
            .button(format!("All {} still there", open.len()))
            .clicked()
    {
        commands.push(Command::ConfirmFindings(open.clone()));
    }
    for (i, (finding, prior)) in carry.findings.iter().enumerate() {
        let tenderness = finding
            .details
            .tenderness
            .map_or_else(String::new, |t| format!(", {t}/10"));
        ui.label(format!(
            "{}. {} · {}{tenderness}",
            i + 1,
            finding_name(map, finding),
            finding.details.activity.label()
        ));
        ui.horizontal(|ui| {
            ui.add_space(14.0);
            match prior {
                PriorState::Open if editable => {
                    if ui
                        .small_button("Still there")
                        .on_hover_text("Confirm as persisting (or click its grey mark)")
                        .clicked()
                    {
                        commands.push(Command::ConfirmFindings(vec![finding.id]));
                    }
                    if ui.small_button("Resolved").clicked() {
                        commands.push(Command::ResolveFinding(finding.id));
                    }
                }
                PriorState::Open => {
                    ui.label(RichText::new("not re-examined").color(weak));
                }
                PriorState::Persisting(_) => {
                    ui.label(RichText::new("persisting").color(weak));
                }
                PriorState::Resolved => {
                    ui.label(RichText::new("resolved").color(weak));
                    if editable && ui.small_button("Undo").clicked() {
                        commands.push(Command::UnresolveFinding(finding.id));
                    }
                }
            }
        });
    }
    ui.separator();
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

    if let Some(carry) = state.carry.as_ref().filter(|c| !c.findings.is_empty()) {
        carry_forward_ui(ui, carry, map, editable, commands);
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
