//! UI tests: the real app on a real temporary database, driven through
//! AccessKit the way a keyboard or screen-reader user would, with assertions
//! on what the database holds afterwards.

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use jiff::Timestamp;
use palpate::Action;
use palpate::app::PalpateApp;
use palpate::core::model::{NoteField, VisitType};

use crate::util::{core_with_practitioner, create, data_dir, start_visit};

fn harness(dir: &std::path::Path) -> Harness<'static, PalpateApp> {
    let dir = dir.to_path_buf();
    Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        // As the app does: glyphs the bundled fonts lack (emoji, CJK) come from the system's fonts.
        .with_context_setup(|ctx| {
            ctx.add_font_provider(std::sync::Arc::new(
                egui_system_font_provider::SystemFontProvider::new(),
            ));
        })
        .build_eframe(move |_cc| PalpateApp::new(dir))
}

fn type_into(harness: &mut Harness<'_, PalpateApp>, label: &str, text: &str) {
    let field = harness.get_by_label(label);
    field.focus();
    field.type_text(text);
    harness.run_steps(2);
}

fn click(harness: &mut Harness<'_, PalpateApp>, label: &str) {
    harness.get_by_label(label).click();
    harness.run_steps(3);
}

#[test]
fn first_run_then_create_find_and_chart_a_patient() {
    let dir = data_dir();
    let mut harness = harness(dir.path());
    harness.run_steps(2);
    harness.get_by_label_contains("Welcome to Palpate");

    type_into(&mut harness, "Your name", "Ana Fictus");
    type_into(&mut harness, "Credentials", "DC");
    click(&mut harness, "Create practitioner");
    assert_eq!(
        harness
            .state()
            .core()
            .unwrap()
            .store()
            .practitioners()
            .unwrap()[0]
            .display_name,
        "Ana Fictus"
    );

    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run_steps(3);
    type_into(&mut harness, "Given name *", "Zoë");
    type_into(&mut harness, "Family name *", "Ødegaard");
    type_into(&mut harness, "Date of birth *", "1987-04-12");
    type_into(&mut harness, "Phone", "+47 555 01 203");
    click(&mut harness, "Create patient");
    let store = harness.state().core().unwrap().store();
    let found = store.search_patients("Ødegaard", 5).unwrap().rows;
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].given_name, "Zoë");
    assert_eq!(found[0].chart_number, "C-00001");

    type_into(&mut harness, "Search patients", "odeg");
    harness.run_steps(2);
    click(&mut harness, "Ødegaard, Zoë, chart C-00001");
    harness.get_by_label_contains("Chart C-00001");

    click(&mut harness, "New visit");
    click(&mut harness, "Start visit");
    type_into(
        &mut harness,
        "Chief complaint",
        "Right-sided headache from the neck",
    );
    type_into(
        &mut harness,
        "Subjective",
        "Headache 4 days a week, starts in the upper neck.",
    );
    type_into(
        &mut harness,
        "Assessment",
        "Cervical disorder with headache.",
    );
    click(&mut harness, "Save");

    let core = harness.state().core().unwrap();
    let patient = core
        .store()
        .patient_by_chart_number("C-00001")
        .unwrap()
        .unwrap();
    let visit = core.store().latest_visit(patient).unwrap().unwrap();
    let stored = core.store().visit(visit).unwrap();
    assert_eq!(
        stored.texts.subjective,
        "Headache 4 days a week, starts in the upper neck."
    );
    assert_eq!(
        stored.texts.chief_complaint,
        "Right-sided headache from the neck"
    );
    assert_eq!(stored.visit_type, VisitType::InitialEvaluation);
    assert!(
        core.store().pending_drafts().unwrap().is_empty(),
        "saving cleared the drafts"
    );
}

#[test]
fn the_patient_form_shows_each_error_beside_its_field_and_saves_nothing() {
    let dir = data_dir();
    drop(core_with_practitioner(dir.path()));
    let mut harness = harness(dir.path());
    harness.run_steps(2);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run_steps(3);
    type_into(&mut harness, "Family name *", "😀");
    type_into(&mut harness, "Date of birth *", "2025-02-30");
    type_into(&mut harness, "Email", "zoe@example");
    click(&mut harness, "Create patient");
    harness.get_by_label("Given name is required.");
    harness.get_by_label("Family name must contain at least one letter.");
    harness.get_by_label_contains("February 2025 has 28 days");
    harness.get_by_label_contains("needs a dot");
    assert_eq!(
        harness
            .state()
            .core()
            .unwrap()
            .store()
            .counts()
            .unwrap()
            .patients,
        0
    );

    // Esc closes the form; Ctrl+N brings back what was typed.
    harness.key_press(Key::Escape);
    harness.run_steps(2);
    assert!(harness.query_by_label("Create patient").is_none());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run_steps(3);
    assert_eq!(
        harness.get_by_label("Date of birth *").value().as_deref(),
        Some("2025-02-30")
    );
}

