//! Body map geometry: views, muscle regions and referral zones in normalised
//! body coordinates, with the pure functions every drawing of them shares
//! (smoothing, hit testing, interior points). No egui here, so the PDF report
//! can draw from exactly the same shapes.

/// A point in a view's body coordinates: x from 0 (left edge of the picture)
/// to 1 (right edge), y downward from 0 to the view's aspect.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BodyPoint {
    pub x: f32,
    pub y: f32,
}

impl BodyPoint {
    #[must_use]
    pub const fn new(x: f32, y: f32) -> BodyPoint {
        BodyPoint { x, y }
    }

    /// The same point seen in the mirrored picture.
    #[must_use]
    pub fn mirrored(self) -> BodyPoint {
        BodyPoint::new(1.0 - self.x, self.y)
    }
}

/// The patient's side.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Left,
    Right,
}

impl Side {
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Side::Left => "left",
            Side::Right => "right",
        }
    }

    #[must_use]
    pub fn from_code(code: &str) -> Option<Side> {
        match code {
            "left" => Some(Side::Left),
            "right" => Some(Side::Right),
            _ => None,
        }
    }

    #[must_use]
    pub fn other(self) -> Side {
        match self {
            Side::Left => Side::Right,
            Side::Right => Side::Left,
        }
    }

    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Side::Left => "left",
            Side::Right => "right",
        }
    }
}

/// A muscle that findings can be placed on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Muscle {
    pub id: String,
    pub name: String,
    /// Where its trigger points refer pain, in words; empty when the
    /// reference gives no pattern.
    pub refers_to: String,
}

/// A thin line drawn for orientation: the spine, a scapula, an ear.
#[derive(Clone, Debug, PartialEq)]
pub struct Landmark {
    pub name: String,
    pub points: Vec<BodyPoint>,
    pub closed: bool,
}

/// The area of one muscle on one side, as seen in one view.
#[derive(Clone, Debug, PartialEq)]
pub struct Region {
    /// Index into [`BodyMap::muscles`].
    pub muscle: usize,
    pub side: Side,
    pub polygon: Vec<BodyPoint>,
    /// A point well inside the polygon, where a finding placed from the
    /// keyboard goes.
    pub anchor: BodyPoint,
    /// The polygon as triangles (indices into `polygon`), for filling.
    pub triangles: Vec<u32>,
    bounds: Bounds,
}

/// Where a muscle's trigger points refer pain, on one side, in one view.
#[derive(Clone, Debug, PartialEq)]
pub struct ReferralZone {
    pub muscle: usize,
    pub side: Side,
    pub polygon: Vec<BodyPoint>,
    pub triangles: Vec<u32>,
    pub source: String,
}

/// One picture of the body.
#[derive(Clone, Debug, PartialEq)]
pub struct View {
    pub id: String,
    pub name: String,
    /// Height over width.
    pub aspect: f32,
    /// The body's outline, already smoothed, closed.
    pub outline: Vec<BodyPoint>,
    pub outline_triangles: Vec<u32>,
    pub landmarks: Vec<Landmark>,
    pub regions: Vec<Region>,
    pub zones: Vec<ReferralZone>,
}

/// Every muscle and view, as loaded from `assets/body_map/`.
#[derive(Clone, Debug, PartialEq)]
pub struct BodyMap {
    pub muscles: Vec<Muscle>,
    pub views: Vec<View>,
    pub source: String,
}

/// What is under a point of a view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub muscle: usize,
    pub side: Side,
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct Bounds {
    min: BodyPoint,
    max: BodyPoint,
}

impl Bounds {
    fn of(points: &[BodyPoint]) -> Bounds {
        let mut min = BodyPoint::new(f32::INFINITY, f32::INFINITY);
        let mut max = BodyPoint::new(f32::NEG_INFINITY, f32::NEG_INFINITY);
        for p in points {
            min.x = min.x.min(p.x);
            min.y = min.y.min(p.y);
            max.x = max.x.max(p.x);
            max.y = max.y.max(p.y);
        }
        Bounds { min, max }
    }

    fn contains(&self, p: BodyPoint) -> bool {
        p.x >= self.min.x && p.x <= self.max.x && p.y >= self.min.y && p.y <= self.max.y
    }
}

impl Region {
    #[must_use]
    pub fn new(muscle: usize, side: Side, polygon: Vec<BodyPoint>) -> Region {
        let bounds = Bounds::of(&polygon);
        let anchor = interior_point(&polygon);
        let triangles = triangulate(&polygon);
        Region {
            muscle,
            side,
            polygon,
            anchor,
            triangles,
            bounds,
        }
    }

    /// True when `p` lies inside the region.
    #[must_use]
    pub fn contains(&self, p: BodyPoint) -> bool {
        self.bounds.contains(p) && point_in_polygon(p, &self.polygon)
    }
}

