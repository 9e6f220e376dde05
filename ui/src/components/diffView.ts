// What changed between two versions of a plan, as the core's diff says: the plan's own fields,
// then projects added, removed and changed field by field.
import type { PlanDiff } from "../api/bindings/PlanDiff";
import { h } from "../dom";

/** Renders a diff: the plan's own fields, then projects added, removed and changed. */
export function diffView(diff: PlanDiff): HTMLElement {
  if (diff.plan.length + diff.added.length + diff.removed.length + diff.changed.length + diff.partners.length === 0) {
    return h("p", { class: "empty", "data-testid": "diff-empty" }, "The two versions hold the same plan.");
  }
  const changeTable = (changes: PlanDiff["plan"]) =>
    h(
      "table",
      { class: "grid diff-table" },
      h("thead", {}, h("tr", {}, h("th", {}, "Field"), h("th", {}, "Before"), h("th", {}, "After"))),
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
    diff.plan.length > 0 && [h("h2", {}, "The plan"), changeTable(diff.plan)],
    diff.added.length > 0 && [
      h("h2", {}, `Projects added (${diff.added.length})`),
      h("ul", { "data-testid": "diff-added" }, diff.added.map((p) => h("li", {}, `${p.code} ${p.title}`))),
    ],
    diff.removed.length > 0 && [
      h("h2", {}, `Projects removed (${diff.removed.length})`),
      h("ul", { "data-testid": "diff-removed" }, diff.removed.map((p) => h("li", {}, `${p.code} ${p.title}`))),
    ],
    diff.changed.length > 0 && [
      h("h2", {}, `Projects changed (${diff.changed.length})`),
      ...diff.changed.map((p) => h("div", { class: "card", "data-testid": "diff-changed" }, h("h3", {}, `${p.code} ${p.title}`), changeTable(p.changes))),
    ],
    diff.partners.length > 0 && [h("h2", {}, "Partners"), h("ul", {}, diff.partners.map((p) => h("li", {}, p)))],
  );
}
