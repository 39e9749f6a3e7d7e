//! Practitioner rows: the clinic's users who chart and sign.

use jiff::Timestamp;
use rusqlite::params;

use super::{Result, Store, Tx, format_time};
use crate::core::model::{Practitioner, PractitionerId};

impl Tx<'_> {
    /// Adds a practitioner and returns the id.
    ///
    /// # Errors
    /// When the row cannot be written.
    pub fn insert_practitioner(
        &self,
        display_name: &str,
        credentials: &str,
        now: Timestamp,
    ) -> Result<PractitionerId> {
        self.conn().execute(
            "INSERT INTO practitioner (display_name, credentials, created_at) VALUES (?1, ?2, ?3)",
            params![display_name, credentials, format_time(now)],
        )?;
        Ok(PractitionerId(self.conn().last_insert_rowid()))
    }
}

impl Store {
    /// Active practitioners, oldest first.
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn practitioners(&self) -> Result<Vec<Practitioner>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, display_name, credentials FROM practitioner WHERE active = 1 ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Practitioner {
                id: PractitionerId(r.get(0)?),
                display_name: r.get(1)?,
                credentials: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
