//! The fonts every document embeds (`DejaVu` Sans, regular and bold, from
//! `assets/fonts/`), parsed once per process, and text measured with their
//! real glyph widths so that wrapping matches what is printed. Widths come
//! from the font files themselves (skrifa), whatever printpdf's build.

use std::collections::HashMap;
use std::sync::OnceLock;

use printpdf::ParsedFont;
use skrifa::MetadataProvider as _;

const REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// Millimetres in a typographic point.
pub const MM_PER_PT: f32 = 25.4 / 72.0;

/// What stands for a character the fonts lack: visible, never an empty box.
pub const MISSING: char = '?';

pub struct Fonts {
    pub regular: ParsedFont,
    pub bold: ParsedFont,
    regular_widths: Widths,
    bold_widths: Widths,
}

/// Advance widths by character, in em.
struct Widths {
    by_char: HashMap<char, f32>,
}

impl Widths {
    fn of(bytes: &[u8], name: &str) -> Widths {
        let font = skrifa::FontRef::new(bytes)
            .unwrap_or_else(|_| panic!("the shipped font {name} does not parse"));
        let metrics = font.metrics(
            skrifa::instance::Size::unscaled(),
            skrifa::instance::LocationRef::default(),
        );
        let units = f32::from(metrics.units_per_em.max(1));
        let glyphs = font.glyph_metrics(
            skrifa::instance::Size::unscaled(),
            skrifa::instance::LocationRef::default(),
        );
        let by_char = font
            .charmap()
            .mappings()
            .filter_map(|(codepoint, gid)| {
                let ch = char::from_u32(codepoint)?;
                Some((ch, glyphs.advance_width(gid)? / units))
            })
            .collect();
        Widths { by_char }
    }
}

/// The parsed fonts.
///
/// # Panics
/// When the shipped font files do not parse, which the tests rule out.
pub fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| {
        let parse = |bytes: &[u8], name: &str| {
            ParsedFont::from_bytes(bytes, 0, &mut Vec::new())
                .unwrap_or_else(|| panic!("the shipped font {name} does not parse"))
        };
        Fonts {
            regular: parse(REGULAR, "DejaVuSans.ttf"),
            bold: parse(BOLD, "DejaVuSans-Bold.ttf"),
            regular_widths: Widths::of(REGULAR, "DejaVuSans.ttf"),
            bold_widths: Widths::of(BOLD, "DejaVuSans-Bold.ttf"),
        }
    })
}

impl Fonts {
    fn widths(&self, bold: bool) -> &Widths {
        if bold {
            &self.bold_widths
        } else {
            &self.regular_widths
        }
    }

    /// Whether the fonts can draw `ch`.
    #[must_use]
    pub fn has(&self, ch: char) -> bool {
        self.regular_widths.by_char.contains_key(&ch) && self.bold_widths.by_char.contains_key(&ch)
    }

    /// `text` with every character the fonts lack replaced by [`MISSING`],
    /// and whether any was.
    #[must_use]
    pub fn printable(&self, text: &str) -> (String, bool) {
        let mut replaced = false;
        let out = text
            .chars()
            .map(|ch| {
                if ch.is_control() {
                    ' '
                } else if self.has(ch) {
                    ch
                } else {
                    replaced = true;
                    MISSING
                }
            })
            .collect();
        (out, replaced)
    }

    /// The width of `text` at `size_pt`, in millimetres.
    #[must_use]
    pub fn width_mm(&self, text: &str, size_pt: f32, bold: bool) -> f32 {
        let widths = self.widths(bold);
        let missing = widths.by_char.get(&MISSING).copied().unwrap_or(0.5);
        let em: f32 = text
            .chars()
            .map(|ch| widths.by_char.get(&ch).copied().unwrap_or(missing))
            .sum();
        em * size_pt * MM_PER_PT
    }

    /// Breaks `text` into lines no wider than `width_mm`; a word longer than
    /// a line is broken where it must be. Blank lines are kept.
    #[must_use]
    pub fn wrap(&self, text: &str, size_pt: f32, bold: bool, width_mm: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            for word in paragraph.split_whitespace() {
                let candidate = if line.is_empty() {
                    word.to_string()
                } else {
                    format!("{line} {word}")
                };
                if self.width_mm(&candidate, size_pt, bold) <= width_mm {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                // A word wider than the line: break it by characters.
                let mut piece = String::new();
                for ch in word.chars() {
                    piece.push(ch);
                    if self.width_mm(&piece, size_pt, bold) > width_mm && piece.chars().count() > 1
                    {
                        piece.pop();
                        lines.push(std::mem::take(&mut piece));
                        piece.push(ch);
                    }
                }
                line = piece;
            }
            lines.push(line);
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_measured_and_wrapped_with_real_glyph_widths() {
        let f = fonts();
        let narrow = f.width_mm("iiii", 10.0, false);
        let wide = f.width_mm("MMMM", 10.0, false);
        assert!(wide > narrow * 2.0, "{narrow} {wide}");
        assert!(f.width_mm("MMMM", 10.0, true) > wide * 0.99);
        let lines = f.wrap("one two three four five six seven", 10.0, false, 25.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| f.width_mm(l, 10.0, false) <= 25.0));
        assert_eq!(f.wrap("a\n\nb", 10.0, false, 50.0), ["a", "", "b"]);
        let (text, replaced) = f.printable("Zoë Ødegaard, Αλεξάνδρα, Юлия, 佐藤");
        assert!(replaced);
        assert_eq!(text, "Zoë Ødegaard, Αλεξάνδρα, Юлия, ??");
    }
}
