//! Patient rows: insert, update, archive, read, list in name order, and search.

use jiff::Timestamp;
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{Result, Store, StoreError, Tx, column_code, column_date, column_time, format_time};
use crate::core::model::{Patient, PatientDetails, PatientId, PatientRow, PatientSearch, Sex};

const ROW_COLUMNS: &str =
    "p.id, p.chart_number, p.given_name, p.family_name, p.preferred_name, p.date_of_birth";

/// The prefix of chart numbers the program suggests.
const CHART_PREFIX: &str = "C-";

fn patient_row(row: &Row<'_>) -> rusqlite::Result<PatientRow> {
    Ok(PatientRow {
        id: PatientId(row.get(0)?),
        chart_number: row.get(1)?,
        given_name: row.get(2)?,
        family_name: row.get(3)?,
        preferred_name: row.get(4)?,
        date_of_birth: column_date(row, 5)?,
    })
}

fn map_unique(err: rusqlite::Error) -> StoreError {
    if let rusqlite::Error::SqliteFailure(e, Some(message)) = &err
        && e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
        && message.contains("patient.chart_number")
    {
        return StoreError::DuplicateChartNumber;
    }
    StoreError::Sqlite(err)
}

impl Tx<'_> {
    /// Inserts a patient and returns its id.
    ///
    /// # Errors
    /// [`StoreError::DuplicateChartNumber`] when the chart number is taken.
    pub fn insert_patient(&self, details: &PatientDetails, now: Timestamp) -> Result<PatientId> {
        let now = format_time(now);
        self.conn()
            .prepare_cached(
                "INSERT INTO patient (chart_number, given_name, family_name, preferred_name,
                    date_of_birth, sex, phone, email, address, emergency_contact,
                    referral_source, notes, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)",
            )?
            .execute(params![
                details.chart_number,
                details.given_name,
                details.family_name,
                details.preferred_name,
                details.date_of_birth.to_string(),
                details.sex.code(),
                details.phone,
                details.email,
                details.address,
                details.emergency_contact,
                details.referral_source,
                details.notes,
                now,
            ])
            .map_err(map_unique)?;
        Ok(PatientId(self.conn().last_insert_rowid()))
    }

    /// Replaces a patient's details.
    ///
    /// # Errors
    /// [`StoreError::DuplicateChartNumber`], or [`StoreError::NotFound`].
    pub fn update_patient(
        &self,
        id: PatientId,
        details: &PatientDetails,
        now: Timestamp,
    ) -> Result<()> {
        let changed = self
            .conn()
            .prepare_cached(
                "UPDATE patient SET chart_number = ?2, given_name = ?3, family_name = ?4,
                    preferred_name = ?5, date_of_birth = ?6, sex = ?7, phone = ?8, email = ?9,
                    address = ?10, emergency_contact = ?11, referral_source = ?12, notes = ?13,
                    updated_at = ?14
                 WHERE id = ?1",
            )?
            .execute(params![
                id.0,
                details.chart_number,
                details.given_name,
                details.family_name,
                details.preferred_name,
                details.date_of_birth.to_string(),
                details.sex.code(),
                details.phone,
                details.email,
                details.address,
                details.emergency_contact,
                details.referral_source,
                details.notes,
                format_time(now),
            ])
            .map_err(map_unique)?;
        if changed == 0 {
            return Err(StoreError::NotFound(id.to_string()));
        }
        Ok(())
    }

    /// Archives (hides from the list and search) or restores a patient.
    ///
    /// # Errors
    /// [`StoreError::NotFound`].
    pub fn set_patient_archived(
        &self,
        id: PatientId,
        archived: bool,
        now: Timestamp,
    ) -> Result<()> {
        let changed = self.conn().execute(
            "UPDATE patient SET archived = ?2, updated_at = ?3 WHERE id = ?1",
            params![id.0, archived, format_time(now)],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound(id.to_string()));
        }
        Ok(())
    }

    /// True when another patient than `except` holds `chart_number` (ignoring case).
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn chart_number_taken(
        &self,
        chart_number: &str,
        except: Option<PatientId>,
    ) -> Result<bool> {
        chart_number_taken(self.conn(), chart_number, except)
    }
}

fn chart_number_taken(
    conn: &Connection,
    chart_number: &str,
    except: Option<PatientId>,
) -> Result<bool> {
    let found: Option<i64> = conn
        .prepare_cached("SELECT id FROM patient WHERE chart_number = ?1")?
        .query_row([chart_number], |r| r.get(0))
        .optional()?;
    Ok(matches!(found, Some(id) if Some(PatientId(id)) != except))
}

