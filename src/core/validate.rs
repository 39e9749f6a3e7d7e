//! Validation at the edge: raw text from a form or the command line becomes a
//! typed value, or an error per field that the form shows beside that field.

use std::fmt;

use jiff::civil::Date;

use super::model::{NoteField, NoteTexts, PatientDetails, Sex};

/// Errors keyed by the field they belong to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldErrors<F> {
    errors: Vec<(F, String)>,
}

impl<F> Default for FieldErrors<F> {
    fn default() -> Self {
        FieldErrors { errors: Vec::new() }
    }
}

impl<F: Copy + PartialEq> FieldErrors<F> {
    pub fn push(&mut self, field: F, message: impl Into<String>) {
        self.errors.push((field, message.into()));
    }

    /// The first error of `field`, if any.
    #[must_use]
    pub fn get(&self, field: F) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &(F, String)> {
        self.errors.iter()
    }

    #[must_use]
    pub fn single(field: F, message: impl Into<String>) -> Self {
        let mut errors = FieldErrors::default();
        errors.push(field, message);
        errors
    }
}

impl<F: fmt::Display> fmt::Display for FieldErrors<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (field, message)) in self.errors.iter().enumerate() {
            if i > 0 {
                write!(f, "; ")?;
            }
            write!(f, "{field}: {message}")?;
        }
        Ok(())
    }
}

/// The fields of the patient form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PatientField {
    ChartNumber,
    GivenName,
    FamilyName,
    PreferredName,
    DateOfBirth,
    Sex,
    Phone,
    Email,
    Address,
    EmergencyContact,
    ReferralSource,
    Notes,
}

impl PatientField {
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            PatientField::ChartNumber => "Chart number",
            PatientField::GivenName => "Given name",
            PatientField::FamilyName => "Family name",
            PatientField::PreferredName => "Preferred name",
            PatientField::DateOfBirth => "Date of birth",
            PatientField::Sex => "Sex",
            PatientField::Phone => "Phone",
            PatientField::Email => "Email",
            PatientField::Address => "Address",
            PatientField::EmergencyContact => "Emergency contact",
            PatientField::ReferralSource => "Referral source",
            PatientField::Notes => "Notes",
        }
    }

    /// The most characters the field holds.
    #[must_use]
    pub fn max_chars(self) -> usize {
        match self {
            PatientField::ChartNumber => 32,
            PatientField::GivenName | PatientField::FamilyName | PatientField::PreferredName => 100,
            PatientField::DateOfBirth => 10,
            PatientField::Sex => 16,
            PatientField::Phone => 40,
            PatientField::Email => 254,
            PatientField::Address | PatientField::EmergencyContact => 500,
            PatientField::ReferralSource => 200,
            PatientField::Notes => 20_000,
        }
    }
}

impl fmt::Display for PatientField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl fmt::Display for NoteField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The patient form as typed: every field raw text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PatientForm {
    pub chart_number: String,
    pub given_name: String,
    pub family_name: String,
    pub preferred_name: String,
    pub date_of_birth: String,
    pub sex: Sex,
    pub phone: String,
    pub email: String,
    pub address: String,
    pub emergency_contact: String,
    pub referral_source: String,
    pub notes: String,
}

impl PatientForm {
    /// The form filled from stored details, for editing.
    #[must_use]
    pub fn from_details(details: &PatientDetails) -> PatientForm {
        PatientForm {
            chart_number: details.chart_number.clone(),
            given_name: details.given_name.clone(),
            family_name: details.family_name.clone(),
            preferred_name: details.preferred_name.clone(),
            date_of_birth: details.date_of_birth.to_string(),
            sex: details.sex,
            phone: details.phone.clone(),
            email: details.email.clone(),
            address: details.address.clone(),
            emergency_contact: details.emergency_contact.clone(),
            referral_source: details.referral_source.clone(),
            notes: details.notes.clone(),
        }
    }

