//! Turns a laid-out [`Document`] into PDF bytes with printpdf: text in the
//! embedded fonts, rules and boxes, the body map figure's vector primitives
//! and the SVG illustrations as vector paths. The only printpdf user.

use std::collections::HashMap;

use printpdf::{
    Color, ExtendedGraphicsState, ExtendedGraphicsStateId, FontId, Line, LineCapStyle,
    LineJoinStyle, LinePoint, Mm, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Polygon, PolygonRing, Pt, Rgb, TextItem, TextMatrix, WindingOrder,
};

use super::fonts::{MM_PER_PT, fonts};
use super::layout::{Document, Item};
use crate::body_map::figure::{PointMm, Primitive, Rgba};

struct Painter<'a> {
    ops: Vec<Op>,
    width_mm: f32,
    height_mm: f32,
    regular: &'a FontId,
    bold: &'a FontId,
    doc: &'a mut PdfDocument,
    alphas: &'a mut HashMap<u8, ExtendedGraphicsStateId>,
}

fn colour(c: Rgba) -> Color {
    let [r, g, b, _] = c.0;
    Color::Rgb(Rgb {
        r: f32::from(r) / 255.0,
        g: f32::from(g) / 255.0,
        b: f32::from(b) / 255.0,
        icc_profile: None,
    })
}

