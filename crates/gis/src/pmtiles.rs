//! Basemaps as a PMTiles file (version 3: one file of tiles addressed by a Hilbert-ordered
//! directory, as Protomaps and the pmtiles tools write them): its raster tiles read from the
//! file on demand, never all at once.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::Mutex;

use ascn_model::error::{Error, Result};
use flate2::read::GzDecoder;

use crate::refused;
use ascn_model::says;

/// Largest directory or metadata block read; a file claiming more is refused, not trusted.
const MAX_BLOCK: u64 = 64 * 1024 * 1024;
/// Deepest chain of leaf directories followed (the tools write at most one level).
const MAX_DEPTH: usize = 4;

struct Entry {
    tile_id: u64,
    offset: u64,
    length: u64,
    run_length: u64,
}

/// An open PMTiles file of raster tiles.
pub struct PmTiles {
    file: Mutex<File>,
    root: Vec<Entry>,
    leaf_offset: u64,
    data_offset: u64,
    internal_gzip: bool,
    tiles_gzip: bool,
    pub format: String,
    pub min_zoom: u8,
    pub max_zoom: u8,
    /// The metadata's JSON object (name, attribution…), when it has one.
    pub metadata: serde_json::Map<String, serde_json::Value>,
}

impl PmTiles {
    pub fn open(path: &Path) -> Result<PmTiles> {
        let io = |source| Error::Io {
            path: path.to_path_buf(),
            source,
        };
        let mut file = File::open(path).map_err(io)?;
        let mut header = [0u8; 127];
        file.read_exact(&mut header).map_err(|_| {
            refused(says!(
                "pmtilesTooShort",
                "is not a PMTiles basemap: it is shorter than its header"
            ))
        })?;
        if &header[..7] != b"PMTiles" {
            return Err(refused(says!("notPmtiles", "is not a PMTiles basemap")));
        }
        if header[7] != 3 {
            return Err(refused(says!(
                "pmtilesVersion",
                "is PMTiles version {version}; this app reads version 3",
                version = header[7]
            )));
        }
        let u64_at =
            |at: usize| u64::from_le_bytes(header[at..at + 8].try_into().unwrap_or_default());
        let (root_offset, root_length) = (u64_at(8), u64_at(16));
        let (meta_offset, meta_length) = (u64_at(24), u64_at(32));
        let internal_gzip = match header[97] {
            1 => false,
            2 => true,
            other => {
                return Err(refused(says!(
                    "directoryCompression",
                    "compresses its directories in a way this app does not read ({kind})",
                    kind = other
                )))
            }
        };
        let tiles_gzip = match header[98] {
            0 | 1 => false,
            2 => true,
            other => {
                return Err(refused(says!(
                    "tileCompression",
                    "compresses its tiles in a way this app does not read ({kind})",
                    kind = other
                )))
            }
        };
        let format = match header[99] {
            2 => "png",
            3 => "jpg",
            4 => "webp",
            1 => "pbf",
            other => {
                return Err(refused(says!(
                    "unknownTileType",
                    "holds tiles of an unknown type ({kind})",
                    kind = other
                )))
            }
        };
        let mut tiles = PmTiles {
            file: Mutex::new(file),
            root: Vec::new(),
            leaf_offset: u64_at(72),
            data_offset: u64_at(56),
            internal_gzip,
            tiles_gzip,
            format: format.into(),
            min_zoom: header[100],
            max_zoom: header[101],
            metadata: serde_json::Map::new(),
        };
        tiles.root = tiles.directory(root_offset, root_length)?;
        if meta_length > 0 {
            let bytes = tiles.block(meta_offset, meta_length, internal_gzip)?;
            if let Ok(serde_json::Value::Object(map)) = serde_json::from_slice(&bytes) {
                tiles.metadata = map;
            }
        }
        Ok(tiles)
    }

    /// `length` bytes at `offset`, decompressed when `gzip`.
    fn block(&self, offset: u64, length: u64, gzip: bool) -> Result<Vec<u8>> {
        if length > MAX_BLOCK {
            return Err(refused(says!(
                "blockTooLarge",
                "claims a block of {length} bytes",
                length = length
            )));
        }
        let mut bytes = vec![0u8; length as usize];
        {
            let mut file = self.file.lock().unwrap_or_else(|p| p.into_inner());
            file.seek(SeekFrom::Start(offset))
                .and_then(|_| file.read_exact(&mut bytes))
                .map_err(|_| {
                    refused(says!(
                        "blockPastEnd",
                        "is cut short: a block lies past its end"
                    ))
                })?;
        }
        if !gzip {
            return Ok(bytes);
        }
        let mut out = Vec::new();
        GzDecoder::new(bytes.as_slice())
            .take(MAX_BLOCK + 1)
            .read_to_end(&mut out)
            .map_err(|e| {
                refused(says!(
                    "blockNotDecompressing",
                    "holds a block that does not decompress: {detail}",
                    detail = e
                ))
            })?;
        if out.len() as u64 > MAX_BLOCK {
            return Err(refused(says!(
                "blockDecompressesTooLarge",
                "holds a block that decompresses past 64 MB"
            )));
        }
        Ok(out)
    }