#[test]
fn typed_text_survives_the_app_being_dropped_without_saving() {
    let dir = data_dir();
    {
        let mut core = core_with_practitioner(dir.path());
        let patient = create(&mut core, "C-00001", "José", "Núñez");
        start_visit(&mut core, patient, None);
    }
    let mut harness = harness(dir.path());
    harness.run_steps(2);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run_steps(2);
    type_into(&mut harness, "Search patients", "C-00001");
    harness.key_press(Key::Enter);
    harness.run_steps(3);
    type_into(
        &mut harness,
        "Subjective",
        "Headache twice since the last visit",
    );
    // Autosave waits for a pause of a second; the harness steps 0.25 s a frame.
    harness.run_steps(8);
    drop(harness); // like a crash: no save, no on_exit

    let mut harness = self::harness(dir.path());
    harness.run_steps(3);
    harness.get_by_label_contains("Unsaved text was recovered");
    click(&mut harness, "Open chart C-00001");
    harness.run_steps(2);
    assert_eq!(
        harness.get_by_label("Subjective").value().as_deref(),
        Some("Headache twice since the last visit")
    );
    harness.get_by_label_contains("recovered from autosave in: Subjective");

    // Saving puts the text into the note and clears the draft.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_steps(3);
    let core = harness.state().core().unwrap();
    assert!(core.store().pending_drafts().unwrap().is_empty());
    let patient = core
        .store()
        .patient_by_chart_number("C-00001")
        .unwrap()
        .unwrap();
    let visit = core.store().latest_visit(patient).unwrap().unwrap();
    assert_eq!(
        core.store()
            .visit(visit)
            .unwrap()
            .texts
            .get(NoteField::Subjective),
        "Headache twice since the last visit"
    );
}

#[test]
fn ctrl_enter_signs_after_confirmation() {
    let dir = data_dir();
    chart_with_a_visit(dir.path());
    let mut harness = harness(dir.path());
    harness.run_steps(2);
    type_into(&mut harness, "Search patients", "zoe");
    click(&mut harness, "Ødegaard, Zoë, chart C-00001");
    type_into(&mut harness, "Plan", "Chin nods 10 x 10 s, twice a day.");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    harness.run_steps(3);
    click(&mut harness, "Sign note");
    let core = harness.state().core().unwrap();
    let patient = core
        .store()
        .patient_by_chart_number("C-00001")
        .unwrap()
        .unwrap();
    let visit = core
        .store()
        .visit(core.store().latest_visit(patient).unwrap().unwrap())
        .unwrap();
    assert_eq!(visit.status, palpate::core::model::VisitStatus::Signed);
    assert_eq!(visit.texts.plan, "Chin nods 10 x 10 s, twice a day.");
    harness.get_by_label_contains("A signed note cannot be changed");
}

#[test]
fn a_new_visit_copies_forward_the_chosen_fields() {
    let dir = data_dir();
    {
        let mut core = core_with_practitioner(dir.path());
        let patient = create(&mut core, "C-00001", "José", "Núñez");
        let visit = match core
            .apply(Action::StartVisit {
                patient,
                visit_type: VisitType::InitialEvaluation,
                started_at: Timestamp::now() - jiff::SignedDuration::from_hours(24 * 7),
                copy_forward: None,
            })
            .unwrap()
        {
            palpate::Applied::Visit(v) => v,
            other => panic!("{other:?}"),
        };
        let texts = palpate::core::model::NoteTexts {
            chief_complaint: "Neck pain and headache since a collision".into(),
            subjective: "Headache most days.".into(),
            objective: "Rotation right 50°.".into(),
            assessment: "Post-whiplash neck pain with headache.".into(),
            plan: "Isometric neck rotation 5 x 5-10 s each side.".into(),
        };
        core.apply(Action::SaveVisit {
            visit,
            visit_type: VisitType::InitialEvaluation,
            texts,
        })
        .unwrap();
        core.apply(Action::SignVisit { visit }).unwrap();
    }
    let mut harness = harness(dir.path());
    harness.run_steps(2);
    type_into(&mut harness, "Search patients", "nunez");
    click(&mut harness, "Núñez, José, chart C-00001");
    // The signed visit is open and read only.
    harness.get_by_label_contains("A signed note cannot be changed");
    click(&mut harness, "New visit");
    // Chief complaint, assessment and plan are ticked by default; add the objective, drop the plan.
    harness
        .get_by_role_and_label(egui::accesskit::Role::CheckBox, "Objective")
        .click();
    harness
        .get_by_role_and_label(egui::accesskit::Role::CheckBox, "Plan")
        .click();
    harness.run_steps(2);
    click(&mut harness, "Start visit");

    let core = harness.state().core().unwrap();
    let patient = core
        .store()
        .patient_by_chart_number("C-00001")
        .unwrap()
        .unwrap();
    let visits = core.store().visit_summaries(patient).unwrap();
    assert_eq!(visits.len(), 2);
    let new = core.store().visit(visits[0].id).unwrap();
    assert_eq!(new.visit_type, VisitType::FollowUp);
    assert_eq!(
        new.texts.chief_complaint,
        "Neck pain and headache since a collision"
    );
    assert_eq!(new.texts.objective, "Rotation right 50°.");
    assert_eq!(
        new.texts.assessment,
        "Post-whiplash neck pain with headache."
    );
    assert_eq!(new.texts.subjective, "");
    assert_eq!(new.texts.plan, "");
    assert_eq!(
        harness.get_by_label("Objective").value().as_deref(),
        Some("Rotation right 50°.")
    );
}

