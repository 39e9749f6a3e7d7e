//! Treatment plans, interventions and dry needling on a real database:
//! seeded templates, applying and tailoring a plan with its versions,
//! "performed as planned", the needling gate and the needle count.

use jiff::civil::date;
use palpate::body_map::Side;
use palpate::core::model::{MapPosition, NoteTexts, VisitType};
use palpate::core::plan::{Dosage, GoalStatus};
use palpate::core::treatment::{
    ConsentForm, Intervention, InterventionKind, Needling, NeedlingId, NeedlingTechnique,
};
use palpate::{Action, Applied, Core, CoreError};

use crate::util::{core_with_practitioner, create, data_dir, start_visit};

fn template_id(core: &Core, key: &str) -> palpate::core::treatment::TemplateId {
    core.store()
        .templates()
        .unwrap()
        .into_iter()
        .find(|t| t.shipped_key.as_deref() == Some(key))
        .unwrap()
        .id
}

fn needling(visit: palpate::core::model::VisitId, needles_in: u16, needles_out: u16) -> Needling {
    Needling {
        id: NeedlingId(0),
        visit_id: visit,
        finding_id: None,
        muscle: "upper_trapezius".into(),
        side: Side::Right,
        needle: "0.25 x 30 mm".into(),
        needles_in,
        needles_out,
        technique: NeedlingTechnique::Static,
        depth: String::new(),
        retention_secs: None,
        twitch_count: 2,
        familiar_pain: true,
        response: String::new(),
    }
}

fn consent(patient: palpate::core::model::PatientId, explained: &[&str]) -> Action {
    Action::RecordConsent {
        patient,
        form: ConsentForm::Written,
        explained: explained.iter().map(ToString::to_string).collect(),
        consented_on: date(2026, 11, 2),
        note: String::new(),
    }
}

#[test]
fn templates_are_seeded_once_applied_tailored_and_kept_as_versions() {
    let dir = data_dir();
    let mut core = core_with_practitioner(dir.path());
    assert_eq!(core.store().templates().unwrap().len(), 4);
    let jull = template_id(&core, "cgh_manual_therapy_exercise");
    core.apply(Action::SetTemplateRetired {
        id: template_id(&core, "tth_pericranial_tenderness"),
        retired: true,
    })
    .unwrap();
    drop(core);
    let mut core = Core::open_in_dir(dir.path()).unwrap();
    let templates = core.store().templates().unwrap();
    assert_eq!(templates.len(), 4, "opening again seeds nothing twice");
    assert!(
        templates.last().unwrap().retired,
        "retired ones stay retired"
    );

    let patient = create(&mut core, "C-00001", "Zoë", "Ødegaard");
    let Applied::Plan(first) = core
        .apply(Action::ApplyTemplate {
            patient,
            template: jull,
        })
        .unwrap()
    else {
        panic!("no plan")
    };
    let plan = core.store().current_plan(patient).unwrap().unwrap();
    assert_eq!(
        (plan.id, plan.version, plan.template_id),
        (first, 1, Some(jull))
    );
    assert_eq!(
        plan.body.schedule(),
        "2 times a week for 6 weeks, re-evaluate at week 6"
    );
    assert!(
        plan.body
            .exercises
            .iter()
            .any(|e| e.exercise == "supine_chin_nod")
    );

    // Tailor: a gentler chin nod, one goal progressing.
    let mut body = plan.body.clone();
    body.exercises[0].dosage.hold_secs = Some(5);
    body.goals[0].status = GoalStatus::Progressing;
    core.apply(Action::SavePlan {
        patient,
        body: body.clone(),
        reason: "chin nod held 5 s to start".into(),
    })
    .unwrap();
    assert_eq!(
        core.apply(Action::SavePlan {
            patient,
            body: body.clone(),
            reason: String::new(),
        })
        .unwrap(),
        Applied::Plan(core.store().current_plan(patient).unwrap().unwrap().id),
        "saving an unchanged plan makes no version"
    );
    let versions = core.store().plan_versions(patient).unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[0].body.exercises[0].dosage.hold_secs, Some(5));
    assert_eq!(
        versions[1].body, plan.body,
        "the first version is still readable"
    );

    // Bad input: a dosage of 0, an unknown exercise; nothing is saved.
    let mut zero = body.clone();
    zero.exercises[0].dosage.reps = 0;
    let err = core
        .apply(Action::SavePlan {
            patient,
            body: zero,
            reason: String::new(),
        })
        .unwrap_err();
    assert!(err.to_string().contains("supine_chin_nod"), "{err}");
    let mut unknown = body;
    unknown.exercises[0].exercise = "chin_nodd".into();
    let err = core.apply(Action::CreateTemplate(unknown)).unwrap_err();
    assert!(err.to_string().contains("chin_nodd"), "{err}");
    assert_eq!(core.store().plan_versions(patient).unwrap().len(), 2);
    assert_eq!(core.store().templates().unwrap().len(), 4);
}

