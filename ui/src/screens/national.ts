// The National Representative's view (one member state) and the Secretariat's (the whole
// network): every city's plan in the workspace side by side — coverage of the focus areas,
// budget and funding by source, projects running per year, KPIs and reported progress. Plans
// arrive as a folder of plan files; a city already here is replaced only after its changes are
// shown. Every figure is the core's roll-up.
import { api, chooseFolder, isAppError } from "../api";
import type { FolderEntry } from "../api/bindings/FolderEntry";
import type { StagedFolderEntry } from "../api/bindings/StagedFolderEntry";
import type { RollUp } from "../api/bindings/RollUp";
import { toast } from "../components/toast";
import { zawgyiFound } from "../components/zawgyiOffer";
import { h, replace } from "../dom";
import { go, type Screen } from "../router";
import { focusAreaName, formatCompact, PLAN_STATUSES, reference, session } from "../stores/session";
import { diffView } from "../components/diffView";
import { monitoringPanel } from "./monitoring";

/** The scope shown: an ISO alpha-3 code, or "" for the network; kept while the app runs. */
let scope: string | null = null;

function coverage(rollup: RollUp): HTMLElement {
  return h(
    "table",
    { class: "grid coverage", "data-testid": "coverage" },
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", {}, "City"),
        rollup.focus_areas.map((code) => h("th", { title: focusAreaName(code) }, h("span", { class: `fa-chip fa-${code}` }, code))),
        h("th", {}, "Projects"),
        h("th", {}, "Budget"),
        h("th", {}, "Status"),
        h("th", {}, "Readiness"),
      ),
    ),
    h(
      "tbody",
      {},
      rollup.cities.map((c) =>
        h(
          "tr",
          { "data-testid": "rollup-city" },
          h("th", { scope: "row" }, c.city, h("div", { class: "hint" }, c.country), c.sample && h("span", { class: "badge badge-sample" }, "Sample")),
          c.areas.map((a) =>
            h(
              "td",
              { class: a.chosen ? "cell chosen" : "cell not-chosen", title: a.chosen ? "Chosen focus area" : "Not chosen" },
              a.projects > 0 || a.chosen ? `${a.projects}${c.currency === null ? "" : ` · ${formatCompact(a.budget)}`}` : "",
            ),
          ),
          h("td", { class: "num", "data-testid": "rollup-projects" }, String(c.projects)),
          h("td", { class: "num", title: c.currency === null ? "No project has a budget yet" : "" }, c.currency === null ? "not known" : `${c.currency} ${formatCompact(c.budget)}`),
          h("td", {}, PLAN_STATUSES.find((s) => s.value === c.status)?.label.split(" ")[0] ?? c.status),
          h("td", {}, c.readiness_errors + c.readiness_warnings === 0 ? "Ready" : `${c.readiness_errors} to fix`),
        ),
      ),
      h(
        "tr",
        { class: "total" },
        h("th", { scope: "row" }, "Cities choosing it"),
        rollup.coverage.map((n) => h("td", { class: "num" }, String(n))),
        h("td", { class: "num", "data-testid": "rollup-total-projects" }, String(rollup.projects)),
        h("td", { class: "num" }, rollup.totals.map((t) => `${t.currency} ${formatCompact(t.budget)}`).join(" · ")),
        h("td", {}),
        h("td", {}),
      ),
    ),
  );
}

function funding(rollup: RollUp): HTMLElement {
  return h(
    "div",
    { class: "rollup-funding" },
    rollup.totals.map((t) =>
      h(
        "table",
        { class: "grid" },
        h("thead", {}, h("tr", {}, h("th", {}, `Funding by source (${t.currency}, ${t.cities} cities)`), h("th", {}, "Committed"), h("th", {}, "Pipeline"))),
        h(
          "tbody",
          {},
          t.funding.map((f) => h("tr", {}, h("td", {}, f.label), h("td", { class: "num" }, formatCompact(f.committed)), h("td", { class: "num" }, formatCompact(f.pipeline)))),
        ),
      ),
    ),
  );
}

