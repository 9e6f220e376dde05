//! What the shell keeps between commands: the open workspace, or why it could not be opened,
//! and when it was last backed up.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, OnceLock};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use ascn_gis::basemap::Basemap;
use ascn_model::framework::Reference;
use ascn_model::geometry::layer::GisLayer;
use ascn_model::plan_file::PlanFile;
use ascn_model::rollup::Scope;
use ascn_model::says;
use ascn_model::{PlanDocument, PlanId};
use ascn_store::backup;
use ascn_store::{self as store, Workspace};

use crate::error::AppError;

struct Open {
    workspace: Workspace,
    /// When the last backup was started, and how many rows had been written by then.
    backed_up: (Instant, u64),
}

type Opened = Result<Mutex<Open>, AppError>;

pub struct AppState {
    /// The workspace, once the thread opening it has finished: the first command that needs it
    /// waits for that thread, so the window and its page start meanwhile.
    workspace: OnceLock<Opened>,
    opening: Mutex<Option<JoinHandle<Opened>>>,
    /// Why the last automatic backup failed, until one succeeds: the status bar shows it.
    backup_failure: Arc<Mutex<Option<String>>>,
    /// Told when the first screen is drawn: the start-up backup waits for it.
    first_screen: Mutex<Option<Sender<()>>>,
    /// Plan files as a preview checked them, so an import writes exactly what was previewed.
    staged: Mutex<Staged>,
    /// The workspace's basemap as last opened, by its file.
    basemap: Mutex<Option<(PathBuf, Arc<Basemap>)>>,
    /// When the shell started, for the log line of the first screen drawn.
    pub started: Instant,
    /// A plan file the app was started with (double-clicked, or `ascn-planner FILE`), until
    /// the UI takes it to show its import preview.
    pub opened_plan_file: Mutex<Option<PathBuf>>,
}

/// How long the start-up backup waits for the first screen at most (a page that never draws
/// one, as when the workspace cannot be read, still gets its backup).
const STARTUP_BACKUP_WAIT: Duration = Duration::from_secs(10);

/// Takes a rolling backup on a thread of its own, through a read-only connection: neither the
/// first screen nor any save waits for the copy. The start-up backup holds the workspace as it
/// was opened and copies it once the first screen is drawn (`after`): on a machine of two cores,
/// copying a large workspace slowed the window starting. A failure is logged and kept for the
/// status bar, never in the way of the user's work.
fn back_up_in_background(
    ws: &Workspace,
    failure: &Arc<Mutex<Option<String>>>,
    after: Option<Receiver<()>>,
) -> (Instant, u64) {
    let path = ws.path().to_path_buf();
    let failure = Arc::clone(failure);
    std::thread::spawn(move || {
        let taken = match after {
            None => backup::take(&path, backup::Reason::Rolling),
            // The copy is of the workspace as it was opened, whatever is saved before it runs.
            Some(first_screen) => backup::Snapshot::begin(&path).and_then(|snapshot| {
                // Drawn, timed out, or the shell gone: the backup is taken all the same.
                let _ = first_screen.recv_timeout(STARTUP_BACKUP_WAIT);
                let written = snapshot.write(backup::Reason::Rolling);
                // The start-up is over: what it used and freed goes back to the system.
                crate::memory::release_freed();
                written
            }),
        };
        let outcome = taken.err().map(|e| {
            tracing::warn!(error = %e, "backup failed");
            e.to_string()
        });
        *failure.lock().unwrap_or_else(|p| p.into_inner()) = outcome;
    });
    (Instant::now(), ws.rows_written())
}

fn no_longer_checked() -> AppError {
    AppError::new(
        crate::ErrorCode::Conflict,
        says!(
            errors: "noLongerChecked",
            "That file is no longer checked; choose it and press Check again."
        ),
    )
}

/// Plan files read by the last preview, by token. The path is not read again on import: another
/// program may have replaced the file since Check.
#[derive(Default)]
struct Staged {
    next: u64,
    files: HashMap<u64, PlanFile>,
    /// The GIS layer of the last district preview, by its token.
    layer: Option<(u64, Arc<GisLayer>)>,
}

