//! The workspace: one SQLite file holding the framework reference and the cities' plans.
//!
//! Opening a workspace refuses files that are not ours or come from a newer app *before* writing
//! anything, then switches to WAL with full synchronisation (a power cut loses no committed
//! change), turns foreign keys on, applies pending migrations and loads the shipped reference data
//! if it is newer than the stored one. Every user action is one transaction.

pub mod backup;
mod cities;
pub mod demo;
mod districts;
mod document;
mod frameworks;
mod history;
pub use history::{History, Reverted};
mod import;
pub use import::{FolderEntry, ImportPreview, ImportSummary};
pub mod error;
pub mod migrations;
mod monitoring;
pub use monitoring::{MeCityImport, MeImport};
mod network;
mod pairings;
mod partners;
pub mod periods;
mod plans;
mod projects;
mod reference;
mod revisions;
mod settings;
mod text;

pub use error::{Changed, Error, NotOurs, Result};

use ascn_model::Thing;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rusqlite::{Connection, OpenFlags};

use ascn_model::framework::Reference;

/// Environment variable that overrides the default workspace path (tests use a temp dir).
pub const WORKSPACE_ENV: &str = "ASCN_WORKSPACE";

/// An open workspace.
pub struct Workspace {
    conn: Connection,
    path: PathBuf,
    reference: Arc<Reference>,
    /// Every version of the Framework the workspace holds (with `reference`'s), oldest first.
    frameworks: Vec<Arc<Reference>>,
    /// SQLite's `data_version` when [`Workspace::changed_elsewhere`] last looked.
    seen_data_version: i64,
    /// Plans read since the workspace last changed.
    documents: document::Documents,
}

/// Statements kept prepared per connection: reading a plan document alone runs about 20, and
/// rusqlite's default of 16 made every read parse some of them again (a tenth of its time).
const STATEMENT_CACHE: usize = 64;

impl Workspace {
    /// Opens the workspace at `path`, creating it (and its folder) if it does not exist.
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref().to_path_buf();
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|source| Error::io(parent, source))?;
        }
        let open_error = |source| Error::Open {
            path: path.clone(),
            source,
        };
        let mut conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(open_error)?;
        check_is_ours(&conn, &path, Expect::WorkspaceOrNew)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(open_error)?;
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(open_error)?;
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(open_error)?;
        conn.pragma_update(None, "foreign_keys", true)
            .map_err(open_error)?;
        // Writers take the write lock when they begin, so with a second program on the file
        // they wait their turn (the busy timeout) rather than fail when a read becomes a write.
        conn.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
        migrations::to_latest(&mut conn)?;
        reference::load_shipped_if_newer(&mut conn)?;
        let reference = Arc::new(reference::read(&conn)?);
        let frameworks = reference::read_all(&conn, &reference)?;
        let seen_data_version = data_version(&conn)?;
        tracing::info!(path = %path.display(), "workspace opened");
        Ok(Workspace {
            conn,
            path,
            reference,
            frameworks,
            seen_data_version,
            documents: Default::default(),
        })
    }

    /// A second, read-only handle on the same file, for reading on another thread: WAL lets
    /// readers share the file with the writer. It sees what is committed.
    fn reader(&self) -> Result<Workspace> {
        let conn = open_read_only(&self.path)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        Ok(Workspace {
            seen_data_version: data_version(&conn)?,
            conn,
            path: self.path.clone(),
            reference: Arc::clone(&self.reference),
            frameworks: self.frameworks.clone(),
            documents: Default::default(),
        })
    }

    /// The file this workspace lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The framework reference stored in this workspace.
    pub fn reference(&self) -> &Reference {
        &self.reference
    }

    /// The framework reference, to read beside a [`ascn_model::PlanDocument`] after the
    /// workspace is let go (a report renders while others write).
    pub fn shared_reference(&self) -> Arc<Reference> {
        Arc::clone(&self.reference)
    }

    /// The reference with the Framework of `version`: what a plan written against it is read and
    /// checked with.
    pub fn reference_of(&self, version: i32) -> Result<Arc<Reference>> {
        self.frameworks
            .iter()
            .find(|r| r.version == version)
            .cloned()
            .ok_or_else(|| Error::not_found(Thing::FrameworkVersion, version))
    }

    /// Every version of the Framework the workspace holds, oldest first.
    pub fn frameworks(&self) -> &[Arc<Reference>] {
        &self.frameworks
    }

    /// True when another program (a second window, `ascn-plan`) has committed a change to the
    /// workspace since the last call: the screen on show should be read again. This
    /// connection's own writes do not count.
    pub fn changed_elsewhere(&mut self) -> Result<bool> {
        let now = data_version(&self.conn)?;
        let changed = now != self.seen_data_version;
        self.seen_data_version = now;
        Ok(changed)
    }

    /// Runs `PRAGMA integrity_check` and returns the problems SQLite reports (none when sound).
    pub fn integrity_check(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        let problems: Vec<String> = rows
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .filter(|r| r != "ok")
            .collect();
        Ok(problems)
    }
}

