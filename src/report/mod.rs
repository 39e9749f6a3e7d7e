//! Printed documents: the visit note and the home-exercise handout. Each is
//! built as plain data from the core, laid out in millimetres
//! ([`layout`]), then written as PDF ([`pdf`], the only printpdf user).

pub mod fonts;
pub mod handout;
pub mod layout;
pub mod pdf;
pub mod progress;
pub mod visit_note;

use std::path::Path;

use layout::{Page, Style, stamp_text};

use crate::core::model::Clinic;

/// Why a document was not written.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error(transparent)]
    Core(#[from] crate::core::CoreError),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error("{0}")]
    Missing(String),
    #[error("cannot write {path}: {detail}")]
    Write { path: String, detail: String },
}

/// Writes `bytes` to `path` through a temporary file in the same folder,
/// renamed into place, so that no half-written file is ever left behind.
///
/// # Errors
/// [`ReportError::Write`] naming the path; nothing is left at `path`.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), ReportError> {
    let fail = |detail: String| ReportError::Write {
        path: path.display().to_string(),
        detail,
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    let mut temp = tempfile::Builder::new()
        .prefix(".palpate-")
        .suffix(".pdf.part")
        .tempfile_in(dir)
        .map_err(|e| fail(e.to_string()))?;
    std::io::Write::write_all(&mut temp, bytes).map_err(|e| fail(e.to_string()))?;
    temp.as_file().sync_all().map_err(|e| fail(e.to_string()))?;
    temp.persist(path).map_err(|e| fail(e.error.to_string()))?;
    Ok(())
}

/// The clinic's header and the footer of every page: name and contact
/// details, a line, and "page X of Y" with what the document is.
pub(crate) fn stamp_page(
    page: &mut Page,
    number: usize,
    count: usize,
    clinic: &Clinic,
    paper: layout::Paper,
    footer_left: &str,
) {
    let (width, height) = paper.size_mm();
    let margin = MARGIN_MM;
    // The logo, when there is one, stands at the left of the clinic's name.
    let text_x = match &clinic.logo {
        Some(bytes) => {
            page.items.push(layout::Item::Image {
                x_mm: margin,
                y_mm: margin - 1.0,
                w_mm: 30.0,
                h_mm: 12.0,
                bytes: std::sync::Arc::new(bytes.clone()),
            });
            margin + 34.0
        }
        None => margin,
    };
    let name = if clinic.name.trim().is_empty() {
        "Clinic name not set (Settings)"
    } else {
        clinic.name.trim()
    };
    stamp_text(page, text_x, margin + 5.0, name, Style::bold(13.0), false);
    let contact: Vec<&str> = [&clinic.address, &clinic.phone, &clinic.email]
        .into_iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    stamp_text(
        page,
        text_x,
        margin + 9.5,
        &contact.join("  ·  "),
        Style::muted(8.0),
        false,
    );
    page.items.push(layout::Item::Line {
        from: (margin, margin + 12.0),
        to: (width - margin, margin + 12.0),
        width_mm: 0.4,
        colour: layout::ACCENT,
    });
    let y = height - margin + 2.0;
    page.items.push(layout::Item::Line {
        from: (margin, y - 4.5),
        to: (width - margin, y - 4.5),
        width_mm: 0.2,
        colour: layout::RULE,
    });
    stamp_text(page, margin, y, footer_left, Style::muted(7.5), false);
    stamp_text(
        page,
        width - margin,
        y,
        &format!("page {number} of {count}"),
        Style::muted(7.5),
        true,
    );
}

/// The page margin of every document.
pub const MARGIN_MM: f32 = 16.0;
/// Room the header takes below the top margin.
pub const HEADER_MM: f32 = 17.0;
/// Room the footer takes above the bottom margin.
pub const FOOTER_MM: f32 = 6.0;
