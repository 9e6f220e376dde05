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
        ready: Promise.resolve(),
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
      value: { load: () => Promise.reject(new Error("no such face")), ready: Promise.resolve() },
    });
    await expect(loadFirstScreenFonts()).resolves.toBeUndefined();
  });

  it("waits for every face still loading, not only the first one load() gave", async () => {
    let settle = () => {};
    const ready = new Promise<void>((resolve) => (settle = resolve));
    Object.defineProperty(document, "fonts", {
      configurable: true,
      value: { load: () => Promise.resolve([]), ready },
    });
    let done = false;
    const loading = loadFirstScreenFonts().then(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(done).toBe(false);
    settle();
    await loading;
    expect(done).toBe(true);
  });

  it("draws the screen after a second when a face never finishes loading", async () => {
    vi.useFakeTimers();
    Object.defineProperty(document, "fonts", {
      configurable: true,
      value: { load: () => Promise.resolve([]), ready: new Promise(() => {}) },
    });
    const loading = loadFirstScreenFonts();
    await vi.advanceTimersByTimeAsync(1000);
    await expect(loading).resolves.toBeUndefined();
    vi.useRealTimers();
  });
});
