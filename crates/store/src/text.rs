//! The model's text enums (statuses, kinds) as SQLite text: the model knows nothing of SQLite,
//! so the store binds and reads them through this wrapper.

use ascn_model::{StableText, Translations};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

/// A text enum as a statement parameter or a column: `Text(draft.status)`,
/// `row.get::<_, Text<ProjectStatus>>(3)?.0`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Text<T>(pub T);

impl<T: StableText> ToSql for Text<T> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(self.0.as_text().into())
    }
}

impl<T: StableText> FromSql for Text<T> {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let text = value.as_str()?;
        T::from_text(text)
            .map(Text)
            .ok_or_else(|| FromSqlError::Other(format!("unexpected {} '{text}'", T::NAME).into()))
    }
}

/// A narrative's translations as the JSON object its `*_local` column holds (`{"km": "…"}`).
#[derive(Debug, Clone)]
pub(crate) struct Local(pub Translations);

impl ToSql for Local {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(serde_json::to_string(&self.0)
            .expect("a map of strings serialises")
            .into())
    }
}

impl FromSql for Local {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let text = value.as_str()?;
        if text == "{}" {
            // Most narratives have no translation: no parse for those.
            return Ok(Local(Translations::new()));
        }
        serde_json::from_str(text)
            .map(Local)
            .map_err(|e| FromSqlError::Other(Box::new(e)))
    }
}

/// Language tags as their column holds them, separated by spaces (`ms zh ta`).
pub(crate) fn language_list(text: &str) -> Vec<String> {
    text.split_whitespace().map(String::from).collect()
}
