//! Every colour and spacing the UI uses, in one place, for light and dark.

use egui::{Color32, Visuals};

pub const PANEL_WIDTH_POINTS: f32 = 300.0;
pub const ROW_HEIGHT_POINTS: f32 = 40.0;
pub const SECTION_GAP_POINTS: f32 = 10.0;
pub const FORM_LABEL_WIDTH_POINTS: f32 = 140.0;

/// Signed notes: a calm green that reads on both themes.
#[must_use]
pub fn signed(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(120, 200, 140)
    } else {
        Color32::from_rgb(30, 120, 60)
    }
}

/// Draft notes and autosave notices.
#[must_use]
pub fn draft(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(230, 190, 110)
    } else {
        Color32::from_rgb(150, 95, 0)
    }
}

/// Errors beside fields and in the status line.
#[must_use]
pub fn error(visuals: &Visuals) -> Color32 {
    visuals.error_fg_color
}

/// Secondary text: chart numbers, dates under a name.
#[must_use]
pub fn weak(visuals: &Visuals) -> Color32 {
    visuals.weak_text_color()
}

/// The banner that says the demo clinic is open.
#[must_use]
pub fn demo_banner(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(90, 60, 120)
    } else {
        Color32::from_rgb(235, 220, 250)
    }
}