    /// Checks every field and returns typed details, or all the errors at once
    /// so the form can show each beside its field. Whether the chart number is
    /// free is checked by `Core`, which can see the database.
    ///
    /// # Errors
    /// One message per field that is wrong.
    pub fn validate(&self, today: Date) -> Result<PatientDetails, FieldErrors<PatientField>> {
        let mut errors = FieldErrors::default();
        let mut text = |field: PatientField, raw: &str, required: bool| -> String {
            let value = raw.trim().to_string();
            if required && value.is_empty() {
                errors.push(field, format!("{} is required.", field.label()));
            } else if value.chars().count() > field.max_chars() {
                errors.push(
                    field,
                    format!(
                        "{} is too long: {} characters, at most {}.",
                        field.label(),
                        value.chars().count(),
                        field.max_chars()
                    ),
                );
            } else if value
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t')
            {
                errors.push(
                    field,
                    format!("{} holds a control character.", field.label()),
                );
            }
            value
        };
        let chart_number = text(PatientField::ChartNumber, &self.chart_number, true);
        let given_name = text(PatientField::GivenName, &self.given_name, true);
        let family_name = text(PatientField::FamilyName, &self.family_name, true);
        let preferred_name = text(PatientField::PreferredName, &self.preferred_name, false);
        let phone = text(PatientField::Phone, &self.phone, false);
        let email = text(PatientField::Email, &self.email, false);
        let address = text(PatientField::Address, &self.address, false);
        let emergency_contact = text(
            PatientField::EmergencyContact,
            &self.emergency_contact,
            false,
        );
        let referral_source = text(PatientField::ReferralSource, &self.referral_source, false);
        let notes = text(PatientField::Notes, &self.notes, false);

        if errors.get(PatientField::ChartNumber).is_none()
            && !chart_number
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))
        {
            errors.push(
                PatientField::ChartNumber,
                "Use letters, digits and - _ . / only (no spaces).",
            );
        }
        for (field, name) in [
            (PatientField::GivenName, &given_name),
            (PatientField::FamilyName, &family_name),
            (PatientField::PreferredName, &preferred_name),
        ] {
            if errors.get(field).is_none()
                && !name.is_empty()
                && !name.chars().any(char::is_alphabetic)
            {
                errors.push(
                    field,
                    format!("{} must contain at least one letter.", field.label()),
                );
            }
        }
        if errors.get(PatientField::Phone).is_none()
            && let Err(message) = check_phone(&phone)
        {
            errors.push(PatientField::Phone, message);
        }
        if errors.get(PatientField::Email).is_none()
            && let Err(message) = check_email(&email)
        {
            errors.push(PatientField::Email, message);
        }
        let date_of_birth = match parse_birth_date(&self.date_of_birth, today) {
            Ok(date) => Some(date),
            Err(message) => {
                errors.push(PatientField::DateOfBirth, message);
                None
            }
        };

        match date_of_birth {
            Some(date_of_birth) if errors.is_empty() => Ok(PatientDetails {
                chart_number,
                given_name,
                family_name,
                preferred_name,
                date_of_birth,
                sex: self.sex,
                phone,
                email,
                address,
                emergency_contact,
                referral_source,
                notes,
            }),
            _ => Err(errors),
        }
    }
}

/// Parses a date typed as `YYYY-MM-DD`.
///
/// # Errors
/// A sentence saying what is wrong and what shape is expected.
pub fn parse_date(raw: &str) -> Result<Date, String> {
    let raw = raw.trim();
    let parts: Vec<&str> = raw.split('-').collect();
    let shape_ok = matches!(parts.as_slice(), [y, m, d]
        if y.len() == 4 && (1..=2).contains(&m.len()) && (1..=2).contains(&d.len())
            && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit())));
    if !shape_ok {
        return Err(format!(
            "Write the date as YYYY-MM-DD (for example 1984-03-09), not \"{raw}\"."
        ));
    }
    let year: i16 = parts[0]
        .parse()
        .map_err(|_| "The year is not a number.".to_string())?;
    let month: i8 = parts[1]
        .parse()
        .map_err(|_| "The month is not a number.".to_string())?;
    let day: i8 = parts[2]
        .parse()
        .map_err(|_| "The day is not a number.".to_string())?;
    if !(1..=12).contains(&month) {
        return Err(format!(
            "There is no month {month}; months run from 1 to 12."
        ));
    }
    Date::new(year, month, day).map_err(|_| {
        let days = Date::new(year, month, 1).map_or(31, Date::days_in_month);
        let month_name = MONTH_NAMES[usize::try_from(month - 1).unwrap_or(0)];
        format!("{raw} is not a real date: {month_name} {year} has {days} days.")
    })
}

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The oldest age accepted, to catch a mistyped century.
const MAX_AGE_YEARS: i16 = 130;

/// Parses a date of birth: a real date, not in the future, not absurdly old.
///
/// # Errors
/// A sentence for the form.
pub fn parse_birth_date(raw: &str, today: Date) -> Result<Date, String> {
    if raw.trim().is_empty() {
        return Err("Date of birth is required (YYYY-MM-DD).".into());
    }
    let date = parse_date(raw)?;
    if date > today {
        return Err(format!("{date} is in the future."));
    }
    if super::model::age_in_years(date, today) > MAX_AGE_YEARS {
        return Err(format!(
            "{date} is more than {MAX_AGE_YEARS} years ago; check the year."
        ));
    }
    Ok(date)
}

fn check_phone(phone: &str) -> Result<(), String> {
    if phone.is_empty() {
        return Ok(());
    }
    if let Some(bad) = phone
        .chars()
        .find(|c| !(c.is_ascii_digit() || matches!(c, ' ' | '+' | '-' | '(' | ')' | '.')))
    {
        return Err(format!(
            "A phone number holds digits, spaces and + - ( ) . only, not \"{bad}\"."
        ));
    }
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    if !(5..=20).contains(&digits) {
        return Err(format!(
            "A phone number has 5 to 20 digits; this has {digits}."
        ));
    }
    Ok(())
}

