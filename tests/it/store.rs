//! Store tests on real database files: a fresh schema, an upgrade from an old
//! fixture, and files that must be refused and left exactly as they were.

use std::fs;
use std::path::Path;

use palpate::store::{APPLICATION_ID, DATABASE_FILE_NAME, SCHEMA_VERSION, Store, StoreError};
use rusqlite::Connection;

use crate::util::data_dir;

/// The schema as SQLite sees it: every object, every column with its type,
/// constraints and default, every index's columns, every foreign key, and
/// trigger and view text with white space folded.
fn normalized_schema(path: &Path) -> Vec<String> {
    let conn = Connection::open(path).unwrap();
    let mut out = Vec::new();
    let mut stmt = conn
        .prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
        .unwrap();
    let objects: Vec<(String, String, String, Option<String>)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for (kind, name, table, sql) in objects {
        out.push(format!("{kind} {name} on {table}"));
        match kind.as_str() {
            "table" => {
                let mut cols = conn
                    .prepare(&format!("PRAGMA table_xinfo(\"{name}\")"))
                    .unwrap();
                let rows = cols
                    .query_map([], |r| {
                        Ok(format!(
                            "  column {} {} notnull={} default={:?} pk={} hidden={}",
                            r.get::<_, String>(1)?,
                            r.get::<_, String>(2)?,
                            r.get::<_, i64>(3)?,
                            r.get::<_, Option<String>>(4)?,
                            r.get::<_, i64>(5)?,
                            r.get::<_, i64>(6)?
                        ))
                    })
                    .unwrap();
                out.extend(rows.map(Result::unwrap));
                let mut fks = conn
                    .prepare(&format!("PRAGMA foreign_key_list(\"{name}\")"))
                    .unwrap();
                let rows = fks
                    .query_map([], |r| {
                        Ok(format!(
                            "  fk {} -> {}.{}",
                            r.get::<_, String>(3)?,
                            r.get::<_, String>(2)?,
                            r.get::<_, String>(4)?
                        ))
                    })
                    .unwrap();
                out.extend(rows.map(Result::unwrap));
                let strict: i64 = conn
                    .query_row(
                        "SELECT strict FROM pragma_table_list WHERE name = ?1",
                        [&name],
                        |r| r.get(0),
                    )
                    .unwrap();
                out.push(format!("  strict={strict}"));
            }
            "index" => {
                let mut cols = conn
                    .prepare(&format!("PRAGMA index_xinfo(\"{name}\")"))
                    .unwrap();
                let rows = cols
                    .query_map([], |r| {
                        Ok(format!(
                            "  key {:?} desc={} coll={:?}",
                            r.get::<_, Option<String>>(2)?,
                            r.get::<_, i64>(3)?,
                            r.get::<_, Option<String>>(4)?
                        ))
                    })
                    .unwrap();
                out.extend(rows.map(Result::unwrap));
            }
            _ => {
                if let Some(sql) = sql {
                    out.push(format!(
                        "  sql {}",
                        sql.split_whitespace().collect::<Vec<_>>().join(" ")
                    ));
                }
            }
        }
    }
    out
}

fn header(path: &Path) -> (i64, i64) {
    let conn = Connection::open(path).unwrap();
    let version = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    let app = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap();
    (version, app)
}

#[test]
fn a_fresh_database_gets_the_whole_schema_and_the_pragmas() {
    let dir = data_dir();
    let store = Store::open_in_dir(dir.path()).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert!(store.integrity_problems().unwrap().is_empty());
    drop(store);
    let path = dir.path().join(DATABASE_FILE_NAME);
    assert_eq!(header(&path), (SCHEMA_VERSION, APPLICATION_ID));
    let conn = Connection::open(&path).unwrap();
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let schema = normalized_schema(&path);
    for table in [
        "table practitioner",
        "table patient",
        "table visit",
        "table draft",
        "table patient_search",
    ] {
        assert!(
            schema.iter().any(|l| l.starts_with(table)),
            "missing {table}"
        );
    }
}

#[test]
fn every_foreign_key_is_indexed() {
    let dir = data_dir();
    drop(Store::open_in_dir(dir.path()).unwrap());
    let conn = Connection::open(dir.path().join(DATABASE_FILE_NAME)).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE '%REFERENCES%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(!tables.is_empty());
    for table in tables {
        let fk_columns: Vec<String> = conn
            .prepare(&format!(
                "SELECT \"from\" FROM pragma_foreign_key_list('{table}')"
            ))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let leading: Vec<String> = conn
            .prepare(&format!(
                "SELECT ii.name FROM pragma_index_list('{table}') il JOIN pragma_index_info(il.name) ii WHERE ii.seqno = 0"
            ))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        for column in fk_columns {
            assert!(leading.contains(&column), "{table}.{column} has no index");
        }
    }
}

