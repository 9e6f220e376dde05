//! The workspace schema, as numbered migrations tracked in SQLite's `user_version`.
//!
//! Append new migrations; never edit one that has shipped. Before adding one, write a fixture
//! workspace with the current CLI into `tests/fixtures/workspace-vN.ascn` (see
//! tests/migrations.rs), so every earlier version stays tested. A workspace whose `user_version` is
//! higher than [`LATEST`] was written by a newer app and is refused untouched by the caller.

use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

/// Schema version 1: reference data, cities, plans, projects and their parts.
const V1: &str = r#"
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE strategic_outcome (
    code     TEXT PRIMARY KEY,
    name     TEXT NOT NULL,
    position INTEGER NOT NULL
) STRICT;

CREATE TABLE focus_area (
    code     TEXT PRIMARY KEY,
    name     TEXT NOT NULL,
    scope    TEXT NOT NULL,
    position INTEGER NOT NULL
) STRICT;

CREATE TABLE sector (
    code       TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    focus_area TEXT NOT NULL REFERENCES focus_area(code),
    position   INTEGER NOT NULL
) STRICT;

CREATE TABLE sdg (
    number INTEGER PRIMARY KEY,
    name   TEXT NOT NULL
) STRICT;

CREATE TABLE enabler (
    position INTEGER PRIMARY KEY,
    name     TEXT NOT NULL
) STRICT;

CREATE TABLE member_state (
    iso3                    TEXT PRIMARY KEY,
    iso2                    TEXT NOT NULL,
    iso_numeric             TEXT NOT NULL,
    name                    TEXT NOT NULL,
    short_name              TEXT NOT NULL,
    national_representative TEXT
) STRICT;

CREATE TABLE city (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL,
    member_state    TEXT NOT NULL REFERENCES member_state(iso3),
    population      INTEGER,
    population_year INTEGER,
    latitude        REAL,
    longitude       REAL,
    pilot           INTEGER NOT NULL DEFAULT 0,
    officer         TEXT,
    UNIQUE (member_state, name)
) STRICT;

CREATE TABLE plan (
    id                INTEGER PRIMARY KEY,
    city_id           INTEGER NOT NULL UNIQUE REFERENCES city(id),
    period_start      INTEGER NOT NULL,
    period_end        INTEGER NOT NULL,
    vision            TEXT NOT NULL DEFAULT '',
    status            TEXT NOT NULL DEFAULT 'draft',
    framework_version INTEGER NOT NULL,
    sample            INTEGER NOT NULL DEFAULT 0,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    CHECK (period_start <= period_end)
) STRICT;

CREATE TABLE plan_focus_area (
    plan_id    INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
    focus_area TEXT NOT NULL REFERENCES focus_area(code),
    rationale  TEXT NOT NULL DEFAULT '',
    position   INTEGER NOT NULL,
    PRIMARY KEY (plan_id, focus_area)
) STRICT;

CREATE TABLE partner (
    id      INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
    kind    TEXT NOT NULL,
    name    TEXT NOT NULL,
    country TEXT
) STRICT;

CREATE TABLE project (
    id                 INTEGER PRIMARY KEY,
    plan_id            INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
    code               TEXT NOT NULL,
    title              TEXT NOT NULL,
    description        TEXT NOT NULL DEFAULT '',
    primary_focus_area TEXT NOT NULL REFERENCES focus_area(code),
    start_year         INTEGER NOT NULL,
    end_year           INTEGER NOT NULL,
    status             TEXT NOT NULL,
    lead_agency        TEXT NOT NULL DEFAULT '',
    bankable           INTEGER NOT NULL DEFAULT 0,
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL,
    -- Soft delete: a deleted project can be restored until it is purged.
    deleted_at         INTEGER,
    CHECK (start_year <= end_year)
) STRICT;
CREATE INDEX project_plan ON project(plan_id, deleted_at);

