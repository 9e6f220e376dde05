// The National Representative's view (one member state) and the Secretariat's (the whole
// network): every city's plan in the workspace side by side — coverage of the focus areas,
// budget and funding by source, projects running per year, KPIs and reported progress. Plans
// arrive as a folder of plan files; a city already here is replaced only after its changes are
// shown. Every figure is the core's roll-up.
import { api, chooseFolder, errorText } from "../api";
import { fieldErrorText, fieldPlace } from "../components/fieldErrors";
import { t } from "../i18n";
import type { FolderEntry } from "../api/bindings/FolderEntry";
import type { StagedFolderEntry } from "../api/bindings/StagedFolderEntry";
import type { RollUp } from "../api/bindings/RollUp";
import { toast } from "../components/toast";
import { zawgyiFound } from "../components/zawgyiOffer";
import { h, replace } from "../dom";
import { go, type Screen } from "../router";
import { focusAreaName, formatCompact, memberStateName, PLAN_STATUSES, reference, session } from "../stores/session";
import { diffSummary, diffView } from "../components/diffView";
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
        h("th", {}, t("national.city")),
        rollup.focus_areas.map((code) => h("th", { title: focusAreaName(code) }, h("span", { class: `fa-chip fa-${code}` }, code))),
        h("th", {}, t("national.projects")),
        h("th", {}, t("national.budget")),
        h("th", {}, t("national.status")),
        h("th", {}, t("national.readiness")),
      ),
    ),
    h(
      "tbody",
      {},
      rollup.cities.map((c) =>
        h(
          "tr",
          { "data-testid": "rollup-city" },
          h("th", { scope: "row" }, c.city, h("div", { class: "hint" }, c.country), c.sample && h("span", { class: "badge badge-sample" }, t("national.sample"))),
          c.areas.map((a) =>
            h(
              "td",
              { class: a.chosen ? "cell chosen" : "cell not-chosen", title: a.chosen ? t("national.chosenFocusArea") : t("national.notChosen") },
              a.projects > 0 || a.chosen ? `${a.projects}${c.currency === null ? "" : ` · ${formatCompact(a.budget)}`}` : "",
            ),
          ),
          h("td", { class: "num", "data-testid": "rollup-projects" }, String(c.projects)),
          h("td", { class: "num", title: c.currency === null ? t("national.noProjectHasABudget") : "" }, c.currency === null ? t("national.notKnown") : `${c.currency} ${formatCompact(c.budget)}`),
          h("td", {}, PLAN_STATUSES.find((s) => s.value === c.status)?.label.split(" ")[0] ?? c.status),
          h("td", {}, c.readiness_errors + c.readiness_warnings === 0 ? t("national.ready") : t("national.toFix", { readiness_errors: c.readiness_errors })),
        ),
      ),
      h(
        "tr",
        { class: "total" },
        h("th", { scope: "row" }, t("national.citiesChoosingIt")),
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
    rollup.totals.map((total) =>
      h(
        "table",
        { class: "grid" },
        h("thead", {}, h("tr", {}, h("th", {}, t("national.fundingBySourceCities", { currency: total.currency, cities: t("count.cities", { count: total.cities }) })), h("th", {}, t("national.committed")), h("th", {}, t("national.pipeline")))),
        h(
          "tbody",
          {},
          total.funding.map((f) => h("tr", {}, h("td", {}, f.label), h("td", { class: "num" }, formatCompact(f.committed)), h("td", { class: "num" }, formatCompact(f.pipeline)))),
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
    h("thead", {}, h("tr", {}, h("th", {}, t("national.projectsRunning")), rollup.years.map((y) => h("th", {}, String(y))))),
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
    h("thead", {}, h("tr", {}, [t("national.city"), t("national.kpis"), t("national.latestReport"), t("national.meanComplete"), t("national.kpiActualsOnTrack")].map((t) => h("th", {}, t)))),
    h(
      "tbody",
      {},
      rollup.cities.map((c) =>
        h(
          "tr",
          {},
          h("th", { scope: "row" }, c.city),
          h("td", { class: "num" }, String(c.kpis)),
          h("td", {}, c.progress_year === null ? t("national.noneYet") : String(c.progress_year)),
          h("td", { class: "num" }, c.percent_complete === null ? "—" : `${Math.round(c.percent_complete)}%`),
          h("td", { class: "num" }, c.kpis_reported === 0 ? "—" : t("national.of", { kpis_on_track: c.kpis_on_track, kpis_reported: c.kpis_reported })),
        ),
      ),
    ),
  );
}

/** When a file says it was written, and its revision, as the folder entry shows them. */
function fileAge(e: FolderEntry): string {
  const parts = [];
  if (e.preview.revision !== null) parts.push(e.preview.revision === 0 ? t("national.neverSubmitted") : t("national.revisionN", { number: e.preview.revision }));
  if (e.preview.written_at !== null) parts.push(t("national.writtenAt", { date: e.preview.written_at.replace("T", " ") }));
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
        e.preview.errors.length === 0 && t("national.projects2", { projects: t("count.projects", { count: e.preview.projects }), period: e.preview.period }),
        h("span", { class: "hint" }, ` · ${name}${fileAge(e)}`),
      ),
    ),
    e.choice &&
      h(
        "p",
        { class: "banner", "data-testid": "folder-entry-choice" },
        e.preferred
          ? t("national.anotherFileInTheFolder", { city: e.preview.city })
          : t("national.anotherFileInTheFolder2", { city: e.preview.city }),
      ),
    e.preview.errors.length > 0 &&
      h(
        "ul",
        { class: "error-list" },
        e.preview.errors.slice(0, 5).map((err) => h("li", {}, h("code", {}, fieldPlace(err.field)), ` ${fieldErrorText(err)}`)),
      ),
    e.preview.changes
      ? h(
          "details",
          { "data-testid": "folder-entry-changes" },
          h("summary", {}, t("national.replacesThePlanHere", { changes_summary: e.preview.changes ? diffSummary(e.preview.changes) : e.preview.changes_summary })),
          diffView(e.preview.changes),
        )
      : e.preview.errors.length === 0 && h("p", { class: "hint" }, t("national.newInThisWorkspace")),
    e.preview.zawgyi.length > 0 &&
      h(
        "p",
        { class: "banner", "data-testid": "folder-entry-zawgyi" },
        t("national.eG", { value: zawgyiFound(e.preview.zawgyi.length) }),
        h("code", {}, e.preview.zawgyi[0].at),
        " → ",
        h("span", { lang: "my" }, e.preview.zawgyi[0].unicode),
      ),
  );
}

