//! Plan templates, patients' plan versions, visit interventions and the dry
//! needling record (screening, consent, insertions).

use jiff::Timestamp;
use rusqlite::{OptionalExtension, Row, params};

use super::{Result, Store, StoreError, Tx, column_code, column_date, column_time, format_time};
use crate::core::model::{FindingId, PatientId, PractitionerId, Side, VisitId};
use crate::core::plan::{Dosage, PlanBody};
use crate::core::treatment::{
    Aftercare, Consent, ConsentForm, ExerciseStep, Intervention, InterventionId, InterventionKind,
    Needling, NeedlingId, NeedlingTechnique, PlanId, Screening, TemplateId,
};

/// A template row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateRow {
    pub id: TemplateId,
    pub shipped_key: Option<String>,
    pub body: PlanBody,
    pub retired: bool,
}

/// One version of a patient's plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanVersion {
    pub id: PlanId,
    pub patient_id: PatientId,
    pub version: u32,
    pub template_id: Option<TemplateId>,
    pub body: PlanBody,
    pub reason: String,
    pub created_by: PractitionerId,
    pub created_at: Timestamp,
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| StoreError::BadValue(format!("a plan ({e})")))
}

fn json_column<T: serde::de::DeserializeOwned>(row: &Row<'_>, index: usize) -> rusqlite::Result<T> {
    let text: String = row.get(index)?;
    serde_json::from_str(&text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn template_row(row: &Row<'_>) -> rusqlite::Result<TemplateRow> {
    Ok(TemplateRow {
        id: TemplateId(row.get(0)?),
        shipped_key: row.get(1)?,
        body: json_column(row, 2)?,
        retired: row.get::<_, Option<String>>(3)?.is_some(),
    })
}

fn plan_row(row: &Row<'_>) -> rusqlite::Result<PlanVersion> {
    Ok(PlanVersion {
        id: PlanId(row.get(0)?),
        patient_id: PatientId(row.get(1)?),
        version: row.get(2)?,
        template_id: row.get::<_, Option<i64>>(3)?.map(TemplateId),
        body: json_column(row, 4)?,
        reason: row.get(5)?,
        created_by: PractitionerId(row.get(6)?),
        created_at: column_time(row, 7)?,
    })
}

const INTERVENTION_COLUMNS: &str = "id, visit_id, kind, code, level, grade, region, sets, reps,
    hold_secs, per_side, times_per_day, days_per_week, exercise_step, minutes, response, note,
    from_plan";

fn intervention_row(row: &Row<'_>) -> rusqlite::Result<Intervention> {
    let sets: Option<u16> = row.get(7)?;
    let dosage = match sets {
        Some(sets) => Some(Dosage {
            sets,
            reps: row.get::<_, Option<u16>>(8)?.unwrap_or(1),
            hold_secs: row.get(9)?,
            per_side: row.get(10)?,
            times_per_day: row.get::<_, Option<u16>>(11)?.unwrap_or(1),
            days_per_week: row.get::<_, Option<u8>>(12)?.unwrap_or(7),
        }),
        None => None,
    };
    let step: Option<String> = row.get(13)?;
    Ok(Intervention {
        id: InterventionId(row.get(0)?),
        visit_id: VisitId(row.get(1)?),
        kind: column_code(row, 2, InterventionKind::from_code)?,
        code: row.get(3)?,
        level: row.get(4)?,
        grade: row.get(5)?,
        region: row.get(6)?,
        dosage,
        exercise_step: step.as_deref().and_then(ExerciseStep::from_code),
        minutes: row.get(14)?,
        response: row.get(15)?,
        note: row.get(16)?,
        from_plan: row.get(17)?,
    })
}

const NEEDLING_COLUMNS: &str = "id, visit_id, finding_id, muscle, side, needle, needles_in,
    needles_out, technique, depth, retention_secs, twitch_count, familiar_pain, response";

fn needling_row(row: &Row<'_>) -> rusqlite::Result<Needling> {
    Ok(Needling {
        id: NeedlingId(row.get(0)?),
        visit_id: VisitId(row.get(1)?),
        finding_id: row.get::<_, Option<i64>>(2)?.map(FindingId),
        muscle: row.get(3)?,
        side: column_code(row, 4, Side::from_code)?,
        needle: row.get(5)?,
        needles_in: row.get(6)?,
        needles_out: row.get(7)?,
        technique: column_code(row, 8, NeedlingTechnique::from_code)?,
        depth: row.get(9)?,
        retention_secs: row.get(10)?,
        twitch_count: row.get(11)?,
        familiar_pain: row.get(12)?,
        response: row.get(13)?,
    })
}

fn read_screening(conn: &rusqlite::Connection, patient: PatientId) -> Result<Option<Screening>> {
    Ok(conn
        .prepare_cached(
            "SELECT patient_id, flagged, note, screened_by, screened_at FROM needling_screening
             WHERE patient_id = ?1 ORDER BY screened_at DESC, id DESC LIMIT 1",
        )?
        .query_row([patient.0], |r| {
            Ok(Screening {
                patient_id: PatientId(r.get(0)?),
                flagged: json_column(r, 1)?,
                note: r.get(2)?,
                screened_by: PractitionerId(r.get(3)?),
                screened_at: column_time(r, 4)?,
            })
        })
        .optional()?)
}

fn read_consent(conn: &rusqlite::Connection, patient: PatientId) -> Result<Option<Consent>> {
    Ok(conn
        .prepare_cached(
            "SELECT patient_id, form, explained, note, recorded_by, consented_on
             FROM needling_consent WHERE patient_id = ?1
             ORDER BY consented_on DESC, id DESC LIMIT 1",
        )?
        .query_row([patient.0], |r| {
            Ok(Consent {
                patient_id: PatientId(r.get(0)?),
                form: column_code(r, 1, ConsentForm::from_code)?,
                explained: json_column(r, 2)?,
                note: r.get(3)?,
                recorded_by: PractitionerId(r.get(4)?),
                consented_on: column_date(r, 5)?,
            })
        })
        .optional()?)
}

fn read_current_plan(
    conn: &rusqlite::Connection,
    patient: PatientId,
) -> Result<Option<PlanVersion>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, patient_id, version, template_id, body, reason, created_by, created_at
             FROM patient_plan WHERE patient_id = ?1 ORDER BY version DESC LIMIT 1",
        )?
        .query_row([patient.0], plan_row)
        .optional()?)
}

