// A readiness finding in the interface's language: the core says which rule and with what
// (`values`), and the catalog words it; the core's own English is the fallback.
import type { Finding } from "../api/bindings/Finding";
import type { ReadinessRule } from "../api/bindings/ReadinessRule";
import { worded } from "../i18n";

const KEYS: Record<ReadinessRule, string> = {
  no_focus_area_chosen: "finding.noFocusAreaChosen",
  focus_area_without_project: "finding.focusAreaWithoutProject",
  project_without_focus_area: "finding.projectWithoutFocusArea",
  project_without_outcome: "finding.projectWithoutOutcome",
  project_without_lead_agency: "finding.projectWithoutLeadAgency",
  project_outside_period: "finding.projectOutsidePeriod",
  project_without_years: "finding.projectWithoutStartYear",
  project_without_sector: "finding.projectWithoutSector",
  project_without_kpi: "finding.projectWithoutKpi",
  project_without_funding: "finding.projectWithoutFunding",
  bankable_without_cost: "finding.bankableWithoutCost",
  duplicate_code: "finding.duplicateCode",
  not_in_english: "finding.notInEnglishDescription",
};

/** Which of a rule's wordings a finding takes, by the field it is about. */
const BY_FIELD: Partial<Record<ReadinessRule, Record<string, string>>> = {
  project_without_years: { end_year: "finding.projectWithoutEndYear" },
  not_in_english: {
    vision: "finding.notInEnglishVision",
    context: "finding.notInEnglishContext",
    rationale: "finding.notInEnglishRationale",
    progress: "finding.notInEnglishProgress",
  },
};

/** The finding's message in the interface's language. */
export function findingText(f: Finding): string {
  const key = BY_FIELD[f.rule]?.[f.field ?? ""] ?? KEYS[f.rule];
  return worded(f.message, key, { ...f.values, project: f.project ?? "", area: f.focus_area ?? "" });
}
