//! Draft rows: autosaved text of a visit field that has not been saved into the visit.

use jiff::Timestamp;
use rusqlite::params;

use super::{Result, Store, Tx, column_code, column_time, format_time};
use crate::core::model::{Draft, NoteField, PatientId, PendingDraft, VisitId, display_name};

impl Tx<'_> {
    /// Writes (or replaces) the draft of one field.
    ///
    /// # Errors
    /// When the row cannot be written (for example the visit does not exist).
    pub fn upsert_draft(
        &self,
        visit: VisitId,
        field: NoteField,
        body: &str,
        now: Timestamp,
    ) -> Result<()> {
        self.conn()
            .prepare_cached(
                "INSERT INTO draft (visit_id, field, body, saved_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (visit_id, field) DO UPDATE SET body = excluded.body, saved_at = excluded.saved_at",
            )?
            .execute(params![visit.0, field.code(), body, format_time(now)])?;
        Ok(())
    }

    /// Removes every draft of a visit; returns how many there were.
    ///
    /// # Errors
    /// When the rows cannot be removed.
    pub fn delete_drafts(&self, visit: VisitId) -> Result<usize> {
        Ok(self
            .conn()
            .prepare_cached("DELETE FROM draft WHERE visit_id = ?1")?
            .execute([visit.0])?)
    }

    /// True when the visit holds autosaved text.
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn has_drafts(&self, visit: VisitId) -> Result<bool> {
        Ok(self
            .conn()
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM draft WHERE visit_id = ?1)")?
            .query_row([visit.0], |r| r.get(0))?)
    }
}

impl Store {
    /// The drafts of one visit.
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn drafts(&self, visit: VisitId) -> Result<Vec<Draft>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT visit_id, field, body, saved_at FROM draft WHERE visit_id = ?1 ORDER BY field",
        )?;
        let rows = stmt.query_map([visit.0], |r| {
            Ok(Draft {
                visit_id: VisitId(r.get(0)?),
                field: column_code(r, 1, NoteField::from_code)?,
                body: r.get(2)?,
                saved_at: column_time(r, 3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every visit that holds drafts, newest first: what a crash left behind.
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn pending_drafts(&self) -> Result<Vec<PendingDraft>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT d.visit_id, v.patient_id, p.chart_number, p.given_name, p.family_name,
                    p.preferred_name, v.started_at, group_concat(d.field), max(d.saved_at)
             FROM draft d JOIN visit v ON v.id = d.visit_id JOIN patient p ON p.id = v.patient_id
             GROUP BY d.visit_id ORDER BY max(d.saved_at) DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            let fields: String = r.get(7)?;
            Ok(PendingDraft {
                visit_id: VisitId(r.get(0)?),
                patient_id: PatientId(r.get(1)?),
                chart_number: r.get(2)?,
                patient_name: display_name(
                    &r.get::<_, String>(3)?,
                    &r.get::<_, String>(4)?,
                    &r.get::<_, String>(5)?,
                ),
                visit_started_at: column_time(r, 6)?,
                fields: fields.split(',').filter_map(NoteField::from_code).collect(),
                last_saved_at: column_time(r, 8)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
