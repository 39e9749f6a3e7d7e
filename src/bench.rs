//! `palpate bench`: measures what a clinician waits on (search per keystroke,
//! opening a long chart, autosave) on a temporary database of 100,000
//! patients, and compares search with a naive `LIKE '%q%'` scan.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use jiff::{SignedDuration, Timestamp};

use crate::core::model::{NoteField, NoteTexts, PatientId, VisitType};
use crate::core::{Action, Applied, Core, CoreError, SEARCH_LIMIT, demo};

/// What to measure and how much.
#[derive(Clone, Debug)]
pub struct BenchConfig {
    pub patients: usize,
    pub chart_visits: usize,
    pub rounds: usize,
}

impl Default for BenchConfig {
    fn default() -> Self {
        BenchConfig {
            patients: 100_000,
            chart_visits: 500,
            rounds: 30,
        }
    }
}

/// Words typed one key at a time. Names from the demo lists (with and without
/// their accents), a phone prefix, a birth year and a chart number.
pub const SEARCH_WORDS: &[&str] = &[
    "Kowalski", "Odegard", "Núñez", "Chloé", "Иван", "555-0142", "1984", "C-04711",
];

/// Median and 95th percentile of one measured operation.
#[derive(Clone, Debug)]
pub struct Row {
    pub name: String,
    pub samples: usize,
    pub median: Duration,
    pub p95: Duration,
    pub target: Option<Duration>,
}

/// The whole result.
#[derive(Clone, Debug)]
pub struct Report {
    pub rows: Vec<Row>,
    pub naive_search_median: Duration,
    pub naive_search_p95: Duration,
    pub seed_time: Duration,
    pub config: BenchConfig,
}

fn summarize(name: impl Into<String>, mut samples: Vec<Duration>, target: Option<Duration>) -> Row {
    samples.sort_unstable();
    let at = |q: f64| {
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            clippy::cast_precision_loss
        )]
        // an index into a short vector; the float is exact for these sizes
        let index = ((samples.len().saturating_sub(1)) as f64 * q).round() as usize;
        samples.get(index).copied().unwrap_or_default()
    };
    Row {
        name: name.into(),
        samples: samples.len(),
        median: at(0.5),
        p95: at(0.95),
        target,
    }
}

fn keystrokes(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    (1..=chars.len())
        .map(|n| chars[..n].iter().collect())
        .collect()
}

/// Seeds a temporary database and measures. `progress` receives one line at a time.
///
/// # Errors
/// When the temporary database cannot be made or written.
pub fn run(config: &BenchConfig, mut progress: impl FnMut(&str)) -> Result<Report, CoreError> {
    let dir = tempfile::Builder::new()
        .prefix("palpate-bench-")
        .tempdir()
        .map_err(|e| CoreError::Invalid(format!("cannot make a temporary folder: {e}")))?;
    let mut core = Core::open_in_dir(dir.path())?;

    let seed_started = Instant::now();
    progress(&format!("seeding {} patients…", config.patients));
    let mut last = Instant::now();
    demo::seed(&mut core, config.patients, |done, total| {
        if last.elapsed() > Duration::from_secs(2) || done == total {
            last = Instant::now();
            progress(&format!("  {done} / {total}"));
        }
    })
    .map_err(|e| CoreError::Invalid(e.to_string()))?;
    progress(&format!(
        "seeding one chart with {} visits…",
        config.chart_visits
    ));
    let long_chart = seed_long_chart(&mut core, config.chart_visits)?;
    let seed_time = seed_started.elapsed();

    let mut rows = Vec::new();
    let mut ours = Vec::new();
    let mut naive = Vec::new();
    progress("searching…");
    for word in SEARCH_WORDS {
        let mut samples = Vec::new();
        for _ in 0..config.rounds {
            for prefix in keystrokes(word) {
                let started = Instant::now();
                let found = core.store().search_patients(&prefix, SEARCH_LIMIT)?;
                samples.push(started.elapsed());
                std::hint::black_box(found);
            }
        }
        for prefix in keystrokes(word) {
            let started = Instant::now();
            let found = core.store().search_patients_naive(&prefix, SEARCH_LIMIT)?;
            naive.push(started.elapsed());
            std::hint::black_box(found);
        }
        ours.extend(samples.iter().copied());
        rows.push(summarize(
            format!("search \"{word}\" per keystroke"),
            samples,
            None,
        ));
    }
    rows.push(summarize(
        "search, all keystrokes",
        ours,
        Some(Duration::from_millis(2)),
    ));
    let naive_row = summarize("naive", naive, None);

    progress("opening the long chart…");
    let mut samples = Vec::new();
    for _ in 0..config.rounds * 3 {
        let started = Instant::now();
        let chart = core.chart(long_chart)?;
        let latest = chart.visits.first().map(|v| v.id);
        if let Some(visit) = latest {
            std::hint::black_box(core.visit_for_editing(visit)?);
        }
        samples.push(started.elapsed());
        std::hint::black_box(chart);
    }
    rows.push(summarize(
        format!("open a {}-visit chart", config.chart_visits),
        samples,
        Some(Duration::from_millis(10)),
    ));

    progress("saving drafts…");
    let visit = core
        .store()
        .latest_visit(long_chart)?
        .ok_or_else(|| CoreError::Invalid("the long chart has no visit".into()))?;
    let mut body = String::from("Right-sided headache from the upper neck. ");
    let mut samples = Vec::new();
    for i in 0..config.rounds * 5 {
        body.push_str(if i % 2 == 0 { "word " } else { "more " });
        let started = Instant::now();
        core.apply(Action::SaveDraft {
            visit,
            field: NoteField::Subjective,
            body: body.clone(),
        })?;
        samples.push(started.elapsed());
    }
    rows.push(summarize(
        "save a draft (autosave)",
        samples,
        Some(Duration::from_millis(5)),
    ));

    progress("drawing the body map with 500 findings…");
    rows.extend(body_map_rows(config.rounds));

    progress("printing a visit note and a handout…");
    rows.extend(report_rows(&mut core, config.rounds)?);

    drop(core);
    Ok(Report {
        rows,
        naive_search_median: naive_row.median,
        naive_search_p95: naive_row.p95,
        seed_time,
        config: config.clone(),
    })
}