function timeline(rollup: RollUp): HTMLElement {
  const max = Math.max(1, ...rollup.cities.flatMap((c) => c.running));
  return h(
    "table",
    { class: "grid timeline-heat", "data-testid": "rollup-timeline" },
    h("thead", {}, h("tr", {}, h("th", {}, "Projects running"), rollup.years.map((y) => h("th", {}, String(y))))),
    h(
      "tbody",
      {},
      rollup.cities.map((c) =>
        h(
          "tr",
          {},
          h("th", { scope: "row" }, c.city),
          c.running.map((n) => h("td", { class: "num heat", style: `--heat:${(n / max).toFixed(2)}` }, n > 0 ? String(n) : "")),
        ),
      ),
    ),
  );
}

function progress(rollup: RollUp): HTMLElement {
  return h(
    "table",
    { class: "grid", "data-testid": "rollup-progress" },
    h("thead", {}, h("tr", {}, ["City", "KPIs", "Latest report", "Mean % complete", "KPI actuals on track"].map((t) => h("th", {}, t)))),
    h(
      "tbody",
      {},
      rollup.cities.map((c) =>
        h(
          "tr",
          {},
          h("th", { scope: "row" }, c.city),
          h("td", { class: "num" }, String(c.kpis)),
          h("td", {}, c.progress_year === null ? "None yet" : String(c.progress_year)),
          h("td", { class: "num" }, c.percent_complete === null ? "—" : `${Math.round(c.percent_complete)}%`),
          h("td", { class: "num" }, c.kpis_reported === 0 ? "—" : `${c.kpis_on_track} of ${c.kpis_reported}`),
        ),
      ),
    ),
  );
}

/** When a file says it was written, and its revision, as the folder entry shows them. */
function fileAge(e: FolderEntry): string {
  const parts = [];
  if (e.preview.revision !== null) parts.push(e.preview.revision === 0 ? "never submitted" : `revision ${e.preview.revision}`);
  if (e.preview.written_at !== null) parts.push(`written ${e.preview.written_at.replace("T", " ")}`);
  return parts.length > 0 ? ` · ${parts.join(", ")}` : "";
}

/** One plan file of the folder: what importing it would do, ticked unless it cannot be imported. */
function folderEntry(e: FolderEntry, tick: HTMLInputElement): HTMLElement {
  const name = e.path.split(/[\\/]/).pop() ?? e.path;
  return h(
    "div",
    { class: "card", "data-testid": "folder-entry" },
    h(
      "label",
      { class: "check" },
      tick,
      h(
        "span",
        {},
        h("strong", {}, e.preview.city || name),
        e.preview.country && ` (${e.preview.country})`,
        e.preview.errors.length === 0 && ` · ${e.preview.projects} projects · ${e.preview.period}`,
        h("span", { class: "hint" }, ` · ${name}${fileAge(e)}`),
      ),
    ),
    e.choice &&
      h(
        "p",
        { class: "banner", "data-testid": "folder-entry-choice" },
        e.preferred
          ? `Another file in the folder is also a plan of ${e.preview.city}; this one is newer by its own revision and date.`
          : `Another file in the folder is also a plan of ${e.preview.city}. Choose the one to import.`,
      ),
    e.preview.errors.length > 0 &&
      h(
        "ul",
        { class: "error-list" },
        e.preview.errors.slice(0, 5).map((err) => h("li", {}, h("code", {}, err.field), ` ${err.message}`)),
      ),
    e.preview.changes
      ? h(
          "details",
          { "data-testid": "folder-entry-changes" },
          h("summary", {}, `Replaces the plan here: ${e.preview.changes_summary}`),
          diffView(e.preview.changes),
        )
      : e.preview.errors.length === 0 && h("p", { class: "hint" }, "New in this workspace."),
    e.preview.zawgyi.length > 0 &&
      h(
        "p",
        { class: "banner", "data-testid": "folder-entry-zawgyi" },
        `${zawgyiFound(e.preview.zawgyi.length)}, e.g. `,
        h("code", {}, e.preview.zawgyi[0].at),
        " → ",
        h("span", { lang: "my" }, e.preview.zawgyi[0].unicode),
      ),
  );
}

