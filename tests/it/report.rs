//! Printed documents from the demo clinic on a real database: the visit
//! note and the handout rendered to PDF bytes, read back, and checked for
//! their identifiers, sections and exercises in order, their page counts,
//! and every item inside its page.

use palpate::core::demo;
use palpate::core::model::{NoteTexts, VisitType};
use palpate::report::handout::{HandoutOptions, handout};
use palpate::report::layout::{Document, Item};
use palpate::report::visit_note::visit_note;
use palpate::report::{pdf, write_atomically};
use palpate::{Action, Core};

use crate::util::{core_with_practitioner, create, data_dir, start_visit};

/// The text of each page, one string per text item, in drawing order.
fn pdf_text(bytes: &[u8]) -> Vec<Vec<String>> {
    let doc = printpdf::PdfDocument::parse(
        bytes,
        &printpdf::PdfParseOptions::default(),
        &mut Vec::new(),
    )
    .unwrap();
    doc.pages
        .iter()
        .map(|page| {
            page.ops
                .iter()
                .filter_map(|op| match op {
                    printpdf::Op::ShowText { items } => Some(
                        items
                            .iter()
                            .map(|item| match item {
                                printpdf::TextItem::Text(t) => t.clone(),
                                printpdf::TextItem::GlyphIds(glyphs) => {
                                    glyphs.iter().filter_map(|g| g.cid.clone()).collect()
                                }
                                printpdf::TextItem::Offset(_) => String::new(),
                            })
                            .collect::<String>(),
                    ),
                    _ => None,
                })
                .collect()
        })
        .collect()
}

/// Asserts that each of `wanted` occurs in `text` after the one before.
fn in_order(text: &[String], wanted: &[&str]) {
    let joined = text.join("\n");
    let mut from = 0;
    for w in wanted {
        let found = joined[from..]
            .find(w)
            .unwrap_or_else(|| panic!("{w:?} not found after byte {from} in:\n{joined}"));
        from += found + w.len();
    }
}

/// Every item lies on its page.
fn fits(document: &Document) {
    let (width, height) = document.paper.size_mm();
    for (n, page) in document.pages.iter().enumerate() {
        for item in &page.items {
            let (x, y, w, h) = match item {
                Item::Text {
                    x_mm,
                    y_mm,
                    text,
                    size_pt,
                    bold,
                    ..
                } => {
                    let w = palpate::report::fonts::fonts().width_mm(text, *size_pt, *bold);
                    (*x_mm, *y_mm - size_pt * 0.35, w, 0.0)
                }
                Item::Rect {
                    x_mm,
                    y_mm,
                    w_mm,
                    h_mm,
                    ..
                }
                | Item::Svg {
                    x_mm,
                    y_mm,
                    w_mm,
                    h_mm,
                    ..
                }
                | Item::Image {
                    x_mm,
                    y_mm,
                    w_mm,
                    h_mm,
                    ..
                } => (*x_mm, *y_mm, *w_mm, *h_mm),
                Item::Figure { x_mm, y_mm, figure } => {
                    (*x_mm, *y_mm, figure.width_mm, figure.height_mm)
                }
                Item::Line { from, to, .. } => (
                    from.0.min(to.0),
                    from.1.min(to.1),
                    (to.0 - from.0).abs(),
                    (to.1 - from.1).abs(),
                ),
                Item::Watermark { .. } => continue,
            };
            assert!(
                x >= 0.0 && y >= 0.0 && x + w <= width + 0.01 && y + h <= height + 0.01,
                "page {}: {item:?} leaves the page",
                n + 1
            );
        }
    }
}

fn demo_core(dir: &std::path::Path) -> Core {
    let mut core = Core::open_in_dir(dir).unwrap();
    demo::seed(&mut core, 12, |_, _| {}).unwrap();
    core
}