/// Hit testing per query, and the CPU time of a frame that draws the
/// posterior view with 500 findings and a 20-stroke pain drawing (layout,
/// painting and tessellation, as egui does them each frame), headless.
fn body_map_rows(rounds: usize) -> Vec<Row> {
    use crate::body_map::BodyPoint;
    use crate::body_map::figure::PainPath;
    use crate::body_map::widget::{BodyMapWidget, MapMark, MarkStyle, Viewport};
    use crate::core::model::FindingId;
    use crate::core::model::PainKind;

    let map = crate::content::body_map::shipped();
    let Some(view) = map.view("posterior") else {
        return Vec::new();
    };
    let mut samples = Vec::new();
    let queries_per_sample = 1_000_u16;
    for round in 0..rounds * 3 {
        let started = Instant::now();
        let mut hits = 0_usize;
        for q in 0..queries_per_sample {
            // A spread of points over the whole picture, on and off the body.
            let x = f32::from((q * 37 + u16::try_from(round % 50).unwrap_or(0)) % 1_000) / 1_000.0;
            let y = f32::from((q * 61) % 1_000) / 1_000.0 * view.aspect;
            hits += usize::from(view.hit_test(BodyPoint::new(x, y)).is_some());
        }
        std::hint::black_box(hits);
        samples.push(started.elapsed() / u32::from(queries_per_sample));
    }
    let hit_row = summarize(
        "body map hit test (per query)",
        samples,
        Some(Duration::from_micros(20)),
    );

    let marks: Vec<MapMark> = (0..500_usize)
        .map(|i| {
            let region = &view.regions[i % view.regions.len()];
            #[allow(clippy::cast_precision_loss)] // small offsets
            let nudge = (i / view.regions.len()) as f32 * 0.0015;
            MapMark {
                id: FindingId(i64::try_from(i).unwrap_or(0)),
                muscle: region.muscle,
                side: region.side,
                pos: BodyPoint::new(region.anchor.x + nudge, region.anchor.y),
                active: i % 3 != 0,
                number: i + 1,
                style: MarkStyle::Current,
            }
        })
        .collect();
    // A busy pain drawing too: 20 strokes of 30 points across the head and neck.
    let pain: Vec<PainPath> = (0..20_u8)
        .map(|stroke| PainPath {
            kind: if stroke % 2 == 0 {
                PainKind::Headache
            } else {
                PainKind::NeckPain
            },
            intensity: 1 + stroke % 10,
            radius: 0.02,
            points: (0..30_u8)
                .map(|i| {
                    BodyPoint::new(0.35 + f32::from(i) * 0.01, 0.05 + f32::from(stroke) * 0.015)
                })
                .collect(),
        })
        .collect();
    let ctx = egui::Context::default();
    let mut viewport = Viewport::default();
    let mut samples = Vec::new();
    for frame in 0..rounds * 3 + 5 {
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1280.0, 800.0),
            )),
            ..Default::default()
        };
        let started = Instant::now();
        let output = ctx.run_ui(input, |ui| {
            let events = BodyMapWidget::new(map, view, &marks, &mut viewport)
                .selected(Some(FindingId(7)))
                .show_zones(true)
                .pain(&pain)
                .show(ui);
            std::hint::black_box(events);
        });
        let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
        std::hint::black_box(primitives);
        // The first frames load fonts and lay out text for the first time.
        if frame >= 5 {
            samples.push(started.elapsed());
        }
    }
    let frame_row = summarize(
        "body map frame, 500 findings + pain",
        samples,
        Some(Duration::from_millis(2)),
    );
    vec![hit_row, frame_row]
}

