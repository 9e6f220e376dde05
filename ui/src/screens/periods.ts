// Plan periods: the switcher in the top bar, the two periods side by side on the overview, the
// carry-over step that starts the next period's plan from the last one, and closing a period.
import { api, errorText, isAppError } from "../api";
import { t } from "../i18n";
import type { CarryCandidate } from "../api/bindings/CarryCandidate";
import type { CityPeriods } from "../api/bindings/CityPeriods";
import type { PeriodPlan } from "../api/bindings/PeriodPlan";
import type { PlanOverview } from "../api/bindings/PlanOverview";
import { promptDialog } from "../components/dialog";
import { showFieldErrors } from "../components/fieldErrors";
import { toast } from "../components/toast";
import { h, replace } from "../dom";
import { go, type Screen } from "../router";
import { formatCompact, localName, session, setOverview, statusLabel, workspaceFolder, yearsLabel } from "../stores/session";

/** `2026–2035`, as people write it. */
export function periodLabel(code: string): string {
  return code.replace("-", "–");
}

function failed(error: unknown): void {
  toast(errorText(error), { kind: "error" });
}

/**
 * Opens the city's plan of `period`; a period without a plan after one with a plan goes to the
 * carry-over step, a period without any plan before it starts empty.
 */
export async function switchPeriod(periods: PeriodPlan[], code: string): Promise<void> {
  const overview = session.overview;
  if (!overview) return;
  const target = periods.find((p) => p.period.code === code);
  const earlier = periods.some((p) => p.plan !== null && p.period.start_year < (target?.period.start_year ?? 0));
  if (target && target.plan === null && earlier) {
    await go({ name: "carry-over", period: code });
    return;
  }
  try {
    setOverview(await api.openPlan(overview.city.id, code));
    await go({ name: "overview" });
  } catch (error) {
    failed(error);
  }
}

/** The periods of the open plan's city, read once for the overview they are drawn with: the top
 * bar's switcher and the overview's card ask together. A changed plan has a new overview
 * (setOverview), so its periods are read again. */
let reading: { overview: PlanOverview; periods: Promise<CityPeriods> } | null = null;
function cityPeriods(overview: PlanOverview): Promise<CityPeriods> {
  if (reading?.overview !== overview) {
    const periods = api.cityPeriods(overview.city.id);
    // A read that failed is tried again by the next screen drawn.
    periods.catch(() => {
      if (reading?.periods === periods) reading = null;
    });
    reading = { overview, periods };
  }
  return reading.periods;
}

/** The period switcher of the top bar: filled once the city's periods are read. */
export function periodSwitch(): HTMLElement {
  const overview = session.overview;
  const select = h("select", {
    class: "period-switch",
    "data-testid": "period-switch",
    "aria-label": t("periods.planPeriod"),
    title: t("periods.planPeriod"),
  });
  if (!overview) return select;
  replace(select, h("option", { value: overview.plan.period }, periodLabel(overview.plan.period)));
  void cityPeriods(overview)
    .then(({ periods }) => {
      replace(
        select,
        periods.map((p) =>
          h(
            "option",
            { value: p.period.code, selected: p.period.code === overview.plan.period },
            `${periodLabel(p.period.code)}${p.plan === null ? ` (${t("periods.noPlanYet")})` : p.closed_on ? ` (${t("periods.closed")})` : ""}`,
          ),
        ),
      );
      select.onchange = () => void switchPeriod(periods, select.value);
    })
    .catch(failed);
  return select;
}

/** The city's periods side by side, projects and budget per focus area, with what can be done. */
export function periodsCard(): HTMLElement {
  const card = h("div", { class: "card periods", "data-testid": "periods" }, h("h2", {}, t("periods.planPeriods")));
  const overview = session.overview;
  if (!overview) return card;
  void cityPeriods(overview)
    .then((view) => replace(card, periodsContent(view)))
    .catch(failed);
  return card;
}

