//! Finding rows: trigger points charted on the body map at a visit.

use jiff::Timestamp;
use rusqlite::{OptionalExtension, Row, params};

use super::{Result, Store, StoreError, Tx, column_code, column_time, format_time};
use crate::core::model::{
    ActiveCount, Activity, Finding, FindingDetails, FindingId, MapPosition, PatientId, Side,
    VisitId,
};

const COLUMNS: &str =
    "id, visit_id, muscle, side, view, x, y, activity, taut_band, twitch_response,
    tenderness, reproduces_headache, referral_noted, note, carried_from";

fn finding_row(row: &Row<'_>) -> rusqlite::Result<Finding> {
    let tenderness: Option<i64> = row.get(10)?;
    #[allow(clippy::cast_possible_truncation)] // REAL columns hold f32 positions
    let position = MapPosition {
        x: row.get::<_, f64>(5)? as f32,
        y: row.get::<_, f64>(6)? as f32,
    };
    Ok(Finding {
        id: FindingId(row.get(0)?),
        visit_id: VisitId(row.get(1)?),
        muscle: row.get(2)?,
        side: column_code(row, 3, Side::from_code)?,
        view: row.get(4)?,
        position,
        details: FindingDetails {
            activity: column_code(row, 7, Activity::from_code)?,
            taut_band: row.get(8)?,
            twitch_response: row.get(9)?,
            tenderness: tenderness.and_then(|t| u8::try_from(t).ok()),
            reproduces_headache: row.get(11)?,
            referral_noted: row.get(12)?,
            note: row.get(13)?,
        },
        carried_from: row.get::<_, Option<i64>>(14)?.map(FindingId),
    })
}

fn read_finding(conn: &rusqlite::Connection, id: FindingId) -> Result<Finding> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM finding WHERE id = ?1"))?
        .query_row([id.0], finding_row)
        .optional()?
        .ok_or_else(|| StoreError::NotFound(id.to_string()))
}

impl Tx<'_> {
    /// Adds a finding with the default details (active, nothing else
    /// recorded yet) and returns its id.
    ///
    /// # Errors
    /// When the row cannot be written.
    pub fn insert_finding(
        &self,
        visit: VisitId,
        muscle: &str,
        side: Side,
        view: &str,
        position: MapPosition,
        now: Timestamp,
    ) -> Result<FindingId> {
        self.conn()
            .prepare_cached(
                "INSERT INTO finding (visit_id, muscle, side, view, x, y, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            )?
            .execute(params![
                visit.0,
                muscle,
                side.code(),
                view,
                f64::from(position.x),
                f64::from(position.y),
                format_time(now),
            ])?;
        Ok(FindingId(self.conn().last_insert_rowid()))
    }

    /// Replaces a finding's details.
    ///
    /// # Errors
    /// [`StoreError::NotFound`].
    pub fn update_finding(
        &self,
        id: FindingId,
        details: &FindingDetails,
        now: Timestamp,
    ) -> Result<()> {
        let changed = self
            .conn()
            .prepare_cached(
                "UPDATE finding SET activity = ?2, taut_band = ?3, twitch_response = ?4,
                    tenderness = ?5, reproduces_headache = ?6, referral_noted = ?7, note = ?8,
                    updated_at = ?9
                 WHERE id = ?1",
            )?
            .execute(params![
                id.0,
                details.activity.code(),
                details.taut_band,
                details.twitch_response,
                details.tenderness,
                details.reproduces_headache,
                details.referral_noted,
                details.note,
                format_time(now),
            ])?;
        if changed == 0 {
            return Err(StoreError::NotFound(id.to_string()));
        }
        Ok(())
    }

    /// Moves a finding, keeping its muscle and side.
    ///
    /// # Errors
    /// [`StoreError::NotFound`].
    pub fn move_finding(&self, id: FindingId, position: MapPosition, now: Timestamp) -> Result<()> {
        let changed = self.conn().execute(
            "UPDATE finding SET x = ?2, y = ?3, updated_at = ?4 WHERE id = ?1",
            params![
                id.0,
                f64::from(position.x),
                f64::from(position.y),
                format_time(now)
            ],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound(id.to_string()));
        }
        Ok(())
    }

    /// Removes a finding charted by mistake.
    ///
    /// # Errors
    /// [`StoreError::NotFound`].
    pub fn delete_finding(&self, id: FindingId) -> Result<()> {
        let changed = self
            .conn()
            .execute("DELETE FROM finding WHERE id = ?1", [id.0])?;
        if changed == 0 {
            return Err(StoreError::NotFound(id.to_string()));
        }
        Ok(())
    }

    /// Adds to `visit` a copy of an earlier visit's finding (same muscle,
    /// side, place and details), linked to it as persisting.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] when `from` does not exist.
    pub fn carry_finding(
        &self,
        visit: VisitId,
        from: FindingId,
        now: Timestamp,
    ) -> Result<FindingId> {
        let changed = self
            .conn()
            .prepare_cached(
                "INSERT INTO finding (visit_id, muscle, side, view, x, y, activity, taut_band,
                    twitch_response, tenderness, reproduces_headache, referral_noted, note,
                    created_at, updated_at, carried_from)
                 SELECT ?1, muscle, side, view, x, y, activity, taut_band, twitch_response,
                    tenderness, reproduces_headache, referral_noted, note, ?3, ?3, id
                 FROM finding WHERE id = ?2",
            )?
            .execute(params![visit.0, from.0, format_time(now)])?;
        if changed == 0 {
            return Err(StoreError::NotFound(from.to_string()));
        }
        Ok(FindingId(self.conn().last_insert_rowid()))
    }

    /// The finding of `visit` that carries `from` forward, if any.
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn carried_into(&self, visit: VisitId, from: FindingId) -> Result<Option<FindingId>> {
        Ok(self
            .conn()
            .prepare_cached("SELECT id FROM finding WHERE visit_id = ?1 AND carried_from = ?2")?
            .query_row([visit.0, from.0], |r| r.get(0))
            .optional()?
            .map(FindingId))
    }

    /// Records at `visit` that an earlier finding is gone. Saying it twice
    /// changes nothing.
    ///
    /// # Errors
    /// When the row cannot be written.
    pub fn resolve_finding(
        &self,
        visit: VisitId,
        finding: FindingId,
        now: Timestamp,
    ) -> Result<()> {
        self.conn()
            .prepare_cached(
                "INSERT OR IGNORE INTO resolved_finding (visit_id, finding_id, resolved_at)
                 VALUES (?1, ?2, ?3)",
            )?
            .execute(params![visit.0, finding.0, format_time(now)])?;
        Ok(())
    }

    /// Takes back a resolution; returns whether there was one.
    ///
    /// # Errors
    /// When the row cannot be written.
    pub fn unresolve_finding(&self, visit: VisitId, finding: FindingId) -> Result<bool> {
        Ok(self.conn().execute(
            "DELETE FROM resolved_finding WHERE visit_id = ?1 AND finding_id = ?2",
            [visit.0, finding.0],
        )? > 0)
    }

    /// Whether `finding` was resolved at `visit`.
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn is_resolved(&self, visit: VisitId, finding: FindingId) -> Result<bool> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT 1 FROM resolved_finding WHERE visit_id = ?1 AND finding_id = ?2",
            )?
            .exists([visit.0, finding.0])?)
    }

    /// Whether a later visit continues `finding` (confirmed it as persisting)
    /// or resolved it.
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn finding_is_followed_up(&self, finding: FindingId) -> Result<bool> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM finding WHERE carried_from = ?1)
                     OR EXISTS (SELECT 1 FROM resolved_finding WHERE finding_id = ?1)",
            )?
            .query_row([finding.0], |r| r.get(0))?)
    }

    /// A visit's findings, inside the transaction.
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn findings_in(&self, visit: VisitId) -> Result<Vec<Finding>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM finding WHERE visit_id = ?1 ORDER BY id"
        ))?;
        let rows = stmt.query_map([visit.0], finding_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Reads a finding inside the transaction.
    ///
    /// # Errors
    /// [`StoreError::NotFound`].
    pub fn finding(&self, id: FindingId) -> Result<Finding> {
        read_finding(self.conn(), id)
    }
}