impl Store {
    /// One patient with all details.
    ///
    /// # Errors
    /// [`StoreError::NotFound`].
    pub fn patient(&self, id: PatientId) -> Result<Patient> {
        self.conn()
            .prepare_cached(
                "SELECT id, chart_number, given_name, family_name, preferred_name, date_of_birth,
                    sex, phone, email, address, emergency_contact, referral_source, notes,
                    created_at, updated_at, archived
                 FROM patient WHERE id = ?1",
            )?
            .query_row([id.0], |row| {
                Ok(Patient {
                    id: PatientId(row.get(0)?),
                    details: PatientDetails {
                        chart_number: row.get(1)?,
                        given_name: row.get(2)?,
                        family_name: row.get(3)?,
                        preferred_name: row.get(4)?,
                        date_of_birth: column_date(row, 5)?,
                        sex: column_code(row, 6, Sex::from_code)?,
                        phone: row.get(7)?,
                        email: row.get(8)?,
                        address: row.get(9)?,
                        emergency_contact: row.get(10)?,
                        referral_source: row.get(11)?,
                        notes: row.get(12)?,
                    },
                    created_at: column_time(row, 13)?,
                    updated_at: column_time(row, 14)?,
                    archived: row.get(15)?,
                })
            })
            .optional()?
            .ok_or_else(|| StoreError::NotFound(id.to_string()))
    }

    /// The patient with this chart number (ignoring case), if any.
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn patient_by_chart_number(&self, chart_number: &str) -> Result<Option<PatientId>> {
        Ok(self
            .conn()
            .prepare_cached("SELECT id FROM patient WHERE chart_number = ?1")?
            .query_row([chart_number], |r| r.get(0).map(PatientId))
            .optional()?)
    }

    /// True when a patient other than `except` holds `chart_number`.
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn chart_number_taken(
        &self,
        chart_number: &str,
        except: Option<PatientId>,
    ) -> Result<bool> {
        chart_number_taken(self.conn(), chart_number, except)
    }

    /// A free chart number of the form `C-00042`, for a new patient.
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn next_chart_number(&self) -> Result<String> {
        let mut n: i64 =
            self.conn()
                .query_row("SELECT coalesce(max(id), 0) + 1 FROM patient", [], |r| {
                    r.get(0)
                })?;
        loop {
            let candidate = format!("{CHART_PREFIX}{n:05}");
            if !chart_number_taken(self.conn(), &candidate, None)? {
                return Ok(candidate);
            }
            n += 1;
        }
    }

