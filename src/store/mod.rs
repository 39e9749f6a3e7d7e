//! The store: the only code that speaks SQL. Opens `palpate.db`, sets its
//! pragmas, creates or upgrades its schema, and maps rows to the domain model.
//!
//! Reads are methods on [`Store`]; every change goes through [`Store::write`],
//! which hands a [`Tx`] to the caller and commits only if the caller succeeds,
//! so a failed action never leaves half a record behind.

mod copy;
mod draft;
mod error;
mod finding;
pub mod migrate;
mod outcome;
mod pain;
mod patient;
mod practitioner;
mod treatment;
mod visit;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use jiff::Timestamp;
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

pub use copy::{CopyReport, save_copy};
pub use error::StoreError;
pub use migrate::SCHEMA_VERSION;
pub use outcome::RecordedOutcome;
pub use patient::SEARCH_SAMPLE;
pub use treatment::{PlanVersion, TemplateRow};

use crate::core::model::Counts;

/// The full current schema, for a fresh database.
pub const SCHEMA_SQL: &str = include_str!("../../schema.sql");

/// `PRAGMA application_id` of a Palpate database: "PALP" in ASCII.
pub const APPLICATION_ID: i64 = 0x5041_4C50;

/// The database file's name inside the data folder.
pub const DATABASE_FILE_NAME: &str = "palpate.db";

/// How long to wait for another connection's lock before calling the file locked.
const BUSY_TIMEOUT: Duration = Duration::from_millis(1_500);

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// An open Palpate database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

/// A write transaction. Dropped without [`Store::write`]'s commit, it rolls back.
pub struct Tx<'conn> {
    tx: Transaction<'conn>,
}

impl Store {
    /// Opens (or creates) `palpate.db` inside `dir`, creating `dir` if needed.
    ///
    /// # Errors
    /// See [`Store::open`]; also [`StoreError::NotWritable`] when the folder
    /// cannot be created or written.
    pub fn open_in_dir(dir: &Path) -> Result<Store> {
        fs::create_dir_all(dir).map_err(|e| StoreError::NotWritable {
            dir: dir.to_path_buf(),
            detail: e.to_string(),
        })?;
        probe_writable(dir)?;
        Store::open(&dir.join(DATABASE_FILE_NAME))
    }

    /// Opens the database at `path`, creating it when the file does not exist.
    ///
    /// Nothing is written to an existing file until it has been read and
    /// recognised: a file that is corrupt, locked, foreign or from a newer
    /// program is refused and left byte-for-byte as it was. An older file is
    /// copied to `backups/` beside it, then upgraded one step per transaction.
    ///
    /// # Errors
    /// One [`StoreError`] variant per thing a user can act on.
    pub fn open(path: &Path) -> Result<Store> {
        let exists = path.exists();
        if exists && !path.is_file() {
            return Err(StoreError::Unreadable {
                path: path.to_path_buf(),
                detail: "it is not a regular file".into(),
            });
        }
        let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        if !exists {
            flags |= OpenFlags::SQLITE_OPEN_CREATE;
        }
        let classify = |e| StoreError::classify_open(path, e);
        let conn = Connection::open_with_flags(path, flags).map_err(classify)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(classify)?;
        if conn.is_readonly(rusqlite::MAIN_DB).map_err(classify)? {
            return Err(StoreError::NotWritable {
                dir: path.to_path_buf(),
                detail: "the database file is read-only".into(),
            });
        }

        // Read the header before writing anything: these reads fail cleanly on
        // a file that is not a database, and on one another program has locked.
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(classify)?;
        let application_id: i64 = conn
            .pragma_query_value(None, "application_id", |r| r.get(0))
            .map_err(classify)?;
        let object_count: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
            .map_err(classify)?;

        if application_id != 0 && application_id != APPLICATION_ID {
            return Err(StoreError::NotPalpate {
                path: path.to_path_buf(),
                detail: format!("its application id is {application_id:#x}"),
            });
        }
        if version > SCHEMA_VERSION {
            return Err(StoreError::NewerVersion {
                path: path.to_path_buf(),
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        if version == 0 && object_count > 0 {
            return Err(StoreError::NotPalpate {
                path: path.to_path_buf(),
                detail: "it holds tables but no Palpate schema version".into(),
            });
        }
        if version > 0 && application_id != APPLICATION_ID {
            return Err(StoreError::NotPalpate {
                path: path.to_path_buf(),
                detail: "it has a schema version but no Palpate application id".into(),
            });
        }

        // The file is ours (or empty). Only now do we write to it.
        if version > 0 && version < SCHEMA_VERSION {
            migrate::copy_before_upgrade(&conn, path, version)?;
        }
        set_pragmas(&conn).map_err(classify)?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
        };
        if version == 0 {
            store.create_schema()?;
        } else if version < SCHEMA_VERSION {
            migrate::upgrade(&mut store.conn, version, migrate::MIGRATIONS)?;
        }
        tracing::info!(schema_version = SCHEMA_VERSION, "database open");
        Ok(store)
    }

    fn create_schema(&mut self) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute_batch(SCHEMA_SQL)?;
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        tx.commit()?;
        Ok(())
    }

    /// The file this store has open.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version recorded in the file.
    ///
    /// # Errors
    /// When the file cannot be read.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// `SQLite`'s full integrity check plus a foreign key check. An empty list
    /// means the file is sound.
    ///
    /// # Errors
    /// When the check itself cannot run.
    pub fn integrity_problems(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        for row in stmt.query_map([], |r| r.get::<_, String>(0))? {
            let line = row?;
            if line != "ok" {
                problems.push(line);
            }
        }
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let table: String = row.get(0)?;
            let rowid: Option<i64> = row.get(1)?;
            let parent: String = row.get(2)?;
            problems.push(format!(
                "{table} row {} refers to a missing {parent}",
                rowid.map_or_else(|| "?".to_string(), |id| id.to_string())
            ));
        }
        Ok(problems)
    }

