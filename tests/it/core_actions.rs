//! Core action tests on a real database: each action all or nothing, and every
//! refusal leaves the rows as they were.

use jiff::Timestamp;
use palpate::core::model::{NoteField, NoteTexts, VisitStatus, VisitType};
use palpate::core::validate::PatientField;
use palpate::core::{CopyForward, demo};
use palpate::{Action, Core, CoreError};

use crate::util::{core_with_practitioner, create, data_dir, details, start_visit};

fn texts(subjective: &str) -> NoteTexts {
    NoteTexts {
        chief_complaint: "Right-sided headache from the neck".into(),
        subjective: subjective.into(),
        objective: "Flexion-rotation test 22° right.".into(),
        assessment: "Cervical disorder with headache.".into(),
        plan: "Chin nods 10 x 10 s.".into(),
    }
}

#[test]
fn a_patient_is_created_read_back_and_updated() {
    let dir = data_dir();
    let mut core = core_with_practitioner(dir.path());
    let id = create(&mut core, "C-00001", "Zoë", "Ødegaard");
    let stored = core.store().patient(id).unwrap();
    assert_eq!(stored.details.given_name, "Zoë");
    assert_eq!(stored.details.phone, "+47 (555) 010-2030");
    let mut changed = stored.details.clone();
    changed.preferred_name = "Zo".into();
    core.apply(Action::UpdatePatient {
        id,
        details: changed,
    })
    .unwrap();
    assert_eq!(
        core.store().patient(id).unwrap().details.preferred_name,
        "Zo"
    );
    assert_eq!(core.store().search_patients("zo", 5).unwrap().rows.len(), 1);
}

#[test]
fn a_duplicate_chart_number_is_a_field_error_and_saves_nothing() {
    let dir = data_dir();
    let mut core = core_with_practitioner(dir.path());
    create(&mut core, "C-00001", "Zoë", "Ødegaard");
    let err = core
        .apply(Action::CreatePatient(details("c-00001", "José", "Núñez")))
        .unwrap_err();
    match err {
        CoreError::InvalidPatient(errors) => assert!(
            errors
                .get(PatientField::ChartNumber)
                .unwrap()
                .contains("already used")
        ),
        other => panic!("unexpected {other}"),
    }
    assert_eq!(core.store().counts().unwrap().patients, 1);
}

#[test]
fn a_batch_is_all_or_nothing() {
    let dir = data_dir();
    let mut core = core_with_practitioner(dir.path());
    let batch = [
        Action::CreatePatient(details("C-1", "Ana", "Lima")),
        Action::CreatePatient(details("C-2", "Ben", "Okafor")),
        Action::CreatePatient(details("C-1", "Duplicate", "Chart")),
    ];
    assert!(core.apply_all(&batch).is_err());
    assert_eq!(core.store().counts().unwrap().patients, 0);
}

#[test]
fn names_in_any_script_and_long_notes_round_trip() {
    let dir = data_dir();
    let mut core = core_with_practitioner(dir.path());
    let patient = create(&mut core, "C-00001", "美咲 🌸", "佐藤");
    assert_eq!(
        core.store().patient(patient).unwrap().details.given_name,
        "美咲 🌸"
    );
    let visit = start_visit(&mut core, patient, None);
    let long = "Headache at the right temple. ".repeat(334);
    assert!(long.chars().count() > 10_000);
    core.apply(Action::SaveVisit {
        visit,
        visit_type: VisitType::InitialEvaluation,
        texts: texts(&long),
    })
    .unwrap();
    let stored = core.store().visit(visit).unwrap();
    assert_eq!(stored.texts.subjective, long);
    assert_eq!(stored.visit_type, VisitType::InitialEvaluation);

    let too_long = "x".repeat(NoteField::Plan.max_chars() + 1);
    let mut bad = texts("kept");
    bad.plan = too_long;
    let err = core
        .apply(Action::SaveVisit {
            visit,
            visit_type: VisitType::FollowUp,
            texts: bad,
        })
        .unwrap_err();
    assert!(
        matches!(err, CoreError::InvalidNote(ref e) if e.get(NoteField::Plan).is_some()),
        "{err}"
    );
    let stored = core.store().visit(visit).unwrap();
    assert_eq!(
        stored.texts.subjective, long,
        "nothing of the refused save was written"
    );
    assert_eq!(stored.visit_type, VisitType::InitialEvaluation);
}