function periodsContent({ focus_areas: areas, periods }: CityPeriods): Node[] {
  const overview = session.overview;
  if (!overview) return [];
  const head = h(
    "tr",
    {},
    h("th", {}, t("periods.focusArea")),
    periods.map((p) =>
      h(
        "th",
        { colspan: 2, "data-period": p.period.code },
        periodLabel(p.period.code),
        p.closed_on && h("span", { class: "badge" }, t("periods.closed", { closed_on: p.closed_on })),
        p.current && h("span", { class: "badge badge-ok" }, "now"),
      ),
    ),
  );
  const sub = h(
    "tr",
    { class: "sub" },
    h("th", {}),
    periods.flatMap(() => [h("th", {}, t("periods.projects")), h("th", {}, t("periods.budget"))]),
  );
  const rows = areas.map((area, i) =>
    h(
      "tr",
      { "data-area": area.code },
      h("td", { title: area.name }, localName(area)),
      periods.flatMap((p) => {
        const cell = p.column?.areas[i];
        return [
          h("td", { class: "num", "data-testid": `period-${p.period.code}-${area.code}-projects` }, cell ? String(cell.projects) : "—"),
          h(
            "td",
            { class: "num" },
            cell && p.column?.currency ? `${p.column.currency} ${formatCompact(cell.budget)}` : "—",
          ),
        ];
      }),
    ),
  );
  const total = h(
    "tr",
    { class: "total" },
    h("td", {}, t("periods.allFocusAreas")),
    periods.flatMap((p) => [
      h("td", { class: "num", "data-testid": `period-${p.period.code}-projects` }, p.column ? String(p.column.projects) : "—"),
      h("td", { class: "num" }, p.column?.currency ? `${p.column.currency} ${formatCompact(p.column.budget)}` : "—"),
    ]),
  );
  const open = periods.find((p) => p.period.code === overview.plan.period);
  const next = periods.find((p) => p.period.start_year > (open?.period.end_year ?? 0));
  const actions = h(
    "div",
    { class: "form-actions" },
    next &&
      next.plan === null &&
      h(
        "button",
        {
          class: "primary",
          "data-testid": "start-next-period",
          onclick: () => void go({ name: "carry-over", period: next.period.code }),
        },
        t("periods.startFromThisPlan", { value: periodLabel(next.period.code) }),
      ),
    open &&
      open.plan !== null &&
      periods.some((p) => p.current && p.period.start_year > open.period.start_year) &&
      h(
        "button",
        {
          class: open.closed_on ? "subtle" : "danger",
          "data-testid": "close-period",
          onclick: () => void closePeriod(open),
        },
        open.closed_on ? t("periods.writeTheCloseOutReport") : t("periods.close", { value: periodLabel(open.period.code) }),
      ),
  );
  return [
    h("h2", {}, t("periods.planPeriods")),
    h("p", { class: "hint" }, t("periods.theCitySPlanOf")),
    h("div", { class: "table-wrap" }, h("table", { class: "grid periods-table" }, h("thead", {}, head, sub), h("tbody", {}, rows, total))),
    actions,
  ];
}

async function closePeriod(period: PeriodPlan): Promise<void> {
  if (period.plan === null) return;
  const already = period.closed_on !== null;
  const folder = await promptDialog({
    title: already ? t("periods.closeOutReport") : t("periods.close2", { value: periodLabel(period.period.code) }),
    message: already
      ? t("periods.theCloseOutReportIs")
      : t("periods.aClosedPlanTakesOnly"),
    placeholder: t("periods.folder"),
    value: workspaceFolder(),
    confirm: already ? t("periods.writeTheReport") : t("periods.closeThePeriod"),
  });
  if (!folder) return;
  try {
    const files = await api.closePeriod(period.plan, folder);
    toast(t("periods.closedWrote", { value: periodLabel(period.period.code), value2: files.map((f) => f.split(/[/\\]/).pop()).join(", ") }), { kind: "info" });
    if (session.overview) setOverview(await api.planOverview(session.overview.plan.id));
    await go({ name: "overview" });
  } catch (error) {
    failed(error);
  }
}

