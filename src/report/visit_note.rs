//! The visit note: clinic header, patient identifiers, the visit, the SOAP
//! sections, the body map figures with a findings table, the treatment
//! tables, and the signature block; DRAFT across every page until signed.

use super::layout::{Document, Flow, Item, Style};
use super::{FOOTER_MM, HEADER_MM, MARGIN_MM, ReportError, stamp_page};
use crate::body_map::figure::{self, MapMark, MarkStyle, PainPath};
use crate::body_map::{BodyPoint, View};
use crate::content::body_map::shipped;
use crate::content::exercises;
use crate::content::plans::catalog;
use crate::core::Core;
use crate::core::model::{Activity, Finding, NoteField, VisitId, VisitStatus, age_in_years};
use crate::core::treatment::{InterventionKind, treatment_lines};

fn yes(b: bool) -> &'static str {
    if b { "yes" } else { "" }
}

/// Lays out the note of `visit`.
///
/// # Errors
/// When the visit or its chart cannot be read.
#[allow(clippy::too_many_lines)] // one document, section by section
pub fn visit_note(core: &Core, visit: VisitId) -> Result<Document, ReportError> {
    let store = core.store();
    let clinic = store.clinic()?;
    let stored = store.visit(visit)?;
    let patient = store.patient(stored.patient_id)?;
    let practitioners = store.practitioners()?;
    let name_of = |id| {
        practitioners.iter().find(|p| p.id == id).map_or_else(
            || "unknown practitioner".to_string(),
            crate::core::model::Practitioner::signature_name,
        )
    };
    let findings = store.findings(visit)?;
    let pain = store.pain_strokes(visit)?;
    let interventions = store.interventions(visit)?;
    let needlings = store.needlings(visit)?;
    let aftercare = store.aftercare(visit)?;
    let local = |t: jiff::Timestamp| {
        t.to_zoned_datetime(jiff::tz::TimeZone::system())
            .strftime("%Y-%m-%d %H:%M")
            .to_string()
    };

    let paper = clinic.paper;
    let mut flow = Flow::new(paper, MARGIN_MM, HEADER_MM, FOOTER_MM);
    let (left, width) = (flow.left(), flow.width());

    // Title and identifiers, side by side.
    let details = &patient.details;
    let title = Style::bold(17.0);
    let top = flow.y_mm;
    flow.text_at(left, top + 6.0, "Visit note", title);
    let visit_line = format!(
        "{} · {} · {}",
        local(stored.started_at),
        stored.visit_type.label(),
        name_of(stored.practitioner_id)
    );
    flow.text_at(left, top + 12.0, &visit_line, Style::muted(9.0));
    let box_x = left + width * 0.55;
    let box_w = width * 0.45;
    flow.push(Item::Rect {
        x_mm: box_x,
        y_mm: top,
        w_mm: box_w,
        h_mm: 17.0,
        fill: Some(super::layout::SHADE),
        stroke: None,
    });
    flow.text_at(
        box_x + 3.0,
        top + 5.5,
        &details.display_name(),
        Style::bold(11.0),
    );
    let age = age_in_years(details.date_of_birth, Core::today());
    flow.text_at(
        box_x + 3.0,
        top + 10.5,
        &format!(
            "Born {} ({age} years) · {}",
            details.date_of_birth,
            details.sex.label()
        ),
        Style::body(8.5),
    );
    flow.text_at(
        box_x + 3.0,
        top + 15.0,
        &format!("Chart {}", details.chart_number),
        Style::body(8.5),
    );
    flow.y_mm = top + 21.0;

    // The SOAP note; empty sections are left out.
    for field in NoteField::ALL {
        let text = stored.texts.get(field).trim();
        if text.is_empty() {
            continue;
        }
        flow.heading(field.label(), Style::body(9.5).line_mm() * 2.0);
        flow.paragraph(text, Style::body(9.5));
        flow.space(1.0);
    }

    // The outcome measures recorded at this visit.
    // In the order a clinician reads them: disability and impact first.
    let order = ["ndi", "hit6", "nprs", "psfs", "cfrt", "ccft", "crom"];
    let mut recorded: Vec<_> = store
        .outcomes(stored.patient_id)?
        .into_iter()
        .filter(|o| o.visit_id == visit)
        .collect();
    recorded.sort_by_key(|o| order.iter().position(|c| *c == o.entry.code()));
    let measured: Vec<String> = recorded.iter().filter_map(|o| o.entry.describe()).collect();
    if !measured.is_empty() {
        flow.heading("Outcome measures", 10.0);
        for line in &measured {
            flow.paragraph(&format!("•  {line}"), Style::body(9.5));
        }
        flow.space(1.0);
    }

    // The body map: each view that holds a finding or a pain area.
    let map = shipped();
    let number_of = |f: &Finding| {
        findings
            .iter()
            .position(|x| x.id == f.id)
            .map_or(0, |i| i + 1)
    };
    let views: Vec<&View> = map
        .views
        .iter()
        .filter(|v| findings.iter().any(|f| f.view == v.id) || pain.iter().any(|p| p.view == v.id))
        .collect();
    if !views.is_empty() {
        let figure_w = (width - 8.0) / 2.0;
        let figure_h = figure_w * map.views[0].aspect;
        flow.heading("Body map", figure_h + 10.0);
        let mut legend_marks = Vec::new();
        let mut legend_pain = Vec::new();
        for pair in views.chunks(2) {
            flow.ensure(figure_h + 8.0);
            let y = flow.y_mm;
            for (i, view) in pair.iter().enumerate() {
                let marks: Vec<MapMark> = findings
                    .iter()
                    .filter(|f| f.view == view.id)
                    .filter_map(|f| {
                        Some(MapMark {
                            id: f.id,
                            muscle: map.muscle_index(&f.muscle)?,
                            side: f.side,
                            pos: BodyPoint::new(f.position.x, f.position.y),
                            active: f.details.activity == Activity::Active,
                            number: number_of(f),
                            style: MarkStyle::Current,
                        })
                    })
                    .collect();
                let paths: Vec<PainPath> = pain
                    .iter()
                    .filter(|p| p.view == view.id)
                    .map(|p| PainPath {
                        kind: p.kind,
                        intensity: p.intensity,
                        radius: p.radius,
                        points: p.points.iter().map(|q| BodyPoint::new(q.x, q.y)).collect(),
                    })
                    .collect();
                let fig = figure::compose(view, &marks, &paths, figure_w, false);
                #[allow(clippy::cast_precision_loss)]
                let x = left + i as f32 * (figure_w + 8.0);
                flow.push(Item::Figure {
                    x_mm: x,
                    y_mm: y,
                    figure: fig.clone(),
                });
                flow.text_at(x, y + fig.height_mm + 4.0, &fig.caption, Style::muted(8.0));
                legend_marks.extend(marks);
                legend_pain.extend(paths);
            }
            flow.y_mm = y + figure_h + 7.0;
        }
        // The legend, one row of swatches.
        let legend = figure::legend(&legend_marks, &legend_pain);
        if !legend.is_empty() {
            flow.ensure(6.0);
            let mut x = left;
            let y = flow.y_mm + 3.0;
            for row in &legend {
                match row.swatch {
                    figure::Swatch::Marker { fill, ring } => {
                        let fig = figure::Figure {
                            width_mm: 3.0,
                            height_mm: 3.0,
                            caption: String::new(),
                            primitives: vec![figure::Primitive::Marker {
                                centre: figure::PointMm {
                                    x_mm: 1.5,
                                    y_mm: 0.0,
                                },
                                radius_mm: 1.6,
                                fill,
                                ring,
                                ring_width_mm: 0.4,
                                text: String::new(),
                                text_colour: ring,
                                text_size_pt: 6.0,
                            }],
                            legend: Vec::new(),
                        };
                        flow.push(Item::Figure {
                            x_mm: x,
                            y_mm: y - 1.0,
                            figure: fig,
                        });
                    }
                    figure::Swatch::Area(fill) => flow.push(Item::Rect {
                        x_mm: x,
                        y_mm: y - 2.5,
                        w_mm: 3.0,
                        h_mm: 3.0,
                        fill: Some(fill),
                        stroke: None,
                    }),
                }
                flow.text_at(x + 4.5, y, &row.text, Style::body(8.0));
                x += 4.5 + super::fonts::fonts().width_mm(&row.text, 8.0, false) + 6.0;
            }
            flow.y_mm += 7.0;
        }
    }
    if !findings.is_empty() {
        flow.heading("Trigger point findings", 12.0);
        let rows: Vec<Vec<String>> = findings
            .iter()
            .map(|f| {
                let muscle = map
                    .muscle_index(&f.muscle)
                    .map_or(f.muscle.clone(), |i| map.muscles[i].name.clone());
                vec![
                    number_of(f).to_string(),
                    format!("{muscle}, {}", f.side.label()),
                    f.details.activity.label().to_string(),
                    f.details
                        .tenderness
                        .map_or_else(String::new, |t| format!("{t}/10")),
                    yes(f.details.taut_band).into(),
                    yes(f.details.twitch_response).into(),
                    yes(f.details.reproduces_headache).into(),
                    yes(f.details.referral_noted).into(),
                    f.details.note.clone(),
                ]
            })
            .collect();
        flow.table(
            &[
                "#",
                "Muscle",
                "Activity",
                "Tender",
                "Taut band",
                "Twitch",
                "Familiar headache",
                "Referral",
                "Note",
            ],
            &[5.0, 33.0, 14.0, 13.0, 13.0, 13.0, 17.0, 14.0, 30.0],
            &rows,
        );
    }

    // Treatment.
    let catalog = catalog();
    if !needlings.is_empty() {
        flow.heading("Dry needling", 12.0);
        let rows: Vec<Vec<String>> = needlings
            .iter()
            .map(|n| {
                let muscle = map
                    .muscle_index(&n.muscle)
                    .map_or(n.muscle.clone(), |i| map.muscles[i].name.clone());
                vec![
                    format!("{muscle}, {}", n.side.label()),
                    n.needle.clone(),
                    format!("{} / {}", n.needles_in, n.needles_out),
                    n.technique.label().to_string(),
                    n.depth.clone(),
                    n.retention_secs
                        .map_or_else(String::new, |s| format!("{s} s")),
                    n.twitch_count.to_string(),
                    yes(n.familiar_pain).into(),
                    n.response.clone(),
                ]
            })
            .collect();
        flow.table(
            &[
                "Site",
                "Needle",
                "In / out",
                "Technique",
                "Depth, angle",
                "Retained",
                "Twitches",
                "Familiar pain",
                "Response",
            ],
            &[26.0, 18.0, 11.0, 20.0, 16.0, 18.0, 18.0, 17.0, 22.0],
            &rows,
        );
        let lines = treatment_lines(&[], &needlings, aftercare.as_ref());
        for line in lines
            .objective
            .iter()
            .filter(|l| l.starts_with("After needling"))
        {
            flow.paragraph(line, Style::body(9.0));
        }
        flow.space(1.0);
    }
    let of = |kind| interventions.iter().filter(move |i| i.kind == kind);
    let mobilization: Vec<Vec<String>> = of(InterventionKind::Mobilization)
        .map(|i| {
            vec![
                i.level.clone().unwrap_or_default(),
                catalog
                    .technique(&i.code)
                    .map_or(i.code.clone(), |t| t.name.clone()),
                i.grade.clone().unwrap_or_default(),
                i.response.clone(),
            ]
        })
        .collect();
    if !mobilization.is_empty() {
        flow.heading("Joint mobilization", 12.0);
        flow.table(
            &["Level", "Technique", "Grade", "Response"],
            &[15.0, 30.0, 12.0, 60.0],
            &mobilization,
        );
    }
    let exercises_rows: Vec<Vec<String>> = of(InterventionKind::Exercise)
        .map(|i| {
            vec![
                exercises::shipped()
                    .get(&i.code)
                    .map_or(i.code.clone(), |e| e.name.clone()),
                i.dosage.map_or_else(String::new, |d| d.describe()),
                i.exercise_step
                    .map_or_else(String::new, |s| s.label().to_string()),
                i.response.clone(),
            ]
        })
        .collect();
    if !exercises_rows.is_empty() {
        flow.heading("Home exercises", 12.0);
        flow.table(
            &["Exercise", "Dosage", "At this visit", "Response"],
            &[38.0, 50.0, 16.0, 30.0],
            &exercises_rows,
        );
    }
    let mut other: Vec<String> = Vec::new();
    for i in &interventions {
        let text = match i.kind {
            InterventionKind::SoftTissue => format!(
                "Soft-tissue work: {}",
                catalog
                    .soft_tissue(&i.code)
                    .map_or(i.code.as_str(), |t| &t.name)
            ),
            InterventionKind::Craniosacral => "CranioSacral therapy".into(),
            InterventionKind::Stretching => "Stretching".into(),
            InterventionKind::Other => "Other".into(),
            _ => continue,
        };
        let extra: Vec<&str> = [i.region.trim(), i.note.trim(), i.response.trim()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        other.push(if extra.is_empty() {
            text
        } else {
            format!("{text}: {}", extra.join("; "))
        });
    }
    if !other.is_empty() {
        flow.heading("Other treatment", 8.0);
        for line in &other {
            flow.paragraph(&format!("•  {line}"), Style::body(9.0));
        }
        flow.space(1.0);
    }
    let education: Vec<String> = of(InterventionKind::Education)
        .map(|i| {
            catalog
                .education(&i.code)
                .map_or(i.code.clone(), |e| e.name.clone())
        })
        .collect();
    if !education.is_empty() {
        flow.heading("Ergonomics and education advised", 8.0);
        for line in &education {
            flow.paragraph(&format!("•  {line}"), Style::body(9.0));
        }
        flow.space(1.0);
    }

    // Signature.
    flow.ensure(18.0);
    flow.space(4.0);
    let y = flow.y_mm;
    match (stored.status, stored.signed_by, stored.signed_at) {
        (VisitStatus::Signed, Some(by), Some(at)) => {
            flow.push(Item::Line {
                from: (left, y),
                to: (left + 80.0, y),
                width_mm: 0.3,
                colour: super::layout::INK,
            });
            flow.text_at(
                left,
                y + 5.0,
                &format!("Signed by {} at {}", name_of(by), local(at)),
                Style::bold(9.5),
            );
            flow.text_at(
                left,
                y + 9.5,
                "A signed note is never changed; corrections are added as addenda.",
                Style::muted(8.0),
            );
        }
        _ => {
            flow.text_at(
                left,
                y + 5.0,
                "DRAFT: this note is not signed.",
                Style {
                    size_pt: 10.0,
                    bold: true,
                    colour: crate::body_map::figure::Rgba::rgb(180, 30, 30),
                },
            );
        }
    }
    flow.y_mm = y + 12.0;

    let draft = stored.status != VisitStatus::Signed;
    let footer = format!(
        "Visit note · {} · chart {} · printed {}",
        details.display_name(),
        details.chart_number,
        Core::today()
    );
    Ok(flow.finish(
        &format!("Visit note {}", details.chart_number),
        |page, n, count| {
            stamp_page(page, n, count, &clinic, paper, &footer);
            if draft {
                page.items.push(Item::Watermark {
                    text: "DRAFT".into(),
                });
            }
        },
    ))
}
