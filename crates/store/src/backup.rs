//! Backups of the workspace with SQLite's online backup API, and restore from one.
//!
//! A backup is a consistent copy taken while the workspace is open, written beside the
//! workspace in `<name>-backups/` under a temporary name and renamed when whole (a failed one
//! leaves no `.partial` file). Its name says when it was taken, in the user's local time, and
//! why: `backup-2026-11-30_101500.ascn` is a rolling one (the app takes one on open and every
//! [`EVERY_MINUTES`] of editing); `…-before-restore`, `…-before-import` and `…-by-hand` are kept
//! until the user deletes them. Rolling backups are thinned by age ([`prune`]): all of the last
//! day, the newest of each day for a month, the newest of each month before that.
//!
//! Restoring first takes a `before-restore` backup of what is there now, so a restore can be
//! undone, copies from the chosen file opened read-only, and only then thins the folder.

use crate::error::NotOurs;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

use jiff::civil::DateTime;
use jiff::ToSpan;
use rusqlite::{Connection, MAIN_DB};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{check_is_ours, Expect, Workspace};
use crate::error::{Error, Result};

/// How often the app backs up while a plan is being edited.
pub const EVERY_MINUTES: u64 = 10;
/// A `.partial` file older than this is what a crashed backup left, and is removed.
const STALE_PARTIAL_MINUTES: u64 = 30;

/// Why a backup was taken; all but [`Reason::Rolling`] are kept until the user deletes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, rename = "BackupReason")]
pub enum Reason {
    /// On opening the workspace and while editing; thinned by age.
    Rolling,
    /// Asked for by the user (`backup create`, *Back up now*).
    ByHand,
    /// What was there before a backup was restored over it.
    BeforeRestore,
    /// What was there before an imported plan replaced one.
    BeforeImport,
}

impl Reason {
    const ALL: [Reason; 4] = [
        Reason::Rolling,
        Reason::ByHand,
        Reason::BeforeRestore,
        Reason::BeforeImport,
    ];

    /// Kept until the user deletes it, never thinned by age.
    pub fn is_kept(self) -> bool {
        self != Reason::Rolling
    }

    /// The end of the file name that says why it was taken.
    fn suffix(self) -> &'static str {
        match self {
            Reason::Rolling => "",
            Reason::ByHand => "-by-hand",
            Reason::BeforeRestore => "-before-restore",
            Reason::BeforeImport => "-before-import",
        }
    }
}

/// One backup file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BackupFile {
    #[ts(type = "string")]
    pub path: PathBuf,
    /// When it was taken, `YYYY-MM-DD HH:MM:SS` in the user's local time (from its name).
    pub taken: String,
    pub reason: Reason,
    #[ts(type = "number")]
    pub bytes: u64,
}

/// A backup's name read back: when, the number within that second, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Name {
    taken: DateTime,
    sequence: u32,
    reason: Reason,
}

impl Name {
    /// The backup this name is of, at `path`.
    fn file(self, path: PathBuf, bytes: u64) -> BackupFile {
        BackupFile {
            taken: self.taken.strftime("%Y-%m-%d %H:%M:%S").to_string(),
            reason: self.reason,
            bytes,
            path,
        }
    }
}

const STAMP: &str = "%Y-%m-%d_%H%M%S";

/// Reads `backup-YYYY-MM-DD_HHMMSS[-nnn][-why].ascn`; any other name (whatever its characters)
/// is not a backup of ours and gives `None`.
fn parse_name(file_name: &str) -> Option<Name> {
    let body = file_name.strip_prefix("backup-")?.strip_suffix(".ascn")?;
    // `get` rather than slicing: a name with multi-byte characters is simply not ours.
    let stamp = body.get(..17)?;
    let taken = DateTime::strptime(STAMP, stamp).ok()?;
    let mut rest = body.get(17..)?;
    let mut sequence = 0;
    if let Some(number) = rest
        .strip_prefix('-')
        .and_then(|r| r.get(..3))
        .filter(|n| n.bytes().all(|b| b.is_ascii_digit()))
    {
        sequence = number.parse().ok()?;
        rest = &rest[4..];
    }
    let reason = Reason::ALL.into_iter().find(|r| r.suffix() == rest)?;
    Some(Name {
        taken,
        sequence,
        reason,
    })
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::io(path, source)
}

