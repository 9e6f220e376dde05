// Start-up, the window's frame (top bar, sidebar, status bar) and the global shortcuts.
import { api, errorText, isAppError, onPlanFileOpened } from "./api";
import type { PlanOverview } from "./api/bindings/PlanOverview";
import type { WorkspaceInfo } from "./api/bindings/WorkspaceInfo";
import { loadFirstScreenFonts } from "./fonts";
import { LANGUAGES, initLanguage, language, setLanguage, t } from "./i18n";
import { h, replace } from "./dom";
import { saveStatusEl, setSaveStatus } from "./components/saveStatus";
import { backupNoteEl, watchWorkspace } from "./components/workspaceWatch";
import { toast } from "./components/toast";
import { watchForZawgyi } from "./components/zawgyiOffer";
import { openExportDialog } from "./components/exportDialog";
import { openImportDialog, previewPlanFile } from "./components/importDialog";
import { openBackupsDialog } from "./components/backupsDialog";
import { checkForUpdateAtStart, openAboutDialog } from "./components/aboutDialog";
import { currentRoute, currentScreen, go, setRenderer, type Route, type Screen } from "./router";
import { memberStateShortName, onOverviewChange, session, setOverview } from "./stores/session";
import { cityPicker } from "./screens/cityPicker";
import { overviewScreen } from "./screens/overview";
import { projectsScreen } from "./screens/projects";
import { projectEditor } from "./screens/projectEditor";
import { sectorMapScreen } from "./screens/sectorMap";
import { chartsScreen } from "./screens/charts";
import { guideScreen } from "./screens/guide";
import { readinessScreen } from "./screens/readiness";
import { compareScreen } from "./screens/compare";
import { progressScreen } from "./screens/progress";
import { revisionsScreen } from "./screens/revisions";
import { pairingScreen } from "./screens/pairing";
import { nationalScreen } from "./screens/national";
import { openPresentation } from "./screens/present";
import { carryOverScreen, periodSwitch } from "./screens/periods";
import { openPalette } from "./components/palette";
import { redoEdit, undoEdit } from "./components/history";

const root = document.getElementById("app") as HTMLElement;

/** The keys and what they do (catalog keys, read when the help is shown). */
const SHORTCUTS: [string, string][] = [
  ["Alt+1", "nav.overview"],
  ["Alt+2", "nav.projects"],
  ["Alt+3", "nav.sectorMap"],
  ["Alt+4", "nav.charts"],
  ["Alt+5", "nav.map"],
  ["Alt+6", "nav.guide"],
  ["Alt+7", "help.readinessCheck"],
  ["Alt+8", "help.yearlyProgress"],
  ["Alt+9", "nav.national"],
  ["Ctrl+K", "help.palette"],
  ["Ctrl+N", "help.newProject"],
  ["Ctrl+E", "help.export"],
  ["F5", "help.present"],
  ["Ctrl+Z", "help.undo"],
  ["Ctrl+Shift+Z / Ctrl+Y", "help.redo"],
  ["Ctrl+F /", "help.search"],
  ["Enter", "help.open"],
  ["Delete", "help.delete"],
  ["Escape", "help.back"],
  ["?", "help.help"],
];

/** Alt+digit opens the screens of the sidebar, in its order. */
const ALT_ROUTES: Record<string, Route> = {
  "1": { name: "overview" },
  "2": { name: "projects" },
  "3": { name: "sector-map" },
  "4": { name: "charts" },
  "5": { name: "map", project: null },
  "6": { name: "guide" },
  "7": { name: "readiness" },
  "8": { name: "progress" },
  "9": { name: "national" },
};

/** The overview read to open the last plan at start, for the first overview screen to take rather
 * than read again. */
let startOverview: PlanOverview | null = null;

