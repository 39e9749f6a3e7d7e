//! Schema versions: a small `PRAGMA user_version` runner.
//!
//! A fresh file gets `schema.sql` whole. An older file is first copied to
//! `backups/` beside it, then brought forward one step at a time, each step
//! and its version bump in one transaction, so a failure leaves the file at
//! the last complete version.

use std::fs;
use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::{Result, StoreError};

/// The schema version this program writes. `schema.sql` is this version.
pub const SCHEMA_VERSION: i64 = 6;

/// One upgrade step, from `to_version - 1` to `to_version`.
#[derive(Clone, Copy, Debug)]
pub struct Migration {
    pub to_version: i64,
    pub sql: &'static str,
}

/// Every step, in order. The last one ends at [`SCHEMA_VERSION`].
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        to_version: 2,
        sql: include_str!("migrations/0002_drafts_and_search.sql"),
    },
    Migration {
        to_version: 3,
        sql: include_str!("migrations/0003_findings.sql"),
    },
    Migration {
        to_version: 4,
        sql: include_str!("migrations/0004_across_visits.sql"),
    },
    Migration {
        to_version: 5,
        sql: include_str!("migrations/0005_plans_and_interventions.sql"),
    },
    Migration {
        to_version: 6,
        sql: include_str!("migrations/0006_outcomes.sql"),
    },
];

/// Runs the steps after `from` in order, each in its own transaction.
///
/// # Errors
/// [`StoreError::Upgrade`] naming the step that failed; that step was rolled back.
pub fn upgrade(conn: &mut Connection, from: i64, steps: &[Migration]) -> Result<()> {
    let mut version = from;
    for step in steps.iter().filter(|s| s.to_version > from) {
        if step.to_version != version + 1 {
            return Err(StoreError::Upgrade {
                from: version,
                to: step.to_version,
                detail: "the upgrade steps are not consecutive".into(),
            });
        }
        let fail = |e: rusqlite::Error| StoreError::Upgrade {
            from: version,
            to: step.to_version,
            detail: e.to_string(),
        };
        let tx = conn.transaction().map_err(fail)?;
        tx.execute_batch(step.sql).map_err(fail)?;
        tx.pragma_update(None, "user_version", step.to_version)
            .map_err(fail)?;
        check_foreign_keys(&tx).map_err(|detail| StoreError::Upgrade {
            from: version,
            to: step.to_version,
            detail,
        })?;
        tx.commit().map_err(fail)?;
        tracing::info!(from = version, to = step.to_version, "schema upgraded");
        version = step.to_version;
    }
    Ok(())
}

fn check_foreign_keys(conn: &Connection) -> std::result::Result<(), String> {
    let broken: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .map_err(|e| e.to_string())?;
    if broken == 0 {
        Ok(())
    } else {
        Err(format!("{broken} rows refer to missing records"))
    }
}

/// Copies the database to `backups/palpate-v{version}-before-upgrade-{time}.db`
/// beside it, before any upgrade touches it.
///
/// # Errors
/// [`StoreError::PreUpgradeCopy`]; the caller then does not upgrade.
pub fn copy_before_upgrade(conn: &Connection, db_path: &Path, version: i64) -> Result<PathBuf> {
    let dir = db_path
        .parent()
        .unwrap_or_else(|| Path::new("."))
        .join("backups");
    let fail = |detail: String| StoreError::PreUpgradeCopy { detail };
    fs::create_dir_all(&dir).map_err(|e| fail(format!("{}: {e}", dir.display())))?;
    let stamp = jiff::Timestamp::now()
        .strftime("%Y%m%dT%H%M%SZ")
        .to_string();
    let dest = dir.join(format!("palpate-v{version}-before-upgrade-{stamp}.db"));
    vacuum_into(conn, &dest).map_err(|e| fail(e.to_string()))?;
    tracing::info!(backup = %dest.display(), "copied the database before upgrading");
    Ok(dest)
}

/// Writes a consistent, compacted copy of the open database to `dest`.
pub(crate) fn vacuum_into(conn: &Connection, dest: &Path) -> Result<()> {
    let dest_text = dest.to_str().ok_or_else(|| StoreError::Unreadable {
        path: dest.to_path_buf(),
        detail: "the path is not valid Unicode".into(),
    })?;
    conn.execute("VACUUM INTO ?1", [dest_text])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_consecutive_and_end_at_the_current_version() {
        for (expected, step) in (2..).zip(MIGRATIONS) {
            assert_eq!(step.to_version, expected);
        }
        assert_eq!(
            MIGRATIONS.last().map(|s| s.to_version),
            Some(SCHEMA_VERSION)
        );
    }

    #[test]
    fn a_failing_step_rolls_back_and_keeps_the_earlier_version() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE a (x INTEGER); PRAGMA user_version = 1;")
            .unwrap();
        let steps = [
            Migration {
                to_version: 2,
                sql: "CREATE TABLE b (y INTEGER);",
            },
            Migration {
                to_version: 3,
                sql: "CREATE TABLE c (z INTEGER); INSERT INTO missing VALUES (1);",
            },
        ];
        let err = upgrade(&mut conn, 1, &steps).unwrap_err();
        assert!(
            matches!(err, StoreError::Upgrade { from: 2, to: 3, .. }),
            "{err}"
        );
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, 2);
        let tables: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(tables, ["a", "b"]);
    }

    #[test]
    fn a_gap_in_the_steps_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        let steps = [Migration {
            to_version: 3,
            sql: "CREATE TABLE b (y INTEGER);",
        }];
        assert!(upgrade(&mut conn, 1, &steps).is_err());
    }
}
