// Watches the workspace every few seconds: a change saved by another window or by ascn-plan
// redraws the screen on show (unless it holds unsaved typing, whose save will then be refused
// as "changed elsewhere" with the text kept), and a failed automatic backup shows in the
// status bar until one succeeds.
import { api } from "../api";
import { t } from "../i18n";
import { h, replace } from "../dom";
import { currentRoute, currentScreen, go, navigating, type Screen } from "../router";
import { lastSavedAt } from "./saveStatus";
import { session, setOverview } from "../stores/session";

const EVERY_MS = 2000;

export const backupNoteEl = h("span", {
  class: "backup-failure",
  role: "alert",
  "data-testid": "backup-failure",
  hidden: true,
});

/** A change elsewhere not yet shown: the screen was busy when it was noticed. */
let pending = false;

/** The screen typed on last, and when: typing not yet followed by a save keeps it as it is. */
let typedOn: Screen | null = null;
let typedAt = 0;
document.addEventListener(
  "input",
  (event) => {
    if (event.target instanceof Element && event.target.closest(".content")) {
      typedOn = currentScreen();
      typedAt = Date.now();
    }
  },
  true,
);

function typing(screen: Screen | null): boolean {
  return screen !== null && typedOn === screen && typedAt > lastSavedAt();
}

async function redrawAfterChangeElsewhere(): Promise<void> {
  const route = currentRoute();
  const screen = currentScreen();
  // A dialog open, a field being typed in, typing not yet saved, or a screen the user asked for
  // still being drawn (it reads the change anyway): not under the user's hands.
  if (!route || navigating() || document.querySelector(".backdrop") || typing(screen) || screen?.isDirty?.()) return;
  pending = false;
  if (session.overview) setOverview(await api.planOverview(session.overview.plan.id));
  if (!navigating() && currentRoute() === route && currentScreen() === screen) await go(route);
}

async function check(): Promise<void> {
  try {
    const status = await api.workspaceStatus();
    backupNoteEl.hidden = status.backup_failure === null;
    replace(backupNoteEl, status.backup_failure === null ? "" : t("workspaceWatch.backupFailed", { backup_failure: status.backup_failure }));
    if (status.changed_elsewhere) pending = true;
    if (pending) await redrawAfterChangeElsewhere();
  } catch {
    // The next check tries again; the screens report their own errors.
  }
  window.setTimeout(() => void check(), EVERY_MS);
}

export function watchWorkspace(): void {
  window.setTimeout(() => void check(), EVERY_MS);
}
