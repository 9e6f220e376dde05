// What changed between two versions of a plan, as the core's diff says: the plan's own fields,
// then projects added, removed and changed field by field.
import type { PlanDiff } from "../api/bindings/PlanDiff";
import { t } from "../i18n";
import { h } from "../dom";

/** The diff in one line, in the interface's language: "2 projects added, 1 project changed". */
export function diffSummary(diff: PlanDiff): string {
  const parts = [
    [diff.plan.length, "diffView.planFieldsChanged"],
    [diff.added.length, "diffView.added"],
    [diff.removed.length, "diffView.removed"],
    [diff.changed.length, "diffView.changed"],
    [diff.partners.length, "diffView.partnersChanged"],
  ] as const;
  const said = parts.filter(([count]) => count > 0).map(([count, key]) => t(key, { count }));
  return said.length > 0 ? said.join(", ") : t("diffView.noChanges");
}

/** Renders a diff: the plan's own fields, then projects added, removed and changed. */
export function diffView(diff: PlanDiff): HTMLElement {
  if (diff.plan.length + diff.added.length + diff.removed.length + diff.changed.length + diff.partners.length === 0) {
    return h("p", { class: "empty", "data-testid": "diff-empty" }, t("diffView.theTwoVersionsHoldThe"));
  }
  const changeTable = (changes: PlanDiff["plan"]) =>
    h(
      "table",
      { class: "grid diff-table" },
      h("thead", {}, h("tr", {}, h("th", {}, t("diffView.field")), h("th", {}, t("diffView.before")), h("th", {}, t("diffView.after")))),
      h(
        "tbody",
        {},
        changes.map((c) =>
          h("tr", {}, h("td", {}, c.field.replace(/_/g, " ")), h("td", { class: "diff-before" }, c.before), h("td", { class: "diff-after" }, c.after)),
        ),
      ),
    );
  return h(
    "div",
    { class: "diff", "data-testid": "diff" },
    diff.plan.length > 0 && [h("h2", {}, t("diffView.thePlan")), changeTable(diff.plan)],
    diff.added.length > 0 && [
      h("h2", {}, t("diffView.projectsAdded", { count: diff.added.length })),
      h("ul", { "data-testid": "diff-added" }, diff.added.map((p) => h("li", {}, `${p.code} ${p.title}`))),
    ],
    diff.removed.length > 0 && [
      h("h2", {}, t("diffView.projectsRemoved", { count: diff.removed.length })),
      h("ul", { "data-testid": "diff-removed" }, diff.removed.map((p) => h("li", {}, `${p.code} ${p.title}`))),
    ],
    diff.changed.length > 0 && [
      h("h2", {}, t("diffView.projectsChanged", { count: diff.changed.length })),
      ...diff.changed.map((p) => h("div", { class: "card", "data-testid": "diff-changed" }, h("h3", {}, `${p.code} ${p.title}`), changeTable(p.changes))),
    ],
    diff.partners.length > 0 && [h("h2", {}, t("diffView.partners")), h("ul", {}, diff.partners.map((p) => h("li", {}, p)))],
  );
}
