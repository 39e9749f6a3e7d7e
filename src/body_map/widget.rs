//! The body map widget: draws one view through a single transform
//! (`ui_from_body`), names the muscle under the pointer, and reports what the
//! clinician did as [`BodyMapEvent`]s. It never touches the database; the app
//! turns the events into actions.

use egui::emath::RectTransform;
use egui::{Color32, Mesh, Pos2, Rect, Sense, Shape, Stroke, Ui, Vec2, pos2, vec2};

use super::figure::{self, PainPath, Rgba, colours};
pub use super::figure::{MapMark, MarkStyle};
use super::geometry::{BodyMap, BodyPoint, Hit, Side, View};
use crate::core::model::FindingId;

fn colour(rgba: Rgba) -> Color32 {
    let [red, green, blue, alpha] = rgba.0;
    Color32::from_rgba_unmultiplied(red, green, blue, alpha)
}

/// Draws one legend swatch into its square.
type DrawSwatch = Box<dyn Fn(&egui::Painter, Rect)>;

/// What the clinician did on the map this frame.
#[derive(Clone, Debug, PartialEq)]
pub enum BodyMapEvent {
    /// A click on a muscle: place a finding there.
    Place { hit: Hit, pos: BodyPoint },
    /// A click on a mark.
    Select(FindingId),
    /// A mark was dragged and let go: one undo step.
    Move {
        finding: FindingId,
        from: BodyPoint,
        to: BodyPoint,
    },
    /// A pain-drawing stroke was finished (a click gives a single point).
    Paint(Vec<BodyPoint>),
}

/// Zoom, pan and an ongoing drag: kept by the caller between frames.
#[derive(Clone, Debug, PartialEq)]
pub struct Viewport {
    pub zoom: f32,
    /// Offset of the picture in points, after zooming.
    pub pan: Vec2,
    drag: Option<(FindingId, BodyPoint, BodyPoint)>,
    /// The pain stroke being drawn.
    stroke: Vec<BodyPoint>,
}

impl Default for Viewport {
    fn default() -> Self {
        Viewport {
            zoom: 1.0,
            pan: Vec2::ZERO,
            drag: None,
            stroke: Vec::new(),
        }
    }
}

impl Viewport {
    pub const MIN_ZOOM: f32 = 1.0;
    pub const MAX_ZOOM: f32 = 6.0;

    pub fn reset(&mut self) {
        *self = Viewport::default();
    }

    /// Zooms by `factor` keeping `anchor` (a screen point inside `rect`) still.
    pub fn zoom_by(&mut self, factor: f32, anchor: Pos2, rect: Rect) {
        let old = self.zoom;
        self.zoom = (self.zoom * factor).clamp(Self::MIN_ZOOM, Self::MAX_ZOOM);
        let applied = self.zoom / old;
        let from_origin = anchor - (rect.min + self.pan);
        self.pan += from_origin - from_origin * applied;
        self.clamp_pan(rect);
    }

    fn clamp_pan(&mut self, rect: Rect) {
        let extra = rect.size() * (self.zoom - 1.0);
        self.pan.x = self.pan.x.clamp(-extra.x, 0.0);
        self.pan.y = self.pan.y.clamp(-extra.y, 0.0);
    }
}

/// The colours of the map: the light theme's are the printed figure's.
struct Palette {
    skin: Color32,
    outline: Stroke,
    landmark: Stroke,
    muscle: Color32,
    muscle_hover: Color32,
    muscle_selected: Color32,
    region_edge: Stroke,
    zone: Color32,
    zone_edge: Stroke,
}

impl Palette {
    fn for_visuals(dark: bool) -> Palette {
        let (skin, outline, landmark) = if dark {
            (
                Color32::from_rgb(96, 84, 76),
                Color32::from_rgb(200, 180, 165),
                Color32::from_rgb(150, 132, 120),
            )
        } else {
            (
                colour(colours::SKIN),
                colour(colours::OUTLINE),
                colour(colours::LANDMARK),
            )
        };
        Palette {
            skin,
            outline: Stroke::new(1.5, outline),
            landmark: Stroke::new(0.8, landmark),
            muscle: colour(colours::MUSCLE),
            muscle_hover: Color32::from_rgba_unmultiplied(210, 70, 60, 160),
            muscle_selected: Color32::from_rgba_unmultiplied(215, 55, 45, 210),
            region_edge: Stroke::new(0.8, colour(colours::MUSCLE_EDGE)),
            zone: colour(colours::ZONE),
            zone_edge: Stroke::new(1.0, colour(colours::ZONE_EDGE)),
        }
    }
}