impl Tx<'_> {
    /// Checks that a patient exists.
    ///
    /// # Errors
    /// [`StoreError::NotFound`].
    pub fn require_patient(&self, patient: PatientId) -> Result<()> {
        if self
            .conn()
            .prepare_cached("SELECT 1 FROM patient WHERE id = ?1")?
            .exists([patient.0])?
        {
            Ok(())
        } else {
            Err(StoreError::NotFound(patient.to_string()))
        }
    }

    /// Adds a template; `shipped_key` for one seeded from `assets/`.
    ///
    /// # Errors
    /// When the row cannot be written.
    pub fn insert_template(
        &self,
        shipped_key: Option<&str>,
        body: &PlanBody,
        now: Timestamp,
    ) -> Result<TemplateId> {
        self.conn()
            .prepare_cached(
                "INSERT INTO plan_template (shipped_key, name, body, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?4)",
            )?
            .execute(params![
                shipped_key,
                body.name,
                to_json(body)?,
                format_time(now)
            ])?;
        Ok(TemplateId(self.conn().last_insert_rowid()))
    }

    /// Whether a shipped template was ever seeded (retired ones count).
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn has_shipped_template(&self, key: &str) -> Result<bool> {
        Ok(self
            .conn()
            .prepare_cached("SELECT 1 FROM plan_template WHERE shipped_key = ?1")?
            .exists([key])?)
    }

    /// Replaces a template's content.
    ///
    /// # Errors
    /// [`StoreError::NotFound`].
    pub fn update_template(&self, id: TemplateId, body: &PlanBody, now: Timestamp) -> Result<()> {
        let changed = self.conn().execute(
            "UPDATE plan_template SET name = ?2, body = ?3, updated_at = ?4 WHERE id = ?1",
            params![id.0, body.name, to_json(body)?, format_time(now)],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound(id.to_string()));
        }
        Ok(())
    }

    /// Retires a template (kept for the plans made from it) or brings it back.
    ///
    /// # Errors
    /// [`StoreError::NotFound`].
    pub fn set_template_retired(
        &self,
        id: TemplateId,
        retired: bool,
        now: Timestamp,
    ) -> Result<()> {
        let at = retired.then(|| format_time(now));
        let changed = self.conn().execute(
            "UPDATE plan_template SET retired_at = ?2, updated_at = ?3 WHERE id = ?1",
            params![id.0, at, format_time(now)],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound(id.to_string()));
        }
        Ok(())
    }

    /// Reads a template inside the transaction.
    ///
    /// # Errors
    /// [`StoreError::NotFound`].
    pub fn template(&self, id: TemplateId) -> Result<TemplateRow> {
        self.conn()
            .prepare_cached(
                "SELECT id, shipped_key, body, retired_at FROM plan_template WHERE id = ?1",
            )?
            .query_row([id.0], template_row)
            .optional()?
            .ok_or_else(|| StoreError::NotFound(id.to_string()))
    }

    /// Adds the next version of a patient's plan.
    ///
    /// # Errors
    /// When the row cannot be written.
    pub fn insert_plan_version(
        &self,
        patient: PatientId,
        template: Option<TemplateId>,
        body: &PlanBody,
        reason: &str,
        by: PractitionerId,
        now: Timestamp,
    ) -> Result<PlanId> {
        self.conn()
            .prepare_cached(
                "INSERT INTO patient_plan (patient_id, version, template_id, body, reason,
                    created_by, created_at)
                 VALUES (?1, (SELECT coalesce(max(version), 0) + 1 FROM patient_plan
                              WHERE patient_id = ?1), ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                patient.0,
                template.map(|t| t.0),
                to_json(body)?,
                reason,
                by.0,
                format_time(now)
            ])?;
        Ok(PlanId(self.conn().last_insert_rowid()))
    }

    /// The newest version of a patient's plan, inside the transaction.
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn current_plan(&self, patient: PatientId) -> Result<Option<PlanVersion>> {
        read_current_plan(self.conn(), patient)
    }

    /// Adds an intervention.
    ///
    /// # Errors
    /// When the row cannot be written.
    pub fn insert_intervention(
        &self,
        entry: &Intervention,
        now: Timestamp,
    ) -> Result<InterventionId> {
        self.conn()
            .prepare_cached(
                "INSERT INTO intervention (visit_id, kind, code, level, grade, region, sets, reps,
                    hold_secs, per_side, times_per_day, days_per_week, exercise_step, minutes,
                    response, note, from_plan, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                    ?17, ?18, ?18)",
            )?
            .execute(params![
                entry.visit_id.0,
                entry.kind.code(),
                entry.code,
                entry.level,
                entry.grade,
                entry.region,
                entry.dosage.map(|d| d.sets),
                entry.dosage.map(|d| d.reps),
                entry.dosage.and_then(|d| d.hold_secs),
                entry.dosage.is_some_and(|d| d.per_side),
                entry.dosage.map(|d| d.times_per_day),
                entry.dosage.map(|d| d.days_per_week),
                entry.exercise_step.map(ExerciseStep::code),
                entry.minutes,
                entry.response,
                entry.note,
                entry.from_plan,
                format_time(now),
            ])?;
        Ok(InterventionId(self.conn().last_insert_rowid()))
    }

    /// Replaces an intervention's fields (not its visit or kind).
    ///
    /// # Errors
    /// [`StoreError::NotFound`].
    pub fn update_intervention(&self, entry: &Intervention, now: Timestamp) -> Result<()> {
        let changed = self
            .conn()
            .prepare_cached(
                "UPDATE intervention SET code = ?2, level = ?3, grade = ?4, region = ?5,
                    sets = ?6, reps = ?7, hold_secs = ?8, per_side = ?9, times_per_day = ?10,
                    days_per_week = ?11, exercise_step = ?12, minutes = ?13, response = ?14,
                    note = ?15, updated_at = ?16
                 WHERE id = ?1",
            )?
            .execute(params![
                entry.id.0,
                entry.code,
                entry.level,
                entry.grade,
                entry.region,
                entry.dosage.map(|d| d.sets),
                entry.dosage.map(|d| d.reps),
                entry.dosage.and_then(|d| d.hold_secs),
                entry.dosage.is_some_and(|d| d.per_side),
                entry.dosage.map(|d| d.times_per_day),
                entry.dosage.map(|d| d.days_per_week),
                entry.exercise_step.map(ExerciseStep::code),
                entry.minutes,
                entry.response,
                entry.note,
                format_time(now),
            ])?;
        if changed == 0 {
            return Err(StoreError::NotFound(entry.id.to_string()));
        }
        Ok(())
    }

    /// Reads an intervention inside the transaction.
    ///
    /// # Errors
    /// [`StoreError::NotFound`].
    pub fn intervention(&self, id: InterventionId) -> Result<Intervention> {
        self.conn()
            .prepare_cached(&format!(
                "SELECT {INTERVENTION_COLUMNS} FROM intervention WHERE id = ?1"
            ))?
            .query_row([id.0], intervention_row)
            .optional()?
            .ok_or_else(|| StoreError::NotFound(id.to_string()))
    }

    /// Removes an intervention recorded by mistake.
    ///
    /// # Errors
    /// [`StoreError::NotFound`].
    pub fn delete_intervention(&self, id: InterventionId) -> Result<()> {
        if self
            .conn()
            .execute("DELETE FROM intervention WHERE id = ?1", [id.0])?
            == 0
        {
            return Err(StoreError::NotFound(id.to_string()));
        }
        Ok(())
    }

    /// The visit's interventions, inside the transaction.
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn interventions(&self, visit: VisitId) -> Result<Vec<Intervention>> {
        read_interventions(self.conn(), visit)
    }

    /// Records a needling screening.
    ///
    /// # Errors
    /// When the row cannot be written.
    pub fn insert_screening(&self, screening: &Screening) -> Result<()> {
        self.conn().execute(
            "INSERT INTO needling_screening (patient_id, flagged, note, screened_by, screened_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                screening.patient_id.0,
                to_json(&screening.flagged)?,
                screening.note,
                screening.screened_by.0,
                format_time(screening.screened_at)
            ],
        )?;
        Ok(())
    }

    /// Records consent to needling.
    ///
    /// # Errors
    /// When the row cannot be written.
    pub fn insert_consent(&self, consent: &Consent, now: Timestamp) -> Result<()> {
        self.conn().execute(
            "INSERT INTO needling_consent (patient_id, form, explained, note, recorded_by,
                consented_on, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                consent.patient_id.0,
                consent.form.code(),
                to_json(&consent.explained)?,
                consent.note,
                consent.recorded_by.0,
                consent.consented_on.to_string(),
                format_time(now)
            ],
        )?;
        Ok(())
    }

    /// The screening on file, inside the transaction.
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn screening(&self, patient: PatientId) -> Result<Option<Screening>> {
        read_screening(self.conn(), patient)
    }

    /// The consent on file, inside the transaction.
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn consent(&self, patient: PatientId) -> Result<Option<Consent>> {
        read_consent(self.conn(), patient)
    }

    /// Adds a needled site.
    ///
    /// # Errors
    /// When the row cannot be written.
    pub fn insert_needling(&self, entry: &Needling, now: Timestamp) -> Result<NeedlingId> {
        self.conn()
            .prepare_cached(
                "INSERT INTO needling (visit_id, finding_id, muscle, side, needle, needles_in,
                    needles_out, technique, depth, retention_secs, twitch_count, familiar_pain,
                    response, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)",
            )?
            .execute(params![
                entry.visit_id.0,
                entry.finding_id.map(|f| f.0),
                entry.muscle,
                entry.side.code(),
                entry.needle,
                entry.needles_in,
                entry.needles_out,
                entry.technique.code(),
                entry.depth,
                entry.retention_secs,
                entry.twitch_count,
                entry.familiar_pain,
                entry.response,
                format_time(now),
            ])?;
        Ok(NeedlingId(self.conn().last_insert_rowid()))
    }

    /// Replaces a needled site's fields (not its visit).
    ///
    /// # Errors
    /// [`StoreError::NotFound`].
    pub fn update_needling(&self, entry: &Needling, now: Timestamp) -> Result<()> {
        let changed = self
            .conn()
            .prepare_cached(
                "UPDATE needling SET finding_id = ?2, muscle = ?3, side = ?4, needle = ?5,
                    needles_in = ?6, needles_out = ?7, technique = ?8, depth = ?9,
                    retention_secs = ?10, twitch_count = ?11, familiar_pain = ?12, response = ?13,
                    updated_at = ?14
                 WHERE id = ?1",
            )?
            .execute(params![
                entry.id.0,
                entry.finding_id.map(|f| f.0),
                entry.muscle,
                entry.side.code(),
                entry.needle,
                entry.needles_in,
                entry.needles_out,
                entry.technique.code(),
                entry.depth,
                entry.retention_secs,
                entry.twitch_count,
                entry.familiar_pain,
                entry.response,
                format_time(now),
            ])?;
        if changed == 0 {
            return Err(StoreError::NotFound(entry.id.to_string()));
        }
        Ok(())
    }

    /// Reads a needled site inside the transaction.
    ///
    /// # Errors
    /// [`StoreError::NotFound`].
    pub fn needling(&self, id: NeedlingId) -> Result<Needling> {
        self.conn()
            .prepare_cached(&format!(
                "SELECT {NEEDLING_COLUMNS} FROM needling WHERE id = ?1"
            ))?
            .query_row([id.0], needling_row)
            .optional()?
            .ok_or_else(|| StoreError::NotFound(id.to_string()))
    }

    /// Removes a needled site recorded by mistake.
    ///
    /// # Errors
    /// [`StoreError::NotFound`].
    pub fn delete_needling(&self, id: NeedlingId) -> Result<()> {
        if self
            .conn()
            .execute("DELETE FROM needling WHERE id = ?1", [id.0])?
            == 0
        {
            return Err(StoreError::NotFound(id.to_string()));
        }
        Ok(())
    }

    /// The ids of the visit's needled sites.
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn needling_ids(&self, visit: VisitId) -> Result<Vec<NeedlingId>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT id FROM needling WHERE visit_id = ?1 ORDER BY id")?;
        let rows = stmt.query_map([visit.0], |r| r.get(0).map(NeedlingId))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Records what followed the needling at a visit (one row per visit).
    ///
    /// # Errors
    /// When the row cannot be written.
    pub fn upsert_aftercare(
        &self,
        visit: VisitId,
        after: &Aftercare,
        now: Timestamp,
    ) -> Result<()> {
        self.conn().execute(
            "INSERT INTO needling_aftercare (visit_id, sharps_disposed, immediate_response, advice,
                adverse_events, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (visit_id) DO UPDATE SET sharps_disposed = excluded.sharps_disposed,
                immediate_response = excluded.immediate_response, advice = excluded.advice,
                adverse_events = excluded.adverse_events, updated_at = excluded.updated_at",
            params![
                visit.0,
                after.sharps_disposed,
                after.immediate_response,
                after.advice,
                after.adverse_events,
                format_time(now)
            ],
        )?;
        Ok(())
    }

    /// The needles that went in and came out at a visit, in total.
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn needle_totals(&self, visit: VisitId) -> Result<(u32, u32)> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT coalesce(sum(needles_in), 0), coalesce(sum(needles_out), 0)
                 FROM needling WHERE visit_id = ?1",
            )?
            .query_row([visit.0], |r| Ok((r.get(0)?, r.get(1)?)))?)
    }
}

