//! Helpers shared by the integration tests: temporary data folders and
//! ready-made patients.

use std::path::Path;

use jiff::Timestamp;
use palpate::core::model::PatientDetails;
use palpate::core::model::VisitType;
use palpate::core::validate::PatientForm;
use palpate::{Action, Applied, Core};

/// A fresh, empty data folder that is removed when the test ends.
pub fn data_dir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("palpate-test-")
        .tempdir()
        .unwrap()
}

/// A core on a new database with one practitioner.
pub fn core_with_practitioner(dir: &Path) -> Core {
    let mut core = Core::open_in_dir(dir).unwrap();
    core.apply(Action::AddPractitioner {
        display_name: "Ana Fictus".into(),
        credentials: "DC".into(),
    })
    .unwrap();
    core
}

/// Valid details for a fictional patient.
pub fn details(chart: &str, given: &str, family: &str) -> PatientDetails {
    PatientForm {
        chart_number: chart.into(),
        given_name: given.into(),
        family_name: family.into(),
        date_of_birth: "1987-04-12".into(),
        phone: "+47 (555) 010-2030".into(),
        ..PatientForm::default()
    }
    .validate(Core::today())
    .unwrap()
}

pub fn create(
    core: &mut Core,
    chart: &str,
    given: &str,
    family: &str,
) -> palpate::core::model::PatientId {
    match core
        .apply(Action::CreatePatient(details(chart, given, family)))
        .unwrap()
    {
        Applied::Patient(id) => id,
        other => panic!("unexpected {other:?}"),
    }
}

/// Starts a follow-up visit now, optionally copying fields forward.
pub fn start_visit(
    core: &mut Core,
    patient: palpate::core::model::PatientId,
    copy: Option<palpate::core::CopyForward>,
) -> palpate::core::model::VisitId {
    match core
        .apply(Action::StartVisit {
            patient,
            visit_type: VisitType::FollowUp,
            started_at: Timestamp::now(),
            copy_forward: copy,
        })
        .unwrap()
    {
        Applied::Visit(id) => id,
        other => panic!("unexpected {other:?}"),
    }
}