#[test]
fn patient_details_are_edited_and_a_chart_archived() {
    let dir = data_dir();
    {
        let mut core = core_with_practitioner(dir.path());
        create(&mut core, "C-00001", "Zoë", "Ødegaard");
        create(&mut core, "C-00002", "Ngozi", "Adeyemi");
    }
    let mut harness = harness(dir.path());
    harness.run_steps(2);
    click(&mut harness, "Ødegaard, Zoë, chart C-00001");
    click(&mut harness, "Edit details");
    type_into(&mut harness, "Preferred name", "Zo");
    // A chart number that another patient holds is refused beside the field.
    let chart = harness.get_by_label("Chart number *");
    chart.focus();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label("Chart number *").type_text("c-00002");
    harness.run_steps(2);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_steps(3);
    harness.get_by_label("This chart number is already used by another patient.");
    let store = harness.state().core().unwrap().store();
    assert_eq!(
        store
            .patient_by_chart_number("C-00001")
            .unwrap()
            .map(|id| store.patient(id).unwrap().details.preferred_name),
        Some(String::new())
    );

    let chart = harness.get_by_label("Chart number *");
    chart.focus();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label("Chart number *").type_text("C-00009");
    harness.run_steps(2);
    click(&mut harness, "Save changes");
    let store = harness.state().core().unwrap().store();
    let id = store
        .patient_by_chart_number("C-00009")
        .unwrap()
        .expect("renumbered");
    assert_eq!(store.patient(id).unwrap().details.preferred_name, "Zo");

    click(&mut harness, "Archive patient");
    let store = harness.state().core().unwrap().store();
    assert!(store.patient(id).unwrap().archived);
    assert_eq!(store.active_patient_count().unwrap(), 1);
    harness.get_by_label("1 patient");
}

#[test]
fn arrow_keys_move_through_search_results_and_enter_opens_one() {
    let dir = data_dir();
    {
        let mut core = core_with_practitioner(dir.path());
        create(&mut core, "C-00001", "Zara", "Andersen");
        create(&mut core, "C-00002", "Ben", "Andersen");
        create(&mut core, "C-00003", "Ngozi", "Adeyemi");
    }
    let mut harness = harness(dir.path());
    harness.run_steps(2);
    type_into(&mut harness, "Search patients", "andersen");
    harness.get_by_label("2 matches");
    harness.key_press(Key::ArrowDown);
    harness.run_steps(1);
    harness.key_press(Key::Enter);
    harness.run_steps(3);
    // In name order Ben comes first; one step down is Zara, whose chart opens.
    harness.get_by_label("Andersen, Zara");
    harness.get_by_label("Chart C-00001");
    assert!(harness.query_by_label("Andersen, Ben").is_none());
}

#[test]
fn leaving_a_field_autosaves_at_once() {
    let dir = data_dir();
    chart_with_a_visit(dir.path());
    let mut harness = harness(dir.path());
    harness.run_steps(2);
    type_into(&mut harness, "Search patients", "zoe");
    click(&mut harness, "Ødegaard, Zoë, chart C-00001");
    let subjective = harness.get_by_label("Subjective");
    subjective.focus();
    subjective.type_text("Sore after needling for a day");
    // One frame: far less than the autosave pause.
    harness.step();
    assert!(
        harness
            .state()
            .core()
            .unwrap()
            .store()
            .pending_drafts()
            .unwrap()
            .is_empty()
    );
    harness.get_by_label("Plan").focus();
    harness.step();
    harness.step();
    let pending = harness
        .state()
        .core()
        .unwrap()
        .store()
        .pending_drafts()
        .unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].fields, [NoteField::Subjective]);
    harness.get_by_label_contains("not yet saved into the note");
}

