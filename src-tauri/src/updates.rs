//! Updates, only when the user asks for them: from a URL (an https static manifest, as the
//! release workflow publishes it) or from a folder (a shared drive or a USB stick holding the same
//! `latest.json` beside the installers, for offices without internet). Nothing is contacted
//! otherwise. Either way the installer is read in full and its signature checked against the
//! app's public key before the update is offered; one that does not verify is refused.
//!
//! The Tauri updater plugin does the checking, the verifying and the installing; this module
//! only finds the manifest and the installer.

use std::path::{Path, PathBuf};

use ascn_model::says;
use serde::Serialize;
use tauri::{AppHandle, Runtime};
use tauri_plugin_updater::{Update, UpdaterExt};
use ts_rs::TS;

use crate::{AppError, ErrorCode};

/// The manifest's name in an update folder (the same file the release publishes).
pub const MANIFEST: &str = "latest.json";

/// The largest installer read from a folder (the Windows one, with WebView2, is about 140 MB).
const MAX_INSTALLER_BYTES: u64 = 1024 * 1024 * 1024;

/// Where updates come from.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    Url(url::Url),
    Folder(PathBuf),
}

impl Source {
    /// An `https://` (or, for a test server, `http://`) address, or a folder that exists.
    pub fn parse(text: &str) -> Result<Source, AppError> {
        let text = text.trim();
        if text.starts_with("https://") || text.starts_with("http://") {
            return url::Url::parse(text).map(Source::Url).map_err(|e| {
                AppError::new(
                    ErrorCode::Validation,
                    says!(
                        errors: "notAnAddress",
                        "'{text}' is not an address: {reason}",
                        text = text,
                        reason = e
                    ),
                )
            });
        }
        let folder = PathBuf::from(text);
        if text.is_empty() || !folder.is_dir() {
            return Err(AppError::new(
                ErrorCode::File,
                says!(
                    errors: "notASource",
                    "'{text}' is neither an https:// address nor a folder on this computer",
                    text = text
                ),
            ));
        }
        Ok(Source::Folder(folder))
    }
}

/// An update that was found and whose installer verified.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct UpdateOffer {
    pub version: String,
    pub current_version: String,
    pub notes: Option<String>,
    /// When it was published, as the manifest says.
    pub date: Option<String>,
}

/// An offered update and its installer, verified, waiting for the user to install it.
pub struct Pending {
    update: Update,
    installer: Vec<u8>,
}

impl Pending {
    /// Installs the update (the plugin verifies the installer once more first). On Windows the
    /// installer takes over and the app exits; elsewhere the caller restarts the app.
    pub fn install(self) -> Result<(), AppError> {
        self.update.install(&self.installer).map_err(|e| {
            AppError::new(
                ErrorCode::Internal,
                says!(
                    errors: "installFailed",
                    "The update could not be installed: {reason}",
                    reason = e
                ),
            )
        })
    }
}

/// Looks for a newer version at `source`; `None` when the app is up to date.
pub async fn check<R: Runtime>(
    app: &AppHandle<R>,
    source: &Source,
) -> Result<Option<(UpdateOffer, Pending)>, AppError> {
    let has_key = app
        .config()
        .plugins
        .0
        .get("updater")
        .and_then(|c| c.get("pubkey"))
        .and_then(|k| k.as_str())
        .is_some_and(|k| !k.trim().is_empty());
    if !has_key {
        return Err(AppError::new(
            ErrorCode::Conflict,
            says!(
                errors: "noUpdateKey",
                "This copy of the app was built without the release's update key, so it cannot tell a genuine update from a forged one: install new versions from the Releases page."
            ),
        ));
    }
    let (update, installer) = match source {
        Source::Url(url) => {
            let updater = app
                .updater_builder()
                .endpoints(vec![url.clone()])
                .and_then(|b| b.build())
                .map_err(|e| failed(url.as_str(), e))?;
            let Some(update) = updater.check().await.map_err(|e| failed(url.as_str(), e))? else {
                return Ok(None);
            };
            // Downloading verifies the signature: an installer that does not is never offered.
            let installer = update
                .download(|_, _| {}, || {})
                .await
                .map_err(|e| refused(&update.version, url.as_str(), e))?;
            (update, installer)
        }
        Source::Folder(folder) => {
            let where_ = folder.display().to_string();
            let manifest = read_manifest(folder)?;
            // The plugin wants an endpoint even when it is handed the manifest: one on a domain
            // that cannot resolve, never asked for.
            let unused = url::Url::parse("https://folder.invalid/latest.json")
                .map_err(|e| crate::error::internal(&e))?;
            let updater = app
                .updater_builder()
                .endpoints(vec![unused])
                .and_then(|b| b.build())
                .map_err(|e| failed(&where_, e))?;
            let Some(update) = updater
                .restore_update(manifest)
                .map_err(|e| failed(&where_, e))?
            else {
                return Ok(None);
            };
            let installer = read_installer(folder, &update)?;
            update
                .verify(&installer)
                .map_err(|e| refused(&update.version, &where_, e))?;
            (update, installer)
        }
    };
    let offer = UpdateOffer {
        version: update.version.clone(),
        current_version: update.current_version.clone(),
        notes: update.body.clone(),
        date: update.date.map(|d| d.to_string()),
    };
    Ok(Some((offer, Pending { update, installer })))
}

fn read_manifest(folder: &Path) -> Result<serde_json::Value, AppError> {
    let path = folder.join(MANIFEST);
    if !path.is_file() {
        return Err(AppError::new(
            ErrorCode::File,
            says!(
                errors: "noManifest",
                "{folder} holds no update: an update folder has the release's {manifest} beside its installers",
                folder = folder.display(),
                manifest = MANIFEST
            ),
        ));
    }
    let text = ascn_formats::import::read_text(&path, 1024 * 1024)?;
    serde_json::from_str(&text).map_err(|e| {
        AppError::new(
            ErrorCode::File,
            says!(
                errors: "notAManifest",
                "{path} is not an update manifest: {reason}",
                path = path.display(),
                reason = e
            ),
        )
    })
}

/// The installer the manifest names, by the last part of its address, from the folder; a name
/// that would leave the folder (`..`, a separator hidden as `%2F`, a drive) names none.
fn read_installer(folder: &Path, update: &Update) -> Result<Vec<u8>, AppError> {
    let segment = update
        .download_url
        .path_segments()
        .and_then(|mut s| s.next_back())
        .unwrap_or_default();
    let name = percent_encoding::percent_decode_str(segment).decode_utf8_lossy();
    if name.is_empty() || name.contains(['/', '\\', ':']) || name == "." || name == ".." {
        return Err(AppError::new(
            ErrorCode::File,
            says!(
                errors: "noInstaller",
                "the manifest's address {address} names no installer file in the folder",
                address = update.download_url
            ),
        ));
    }
    Ok(ascn_formats::import::read_bytes(
        &folder.join(name.as_ref()),
        MAX_INSTALLER_BYTES,
    )?)
}

fn failed(source: &str, e: tauri_plugin_updater::Error) -> AppError {
    AppError::new(
        ErrorCode::File,
        says!(
            errors: "updateUnreadable",
            "no update could be read from {source}: {reason}",
            source = source,
            reason = e
        ),
    )
}

fn refused(version: &str, source: &str, e: tauri_plugin_updater::Error) -> AppError {
    AppError::new(
        ErrorCode::Conflict,
        says!(
            errors: "updateRefused",
            "the update to version {version} from {source} was refused: its installer is not signed with ASCN Action Planner's key ({reason}). Nothing was installed.",
            version = version,
            source = source,
            reason = e
        ),
    )
}