/// Radius of a finding mark, in points.
const MARK_RADIUS: f32 = 9.0;

/// A reusable body map: `BodyMapWidget::new(map, view, marks, &mut viewport).show(ui)`.
pub struct BodyMapWidget<'a> {
    map: &'a BodyMap,
    view: &'a View,
    marks: &'a [MapMark],
    viewport: &'a mut Viewport,
    selected: Option<FindingId>,
    show_zones: bool,
    editable: bool,
    max_height: f32,
    pain: &'a [PainPath],
    brush: Option<Brush>,
    highlight: Option<(usize, Side)>,
}

/// The pain-drawing brush: while one is set, dragging shades instead of
/// placing and moving trigger points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Brush {
    pub kind: crate::core::model::PainKind,
    pub intensity: u8,
    /// Half the brush width, in body units.
    pub radius: f32,
}

impl<'a> BodyMapWidget<'a> {
    #[must_use]
    pub fn new(
        map: &'a BodyMap,
        view: &'a View,
        marks: &'a [MapMark],
        viewport: &'a mut Viewport,
    ) -> Self {
        BodyMapWidget {
            map,
            view,
            marks,
            viewport,
            selected: None,
            show_zones: false,
            editable: true,
            max_height: f32::INFINITY,
            pain: &[],
            brush: None,
            highlight: None,
        }
    }

    /// Shades this muscle and side (and its referral zones, when shown) as
    /// the selected finding's, whichever view the finding was placed on.
    #[must_use]
    pub fn highlight(mut self, muscle_and_side: Option<(usize, Side)>) -> Self {
        self.highlight = muscle_and_side;
        self
    }

    /// The visit's pain drawing, drawn under the marks.
    #[must_use]
    pub fn pain(mut self, pain: &'a [PainPath]) -> Self {
        self.pain = pain;
        self
    }

    /// Switches to pain drawing with this brush (`None`: trigger points).
    #[must_use]
    pub fn painting(mut self, brush: Option<Brush>) -> Self {
        self.brush = brush;
        self
    }

    /// The finding drawn as selected; its muscle is shaded.
    #[must_use]
    pub fn selected(mut self, selected: Option<FindingId>) -> Self {
        self.selected = selected;
        self
    }

    /// Draws the referral zones of the selected finding's muscle.
    #[must_use]
    pub fn show_zones(mut self, show: bool) -> Self {
        self.show_zones = show;
        self
    }

    /// False for a signed visit: marks can be selected but not placed or moved.
    #[must_use]
    pub fn editable(mut self, editable: bool) -> Self {
        self.editable = editable;
        self
    }

    /// The tallest the picture may be, in points.
    #[must_use]
    pub fn max_height(mut self, height: f32) -> Self {
        self.max_height = height;
        self
    }