fn check_email(email: &str) -> Result<(), String> {
    if email.is_empty() {
        return Ok(());
    }
    let shape = "An email address looks like name@example.org.";
    if email.chars().any(char::is_whitespace) {
        return Err(format!("{shape} It cannot contain spaces."));
    }
    let Some((local, domain)) = email.split_once('@') else {
        return Err(format!("{shape} It needs an @."));
    };
    if local.is_empty() || domain.contains('@') {
        return Err(shape.into());
    }
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 || labels.iter().any(|l| l.is_empty()) {
        return Err(format!(
            "{shape} The part after @ needs a dot, as in example.org."
        ));
    }
    Ok(())
}

/// Checks the length of each note field.
///
/// # Errors
/// One message per field that is too long.
pub fn check_note(texts: &NoteTexts) -> Result<(), FieldErrors<NoteField>> {
    let mut errors = FieldErrors::default();
    for field in NoteField::ALL {
        let chars = texts.get(field).chars().count();
        if chars > field.max_chars() {
            errors.push(
                field,
                format!(
                    "{} is too long: {chars} characters, at most {}.",
                    field.label(),
                    field.max_chars()
                ),
            );
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        Date::new(2026, 11, 23).unwrap()
    }

    fn form() -> PatientForm {
        PatientForm {
            chart_number: "C-00001".into(),
            given_name: "Zoë".into(),
            family_name: "Ødegaard".into(),
            date_of_birth: "1987-04-12".into(),
            ..PatientForm::default()
        }
    }

    #[test]
    fn a_good_form_validates_and_trims() {
        let mut f = form();
        f.given_name = "  Zoë ".into();
        let details = f.validate(today()).unwrap();
        assert_eq!(details.given_name, "Zoë");
        assert_eq!(details.date_of_birth, Date::new(1987, 4, 12).unwrap());
    }

    #[test]
    fn impossible_and_future_dates_are_refused_with_a_reason() {
        let err = parse_birth_date("2025-02-30", today()).unwrap_err();
        assert!(err.contains("February 2025 has 28 days"), "{err}");
        let err = parse_birth_date("2027-01-01", today()).unwrap_err();
        assert!(err.contains("future"), "{err}");
        let err = parse_birth_date("12/03/1984", today()).unwrap_err();
        assert!(err.contains("YYYY-MM-DD"), "{err}");
        let err = parse_birth_date("1984-13-01", today()).unwrap_err();
        assert!(err.contains("month 13"), "{err}");
        assert!(parse_birth_date("1800-01-01", today()).is_err());
        assert!(parse_birth_date("2024-02-29", today()).is_ok());
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let f = PatientForm {
            chart_number: "C 1".into(),
            given_name: String::new(),
            family_name: "😀".into(),
            date_of_birth: "2025-02-30".into(),
            phone: "call me".into(),
            email: "zoe@example".into(),
            ..PatientForm::default()
        };
        let errors = f.validate(today()).unwrap_err();
        for field in [
            PatientField::ChartNumber,
            PatientField::GivenName,
            PatientField::FamilyName,
            PatientField::DateOfBirth,
            PatientField::Phone,
            PatientField::Email,
        ] {
            assert!(errors.get(field).is_some(), "no error for {field}");
        }
    }

    #[test]
    fn names_in_any_script_and_with_emoji_are_kept() {
        for (given, family) in [
            ("Zoë", "Ødegaard"),
            ("José", "Núñez"),
            ("Αλεξάνδρα", "Παπαδοπούλου"),
            ("Юлия", "Смирнова"),
            ("美咲", "佐藤"),
            ("Ana 🌻", "Lima"),
        ] {
            let mut f = form();
            f.given_name = given.into();
            f.family_name = family.into();
            let details = f.validate(today()).unwrap();
            assert_eq!(details.given_name, given);
        }
    }

    #[test]
    fn too_long_text_is_refused_not_cut() {
        let mut f = form();
        f.notes = "a".repeat(20_001);
        let errors = f.validate(today()).unwrap_err();
        assert!(errors.get(PatientField::Notes).unwrap().contains("20001"));
        let texts = NoteTexts {
            subjective: "word ".repeat(2_000),
            ..NoteTexts::default()
        };
        assert!(
            check_note(&texts).is_ok(),
            "a 10,000 character note is fine"
        );
        let texts = NoteTexts {
            plan: "x".repeat(100_001),
            ..NoteTexts::default()
        };
        assert!(
            check_note(&texts)
                .unwrap_err()
                .get(NoteField::Plan)
                .is_some()
        );
    }
}
