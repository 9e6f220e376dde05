//! What goes wrong with plans and the files they come from or go to.
//!
//! Each variant carries what a user needs to fix the problem: the file, the field, the rule.
//! The CLI prints them; the shell gives the interface what [`Error::says`] keys, so it words
//! them in its own language.

use std::io::ErrorKind;
use std::path::PathBuf;

use crate::says;
use crate::validation::{FieldError, Says};

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input broke one or more rules; nothing was written.
    #[error("{}", validation_message(.0))]
    Validation(Vec<FieldError>),

    #[error("{}", self.says().english)]
    NotFound { what: Thing, id: String },

    /// The request contradicts what is stored (e.g. a city that already exists): the English,
    /// and what it says for an interface in another language.
    #[error("{}", self.says().english)]
    Conflict(Box<Says>),

    /// A request the caller phrased wrongly (a CLI flag missing or out of place).
    #[error("{0}")]
    Usage(String),

    #[error("could not draw the chart: {0}")]
    Chart(String),

    /// Writing an export format failed in a way that is not the file system's.
    #[error("could not write the export: {0}")]
    Export(String),

    /// The reference data shipped with the app is inconsistent: a build defect.
    #[error("reference data: {0}")]
    Reference(String),

    #[error("{}", self.says().english)]
    TooLarge { path: PathBuf, size: u64, max: u64 },

    #[error("{}", self.says().english)]
    NotText { path: PathBuf, offset: usize },

    #[error("{}", self.says().english)]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    /// A request that contradicts what is stored, said as `says` says it.
    pub fn conflict(says: impl Into<Says>) -> Self {
        Error::Conflict(Box::new(says.into()))
    }

    pub fn not_found(what: Thing, id: impl ToString) -> Self {
        Error::NotFound {
            what,
            id: id.to_string(),
        }
    }

    /// What the error says, keyed for the interface's catalogs where a user meets it; the others
    /// (a build defect, a CLI usage slip, a rule list the form shows by field) say English only.
    pub fn says(&self) -> Says {
        match self {
            Error::NotFound { what, id } => what.not_found(id),
            Error::Conflict(says) => (**says).clone(),
            Error::TooLarge { path, size, max } => says!(
                errors: "tooLarge",
                "{path} is {size} MB; files of up to {max} MB are accepted",
                path = path.display(),
                size = mb(*size),
                max = mb(*max),
            ),
            Error::NotText { path, offset } => says!(
                errors: "notText",
                "{path} is not UTF-8 text (from byte {offset}); save it as UTF-8 and try again",
                path = path.display(),
                offset = offset,
            ),
            Error::Io { path, source } => {
                let path = path.display();
                match source.kind() {
                    ErrorKind::NotFound => says!(
                        errors: "noSuchFile",
                        "{path}: there is no such file or folder",
                        path = path
                    ),
                    ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => says!(
                        errors: "fileDenied",
                        "{path}: this user may not read or write it (permission denied)",
                        path = path
                    ),
                    ErrorKind::StorageFull => says!(
                        errors: "diskFull",
                        "{path}: the disk is full; free some space and try again",
                        path = path
                    ),
                    // The system's own words for the rest, in its language.
                    _ => {
                        says!(errors: "fileFailed", "{path}: {reason}", path = path, reason = source)
                    }
                }
            }
            Error::Validation(_)
            | Error::Usage(_)
            | Error::Chart(_)
            | Error::Export(_)
            | Error::Reference(_) => Says::english_only(self.to_string()),
        }
    }
}

/// What was looked for and not found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Thing {
    City,
    Plan,
    PlanPeriod,
    Project,
    DeletedProject,
    MemberState,
    Pairing,
    Revision,
    FrameworkVersion,
    Kpi,
}

impl Thing {
    fn not_found(self, id: &str) -> Says {
        match self {
            Thing::City => says!(errors: "cityNotFound", "city {id} was not found", id = id),
            Thing::Plan => says!(errors: "planNotFound", "plan {id} was not found", id = id),
            Thing::PlanPeriod => says!(
                errors: "periodNotFound",
                "plan period {id} was not found",
                id = id
            ),
            Thing::Project => {
                says!(errors: "projectNotFound", "project {id} was not found", id = id)
            }
            Thing::DeletedProject => says!(
                errors: "deletedProjectNotFound",
                "deleted project {id} was not found",
                id = id
            ),
            Thing::MemberState => says!(
                errors: "memberStateNotFound",
                "member state {id} was not found",
                id = id
            ),
            Thing::Pairing => {
                says!(errors: "pairingNotFound", "pairing {id} was not found", id = id)
            }
            Thing::Revision => {
                says!(errors: "revisionNotFound", "revision {id} was not found", id = id)
            }
            Thing::FrameworkVersion => says!(
                errors: "frameworkNotFound",
                "Framework version {id} was not found",
                id = id
            ),
            Thing::Kpi => says!(errors: "kpiNotFound", "KPI {id} was not found", id = id),
        }
    }
}

fn mb(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / 1_048_576.0)
}

/// Every broken rule in one line: `field: message; field: message`.
pub fn validation_message(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(|e| format!("{}: {}", e.field, e.message))
        .collect::<Vec<_>>()
        .join("; ")
}
