// Guided drafting, step by step as the Framework goes: context and challenges → vision → focus
// areas with rationale and outcomes → projects per focus area → partners and funding → KPIs →
// review. Every step edits the same plan as the other screens (through the same core commands,
// so the same validation and the same undo); the step is remembered in the plan, to resume.
import { api, errorText, isAppError } from "../api";
import { fieldErrorText } from "../components/fieldErrors";
import { findingText } from "../components/finding";
import { t } from "../i18n";
import type { PlanDraft } from "../api/bindings/PlanDraft";
import type { Project } from "../api/bindings/Project";
import type { ProjectDraft } from "../api/bindings/ProjectDraft";
import type { ProjectRow } from "../api/bindings/ProjectRow";
import type { FieldError } from "../api/bindings/FieldError";
import type { FundingSource } from "../api/bindings/FundingSource";
import type { PartnerKind } from "../api/bindings/PartnerKind";
import { toast } from "../components/toast";
import { setSaveStatus } from "../components/saveStatus";
import { debounce, h, replace } from "../dom";
import { go, type Screen } from "../router";
import { allProjects } from "../stores/filter";
import { draftOf, focusAreaName, formatMoney, localName, localScope, memberStateName, reference, session, setOverview } from "../stores/session";
import { localText } from "../components/localText";
import { emptyDraft, FUNDING_SOURCES, options, PARTNER_KINDS } from "./projectEditor";

/** The steps' names, read when shown (the interface's language may change). */
const STEP_KEYS = [
  "guide.stepContext",
  "guide.stepVision",
  "guide.stepFocusAreas",
  "guide.stepProjects",
  "guide.stepPartners",
  "guide.stepKpis",
  "guide.stepReview",
];
const STEPS = { get length() { return STEP_KEYS.length; }, name: (i: number) => t(STEP_KEYS[i]) };

/** The step shown when the screen is opened again in this run of the app. */
let remembered: number | null = null;

function labelled(label: string, input: HTMLElement): HTMLElement {
  return h("label", { class: "field" }, h("span", {}, label), input);
}


function problemsText(error: unknown): string {
  if (!isAppError(error)) return String(error);
  return error.fields.length > 0 ? error.fields.map((f: FieldError) => fieldErrorText(f)).join("; ") : errorText(error);
}