/// The folder of a workspace's backups: `plans.ascn` → `plans-backups/` beside it.
pub fn folder_of(workspace: &Path) -> PathBuf {
    let stem = workspace
        .file_stem()
        .map_or("workspace".into(), |s| s.to_string_lossy().into_owned());
    workspace.with_file_name(format!("{stem}-backups"))
}

/// The backups of a workspace with their names read, newest first.
fn scan(workspace: &Path) -> Result<Vec<(Name, BackupFile)>> {
    let dir = folder_of(workspace);
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io(&dir)(e)),
    };
    let mut found = Vec::new();
    for entry in entries {
        let entry = entry.map_err(io(&dir))?;
        let Some(name) = entry.file_name().to_str().and_then(parse_name) else {
            continue;
        };
        let path = entry.path();
        // A file deleted meanwhile (by another program's pruning) is simply not listed.
        let Ok(meta) = entry.metadata() else {
            continue;
        };
        found.push((name, name.file(path, meta.len())));
    }
    found.sort_by_key(|b| std::cmp::Reverse(b.0));
    Ok(found)
}

/// The backups of a workspace, newest first.
pub fn list(workspace: &Path) -> Result<Vec<BackupFile>> {
    Ok(scan(workspace)?.into_iter().map(|(_, b)| b).collect())
}

/// Which rolling backups to keep, by age at `now`: every one of the last day, the newest of each
/// day of the last 30, the newest of each month before. Kept backups are never thinned.
fn to_delete(backups: &[(Name, BackupFile)], now: DateTime) -> Vec<PathBuf> {
    let day_ago = now.checked_sub(1.day()).unwrap_or(now);
    let month_ago = now.checked_sub(30.days()).unwrap_or(now);
    let mut seen_days = HashSet::new();
    let mut seen_months = HashSet::new();
    // Newest first, so the first of each day or month seen is the one kept.
    backups
        .iter()
        .filter(|(name, _)| name.reason == Reason::Rolling)
        .filter(|(name, _)| {
            let t = name.taken;
            let keep = if t >= day_ago {
                true
            } else if t >= month_ago {
                seen_days.insert(t.date())
            } else {
                seen_months.insert((t.year(), t.month()))
            };
            !keep
        })
        .map(|(_, b)| b.path.clone())
        .collect()
}

/// Thins the rolling backups by age, never touching `in_use`, and removes `.partial` files
/// that a crashed backup left behind.
pub fn prune(workspace: &Path, in_use: Option<&Path>) -> Result<()> {
    let backups = scan(workspace)?;
    for path in to_delete(&backups, ascn_model::clock::now_local().datetime()) {
        if Some(path.as_path()) == in_use {
            continue;
        }
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io(&path)(e)),
        }
    }
    let dir = folder_of(workspace);
    if let Ok(entries) = std::fs::read_dir(&dir) {
        let stale = std::time::Duration::from_secs(STALE_PARTIAL_MINUTES * 60);
        for entry in entries.flatten() {
            let path = entry.path();
            let is_partial = path.extension().is_some_and(|e| e == "partial");
            let old = entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age >= stale);
            if is_partial && old {
                let _ = std::fs::remove_file(&path);
            }
        }
    }
    Ok(())
}

/// Deletes one backup of this workspace, kept or not (the user's choice).
pub fn delete(workspace: &Path, backup: &Path) -> Result<()> {
    let known = scan(workspace)?.into_iter().any(|(_, b)| b.path == backup);
    if !known {
        return Err(Error::NotAWorkspace {
            path: backup.to_path_buf(),
            reason: NotOurs::NotThisWorkspacesBackup,
        });
    }
    std::fs::remove_file(backup).map_err(io(backup))
}

impl Workspace {
    /// Rows written through this connection since it was opened: tells the app whether there
    /// has been editing since its last backup.
    pub fn rows_written(&self) -> u64 {
        self.conn.total_changes()
    }

