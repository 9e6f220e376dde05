import { describe, expect, it } from "vitest";
import { initLanguage, setLanguage } from "../i18n";
import { editLabel } from "./history";

describe("an edit's label", () => {
  it("is worded in the interface's language from what the core says, its fields too", async () => {
    await initLanguage();
    const words = { key: "edits.editProject", values: { code: "BI-01", words: "end year, title (translation)", fields: "end_year,title_local" } };
    await setLanguage("en");
    expect(editLabel("Edit BI-01: end year, title (translation)", words)).toBe("Edit BI-01: end year, title (translation)");
    await setLanguage("vi");
    expect(editLabel("Edit BI-01: end year, title (translation)", words)).toBe("Sửa BI-01: năm kết thúc, tên (bản dịch)");
    // An edit made before the core said so keeps its English.
    expect(editLabel("Add project BI-02", null)).toBe("Add project BI-02");
    await setLanguage("en");
  });
});
