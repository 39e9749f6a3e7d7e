//! The body map as a printable figure: one pure function turns a view, its
//! marks and the pain drawing into vector primitives in millimetres, and the
//! colours here are the ones the screen uses too, so screen and paper agree.
//! No egui and no PDF types: the report draws these primitives, the widget
//! shares the colours.

use super::geometry::{BodyPoint, Side, View};
use crate::core::model::{FindingId, PainKind};

/// An sRGB colour with straight (not premultiplied) alpha.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgba(pub [u8; 4]);

impl Rgba {
    #[must_use]
    pub const fn rgb(r: u8, g: u8, b: u8) -> Rgba {
        Rgba([r, g, b, 255])
    }

    /// This colour laid over an opaque `under`: the opaque colour that looks
    /// the same, for paper and for drawing order that must not depend on alpha.
    #[must_use]
    pub fn over(self, under: Rgba) -> Rgba {
        let [r, g, b, a] = self.0;
        let mix = |top: u8, bottom: u8| {
            let top = u16::from(top) * u16::from(a);
            let bottom = u16::from(bottom) * (255 - u16::from(a));
            u8::try_from((top + bottom + 127) / 255).unwrap_or(u8::MAX)
        };
        Rgba::rgb(mix(r, under.0[0]), mix(g, under.0[1]), mix(b, under.0[2]))
    }
}

/// The colours of a printed or light-theme map.
pub mod colours {
    use super::Rgba;

    pub const SKIN: Rgba = Rgba::rgb(246, 234, 222);
    pub const OUTLINE: Rgba = Rgba::rgb(95, 75, 62);
    pub const LANDMARK: Rgba = Rgba::rgb(170, 145, 128);
    /// A muscle region, over the skin.
    pub const MUSCLE: Rgba = Rgba([205, 85, 75, 95]);
    pub const MUSCLE_EDGE: Rgba = Rgba([140, 40, 35, 200]);
    pub const ZONE: Rgba = Rgba([40, 110, 220, 80]);
    pub const ZONE_EDGE: Rgba = Rgba::rgb(40, 110, 220);
    pub const ACTIVE: Rgba = Rgba::rgb(196, 30, 40);
    pub const LATENT: Rgba = Rgba::rgb(225, 140, 20);
    pub const LATENT_TEXT: Rgba = Rgba::rgb(120, 70, 0);
    pub const GHOST: Rgba = Rgba::rgb(125, 125, 135);
    // Teal, purple and grey stay apart for the common colour-vision
    // deficiencies; the lists beside the map say it in words too.
    pub const NEW: Rgba = Rgba::rgb(0, 130, 100);
    pub const PERSISTING: Rgba = Rgba::rgb(120, 70, 170);
    pub const RESOLVED: Rgba = Rgba::rgb(140, 140, 140);
    pub const WHITE: Rgba = Rgba::rgb(255, 255, 255);
}

/// One trigger point as a map draws it.
#[derive(Clone, Debug, PartialEq)]
pub struct MapMark {
    pub id: FindingId,
    pub muscle: usize,
    pub side: Side,
    pub pos: BodyPoint,
    pub active: bool,
    /// The number printed in the mark and in the findings table; 0 for none.
    pub number: usize,
    pub style: MarkStyle,
}

/// How a mark is drawn: a finding of the visit on screen, a finding of the
/// last visit not yet confirmed or resolved, or a finding in a comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkStyle {
    Current,
    Ghost,
    New,
    Persisting,
    Resolved,
}

impl MarkStyle {
    /// The words a screen reader adds after the muscle, side and activity.
    #[must_use]
    pub fn label(self) -> Option<&'static str> {
        match self {
            MarkStyle::Current => None,
            MarkStyle::Ghost => Some("from the last visit, not yet confirmed"),
            MarkStyle::New => Some("new"),
            MarkStyle::Persisting => Some("persisting"),
            MarkStyle::Resolved => Some("resolved"),
        }
    }
}

