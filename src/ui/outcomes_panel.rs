//! The visit's Outcomes tab: fast keyboard entry of the NDI (ten digits),
//! HIT-6 (six item scores), pain ratings and the two neck tests, each scored
//! as it is typed and recorded with the visit, and the chart's progress.

use egui::{ComboBox, DragValue, RichText, TextEdit, Ui};

use super::{Command, theme};
use crate::core::model::PatientId;
use crate::core::outcomes::{
    self, CCFT_TARGETS, CFRT_DIFFERENCE_DEFAULT, CFRT_THRESHOLD_DEFAULT, DiaryDay,
    NDI_MAX_MISSING_DEFAULT, NDI_SECTIONS, OutcomeEntry, Progress,
};
use crate::core::{Action, model::VisitId};

/// What the tab keeps between frames: the text being typed.
#[derive(Clone, Debug)]
pub struct OutcomesState {
    /// The first day of a returned diary sheet, yyyy-mm-dd.
    pub diary_start: String,
    /// One line per week of the sheet.
    pub diary_weeks: [String; 4],
    pub ndi: String,
    pub hit6: String,
    pub nprs: [u8; 3],
    pub cfrt: [f32; 2],
    pub ccft: (u8, u8),
}

impl Default for OutcomesState {
    fn default() -> Self {
        OutcomesState {
            diary_start: String::new(),
            diary_weeks: Default::default(),
            ndi: String::new(),
            hit6: String::new(),
            nprs: [0, 0, 0],
            cfrt: [40.0, 40.0],
            ccft: (22, 0),
        }
    }
}

/// Ten NDI answers from typed text: a digit 0-5 per section, "-" for one
/// not answered; spaces are ignored.
fn parse_ndi(text: &str) -> Result<[Option<u8>; 10], String> {
    let marks: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    if marks.len() != 10 {
        return Err(format!(
            "type 10 answers, one per section ({} so far)",
            marks.len()
        ));
    }
    let mut answers = [None; 10];
    for (i, c) in marks.iter().enumerate() {
        answers[i] = match c {
            '-' => None,
            '0'..='5' => Some(u8::try_from(c.to_digit(10).unwrap_or(0)).unwrap_or(0)),
            other => return Err(format!("{}: \"{other}\" is not 0-5 or -", NDI_SECTIONS[i])),
        };
    }
    Ok(answers)
}

/// Diary days from a returned paper sheet: from `start`, one line per
/// week of seven marks, each "-" (not filled in), "0" (no headache) or the
/// headache's peak 1-10, with "m" after it when acute medication was taken.
fn parse_diary(start: &str, weeks: &[String]) -> Result<Vec<DiaryDay>, String> {
    let start: jiff::civil::Date = start
        .trim()
        .parse()
        .map_err(|_| "type the sheet's first day as YYYY-MM-DD".to_string())?;
    let mut days = Vec::new();
    for (w, line) in weeks.iter().enumerate() {
        let marks: Vec<&str> = line.split_whitespace().collect();
        if marks.is_empty() {
            continue;
        }
        if marks.len() != 7 {
            return Err(format!(
                "week {} needs 7 marks ({} so far)",
                w + 1,
                marks.len()
            ));
        }
        for (d, mark) in marks.iter().enumerate() {
            let offset = i64::try_from(w * 7 + d).unwrap_or(0);
            let date = start
                .checked_add(jiff::Span::new().days(offset))
                .map_err(|_| "the sheet runs past the calendar".to_string())?;
            if *mark == "-" {
                continue;
            }
            let (number, medication) = match mark.strip_suffix('m') {
                Some(rest) => (rest, true),
                None => (*mark, false),
            };
            let peak: u8 = number.parse().ok().filter(|p| *p <= 10).ok_or_else(|| {
                format!(
                    "week {}, day {}: \"{mark}\" is not -, 0-10 or 0-10m",
                    w + 1,
                    d + 1
                )
            })?;
            days.push(DiaryDay {
                date,
                headache: peak > 0,
                hours: None,
                peak: (peak > 0).then_some(peak),
                medication: if medication {
                    "acute medication".into()
                } else {
                    String::new()
                },
                missed_activity: false,
            });
        }
    }
    if days.is_empty() {
        return Err("type at least one week".into());
    }
    Ok(days)
}

/// Six HIT-6 item scores from typed text, separated by spaces.
fn parse_hit6(text: &str) -> Result<[u8; 6], String> {
    let items: Vec<u8> = text
        .split_whitespace()
        .map(|t| {
            t.parse::<u8>()
                .map_err(|_| format!("\"{t}\" is not a number"))
        })
        .collect::<Result<_, _>>()?;
    items
        .try_into()
        .map_err(|v: Vec<u8>| format!("type the 6 item scores ({} so far)", v.len()))
}

fn record(commands: &mut Vec<Command>, visit: VisitId, entry: OutcomeEntry) {
    commands.push(Command::Treatment(Box::new(Action::RecordOutcome {
        visit,
        entry,
    })));
}

