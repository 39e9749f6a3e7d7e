//! Outcome measures, scored by pure functions with their bands and their
//! minimal clinically important differences (MCIDs), as CLINICAL.md §2 gives
//! them with their sources. Thresholds a clinic may change (MCIDs, the
//! flexion-rotation cut-off, how many NDI sections may be missing) are
//! arguments, with the reference's default beside them.

use jiff::civil::Date;

/// Why a set of answers cannot be scored. Nothing is stored from it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum OutcomeError {
    #[error("{measure}: {detail}")]
    Invalid {
        measure: &'static str,
        detail: String,
    },
}

fn invalid(measure: &'static str, detail: impl Into<String>) -> OutcomeError {
    OutcomeError::Invalid {
        measure,
        detail: detail.into(),
    }
}

/// A change between two scores and whether it passes the MCID; `better`
/// says whether the change is an improvement (for most measures, lower is
/// better).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Change {
    pub delta: f32,
    pub improved: bool,
    pub passes_mcid: bool,
}

/// The change from `baseline` to `latest` where a fall is an improvement.
#[must_use]
pub fn change_lower_is_better(baseline: f32, latest: f32, mcid: f32) -> Change {
    let delta = latest - baseline;
    Change {
        delta,
        improved: delta < 0.0,
        passes_mcid: -delta >= mcid,
    }
}

/// The change from `baseline` to `latest` where a rise is an improvement.
#[must_use]
pub fn change_higher_is_better(baseline: f32, latest: f32, mcid: f32) -> Change {
    let delta = latest - baseline;
    Change {
        delta,
        improved: delta > 0.0,
        passes_mcid: delta >= mcid,
    }
}

// ----- Neck Disability Index (Vernon & Mior 1991) --------------------------

/// The ten sections, in the form's order.
pub const NDI_SECTIONS: [&str; 10] = [
    "Pain intensity",
    "Personal care",
    "Lifting",
    "Reading",
    "Headaches",
    "Concentration",
    "Work",
    "Driving",
    "Sleeping",
    "Recreation",
];

/// How disabling a neck is, on the 0-50 scale (CLINICAL.md §2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NdiBand {
    None,
    Mild,
    Moderate,
    Severe,
    Complete,
}

impl NdiBand {
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            NdiBand::None => "no disability",
            NdiBand::Mild => "mild",
            NdiBand::Moderate => "moderate",
            NdiBand::Severe => "severe",
            NdiBand::Complete => "complete",
        }
    }

    /// The band of a score on the 0-50 scale: 0-4, 5-14, 15-24, 25-34, 35-50.
    #[must_use]
    pub fn of(score_0_50: f32) -> NdiBand {
        match score_0_50 {
            s if s < 4.5 => NdiBand::None,
            s if s < 14.5 => NdiBand::Mild,
            s if s < 24.5 => NdiBand::Moderate,
            s if s < 34.5 => NdiBand::Severe,
            _ => NdiBand::Complete,
        }
    }
}

/// A scored NDI.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NdiScore {
    /// The sum of the answered sections.
    pub total: u8,
    pub answered: u8,
    /// `total / (5 x answered) x 100`.
    pub percent: f32,
    /// The percentage on the 0-50 scale (`percent / 2`), for the bands and
    /// the raw MCID; equal to `total` when all ten are answered.
    pub score_0_50: f32,
    pub band: NdiBand,
}

/// The MCID an NDI change is judged by; a clinic setting, and a report says
/// which it used.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum NdiMcid {
    /// 5 points on the 0-50 scale (Vernon).
    #[default]
    Raw5,
    /// 19 percentage points in mechanical neck pain (Cleland et al. 2008).
    Percent19,
}

impl NdiMcid {
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            NdiMcid::Raw5 => "5 points (Vernon)",
            NdiMcid::Percent19 => "19 percentage points (Cleland et al. 2008)",
        }
    }
}

/// Scores an NDI: each answer 0-5, `None` for a section not answered or
/// not applicable. `max_missing` is how many sections may be left out
/// before the form cannot be scored (a clinic setting).
///
/// # Errors
/// An answer above 5, or more sections missing than allowed.
pub fn score_ndi(answers: &[Option<u8>; 10], max_missing: u8) -> Result<NdiScore, OutcomeError> {
    if let Some((i, a)) = answers
        .iter()
        .enumerate()
        .find_map(|(i, a)| a.filter(|v| *v > 5).map(|v| (i, v)))
    {
        return Err(invalid(
            "NDI",
            format!("{} is scored 0 to 5, not {a}", NDI_SECTIONS[i]),
        ));
    }
    let answered = u8::try_from(answers.iter().flatten().count()).unwrap_or(0);
    let missing = 10 - answered;
    if missing > max_missing || answered == 0 {
        return Err(invalid(
            "NDI",
            format!("{missing} sections are not answered; at most {max_missing} may be left out"),
        ));
    }
    let total: u8 = answers.iter().flatten().sum();
    let percent = f32::from(total) / (5.0 * f32::from(answered)) * 100.0;
    let score_0_50 = percent / 2.0;
    Ok(NdiScore {
        total,
        answered,
        percent,
        score_0_50,
        band: NdiBand::of(score_0_50),
    })
}

