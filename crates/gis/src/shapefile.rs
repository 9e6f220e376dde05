//! Shapefiles: the `.shp` with its `.shx`, `.dbf`, `.prj` (and `.cpg`, the attributes' code
//! page) beside it, or all of them in a `.zip`.

use std::io::{Cursor, Read};
use std::path::Path;

use ascn_model::error::{Error, Result};
use ascn_model::geometry::layer::GisLayer;
use shapefile::dbase::{self, FieldValue};

use crate::crs::Crs;
use crate::{refused, to_wgs84, MAX_BYTES};
use ascn_model::says;
use ascn_model::validation::Says;

/// The files of one Shapefile, read.
struct Parts {
    name: String,
    shp: Vec<u8>,
    shx: Option<Vec<u8>>,
    dbf: Option<Vec<u8>>,
    prj: Option<Vec<u8>>,
    cpg: Option<Vec<u8>>,
}

/// A `.shp` and the files beside it with the same name (any case of extension).
pub fn read_beside(shp: &Path) -> Result<GisLayer> {
    let name = shp
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let folder = shp.parent().unwrap_or(Path::new("."));
    // The folder is listed once; each companion is found in it by name, any case of extension.
    let beside: Vec<std::path::PathBuf> = std::fs::read_dir(folder)
        .map_err(|source| Error::Io {
            path: folder.to_path_buf(),
            source,
        })?
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| {
            path.file_stem()
                .is_some_and(|s| s.to_string_lossy() == name)
        })
        .collect();
    let sibling = |extension: &str| -> Result<Option<Vec<u8>>> {
        beside
            .iter()
            .find(|path| {
                path.extension()
                    .is_some_and(|e| e.to_string_lossy().eq_ignore_ascii_case(extension))
            })
            .map(|path| ascn_formats::import::read_bytes(path, MAX_BYTES))
            .transpose()
    };
    read(Parts {
        shp: ascn_formats::import::read_bytes(shp, MAX_BYTES)?,
        shx: sibling("shx")?,
        dbf: sibling("dbf")?,
        prj: sibling("prj")?,
        cpg: sibling("cpg")?,
        name,
    })
}

/// A zipped Shapefile: the one `.shp` in the archive and its companions. Each entry is read
/// through a cap, so an archive that inflates far beyond its size is refused.
pub fn read_zip(bytes: &[u8]) -> Result<GisLayer> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| refused(not_zip(&e)))?;
    let names: Vec<String> = archive
        .file_names()
        .map(|n| n.map(|n| n.into_owned()))
        .collect::<Result<_, _>>()
        .map_err(|e| refused(not_zip(&e)))?;
    let shps: Vec<&String> = names
        .iter()
        .filter(|n| n.to_ascii_lowercase().ends_with(".shp") && !n.starts_with("__MACOSX"))
        .collect();
    let shp_name = match shps.as_slice() {
        [one] => (*one).clone(),
        [] => return Err(refused(says!("noShp", "holds no .shp file"))),
        more => {
            return Err(refused(says!(
                "severalShp",
                "holds {count} Shapefiles ({names}); zip one at a time",
                count = more.len(),
                names = more
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )))
        }
    };
    let stem = &shp_name[..shp_name.len() - 4];
    let mut entry = |extension: &str| -> Result<Option<Vec<u8>>> {
        let Some(name) = names.iter().find(|n| {
            n.len() == stem.len() + 4
                && n.starts_with(stem)
                && n[stem.len()..].eq_ignore_ascii_case(&format!(".{extension}"))
        }) else {
            return Ok(None);
        };
        let unreadable = |e: &dyn std::fmt::Display| {
            refused(says!(
                "notInArchive",
                "{name} cannot be read from the archive: {detail}",
                name = name,
                detail = e
            ))
        };
        let file = archive.by_name(name).map_err(|e| unreadable(&e))?;
        let mut bytes = Vec::new();
        file.take(MAX_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| unreadable(&e))?;
        if bytes.len() as u64 > MAX_BYTES {
            return Err(refused(says!(
                "unpacksOver",
                "{name} unpacks to more than {max} MB",
                name = name,
                max = MAX_BYTES >> 20
            )));
        }
        Ok(Some(bytes))
    };
    let parts = Parts {
        shp: entry("shp")?.unwrap_or_default(),
        shx: entry("shx")?,
        dbf: entry("dbf")?,
        prj: entry("prj")?,
        cpg: entry("cpg")?,
        name: stem.rsplit('/').next().unwrap_or(stem).to_string(),
    };
    read(parts)
}