impl Painter<'_> {
    /// A point given in millimetres from the top-left corner.
    fn point(&self, x_mm: f32, y_mm: f32) -> Point {
        Point::new(Mm(x_mm), Mm(self.height_mm - y_mm))
    }

    fn with_alpha(&mut self, alpha: u8, draw: impl FnOnce(&mut Self)) {
        if alpha == 255 {
            draw(self);
            return;
        }
        let id = if let Some(id) = self.alphas.get(&alpha) {
            id.clone()
        } else {
            let state =
                ExtendedGraphicsState::default().with_current_fill_alpha(f32::from(alpha) / 255.0);
            let id = self.doc.add_graphics_state(state);
            self.alphas.insert(alpha, id.clone());
            id
        };
        self.ops.push(Op::SaveGraphicsState);
        self.ops.push(Op::LoadGraphicsState { gs: id });
        draw(self);
        self.ops.push(Op::RestoreGraphicsState);
    }

    fn text(&mut self, x_mm: f32, y_mm: f32, size_pt: f32, bold: bool, c: Rgba, text: &str) {
        let font = if bold { self.bold } else { self.regular };
        let pos = self.point(x_mm, y_mm);
        self.ops.extend([
            Op::StartTextSection,
            Op::SetFont {
                font: PdfFontHandle::External(font.clone()),
                size: Pt(size_pt),
            },
            Op::SetFillColor { col: colour(c) },
            Op::SetTextCursor { pos },
            Op::ShowText {
                items: vec![TextItem::Text(text.to_string())],
            },
            Op::EndTextSection,
        ]);
    }

    fn stroke_style(&mut self, c: Rgba, width_mm: f32) {
        self.ops.extend([
            Op::SetOutlineColor { col: colour(c) },
            Op::SetOutlineThickness {
                pt: Pt(width_mm / MM_PER_PT),
            },
            Op::SetLineCapStyle {
                cap: LineCapStyle::Round,
            },
            Op::SetLineJoinStyle {
                join: LineJoinStyle::Round,
            },
        ]);
    }

    fn polyline(&mut self, points: &[(f32, f32)], c: Rgba, width_mm: f32, closed: bool) {
        if points.is_empty() {
            return;
        }
        self.stroke_style(c, width_mm);
        let mut line_points: Vec<LinePoint> = points
            .iter()
            .map(|&(x, y)| LinePoint {
                p: self.point(x, y),
                bezier: false,
            })
            .collect();
        if line_points.len() == 1 {
            // A dot: a zero-length line with round caps.
            line_points.push(line_points[0].clone());
        }
        self.ops.push(Op::DrawLine {
            line: Line {
                points: line_points,
                is_closed: closed,
            },
        });
    }

    fn polygon(
        &mut self,
        rings: Vec<Vec<LinePoint>>,
        fill: Option<Rgba>,
        stroke: Option<(Rgba, f32)>,
    ) {
        let mode = match (fill, stroke) {
            (Some(_), Some(_)) => PaintMode::FillStroke,
            (Some(_), None) => PaintMode::Fill,
            (None, Some(_)) => PaintMode::Stroke,
            (None, None) => return,
        };
        if let Some(f) = fill {
            self.ops.push(Op::SetFillColor { col: colour(f) });
        }
        if let Some((s, w)) = stroke {
            self.stroke_style(s, w);
        }
        let polygon = Polygon {
            rings: rings
                .into_iter()
                .map(|points| PolygonRing { points })
                .collect(),
            mode,
            winding_order: WindingOrder::NonZero,
        };
        let alpha = fill.map_or(255, |f| f.0[3]);
        self.with_alpha(alpha, |p| p.ops.push(Op::DrawPolygon { polygon }));
    }

    fn ring(&self, points: &[(f32, f32)]) -> Vec<LinePoint> {
        points
            .iter()
            .map(|&(x, y)| LinePoint {
                p: self.point(x, y),
                bezier: false,
            })
            .collect()
    }

    fn item(&mut self, item: &Item) {
        match item {
            Item::Text {
                x_mm,
                y_mm,
                size_pt,
                bold,
                colour: c,
                text,
            } => self.text(*x_mm, *y_mm, *size_pt, *bold, *c, text),
            Item::Line {
                from,
                to,
                width_mm,
                colour: c,
            } => self.polyline(&[*from, *to], *c, *width_mm, false),
            Item::Rect {
                x_mm,
                y_mm,
                w_mm,
                h_mm,
                fill,
                stroke,
            } => {
                let corners = [
                    (*x_mm, *y_mm),
                    (x_mm + w_mm, *y_mm),
                    (x_mm + w_mm, y_mm + h_mm),
                    (*x_mm, y_mm + h_mm),
                ];
                let ring = self.ring(&corners);
                self.polygon(vec![ring], *fill, *stroke);
            }
            Item::Figure { x_mm, y_mm, figure } => self.figure(*x_mm, *y_mm, figure),
            Item::Image {
                x_mm,
                y_mm,
                w_mm,
                h_mm,
                bytes,
            } => self.image(*x_mm, *y_mm, *w_mm, *h_mm, bytes),
            Item::Svg {
                x_mm,
                y_mm,
                w_mm,
                h_mm,
                svg,
            } => self.svg(*x_mm, *y_mm, *w_mm, *h_mm, svg),
            Item::Watermark { text } => {
                let (width, height) = (self.width_mm, self.height_mm);
                let size_pt = 96.0;
                let text_w = fonts().width_mm(text, size_pt, true);
                // Diagonal across the middle of the page.
                let angle: f32 = 35.0;
                let (sin, cos) = angle.to_radians().sin_cos();
                let cx = width / 2.0;
                let cy = height / 2.0;
                let x = cx - cos * text_w / 2.0;
                let y_up = (height - cy) - sin * text_w / 2.0;
                let faint = Rgba([200, 40, 40, 40]);
                let regular = self.bold.clone();
                self.with_alpha(faint.0[3], |p| {
                    p.ops.extend([
                        Op::StartTextSection,
                        Op::SetFont {
                            font: PdfFontHandle::External(regular),
                            size: Pt(size_pt),
                        },
                        Op::SetFillColor { col: colour(faint) },
                        Op::SetTextMatrix {
                            matrix: TextMatrix::TranslateRotate(
                                Mm(x).into(),
                                Mm(y_up).into(),
                                angle,
                            ),
                        },
                        Op::ShowText {
                            items: vec![TextItem::Text(text.clone())],
                        },
                        Op::EndTextSection,
                    ]);
                });
            }
        }
    }

    /// A PNG or JPEG fitted into the box; one that does not decode is left
    /// out with a warning rather than failing the document.
    fn image(&mut self, x0: f32, y0: f32, w: f32, h: f32, bytes: &[u8]) {
        let image = match printpdf::RawImage::decode_from_bytes(bytes, &mut Vec::new()) {
            Ok(image) => image,
            Err(err) => {
                tracing::warn!(%err, "the clinic logo could not be read");
                return;
            }
        };
        #[allow(clippy::cast_precision_loss)] // image sizes in pixels
        let (px_w, px_h) = (image.width.max(1) as f32, image.height.max(1) as f32);
        // At 72 dpi one pixel is one point; scale that to the box.
        let natural_w = px_w * MM_PER_PT;
        let natural_h = px_h * MM_PER_PT;
        let scale = (w / natural_w).min(h / natural_h);
        let drawn_h = natural_h * scale;
        let id = self.doc.add_image(&image);
        // The image origin is its bottom-left corner, centred in the box.
        let origin = self.point(x0, y0 + f32::midpoint(h, drawn_h));
        self.ops.push(Op::UseXobject {
            id,
            transform: printpdf::XObjectTransform {
                translate_x: Some(origin.x),
                translate_y: Some(origin.y),
                rotate: None,
                scale_x: Some(scale),
                scale_y: Some(scale),
                dpi: Some(72.0),
                no_auto_scale: false,
            },
        });
    }

    fn figure(&mut self, x0: f32, y0: f32, figure: &crate::body_map::figure::Figure) {
        let at = |p: &PointMm| (x0 + p.x_mm, y0 + p.y_mm);
        for primitive in &figure.primitives {
            match primitive {
                Primitive::Polygon {
                    points,
                    fill,
                    stroke,
                } => {
                    let pts: Vec<(f32, f32)> = points.iter().map(at).collect();
                    if fill.is_none()
                        && let Some((c, w)) = stroke
                    {
                        self.polyline(&pts, *c, *w, true);
                    } else {
                        let ring = self.ring(&pts);
                        self.polygon(vec![ring], *fill, *stroke);
                    }
                }
                Primitive::Polyline {
                    points,
                    colour: c,
                    width_mm,
                } => {
                    let pts: Vec<(f32, f32)> = points.iter().map(at).collect();
                    self.polyline(&pts, *c, *width_mm, false);
                }
                Primitive::Marker {
                    centre,
                    radius_mm,
                    fill,
                    ring,
                    ring_width_mm,
                    text,
                    text_colour,
                    text_size_pt,
                } => {
                    let (cx, cy) = at(centre);
                    let circle: Vec<(f32, f32)> = (0..24)
                        .map(|i| {
                            #[allow(clippy::cast_precision_loss)]
                            let a = i as f32 / 24.0 * std::f32::consts::TAU;
                            (cx + radius_mm * a.cos(), cy + radius_mm * a.sin())
                        })
                        .collect();
                    let ring_points = self.ring(&circle);
                    self.polygon(
                        vec![ring_points],
                        Some(*fill),
                        Some((*ring, *ring_width_mm)),
                    );
                    if !text.is_empty() {
                        let w = fonts().width_mm(text, *text_size_pt, true);
                        let baseline = cy + text_size_pt * MM_PER_PT * 0.36;
                        self.text(
                            cx - w / 2.0,
                            baseline,
                            *text_size_pt,
                            true,
                            *text_colour,
                            text,
                        );
                    }
                }
            }
        }
    }

    /// An SVG drawn as vector paths, scaled to fit the box and centred.
    fn svg(&mut self, x0: f32, y0: f32, w: f32, h: f32, svg: &str) {
        let Ok(tree) = usvg::Tree::from_str(svg, &usvg::Options::default()) else {
            tracing::warn!("an illustration could not be read");
            return;
        };
        let size = tree.size();
        let scale = (w / size.width()).min(h / size.height());
        let ox = x0 + (w - size.width() * scale) / 2.0;
        let oy = y0 + (h - size.height() * scale) / 2.0;
        self.svg_group(tree.root(), scale, ox, oy);
    }

    fn svg_group(&mut self, group: &usvg::Group, scale: f32, ox: f32, oy: f32) {
        for node in group.children() {
            match node {
                usvg::Node::Group(g) => self.svg_group(g, scale, ox, oy),
                usvg::Node::Path(path) => self.svg_path(path, scale, ox, oy),
                usvg::Node::Image(_) | usvg::Node::Text(_) => {}
            }
        }
    }

    fn svg_path(&mut self, path: &usvg::Path, scale: f32, ox: f32, oy: f32) {
        let t = path.abs_transform();
        let map = |p: usvg::tiny_skia_path::Point| {
            let x = t.sx * p.x + t.kx * p.y + t.tx;
            let y = t.ky * p.x + t.sy * p.y + t.ty;
            (ox + x * scale, oy + y * scale)
        };
        let mut rings: Vec<Vec<LinePoint>> = Vec::new();
        let mut current: Vec<LinePoint> = Vec::new();
        let mut closed = false;
        let mut last = (0.0, 0.0);
        let point = |p: (f32, f32), bezier: bool, this: &Self| LinePoint {
            p: this.point(p.0, p.1),
            bezier,
        };
        for segment in path.data().segments() {
            use usvg::tiny_skia_path::PathSegment as S;
            match segment {
                S::MoveTo(p) => {
                    if current.len() > 1 {
                        rings.push(std::mem::take(&mut current));
                    }
                    current.clear();
                    last = map(p);
                    current.push(point(last, false, self));
                }
                S::LineTo(p) => {
                    last = map(p);
                    current.push(point(last, false, self));
                }
                S::QuadTo(c, p) => {
                    // A quadratic as the cubic that draws it.
                    let (c, end) = (map(c), map(p));
                    let c1 = (
                        last.0 + (c.0 - last.0) * 2.0 / 3.0,
                        last.1 + (c.1 - last.1) * 2.0 / 3.0,
                    );
                    let c2 = (
                        end.0 + (c.0 - end.0) * 2.0 / 3.0,
                        end.1 + (c.1 - end.1) * 2.0 / 3.0,
                    );
                    current.push(point(c1, true, self));
                    current.push(point(c2, true, self));
                    current.push(point(end, false, self));
                    last = end;
                }
                S::CubicTo(c1, c2, p) => {
                    current.push(point(map(c1), true, self));
                    current.push(point(map(c2), true, self));
                    last = map(p);
                    current.push(point(last, false, self));
                }
                S::Close => closed = true,
            }
        }
        if current.len() > 1 {
            rings.push(current);
        }
        if rings.is_empty() {
            return;
        }
        let rgba = |p: &usvg::Paint, opacity: f32| match p {
            usvg::Paint::Color(c) => {
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                let alpha = (opacity * 255.0).round().clamp(0.0, 255.0) as u8;
                Some(Rgba([c.red, c.green, c.blue, alpha]))
            }
            _ => None,
        };
        let fill = path.fill().and_then(|f| rgba(f.paint(), f.opacity().get()));
        let stroke = path
            .stroke()
            .and_then(|s| rgba(s.paint(), s.opacity().get()).map(|c| (c, s.width().get() * scale)));
        if fill.is_none() && !closed {
            // An open stroked path: lines, so that it is not closed back.
            if let Some((c, w)) = stroke {
                self.stroke_style(c, w);
                for points in rings {
                    self.ops.push(Op::DrawLine {
                        line: Line {
                            points,
                            is_closed: false,
                        },
                    });
                }
            }
            return;
        }
        self.polygon(rings, fill, stroke);
    }
}

/// The document as PDF bytes, fonts embedded and subset.
#[must_use]
pub fn render(document: &Document) -> Vec<u8> {
    let fonts = fonts();
    let mut doc = PdfDocument::new(&document.title);
    let regular = doc.add_font(&fonts.regular);
    let bold = doc.add_font(&fonts.bold);
    let (width, height) = document.paper.size_mm();
    let mut alphas = HashMap::new();
    let mut pages = Vec::with_capacity(document.pages.len());
    for page in &document.pages {
        let mut painter = Painter {
            ops: Vec::new(),
            width_mm: width,
            height_mm: height,
            regular: &regular,
            bold: &bold,
            doc: &mut doc,
            alphas: &mut alphas,
        };
        for item in &page.items {
            painter.item(item);
        }
        pages.push(PdfPage::new(Mm(width), Mm(height), painter.ops));
    }
    doc.with_pages(pages)
        .save(&PdfSaveOptions::default(), &mut Vec::new())
}