    /// Draws the map and returns what happened.
    pub fn show(mut self, ui: &mut Ui) -> Vec<BodyMapEvent> {
        let mut events = Vec::new();
        let width = ui
            .available_width()
            .min(self.max_height / self.view.aspect)
            .max(120.0);
        let size = vec2(width, width * self.view.aspect);
        let (rect, response) = ui.allocate_exact_size(size, Sense::click_and_drag());
        let view_name = self.view.name.clone();
        response.widget_info(|| {
            egui::WidgetInfo::labeled(
                egui::Role::Image,
                true,
                format!("Body map, {view_name} view"),
            )
        });

        // Zoom with Ctrl+wheel or a pinch, pan with the wheel while zoomed.
        if response.hovered() {
            let (zoom, scroll, pointer) =
                ui.input(|i| (i.zoom_delta(), i.smooth_scroll_delta, i.pointer.hover_pos()));
            if (zoom - 1.0).abs() > f32::EPSILON
                && let Some(anchor) = pointer
            {
                self.viewport.zoom_by(zoom, anchor, rect);
            } else if self.viewport.zoom > 1.0 && scroll != Vec2::ZERO {
                self.viewport.pan += scroll;
                self.viewport.clamp_pan(rect);
            }
        }
        let ui_from_body = ui_from_body(rect, self.view.aspect, self.viewport);
        let body_from_ui = ui_from_body.inverse();
        let to_body = |p: Pos2| {
            let b = body_from_ui.transform_pos(p);
            BodyPoint::new(b.x, b.y)
        };

        let hover_hit = response
            .hover_pos()
            .map(to_body)
            .and_then(|p| self.view.hit_test(p));
        // The selected finding's muscle, even when the finding sits on
        // another view: its referral zones matter most on the head views.
        let highlighted = self.highlight.or_else(|| {
            self.marks
                .iter()
                .find(|m| Some(m.id) == self.selected)
                .map(|m| (m.muscle, m.side))
        });

        let palette = Palette::for_visuals(ui.visuals().dark_mode);
        let painter = ui.painter_at(rect);
        painter.rect_filled(rect, 4.0, ui.visuals().extreme_bg_color);
        painter.add(filled(
            &self.view.outline,
            &self.view.outline_triangles,
            palette.skin,
            &ui_from_body,
        ));
        for region in &self.view.regions {
            let is = |m: Option<(usize, Side)>| m == Some((region.muscle, region.side));
            let fill = if is(highlighted) {
                palette.muscle_selected
            } else if is(hover_hit.map(|h| (h.muscle, h.side))) {
                palette.muscle_hover
            } else {
                palette.muscle
            };
            painter.add(filled(
                &region.polygon,
                &region.triangles,
                fill,
                &ui_from_body,
            ));
        }
        let body_scale = ui_from_body.scale().x;
        let in_progress = self
            .brush
            .filter(|_| !self.viewport.stroke.is_empty())
            .map(|b| PainPath {
                kind: b.kind,
                intensity: b.intensity,
                radius: b.radius,
                points: self.viewport.stroke.clone(),
            });
        for path in self.pain.iter().chain(&in_progress) {
            paint_pain(&painter, path, &ui_from_body, body_scale);
        }
        for region in &self.view.regions {
            stroke_edges(
                &painter,
                &screen(&region.polygon, &ui_from_body),
                palette.region_edge,
            );
        }
        for landmark in &self.view.landmarks {
            let points = screen(&landmark.points, &ui_from_body);
            painter.add(if landmark.closed {
                Shape::closed_line(points, palette.landmark)
            } else {
                Shape::line(points, palette.landmark)
            });
        }
        painter.add(Shape::closed_line(
            screen(&self.view.outline, &ui_from_body),
            palette.outline,
        ));
        if self.show_zones
            && let Some((muscle, side)) = highlighted
        {
            for zone in self
                .view
                .zones
                .iter()
                .filter(|z| z.muscle == muscle && z.side == side)
            {
                painter.add(filled(
                    &zone.polygon,
                    &zone.triangles,
                    palette.zone,
                    &ui_from_body,
                ));
                stroke_edges(
                    &painter,
                    &screen(&zone.polygon, &ui_from_body),
                    palette.zone_edge,
                );
            }
        }

        // Marks: each one is its own AccessKit node, clickable and draggable.
        let mut mark_taken_pointer = false;
        let mut mark_mesh = MarkMesh::new(self.marks.len());
        let mut numbers = Vec::with_capacity(self.marks.len());
        let mut selected_centre = None;
        for mark in self.marks {
            let dragging = self.viewport.drag.filter(|(id, _, _)| *id == mark.id);
            let pos_in_body = dragging.map_or(mark.pos, |(_, _, now)| now);
            let centre = ui_from_body.transform_pos(pos2(pos_in_body.x, pos_in_body.y));
            if !rect.contains(centre) {
                continue;
            }
            let mark_rect = Rect::from_center_size(centre, Vec2::splat(MARK_RADIUS * 2.2));
            let sense = if self.brush.is_some() {
                // Painting goes through the marks to the map below.
                Sense::hover()
            } else if self.editable && mark.style == MarkStyle::Current {
                Sense::click_and_drag()
            } else {
                Sense::click()
            };
            let mark_response = ui.interact(mark_rect, response.id.with(mark.id.0), sense);
            // The label is built only when a screen reader (or a test) asks.
            mark_response.widget_info(|| {
                egui::WidgetInfo::selected(
                    egui::Role::Button,
                    true,
                    Some(mark.id) == self.selected,
                    self.mark_label(mark),
                )
            });
            if self.brush.is_none() && (mark_response.hovered() || mark_response.dragged()) {
                mark_taken_pointer = true;
            }
            if mark_response.clicked() {
                events.push(BodyMapEvent::Select(mark.id));
            }
            if self.editable && self.brush.is_none() && mark.style == MarkStyle::Current {
                if mark_response.drag_started() {
                    self.viewport.drag = Some((mark.id, mark.pos, mark.pos));
                }
                if mark_response.dragged()
                    && let (Some((id, from, _)), Some(pointer)) =
                        (self.viewport.drag, mark_response.interact_pointer_pos())
                    && id == mark.id
                {
                    let to = self.view.clamp(to_body(pointer));
                    self.viewport.drag = Some((id, from, to));
                }
                if mark_response.drag_stopped()
                    && let Some((id, from, to)) = self.viewport.drag.take()
                    && id == mark.id
                    && from != to
                {
                    events.push(BodyMapEvent::Move {
                        finding: id,
                        from,
                        to,
                    });
                }
            }
            let (fill, ring, text) = figure::mark_colours(mark.style, mark.active);
            let (fill, ring, text) = (colour(fill), colour(ring), colour(text));
            mark_mesh.add(centre, MARK_RADIUS + 1.0, 2.0, fill, ring);
            if mark.number > 0 {
                numbers.push((centre, mark.number, text));
            }
            if Some(mark.id) == self.selected {
                selected_centre = Some(centre);
            }
        }
        painter.add(Shape::mesh(mark_mesh.mesh));
        let number_font = egui::FontId::proportional(11.0);
        for (centre, number, colour) in numbers {
            painter.text(
                centre,
                egui::Align2::CENTER_CENTER,
                number.to_string(),
                number_font.clone(),
                colour,
            );
        }
        if let Some(centre) = selected_centre {
            painter.circle_stroke(
                centre,
                MARK_RADIUS + 4.0,
                Stroke::new(2.5, ui.visuals().selection.stroke.color),
            );
        }

        if self.editable
            && let Some(brush) = self.brush
        {
            self.paint_input(&response, brush, &to_body, &mut events);
        } else if self.editable
            && !mark_taken_pointer
            && response.clicked()
            && let Some(pointer) = response.interact_pointer_pos()
        {
            let pos = to_body(pointer);
            if let Some(hit) = self.view.hit_test(pos) {
                events.push(BodyMapEvent::Place { hit, pos });
            }
        }
        if let Some(hit) = hover_hit
            && !mark_taken_pointer
        {
            let name = format!(
                "{}, {}",
                self.map.muscles[hit.muscle].name,
                hit.side.label()
            );
            response.on_hover_text_at_pointer(name);
        }
        events
    }

