//! Page layout in millimetres, y down from the top-left corner: a flow that
//! places headings, wrapped paragraphs, tables, figures and illustrations
//! page after page, keeps blocks together, and stamps headers, footers and
//! "page X of Y" when it is finished. It knows nothing of printpdf.

use super::fonts::fonts;
use crate::body_map::figure::{Figure, Rgba};

pub use crate::core::model::Paper;

pub const INK: Rgba = Rgba::rgb(25, 25, 25);
pub const MUTED: Rgba = Rgba::rgb(95, 95, 95);
pub const RULE: Rgba = Rgba::rgb(180, 180, 180);
pub const ACCENT: Rgba = Rgba::rgb(20, 80, 120);
pub const SHADE: Rgba = Rgba::rgb(238, 242, 245);

/// One thing drawn on a page.
#[derive(Clone, Debug)]
pub enum Item {
    Text {
        x_mm: f32,
        /// The baseline.
        y_mm: f32,
        size_pt: f32,
        bold: bool,
        colour: Rgba,
        text: String,
    },
    Line {
        from: (f32, f32),
        to: (f32, f32),
        width_mm: f32,
        colour: Rgba,
    },
    Rect {
        x_mm: f32,
        y_mm: f32,
        w_mm: f32,
        h_mm: f32,
        fill: Option<Rgba>,
        stroke: Option<(Rgba, f32)>,
    },
    /// A body map figure, its top-left corner at (x, y).
    Figure {
        x_mm: f32,
        y_mm: f32,
        figure: Figure,
    },
    /// An SVG illustration scaled into the box.
    Svg {
        x_mm: f32,
        y_mm: f32,
        w_mm: f32,
        h_mm: f32,
        svg: &'static str,
    },
    /// Large faint text across the page (the DRAFT mark).
    Watermark { text: String },
    /// A PNG or JPEG image fitted into the box, keeping its proportions,
    /// at the box's left.
    Image {
        x_mm: f32,
        y_mm: f32,
        w_mm: f32,
        h_mm: f32,
        bytes: std::sync::Arc<Vec<u8>>,
    },
}

#[derive(Clone, Debug, Default)]
pub struct Page {
    pub items: Vec<Item>,
}

/// A laid-out document.
#[derive(Clone, Debug)]
pub struct Document {
    pub title: String,
    pub paper: Paper,
    pub pages: Vec<Page>,
    /// Some text had characters the fonts lack, printed as "?".
    pub replaced_characters: bool,
}

/// Text style of a run.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub size_pt: f32,
    pub bold: bool,
    pub colour: Rgba,
}

impl Style {
    #[must_use]
    pub const fn body(size_pt: f32) -> Style {
        Style {
            size_pt,
            bold: false,
            colour: INK,
        }
    }

    #[must_use]
    pub const fn bold(size_pt: f32) -> Style {
        Style {
            size_pt,
            bold: true,
            colour: INK,
        }
    }

    #[must_use]
    pub const fn muted(size_pt: f32) -> Style {
        Style {
            size_pt,
            bold: false,
            colour: MUTED,
        }
    }

    /// Baseline-to-baseline distance.
    #[must_use]
    pub fn line_mm(self) -> f32 {
        self.size_pt * super::fonts::MM_PER_PT * 1.35
    }
}

/// Places content top to bottom, page after page.
pub struct Flow {
    pub paper: Paper,
    pub margin_mm: f32,
    /// Where the flow starts on every page, below the header.
    pub top_mm: f32,
    /// Where it must stop, above the footer.
    pub bottom_mm: f32,
    pub pages: Vec<Page>,
    pub y_mm: f32,
    pub replaced_characters: bool,
}

impl Flow {
    #[must_use]
    pub fn new(paper: Paper, margin_mm: f32, header_mm: f32, footer_mm: f32) -> Flow {
        let (_, height) = paper.size_mm();
        Flow {
            paper,
            margin_mm,
            top_mm: margin_mm + header_mm,
            bottom_mm: height - margin_mm - footer_mm,
            pages: vec![Page::default()],
            y_mm: margin_mm + header_mm,
            replaced_characters: false,
        }
    }

