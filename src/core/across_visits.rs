//! Findings followed from visit to visit: the comparison of two visits, as a
//! pure function of the chart's findings and resolutions.
//!
//! A finding confirmed as persisting links to the finding it carries
//! forward (`carried_from`), so a trigger point keeps one history however
//! many visits lie between the two compared. Points charted afresh, without
//! that link, are matched by muscle and side, nearest first, unless the
//! clinician recorded the earlier one as resolved in between.

use std::collections::{HashMap, HashSet};

use super::model::{Comparison, Finding, FindingId, VisitId};

/// Compares the findings of `earlier` with those of `later`.
///
/// `chart` holds every finding of the patient's chart and `resolutions`
/// every (visit, finding) resolution; `visit_order` gives each visit's place
/// in time, so resolutions after `later` are ignored.
#[must_use]
pub fn compare<S: std::hash::BuildHasher>(
    chart: &[Finding],
    resolutions: &[(VisitId, FindingId)],
    visit_order: &HashMap<VisitId, usize, S>,
    earlier: VisitId,
    later: VisitId,
) -> Comparison {
    let order = |v: VisitId| visit_order.get(&v).copied().unwrap_or(usize::MAX);
    let (earlier, later) = if order(earlier) <= order(later) {
        (earlier, later)
    } else {
        (later, earlier)
    };
    let parent: HashMap<FindingId, FindingId> = chart
        .iter()
        .filter_map(|f| f.carried_from.map(|from| (f.id, from)))
        .collect();
    let ancestors = |mut id: FindingId| {
        let mut out = Vec::new();
        // A chain can only run back in time, but a damaged file could hold
        // a loop; stop after as many steps as there are findings.
        for _ in 0..chart.len() {
            match parent.get(&id) {
                Some(&up) => {
                    out.push(up);
                    id = up;
                }
                None => break,
            }
        }
        out
    };
    let before: Vec<&Finding> = chart.iter().filter(|f| f.visit_id == earlier).collect();
    let after: Vec<&Finding> = chart.iter().filter(|f| f.visit_id == later).collect();
    let before_ids: HashSet<FindingId> = before.iter().map(|f| f.id).collect();

    // Findings whose history was resolved after `earlier`, up to `later`.
    let window = |v: VisitId| order(v) > order(earlier) && order(v) <= order(later);
    let mut resolved_history = HashSet::new();
    for (visit, finding) in resolutions {
        if window(*visit) {
            resolved_history.insert(*finding);
            resolved_history.extend(ancestors(*finding));
        }
    }

    let mut comparison = Comparison::default();
    let mut paired_before = HashSet::new();
    let mut unpaired_after = Vec::new();
    for finding in &after {
        match ancestors(finding.id)
            .into_iter()
            .find(|a| before_ids.contains(a) && !paired_before.contains(a))
        {
            Some(from) => {
                paired_before.insert(from);
                let from = before.iter().find(|f| f.id == from).copied();
                if let Some(from) = from {
                    comparison
                        .persisting
                        .push((from.clone(), (*finding).clone()));
                }
            }
            None => unpaired_after.push(*finding),
        }
    }
    for finding in unpaired_after {
        let candidate = before
            .iter()
            .filter(|b| {
                !paired_before.contains(&b.id)
                    && !resolved_history.contains(&b.id)
                    && b.muscle == finding.muscle
                    && b.side == finding.side
            })
            .min_by(|a, b| closeness(a, finding).total_cmp(&closeness(b, finding)));
        match candidate {
            Some(from) => {
                paired_before.insert(from.id);
                comparison
                    .persisting
                    .push(((*from).clone(), finding.clone()));
            }
            None => comparison.new.push(finding.clone()),
        }
    }
    comparison.resolved = before
        .iter()
        .filter(|b| !paired_before.contains(&b.id))
        .map(|b| (*b).clone())
        .collect();
    comparison.persisting.sort_by_key(|(_, later)| later.id);
    comparison
}

/// How far apart two findings sit; another view always counts as farther.
fn closeness(a: &Finding, b: &Finding) -> f32 {
    let other_view = if a.view == b.view { 0.0 } else { 100.0 };
    other_view + (a.position.x - b.position.x).hypot(a.position.y - b.position.y)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::{FindingDetails, MapPosition, Side};

    fn finding(id: i64, visit: i64, muscle: &str, side: Side, carried: Option<i64>) -> Finding {
        Finding {
            id: FindingId(id),
            visit_id: VisitId(visit),
            muscle: muscle.into(),
            side,
            view: "posterior".into(),
            position: MapPosition { x: 0.3, y: 0.4 },
            details: FindingDetails::default(),
            carried_from: carried.map(FindingId),
        }
    }

    fn order(visits: &[i64]) -> HashMap<VisitId, usize> {
        visits
            .iter()
            .enumerate()
            .map(|(i, v)| (VisitId(*v), i))
            .collect()
    }

    fn ids(findings: &[Finding]) -> Vec<i64> {
        findings.iter().map(|f| f.id.0).collect()
    }

    #[test]
    fn links_carry_a_finding_across_visits_in_between() {
        let chart = [
            finding(1, 10, "upper_trapezius", Side::Left, None),
            finding(2, 10, "levator_scapulae", Side::Right, None),
            finding(3, 20, "upper_trapezius", Side::Left, Some(1)),
            finding(4, 30, "upper_trapezius", Side::Left, Some(3)),
            finding(5, 30, "temporalis", Side::Right, None),
        ];
        let c = compare(
            &chart,
            &[(VisitId(20), FindingId(2))],
            &order(&[10, 20, 30]),
            VisitId(10),
            VisitId(30),
        );
        assert_eq!(c.persisting.len(), 1);
        assert_eq!((c.persisting[0].0.id.0, c.persisting[0].1.id.0), (1, 4));
        assert_eq!(ids(&c.new), [5]);
        assert_eq!(ids(&c.resolved), [2]);
    }

    #[test]
    fn unlinked_points_match_by_muscle_and_side_unless_resolved() {
        let chart = [
            finding(1, 10, "suboccipitals", Side::Right, None),
            finding(2, 10, "scalenes", Side::Left, None),
            finding(3, 20, "suboccipitals", Side::Right, None),
            finding(4, 20, "scalenes", Side::Right, None),
            finding(5, 30, "scalenes", Side::Left, None),
        ];
        let visits = order(&[10, 20, 30]);
        let c = compare(&chart, &[], &visits, VisitId(20), VisitId(10));
        assert_eq!(
            c.persisting.len(),
            1,
            "the order of the two visits does not matter"
        );
        assert_eq!(c.persisting[0].0.id.0, 1);
        assert_eq!(ids(&c.new), [4]);
        assert_eq!(ids(&c.resolved), [2]);

        // Scalenes left was resolved at visit 20, so the one at 30 is new.
        let c = compare(
            &chart,
            &[(VisitId(20), FindingId(2))],
            &visits,
            VisitId(10),
            VisitId(30),
        );
        assert_eq!(ids(&c.new), [5]);
        assert_eq!(ids(&c.resolved), [1, 2]);
    }
}