/// Fill, ring and number colours of a mark.
#[must_use]
pub fn mark_colours(style: MarkStyle, active: bool) -> (Rgba, Rgba, Rgba) {
    use colours::{ACTIVE, GHOST, LATENT, LATENT_TEXT, NEW, PERSISTING, RESOLVED, WHITE};
    match style {
        MarkStyle::Current if active => (ACTIVE, WHITE, WHITE),
        MarkStyle::Current => (WHITE, LATENT, LATENT_TEXT),
        MarkStyle::Ghost => (Rgba([255, 255, 255, 150]), GHOST, GHOST),
        MarkStyle::New => (NEW, WHITE, WHITE),
        MarkStyle::Persisting => (PERSISTING, WHITE, WHITE),
        MarkStyle::Resolved => (WHITE, RESOLVED, RESOLVED),
    }
}

/// The colour of a shaded pain area: light at intensity 1, deep at 10;
/// warm for headache, green for neck pain. Opaque, so overlapping strokes
/// do not darken where they cross.
#[must_use]
pub fn pain_colour(kind: PainKind, intensity: u8) -> Rgba {
    let (light, deep) = match kind {
        PainKind::Headache => ([255_u8, 220, 160], [190_u8, 20, 30]),
        PainKind::NeckPain => ([210, 232, 170], [40, 115, 45]),
    };
    let t = f32::from(intensity.clamp(1, 10) - 1) / 9.0;
    let channel = |i: usize| {
        let v = f32::from(light[i]) + (f32::from(deep[i]) - f32::from(light[i])) * t;
        // Rounded and within 0..=255 by construction.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let v = v.round() as u8;
        v
    };
    Rgba::rgb(channel(0), channel(1), channel(2))
}

/// One stroke of the pain drawing as a map draws it.
#[derive(Clone, Debug, PartialEq)]
pub struct PainPath {
    pub kind: PainKind,
    pub intensity: u8,
    /// Half the brush width, in body units.
    pub radius: f32,
    pub points: Vec<BodyPoint>,
}

/// A point on the figure, in millimetres from its top-left corner, y down.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PointMm {
    pub x_mm: f32,
    pub y_mm: f32,
}

/// What a figure is made of, in drawing order.
#[derive(Clone, Debug, PartialEq)]
pub enum Primitive {
    /// A closed path, filled and/or outlined.
    Polygon {
        points: Vec<PointMm>,
        fill: Option<Rgba>,
        stroke: Option<(Rgba, f32)>,
    },
    /// An open path with round caps and joins; `width_mm` across.
    Polyline {
        points: Vec<PointMm>,
        colour: Rgba,
        width_mm: f32,
    },
    /// A numbered trigger-point marker.
    Marker {
        centre: PointMm,
        radius_mm: f32,
        fill: Rgba,
        ring: Rgba,
        ring_width_mm: f32,
        /// Empty for a mark without a number.
        text: String,
        text_colour: Rgba,
        text_size_pt: f32,
    },
}

/// What a legend row shows beside its words.
#[derive(Clone, Debug, PartialEq)]
pub enum Swatch {
    Marker { fill: Rgba, ring: Rgba },
    Area(Rgba),
}

#[derive(Clone, Debug, PartialEq)]
pub struct LegendRow {
    pub swatch: Swatch,
    pub text: String,
}

/// A view ready to print.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    pub width_mm: f32,
    pub height_mm: f32,
    /// "Posterior view".
    pub caption: String,
    pub primitives: Vec<Primitive>,
    pub legend: Vec<LegendRow>,
}

/// Marker size on paper: legible at arm's length, small enough that
/// neighbouring points on the suboccipitals stay apart.
const MARKER_RADIUS_MM: f32 = 2.6;

