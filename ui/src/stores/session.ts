// What every screen shares: the framework reference and the plan that is open.
import { language, t } from "../i18n";
import type { PlanOverview } from "../api/bindings/PlanOverview";
import type { Reference } from "../api/bindings/Reference";
import type { ProjectStatus } from "../api/bindings/ProjectStatus";
import type { PlanStatus } from "../api/bindings/PlanStatus";
import type { Plan } from "../api/bindings/Plan";
import type { PlanDraft } from "../api/bindings/PlanDraft";

export const session: {
  reference: Reference | null;
  workspacePath: string;
  overview: PlanOverview | null;
} = { reference: null, workspacePath: "", overview: null };

const overviewListeners: ((overview: PlanOverview) => void)[] = [];

/** Sets the open plan's overview and tells whoever shows parts of it (e.g. the sidebar). */
export function setOverview(overview: PlanOverview): void {
  session.overview = overview;
  for (const listener of overviewListeners) listener(overview);
}

export function onOverviewChange(listener: (overview: PlanOverview) => void): void {
  overviewListeners.push(listener);
}

/** The folder holding the workspace file: where reports are offered to be written. */
export function workspaceFolder(): string {
  return session.workspacePath.replace(/[^/\\]*$/, "");
}

export function reference(): Reference {
  if (!session.reference) throw new Error("the reference is loaded at start");
  return session.reference;
}

/** A Framework name (focus area, sector, outcome) in the interface's language, else English. */
export function localName(item: { name: string; names: { [key in string]?: string } }): string {
  return item.names[language()] ?? item.name;
}

/** The editable part of a plan, as stored: what a screen changes a field of and saves. */
export function draftOf(plan: Plan): PlanDraft {
  return {
    period_start: plan.period_start,
    period_end: plan.period_end,
    context: plan.context,
    vision: plan.vision,
    languages: plan.languages,
    context_local: plan.context_local,
    vision_local: plan.vision_local,
    status: plan.status,
    focus_areas: plan.focus_areas,
  };
}

/** The languages plans of the network are written in besides English, from the member states. */
export function regionLanguages(): string[] {
  return [...new Set(reference().member_states.flatMap((m) => m.languages))];
}

/** A focus area's scope in the interface's language, else English. */
export function localScope(area: { scope: string; scopes: { [key in string]?: string } }): string {
  return area.scopes[language()] ?? area.scope;
}

export function focusAreaName(code: string): string {
  const area = reference().focus_areas.find((f) => f.code === code);
  return area ? localName(area) : code;
}

export function sectorName(code: string): string {
  const sector = reference().sectors.find((s) => s.code === code);
  return sector ? localName(sector) : code;
}

/** A member state's name in the interface's language (CLDR's, through Intl), else English. */
export function memberStateName(iso3: string): string {
  const state = reference().member_states.find((m) => m.iso3 === iso3);
  if (!state) return iso3;
  return regionName(state.iso2) ?? state.name;
}

function regionName(iso2: string): string | undefined {
  if (language() === "en") return undefined;
  try {
    return new Intl.DisplayNames([language()], { type: "region" }).of(iso2);
  } catch {
    return undefined;
  }
}

/** "Lao PDR" for "Lao People's Democratic Republic": where room is short. */
export function memberStateShortName(iso3: string): string {
  const state = reference().member_states.find((m) => m.iso3 === iso3);
  if (!state) return iso3;
  return regionName(state.iso2) ?? state.short_name;
}

/** A status with its label in the interface's language, read when shown. */
function labelled<T extends string>(value: T, key: string): { value: T; readonly label: string } {
  return {
    value,
    get label() {
      return t(key);
    },
  };
}

export const PROJECT_STATUSES: { value: ProjectStatus; readonly label: string }[] = [
  labelled("proposed", "projectStatus.proposed"),
  labelled("planned", "projectStatus.planned"),
  labelled("in_progress", "projectStatus.inProgress"),
  labelled("completed", "projectStatus.completed"),
  labelled("on_hold", "projectStatus.onHold"),
  labelled("cancelled", "projectStatus.cancelled"),
];

export const PLAN_STATUSES: { value: PlanStatus; readonly label: string }[] = [
  labelled("draft", "planStatus.draft"),
  labelled("submitted", "planStatus.submitted"),
  labelled("endorsed", "planStatus.endorsed"),
];

export function statusLabel(status: ProjectStatus): string {
  return PROJECT_STATUSES.find((s) => s.value === status)?.label ?? status;
}

/**
 * Numbers are written in the interface's language (grouping and decimal separator), else the
 * system's when it names one Intl knows (a system set to "C" or "POSIX" names none), else English.
 */
function numberLocale(): string {
  const chosen = language();
  if (cachedLocale === null || cachedLocale[0] !== chosen) {
    let locale = "en";
    try {
      const wanted = [chosen, typeof navigator === "undefined" ? undefined : navigator.language].filter(
        (tag): tag is string => typeof tag === "string" && tag !== "",
      );
      locale = Intl.NumberFormat.supportedLocalesOf(wanted)[0] ?? "en";
    } catch {
      // A tag Intl refuses: English.
    }
    cachedLocale = [chosen, locale];
  }
  return cachedLocale[1];
}
/** The interface's language and the number locale worked out for it. */
let cachedLocale: [string | undefined, string] | null = null;

function number(value: number, digits: number): string {
  return new Intl.NumberFormat(numberLocale(), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/** Formats money for people: 1234567 → "1,234,567" (in English). */
export function formatMoney(value: number): string {
  return number(Math.round(value), 0);
}

/**
 * Formats sums compactly, one way at every size, as the reports do: 9500 → "9,500",
 * 850000 → "850 K", 362650000 → "362.7 M", 2.5e9 → "2.5 B".
 */
export function formatCompact(value: number): string {
  const size = Math.abs(value);
  if (size >= 1e9) return `${number(value / 1e9, 1)} B`;
  if (size >= 1e6) return `${number(value / 1e6, 1)} M`;
  if (size >= 1e4) return `${number(value / 1e3, 0)} K`;
  return formatMoney(value);
}

/** A project's years as the core words them: `2019–2022`, `from 2027`, `until 2030`, `years not set`. */
export function yearsLabel(start: number | null, end: number | null): string {
  if (start !== null && end !== null) return `${start}–${end}`;
  if (start !== null) return t("years.from", { year: start });
  if (end !== null) return t("years.until", { year: end });
  return t("years.notSet");
}