async function render(route: Route): Promise<Screen> {
  // A plan written against another version of the Framework is shown with that version's focus
  // areas and sectors.
  const version = session.overview?.plan.framework_version;
  if (version !== undefined && session.reference && version !== session.reference.version) {
    session.reference = await api.frameworkReference(version);
  }
  switch (route.name) {
    case "cities":
      return cityPicker();
    case "overview": {
      const opened = startOverview;
      startOverview = null;
      return overviewScreen(opened);
    }
    case "projects":
      return projectsScreen();
    case "project":
      return projectEditor(route.id, route.field);
    case "guide":
      return guideScreen();
    case "readiness":
      return readinessScreen();
    case "compare":
      return compareScreen();
    case "progress":
      return progressScreen();
    case "revisions":
      return revisionsScreen();
    case "pairing":
      return pairingScreen();
    case "national":
      return nationalScreen();
    case "sector-map":
      return sectorMapScreen();
    case "charts":
      return chartsScreen();
    case "map":
      // The map library loads with the map screen, not at start-up.
      return (await import("./screens/map")).mapScreen(route.project);
    case "carry-over":
      return carryOverScreen(route.period);
  }
}

/** The sidebar's project count, kept current as projects are added and deleted. */
const projectCount = h("span", { class: "nav-count", "data-testid": "nav-project-count" });
function showProjectCount(overview: PlanOverview): void {
  replace(projectCount, String(overview.project_count));
  projectCount.title = t("status.projects", { count: overview.project_count });
}
onOverviewChange(showProjectCount);

/** The interface's language, in the status bar: choosing one draws the screen again in it. */
function languageChoice(route: Route): HTMLElement {
  const select = h(
    "select",
    { class: "language", "aria-label": t("status.language"), title: t("status.language"), "data-testid": "language" },
    LANGUAGES.map((l) => h("option", { value: l.code, selected: l.code === language() }, l.name)),
  );
  select.addEventListener("change", () => {
    void setLanguage(select.value).then(() => go(route));
  });
  return select;
}

function navButton(label: string, route: Route, active: boolean, testid: string, extra?: Node) {
  return h(
    "button",
    {
      class: active ? "nav-item active" : "nav-item",
      "aria-current": active ? "page" : undefined,
      "data-testid": testid,
      onclick: () => void go(route),
    },
    label,
    extra,
  );
}