impl Store {
    /// A visit's findings, in the order they were charted.
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn findings(&self, visit: VisitId) -> Result<Vec<Finding>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM finding WHERE visit_id = ?1 ORDER BY id"
        ))?;
        let rows = stmt.query_map([visit.0], finding_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One finding.
    ///
    /// # Errors
    /// [`StoreError::NotFound`].
    pub fn finding(&self, id: FindingId) -> Result<Finding> {
        read_finding(self.conn(), id)
    }

    /// Every finding in a patient's chart, oldest visit first: what a
    /// comparison needs to follow findings from visit to visit.
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn patient_findings(&self, patient: PatientId) -> Result<Vec<Finding>> {
        let columns = COLUMNS
            .split(',')
            .map(|c| format!("f.{}", c.trim()))
            .collect::<Vec<_>>()
            .join(", ");
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {columns} FROM finding f JOIN visit v ON v.id = f.visit_id
             WHERE v.patient_id = ?1 ORDER BY v.started_at, v.id, f.id"
        ))?;
        let rows = stmt.query_map([patient.0], finding_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every resolution in a patient's chart, as (visit, finding) pairs.
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn patient_resolutions(&self, patient: PatientId) -> Result<Vec<(VisitId, FindingId)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT r.visit_id, r.finding_id FROM resolved_finding r
             JOIN visit v ON v.id = r.visit_id WHERE v.patient_id = ?1",
        )?;
        let rows = stmt.query_map([patient.0], |r| {
            Ok((VisitId(r.get(0)?), FindingId(r.get(1)?)))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The findings of earlier visits resolved at `visit`.
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn resolved_at(&self, visit: VisitId) -> Result<Vec<FindingId>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT finding_id FROM resolved_finding WHERE visit_id = ?1")?;
        let rows = stmt.query_map([visit.0], |r| r.get(0).map(FindingId))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Active trigger points per visit of a chart, oldest first; visits
    /// without findings count 0.
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn active_counts(&self, patient: PatientId) -> Result<Vec<ActiveCount>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT v.id, v.started_at,
                (SELECT count(*) FROM finding f WHERE f.visit_id = v.id AND f.activity = 'active')
             FROM visit v WHERE v.patient_id = ?1 ORDER BY v.started_at, v.id",
        )?;
        let rows = stmt.query_map([patient.0], |r| {
            Ok(ActiveCount {
                visit: VisitId(r.get(0)?),
                started_at: column_time(r, 1)?,
                active: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
