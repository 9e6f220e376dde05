// The command palette (Ctrl+K): type to find a command or anything in the plan (projects, KPIs,
// partners, focus areas, vision); ↑/↓ to choose, Enter to go. The search itself is the core's.
import { api } from "../api";
import type { Hit } from "../api/bindings/Hit";
import { debounce, h, replace } from "../dom";
import { go } from "../router";
import { session } from "../stores/session";
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
  { label: "Guided drafting", detail: "command · Alt+6", run: () => void go({ name: "guide" }) },
  { label: "Plan overview", detail: "command · Alt+1", run: () => void go({ name: "overview" }) },
  { label: "Projects", detail: "command · Alt+2", run: () => void go({ name: "projects" }) },
  { label: "Sector map", detail: "command · Alt+3", run: () => void go({ name: "sector-map" }) },
  { label: "Charts", detail: "command · Alt+4", run: () => void go({ name: "charts" }) },
  { label: "Map", detail: "command · Alt+5", run: () => void go({ name: "map", project: null }) },
  { label: "Readiness check", detail: "command · Alt+7", run: () => void go({ name: "readiness" }) },
  { label: "New project", detail: "command · Ctrl+N", run: () => void go({ name: "project", id: null }) },
  { label: "Present the plan", detail: "command · F5", run: () => void openPresentation() },
  { label: "Compare cities", detail: "command", run: () => void go({ name: "compare" }) },
  { label: "Export the plan", detail: "command · Ctrl+E", run: openExportDialog },
  { label: "Import a plan file", detail: "command", run: openImportDialog },
  { label: "Undo", detail: "command · Ctrl+Z", run: () => void undoEdit() },
  { label: "Redo", detail: "command · Ctrl+Shift+Z", run: () => void redoEdit() },
  { label: "Change city", detail: "command", run: () => void go({ name: "cities" }) },
];

function hitEntry(hit: Hit): Entry {
  const run = () => {
    if (hit.project !== null) void go({ name: "project", id: hit.project, field: hit.field ?? undefined });
    else if (hit.kind === "focus_area" && hit.focus_area) void showFocusArea(hit.focus_area);
    else if (hit.kind === "plan") void go({ name: "guide" });
    else void go({ name: "projects" });
  };
  return { label: hit.label, detail: hit.detail, run };
}

export function openPalette(): void {
  const overview = session.overview;
  if (!overview || document.querySelector(".palette")) return;
  let entries: Entry[] = [];
  let selected = 0;
  const input = h("input", {
    placeholder: "Search the plan or type a command…",
    "aria-label": "Search the plan or type a command",
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
        ? h("li", { class: "hint" }, "Nothing matches.")
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
    h("div", { class: "dialog palette-box", role: "dialog", "aria-label": "Command palette" }, input, list),
  );
  document.body.appendChild(backdrop);
  input.focus();
  void update();
}
