//! A basemap the city or a partner provides, as an MBTiles or a PMTiles file of raster tiles,
//! or an online tile source the planner sets (off until then), for the map drawn on the Rust
//! side (the app's map, the SVG and PDF maps). A file's tiles come from the file; an online
//! source's are fetched here and cached (see [`crate::online`]).

use std::path::Path;

use ascn_formats::map::TileSource;
use ascn_model::error::Result;
use serde::Serialize;
use ts_rs::TS;

use crate::mbtiles::MbTiles;
use crate::online::{self, OnlineTiles};
use crate::pmtiles::PmTiles;
use crate::refused;
use ascn_model::says;

/// What the app says of a basemap.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct BasemapInfo {
    pub path: String,
    pub name: String,
    /// What must be printed on a map drawn with it.
    pub attribution: String,
    /// `png`, `jpg` or `webp`; `pbf` for vector tiles (drawn here, see [`crate::vector`]);
    /// `online` for an online source.
    pub format: String,
    pub min_zoom: u8,
    pub max_zoom: u8,
}

enum Tiles {
    Mb(MbTiles),
    Pm(PmTiles),
    Online(OnlineTiles),
}

/// An open basemap.
pub struct Basemap {
    pub info: BasemapInfo,
    tiles: Tiles,
}

/// The extensions [`Basemap::open`] reads.
pub const EXTENSIONS: &[&str] = &["mbtiles", "pmtiles"];

impl Basemap {
    /// Opens an MBTiles or PMTiles file (told apart by their first bytes) of raster or vector
    /// tiles; refuses anything else, or a file without tiles.
    pub fn open(path: &Path) -> Result<Basemap> {
        let setting = path.to_string_lossy();
        if online::is_online(&setting) {
            let source = OnlineTiles::new(&setting)?;
            return Ok(Basemap {
                info: BasemapInfo {
                    path: setting.into_owned(),
                    name: source.host.clone(),
                    attribution: source.attribution.clone(),
                    format: "online".into(),
                    min_zoom: 0,
                    max_zoom: online::MAX_ZOOM,
                },
                tiles: Tiles::Online(source),
            });
        }
        let mut start = [0u8; 16];
        let read = std::fs::File::open(path)
            .and_then(|mut f| std::io::Read::read(&mut f, &mut start))
            .map_err(|source| ascn_model::Error::Io {
                path: path.to_path_buf(),
                source,
            })?;
        let stem = || {
            path.file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        };
        let text = |v: Option<&serde_json::Value>| v.and_then(|v| v.as_str()).map(str::to_string);
        let (tiles, name, attribution, format, min_zoom, max_zoom) = if start[..read]
            .starts_with(b"PMTiles")
        {
            let pm = PmTiles::open(path)?;
            let name = text(pm.metadata.get("name")).unwrap_or_else(stem);
            let attribution = text(pm.metadata.get("attribution")).unwrap_or_else(|| name.clone());
            let (format, min, max) = (pm.format.clone(), pm.min_zoom, pm.max_zoom);
            (Tiles::Pm(pm), name, attribution, format, min, max)
        } else if start[..read].starts_with(b"SQLite format 3\0") {
            let mb = MbTiles::open(path)?;
            let (name, attribution) = (mb.name.clone(), mb.attribution.clone());
            let (format, min, max) = (mb.format.clone(), mb.min_zoom, mb.max_zoom);
            (Tiles::Mb(mb), name, attribution, format, min, max)
        } else {
            return Err(refused(says!(
                "notABasemap",
                "is not a basemap this app reads; choose a .{kinds} file",
                kinds = EXTENSIONS.join(", .")
            )));
        };
        Ok(Basemap {
            info: BasemapInfo {
                path: path.display().to_string(),
                name,
                attribution,
                format,
                min_zoom,
                max_zoom,
            },
            tiles,
        })
    }
}

impl Basemap {
    /// Opens a basemap to keep it: a file as [`Basemap::open`] does; an online source must
    /// also answer with its world tile, so a wrong address is refused when it is set.
    pub fn check(path: &Path) -> Result<Basemap> {
        let basemap = Basemap::open(path)?;
        if let Tiles::Online(source) = &basemap.tiles {
            source.check()?;
        }
        Ok(basemap)
    }
}

impl TileSource for Basemap {
    fn tile(&self, z: u8, x: u32, y: u32) -> Option<Vec<u8>> {
        match &self.tiles {
            Tiles::Mb(mb) => mb.tile(z, x, y),
            Tiles::Pm(pm) => pm.tile(z, x, y),
            Tiles::Online(source) => source.tile(z, x, y),
        }
        .and_then(|bytes| {
            if self.info.format == "pbf" {
                crate::vector::draw(&bytes)
            } else {
                Some(bytes)
            }
        })
    }

    fn zoom_range(&self) -> (u8, u8) {
        (self.info.min_zoom, self.info.max_zoom)
    }

    fn attribution(&self) -> &str {
        &self.info.attribution
    }
}