    /// Takes a backup now and thins the rolling ones (see [`prune`]).
    pub fn back_up(&self, reason: Reason) -> Result<BackupFile> {
        let taken = self.write_backup(reason)?;
        prune(&self.path, None)?;
        Ok(taken)
    }

    /// Writes a backup without thinning the folder.
    fn write_backup(&self, reason: Reason) -> Result<BackupFile> {
        write_backup(&self.conn, &self.path, reason)
    }
}

/// Takes a backup of the workspace at `workspace` through a read-only connection of its own,
/// and thins the rolling ones: what the app runs on a thread of its own, so no write waits for
/// the copy.
pub fn take(workspace: &Path, reason: Reason) -> Result<BackupFile> {
    Snapshot::begin(workspace)?.write(reason)
}

/// The workspace as it was when the snapshot began, held by a read transaction on a read-only
/// connection of its own, to be copied into a backup later: the app begins one as it opens the
/// workspace and copies it once the first screen is drawn, and what is written meanwhile (WAL
/// lets writes go on beside the read) is not in it.
pub struct Snapshot {
    conn: Connection,
    workspace: PathBuf,
}

impl Snapshot {
    pub fn begin(workspace: &Path) -> Result<Snapshot> {
        let conn = super::open_read_only(workspace)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // A read transaction fixes its snapshot at its first read; the backup copies within it.
        conn.execute_batch("BEGIN")?;
        conn.query_row("SELECT count(*) FROM sqlite_schema", [], |_| Ok(()))?;
        Ok(Snapshot {
            conn,
            workspace: workspace.to_path_buf(),
        })
    }

    /// Writes the backup of what the workspace held when the snapshot began, and thins the
    /// rolling backups.
    pub fn write(self, reason: Reason) -> Result<BackupFile> {
        let taken = write_backup(&self.conn, &self.workspace, reason)?;
        prune(&self.workspace, None)?;
        Ok(taken)
    }
}

/// Copies the database `conn` reads into a new backup of `workspace`, named for `reason`.
fn write_backup(conn: &Connection, workspace: &Path, reason: Reason) -> Result<BackupFile> {
    let dir = folder_of(workspace);
    std::fs::create_dir_all(&dir).map_err(io(&dir))?;
    let stamp = ascn_model::clock::now_local().strftime(STAMP).to_string();
    // Several in one second are numbered after the highest taken that second, never
    // reusing the name of one deleted since.
    let existing = scan(workspace)?;
    let same_second = existing
        .iter()
        .filter(|(name, _)| name.taken.strftime(STAMP).to_string() == stamp)
        .map(|(name, _)| name.sequence + 1)
        .max();
    let stem = match same_second {
        None => format!("backup-{stamp}"),
        Some(n) => format!("backup-{stamp}-{n:03}"),
    };
    let target = dir.join(format!("{stem}{}.ascn", reason.suffix()));
    let partial = target.with_extension("partial");
    let written = conn
        .backup(MAIN_DB, &partial, None)
        .map_err(|source| Error::Open {
            path: partial.clone(),
            source,
        })
        .and_then(|()| std::fs::rename(&partial, &target).map_err(io(&target)));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }
    tracing::info!(path = %target.display(), "workspace backed up");
    let bytes = std::fs::metadata(&target).map_err(io(&target))?.len();
    let name = target
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(parse_name)
        .ok_or_else(|| {
            Error::conflict(ascn_model::says!(
                errors: "backupNameUnreadable",
                "the backup just taken has a name it cannot read"
            ))
        })?;
    Ok(name.file(target, bytes))
}

/// Opens a backup read-only (a missing file is an error, never created) and checks that it is
/// an intact workspace this app can read.
fn open_backup(backup: &Path) -> Result<Connection> {
    let source = super::open_read_only(backup)?;
    check_is_ours(&source, backup, Expect::Workspace)?;
    let problems: String = source
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| Error::NotAWorkspace {
            path: backup.to_path_buf(),
            reason: NotOurs::Unreadable(e.to_string()),
        })?;
    if problems != "ok" {
        return Err(Error::NotAWorkspace {
            path: backup.to_path_buf(),
            reason: NotOurs::Damaged(problems),
        });
    }
    Ok(source)
}