#[test]
fn copy_forward_takes_only_the_chosen_fields() {
    let dir = data_dir();
    let mut core = core_with_practitioner(dir.path());
    let patient = create(&mut core, "C-00001", "José", "Núñez");
    let first = start_visit(&mut core, patient, None);
    core.apply(Action::SaveVisit {
        visit: first,
        visit_type: VisitType::InitialEvaluation,
        texts: texts("First visit story"),
    })
    .unwrap();
    let second = start_visit(
        &mut core,
        patient,
        Some(CopyForward {
            from: first,
            fields: vec![NoteField::ChiefComplaint, NoteField::Plan],
        }),
    );
    let stored = core.store().visit(second).unwrap();
    assert_eq!(
        stored.texts.chief_complaint,
        "Right-sided headache from the neck"
    );
    assert_eq!(stored.texts.plan, "Chin nods 10 x 10 s.");
    assert_eq!(stored.texts.subjective, "");
    assert_eq!(stored.texts.objective, "");

    let other = create(&mut core, "C-00002", "Zoë", "Ødegaard");
    let err = core
        .apply(Action::StartVisit {
            patient: other,
            visit_type: VisitType::FollowUp,
            started_at: Timestamp::now(),
            copy_forward: Some(CopyForward {
                from: first,
                fields: vec![NoteField::Subjective],
            }),
        })
        .unwrap_err();
    assert!(err.to_string().contains("another chart"), "{err}");
    assert_eq!(core.store().visit_summaries(other).unwrap().len(), 0);
}

#[test]
fn drafts_are_kept_until_the_note_is_saved() {
    let dir = data_dir();
    let mut core = core_with_practitioner(dir.path());
    let patient = create(&mut core, "C-00001", "Zoë", "Ødegaard");
    let visit = start_visit(&mut core, patient, None);
    core.apply(Action::SaveDraft {
        visit,
        field: NoteField::Subjective,
        body: "typed, not saved".into(),
    })
    .unwrap();
    let pending = core.store().pending_drafts().unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].fields, [NoteField::Subjective]);
    assert_eq!(pending[0].chart_number, "C-00001");
    let (_, shown, restored) = core.visit_for_editing(visit).unwrap();
    assert_eq!(shown.subjective, "typed, not saved");
    assert_eq!(restored, [NoteField::Subjective]);

    core.apply(Action::SaveVisit {
        visit,
        visit_type: VisitType::FollowUp,
        texts: shown,
    })
    .unwrap();
    assert!(core.store().pending_drafts().unwrap().is_empty());
    assert_eq!(
        core.store().visit(visit).unwrap().texts.subjective,
        "typed, not saved"
    );
}

#[test]
fn signing_needs_a_saved_non_empty_note_and_locks_it() {
    let dir = data_dir();
    let mut core = core_with_practitioner(dir.path());
    let patient = create(&mut core, "C-00001", "Zoë", "Ødegaard");
    let visit = start_visit(&mut core, patient, None);
    assert!(matches!(
        core.apply(Action::SignVisit { visit }),
        Err(CoreError::EmptyNote(_))
    ));

    core.apply(Action::SaveDraft {
        visit,
        field: NoteField::Assessment,
        body: "unsaved".into(),
    })
    .unwrap();
    assert!(matches!(
        core.apply(Action::SignVisit { visit }),
        Err(CoreError::UnsavedText(_))
    ));

    core.apply(Action::SaveVisit {
        visit,
        visit_type: VisitType::FollowUp,
        texts: texts("Better this week."),
    })
    .unwrap();
    core.apply(Action::SignVisit { visit }).unwrap();
    let signed = core.store().visit(visit).unwrap();
    assert_eq!(signed.status, VisitStatus::Signed);
    assert_eq!(signed.signed_by, core.practitioner());
    assert!(signed.signed_at.is_some());

    let err = core
        .apply(Action::SaveVisit {
            visit,
            visit_type: VisitType::FollowUp,
            texts: texts("changed"),
        })
        .unwrap_err();
    assert!(matches!(err, CoreError::VisitSigned(_)), "{err}");
    assert!(matches!(
        core.apply(Action::SaveDraft {
            visit,
            field: NoteField::Plan,
            body: "x".into()
        }),
        Err(CoreError::VisitSigned(_))
    ));
    assert_eq!(
        core.store().visit(visit).unwrap().texts.subjective,
        "Better this week."
    );
}

#[test]
fn a_visit_needs_a_practitioner() {
    let dir = data_dir();
    let mut core = Core::open_in_dir(dir.path()).unwrap();
    let patient = create(&mut core, "C-00001", "Zoë", "Ødegaard");
    let err = core
        .apply(Action::StartVisit {
            patient,
            visit_type: VisitType::FollowUp,
            started_at: Timestamp::now(),
            copy_forward: None,
        })
        .unwrap_err();
    assert!(matches!(err, CoreError::NoPractitioner));
    assert!(matches!(
        core.apply(Action::AddPractitioner {
            display_name: "   ".into(),
            credentials: String::new()
        }),
        Err(CoreError::Invalid(_))
    ));
}

