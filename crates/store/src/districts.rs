//! Districts of a city, and which districts each project touches.

use rusqlite::params;

use super::projects::{geometry_text, parse_geometry};
use super::Workspace;
use crate::error::{Error, Result};
use ascn_model::geometry;
use ascn_model::geometry::districts::DistrictShape;
use ascn_model::{CityId, District, DistrictId, PlanId, ProjectDistricts, ProjectId};

impl Workspace {
    /// The city's districts, by name.
    pub fn districts(&self, city: CityId) -> Result<Vec<District>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, geometry FROM district WHERE city_id = ?1 ORDER BY name",
        )?;
        let rows = stmt.query_map([city.0], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        rows.map(|row| {
            let (id, name, text) = row?;
            let geometry = parse_geometry(&text)?;
            Ok(District {
                id: DistrictId(id),
                city_id: city,
                name,
                area_km2: geometry::area_km2(&geometry),
                centroid: geometry::centroid(&geometry),
                geometry,
            })
        })
        .collect()
    }

    /// Adds districts to a city, replacing the boundary of any district of the same name, all in
    /// one transaction, and returns the districts saved. The shapes come checked from
    /// [`ascn_model::geometry::districts::parse`].
    pub fn save_districts(
        &mut self,
        city: CityId,
        shapes: &[DistrictShape],
    ) -> Result<Vec<District>> {
        self.city(city)?;
        let tx = self.conn.transaction()?;
        upsert_districts(&tx, city, shapes)?;
        tx.commit()?;
        tracing::info!(%city, count = shapes.len(), "districts saved");
        let mut saved = self.districts(city)?;
        saved.retain(|d| shapes.iter().any(|s| s.name == d.name));
        Ok(saved)
    }

    /// Reads, checks and saves a district file; nothing is saved when any feature is wrong.
    pub fn import_districts(&mut self, city: CityId, text: &str) -> Result<Vec<District>> {
        let shapes = ascn_model::geometry::districts::parse(text).map_err(Error::invalid)?;
        self.save_districts(city, &shapes)
    }

    /// For each project of the plan with a location, the districts its locations touch.
    pub fn project_districts(&self, plan: PlanId) -> Result<Vec<ProjectDistricts>> {
        let city = self.plan(plan)?.city_id;
        let districts = self.districts(city)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT l.project_id, l.geometry FROM project_location l
             JOIN project p ON p.id = l.project_id
             WHERE p.plan_id = ?1 AND p.deleted_at IS NULL
             ORDER BY l.project_id, l.position",
        )?;
        let rows = stmt.query_map([plan.0], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })?;
        let mut out: Vec<ProjectDistricts> = Vec::new();
        for row in rows {
            let (project, text) = row?;
            let location = parse_geometry(&text)?;
            let project_id = ProjectId(project);
            if out.last().is_none_or(|p| p.project_id != project_id) {
                out.push(ProjectDistricts {
                    project_id,
                    districts: Vec::new(),
                });
            }
            let entry = out.last_mut().expect("pushed above");
            for d in &districts {
                if !entry.districts.contains(&d.name)
                    && geometry::intersects(&location, &d.geometry)
                {
                    entry.districts.push(d.name.clone());
                }
            }
        }
        Ok(out)
    }
}

/// Adds or replaces (by name) a city's districts, inside the caller's transaction.
pub(super) fn upsert_districts(
    tx: &rusqlite::Transaction<'_>,
    city: CityId,
    shapes: &[DistrictShape],
) -> Result<()> {
    let mut insert = tx.prepare_cached(
        "INSERT INTO district (city_id, name, geometry) VALUES (?1, ?2, ?3)
         ON CONFLICT (city_id, name) DO UPDATE SET geometry = excluded.geometry",
    )?;
    for shape in shapes {
        insert.execute(params![city.0, shape.name, geometry_text(&shape.geometry)])?;
    }
    Ok(())
}
