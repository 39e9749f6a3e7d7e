//! The ICHD-3 11.2.1 cervicogenic headache checklist: what the clinician
//! ticks, and a pure function saying whether the criteria are met. It never
//! makes the diagnosis: the clinician confirms, and only when the criteria
//! are met. Trigger points alone never satisfy criterion B (CLINICAL.md §1).

use serde::{Deserialize, Serialize};

/// What supports criterion B.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NeckEvidence {
    #[default]
    None,
    /// A cervical disorder shown clinically, by imaging or in the laboratory.
    CervicalDisorder,
    /// Only myofascial trigger points: not enough for criterion B.
    TriggerPointsOnly,
}

/// The checklist as ticked at a visit.
// C1-C4 and D are the criteria's own yes/no boxes; an enum each would only
// rename them.
#[allow(clippy::struct_excessive_bools)]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IchdChecklist {
    pub b: NeckEvidence,
    pub b_note: String,
    pub c1: bool,
    pub c2: bool,
    pub c3: bool,
    pub c4: bool,
    pub c_note: String,
    /// No other ICHD-3 diagnosis accounts better for the headache.
    pub d: bool,
    pub d_note: String,
    /// Ids of the favouring features present.
    pub favouring: Vec<String>,
    /// Differential ids with the clinician's note on each.
    pub differential: Vec<(String, String)>,
    /// The clinician's confirmation of the diagnosis.
    pub confirmed: bool,
}

/// What the checklist shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IchdResult {
    /// How many of C1-C4 are ticked.
    pub c_count: u8,
    pub met: bool,
    /// What is missing, in words, when the criteria are not met.
    pub missing: Vec<&'static str>,
}

/// Whether the criteria are met: B by a cervical disorder (not trigger
/// points alone), at least two of C1-C4 (which makes A hold), and D.
#[must_use]
pub fn evaluate(checklist: &IchdChecklist) -> IchdResult {
    let c_count = u8::from(checklist.c1)
        + u8::from(checklist.c2)
        + u8::from(checklist.c3)
        + u8::from(checklist.c4);
    let mut missing = Vec::new();
    match checklist.b {
        NeckEvidence::CervicalDisorder => {}
        NeckEvidence::None => missing.push("B: evidence of a cervical disorder"),
        NeckEvidence::TriggerPointsOnly => {
            missing.push("B: trigger points alone are not evidence of a cervical disorder");
        }
    }
    if c_count < 2 {
        missing.push("C: at least two of C1-C4 (and so A)");
    }
    if !checklist.d {
        missing.push("D: not better accounted for by another diagnosis");
    }
    IchdResult {
        c_count,
        met: missing.is_empty(),
        missing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_criteria_need_b_two_of_c_and_d_and_never_trigger_points_alone() {
        let mut c = IchdChecklist {
            b: NeckEvidence::CervicalDisorder,
            c1: true,
            c3: true,
            d: true,
            ..IchdChecklist::default()
        };
        let r = evaluate(&c);
        assert!(r.met && r.missing.is_empty());
        assert_eq!(r.c_count, 2);
        c.c3 = false;
        assert!(!evaluate(&c).met, "one of C1-C4 is not enough");
        c.c3 = true;
        c.b = NeckEvidence::TriggerPointsOnly;
        let r = evaluate(&c);
        assert!(!r.met);
        assert!(r.missing[0].contains("trigger points alone"));
        c.b = NeckEvidence::CervicalDisorder;
        c.d = false;
        assert!(!evaluate(&c).met);
        assert!(!evaluate(&IchdChecklist::default()).met);
    }
}
