//! Export and import dialogs. Exports run off the UI thread and report progress as events.

use std::path::PathBuf;

use ascn_formats::export::{self, Format};
use ascn_formats::import;
use ascn_formats::import::numbers::NumberStyle;
use ascn_formats::map::TileSource;
use ascn_model::languages::ReportLanguages;
use ascn_model::plan_file::read as plan_json;
use ascn_model::validation::{FieldError, Rule};
use ascn_model::zawgyi::{self, ZawgyiText};
use ascn_model::Error as ModelError;
use ascn_model::PlanId;
use ascn_store::Error;
use ascn_store::{ImportPreview, ImportSummary};
use serde::Serialize;
use tauri::{AppHandle, Emitter};
use ts_rs::TS;

use crate::state::off_runtime;
use crate::{AppError, AppState};

/// Sent as the `export-progress` event before each file is written.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ExportProgress {
    pub format: Format,
    /// Files already written.
    pub done: u32,
    pub total: u32,
}

/// Writes the plan in every format asked, all from one snapshot read under the workspace
/// lock; the rendering runs after the lock is let go, off the async runtime. The PDF prints
/// its narratives in `pdf_language`: `en`, one of the plan's languages, or `both`.
#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(app, state), err(level = "info"))]
pub async fn export_plan(
    app: AppHandle,
    state: tauri::State<'_, AppState>,
    plan_id: PlanId,
    formats: Vec<Format>,
    geopackage: bool,
    folder: PathBuf,
    pdf_language: String,
) -> Result<Vec<String>, AppError> {
    let (doc, reference) = state.snapshot(plan_id)?;
    let basemap = state.basemap()?;
    let languages = ReportLanguages::parse(&pdf_language, &doc.plan.languages).map_err(|says| {
        ModelError::Validation(vec![FieldError::new("pdf_language", Rule::Unknown, says)])
    })?;
    off_runtime(move || {
        let total = formats.len() as u32 + u32::from(geopackage);
        let mut done = 0;
        std::fs::create_dir_all(&folder).map_err(|source| Error::io(folder.clone(), source))?;
        let tiles = basemap.as_deref().map(|t| t as &dyn TileSource);
        let mut written = export::write_plan(
            &doc,
            &reference,
            &formats,
            &languages,
            tiles,
            &folder,
            |format| {
                let _ = app.emit(
                    "export-progress",
                    ExportProgress {
                        format,
                        done,
                        total,
                    },
                );
                done += 1;
            },
        )?;
        // The GeoPackage (an SQLite file) comes from the GIS crate, from the same snapshot.
        if geopackage {
            written.push(ascn_gis::gpkg::write_plan(&doc, &reference, &folder)?);
        }
        let _ = app.emit(
            "export-progress",
            ExportProgress {
                format: formats.last().copied().unwrap_or(Format::Json),
                done: total,
                total,
            },
        );
        Ok(written.iter().map(|p| p.display().to_string()).collect())
    })
    .await
}

/// A plan file's preview, and the token to import exactly the file that was previewed.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct StagedPreview {
    /// None when the file cannot be imported (see `preview.errors`).
    #[ts(type = "number | null")]
    pub token: Option<u64>,
    pub preview: ImportPreview,
}

#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn preview_import(
    state: tauri::State<'_, AppState>,
    path: PathBuf,
) -> Result<StagedPreview, AppError> {
    let text = import::read_text(&path, plan_json::MAX_BYTES)?;
    let parsed = plan_json::parse(&text);
    let preview = state.with(|ws| ws.preview_import(&parsed))?;
    let importable = preview.errors.is_empty();
    let token = state.stage(vec![parsed.ok().filter(|_| importable)])[0];
    Ok(StagedPreview { token, preview })
}

/// Imports the plan file a preview checked (by its token), not the path read again; with
/// `convert_zawgyi`, its Burmese texts in Zawgyi are stored in Unicode.
#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn import_plan(
    state: tauri::State<'_, AppState>,
    token: u64,
    replace: bool,
    convert_zawgyi: bool,
) -> Result<ImportSummary, AppError> {
    let mut file = state.staged(token)?;
    if convert_zawgyi {
        zawgyi::convert_plan_file(&mut file)?;
    }
    state.with(|ws| {
        let checked =
            plan_json::check(&file, &ws.reference_for_file(&file)).map_err(Error::invalid)?;
        ws.import_plan(&checked, replace)
    })
}