#[test]
fn the_demo_visit_note_prints_identifiers_sections_and_treatment_in_order() {
    let dir = data_dir();
    let core = demo_core(dir.path());
    let patient = core
        .store()
        .patient_by_chart_number("C-00001")
        .unwrap()
        .unwrap();
    let visits = core.store().visit_summaries(patient).unwrap();
    let first = visits.last().unwrap().id;
    let document = visit_note(&core, first).unwrap();
    fits(&document);
    let bytes = pdf::render(&document);
    let pages = pdf_text(&bytes);
    assert_eq!(pages.len(), document.pages.len());
    assert!((2..=4).contains(&pages.len()), "{} pages", pages.len());
    let all: Vec<String> = pages.concat();
    in_order(
        &all,
        &[
            "Fjordside Spine & Headache Clinic (demo)",
            "Visit note",
            "Initial evaluation",
            "Ødegaard, Zoë",
            "Born 1987-04-12",
            "Chart C-00001",
            "Chief complaint",
            "Subjective",
            "Objective",
            "Assessment",
            "Plan",
            "Outcome measures",
            "NDI 18/50 (36 %), moderate, 10 of 10 sections answered",
            "HIT-6 62, severe impact",
            "Flexion-rotation test left 40°, right 22°: positive",
            "Body map",
            "Posterior view",
            "Trigger point findings",
            "Upper trapezius, right",
            "Joint mobilization",
            "Home exercises",
            "Chin nod lying down",
            "Signed by Maren Holt, DC at",
        ],
    );
    let count = pages.len();
    for (i, page) in pages.iter().enumerate() {
        assert!(
            page.contains(&format!("page {} of {count}", i + 1)),
            "{page:?}"
        );
    }
    assert!(
        !all.iter().any(|t| t == "DRAFT"),
        "a signed note has no DRAFT mark"
    );

    // Printing is recorded with the chart.
    let mut core = core;
    core.apply(Action::RecordDocument(
        palpate::core::model::DocumentRecord {
            patient_id: patient,
            visit_id: Some(first),
            kind: palpate::core::model::DocumentKind::VisitNote,
            action: palpate::core::model::DocumentAction::Print,
            path: "documents/visit-note-C-00001.pdf".into(),
            at: jiff::Timestamp::now(),
        },
    ))
    .unwrap();
    let documents = core.store().documents(patient).unwrap();
    assert_eq!(documents.len(), 1);
    assert_eq!(documents[0].visit_id, Some(first));

    // The visit in progress is marked DRAFT.
    let current = visits.first().unwrap().id;
    let draft = pdf_text(&pdf::render(&visit_note(&core, current).unwrap())).concat();
    assert!(draft.iter().any(|t| t == "DRAFT"));
    assert!(draft.iter().any(|t| t.contains("this note is not signed")));
}

#[test]
fn the_demo_handout_prints_every_exercise_of_the_plan_with_its_options() {
    let dir = data_dir();
    let core = demo_core(dir.path());
    let patient = core
        .store()
        .patient_by_chart_number("C-00001")
        .unwrap()
        .unwrap();
    let current = core.store().current_plan(patient).unwrap().unwrap();
    let library = palpate::content::exercises::shipped();
    let names: Vec<&str> = current
        .body
        .exercises
        .iter()
        .map(|e| library.get(&e.exercise).unwrap().name.as_str())
        .collect();

    let plain = handout(&core, patient, HandoutOptions::default()).unwrap();
    fits(&plain);
    let text = pdf_text(&pdf::render(&plain)).concat();
    let mut wanted = vec!["Your home exercises", "For Ødegaard, Zoë"];
    // The start of each name: a long one wraps onto a second line.
    for name in &names {
        wanted.push(&name[..name.len().min(20)]);
    }
    in_order(&text, &wanted);
    in_order(
        &text,
        &[
            "Chin nod lying down",
            "10 x 10 s, 2 times a day, 7 days a week",
            "1. Lie on your back",
            "Take care",
        ],
    );
    assert!(!text.iter().any(|t| t.contains("Four weeks")));

    let full = HandoutOptions {
        large_print: true,
        ergonomics: true,
        calendar: true,
    };
    let large = handout(&core, patient, full).unwrap();
    fits(&large);
    assert!(
        large.pages.len() > plain.pages.len(),
        "large print takes more pages"
    );
    let text = pdf_text(&pdf::render(&large)).concat();
    in_order(
        &text,
        &[
            "Your home exercises",
            "Your desk and daily habits",
            "Laptop: riser",
            "Four weeks: tick what you did",
            "Week 1",
            "Week 4",
        ],
    );

    // Each exercise's illustration is on the page of its name.
    for page in &plain.pages {
        let svgs = page
            .items
            .iter()
            .filter(|i| matches!(i, Item::Svg { .. }))
            .count();
        let names_here = page
            .items
            .iter()
            .filter(|i| {
                matches!(i, Item::Text { text, size_pt, .. }
                    if *size_pt > 12.0 && names.iter().any(|n| n.starts_with(text.as_str())))
            })
            .count();
        assert_eq!(
            svgs, names_here,
            "an exercise was split from its illustration"
        );
    }
}

