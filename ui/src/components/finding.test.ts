import { describe, expect, it } from "vitest";
import type { Finding } from "../api/bindings/Finding";
import { initLanguage, setLanguage } from "../i18n";
import { findingText } from "./finding";

const missingEnd: Finding = {
  severity: "error",
  rule: "project_without_years",
  message: "BI-01 Flood sensors has no end year yet.",
  project: "BI-01",
  field: "end_year",
  focus_area: null,
  values: { title: "Flood sensors" },
};

describe("a readiness finding", () => {
  it("is worded in the interface's language from its rule and values, as the core words it in English", async () => {
    await initLanguage();
    await setLanguage("en");
    expect(findingText(missingEnd)).toBe(missingEnd.message);
    await setLanguage("th");
    expect(findingText(missingEnd)).toBe("BI-01 Flood sensors ยังไม่มีปีสิ้นสุด");
    expect(findingText({ ...missingEnd, field: "start_year" })).toBe("BI-01 Flood sensors ยังไม่มีปีเริ่ม");
    await setLanguage("en");
  });
});
