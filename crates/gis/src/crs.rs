//! A file's coordinate reference system, from an EPSG code or the WKT of a Shapefile's `.prj`
//! or a GeoPackage's `gpkg_spatial_ref_sys`, and the transformation of its shapes to WGS 84
//! (proj4rs, with the EPSG definitions of crs-definitions, datum shifts included).

use geo::MapCoords;
use proj4rs::proj::Proj;

use ascn_model::says;
use ascn_model::validation::Says;

/// WGS 84 longitude/latitude, what the plan stores.
const WGS84: &str = "+proj=longlat +datum=WGS84 +no_defs";

/// A coordinate system shapes can be brought to WGS 84 from.
pub struct Crs {
    /// As a user reads it: "EPSG:3405 VN-2000 / UTM zone 48N".
    pub label: String,
    from: Proj,
    to: Proj,
}

impl Crs {
    /// The system with this EPSG code; `Err` says why it cannot be used.
    pub fn from_epsg(code: u32) -> Result<Crs, Says> {
        let def = u16::try_from(code)
            .ok()
            .and_then(crs_definitions::from_code)
            .ok_or_else(|| {
                says!(
                    "unknownEpsg",
                    "EPSG:{code} is not a coordinate system this app knows",
                    code = code
                )
            })?;
        Crs::new(
            format!("EPSG:{code} {}", name_in_wkt(def.wkt).unwrap_or_default())
                .trim()
                .to_string(),
            def.proj4,
        )
    }

    /// The system a WKT text describes: by the EPSG code it names, else by its name among the
    /// EPSG systems (ESRI's `.prj` files write `VN_2000_UTM_zone_48N` for EPSG:3405 and leave
    /// the datum shift out), else by its parameters.
    pub fn from_wkt(wkt: &str) -> Result<Crs, Says> {
        let wkt = wkt.trim().trim_start_matches('\u{feff}');
        if wkt.is_empty() {
            return Err(says!(
                "emptyCrs",
                "is empty; it should describe the coordinate system"
            ));
        }
        if let Some(code) = epsg_in_wkt(wkt) {
            return Crs::from_epsg(code);
        }
        let name = name_in_wkt(wkt).unwrap_or_default();
        if let Some(code) = epsg_named(&name) {
            return Crs::from_epsg(code);
        }
        let proj = proj4wkt::wkt_to_projstring(wkt).map_err(|e| {
            says!(
                "unreadableCrs",
                "describes a coordinate system this app cannot read ({name}): {detail}",
                name = name,
                detail = format!("{e:?}")
            )
        })?;
        Crs::new(name, &proj)
    }

    fn new(label: String, proj4: &str) -> Result<Crs, Says> {
        let unusable = |label: &str, e: proj4rs::errors::Error| {
            says!(
                "unusableCrs",
                "{name} cannot be used ({detail})",
                name = label,
                detail = e
            )
        };
        let from = Proj::from_proj_string(proj4).map_err(|e| unusable(&label, e))?;
        let to = Proj::from_proj_string(WGS84).map_err(|e| unusable("WGS 84", e))?;
        Ok(Crs { label, from, to })
    }

    /// The system is longitude/latitude already (its numbers are degrees).
    pub fn is_geographic(&self) -> bool {
        self.from.is_latlong()
    }

    /// The shape in WGS 84 longitude/latitude degrees.
    pub fn to_wgs84(&self, shape: geo::Geometry<f64>) -> Result<geo::Geometry<f64>, Says> {
        let geographic = self.is_geographic();
        shape.try_map_coords(|c| {
            let mut p = if geographic {
                (c.x.to_radians(), c.y.to_radians(), 0.0)
            } else {
                (c.x, c.y, 0.0)
            };
            proj4rs::transform::transform(&self.from, &self.to, &mut p).map_err(|e| {
                says!(
                    "notTransformable",
                    "the point ({x}, {y}) cannot be brought to WGS 84: {detail}",
                    x = c.x,
                    y = c.y,
                    detail = e
                )
            })?;
            Ok(geo::coord! { x: p.0.to_degrees(), y: p.1.to_degrees() })
        })
    }
}

/// The code of the outermost `AUTHORITY["EPSG","…"]` (the last one in the text: inner ones
/// name the datum, the ellipsoid, the unit), or of an `ID["EPSG",…]` in WKT 2.
fn epsg_in_wkt(wkt: &str) -> Option<u32> {
    let upper = wkt.to_ascii_uppercase();
    let at = upper
        .rfind("AUTHORITY[\"EPSG\"")
        .or_else(|| upper.rfind("ID[\"EPSG\""))?;
    // Only the outermost: nothing but closing brackets may follow its own bracket.
    let rest = &wkt[at..];
    let close = rest.find(']')?;
    if !rest[close..].chars().all(|c| c == ']' || c.is_whitespace()) {
        return None;
    }
    rest[..close]
        .split(',')
        .nth(1)?
        .trim()
        .trim_matches('"')
        .parse()
        .ok()
}

