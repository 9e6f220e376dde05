//! The core's one error type.
//!
//! Each variant carries what a user needs to fix the problem: the file, the field, the rule.
//! The shell maps these to a serialisable `{ code, message }` for the UI; the CLI prints them.

use std::path::PathBuf;

use crate::model::validation::FieldError;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input broke one or more rules; nothing was written.
    #[error("{}", validation_message(.0))]
    Validation(Vec<FieldError>),

    /// A save was built on what another window or program has changed since; nothing was
    /// written, so that change is not lost. The user reloads and makes theirs again.
    #[error(
        "{what} was changed elsewhere (in another window or by ascn-plan) since you opened it; \
         nothing was saved. Reload to see that change, then make yours again"
    )]
    ChangedElsewhere { what: String },

    #[error("{what} {id} was not found")]
    NotFound { what: &'static str, id: String },

    /// The request contradicts what is stored (e.g. a city that already exists).
    #[error("{0}")]
    Conflict(String),

    #[error("cannot open workspace {path}: {source}")]
    Open {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },

    #[error(
        "workspace {path} was written by a newer version of ASCN Action Planner \
         (schema {found}, this version understands up to {supported}); it was left untouched"
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },

    #[error("workspace {path} is not an ASCN Action Planner workspace: {reason}")]
    NotAWorkspace { path: PathBuf, reason: String },

    #[error("database error: {0}")]
    Database(rusqlite::Error),

    /// Another program (a second window, the CLI) held the workspace for writing longer than
    /// the wait allows. Nothing was written.
    #[error(
        "the workspace is busy: another ASCN Action Planner window or ascn-plan is saving to it. \
         Nothing was changed; try again in a moment"
    )]
    Busy,

    #[error("could not upgrade the workspace: {0}")]
    Migration(#[from] rusqlite_migration::Error),

    /// The workspace holds something no version of the app writes: edited by hand or damaged.
    #[error("the workspace holds data that cannot be read: {0}")]
    Corrupt(String),

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

    #[error("{path} is {} MB; files of up to {} MB are accepted", mb(*.size), mb(*.max))]
    TooLarge { path: PathBuf, size: u64, max: u64 },

    #[error("{path} is not UTF-8 text (from byte {offset}); save it as UTF-8 and try again")]
    NotText { path: PathBuf, offset: usize },

    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                Error::Busy
            }
            // The partial unique index on live project codes: said as the rule it is.
            Some(rusqlite::ErrorCode::ConstraintViolation)
                if e.to_string().contains("project.plan_id, project.code") =>
            {
                Error::Validation(vec![FieldError {
                    field: "code".into(),
                    rule: crate::model::validation::Rule::Duplicate,
                    message: "is already the code of another project of this plan".into(),
                }])
            }
            _ => Error::Database(e),
        }
    }
}

impl Error {
    pub(crate) fn not_found(what: &'static str, id: impl ToString) -> Self {
        Error::NotFound {
            what,
            id: id.to_string(),
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
