//! Rolling backups of the workspace with SQLite's online backup API, and restore from one.
//!
//! A backup is a consistent copy taken while the workspace is open, written beside the
//! workspace in `<name>-backups/` under a temporary name and renamed when whole. The app takes
//! one on open and every [`EVERY_MINUTES`] of editing and keeps the last [`KEEP`]; the CLI takes
//! one on demand. Restoring first backs up what is there now, so a restore can be undone.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, MAIN_DB};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{check_is_ours, Workspace};
use crate::clock;
use crate::error::{Error, Result};

/// How many backups are kept; older ones are deleted.
pub const KEEP: usize = 10;
/// How often the app backs up while a plan is being edited.
pub const EVERY_MINUTES: u64 = 10;

/// One backup file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BackupFile {
    #[ts(type = "string")]
    pub path: PathBuf,
    /// When it was taken, `YYYY-MM-DD HH:MM:SS` UTC (from its name).
    pub taken: String,
    #[ts(type = "number")]
    pub bytes: u64,
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The folder of a workspace's backups: `plans.ascn` → `plans-backups/` beside it.
pub fn folder_of(workspace: &Path) -> PathBuf {
    let stem = workspace
        .file_stem()
        .map_or("workspace".into(), |s| s.to_string_lossy().into_owned());
    workspace.with_file_name(format!("{stem}-backups"))
}

/// The backups of a workspace, newest first.
pub fn list(workspace: &Path) -> Result<Vec<BackupFile>> {
    let dir = folder_of(workspace);
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io(&dir)(e)),
    };
    let mut found = Vec::new();
    for entry in entries {
        let entry = entry.map_err(io(&dir))?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        // `backup-YYYY-MM-DD_HHMMSS[-nnn].ascn`; anything else in the folder is not ours.
        let Some(stamp) = name
            .strip_prefix("backup-")
            .and_then(|n| n.strip_suffix(".ascn"))
        else {
            continue;
        };
        let (date, rest) = stamp.split_once('_').unwrap_or((stamp, ""));
        let time = rest.get(..6).unwrap_or("000000");
        found.push(BackupFile {
            taken: format!("{date} {}:{}:{}", &time[..2], &time[2..4], &time[4..6]),
            bytes: entry.metadata().map_err(io(&path))?.len(),
            path,
        });
    }
    // By name without the extension: `…_101500` before `…_101500-002`, as they were taken.
    found.sort_by(|a, b| b.path.file_stem().cmp(&a.path.file_stem()));
    Ok(found)
}

impl Workspace {
    /// Rows written through this connection since it was opened: tells the app whether there
    /// has been editing since its last backup.
    pub fn rows_written(&self) -> u64 {
        self.conn.total_changes()
    }

    /// Takes a backup now and deletes all but the newest `keep`.
    pub fn back_up(&self, keep: usize) -> Result<BackupFile> {
        let dir = folder_of(&self.path);
        std::fs::create_dir_all(&dir).map_err(io(&dir))?;
        let (y, mo, d, h, mi, s) = clock::civil(clock::unix_now());
        let stem = format!("backup-{y:04}-{mo:02}-{d:02}_{h:02}{mi:02}{s:02}");
        // Several in one second are numbered after the highest taken that second (zero-padded,
        // so names sort in the order taken), never reusing the name of one pruned since.
        let last = list(&self.path)?
            .iter()
            .filter_map(|b| {
                let name = b.path.file_stem()?.to_str()?;
                match name.strip_prefix(&stem)? {
                    "" => Some(1),
                    n => n.strip_prefix('-')?.parse::<u32>().ok(),
                }
            })
            .max();
        let target = match last {
            None => dir.join(format!("{stem}.ascn")),
            Some(n) => dir.join(format!("{stem}-{:03}.ascn", n + 1)),
        };
        let partial = target.with_extension("partial");
        self.conn
            .backup(MAIN_DB, &partial, None)
            .map_err(|source| Error::Open {
                path: partial.clone(),
                source,
            })?;
        std::fs::rename(&partial, &target).map_err(io(&target))?;
        let all = list(&self.path)?;
        for old in all.iter().skip(keep) {
            std::fs::remove_file(&old.path).map_err(io(&old.path))?;
        }
        tracing::info!(path = %target.display(), "workspace backed up");
        list(&self.path)?
            .into_iter()
            .find(|b| b.path == target)
            .ok_or_else(|| Error::Conflict("the backup just taken is gone".into()))
    }
}

/// Checks that a file is an intact workspace this app can read, without writing to it.
fn check_backup(backup: &Path) -> Result<()> {
    let source = Connection::open_with_flags(backup, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(
        |source| Error::Open {
            path: backup.to_path_buf(),
            source,
        },
    )?;
    check_is_ours(&source, backup)?;
    let problems: String = source
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| Error::NotAWorkspace {
            path: backup.to_path_buf(),
            reason: e.to_string(),
        })?;
    if problems != "ok" {
        return Err(Error::NotAWorkspace {
            path: backup.to_path_buf(),
            reason: format!("it is damaged ({problems})"),
        });
    }
    Ok(())
}

impl Workspace {
    /// Replaces this workspace's content with a backup's, after backing up what is there now
    /// (returned). The backup is checked first (ours, not newer, intact); a bad one changes
    /// nothing. One from an earlier schema is migrated.
    pub fn restore_from(&mut self, backup: &Path) -> Result<BackupFile> {
        check_backup(backup)?;
        let safety = self.back_up(KEEP + 1)?;
        self.conn
            .restore(MAIN_DB, backup, None::<fn(rusqlite::backup::Progress)>)
            .map_err(|source| Error::Open {
                path: backup.to_path_buf(),
                source,
            })?;
        super::migrations::migrations().to_latest(&mut self.conn)?;
        super::reference::load_shipped_if_newer(&mut self.conn)?;
        self.reference = super::reference::read(&self.conn)?;
        tracing::info!(from = %backup.display(), "workspace restored");
        Ok(safety)
    }
}

/// Replaces the workspace file's content with a backup's; see [`Workspace::restore_from`].
pub fn restore(workspace: &Path, backup: &Path) -> Result<BackupFile> {
    // Checked before the workspace is even opened, so a bad backup leaves no trace.
    check_backup(backup)?;
    Workspace::open(workspace)?.restore_from(backup)
}
