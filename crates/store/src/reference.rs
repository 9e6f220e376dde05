//! Copies the shipped framework reference into a workspace and reads it back: the default
//! Framework, every other version loaded since, the member states and the plan periods.

use std::sync::Arc;

use rusqlite::{params, Connection, OptionalExtension, Transaction};

use crate::error::{Error, Result};
use crate::text::language_list;
use ascn_model::framework::{self, Framework, Period, Reference};
use ascn_model::MemberState;

const VERSION_KEY: &str = "framework_version";
const RELEASE_KEY: &str = "reference_release";
const NAME_KEY: &str = "framework_name";

/// Loads the shipped reference when the workspace has none or an older release. Codes are
/// upserted (never deleted) so plans written against an older version keep their references;
/// shipped cities are added if missing and never overwrite what a user edited (a membership year
/// a National Representative set stays).
pub(super) fn load_shipped_if_newer(conn: &mut Connection) -> Result<()> {
    let (shipped, cities) = framework::shipped()?;
    let stored: Option<i32> = conn
        .query_row(
            "SELECT CAST(value AS INTEGER) FROM meta WHERE key = ?1",
            [RELEASE_KEY],
            |r| r.get(0),
        )
        .optional()?;
    if stored.is_some_and(|v| v >= shipped.release) {
        return Ok(());
    }
    let tx = conn.transaction()?;
    insert_framework(&tx, &framework::shipped_framework()?)?;
    for s in &shipped.sdgs {
        tx.execute(
            "INSERT INTO sdg (number, name) VALUES (?1, ?2)
             ON CONFLICT (number) DO UPDATE SET name = excluded.name",
            params![s.number, s.name],
        )?;
    }
    tx.execute("DELETE FROM enabler", [])?;
    for (i, name) in shipped.enablers.iter().enumerate() {
        tx.execute(
            "INSERT INTO enabler (position, name) VALUES (?1, ?2)",
            params![i as i64, name],
        )?;
    }
    for m in &shipped.member_states {
        tx.execute(
            "INSERT INTO member_state (iso3, iso2, iso_numeric, name, short_name, languages)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (iso3) DO UPDATE SET iso2 = excluded.iso2,
                 iso_numeric = excluded.iso_numeric, name = excluded.name,
                 short_name = excluded.short_name, languages = excluded.languages",
            params![
                m.iso3,
                m.iso2,
                m.iso_numeric,
                m.name,
                m.short_name,
                m.languages.join(" ")
            ],
        )?;
    }
    for p in &shipped.periods {
        tx.execute(
            "INSERT INTO period (code, name, start_year, end_year) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (code) DO UPDATE SET name = excluded.name",
            params![p.code, p.name, p.start_year, p.end_year],
        )?;
    }
    for c in &cities {
        tx.execute(
            "INSERT INTO city (name, member_state, population, population_year, latitude,
                               longitude, pilot, member_since)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (member_state, name) DO UPDATE SET
                 pilot = max(pilot, excluded.pilot),
                 member_since = coalesce(member_since, excluded.member_since)",
            params![
                c.name,
                c.iso3,
                c.population,
                c.population_year,
                c.latitude,
                c.longitude,
                c.pilot,
                c.joined
            ],
        )?;
    }
    for (key, value) in [
        (VERSION_KEY, shipped.version.to_string()),
        (RELEASE_KEY, shipped.release.to_string()),
        (NAME_KEY, shipped.name.clone()),
    ] {
        tx.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
    }
    tx.commit()?;
    tracing::info!(release = shipped.release, "framework reference loaded");
    Ok(())
}

