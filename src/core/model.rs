//! The domain model: record ids and the typed values of patients, visits and drafts.
//!
//! These types carry no SQL and no egui. A value of a detail type such as
//! [`PatientDetails`] exists only after validation (see [`super::validate`]), so
//! whatever holds one may trust it.

use std::fmt;

use jiff::Timestamp;
use jiff::civil::Date;

macro_rules! record_id {
    ($(#[$doc:meta])* $name:ident, $label:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!($label, " {}"), self.0)
            }
        }
    };
}

record_id!(
    /// A practitioner (a clinic user).
    PractitionerId,
    "practitioner"
);
record_id!(
    /// A patient chart.
    PatientId,
    "patient"
);
record_id!(
    /// One visit (encounter) in a chart.
    VisitId,
    "visit"
);
record_id!(
    /// One trigger point charted at a visit.
    FindingId,
    "finding"
);
record_id!(
    /// One brush stroke of a visit's pain drawing.
    PainStrokeId,
    "pain stroke"
);

/// Sex as recorded for clinical purposes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Sex {
    Female,
    Male,
    Other,
    #[default]
    Unknown,
}

impl Sex {
    pub const ALL: [Sex; 4] = [Sex::Female, Sex::Male, Sex::Other, Sex::Unknown];

    /// The value stored in the database.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Sex::Female => "female",
            Sex::Male => "male",
            Sex::Other => "other",
            Sex::Unknown => "unknown",
        }
    }

    #[must_use]
    pub fn from_code(code: &str) -> Option<Sex> {
        Sex::ALL.into_iter().find(|s| s.code() == code)
    }

    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Sex::Female => "Female",
            Sex::Male => "Male",
            Sex::Other => "Other",
            Sex::Unknown => "Not stated",
        }
    }
}

/// The validated demographic details of a patient.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatientDetails {
    pub chart_number: String,
    pub given_name: String,
    pub family_name: String,
    pub preferred_name: String,
    pub date_of_birth: Date,
    pub sex: Sex,
    pub phone: String,
    pub email: String,
    pub address: String,
    pub emergency_contact: String,
    pub referral_source: String,
    pub notes: String,
}

impl PatientDetails {
    /// "Family, Given (Preferred)", the form used in lists and headers.
    #[must_use]
    pub fn display_name(&self) -> String {
        display_name(&self.given_name, &self.family_name, &self.preferred_name)
    }
}

/// "Family, Given (Preferred)".
#[must_use]
pub fn display_name(given: &str, family: &str, preferred: &str) -> String {
    if preferred.is_empty() || preferred == given {
        format!("{family}, {given}")
    } else {
        format!("{family}, {given} ({preferred})")
    }
}

/// Whole years between `date_of_birth` and `on`.
#[must_use]
pub fn age_in_years(date_of_birth: Date, on: Date) -> i16 {
    let mut years = on.year() - date_of_birth.year();
    if (on.month(), on.day()) < (date_of_birth.month(), date_of_birth.day()) {
        years -= 1;
    }
    years
}

/// A patient chart as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Patient {
    pub id: PatientId,
    pub details: PatientDetails,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub archived: bool,
}

/// One line of the patient list or of search results.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatientRow {
    pub id: PatientId,
    pub chart_number: String,
    pub given_name: String,
    pub family_name: String,
    pub preferred_name: String,
    pub date_of_birth: Date,
}

impl PatientRow {
    #[must_use]
    pub fn display_name(&self) -> String {
        display_name(&self.given_name, &self.family_name, &self.preferred_name)
    }
}

/// The answer to a patient search.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PatientSearch {
    /// Matching patients in name order.
    pub rows: Vec<PatientRow>,
    /// How many patients matched, counted up to one more than the sample.
    pub matches: usize,
    /// False when so many patients matched that only a sample was sorted:
    /// the list should ask for more letters.
    pub complete: bool,
}

/// A clinic user who charts and signs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Practitioner {
    pub id: PractitionerId,
    pub display_name: String,
    pub credentials: String,
}

impl Practitioner {
    /// "Name, credentials", as on a signature line.
    #[must_use]
    pub fn signature_name(&self) -> String {
        if self.credentials.is_empty() {
            self.display_name.clone()
        } else {
            format!("{}, {}", self.display_name, self.credentials)
        }
    }
}

