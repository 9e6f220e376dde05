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

describe("a field error in the interface's language", () => {
  it("is worded from the core's key and values, and in English as the core says it", async () => {
    const { initLanguage, setLanguage } = await import("../i18n");
    const { fieldErrorText } = await import("./fieldErrors");
    const late = {
      field: "end_year",
      rule: "outside_period" as const,
      message: "2031 is after the plan period 2018–2025",
      key: "validation.afterPeriod",
      values: { year: "2031", start: "2018", end: "2025" },
    };
    await initLanguage();
    await setLanguage("en");
    expect(fieldErrorText(late)).toBe(late.message);
    await setLanguage("vi");
    expect(fieldErrorText(late)).toBe("2031 nằm sau kỳ kế hoạch 2018–2025");
    // A message the core gives no key keeps its English.
    expect(fieldErrorText({ ...late, key: undefined, message: "is not valid JSON" })).toBe("is not valid JSON");
    await setLanguage("en");
  });
});

describe("a message the core says within another", () => {
  it("is worded in the interface's language at every depth", async () => {
    const { initLanguage, setLanguage } = await import("../i18n");
    const { fieldErrorText } = await import("./fieldErrors");
    // As the core says a self-crossing district outline (`of_feature` over `geometry::check`).
    const crossing = {
      field: "features[0].geometry",
      rule: "invalid_geometry" as const,
      message: "feature 1 (Bowtie): the outline crosses itself",
      key: "validation.inNamedFeature",
      values: {
        n: "1",
        name: "Bowtie",
        problem: "the outline crosses itself",
        "problem:key": "validation.ringCrossesItself",
        "problem:ring": "the outline",
        "problem:ring:key": "validation.theOutline",
      },
    };
    await initLanguage();
    await setLanguage("en");
    expect(fieldErrorText(crossing)).toBe(crossing.message);
    await setLanguage("vi");
    expect(fieldErrorText(crossing)).toBe("đối tượng 1 (Bowtie): đường bao tự cắt chính nó");
    await setLanguage("th");
    expect(fieldErrorText(crossing)).toBe("รายการที่ 1 (Bowtie): เส้นขอบ ตัดกันเอง");
    await setLanguage("en");
  });
});

describe("an error the core refuses an action with", () => {
  it("is worded in the interface's language when the core keyed it", async () => {
    const { initLanguage, setLanguage } = await import("../i18n");
    const { errorText } = await import("../api");
    const closed = {
      code: "conflict" as const,
      message: "the 2018–2025 plan is closed: only its final progress reports can still be written",
      fields: [],
      key: "errors.planClosed",
      values: { period: "2018–2025" },
    };
    await initLanguage();
    await setLanguage("en");
    expect(errorText(closed)).toBe(closed.message);
    await setLanguage("th");
    expect(errorText(closed)).toBe("แผน 2018–2025 ปิดแล้ว: เขียนได้เฉพาะรายงานความก้าวหน้าสุดท้าย");
    expect(errorText({ ...closed, key: undefined })).toBe(closed.message);
    await setLanguage("en");
  });
});

describe("where in a file an error is", () => {
  it("is said in the interface's language for a spreadsheet's places, and as it is for a path", async () => {
    const { initLanguage, setLanguage } = await import("../i18n");
    const { fieldPlace } = await import("./fieldErrors");
    await initLanguage();
    await setLanguage("th");
    expect(fieldPlace("row 3, 'Title'")).toBe("แถว 3, 'Title'");
    expect(fieldPlace("sheet 'Ongoing', row 12, 'City'")).toBe("ชีต 'Ongoing', แถว 12, 'City'");
    expect(fieldPlace("file")).toBe("ไฟล์");
    expect(fieldPlace("focus_areas[0].projects[1].code")).toBe("focus_areas[0].projects[1].code");
    await setLanguage("en");
    expect(fieldPlace("row 3")).toBe("row 3");
  });
});
