//! Text a user typed or pasted: Burmese in the older Zawgyi encoding is offered as Unicode.

use ascn_model::zawgyi;

/// The text converted to Unicode when it looks like Burmese in Zawgyi; none when it does not
/// (nothing to offer).
#[tauri::command(rename_all = "snake_case")]
pub async fn zawgyi_to_unicode(text: String) -> Option<String> {
    zawgyi::looks_like_zawgyi(&text).then(|| zawgyi::to_unicode(&text))
}