/// Draws `view` `width_mm` wide with its marks and pain strokes. With
/// `show_zones`, the referral zones of every marked muscle are shaded.
#[must_use]
pub fn compose(
    view: &View,
    marks: &[MapMark],
    pain: &[PainPath],
    width_mm: f32,
    show_zones: bool,
) -> Figure {
    let mm = |p: BodyPoint| PointMm {
        x_mm: p.x * width_mm,
        y_mm: p.y * width_mm,
    };
    let path = |points: &[BodyPoint]| points.iter().copied().map(mm).collect::<Vec<_>>();
    let mut primitives = Vec::new();
    primitives.push(Primitive::Polygon {
        points: path(&view.outline),
        fill: Some(colours::SKIN),
        stroke: None,
    });
    let muscle = colours::MUSCLE.over(colours::SKIN);
    for region in &view.regions {
        primitives.push(Primitive::Polygon {
            points: path(&region.polygon),
            fill: Some(muscle),
            stroke: None,
        });
    }
    for stroke in pain {
        primitives.push(Primitive::Polyline {
            points: path(&stroke.points),
            colour: pain_colour(stroke.kind, stroke.intensity),
            width_mm: stroke.radius * 2.0 * width_mm,
        });
    }
    let edge = colours::MUSCLE_EDGE.over(muscle);
    for region in &view.regions {
        primitives.push(Primitive::Polygon {
            points: path(&region.polygon),
            fill: None,
            stroke: Some((edge, 0.15)),
        });
    }
    for landmark in &view.landmarks {
        let mut points = path(&landmark.points);
        if landmark.closed
            && let Some(first) = points.first().copied()
        {
            points.push(first);
        }
        primitives.push(Primitive::Polyline {
            points,
            colour: colours::LANDMARK,
            width_mm: 0.2,
        });
    }
    primitives.push(Primitive::Polygon {
        points: path(&view.outline),
        fill: None,
        stroke: Some((colours::OUTLINE, 0.35)),
    });
    if show_zones {
        let mut marked: Vec<(usize, Side)> = marks.iter().map(|m| (m.muscle, m.side)).collect();
        marked.sort_unstable();
        marked.dedup();
        for zone in view
            .zones
            .iter()
            .filter(|z| marked.binary_search(&(z.muscle, z.side)).is_ok())
        {
            primitives.push(Primitive::Polygon {
                points: path(&zone.polygon),
                fill: Some(colours::ZONE),
                stroke: Some((colours::ZONE_EDGE, 0.2)),
            });
        }
    }
    for mark in marks {
        let (fill, ring, text_colour) = mark_colours(mark.style, mark.active);
        primitives.push(Primitive::Marker {
            centre: mm(view.clamp(mark.pos)),
            radius_mm: MARKER_RADIUS_MM,
            fill,
            ring,
            ring_width_mm: 0.5,
            text: if mark.number == 0 {
                String::new()
            } else {
                mark.number.to_string()
            },
            text_colour,
            text_size_pt: 7.0,
        });
    }
    Figure {
        width_mm,
        height_mm: view.aspect * width_mm,
        caption: format!("{} view", view.name),
        primitives,
        legend: legend(marks, pain),
    }
}