    /// Turns drags on the map into pain strokes: points are kept on the body
    /// and at least a third of the brush apart, so a long stroke stays small.
    fn paint_input(
        &mut self,
        response: &egui::Response,
        brush: Brush,
        to_body: &dyn Fn(Pos2) -> BodyPoint,
        events: &mut Vec<BodyMapEvent>,
    ) {
        let pointer = response.interact_pointer_pos().map(to_body);
        let on_body = pointer.filter(|p| self.view.is_on_body(*p));
        if response.drag_started() {
            self.viewport.stroke.clear();
        }
        if (response.dragged() || response.drag_started())
            && let Some(p) = on_body
        {
            let far_enough = self
                .viewport
                .stroke
                .last()
                .is_none_or(|last| (last.x - p.x).hypot(last.y - p.y) >= brush.radius / 3.0);
            if far_enough {
                self.viewport.stroke.push(p);
            }
        }
        if response.drag_stopped() && !self.viewport.stroke.is_empty() {
            events.push(BodyMapEvent::Paint(std::mem::take(
                &mut self.viewport.stroke,
            )));
        } else if response.clicked()
            && let Some(p) = on_body
        {
            events.push(BodyMapEvent::Paint(vec![p]));
        }
    }

    fn mark_label(&self, mark: &MapMark) -> String {
        let mut label = format!(
            "{}, {}, {}",
            self.map.muscles[mark.muscle].name,
            mark.side.label(),
            if mark.active { "active" } else { "latent" }
        );
        if let Some(status) = mark.style.label() {
            label.push_str(", ");
            label.push_str(status);
        }
        label
    }
}