/// A note of two pages with ten findings on the body map, and a handout of
/// six exercises, each laid out and written as PDF bytes.
fn report_rows(core: &mut Core, rounds: usize) -> Result<Vec<Row>, CoreError> {
    use crate::core::model::{MapPosition, NoteTexts, VisitType};
    use crate::core::plan::PlannedExercise;
    use crate::report::{handout, pdf, visit_note};

    let Applied::Patient(patient) = core.apply(Action::CreatePatient(
        crate::core::validate::PatientForm {
            chart_number: "BENCH-PDF".into(),
            given_name: "Print".into(),
            family_name: "Bench".into(),
            date_of_birth: "1980-01-01".into(),
            ..Default::default()
        }
        .validate(Core::today())
        .map_err(CoreError::InvalidPatient)?,
    ))?
    else {
        return Err(CoreError::Invalid("no patient".into()));
    };
    let Applied::Visit(visit) = core.apply(Action::StartVisit {
        patient,
        visit_type: VisitType::FollowUp,
        started_at: jiff::Timestamp::now(),
        copy_forward: None,
    })?
    else {
        return Err(CoreError::Invalid("no visit".into()));
    };
    let map = crate::content::body_map::shipped();
    let view = map
        .view("posterior")
        .ok_or_else(|| CoreError::Invalid("no posterior view".into()))?;
    let mut actions = Vec::new();
    for region in view.regions.iter().take(10) {
        actions.push(Action::AddFinding {
            visit,
            muscle: map.muscles[region.muscle].id.clone(),
            side: region.side,
            view: view.id.clone(),
            position: MapPosition {
                x: region.anchor.x,
                y: region.anchor.y,
            },
        });
    }
    let paragraph = "Headache on the right from the upper neck to the temple, worse after long desk work, easing with heat. ";
    actions.push(Action::SaveVisit {
        visit,
        visit_type: VisitType::FollowUp,
        texts: NoteTexts {
            chief_complaint: "Right-sided headache from the neck".into(),
            subjective: paragraph.repeat(6),
            objective: paragraph.repeat(6),
            assessment: paragraph.repeat(3),
            plan: paragraph.repeat(3),
        },
    });
    core.apply_all(&actions)?;
    let template = core
        .store()
        .templates()?
        .into_iter()
        .next()
        .ok_or_else(|| CoreError::Invalid("no template".into()))?;
    let mut body = template.body;
    body.exercises = crate::content::exercises::shipped()
        .exercises
        .iter()
        .take(6)
        .map(|e| PlannedExercise {
            exercise: e.id.clone(),
            dosage: e.dosage,
        })
        .collect();
    core.apply(Action::SavePlan {
        patient,
        body,
        reason: String::new(),
    })?;

    let mut note_samples = Vec::new();
    let mut pages = 0;
    for _ in 0..rounds * 2 {
        let started = Instant::now();
        let document =
            visit_note::visit_note(core, visit).map_err(|e| CoreError::Invalid(e.to_string()))?;
        pages = document.pages.len();
        std::hint::black_box(pdf::render(&document));
        note_samples.push(started.elapsed());
    }
    let mut handout_samples = Vec::new();
    for _ in 0..rounds * 2 {
        let started = Instant::now();
        let document = handout::handout(core, patient, handout::HandoutOptions::default())
            .map_err(|e| CoreError::Invalid(e.to_string()))?;
        std::hint::black_box(pdf::render(&document));
        handout_samples.push(started.elapsed());
    }
    Ok(vec![
        summarize(
            format!("visit note PDF, {pages} pages, 10 findings"),
            note_samples,
            Some(Duration::from_millis(50)),
        ),
        summarize(
            "handout PDF, 6 exercises",
            handout_samples,
            Some(Duration::from_millis(150)),
        ),
    ])
}