impl View {
    /// The muscle and side under `p`, if any. Pure, and cheap enough to run
    /// for every pointer movement: a bounding-box test rejects most regions.
    #[must_use]
    pub fn hit_test(&self, p: BodyPoint) -> Option<Hit> {
        self.regions.iter().find(|r| r.contains(p)).map(|r| Hit {
            muscle: r.muscle,
            side: r.side,
        })
    }

    /// The region of a muscle and side, if this view shows it.
    #[must_use]
    pub fn region(&self, muscle: usize, side: Side) -> Option<&Region> {
        self.regions
            .iter()
            .find(|r| r.muscle == muscle && r.side == side)
    }

    /// `p` moved inside the picture.
    #[must_use]
    pub fn clamp(&self, p: BodyPoint) -> BodyPoint {
        BodyPoint::new(p.x.clamp(0.0, 1.0), p.y.clamp(0.0, self.aspect))
    }

    /// True when `p` is inside the body's outline.
    #[must_use]
    pub fn is_on_body(&self, p: BodyPoint) -> bool {
        point_in_polygon(p, &self.outline)
    }
}

impl BodyMap {
    #[must_use]
    pub fn view(&self, id: &str) -> Option<&View> {
        self.views.iter().find(|v| v.id == id)
    }

    #[must_use]
    pub fn muscle_index(&self, id: &str) -> Option<usize> {
        self.muscles.iter().position(|m| m.id == id)
    }
}

/// Triangles covering a simple (possibly concave) polygon, as index triples.
#[must_use]
pub fn triangulate(polygon: &[BodyPoint]) -> Vec<u32> {
    let mut triangles = Vec::new();
    earcut::Earcut::new().earcut(
        polygon.iter().map(|p| [p.x, p.y]),
        &[] as &[u32],
        &mut triangles,
    );
    triangles
}