/// A legend row for each kind of mark and pain area the figure shows.
#[must_use]
pub fn legend(marks: &[MapMark], pain: &[PainPath]) -> Vec<LegendRow> {
    let mut rows = Vec::new();
    let mut kinds: Vec<(MarkStyle, bool)> = Vec::new();
    for mark in marks {
        if !kinds.contains(&(mark.style, mark.active)) {
            kinds.push((mark.style, mark.active));
        }
    }
    let order = |s: MarkStyle| match s {
        MarkStyle::Current => 0,
        MarkStyle::New => 1,
        MarkStyle::Persisting => 2,
        MarkStyle::Resolved => 3,
        MarkStyle::Ghost => 4,
    };
    kinds.sort_by_key(|(style, active)| (order(*style), !*active));
    for (style, active) in kinds {
        let (fill, ring, _) = mark_colours(style, active);
        let text = match style {
            MarkStyle::Current if active => "Active trigger point",
            MarkStyle::Current => "Latent trigger point",
            MarkStyle::Ghost => "Last visit: click to confirm",
            MarkStyle::New => "New trigger point",
            MarkStyle::Persisting => "Persisting trigger point",
            MarkStyle::Resolved => "Resolved trigger point",
        }
        .to_string();
        if rows.iter().any(|r: &LegendRow| r.text == text) {
            continue;
        }
        rows.push(LegendRow {
            swatch: Swatch::Marker { fill, ring },
            text,
        });
    }
    for kind in PainKind::ALL {
        let mut intensities: Vec<u8> = pain
            .iter()
            .filter(|p| p.kind == kind)
            .map(|p| p.intensity)
            .collect();
        intensities.sort_unstable();
        intensities.dedup();
        if let (Some(low), Some(high)) = (intensities.first(), intensities.last()) {
            let range = if low == high {
                format!("{low}/10")
            } else {
                format!("{low}-{high}/10")
            };
            rows.push(LegendRow {
                swatch: Swatch::Area(pain_colour(kind, *high)),
                text: format!("{} area, intensity {range}", kind.label()),
            });
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::body_map::shipped;

    #[test]
    fn a_figure_is_in_millimetres_with_a_marker_per_finding_and_a_legend() {
        let map = shipped();
        let view = map.view("posterior").unwrap();
        let region = &view.regions[0];
        let marks = [
            MapMark {
                id: FindingId(1),
                muscle: region.muscle,
                side: region.side,
                pos: region.anchor,
                active: true,
                number: 1,
                style: MarkStyle::Current,
            },
            MapMark {
                id: FindingId(2),
                muscle: region.muscle,
                side: region.side,
                pos: BodyPoint::new(5.0, -1.0),
                active: false,
                number: 2,
                style: MarkStyle::Current,
            },
        ];
        let pain = [PainPath {
            kind: PainKind::Headache,
            intensity: 6,
            radius: 0.02,
            points: vec![BodyPoint::new(0.5, 0.1), BodyPoint::new(0.55, 0.1)],
        }];
        let figure = compose(view, &marks, &pain, 80.0, true);
        assert!((figure.height_mm - view.aspect * 80.0).abs() < 1e-3);
        let markers: Vec<&Primitive> = figure
            .primitives
            .iter()
            .filter(|p| matches!(p, Primitive::Marker { .. }))
            .collect();
        assert_eq!(markers.len(), 2);
        let Primitive::Marker { centre, text, .. } = markers[0] else {
            unreachable!()
        };
        assert!((centre.x_mm - region.anchor.x * 80.0).abs() < 1e-3);
        assert_eq!(text, "1");
        let Primitive::Marker { centre, .. } = markers[1] else {
            unreachable!()
        };
        assert!(
            (0.0..=80.0).contains(&centre.x_mm) && centre.y_mm >= 0.0,
            "a mark off the view is clamped into it"
        );
        assert!(figure.primitives.iter().any(|p| matches!(
            p,
            Primitive::Polyline { width_mm, .. } if (*width_mm - 3.2).abs() < 1e-3
        )));
        let legend: Vec<&str> = figure.legend.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(
            legend,
            [
                "Active trigger point",
                "Latent trigger point",
                "Headache area, intensity 6/10"
            ]
        );
    }

    #[test]
    fn pain_colours_deepen_with_intensity_and_over_blends() {
        let light = pain_colour(PainKind::Headache, 1);
        let deep = pain_colour(PainKind::Headache, 10);
        assert_eq!(light, Rgba::rgb(255, 220, 160));
        assert_eq!(deep, Rgba::rgb(190, 20, 30));
        assert_eq!(Rgba([0, 0, 0, 0]).over(colours::SKIN), colours::SKIN);
        assert_eq!(Rgba([0, 0, 0, 255]).over(colours::SKIN), Rgba::rgb(0, 0, 0));
    }
}