fn read_interventions(conn: &rusqlite::Connection, visit: VisitId) -> Result<Vec<Intervention>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {INTERVENTION_COLUMNS} FROM intervention WHERE visit_id = ?1 ORDER BY id"
    ))?;
    let rows = stmt.query_map([visit.0], intervention_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Store {
    /// The clinic's templates, active ones first, by name.
    ///
    /// # Errors
    /// When the database cannot be read or a body does not parse.
    pub fn templates(&self) -> Result<Vec<TemplateRow>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, shipped_key, body, retired_at FROM plan_template
             ORDER BY retired_at IS NOT NULL, name COLLATE NOCASE, id",
        )?;
        let rows = stmt.query_map([], template_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The newest version of a patient's plan.
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn current_plan(&self, patient: PatientId) -> Result<Option<PlanVersion>> {
        read_current_plan(self.conn(), patient)
    }

    /// Every version of a patient's plan, newest first.
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn plan_versions(&self, patient: PatientId) -> Result<Vec<PlanVersion>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, patient_id, version, template_id, body, reason, created_by, created_at
             FROM patient_plan WHERE patient_id = ?1 ORDER BY version DESC",
        )?;
        let rows = stmt.query_map([patient.0], plan_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A visit's interventions, in the order recorded.
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn interventions(&self, visit: VisitId) -> Result<Vec<Intervention>> {
        read_interventions(self.conn(), visit)
    }

    /// A visit's needled sites, in the order recorded.
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn needlings(&self, visit: VisitId) -> Result<Vec<Needling>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {NEEDLING_COLUMNS} FROM needling WHERE visit_id = ?1 ORDER BY id"
        ))?;
        let rows = stmt.query_map([visit.0], needling_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The needling screening on file for a patient.
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn screening(&self, patient: PatientId) -> Result<Option<Screening>> {
        read_screening(self.conn(), patient)
    }

    /// What followed the needling at a visit, if recorded.
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn aftercare(&self, visit: VisitId) -> Result<Option<Aftercare>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT sharps_disposed, immediate_response, advice, adverse_events
                 FROM needling_aftercare WHERE visit_id = ?1",
            )?
            .query_row([visit.0], |r| {
                Ok(Aftercare {
                    sharps_disposed: r.get(0)?,
                    immediate_response: r.get(1)?,
                    advice: r.get(2)?,
                    adverse_events: r.get(3)?,
                })
            })
            .optional()?)
    }

    /// The needling consent on file for a patient.
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn consent(&self, patient: PatientId) -> Result<Option<Consent>> {
        read_consent(self.conn(), patient)
    }
}

