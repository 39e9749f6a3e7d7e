//! Loads `assets/body_map/body_map.json` into a [`BodyMap`]: smooths outlines,
//! builds the mirrored halves and views, and checks every muscle id.

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::Deserialize;

use super::ContentError;
use crate::body_map::geometry::{
    BodyMap, BodyPoint, Landmark, Muscle, ReferralZone, Region, Side, View, smooth_closed,
    triangulate,
};

/// The file as shipped.
pub const FILE: &str = "assets/body_map/body_map.json";
const JSON: &str = include_str!("../../assets/body_map/body_map.json");

/// Points sampled between two outline points when smoothing.
const SAMPLES_PER_SEGMENT: u8 = 6;

#[derive(Deserialize)]
struct RawMap {
    source: String,
    muscles: Vec<RawMuscle>,
    views: Vec<RawView>,
    referral_zones: Vec<RawZone>,
}

#[derive(Deserialize)]
struct RawMuscle {
    id: String,
    name: String,
    refers_to: String,
}

#[derive(Deserialize)]
struct RawView {
    id: String,
    name: String,
    #[serde(default)]
    aspect: Option<f32>,
    /// "halves": the data is the right half of the picture, mirrored for the left.
    #[serde(default)]
    mirror: Option<String>,
    /// With "halves": whose side the right half of the picture shows.
    #[serde(default)]
    right_half_side: Option<String>,
    /// Without "halves": whose side every region belongs to.
    #[serde(default)]
    side: Option<String>,
    /// This view is another one flipped left to right.
    #[serde(default)]
    mirror_of: Option<String>,
    #[serde(default)]
    outline: Vec<RawPoint>,
    #[serde(default)]
    landmarks: Vec<RawLandmark>,
    #[serde(default)]
    regions: Vec<RawRegion>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawPoint {
    Plain([f32; 2]),
    Flagged(f32, f32, String),
}

impl RawPoint {
    fn point(&self) -> BodyPoint {
        match self {
            RawPoint::Plain([x, y]) | RawPoint::Flagged(x, y, _) => BodyPoint::new(*x, *y),
        }
    }

    fn is_corner(&self) -> bool {
        matches!(self, RawPoint::Flagged(_, _, flag) if flag == "corner")
    }
}

#[derive(Deserialize)]
struct RawLandmark {
    name: String,
    points: Vec<RawPoint>,
    #[serde(default)]
    closed: bool,
}

#[derive(Deserialize)]
struct RawRegion {
    muscle: String,
    points: Vec<RawPoint>,
}

#[derive(Deserialize)]
struct RawZone {
    muscle: String,
    view: String,
    source: String,
    points: Vec<RawPoint>,
}

/// The shipped body map, loaded once.
///
/// # Panics
/// When the shipped file is invalid; the tests load it, so a release cannot.
#[must_use]
pub fn shipped() -> &'static BodyMap {
    static MAP: OnceLock<BodyMap> = OnceLock::new();
    MAP.get_or_init(|| match parse(FILE, JSON) {
        Ok(map) => map,
        Err(err) => panic!("the shipped body map is invalid: {err}"),
    })
}

fn malformed(file: &'static str, detail: impl Into<String>) -> ContentError {
    ContentError::Malformed {
        file,
        detail: detail.into(),
    }
}

fn side_code(file: &'static str, view: &str, code: Option<&String>) -> Result<Side, ContentError> {
    code.and_then(|c| Side::from_code(c)).ok_or_else(|| {
        malformed(
            file,
            format!("view \"{view}\" needs a side of \"left\" or \"right\""),
        )
    })
}

