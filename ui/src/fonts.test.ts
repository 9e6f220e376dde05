import { afterEach, describe, expect, it, vi } from "vitest";
import { loadFirstScreenFonts } from "./fonts";
import { LANGUAGES } from "./i18n";

describe("the first screen's fonts", () => {
  afterEach(() => vi.restoreAllMocks());

  it("loads the faces for every language's own name in the picker, regular, and the bold Latin", async () => {
    const asked: [string, string | undefined][] = [];
    Object.defineProperty(document, "fonts", {
      configurable: true,
      value: {
        load: (font: string, text?: string) => {
          asked.push([font, text]);
          return Promise.resolve([]);
        },
      },
    });
    await loadFirstScreenFonts();
    const regular = asked.find(([font]) => font.startsWith("400 "));
    expect(regular).toBeDefined();
    for (const { name } of LANGUAGES) expect(regular?.[1]).toContain(name);
    expect(asked.some(([font]) => font.startsWith("700 "))).toBe(true);
  });

  it("lets the screen be drawn when a face cannot be loaded", async () => {
    Object.defineProperty(document, "fonts", {
      configurable: true,
      value: { load: () => Promise.reject(new Error("no such face")) },
    });
    await expect(loadFirstScreenFonts()).resolves.toBeUndefined();
  });
});