/** Choose a folder of plan files, see what each would do, import the ones ticked. */
function openFolderDialog(done: () => void): void {
  const path = h("input", { placeholder: t("national.folderOfPlanFilesAscf"), "aria-label": t("national.folder"), "data-testid": "folder-path" });
  const list = h("div", { class: "folder-entries" });
  const importButton = h("button", { class: "primary", "data-testid": "folder-import", disabled: true }, t("national.importTheTickedPlans"));
  let entries: { staged: StagedFolderEntry; tick: HTMLInputElement }[] = [];
  let imported = 0;
  const convertZawgyi = h("input", { type: "checkbox", checked: true, "data-testid": "folder-zawgyi-convert" });
  const zawgyiChoice = h("label", { class: "check", hidden: true }, convertZawgyi, t("national.convertBurmeseInZawgyiTo"));
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
          ? h("p", {}, t("national.theFolderHoldsNoPlan"))
          : entries.map(({ staged, tick }) => folderEntry(staged.entry, tick)),
      );
      zawgyiChoice.hidden = !entries.some((e) => e.staged.entry.preview.zawgyi.length > 0);
      importButton.disabled = !entries.some((e) => e.tick.checked);
    } catch (error) {
      replace(list, h("p", { class: "field-error" }, errorText(error)));
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
        failed.push([name, errorText(error)]);
      }
    }
    imported += done.length;
    // What was and was not imported, whatever stopped part-way.
    replace(
      list,
      h(
        "div",
        { "data-testid": "folder-summary" },
        h("p", {}, done.length === 0 ? t("national.noPlanWasImported") : t("national.imported", { count: done.length, value: done.join(", ") })),
        failed.length > 0 &&
          h(
            "div",
            {},
            h("p", { class: "field-error" }, t("national.notImported", { count: failed.length })),
            h("ul", { class: "error-list" }, failed.map(([name, why]) => h("li", {}, h("strong", {}, name), ` ${why}`))),
          ),
      ),
    );
    toast(t("national.plansImported", { count: done.length }) + (failed.length > 0 ? t("national.plansNotImported", { count: failed.length }) : ""));
  });
  path.addEventListener("keydown", (e) => {
    if (e.key === "Enter") void look();
  });
  const backdrop = h(
    "div",
    { class: "backdrop" },
    h(
      "div",
      { class: "dialog wide", role: "dialog", "aria-label": t("national.importAFolderOfPlans"), "data-testid": "folder-dialog" },
      h("h2", {}, t("national.importAFolderOfPlans")),
      h("p", { class: "hint" }, t("national.everyPlanFileAscfOr")),
      h(
        "div",
        { class: "inline-form" },
        path,
        h(
          "button",
          {
            onclick: async () => {
              const folder = await chooseFolder(t("national.folderOfPlanFilesAscf"));
              if (folder) {
                path.value = folder;
                await look();
              }
            },
          },
          t("national.choose"),
        ),
        h("button", { "data-testid": "folder-check", onclick: () => void look() }, t("national.check")),
      ),
      list,
      zawgyiChoice,
      h("div", { class: "dialog-buttons" }, h("button", { onclick: close, "data-testid": "folder-close" }, t("national.close")), importButton),
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
      "aria-label": t("national.scope"),
      onchange: () => {
        scope = picker.value;
        void go({ name: "national" });
      },
    },
    h("option", { value: "", selected: current === "" }, t("national.wholeNetworkAseanSecretariat")),
    reference().member_states.map((m) => h("option", { value: m.iso3, selected: m.iso3 === current }, memberStateName(m.iso3))),
  );
  // A whole network's report takes seconds: the button says so and cannot be pressed twice.
  const reportButton = h("button", { onclick: () => void writeReport() }, t("national.writeTheReport"));
  const writeReport = async () => {
    const folder = await chooseFolder(t("national.folderForTheReport"));
    if (!folder) return;
    reportButton.disabled = true;
    replace(reportButton, t("national.writingTheReport"));
    try {
      const files = await api.writeAnnualReport(current === "" ? { kind: "network" } : { kind: "country", value: current }, null, folder);
      toast(t("national.written", { value: files.map((f) => f.split(/[\\/]/).pop()).join(", ") }));
    } finally {
      reportButton.disabled = false;
      replace(reportButton, t("national.writeTheReport"));
    }
  };
  const body = h("div", {});
  // The Secretariat's monitoring is of the whole network.
  const monitoring = current === "" ? await monitoringPanel(() => void go({ name: "national" })) : null;
  replace(
    body,
    rollup.cities.length === 0
      ? h("p", { class: "empty" }, t("national.noCityOfThisScope"))
      : [
          h("div", { class: "table-wrap" }, coverage(rollup)),
          h("h2", { class: "section" }, t("national.funding")),
          funding(rollup),
          h("h2", { class: "section" }, t("national.timeline")),
          h("div", { class: "table-wrap" }, timeline(rollup)),
          h("h2", { class: "section" }, t("national.kpisAndProgress")),
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
      !session.overview && h("button", { class: "subtle", onclick: () => void go({ name: "cities" }) }, t("national.cities")),
      picker,
      h("button", { "data-testid": "import-folder", onclick: () => openFolderDialog(() => void go({ name: "national" })) }, t("national.importAFolderOfPlans2")),
      reportButton,
    ),
    h(
      "p",
      { class: "hint", "data-testid": "rollup-summary" },
      (rollup.membership
        ? `${t("national.memberCities", { count: rollup.membership.members, withPlan: rollup.membership.with_plan })} · `
        : "") +
        `${t("count.cities", { count: rollup.cities.length })} · ${t("count.projects", { count: rollup.projects })} · ${t("count.kpis", { count: rollup.kpis })}. ${t("national.eachCell")}`,
    ),
    body,
    monitoring,
  );
  return { el };
}