/// The kind of visit, as billed and as documented.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum VisitType {
    InitialEvaluation,
    #[default]
    FollowUp,
    ReEvaluation,
    Discharge,
}

impl VisitType {
    pub const ALL: [VisitType; 4] = [
        VisitType::InitialEvaluation,
        VisitType::FollowUp,
        VisitType::ReEvaluation,
        VisitType::Discharge,
    ];

    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            VisitType::InitialEvaluation => "initial_evaluation",
            VisitType::FollowUp => "follow_up",
            VisitType::ReEvaluation => "re_evaluation",
            VisitType::Discharge => "discharge",
        }
    }

    #[must_use]
    pub fn from_code(code: &str) -> Option<VisitType> {
        VisitType::ALL.into_iter().find(|t| t.code() == code)
    }

    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            VisitType::InitialEvaluation => "Initial evaluation",
            VisitType::FollowUp => "Follow-up",
            VisitType::ReEvaluation => "Re-evaluation",
            VisitType::Discharge => "Discharge",
        }
    }
}

/// Whether a visit note can still be edited.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum VisitStatus {
    Draft,
    Signed,
}

impl VisitStatus {
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            VisitStatus::Draft => "draft",
            VisitStatus::Signed => "signed",
        }
    }

    #[must_use]
    pub fn from_code(code: &str) -> Option<VisitStatus> {
        match code {
            "draft" => Some(VisitStatus::Draft),
            "signed" => Some(VisitStatus::Signed),
            _ => None,
        }
    }
}

/// A free-text field of a visit note.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NoteField {
    ChiefComplaint,
    Subjective,
    Objective,
    Assessment,
    Plan,
}

impl NoteField {
    pub const ALL: [NoteField; 5] = [
        NoteField::ChiefComplaint,
        NoteField::Subjective,
        NoteField::Objective,
        NoteField::Assessment,
        NoteField::Plan,
    ];

    /// The column (and draft key) in the database.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            NoteField::ChiefComplaint => "chief_complaint",
            NoteField::Subjective => "subjective",
            NoteField::Objective => "objective",
            NoteField::Assessment => "assessment",
            NoteField::Plan => "plan",
        }
    }

    #[must_use]
    pub fn from_code(code: &str) -> Option<NoteField> {
        NoteField::ALL.into_iter().find(|f| f.code() == code)
    }

    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            NoteField::ChiefComplaint => "Chief complaint",
            NoteField::Subjective => "Subjective",
            NoteField::Objective => "Objective",
            NoteField::Assessment => "Assessment",
            NoteField::Plan => "Plan",
        }
    }

    /// The most characters the field holds. Generous: an initial evaluation
    /// can be long, and a limit must never cut a clinician off mid-thought.
    #[must_use]
    pub fn max_chars(self) -> usize {
        match self {
            NoteField::ChiefComplaint => 1_000,
            _ => 100_000,
        }
    }
}

/// The five free-text fields of a visit note.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NoteTexts {
    pub chief_complaint: String,
    pub subjective: String,
    pub objective: String,
    pub assessment: String,
    pub plan: String,
}

impl NoteTexts {
    #[must_use]
    pub fn get(&self, field: NoteField) -> &str {
        match field {
            NoteField::ChiefComplaint => &self.chief_complaint,
            NoteField::Subjective => &self.subjective,
            NoteField::Objective => &self.objective,
            NoteField::Assessment => &self.assessment,
            NoteField::Plan => &self.plan,
        }
    }

    pub fn get_mut(&mut self, field: NoteField) -> &mut String {
        match field {
            NoteField::ChiefComplaint => &mut self.chief_complaint,
            NoteField::Subjective => &mut self.subjective,
            NoteField::Objective => &mut self.objective,
            NoteField::Assessment => &mut self.assessment,
            NoteField::Plan => &mut self.plan,
        }
    }

    /// True when no field holds anything but white space.
    #[must_use]
    pub fn is_blank(&self) -> bool {
        NoteField::ALL
            .iter()
            .all(|f| self.get(*f).trim().is_empty())
    }
}

