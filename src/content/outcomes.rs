//! Loads the cervical range-of-motion norms, `assets/outcomes/crom_norms.json`:
//! typical ranges by age band, kept as data so that a clinic can replace
//! them, and checked at load (bands in order, ranges low to high).

use std::sync::OnceLock;

use serde::Deserialize;

use super::ContentError;

pub const FILE: &str = "assets/outcomes/crom_norms.json";
const JSON: &str = include_str!("../../assets/outcomes/crom_norms.json");

/// Typical ranges in degrees for one age band.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct CromBand {
    pub from_age: u8,
    pub to_age: u8,
    pub flexion: [f32; 2],
    pub extension: [f32; 2],
    pub lateral_flexion: [f32; 2],
    pub rotation: [f32; 2],
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct CromNorms {
    pub source: String,
    pub bands: Vec<CromBand>,
}

impl CromNorms {
    /// The band for an age in years.
    #[must_use]
    pub fn band(&self, age: u8) -> Option<&CromBand> {
        self.bands
            .iter()
            .find(|b| (b.from_age..=b.to_age).contains(&age))
    }
}

/// Reads and checks the norms.
///
/// # Errors
/// [`ContentError::Malformed`] naming the file.
pub fn parse(file: &'static str, json: &str) -> Result<CromNorms, ContentError> {
    let malformed = |detail: String| ContentError::Malformed { file, detail };
    let norms: CromNorms = serde_json::from_str(json).map_err(|e| malformed(e.to_string()))?;
    if norms.bands.is_empty() {
        return Err(malformed("no age band".into()));
    }
    for band in &norms.bands {
        let ranges = [
            band.flexion,
            band.extension,
            band.lateral_flexion,
            band.rotation,
        ];
        if band.from_age > band.to_age
            || ranges
                .iter()
                .any(|[low, high]| !(0.0..=180.0).contains(low) || low > high)
        {
            return Err(malformed(format!(
                "the band from age {} to {} has a range out of order",
                band.from_age, band.to_age
            )));
        }
    }
    Ok(norms)
}

/// The norms shipped with the program.
///
/// # Panics
/// When the shipped file is invalid, which the tests rule out.
pub fn crom_norms() -> &'static CromNorms {
    static NORMS: OnceLock<CromNorms> = OnceLock::new();
    NORMS.get_or_init(|| match parse(FILE, JSON) {
        Ok(norms) => norms,
        Err(err) => panic!("the shipped range-of-motion norms are invalid: {err}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_norms_load_and_bad_ranges_fail_naming_the_file() {
        let norms = crom_norms();
        assert!(norms.band(40).is_some());
        assert!(norms.band(10).is_none(), "no band for children");
        let bad = r#"{"source": "s", "bands": [{"from_age": 18, "to_age": 30, "flexion": [60, 50],
            "extension": [60, 75], "lateral_flexion": [40, 45], "rotation": [70, 80]}]}"#;
        let err = parse("norms.json", bad).unwrap_err().to_string();
        assert!(err.starts_with("norms.json:"), "{err}");
    }
}
