//! Findings across visits and the pain drawing, on a real database: ghosts
//! confirmed or resolved, the comparison of two visits, the active count,
//! and pain strokes checked and locked with the note.

use palpate::body_map::Side;
use palpate::core::model::{
    FindingId, MapPosition, NoteTexts, PainKind, PainStroke, PainStrokeId, PriorState, VisitId,
    VisitType,
};
use palpate::{Action, Applied, Core, CoreError};

use crate::util::{core_with_practitioner, create, data_dir, start_visit};

fn add(core: &mut Core, visit: VisitId, muscle: &str, side: Side, x: f32, y: f32) -> FindingId {
    match core
        .apply(Action::AddFinding {
            visit,
            muscle: muscle.into(),
            side,
            view: "posterior".into(),
            position: MapPosition { x, y },
        })
        .unwrap()
    {
        Applied::Finding(id) => id,
        other => panic!("unexpected {other:?}"),
    }
}

fn sign(core: &mut Core, visit: VisitId) {
    core.apply(Action::SaveVisit {
        visit,
        visit_type: VisitType::FollowUp,
        texts: NoteTexts {
            subjective: "Headache less often.".into(),
            ..NoteTexts::default()
        },
    })
    .unwrap();
    core.apply(Action::SignVisit { visit }).unwrap();
}

fn muscles(findings: &[palpate::core::model::Finding]) -> Vec<String> {
    findings
        .iter()
        .map(|f| format!("{} {}", f.muscle, f.side.label()))
        .collect()
}

#[test]
fn last_visits_findings_are_confirmed_or_resolved_and_compared() {
    let dir = data_dir();
    let mut core = core_with_practitioner(dir.path());
    let patient = create(&mut core, "C-00001", "Zoë", "Ødegaard");
    let first = start_visit(&mut core, patient, None);
    assert_eq!(
        core.carry_forward(first).unwrap(),
        None,
        "a first visit has nothing to carry"
    );
    let trapezius = add(&mut core, first, "upper_trapezius", Side::Left, 0.3, 0.45);
    let suboccipitals = add(&mut core, first, "suboccipitals", Side::Right, 0.55, 0.2);
    let levator = add(&mut core, first, "levator_scapulae", Side::Right, 0.62, 0.4);
    sign(&mut core, first);

    let second = start_visit(&mut core, patient, None);
    let carry = core.carry_forward(second).unwrap().unwrap();
    assert_eq!(carry.previous_visit, first);
    assert!(carry.findings.iter().all(|(_, s)| *s == PriorState::Open));

    let Applied::Finding(confirmed) = core
        .apply(Action::ConfirmFinding {
            visit: second,
            from: trapezius,
        })
        .unwrap()
    else {
        panic!("no finding")
    };
    let copy = core.store().finding(confirmed).unwrap();
    assert_eq!(
        (copy.visit_id, copy.carried_from),
        (second, Some(trapezius))
    );
    assert_eq!(copy.muscle, "upper_trapezius");
    assert_eq!(
        core.apply(Action::ConfirmFinding {
            visit: second,
            from: trapezius
        })
        .unwrap(),
        Applied::Finding(confirmed),
        "confirming twice keeps one finding"
    );
    core.apply(Action::ResolveFinding {
        visit: second,
        finding: suboccipitals,
    })
    .unwrap();
    let err = core
        .apply(Action::ResolveFinding {
            visit: second,
            finding: trapezius,
        })
        .unwrap_err();
    assert!(err.to_string().contains("confirmed as persisting"), "{err}");
    let err = core
        .apply(Action::ConfirmFinding {
            visit: first,
            from: confirmed,
        })
        .unwrap_err();
    assert!(matches!(err, CoreError::VisitSigned(_)), "{err}");
    let splenius = add(
        &mut core,
        second,
        "splenius_capitis",
        Side::Right,
        0.55,
        0.25,
    );

    let states: Vec<(FindingId, PriorState)> = core
        .carry_forward(second)
        .unwrap()
        .unwrap()
        .findings
        .iter()
        .map(|(f, s)| (f.id, *s))
        .collect();
    assert_eq!(
        states,
        [
            (trapezius, PriorState::Persisting(confirmed)),
            (suboccipitals, PriorState::Resolved),
            (levator, PriorState::Open),
        ]
    );
    assert_eq!(
        core.store().findings(first).unwrap().len(),
        3,
        "the signed visit is untouched"
    );

    let c = core.compare_visits(first, second).unwrap();
    assert_eq!(muscles(&c.new), ["splenius_capitis right"]);
    assert_eq!(c.persisting.len(), 1);
    assert_eq!(
        (c.persisting[0].0.id, c.persisting[0].1.id),
        (trapezius, confirmed)
    );
    assert_eq!(
        muscles(&c.resolved),
        ["suboccipitals right", "levator_scapulae right"]
    );
    assert_eq!(c.new[0].id, splenius);

    // Changing one's mind: a resolved finding can still be confirmed.
    core.apply(Action::ConfirmFinding {
        visit: second,
        from: suboccipitals,
    })
    .unwrap();
    assert!(core.store().resolved_at(second).unwrap().is_empty());

    let counts: Vec<u32> = core
        .store()
        .active_counts(patient)
        .unwrap()
        .iter()
        .map(|c| c.active)
        .collect();
    assert_eq!(counts, [3, 3]);

    // A finding that a later visit follows up cannot be removed from under it.
    let third = start_visit(&mut core, patient, None);
    core.apply(Action::ConfirmFinding {
        visit: third,
        from: confirmed,
    })
    .unwrap();
    let err = core
        .apply(Action::RemoveFinding { finding: confirmed })
        .unwrap_err();
    assert!(err.to_string().contains("later visit"), "{err}");
    assert_eq!(core.store().findings(second).unwrap().len(), 3);

    let other = create(&mut core, "C-00002", "Ana", "Nordlys");
    let elsewhere = start_visit(&mut core, other, None);
    let err = core
        .apply(Action::ConfirmFinding {
            visit: elsewhere,
            from: levator,
        })
        .unwrap_err();
    assert!(
        err.to_string().contains("not from an earlier visit"),
        "{err}"
    );
    assert!(core.compare_visits(first, elsewhere).is_err());
}