#[test]
fn archiving_hides_a_patient_from_the_list_and_search_but_keeps_the_chart() {
    let dir = data_dir();
    let mut core = core_with_practitioner(dir.path());
    let id = create(&mut core, "C-00001", "Zoë", "Ødegaard");
    create(&mut core, "C-00002", "José", "Núñez");
    core.apply(Action::SetPatientArchived { id, archived: true })
        .unwrap();
    assert_eq!(core.store().active_patient_count().unwrap(), 1);
    assert!(
        core.store()
            .search_patients("zoe", 5)
            .unwrap()
            .rows
            .is_empty()
    );
    assert_eq!(core.store().patient_page(0, 10).unwrap().len(), 1);
    assert!(core.store().patient(id).unwrap().archived);
    core.apply(Action::SetPatientArchived {
        id,
        archived: false,
    })
    .unwrap();
    assert_eq!(
        core.store().search_patients("zoe", 5).unwrap().rows.len(),
        1
    );
}

#[test]
fn the_demo_clinic_fills_an_empty_database_and_refuses_a_used_one() {
    let dir = data_dir();
    let mut core = Core::open_in_dir(dir.path()).unwrap();
    let mut reported = Vec::new();
    demo::seed(&mut core, 40, |done, total| reported.push((done, total))).unwrap();
    let counts = core.store().counts().unwrap();
    assert_eq!(counts.patients, 40);
    assert_eq!(counts.practitioners, 2);
    assert!(
        counts.visits >= 30,
        "featured cases have several visits each"
    );
    assert!(
        counts.signed_visits < counts.visits,
        "the newest visit of each case is in progress"
    );
    assert_eq!(reported.last(), Some(&(40, 40)));
    assert_eq!(
        core.store()
            .search_patients("Ødegaard Zoë", 5)
            .unwrap()
            .rows
            .len(),
        1
    );
    assert_eq!(
        core.store()
            .search_patients("josé núñez", 5)
            .unwrap()
            .rows
            .len(),
        1
    );
    assert!(core.store().integrity_problems().unwrap().is_empty());
    assert!(matches!(
        demo::seed(&mut core, 10, |_, _| {}),
        Err(demo::DemoError::NotEmpty(40))
    ));
}

#[test]
fn findings_are_checked_against_the_body_map_and_lock_with_the_note() {
    use palpate::body_map::Side;
    use palpate::core::model::{FindingDetails, MapPosition};
    let dir = data_dir();
    let mut core = core_with_practitioner(dir.path());
    let patient = create(&mut core, "C-00001", "Zoë", "Ødegaard");
    let visit = start_visit(&mut core, patient, None);
    let add = |muscle: &str, view: &str, x: f32, y: f32| Action::AddFinding {
        visit,
        muscle: muscle.into(),
        side: Side::Right,
        view: view.into(),
        position: MapPosition { x, y },
    };
    let err = core
        .apply(add("trapezius_typo", "posterior", 0.7, 0.5))
        .unwrap_err();
    assert!(err.to_string().contains("trapezius_typo"), "{err}");
    assert!(
        core.apply(add("masseter", "posterior", 0.7, 0.5)).is_err(),
        "the posterior view has no masseter"
    );
    let palpate::Applied::Finding(id) = core
        .apply(add("upper_trapezius", "posterior", 1.4, -0.3))
        .unwrap()
    else {
        panic!("no finding")
    };
    let stored = core.store().finding(id).unwrap();
    assert_eq!(
        (stored.position.x, stored.position.y),
        (1.0, 0.0),
        "positions are clamped to the view"
    );

    let details = FindingDetails {
        tenderness: Some(11),
        ..FindingDetails::default()
    };
    assert!(
        core.apply(Action::UpdateFinding {
            finding: id,
            details
        })
        .is_err()
    );
    let details = FindingDetails {
        tenderness: Some(7),
        taut_band: true,
        ..FindingDetails::default()
    };
    core.apply(Action::UpdateFinding {
        finding: id,
        details: details.clone(),
    })
    .unwrap();
    assert_eq!(core.store().finding(id).unwrap().details, details);

    core.apply(Action::SaveVisit {
        visit,
        visit_type: VisitType::FollowUp,
        texts: texts("Better."),
    })
    .unwrap();
    core.apply(Action::SignVisit { visit }).unwrap();
    assert!(matches!(
        core.apply(Action::RemoveFinding { finding: id }),
        Err(CoreError::VisitSigned(_))
    ));
    assert!(matches!(
        core.apply(add("upper_trapezius", "posterior", 0.7, 0.5)),
        Err(CoreError::VisitSigned(_))
    ));
    assert_eq!(core.store().findings(visit).unwrap().len(), 1);
}