CREATE TABLE project_focus_area (
    project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
    focus_area TEXT NOT NULL REFERENCES focus_area(code),
    position   INTEGER NOT NULL,
    PRIMARY KEY (project_id, focus_area)
) STRICT;

CREATE TABLE project_sector (
    project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
    sector     TEXT NOT NULL REFERENCES sector(code),
    position   INTEGER NOT NULL,
    PRIMARY KEY (project_id, sector)
) STRICT;
CREATE INDEX project_sector_by_sector ON project_sector(sector);

CREATE TABLE project_outcome (
    project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
    outcome    TEXT NOT NULL REFERENCES strategic_outcome(code),
    position   INTEGER NOT NULL,
    PRIMARY KEY (project_id, outcome)
) STRICT;

CREATE TABLE project_sdg (
    project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
    sdg        INTEGER NOT NULL REFERENCES sdg(number),
    position   INTEGER NOT NULL,
    PRIMARY KEY (project_id, sdg)
) STRICT;

CREATE TABLE project_partner (
    project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
    partner_id INTEGER NOT NULL REFERENCES partner(id),
    position   INTEGER NOT NULL,
    PRIMARY KEY (project_id, partner_id)
) STRICT;

CREATE TABLE funding_line (
    id         INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    source     TEXT NOT NULL,
    partner_id INTEGER REFERENCES partner(id),
    amount     REAL NOT NULL CHECK (amount >= 0),
    currency   TEXT NOT NULL,
    start_year INTEGER NOT NULL,
    end_year   INTEGER NOT NULL,
    status     TEXT NOT NULL
) STRICT;
CREATE INDEX funding_line_project ON funding_line(project_id);

CREATE TABLE kpi (
    id             INTEGER PRIMARY KEY,
    project_id     INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    name           TEXT NOT NULL,
    standard_ref   TEXT,
    unit           TEXT NOT NULL,
    baseline_year  INTEGER NOT NULL,
    baseline_value REAL NOT NULL
) STRICT;
CREATE INDEX kpi_project ON kpi(project_id);

CREATE TABLE kpi_target (
    kpi_id INTEGER NOT NULL REFERENCES kpi(id) ON DELETE CASCADE,
    year   INTEGER NOT NULL,
    value  REAL NOT NULL,
    PRIMARY KEY (kpi_id, year)
) STRICT;
"#;

/// Schema version 2: where projects happen, and the districts of a city. Geometries are GeoJSON
/// geometry objects as text, written and read with exact float round-tripping.
const V2: &str = r#"
CREATE TABLE project_location (
    project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    name       TEXT NOT NULL DEFAULT '',
    geometry   TEXT NOT NULL,
    PRIMARY KEY (project_id, position)
) STRICT;

CREATE TABLE district (
    id       INTEGER PRIMARY KEY,
    city_id  INTEGER NOT NULL REFERENCES city(id) ON DELETE CASCADE,
    name     TEXT NOT NULL,
    geometry TEXT NOT NULL,
    UNIQUE (city_id, name)
) STRICT;
"#;

/// Schema version 3: the plan's context, the outcomes each chosen focus area serves, the step of
/// guided drafting to resume at, and the edit history behind undo and redo.
const V3: &str = r#"
ALTER TABLE plan ADD COLUMN context TEXT NOT NULL DEFAULT '';
ALTER TABLE plan ADD COLUMN guide_step INTEGER NOT NULL DEFAULT 0;

CREATE TABLE plan_focus_area_outcome (
    plan_id    INTEGER NOT NULL,
    focus_area TEXT NOT NULL,
    outcome    TEXT NOT NULL REFERENCES strategic_outcome(code),
    PRIMARY KEY (plan_id, focus_area, outcome),
    FOREIGN KEY (plan_id, focus_area) REFERENCES plan_focus_area(plan_id, focus_area)
        ON DELETE CASCADE
) STRICT;