/// Draws the tab.
pub fn outcomes_ui(
    ui: &mut Ui,
    state: &mut OutcomesState,
    (patient, visit): (PatientId, VisitId),
    editable: bool,
    progress: &[Progress],
    commands: &mut Vec<Command>,
) {
    let weak = theme::weak(ui.visuals());
    let error = theme::error(ui.visuals());
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        if !progress.is_empty() {
            ui.label(RichText::new("Progress since baseline").strong().size(15.0));
            for p in progress {
                ui.label(progress_line(p));
            }
            ui.separator();
        }
        ui.add_enabled_ui(editable, |ui| {
            ui.label(RichText::new("Neck Disability Index").strong());
            ui.label(
                RichText::new("One digit 0-5 per section in order (- for not answered): pain, personal care, lifting, reading, headaches, concentration, work, driving, sleeping, recreation.")
                    .small()
                    .color(weak),
            );
            ui.horizontal(|ui| {
                let label = ui.label("NDI answers");
                ui.add(TextEdit::singleline(&mut state.ndi).desired_width(160.0).hint_text("e.g. 3221421210"))
                    .labelled_by(label.id);
                match parse_ndi(&state.ndi).and_then(|a| {
                    outcomes::score_ndi(&a, NDI_MAX_MISSING_DEFAULT)
                        .map(|s| (a, s))
                        .map_err(|e| e.to_string())
                }) {
                    Ok((answers, score)) => {
                        ui.label(format!(
                            "{:.0}/50 ({:.0} %), {}, {} of 10 answered",
                            score.score_0_50,
                            score.percent,
                            score.band.label(),
                            score.answered
                        ));
                        if ui.button("Record NDI").clicked() {
                            record(commands, visit, OutcomeEntry::Ndi { answers });
                            state.ndi.clear();
                        }
                    }
                    Err(why) if !state.ndi.is_empty() => {
                        ui.label(RichText::new(why).color(error));
                    }
                    Err(_) => {}
                }
            });
            ui.add_space(8.0);
            ui.label(RichText::new("HIT-6").strong());
            ui.horizontal(|ui| {
                let label = ui.label("HIT-6 item scores");
                ui.add(TextEdit::singleline(&mut state.hit6).desired_width(160.0).hint_text("6 8 10 11 13 …"))
                    .labelled_by(label.id);
                match parse_hit6(&state.hit6)
                    .and_then(|items| outcomes::score_hit6(&items).map(|s| (items, s)).map_err(|e| e.to_string()))
                {
                    Ok((items, (total, band))) => {
                        ui.label(format!("{total}, {}", band.label()));
                        if ui.button("Record HIT-6").clicked() {
                            record(commands, visit, OutcomeEntry::Hit6 { items });
                            state.hit6.clear();
                        }
                    }
                    Err(why) if !state.hit6.is_empty() => {
                        ui.label(RichText::new(why).color(error));
                    }
                    Err(_) => {}
                }
            });
            ui.add_space(8.0);
            ui.label(RichText::new("Pain (0-10)").strong());
            ui.horizontal(|ui| {
                for (label, value) in ["Now", "Best 24 h", "Worst 24 h"].iter().zip(state.nprs.iter_mut()) {
                    let text = ui.label(*label);
                    ui.add(DragValue::new(value).range(0..=10)).labelled_by(text.id);
                }
                if ui.button("Record pain").clicked() {
                    let [current, best, worst] = state.nprs;
                    record(commands, visit, OutcomeEntry::Nprs { current, best, worst });
                }
            });
            ui.add_space(8.0);
            ui.label(RichText::new("Cervical flexion-rotation test").strong());
            ui.horizontal(|ui| {
                for (label, value) in ["Left °", "Right °"].iter().zip(state.cfrt.iter_mut()) {
                    let text = ui.label(*label);
                    ui.add(DragValue::new(value).range(0.0..=90.0)).labelled_by(text.id);
                }
                if let Ok(r) = outcomes::read_cfrt(state.cfrt[0], state.cfrt[1], CFRT_THRESHOLD_DEFAULT, CFRT_DIFFERENCE_DEFAULT) {
                    ui.label(if r.positive {
                        format!("positive ({} side {:.0}°)", if r.restricted_left { "left" } else { "right" }, r.restricted_degrees)
                    } else {
                        "negative".to_string()
                    });
                }
                if ui.button("Record test").clicked() {
                    record(commands, visit, OutcomeEntry::Cfrt { left_degrees: state.cfrt[0], right_degrees: state.cfrt[1] });
                }
            });
            ui.add_space(8.0);
            diary_ui(ui, state, patient, commands);
            ui.add_space(8.0);
            ui.label(RichText::new("Craniocervical flexion test").strong());
            ui.horizontal(|ui| {
                let (activation, reps) = &mut state.ccft;
                ComboBox::from_id_salt("ccft_level")
                    .selected_text(format!("{activation} mmHg"))
                    .show_ui(ui, |ui| {
                        ui.selectable_value(activation, 20, "20 mmHg (none held)");
                        for t in CCFT_TARGETS {
                            ui.selectable_value(activation, t, format!("{t} mmHg"));
                        }
                    });
                let text = ui.label("Repetitions of 10 s");
                ui.add(DragValue::new(reps).range(0..=10)).labelled_by(text.id);
                if let Ok(r) = outcomes::score_ccft(*activation, *reps) {
                    ui.label(format!("performance index {}", r.performance_index));
                }
                if ui.button("Record CCFT").clicked() {
                    record(commands, visit, OutcomeEntry::Ccft { activation_mmhg: *activation, repetitions: *reps });
                }
            });
        });
    });
}

