// Yearly progress, plan against actual: for a chosen year, each project that had started by then
// with the percent expected at an even pace, what the city reports (status, percent complete, a
// short narrative) and each KPI's target beside its actual. What counts as behind or on track is
// the core's rule; this screen shows it and sends what is typed.
import { api, chooseFolder, isAppError } from "../api";
import { t } from "../i18n";
import type { ProgressReport } from "../api/bindings/ProgressReport";
import type { ProjectProgress } from "../api/bindings/ProjectProgress";
import type { ProjectStatus } from "../api/bindings/ProjectStatus";
import { showFieldErrors, clearFieldErrors } from "../components/fieldErrors";
import { languageName, typedTexts } from "../components/localText";
import { toast } from "../components/toast";
import { h, replace } from "../dom";
import { go, type Screen } from "../router";
import { PROJECT_STATUSES, session } from "../stores/session";
import { options } from "./projectEditor";

/** The year shown, kept while the app runs. */
let shownYear: number | null = null;

function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : `${Math.round(value)}%`;
}

function summary(report: ProgressReport): HTMLElement {
  const stat = (value: string, label: string, testid: string) =>
    h("div", { class: "stat" }, h("div", { class: "stat-value", "data-testid": testid }, value), h("div", { class: "stat-label" }, label));
  return h(
    "div",
    { class: "stats" },
    stat(t("progress.of", { reported: report.reported, count: report.projects.length }), t("progress.projectsReportedOn"), "progress-reported"),
    stat(percent(report.mean_percent), t("progress.meanPercentComplete"), "progress-mean"),
    stat(String(report.behind), t("progress.behindTheEvenPace"), "progress-behind"),
    stat(t("progress.of2", { kpis_on_track: report.kpis_on_track, kpis_reported: report.kpis_reported }), t("progress.kpisWithAnActualOn"), "progress-kpis"),
  );
}

function row(project: ProjectProgress, year: number, refresh: () => Promise<void>): HTMLElement {
  const reported = project.reported;
  const status = h("select", { "aria-label": t("progress.statusOfIn", { code: project.code, year }), "data-field": "status" }, options(PROJECT_STATUSES, reported?.status ?? "in_progress"));
  const done = h("input", {
    type: "number",
    min: 0,
    max: 100,
    value: reported ? String(reported.percent_complete) : "",
    placeholder: "%",
    "aria-label": t("progress.percentCompleteOfIn", { code: project.code, year }),
    "data-field": "percent_complete",
    "data-testid": `progress-percent-${project.code}`,
  });
  const narrative = h("input", {
    value: reported?.narrative ?? "",
    placeholder: t("progress.whatHappenedThisYear"),
    "aria-label": t("progress.narrativeOfIn", { code: project.code, year }),
    "data-field": "narrative",
  });
  // The narrative in each of the plan's languages, under the English.
  const languages = session.overview?.plan.languages ?? [];
  const narrativeLocal = languages.map((tag) =>
    h("input", {
      value: reported?.narrative_local?.[tag] ?? "",
      lang: tag,
      placeholder: languageName(tag),
      "aria-label": t("progress.narrativeOfIn2", { code: project.code, year, value: languageName(tag) }),
      "data-field": `narrative_local.${tag}`,
      "data-testid": `progress-narrative-${project.code}-${tag}`,
    }),
  );
  const spent = h("input", {
    type: "number",
    min: 0,
    step: "any",
    value: reported?.spent === null || reported?.spent === undefined ? "" : String(reported.spent),
    placeholder: "amount",
    class: "spent",
    "aria-label": t("progress.spentOnIn", { code: project.code, year }),
    "data-field": "spent",
    "data-testid": `progress-spent-${project.code}`,
  });
  const actuals = project.kpis.map((k, i) =>
    h(
      "label",
      { class: "kpi-actual field", title: k.name },
      h("span", {}, t("progress.target", { name: k.name, unit: k.unit, value: k.target ?? "—" })),
      h("input", {
        type: "number",
        step: "any",
        value: k.actual === null || k.actual === undefined ? "" : String(k.actual),
        "aria-label": t("progress.actualOfIn", { name: k.name, year }),
        "data-field": `kpi_actuals[${i}]`,
        "data-testid": `progress-actual-${project.code}-${i}`,
      }),
      k.on_track !== null && k.on_track !== undefined && h("span", { class: k.on_track ? "badge badge-ok" : "badge badge-error" }, k.on_track ? t("progress.onTrack") : t("progress.offTrack")),
    ),
  );
  const el = h("tr", { "data-testid": `progress-row-${project.code}` });
  const save = async () => {
    const text = done.value.trim();
    const value = Number(text);
    clearFieldErrors(el);
    try {
      await api.reportProgress(project.project_id, {
        year,
        status: status.value as ProjectStatus,
        percent_complete: text === "" || !Number.isFinite(value) ? -1 : value,
        narrative: narrative.value,
        narrative_local: typedTexts(reported?.narrative_local, languages, narrativeLocal),
        kpi_actuals: actuals.map((a) => {
          const input = a.querySelector("input") as HTMLInputElement;
          return input.value.trim() === "" ? null : Number(input.value);
        }),
        spent: spent.value.trim() === "" ? null : Number(spent.value),
      });
      toast(t("progress.progressOfInSaved", { code: project.code, year }));
      await refresh();
    } catch (error) {
      if (isAppError(error) && error.fields.length > 0) showFieldErrors(el, error.fields);
      else throw error;
    }
  };
  replace(
    el,
    h("td", {}, h("button", { class: "link", onclick: () => void go({ name: "project", id: project.project_id }) }, project.code)),
    h("td", {}, project.title, h("div", { class: "hint" }, `${project.start_year}–${project.end_year}`)),
    h("td", { class: "num" }, percent(project.expected_percent)),
    h("td", {}, h("div", { class: "field" }, status)),
    h("td", { class: "num" }, h("div", { class: "field" }, done), project.behind && h("span", { class: "badge badge-error", "data-testid": "progress-behind-badge" }, t("progress.behind"))),
    h("td", {}, h("div", { class: "field" }, narrative), narrativeLocal.map((input) => h("div", { class: "field" }, input))),
    h("td", { class: "num" }, h("div", { class: "field" }, spent)),
    h("td", {}, actuals.length ? actuals : h("span", { class: "hint" }, t("progress.noKpi"))),
    h("td", {}, h("button", { "data-testid": `progress-save-${project.code}`, onclick: () => void save() }, reported ? t("progress.update") : t("progress.report"))),
  );
  return el;
}

