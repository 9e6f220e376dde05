//! Files the app writes for people to open elsewhere. Every file is written beside its final
//! name and renamed into place, so a reader never sees half a file and a crash leaves the old one.

pub mod annual;
pub mod closeout;
pub mod geojson;
pub mod iati;
pub mod monitoring;
pub mod pdf;
pub mod xlsx;

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::map::TileSource;
use ascn_model::error::{Error, Result};
use ascn_model::framework::Reference;
use ascn_model::languages::ReportLanguages;
use ascn_model::{plan_file, PlanDocument};

/// The files a plan can be exported to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Format {
    /// The ASCF plan file (JSON), which imports back losslessly.
    Json,
    /// Project locations as GeoJSON (RFC 7946).
    Geojson,
    /// One IATI 2.03 activity per project.
    Iati,
    /// A spreadsheet: summary, projects, KPIs, funding, partners, timeline.
    Xlsx,
    /// A report for reading on paper, with charts and the map.
    Pdf,
}

impl Format {
    pub const ALL: &'static [Format] = &[
        Format::Json,
        Format::Xlsx,
        Format::Pdf,
        Format::Geojson,
        Format::Iati,
    ];

    /// The name used on the command line and in file names.
    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Geojson => "geojson",
            Format::Iati => "iati",
            Format::Xlsx => "xlsx",
            Format::Pdf => "pdf",
        }
    }

    fn file_name(self, stem: &str) -> String {
        match self {
            Format::Json => format!("{stem}-plan.{}", ascn_model::plan_file::EXTENSION),
            Format::Geojson => format!("{stem}-locations.geojson"),
            Format::Iati => format!("{stem}-iati-activities.xml"),
            Format::Xlsx => format!("{stem}-plan.xlsx"),
            Format::Pdf => format!("{stem}-plan-report.pdf"),
        }
    }

    pub fn parse(text: &str) -> Option<Format> {
        Format::ALL.iter().copied().find(|f| f.name() == text)
    }
}

/// Writes the plan in each of `formats` into `dir`, each file atomically; returns the paths.
/// Every format is written from the one document, so together they are one snapshot of the
/// plan; the PDF prints its narratives in `languages`, the other files carry every language,
/// and its map is drawn over `basemap` when one is set. `progress` is told each format as it
/// starts, for a progress bar.
pub fn write_plan(
    doc: &PlanDocument,
    reference: &Reference,
    formats: &[Format],
    languages: &ReportLanguages,
    basemap: Option<&dyn TileSource>,
    dir: &Path,
    mut progress: impl FnMut(Format),
) -> Result<Vec<PathBuf>> {
    let stem = file_stem(&doc.city.name);
    let mut written = Vec::new();
    for format in formats {
        progress(*format);
        let bytes = match format {
            Format::Json => plan_file::to_json(&plan_file::plan_file(doc, reference)?).into_bytes(),
            Format::Geojson => serde_json::to_vec_pretty(&geojson::collection(doc, reference)?)
                .expect("JSON values serialise"),
            Format::Iati => iati::document(doc, reference)?,
            Format::Xlsx => xlsx::workbook(doc, reference)?,
            Format::Pdf => pdf::report(doc, reference, languages, basemap)?,
        };
        let path = dir.join(format.file_name(&stem));
        write_atomically(&path, &bytes)?;
        written.push(path);
    }
    Ok(written)
}

/// A file-name stem from a city name: `Da Nang` → `da-nang`.
pub fn file_stem(name: &str) -> String {
    let mut stem = String::new();
    for c in name.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            stem.push(c);
        } else if !stem.ends_with('-') {
            stem.push('-');
        }
    }
    let stem = stem.trim_matches('-');
    if stem.is_empty() {
        "city".into()
    } else {
        stem.to_string()
    }
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, synced, renamed.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut temp = tempfile::NamedTempFile::new_in(dir).map_err(io)?;
    // A temporary file is private to its owner; an export is a file to share, readable like
    // any other the user saves.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        temp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))
            .map_err(io)?;
    }
    temp.write_all(bytes).map_err(io)?;
    temp.as_file().sync_all().map_err(io)?;
    temp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_a_file_whole_and_leaves_no_temporary_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("chart.svg");
        std::fs::write(&path, "old").unwrap();
        write_atomically(&path, b"<svg/>").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "<svg/>");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o644, "others can read an exported file");
        }
    }

    #[test]
    fn file_stems_are_safe_and_readable() {
        assert_eq!(file_stem("Da Nang"), "da-nang");
        assert_eq!(file_stem("  Huế / Thừa Thiên "), "huế-thừa-thiên");
        assert_eq!(file_stem("../.."), "city");
    }

    #[test]
    fn names_the_file_when_its_folder_is_missing() {
        let err = write_atomically(Path::new("/no/such/folder/x.svg"), b"x").unwrap_err();
        assert!(
            err.to_string().starts_with("/no/such/folder/x.svg"),
            "{err}"
        );
    }
}
