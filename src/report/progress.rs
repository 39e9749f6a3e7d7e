//! The progress report, for a re-evaluation or a referrer: the outcome
//! table (baseline, latest, change, MCID), a graph of each measure drawn as
//! vectors, the goals and their status, the trigger points over time, and
//! the plan going forward.

use super::layout::{ACCENT, Document, Flow, INK, Item, MUTED, RULE, Style};
use super::{FOOTER_MM, HEADER_MM, MARGIN_MM, ReportError, stamp_page};
use crate::core::Core;
use crate::core::model::{PatientId, age_in_years};
use crate::core::outcomes::{
    CFRT_DIFFERENCE_DEFAULT, CFRT_THRESHOLD_DEFAULT, NdiMcid, OutcomeEntry, Progress, read_cfrt,
};

fn local_date(t: jiff::Timestamp) -> String {
    t.to_zoned_datetime(jiff::tz::TimeZone::system())
        .date()
        .to_string()
}

/// A line graph of one measure: its points in order, the baseline's MCID
/// band shaded, the axis from `low` to `high`.
fn graph(flow: &mut Flow, p: &Progress, mcid: f32, low: f32, high: f32, lower_is_better: bool) {
    let (x0, w, h) = (flow.left() + 12.0, 70.0, 32.0);
    flow.ensure(h + 14.0);
    flow.text_at(flow.left(), flow.y_mm + 3.5, p.label, Style::bold(9.0));
    let y0 = flow.y_mm + 7.0;
    let y_of = |v: f32| y0 + h - (v - low) / (high - low).max(1.0) * h;
    // The band within one MCID of the baseline: a change inside it is not
    // clinically important.
    let (band_top, band_bottom) = (
        y_of((p.baseline + mcid).min(high)),
        y_of((p.baseline - mcid).max(low)),
    );
    flow.push(Item::Rect {
        x_mm: x0,
        y_mm: band_top,
        w_mm: w,
        h_mm: band_bottom - band_top,
        fill: Some(crate::body_map::figure::Rgba::rgb(232, 238, 244)),
        stroke: None,
    });
    flow.push(Item::Line {
        from: (x0, y0),
        to: (x0, y0 + h),
        width_mm: 0.25,
        colour: RULE,
    });
    flow.push(Item::Line {
        from: (x0, y0 + h),
        to: (x0 + w, y0 + h),
        width_mm: 0.25,
        colour: RULE,
    });
    for v in [low, high] {
        let text = format!("{v:.0}");
        let tw = super::fonts::fonts().width_mm(&text, 7.0, false);
        flow.text_at(x0 - 1.5 - tw, y_of(v) + 1.0, &text, Style::muted(7.0));
    }
    let n = p.series.len();
    #[allow(clippy::cast_precision_loss)] // a few visits
    let x_of = |i: usize| {
        if n <= 1 {
            x0 + w / 2.0
        } else {
            x0 + 4.0 + i as f32 / (n - 1) as f32 * (w - 8.0)
        }
    };
    for (i, pair) in p.series.windows(2).enumerate() {
        flow.push(Item::Line {
            from: (x_of(i), y_of(pair[0])),
            to: (x_of(i + 1), y_of(pair[1])),
            width_mm: 0.6,
            colour: ACCENT,
        });
    }
    for (i, v) in p.series.iter().enumerate() {
        flow.push(Item::Rect {
            x_mm: x_of(i) - 0.9,
            y_mm: y_of(*v) - 0.9,
            w_mm: 1.8,
            h_mm: 1.8,
            fill: Some(ACCENT),
            stroke: None,
        });
    }
    let direction = if lower_is_better {
        "lower is better"
    } else {
        "higher is better"
    };
    flow.text_at(
        x0 + w + 4.0,
        y0 + 5.0,
        &format!("Shaded: within {mcid} of the baseline ({direction})"),
        Style::muted(7.5),
    );
    flow.y_mm = y0 + h + 6.0;
}

