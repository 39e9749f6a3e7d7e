//! Body map geometry tests on the shipped data: every muscle can be hit where
//! it is drawn, regions do not overlap, zones belong to known muscles, and a
//! file naming an unknown muscle fails with the file and the id.

use palpate::body_map::{BodyPoint, Side};
use palpate::content::ContentError;
use palpate::content::body_map::{self, shipped};

#[test]
fn every_region_is_hit_at_its_anchor_and_lies_on_the_body() {
    let map = shipped();
    assert_eq!(map.views.len(), 4);
    for view in &map.views {
        assert!(!view.regions.is_empty(), "{} has regions", view.id);
        for region in &view.regions {
            let hit = view.hit_test(region.anchor).unwrap_or_else(|| {
                panic!(
                    "{}: nothing at the anchor of {}",
                    view.id, map.muscles[region.muscle].id
                )
            });
            assert_eq!(
                (hit.muscle, hit.side),
                (region.muscle, region.side),
                "{}: {} {:?}",
                view.id,
                map.muscles[region.muscle].id,
                region.side
            );
            assert!(
                view.is_on_body(region.anchor),
                "{}: {} lies off the body",
                view.id,
                map.muscles[region.muscle].id
            );
        }
    }
}

#[test]
fn the_required_muscles_are_on_both_sides() {
    let map = shipped();
    for id in [
        "upper_trapezius",
        "levator_scapulae",
        "suboccipitals",
        "splenius_capitis",
        "splenius_cervicis",
        "semispinalis_capitis",
        "scm_sternal",
        "scm_clavicular",
        "scalenes",
        "temporalis",
        "masseter",
    ] {
        let muscle = map
            .muscle_index(id)
            .unwrap_or_else(|| panic!("{id} missing"));
        for side in [Side::Left, Side::Right] {
            assert!(
                map.views.iter().any(|v| v.region(muscle, side).is_some()),
                "{id} {side:?} is in no view"
            );
        }
        assert!(
            !map.muscles[muscle].refers_to.is_empty(),
            "{id} has its referral pattern"
        );
        assert!(
            map.views
                .iter()
                .any(|v| v.zones.iter().any(|z| z.muscle == muscle)),
            "{id} has a referral zone"
        );
    }
}

#[test]
fn regions_of_one_view_do_not_overlap() {
    let map = shipped();
    let steps = 300_u16;
    for view in &map.views {
        let mut shared = 0_u32;
        for i in 0..steps {
            for j in 0..steps {
                let p = BodyPoint::new(
                    f32::from(i) / f32::from(steps),
                    f32::from(j) / f32::from(steps) * view.aspect,
                );
                let inside = view.regions.iter().filter(|r| r.contains(p)).count();
                if inside > 1 {
                    shared += 1;
                }
            }
        }
        // Shared edges touch a few samples; a real overlap covers many.
        let share = f64::from(shared) / f64::from(u32::from(steps) * u32::from(steps));
        assert!(
            share < 0.0005,
            "{}: {:.4}% of the picture is in two regions",
            view.id,
            share * 100.0
        );
    }
}

#[test]
fn clicks_outside_the_body_hit_nothing_and_positions_clamp() {
    let map = shipped();
    let view = map.view("posterior").unwrap();
    assert_eq!(view.hit_test(BodyPoint::new(0.02, 0.02)), None);
    assert_eq!(view.hit_test(BodyPoint::new(-3.0, 9.0)), None);
    let clamped = view.clamp(BodyPoint::new(1.7, -0.2));
    assert_eq!((clamped.x, clamped.y), (1.0, 0.0));
    // Posterior: the right half of the picture is the patient's right.
    let right = view.hit_test(BodyPoint::new(0.75, 0.49)).unwrap();
    assert_eq!(
        (map.muscles[right.muscle].id.as_str(), right.side),
        ("upper_trapezius", Side::Right)
    );
    // Anterior: the right half of the picture is the patient's left.
    let front = map.view("anterior").unwrap();
    let left = front.hit_test(BodyPoint::new(0.75, 0.48)).unwrap();
    assert_eq!(
        (map.muscles[left.muscle].id.as_str(), left.side),
        ("upper_trapezius", Side::Left)
    );
}

#[test]
fn the_right_lateral_view_mirrors_the_left_with_sides_swapped() {
    let map = shipped();
    let left = map.view("left_lateral").unwrap();
    let right = map.view("right_lateral").unwrap();
    assert_eq!(left.regions.len(), right.regions.len());
    assert!(left.regions.iter().all(|r| r.side == Side::Left));
    assert!(right.regions.iter().all(|r| r.side == Side::Right));
    for (l, r) in left.regions.iter().zip(&right.regions) {
        assert!((l.polygon[0].x - (1.0 - r.polygon[0].x)).abs() < 1e-6);
    }
}

#[test]
fn an_unknown_muscle_id_fails_naming_the_file_and_the_id() {
    let json = r#"{
        "source": "test",
        "muscles": [{"id": "masseter", "name": "Masseter", "refers_to": "jaw"}],
        "views": [{"id": "v", "name": "V", "aspect": 1.0, "side": "left",
                   "outline": [[0,0],[1,0],[1,1],[0,1]],
                   "regions": [{"muscle": "masseterr", "points": [[0.1,0.1],[0.2,0.1],[0.2,0.2]]}]}],
        "referral_zones": []
    }"#;
    let err = body_map::parse("assets/body_map/test.json", json).unwrap_err();
    assert!(matches!(err, ContentError::UnknownId { .. }));
    let message = err.to_string();
    assert!(
        message.contains("assets/body_map/test.json") && message.contains("masseterr"),
        "{message}"
    );

    let zone = json.replace(r#""masseterr""#, r#""masseter""#).replace(r#""referral_zones": []"#, r#""referral_zones": [{"muscle": "temporalis", "view": "v", "source": "s", "points": [[0,0],[1,0],[1,1]]}]"#);
    let err = body_map::parse("assets/body_map/test.json", &zone).unwrap_err();
    assert!(err.to_string().contains("temporalis"), "{err}");
    assert!(body_map::parse("x.json", "{").is_err());
}
