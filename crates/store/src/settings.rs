//! Settings kept with the workspace (in its `meta` table), so every window and the CLI on the
//! same file see them: the city opened last, the basemap file.

use std::path::{Path, PathBuf};

use rusqlite::{params, OptionalExtension};

use crate::{Result, Workspace};

const BASEMAP_KEY: &str = "basemap";

impl Workspace {
    pub(crate) fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()?)
    }

    /// Sets `key`, or forgets it with `None`.
    pub(crate) fn set_setting(&mut self, key: &str, value: Option<&str>) -> Result<()> {
        match value {
            Some(value) => self.conn.execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )?,
            None => self
                .conn
                .execute("DELETE FROM meta WHERE key = ?1", [key])?,
        };
        Ok(())
    }

    /// The basemap file the maps are drawn over, when one is set.
    pub fn basemap(&self) -> Result<Option<PathBuf>> {
        Ok(self.setting(BASEMAP_KEY)?.map(PathBuf::from))
    }

    /// Sets the basemap file (checked by the caller), or clears it with `None`.
    pub fn set_basemap(&mut self, file: Option<&Path>) -> Result<()> {
        let text = file.map(|f| f.to_string_lossy().into_owned());
        self.set_setting(BASEMAP_KEY, text.as_deref())
    }
}