/// A visit note as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Visit {
    pub id: VisitId,
    pub patient_id: PatientId,
    pub practitioner_id: PractitionerId,
    pub started_at: Timestamp,
    pub visit_type: VisitType,
    pub status: VisitStatus,
    pub texts: NoteTexts,
    pub signed_at: Option<Timestamp>,
    pub signed_by: Option<PractitionerId>,
    pub updated_at: Timestamp,
}

/// One entry of a chart's visit timeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VisitSummary {
    pub id: VisitId,
    pub started_at: Timestamp,
    pub visit_type: VisitType,
    pub status: VisitStatus,
    pub chief_complaint: String,
    pub practitioner_name: String,
    pub has_draft: bool,
}

/// Autosaved text of one field, not yet saved into its visit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    pub visit_id: VisitId,
    pub field: NoteField,
    pub body: String,
    pub saved_at: Timestamp,
}

/// A visit that holds autosaved text, as offered back after a crash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingDraft {
    pub visit_id: VisitId,
    pub patient_id: PatientId,
    pub chart_number: String,
    pub patient_name: String,
    pub visit_started_at: Timestamp,
    pub fields: Vec<NoteField>,
    pub last_saved_at: Timestamp,
}

/// Row counts, for `palpate check`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub practitioners: u64,
    pub patients: u64,
    pub archived_patients: u64,
    pub visits: u64,
    pub signed_visits: u64,
    pub drafts: u64,
}

pub use crate::body_map::geometry::Side;

/// Whether a trigger point reproduces the patient's familiar pain
/// spontaneously (active) or only on pressure (latent).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Activity {
    #[default]
    Active,
    Latent,
}

impl Activity {
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Activity::Active => "active",
            Activity::Latent => "latent",
        }
    }

    #[must_use]
    pub fn from_code(code: &str) -> Option<Activity> {
        match code {
            "active" => Some(Activity::Active),
            "latent" => Some(Activity::Latent),
            _ => None,
        }
    }

    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Activity::Active => "active",
            Activity::Latent => "latent",
        }
    }
}

/// What a clinician records about a trigger point (Fernandez-de-las-Penas et
/// al., Eur J Pain 2007).
// The examination records these as yes/no findings; an enum per bool would
// only rename them.
#[allow(clippy::struct_excessive_bools)]
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FindingDetails {
    pub activity: Activity,
    pub taut_band: bool,
    pub twitch_response: bool,
    /// Pressure tenderness 0-10; `None` when not recorded.
    pub tenderness: Option<u8>,
    /// Pressing it reproduces the patient's familiar headache.
    pub reproduces_headache: bool,
    pub referral_noted: bool,
    pub note: String,
}

/// Where on the body map a finding sits.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapPosition {
    pub x: f32,
    pub y: f32,
}

/// A trigger point charted at a visit.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub id: FindingId,
    pub visit_id: VisitId,
    /// A muscle id of the body map content.
    pub muscle: String,
    pub side: Side,
    /// The body map view it was placed on.
    pub view: String,
    pub position: MapPosition,
    pub details: FindingDetails,
    /// The finding of an earlier visit this one confirms as persisting.
    pub carried_from: Option<FindingId>,
}

/// What became of a finding of the last visit at the visit being charted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PriorState {
    /// Not looked at yet: drawn ghosted.
    Open,
    /// Confirmed as still there; the new visit's finding.
    Persisting(FindingId),
    Resolved,
}

/// The last visit's findings as a new visit sees them.
#[derive(Clone, Debug, PartialEq)]
pub struct CarryForward {
    pub previous_visit: VisitId,
    pub previous_started_at: Timestamp,
    pub findings: Vec<(Finding, PriorState)>,
}

/// Two visits' findings set side by side.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Comparison {
    /// In the later visit only.
    pub new: Vec<Finding>,
    /// (earlier, later): the same trigger point at both visits.
    pub persisting: Vec<(Finding, Finding)>,
    /// In the earlier visit only.
    pub resolved: Vec<Finding>,
}

/// How many active trigger points a visit charted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ActiveCount {
    pub visit: VisitId,
    pub started_at: Timestamp,
    pub active: u32,
}