/// Entering a returned paper diary sheet, a week per line.
fn diary_ui(
    ui: &mut Ui,
    state: &mut OutcomesState,
    patient: PatientId,
    commands: &mut Vec<Command>,
) {
    let weak = theme::weak(ui.visuals());
    ui.label(RichText::new("Headache diary sheet").strong());
    ui.label(
        RichText::new("Per day: - not filled in, 0 no headache, 1-10 the peak, m after it for acute medication (e.g. 0 0 6m 4 0 - 0).")
            .small()
            .color(weak),
    );
    ui.horizontal(|ui| {
        let label = ui.label("Sheet starts");
        ui.add(
            TextEdit::singleline(&mut state.diary_start)
                .desired_width(100.0)
                .hint_text("YYYY-MM-DD"),
        )
        .labelled_by(label.id);
    });
    for (i, week) in state.diary_weeks.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            let label = ui.label(format!("Week {}", i + 1));
            ui.add(TextEdit::singleline(week).desired_width(220.0))
                .labelled_by(label.id);
        });
    }
    let typed = state.diary_weeks.iter().any(|w| !w.trim().is_empty());
    match parse_diary(&state.diary_start, &state.diary_weeks) {
        Ok(days) => {
            if let Some(s) = outcomes::summarise_diary(&days) {
                ui.label(format!(
                    "{} days: {:.1} headache days, {:.1} attacks, {:.1} medication days per 4 weeks",
                    s.days_recorded,
                    s.headache_days_per_4_weeks,
                    s.attacks_per_4_weeks,
                    s.medication_days_per_4_weeks
                ));
            }
            if ui.button("Record diary").clicked() {
                commands.push(Command::Treatment(Box::new(Action::RecordDiary {
                    patient,
                    days,
                })));
                state.diary_weeks = Default::default();
            }
        }
        Err(why) if typed => {
            ui.label(RichText::new(why).color(theme::error(ui.visuals())));
        }
        Err(_) => {}
    }
}

/// "NDI 12/50, baseline 18: −6, beyond the MCID".
#[must_use]
pub fn progress_line(p: &Progress) -> String {
    let verdict = if p.series.len() < 2 {
        "baseline".to_string()
    } else if p.change.passes_mcid {
        "beyond the MCID".to_string()
    } else {
        "within the MCID".to_string()
    };
    format!(
        "{} {:.0}{} (baseline {:.0}, change {:+.0}, {verdict})",
        p.label, p.latest, p.unit, p.baseline, p.change.delta
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_diary_sheet_is_parsed_week_by_week() {
        let weeks = [
            "0 0 6m 4 0 - 0".to_string(),
            "0 5 0 0 0 0 0".into(),
            String::new(),
            String::new(),
        ];
        let days = parse_diary("2026-11-02", &weeks).unwrap();
        assert_eq!(days.len(), 13, "one day was not filled in");
        assert_eq!(days[2].peak, Some(6));
        assert!(!days[2].medication.is_empty());
        assert!(days[3].medication.is_empty() && days[3].headache);
        assert_eq!(days[12].date, jiff::civil::date(2026, 11, 15));
        assert!(
            parse_diary(
                "2026-11-02",
                &[
                    "0 0 11 0 0 0 0".into(),
                    String::new(),
                    String::new(),
                    String::new()
                ]
            )
            .unwrap_err()
            .contains("day 3")
        );
        assert!(
            parse_diary(
                "2026-11-02",
                &["0 0".into(), String::new(), String::new(), String::new()]
            )
            .unwrap_err()
            .contains("2 so far")
        );
        assert!(parse_diary("next monday", &weeks).is_err());
    }

    #[test]
    fn typed_answers_are_parsed_with_clear_messages() {
        assert_eq!(parse_ndi("3221421210").unwrap()[0], Some(3));
        assert_eq!(parse_ndi("3 2 2 1 4 2 1 - 1 0").unwrap()[7], None);
        assert!(parse_ndi("322").unwrap_err().contains("3 so far"));
        assert!(parse_ndi("3221421216").unwrap_err().contains("Recreation"));
        assert_eq!(
            parse_hit6("10 10 10 11 8 13").unwrap(),
            [10, 10, 10, 11, 8, 13]
        );
        assert!(parse_hit6("10 x").unwrap_err().contains("\"x\""));
    }
}