/// An NDI change judged by `mcid`.
#[must_use]
pub fn ndi_change(baseline: &NdiScore, latest: &NdiScore, mcid: NdiMcid) -> Change {
    match mcid {
        NdiMcid::Raw5 => change_lower_is_better(baseline.score_0_50, latest.score_0_50, 5.0),
        NdiMcid::Percent19 => change_lower_is_better(baseline.percent, latest.percent, 19.0),
    }
}

// ----- HIT-6 -----------------------------------------------------------

/// The points an answer can score: never, rarely, sometimes, very often, always.
pub const HIT6_POINTS: [u8; 5] = [6, 8, 10, 11, 13];

/// Headache impact, by HIT-6 total.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hit6Band {
    LittleOrNone,
    Some,
    Substantial,
    Severe,
}

impl Hit6Band {
    /// ≤49 little or no impact, 50-55 some, 56-59 substantial, ≥60 severe.
    #[must_use]
    pub fn of(total: u8) -> Hit6Band {
        match total {
            0..=49 => Hit6Band::LittleOrNone,
            50..=55 => Hit6Band::Some,
            56..=59 => Hit6Band::Substantial,
            _ => Hit6Band::Severe,
        }
    }

    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Hit6Band::LittleOrNone => "little or no impact",
            Hit6Band::Some => "some impact",
            Hit6Band::Substantial => "substantial impact",
            Hit6Band::Severe => "severe impact",
        }
    }
}

/// Scores a HIT-6 from its six item scores (each 6, 8, 10, 11 or 13).
///
/// # Errors
/// An item score that is not one of those.
pub fn score_hit6(items: &[u8; 6]) -> Result<(u8, Hit6Band), OutcomeError> {
    if let Some((i, v)) = items
        .iter()
        .enumerate()
        .find(|(_, v)| !HIT6_POINTS.contains(v))
    {
        return Err(invalid(
            "HIT-6",
            format!("item {} scores 6, 8, 10, 11 or 13, not {v}", i + 1),
        ));
    }
    let total: u8 = items.iter().sum();
    Ok((total, Hit6Band::of(total)))
}

/// The default individual meaningful change for HIT-6: Smelt et al.
/// (Cephalalgia 2014) give about 2.5 to 6 points; the upper end is the
/// cautious default, a clinic setting.
pub const HIT6_MCID_DEFAULT: f32 = 6.0;

// ----- NPRS and PSFS ---------------------------------------------------

/// Pain now, at its best and at its worst in the last 24 hours, 0-10.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Nprs {
    pub current: u8,
    pub best: u8,
    pub worst: u8,
}

/// The NPRS MCID in mechanical neck pain (Cleland 2008); 1.5 in Kovacs 2008.
pub const NPRS_MCID_DEFAULT: f32 = 1.3;

/// Checks an NPRS: each 0-10, best ≤ current ≤ worst.
///
/// # Errors
/// A rating outside 0-10, or best above worst.
pub fn check_nprs(nprs: &Nprs) -> Result<(), OutcomeError> {
    if [nprs.current, nprs.best, nprs.worst]
        .iter()
        .any(|v| *v > 10)
    {
        return Err(invalid("NPRS", "ratings run from 0 to 10"));
    }
    if nprs.best > nprs.worst {
        return Err(invalid("NPRS", "the best rating cannot be above the worst"));
    }
    Ok(())
}

/// The PSFS MCID for the mean score (Stratford et al. 1995, commonly cited).
pub const PSFS_MCID_DEFAULT: f32 = 2.0;

/// Scores a Patient-Specific Functional Scale: 1 to 5 activities, each
/// rated 0 (unable) to 10 (as before); the score is the mean.
///
/// # Errors
/// No activity, more than five, or a rating above 10.
pub fn score_psfs(ratings: &[u8]) -> Result<f32, OutcomeError> {
    if ratings.is_empty() || ratings.len() > 5 {
        return Err(invalid("PSFS", "rate from 1 to 5 activities"));
    }
    if ratings.iter().any(|r| *r > 10) {
        return Err(invalid("PSFS", "each activity is rated 0 to 10"));
    }
    #[allow(clippy::cast_precision_loss)] // at most five ratings
    let mean = ratings.iter().map(|r| f32::from(*r)).sum::<f32>() / ratings.len() as f32;
    Ok(mean)
}