impl AppState {
    /// Keeps the files of a new preview (forgetting those of the last one); their tokens.
    pub fn stage(&self, files: Vec<Option<PlanFile>>) -> Vec<Option<u64>> {
        let mut staged = self.staged.lock().unwrap_or_else(|p| p.into_inner());
        staged.files.clear();
        files
            .into_iter()
            .map(|file| {
                let file = file?;
                staged.next += 1;
                let token = staged.next;
                staged.files.insert(token, file);
                Some(token)
            })
            .collect()
    }

    /// A plan as one snapshot, and the reference with its version of the Framework, to render
    /// after the workspace is let go: the lock covers the read, never the drawing.
    pub fn snapshot(&self, plan: PlanId) -> Result<(Arc<PlanDocument>, Arc<Reference>), AppError> {
        self.with(|ws| {
            let doc = ws.document(plan)?;
            let reference = ws.reference_for(&doc.plan)?;
            Ok((doc, reference))
        })
    }

    /// The plans of a roll-up or annual report, and the framework reference, read under the
    /// lock, to draw after it is let go.
    pub fn plans_in(
        &self,
        scope: &Scope,
    ) -> Result<(Vec<Arc<PlanDocument>>, Arc<Reference>), AppError> {
        self.with(|ws| Ok((ws.plans_in(scope)?, ws.shared_reference())))
    }

    /// The workspace's basemap, opened once per file. One that cannot be opened (moved, on a
    /// drive not plugged in) is logged and the maps are drawn without it; the map screen says
    /// so through `basemap_info`.
    pub fn basemap(&self) -> Result<Option<Arc<Basemap>>, AppError> {
        let Some(file) = self.with(|ws| ws.basemap())? else {
            return Ok(None);
        };
        let mut cached = self.basemap.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((path, tiles)) = cached.as_ref() {
            if *path == file {
                return Ok(Some(Arc::clone(tiles)));
            }
        }
        match Basemap::open(&file) {
            Ok(tiles) => {
                let tiles = Arc::new(tiles);
                *cached = Some((file, Arc::clone(&tiles)));
                Ok(Some(tiles))
            }
            Err(e) => {
                tracing::warn!(error = %e, file = %file.display(), "basemap cannot be opened");
                Ok(None)
            }
        }
    }

    /// Keeps the layer a GIS preview read (forgetting the last one); its token.
    pub fn stage_layer(&self, layer: GisLayer) -> u64 {
        let mut staged = self.staged.lock().unwrap_or_else(|p| p.into_inner());
        staged.next += 1;
        let token = staged.next;
        staged.layer = Some((token, Arc::new(layer)));
        token
    }

    /// The layer a GIS preview staged under `token`.
    pub fn staged_layer(&self, token: u64) -> Result<Arc<GisLayer>, AppError> {
        let staged = self.staged.lock().unwrap_or_else(|p| p.into_inner());
        match &staged.layer {
            Some((t, layer)) if *t == token => Ok(Arc::clone(layer)),
            _ => Err(no_longer_checked()),
        }
    }

    /// The file a preview staged under `token`.
    pub fn staged(&self, token: u64) -> Result<PlanFile, AppError> {
        let staged = self.staged.lock().unwrap_or_else(|p| p.into_inner());
        staged
            .files
            .get(&token)
            .cloned()
            .ok_or_else(no_longer_checked)
    }

    /// Starts opening the workspace (migrations, a new one's schema) on a thread of its own, so
    /// the window does not wait for it, and backing it up once the first screen is drawn; a
    /// failure is kept and shown by the UI rather than crashing the app.
    pub fn open(flag: Option<PathBuf>, plan_file: Option<PathBuf>) -> Self {
        let started = Instant::now();
        let backup_failure: Arc<Mutex<Option<String>>> = Arc::default();
        let failure = Arc::clone(&backup_failure);
        let (first_screen, drawn) = mpsc::channel();
        let opening = std::thread::spawn(move || {
            store::resolve_path(flag)
                .and_then(Workspace::open)
                .map(|workspace| {
                    tracing::info!(path = %workspace.path().display(), "workspace opened");
                    let backed_up = back_up_in_background(&workspace, &failure, Some(drawn));
                    Mutex::new(Open {
                        workspace,
                        backed_up,
                    })
                })
                .map_err(|e| {
                    tracing::error!(error = %e, "workspace could not be opened");
                    AppError::from(e)
                })
        });
        AppState {
            workspace: OnceLock::new(),
            opening: Mutex::new(Some(opening)),
            backup_failure,
            first_screen: Mutex::new(Some(first_screen)),
            staged: Mutex::default(),
            basemap: Mutex::default(),
            started,
            opened_plan_file: Mutex::new(plan_file),
        }
    }