    fn directory(&self, offset: u64, length: u64) -> Result<Vec<Entry>> {
        let bytes = self.block(offset, length, self.internal_gzip)?;
        parse_directory(&bytes).ok_or_else(|| {
            refused(says!(
                "directoryUnreadable",
                "holds a directory that cannot be read"
            ))
        })
    }

    /// The tile's bytes, following leaf directories; `None` where there is none.
    pub fn tile(&self, z: u8, x: u32, y: u32) -> Option<Vec<u8>> {
        let id = tile_id(z, x, y)?;
        let mut dir_offset = None;
        for _ in 0..MAX_DEPTH {
            let leaf;
            let entries = match dir_offset {
                None => &self.root,
                Some((offset, length)) => {
                    leaf = self.directory(self.leaf_offset + offset, length).ok()?;
                    &leaf
                }
            };
            let at = entries
                .partition_point(|e| e.tile_id <= id)
                .checked_sub(1)?;
            let entry = &entries[at];
            if entry.run_length == 0 {
                dir_offset = Some((entry.offset, entry.length));
                continue;
            }
            if id - entry.tile_id >= entry.run_length {
                return None;
            }
            return self
                .block(
                    self.data_offset + entry.offset,
                    entry.length,
                    self.tiles_gzip,
                )
                .ok();
        }
        None
    }
}

/// LEB128 varints, as the directories are written.
fn varint(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let mut value = 0u64;
    for shift in (0..64).step_by(7) {
        let byte = *bytes.get(*at)?;
        *at += 1;
        value |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Some(value);
        }
    }
    None
}

/// A directory: its count, then the tile ids (as deltas), run lengths, lengths and offsets
/// (0 meaning "right after the previous entry"), each as a column of varints.
fn parse_directory(bytes: &[u8]) -> Option<Vec<Entry>> {
    let mut at = 0;
    let n = usize::try_from(varint(bytes, &mut at)?).ok()?;
    // Each entry takes at least four bytes: a count beyond that is a lie.
    if n > bytes.len() {
        return None;
    }
    let mut entries: Vec<Entry> = Vec::with_capacity(n);
    let mut last = 0u64;
    for _ in 0..n {
        last = last.checked_add(varint(bytes, &mut at)?)?;
        entries.push(Entry {
            tile_id: last,
            offset: 0,
            length: 0,
            run_length: 0,
        });
    }
    for e in entries.iter_mut() {
        e.run_length = varint(bytes, &mut at)?;
    }
    for e in entries.iter_mut() {
        e.length = varint(bytes, &mut at)?;
    }
    for i in 0..n {
        let v = varint(bytes, &mut at)?;
        entries[i].offset = if v == 0 && i > 0 {
            entries[i - 1].offset.checked_add(entries[i - 1].length)?
        } else {
            v.checked_sub(1)?
        };
    }
    Some(entries)
}

/// The tile's id: the tiles of lower zooms before it, then its place on the zoom's Hilbert
/// curve.
fn tile_id(z: u8, x: u32, y: u32) -> Option<u64> {
    if z > 26 {
        return None;
    }
    let n = 1u64 << z;
    let (mut x, mut y) = (u64::from(x), u64::from(y));
    if x >= n || y >= n {
        return None;
    }
    let mut id = (n * n - 1) / 3;
    let mut s = n / 2;
    while s > 0 {
        let rx = u64::from(x & s > 0);
        let ry = u64::from(y & s > 0);
        id += s * s * ((3 * rx) ^ ry);
        if ry == 0 {
            if rx == 1 {
                x = s - 1 - (x & (s - 1));
                y = s - 1 - (y & (s - 1));
            }
            std::mem::swap(&mut x, &mut y);
        }
        s /= 2;
    }
    Some(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ids the PMTiles specification's examples give.
    #[test]
    fn tile_ids_follow_the_specification() {
        assert_eq!(tile_id(0, 0, 0), Some(0));
        assert_eq!(tile_id(1, 0, 0), Some(1));
        assert_eq!(tile_id(1, 0, 1), Some(2));
        assert_eq!(tile_id(1, 1, 1), Some(3));
        assert_eq!(tile_id(1, 1, 0), Some(4));
        assert_eq!(tile_id(2, 0, 0), Some(5));
        assert_eq!(tile_id(1, 2, 0), None);
    }
}
