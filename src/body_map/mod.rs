//! The body map: trigger points charted on named muscles. `geometry` is pure
//! (shared with the PDF report); `widget` draws it in egui and reports events.

pub mod figure;
pub mod geometry;
pub mod widget;

pub use geometry::{BodyMap, BodyPoint, Hit, Muscle, Region, Side, View};
