import { describe, expect, it } from "vitest";
import { h } from "../dom";
import { fieldPaths, showFieldErrors } from "./fieldErrors";

describe("fieldPaths", () => {
  it("walks from the exact field up to its enclosing lists", () => {
    expect(fieldPaths("kpis[0].targets[2].year")).toEqual([
      "kpis[0].targets[2].year",
      "kpis[0].targets[2]",
      "kpis[0].targets",
      "kpis[0]",
      "kpis",
    ]);
    expect(fieldPaths("end_year")).toEqual(["end_year"]);
  });
});

describe("showFieldErrors", () => {
  it("puts each message under its input, or under the nearest group, and marks it invalid", () => {
    const end = h("input", { "data-field": "end_year" });
    const sectors = h("div", { "data-field": "sectors" });
    const form = h("div", {}, h("div", { class: "field" }, end), h("div", { class: "field" }, sectors));
    const unplaced = showFieldErrors(form, [
      { field: "end_year", rule: "outside_period", message: "2031 is after the plan period 2018–2025" },
      { field: "sectors[1]", rule: "unknown", message: "'spaceports' is not a known sector" },
      { field: "partners[0]", rule: "unknown", message: "partner 9 is not a partner of this plan" },
    ]);
    expect(end.getAttribute("aria-invalid")).toBe("true");
    expect(form.querySelector('[data-error-for="end_year"]')?.textContent).toBe(
      "2031 is after the plan period 2018–2025",
    );
    expect(form.querySelector('[data-error-for="sectors[1]"]')).not.toBeNull();
    expect(unplaced.map((e) => e.field)).toEqual(["partners[0]"]);

    showFieldErrors(form, []);
    expect(form.querySelectorAll(".field-error")).toHaveLength(0);
    expect(end.hasAttribute("aria-invalid")).toBe(false);
  });
});