// ----- Headache diary ----------------------------------------------------

/// One day of the diary.
#[derive(Clone, Debug, PartialEq)]
pub struct DiaryDay {
    pub date: Date,
    pub headache: bool,
    pub hours: Option<f32>,
    /// Peak intensity 0-10.
    pub peak: Option<u8>,
    /// The acute medication taken, empty for none.
    pub medication: String,
    pub missed_activity: bool,
}

/// What a stretch of diary says, per 28 days.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DiarySummary {
    pub days_recorded: usize,
    pub headache_days_per_4_weeks: f32,
    /// An attack is a run of consecutive headache days.
    pub attacks_per_4_weeks: f32,
    pub medication_days_per_4_weeks: f32,
    pub mean_peak: Option<f32>,
}

/// Checks a diary day against `today`.
///
/// # Errors
/// A date in the future, a peak above 10, hours outside 0-24, or details
/// of a headache on a day without one.
pub fn check_diary_day(day: &DiaryDay, today: Date) -> Result<(), OutcomeError> {
    if day.date > today {
        return Err(invalid("diary", format!("{} is in the future", day.date)));
    }
    if day.peak.is_some_and(|p| p > 10) {
        return Err(invalid("diary", "the peak intensity runs from 0 to 10"));
    }
    if day.hours.is_some_and(|h| !(0.0..=24.0).contains(&h)) {
        return Err(invalid("diary", "a day has at most 24 hours of headache"));
    }
    if !day.headache && (day.hours.is_some() || day.peak.is_some()) {
        return Err(invalid(
            "diary",
            format!("{} has a duration or intensity but no headache", day.date),
        ));
    }
    Ok(())
}

/// Summarises diary days (in any order; a date given twice counts once,
/// the last entry winning).
#[must_use]
pub fn summarise_diary(days: &[DiaryDay]) -> Option<DiarySummary> {
    let mut by_date: std::collections::BTreeMap<Date, &DiaryDay> =
        std::collections::BTreeMap::new();
    for day in days {
        by_date.insert(day.date, day);
    }
    let days: Vec<&DiaryDay> = by_date.into_values().collect();
    let recorded = days.len();
    if recorded == 0 {
        return None;
    }
    let headache_days = days.iter().filter(|d| d.headache).count();
    let medication_days = days
        .iter()
        .filter(|d| !d.medication.trim().is_empty())
        .count();
    let mut attacks = 0;
    let mut previous: Option<&DiaryDay> = None;
    for day in &days {
        let continues =
            previous.is_some_and(|p| p.headache && p.date.tomorrow().ok() == Some(day.date));
        if day.headache && !continues {
            attacks += 1;
        }
        previous = Some(day);
    }
    let peaks: Vec<f32> = days
        .iter()
        .filter(|d| d.headache)
        .filter_map(|d| d.peak.map(f32::from))
        .collect();
    #[allow(clippy::cast_precision_loss)] // day counts
    let per_4_weeks = |n: usize| n as f32 / recorded as f32 * 28.0;
    #[allow(clippy::cast_precision_loss)]
    let mean_peak = (!peaks.is_empty()).then(|| peaks.iter().sum::<f32>() / peaks.len() as f32);
    Some(DiarySummary {
        days_recorded: recorded,
        headache_days_per_4_weeks: per_4_weeks(headache_days),
        attacks_per_4_weeks: per_4_weeks(attacks),
        medication_days_per_4_weeks: per_4_weeks(medication_days),
        mean_peak,
    })
}

// ----- Cervical flexion-rotation test -------------------------------------

/// The flexion-rotation cut-off default: positive below about 32 degrees
/// (Ogince et al. 2007; Hall et al. 2010 use about 30). A clinic setting.
pub const CFRT_THRESHOLD_DEFAULT: f32 = 32.0;
/// A side-to-side difference of about 10 degrees is also positive.
pub const CFRT_DIFFERENCE_DEFAULT: f32 = 10.0;

/// What a flexion-rotation test shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CfrtResult {
    pub positive: bool,
    /// The more restricted side's range, and whether it is the left.
    pub restricted_degrees: f32,
    pub restricted_left: bool,
    pub difference: f32,
}

