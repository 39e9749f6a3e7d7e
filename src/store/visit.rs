//! Visit rows: start, save the note's text, sign, and read a chart's timeline.

use jiff::Timestamp;
use rusqlite::{OptionalExtension, params};

use super::{Result, Store, StoreError, Tx, column_code, column_time, format_time};
use crate::core::model::{
    NoteTexts, PatientId, PractitionerId, Visit, VisitId, VisitStatus, VisitSummary, VisitType,
};

impl Tx<'_> {
    /// Starts a visit with the given text and returns its id.
    ///
    /// # Errors
    /// When the row cannot be written (for example an unknown patient).
    pub fn insert_visit(
        &self,
        patient: PatientId,
        practitioner: PractitionerId,
        visit_type: VisitType,
        texts: &NoteTexts,
        started_at: Timestamp,
    ) -> Result<VisitId> {
        let now = format_time(started_at);
        self.conn()
            .prepare_cached(
                "INSERT INTO visit (patient_id, practitioner_id, started_at, visit_type,
                    chief_complaint, subjective, objective, assessment, plan, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?3, ?3)",
            )?
            .execute(params![
                patient.0,
                practitioner.0,
                now,
                visit_type.code(),
                texts.chief_complaint,
                texts.subjective,
                texts.objective,
                texts.assessment,
                texts.plan,
            ])?;
        Ok(VisitId(self.conn().last_insert_rowid()))
    }

    /// Saves a draft visit's type and text. Signed visits are not touched.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] when there is no such draft visit.
    pub fn update_visit(
        &self,
        visit: VisitId,
        visit_type: VisitType,
        texts: &NoteTexts,
        now: Timestamp,
    ) -> Result<()> {
        let changed = self
            .conn()
            .prepare_cached(
                "UPDATE visit SET visit_type = ?2, chief_complaint = ?3, subjective = ?4,
                    objective = ?5, assessment = ?6, plan = ?7, updated_at = ?8
                 WHERE id = ?1 AND status = 'draft'",
            )?
            .execute(params![
                visit.0,
                visit_type.code(),
                texts.chief_complaint,
                texts.subjective,
                texts.objective,
                texts.assessment,
                texts.plan,
                format_time(now),
            ])?;
        if changed == 0 {
            return Err(StoreError::NotFound(format!("draft {visit}")));
        }
        Ok(())
    }

    /// Marks a draft visit signed by `by` at `at`.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] when there is no such draft visit.
    pub fn sign_visit(&self, visit: VisitId, by: PractitionerId, at: Timestamp) -> Result<()> {
        let changed = self.conn().execute(
            "UPDATE visit SET status = 'signed', signed_at = ?2, signed_by = ?3, updated_at = ?2
             WHERE id = ?1 AND status = 'draft'",
            params![visit.0, format_time(at), by.0],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound(format!("draft {visit}")));
        }
        Ok(())
    }

    /// Reads a visit inside the transaction.
    ///
    /// # Errors
    /// [`StoreError::NotFound`].
    pub fn visit(&self, id: VisitId) -> Result<Visit> {
        read_visit(self.conn(), id)
    }

    /// The visit of the same chart just before `visit`.
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn previous_visit(&self, visit: VisitId) -> Result<Option<VisitId>> {
        read_previous_visit(self.conn(), visit)
    }
}

fn read_previous_visit(conn: &rusqlite::Connection, visit: VisitId) -> Result<Option<VisitId>> {
    Ok(conn
        .prepare_cached(
            "SELECT p.id FROM visit v JOIN visit p ON p.patient_id = v.patient_id
             WHERE v.id = ?1
               AND (p.started_at < v.started_at OR (p.started_at = v.started_at AND p.id < v.id))
             ORDER BY p.started_at DESC, p.id DESC LIMIT 1",
        )?
        .query_row([visit.0], |r| r.get(0).map(VisitId))
        .optional()?)
}

fn read_visit(conn: &rusqlite::Connection, id: VisitId) -> Result<Visit> {
    conn.prepare_cached(
        "SELECT id, patient_id, practitioner_id, started_at, visit_type, status,
                chief_complaint, subjective, objective, assessment, plan,
                signed_at, signed_by, updated_at
         FROM visit WHERE id = ?1",
    )?
    .query_row([id.0], |r| {
        let signed_at: Option<String> = r.get(11)?;
        Ok(Visit {
            id: VisitId(r.get(0)?),
            patient_id: PatientId(r.get(1)?),
            practitioner_id: PractitionerId(r.get(2)?),
            started_at: column_time(r, 3)?,
            visit_type: column_code(r, 4, VisitType::from_code)?,
            status: column_code(r, 5, VisitStatus::from_code)?,
            texts: NoteTexts {
                chief_complaint: r.get(6)?,
                subjective: r.get(7)?,
                objective: r.get(8)?,
                assessment: r.get(9)?,
                plan: r.get(10)?,
            },
            signed_at: match signed_at {
                Some(_) => Some(column_time(r, 11)?),
                None => None,
            },
            signed_by: r.get::<_, Option<i64>>(12)?.map(PractitionerId),
            updated_at: column_time(r, 13)?,
        })
    })
    .optional()?
    .ok_or_else(|| StoreError::NotFound(id.to_string()))
}

impl Store {
    /// One visit with its whole note.
    ///
    /// # Errors
    /// [`StoreError::NotFound`].
    pub fn visit(&self, id: VisitId) -> Result<Visit> {
        read_visit(self.conn(), id)
    }

    /// The visit of the same chart just before `visit`.
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn previous_visit(&self, visit: VisitId) -> Result<Option<VisitId>> {
        read_previous_visit(self.conn(), visit)
    }

    /// A chart's visits, newest first, for the timeline.
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn visit_summaries(&self, patient: PatientId) -> Result<Vec<VisitSummary>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT v.id, v.started_at, v.visit_type, v.status, substr(v.chief_complaint, 1, 200),
                    pr.display_name,
                    EXISTS (SELECT 1 FROM draft d WHERE d.visit_id = v.id)
             FROM visit v JOIN practitioner pr ON pr.id = v.practitioner_id
             WHERE v.patient_id = ?1
             ORDER BY v.started_at DESC, v.id DESC",
        )?;
        let rows = stmt.query_map([patient.0], |r| {
            Ok(VisitSummary {
                id: VisitId(r.get(0)?),
                started_at: column_time(r, 1)?,
                visit_type: column_code(r, 2, VisitType::from_code)?,
                status: column_code(r, 3, VisitStatus::from_code)?,
                chief_complaint: r.get(4)?,
                practitioner_name: r.get(5)?,
                has_draft: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The most recent visit of a chart, if any.
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn latest_visit(&self, patient: PatientId) -> Result<Option<VisitId>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT id FROM visit WHERE patient_id = ?1 ORDER BY started_at DESC, id DESC LIMIT 1",
            )?
            .query_row([patient.0], |r| r.get(0).map(VisitId))
            .optional()?)
    }
}