/// Reads the reference stored in the workspace: its default Framework (the one new plans are
/// written against), the member states and the plan periods.
pub(super) fn read(conn: &Connection) -> Result<Reference> {
    let meta = |key: &str| -> Result<String> {
        Ok(conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))?)
    };
    let version: i32 = meta(VERSION_KEY)?.parse().unwrap_or(0);
    let release = meta(RELEASE_KEY)?.parse().unwrap_or(0);
    let member_states = collect(
        conn,
        "SELECT iso3, iso2, iso_numeric, name, short_name, national_representative, languages
         FROM member_state ORDER BY name",
        |r| {
            Ok(MemberState {
                iso3: r.get(0)?,
                iso2: r.get(1)?,
                iso_numeric: r.get(2)?,
                name: r.get(3)?,
                short_name: r.get(4)?,
                national_representative: r.get(5)?,
                languages: language_list(&r.get::<_, String>(6)?),
            })
        },
    )?;
    let periods = collect(
        conn,
        "SELECT code, name, start_year, end_year FROM period ORDER BY start_year",
        |r| {
            Ok(Period {
                code: r.get(0)?,
                name: r.get(1)?,
                start_year: r.get(2)?,
                end_year: r.get(3)?,
            })
        },
    )?;
    let base = Reference {
        version,
        release,
        name: String::new(),
        strategic_outcomes: Vec::new(),
        focus_areas: Vec::new(),
        sectors: Vec::new(),
        sdgs: Vec::new(),
        enablers: Vec::new(),
        member_states,
        periods,
    };
    Ok(base.with_framework(&stored_framework(conn, version)?))
}

/// Every version of the Framework the workspace holds, each as a whole reference, oldest first.
pub(super) fn read_all(conn: &Connection, default: &Reference) -> Result<Vec<Arc<Reference>>> {
    let versions = collect(
        conn,
        "SELECT version FROM framework ORDER BY version",
        |r| r.get::<_, i32>(0),
    )?;
    versions
        .into_iter()
        .map(|v| {
            Ok(Arc::new(
                default.with_framework(&stored_framework(conn, v)?),
            ))
        })
        .collect()
}

fn stored_framework(conn: &Connection, version: i32) -> Result<Framework> {
    let body: Option<String> = conn
        .query_row(
            "SELECT body FROM framework WHERE version = ?1",
            [version],
            |r| r.get(0),
        )
        .optional()?;
    let body = body.ok_or_else(|| {
        Error::Corrupt(format!(
            "the workspace has no Framework of version {version}"
        ))
    })?;
    Ok(Framework::parse(&body)?)
}

/// Keeps a Framework version whole and adds its codes to the code tables, which hold the codes of
/// every version for the keys (never removing any: plans of other versions keep theirs), inside
/// the caller's transaction.
pub(super) fn insert_framework(tx: &Transaction<'_>, f: &Framework) -> Result<()> {
    tx.execute(
        "INSERT INTO framework (version, name, body) VALUES (?1, ?2, ?3)
         ON CONFLICT (version) DO UPDATE SET name = excluded.name, body = excluded.body",
        params![f.version, f.name, f.to_json()],
    )?;
    for (i, o) in f.strategic_outcomes.iter().enumerate() {
        tx.execute(
            "INSERT INTO strategic_outcome (code, name, position) VALUES (?1, ?2, ?3)
             ON CONFLICT (code) DO UPDATE SET name = excluded.name, position = excluded.position",
            params![o.code, o.name, i as i64],
        )?;
    }
    for (i, a) in f.focus_areas.iter().enumerate() {
        tx.execute(
            "INSERT INTO focus_area (code, name, scope, position) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (code) DO UPDATE SET name = excluded.name, scope = excluded.scope,
                                              position = excluded.position",
            params![a.code, a.name, a.scope, i as i64],
        )?;
    }
    for (i, s) in f.sectors.iter().enumerate() {
        tx.execute(
            "INSERT INTO sector (code, name, focus_area, position) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (code) DO UPDATE SET name = excluded.name,
                 focus_area = excluded.focus_area, position = excluded.position",
            params![s.code, s.name, s.focus_area, i as i64],
        )?;
    }
    if let Some(map) = &f.maps_from {
        tx.execute(
            "DELETE FROM focus_area_map WHERE from_version = ?1 AND to_version = ?2",
            params![map.version, f.version],
        )?;
        for (from, to) in &map.focus_areas {
            tx.execute(
                "INSERT INTO focus_area_map (from_version, to_version, from_code, to_code)
                 VALUES (?1, ?2, ?3, ?4)",
                params![map.version, f.version, from, to],
            )?;
        }
    }
    Ok(())
}

/// Runs a parameterless query and collects its mapped rows.
pub(super) fn collect<T>(
    conn: &Connection,
    sql: &str,
    map: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map([], map)?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}