/// The one transform from body coordinates to the screen.
#[must_use]
pub fn ui_from_body(rect: Rect, aspect: f32, viewport: &Viewport) -> RectTransform {
    let body = Rect::from_min_size(Pos2::ZERO, vec2(1.0, aspect));
    let screen = Rect::from_min_size(rect.min + viewport.pan, rect.size() * viewport.zoom);
    RectTransform::from_to(body, screen)
}

fn screen(points: &[BodyPoint], ui_from_body: &RectTransform) -> Vec<Pos2> {
    points
        .iter()
        .map(|p| ui_from_body.transform_pos(pos2(p.x, p.y)))
        .collect()
}

/// Strokes a polygon edge by edge. A joined path would put a long miter spike
/// where a region's border doubles back on itself.
fn stroke_edges(painter: &egui::Painter, points: &[Pos2], stroke: Stroke) {
    for (i, a) in points.iter().enumerate() {
        let b = points[(i + 1) % points.len()];
        painter.line_segment([*a, b], stroke);
    }
}

fn filled(
    points: &[BodyPoint],
    triangles: &[u32],
    color: Color32,
    ui_from_body: &RectTransform,
) -> Shape {
    let mut mesh = Mesh::default();
    for p in screen(points, ui_from_body) {
        mesh.colored_vertex(p, color);
    }
    for t in triangles.chunks_exact(3) {
        mesh.add_triangle(t[0], t[1], t[2]);
    }
    Shape::mesh(mesh)
}

/// A pain stroke: a thick line with round ends, in one opaque colour.
fn paint_pain(painter: &egui::Painter, path: &PainPath, ui_from_body: &RectTransform, scale: f32) {
    let fill = colour(figure::pain_colour(path.kind, path.intensity));
    let radius = path.radius * scale;
    let points = screen(&path.points, ui_from_body);
    for end in [points.first(), points.last()].into_iter().flatten() {
        painter.circle_filled(*end, radius, fill);
    }
    if points.len() > 1 {
        painter.add(Shape::line(points, Stroke::new(radius * 2.0, fill)));
    }
}

/// Points around a unit circle: smooth at the largest zoom we allow.
const MARK_SEGMENTS: usize = 20;

/// All marks go into one mesh: a filled disc, a ring, and a one-point
/// feather on each edge for anti-aliasing. Painting 500 marks as separate
/// circle shapes costs several times more in tessellation and allocation.
struct MarkMesh {
    mesh: Mesh,
    unit: [Vec2; MARK_SEGMENTS],
}

impl MarkMesh {
    fn new(marks: usize) -> MarkMesh {
        let mut mesh = Mesh::default();
        mesh.reserve_vertices(marks * (1 + 4 * MARK_SEGMENTS));
        mesh.reserve_triangles(marks * 7 * MARK_SEGMENTS);
        #[allow(clippy::cast_precision_loss)] // a small count
        let step = std::f32::consts::TAU / MARK_SEGMENTS as f32;
        #[allow(clippy::cast_precision_loss)]
        let unit = std::array::from_fn(|i| Vec2::angled(step * i as f32));
        MarkMesh { mesh, unit }
    }