CREATE TABLE edit (
    id        INTEGER PRIMARY KEY,
    plan_id   INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
    target    TEXT NOT NULL,
    target_id INTEGER NOT NULL,
    label     TEXT NOT NULL,
    before    TEXT,
    after     TEXT,
    undone    INTEGER NOT NULL DEFAULT 0,
    at        TEXT NOT NULL
) STRICT;
CREATE INDEX edit_by_plan ON edit(plan_id, id);
"#;

/// Schema version 4: yearly progress of projects and KPI actuals, the revisions a plan is frozen
/// in when submitted, and the pairings a city agreed.
const V4: &str = r#"
CREATE TABLE project_progress (
    project_id       INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
    year             INTEGER NOT NULL,
    status           TEXT NOT NULL,
    percent_complete INTEGER NOT NULL CHECK (percent_complete BETWEEN 0 AND 100),
    narrative        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (project_id, year)
) STRICT;

CREATE TABLE kpi_actual (
    kpi_id INTEGER NOT NULL REFERENCES kpi(id) ON DELETE CASCADE,
    year   INTEGER NOT NULL,
    value  REAL NOT NULL,
    PRIMARY KEY (kpi_id, year)
) STRICT;

CREATE TABLE revision (
    id        INTEGER PRIMARY KEY,
    plan_id   INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
    number    INTEGER NOT NULL,
    status    TEXT NOT NULL,
    label     TEXT NOT NULL DEFAULT '',
    frozen_at INTEGER NOT NULL,
    projects  INTEGER NOT NULL,
    -- The plan as an ASCF plan file (JSON), exactly as an export would have written it.
    file      TEXT NOT NULL,
    UNIQUE (plan_id, number)
) STRICT;

CREATE TABLE pairing (
    id          INTEGER PRIMARY KEY,
    plan_id     INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    counterpart TEXT NOT NULL,
    score       INTEGER NOT NULL,
    reasons     TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    -- The date it was agreed, YYYY-MM-DD, as people write it.
    agreed_at   TEXT NOT NULL,
    UNIQUE (plan_id, kind, counterpart)
) STRICT;
"#;

/// Schema version 5: the workspace says it is one ([`APPLICATION_ID`] in SQLite's header), plans
/// and projects carry a version number that every write bumps (a save built on an older one is
/// refused as changed elsewhere), and a project code is unique among a plan's live projects.
/// Codes used twice before are told apart by the project's id so the index can hold.
const V5: &str = r#"
PRAGMA application_id = 1095975758;
ALTER TABLE plan ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE project ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
UPDATE project SET code = code || '-' || id
 WHERE deleted_at IS NULL
   AND EXISTS (SELECT 1 FROM project q
                WHERE q.plan_id = project.plan_id AND q.code = project.code
                  AND q.deleted_at IS NULL AND q.id < project.id);
CREATE UNIQUE INDEX project_code_live ON project(plan_id, code) WHERE deleted_at IS NULL;
"#;

/// Schema version 6: plan periods and a city's membership of the network.
/// - `period` holds the periods of the action plans; a city holds one plan per period (the plan
///   table is rebuilt without its one-plan-per-city constraint). A plan belongs to the period
///   that holds its first year. A plan can be closed.
/// - a city is a member of the ASCN from a year: the pilots from 2018.
/// - a year's progress report may say what was spent.
/// - a project may be carried from one of the previous period's plan, and its years may be left
///   unknown while drafting (the project table is rebuilt without NOT NULL on them).
/// - reference release 2 recorded itself as framework version 2; the Framework is still the
///   2018 one.
/// - each version of the Framework the workspace knows is kept whole (`framework.body`, its
///   file as JSON), with how a later version maps the focus areas of an earlier one; the code
///   tables hold the codes of every version, for the keys.
///
/// Rebuilding a table drops the old one: [`to_latest`] runs the migrations with foreign keys off
/// (a drop would otherwise cascade into every child row) and checks them after.
const V6: &str = r#"
CREATE TABLE period (
    code       TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    start_year INTEGER NOT NULL,
    end_year   INTEGER NOT NULL,
    CHECK (start_year <= end_year)
) STRICT;
INSERT INTO period (code, name, start_year, end_year) VALUES
    ('2018-2025', 'First Smart City Action Plans (ASEAN Community Vision 2025)', 2018, 2025),
    ('2026-2035', 'ASEAN Smart City Action Plan 2026–2035', 2026, 2035);

