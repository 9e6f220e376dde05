//! The one error the UI receives: `{ code, message, fields }`.
//!
//! How to use: a command returns `Result<T, AppError>` and uses `?` on core calls; the `From`
//! impl below picks the code. Add a code only when the UI acts on it differently. Errors the user
//! cannot act on become `Internal` with a generic message, and the detail goes to the log.

use std::collections::BTreeMap;

use ascn_model::says;
use ascn_model::validation::{FieldError, Says};
use ascn_model::Error as ModelError;
use ascn_store::Error;
use serde::Serialize;
use ts_rs::TS;

/// What the UI branches on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorCode {
    /// Input broke rules; `fields` says which. Nothing was written.
    Validation,
    NotFound,
    Conflict,
    /// What the save was built on was changed by another window or program meanwhile; nothing
    /// was written. The UI keeps the user's text and offers to reload.
    ChangedElsewhere,
    /// The workspace file cannot be used (newer version, not ours, unreadable).
    Workspace,
    /// A file the user chose cannot be read (too large, not text).
    File,
    Internal,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS, thiserror::Error)]
#[error("{message}")]
#[ts(export)]
pub struct AppError {
    pub code: ErrorCode,
    /// In English, as the core says it.
    pub message: String,
    pub fields: Vec<FieldError>,
    /// The message's key in the interface's catalogs and what it says, when the core keyed it:
    /// the interface words it in its own language.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub key: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub values: BTreeMap<String, String>,
}

impl AppError {
    pub fn new(code: ErrorCode, message: impl Into<Says>) -> Self {
        let says = message.into();
        AppError {
            code,
            message: says.english,
            fields: Vec::new(),
            key: says.key,
            values: says.values.into_iter().collect(),
        }
    }
}

impl From<ModelError> for AppError {
    fn from(error: ModelError) -> Self {
        match error {
            ModelError::Validation(fields) => AppError {
                fields,
                ..AppError::new(
                    ErrorCode::Validation,
                    says!(
                        errors: "notSaved",
                        "Not saved: please correct the highlighted fields."
                    ),
                )
            },
            e @ ModelError::NotFound { .. } => AppError::new(ErrorCode::NotFound, e.says()),
            e @ ModelError::Conflict(_) => AppError::new(ErrorCode::Conflict, e.says()),
            e @ (ModelError::TooLarge { .. } | ModelError::NotText { .. }) => {
                AppError::new(ErrorCode::File, e.says())
            }
            e @ ModelError::Io { .. } => AppError::new(ErrorCode::Workspace, e.says()),
            e @ (ModelError::Usage(_)
            | ModelError::Reference(_)
            | ModelError::Chart(_)
            | ModelError::Export(_)) => internal(&e),
        }
    }
}

impl From<Error> for AppError {
    fn from(error: Error) -> Self {
        match error {
            Error::Model(e) => e.into(),
            e @ Error::ChangedElsewhere(_) => AppError::new(ErrorCode::ChangedElsewhere, e.says()),
            e @ Error::Busy => AppError::new(ErrorCode::Conflict, e.says()),
            e @ (Error::TooNew { .. } | Error::NotAWorkspace { .. } | Error::Open { .. }) => {
                AppError::new(ErrorCode::Workspace, e.says())
            }
            e @ (Error::Database(_) | Error::Migration(_) | Error::Corrupt(_)) => internal(&e),
        }
    }
}

/// An error the user cannot act on: a plain message, the detail in the log.
pub(crate) fn internal(e: &dyn std::error::Error) -> AppError {
    tracing::error!(error = %e, "internal error");
    AppError::new(
        ErrorCode::Internal,
        says!(
            errors: "internal",
            "Something went wrong; your saved work is safe. Details are in the log."
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use ascn_model::validation::Rule;

    #[test]
    fn validation_errors_keep_every_field_for_the_form() {
        let error: AppError = ModelError::Validation(vec![FieldError::new(
            "end_year",
            Rule::OutsidePeriod,
            ascn_model::says!(
                "afterPeriod",
                "{year} is after the plan period {start}–{end}",
                year = 2031,
                start = 2018,
                end = 2025
            ),
        )])
        .into();
        assert_eq!(error.code, ErrorCode::Validation);
        assert_eq!(
            error.fields.len(),
            1,
            "the form needs the field to highlight it"
        );
    }

    #[test]
    fn internal_errors_do_not_leak_internals() {
        let error: AppError =
            ModelError::Reference("sector transport names unknown focus area ZZ".into()).into();
        assert_eq!(error.code, ErrorCode::Internal);
        assert!(
            !error.message.contains("ZZ"),
            "a planner should see a plain message, not internals: {}",
            error.message
        );
    }

    /// Every error a user can meet reaches the interface with its catalog key, so it is worded
    /// in the interface's language; only the internal one says its generic sentence.
    #[test]
    fn every_error_a_user_meets_carries_its_key() {
        use ascn_store::{Changed, NotOurs};
        use std::io;
        let path = || std::path::PathBuf::from("/home/planner/plan.ascn");
        let io = |kind| ModelError::Io {
            path: path(),
            source: io::Error::from(kind),
        };
        let errors: Vec<AppError> = vec![
            ModelError::not_found(ascn_model::Thing::Plan, 3).into(),
            ModelError::not_found(ascn_model::Thing::City, "'Atlantis'").into(),
            ModelError::TooLarge {
                path: path(),
                size: 3 << 30,
                max: 50 << 20,
            }
            .into(),
            ModelError::NotText {
                path: path(),
                offset: 12,
            }
            .into(),
            io(io::ErrorKind::NotFound).into(),
            io(io::ErrorKind::PermissionDenied).into(),
            io(io::ErrorKind::StorageFull).into(),
            io(io::ErrorKind::InvalidData).into(),
            Error::ChangedElsewhere(Changed::Plan).into(),
            Error::ChangedElsewhere(Changed::Project("DN-01".into())).into(),
            Error::TooNew {
                path: path(),
                found: 42,
                supported: 9,
            }
            .into(),
            Error::NotAWorkspace {
                path: path(),
                reason: NotOurs::AnotherProgram,
            }
            .into(),
            Error::NotAWorkspace {
                path: path(),
                reason: NotOurs::Empty,
            }
            .into(),
            Error::Busy.into(),
        ];
        for error in errors {
            assert!(
                error.key.starts_with("errors."),
                "{:?} reaches the interface in English only: {}",
                error.code,
                error.message
            );
            assert!(
                error
                    .values
                    .values()
                    .all(|v| error.message.contains(v.as_str())),
                "the English is made of the same values: {error:?}"
            );
        }
        let missing: AppError = io(io::ErrorKind::NotFound).into();
        assert_eq!(missing.key, "errors.noSuchFile");
        assert_eq!(missing.values["path"], "/home/planner/plan.ascn");
        let too_new: AppError = Error::TooNew {
            path: path(),
            found: 42,
            supported: 9,
        }
        .into();
        assert_eq!(too_new.code, ErrorCode::Workspace);
        assert_eq!(too_new.values["found"], "42");
    }
}
