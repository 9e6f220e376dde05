//! What goes wrong with the workspace file: the model's errors (a rule broken, a plan not found)
//! and the store's own (a file that is not ours, a busy or damaged database, a save built on a
//! version changed elsewhere).

use std::path::PathBuf;

use ascn_model::validation::{FieldError, Rule};

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A rule of the plan broken, something not found, a file refused: see [`ascn_model::Error`].
    #[error(transparent)]
    Model(#[from] ascn_model::Error),

    /// A save was built on what another window or program has changed since; nothing was
    /// written, so that change is not lost. The user reloads and makes theirs again.
    #[error(
        "{what} was changed elsewhere (in another window or by ascn-plan) since you opened it; \
         nothing was saved. Reload to see that change, then make yours again"
    )]
    ChangedElsewhere { what: String },

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
                Error::invalid(vec![FieldError::new(
                    "code",
                    Rule::Duplicate,
                    "is already the code of another project of this plan",
                )])
            }
            _ => Error::Database(e),
        }
    }
}

impl Error {
    /// Input broke these rules; nothing was written.
    pub fn invalid(errors: Vec<FieldError>) -> Self {
        Error::Model(ascn_model::Error::Validation(errors))
    }

    pub fn not_found(what: &'static str, id: impl ToString) -> Self {
        Error::Model(ascn_model::Error::not_found(what, id))
    }

    pub fn conflict(message: impl Into<ascn_model::validation::Says>) -> Self {
        Error::Model(ascn_model::Error::conflict(message))
    }

    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Model(ascn_model::Error::Io {
            path: path.into(),
            source,
        })
    }

    /// The rules broken, when that is what went wrong.
    pub fn fields(&self) -> Option<&[FieldError]> {
        match self {
            Error::Model(ascn_model::Error::Validation(fields)) => Some(fields),
            _ => None,
        }
    }
}