    #[must_use]
    pub fn left(&self) -> f32 {
        self.margin_mm
    }

    #[must_use]
    pub fn width(&self) -> f32 {
        self.paper.size_mm().0 - 2.0 * self.margin_mm
    }

    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("a flow always has a page")
    }

    pub fn push(&mut self, item: Item) {
        self.page().items.push(item);
    }

    pub fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y_mm = self.top_mm;
    }

    /// Starts a new page unless `height_mm` still fits on this one.
    pub fn ensure(&mut self, height_mm: f32) {
        if self.y_mm + height_mm > self.bottom_mm && self.y_mm > self.top_mm + 0.01 {
            self.new_page();
        }
    }

    pub fn space(&mut self, mm: f32) {
        self.y_mm += mm;
    }

    /// Text that fits, with the fonts' missing characters replaced.
    pub fn printable(&mut self, text: &str) -> String {
        let (text, replaced) = fonts().printable(text);
        self.replaced_characters |= replaced;
        text
    }

    /// One line of text at `x`, on the current baseline position.
    pub fn text_at(&mut self, x_mm: f32, baseline_mm: f32, text: &str, style: Style) {
        let text = self.printable(text);
        self.push(Item::Text {
            x_mm,
            y_mm: baseline_mm,
            size_pt: style.size_pt,
            bold: style.bold,
            colour: style.colour,
            text,
        });
    }

    /// The lines `text` wraps into at `width_mm`.
    #[must_use]
    pub fn wrap(&self, text: &str, style: Style, width_mm: f32) -> Vec<String> {
        let (text, _) = fonts().printable(text);
        fonts().wrap(&text, style.size_pt, style.bold, width_mm)
    }

    /// A wrapped paragraph at `x`, `width_mm` wide, breaking across pages.
    pub fn paragraph_at(&mut self, x_mm: f32, width_mm: f32, text: &str, style: Style) {
        let line = style.line_mm();
        for l in self.wrap(text, style, width_mm) {
            self.ensure(line);
            let baseline = self.y_mm + line * 0.78;
            self.text_at(x_mm, baseline, &l, style);
            self.y_mm += line;
        }
    }

    /// A paragraph across the text width.
    pub fn paragraph(&mut self, text: &str, style: Style) {
        let (x, w) = (self.left(), self.width());
        self.paragraph_at(x, w, text, style);
    }

    /// A section heading with a rule under it, kept with at least
    /// `keep_mm` of what follows.
    pub fn heading(&mut self, text: &str, keep_mm: f32) {
        let style = Style {
            size_pt: 11.5,
            bold: true,
            colour: ACCENT,
        };
        self.ensure(style.line_mm() + 2.0 + keep_mm);
        self.space(1.5);
        let baseline = self.y_mm + style.line_mm() * 0.78;
        let x = self.left();
        self.text_at(x, baseline, text, style);
        self.y_mm += style.line_mm();
        let y = self.y_mm + 0.3;
        let right = x + self.width();
        self.push(Item::Line {
            from: (x, y),
            to: (right, y),
            width_mm: 0.25,
            colour: RULE,
        });
        self.space(2.0);
    }

    /// A table: a shaded header row, then rows whose cells wrap; the header
    /// is repeated on every page the table continues on.
    pub fn table(&mut self, headers: &[&str], widths: &[f32], rows: &[Vec<String>]) {
        let style = Style::body(8.5);
        let head = Style::bold(8.5);
        let pad = 1.2;
        let total: f32 = widths.iter().sum();
        let scale = self.width() / total;
        let widths: Vec<f32> = widths.iter().map(|w| w * scale).collect();
        let header_lines: Vec<Vec<String>> = headers
            .iter()
            .zip(&widths)
            .map(|(h, w)| self.wrap(h, head, w - 2.0 * pad))
            .collect();
        let header_count = header_lines.iter().map(Vec::len).max().unwrap_or(1).max(1);
        #[allow(clippy::cast_precision_loss)] // one or two lines
        let header_h = header_count as f32 * head.line_mm() + 2.0 * pad;
        let draw_header = |flow: &mut Flow| {
            let x0 = flow.left();
            flow.push(Item::Rect {
                x_mm: x0,
                y_mm: flow.y_mm,
                w_mm: flow.width(),
                h_mm: header_h,
                fill: Some(SHADE),
                stroke: None,
            });
            let mut x = x0;
            for (lines, w) in header_lines.iter().zip(&widths) {
                for (i, line) in lines.iter().enumerate() {
                    #[allow(clippy::cast_precision_loss)]
                    let baseline = flow.y_mm + pad + head.line_mm() * (i as f32 + 0.78);
                    flow.text_at(x + pad, baseline, line, head);
                }
                x += w;
            }
            flow.y_mm += header_h;
        };
        self.ensure(header_h + head.line_mm() + 2.0 * pad);
        draw_header(self);
        for row in rows {
            let cells: Vec<Vec<String>> = row
                .iter()
                .zip(&widths)
                .map(|(cell, w)| self.wrap(cell, style, w - 2.0 * pad))
                .collect();
            let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
            #[allow(clippy::cast_precision_loss)] // a few lines
            let h = lines as f32 * style.line_mm() + 2.0 * pad;
            if self.y_mm + h > self.bottom_mm {
                self.new_page();
                draw_header(self);
            }
            let mut x = self.left();
            for (cell, w) in cells.iter().zip(&widths) {
                for (i, line) in cell.iter().enumerate() {
                    #[allow(clippy::cast_precision_loss)]
                    let baseline = self.y_mm + pad + style.line_mm() * (i as f32 + 0.78);
                    self.text_at(x + pad, baseline, line, style);
                }
                x += w;
            }
            self.y_mm += h;
            let (x0, right) = (self.left(), self.left() + self.width());
            let y = self.y_mm;
            self.push(Item::Line {
                from: (x0, y),
                to: (right, y),
                width_mm: 0.15,
                colour: RULE,
            });
        }
        self.space(2.0);
    }

    /// Finishes the document: `stamp` draws the header and footer of every
    /// page, given its number and the page count.
    #[must_use]
    pub fn finish(
        mut self,
        title: &str,
        mut stamp: impl FnMut(&mut Page, usize, usize),
    ) -> Document {
        let count = self.pages.len();
        for (i, page) in self.pages.iter_mut().enumerate() {
            // Headers and footers come first, as a reader meets them; a
            // watermark goes over everything.
            let mut stamped = Page::default();
            stamp(&mut stamped, i + 1, count);
            let (over, under): (Vec<Item>, Vec<Item>) = stamped
                .items
                .into_iter()
                .partition(|item| matches!(item, Item::Watermark { .. }));
            page.items.splice(0..0, under);
            page.items.extend(over);
        }
        Document {
            title: title.to_string(),
            paper: self.paper,
            pages: self.pages,
            replaced_characters: self.replaced_characters,
        }
    }
}

/// Text on a page outside the flow (headers and footers); right-aligned
/// when `align_right`.
pub fn stamp_text(
    page: &mut Page,
    x_mm: f32,
    y_mm: f32,
    text: &str,
    style: Style,
    align_right: bool,
) {
    let (text, _) = fonts().printable(text);
    let x = if align_right {
        x_mm - fonts().width_mm(&text, style.size_pt, style.bold)
    } else {
        x_mm
    };
    page.items.push(Item::Text {
        x_mm: x,
        y_mm,
        size_pt: style.size_pt,
        bold: style.bold,
        colour: style.colour,
        text,
    });
}