/// Lays out the progress report of a chart.
///
/// # Errors
/// When the chart cannot be read, or it has no outcome measure yet.
#[allow(clippy::too_many_lines)] // one document, section by section
pub fn progress_report(core: &Core, patient: PatientId) -> Result<Document, ReportError> {
    let store = core.store();
    let clinic = store.clinic()?;
    let details = store.patient(patient)?.details;
    let progress = core.progress(patient)?;
    if progress.is_empty() {
        return Err(ReportError::Missing(format!(
            "{patient} has no outcome measure recorded yet"
        )));
    }
    let visits = store.visit_summaries(patient)?;
    let counts = store.active_counts(patient)?;
    let plan = store.current_plan(patient)?;
    let paper = clinic.paper;
    let mut flow = Flow::new(paper, MARGIN_MM, HEADER_MM, FOOTER_MM);
    let left = flow.left();

    let top = flow.y_mm;
    flow.text_at(left, top + 6.0, "Progress report", Style::bold(17.0));
    let span = match (visits.last(), visits.first()) {
        (Some(first), Some(last)) => format!(
            "{} visits from {} to {}",
            visits.len(),
            local_date(first.started_at),
            local_date(last.started_at)
        ),
        _ => String::new(),
    };
    flow.text_at(left, top + 12.0, &span, Style::muted(9.0));
    let age = age_in_years(details.date_of_birth, Core::today());
    flow.text_at(
        left + 110.0,
        top + 5.5,
        &details.display_name(),
        Style::bold(11.0),
    );
    flow.text_at(
        left + 110.0,
        top + 10.5,
        &format!(
            "Born {} ({age} years) · chart {}",
            details.date_of_birth, details.chart_number
        ),
        Style::body(8.5),
    );
    flow.y_mm = top + 18.0;

    flow.heading("Outcome measures", 20.0);
    let mut rows: Vec<Vec<String>> = progress
        .iter()
        .map(|p| {
            let verdict = if p.series.len() < 2 {
                "one measurement".to_string()
            } else if p.change.passes_mcid {
                "yes".to_string()
            } else {
                "no".to_string()
            };
            vec![
                p.label.to_string(),
                format!("{:.1}{}", p.baseline, p.unit),
                format!("{:.1}{}", p.latest, p.unit),
                format!("{:+.1}", p.change.delta),
                verdict,
            ]
        })
        .collect();
    // The flexion-rotation test has a cut-off rather than an MCID.
    let cfrt: Vec<(f32, f32)> = store
        .outcomes(patient)?
        .iter()
        .filter_map(|o| match o.entry {
            OutcomeEntry::Cfrt {
                left_degrees,
                right_degrees,
            } => Some((left_degrees, right_degrees)),
            _ => None,
        })
        .collect();
    if let (Some(first), Some(last)) = (cfrt.first(), cfrt.last()) {
        let read = |(l, r): (f32, f32)| {
            read_cfrt(l, r, CFRT_THRESHOLD_DEFAULT, CFRT_DIFFERENCE_DEFAULT).ok()
        };
        if let (Some(a), Some(b)) = (read(*first), read(*last)) {
            let side = |left: bool| if left { "left" } else { "right" };
            let verdict = |positive: bool| if positive { "positive" } else { "negative" };
            rows.push(vec![
                "Flexion-rotation test".into(),
                format!(
                    "{:.0}° {}, {}",
                    a.restricted_degrees,
                    side(a.restricted_left),
                    verdict(a.positive)
                ),
                format!(
                    "{:.0}° {}, {}",
                    b.restricted_degrees,
                    side(b.restricted_left),
                    verdict(b.positive)
                ),
                format!("{:+.0}°", b.restricted_degrees - a.restricted_degrees),
                format!("cut-off {CFRT_THRESHOLD_DEFAULT:.0}°"),
            ]);
        }
    }
    flow.table(
        &["Measure", "Baseline", "Latest", "Change", "Beyond the MCID"],
        &[30.0, 27.0, 27.0, 13.0, 22.0],
        &rows,
    );
    flow.paragraph(
        &format!(
            "MCIDs: NDI {}; HIT-6 6 points (Smelt et al. 2014 give 2.5-6); pain 1.3 points (Cleland 2008); PSFS 2 points (Stratford et al. 1995).",
            NdiMcid::Raw5.label()
        ),
        Style::muted(8.0),
    );
    flow.space(2.0);

    flow.heading("Over time", 45.0);
    for p in &progress {
        let (low, high, lower_better) = match p.label {
            "NDI" => (0.0, 50.0, true),
            "HIT-6" => (36.0, 78.0, true),
            "PSFS" => (0.0, 10.0, false),
            _ => (0.0, 10.0, true),
        };
        let mcid = match p.label {
            "NDI" => 5.0,
            "HIT-6" => crate::core::outcomes::HIT6_MCID_DEFAULT,
            "PSFS" => crate::core::outcomes::PSFS_MCID_DEFAULT,
            _ => crate::core::outcomes::NPRS_MCID_DEFAULT,
        };
        graph(&mut flow, p, mcid, low, high, lower_better);
    }

    if counts.iter().any(|c| c.active > 0) {
        flow.heading("Active trigger points", 12.0);
        let text: Vec<String> = counts
            .iter()
            .map(|c| format!("{}: {}", local_date(c.started_at), c.active))
            .collect();
        flow.paragraph(&text.join("   ·   "), Style::body(9.0));
        flow.space(2.0);
    }

    if let Some(plan) = &plan {
        if !plan.body.goals.is_empty() {
            flow.heading("Goals", 12.0);
            let rows: Vec<Vec<String>> = plan
                .body
                .goals
                .iter()
                .map(|g| vec![g.text.clone(), g.status.label().to_string()])
                .collect();
            flow.table(&["Goal", "Status"], &[80.0, 20.0], &rows);
        }
        flow.heading("The plan going forward", 12.0);
        flow.paragraph(
            &format!("{}: {}.", plan.body.name, plan.body.schedule()),
            Style::body(9.5),
        );
        let library = crate::content::exercises::shipped();
        for e in &plan.body.exercises {
            let name = library
                .get(&e.exercise)
                .map_or(e.exercise.as_str(), |x| x.name.as_str());
            flow.paragraph(
                &format!("•  {name}: {}", e.dosage.describe()),
                Style::body(9.0),
            );
        }
    }

    flow.ensure(14.0);
    flow.space(6.0);
    let y = flow.y_mm;
    flow.push(Item::Line {
        from: (left, y),
        to: (left + 80.0, y),
        width_mm: 0.3,
        colour: INK,
    });
    let author = core
        .practitioner()
        .and_then(|id| store.practitioners().ok()?.into_iter().find(|p| p.id == id))
        .map_or_else(String::new, |p| p.signature_name());
    flow.text_at(left, y + 5.0, &author, Style::bold(9.5));
    flow.text_at(
        left,
        y + 9.5,
        &format!("Printed {}", Core::today()),
        Style {
            size_pt: 8.0,
            bold: false,
            colour: MUTED,
        },
    );
    flow.y_mm = y + 12.0;

    let footer = format!(
        "Progress report · {} · chart {}",
        details.display_name(),
        details.chart_number
    );
    Ok(flow.finish(
        &format!("Progress report {}", details.chart_number),
        |page, n, count| {
            stamp_page(page, n, count, &clinic, paper, &footer);
        },
    ))
}