/// Parses body map JSON. `file` names it in every error.
///
/// # Errors
/// Malformed JSON, an unknown muscle or view id, a view without a side, or a
/// region too small to draw.
pub fn parse(file: &'static str, json: &str) -> Result<BodyMap, ContentError> {
    let raw: RawMap = serde_json::from_str(json).map_err(|e| malformed(file, e.to_string()))?;
    let mut seen = HashSet::new();
    let muscles: Vec<Muscle> = raw
        .muscles
        .into_iter()
        .map(|m| {
            if m.id.is_empty() || !seen.insert(m.id.clone()) {
                return Err(malformed(
                    file,
                    format!("muscle id \"{}\" is empty or repeated", m.id),
                ));
            }
            Ok(Muscle {
                id: m.id,
                name: m.name,
                refers_to: m.refers_to,
            })
        })
        .collect::<Result<_, _>>()?;
    let muscle_index = |id: &str| {
        muscles
            .iter()
            .position(|m| m.id == id)
            .ok_or_else(|| ContentError::UnknownId {
                file,
                kind: "muscle",
                id: id.to_string(),
            })
    };

    let mut views: Vec<View> = Vec::new();
    for raw_view in &raw.views {
        if raw_view.mirror_of.is_some() {
            continue;
        }
        let aspect = raw_view
            .aspect
            .filter(|a| *a > 0.1 && *a < 10.0)
            .ok_or_else(|| malformed(file, format!("view \"{}\" needs an aspect", raw_view.id)))?;
        let halves = raw_view.mirror.as_deref() == Some("halves");
        let authored_side = if halves {
            side_code(file, &raw_view.id, raw_view.right_half_side.as_ref())?
        } else {
            side_code(file, &raw_view.id, raw_view.side.as_ref())?
        };

        let mut outline: Vec<(BodyPoint, bool)> = raw_view
            .outline
            .iter()
            .map(|p| (p.point(), p.is_corner()))
            .collect();
        if halves {
            // The half runs from the top centre to the bottom centre; the
            // mirrored half runs back up, without repeating the centre points.
            let back: Vec<(BodyPoint, bool)> = outline[1..outline.len().saturating_sub(1)]
                .iter()
                .rev()
                .map(|(p, c)| (p.mirrored(), *c))
                .collect();
            outline.extend(back);
        }
        if outline.len() < 3 {
            return Err(malformed(
                file,
                format!("view \"{}\" has no outline", raw_view.id),
            ));
        }
        let outline = smooth_closed(&outline, SAMPLES_PER_SEGMENT);

        let mut landmarks = Vec::new();
        for l in &raw_view.landmarks {
            let points: Vec<BodyPoint> = l.points.iter().map(RawPoint::point).collect();
            if halves {
                landmarks.push(Landmark {
                    name: l.name.clone(),
                    points: points.iter().map(|p| p.mirrored()).collect(),
                    closed: l.closed,
                });
            }
            landmarks.push(Landmark {
                name: l.name.clone(),
                points,
                closed: l.closed,
            });
        }

        let mut regions = Vec::new();
        for r in &raw_view.regions {
            let muscle = muscle_index(&r.muscle)?;
            let polygon: Vec<BodyPoint> = r.points.iter().map(RawPoint::point).collect();
            if polygon.len() < 3 {
                return Err(malformed(
                    file,
                    format!(
                        "a region of \"{}\" in view \"{}\" has fewer than 3 points",
                        r.muscle, raw_view.id
                    ),
                ));
            }
            if halves {
                regions.push(Region::new(
                    muscle,
                    authored_side.other(),
                    polygon.iter().map(|p| p.mirrored()).collect(),
                ));
            }
            regions.push(Region::new(muscle, authored_side, polygon));
        }

        let mut zones = Vec::new();
        for z in raw.referral_zones.iter().filter(|z| z.view == raw_view.id) {
            let muscle = muscle_index(&z.muscle)?;
            // Zones are drawn from a few points; smoothing turns them into the
            // soft areas of a referral chart rather than boxes.
            let corners: Vec<(BodyPoint, bool)> = z
                .points
                .iter()
                .map(|p| (p.point(), p.is_corner()))
                .collect();
            let polygon = smooth_closed(&corners, SAMPLES_PER_SEGMENT);
            if halves {
                let mirrored: Vec<BodyPoint> = polygon.iter().map(|p| p.mirrored()).collect();
                zones.push(ReferralZone {
                    muscle,
                    side: authored_side.other(),
                    triangles: triangulate(&mirrored),
                    polygon: mirrored,
                    source: z.source.clone(),
                });
            }
            zones.push(ReferralZone {
                muscle,
                side: authored_side,
                triangles: triangulate(&polygon),
                polygon,
                source: z.source.clone(),
            });
        }

        views.push(View {
            id: raw_view.id.clone(),
            name: raw_view.name.clone(),
            aspect,
            outline_triangles: triangulate(&outline),
            outline,
            landmarks,
            regions,
            zones,
        });
    }

    for raw_view in &raw.views {
        let Some(of) = &raw_view.mirror_of else {
            continue;
        };
        let original = views
            .iter()
            .find(|v| &v.id == of)
            .ok_or_else(|| ContentError::UnknownId {
                file,
                kind: "view",
                id: of.clone(),
            })?
            .clone();
        views.push(mirror_view(&original, &raw_view.id, &raw_view.name));
    }
    for zone in &raw.referral_zones {
        if !views.iter().any(|v| v.id == zone.view) {
            return Err(ContentError::UnknownId {
                file,
                kind: "view",
                id: zone.view.clone(),
            });
        }
        muscle_index(&zone.muscle)?;
    }
    Ok(BodyMap {
        muscles,
        views,
        source: raw.source,
    })
}

/// A view flipped left to right, with every side swapped.
fn mirror_view(original: &View, id: &str, name: &str) -> View {
    let flip = |points: &[BodyPoint]| points.iter().map(|p| p.mirrored()).collect::<Vec<_>>();
    let outline = flip(&original.outline);
    View {
        id: id.to_string(),
        name: name.to_string(),
        aspect: original.aspect,
        outline_triangles: triangulate(&outline),
        outline,
        landmarks: original
            .landmarks
            .iter()
            .map(|l| Landmark {
                name: l.name.clone(),
                points: flip(&l.points),
                closed: l.closed,
            })
            .collect(),
        regions: original
            .regions
            .iter()
            .map(|r| Region::new(r.muscle, r.side.other(), flip(&r.polygon)))
            .collect(),
        zones: original
            .zones
            .iter()
            .map(|z| {
                let polygon = flip(&z.polygon);
                ReferralZone {
                    muscle: z.muscle,
                    side: z.side.other(),
                    triangles: triangulate(&polygon),
                    polygon,
                    source: z.source.clone(),
                }
            })
            .collect(),
    }
}