/// One project as the spreadsheet import would add it: what the preview shows.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct TablePreviewRow {
    pub row: u32,
    pub code: String,
    pub title: String,
    /// The budget as read, in `currency`; none when the row gives none.
    pub budget: Option<f64>,
    pub currency: String,
}

/// What importing projects from a spreadsheet would do, or why it cannot.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct TablePreview {
    pub projects: u32,
    pub errors: Vec<FieldError>,
    /// How the numbers were read; none when the file could not be read that far.
    pub number_style: Option<NumberStyle>,
    /// Columns the template does not have, so not imported.
    pub ignored_columns: Vec<String>,
    /// Every project with its parsed budget, in file order.
    pub rows: Vec<TablePreviewRow>,
    /// Cells that look like Burmese in the Zawgyi encoding, as the file has them; `rows` shows
    /// them converted when the preview was asked to convert.
    pub zawgyi: Vec<ZawgyiText>,
}

/// A spreadsheet's rows, with the cells in Zawgyi found and, if asked, converted to Unicode.
fn read_spreadsheet(
    path: &std::path::Path,
    convert_zawgyi: bool,
) -> ascn_model::Result<(Vec<Vec<String>>, Vec<ZawgyiText>)> {
    let mut rows = import::table::read_file(path)?;
    let found = zawgyi::in_rows(&rows);
    if convert_zawgyi {
        zawgyi::convert_rows(&mut rows);
    }
    Ok((rows, found))
}

#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn preview_projects_import(
    state: tauri::State<'_, AppState>,
    plan_id: PlanId,
    path: PathBuf,
    number_style: Option<NumberStyle>,
    convert_zawgyi: bool,
) -> Result<TablePreview, AppError> {
    // The file is read and checked against a snapshot of the plan, outside the lock.
    let (doc, reference) = state.snapshot(plan_id)?;
    off_runtime(move || {
        let (rows, zawgyi) = read_spreadsheet(&path, convert_zawgyi)?;
        match import::table::check_for_plan(&doc, &reference, &rows, number_style) {
            Ok(checked) => Ok(TablePreview {
                projects: checked.drafts.len() as u32,
                errors: Vec::new(),
                number_style: Some(checked.style),
                rows: checked
                    .drafts
                    .iter()
                    .zip(&checked.rows)
                    .map(|(d, row)| TablePreviewRow {
                        row: *row,
                        code: d.code.clone(),
                        title: d.title.clone(),
                        budget: d.funding.first().map(|f| f.amount),
                        currency: d
                            .funding
                            .first()
                            .map_or(String::new(), |f| f.currency.clone()),
                    })
                    .collect(),
                ignored_columns: checked.ignored_columns,
                zawgyi,
            }),
            Err(ModelError::Validation(errors)) => Ok(TablePreview {
                projects: 0,
                errors,
                number_style: None,
                ignored_columns: Vec::new(),
                rows: Vec::new(),
                zawgyi,
            }),
            Err(e) => Err(e.into()),
        }
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn import_projects(
    state: tauri::State<'_, AppState>,
    plan_id: PlanId,
    path: PathBuf,
    number_style: Option<NumberStyle>,
    convert_zawgyi: bool,
) -> Result<u32, AppError> {
    let (rows, _) = off_runtime(move || Ok(read_spreadsheet(&path, convert_zawgyi)?)).await?;
    state.with(|ws| {
        let doc = ws.document(plan_id)?;
        let checked = import::table::check_for_plan(
            &doc,
            &*ws.reference_for(&doc.plan)?,
            &rows,
            number_style,
        )?;
        Ok(ws.add_projects(plan_id, &checked.drafts)?.len() as u32)
    })
}

/// Writes the CSV and XLSX templates into a folder, with a column beside each narrative for each
/// of the plan's `languages`, and returns their paths.
#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(err(level = "info"))]
pub async fn save_templates(
    folder: PathBuf,
    languages: Vec<String>,
) -> Result<Vec<String>, AppError> {
    let csv = folder.join("projects-template.csv");
    let xlsx = folder.join("projects-template.xlsx");
    export::write_atomically(&csv, import::table::template_csv(&languages).as_bytes())?;
    export::write_atomically(&xlsx, &import::table::template_xlsx(&languages)?)?;
    Ok(vec![csv.display().to_string(), xlsx.display().to_string()])
}