#[test]
fn pain_strokes_are_checked_clamped_and_locked_with_the_note() {
    let dir = data_dir();
    let mut core = core_with_practitioner(dir.path());
    let patient = create(&mut core, "C-00001", "Zoë", "Ødegaard");
    let visit = start_visit(&mut core, patient, None);
    let stroke = |view: &str, intensity: u8, points: Vec<(f32, f32)>| {
        Action::AddPainStroke(PainStroke {
            id: PainStrokeId(0),
            visit_id: visit,
            view: view.into(),
            kind: PainKind::Headache,
            intensity,
            radius: 0.03,
            points: points
                .into_iter()
                .map(|(x, y)| MapPosition { x, y })
                .collect(),
        })
    };
    for (bad, why) in [
        (stroke("posterior", 0, vec![(0.5, 0.1)]), "intensity"),
        (stroke("sideways", 5, vec![(0.5, 0.1)]), "sideways"),
        (stroke("posterior", 5, vec![]), "points"),
        (
            stroke("posterior", 5, vec![(f32::NAN, 0.1)]),
            "not a number",
        ),
    ] {
        let err = core.apply(bad).unwrap_err();
        assert!(err.to_string().contains(why), "{err}");
    }
    assert!(core.store().pain_strokes(visit).unwrap().is_empty());

    let Applied::PainStroke(id) = core
        .apply(stroke(
            "left_lateral",
            7,
            vec![(0.5, 0.1), (0.55, 0.12), (1.8, -1.0)],
        ))
        .unwrap()
    else {
        panic!("no stroke")
    };
    let stored = core.store().pain_strokes(visit).unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(
        (stored[0].id, stored[0].intensity, stored[0].kind),
        (id, 7, PainKind::Headache)
    );
    let last = stored[0].points[2];
    assert_eq!(
        (last.x, last.y),
        (1.0, 0.0),
        "points are clamped to the view"
    );

    sign(&mut core, visit);
    assert!(matches!(
        core.apply(Action::RemovePainStroke { stroke: id }),
        Err(CoreError::VisitSigned(_))
    ));
    assert!(matches!(
        core.apply(stroke("posterior", 5, vec![(0.5, 0.1)])),
        Err(CoreError::VisitSigned(_))
    ));
    assert_eq!(core.store().pain_strokes(visit).unwrap().len(), 1);
}
