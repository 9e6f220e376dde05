// Undo and redo of plan edits: the history is kept by the core, in the workspace.
import { api } from "../api";
import { t, worded } from "../i18n";
import type { Reverted } from "../api/bindings/Reverted";
import type { Words } from "../api/bindings/Words";
import { currentRoute, currentScreen, go } from "../router";
import { session, setOverview } from "../stores/session";
import { toast } from "./toast";

/** An edit's label in the interface's language, from what the core says it says; the core's
 * English for an edit made before it said so. */
export function editLabel(label: string, words: Words | null | undefined): string {
  if (!words) return label;
  const values: Record<string, unknown> = { ...words.values };
  if (words.values.fields !== undefined) {
    values.words = words.values.fields
      .split(",")
      .map((field) => t(`fieldNames.${field}`, { defaultValue: field.replace(/_/g, " ") }))
      .join(", ");
  }
  if (words.values.count !== undefined) values.count = Number(words.values.count);
  return worded(label, words.key, values);
}

async function revert(undo: boolean): Promise<void> {
  const overview = session.overview;
  if (!overview) return;
  // Let the screen save what is being typed first; it may keep the user (an unsaved error).
  const screen = currentScreen();
  if (screen?.leave && !(await screen.leave())) return;
  const done: Reverted | null = await (undo ? api.undo(overview.plan.id) : api.redo(overview.plan.id));
  if (!done) {
    toast(undo ? t("history.nothingToUndo") : t("history.nothingToRedo"));
    return;
  }
  setOverview(await api.planOverview(overview.plan.id));
  const route = currentRoute();
  if (route) {
    // The project on screen may be gone (an addition undone): fall back to the list.
    await go(route).catch(() => go({ name: "projects" }));
  }
  toast(t(undo ? "history.undone" : "history.redone", { label: editLabel(done.label, done.words) }), {
    action: undo
      ? { label: t("history.redo"), run: () => void redoEdit() }
      : { label: t("history.undo"), run: () => void undoEdit() },
  });
}

export function undoEdit(): Promise<void> {
  return revert(true);
}

export function redoEdit(): Promise<void> {
  return revert(false);
}
