//! GeoPackage (OGC 12-128r18), both ways: the first features table of a city's file read into
//! WGS 84, and the plan written as one for GIS colleagues (QGIS, GDAL): its projects (a point
//! where their sites are), each site whole, and the city's districts.

use std::path::{Path, PathBuf};

use ascn_model::error::{Error, Result};
use ascn_model::framework::Reference;
use ascn_model::geometry::attributes::{project_attributes, PROJECT_ATTRIBUTES};
use ascn_model::geometry::layer::GisLayer;
use ascn_model::geometry::{centroid, to_geo};
use ascn_model::{analysis, Geometry, PlanDocument};
use geo_traits::to_geo::ToGeoGeometry;
use rusqlite::types::{Value, ValueRef};
use rusqlite::{params_from_iter, Connection, OpenFlags};

use crate::crs::Crs;
use crate::{refused, to_wgs84};
use ascn_model::says;
use ascn_model::validation::Says;

/// "GPKG", the application id every GeoPackage carries.
const APPLICATION_ID: i32 = 0x4750_4B47;
/// GeoPackage 1.3.0.
const USER_VERSION: i32 = 10300;

/// Reads the first features table (by the order of `gpkg_contents`); the others are named in
/// `other_layers`. The file is opened read-only and never changed.
pub fn read(path: &Path) -> Result<GisLayer> {
    let size = std::fs::metadata(path)
        .map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?
        .len();
    ascn_formats::import::refuse_larger(path, size, crate::MAX_BYTES)?;
    let not_gpkg = |e: rusqlite::Error| {
        refused(says!(
            "notAGeoPackage",
            "is not a GeoPackage: {detail}",
            detail = e
        ))
    };
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(not_gpkg)?;
    let tables: Vec<String> = conn
        .prepare("SELECT table_name FROM gpkg_contents WHERE data_type = 'features' ORDER BY rowid")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(not_gpkg)?;
    let Some(table) = tables.first() else {
        return Err(refused(says!(
            "noFeaturesTable",
            "is a GeoPackage without a features table"
        )));
    };
    let (geometry_column, srs_id): (String, i64) = conn
        .query_row(
            "SELECT column_name, srs_id FROM gpkg_geometry_columns WHERE table_name = ?1",
            [table],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map_err(|e| {
            refused(says!(
                "noGeometryColumn",
                "names no geometry column for {table}: {detail}",
                table = table,
                detail = e
            ))
        })?;
    let crs = srs(&conn, srs_id).map_err(|e| refused(in_table(table, e)))?;
    let columns: Vec<String> = conn
        .prepare(&format!(
            "SELECT name, pk FROM pragma_table_info({})",
            quoted_text(table)
        ))
        .and_then(|mut s| {
            s.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?
                .collect::<rusqlite::Result<Vec<_>>>()
        })
        .map_err(not_gpkg)?
        .into_iter()
        .filter(|(name, pk)| *pk == 0 && *name != geometry_column)
        .map(|(name, _)| name)
        .collect();
    let select = std::iter::once(&geometry_column)
        .chain(&columns)
        .map(|c| quoted(c))
        .collect::<Vec<_>>()
        .join(", ");
    let mut stmt = conn
        .prepare(&format!("SELECT {select} FROM {}", quoted(table)))
        .map_err(not_gpkg)?;
    let mut rows = stmt.query([]).map_err(not_gpkg)?;
    let mut shapes = Vec::new();
    while let Some(row) = rows.next().map_err(not_gpkg)? {
        let feature = shapes.len() + 1;
        let shape = match row.get_ref(0).map_err(not_gpkg)? {
            ValueRef::Blob(blob) => geometry(blob).map_err(|e| {
                refused(in_table(
                    table,
                    ascn_model::geometry::layer::in_feature(feature, "", e),
                ))
            })?,
            _ => None,
        };
        let values = (1..=columns.len())
            .map(|i| row.get_ref(i).map(text).unwrap_or_default())
            .collect();
        shapes.push((values, shape));
    }
    Ok(GisLayer {
        format: "GeoPackage".into(),
        name: table.clone(),
        crs: crs.label.clone(),
        columns,
        features: to_wgs84(&crs, shapes)?,
        other_layers: tables[1..].to_vec(),
    })
}

/// The coordinate system of `srs_id`: by its EPSG code when it has one, else by its WKT.
fn srs(conn: &Connection, srs_id: i64) -> std::result::Result<Crs, Says> {
    let (organization, code, definition): (String, i64, String) = conn
        .query_row(
            "SELECT organization, organization_coordsys_id, definition
             FROM gpkg_spatial_ref_sys WHERE srs_id = ?1",
            [srs_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .map_err(|_| {
            says!(
                "srsNotDescribed",
                "its coordinate system {id} is not described in the file",
                id = srs_id
            )
        })?;
    if srs_id <= 0 || definition.trim().eq_ignore_ascii_case("undefined") {
        return Err(says!(
            "srsUndefined",
            "its coordinate system is undefined; give the layer one in QGIS"
        ));
    }
    match (
        organization.to_ascii_uppercase().as_str(),
        u32::try_from(code),
    ) {
        ("EPSG", Ok(code)) => Crs::from_epsg(code),
        _ => Crs::from_wkt(&definition),
    }
}

/// A GeoPackage geometry blob: "GP", version, flags, srs id, envelope, then WKB. Public for
/// the fuzz target: a table's blobs are whatever the file says.
pub fn geometry(blob: &[u8]) -> std::result::Result<Option<geo::Geometry<f64>>, Says> {
    if blob.len() < 8 || &blob[..2] != b"GP" {
        return Err(says!(
            "notAGpkgShape",
            "its shape is not a GeoPackage geometry"
        ));
    }
    let flags = blob[3];
    if flags & 0b1_0000 != 0 {
        return Ok(None);
    }
    let envelope = match (flags >> 1) & 0b111 {
        0 => 0,
        1 => 32,
        2 | 3 => 48,
        4 => 64,
        other => {
            return Err(says!(
                "unknownEnvelope",
                "its shape has an unknown envelope ({kind})",
                kind = other
            ))
        }
    };
    let wkb = blob
        .get(8 + envelope..)
        .ok_or_else(|| says!("shapeCutShort", "its shape is cut short"))?;
    let shape = wkb::reader::read_wkb(wkb).map_err(|e| {
        says!(
            "shapeUnreadable",
            "its shape cannot be read: {detail}",
            detail = e
        )
    })?;
    // An empty point (POINT EMPTY) is a feature without a shape, not a shape.
    Ok(shape.try_to_geometry())
}

/// A problem of a table of the GeoPackage, said with the table's name.
fn in_table(table: &str, problem: Says) -> Says {
    says!("inTable", "{table}: {problem}", table = table; problem = problem)
}

/// A GeoPackage geometry blob of a WGS 84 shape, little-endian, with its envelope.
fn blob(shape: &Geometry) -> Result<Vec<u8>> {
    use geo::BoundingRect;
    let shape = to_geo(shape);
    let mut out = b"GP\0".to_vec();
    let rect = shape.bounding_rect();
    // Little-endian header; an x/y envelope except for points (which are their own).
    let with_envelope = rect.is_some() && !matches!(shape, geo::Geometry::Point(_));
    out.push(if with_envelope {
        0b0000_0011
    } else {
        0b0000_0001
    });
    out.extend_from_slice(&4326i32.to_le_bytes());
    if let (true, Some(r)) = (with_envelope, rect) {
        for v in [r.min().x, r.max().x, r.min().y, r.max().y] {
            out.extend_from_slice(&v.to_le_bytes());
        }
    }
    wkb::writer::write_geometry(
        &mut out,
        &shape,
        &wkb::writer::WriteOptions {
            endianness: wkb::Endianness::LittleEndian,
        },
    )
    .map_err(|e| Error::Export(format!("a shape could not be written as WKB: {e}")))?;
    Ok(out)
}

/// Writes the plan's GeoPackage into `dir` as `<city>-map.gpkg`, named as the other exports
/// are; returns its path.
pub fn write_plan(doc: &PlanDocument, reference: &Reference, dir: &Path) -> Result<PathBuf> {
    let path = dir.join(format!(
        "{}-map.gpkg",
        ascn_formats::export::file_stem(&doc.city.name)
    ));
    write(doc, reference, &path)?;
    Ok(path)
}

/// Writes the plan as a GeoPackage at `path` (replacing a file there): layers `projects`
/// (every project, a point at the centre of its sites, or none), `sites` (each location
/// whole, with its project's code) and `districts`. All in WGS 84 (EPSG:4326).
pub fn write(doc: &PlanDocument, reference: &Reference, path: &Path) -> Result<()> {
    let folder = path.parent().unwrap_or(Path::new("."));
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    // Written beside the target and moved over it, so a failure leaves no half a file.
    let temp = tempfile::Builder::new()
        .suffix(".gpkg")
        .tempfile_in(folder)
        .map_err(io)?;
    {
        let mut conn = Connection::open(temp.path()).map_err(db)?;
        let tx = conn.transaction().map_err(db)?;
        tx.execute_batch(&format!(
            "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {USER_VERSION};
             {SCHEMA}"
        ))
        .map_err(db)?;
        tx.execute(
            "INSERT INTO gpkg_spatial_ref_sys VALUES ('WGS 84 geodetic', 4326, 'EPSG', 4326, ?1, 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid')",
            [crs_definitions::EPSG_4326.wkt],
        )
        .map_err(db)?;
        let currency = analysis::main_currency(&doc.projects);
        let mut projects = Vec::new();
        let mut sites = Vec::new();
        for p in &doc.projects {
            let values = project_attributes(doc, reference, currency.as_deref(), p);
            let points: Vec<_> = p
                .draft
                .locations
                .iter()
                .filter_map(|l| centroid(&l.geometry))
                .collect();
            let centre = (!points.is_empty()).then(|| {
                let n = points.len() as f64;
                Geometry::Point([
                    points.iter().map(|c| c[0]).sum::<f64>() / n,
                    points.iter().map(|c| c[1]).sum::<f64>() / n,
                ])
            });
            projects.push((centre, values.clone()));
            for location in &p.draft.locations {
                sites.push((
                    Some(location.geometry.clone()),
                    vec![
                        values[0].clone(),
                        serde_json::json!(location.name),
                        values[1].clone(),
                    ],
                ));
            }
        }
        let districts: Vec<_> = doc
            .districts
            .iter()
            .map(|d| {
                (
                    Some(d.geometry.clone()),
                    vec![serde_json::json!(d.name), serde_json::json!(d.area_km2)],
                )
            })
            .collect();
        layer(
            &tx,
            "projects",
            "POINT",
            "The plan's projects, at the centre of their sites",
            PROJECT_ATTRIBUTES,
            &projects,
        )?;
        layer(
            &tx,
            "sites",
            "GEOMETRY",
            "Where each project happens",
            &["project_code", "site", "title"],
            &sites,
        )?;
        layer(
            &tx,
            "districts",
            "MULTIPOLYGON",
            "The city's districts",
            &["name", "area_km2"],
            &districts,
        )?;
        tx.commit().map_err(db)?;
    }
    temp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

/// One features table: its rows, its entry in the contents with the extent, its geometry
/// column. A column's type is that of its first value (INTEGER, REAL or TEXT).
fn layer(
    tx: &rusqlite::Transaction,
    table: &str,
    geometry_type: &str,
    description: &str,
    columns: &[&str],
    rows: &[(Option<Geometry>, Vec<serde_json::Value>)],
) -> Result<()> {
    let kind = |i: usize| {
        let first = rows.iter().map(|r| &r.1[i]).find(|v| !v.is_null());
        match first {
            Some(serde_json::Value::Number(n)) if n.is_i64() => "INTEGER",
            Some(serde_json::Value::Number(_)) => "REAL",
            _ => "TEXT",
        }
    };
    let definitions: Vec<String> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{} {}", quoted(c), kind(i)))
        .collect();
    tx.execute_batch(&format!(
        "CREATE TABLE {} (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom {geometry_type}, {})",
        quoted(table),
        definitions.join(", ")
    ))
    .map_err(db)?;
    let mut extent: Option<[f64; 4]> = None;
    let placeholders = vec!["?"; columns.len() + 1].join(", ");
    let names = columns
        .iter()
        .map(|c| quoted(c))
        .collect::<Vec<_>>()
        .join(", ");
    let mut insert = tx
        .prepare(&format!(
            "INSERT INTO {} (geom, {names}) VALUES ({placeholders})",
            quoted(table)
        ))
        .map_err(db)?;
    for (shape, values) in rows {
        let shape = match (geometry_type, shape) {
            // The districts layer holds multipolygons only, as its type says.
            ("MULTIPOLYGON", Some(Geometry::Polygon(rings))) => {
                Some(Geometry::MultiPolygon(vec![rings.clone()]))
            }
            (_, shape) => shape.clone(),
        };
        if let Some(b) = shape.as_ref().and_then(ascn_model::geometry::bounding_box) {
            extent = Some(match extent {
                None => b,
                Some(e) => [
                    e[0].min(b[0]),
                    e[1].min(b[1]),
                    e[2].max(b[2]),
                    e[3].max(b[3]),
                ],
            });
        }
        let geom = shape
            .as_ref()
            .map(blob)
            .transpose()?
            .map_or(Value::Null, Value::Blob);
        let values = std::iter::once(geom).chain(values.iter().map(sql_value));
        insert.execute(params_from_iter(values)).map_err(db)?;
    }
    let [min_x, min_y, max_x, max_y] = extent.map_or([None; 4], |e| e.map(Some));
    tx.execute(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, min_x, min_y, max_x, max_y, srs_id)
         VALUES (?1, 'features', ?1, ?2, ?3, ?4, ?5, ?6, 4326)",
        rusqlite::params![table, description, min_x, min_y, max_x, max_y],
    )
    .map_err(db)?;
    tx.execute(
        "INSERT INTO gpkg_geometry_columns VALUES (?1, 'geom', ?2, 4326, 0, 0)",
        [table, geometry_type],
    )
    .map_err(db)?;
    Ok(())
}

/// SQLite failing while the GeoPackage is written.
fn db(e: rusqlite::Error) -> Error {
    Error::Export(format!("the GeoPackage could not be written: {e}"))
}

fn sql_value(value: &serde_json::Value) -> Value {
    match value {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Integer(i64::from(*b)),
        serde_json::Value::Number(n) => n
            .as_i64()
            .map(Value::Integer)
            .unwrap_or_else(|| Value::Real(n.as_f64().unwrap_or(f64::NAN))),
        serde_json::Value::String(s) => Value::Text(s.clone()),
        serde_json::Value::Array(items) => Value::Text(
            items
                .iter()
                .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        other => Value::Text(other.to_string()),
    }
}

/// An attribute read back as text.
fn text(value: ValueRef) -> String {
    match value {
        ValueRef::Null | ValueRef::Blob(_) => String::new(),
        ValueRef::Integer(i) => i.to_string(),
        ValueRef::Real(r) => r.to_string(),
        ValueRef::Text(t) => String::from_utf8_lossy(t).trim().to_string(),
    }
}

/// An SQL identifier, quoted (a table or column named by the file).
fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// An SQL string literal.
fn quoted_text(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// The tables every GeoPackage has (OGC 12-128r18, Annex C), and the two undefined systems it
/// requires.
const SCHEMA: &str = "
CREATE TABLE gpkg_spatial_ref_sys (
  srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY, organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
INSERT INTO gpkg_spatial_ref_sys VALUES
  ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system'),
  ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system');
CREATE TABLE gpkg_contents (
  table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
  description TEXT DEFAULT '',
  last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE gpkg_geometry_columns (
  table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT uk_gc_table_name UNIQUE (table_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
";

#[cfg(test)]
mod tests {
    use super::*;

    /// POINT EMPTY, as GDAL writes it (NaN coordinates): a feature without a shape. Found by
    /// the fuzz target, where it panicked in the conversion to `geo`.
    #[test]
    fn an_empty_point_is_a_feature_without_a_shape() {
        let mut empty = b"GP\0\x01".to_vec();
        empty.extend_from_slice(&4326i32.to_le_bytes());
        empty.push(1);
        empty.extend_from_slice(&1u32.to_le_bytes());
        empty.extend_from_slice(&f64::NAN.to_le_bytes());
        empty.extend_from_slice(&f64::NAN.to_le_bytes());
        assert_eq!(geometry(&empty), Ok(None));
        let point = blob(&Geometry::Point([108.2, 16.07])).unwrap();
        assert!(matches!(
            geometry(&point),
            Ok(Some(geo::Geometry::Point(_)))
        ));
    }
}