/** Choose a folder of plan files, see what each would do, import the ones ticked. */
function openFolderDialog(done: () => void): void {
  const path = h("input", { placeholder: "Folder of plan files (.ascf, .json)", "aria-label": "Folder", "data-testid": "folder-path" });
  const list = h("div", { class: "folder-entries" });
  const importButton = h("button", { class: "primary", "data-testid": "folder-import", disabled: true }, "Import the ticked plans");
  let entries: { staged: StagedFolderEntry; tick: HTMLInputElement }[] = [];
  let imported = 0;
  const convertZawgyi = h("input", { type: "checkbox", checked: true, "data-testid": "folder-zawgyi-convert" });
  const zawgyiChoice = h("label", { class: "check", hidden: true }, convertZawgyi, " Convert Burmese in Zawgyi to Unicode (recommended)");
  const close = () => {
    backdrop.remove();
    if (imported > 0) done();
  };
  const look = async () => {
    importButton.disabled = true;
    try {
      const found = await api.previewFolder(path.value.trim());
      entries = found.map((staged) => {
        const e = staged.entry;
        const importable = staged.token !== null;
        // Files of one city are a choice: one radio group per city.
        const tick = e.choice
          ? h("input", { type: "radio", name: `plan-${e.plan_key}`, checked: e.preferred, disabled: !importable })
          : h("input", { type: "checkbox", checked: importable, disabled: !importable });
        tick.addEventListener("change", () => {
          importButton.disabled = !entries.some((x) => x.tick.checked);
        });
        return { staged, tick };
      });
      replace(
        list,
        entries.length === 0
          ? h("p", {}, "The folder holds no plan file (.ascf or .json).")
          : entries.map(({ staged, tick }) => folderEntry(staged.entry, tick)),
      );
      zawgyiChoice.hidden = !entries.some((e) => e.staged.entry.preview.zawgyi.length > 0);
      importButton.disabled = !entries.some((e) => e.tick.checked);
    } catch (error) {
      replace(list, h("p", { class: "field-error" }, isAppError(error) ? error.message : String(error)));
    }
  };
  importButton.addEventListener("click", async () => {
    importButton.disabled = true;
    const done: string[] = [];
    const failed: [string, string][] = [];
    for (const { staged, tick } of entries) {
      if (!tick.checked || staged.token === null) continue;
      const name = `${staged.entry.preview.city} (${staged.entry.path.split(/[\\/]/).pop() ?? ""})`;
      try {
        await api.importPlan(staged.token, true, convertZawgyi.checked);
        done.push(name);
      } catch (error) {
        failed.push([name, isAppError(error) ? error.message : String(error)]);
      }
    }
    imported += done.length;
    // What was and was not imported, whatever stopped part-way.
    replace(
      list,
      h(
        "div",
        { "data-testid": "folder-summary" },
        h("p", {}, done.length === 0 ? "No plan was imported." : `Imported ${done.length}: ${done.join(", ")}.`),
        failed.length > 0 &&
          h(
            "div",
            {},
            h("p", { class: "field-error" }, `Not imported ${failed.length}:`),
            h("ul", { class: "error-list" }, failed.map(([name, why]) => h("li", {}, h("strong", {}, name), ` ${why}`))),
          ),
      ),
    );
    toast(`${done.length} plan${done.length === 1 ? "" : "s"} imported${failed.length > 0 ? `, ${failed.length} not` : ""}`);
  });
  path.addEventListener("keydown", (e) => {
    if (e.key === "Enter") void look();
  });
  const backdrop = h(
    "div",
    { class: "backdrop" },
    h(
      "div",
      { class: "dialog wide", role: "dialog", "aria-label": "Import a folder of plans", "data-testid": "folder-dialog" },
      h("h2", {}, "Import a folder of plans"),
      h("p", { class: "hint" }, "Every plan file (.ascf or .json) the cities sent you. A city whose plan is here already is replaced; open its changes to see what they are."),
      h(
        "div",
        { class: "inline-form" },
        path,
        h(
          "button",
          {
            onclick: async () => {
              const folder = await chooseFolder("Folder of plan files (.ascf, .json)");
              if (folder) {
                path.value = folder;
                await look();
              }
            },
          },
          "Choose…",
        ),
        h("button", { "data-testid": "folder-check", onclick: () => void look() }, "Check"),
      ),
      list,
      zawgyiChoice,
      h("div", { class: "dialog-buttons" }, h("button", { onclick: close, "data-testid": "folder-close" }, "Close"), importButton),
    ),
  );
  document.body.appendChild(backdrop);
  path.focus();
}