/// The first quoted name: the system's own.
fn name_in_wkt(wkt: &str) -> Option<String> {
    let start = wkt.find('"')? + 1;
    let end = start + wkt[start..].find('"')?;
    Some(wkt[start..end].to_string())
}

/// The EPSG code of the projected or geographic system called `name`, compared without case,
/// spaces or punctuation ("VN_2000_UTM_zone_48N" is "VN-2000 / UTM zone 48N").
fn epsg_named(name: &str) -> Option<u32> {
    let key = |s: &str| -> String {
        s.chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect()
    };
    let wanted = key(name);
    if wanted.is_empty() {
        return None;
    }
    // ESRI's names for WGS 84 and for UTM over it.
    let wanted = match wanted.as_str() {
        "gcswgs1984" => "wgs84".to_string(),
        w if w.starts_with("wgs1984utm") => w.replacen("wgs1984", "wgs84", 1),
        _ => wanted,
    };
    (1024..=32767u16).find_map(|code| {
        let def = crs_definitions::from_code(code)?;
        (key(&name_in_wkt(def.wkt)?) == wanted).then_some(u32::from(code))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn to_wgs84(crs: &Crs, x: f64, y: f64) -> (f64, f64) {
        match crs.to_wgs84(geo::Geometry::Point(geo::Point::new(x, y))) {
            Ok(geo::Geometry::Point(p)) => (p.x(), p.y()),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn an_esri_prj_without_authority_is_known_by_its_name() {
        let prj = r#"PROJCS["VN_2000_UTM_zone_48N",GEOGCS["GCS_VN_2000",DATUM["D_Vietnam_2000",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",105.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]"#;
        let crs = Crs::from_wkt(prj).unwrap();
        assert_eq!(crs.label, "EPSG:3405 VN-2000 / UTM zone 48N");
        let esri_utm = r#"PROJCS["WGS_1984_UTM_Zone_48N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",105.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]"#;
        assert_eq!(
            Crs::from_wkt(esri_utm).unwrap().label,
            "EPSG:32648 WGS 84 / UTM zone 48N"
        );
    }

    #[test]
    fn the_outermost_authority_is_the_systems_code() {
        assert_eq!(epsg_in_wkt(crs_definitions::EPSG_3405.wkt), Some(3405));
        assert_eq!(epsg_in_wkt(crs_definitions::EPSG_4326.wkt), Some(4326));
        // An inner one only (the datum's) names no system.
        assert_eq!(
            epsg_in_wkt(
                r#"GEOGCS["x",DATUM["D",SPHEROID["S",1,2],AUTHORITY["EPSG","6326"]],UNIT["degree",0.01]]"#
            ),
            None
        );
    }

    /// EPSG Guidance Note 7-2's worked example of the Transverse Mercator (OSGB 1936 / British
    /// National Grid, EPSG:27700): E 577274.99, N 69740.50 is 50°30'N 0°30'E on OSGB 1936.
    /// Here the same point lands on WGS 84 after the datum shift, where PROJ's cs2cs puts it.
    #[test]
    fn a_local_transverse_mercator_lands_where_the_guidance_note_and_proj_put_it() {
        let osgb = Crs::new(
            "OSGB 1936 geographic".into(),
            "+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy +units=m +no_defs",
        )
        .unwrap();
        // Projection only (no datum shift): the guidance note's own figures (given to the
        // centimetre), to 1 cm.
        let mut p = (577274.99, 69740.50, 0.0);
        let airy = Proj::from_proj_string("+proj=longlat +ellps=airy +no_defs").unwrap();
        proj4rs::transform::transform(&osgb.from, &airy, &mut p).unwrap();
        assert!(metres(p.0.to_degrees(), p.1.to_degrees(), 0.5, 50.5) < 0.01);
        // With EPSG:27700's datum shift, to WGS 84 (cs2cs: 0.498364144 E, 50.500636668 N).
        let (lon, lat) = to_wgs84(&Crs::from_epsg(27700).unwrap(), 577274.99, 69740.50);
        assert!(metres(lon, lat, 0.498364144, 50.500636668) < 0.01);
    }

    /// Distance in metres between two nearby WGS 84 points.
    pub(crate) fn metres(lon: f64, lat: f64, lon2: f64, lat2: f64) -> f64 {
        let dy = (lat - lat2).to_radians() * 6_371_000.0;
        let dx = (lon - lon2).to_radians() * 6_371_000.0 * lat.to_radians().cos();
        dx.hypot(dy)
    }

    #[test]
    fn an_unknown_system_is_refused_by_name() {
        let message = Crs::from_epsg(99999).err().unwrap();
        assert_eq!(
            message.english,
            "EPSG:99999 is not a coordinate system this app knows"
        );
        assert!(Crs::from_wkt("  ").is_err());
        assert!(Crs::from_wkt("PROJCS[\"Made up\",PROJECTION[\"Nowhere\"]]").is_err());
    }
}
