//! Outcome measures recorded at visits, and the headache diary.

use jiff::Timestamp;
use jiff::civil::Date;
use rusqlite::{OptionalExtension, params};

use super::{Result, Store, StoreError, Tx, column_date, column_time, format_time};
use crate::core::model::{PatientId, VisitId};
use crate::core::outcomes::{DiaryDay, OutcomeEntry};

/// A measure recorded at a visit, with the visit's time.
#[derive(Clone, Debug, PartialEq)]
pub struct RecordedOutcome {
    pub visit_id: VisitId,
    pub visit_at: Timestamp,
    pub entry: OutcomeEntry,
    pub score: Option<f32>,
}

fn entry_json(entry: &OutcomeEntry) -> Result<String> {
    serde_json::to_string(entry).map_err(|e| StoreError::BadValue(format!("an outcome ({e})")))
}

impl Tx<'_> {
    /// Records a measure at a visit, replacing one recorded there before.
    ///
    /// # Errors
    /// When the row cannot be written.
    pub fn upsert_outcome(
        &self,
        visit: VisitId,
        entry: &OutcomeEntry,
        score: Option<f32>,
        now: Timestamp,
    ) -> Result<()> {
        self.conn()
            .prepare_cached(
                "INSERT INTO outcome (visit_id, measure, answers, score, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5)
                 ON CONFLICT (visit_id, measure) DO UPDATE SET answers = excluded.answers,
                    score = excluded.score, updated_at = excluded.updated_at",
            )?
            .execute(params![
                visit.0,
                entry.code(),
                entry_json(entry)?,
                score.map(f64::from),
                format_time(now)
            ])?;
        Ok(())
    }

    /// Removes a measure recorded by mistake; returns whether there was one.
    ///
    /// # Errors
    /// When the row cannot be written.
    pub fn delete_outcome(&self, visit: VisitId, measure: &str) -> Result<bool> {
        Ok(self.conn().execute(
            "DELETE FROM outcome WHERE visit_id = ?1 AND measure = ?2",
            params![visit.0, measure],
        )? > 0)
    }

    /// Records diary days, a day given again replacing the earlier entry.
    ///
    /// # Errors
    /// When a row cannot be written.
    pub fn upsert_diary_day(&self, patient: PatientId, day: &DiaryDay) -> Result<()> {
        self.conn()
            .prepare_cached(
                "INSERT INTO diary_day (patient_id, day, headache, hours, peak, medication,
                    missed_activity)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (patient_id, day) DO UPDATE SET headache = excluded.headache,
                    hours = excluded.hours, peak = excluded.peak,
                    medication = excluded.medication, missed_activity = excluded.missed_activity",
            )?
            .execute(params![
                patient.0,
                day.date.to_string(),
                day.headache,
                day.hours.map(f64::from),
                day.peak,
                day.medication.trim(),
                day.missed_activity
            ])?;
        Ok(())
    }
}

impl Store {
    /// Every measure recorded in a chart, oldest visit first.
    ///
    /// # Errors
    /// When the database cannot be read or an entry does not parse.
    pub fn outcomes(&self, patient: PatientId) -> Result<Vec<RecordedOutcome>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT o.visit_id, v.started_at, o.answers, o.score FROM outcome o
             JOIN visit v ON v.id = o.visit_id
             WHERE v.patient_id = ?1 ORDER BY v.started_at, v.id, o.measure",
        )?;
        let rows = stmt.query_map([patient.0], |r| {
            let answers: String = r.get(2)?;
            let entry: OutcomeEntry = serde_json::from_str(&answers).map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(
                    2,
                    rusqlite::types::Type::Text,
                    Box::new(e),
                )
            })?;
            #[allow(clippy::cast_possible_truncation)] // REAL columns hold f32 scores
            let score = r.get::<_, Option<f64>>(3)?.map(|s| s as f32);
            Ok(RecordedOutcome {
                visit_id: VisitId(r.get(0)?),
                visit_at: column_time(r, 1)?,
                entry,
                score,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A patient's diary days between two dates, inclusive, in order.
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn diary(&self, patient: PatientId, from: Date, to: Date) -> Result<Vec<DiaryDay>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT day, headache, hours, peak, medication, missed_activity FROM diary_day
             WHERE patient_id = ?1 AND day BETWEEN ?2 AND ?3 ORDER BY day",
        )?;
        let rows = stmt.query_map(params![patient.0, from.to_string(), to.to_string()], |r| {
            #[allow(clippy::cast_possible_truncation)] // hours of a day
            let hours = r.get::<_, Option<f64>>(2)?.map(|h| h as f32);
            Ok(DiaryDay {
                date: column_date(r, 0)?,
                headache: r.get(1)?,
                hours,
                peak: r.get(3)?,
                medication: r.get(4)?,
                missed_activity: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The measure of `code` recorded at a visit, if any.
    ///
    /// # Errors
    /// When the database cannot be read or the entry does not parse.
    pub fn outcome_at(&self, visit: VisitId, code: &str) -> Result<Option<OutcomeEntry>> {
        let answers: Option<String> = self
            .conn()
            .prepare_cached("SELECT answers FROM outcome WHERE visit_id = ?1 AND measure = ?2")?
            .query_row(params![visit.0, code], |r| r.get(0))
            .optional()?;
        answers
            .map(|a| {
                serde_json::from_str(&a)
                    .map_err(|e| StoreError::BadValue(format!("an outcome of {visit} ({e})")))
            })
            .transpose()
    }
}

impl Tx<'_> {
    /// Saves a visit's ICHD-3 checklist with what the program computed.
    ///
    /// # Errors
    /// When the row cannot be written.
    pub fn upsert_ichd(
        &self,
        visit: VisitId,
        checklist: &crate::core::ichd::IchdChecklist,
        met: bool,
        now: Timestamp,
    ) -> Result<()> {
        let answers = serde_json::to_string(checklist)
            .map_err(|e| StoreError::BadValue(format!("a checklist ({e})")))?;
        self.conn().execute(
            "INSERT INTO ichd_checklist (visit_id, answers, criteria_met, confirmed, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (visit_id) DO UPDATE SET answers = excluded.answers,
                criteria_met = excluded.criteria_met, confirmed = excluded.confirmed,
                updated_at = excluded.updated_at",
            params![visit.0, answers, met, checklist.confirmed, format_time(now)],
        )?;
        Ok(())
    }
}

impl Store {
    /// A visit's ICHD-3 checklist, if one was started.
    ///
    /// # Errors
    /// When the database cannot be read or the answers do not parse.
    pub fn ichd(&self, visit: VisitId) -> Result<Option<crate::core::ichd::IchdChecklist>> {
        let answers: Option<String> = self
            .conn()
            .prepare_cached("SELECT answers FROM ichd_checklist WHERE visit_id = ?1")?
            .query_row([visit.0], |r| r.get(0))
            .optional()?;
        answers
            .map(|a| {
                serde_json::from_str(&a)
                    .map_err(|e| StoreError::BadValue(format!("the checklist of {visit} ({e})")))
            })
            .transpose()
    }
}