/// Reads a flexion-rotation test against the cut-offs.
///
/// # Errors
/// A range outside 0-90 degrees.
pub fn read_cfrt(
    left: f32,
    right: f32,
    threshold: f32,
    difference: f32,
) -> Result<CfrtResult, OutcomeError> {
    if !(0.0..=90.0).contains(&left) || !(0.0..=90.0).contains(&right) {
        return Err(invalid(
            "flexion-rotation test",
            "each side runs from 0 to 90 degrees",
        ));
    }
    let restricted_left = left <= right;
    let restricted = left.min(right);
    let gap = (left - right).abs();
    Ok(CfrtResult {
        positive: restricted < threshold || gap >= difference,
        restricted_degrees: restricted,
        restricted_left,
        difference: gap,
    })
}

// ----- Craniocervical flexion test ------------------------------------------

/// The pressure targets of the test, in mmHg.
pub const CCFT_TARGETS: [u8; 5] = [22, 24, 26, 28, 30];

/// A craniocervical flexion test result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CcftResult {
    /// The highest target held 10 s without substitution; 20 when none.
    pub activation_mmhg: u8,
    /// (activation − 20) × repetitions of 10 × 10 s, 0-100.
    pub performance_index: u8,
    /// Unable to reach 24 mmHg.
    pub poor: bool,
}

/// Scores a craniocervical flexion test: the highest target held (20 for
/// none) and the repetitions of 10 s held at it (0-10).
///
/// # Errors
/// A level that is not 20 or a target, or more than 10 repetitions.
pub fn score_ccft(activation_mmhg: u8, repetitions: u8) -> Result<CcftResult, OutcomeError> {
    if activation_mmhg != 20 && !CCFT_TARGETS.contains(&activation_mmhg) {
        return Err(invalid(
            "craniocervical flexion test",
            "the level is 20 (none held) or a target: 22, 24, 26, 28, 30 mmHg",
        ));
    }
    if repetitions > 10 {
        return Err(invalid(
            "craniocervical flexion test",
            "at most 10 repetitions of 10 s",
        ));
    }
    Ok(CcftResult {
        activation_mmhg,
        performance_index: (activation_mmhg - 20) * repetitions,
        poor: activation_mmhg < 24,
    })
}

// ----- Progress ----------------------------------------------------------

/// One measure's course in a chart: first and latest score, and whether the
/// change passes the MCID.
#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    pub label: &'static str,
    /// "/50", "/10": how the score is read.
    pub unit: &'static str,
    pub baseline: f32,
    pub latest: f32,
    pub change: Change,
    /// Every score in order, for a sparkline.
    pub series: Vec<f32>,
}

/// The course of NDI, HIT-6, NPRS and PSFS over `scores`, given as
/// (measure code, score) oldest first; measures recorded once show no change.
#[must_use]
pub fn progress(scores: &[(&str, f32)]) -> Vec<Progress> {
    let measures: [(&str, &'static str, &'static str, f32, bool); 4] = [
        ("ndi", "NDI", "/50", 5.0, false),
        ("hit6", "HIT-6", "", HIT6_MCID_DEFAULT, false),
        ("nprs", "Pain", "/10", NPRS_MCID_DEFAULT, false),
        ("psfs", "PSFS", "/10", PSFS_MCID_DEFAULT, true),
    ];
    measures
        .iter()
        .filter_map(|(code, label, unit, mcid, higher_better)| {
            let series: Vec<f32> = scores
                .iter()
                .filter(|(c, _)| c == code)
                .map(|(_, s)| *s)
                .collect();
            let (&baseline, &latest) = (series.first()?, series.last()?);
            let change = if *higher_better {
                change_higher_is_better(baseline, latest, *mcid)
            } else {
                change_lower_is_better(baseline, latest, *mcid)
            };
            Some(Progress {
                label,
                unit,
                baseline,
                latest,
                change,
                series,
            })
        })
        .collect()
}

// ----- What is stored ----------------------------------------------------

/// A measure as entered at a visit: what the database keeps (as JSON) and
/// what every score is computed from again.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "measure", rename_all = "snake_case")]
pub enum OutcomeEntry {
    /// The ten answers, `None` for a section not answered.
    Ndi {
        answers: [Option<u8>; 10],
    },
    Hit6 {
        items: [u8; 6],
    },
    Nprs {
        current: u8,
        best: u8,
        worst: u8,
    },
    /// The patient's activities and their ratings.
    Psfs {
        activities: Vec<(String, u8)>,
    },
    Cfrt {
        left_degrees: f32,
        right_degrees: f32,
    },
    Ccft {
        activation_mmhg: u8,
        repetitions: u8,
    },
    Crom {
        flexion: f32,
        extension: f32,
        lateral_flexion_left: f32,
        lateral_flexion_right: f32,
        rotation_left: f32,
        rotation_right: f32,
    },
}

