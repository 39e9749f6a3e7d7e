//! Palpate: offline charting for chiropractors and physical therapists.
//!
//! Layers, from the bottom: [`core::model`] (plain domain types), [`store`]
//! (the only SQL), [`core`] (actions and validation, no egui), then the egui
//! [`app`] and its [`ui`] panels. [`bench`] measures the paths a clinician
//! waits on. See the README's architecture section.

pub mod app;
pub mod bench;
pub mod body_map;
pub mod content;
pub mod core;
pub mod report;
pub mod store;
pub mod ui;

pub use crate::core::{Action, Applied, Core, CoreError};
pub use crate::store::{Store, StoreError};