CREATE TABLE plan_v6 (
    id                INTEGER PRIMARY KEY,
    city_id           INTEGER NOT NULL REFERENCES city(id),
    period            TEXT NOT NULL REFERENCES period(code),
    period_start      INTEGER NOT NULL,
    period_end        INTEGER NOT NULL,
    vision            TEXT NOT NULL DEFAULT '',
    status            TEXT NOT NULL DEFAULT 'draft',
    framework_version INTEGER NOT NULL,
    sample            INTEGER NOT NULL DEFAULT 0,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    context           TEXT NOT NULL DEFAULT '',
    guide_step        INTEGER NOT NULL DEFAULT 0,
    version           INTEGER NOT NULL DEFAULT 1,
    closed_at         INTEGER,
    UNIQUE (city_id, period),
    CHECK (period_start <= period_end)
) STRICT;
INSERT INTO plan_v6 (id, city_id, period, period_start, period_end, vision, status,
                     framework_version, sample, created_at, updated_at, context, guide_step,
                     version)
SELECT id, city_id,
       COALESCE((SELECT code FROM period WHERE start_year <= plan.period_start
                 ORDER BY start_year DESC LIMIT 1), '2018-2025'),
       period_start, period_end, vision, status, MIN(framework_version, 1), sample, created_at,
       updated_at, context, guide_step, version
  FROM plan;
DROP TABLE plan;
ALTER TABLE plan_v6 RENAME TO plan;

CREATE TABLE project_v6 (
    id                 INTEGER PRIMARY KEY,
    plan_id            INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
    code               TEXT NOT NULL,
    title              TEXT NOT NULL,
    description        TEXT NOT NULL DEFAULT '',
    primary_focus_area TEXT NOT NULL REFERENCES focus_area(code),
    start_year         INTEGER,
    end_year           INTEGER,
    status             TEXT NOT NULL,
    lead_agency        TEXT NOT NULL DEFAULT '',
    bankable           INTEGER NOT NULL DEFAULT 0,
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL,
    deleted_at         INTEGER,
    version            INTEGER NOT NULL DEFAULT 1,
    carried_from       INTEGER REFERENCES project_v6(id) ON DELETE SET NULL,
    CHECK (start_year <= end_year)
) STRICT;
INSERT INTO project_v6 (id, plan_id, code, title, description, primary_focus_area, start_year,
                        end_year, status, lead_agency, bankable, created_at, updated_at,
                        deleted_at, version)
SELECT id, plan_id, code, title, description, primary_focus_area, start_year, end_year, status,
       lead_agency, bankable, created_at, updated_at, deleted_at, version
  FROM project;
DROP TABLE project;
ALTER TABLE project_v6 RENAME TO project;
CREATE INDEX project_plan ON project(plan_id, deleted_at);
CREATE UNIQUE INDEX project_code_live ON project(plan_id, code) WHERE deleted_at IS NULL;
CREATE INDEX project_carried_from ON project(carried_from);

ALTER TABLE project_progress ADD COLUMN spent REAL CHECK (spent >= 0);
ALTER TABLE city ADD COLUMN member_since INTEGER;
UPDATE city SET member_since = 2018 WHERE pilot = 1;

CREATE TABLE framework (
    version INTEGER PRIMARY KEY,
    name    TEXT NOT NULL,
    body    TEXT NOT NULL
) STRICT;
CREATE TABLE focus_area_map (
    from_version INTEGER NOT NULL REFERENCES framework(version),
    to_version   INTEGER NOT NULL REFERENCES framework(version),
    from_code    TEXT NOT NULL,
    to_code      TEXT NOT NULL,
    PRIMARY KEY (from_version, to_version, from_code)
) STRICT;
"#;