impl OutcomeEntry {
    /// The entry in words for a note: "NDI 18/50 (36 %), moderate, 10 of
    /// 10 sections answered"; `None` when it does not score.
    #[must_use]
    pub fn describe(&self) -> Option<String> {
        Some(match self {
            OutcomeEntry::Ndi { answers } => {
                let s = score_ndi(answers, NDI_MAX_MISSING_DEFAULT).ok()?;
                format!(
                    "NDI {:.0}/50 ({:.0} %), {}, {} of 10 sections answered",
                    s.score_0_50,
                    s.percent,
                    s.band.label(),
                    s.answered
                )
            }
            OutcomeEntry::Hit6 { items } => {
                let (total, band) = score_hit6(items).ok()?;
                format!("HIT-6 {total}, {}", band.label())
            }
            OutcomeEntry::Nprs {
                current,
                best,
                worst,
            } => format!("Pain {current}/10 now, best {best}, worst {worst} in 24 h"),
            OutcomeEntry::Psfs { activities } => {
                let ratings: Vec<u8> = activities.iter().map(|(_, r)| *r).collect();
                let mean = score_psfs(&ratings).ok()?;
                let named: Vec<String> = activities
                    .iter()
                    .map(|(name, r)| format!("{name} {r}"))
                    .collect();
                format!("PSFS {mean:.1}/10 ({})", named.join(", "))
            }
            OutcomeEntry::Cfrt {
                left_degrees,
                right_degrees,
            } => {
                let r = read_cfrt(
                    *left_degrees,
                    *right_degrees,
                    CFRT_THRESHOLD_DEFAULT,
                    CFRT_DIFFERENCE_DEFAULT,
                )
                .ok()?;
                format!(
                    "Flexion-rotation test left {left_degrees:.0}°, right {right_degrees:.0}°: {}",
                    if r.positive { "positive" } else { "negative" }
                )
            }
            OutcomeEntry::Ccft {
                activation_mmhg,
                repetitions,
            } => {
                let r = score_ccft(*activation_mmhg, *repetitions).ok()?;
                format!(
                    "Craniocervical flexion test {activation_mmhg} mmHg, performance index {}",
                    r.performance_index
                )
            }
            OutcomeEntry::Crom {
                flexion,
                extension,
                lateral_flexion_left,
                lateral_flexion_right,
                rotation_left,
                rotation_right,
            } => format!(
                "Range of motion: flexion {flexion:.0}°, extension {extension:.0}°, lateral flexion {lateral_flexion_left:.0}°/{lateral_flexion_right:.0}°, rotation {rotation_left:.0}°/{rotation_right:.0}° (left/right)"
            ),
        })
    }
}

/// How many NDI sections may be left out before a form cannot be scored:
/// the reference gives none, so a clinic setting, two by default.
pub const NDI_MAX_MISSING_DEFAULT: u8 = 2;

impl OutcomeEntry {
    /// The code stored in the `measure` column.
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            OutcomeEntry::Ndi { .. } => "ndi",
            OutcomeEntry::Hit6 { .. } => "hit6",
            OutcomeEntry::Nprs { .. } => "nprs",
            OutcomeEntry::Psfs { .. } => "psfs",
            OutcomeEntry::Cfrt { .. } => "cfrt",
            OutcomeEntry::Ccft { .. } => "ccft",
            OutcomeEntry::Crom { .. } => "crom",
        }
    }

    /// Checks the entry and gives its headline score.
    ///
    /// # Errors
    /// What is out of scale or missing, from the scoring rules.
    pub fn score(&self) -> Result<Option<f32>, OutcomeError> {
        Ok(match self {
            OutcomeEntry::Ndi { answers } => {
                Some(score_ndi(answers, NDI_MAX_MISSING_DEFAULT)?.score_0_50)
            }
            OutcomeEntry::Hit6 { items } => Some(f32::from(score_hit6(items)?.0)),
            OutcomeEntry::Nprs {
                current,
                best,
                worst,
            } => {
                check_nprs(&Nprs {
                    current: *current,
                    best: *best,
                    worst: *worst,
                })?;
                Some(f32::from(*current))
            }
            OutcomeEntry::Psfs { activities } => {
                if activities
                    .iter()
                    .any(|(name, _)| name.trim().is_empty() || name.chars().count() > 200)
                {
                    return Err(invalid(
                        "PSFS",
                        "each activity needs a name of at most 200 characters",
                    ));
                }
                let ratings: Vec<u8> = activities.iter().map(|(_, r)| *r).collect();
                Some(score_psfs(&ratings)?)
            }
            OutcomeEntry::Cfrt {
                left_degrees,
                right_degrees,
            } => Some(
                read_cfrt(
                    *left_degrees,
                    *right_degrees,
                    CFRT_THRESHOLD_DEFAULT,
                    CFRT_DIFFERENCE_DEFAULT,
                )?
                .restricted_degrees,
            ),
            OutcomeEntry::Ccft {
                activation_mmhg,
                repetitions,
            } => Some(f32::from(
                score_ccft(*activation_mmhg, *repetitions)?.performance_index,
            )),
            OutcomeEntry::Crom {
                flexion,
                extension,
                lateral_flexion_left,
                lateral_flexion_right,
                rotation_left,
                rotation_right,
            } => {
                let crom = Crom {
                    flexion: *flexion,
                    extension: *extension,
                    lateral_flexion_left: *lateral_flexion_left,
                    lateral_flexion_right: *lateral_flexion_right,
                    rotation_left: *rotation_left,
                    rotation_right: *rotation_right,
                };
                // Any adult age: only the degrees are checked here.
                read_crom(&crom, 40, crate::content::outcomes::crom_norms())?;
                None
            }
        })
    }
}

