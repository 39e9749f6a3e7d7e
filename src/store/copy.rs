//! A verified copy of the whole database, for a clinic's own backups. Works on
//! its own connection, so it can run on a background thread while the app
//! keeps charting.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::{APPLICATION_ID, Result, StoreError, migrate};

/// What a finished copy holds, read back from the copy itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CopyReport {
    pub path: PathBuf,
    pub bytes: u64,
    pub schema_version: i64,
    pub patients: i64,
    pub visits: i64,
}

fn count(conn: &Connection, table: &str) -> rusqlite::Result<i64> {
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
}

/// Copies the database at `source` to `dest` and checks the copy: SQLite's
/// integrity check passes, and it holds the same schema version and the same
/// numbers of patients and visits as the snapshot it was made from. `dest`
/// must not exist; an existing file is never overwritten.
///
/// # Errors
/// When `dest` exists, cannot be written, or the copy does not check out (the
/// unusable copy is then left in place, named in the message, for inspection).
pub fn save_copy(source: &Path, dest: &Path) -> Result<CopyReport> {
    let failed = |detail: String| StoreError::CopyFailed {
        path: dest.to_path_buf(),
        detail,
    };
    if dest.exists() {
        return Err(failed(
            "a file with that name already exists; choose another name".into(),
        ));
    }
    let classify = |e| StoreError::classify_open(source, e);
    let conn = Connection::open_with_flags(
        source,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(classify)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .map_err(classify)?;
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(classify)?;
    let before = (count(&conn, "patient")?, count(&conn, "visit")?);
    // VACUUM INTO copies one consistent snapshot (it cannot run inside a
    // transaction, so the counts are read on both sides of it instead).
    migrate::vacuum_into(&conn, dest).map_err(|e| failed(e.to_string()))?;
    let after = (count(&conn, "patient")?, count(&conn, "visit")?);

    let copy = Connection::open_with_flags(
        dest,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let check: String = copy.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    let copy_version: i64 = copy.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let copy_app: i64 = copy.pragma_query_value(None, "application_id", |r| r.get(0))?;
    let report = CopyReport {
        path: dest.to_path_buf(),
        bytes: std::fs::metadata(dest).map_or(0, |m| m.len()),
        schema_version: copy_version,
        patients: count(&copy, "patient")?,
        visits: count(&copy, "visit")?,
    };
    // When nothing was added during the copy, the copy must hold exactly as much.
    let counts_differ = before == after && (report.patients, report.visits) != before;
    if check != "ok" || copy_version != version || copy_app != APPLICATION_ID || counts_differ {
        return Err(StoreError::CopyUnverified {
            path: dest.to_path_buf(),
            detail: format!(
                "integrity check: {check}; {} patients and {} visits where the database has {} and {}",
                report.patients, report.visits, before.0, before.1
            ),
        });
    }
    tracing::info!(bytes = report.bytes, "database copy saved and verified");
    Ok(report)
}
