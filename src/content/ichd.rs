//! Loads the ICHD-3 11.2.1 checklist's wording,
//! `assets/clinical/ichd3_cervicogenic.json`: the criteria, the features
//! that favour cervicogenic headache and the differential.

use std::sync::OnceLock;

use serde::Deserialize;

use super::ContentError;
use crate::content::plans::Named;

pub const FILE: &str = "assets/clinical/ichd3_cervicogenic.json";
const JSON: &str = include_str!("../../assets/clinical/ichd3_cervicogenic.json");

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Criteria {
    pub a: String,
    pub b: String,
    pub c: String,
    pub c1: String,
    pub c2: String,
    pub c3: String,
    pub c4: String,
    pub d: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Differential {
    pub id: String,
    pub name: String,
    pub features: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct IchdContent {
    pub source: String,
    pub criteria: Criteria,
    pub favouring: Vec<Named>,
    pub differential: Vec<Differential>,
    pub trigger_point_note: String,
}

/// Reads the checklist's wording.
///
/// # Errors
/// [`ContentError::Malformed`] naming the file.
pub fn parse(file: &'static str, json: &str) -> Result<IchdContent, ContentError> {
    let content: IchdContent = serde_json::from_str(json).map_err(|e| ContentError::Malformed {
        file,
        detail: e.to_string(),
    })?;
    if content.favouring.is_empty() || content.differential.is_empty() {
        return Err(ContentError::Malformed {
            file,
            detail: "the favouring features and the differential must be listed".into(),
        });
    }
    Ok(content)
}

/// The wording shipped with the program.
///
/// # Panics
/// When the shipped file is invalid, which the tests rule out.
pub fn ichd() -> &'static IchdContent {
    static CONTENT: OnceLock<IchdContent> = OnceLock::new();
    CONTENT.get_or_init(|| match parse(FILE, JSON) {
        Ok(content) => content,
        Err(err) => panic!("the shipped ICHD-3 checklist is invalid: {err}"),
    })
}
