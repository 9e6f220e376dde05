// Watches the workspace every few seconds: a change saved by another window or by ascn-plan
// redraws the screen on show (unless it holds unsaved typing, whose save will then be refused
// as "changed elsewhere" with the text kept), and a failed automatic backup shows in the
// status bar until one succeeds.
import { api } from "../api";
import { h, replace } from "../dom";
import { currentRoute, currentScreen, go } from "../router";
import { session, setOverview } from "../stores/session";

const EVERY_MS = 2000;

export const backupNoteEl = h("span", {
  class: "backup-failure",
  role: "alert",
  "data-testid": "backup-failure",
  hidden: true,
});

async function redrawAfterChangeElsewhere(): Promise<void> {
  const route = currentRoute();
  const screen = currentScreen();
  // A dialog open, or typing not yet saved: leave the screen as it is.
  if (!route || document.querySelector(".backdrop") || screen?.isDirty?.()) return;
  if (session.overview) setOverview(await api.planOverview(session.overview.plan.id));
  if (currentRoute() === route && currentScreen() === screen) await go(route);
}

async function check(): Promise<void> {
  try {
    const status = await api.workspaceStatus();
    backupNoteEl.hidden = status.backup_failure === null;
    replace(backupNoteEl, status.backup_failure === null ? "" : `Backup failed: ${status.backup_failure}`);
    if (status.changed_elsewhere) await redrawAfterChangeElsewhere();
  } catch {
    // The next check tries again; the screens report their own errors.
  }
  window.setTimeout(() => void check(), EVERY_MS);
}

export function watchWorkspace(): void {
  window.setTimeout(() => void check(), EVERY_MS);
}
