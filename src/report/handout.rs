//! The home-exercise handout: the patient's program from their plan, each
//! exercise with its illustration, steps, dosage and precautions kept on one
//! page; optionally in large print, with the ergonomics checklist and a
//! four-week calendar to tick.

use super::fonts::fonts;
use super::layout::{ACCENT, Document, Flow, Item, RULE, Style};
use super::{FOOTER_MM, HEADER_MM, MARGIN_MM, ReportError, stamp_page};
use crate::content::exercises::{self, Exercise};
use crate::content::plans::catalog;
use crate::core::Core;
use crate::core::model::PatientId;
use crate::core::plan::Dosage;

/// What the handout includes besides the exercises.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HandoutOptions {
    pub large_print: bool,
    pub ergonomics: bool,
    pub calendar: bool,
}

/// Text sizes of a handout.
struct Sizes {
    body: f32,
    name: f32,
    image_h: f32,
}

impl Sizes {
    fn new(large: bool) -> Sizes {
        if large {
            Sizes {
                body: 14.0,
                name: 19.0,
                image_h: 80.0,
            }
        } else {
            Sizes {
                body: 9.5,
                name: 13.0,
                image_h: 44.0,
            }
        }
    }
}

/// The lines of one exercise's text column, with their styles.
fn exercise_lines(
    flow: &Flow,
    exercise: &Exercise,
    dosage: &Dosage,
    sizes: &Sizes,
    width: f32,
) -> Vec<(String, Style, f32)> {
    let body = Style::body(sizes.body);
    let bold = Style::bold(sizes.body);
    let mut lines = Vec::new();
    let mut add = |text: &str, style: Style, indent: f32, gap_after: bool| {
        for l in flow.wrap(text, style, width - indent) {
            lines.push((l, style, indent));
        }
        if gap_after {
            lines.push((String::new(), Style::body(sizes.body * 0.5), 0.0));
        }
    };
    add(&exercise.name, Style::bold(sizes.name), 0.0, false);
    add(
        &capitalised(&dosage.describe()),
        Style {
            size_pt: sizes.body,
            bold: true,
            colour: ACCENT,
        },
        0.0,
        false,
    );
    add(&exercise.purpose, Style::muted(sizes.body), 0.0, true);
    for (i, step) in exercise.steps.iter().enumerate() {
        add(&format!("{}. {step}", i + 1), body, 0.0, false);
    }
    if !exercise.cues.is_empty() {
        add("", body, 0.0, false);
        for cue in &exercise.cues {
            add(&format!("•  {cue}"), body, 0.0, false);
        }
    }
    if !exercise.precautions.is_empty() {
        add("", body, 0.0, false);
        add("Take care", bold, 0.0, false);
        for p in &exercise.precautions {
            add(&format!("•  {p}"), body, 0.0, false);
        }
    }
    lines
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// Lays out the handout for the patient with `chart_number`'s current plan.
///
/// # Errors
/// When there is no such patient, no plan, or no exercise in it.
#[allow(clippy::too_many_lines)] // one document, block by block
pub fn handout(
    core: &Core,
    patient: PatientId,
    options: HandoutOptions,
) -> Result<Document, ReportError> {
    let store = core.store();
    let clinic = store.clinic()?;
    let details = store.patient(patient)?.details;
    let plan = store.current_plan(patient)?.ok_or_else(|| {
        ReportError::Missing(format!(
            "{patient} has no plan yet, so no home exercises to print"
        ))
    })?;
    if plan.body.exercises.is_empty() {
        return Err(ReportError::Missing(format!(
            "the plan of {patient} holds no home exercises"
        )));
    }
    let practitioner = store
        .practitioners()?
        .into_iter()
        .find(|p| p.id == plan.created_by)
        .map_or_else(String::new, |p| p.signature_name());
    let library = exercises::shipped();
    let sizes = Sizes::new(options.large_print);
    let paper = clinic.paper;
    let mut flow = Flow::new(paper, MARGIN_MM, HEADER_MM, FOOTER_MM);
    let (left, width) = (flow.left(), flow.width());

    let title = Style::bold(if options.large_print { 24.0 } else { 18.0 });
    let y = flow.y_mm;
    flow.text_at(left, y + 7.0, "Your home exercises", title);
    let who = format!(
        "For {} · {} · from {}",
        details.display_name(),
        Core::today(),
        if practitioner.is_empty() {
            "your clinician".to_string()
        } else {
            practitioner.clone()
        }
    );
    flow.text_at(left, y + 14.0, &who, Style::muted(sizes.body));
    flow.y_mm = y + 18.0;
    flow.paragraph(
        &format!(
            "Do these exercises as shown. Stop and call the clinic if an exercise brings on your headache, dizziness, or pins and needles in the arms. {}.",
            plan.body.schedule().replace("re-evaluate", "we will re-check your progress")
        ),
        Style::body(sizes.body),
    );
    flow.space(3.0);

    for planned in &plan.body.exercises {
        let Some(exercise) = library.get(&planned.exercise) else {
            continue;
        };
        // Side by side in normal print; the picture above the text in large print.
        let (image_w, text_x, text_w) = if options.large_print {
            (width, left, width)
        } else {
            let image_w = sizes.image_h * 1.6;
            (image_w, left + image_w + 6.0, width - image_w - 6.0)
        };
        let lines = exercise_lines(&flow, exercise, &planned.dosage, &sizes, text_w);
        let text_h: f32 = lines.iter().map(|(_, s, _)| s.line_mm()).sum();
        let block_h = if options.large_print {
            sizes.image_h + 4.0 + text_h
        } else {
            sizes.image_h.max(text_h)
        } + 8.0;
        // Never split an exercise from its illustration.
        flow.ensure(block_h);
        let top = flow.y_mm;
        if let Some(svg) = exercise.svg() {
            flow.push(Item::Rect {
                x_mm: left,
                y_mm: top,
                w_mm: image_w,
                h_mm: sizes.image_h,
                fill: None,
                stroke: Some((RULE, 0.25)),
            });
            flow.push(Item::Svg {
                x_mm: left + 1.0,
                y_mm: top + 1.0,
                w_mm: image_w - 2.0,
                h_mm: sizes.image_h - 2.0,
                svg,
            });
        }
        let mut y = if options.large_print {
            top + sizes.image_h + 4.0
        } else {
            top
        };
        for (text, style, indent) in &lines {
            let baseline = y + style.line_mm() * 0.78;
            if !text.is_empty() {
                flow.text_at(text_x + indent, baseline, text, *style);
            }
            y += style.line_mm();
        }
        flow.y_mm = top + block_h - 4.0;
        flow.push(Item::Line {
            from: (left, flow.y_mm),
            to: (left + width, flow.y_mm),
            width_mm: 0.2,
            colour: RULE,
        });
        flow.space(4.0);
    }

    if options.ergonomics && !plan.body.education.is_empty() {
        flow.new_page();
        flow.text_at(left, flow.y_mm + 7.0, "Your desk and daily habits", title);
        flow.y_mm += 13.0;
        flow.paragraph(
            "Tick each item once it is set up. Small changes at the desk take load off the neck every day.",
            Style::muted(sizes.body),
        );
        flow.space(3.0);
        for id in &plan.body.education {
            let Some(item) = catalog().education(id) else {
                continue;
            };
            let style = Style::body(sizes.body);
            let lines = flow.wrap(&item.name, style, width - 10.0);
            #[allow(clippy::cast_precision_loss)]
            let h = lines.len() as f32 * style.line_mm() + 3.0;
            flow.ensure(h);
            let box_size = style.line_mm() * 0.75;
            flow.push(Item::Rect {
                x_mm: left,
                y_mm: flow.y_mm + 0.4,
                w_mm: box_size,
                h_mm: box_size,
                fill: None,
                stroke: Some((super::layout::INK, 0.3)),
            });
            flow.paragraph_at(left + 9.0, width - 10.0, &item.name, style);
            flow.space(3.0);
        }
    }

    if options.calendar {
        flow.new_page();
        flow.text_at(
            left,
            flow.y_mm + 7.0,
            "Four weeks: tick what you did",
            title,
        );
        flow.y_mm += 13.0;
        let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
        let style = Style::body(if options.large_print { 12.0 } else { 8.5 });
        let bold = Style::bold(style.size_pt);
        let name_w = width * 0.34;
        let cell_w = (width - name_w) / 7.0;
        let row_h = style.line_mm() * 2.0;
        for week in 1..=4 {
            #[allow(clippy::cast_precision_loss)]
            let table_h = (plan.body.exercises.len() as f32 + 1.0) * row_h + 8.0;
            flow.ensure(table_h);
            let mut y = flow.y_mm;
            flow.text_at(left, y + row_h * 0.65, &format!("Week {week}"), bold);
            for (i, day) in days.iter().enumerate() {
                #[allow(clippy::cast_precision_loss)]
                let x = left + name_w + i as f32 * cell_w;
                let w = fonts().width_mm(day, bold.size_pt, true);
                flow.text_at(x + (cell_w - w) / 2.0, y + row_h * 0.65, day, bold);
            }
            y += row_h;
            for planned in &plan.body.exercises {
                let name = library
                    .get(&planned.exercise)
                    .map_or(planned.exercise.as_str(), |e| e.name.as_str());
                let wrapped = flow.wrap(name, style, name_w - 4.0);
                let line = match wrapped.as_slice() {
                    [only] => only.clone(),
                    [first, ..] => format!("{first}…"),
                    [] => String::new(),
                };
                flow.text_at(left, y + row_h * 0.62, &line, style);
                for i in 0..7 {
                    #[allow(clippy::cast_precision_loss)]
                    let x = left + name_w + i as f32 * cell_w;
                    let size = row_h * 0.6;
                    flow.push(Item::Rect {
                        x_mm: x + (cell_w - size) / 2.0,
                        y_mm: y + (row_h - size) / 2.0,
                        w_mm: size,
                        h_mm: size,
                        fill: None,
                        stroke: Some((super::layout::MUTED, 0.25)),
                    });
                }
                y += row_h;
            }
            flow.y_mm = y + 6.0;
        }
    }

    let footer = format!(
        "Home exercises · {} · chart {}",
        details.display_name(),
        details.chart_number
    );
    Ok(flow.finish(
        &format!("Home exercises {}", details.chart_number),
        |page, n, count| {
            stamp_page(page, n, count, &clinic, paper, &footer);
        },
    ))
}
