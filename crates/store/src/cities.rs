//! Cities of the workspace.

use ascn_model::Thing;
use rusqlite::{params, OptionalExtension, Row};

use super::Workspace;
use crate::error::{Error, Result};
use ascn_model::{validation, City, CityId, NewCity};

const LAST_CITY_KEY: &str = "last_city";

const CITY_COLUMNS: &str = "c.id, c.name, c.member_state, c.population, c.population_year,
    c.latitude, c.longitude, c.pilot, c.officer, c.member_since,
    EXISTS (SELECT 1 FROM plan p WHERE p.city_id = c.id)";

fn city_from_row(r: &Row<'_>) -> rusqlite::Result<City> {
    Ok(City {
        id: CityId(r.get(0)?),
        name: r.get(1)?,
        member_state: r.get(2)?,
        population: r.get(3)?,
        population_year: r.get(4)?,
        latitude: r.get(5)?,
        longitude: r.get(6)?,
        pilot: r.get(7)?,
        officer: r.get(8)?,
        member_since: r.get(9)?,
        has_plan: r.get(10)?,
    })
}

impl Workspace {
    /// Every city, grouped by member state (by its name), then by city name.
    pub fn cities(&self) -> Result<Vec<City>> {
        let sql = format!(
            "SELECT {CITY_COLUMNS} FROM city c JOIN member_state m ON m.iso3 = c.member_state
             ORDER BY m.name, c.name"
        );
        super::reference::collect(&self.conn, &sql, city_from_row)
    }

    pub fn city(&self, id: CityId) -> Result<City> {
        let sql = format!("SELECT {CITY_COLUMNS} FROM city c WHERE c.id = ?1");
        self.conn
            .prepare_cached(&sql)?
            .query_row([id.0], city_from_row)
            .optional()?
            .ok_or_else(|| Error::not_found(Thing::City, id))
    }

    /// Finds a city by name, ignoring case; a name shared by two member states is ambiguous.
    pub fn city_by_name(&self, name: &str) -> Result<City> {
        let matches: Vec<City> = self
            .cities()?
            .into_iter()
            .filter(|c| c.name.to_lowercase() == name.trim().to_lowercase())
            .collect();
        match matches.len() {
            0 => Err(Error::not_found(Thing::City, format!("'{}'", name.trim()))),
            1 => Ok(matches.into_iter().next().expect("one match")),
            _ => Err(Error::conflict(ascn_model::says!(
                errors: "cityNameTwice",
                "more than one city is called '{name}'; give its id instead",
                name = name.trim()
            ))),
        }
    }

    /// The city whose plan was opened last, so the app reopens where the planner left off.
    pub fn last_city(&self) -> Result<Option<CityId>> {
        let id = self
            .setting(LAST_CITY_KEY)?
            .and_then(|v| v.parse().ok())
            .map(CityId);
        // A remembered city that no longer exists is forgotten, not an error.
        Ok(id.filter(|id| self.city(*id).is_ok()))
    }

    /// Remembers `city` as the last one opened.
    pub fn remember_city(&mut self, city: CityId) -> Result<()> {
        self.city(city)?;
        self.set_setting(LAST_CITY_KEY, Some(&city.0.to_string()))
    }

    /// Adds a city that is not among the pilot cities.
    pub fn add_city(&mut self, city: &NewCity) -> Result<City> {
        validation::new_city(city, &self.reference).map_err(Error::invalid)?;
        let name = city.name.trim();
        let tx = self.conn.transaction()?;
        let exists: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM city WHERE member_state = ?1 AND lower(name) = lower(?2))",
            params![city.member_state, name],
            |r| r.get(0),
        )?;
        if exists {
            return Err(Error::conflict(ascn_model::says!(
                errors: "cityExists",
                "{name} is already a city of {state}",
                name = name,
                state = city.member_state
            )));
        }
        let id = insert_city(&tx, city)?;
        tx.commit()?;
        tracing::info!(%id, name, "city added");
        self.city(id)
    }

    /// Marks a city a member of the network from `since`, or (with `None`) not a member: what a
    /// National Representative or the Secretariat records when a city joins.
    pub fn set_member(&mut self, city: CityId, since: Option<i32>) -> Result<City> {
        validation::member_since(since).map_err(|e| Error::invalid(vec![e]))?;
        let changed = self.conn.execute(
            "UPDATE city SET member_since = ?2 WHERE id = ?1",
            params![city.0, since],
        )?;
        if changed == 0 {
            return Err(Error::not_found(Thing::City, city));
        }
        tracing::info!(%city, ?since, "membership set");
        self.city(city)
    }
}

/// Inserts a checked city that is not yet in the workspace, inside the caller's transaction.
pub(super) fn insert_city(tx: &rusqlite::Transaction<'_>, city: &NewCity) -> Result<CityId> {
    tx.execute(
        "INSERT INTO city (name, member_state, population, latitude, longitude, officer,
                           member_since)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            city.name.trim(),
            city.member_state,
            city.population,
            city.latitude,
            city.longitude,
            city.officer,
            city.member_since
        ],
    )?;
    Ok(CityId(tx.last_insert_rowid()))
}
