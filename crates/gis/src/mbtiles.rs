//! Basemaps as an MBTiles file (MBTiles 1.3: an SQLite file of map tiles): its name,
//! attribution and zoom levels, and its raster tiles. The file is opened read-only and never
//! changed.

use std::path::Path;
use std::sync::Mutex;

use ascn_model::error::Result;
use rusqlite::{Connection, OpenFlags, OptionalExtension};

use crate::refused;
use ascn_model::says;

/// An open MBTiles file of raster tiles.
pub struct MbTiles {
    /// Its name, as its metadata gives it (else the file's).
    pub name: String,
    /// What must be printed on a map drawn with it.
    pub attribution: String,
    /// `png`, `jpg` or `webp`.
    pub format: String,
    pub min_zoom: u8,
    pub max_zoom: u8,
    conn: Mutex<Connection>,
}

impl MbTiles {
    /// Opens a basemap that [`crate::basemap::Basemap::open`] found to be an SQLite file;
    /// refuses one that is not MBTiles, or holds no tiles at all.
    pub fn open(path: &Path) -> Result<MbTiles> {
        let not_mbtiles = |e: rusqlite::Error| {
            refused(says!(
                "notMbtiles",
                "is not an MBTiles basemap: {detail}",
                detail = e
            ))
        };
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(not_mbtiles)?;
        let meta = |key: &str| -> Result<Option<String>> {
            conn.query_row("SELECT value FROM metadata WHERE name = ?1", [key], |r| {
                r.get(0)
            })
            .optional()
            .map_err(not_mbtiles)
        };
        let format = meta("format")?
            .unwrap_or_else(|| "png".into())
            .to_ascii_lowercase();
        let format = match format.as_str() {
            "png" | "jpg" | "jpeg" | "webp" => format,
            "pbf" | "mvt" => "pbf".to_string(),
            other => {
                return Err(refused(says!(
                    "unknownTileFormat",
                    "holds tiles in an unknown format '{format}'",
                    format = other
                )))
            }
        };
        let (min_zoom, max_zoom): (Option<i64>, Option<i64>) = conn
            .query_row(
                "SELECT MIN(zoom_level), MAX(zoom_level) FROM tiles",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(not_mbtiles)?;
        let (Some(min_zoom), Some(max_zoom)) = (min_zoom, max_zoom) else {
            return Err(refused(says!("noTiles", "holds no tiles")));
        };
        let zoom = |z: i64| u8::try_from(z.clamp(0, 24)).unwrap_or(0);
        let name = meta("name")?.unwrap_or_else(|| {
            path.file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        });
        Ok(MbTiles {
            attribution: meta("attribution")?.unwrap_or_else(|| name.clone()),
            name,
            format,
            min_zoom: zoom(min_zoom),
            max_zoom: zoom(max_zoom),
            conn: Mutex::new(conn),
        })
    }

    pub fn tile(&self, z: u8, x: u32, y: u32) -> Option<Vec<u8>> {
        // MBTiles numbers rows from the south (TMS); the map from the north (XYZ).
        let row = (1u32 << z).checked_sub(1)?.checked_sub(y)?;
        let conn = self.conn.lock().unwrap_or_else(|p| p.into_inner());
        conn.query_row(
            "SELECT tile_data FROM tiles WHERE zoom_level = ?1 AND tile_column = ?2 AND tile_row = ?3",
            rusqlite::params![z, x, row],
            |r| r.get(0),
        )
        .optional()
        .ok()
        .flatten()
    }
}