function frame(screen: Screen, route: Route): void {
  setSaveStatus("idle");
  const overview = session.overview;
  const planOpen = route.name !== "cities" && overview !== null;
  // In the language of the interface, which may have just changed.
  if (overview) showProjectCount(overview);
  const top = h(
    "header",
    { class: "topbar" },
    h("div", { class: "brand" }, h("img", { src: "/icon.png", alt: "" }), t("main.ascnActionPlanner")),
    planOpen &&
      h(
        "div",
        { class: "topbar-city", "data-testid": "current-city" },
        `${overview.city.name}, ${memberStateShortName(overview.city.member_state)}`,
        overview.plan.sample && h("span", { class: "badge badge-sample" }, t("top.sample")),
      ),
    planOpen && periodSwitch(),
    h("div", { class: "spacer" }),
    saveStatusEl,
    planOpen &&
      h(
        "button",
        { class: "subtle", "data-testid": "undo", title: t("top.undoTitle"), onclick: () => void undoEdit() },
        t("top.undo"),
      ),
    planOpen &&
      h(
        "button",
        { class: "subtle", "data-testid": "redo", title: t("top.redoTitle"), onclick: () => void redoEdit() },
        t("top.redo"),
      ),
    planOpen &&
      h(
        "button",
        { class: "subtle", "data-testid": "open-palette", title: t("top.searchTitle"), onclick: openPalette },
        t("top.search"),
      ),
    planOpen &&
      h(
        "button",
        { class: "subtle", "data-testid": "change-city", onclick: () => void go({ name: "cities" }) },
        t("top.changeCity"),
      ),
    h("button", { class: "subtle", title: t("top.helpTitle"), onclick: showHelp }, "?"),
  );
  const sidebar =
    planOpen &&
    h(
      "nav",
      { class: "sidebar", "aria-label": t("nav.plan") },
      navButton(t("nav.guide"), { name: "guide" }, route.name === "guide", "nav-guide"),
      navButton(t("nav.overview"), { name: "overview" }, route.name === "overview", "nav-overview"),
      navButton(
        t("nav.projects"),
        { name: "projects" },
        route.name === "projects" || route.name === "project",
        "nav-projects",
        projectCount,
      ),
      navButton(t("nav.sectorMap"), { name: "sector-map" }, route.name === "sector-map", "nav-sector-map"),
      navButton(t("nav.charts"), { name: "charts" }, route.name === "charts", "nav-charts"),
      navButton(t("nav.map"), { name: "map", project: null }, route.name === "map", "nav-map"),
      navButton(t("nav.readiness"), { name: "readiness" }, route.name === "readiness", "nav-readiness"),
      navButton(t("nav.progress"), { name: "progress" }, route.name === "progress", "nav-progress"),
      navButton(t("nav.revisions"), { name: "revisions" }, route.name === "revisions", "nav-revisions"),
      navButton(t("nav.pairing"), { name: "pairing" }, route.name === "pairing", "nav-pairing"),
      navButton(t("nav.compare"), { name: "compare" }, route.name === "compare", "nav-compare"),
      navButton(t("nav.national"), { name: "national" }, route.name === "national", "nav-national"),
      h(
        "button",
        {
          class: "primary new-project",
          "data-testid": "new-project",
          onclick: () => void go({ name: "project", id: null }),
        },
        t("nav.newProject"),
      ),
      h("div", { class: "spacer" }),
      h("button", { class: "subtle", "data-testid": "open-present", onclick: () => void openPresentation(), title: t("main.f5") }, t("nav.present")),
      h("button", { class: "subtle", "data-testid": "open-export", onclick: openExportDialog, title: t("main.ctrlE") }, t("nav.export")),
      h("button", { class: "subtle", "data-testid": "open-import", onclick: openImportDialog }, t("nav.import")),
    );
  const status = h(
    "footer",
    { class: "statusbar" },
    h(
      "span",
      {},
      h("span", { title: t("status.workspaceTitle") }, t("status.workspace", { path: session.workspacePath })),
      " · ",
      h("button", { class: "link", "data-testid": "open-backups", onclick: () => void openBackupsDialog() }, t("status.backups")),
      " ",
      backupNoteEl,
      " · ",
      h("button", { class: "link", "data-testid": "open-about", onclick: () => void openAboutDialog() }, t("status.about")),
    ),
    h("span", {}, languageChoice(route), " · ", t("status.shortcutsHint")),
  );
  replace(
    root,
    top,
    h("div", { class: "body" }, sidebar, h("main", { class: "content" }, screen.el)),
    status,
  );
  const focusTarget = screen.el.querySelector<HTMLElement>("[autofocus]");
  focusTarget?.focus();
}

function showHelp(): void {
  if (document.querySelector(".help")) return;
  const close = () => overlay.remove();
  const overlay = h(
    "div",
    { class: "backdrop help", onclick: (e: Event) => e.target === overlay && close() },
    h(
      "div",
      { class: "dialog", role: "dialog", "aria-label": t("help.title") },
      h("h2", {}, t("help.title")),
      h(
        "table",
        { class: "shortcuts" },
        SHORTCUTS.map(([key, what]) => h("tr", {}, h("td", {}, h("kbd", {}, key)), h("td", {}, t(what)))),
      ),
      h("div", { class: "dialog-buttons" }, h("button", { onclick: close, autofocus: true }, t("help.close"))),
    ),
  );
  document.body.appendChild(overlay);
  overlay.querySelector("button")?.focus();
}

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