/** The carry-over step: each open project of the last plan, carried (years confirmed) or dropped. */
export async function carryOverScreen(period: string): Promise<Screen> {
  const overview = session.overview;
  if (!overview) throw new Error("a plan is open");
  const offer = await api.carryOver(overview.city.id, period);
  const rows = offer.candidates.map((c) => candidateRow(c, offer.to_period));
  // A later version of the Framework that maps the last plan's focus areas may be adopted.
  const framework = h(
    "select",
    { id: "carry-framework", "data-testid": "carry-framework" },
    offer.frameworks.map((f) =>
      h("option", { value: String(f.version), selected: f.version === overview.plan.framework_version }, t("periods.version", { name: f.name, version: f.version })),
    ),
  );
  const start = h(
    "button",
    { class: "primary", "data-testid": "carry-start" },
    t("periods.start", { value: periodLabel(offer.to_period) }),
  );
  const el = h(
    "div",
    { class: "screen carry-over", "data-testid": "carry-over" },
    h(
      "div",
      { class: "screen-head" },
      h("h1", {}, t("periods.startSPlanOf", { name: overview.city.name, value: periodLabel(offer.to_period) })),
      h(
        "p",
        { class: "lead" },
        t("periods.carryOverLead", { period: periodLabel(offer.from_period) }),
      ),
    ),
    h(
      "div",
      { class: "card" },
      h(
        "div",
        { class: "form-actions" },
        h("button", { class: "subtle", "data-testid": "carry-all", onclick: () => rows.forEach((r) => r.set(true)) }, t("periods.carryAll")),
        h("button", { class: "subtle", "data-testid": "drop-all", onclick: () => rows.forEach((r) => r.set(false)) }, t("periods.dropAll")),
      ),
      offer.frameworks.length > 1 &&
        h(
          "div",
          { class: "field" },
          h("label", { for: "carry-framework" }, t("periods.frameworkTheNewPlanIs")),
          framework,
        ),
      offer.candidates.length === 0
        ? h("p", { class: "empty" }, t("periods.everyProjectOfTheLast"))
        : h(
            "table",
            { class: "grid carry-table", "data-field": "choices" },
            h(
              "thead",
              {},
              h(
                "tr",
                {},
                [t("periods.code"), t("periods.project"), t("periods.lastReported"), t("periods.yearsThen"), t("periods.carry"), t("periods.drop"), t("periods.yearsInTheNewPeriod")].map((t) =>
                  h("th", {}, t),
                ),
              ),
            ),
            h(
              "tbody",
              {},
              rows.map((r) => r.el),
            ),
          ),
      h("div", { class: "form-actions" }, start),
    ),
  );
  start.onclick = () => {
    const missing = rows.filter((r) => r.choice() === null);
    if (missing.length > 0) {
      toast(t("periods.chooseCarryOrDropFor", { value: missing.map((r) => r.code).join(", ") }), { kind: "error" });
      return;
    }
    start.disabled = true;
    api
      .startPeriod(
        overview.city.id,
        offer.to_period,
        rows.map((r) => r.choice()).filter((c) => c !== null),
        Number(framework.value),
      )
      .then(async (started) => {
        setOverview(started);
        toast(t("periods.startedProjectsCarried", { value: periodLabel(offer.to_period), projects: t("count.projects", { count: started.project_count }) }), { kind: "info" });
        await go({ name: "overview" });
      })
      .catch((error: unknown) => {
        start.disabled = false;
        if (isAppError(error) && error.fields.length > 0) showFieldErrors(el, error.fields);
        failed(error);
      });
  };
  return { el };
}

function candidateRow(c: CarryCandidate, period: string) {
  const name = `carry-${c.code}`;
  const carry = h("input", { type: "radio", name, value: "carry", "data-testid": `carry-${c.code}` });
  const drop = h("input", { type: "radio", name, value: "drop", "data-testid": `drop-${c.code}` });
  const start = h("input", {
    type: "number",
    class: "year",
    value: c.proposed_start === null ? "" : String(c.proposed_start),
    placeholder: t("periods.notSet"),
    "aria-label": t("periods.firstYearIn", { code: c.code, value: periodLabel(period) }),
    "data-testid": `carry-start-${c.code}`,
  });
  const end = h("input", {
    type: "number",
    class: "year",
    value: c.proposed_end === null ? "" : String(c.proposed_end),
    placeholder: t("periods.notSet"),
    "aria-label": t("periods.lastYearIn", { code: c.code, value: periodLabel(period) }),
    "data-testid": `carry-end-${c.code}`,
  });
  const years = h("span", { class: "carry-years" }, start, " – ", end);
  const sync = () => {
    start.disabled = !carry.checked;
    end.disabled = !carry.checked;
  };
  carry.addEventListener("change", sync);
  drop.addEventListener("change", sync);
  sync();
  const el = h(
    "tr",
    { "data-testid": "carry-row", "data-code": c.code },
    h("td", {}, c.code),
    h("td", {}, c.title),
    h(
      "td",
      {},
      statusLabel(c.status),
      c.percent_complete !== null ? ` · ${c.percent_complete}%` : "",
    ),
    h("td", {}, yearsLabel(c.start_year, c.end_year)),
    h("td", {}, carry),
    h("td", {}, drop),
    h("td", {}, years),
  );
  return {
    el,
    code: c.code,
    set: (value: boolean) => {
      carry.checked = value;
      drop.checked = !value;
      sync();
    },
    choice: () =>
      carry.checked
        ? {
            project: c.project,
            carry: true,
            // Years still to be set stay so; the core checks those given.
            years:
              start.value.trim() && end.value.trim()
                ? ([Number(start.value), Number(end.value)] as [number, number])
                : null,
          }
        : drop.checked
          ? { project: c.project, carry: false, years: null }
          : null,
  };
}