#[test]
fn an_old_database_is_copied_then_upgraded_to_equal_a_fresh_one() {
    let fresh = data_dir();
    drop(Store::open_in_dir(fresh.path()).unwrap());

    let old = data_dir();
    let path = old.path().join(DATABASE_FILE_NAME);
    Connection::open(&path)
        .unwrap()
        .execute_batch(include_str!("../fixtures/schema_v1.sql"))
        .unwrap();
    let before = fs::read(&path).unwrap();
    assert_eq!(header(&path).0, 1);

    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    // The old data survived and is searchable through the new index.
    let found = store.search_patients("odeg", 10).unwrap().rows;
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].chart_number, "C-0001");
    assert_eq!(store.search_patients("5550199", 10).unwrap().rows.len(), 1);
    assert_eq!(
        store.search_patients("nunez", 10).unwrap().rows[0].given_name,
        "José"
    );
    drop(store);

    assert_eq!(
        normalized_schema(&path),
        normalized_schema(&fresh.path().join(DATABASE_FILE_NAME))
    );

    let backups: Vec<_> = fs::read_dir(old.path().join("backups"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(backups.len(), 1, "one copy made before the upgrade");
    let name = backups[0]
        .file_name()
        .unwrap()
        .to_string_lossy()
        .to_string();
    assert!(name.starts_with("palpate-v1-before-upgrade-"), "{name}");
    assert_eq!(header(&backups[0]).0, 1);
    let copy = Connection::open(&backups[0]).unwrap();
    let patients: i64 = copy
        .query_row("SELECT count(*) FROM patient", [], |r| r.get(0))
        .unwrap();
    assert_eq!(patients, 2);
    assert!(!before.is_empty());
}

#[test]
fn a_database_from_a_newer_program_is_refused_and_left_unchanged() {
    let dir = data_dir();
    let path = dir.path().join(DATABASE_FILE_NAME);
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(&format!(
            "CREATE TABLE future (x INTEGER); PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {};",
            SCHEMA_VERSION + 7
        ))
        .unwrap();
    }
    let before = fs::read(&path).unwrap();
    let err = Store::open_in_dir(dir.path()).err().expect("refused");
    assert!(
        matches!(err, StoreError::NewerVersion { found, .. } if found == SCHEMA_VERSION + 7),
        "{err}"
    );
    assert!(err.to_string().contains("newer Palpate"), "{err}");
    assert_eq!(fs::read(&path).unwrap(), before, "not a byte changed");
}

#[test]
fn a_corrupt_file_is_refused_and_left_unchanged() {
    let dir = data_dir();
    let path = dir.path().join(DATABASE_FILE_NAME);
    let garbage: Vec<u8> = (0..16_384u32)
        .map(|i| u8::try_from((i * 7 + 3) % 251).unwrap())
        .collect();
    fs::write(&path, &garbage).unwrap();
    let err = Store::open_in_dir(dir.path()).err().expect("refused");
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err}");
    assert!(err.to_string().contains("damaged"), "{err}");
    assert_eq!(fs::read(&path).unwrap(), garbage);
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        1,
        "nothing created beside it"
    );
}

#[test]
fn a_damaged_database_is_refused_and_left_unchanged() {
    let dir = data_dir();
    drop(Store::open_in_dir(dir.path()).unwrap());
    let path = dir.path().join(DATABASE_FILE_NAME);
    let mut bytes = fs::read(&path).unwrap();
    // Overwrite the header string: SQLite no longer recognises the file.
    bytes[..16].copy_from_slice(b"not sqlite at al");
    fs::write(&path, &bytes).unwrap();
    assert!(matches!(
        Store::open(&path),
        Err(StoreError::Corrupt { .. })
    ));
    assert_eq!(fs::read(&path).unwrap(), bytes);
}

