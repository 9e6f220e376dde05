//! The Secretariat's table checked for the workspace: one or two lists (ongoing and under
//! planning; completed) with the columns No., Country, City, Project, Focus Area and optionally
//! Status, on one sheet or two. Title lines above the header are allowed; a list whose sheet
//! name or title says "completed" is the completed list.
//!
//! Every problem names the row (and the sheet, when there are several) and the column as the
//! file heads it; one problem anywhere and nothing is imported.

use std::collections::HashMap;

use super::{names, MeStatus};
use crate::framework::Reference;
use crate::says;
use crate::validation::{FieldError, Rule, Said, Says};
use crate::{City, CityId};

/// A sheet of a workbook (a CSV file is one sheet), as rows of cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<String>>,
}

/// One project of the table, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct MeRow {
    /// Where it is: `row 7`, or `sheet 'Completed', row 7`.
    pub at: String,
    /// Its member state's ISO alpha-3.
    pub iso3: String,
    /// The workspace's city; `None` for a city the import adds.
    pub city: Option<CityId>,
    /// The workspace's name of the city, or the table's for a city the import adds.
    pub city_name: String,
    pub title: String,
    pub focus_area: String,
    /// `None` on the "ongoing and under planning" list without a Status column: one of the
    /// two, the list does not say which.
    pub status: Option<MeStatus>,
}

impl MeRow {
    /// The status a project listed on this row ends with, from the one it has (`None` for a
    /// project new to the workspace): a row that does not say ongoing or under planning keeps
    /// whichever of the two the project was, and makes a new one ongoing.
    pub fn status_for(&self, now: Option<MeStatus>) -> MeStatus {
        match (self.status, now) {
            (Some(listed), _) => listed,
            (None, Some(open @ (MeStatus::Ongoing | MeStatus::UnderPlanning))) => open,
            (None, _) => MeStatus::Ongoing,
        }
    }
}

/// A table checked, ready to preview and import.
#[derive(Debug, Clone, PartialEq)]
pub struct MeTable {
    pub rows: Vec<MeRow>,
    /// What the reader should know that is not a problem: a list read as ongoing because it
    /// has no status column, columns not imported.
    pub notes: Vec<Said>,
}

#[derive(Clone, Copy, PartialEq)]
enum Column {
    No,
    Country,
    City,
    Project,
    FocusArea,
    Status,
}

const HEADINGS: [(Column, &[&str]); 6] = [
    (Column::No, &["no", "number", "nr"]),
    (Column::Country, &["country", "memberstate", "ams"]),
    (Column::City, &["city", "cityname"]),
    (
        Column::Project,
        &[
            "project",
            "projectname",
            "projecttitle",
            "title",
            "nameofproject",
        ],
    ),
    (Column::FocusArea, &["focusarea", "focusareas", "focus"]),
    (Column::Status, &["status", "projectstatus"]),
];

fn column_of(heading: &str) -> Option<Column> {
    let k = names::key(heading);
    HEADINGS
        .iter()
        .find(|(_, keys)| keys.contains(&k.as_str()))
        .map(|(c, _)| *c)
}

/// How many lines above the header a sheet may have (titles, notes).
const TITLE_ROWS: usize = 10;
/// Most project rows in one table.
pub const MAX_ROWS: usize = 20_000;

/// A sheet's layout: where its header is, which column holds what, and the status of its rows
/// when it has no status column.
struct Layout {
    header: usize,
    columns: Vec<(Column, usize, String)>,
    /// `None`: ongoing or under planning, not said which.
    default_status: Option<MeStatus>,
    said_completed: bool,
}

fn layout(sheet: &Sheet) -> Option<Layout> {
    let header = sheet.rows.iter().take(TITLE_ROWS).position(|row| {
        let found: Vec<Column> = row.iter().filter_map(|c| column_of(c)).collect();
        found.contains(&Column::City) && found.contains(&Column::Project)
    })?;
    let mut columns: Vec<(Column, usize, String)> = Vec::new();
    for (at, heading) in sheet.rows[header].iter().enumerate() {
        if let Some(column) = column_of(heading) {
            if !columns.iter().any(|(c, _, _)| *c == column) {
                columns.push((column, at, heading.trim().to_string()));
            }
        }
    }
    let title_text: String = std::iter::once(sheet.name.as_str())
        .chain(sheet.rows[..header].iter().flatten().map(String::as_str))
        .collect::<Vec<_>>()
        .join(" ");
    let said_completed = names::key(&title_text).contains("complet");
    Some(Layout {
        header,
        columns,
        default_status: said_completed.then_some(MeStatus::Completed),
        said_completed,
    })
}