export async function nationalScreen(): Promise<Screen> {
  const own = session.overview?.city.member_state ?? "";
  const current = scope ?? own;
  const rollup = await api.rollUp(current === "" ? null : current);
  const picker = h(
    "select",
    {
      "data-testid": "rollup-scope",
      "aria-label": "Scope",
      onchange: () => {
        scope = picker.value;
        void go({ name: "national" });
      },
    },
    h("option", { value: "", selected: current === "" }, "Whole network (ASEAN Secretariat)"),
    reference().member_states.map((m) => h("option", { value: m.iso3, selected: m.iso3 === current }, m.name)),
  );
  // A whole network's report takes seconds: the button says so and cannot be pressed twice.
  const reportButton = h("button", { onclick: () => void writeReport() }, "Write the report…");
  const writeReport = async () => {
    const folder = await chooseFolder("Folder for the report");
    if (!folder) return;
    reportButton.disabled = true;
    replace(reportButton, "Writing the report…");
    try {
      const files = await api.writeAnnualReport(current === "" ? { kind: "network" } : { kind: "country", value: current }, null, folder);
      toast(`Written: ${files.map((f) => f.split(/[\\/]/).pop()).join(", ")}`);
    } finally {
      reportButton.disabled = false;
      replace(reportButton, "Write the report…");
    }
  };
  const body = h("div", {});
  // The Secretariat's monitoring is of the whole network.
  const monitoring = current === "" ? await monitoringPanel(() => void go({ name: "national" })) : null;
  replace(
    body,
    rollup.cities.length === 0
      ? h("p", { class: "empty" }, "No city of this scope has a plan in the workspace yet. Import the plan files officers send you.")
      : [
          h("div", { class: "table-wrap" }, coverage(rollup)),
          h("h2", { class: "section" }, "Funding"),
          funding(rollup),
          h("h2", { class: "section" }, "Timeline"),
          h("div", { class: "table-wrap" }, timeline(rollup)),
          h("h2", { class: "section" }, "KPIs and progress"),
          h("div", { class: "table-wrap" }, progress(rollup)),
        ],
  );
  const el = h(
    "div",
    { class: "screen national", "data-testid": "national" },
    h(
      "div",
      { class: "screen-head row" },
      h("h1", { "data-testid": "rollup-title" }, rollup.title),
      h("div", { class: "spacer" }),
      !session.overview && h("button", { class: "subtle", onclick: () => void go({ name: "cities" }) }, "← Cities"),
      picker,
      h("button", { "data-testid": "import-folder", onclick: () => openFolderDialog(() => void go({ name: "national" })) }, "Import a folder of plans…"),
      reportButton,
    ),
    h(
      "p",
      { class: "hint", "data-testid": "rollup-summary" },
      `${rollup.membership ? `${rollup.membership.members} member cities, ${rollup.membership.with_plan} with a plan · ` : ""}` +
        `${rollup.cities.length} cities · ${rollup.projects} projects · ${rollup.kpis} KPIs. Each cell: projects · budget in the city's currency, greyed where the city did not choose the focus area.`,
    ),
    body,
    monitoring,
  );
  return { el };
}