#[test]
fn a_foreign_sqlite_file_is_refused_and_left_unchanged() {
    let dir = data_dir();
    let path = dir.path().join(DATABASE_FILE_NAME);
    Connection::open(&path)
        .unwrap()
        .execute_batch("CREATE TABLE songs (title TEXT);")
        .unwrap();
    let before = fs::read(&path).unwrap();
    assert!(matches!(
        Store::open(&path),
        Err(StoreError::NotPalpate { .. })
    ));
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn a_locked_database_is_refused_and_left_unchanged() {
    let dir = data_dir();
    let path = dir.path().join(DATABASE_FILE_NAME);
    let holder = Connection::open(&path).unwrap();
    holder
        .execute_batch("CREATE TABLE x (y INTEGER); PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; INSERT INTO x VALUES (1);")
        .unwrap();
    let before = fs::read(&path).unwrap();
    let err = Store::open(&path).err().expect("refused");
    assert!(matches!(err, StoreError::Locked { .. }), "{err}");
    assert!(err.to_string().contains("locked"), "{err}");
    assert_eq!(fs::read(&path).unwrap(), before);
    drop(holder);
}

#[test]
fn a_data_folder_that_cannot_be_created_is_a_clear_error() {
    let dir = data_dir();
    let file = dir.path().join("a-file");
    fs::write(&file, b"x").unwrap();
    let err = Store::open_in_dir(&file.join("data"))
        .err()
        .expect("refused");
    assert!(matches!(err, StoreError::NotWritable { .. }), "{err}");
    assert!(err.to_string().contains("--data-dir"), "{err}");
}

#[test]
fn search_matches_names_chart_numbers_phones_and_birth_dates() {
    let dir = data_dir();
    let mut core = crate::util::core_with_practitioner(dir.path());
    crate::util::create(&mut core, "C-00001", "Zoë", "Ødegaard");
    crate::util::create(&mut core, "C-00002", "José", "Núñez");
    crate::util::create(&mut core, "C-00003", "Юлия", "Смирнова");
    let store = core.store();
    let charts = |q: &str| -> Vec<String> {
        store
            .search_patients(q, 50)
            .unwrap()
            .rows
            .into_iter()
            .map(|r| r.chart_number)
            .collect()
    };
    assert_eq!(charts("zoe"), ["C-00001"]);
    assert_eq!(charts("Øde"), ["C-00001"]);
    assert_eq!(charts("nú"), ["C-00002"]);
    assert_eq!(charts("jose nun"), ["C-00002"]);
    assert_eq!(charts("юл"), ["C-00003"]);
    assert_eq!(charts("C-00002"), ["C-00002"]);
    assert_eq!(charts("555-010").len(), 3);
    assert_eq!(charts("(555) 010-2030").len(), 3);
    assert_eq!(charts("1987-04").len(), 3);
    assert_eq!(charts("12/04/1987").len(), 3, "day/month/year");
    assert!(charts("xyz").is_empty());
    assert!(
        charts("\"*:(").is_empty(),
        "search syntax in the query is not interpreted"
    );
    assert!(charts("   ").is_empty());
}

#[test]
fn a_search_that_matches_very_many_patients_says_so_and_stays_in_name_order() {
    let dir = data_dir();
    let mut core = crate::util::core_with_practitioner(dir.path());
    let given = ["Anna", "Ben", "Chloé", "Dmitri", "Elif"];
    let actions: Vec<palpate::Action> = (0..1_200)
        .map(|i| {
            palpate::Action::CreatePatient(crate::util::details(
                &format!("C-{i:05}"),
                given[i % given.len()],
                &format!("Kowalski{}", i % 7),
            ))
        })
        .collect();
    core.apply_all(&actions).unwrap();
    let store = core.store();

    let wide = store.search_patients("kow", 200).unwrap();
    assert!(!wide.complete, "more than the sample matched");
    assert_eq!(wide.rows.len(), 200);
    let names: Vec<(String, String)> = wide
        .rows
        .iter()
        .map(|r| (r.family_name.to_lowercase(), r.given_name.to_lowercase()))
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "rows are in name order");

    let narrow = store.search_patients("kowalski3 anna", 200).unwrap();
    assert!(narrow.complete);
    assert_eq!(narrow.matches, narrow.rows.len());
    assert!(
        narrow
            .rows
            .iter()
            .all(|r| r.family_name == "Kowalski3" && r.given_name == "Anna")
    );
    assert!(!narrow.rows.is_empty());
}

#[test]
fn a_saved_copy_is_checked_and_never_overwrites_a_file() {
    let dir = data_dir();
    let mut core = crate::util::core_with_practitioner(dir.path());
    crate::util::create(&mut core, "C-00001", "Zoë", "Ødegaard");
    crate::util::create(&mut core, "C-00002", "José", "Núñez");
    let out = data_dir();
    let dest = out.path().join("copy.db");
    let report = palpate::store::save_copy(core.store().path(), &dest).unwrap();
    assert_eq!(report.patients, 2);
    assert_eq!(report.schema_version, SCHEMA_VERSION);
    assert!(report.bytes > 0);
    // The copy is a Palpate database in its own right.
    let copy = Store::open(&dest).unwrap();
    assert_eq!(copy.search_patients("nunez", 5).unwrap().rows.len(), 1);
    drop(copy);

    let existing = out.path().join("existing.db");
    fs::write(&existing, b"keep me").unwrap();
    let err = palpate::store::save_copy(core.store().path(), &existing).unwrap_err();
    assert!(err.to_string().contains("already exists"), "{err}");
    assert_eq!(fs::read(&existing).unwrap(), b"keep me");
}