#[test]
fn needling_needs_screening_and_consent_and_the_count_must_reconcile_before_signing() {
    let dir = data_dir();
    let mut core = core_with_practitioner(dir.path());
    let patient = create(&mut core, "C-00001", "Zoë", "Ødegaard");
    let visit = start_visit(&mut core, patient, None);

    let err = core
        .apply(Action::AddNeedling(needling(visit, 1, 0)))
        .unwrap_err();
    assert!(
        matches!(
            err,
            CoreError::NeedlingNotCleared("a screening and consent")
        ),
        "{err}"
    );
    core.apply(Action::RecordScreening {
        patient,
        flagged: vec!["anticoagulants".into()],
        note: "Low-dose aspirin; bruising risk explained.".into(),
    })
    .unwrap();
    let err = core
        .apply(Action::AddNeedling(needling(visit, 1, 0)))
        .unwrap_err();
    assert!(err.to_string().contains("consent"), "{err}");
    let err = core.apply(consent(patient, &["procedure"])).unwrap_err();
    assert!(err.to_string().contains("pneumothorax"), "{err}");
    core.apply(consent(patient, &["procedure", "pneumothorax"]))
        .unwrap();

    let err = core
        .apply(Action::AddNeedling(needling(visit, 2, 3)))
        .unwrap_err();
    assert!(
        err.to_string().contains("cannot be more than needles in"),
        "{err}"
    );
    let Applied::Needling(id) = core
        .apply(Action::AddNeedling(needling(visit, 2, 1)))
        .unwrap()
    else {
        panic!("no needling")
    };

    core.apply(Action::SaveVisit {
        visit,
        visit_type: VisitType::FollowUp,
        texts: NoteTexts {
            subjective: "Headache twice this week.".into(),
            ..NoteTexts::default()
        },
    })
    .unwrap();
    let err = core.apply(Action::SignVisit { visit }).unwrap_err();
    assert!(
        matches!(
            err,
            CoreError::NeedlesNotReconciled {
                needles_in: 2,
                needles_out: 1,
                ..
            }
        ),
        "{err}"
    );
    core.apply(Action::AllNeedlesOut { visit }).unwrap();
    core.apply(Action::SaveAftercare {
        visit,
        aftercare: palpate::core::treatment::Aftercare {
            sharps_disposed: true,
            immediate_response: "Rotation right 70 degrees, pain 2/10".into(),
            advice: "Heat for post-needling soreness".into(),
            adverse_events: String::new(),
        },
    })
    .unwrap();
    let stored = core.store().needlings(visit).unwrap();
    assert_eq!((stored[0].id, stored[0].needles_out), (id, 2));
    core.apply(Action::SignVisit { visit }).unwrap();
    let lines = core.treatment_lines(visit).unwrap();
    assert_eq!(
        lines.objective,
        [
            "Dry needling: Upper trapezius, right, 0.25 x 30 mm, 2 in / 2 out, static, 2 local twitch responses, familiar pain reproduced",
            "After needling: sharps disposed; immediate response: Rotation right 70 degrees, pain 2/10; advice: Heat for post-needling soreness"
        ]
    );
    assert!(
        core.apply(Action::SaveAftercare {
            visit,
            aftercare: palpate::core::treatment::Aftercare::default(),
        })
        .is_err(),
        "the aftercare locks with the signed note"
    );
}