/// Schema version 7: the figures of each year's monitoring report as written, so the next
/// year's report shows the trend.
const V7: &str = r#"
CREATE TABLE me_figures (
    year       INTEGER PRIMARY KEY,
    period     TEXT NOT NULL REFERENCES period(code),
    figures    TEXT NOT NULL,
    written_at INTEGER NOT NULL
) STRICT;
"#;

/// Schema version 8: plans in English and their local languages. Each narrative keeps its
/// English in its own column and its translations beside it as a JSON object by language tag;
/// a plan's languages (space-separated tags) are the member state's until the plan sets its own.
const V8: &str = r#"
ALTER TABLE member_state ADD COLUMN languages TEXT NOT NULL DEFAULT '';
ALTER TABLE plan ADD COLUMN languages TEXT;
ALTER TABLE plan ADD COLUMN vision_local TEXT NOT NULL DEFAULT '{}';
ALTER TABLE plan ADD COLUMN context_local TEXT NOT NULL DEFAULT '{}';
ALTER TABLE plan_focus_area ADD COLUMN rationale_local TEXT NOT NULL DEFAULT '{}';
ALTER TABLE project ADD COLUMN title_local TEXT NOT NULL DEFAULT '{}';
ALTER TABLE project ADD COLUMN description_local TEXT NOT NULL DEFAULT '{}';
ALTER TABLE kpi ADD COLUMN name_local TEXT NOT NULL DEFAULT '{}';
ALTER TABLE partner ADD COLUMN name_local TEXT NOT NULL DEFAULT '{}';
ALTER TABLE project_progress ADD COLUMN narrative_local TEXT NOT NULL DEFAULT '{}';
"#;

/// Schema version 9: each edit of the history keeps what its label says (`{"key", "values"}`),
/// so the interface words "Edit BI-01: end year" in its own language; empty for older edits.
const V9: &str = r#"
ALTER TABLE edit ADD COLUMN words TEXT NOT NULL DEFAULT '';
"#;

/// SQLite's `application_id` of a workspace: "ASCN" in ASCII, so `file` and this app can tell
/// a workspace from another program's database.
pub const APPLICATION_ID: i64 = 0x4153_434E;

/// The schema version that first set [`APPLICATION_ID`].
pub const APPLICATION_ID_SINCE: i64 = 5;

/// The highest schema version this build understands.
pub const LATEST: i64 = 9;

/// Every migration, oldest first.
pub fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(V1),
        M::up(V2),
        M::up(V3),
        M::up(V4),
        M::up(V5),
        M::up(V6).foreign_key_check(),
        M::up(V7),
        M::up(V8),
        M::up(V9),
    ])
}

/// Brings the workspace to [`LATEST`]. Foreign keys are off while the migrations run (SQLite
/// ignores the switch inside a transaction, so it is set around them): a migration that rebuilds
/// a table checks the keys itself before it commits.
pub fn to_latest(conn: &mut Connection) -> Result<(), rusqlite_migration::Error> {
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version >= LATEST {
        return Ok(());
    }
    conn.pragma_update(None, "foreign_keys", false)?;
    let migrated = migrations().to_latest(conn);
    conn.pragma_update(None, "foreign_keys", true)?;
    migrated
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        migrations()
            .validate()
            .expect("every migration must apply to an empty database");
    }

    #[test]
    fn latest_matches_the_number_of_migrations() {
        let mut conn = Connection::open_in_memory().unwrap();
        to_latest(&mut conn).unwrap();
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, LATEST, "LATEST must be bumped with each migration");
        let id: i64 = conn
            .pragma_query_value(None, "application_id", |r| r.get(0))
            .unwrap();
        assert_eq!(id, APPLICATION_ID);
    }
}