/// Opens chart C-00001 on its newest visit and shows the body map tab.
fn open_body_map(harness: &mut Harness<'_, PalpateApp>) -> egui::Rect {
    type_into(harness, "Search patients", "C-00001");
    harness.key_press(Key::Enter);
    harness.run_steps(3);
    click(harness, "Body map");
    harness.get_by_label("Body map, Posterior view").rect()
}

fn screen_at(map: egui::Rect, p: palpate::body_map::BodyPoint) -> egui::Pos2 {
    map.min + egui::vec2(p.x * map.width(), p.y * map.width())
}

fn click_at(harness: &mut Harness<'_, PalpateApp>, pos: egui::Pos2) {
    harness.hover_at(pos);
    harness.run_steps(1);
    harness.drag_at(pos);
    harness.run_steps(1);
    harness.drop_at(pos);
    harness.run_steps(3);
}

fn visit_findings(harness: &Harness<'_, PalpateApp>) -> Vec<palpate::core::model::Finding> {
    let store = harness.state().core().unwrap().store();
    let patient = store.patient_by_chart_number("C-00001").unwrap().unwrap();
    let visit = store.latest_visit(patient).unwrap().unwrap();
    store.findings(visit).unwrap()
}

fn chart_with_a_visit(dir: &std::path::Path) {
    let mut core = core_with_practitioner(dir);
    let patient = create(&mut core, "C-00001", "Zoë", "Ødegaard");
    start_visit(&mut core, patient, None);
}

#[test]
fn clicking_a_muscle_charts_a_finding_and_dragging_moves_it() {
    use palpate::body_map::Side;
    let dir = data_dir();
    chart_with_a_visit(dir.path());
    let mut harness = harness(dir.path());
    harness.run_steps(2);
    let map_rect = open_body_map(&mut harness);

    let body = palpate::content::body_map::shipped();
    let view = body.view("posterior").unwrap();
    let trapezius = body.muscle_index("upper_trapezius").unwrap();
    let anchor = view.region(trapezius, Side::Right).unwrap().anchor;
    click_at(&mut harness, screen_at(map_rect, anchor));

    let findings = visit_findings(&harness);
    assert_eq!(findings.len(), 1);
    assert_eq!(
        (
            findings[0].muscle.as_str(),
            findings[0].side,
            findings[0].view.as_str()
        ),
        ("upper_trapezius", Side::Right, "posterior")
    );
    assert!((findings[0].position.x - anchor.x).abs() < 0.01);

    // The mark is exposed with its muscle, side and kind; drag it a little.
    let mark = harness
        .get_by_label("Upper trapezius, right, active")
        .rect()
        .center();
    let to = mark + egui::vec2(-25.0, 6.0);
    harness.hover_at(mark);
    harness.run_steps(1);
    harness.drag_at(mark);
    harness.run_steps(1);
    for step in 1..=5 {
        #[allow(clippy::cast_precision_loss)]
        harness.hover_at(mark + (to - mark) * (step as f32 / 5.0));
        harness.run_steps(1);
    }
    harness.drop_at(to);
    harness.run_steps(3);
    let moved = visit_findings(&harness);
    assert_eq!(moved.len(), 1, "a drag moves, it does not add");
    let expected_x = (to.x - map_rect.min.x) / map_rect.width();
    assert!(
        (moved[0].position.x - expected_x).abs() < 0.01,
        "{} vs {expected_x}",
        moved[0].position.x
    );

    // One undo step per drag, then the placement itself.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    assert!((visit_findings(&harness)[0].position.x - anchor.x).abs() < 0.01);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    assert!(visit_findings(&harness).is_empty());

    // A click outside the body charts nothing.
    click_at(&mut harness, map_rect.min + egui::vec2(4.0, 4.0));
    assert!(visit_findings(&harness).is_empty());
}

