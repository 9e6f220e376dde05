//! An online source of raster tiles (XYZ: `https://…/{z}/{x}/{y}.png`), off until the planner
//! sets one: the tiles are fetched here, on the Rust side, never by the webview, and kept in a
//! cache on this computer, so a map drawn once is drawn again without the network.

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use ascn_model::error::Result;
use ascn_model::says;

use crate::refused;

/// Largest tile accepted from a server: a raster tile is tens of kilobytes.
const MAX_TILE_BYTES: u64 = 4 * 1024 * 1024;

/// What an address of tiles looks like.
const EXAMPLE: &str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

/// How long after a failed request the network is left alone.
const RETRY_AFTER: Duration = Duration::from_secs(30);

/// Deepest zoom asked of a source: street level.
pub const MAX_ZOOM: u8 = 19;

/// Whether a basemap setting names an online source rather than a file.
pub fn is_online(setting: &str) -> bool {
    let lower = setting.trim_start().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

pub struct OnlineTiles {
    /// The address with `{z}`, `{x}` and `{y}` (and optionally `{s}`) to fill in.
    template: String,
    pub host: String,
    pub attribution: String,
    cache: PathBuf,
    agent: ureq::Agent,
    /// When a request last failed: for a while after, maps are drawn from the cache only, so a
    /// computer without the network does not wait for every tile in turn.
    failed_at: Mutex<Option<Instant>>,
}

impl OnlineTiles {
    /// Reads a setting `https://host/{z}/{x}/{y}.png#attribution`; the part after `#` (never
    /// sent to the server) is what must be printed on every map drawn with it. Fetches nothing.
    pub fn new(setting: &str) -> Result<OnlineTiles> {
        let (template, attribution) = setting
            .trim()
            .split_once('#')
            .unwrap_or((setting.trim(), ""));
        let attribution = attribution.trim();
        let rest = template
            .split_once("://")
            .map(|(_, rest)| rest)
            .unwrap_or_default();
        let host = rest.split('/').next().unwrap_or_default().to_string();
        if host.is_empty() || !["{z}", "{x}", "{y}"].iter().all(|p| template.contains(p)) {
            return Err(refused(says!(
                "notATileAddress",
                "'{address}' is not a tile address: it needs the zoom, column and row in it, as \
                 in {example}",
                address = template,
                example = EXAMPLE
            )));
        }
        if attribution.is_empty() {
            return Err(refused(says!(
                "attributionRequired",
                "give the source's attribution after #, as in {example}#© OpenStreetMap \
                 contributors: it is printed on every map drawn with it",
                example = EXAMPLE
            )));
        }
        let agent = ureq::Agent::config_builder()
            .timeout_connect(Some(Duration::from_secs(4)))
            .timeout_global(Some(Duration::from_secs(15)))
            .user_agent(concat!(
                "ASCN-Action-Planner/",
                env!("CARGO_PKG_VERSION"),
                " (offline-first planning app of the ASEAN Smart Cities Network)"
            ))
            .http_status_as_error(false)
            // The system's trust store: an office behind its own TLS inspection has its root
            // there, not in a list built into the app.
            .tls_config(
                ureq::tls::TlsConfig::builder()
                    .root_certs(ureq::tls::RootCerts::PlatformVerifier)
                    .build(),
            )
            .build()
            .into();
        Ok(OnlineTiles {
            cache: cache_dir(template),
            template: template.to_string(),
            host,
            attribution: attribution.to_string(),
            agent,
            failed_at: Mutex::new(None),
        })
    }

    /// Fetches the world tile, to tell the planner at once whether the source answers.
    pub fn check(&self) -> Result<()> {
        match self.fetch(0, 0, 0) {
            Ok(Some(_)) => Ok(()),
            Ok(None) => Err(refused(says!(
                "noTileFromSource",
                "{host} gave no image for the world tile (0/0/0); check the address",
                host = self.host
            ))),
            Err(reason) => Err(refused(says!(
                "sourceUnreachable",
                "{host} cannot be reached: {reason}",
                host = self.host,
                reason = reason
            ))),
        }
    }

    fn file(&self, z: u8, x: u32, y: u32) -> PathBuf {
        self.cache
            .join(z.to_string())
            .join(x.to_string())
            .join(y.to_string())
    }

    /// The tile from the server: `Ok(None)` when it answers without an image (a tile outside
    /// its coverage), `Err` when it cannot be reached.
    fn fetch(&self, z: u8, x: u32, y: u32) -> std::result::Result<Option<Vec<u8>>, String> {
        let url = self
            .template
            .replace("{z}", &z.to_string())
            .replace("{x}", &x.to_string())
            .replace("{y}", &y.to_string())
            .replace("{s}", "a");
        let mut response = self.agent.get(&url).call().map_err(|e| e.to_string())?;
        if response.status() != 200 {
            return Ok(None);
        }
        let bytes = response
            .body_mut()
            .with_config()
            .limit(MAX_TILE_BYTES)
            .read_to_vec()
            .map_err(|e| e.to_string())?;
        Ok(is_image(&bytes).then_some(bytes))
    }
}

impl ascn_formats::map::TileSource for OnlineTiles {
    fn tile(&self, z: u8, x: u32, y: u32) -> Option<Vec<u8>> {
        let file = self.file(z, x, y);
        if let Ok(bytes) = std::fs::read(&file) {
            return Some(bytes);
        }
        let failed_at = || self.failed_at.lock().unwrap_or_else(|p| p.into_inner());
        if failed_at().is_some_and(|at| at.elapsed() < RETRY_AFTER) {
            return None;
        }
        match self.fetch(z, x, y) {
            Ok(Some(bytes)) => {
                keep(&file, &bytes);
                Some(bytes)
            }
            Ok(None) => None,
            Err(reason) => {
                tracing::warn!(host = %self.host, %reason, "tile source unreachable; drawing from the cache");
                *failed_at() = Some(Instant::now());
                None
            }
        }
    }

    fn zoom_range(&self) -> (u8, u8) {
        (0, MAX_ZOOM)
    }

    fn attribution(&self) -> &str {
        &self.attribution
    }
}

/// PNG, JPEG or WebP by their first bytes: what the maps can draw.
fn is_image(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\x89PNG")
        || bytes.starts_with(b"\xFF\xD8\xFF")
        || (bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP")
}

/// Writes a tile to the cache whole or not at all; a cache that cannot be written only costs
/// fetching the tile again.
fn keep(file: &std::path::Path, bytes: &[u8]) {
    let Some(dir) = file.parent() else { return };
    let part = file.with_extension("part");
    let written = std::fs::create_dir_all(dir)
        .and_then(|()| std::fs::write(&part, bytes))
        .and_then(|()| std::fs::rename(&part, file));
    if let Err(e) = written {
        tracing::warn!(file = %file.display(), error = %e, "tile not cached");
    }
}

/// This computer's cache of one source's tiles (the user's cache folder, else the temporary
/// one), a folder per address.
fn cache_dir(template: &str) -> PathBuf {
    // FNV-1a: a stable name for the address, the same in every run.
    let hash = template.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    dirs::cache_dir()
        .unwrap_or_else(std::env::temp_dir)
        .join("ascn-action-planner")
        .join("tiles")
        .join(format!("{hash:016x}"))
}