    /// True when the database holds any patient, archived or not. Constant
    /// time, unlike a count, so the UI may ask every frame.
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn has_patients(&self) -> Result<bool> {
        Ok(self
            .conn()
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM patient)")?
            .query_row([], |r| r.get(0))?)
    }

    /// How many patients are not archived.
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn active_patient_count(&self) -> Result<u64> {
        let n: i64 = self
            .conn()
            .prepare_cached("SELECT count(*) FROM patient WHERE archived = 0")?
            .query_row([], |r| r.get(0))?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// `limit` patients in name order from position `offset`: the rows that the
    /// list's visible window needs, and no more.
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn patient_page(&self, offset: u64, limit: u64) -> Result<Vec<PatientRow>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {ROW_COLUMNS} FROM patient p WHERE p.archived = 0
             ORDER BY p.family_name COLLATE NOCASE, p.given_name COLLATE NOCASE, p.id
             LIMIT ?1 OFFSET ?2"
        ))?;
        let rows = stmt.query_map(params![clamp(limit), clamp(offset)], patient_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Patients matching `query` through the full-text index, in name order,
    /// at most `limit`. An empty query matches nothing.
    ///
    /// Sorting by name costs a row read per match, so a query that matches
    /// more than [`SEARCH_SAMPLE`] patients (the first letter of a name, the
    /// area code every phone shares) sorts only the first [`SEARCH_SAMPLE`]
    /// matches and says so; the next letters typed narrow it to an exact list.
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn search_patients(&self, query: &str, limit: u64) -> Result<PatientSearch> {
        let Some(expression) = fts_expression(query) else {
            return Ok(PatientSearch::default());
        };
        let matched: i64 = self
            .conn()
            .prepare_cached(
                "SELECT count(*) FROM (SELECT rowid FROM patient_search WHERE patient_search MATCH ?1 LIMIT ?2)",
            )?
            .query_row(params![expression, SEARCH_SAMPLE + 1], |r| r.get(0))?;
        // CROSS JOIN keeps the matches as the outer loop. Left to itself the
        // planner may walk the whole name index to avoid a sort, probing the
        // matches row by row: ten times slower for names late in the alphabet.
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {ROW_COLUMNS}
             FROM (SELECT rowid AS id FROM patient_search WHERE patient_search MATCH ?1 LIMIT ?3) s
             CROSS JOIN patient p ON p.id = s.id
             WHERE p.archived = 0
             ORDER BY p.family_name COLLATE NOCASE, p.given_name COLLATE NOCASE, p.id
             LIMIT ?2"
        ))?;
        let rows: Vec<PatientRow> = stmt
            .query_map(
                params![expression, clamp(limit), SEARCH_SAMPLE],
                patient_row,
            )?
            .collect::<rusqlite::Result<_>>()?;
        let complete = matched <= SEARCH_SAMPLE;
        Ok(PatientSearch {
            rows,
            matches: usize::try_from(matched).unwrap_or(0),
            complete,
        })
    }

    /// The same search done the naive way, scanning every row with
    /// `LIKE '%q%'`. Only for the benchmark's comparison.
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn search_patients_naive(&self, query: &str, limit: u64) -> Result<Vec<PatientRow>> {
        let pattern = format!("%{}%", query.trim());
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {ROW_COLUMNS} FROM patient p
             WHERE p.archived = 0 AND (p.given_name LIKE ?1 OR p.family_name LIKE ?1
                OR p.preferred_name LIKE ?1 OR p.chart_number LIKE ?1 OR p.phone LIKE ?1
                OR p.date_of_birth LIKE ?1)
             ORDER BY p.family_name COLLATE NOCASE, p.given_name COLLATE NOCASE, p.id
             LIMIT ?2"
        ))?;
        let rows = stmt.query_map(params![pattern, clamp(limit)], patient_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// The most matches a search sorts by name (see [`Store::search_patients`]).
pub const SEARCH_SAMPLE: i64 = 1_000;

fn clamp(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Turns what a user typed into an FTS5 expression: every word must match as
/// a prefix. A word made of digits and separators (a phone number, a birth
/// date, the number part of a chart number) is matched by its digits, so
/// "555-01", "(555) 01" and "55501" find the same patient; a date typed as
/// dd/mm/yyyy or mm/dd/yyyy is also tried as yyyymmdd.
#[must_use]
pub fn fts_expression(query: &str) -> Option<String> {
    let terms: Vec<String> = query.split_whitespace().filter_map(fts_term).collect();
    if terms.is_empty() {
        None
    } else {
        Some(terms.join(" AND "))
    }
}

fn fts_term(word: &str) -> Option<String> {
    let is_separator = |c: char| matches!(c, '-' | '/' | '.' | '(' | ')' | '+');
    let digits: String = word.chars().filter(char::is_ascii_digit).collect();
    if !digits.is_empty() && word.chars().all(|c| c.is_ascii_digit() || is_separator(c)) {
        let mut alternatives = vec![format!("\"{digits}\"*")];
        let parts: Vec<&str> = word.split(['/', '.', '-']).collect();
        if let [a, b, year] = parts.as_slice()
            && year.len() == 4
            && a.len() <= 2
            && b.len() <= 2
            && !a.is_empty()
            && !b.is_empty()
        {
            alternatives.push(format!("\"{year}{b:0>2}{a:0>2}\""));
            alternatives.push(format!("\"{year}{a:0>2}{b:0>2}\""));
        }
        return Some(format!("({})", alternatives.join(" OR ")));
    }
    // Anything else is one quoted phrase, so that FTS5 syntax characters in a
    // name (quotes, asterisks, colons) are searched for, never interpreted.
    let has_token_char = word.chars().any(char::is_alphanumeric);
    has_token_char.then(|| format!("\"{}\"*", fold_letters(word).replace('"', "\"\"")))
}

/// Spells the letters that Unicode does not decompose in plain Latin, the same
/// way as the `search_names` column of `schema.sql`.
fn fold_letters(word: &str) -> String {
    let mut folded = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            'Ø' => folded.push('O'),
            'ø' => folded.push('o'),
            'Æ' => folded.push_str("Ae"),
            'æ' => folded.push_str("ae"),
            'Đ' => folded.push('D'),
            'đ' => folded.push('d'),
            'Ł' => folded.push('L'),
            'ł' => folded.push('l'),
            'ß' => folded.push_str("ss"),
            'Œ' => folded.push_str("Oe"),
            'œ' => folded.push_str("oe"),
            'Þ' => folded.push_str("Th"),
            'þ' => folded.push_str("th"),
            'ı' => folded.push('i'),
            other => folded.push(other),
        }
    }
    folded
}