#[test]
fn the_keyboard_muscle_list_places_and_the_editor_records_a_finding() {
    let dir = data_dir();
    chart_with_a_visit(dir.path());
    let mut harness = harness(dir.path());
    harness.run_steps(2);
    open_body_map(&mut harness);
    type_into(&mut harness, "Place a finding", "levator");
    click(&mut harness, "Levator scapulae, left");
    let findings = visit_findings(&harness);
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].muscle, "levator_scapulae");
    assert_eq!(findings[0].side, palpate::body_map::Side::Left);

    click(&mut harness, "Latent");
    click(&mut harness, "Taut band");
    click(&mut harness, "Reproduces the familiar headache");
    let details = &visit_findings(&harness)[0].details;
    assert_eq!(details.activity, palpate::core::model::Activity::Latent);
    assert!(details.taut_band && details.reproduces_headache && !details.twitch_response);
    harness.get_by_label("Levator scapulae, left, latent");
    harness.get_by_label_contains("Refers to: angle of the neck");
}

/// A first visit of `patient` charting right-sided trigger points on
/// `muscles` of the posterior view at their anchors, saved and signed.
fn signed_visit_with_findings(
    core: &mut palpate::Core,
    patient: palpate::core::model::PatientId,
    muscles: &[&str],
) -> (
    palpate::core::model::VisitId,
    Vec<palpate::core::model::FindingId>,
) {
    use palpate::Applied;
    use palpate::body_map::Side;
    use palpate::core::model::{MapPosition, NoteTexts};
    let visit = start_visit(core, patient, None);
    let body = palpate::content::body_map::shipped();
    let view = body.view("posterior").unwrap();
    let mut ids = Vec::new();
    for muscle in muscles {
        let anchor = view
            .region(body.muscle_index(muscle).unwrap(), Side::Right)
            .unwrap()
            .anchor;
        let Applied::Finding(id) = core
            .apply(Action::AddFinding {
                visit,
                muscle: (*muscle).into(),
                side: Side::Right,
                view: "posterior".into(),
                position: MapPosition {
                    x: anchor.x,
                    y: anchor.y,
                },
            })
            .unwrap()
        else {
            panic!("no finding")
        };
        ids.push(id);
    }
    core.apply(Action::SaveVisit {
        visit,
        visit_type: VisitType::InitialEvaluation,
        texts: NoteTexts {
            subjective: "Right-sided headache from the neck.".into(),
            ..NoteTexts::default()
        },
    })
    .unwrap();
    core.apply(Action::SignVisit { visit }).unwrap();
    (visit, ids)
}

/// Chart C-00001 with a signed first visit charting three right-sided
/// trigger points, and a second visit started; returns their ids.
fn chart_with_a_follow_up(
    dir: &std::path::Path,
) -> (
    palpate::core::model::VisitId,
    palpate::core::model::VisitId,
    Vec<palpate::core::model::FindingId>,
) {
    let mut core = core_with_practitioner(dir);
    let patient = create(&mut core, "C-00001", "Zoë", "Ødegaard");
    let (first, ids) = signed_visit_with_findings(
        &mut core,
        patient,
        &["upper_trapezius", "suboccipitals", "levator_scapulae"],
    );
    let second = start_visit(&mut core, patient, None);
    (first, second, ids)
}

#[test]
fn a_new_visit_shows_the_last_visits_findings_to_confirm_or_resolve() {
    let dir = data_dir();
    let (_, second, prior) = chart_with_a_follow_up(dir.path());
    let mut harness = harness(dir.path());
    harness.run_steps(2);
    open_body_map(&mut harness);
    harness.get_by_label_contains("Since the last visit");

    // One click on the ghosted mark confirms it as persisting.
    harness
        .get_by_label("Upper trapezius, right, active, from the last visit, not yet confirmed")
        .click();
    harness.run_steps(3);
    let now = visit_findings(&harness);
    assert_eq!(now.len(), 1);
    assert_eq!(now[0].carried_from, Some(prior[0]));
    harness.get_by_label("Upper trapezius, right, active");

    // The first open row left is the suboccipitals: resolve it from the list.
    harness.get_all_by_label("Resolved").next().unwrap().click();
    harness.run_steps(3);
    let store = harness.state().core().unwrap().store();
    assert_eq!(store.resolved_at(second).unwrap(), [prior[1]]);
    click(&mut harness, "Still there");
    let now = visit_findings(&harness);
    assert_eq!(now.len(), 2);
    assert_eq!(now[1].carried_from, Some(prior[2]));
    assert!(
        harness
            .query_by_label_contains("not yet confirmed")
            .is_none(),
        "no ghosts are left"
    );

    // Ctrl+Z takes the last confirmation back, and its ghost returns.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(3);
    assert_eq!(visit_findings(&harness).len(), 1);
    harness.get_by_label("Levator scapulae, right, active, from the last visit, not yet confirmed");
}