export async function progressScreen(): Promise<Screen> {
  const overview = session.overview;
  if (!overview) throw new Error("a plan is open");
  const plan = overview.plan;
  const thisYear = new Date().getFullYear();
  const year = shownYear ?? Math.min(Math.max(thisYear - 1, plan.period_start), plan.period_end);
  const years: number[] = [];
  for (let y = plan.period_start; y <= plan.period_end; y++) years.push(y);
  const picker = h(
    "select",
    {
      "data-testid": "progress-year",
      "aria-label": t("progress.year"),
      onchange: () => {
        shownYear = Number(picker.value);
        void go({ name: "progress" });
      },
    },
    years.map((y) => h("option", { value: y, selected: y === year }, String(y))),
  );
  const body = h("div", {});
  const refresh = async () => {
    const report = await api.progressReport(plan.id, year);
    replace(
      body,
      summary(report),
      report.projects.length === 0
        ? h("p", { class: "empty" }, t("progress.noProjectHadStartedBy", { year }))
        : h(
            "div",
            { class: "table-wrap" },
            h(
              "table",
              { class: "grid progress-table", "data-testid": "progress-table", "data-year": year },
              h(
                "thead",
                {},
                h("tr", {}, [t("progress.code"), t("progress.project"), t("progress.expected"), t("progress.status"), t("progress.done"), t("progress.narrative"), t("progress.spent"), t("progress.kpiActuals"), ""].map((t) => h("th", {}, t))),
              ),
              h("tbody", {}, report.projects.map((p) => row(p, year, refresh))),
            ),
          ),
    );
  };
  await refresh();
  const el = h(
    "div",
    { class: "screen progress", "data-testid": "progress" },
    h(
      "div",
      { class: "screen-head row" },
      h("h1", {}, t("progress.yearlyProgress")),
      h("div", { class: "spacer" }),
      h("label", { class: "check" }, t("progress.year2"), picker),
      h(
        "button",
        {
          title: t("progress.theAnnualProgressReportOf"),
          onclick: async () => {
            const folder = await chooseFolder(t("progress.folderForTheAnnualReport"));
            if (!folder) return;
            const files = await api.writeAnnualReport({ kind: "city", value: overview.city.id }, year, folder);
            toast(t("progress.written", { value: files.map((f) => f.split(/[\\/]/).pop()).join(", ") }));
          },
        },
        t("progress.writeTheAnnualReport"),
      ),
    ),
    h(
      "p",
      { class: "hint" },
      t("progress.whatTheCityReportsAt"),
    ),
    body,
  );
  return { el };
}