document.addEventListener("keydown", (event) => {
  if (event.key === "Escape" && document.querySelector(".help")) {
    document.querySelector(".help")?.remove();
    return;
  }
  if (currentScreen()?.onKey?.(event)) {
    event.preventDefault();
    return;
  }
  const route = currentRoute();
  if (!route || route.name === "cities" || !session.overview) return;
  const altRoute = event.altKey ? ALT_ROUTES[event.key] : undefined;
  if (altRoute) {
    event.preventDefault();
    void go(altRoute);
  } else if (event.ctrlKey && event.key.toLowerCase() === "k") {
    event.preventDefault();
    openPalette();
  } else if (event.key === "F5") {
    event.preventDefault();
    void openPresentation();
  } else if (
    !isTyping(event.target) &&
    event.ctrlKey &&
    ((event.shiftKey && event.key.toLowerCase() === "z") || event.key.toLowerCase() === "y")
  ) {
    event.preventDefault();
    void redoEdit();
  } else if (!isTyping(event.target) && event.ctrlKey && event.key.toLowerCase() === "z") {
    event.preventDefault();
    void undoEdit();
  } else if (event.ctrlKey && event.key.toLowerCase() === "e") {
    event.preventDefault();
    openExportDialog();
  } else if (event.ctrlKey && event.key.toLowerCase() === "n") {
    event.preventDefault();
    void go({ name: "project", id: null });
  } else if (event.key === "?" && !isTyping(event.target)) {
    event.preventDefault();
    showHelp();
  }
});

async function start(): Promise<void> {
  // Milliseconds since the page began loading: when this script ran, when the first screen was
  // built, and when it was on the window (two frames later). The shell logs them beside its own
  // clock, which shows where a slow start goes.
  const scriptMs = performance.now();
  // The workspace is asked for while the catalog and the faces load (the faces were asked for by
  // the page's HTML, before this script ran, so the calls do not hold them up).
  const workspace = firstScreenData();
  // Its failure is shown by showFirstScreen, not as an unhandled rejection meanwhile.
  workspace.catch(() => undefined);
  await Promise.all([initLanguage(), loadFirstScreenFonts()]);
  await showFirstScreen(workspace);
  const builtMs = performance.now();
  const drawn = new Promise<void>((resolve) =>
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        void api.firstScreenDrawn(scriptMs, builtMs, performance.now());
        resolve();
      }),
    ),
  );
  // What the first screen does not need waits until it is drawn (or a second, in a window that
  // starts hidden and draws no frames).
  await Promise.race([drawn, new Promise((resolve) => setTimeout(resolve, 1000))]);
  watchWorkspace();
  watchForZawgyi();
  // A plan file double-clicked (or given as `ascn-planner FILE`) opens in the import preview.
  const showOpenedPlanFile = async () => {
    const planFile = await api.openedPlanFile();
    if (planFile !== null && session.reference) previewPlanFile(planFile);
  };
  await showOpenedPlanFile();
  void onPlanFileOpened(() => void showOpenedPlanFile());
  void checkForUpdateAtStart();
}

/** The workspace and, when a city's plan was open last time, its overview. */
async function firstScreenData(): Promise<{ info: WorkspaceInfo; overview: PlanOverview | null }> {
  const info = await api.workspaceInfo();
  const overview = info.last_city === null ? null : await api.openPlan(info.last_city);
  return { info, overview };
}

async function showFirstScreen(workspace: ReturnType<typeof firstScreenData>): Promise<void> {
  try {
    const { info, overview } = await workspace;
    session.reference = info.reference;
    session.workspacePath = info.path;
    if (overview !== null) {
      setOverview(overview);
      startOverview = overview;
      await go({ name: "overview" });
    } else {
      await go({ name: "cities" });
    }
  } catch (error) {
    const message = errorText(error);
    replace(
      root,
      h(
        "div",
        { class: "fatal", role: "alert" },
        h("h1", {}, t("main.theWorkspaceCouldNotBe")),
        h("p", { "data-testid": "fatal-message" }, message),
        h("p", {}, t("main.yourFilesWereNotChanged")),
      ),
    );
  }
}

window.addEventListener("unhandledrejection", (event) => {
  const reason: unknown = event.reason;
  toast(isAppError(reason) ? errorText(reason) : t("main.somethingWentWrong", { value: String(reason) }), {
    kind: "error",
  });
});

setRenderer(render, frame);
void start();