#[test]
fn the_compare_view_lists_new_persisting_and_resolved_findings() {
    use palpate::body_map::Side;
    use palpate::core::model::MapPosition;
    let dir = data_dir();
    let (_, second, prior) = chart_with_a_follow_up(dir.path());
    {
        let mut core = palpate::Core::open_in_dir(dir.path()).unwrap();
        core.apply(Action::ConfirmFinding {
            visit: second,
            from: prior[0],
        })
        .unwrap();
        core.apply(Action::ResolveFinding {
            visit: second,
            finding: prior[1],
        })
        .unwrap();
        core.apply(Action::AddFinding {
            visit: second,
            muscle: "splenius_capitis".into(),
            side: Side::Right,
            view: "posterior".into(),
            position: MapPosition { x: 0.57, y: 0.3 },
        })
        .unwrap();
    }
    let mut harness = harness(dir.path());
    harness.run_steps(2);
    open_body_map(&mut harness);
    harness.get_by_label("Active trigger points by visit: 3, 2");
    click(&mut harness, "Compare");

    harness.get_by_label("New (1)");
    harness.get_by_label("Persisting (1)");
    harness.get_by_label("Resolved (2)");
    harness.get_by_label_contains("1. Splenius capitis, right");
    harness.get_by_label_contains("2. Upper trapezius, right");
    harness.get_by_label_contains("3. Suboccipitals, right");
    harness.get_by_label_contains("4. Levator scapulae, right");
    // The maps say the same: side by side, then overlaid.
    harness.get_by_label("Splenius capitis, right, active, new");
    assert_eq!(
        harness
            .get_all_by_label("Upper trapezius, right, active, persisting")
            .count(),
        2,
        "a persisting point shows on both maps"
    );
    click(&mut harness, "Overlay");
    harness.get_by_label("Suboccipitals, right, active, resolved");
    assert_eq!(
        harness
            .get_all_by_label("Upper trapezius, right, active, persisting")
            .count(),
        1
    );
}

#[test]
fn dragging_in_pain_drawing_mode_shades_an_area() {
    use palpate::core::model::PainKind;
    let dir = data_dir();
    chart_with_a_visit(dir.path());
    let mut harness = harness(dir.path());
    harness.run_steps(2);
    let map_rect = open_body_map(&mut harness);
    click(&mut harness, "Pain drawing");
    click(&mut harness, "Neck pain");

    // Down the back of the neck, over the right upper trapezius.
    let from = screen_at(map_rect, palpate::body_map::BodyPoint::new(0.53, 0.3));
    let to = screen_at(map_rect, palpate::body_map::BodyPoint::new(0.6, 0.42));
    harness.hover_at(from);
    harness.run_steps(1);
    harness.drag_at(from);
    harness.run_steps(1);
    for step in 1..=8 {
        #[allow(clippy::cast_precision_loss)]
        harness.hover_at(from + (to - from) * (step as f32 / 8.0));
        harness.run_steps(1);
    }
    harness.drop_at(to);
    harness.run_steps(3);

    let store = harness.state().core().unwrap().store();
    let patient = store.patient_by_chart_number("C-00001").unwrap().unwrap();
    let visit = store.latest_visit(patient).unwrap().unwrap();
    let strokes = store.pain_strokes(visit).unwrap();
    assert_eq!(strokes.len(), 1);
    assert_eq!(
        (strokes[0].kind, strokes[0].intensity),
        (PainKind::NeckPain, 5)
    );
    assert!(strokes[0].points.len() > 2, "{:?}", strokes[0].points);
    assert!(
        visit_findings(&harness).is_empty(),
        "painting charts no trigger point"
    );
    harness.get_by_label("Neck pain, 5/10, Posterior view");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(3);
    let store = harness.state().core().unwrap().store();
    assert!(store.pain_strokes(visit).unwrap().is_empty());
}

/// Chart C-00001 on the "trigger points, needling" plan, screened and
/// consented, with a signed first visit that charted two active trigger
/// points, and a follow-up started.
fn chart_on_a_plan(dir: &std::path::Path) -> palpate::core::model::VisitId {
    let mut core = core_with_practitioner(dir);
    let patient = create(&mut core, "C-00001", "Zoë", "Ødegaard");
    let template = core
        .store()
        .templates()
        .unwrap()
        .into_iter()
        .find(|t| t.shipped_key.as_deref() == Some("cgh_trigger_points_needling"))
        .unwrap()
        .id;
    core.apply(Action::ApplyTemplate { patient, template })
        .unwrap();
    core.apply(Action::RecordScreening {
        patient,
        flagged: vec![],
        note: String::new(),
    })
    .unwrap();
    core.apply(Action::RecordConsent {
        patient,
        form: palpate::core::treatment::ConsentForm::Written,
        explained: vec!["procedure".into(), "pneumothorax".into()],
        consented_on: jiff::civil::date(2026, 11, 2),
        note: String::new(),
    })
    .unwrap();
    signed_visit_with_findings(&mut core, patient, &["upper_trapezius", "suboccipitals"]);
    start_visit(&mut core, patient, None)
}