    /// The open workspace, or why it could not be opened: waits for the thread opening it.
    fn opened(&self) -> &Opened {
        self.workspace.get_or_init(|| {
            let opening = self
                .opening
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .take();
            match opening.map(JoinHandle::join) {
                Some(Ok(opened)) => opened,
                // The thread panicked; `get_or_init` runs once, so there is no second handle.
                Some(Err(_)) | None => Err(crate::error::internal(&std::io::Error::other(
                    "the workspace could not be opened",
                ))),
            }
        })
    }

    /// Runs `f` on the workspace, one command at a time; backs up after it when there has been
    /// editing for [`backup::EVERY_MINUTES`] since the last backup.
    pub fn with<T>(
        &self,
        f: impl FnOnce(&mut Workspace) -> ascn_store::Result<T>,
    ) -> Result<T, AppError> {
        let mutex = self.opened().as_ref().map_err(Clone::clone)?;
        // A panic in an earlier command poisons the lock; the connection itself is still sound
        // because every write is a transaction that rolled back.
        let mut open = mutex
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let result = f(&mut open.workspace).map_err(AppError::from);
        let (at, rows) = open.backed_up;
        if at.elapsed() >= Duration::from_secs(backup::EVERY_MINUTES * 60)
            && open.workspace.rows_written() > rows
        {
            open.backed_up = back_up_in_background(&open.workspace, &self.backup_failure, None);
        }
        result
    }

    /// The page has drawn its first screen: the start-up backup may begin.
    pub fn first_screen_drawn(&self) {
        if let Some(first_screen) = self
            .first_screen
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take()
        {
            // The backup thread may be gone already (timed out): nothing is waiting then.
            let _ = first_screen.send(());
        }
    }

    /// Why the last automatic backup failed, until one succeeds.
    pub fn backup_failure(&self) -> Option<String> {
        self.backup_failure
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }
}

/// Runs `work` on a blocking thread, off the async runtime that answers the window: reading
/// files, rendering and writing never hold up another command.
pub async fn off_runtime<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, AppError> + Send + 'static,
) -> Result<T, AppError> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| crate::error::internal(&e))?
}

#[cfg(test)]
mod tests {
    use super::*;

    fn backups(workspace: &std::path::Path) -> usize {
        backup::list(workspace).map_or(0, |b| b.len())
    }

    #[test]
    fn the_start_up_backup_is_taken_once_the_first_screen_is_drawn() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("office.ascn");
        let state = AppState::open(Some(path.clone()), None);
        state.with(|_| Ok(())).expect("the workspace opens");
        std::thread::sleep(Duration::from_millis(500));
        // Saved after the app opened, before the first screen: not in the start-up backup.
        state
            .with(|ws| {
                let city = ws.city_by_name("Da Nang")?;
                ws.remember_city(city.id)
            })
            .expect("a write");
        assert_eq!(backups(&path), 0, "no copy while the window starts");
        state.first_screen_drawn();
        let deadline = Instant::now() + Duration::from_secs(10);
        while backups(&path) == 0 {
            assert!(
                Instant::now() < deadline,
                "no backup after the first screen"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        assert_eq!(state.backup_failure(), None);
        let copy = &backup::list(&path).expect("backups")[0].path;
        let copy = Workspace::open(copy).expect("the backup opens");
        assert_eq!(
            copy.last_city().expect("read"),
            None,
            "as the app opened it"
        );
    }
}
