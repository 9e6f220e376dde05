// The command palette (Ctrl+K): type to find a command or anything in the plan (projects, KPIs,
// partners, focus areas, vision); ↑/↓ to choose, Enter to go. The search itself is the core's.
import { api } from "../api";
import { t } from "../i18n";
import type { Hit } from "../api/bindings/Hit";
import { debounce, h, replace } from "../dom";
import { go } from "../router";
import { focusAreaName, session } from "../stores/session";
import { openExportDialog } from "./exportDialog";
import { openImportDialog } from "./importDialog";
import { redoEdit, undoEdit } from "./history";
import { openPresentation } from "../screens/present";
import { showFocusArea } from "../screens/projects";

interface Entry {
  label: string;
  detail: string;
  run: () => void;
}

const COMMANDS: Entry[] = [
  { get label() { return t("palette.guidedDrafting"); }, get detail() { return `${t("palette.command")} · Alt+6`; }, run: () => void go({ name: "guide" }) },
  { get label() { return t("palette.planOverview"); }, get detail() { return `${t("palette.command")} · Alt+1`; }, run: () => void go({ name: "overview" }) },
  { get label() { return t("palette.projects"); }, get detail() { return `${t("palette.command")} · Alt+2`; }, run: () => void go({ name: "projects" }) },
  { get label() { return t("palette.sectorMap"); }, get detail() { return `${t("palette.command")} · Alt+3`; }, run: () => void go({ name: "sector-map" }) },
  { get label() { return t("palette.charts"); }, get detail() { return `${t("palette.command")} · Alt+4`; }, run: () => void go({ name: "charts" }) },
  { get label() { return t("palette.map"); }, get detail() { return `${t("palette.command")} · Alt+5`; }, run: () => void go({ name: "map", project: null }) },
  { get label() { return t("palette.readinessCheck"); }, get detail() { return `${t("palette.command")} · Alt+7`; }, run: () => void go({ name: "readiness" }) },
  { get label() { return t("palette.newProject"); }, get detail() { return `${t("palette.command")} · Ctrl+N`; }, run: () => void go({ name: "project", id: null }) },
  { get label() { return t("palette.presentThePlan"); }, get detail() { return `${t("palette.command")} · F5`; }, run: () => void openPresentation() },
  { get label() { return t("palette.compareCities"); }, get detail() { return t("palette.command"); }, run: () => void go({ name: "compare" }) },
  { get label() { return t("palette.exportThePlan"); }, get detail() { return `${t("palette.command")} · Ctrl+E`; }, run: openExportDialog },
  { get label() { return t("palette.importAPlanFile"); }, get detail() { return t("palette.command"); }, run: openImportDialog },
  { get label() { return t("palette.undo"); }, get detail() { return `${t("palette.command")} · Ctrl+Z`; }, run: () => void undoEdit() },
  { get label() { return t("palette.redo"); }, get detail() { return `${t("palette.command")} · Ctrl+Shift+Z`; }, run: () => void redoEdit() },
  { get label() { return t("palette.changeCity"); }, get detail() { return t("palette.command"); }, run: () => void go({ name: "cities" }) },
];

function hitEntry(hit: Hit): Entry {
  const run = () => {
    if (hit.project !== null) void go({ name: "project", id: hit.project, field: hit.field ?? undefined });
    else if (hit.kind === "focus_area" && hit.focus_area) void showFocusArea(hit.focus_area);
    else if (hit.kind === "plan") void go({ name: "guide" });
    else void go({ name: "projects" });
  };
  return { label: hitLabel(hit), detail: hitDetail(hit), run };
}

const FIELDS: Record<string, string> = {
  code: "palette.fieldCode",
  title: "palette.fieldTitle",
  lead_agency: "palette.fieldLeadAgency",
  description: "palette.fieldDescription",
};

/** Which text of the plan a field is, with the language it matched in when not English. */
function inLanguage(text: string, language: string | undefined): string {
  return language === undefined ? text : `${text} [${language}]`;
}

/** A hit's label in the interface's language, from its kind and values. */
function hitLabel(hit: Hit): string {
  const v = hit.values ?? {};
  if (hit.kind === "plan") return inLanguage(t(v.field === "vision" ? "palette.planVision" : "palette.planContext"), v.language);
  if (hit.kind === "focus_area" && hit.focus_area) return focusAreaName(hit.focus_area);
  return hit.label;
}

/** A hit's detail in the interface's language; a plan hit's is the text that matched. */
function hitDetail(hit: Hit): string {
  const v = hit.values ?? {};
  switch (hit.kind) {
    case "focus_area":
      return t(v.chosen === "yes" ? "palette.focusAreaChosen" : "palette.focusArea");
    case "project":
      return FIELDS[v.field ?? ""] ? inLanguage(t(FIELDS[v.field ?? ""]), v.language) : hit.detail;
    case "kpi":
      return t("palette.kpiOf", { code: v.code ?? "" });
    case "partner":
      return t("palette.partnerIn", { count: Number(v.count ?? 0) });
    default:
      return hit.detail;
  }
}

export function openPalette(): void {
  const overview = session.overview;
  if (!overview || document.querySelector(".palette")) return;
  let entries: Entry[] = [];
  let selected = 0;
  const input = h("input", {
    placeholder: t("palette.searchThePlanOrType"),
    "aria-label": t("palette.searchThePlanOrType2"),
    "data-testid": "palette-input",
  });
  const list = h("ul", { class: "palette-list", role: "listbox", "data-testid": "palette-results" });
  const close = () => backdrop.remove();
  const choose = (i: number) => {
    const entry = entries[i];
    if (!entry) return;
    close();
    entry.run();
  };
  const render = () => {
    replace(
      list,
      entries.length === 0
        ? h("li", { class: "hint" }, t("palette.nothingMatches"))
        : entries.map((e, i) =>
            h(
              "li",
              {
                class: i === selected ? "selected" : "",
                role: "option",
                "aria-selected": i === selected ? "true" : "false",
                "data-testid": "palette-item",
                onclick: () => choose(i),
              },
              h("span", { class: "palette-label" }, e.label),
              h("span", { class: "palette-detail" }, e.detail),
            ),
          ),
    );
  };
  let asked = 0;
  /** True while the text typed has not been searched yet. */
  let stale = false;
  const update = async () => {
    stale = false;
    const text = input.value.trim().toLowerCase();
    const commands = COMMANDS.filter((c) => c.label.toLowerCase().includes(text));
    const ticket = ++asked;
    const hits = text ? await api.searchPlan(overview.plan.id, text) : [];
    if (ticket !== asked) return; // a newer query is on its way
    entries = [...commands, ...hits.map(hitEntry)];
    selected = 0;
    render();
  };
  const updateSoon = debounce(() => void update(), 120);
  input.addEventListener("input", () => {
    stale = true;
    updateSoon();
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      selected = Math.max(0, Math.min(entries.length - 1, selected + step));
      render();
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (stale) {
        // Enter right after typing: search first, then take the best match.
        updateSoon.cancel();
        void update().then(() => choose(0));
      } else {
        choose(selected);
      }
    } else if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      close();
    }
  });
  const backdrop = h(
    "div",
    { class: "backdrop palette", onclick: (e: Event) => e.target === backdrop && close() },
    h("div", { class: "dialog palette-box", role: "dialog", "aria-label": t("palette.commandPalette") }, input, list),
  );
  document.body.appendChild(backdrop);
  input.focus();
  void update();
}