#[test]
fn a_follow_up_on_a_plan_is_charted_in_five_clicks() {
    use palpate::core::treatment::InterventionKind;
    let dir = data_dir();
    let visit = chart_on_a_plan(dir.path());
    let mut harness = harness(dir.path());
    harness.run_steps(2);
    type_into(&mut harness, "Search patients", "C-00001");
    harness.key_press(Key::Enter);
    harness.run_steps(3);

    // From the open chart, every input the clinician gives is counted.
    let mut inputs = 0;
    let mut press = |harness: &mut Harness<'_, PalpateApp>, label: &str| {
        click(harness, label);
        inputs += 1;
    };
    press(&mut harness, "Body map");
    press(&mut harness, "All 2 still there");
    press(&mut harness, "Treatment");
    press(&mut harness, "Performed as planned");
    press(&mut harness, "All needles out");
    assert_eq!(inputs, 5);

    let store = harness.state().core().unwrap().store();
    let findings = store.findings(visit).unwrap();
    assert_eq!(
        findings.len(),
        2,
        "both trigger points confirmed as persisting"
    );
    assert!(findings.iter().all(|f| f.carried_from.is_some()));
    let rows = store.interventions(visit).unwrap();
    let count = |kind| rows.iter().filter(|i| i.kind == kind).count();
    assert_eq!(count(InterventionKind::Mobilization), 1);
    assert_eq!(count(InterventionKind::SoftTissue), 1);
    assert_eq!(count(InterventionKind::Exercise), 3);
    assert_eq!(count(InterventionKind::Education), 3);
    let needled = store.needlings(visit).unwrap();
    assert_eq!(needled.len(), 2);
    assert!(
        needled.iter().all(|n| n.needles_in == n.needles_out),
        "{needled:?}"
    );
    assert!(
        needled
            .iter()
            .all(|n| findings.iter().any(|f| Some(f.id) == n.finding_id)),
        "each needled site is one of the visit's trigger points"
    );
    harness.get_by_label_contains("reconciled");

    // The note shows the treatment without retyping.
    click(&mut harness, "Note");
    harness.get_by_label_contains("Mobilization: C1-C2 Unilateral PA, grade III");
    harness.get_by_label_contains("Home exercise: Chin nod lying down");
}

#[test]
fn plan_templates_are_cloned_edited_and_retired_from_the_templates_window() {
    let dir = data_dir();
    chart_with_a_visit(dir.path());
    let mut harness = harness(dir.path());
    harness.run_steps(2);
    click(&mut harness, "File");
    click(&mut harness, "Plan templates…");
    click(&mut harness, "Post-whiplash neck pain with headache");
    click(&mut harness, "Clone");
    let names = |harness: &Harness<'_, PalpateApp>| -> Vec<(String, bool)> {
        harness
            .state()
            .core()
            .unwrap()
            .store()
            .templates()
            .unwrap()
            .into_iter()
            .map(|t| (t.body.name, t.retired))
            .collect()
    };
    assert!(
        names(&harness)
            .iter()
            .any(|(n, _)| n == "Post-whiplash neck pain with headache (copy)")
    );

    // An empty name is refused before saving, and says why.
    let name = harness.get_by_label("Plan name");
    name.focus();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.key_press(Key::Backspace);
    harness.run_steps(2);
    harness.get_by_label("A plan needs a name");
    type_into(&mut harness, "Plan name", "Whiplash, our clinic");
    click(&mut harness, "Save");
    assert!(
        names(&harness)
            .iter()
            .any(|(n, _)| n == "Whiplash, our clinic")
    );

    click(&mut harness, "Retire");
    assert!(
        names(&harness)
            .iter()
            .any(|(n, retired)| n == "Whiplash, our clinic" && *retired)
    );
}

#[test]
fn the_clinic_details_are_set_from_the_file_menu() {
    let dir = data_dir();
    chart_with_a_visit(dir.path());
    let mut harness = harness(dir.path());
    harness.run_steps(2);
    click(&mut harness, "File");
    click(&mut harness, "Clinic details…");
    type_into(&mut harness, "Clinic name", "Harbour Physio");
    type_into(&mut harness, "Phone", "+47 555 01 999");
    click(&mut harness, "US Letter");
    click(&mut harness, "Save");
    let clinic = harness.state().core().unwrap().store().clinic().unwrap();
    assert_eq!(clinic.name, "Harbour Physio");
    assert_eq!(clinic.phone, "+47 555 01 999");
    assert_eq!(clinic.paper, palpate::core::model::Paper::Letter);
}