#[test]
fn performed_as_planned_records_the_plan_and_the_note_reads_it() {
    let dir = data_dir();
    let mut core = core_with_practitioner(dir.path());
    let patient = create(&mut core, "C-00001", "Zoë", "Ødegaard");
    let template = template_id(&core, "cgh_trigger_points_needling");
    core.apply(Action::ApplyTemplate { patient, template })
        .unwrap();
    let visit = start_visit(&mut core, patient, None);
    for (muscle, side) in [("upper_trapezius", Side::Right), ("rhomboids", Side::Right)] {
        core.apply(Action::AddFinding {
            visit,
            muscle: muscle.into(),
            side,
            view: "posterior".into(),
            position: MapPosition { x: 0.6, y: 0.45 },
        })
        .unwrap();
    }

    // Without screening and consent, everything but the needling is recorded.
    let Applied::Performed {
        interventions,
        needlings,
        needling_not_cleared,
    } = core.apply(Action::PerformPlan { visit }).unwrap()
    else {
        panic!("not performed")
    };
    assert_eq!(
        (interventions, needlings, needling_not_cleared),
        (8, 0, true)
    );
    assert!(
        core.apply(Action::PerformPlan { visit }).is_err(),
        "only once per visit"
    );
    let recorded = core.store().interventions(visit).unwrap();
    let kinds = |kind| recorded.iter().filter(|i| i.kind == kind).count();
    assert_eq!(kinds(InterventionKind::Mobilization), 1);
    assert_eq!(kinds(InterventionKind::SoftTissue), 1);
    assert_eq!(kinds(InterventionKind::Exercise), 3);
    assert_eq!(kinds(InterventionKind::Education), 3);
    assert!(recorded.iter().all(|i| i.from_plan));

    // Edit one entry: the chin nod progressed.
    let mut nod = recorded
        .iter()
        .find(|i| i.code == "supine_chin_nod")
        .unwrap()
        .clone();
    nod.exercise_step = Some(palpate::core::treatment::ExerciseStep::Progressed);
    nod.dosage = Some(Dosage {
        sets: 1,
        reps: 10,
        hold_secs: Some(10),
        per_side: false,
        times_per_day: 2,
        days_per_week: 7,
    });
    core.apply(Action::UpdateIntervention(nod)).unwrap();
    let mut bad = Intervention::new(visit, InterventionKind::Mobilization);
    bad.code = "central_pa".into();
    bad.level = Some("C9-C10".into());
    bad.grade = Some("III".into());
    assert!(core.apply(Action::AddIntervention(bad)).is_err());

    let lines = core.treatment_lines(visit).unwrap();
    assert!(
        lines
            .objective
            .contains(&"Mobilization: C1-C2 Unilateral PA, grade III".to_string())
    );
    assert!(
        lines
            .plan
            .contains(&"Home exercise: Chin nod lying down, 10 x 10 s, 2 times a day, 7 days a week (progressed)".to_string()),
        "{:?}",
        lines.plan
    );
    assert!(lines.plan.iter().any(|l| l.starts_with("Advised: Headset")));

    // With screening and consent, a new visit needles the active targets.
    core.apply(Action::RecordScreening {
        patient,
        flagged: vec![],
        note: String::new(),
    })
    .unwrap();
    core.apply(consent(patient, &["procedure", "pneumothorax"]))
        .unwrap();
    let next = start_visit(&mut core, patient, None);
    core.apply(Action::AddFinding {
        visit: next,
        muscle: "upper_trapezius".into(),
        side: Side::Left,
        view: "posterior".into(),
        position: MapPosition { x: 0.35, y: 0.45 },
    })
    .unwrap();
    let Applied::Performed { needlings, .. } =
        core.apply(Action::PerformPlan { visit: next }).unwrap()
    else {
        panic!("not performed")
    };
    assert_eq!(needlings, 1);
    let needled = core.store().needlings(next).unwrap();
    assert_eq!(
        (needled[0].muscle.as_str(), needled[0].side),
        ("upper_trapezius", Side::Left)
    );
    assert_eq!((needled[0].needles_in, needled[0].needles_out), (1, 0));
}
