// One project, edited in place. Every change is sent to the core, which validates and saves the
// whole project in one transaction; its field errors are shown under the inputs they name, and
// nothing is saved while any remains. A new project is stored once it first passes validation.
import { api, errorText, isAppError } from "../api";
import type { FieldError } from "../api/bindings/FieldError";
import type { FundingLine } from "../api/bindings/FundingLine";
import type { FundingSource } from "../api/bindings/FundingSource";
import type { FundingStatus } from "../api/bindings/FundingStatus";
import type { Geometry } from "../api/bindings/Geometry";
import type { Kpi } from "../api/bindings/Kpi";
import type { KpiTarget } from "../api/bindings/KpiTarget";
import type { Partner } from "../api/bindings/Partner";
import type { PartnerKind } from "../api/bindings/PartnerKind";
import type { ProjectDraft } from "../api/bindings/ProjectDraft";
import type { ProjectStatus } from "../api/bindings/ProjectStatus";
import { confirmDialog } from "../components/dialog";
import { clearFieldErrors, fieldErrorText, showFieldErrors } from "../components/fieldErrors";
import { setSaveStatus } from "../components/saveStatus";
import { toast } from "../components/toast";
import { languageName, localText, typedTexts } from "../components/localText";
import { t } from "../i18n";
import { debounce, h, replace } from "../dom";
import { go, type Screen } from "../router";
import { localName, PROJECT_STATUSES, reference, session, setOverview } from "../stores/session";

export const FUNDING_SOURCES: { value: FundingSource; label: string }[] = [
  { value: "city_budget", get label() { return t("projectEditor.cityBudget"); } },
  { value: "national_government", get label() { return t("projectEditor.nationalGovernment"); } },
  { value: "private_sector", get label() { return t("projectEditor.privateSector"); } },
  { value: "multilateral_bank", get label() { return t("projectEditor.multilateralBank"); } },
  { value: "external_partner", get label() { return t("projectEditor.externalPartner"); } },
  { value: "other", get label() { return t("projectEditor.other"); } },
];

export const PARTNER_KINDS: { value: PartnerKind; label: string }[] = [
  { value: "private_sector", get label() { return t("projectEditor.privateSectorSolutionProvider"); } },
  { value: "external_partner", get label() { return t("projectEditor.externalTwinningPartner"); } },
  { value: "multilateral_bank", get label() { return t("projectEditor.multilateralBank"); } },
  { value: "academic", get label() { return t("projectEditor.academic"); } },
  { value: "ngo", get label() { return t("projectEditor.ngo"); } },
  { value: "government", get label() { return t("projectEditor.government"); } },
];

const LOCATION_KINDS: Record<Geometry["type"], string> = {
  Point: "projectEditor.site",
  LineString: "projectEditor.route",
  Polygon: "projectEditor.area",
  MultiPolygon: "projectEditor.area",
};

export function options<T extends string>(list: { value: T; label: string }[], current: string) {
  return list.map((o) => h("option", { value: o.value, selected: o.value === current }, o.label));
}

function field(label: string, id: string, input: HTMLElement, path: string, extra = "") {
  input.id = id;
  input.dataset.field = path;
  return h("div", { class: `field ${extra}` }, h("label", { for: id }, label), input);
}

/** A number typed by the user, or an error naming the field when it is not one. */
function readNumber(input: HTMLInputElement, path: string, what: string, errors: FieldError[]): number {
  const text = input.value.trim();
  const value = Number(text);
  if (text === "" || !Number.isFinite(value)) {
    errors.push({ field: path, rule: "not_a_number", message: t("projectEditor.mustBeANumber", { what }) });
    return 0;
  }
  return value;
}

/** A year that may be left empty while drafting: empty is null, anything else must be a number. */
function readYear(input: HTMLInputElement, path: string, what: string, errors: FieldError[]): number | null {
  return input.value.trim() === "" ? null : readNumber(input, path, what, errors);
}