export async function guideScreen(): Promise<Screen> {
  const overview = session.overview;
  if (!overview) throw new Error("a plan is open");
  const planId = overview.plan.id;
  let step = remembered ?? Math.min(overview.plan.guide_step, STEPS.length - 1);
  const body = h("div", { class: "guide-body" });
  const tabs = h("ol", { class: "guide-steps" });
  const message = h("p", { class: "field-error", role: "alert", "data-testid": "guide-error" });

  const planDraft = (): PlanDraft => draftOf(session.overview?.plan ?? overview.plan);
  const planLanguages = () => (session.overview?.plan ?? overview.plan).languages;
  /** Saves the plan with `change` applied; the field's message shows what the core refused. */
  const savePlan = async (change: (d: PlanDraft) => void) => {
    const draft = planDraft();
    const base = (session.overview ?? overview).plan.version;
    change(draft);
    setSaveStatus("saving");
    try {
      setOverview(await api.updatePlan(planId, draft, base));
      setSaveStatus("saved");
      replace(message);
    } catch (error) {
      setSaveStatus("failed", problemsText(error));
      replace(message, problemsText(error));
    }
  };
  /** Loads a project, changes it and saves it whole, as the editor does. */
  const editProject = async (id: number, change: (d: ProjectDraft) => void, done: string) => {
    const project: Project = await api.getProject(id);
    const draft: ProjectDraft = structuredClone(project);
    change(draft);
    try {
      await api.saveProject(planId, id, draft, project.version);
      setOverview(await api.planOverview(planId));
      replace(message);
      toast(done);
      await show(step);
    } catch (error) {
      replace(message, problemsText(error));
    }
  };

  const projectSelect = (rows: ProjectRow[], testid: string) =>
    h(
      "select",
      { "data-testid": testid, "aria-label": t("guide.project") },
      rows.map((r) => h("option", { value: String(r.id) }, `${r.code} ${r.title}`)),
    );
  const years = (): number[] => {
    const plan = session.overview?.plan ?? overview.plan;
    const list: number[] = [];
    for (let y = plan.period_start; y <= plan.period_end; y++) list.push(y);
    return list;
  };
  const yearSelect = (value: number, testid: string) =>
    h(
      "select",
      { "data-testid": testid },
      years().map((y) => h("option", { value: String(y), selected: y === value }, String(y))),
    );

  /** A narrative of the plan in English and its languages, saved as it is typed. */
  const planNarrative = (text: HTMLTextAreaElement, label: string, field: "context" | "vision") => {
    const both = localText(text, label, field, planDraft()[`${field}_local`], planLanguages());
    const saveSoon = debounce(
      () =>
        void savePlan((d) => {
          d[field] = both.english();
          d[`${field}_local`] = both.local();
        }),
      500,
    );
    both.el.addEventListener("input", saveSoon);
    both.el.addEventListener("change", () => saveSoon.flush());
    return both.el;
  };

  const stepContext = () => {
    const city = overview.city;
    const text = h("textarea", {
      rows: 8,
      value: planDraft().context,
      "data-testid": "guide-context",
      placeholder: t("guide.whereTheCityStandsToday"),
    });
    return [
      h(
        "p",
        { class: "hint" },
        `${city.name}, ${memberStateName(overview.member_state.iso3)}` +
          (city.population ? ` · ${t("guide.population", { population: formatMoney(city.population) })}` : "") +
          (city.officer ? ` · ${t("guide.officer", { name: city.officer })}` : ""),
      ),
      planNarrative(text, t("guide.theCitySContextAnd"), "context"),
    ];
  };

  const stepVision = () => {
    const text = h("textarea", {
      rows: 5,
      value: planDraft().vision,
      "data-testid": "guide-vision",
      placeholder: t("guide.whatTheCityWillBe", { period_end: planDraft().period_end }),
    });
    return [h("p", { class: "hint" }, t("guide.theVisionThePlanWorks")), planNarrative(text, t("guide.vision"), "vision")];
  };

  const stepAreas = () => {
    const ref = reference();
    const chosen = () => planDraft().focus_areas;
    return [
      h("p", { class: "hint" }, t("guide.chooseTheFocusAreasThe")),
      h(
        "div",
        { class: "guide-areas" },
        ref.focus_areas.map((area) => {
          const mine = chosen().find((c) => c.focus_area === area.code);
          const box = h("input", { type: "checkbox", checked: !!mine, "data-testid": `guide-area-${area.code}` });
          const why = h("textarea", {
            rows: 2,
            value: mine?.rationale ?? "",
            placeholder: t("guide.whyThisFocusAreaFor"),
            "data-testid": `guide-rationale-${area.code}`,
          });
          const whyText = localText(why, t("guide.whyThisFocusArea"), `why-${area.code}`, mine?.rationale_local, planLanguages());
          const outcomes = ref.strategic_outcomes.map((o) =>
            h("input", {
              type: "checkbox",
              value: o.code,
              checked: mine?.outcomes.includes(o.code) ?? false,
              "data-testid": `guide-outcome-${area.code}-${o.code}`,
            }),
          );
          const write = () =>
            void savePlan((d) => {
              const others = d.focus_areas.filter((c) => c.focus_area !== area.code);
              d.focus_areas = box.checked
                ? [
                    ...others,
                    {
                      focus_area: area.code,
                      rationale: whyText.english(),
                      rationale_local: whyText.local(),
                      outcomes: outcomes.filter((o) => o.checked).map((o) => o.value),
                    },
                  ]
                : others;
              // Keep the framework's order.
              d.focus_areas.sort(
                (a, b) =>
                  ref.focus_areas.findIndex((f) => f.code === a.focus_area) -
                  ref.focus_areas.findIndex((f) => f.code === b.focus_area),
              );
            });
          const writeSoon = debounce(write, 500);
          box.addEventListener("change", write);
          whyText.el.addEventListener("input", () => {
            if (!box.checked) box.checked = true;
            writeSoon();
          });
          for (const o of outcomes) {
            o.addEventListener("change", () => {
              if (!box.checked) box.checked = true;
              write();
            });
          }
          return h(
            "div",
            { class: "card guide-area" },
            h("label", { class: "check", title: area.name }, box, h("strong", {}, ` ${localName(area)}`)),
            h("p", { class: "hint", title: area.scope }, localScope(area)),
            whyText.el,
            h(
              "div",
              { class: "check-group" },
              ref.strategic_outcomes.map((o, i) => h("label", { class: "check" }, outcomes[i], ` ${o.name}`)),
            ),
          );
        }),
      ),
    ];
  };

  const stepProjects = async () => {
    const rows = await api.listProjects(planId, allProjects());
    const plan = planDraft();
    if (plan.focus_areas.length === 0) {
      return [h("p", {}, t("guide.chooseThePlanSFocus"))];
    }
    const ref = reference();
    const area = h(
      "select",
      { "data-testid": "guide-project-area" },
      plan.focus_areas.map((c) => h("option", { value: c.focus_area }, focusAreaName(c.focus_area))),
    );
    const sector = h("select", { "data-testid": "guide-project-sector" });
    const fillSectors = () =>
      replace(
        sector,
        ref.sectors.filter((s) => s.focus_area === area.value).map((s) => h("option", { value: s.code, title: s.name }, localName(s))),
      );
    area.addEventListener("change", fillSectors);
    fillSectors();
    const title = h("input", { placeholder: t("guide.titleOfTheProject"), "data-testid": "guide-project-title" });
    const lead = h("input", { placeholder: t("guide.eGDepartmentOfTransport"), "data-testid": "guide-project-lead" });
    const start = yearSelect(plan.period_start, "guide-project-start");
    const end = yearSelect(plan.period_end, "guide-project-end");
    const add = async () => {
      const chosen = plan.focus_areas.find((c) => c.focus_area === area.value);
      const draft: ProjectDraft = {
        ...emptyDraft(),
        title: title.value,
        primary_focus_area: area.value,
        sectors: sector.value ? [sector.value] : [],
        outcomes: chosen?.outcomes ?? [],
        start_year: Number(start.value),
        end_year: Number(end.value),
        lead_agency: lead.value,
      };
      try {
        const saved = await api.saveProject(planId, null, draft);
        setOverview(await api.planOverview(planId));
        toast(t("guide.added", { code: saved.code, title: saved.title }));
        await show(step);
      } catch (error) {
        replace(message, problemsText(error));
      }
    };
    return [
      h("p", { class: "hint" }, t("guide.theProjectsActionLinesOf")),
      plan.focus_areas.map((c) => {
        const own = rows.filter((r) => r.primary_focus_area === c.focus_area);
        return h(
          "div",
          { class: "guide-group" },
          h("h3", {}, focusAreaName(c.focus_area), h("span", { class: "hint" }, ` · ${t("guide.projectCount", { count: own.length })}`)),
          h(
            "ul",
            { class: "guide-list" },
            own.map((r) =>
              h(
                "li",
                {},
                h("button", { class: "link", onclick: () => void go({ name: "project", id: r.id }) }, `${r.code} ${r.title}`),
                h("span", { class: "hint" }, ` ${r.start_year}–${r.end_year} · ${r.lead_agency || "no lead agency yet"}`),
              ),
            ),
          ),
        );
      }),
      h(
        "form",
        {
          class: "card guide-form",
          onsubmit: (e: Event) => {
            e.preventDefault();
            void add();
          },
        },
        h("h3", {}, t("guide.addAProject")),
        h(
          "div",
          { class: "row wrap" },
          labelled(t("guide.title"), title),
          labelled(t("guide.focusArea"), area),
          labelled(t("guide.sector"), sector),
          labelled(t("guide.from"), start),
          labelled(t("guide.to"), end),
          labelled(t("guide.leadAgency"), lead),
        ),
        h("button", { class: "primary", type: "submit", "data-testid": "guide-project-add" }, t("guide.addTheProject")),
      ),
    ];
  };

  const stepFunding = async () => {
    const rows = await api.listProjects(planId, allProjects());
    const partners = await api.listPartners(planId);
    const kind = h("select", { "data-testid": "guide-partner-kind" }, options(PARTNER_KINDS, "private_sector"));
    const name = h("input", { placeholder: t("guide.nameOfThePartner"), "data-testid": "guide-partner-name" });
    const country = h("input", { placeholder: t("guide.countryOptional") });
    const addPartner = async () => {
      try {
        await api.addPartner(planId, { kind: kind.value as PartnerKind, name: name.value, name_local: {}, country: country.value.trim() || null });
        toast(t("guide.addedThePartner", { value: name.value }));
        await show(step);
      } catch (error) {
        replace(message, problemsText(error));
      }
    };
    const partnerForm = h(
      "form",
      {
        class: "card guide-form",
        onsubmit: (e: Event) => {
          e.preventDefault();
          void addPartner();
        },
      },
      h("h3", {}, t("guide.partners")),
      h("p", { class: "hint" }, t("guide.privateSectorSolutionProvidersThe")),
      h(
        "ul",
        { class: "guide-list", "data-testid": "guide-partners" },
        partners.map((p) => h("li", {}, p.name, h("span", { class: "hint" }, ` · ${PARTNER_KINDS.find((k) => k.value === p.kind)?.label ?? p.kind}`))),
      ),
      h("div", { class: "row wrap" }, labelled(t("guide.kind"), kind), labelled(t("guide.name"), name), labelled(t("guide.country"), country)),
      h("button", { type: "submit", "data-testid": "guide-partner-add" }, t("guide.addThePartner")),
    );
    if (rows.length === 0) return [partnerForm, h("p", {}, t("guide.addProjectsFirstStep4"))];
    const project = projectSelect(rows, "guide-funding-project");
    const source = h("select", { "data-testid": "guide-funding-source" }, options(FUNDING_SOURCES, "city_budget"));
    const partner = h(
      "select",
      { "data-testid": "guide-funding-partner" },
      h("option", { value: "" }, "—"),
      partners.map((p) => h("option", { value: String(p.id) }, p.name)),
    );
    const amount = h("input", { type: "number", min: 0, step: "any", placeholder: t("guide.amount"), "data-testid": "guide-funding-amount" });
    const currency = h("input", { value: "USD", maxlength: 3, size: 4, "aria-label": t("guide.currency") });
    const addFunding = () => {
      const id = Number(project.value);
      const row = rows.find((r) => r.id === id);
      void editProject(
        id,
        (d) =>
          d.funding.push({
            source: source.value as FundingSource,
            partner_id: partner.value ? Number(partner.value) : null,
            amount: Number(amount.value),
            currency: currency.value.trim().toUpperCase(),
            start_year: row?.start_year ?? d.start_year ?? planDraft().period_start,
            end_year: row?.end_year ?? d.end_year ?? planDraft().period_end,
            status: "pipeline",
          }),
        t("guide.fundingAddedTo", { code: row?.code ?? t("guide.theProject") }),
      );
    };
    return [
      partnerForm,
      h(
        "form",
        {
          class: "card guide-form",
          onsubmit: (e: Event) => {
            e.preventDefault();
            addFunding();
          },
        },
        h("h3", {}, t("guide.funding")),
        h(
          "ul",
          { class: "guide-list" },
          rows.map((r) =>
            h("li", {}, `${r.code} ${r.title}: `, r.budget.length === 0 ? h("em", {}, t("guide.noFundingYet")) : r.budget.map((b) => `${b.currency} ${b.value.toLocaleString("en")}`).join(" + ")),
          ),
        ),
        h(
          "div",
          { class: "row wrap" },
          labelled(t("guide.project"), project),
          labelled(t("guide.source"), source),
          labelled(t("guide.partner"), partner),
          labelled(t("guide.amount"), amount),
          labelled(t("guide.currency"), currency),
        ),
        h("button", { type: "submit", "data-testid": "guide-funding-add" }, t("guide.addTheFundingLine")),
      ),
    ];
  };

  const stepKpis = async () => {
    const rows = await api.listProjects(planId, allProjects());
    if (rows.length === 0) return [h("p", {}, t("guide.addProjectsFirstStep42"))];
    const plan = planDraft();
    const project = projectSelect(rows, "guide-kpi-project");
    const name = h("input", { placeholder: t("guide.eGHouseholdsWithPiped"), "data-testid": "guide-kpi-name" });
    const unit = h("input", { placeholder: t("guide.kmHouseholds"), "data-testid": "guide-kpi-unit" });
    const baseYear = yearSelect(plan.period_start, "guide-kpi-byear");
    const baseValue = h("input", { type: "number", step: "any", "data-testid": "guide-kpi-bvalue" });
    const targetYear = yearSelect(plan.period_end, "guide-kpi-tyear");
    const targetValue = h("input", { type: "number", step: "any", "data-testid": "guide-kpi-tvalue" });
    const add = () => {
      const id = Number(project.value);
      void editProject(
        id,
        (d) =>
          d.kpis.push({
            name: name.value,
            standard_ref: null,
            unit: unit.value,
            baseline_year: Number(baseYear.value),
            baseline_value: Number(baseValue.value),
            targets: targetValue.value.trim() === "" ? [] : [{ year: Number(targetYear.value), value: Number(targetValue.value) }],
            actuals: [],
          }),
        t("guide.kpiAddedTo", { code: rows.find((r) => r.id === id)?.code ?? t("guide.theProject") }),
      );
    };
    return [
      h("p", { class: "hint" }, t("guide.howEachProjectSProgress")),
      h(
        "form",
        {
          class: "card guide-form",
          onsubmit: (e: Event) => {
            e.preventDefault();
            add();
          },
        },
        h(
          "div",
          { class: "row wrap" },
          labelled(t("guide.project"), project),
          labelled(t("guide.indicator"), name),
          labelled(t("guide.unit"), unit),
          labelled(t("guide.baselineYear"), baseYear),
          labelled(t("guide.baseline"), baseValue),
          labelled(t("guide.targetYear"), targetYear),
          labelled(t("guide.target"), targetValue),
        ),
        h("button", { type: "submit", "data-testid": "guide-kpi-add" }, t("guide.addTheKpi")),
      ),
    ];
  };

  const stepReview = async () => {
    const findings = await api.readiness(planId);
    const errors = findings.filter((f) => f.severity === "error").length;
    const o = session.overview ?? overview;
    return [
      h(
        "p",
        { class: "lead", "data-testid": "guide-review-summary" },
        `${t("count.projects", { count: o.project_count })}, ${t("count.partners", { count: o.partner_count })}, ${t("count.kpis", { count: o.kpi_count })}. ` +
          (findings.length === 0 ? t("guide.readyToShare") : t("guide.toFixAndImprove", { errors, improve: findings.length - errors })),
      ),
      findings.length > 0 &&
        h(
          "ul",
          { class: "findings" },
          findings.map((f) => h("li", { class: `finding finding-${f.severity}` }, findingText(f))),
        ),
      h(
        "div",
        { class: "row" },
        h("button", { onclick: () => void go({ name: "readiness" }) }, t("guide.openTheReadinessCheck")),
        h("button", { onclick: () => void go({ name: "overview" }) }, t("guide.planOverview")),
      ),
    ];
  };

  const builders: (() => (HTMLElement | HTMLElement[] | false)[] | Promise<(HTMLElement | HTMLElement[] | false)[]>)[] = [
    stepContext,
    stepVision,
    stepAreas,
    stepProjects,
    stepFunding,
    stepKpis,
    stepReview,
  ];

  const back = h("button", { "data-testid": "guide-back", onclick: () => void show(step - 1) }, t("guide.back"));
  const next = h("button", { class: "primary", "data-testid": "guide-next", onclick: () => void show(step + 1) }, t("guide.next"));
  const heading = h("h2", { "data-testid": "guide-step-title" });

  async function show(i: number): Promise<void> {
    step = Math.max(0, Math.min(STEPS.length - 1, i));
    remembered = step;
    replace(
      tabs,
      STEP_KEYS.map((_, j) =>
        h(
          "li",
          { class: j === step ? "current" : "" },
          h("button", { class: "link", "data-testid": `guide-step-${j + 1}`, "aria-current": j === step ? "step" : undefined, onclick: () => void show(j) }, `${j + 1}. ${STEPS.name(j)}`),
        ),
      ),
    );
    replace(heading, t("guide.stepOf", { value: step + 1, count: STEPS.length, value2: STEPS.name(step) }));
    replace(message);
    replace(body, ...(await builders[step]()));
    back.disabled = step === 0;
    next.disabled = step === STEPS.length - 1;
    await api.setGuideStep(planId, step);
  }

  const el = h(
    "div",
    { class: "screen guide", "data-testid": "guide" },
    h("div", { class: "screen-head" }, h("h1", {}, t("guide.guidedDrafting")), h("p", { class: "lead" }, t("guide.theSmartCityActionPlan"))),
    tabs,
    heading,
    message,
    body,
    h("div", { class: "row guide-nav" }, back, next),
  );
  await show(step);
  return { el };
}