/// Checks the sheets of a table against the reference and the workspace's cities.
pub fn check(
    sheets: &[Sheet],
    reference: &Reference,
    cities: &[City],
) -> Result<MeTable, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut notes = Vec::new();
    let mut rows = Vec::new();
    let laid_out: Vec<(&Sheet, Layout)> = sheets
        .iter()
        .filter_map(|s| layout(s).map(|l| (s, l)))
        .collect();
    if laid_out.is_empty() {
        return Err(vec![FieldError::new(
            "file",
            Rule::Required,
            says!(
                "noMeList",
                "has no list with the columns City and Project; the Secretariat's lists have \
                 the columns No., Country, City, Project, Focus Area (and Status)"
            ),
        )]);
    }
    let several = laid_out.len() > 1;
    let names = names::Names::new(reference, cities);
    // Cities the import adds, by (member state, name key): one city however many rows name it.
    let mut added: HashMap<(String, String), String> = HashMap::new();
    // Each project's first row, by (city, title key).
    let mut seen: HashMap<(String, String), String> = HashMap::new();
    for (sheet, layout) in &laid_out {
        let place = |row: usize| {
            if several {
                format!("sheet '{}', row {}", sheet.name, row + 1)
            } else {
                format!("row {}", row + 1)
            }
        };
        if !layout
            .columns
            .iter()
            .any(|(c, _, _)| *c == Column::FocusArea)
        {
            errors.push(FieldError::new(
                place(layout.header),
                Rule::Required,
                says!(
                    "noFocusAreaColumn",
                    "has no 'Focus Area' column; every project needs its focus area"
                ),
            ));
            continue;
        }
        let has_status = layout.columns.iter().any(|(c, _, _)| *c == Column::Status);
        if !has_status && !layout.said_completed {
            notes.push(Said::from(if several {
                says!(
                    "noStatusColumnInSheet",
                    "Sheet '{sheet}' has no Status column and its title does not say completed: \
                     its projects are read as ongoing or under planning (a project already here \
                     keeps which of the two it is; a new one is ongoing)",
                    sheet = sheet.name
                )
            } else {
                says!(
                    "noStatusColumn",
                    "The list has no Status column and its title does not say completed: its \
                     projects are read as ongoing or under planning (a project already here \
                     keeps which of the two it is; a new one is ongoing)"
                )
            }));
        }
        for (r, row) in sheet.rows.iter().enumerate().skip(layout.header + 1) {
            let cell = |column: Column| -> (&str, &str) {
                layout
                    .columns
                    .iter()
                    .find(|(c, _, _)| *c == column)
                    .map_or(("", ""), |(_, at, heading)| {
                        (row.get(*at).map_or("", |v| v.trim()), heading.as_str())
                    })
            };
            let (city_text, city_heading) = cell(Column::City);
            let (title, title_heading) = cell(Column::Project);
            let (area_text, area_heading) = cell(Column::FocusArea);
            let (country_text, country_heading) = cell(Column::Country);
            let (status_text, status_heading) = cell(Column::Status);
            if [city_text, title, area_text].iter().all(|c| c.is_empty()) {
                continue; // a blank line, a total line
            }
            if rows.len() >= MAX_ROWS {
                return Err(vec![FieldError::new(
                    "file",
                    Rule::TooLong,
                    says!(
                        "tooManyProjects",
                        "has more than {max} projects; split it",
                        max = MAX_ROWS
                    ),
                )]);
            }
            let at = place(r);
            let mut fail = |heading: &str, rule: Rule, says: Says| {
                errors.push(FieldError::new(format!("{at}, '{heading}'"), rule, says));
            };
            if title.is_empty() {
                fail(
                    title_heading,
                    Rule::Required,
                    says!("whichProject", "is empty: which project is it?"),
                );
            }
            let focus_area = names.focus_area(area_text);
            if focus_area.is_none() {
                let known: Vec<String> = reference
                    .focus_areas
                    .iter()
                    .map(|f| super::printed_focus_area(reference, &f.code))
                    .collect();
                fail(
                    area_heading,
                    if area_text.is_empty() {
                        Rule::Required
                    } else {
                        Rule::Unknown
                    },
                    says!(
                        "notAFrameworkFocusArea",
                        "'{text}' is not a focus area of the Framework; they are {known}",
                        text = area_text,
                        known = known.join(", ")
                    ),
                );
            }
            let status = if status_text.is_empty() {
                Some(layout.default_status)
            } else {
                names::status(status_text).map(Some)
            };
            if status.is_none() {
                fail(
                    status_heading,
                    Rule::Unknown,
                    says!(
                        "notAReportStatus",
                        "'{text}' is not a status the report counts: write Ongoing, Completed \
                         or Under planning",
                        text = status_text
                    ),
                );
            }
            let iso3 = if country_text.is_empty() {
                None
            } else {
                let found = names.member_state(country_text);
                if found.is_none() {
                    fail(
                        country_heading,
                        Rule::Unknown,
                        says!(
                            "notAMemberState",
                            "'{code}' is not an ASEAN member state",
                            code = country_text
                        ),
                    );
                }
                found
            };
            let city = if city_text.is_empty() {
                fail(
                    city_heading,
                    Rule::Required,
                    says!("whoseProject", "is empty: whose project is it?"),
                );
                None
            } else if !country_text.is_empty() && iso3.is_none() {
                None
            } else {
                match match_city(&names, city_text, iso3.as_deref()) {
                    Ok(found) => Some(found),
                    Err((column, message)) => {
                        let heading = if column == Column::Country {
                            country_heading
                        } else {
                            city_heading
                        };
                        fail(heading, Rule::Unknown, message);
                        None
                    }
                }
            };
            let (Some(city), Some(focus_area), Some(status), false) =
                (city, focus_area, status, title.is_empty())
            else {
                continue;
            };
            let (iso3, city_id, city_name) = match city {
                Found::Known(c) => (c.member_state.clone(), Some(c.id), c.name.clone()),
                Found::New(iso3) => {
                    let name = added
                        .entry((iso3.clone(), names::city_key(city_text)))
                        .or_insert_with(|| city_text.to_string())
                        .clone();
                    (iso3, None, name)
                }
            };
            let who = format!("{iso3}/{}", names::city_key(&city_name));
            if let Some(first) = seen.get(&(who.clone(), names::key(title))) {
                errors.push(FieldError::new(
                    at.clone(),
                    Rule::Duplicate,
                    says!(
                        "listedAgain",
                        "repeats {first} ({city}: '{title}'); each project is listed once",
                        first = first,
                        city = city_name,
                        title = title
                    ),
                ));
                continue;
            }
            seen.insert((who, names::key(title)), at.clone());
            rows.push(MeRow {
                at,
                iso3,
                city: city_id,
                city_name,
                title: title.to_string(),
                focus_area,
                status,
            });
        }
        let ignored: Vec<&str> = sheet.rows[layout.header]
            .iter()
            .map(|h| h.trim())
            .filter(|h| !h.is_empty() && column_of(h).is_none())
            .collect();
        if !ignored.is_empty() {
            let columns = ignored.join(", ");
            notes.push(Said::from(if several {
                says!(
                    "columnsNotImportedFromSheet",
                    "Columns not imported from sheet '{sheet}': {columns}",
                    sheet = sheet.name,
                    columns = columns
                )
            } else {
                says!(
                    "columnsNotImported",
                    "Columns not imported: {columns}",
                    columns = columns
                )
            }));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if rows.is_empty() {
        return Err(vec![FieldError::new(
            "file",
            Rule::Required,
            says!("listsNoProjects", "lists no projects"),
        )]);
    }
    Ok(MeTable { rows, notes })
}

enum Found<'a> {
    Known(&'a City),
    /// A city the workspace does not have, in the member state the table gives.
    New(String),
}

/// The workspace's city a table names; a city it does not have is added when the table gives
/// its member state.
fn match_city<'a>(
    names: &names::Names<'a>,
    name: &str,
    iso3: Option<&str>,
) -> Result<Found<'a>, (Column, Says)> {
    let in_state = names.cities(name, iso3);
    match (in_state.as_slice(), iso3) {
        ([city], _) => Ok(Found::Known(city)),
        ([], Some(iso3)) => match names.cities(name, None).as_slice() {
            // The workspace has it in another member state: a slip of the country column
            // more likely than a second city of that name.
            [other] => Err((
                Column::Country,
                says!(
                    "cityOfAnotherState",
                    "{city} is a city of {state} in the workspace, not of the member state this \
                     row gives ({given}); correct the Country column",
                    city = other.name,
                    state = other.member_state,
                    given = iso3
                ),
            )),
            _ => Ok(Found::New(iso3.to_string())),
        },
        ([], None) => Err((
            Column::City,
            says!(
                "notAWorkspaceCity",
                "'{name}' is not a city of the workspace; give its member state in the Country \
                 column and it is added",
                name = name
            ),
        )),
        (several, _) => Err((
            Column::City,
            says!(
                "cityAmbiguous",
                "'{name}' may be {cities}; give the Country",
                name = name,
                cities = several
                    .iter()
                    .map(|c| format!("{} ({})", c.name, c.member_state))
                    .collect::<Vec<_>>()
                    .join(" / ")
            ),
        )),
    }
}