/** A new project: nothing known yet but what the planner types (years may come later). */
export function emptyDraft(): ProjectDraft {
  return {
    code: "",
    title: "",
    title_local: {},
    description: "",
    description_local: {},
    primary_focus_area: "",
    secondary_focus_areas: [],
    sectors: [],
    outcomes: [],
    sdgs: [],
    start_year: null,
    end_year: null,
    status: "planned",
    lead_agency: "",
    bankable: false,
    partners: [],
    funding: [],
    kpis: [],
    locations: [],
    progress: [],
  };
}

/** `focusField` (a `data-field` path such as `lead_agency`) is focused, e.g. from a readiness finding. */
export async function projectEditor(id: number | null, focusField?: string): Promise<Screen> {
  const overview = session.overview;
  if (!overview) throw new Error("a plan is open");
  const plan = overview.plan;
  const ref = reference();
  let projectId = id;
  const loaded = id === null ? null : await api.getProject(id);
  const initial = loaded ?? emptyDraft();
  /** The project's version this editor's text was built on: a save refuses a newer one. */
  let baseVersion: number | null = loaded?.version ?? null;
  let partners: Partner[] = await api.listPartners(plan.id);
  const planYears: number[] = [];
  for (let y = plan.period_start; y <= plan.period_end; y++) planYears.push(y);

  /** A row of one input per year of the plan, for a KPI's targets or actuals. */
  const yearRow = (path: string, label: string, values: KpiTarget[], attribute: string, what: string) =>
    h(
      "div",
      { class: "targets field", "data-field": path },
      h("span", { class: "targets-label" }, label),
      planYears.map((year) => {
        const value = values.find((t) => t.year === year);
        return h(
          "label",
          { class: "target" },
          h("span", {}, String(year)),
          h("input", {
            type: "number",
            step: "any",
            [attribute]: year,
            value: value ? String(value.value) : "",
            "aria-label": t("projectEditor.for", { what, year }),
          }),
        );
      }),
    );
  /** The filled-in inputs of a year row, read as year and value. */
  const yearValues = (row: HTMLElement, attribute: string, read: (input: HTMLInputElement, year: number) => number) =>
    [...row.querySelectorAll<HTMLInputElement>(`input[${attribute}]`)]
      .filter((input) => input.value.trim() !== "")
      .map((input) => {
        const year = Number(input.getAttribute(attribute));
        return { year, value: read(input, year) };
      });

  // ---- simple fields
  const code = h("input", { value: initial.code, placeholder: t("projectEditor.generatedEGBi03"), maxlength: 32 });
  const languages = plan.languages;
  const title = h("input", { id: "p-title", value: initial.title, autofocus: true, "data-testid": "title" });
  const titleText = localText(title, t("projectEditor.title"), "title", initial.title_local, languages);
  const description = h("textarea", { id: "p-description", rows: 3, value: initial.description, "data-testid": "description" });
  const descriptionText = localText(description, t("projectEditor.description"), "description", initial.description_local, languages);
  const primary = h(
    "select",
    { "data-testid": "primary-focus-area" },
    h("option", { value: "" }, t("projectEditor.choose")),
    ref.focus_areas.map((f) =>
      h("option", { value: f.code, selected: f.code === initial.primary_focus_area, title: f.name }, `${f.code} ${localName(f)}`),
    ),
  );
  const start = h("input", {
    type: "number",
    value: initial.start_year === null ? "" : String(initial.start_year),
    placeholder: t("projectEditor.notSetYet"),
    "data-testid": "start-year",
  });
  const end = h("input", {
    type: "number",
    value: initial.end_year === null ? "" : String(initial.end_year),
    placeholder: t("projectEditor.notSetYet"),
    "data-testid": "end-year",
  });
  const status = h("select", { "data-testid": "status" }, options(PROJECT_STATUSES, initial.status));
  const lead = h("input", { value: initial.lead_agency, placeholder: t("projectEditor.eGDepartmentOfTransport") });
  const bankable = h("input", { type: "checkbox", checked: initial.bankable });

  const checkGroup = (
    path: string,
    items: { value: string; label: string; english?: string; chip?: string }[],
    chosen: string[],
    testid: string,
  ) =>
    h(
      "div",
      { class: "check-group", "data-field": path, "data-testid": testid },
      items.map((item) =>
        h(
          "label",
          // The Framework's English name on hover, whatever the interface's language.
          { class: "check", title: item.english },
          h("input", { type: "checkbox", value: item.value, checked: chosen.includes(item.value) }),
          item.chip && h("span", { class: `fa-chip fa-${item.chip}` }, item.chip),
          item.label,
        ),
      ),
    );
  const checked = (group: HTMLElement) =>
    [...group.querySelectorAll<HTMLInputElement>("input[type=checkbox]:checked")].map((c) => c.value);

  const secondary = checkGroup(
    "secondary_focus_areas",
    ref.focus_areas.map((f) => ({ value: f.code, label: localName(f), english: f.name, chip: f.code })),
    initial.secondary_focus_areas,
    "secondary-focus-areas",
  );
  const sectors = checkGroup(
    "sectors",
    ref.sectors.map((s) => ({ value: s.code, label: localName(s), english: s.name, chip: s.focus_area })),
    initial.sectors,
    "sectors",
  );
  const outcomes = checkGroup(
    "outcomes",
    ref.strategic_outcomes.map((o) => ({ value: o.code, label: o.name })),
    initial.outcomes,
    "outcomes",
  );
  const sdgs = checkGroup(
    "sdgs",
    ref.sdgs.map((s) => ({ value: String(s.number), label: `${s.number} ${s.name}` })),
    initial.sdgs.map(String),
    "sdgs",
  );
  sdgs.classList.add("sdgs");

  // ---- partners
  const partnerList = h("div", { class: "check-group", "data-field": "partners" });
  const renderPartners = (chosen: number[]) =>
    replace(
      partnerList,
      partners.length === 0
        ? h("p", { class: "hint" }, t("projectEditor.noPartnersInThisPlan"))
        : partners.map((p) =>
            h(
              "label",
              { class: "check" },
              h("input", { type: "checkbox", value: String(p.id), checked: chosen.includes(p.id) }),
              p.name,
              h("span", { class: "hint" }, ` · ${PARTNER_KINDS.find((k) => k.value === p.kind)?.label ?? p.kind}`),
            ),
          ),
    );
  renderPartners(initial.partners);
  const newPartnerKind = h("select", { "aria-label": t("projectEditor.kindOfPartner") }, options(PARTNER_KINDS, "private_sector"));
  const newPartnerName = h("input", { placeholder: t("projectEditor.partnerName"), "aria-label": t("projectEditor.partnerName"), lang: "en" });
  const newPartnerLocal = languages.map((tag) => {
    const name = t("local.inLanguage", { field: t("projectEditor.partnerName"), language: languageName(tag) });
    return h("input", { placeholder: name, "aria-label": name, lang: tag, "data-testid": `new-partner-${tag}` });
  });
  const addPartner = async () => {
    const name = newPartnerName.value.trim();
    if (!name) {
      newPartnerName.focus();
      return;
    }
    const current = collect().draft;
    try {
      const partner = await api.addPartner(plan.id, {
        kind: newPartnerKind.value as PartnerKind,
        name,
        name_local: Object.fromEntries(
          newPartnerLocal.map((input) => [input.lang, input.value.trim()] as const).filter(([, text]) => text !== ""),
        ),
        country: null,
      });
      partners = await api.listPartners(plan.id);
      newPartnerName.value = "";
      for (const input of newPartnerLocal) input.value = "";
      renderPartners([...current.partners, partner.id]);
      renderFunding(current.funding);
      save();
    } catch (error) {
      toast(errorText(error), { kind: "error" });
    }
  };

  // ---- funding lines
  const fundingBody = h("div", { class: "rows", "data-field": "funding" });
  const renderFunding = (lines: FundingLine[]) =>
    replace(
      fundingBody,
      lines.length === 0 && h("p", { class: "hint" }, t("projectEditor.noFundingLinesYet")),
      lines.map((line, i) => {
        const p = `funding[${i}]`;
        return h(
          "div",
          { class: "row-editor funding-line", "data-index": i },
          field(t("projectEditor.source"), `${p}-source`, h("select", {}, options(FUNDING_SOURCES, line.source)), `${p}.source`),
          field(
            t("projectEditor.partner"),
            `${p}-partner`,
            h(
              "select",
              {},
              h("option", { value: "" }, "—"),
              partners.map((pt) => h("option", { value: String(pt.id), selected: pt.id === line.partner_id }, pt.name)),
            ),
            `${p}.partner_id`,
          ),
          field(t("projectEditor.amount"), `${p}-amount`, h("input", { type: "number", min: 0, step: "any", value: String(line.amount) }), `${p}.amount`),
          field(t("projectEditor.currency"), `${p}-currency`, h("input", { value: line.currency, maxlength: 3, size: 4 }), `${p}.currency`, "narrow"),
          field(t("projectEditor.from"), `${p}-start`, h("input", { type: "number", value: String(line.start_year) }), `${p}.start_year`, "narrow"),
          field(t("projectEditor.to"), `${p}-end`, h("input", { type: "number", value: String(line.end_year) }), `${p}.end_year`, "narrow"),
          field(
            t("projectEditor.status"),
            `${p}-status`,
            h("select", {}, options([{ value: "committed", label: t("projectEditor.committed") }, { value: "pipeline", label: t("projectEditor.pipeline") }], line.status)),
            `${p}.status`,
          ),
          h(
            "button",
            {
              class: "icon danger-text",
              title: t("projectEditor.removeThisFundingLine"),
              "aria-label": t("projectEditor.removeThisFundingLine"),
              onclick: () => {
                const current = collect().draft.funding;
                current.splice(i, 1);
                renderFunding(current);
                save();
              },
            },
            "✕",
          ),
        );
      }),
    );
  renderFunding(initial.funding);

  // ---- KPIs
  const kpiBody = h("div", { class: "rows", "data-field": "kpis" });
  const renderKpis = (kpis: Kpi[]) =>
    replace(
      kpiBody,
      kpis.length === 0 && h("p", { class: "hint" }, t("projectEditor.noKpisYet")),
      kpis.map((kpi, i) => {
        const p = `kpis[${i}]`;
        // The indicator's name as stored: what is in a language the plan no longer lists is kept.
        return h(
          "div",
          { class: "kpi", "data-index": i, "data-local": JSON.stringify(kpi.name_local ?? {}) },
          h(
            "div",
            { class: "row-editor" },
            h(
              "div",
              { class: "field wide" },
              localText(h("input", { id: `${p}-name`, value: kpi.name, "data-testid": `kpi-${i}-name` }), t("projectEditor.indicator"), `${p}.name`, kpi.name_local, languages).el,
            ),
            field(t("projectEditor.unit"), `${p}-unit`, h("input", { value: kpi.unit, placeholder: t("projectEditor.kmHHouseholds") }), `${p}.unit`),
            field(
              t("projectEditor.standard"),
              `${p}-standard`,
              h("input", { value: kpi.standard_ref ?? "", placeholder: t("projectEditor.eGIso371208") }),
              `${p}.standard_ref`,
            ),
            field(t("projectEditor.baselineYear"), `${p}-byear`, h("input", { type: "number", value: String(kpi.baseline_year) }), `${p}.baseline_year`, "narrow"),
            field(t("projectEditor.baseline"), `${p}-bvalue`, h("input", { type: "number", step: "any", value: String(kpi.baseline_value) }), `${p}.baseline_value`, "narrow"),
            h(
              "button",
              {
                class: "icon danger-text",
                title: t("projectEditor.removeThisKpi"),
                "aria-label": t("projectEditor.removeThisKpi"),
                onclick: () => {
                  const current = collect().draft.kpis;
                  current.splice(i, 1);
                  renderKpis(current);
                  save();
                },
              },
              "✕",
            ),
          ),
          yearRow(`${p}.targets`, "Targets", kpi.targets, "data-year", "Target"),
          yearRow(`${p}.actuals`, "Actuals", kpi.actuals, "data-actual-year", "Actual"),
        );
      }),
    );
  renderKpis(initial.kpis);

  /** Reads the form into a draft; `errors` lists values that are not even numbers. */
  function collect(): { draft: ProjectDraft; errors: FieldError[] } {
    const errors: FieldError[] = [];
    const funding: FundingLine[] = [...fundingBody.querySelectorAll<HTMLElement>(".funding-line")].map((row, i) => {
      const get = <T extends HTMLElement>(name: string) => row.querySelector<T>(`[data-field="funding[${i}].${name}"]`) as T;
      const partner = get<HTMLSelectElement>("partner_id").value;
      return {
        source: get<HTMLSelectElement>("source").value as FundingSource,
        partner_id: partner === "" ? null : Number(partner),
        amount: readNumber(get("amount"), `funding[${i}].amount`, t("projectEditor.theAmount"), errors),
        currency: get<HTMLInputElement>("currency").value.trim().toUpperCase(),
        start_year: readNumber(get("start_year"), `funding[${i}].start_year`, t("projectEditor.theYear"), errors),
        end_year: readNumber(get("end_year"), `funding[${i}].end_year`, t("projectEditor.theYear"), errors),
        status: get<HTMLSelectElement>("status").value as FundingStatus,
      };
    });
    const kpis: Kpi[] = [...kpiBody.querySelectorAll<HTMLElement>(".kpi")].map((row, i) => {
      const get = (name: string) => row.querySelector(`[data-field="kpis[${i}].${name}"]`) as HTMLInputElement;
      return {
        name: get("name").value,
        name_local: typedTexts(JSON.parse(row.dataset.local ?? "{}") as Record<string, string>, languages, [
          ...row.querySelectorAll<HTMLInputElement>(`[data-field^="kpis[${i}].name_local."]`),
        ]),
        unit: get("unit").value,
        standard_ref: get("standard_ref").value.trim() || null,
        baseline_year: readNumber(get("baseline_year"), `kpis[${i}].baseline_year`, t("projectEditor.theBaselineYear"), errors),
        baseline_value: readNumber(get("baseline_value"), `kpis[${i}].baseline_value`, t("projectEditor.theBaseline"), errors),
        targets: yearValues(row, "data-year", (input, year) =>
          readNumber(input, `kpis[${i}].targets`, t("projectEditor.theTarget", { year }), errors),
        ),
        actuals: yearValues(row, "data-actual-year", (input, year) =>
          readNumber(input, `kpis[${i}].actuals`, t("projectEditor.theActual", { year }), errors),
        ),
      };
    });
    const draft: ProjectDraft = {
      code: code.value.trim(),
      title: titleText.english(),
      title_local: titleText.local(),
      description: descriptionText.english(),
      description_local: descriptionText.local(),
      primary_focus_area: primary.value,
      secondary_focus_areas: checked(secondary),
      sectors: checked(sectors),
      outcomes: checked(outcomes),
      sdgs: checked(sdgs).map(Number),
      start_year: readYear(start, "start_year", t("projectEditor.theStartYear"), errors),
      end_year: readYear(end, "end_year", t("projectEditor.theEndYear"), errors),
      status: status.value as ProjectStatus,
      lead_agency: lead.value,
      bankable: bankable.checked,
      partners: checked(partnerList).map(Number),
      funding,
      kpis,
      // Places are edited on the map and progress on the progress screen; the editor keeps
      // them as they are.
      locations: initial.locations,
      progress: initial.progress,
    };
    return { draft, errors };
  }

  // ---- saving
  const heading = h("h1", { "data-testid": "editor-title" }, id === null ? t("projectEditor.newProject") : `${initial.code} ${initial.title}`);
  /** Fields the user has touched; a new project shows errors only for these until saved once. */
  const touched = new Set<string>();
  let dirty = false;
  /** A save was refused because the project changed elsewhere; the typing is kept. */
  let conflicted = false;
  let lastErrors: FieldError[] = [];
  let saving = Promise.resolve();

  const save = () => {
    saving = saving.then(async () => {
      const { draft, errors } = collect();
      const show = (list: FieldError[]) => {
        lastErrors = list;
        const visible =
          projectId === null ? list.filter((e) => touched.has(e.field.split(/[.[]/)[0])) : list;
        const unplaced = showFieldErrors(form, visible);
        setSaveStatus("invalid", list.map(fieldErrorText).join("; "));
        if (unplaced.length > 0) toast(unplaced.map(fieldErrorText).join("; "), { kind: "error" });
      };
      if (errors.length > 0) {
        show(errors);
        return;
      }
      setSaveStatus("saving");
      try {
        const saved = await api.saveProject(plan.id, projectId, draft, baseVersion);
        const created = projectId === null;
        projectId = saved.id;
        baseVersion = saved.version;
        dirty = false;
        lastErrors = [];
        clearFieldErrors(form);
        if (code.value.trim() === "") code.value = saved.code;
        replace(heading, `${saved.code} ${saved.title}`);
        setSaveStatus("saved");
        if (created) setOverview(await api.planOverview(plan.id));
      } catch (error) {
        if (isAppError(error) && error.code === "validation") show(error.fields);
        else if (isAppError(error) && error.code === "changed_elsewhere") {
          // The text stays as typed; the planner reloads when ready (and may copy it first).
          conflicted = true;
          lastErrors = [];
          clearFieldErrors(form);
          setSaveStatus("failed", t("projectEditor.changedElsewhere"));
          replace(
            conflict,
            h("span", {}, errorText(error)),
            h(
              "button",
              {
                "data-testid": "reload-project",
                onclick: () => {
                  dirty = false;
                  conflicted = false;
                  void go({ name: "project", id: projectId });
                },
              },
              t("projectEditor.reload"),
            ),
          );
          conflict.hidden = false;
        } else setSaveStatus("failed", errorText(error));
      }
    });
  };
  const saveSoon = debounce(save, 600);
  const conflict = h("div", { class: "conflict", role: "alert", "data-testid": "changed-elsewhere", hidden: true });

  const form = h(
    "div",
    { class: "screen editor", "data-testid": "project-editor" },
    h(
      "div",
      { class: "screen-head row" },
      h("button", { class: "subtle", onclick: () => void go({ name: "projects" }), title: t("projectEditor.backEscape") }, t("projectEditor.projects")),
      heading,
    ),
    conflict,
    h(
      "div",
      { class: "card" },
      h("h2", {}, t("projectEditor.project")),
      h(
        "div",
        { class: "form-grid" },
        h("div", { class: "field wide" }, titleText.el),
        field(t("projectEditor.code"), "p-code", code, "code"),
        field(t("projectEditor.primaryFocusArea"), "p-primary", primary, "primary_focus_area"),
        field(t("projectEditor.startYear"), "p-start", start, "start_year"),
        field(t("projectEditor.endYear"), "p-end", end, "end_year"),
        field(t("projectEditor.status"), "p-status", status, "status"),
        field(t("projectEditor.leadAgency"), "p-lead", lead, "lead_agency"),
        h("div", { class: "field" }, h("label", { class: "check" }, bankable, t("projectEditor.bankableReadyToPutTo"))),
      ),
      descriptionText.el,
    ),
    h(
      "div",
      { class: "card" },
      h("h2", {}, t("projectEditor.framework")),
      h("div", { class: "field" }, h("h3", {}, t("projectEditor.alsoServesFocusAreas")), secondary),
      h("div", { class: "field" }, h("h3", {}, t("projectEditor.sectors")), sectors),
      h("div", { class: "field" }, h("h3", {}, t("projectEditor.strategicOutcomes")), outcomes),
      h("div", { class: "field" }, h("h3", {}, t("projectEditor.sustainableDevelopmentGoals")), sdgs),
    ),
    h(
      "div",
      { class: "card" },
      h("h2", {}, t("projectEditor.locations")),
      initial.locations.length === 0
        ? h("p", { class: "hint" }, t("projectEditor.noLocationYetPlaceThe"))
        : h(
            "ul",
            { class: "plain" },
            initial.locations.map((l) =>
              h("li", {}, `${l.name || t("projectEditor.unnamedPlace")} · ${t(LOCATION_KINDS[l.geometry.type])}`),
            ),
          ),
      h(
        "button",
        {
          "data-testid": "show-on-map",
          onclick: () => void go({ name: "map", project: projectId }),
        },
        t("projectEditor.showOnTheMap"),
      ),
    ),
    h(
      "div",
      { class: "card" },
      h("h2", {}, t("projectEditor.partners")),
      h("div", { class: "field" }, partnerList),
      h(
        "div",
        { class: "inline-form" },
        newPartnerKind,
        newPartnerName,
        newPartnerLocal,
        h("button", { onclick: () => void addPartner() }, t("projectEditor.addPartner")),
      ),
    ),
    h(
      "div",
      { class: "card" },
      h("h2", {}, t("projectEditor.funding")),
      fundingBody,
      h(
        "button",
        {
          onclick: () => {
            const current = collect().draft.funding;
            current.push({
              source: "city_budget",
              partner_id: null,
              amount: 0,
              currency: current[0]?.currency ?? "USD",
              start_year: Number(start.value) || plan.period_start,
              end_year: Number(end.value) || plan.period_end,
              status: "committed",
            });
            renderFunding(current);
          },
        },
        t("projectEditor.addFundingLine"),
      ),
    ),
    h(
      "div",
      { class: "card" },
      h("h2", {}, t("projectEditor.kpis")),
      kpiBody,
      h(
        "button",
        {
          onclick: () => {
            const current = collect().draft.kpis;
            current.push({
              name: "",
              unit: "",
              standard_ref: null,
              baseline_year: plan.period_start - 1,
              baseline_value: 0,
              targets: [],
              actuals: [],
            });
            renderKpis(current);
            kpiBody.querySelector<HTMLInputElement>(`[data-field="kpis[${current.length - 1}].name"]`)?.focus();
          },
        },
        t("projectEditor.addKpi"),
      ),
    ),
  );

  const markTouched = (event: Event) => {
    const target = (event.target as HTMLElement).closest<HTMLElement>("[data-field]");
    if (target?.dataset.field) touched.add(target.dataset.field.split(/[.[]/)[0]);
    dirty = true;
  };
  form.addEventListener("input", (event) => {
    markTouched(event);
    saveSoon();
  });
  form.addEventListener("change", (event) => {
    markTouched(event);
    saveSoon.cancel();
    save();
  });

  if (focusField) {
    // After the frame has mounted the screen and focused its default field.
    setTimeout(() => {
      const target = form.querySelector<HTMLElement>(`[data-field="${CSS.escape(focusField)}"]`);
      if (!target) return;
      target.scrollIntoView({ block: "center" });
      const input = target.matches("input, select, textarea")
        ? target
        : target.querySelector<HTMLElement>("input, select, textarea, button");
      input?.focus();
      target.classList.add("flash");
    }, 0);
  }

  return {
    el: form,
    isDirty: () => dirty || conflicted,
    leave: async () => {
      saveSoon.flush();
      await saving;
      if (dirty && conflicted) {
        return confirmDialog(
          t("projectEditor.leaveWithoutSaving"),
          t("projectEditor.thisProjectWasChangedElsewhere"),
          t("projectEditor.discardChanges"),
          t("projectEditor.keepEditing"),
        );
      }
      if (!dirty || lastErrors.length === 0) return true;
      return confirmDialog(
        t("projectEditor.leaveWithoutSaving"),
        t("projectEditor.thisProjectSLatestChanges", { value: lastErrors.map(fieldErrorText).join("; ") }),
        t("projectEditor.discardChanges"),
        t("projectEditor.keepEditing"),
      );
    },
    onKey: (event) => {
      if (event.key === "Escape" && !document.querySelector(".backdrop")) {
        void go({ name: "projects" });
        return true;
      }
      if (event.ctrlKey && event.key.toLowerCase() === "s") {
        saveSoon.cancel();
        for (const e of lastErrors) touched.add(e.field.split(/[.[]/)[0]);
        touched.add("title");
        touched.add("primary_focus_area");
        save();
        return true;
      }
      return false;
    },
  };
}