// ----- Cervical range of motion -----------------------------------------

/// Range of motion in degrees, the six directions.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Crom {
    pub flexion: f32,
    pub extension: f32,
    pub lateral_flexion_left: f32,
    pub lateral_flexion_right: f32,
    pub rotation_left: f32,
    pub rotation_right: f32,
}

/// One direction measured against its typical range.
#[derive(Clone, Debug, PartialEq)]
pub struct CromReading {
    pub direction: &'static str,
    pub degrees: f32,
    pub typical_low: f32,
    pub typical_high: f32,
    pub below_typical: bool,
}

/// Compares a measurement with the typical ranges for `age`; `None` when
/// the norms have no band for that age.
///
/// # Errors
/// A direction outside 0-180 degrees.
pub fn read_crom(
    crom: &Crom,
    age: u8,
    norms: &crate::content::outcomes::CromNorms,
) -> Result<Option<Vec<CromReading>>, OutcomeError> {
    let values = [
        ("flexion", crom.flexion),
        ("extension", crom.extension),
        ("lateral flexion left", crom.lateral_flexion_left),
        ("lateral flexion right", crom.lateral_flexion_right),
        ("rotation left", crom.rotation_left),
        ("rotation right", crom.rotation_right),
    ];
    if let Some((direction, _)) = values.iter().find(|(_, v)| !(0.0..=180.0).contains(v)) {
        return Err(invalid(
            "range of motion",
            format!("{direction} runs from 0 to 180 degrees"),
        ));
    }
    let Some(band) = norms.band(age) else {
        return Ok(None);
    };
    let range = |direction: &str| match direction {
        "flexion" => band.flexion,
        "extension" => band.extension,
        d if d.starts_with("lateral") => band.lateral_flexion,
        _ => band.rotation,
    };
    Ok(Some(
        values
            .iter()
            .map(|(direction, degrees)| {
                let [low, high] = range(direction);
                CromReading {
                    direction,
                    degrees: *degrees,
                    typical_low: low,
                    typical_high: high,
                    below_typical: *degrees < low,
                }
            })
            .collect(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn range_of_motion_is_read_against_the_age_band() {
        let crom = Crom {
            flexion: 45.0,
            extension: 65.0,
            lateral_flexion_left: 40.0,
            lateral_flexion_right: 35.0,
            rotation_left: 74.0,
            rotation_right: 55.0,
        };
        let norms = crate::content::outcomes::crom_norms();
        let readings = read_crom(&crom, 39, norms).unwrap().unwrap();
        let below: Vec<&str> = readings
            .iter()
            .filter(|r| r.below_typical)
            .map(|r| r.direction)
            .collect();
        assert_eq!(
            below,
            ["flexion", "lateral flexion right", "rotation right"]
        );
        assert!(read_crom(&crom, 12, norms).unwrap().is_none());
        let bad = Crom {
            flexion: 200.0,
            ..crom
        };
        assert!(read_crom(&bad, 39, norms).is_err());
    }

    #[test]
    fn ndi_scores_bands_and_missing_sections_by_hand() {
        // All zeros, all maxima.
        let zeros = score_ndi(&[Some(0); 10], 2).unwrap();
        assert_eq!(
            (zeros.total, zeros.answered, zeros.percent, zeros.band),
            (0, 10, 0.0, NdiBand::None)
        );
        let max = score_ndi(&[Some(5); 10], 2).unwrap();
        assert_eq!(
            (max.total, max.percent, max.score_0_50, max.band),
            (50, 100.0, 50.0, NdiBand::Complete)
        );
        // 3+2+2+1+4+2+1+2+1+0 = 18 of 50: 36 %, moderate.
        let answers = [3, 2, 2, 1, 4, 2, 1, 2, 1, 0].map(Some);
        let s = score_ndi(&answers, 2).unwrap();
        assert_eq!((s.total, s.percent, s.band), (18, 36.0, NdiBand::Moderate));
        // Driving not applicable: 18 of 45 = 40 %, 20 on the 0-50 scale.
        let mut no_driving = answers;
        no_driving[7] = None;
        let s = score_ndi(&no_driving, 2).unwrap();
        assert_eq!((s.total, s.answered), (16, 9));
        assert!((s.percent - 16.0 / 45.0 * 100.0).abs() < 1e-4);
        // Band edges on the 0-50 scale.
        assert_eq!(NdiBand::of(4.0), NdiBand::None);
        assert_eq!(NdiBand::of(5.0), NdiBand::Mild);
        assert_eq!(NdiBand::of(14.0), NdiBand::Mild);
        assert_eq!(NdiBand::of(15.0), NdiBand::Moderate);
        assert_eq!(NdiBand::of(34.0), NdiBand::Severe);
        assert_eq!(NdiBand::of(35.0), NdiBand::Complete);
        // Too many missing, or out of scale.
        let mut three_missing = answers;
        three_missing[0] = None;
        three_missing[1] = None;
        three_missing[2] = None;
        assert!(score_ndi(&three_missing, 2).is_err());
        let mut six = answers;
        six[4] = Some(6);
        assert!(
            score_ndi(&six, 2)
                .unwrap_err()
                .to_string()
                .contains("Headaches")
        );
        // MCID: 18 → 12 is 6 points (passes 5) but 12 percentage points (not 19).
        let later = score_ndi(&[2, 1, 1, 1, 3, 1, 1, 1, 1, 0].map(Some), 2).unwrap();
        let base = score_ndi(&answers, 2).unwrap();
        assert!(ndi_change(&base, &later, NdiMcid::Raw5).passes_mcid);
        assert!(!ndi_change(&base, &later, NdiMcid::Percent19).passes_mcid);
    }

    #[test]
    fn hit6_totals_and_every_band_edge() {
        assert_eq!(score_hit6(&[6; 6]).unwrap(), (36, Hit6Band::LittleOrNone));
        assert_eq!(score_hit6(&[13; 6]).unwrap(), (78, Hit6Band::Severe));
        // 49 | 50, 55 | 56, 59 | 60.
        assert_eq!(
            score_hit6(&[8, 8, 8, 8, 6, 11]).unwrap(),
            (49, Hit6Band::LittleOrNone)
        );
        assert_eq!(
            score_hit6(&[8, 8, 8, 8, 8, 10]).unwrap(),
            (50, Hit6Band::Some)
        );
        assert_eq!(
            score_hit6(&[10, 10, 10, 11, 8, 6]).unwrap(),
            (55, Hit6Band::Some)
        );
        assert_eq!(
            score_hit6(&[10, 10, 10, 10, 8, 8]).unwrap(),
            (56, Hit6Band::Substantial)
        );
        assert_eq!(
            score_hit6(&[10, 10, 10, 10, 11, 8]).unwrap(),
            (59, Hit6Band::Substantial)
        );
        assert_eq!(
            score_hit6(&[10, 10, 10, 10, 10, 10]).unwrap(),
            (60, Hit6Band::Severe)
        );
        assert!(
            score_hit6(&[6, 6, 6, 6, 6, 7])
                .unwrap_err()
                .to_string()
                .contains("item 6")
        );
    }

    // Scores that are exact in binary (whole numbers and halves).
    #[allow(clippy::float_cmp)]
    #[test]
    fn nprs_psfs_and_their_changes() {
        assert!(
            check_nprs(&Nprs {
                current: 4,
                best: 2,
                worst: 7
            })
            .is_ok()
        );
        assert!(
            check_nprs(&Nprs {
                current: 11,
                best: 2,
                worst: 7
            })
            .is_err()
        );
        assert!(
            check_nprs(&Nprs {
                current: 4,
                best: 8,
                worst: 7
            })
            .is_err()
        );
        assert_eq!(score_psfs(&[3, 4, 5]).unwrap(), 4.0);
        assert_eq!(score_psfs(&[0]).unwrap(), 0.0);
        assert_eq!(score_psfs(&[10; 5]).unwrap(), 10.0);
        assert!(score_psfs(&[]).is_err());
        assert!(score_psfs(&[1; 6]).is_err());
        assert!(score_psfs(&[11]).is_err());
        let c = change_higher_is_better(4.0, 6.5, PSFS_MCID_DEFAULT);
        assert!(c.improved && c.passes_mcid);
        let c = change_lower_is_better(6.0, 5.0, NPRS_MCID_DEFAULT);
        assert!(c.improved && !c.passes_mcid);
    }

    #[test]
    fn the_diary_counts_days_attacks_and_medication_per_four_weeks() {
        let day = |d: i8, headache: bool, peak: Option<u8>, medication: &str| DiaryDay {
            date: date(2026, 11, 1)
                .checked_add(jiff::Span::new().days(i64::from(d)))
                .unwrap(),
            headache,
            hours: headache.then_some(4.0),
            peak,
            medication: medication.into(),
            missed_activity: false,
        };
        // 14 days: headaches on days 0, 1 (one attack), 5, 9, 10, 11 (another two).
        let mut days: Vec<DiaryDay> = (0..14).map(|d| day(d, false, None, "")).collect();
        for (d, peak, med) in [
            (0, 6, "ibuprofen 400 mg"),
            (1, 4, ""),
            (5, 5, ""),
            (9, 7, "ibuprofen 400 mg"),
            (10, 3, ""),
            (11, 5, ""),
        ] {
            days[d] = day(i8::try_from(d).unwrap(), true, Some(peak), med);
        }
        let s = summarise_diary(&days).unwrap();
        assert_eq!(s.days_recorded, 14);
        assert!((s.headache_days_per_4_weeks - 12.0).abs() < 1e-4); // 6 of 14 days → 12 per 28
        assert!((s.attacks_per_4_weeks - 6.0).abs() < 1e-4); // 3 attacks of 14 days → 6 per 28
        assert!((s.medication_days_per_4_weeks - 4.0).abs() < 1e-4);
        assert!((s.mean_peak.unwrap() - 5.0).abs() < 1e-4); // (6+4+5+7+3+5)/6
        assert!(summarise_diary(&[]).is_none());

        let today = date(2026, 11, 23);
        assert!(
            check_diary_day(&day(30, true, Some(5), ""), today).is_err(),
            "a future date"
        );
        assert!(check_diary_day(&day(0, true, Some(11), ""), today).is_err());
        assert!(check_diary_day(&day(0, false, Some(3), ""), today).is_err());
        assert!(check_diary_day(&day(0, true, Some(10), ""), today).is_ok());
    }

    #[test]
    fn flexion_rotation_and_craniocervical_flexion_by_hand() {
        let r = read_cfrt(22.0, 40.0, CFRT_THRESHOLD_DEFAULT, CFRT_DIFFERENCE_DEFAULT).unwrap();
        assert!(r.positive && r.restricted_left);
        assert_eq!((r.restricted_degrees, r.difference), (22.0, 18.0));
        let r = read_cfrt(40.0, 44.0, CFRT_THRESHOLD_DEFAULT, CFRT_DIFFERENCE_DEFAULT).unwrap();
        assert!(!r.positive);
        let r = read_cfrt(33.0, 44.0, CFRT_THRESHOLD_DEFAULT, CFRT_DIFFERENCE_DEFAULT).unwrap();
        assert!(r.positive, "an 11-degree difference is positive");
        let r = read_cfrt(31.0, 35.0, 30.0, CFRT_DIFFERENCE_DEFAULT).unwrap();
        assert!(!r.positive, "the cut-off is a setting");
        assert!(read_cfrt(-1.0, 40.0, 32.0, 10.0).is_err());

        assert_eq!(
            score_ccft(20, 0).unwrap(),
            CcftResult {
                activation_mmhg: 20,
                performance_index: 0,
                poor: true
            }
        );
        assert_eq!(
            score_ccft(22, 10).unwrap(),
            CcftResult {
                activation_mmhg: 22,
                performance_index: 20,
                poor: true
            }
        );
        assert_eq!(
            score_ccft(26, 6).unwrap(),
            CcftResult {
                activation_mmhg: 26,
                performance_index: 36,
                poor: false
            }
        );
        assert_eq!(score_ccft(30, 10).unwrap().performance_index, 100);
        assert!(score_ccft(25, 5).is_err());
        assert!(score_ccft(24, 11).is_err());
    }
}