impl Workspace {
    /// Replaces this workspace's content with a backup's, after backing up what is there now
    /// (returned, and kept until deleted). The backup is checked first (ours, not newer,
    /// intact); a bad one changes nothing. One from an earlier schema is migrated. The folder
    /// is thinned only after the restore, and never of the file restored from.
    pub fn restore_from(&mut self, backup: &Path) -> Result<BackupFile> {
        let source = open_backup(backup)?;
        let safety = self.write_backup(Reason::BeforeRestore)?;
        {
            let copy = rusqlite::backup::Backup::new(&source, &mut self.conn).map_err(|e| {
                Error::Open {
                    path: backup.to_path_buf(),
                    source: e,
                }
            })?;
            copy.run_to_completion(256, std::time::Duration::ZERO, None)
                .map_err(|e| Error::Open {
                    path: backup.to_path_buf(),
                    source: e,
                })?;
        }
        drop(source);
        // The backup API writes pages, not rows: no change count tells the cache.
        self.forget_documents();
        super::migrations::to_latest(&mut self.conn)?;
        super::reference::load_shipped_if_newer(&mut self.conn)?;
        self.reference = std::sync::Arc::new(super::reference::read(&self.conn)?);
        self.frameworks = super::reference::read_all(&self.conn, &self.reference)?;
        tracing::info!(from = %backup.display(), "workspace restored");
        prune(&self.path, Some(backup))?;
        Ok(safety)
    }
}

/// Replaces the workspace file's content with a backup's; see [`Workspace::restore_from`].
pub fn restore(workspace: &Path, backup: &Path) -> Result<BackupFile> {
    // Checked before the workspace is even opened, so a bad backup leaves no trace.
    drop(open_backup(backup)?);
    Workspace::open(workspace)?.restore_from(backup)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime {
        text.parse().unwrap()
    }

    #[test]
    fn names_are_read_strictly_and_never_panic() {
        let name = parse_name("backup-2026-11-30_101500-002-before-restore.ascn").unwrap();
        assert_eq!(name.taken, at("2026-11-30T10:15:00"));
        assert_eq!((name.sequence, name.reason), (2, Reason::BeforeRestore));
        assert_eq!(
            parse_name("backup-2026-11-30_101500.ascn").map(|n| n.reason),
            Some(Reason::Rolling)
        );
        for other in [
            "backup-ĐàNẵng-2026-11-30.ascn",
            "backup-2026-11-30_1015ấ.ascn",
            "backup-2026-02-31_101500.ascn",
            "backup-2026-11-30_101500-later.ascn",
            "backup-2026-11-30_101500-0ấ.ascn",
            "backup-.ascn",
            "backup-2026-11-30.ascn",
            "notes.txt",
        ] {
            assert_eq!(parse_name(other), None, "{other}");
        }
    }

    #[test]
    fn rolling_backups_thin_by_age_and_kept_ones_stay() {
        let now = at("2026-11-30T12:00:00");
        let file = |name: &str| {
            let parsed = parse_name(name).unwrap();
            (parsed, parsed.file(PathBuf::from(name), 0))
        };
        let mut backups = vec![
            file("backup-2026-11-30_110000.ascn"),
            file("backup-2026-11-30_100000.ascn"),
            file("backup-2026-11-29_130000.ascn"),
            // Yesterday, more than a day ago: one per day.
            file("backup-2026-11-29_110000.ascn"),
            file("backup-2026-11-29_100000.ascn"),
            file("backup-2026-11-20_100000.ascn"),
            // Before the last 30 days: one per month.
            file("backup-2026-09-20_100000.ascn"),
            file("backup-2026-09-02_100000.ascn"),
            file("backup-2025-01-01_100000-before-import.ascn"),
            file("backup-2025-01-01_090000-before-restore.ascn"),
        ];
        backups.sort_by_key(|b| std::cmp::Reverse(b.0));
        let deleted = to_delete(&backups, now);
        assert_eq!(
            deleted,
            vec![
                PathBuf::from("backup-2026-11-29_100000.ascn"),
                PathBuf::from("backup-2026-09-02_100000.ascn"),
            ]
        );
    }
}
