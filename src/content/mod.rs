//! Typed loaders for the clinical content in `assets/`, compiled into the
//! program. A file that names something unknown fails at load with a message
//! naming the file and the thing.

pub mod body_map;
pub mod exercises;
pub mod ichd;
pub mod outcomes;
pub mod plans;

/// Why content could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ContentError {
    #[error("{file}: {detail}")]
    Malformed { file: &'static str, detail: String },
    #[error("{file}: unknown {kind} id \"{id}\"")]
    UnknownId {
        file: &'static str,
        kind: &'static str,
        id: String,
    },
}