fn seed_long_chart(core: &mut Core, visits: usize) -> Result<PatientId, CoreError> {
    let patient = core
        .store()
        .patient_by_chart_number("C-00001")?
        .ok_or_else(|| CoreError::Invalid("the demo has no chart C-00001".into()))?;
    let now = Timestamp::now();
    let starts: Vec<Action> = (0..visits)
        .map(|i| Action::StartVisit {
            patient,
            visit_type: if i == 0 {
                VisitType::InitialEvaluation
            } else {
                VisitType::FollowUp
            },
            started_at: now
                - SignedDuration::from_hours(24 * i64::try_from(visits - i).unwrap_or(0)),
            copy_forward: None,
        })
        .collect();
    let started = core.apply_all(&starts)?;
    let texts = NoteTexts {
        chief_complaint: "Right-sided cervicogenic headache, follow-up".into(),
        subjective: "Headache 2 days this week, peak 4/10. ".repeat(8),
        objective: "Rotation right 65°. Flexion-rotation test 30° right. ".repeat(6),
        assessment: "Improving.".into(),
        plan: "Continue the plan.".into(),
    };
    let saves: Vec<Action> = started
        .iter()
        .filter_map(|a| match a {
            Applied::Visit(visit) => Some(Action::SaveVisit {
                visit: *visit,
                visit_type: VisitType::FollowUp,
                texts: texts.clone(),
            }),
            _ => None,
        })
        .collect();
    core.apply_all(&saves)?;
    Ok(patient)
}

fn fmt_ms(d: Duration) -> String {
    // Enough decimals that a sub-microsecond figure does not print as zero.
    if d < Duration::from_micros(10) {
        format!("{:.6}", d.as_secs_f64() * 1000.0)
    } else {
        format!("{:.4}", d.as_secs_f64() * 1000.0)
    }
}

impl Report {
    /// The table printed by `palpate bench`.
    #[must_use]
    pub fn to_table(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{} patients, one chart of {} visits; seeded in {:.1} s; {} rounds",
            self.config.patients,
            self.config.chart_visits,
            self.seed_time.as_secs_f64(),
            self.config.rounds
        );
        let _ = writeln!(out, "machine: {}", machine_description());
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "| {:<36} | {:>7} | {:>10} | {:>10} | {:>12} |",
            "operation", "samples", "median ms", "p95 ms", "target"
        );
        let _ = writeln!(
            out,
            "|{:-<38}|{:->9}|{:->12}|{:->12}|{:->14}|",
            "", "", "", "", ""
        );
        for row in &self.rows {
            let target = row.target.map_or_else(String::new, |t| {
                let verdict = if row.p95 <= t { "ok" } else { "MISSED" };
                if t < Duration::from_millis(1) {
                    format!("≤{}µs {verdict}", t.as_micros())
                } else {
                    format!("≤{}ms {verdict}", t.as_millis())
                }
            });
            let _ = writeln!(
                out,
                "| {:<36} | {:>7} | {:>10} | {:>10} | {:>12} |",
                row.name,
                row.samples,
                fmt_ms(row.median),
                fmt_ms(row.p95),
                target
            );
        }
        if let Some(search) = self
            .rows
            .iter()
            .find(|r| r.name == "search, all keystrokes")
        {
            let _ = writeln!(out);
            let _ = writeln!(
                out,
                "naive LIKE '%q%' scan, same keystrokes: median {} ms, p95 {} ms; ours/naive (median) = {:.4}",
                fmt_ms(self.naive_search_median),
                fmt_ms(self.naive_search_p95),
                search.median.as_secs_f64() / self.naive_search_median.as_secs_f64().max(1e-9)
            );
        }
        out
    }
}

fn machine_description() -> String {
    let cores = std::thread::available_parallelism().map_or(0, std::num::NonZero::get);
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|text| {
            text.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|s| s.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let build = if cfg!(debug_assertions) {
        "debug build (use --release for real figures)"
    } else {
        "release build"
    };
    format!("{cpu}, {cores} cores, {}, {build}", std::env::consts::OS)
}
