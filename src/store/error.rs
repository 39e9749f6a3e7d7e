//! Errors of the store layer, each worded for the person who must act on it.

use std::path::PathBuf;

/// What went wrong opening or using the database.
///
/// Messages name files and record ids, never patient names or clinical text.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "the database {path} was written by a newer Palpate (schema version {found}; this program knows up to {supported}). Install the newer Palpate; the file was not changed"
    )]
    NewerVersion {
        path: PathBuf,
        found: i64,
        supported: i64,
    },

    #[error(
        "{path} is not a Palpate database ({detail}). Choose another data folder with --data-dir; the file was not changed"
    )]
    NotPalpate { path: PathBuf, detail: String },

    #[error(
        "the database {path} is damaged and cannot be read ({detail}). The file was left as it is: restore it from a backup, or ask for help recovering it"
    )]
    Corrupt { path: PathBuf, detail: String },

    #[error(
        "the database {path} is locked by another program (is Palpate already open?). Close it and try again; the file was not changed"
    )]
    Locked { path: PathBuf },

    #[error("cannot open the database {path}: {detail}")]
    Unreadable { path: PathBuf, detail: String },

    #[error(
        "the data folder {dir} is not writable ({detail}). Choose another folder with --data-dir or PALPATE_DATA_DIR"
    )]
    NotWritable { dir: PathBuf, detail: String },

    #[error(
        "could not copy the database before upgrading it, so it was not upgraded ({detail}); the file was not changed"
    )]
    PreUpgradeCopy { detail: String },

    #[error(
        "upgrading the database from schema version {from} to {to} failed ({detail}); it was rolled back and the file is as it was"
    )]
    Upgrade { from: i64, to: i64, detail: String },

    #[error(
        "the copy at {path} could not be verified ({detail}); the database itself is unchanged. Try again, or another drive"
    )]
    CopyUnverified { path: PathBuf, detail: String },

    #[error("could not save a copy to {path}: {detail}")]
    CopyFailed { path: PathBuf, detail: String },

    #[error("chart number is already used by another patient")]
    DuplicateChartNumber,

    #[error("{0} does not exist")]
    NotFound(String),

    #[error("the database holds a value this program does not understand in {0}")]
    BadValue(String),

    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

impl StoreError {
    /// Sorts an error from opening or first reading a file into the kinds a user
    /// can act on.
    pub(crate) fn classify_open(path: &std::path::Path, err: rusqlite::Error) -> StoreError {
        use rusqlite::ErrorCode as Code;
        let path = path.to_path_buf();
        match err.sqlite_error_code() {
            Some(Code::NotADatabase | Code::DatabaseCorrupt) => StoreError::Corrupt {
                path,
                detail: err.to_string(),
            },
            Some(Code::DatabaseBusy | Code::DatabaseLocked) => StoreError::Locked { path },
            Some(Code::ReadOnly) => StoreError::NotWritable {
                dir: path,
                detail: "the database file is read-only".into(),
            },
            Some(Code::CannotOpen | Code::PermissionDenied) => StoreError::Unreadable {
                path,
                detail: err.to_string(),
            },
            _ => StoreError::Sqlite(err),
        }
    }
}