/// Even-odd rule point-in-polygon test.
#[must_use]
pub fn point_in_polygon(p: BodyPoint, polygon: &[BodyPoint]) -> bool {
    let mut inside = false;
    let mut j = polygon.len().wrapping_sub(1);
    for i in 0..polygon.len() {
        let (a, b) = (polygon[i], polygon[j]);
        if (a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x {
            inside = !inside;
        }
        j = i;
    }
    inside
}

/// The signed area of a polygon (positive when its points run clockwise on a
/// y-down picture).
#[must_use]
pub fn polygon_area(polygon: &[BodyPoint]) -> f32 {
    let mut twice = 0.0;
    let mut j = polygon.len().wrapping_sub(1);
    for i in 0..polygon.len() {
        twice += polygon[j].x * polygon[i].y - polygon[i].x * polygon[j].y;
        j = i;
    }
    twice / 2.0
}

/// A point inside a polygon, away from its edges: the middle of the widest
/// horizontal span across it, tried at several heights.
#[must_use]
pub fn interior_point(polygon: &[BodyPoint]) -> BodyPoint {
    let bounds = Bounds::of(polygon);
    let mut best = (
        0.0_f32,
        BodyPoint::new(
            f32::midpoint(bounds.min.x, bounds.max.x),
            f32::midpoint(bounds.min.y, bounds.max.y),
        ),
    );
    for step in 1..16_u8 {
        let y = bounds.min.y + (bounds.max.y - bounds.min.y) * f32::from(step) / 16.0;
        let mut crossings: Vec<f32> = Vec::new();
        let mut j = polygon.len().wrapping_sub(1);
        for i in 0..polygon.len() {
            let (a, b) = (polygon[i], polygon[j]);
            if (a.y > y) != (b.y > y) {
                crossings.push((b.x - a.x) * (y - a.y) / (b.y - a.y) + a.x);
            }
            j = i;
        }
        crossings.sort_by(f32::total_cmp);
        for pair in crossings.chunks_exact(2) {
            let width = pair[1] - pair[0];
            // Prefer wide spans near the vertical middle.
            let centre = f32::midpoint(bounds.min.y, bounds.max.y);
            let span = (bounds.max.y - bounds.min.y).max(f32::EPSILON);
            let score = width * (1.0 - ((y - centre) / span).abs());
            if score > best.0 {
                best = (score, BodyPoint::new(f32::midpoint(pair[0], pair[1]), y));
            }
        }
    }
    best.1
}

/// Smooths a closed outline through its points (centripetal Catmull-Rom, which
/// neither overshoots nor loops), keeping sharp the points flagged as corners.
#[must_use]
pub fn smooth_closed(points: &[(BodyPoint, bool)], samples_per_segment: u8) -> Vec<BodyPoint> {
    let n = points.len();
    if n < 3 {
        return points.iter().map(|(p, _)| *p).collect();
    }
    let corners: Vec<usize> = (0..n).filter(|&i| points[i].1).collect();
    if corners.is_empty() {
        let mut ring: Vec<BodyPoint> = Vec::with_capacity(n + 3);
        ring.push(points[n - 1].0);
        ring.extend(points.iter().map(|(p, _)| *p));
        ring.push(points[0].0);
        ring.push(points[1].0);
        let mut out = Vec::new();
        for i in 1..=n {
            segment(&ring[i - 1..=i + 2], samples_per_segment, &mut out);
        }
        return out;
    }
    let mut out = Vec::new();
    for (k, &start) in corners.iter().enumerate() {
        let end = corners[(k + 1) % corners.len()];
        let mut chain = vec![points[start].0];
        let mut i = start;
        loop {
            i = (i + 1) % n;
            chain.push(points[i].0);
            if i == end {
                break;
            }
        }
        // An open chain: its end points are repeated so it passes through them.
        let mut padded = Vec::with_capacity(chain.len() + 2);
        padded.push(chain[0]);
        padded.extend_from_slice(&chain);
        padded.push(chain[chain.len() - 1]);
        for s in 0..chain.len() - 1 {
            segment(&padded[s..s + 4], samples_per_segment, &mut out);
        }
    }
    out
}

/// Samples one Catmull-Rom segment from `p[1]` to `p[2]` (excluding `p[2]`).
fn segment(p: &[BodyPoint], samples: u8, out: &mut Vec<BodyPoint>) {
    let knot =
        |t: f32, a: BodyPoint, b: BodyPoint| t + (a.x - b.x).hypot(a.y - b.y).max(1e-6).sqrt();
    let t0 = 0.0;
    let t1 = knot(t0, p[0], p[1]);
    let t2 = knot(t1, p[1], p[2]);
    let t3 = knot(t2, p[2], p[3]);
    let lerp = |a: BodyPoint, b: BodyPoint, ta: f32, tb: f32, t: f32| {
        if (tb - ta).abs() < 1e-9 {
            return a;
        }
        let u = (t - ta) / (tb - ta);
        BodyPoint::new(a.x + (b.x - a.x) * u, a.y + (b.y - a.y) * u)
    };
    for s in 0..samples {
        let t = t1 + (t2 - t1) * f32::from(s) / f32::from(samples);
        let a1 = lerp(p[0], p[1], t0, t1, t);
        let a2 = lerp(p[1], p[2], t1, t2, t);
        let a3 = lerp(p[2], p[3], t2, t3, t);
        let b1 = lerp(a1, a2, t0, t2, t);
        let b2 = lerp(a2, a3, t1, t3, t);
        out.push(lerp(b1, b2, t1, t2, t));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square() -> Vec<BodyPoint> {
        vec![
            BodyPoint::new(0.0, 0.0),
            BodyPoint::new(1.0, 0.0),
            BodyPoint::new(1.0, 1.0),
            BodyPoint::new(0.0, 1.0),
        ]
    }

    #[test]
    fn points_inside_and_outside_a_polygon() {
        assert!(point_in_polygon(BodyPoint::new(0.5, 0.5), &square()));
        assert!(!point_in_polygon(BodyPoint::new(1.5, 0.5), &square()));
        assert!((polygon_area(&square()).abs() - 1.0).abs() < 1e-6);
    }

    #[test]
    fn the_interior_point_of_a_concave_polygon_is_inside_it() {
        // A "U": the centroid of its bounds is in the notch, outside.
        let u = vec![
            BodyPoint::new(0.0, 0.0),
            BodyPoint::new(0.3, 0.0),
            BodyPoint::new(0.3, 0.7),
            BodyPoint::new(0.7, 0.7),
            BodyPoint::new(0.7, 0.0),
            BodyPoint::new(1.0, 0.0),
            BodyPoint::new(1.0, 1.0),
            BodyPoint::new(0.0, 1.0),
        ];
        assert!(!point_in_polygon(BodyPoint::new(0.5, 0.5), &u));
        assert!(point_in_polygon(interior_point(&u), &u));
    }

    #[test]
    fn smoothing_keeps_corners_and_passes_through_the_points() {
        let points: Vec<(BodyPoint, bool)> = square().into_iter().map(|p| (p, true)).collect();
        let smooth = smooth_closed(&points, 4);
        for corner in square() {
            assert!(
                smooth
                    .iter()
                    .any(|p| (p.x - corner.x).abs() < 1e-6 && (p.y - corner.y).abs() < 1e-6)
            );
        }
        let round: Vec<(BodyPoint, bool)> = square().into_iter().map(|p| (p, false)).collect();
        assert_eq!(smooth_closed(&round, 8).len(), 32);
    }
}
