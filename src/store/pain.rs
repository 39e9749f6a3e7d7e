//! Pain drawing rows: the areas a patient shades at a visit, one brush
//! stroke per row, its points kept as a JSON array of `[x, y]` pairs.

use jiff::Timestamp;
use rusqlite::{Row, params};

use super::{Result, Store, StoreError, Tx, column_code, format_time};
use crate::core::model::{MapPosition, PainKind, PainStroke, PainStrokeId, VisitId};

fn encode_points(points: &[MapPosition]) -> String {
    let pairs: Vec<[f32; 2]> = points.iter().map(|p| [p.x, p.y]).collect();
    // A Vec of float pairs always serialises; non-finite values were
    // refused before a stroke reaches the store.
    serde_json::to_string(&pairs).unwrap_or_else(|_| "[]".into())
}

fn stroke_row(row: &Row<'_>) -> rusqlite::Result<PainStroke> {
    let points: String = row.get(6)?;
    let pairs: Vec<[f32; 2]> = serde_json::from_str(&points).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(6, rusqlite::types::Type::Text, Box::new(e))
    })?;
    #[allow(clippy::cast_possible_truncation)] // REAL columns hold f32 radii
    let radius = row.get::<_, f64>(5)? as f32;
    Ok(PainStroke {
        id: PainStrokeId(row.get(0)?),
        visit_id: VisitId(row.get(1)?),
        view: row.get(2)?,
        kind: column_code(row, 3, PainKind::from_code)?,
        intensity: row.get(4)?,
        radius,
        points: pairs
            .into_iter()
            .map(|[x, y]| MapPosition { x, y })
            .collect(),
    })
}

impl Tx<'_> {
    /// Adds one stroke of the pain drawing.
    ///
    /// # Errors
    /// When the row cannot be written.
    pub fn insert_pain_stroke(&self, stroke: &PainStroke, now: Timestamp) -> Result<PainStrokeId> {
        self.conn()
            .prepare_cached(
                "INSERT INTO pain_stroke (visit_id, view, kind, intensity, radius, points, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                stroke.visit_id.0,
                stroke.view,
                stroke.kind.code(),
                stroke.intensity,
                f64::from(stroke.radius),
                encode_points(&stroke.points),
                format_time(now),
            ])?;
        Ok(PainStrokeId(self.conn().last_insert_rowid()))
    }

    /// The visit a stroke belongs to.
    ///
    /// # Errors
    /// [`StoreError::NotFound`].
    pub fn pain_stroke_visit(&self, id: PainStrokeId) -> Result<VisitId> {
        use rusqlite::OptionalExtension as _;
        self.conn()
            .prepare_cached("SELECT visit_id FROM pain_stroke WHERE id = ?1")?
            .query_row([id.0], |r| r.get(0).map(VisitId))
            .optional()?
            .ok_or_else(|| StoreError::NotFound(id.to_string()))
    }

    /// Removes a stroke drawn by mistake.
    ///
    /// # Errors
    /// [`StoreError::NotFound`].
    pub fn delete_pain_stroke(&self, id: PainStrokeId) -> Result<()> {
        if self
            .conn()
            .execute("DELETE FROM pain_stroke WHERE id = ?1", [id.0])?
            == 0
        {
            return Err(StoreError::NotFound(id.to_string()));
        }
        Ok(())
    }
}

impl Store {
    /// A visit's pain drawing, in the order it was drawn.
    ///
    /// # Errors
    /// When the database cannot be read or a row does not parse.
    pub fn pain_strokes(&self, visit: VisitId) -> Result<Vec<PainStroke>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, visit_id, view, kind, intensity, radius, points
             FROM pain_stroke WHERE visit_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([visit.0], stroke_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