impl Store {
    /// The clinic's details; empty until set.
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn clinic(&self) -> Result<crate::core::model::Clinic> {
        use crate::core::model::{Clinic, Paper};
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT name, address, phone, email, paper, logo FROM clinic_setting WHERE id = 1",
            )?
            .query_row([], |r| {
                Ok(Clinic {
                    name: r.get(0)?,
                    address: r.get(1)?,
                    phone: r.get(2)?,
                    email: r.get(3)?,
                    paper: column_code(r, 4, Paper::from_code)?,
                    logo: r.get(5)?,
                })
            })
            .optional()?
            .unwrap_or_default())
    }
}

impl Tx<'_> {
    /// Saves the clinic's details.
    ///
    /// # Errors
    /// When the row cannot be written.
    pub fn save_clinic(&self, clinic: &crate::core::model::Clinic) -> Result<()> {
        self.conn().execute(
            "INSERT INTO clinic_setting (id, name, address, phone, email, paper, logo)
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, address = excluded.address,
                phone = excluded.phone, email = excluded.email, paper = excluded.paper,
                logo = excluded.logo",
            params![
                clinic.name.trim(),
                clinic.address.trim(),
                clinic.phone.trim(),
                clinic.email.trim(),
                clinic.paper.code(),
                clinic.logo
            ],
        )?;
        Ok(())
    }
}