#[test]
fn an_ndi_typed_as_ten_digits_is_scored_stored_and_shown_in_the_header() {
    let dir = data_dir();
    chart_with_a_visit(dir.path());
    let mut harness = harness(dir.path());
    harness.run_steps(2);
    type_into(&mut harness, "Search patients", "C-00001");
    harness.key_press(Key::Enter);
    harness.run_steps(3);
    click(&mut harness, "Outcomes");
    type_into(&mut harness, "NDI answers", "3221421210");
    harness.get_by_label_contains("18/50 (36 %), moderate, 10 of 10 answered");
    click(&mut harness, "Record NDI");

    let store = harness.state().core().unwrap().store();
    let patient = store.patient_by_chart_number("C-00001").unwrap().unwrap();
    let recorded = store.outcomes(patient).unwrap();
    assert_eq!(recorded.len(), 1);
    assert_eq!(recorded[0].entry.code(), "ndi");
    assert_eq!(recorded[0].score, Some(18.0));
    harness.get_by_label("NDI 18/50 (+0)");

    // A digit out of scale says which section, and records nothing.
    type_into(&mut harness, "NDI answers", "3221421216");
    harness.get_by_label_contains("Recreation");
    assert!(harness.query_by_label("Record NDI").is_none());
}

#[test]
fn the_ichd_checklist_says_when_the_criteria_are_met_and_the_clinician_confirms() {
    let dir = data_dir();
    chart_with_a_visit(dir.path());
    let mut harness = harness(dir.path());
    harness.run_steps(2);
    type_into(&mut harness, "Search patients", "C-00001");
    harness.key_press(Key::Enter);
    harness.run_steps(3);
    click(
        &mut harness,
        "ICHD-3 11.2.1 cervicogenic headache checklist (0 of C1-C4)",
    );
    // The checklist sits below the fold: scroll each control into view, as
    // a person would, before clicking it.
    let press = |harness: &mut Harness<'_, PalpateApp>, label: &str| {
        harness.get_by_label_contains(label).scroll_to_me();
        harness.run_steps(3);
        harness.get_by_label_contains(label).click();
        harness.run_steps(3);
    };
    press(&mut harness, "Trigger points only");
    harness.get_by_label_contains("trigger points alone never satisfy criterion B");
    press(&mut harness, "A cervical disorder is shown");
    press(&mut harness, "C1. Headache developed in temporal relation");
    press(&mut harness, "C3. Cervical range of motion is reduced");
    press(&mut harness, "D. Not better accounted for");
    harness.get_by_label("The criteria are met. The diagnosis is yours to confirm.");
    press(
        &mut harness,
        "Confirm cervicogenic headache (ICHD-3 11.2.1)",
    );

    let store = harness.state().core().unwrap().store();
    let patient = store.patient_by_chart_number("C-00001").unwrap().unwrap();
    let visit = store.latest_visit(patient).unwrap().unwrap();
    let saved = store.ichd(visit).unwrap().unwrap();
    assert!(saved.confirmed && saved.c1 && saved.c3 && saved.d);
}

#[test]
fn a_returned_diary_sheet_is_typed_a_week_per_line() {
    let dir = data_dir();
    chart_with_a_visit(dir.path());
    let mut harness = harness(dir.path());
    harness.run_steps(2);
    type_into(&mut harness, "Search patients", "C-00001");
    harness.key_press(Key::Enter);
    harness.run_steps(3);
    click(&mut harness, "Outcomes");
    type_into(&mut harness, "Sheet starts", "2026-11-02");
    type_into(&mut harness, "Week 1", "0 0 6m 4 0 - 0");
    harness.get_by_label_contains("6 days: 9.3 headache days");
    harness.get_by_label("Record diary").scroll_to_me();
    harness.run_steps(2);
    click(&mut harness, "Record diary");
    let store = harness.state().core().unwrap().store();
    let patient = store.patient_by_chart_number("C-00001").unwrap().unwrap();
    let days = store
        .diary(
            patient,
            jiff::civil::date(2026, 11, 1),
            jiff::civil::date(2026, 11, 30),
        )
        .unwrap();
    assert_eq!(days.len(), 6);
    assert_eq!(days.iter().filter(|d| d.headache).count(), 2);
}
