//! What goes wrong with the workspace file: the model's errors (a rule broken, a plan not found)
//! and the store's own (a file that is not ours, a busy or damaged database, a save built on a
//! version changed elsewhere).

use std::path::PathBuf;

use ascn_model::validation::{FieldError, Rule, Says};
use ascn_model::{says, Thing};

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A rule of the plan broken, something not found, a file refused: see [`ascn_model::Error`].
    #[error(transparent)]
    Model(#[from] ascn_model::Error),

    /// A save was built on what another window or program has changed since; nothing was
    /// written, so that change is not lost. The user reloads and makes theirs again.
    #[error("{}", self.says().english)]
    ChangedElsewhere(Changed),

    #[error("{}", self.says().english)]
    Open {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },

    #[error("{}", self.says().english)]
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },

    #[error("{}", self.says().english)]
    NotAWorkspace { path: PathBuf, reason: NotOurs },

    #[error("database error: {0}")]
    Database(rusqlite::Error),

    /// Another program (a second window, the CLI) held the workspace for writing longer than
    /// the wait allows. Nothing was written.
    #[error("{}", self.says().english)]
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
                    says!(
                        "codeOfAnotherProject",
                        "is already the code of another project of this plan"
                    ),
                )])
            }
            _ => Error::Database(e),
        }
    }
}

/// What a save refused as changed elsewhere was about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Changed {
    Plan,
    /// The project's code.
    Project(String),
}

/// Why a file is not a workspace (or not this workspace's backup).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotOurs {
    Empty,
    AnotherProgram,
    NotThisWorkspacesBackup,
    /// The integrity check's findings.
    Damaged(String),
    /// SQLite could not read it; its words.
    Unreadable(String),
}

impl Error {
    /// What the error says, keyed for the interface's catalogs where a user meets it; the
    /// store's internals (a database or upgrade failure, damaged data) say English only, and
    /// the app shows them as an internal error.
    pub fn says(&self) -> Says {
        match self {
            Error::Model(e) => e.says(),
            Error::ChangedElsewhere(Changed::Plan) => says!(
                errors: "planChangedElsewhere",
                "The plan was changed elsewhere (in another window or by ascn-plan) since you opened it; nothing was saved. Reload to see that change, then make yours again"
            ),
            Error::ChangedElsewhere(Changed::Project(code)) => says!(
                errors: "projectChangedElsewhere",
                "Project {code} was changed elsewhere (in another window or by ascn-plan) since you opened it; nothing was saved. Reload to see that change, then make yours again",
                code = code
            ),
            Error::Open { path, source } => says!(
                errors: "cannotOpen",
                "cannot open workspace {path}: {reason}",
                path = path.display(),
                reason = source
            ),
            Error::TooNew {
                path,
                found,
                supported,
            } => says!(
                errors: "tooNew",
                "workspace {path} was written by a newer version of ASCN Action Planner (schema {found}, this version understands up to {supported}); it was left untouched",
                path = path.display(),
                found = found,
                supported = supported
            ),
            Error::NotAWorkspace { path, reason } => {
                let path = path.display();
                match reason {
                    NotOurs::Empty => says!(
                        errors: "emptyFile",
                        "{path} is not an ASCN Action Planner workspace: it is empty",
                        path = path
                    ),
                    NotOurs::AnotherProgram => says!(
                        errors: "anotherProgram",
                        "{path} is not an ASCN Action Planner workspace: it is a database of another program; choose a new file",
                        path = path
                    ),
                    NotOurs::NotThisWorkspacesBackup => says!(
                        errors: "notABackup",
                        "{path} is not one of this workspace's backups",
                        path = path
                    ),
                    NotOurs::Damaged(problems) => says!(
                        errors: "damagedBackup",
                        "{path} cannot be restored: it is damaged ({problems})",
                        path = path,
                        problems = problems
                    ),
                    NotOurs::Unreadable(reason) => says!(
                        errors: "unreadableWorkspace",
                        "{path} is not an ASCN Action Planner workspace: {reason}",
                        path = path,
                        reason = reason
                    ),
                }
            }
            Error::Busy => says!(
                errors: "busy",
                "The workspace is busy: another ASCN Action Planner window or ascn-plan is saving to it. Nothing was changed; try again in a moment"
            ),
            Error::Database(_) | Error::Migration(_) | Error::Corrupt(_) => {
                Says::english_only(self.to_string())
            }
        }
    }

    /// Input broke these rules; nothing was written.
    pub fn invalid(errors: Vec<FieldError>) -> Self {
        Error::Model(ascn_model::Error::Validation(errors))
    }

    pub fn not_found(what: Thing, id: impl ToString) -> Self {
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