impl Tx<'_> {
    /// Records a document printed, exported or opened.
    ///
    /// # Errors
    /// When the row cannot be written.
    pub fn insert_document(
        &self,
        record: &crate::core::model::DocumentRecord,
        by: Option<PractitionerId>,
    ) -> Result<()> {
        self.conn().execute(
            "INSERT INTO document_export (patient_id, visit_id, kind, action, path,
                practitioner_id, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                record.patient_id.0,
                record.visit_id.map(|v| v.0),
                record.kind.code(),
                record.action.code(),
                record.path,
                by.map(|p| p.0),
                format_time(record.at)
            ],
        )?;
        Ok(())
    }
}

impl Store {
    /// The documents of a chart, newest first.
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn documents(&self, patient: PatientId) -> Result<Vec<crate::core::model::DocumentRecord>> {
        use crate::core::model::{DocumentAction, DocumentKind, DocumentRecord};
        let mut stmt = self.conn().prepare_cached(
            "SELECT patient_id, visit_id, kind, action, path, created_at FROM document_export
             WHERE patient_id = ?1 ORDER BY created_at DESC, id DESC",
        )?;
        let rows = stmt.query_map([patient.0], |r| {
            Ok(DocumentRecord {
                patient_id: PatientId(r.get(0)?),
                visit_id: r.get::<_, Option<i64>>(1)?.map(VisitId),
                kind: column_code(r, 2, DocumentKind::from_code)?,
                action: column_code(r, 3, DocumentAction::from_code)?,
                path: r.get(4)?,
                at: column_time(r, 5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