fn read(parts: Parts) -> Result<GisLayer> {
    let name = &parts.name;
    let Some(prj) = parts.prj else {
        return Err(refused(says!(
            "noPrj",
            "{name}.shp has no {name}.prj beside it, so its coordinate system is unknown; \
             export it again with its .prj, or zip the .shp, .shx, .dbf and .prj together",
            name = name
        )));
    };
    let Some(dbf) = parts.dbf else {
        return Err(refused(says!(
            "noDbf",
            "{name}.shp has no {name}.dbf beside it, so its features have no names; zip the \
             .shp, .shx, .dbf and .prj together",
            name = name
        )));
    };
    let crs = Crs::from_wkt(&String::from_utf8_lossy(&prj))
        .map_err(|e| refused(says!("prjSays", "{name}.prj {problem}", name = name; problem = e)))?;
    let bad = |e: shapefile::Error| refused(part_unreadable(&format!("{name}.shp"), &e));
    let shapes = match parts.shx {
        Some(shx) => shapefile::ShapeReader::with_shx(Cursor::new(parts.shp), Cursor::new(shx)),
        None => shapefile::ShapeReader::new(Cursor::new(parts.shp)),
    }
    .map_err(bad)?;
    // The code page the .cpg names; without one, UTF-8 (what QGIS and GDAL write today).
    let encoding = parts
        .cpg
        .and_then(|c| dbase::encoding::DynEncoding::from_name(&String::from_utf8_lossy(&c)));
    let records = match encoding {
        Some(encoding) => dbase::ReaderBuilder::new().with_encoding(encoding),
        None => dbase::ReaderBuilder::new().with_encoding(dbase::encoding::UnicodeLossy),
    }
    .build(Cursor::new(dbf))
    .map_err(|e| refused(part_unreadable(&format!("{name}.dbf"), &e)))?;
    let columns: Vec<String> = records
        .fields()
        .iter()
        .map(|f| f.name().to_string())
        .collect();
    let mut reader = shapefile::Reader::new(shapes, records);
    let mut read = Vec::new();
    for item in reader.iter_shapes_and_records() {
        let (shape, record) = item.map_err(bad)?;
        let values = columns
            .iter()
            .map(|c| record.get(c).map(text).unwrap_or_default())
            .collect();
        // A null shape is a feature without geometry; the rest convert (rings closed).
        let shape = geo::Geometry::<f64>::try_from(shape).ok();
        read.push((values, shape));
    }
    Ok(GisLayer {
        format: "Shapefile".into(),
        name: name.clone(),
        crs: crs.label.clone(),
        columns,
        features: to_wgs84(&crs, read)?,
        other_layers: Vec::new(),
    })
}

/// An attribute as the preview and the names show it.
fn text(value: &FieldValue) -> String {
    let number = |n: f64| {
        if n.fract() == 0.0 && n.abs() < 1e15 {
            format!("{}", n as i64)
        } else {
            n.to_string()
        }
    };
    match value {
        FieldValue::Character(Some(s)) | FieldValue::Memo(s) => s.trim().to_string(),
        FieldValue::Numeric(Some(n)) | FieldValue::Double(n) | FieldValue::Currency(n) => {
            number(*n)
        }
        FieldValue::Float(Some(n)) => number(f64::from(*n)),
        FieldValue::Integer(n) => n.to_string(),
        FieldValue::Logical(Some(b)) => b.to_string(),
        FieldValue::Date(Some(d)) => format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
        _ => String::new(),
    }
}

fn not_zip(e: &dyn std::fmt::Display) -> Says {
    says!(
        "notAZip",
        "is not a readable zip archive: {detail}",
        detail = e
    )
}

/// One of the Shapefile's files (`name.shp`, `name.dbf`) that its reader refused.
fn part_unreadable(file: &str, e: &dyn std::fmt::Display) -> Says {
    says!(
        "partUnreadable",
        "{file} cannot be read: {detail}",
        file = file,
        detail = e
    )
}