    /// A disc of `fill` inside a ring of `ring`; `radius` is to the outer
    /// edge of the ring, in points.
    fn add(&mut self, centre: Pos2, radius: f32, ring_width: f32, fill: Color32, ring: Color32) {
        let n = u32::try_from(MARK_SEGMENTS).unwrap_or(u32::MAX);
        let mesh = &mut self.mesh;
        let base = u32::try_from(mesh.vertices.len()).unwrap_or(u32::MAX);
        let inner = radius - ring_width;
        mesh.colored_vertex(centre, fill);
        // Four circles: fill edge, ring start, ring end, feather.
        let circles = [
            (inner - 0.5, fill),
            (inner + 0.5, ring),
            (radius - 0.5, ring),
            (radius + 0.5, Color32::TRANSPARENT),
        ];
        for (r, colour) in circles {
            for u in &self.unit {
                mesh.colored_vertex(centre + *u * r, colour);
            }
        }
        let circle = |c: u32, i: u32| base + 1 + c * n + (i % n);
        for i in 0..n {
            mesh.add_triangle(base, circle(0, i), circle(0, i + 1));
            for c in 0..3 {
                mesh.add_triangle(circle(c, i), circle(c + 1, i), circle(c + 1, i + 1));
                mesh.add_triangle(circle(c, i), circle(c + 1, i + 1), circle(c, i + 1));
            }
        }
    }
}

/// The legend under the map: the figure's rows (the marks and pain areas
/// shown, or the two kinds of trigger point when none is), then the shading.
pub fn legend_ui(ui: &mut Ui, rows: &[figure::LegendRow], show_selection: bool, show_zones: bool) {
    let palette = Palette::for_visuals(ui.visuals().dark_mode);
    let swatch = |ui: &mut Ui, draw: &dyn Fn(&egui::Painter, Rect), text: &str| {
        let (rect, _) = ui.allocate_exact_size(vec2(18.0, 18.0), Sense::hover());
        draw(ui.painter(), rect);
        ui.label(text);
    };
    let defaults;
    let rows = if rows.is_empty() {
        let (fill, ring, _) = figure::mark_colours(MarkStyle::Current, true);
        let (latent_fill, latent_ring, _) = figure::mark_colours(MarkStyle::Current, false);
        defaults = [
            figure::LegendRow {
                swatch: figure::Swatch::Marker { fill, ring },
                text: "Active trigger point".into(),
            },
            figure::LegendRow {
                swatch: figure::Swatch::Marker {
                    fill: latent_fill,
                    ring: latent_ring,
                },
                text: "Latent trigger point".into(),
            },
        ];
        &defaults[..]
    } else {
        rows
    };
    // Two columns of whole entries, so that no entry is split by wrapping.
    let mut entries: Vec<(DrawSwatch, String)> = rows
        .iter()
        .map(|row| {
            let swatch = row.swatch.clone();
            let draw: DrawSwatch = Box::new(move |p, r| match swatch {
                figure::Swatch::Marker { fill, ring } => {
                    p.circle(
                        r.center(),
                        7.0,
                        colour(fill),
                        Stroke::new(2.0, colour(ring)),
                    );
                }
                figure::Swatch::Area(fill) => {
                    p.rect_filled(r.shrink(2.0), 2.0, colour(fill));
                }
            });
            (draw, row.text.clone())
        })
        .collect();
    let selected = palette.muscle_selected;
    if show_selection {
        entries.push((
            Box::new(move |p, r| {
                p.rect_filled(r.shrink(2.0), 2.0, selected);
            }),
            "Muscle of the selected point".into(),
        ));
    }
    if show_selection && show_zones {
        let zone = palette.zone;
        entries.push((
            Box::new(move |p, r| {
                p.rect_filled(r.shrink(2.0), 2.0, zone);
            }),
            "Its referral zones".into(),
        ));
    }
    egui::Grid::new("body_map_legend")
        .num_columns(2)
        .spacing(vec2(16.0, 2.0))
        .show(ui, |ui| {
            for (i, (draw, text)) in entries.iter().enumerate() {
                ui.horizontal(|ui| swatch(ui, draw.as_ref(), text));
                if i % 2 == 1 {
                    ui.end_row();
                }
            }
        });
}
