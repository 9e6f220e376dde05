//! What goes wrong with plans and the files they come from or go to.
//!
//! Each variant carries what a user needs to fix the problem: the file, the field, the rule.
//! The shell maps these to a serialisable `{ code, message }` for the UI; the CLI prints them.

use std::path::PathBuf;

use crate::validation::{FieldError, Says};

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input broke one or more rules; nothing was written.
    #[error("{}", validation_message(.0))]
    Validation(Vec<FieldError>),

    #[error("{what} {id} was not found")]
    NotFound { what: &'static str, id: String },

    /// The request contradicts what is stored (e.g. a city that already exists): the English,
    /// and what it says for an interface in another language.
    #[error("{}", .0.english)]
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

impl Error {
    /// A request that contradicts what is stored, said as `says` says it.
    pub fn conflict(says: impl Into<Says>) -> Self {
        Error::Conflict(Box::new(says.into()))
    }

    pub fn not_found(what: &'static str, id: impl ToString) -> Self {
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