/// The workspace path: the flag if given, else `$ASCN_WORKSPACE`, else the OS data directory.
pub fn resolve_path(flag: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(path) = flag {
        return Ok(path);
    }
    if let Some(path) = std::env::var_os(WORKSPACE_ENV).filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    let dirs =
        directories::ProjectDirs::from("org", "ASCN", "ASCN Action Planner").ok_or_else(|| {
            Error::io(
                "~",
                std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    "no home directory to keep the workspace in; pass --workspace PATH",
                ),
            )
        })?;
    Ok(dirs.data_dir().join("workspace.ascn"))
}

/// What a file must be to pass [`check_is_ours`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// A workspace, or an empty file to make one in.
    WorkspaceOrNew,
    /// A workspace with content: a backup to restore from.
    Workspace,
}

/// Tables every workspace has had since schema 1; a file of an earlier schema (before the
/// application id was set) is ours only if it has all of them.
const OUR_TABLES: &[&str] = &[
    "meta",
    "focus_area",
    "city",
    "plan",
    "project",
    "funding_line",
];

/// Refuses, with reads only, a file that is not SQLite, is another program's database, or comes
/// from a newer version of the app. Nothing is written before this passes, so a refused file is
/// left byte for byte as it was.
fn check_is_ours(conn: &Connection, path: &Path, expect: Expect) -> Result<()> {
    let not_ours = |reason: NotOurs| Error::NotAWorkspace {
        path: path.to_path_buf(),
        reason,
    };
    let another = || not_ours(NotOurs::AnotherProgram);
    let pragma = |name: &str| -> Result<i64> {
        conn.pragma_query_value(None, name, |r| r.get(0))
            .map_err(|e| not_ours(NotOurs::Unreadable(e.to_string())))
    };
    let version = pragma("user_version")?;
    let application_id = pragma("application_id")?;
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .and_then(|mut stmt| {
            stmt.query_map([], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()
        })
        .map_err(|e| not_ours(NotOurs::Unreadable(e.to_string())))?;
    match application_id {
        migrations::APPLICATION_ID => {}
        0 if tables.is_empty() && version == 0 => {
            return match expect {
                Expect::WorkspaceOrNew => Ok(()),
                Expect::Workspace => Err(not_ours(NotOurs::Empty)),
            };
        }
        // Schemas 1–4 had no application id: theirs are known by their tables.
        0 if (1..migrations::APPLICATION_ID_SINCE).contains(&version)
            && OUR_TABLES.iter().all(|t| tables.iter().any(|n| n == t)) => {}
        _ => return Err(another()),
    }
    if version > migrations::LATEST {
        return Err(Error::TooNew {
            path: path.to_path_buf(),
            found: version,
            supported: migrations::LATEST,
        });
    }
    Ok(())
}

/// SQLite's count of commits by other connections, as this one sees it.
fn data_version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "data_version", |r| r.get(0))?)
}

/// Seconds since the Unix epoch, for `created_at` / `updated_at` columns.
fn now() -> i64 {
    ascn_model::clock::unix_now()
}

/// A read-only connection on `path` (a missing file is an error, never created).
pub(crate) fn open_read_only(path: &Path) -> Result<Connection> {
    Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|source| Error::Open {
        path: path.to_path_buf(),
        source,
    })
}

#[cfg(test)]
mod tests {
    /// The bundled SQLite is built as `.cargo/config.toml` asks (`LIBSQLITE3_FLAGS`): without
    /// the global locks that kept plans read on several threads from being read side by side.
    /// A build run from outside the repository would miss that file's settings.
    #[test]
    fn sqlite_is_built_without_process_wide_locks() {
        let conn = rusqlite::Connection::open_in_memory().expect("in-memory database");
        let mut stmt = conn.prepare("PRAGMA compile_options").expect("pragma");
        let options: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .expect("options")
            .collect::<Result<_, _>>()
            .expect("options");
        assert!(
            options.iter().any(|o| o == "DEFAULT_MEMSTATUS=0"),
            "{options:?}"
        );
        assert!(
            !options.iter().any(|o| o == "ENABLE_MEMORY_MANAGEMENT"),
            "{options:?}"
        );
    }
}