/// Which pain a stroke of the pain drawing shades.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum PainKind {
    #[default]
    Headache,
    NeckPain,
}

impl PainKind {
    pub const ALL: [PainKind; 2] = [PainKind::Headache, PainKind::NeckPain];

    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            PainKind::Headache => "headache",
            PainKind::NeckPain => "neck_pain",
        }
    }

    #[must_use]
    pub fn from_code(code: &str) -> Option<PainKind> {
        match code {
            "headache" => Some(PainKind::Headache),
            "neck_pain" => Some(PainKind::NeckPain),
            _ => None,
        }
    }

    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            PainKind::Headache => "Headache",
            PainKind::NeckPain => "Neck pain",
        }
    }
}

/// One stroke of the pain drawing: an area the patient shades, with the
/// intensity they give it (0-10 numeric rating; a shaded area is at least 1).
#[derive(Clone, Debug, PartialEq)]
pub struct PainStroke {
    pub id: PainStrokeId,
    pub visit_id: VisitId,
    pub view: String,
    pub kind: PainKind,
    pub intensity: u8,
    /// Half the brush width, in body units (the view is 1 wide).
    pub radius: f32,
    pub points: Vec<MapPosition>,
}

/// Paper sizes a clinic prints on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

impl Paper {
    /// Width and height in millimetres.
    #[must_use]
    pub fn size_mm(self) -> (f32, f32) {
        match self {
            Paper::A4 => (210.0, 297.0),
            Paper::Letter => (215.9, 279.4),
        }
    }

    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Paper::A4 => "a4",
            Paper::Letter => "letter",
        }
    }

    #[must_use]
    pub fn from_code(code: &str) -> Option<Paper> {
        match code {
            "a4" => Some(Paper::A4),
            "letter" => Some(Paper::Letter),
            _ => None,
        }
    }

    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::Letter => "US Letter",
        }
    }
}

/// The clinic's details printed at the head of every document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Clinic {
    pub name: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    pub paper: Paper,
    /// PNG or JPEG bytes for the header, if the clinic has a logo.
    pub logo: Option<Vec<u8>>,
}

/// The most bytes a clinic logo may hold.
pub const MAX_LOGO_BYTES: usize = 2_000_000;

/// Whether `bytes` start like a PNG or a JPEG file.
#[must_use]
pub fn looks_like_image(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\x89PNG\r\n\x1a\n") || bytes.starts_with(&[0xFF, 0xD8, 0xFF])
}

/// Which printed document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DocumentKind {
    VisitNote,
    Handout,
    ProgressReport,
}

impl DocumentKind {
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            DocumentKind::VisitNote => "visit_note",
            DocumentKind::Handout => "handout",
            DocumentKind::ProgressReport => "progress_report",
        }
    }

    #[must_use]
    pub fn from_code(code: &str) -> Option<DocumentKind> {
        match code {
            "visit_note" => Some(DocumentKind::VisitNote),
            "handout" => Some(DocumentKind::Handout),
            "progress_report" => Some(DocumentKind::ProgressReport),
            _ => None,
        }
    }

    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            DocumentKind::VisitNote => "visit note",
            DocumentKind::Handout => "home-exercise handout",
            DocumentKind::ProgressReport => "progress report",
        }
    }
}

/// What was done with a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DocumentAction {
    Export,
    Print,
    Open,
}

impl DocumentAction {
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            DocumentAction::Export => "export",
            DocumentAction::Print => "print",
            DocumentAction::Open => "open",
        }
    }

    #[must_use]
    pub fn from_code(code: &str) -> Option<DocumentAction> {
        match code {
            "export" => Some(DocumentAction::Export),
            "print" => Some(DocumentAction::Print),
            "open" => Some(DocumentAction::Open),
            _ => None,
        }
    }

    #[must_use]
    pub fn past(self) -> &'static str {
        match self {
            DocumentAction::Export => "exported",
            DocumentAction::Print => "printed",
            DocumentAction::Open => "opened",
        }
    }
}

/// A document printed, exported or opened from a chart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentRecord {
    pub patient_id: PatientId,
    pub visit_id: Option<VisitId>,
    pub kind: DocumentKind,
    pub action: DocumentAction,
    pub path: String,
    pub at: Timestamp,
}