    /// How many rows of each kind the database holds.
    ///
    /// # Errors
    /// When the file cannot be read.
    pub fn counts(&self) -> Result<Counts> {
        let count = |sql: &str| -> Result<u64> {
            let n: i64 = self.conn.query_row(sql, [], |r| r.get(0))?;
            Ok(u64::try_from(n).unwrap_or(0))
        };
        Ok(Counts {
            practitioners: count("SELECT count(*) FROM practitioner")?,
            patients: count("SELECT count(*) FROM patient WHERE archived = 0")?,
            archived_patients: count("SELECT count(*) FROM patient WHERE archived = 1")?,
            visits: count("SELECT count(*) FROM visit")?,
            signed_visits: count("SELECT count(*) FROM visit WHERE status = 'signed'")?,
            drafts: count("SELECT count(*) FROM draft")?,
        })
    }

    /// Runs `f` in one immediate write transaction, committing only on success.
    ///
    /// # Errors
    /// `f`'s error (after rolling back), or the commit's.
    pub fn write<T, E>(&mut self, f: impl FnOnce(&Tx<'_>) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| E::from(StoreError::classify_open(&self.path, e)))?;
        let tx = Tx { tx };
        let value = f(&tx)?;
        tx.tx.commit().map_err(|e| E::from(StoreError::from(e)))?;
        Ok(value)
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}

impl Tx<'_> {
    pub(crate) fn conn(&self) -> &Connection {
        &self.tx
    }
}

fn set_pragmas(conn: &Connection) -> rusqlite::Result<()> {
    // WAL keeps readers (search) from waiting on the autosave writer, and FULL
    // sync makes each committed transaction survive a power cut.
    let mode: String = conn.pragma_update_and_check(None, "journal_mode", "wal", |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        tracing::warn!(journal_mode = %mode, "write-ahead log not available");
    }
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", true)?;
    Ok(())
}

/// Tries to create and remove a small file in `dir`, so that a read-only folder
/// is reported before `SQLite` fails in a less clear way.
fn probe_writable(dir: &Path) -> Result<()> {
    let probe = dir.join(".palpate-write-test");
    let result = fs::write(&probe, b"probe").and_then(|()| fs::remove_file(&probe));
    result.map_err(|e| StoreError::NotWritable {
        dir: dir.to_path_buf(),
        detail: e.to_string(),
    })
}

/// Formats a time the way the database stores it: UTC, fixed width, so that
/// text order is time order.
#[must_use]
pub fn format_time(ts: Timestamp) -> String {
    ts.strftime("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

/// Maps a text column through `parse`, turning a value this program does not
/// know into a row error instead of a panic.
pub(crate) fn column_code<T>(
    row: &rusqlite::Row<'_>,
    index: usize,
    parse: impl Fn(&str) -> Option<T>,
) -> rusqlite::Result<T> {
    let text: String = row.get(index)?;
    parse(&text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            index,
            rusqlite::types::Type::Text,
            format!("unknown code {text:?}").into(),
        )
    })
}

pub(crate) fn column_time(row: &rusqlite::Row<'_>, index: usize) -> rusqlite::Result<Timestamp> {
    let text: String = row.get(index)?;
    text.parse::<Timestamp>().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, e.into())
    })
}

pub(crate) fn column_date(
    row: &rusqlite::Row<'_>,
    index: usize,
) -> rusqlite::Result<jiff::civil::Date> {
    let text: String = row.get(index)?;
    text.parse::<jiff::civil::Date>().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, e.into())
    })
}

/// The platform's data folder for Palpate (for example `~/.local/share/palpate`
/// on Linux), or `None` when the platform has no home folder.
#[must_use]
pub fn default_data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("org", "Palpate", "Palpate").map(|d| d.data_dir().to_path_buf())
}