#[test]
fn a_very_long_note_paginates_and_missing_glyphs_fall_back_visibly() {
    let dir = data_dir();
    let mut core = core_with_practitioner(dir.path());
    let patient = create(&mut core, "C-00001", "美咲", "佐藤");
    let visit = start_visit(&mut core, patient, None);
    let paragraph =
        "Headache on the right, from the neck to the temple, worse after desk work. ".repeat(12);
    let long = format!("{paragraph}\n\n").repeat(60);
    core.apply(Action::SaveVisit {
        visit,
        visit_type: VisitType::FollowUp,
        texts: NoteTexts {
            chief_complaint: String::new(),
            subjective: long.clone(),
            objective: long,
            assessment: String::new(),
            plan: "Review in one week.".into(),
        },
    })
    .unwrap();
    let document = visit_note(&core, visit).unwrap();
    fits(&document);
    assert!(document.pages.len() >= 20, "{} pages", document.pages.len());
    assert!(
        document.replaced_characters,
        "the CJK name is not in the fonts"
    );
    let text = pdf_text(&pdf::render(&document)).concat();
    assert!(
        text.iter().any(|t| t == "??, ??"),
        "the name prints as visible question marks"
    );
    assert!(
        !text
            .iter()
            .any(|t| t == "Chief complaint" || t == "Assessment"),
        "empty sections are left out"
    );
    in_order(
        &text,
        &["Subjective", "Objective", "Plan", "Review in one week."],
    );
}

#[test]
fn an_unwritable_folder_is_a_clear_error_and_leaves_no_file() {
    let dir = data_dir();
    let target = dir.path().join("missing-folder").join("note.pdf");
    let err = write_atomically(&target, b"%PDF-1.3").unwrap_err();
    assert!(err.to_string().contains("note.pdf"), "{err}");
    assert!(!target.exists());
    let ok = dir.path().join("note.pdf");
    write_atomically(&ok, b"%PDF-1.3").unwrap();
    assert_eq!(std::fs::read(&ok).unwrap(), b"%PDF-1.3");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".part"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn a_clinic_logo_is_checked_stored_and_printed_in_the_header() {
    use palpate::core::model::{Clinic, Paper};
    let dir = data_dir();
    let mut core = demo_core(dir.path());
    let logo = include_bytes!("../fixtures/logo.png").to_vec();
    let clinic = |logo: Option<Vec<u8>>| Clinic {
        name: "Harbour Physio".into(),
        address: "Quay 1".into(),
        phone: String::new(),
        email: String::new(),
        paper: Paper::Letter,
        logo,
    };
    let err = core
        .apply(Action::SaveClinic(clinic(Some(b"GIF89a...".to_vec()))))
        .unwrap_err();
    assert!(err.to_string().contains("PNG or JPEG"), "{err}");
    core.apply(Action::SaveClinic(clinic(Some(logo.clone()))))
        .unwrap();
    assert_eq!(core.store().clinic().unwrap().logo, Some(logo));

    let patient = core
        .store()
        .patient_by_chart_number("C-00001")
        .unwrap()
        .unwrap();
    let document = handout(&core, patient, HandoutOptions::default()).unwrap();
    assert_eq!(document.paper, Paper::Letter);
    fits(&document);
    for page in &document.pages {
        assert!(
            page.items.iter().any(|i| matches!(i, Item::Image { .. })),
            "a logo on every page"
        );
    }
    let bytes = pdf::render(&document);
    let parsed = printpdf::PdfDocument::parse(
        &bytes,
        &printpdf::PdfParseOptions::default(),
        &mut Vec::new(),
    )
    .unwrap();
    assert!(
        parsed.pages[0]
            .ops
            .iter()
            .any(|op| matches!(op, printpdf::Op::UseXobject { .. })),
        "the logo is drawn"
    );
    let text = pdf_text(&bytes).concat();
    in_order(&text, &["Harbour Physio", "Quay 1", "Your home exercises"]);
}

#[test]
fn the_progress_report_sets_the_measures_against_their_mcids() {
    let dir = data_dir();
    let core = demo_core(dir.path());
    let patient = core
        .store()
        .patient_by_chart_number("C-00001")
        .unwrap()
        .unwrap();
    let document = palpate::report::progress::progress_report(&core, patient).unwrap();
    fits(&document);
    let text = pdf_text(&pdf::render(&document)).concat();
    in_order(
        &text,
        &[
            "Progress report",
            "Ødegaard, Zoë",
            "Outcome measures",
            "NDI",
            "18.0/50",
            "8.0/50",
            "-10.0",
            "yes",
            "HIT-6",
            "62.0",
            "52.0",
            "Flexion-rotation test",
            "22° right, positive",
            "36° right, negative",
            "Over time",
            "Active trigger points",
            "Goals",
            "The plan going forward",
        ],
    );
    let other = create(
        &mut Core::open_in_dir(dir.path()).unwrap(),
        "C-99999",
        "Ana",
        "Nordlys",
    );
    let err = palpate::report::progress::progress_report(&core, other).unwrap_err();
    assert!(err.to_string().contains("no outcome measure"), "{err}");
}
