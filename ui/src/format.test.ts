import { describe, expect, it } from "vitest";
import { formatCompact } from "./stores/session";

describe("amounts", () => {
  it("are written one way at every size, as the reports write them", () => {
    expect(formatCompact(1000)).toBe("1,000");
    expect(formatCompact(850000)).toBe("850 K");
    expect(formatCompact(18100000)).toBe("18.1 M");
    expect(formatCompact(2.5e9)).toBe("2.5 B");
  });
});

describe("numbers", () => {
  it("follow the interface's language: grouping and decimal separator", async () => {
    const { initLanguage, setLanguage } = await import("./i18n");
    await initLanguage();
    await setLanguage("vi");
    expect(formatCompact(1000)).toBe("1.000");
    expect(formatCompact(18100000)).toBe("18,1 M");
    await setLanguage("th");
    expect(formatCompact(1000)).toBe("1,000");
    await setLanguage("en");
    expect(formatCompact(18100000)).toBe("18.1 M");
  });
});
