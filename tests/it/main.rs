//! The integration tests, one binary: store, core and UI on real SQLite files.

mod across_visits;
mod body_map;
mod core_actions;
mod outcomes;
mod plans;
mod report;
mod store;
mod ui;
mod util;
