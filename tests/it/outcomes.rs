//! Outcome measures and the diary on a real database: scored when stored,
//! refused when out of scale, locked with a signed note, and a diary sheet
//! entered all or nothing.

use jiff::civil::date;
use palpate::core::outcomes::{DiaryDay, OutcomeEntry, summarise_diary};
use palpate::{Action, CoreError};

use crate::util::{core_with_practitioner, create, data_dir, start_visit};

#[test]
fn measures_are_scored_stored_and_refused_when_out_of_scale() {
    let dir = data_dir();
    let mut core = core_with_practitioner(dir.path());
    let patient = create(&mut core, "C-00001", "Zoë", "Ødegaard");
    let first = start_visit(&mut core, patient, None);
    let ndi = |answers: [Option<u8>; 10]| OutcomeEntry::Ndi { answers };
    core.apply(Action::RecordOutcome {
        visit: first,
        entry: ndi([3, 2, 2, 1, 4, 2, 1, 2, 1, 0].map(Some)),
    })
    .unwrap();
    core.apply(Action::RecordOutcome {
        visit: first,
        entry: OutcomeEntry::Hit6 {
            items: [10, 10, 10, 11, 8, 13],
        },
    })
    .unwrap();
    for (bad, why) in [
        (ndi([3, 2, 2, 1, 6, 2, 1, 2, 1, 0].map(Some)), "Headaches"),
        (
            ndi([
                None,
                None,
                None,
                Some(1),
                Some(4),
                Some(2),
                Some(1),
                Some(2),
                Some(1),
                Some(0),
            ]),
            "not answered",
        ),
        (
            OutcomeEntry::Hit6 {
                items: [10, 10, 10, 11, 8, 12],
            },
            "item 6",
        ),
        (
            OutcomeEntry::Nprs {
                current: 4,
                best: 5,
                worst: 3,
            },
            "best",
        ),
        (
            OutcomeEntry::Ccft {
                activation_mmhg: 25,
                repetitions: 3,
            },
            "target",
        ),
    ] {
        let err = core
            .apply(Action::RecordOutcome {
                visit: first,
                entry: bad,
            })
            .unwrap_err();
        assert!(err.to_string().contains(why), "{err}");
    }

    let second = start_visit(&mut core, patient, None);
    core.apply(Action::RecordOutcome {
        visit: second,
        entry: ndi([2, 1, 1, 1, 3, 1, 1, 1, 1, 0].map(Some)),
    })
    .unwrap();
    let recorded = core.store().outcomes(patient).unwrap();
    let ndi_scores: Vec<f32> = recorded
        .iter()
        .filter(|o| o.entry.code() == "ndi")
        .filter_map(|o| o.score)
        .collect();
    assert_eq!(ndi_scores, [18.0, 12.0]);
    let hit6: Vec<f32> = recorded
        .iter()
        .filter(|o| o.entry.code() == "hit6")
        .filter_map(|o| o.score)
        .collect();
    assert_eq!(hit6, [62.0]);

    // Recording again replaces; a signed visit refuses.
    core.apply(Action::RecordOutcome {
        visit: second,
        entry: ndi([1, 1, 1, 1, 2, 1, 1, 1, 1, 0].map(Some)),
    })
    .unwrap();
    assert_eq!(
        core.store()
            .outcomes(patient)
            .unwrap()
            .iter()
            .filter(|o| o.entry.code() == "ndi")
            .count(),
        2
    );
    core.apply(Action::SaveVisit {
        visit: first,
        visit_type: palpate::core::model::VisitType::InitialEvaluation,
        texts: palpate::core::model::NoteTexts {
            subjective: "Headache 4 days a week.".into(),
            ..Default::default()
        },
    })
    .unwrap();
    core.apply(Action::SignVisit { visit: first }).unwrap();
    assert!(matches!(
        core.apply(Action::RemoveOutcome {
            visit: first,
            measure: "ndi".into()
        }),
        Err(CoreError::VisitSigned(_))
    ));
}

#[test]
fn a_diary_sheet_is_entered_all_or_nothing_and_summarised() {
    let dir = data_dir();
    let mut core = core_with_practitioner(dir.path());
    let patient = create(&mut core, "C-00001", "Zoë", "Ødegaard");
    let day = |d: i8, headache: bool| DiaryDay {
        date: date(2026, 11, 1)
            .checked_add(jiff::Span::new().days(i64::from(d)))
            .unwrap(),
        headache,
        hours: headache.then_some(3.0),
        peak: headache.then_some(5),
        medication: if headache {
            "paracetamol 1 g".into()
        } else {
            String::new()
        },
        missed_activity: false,
    };
    let mut sheet: Vec<DiaryDay> = (0..14).map(|d| day(d, d % 4 == 0)).collect();
    sheet.push(DiaryDay {
        date: date(2099, 1, 1),
        ..day(0, false)
    });
    let err = core
        .apply(Action::RecordDiary {
            patient,
            days: sheet.clone(),
        })
        .unwrap_err();
    assert!(err.to_string().contains("future"), "{err}");
    assert!(
        core.store()
            .diary(patient, date(2026, 1, 1), date(2026, 12, 31))
            .unwrap()
            .is_empty()
    );
    sheet.pop();
    core.apply(Action::RecordDiary {
        patient,
        days: sheet,
    })
    .unwrap();
    let days = core
        .store()
        .diary(patient, date(2026, 11, 1), date(2026, 11, 14))
        .unwrap();
    assert_eq!(days.len(), 14);
    let summary = summarise_diary(&days).unwrap();
    // Headaches on days 0, 4, 8, 12: 4 of 14 days → 8 per 4 weeks.
    assert!((summary.headache_days_per_4_weeks - 8.0).abs() < 1e-4);
    assert!((summary.medication_days_per_4_weeks - 8.0).abs() < 1e-4);
}

#[test]
fn the_ichd_checklist_is_confirmed_only_when_its_criteria_are_met() {
    use palpate::core::ichd::{IchdChecklist, NeckEvidence};
    let dir = data_dir();
    let mut core = core_with_practitioner(dir.path());
    let patient = create(&mut core, "C-00001", "Zoë", "Ødegaard");
    let visit = start_visit(&mut core, patient, None);
    let mut checklist = IchdChecklist {
        b: NeckEvidence::TriggerPointsOnly,
        c1: true,
        c3: true,
        d: true,
        confirmed: true,
        ..IchdChecklist::default()
    };
    let err = core
        .apply(Action::SaveIchdChecklist {
            visit,
            checklist: checklist.clone(),
        })
        .unwrap_err();
    assert!(err.to_string().contains("cannot be confirmed"), "{err}");
    assert!(core.store().ichd(visit).unwrap().is_none());
    checklist.b = NeckEvidence::CervicalDisorder;
    checklist.b_note = "Upper cervical joint dysfunction on examination".into();
    core.apply(Action::SaveIchdChecklist {
        visit,
        checklist: checklist.clone(),
    })
    .unwrap();
    assert_eq!(core.store().ichd(visit).unwrap(), Some(checklist));
}
