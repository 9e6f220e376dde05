// The "Saved" / "Saving…" / "Not saved" indicator in the top bar.
import { h, replace } from "../dom";
import { t } from "../i18n";

export const saveStatusEl = h("span", { class: "save-status", "data-testid": "save-status" });

export type SaveState = "idle" | "saving" | "saved" | "invalid" | "failed";

let savedAt = 0;

/** When a screen last reported its changes saved (milliseconds since the epoch). */
export function lastSavedAt(): number {
  return savedAt;
}

export function setSaveStatus(state: SaveState, detail = ""): void {
  if (state === "saved") savedAt = Date.now();
  saveStatusEl.dataset.state = state;
  const time = new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  const text: Record<SaveState, string> = {
    idle: "",
    saving: t("saveStatus.saving"),
    saved: t("saveStatus.allChangesSaved", { time }),
    invalid: t("saveStatus.notSaved", { detail }),
    failed: t("saveStatus.notSaved", { detail }),
  };
  replace(saveStatusEl, text[state]);
}
