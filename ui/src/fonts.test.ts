import { afterEach, describe, expect, it, vi } from "vitest";
import { loadFirstScreenFonts } from "./fonts";
import { LANGUAGES } from "./i18n";
import { FIRST_SCREEN_FACES, preloadFirstScreenFaces } from "../vite.config";
import { readFileSync } from "node:fs";

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

describe("the faces the page's HTML asks for before its script runs", () => {
  /** The app's faces as styles.css declares them: file, weight and the characters each draws. */
  const css = readFileSync("src/styles.css", "utf8");
  const faces = [...css.matchAll(/@font-face\s*{([^}]*)}/g)].map(([, rule]) => ({
    file: /url\("[^"]*\/([^/"]+)\.(?:ttf|otf)"\)/.exec(rule)?.[1] ?? "",
    weight: /font-weight:\s*(\d+)/.exec(rule)?.[1] ?? "",
    ranges: (/unicode-range:\s*([^;]+);/.exec(rule)?.[1] ?? "")
      .split(",")
      .map((range) => range.trim().replace(/^U\+/, "").split("-").map((hex) => parseInt(hex, 16)))
      .filter(([from]) => !Number.isNaN(from)),
  }));
  const faceFor = (char: string, weight: string) => {
    const code = char.codePointAt(0) ?? 0;
    return faces.find((f) => f.weight === weight && f.ranges.some(([from, to = from]) => code >= from && code <= to))?.file;
  };

  it("are the faces of every language's own name and of the bold Latin", () => {
    const names = [...LANGUAGES.map((l) => l.name).join("")].filter((c) => c.trim() !== "");
    for (const char of names) expect(FIRST_SCREEN_FACES, `the face of "${char}"`).toContain(faceFor(char, "400"));
    expect(FIRST_SCREEN_FACES).toContain(faceFor("A", "700"));
  });

  it("are all in the build, else the build stops", () => {
    const plugin = preloadFirstScreenFaces();
    type Handler = (html: string, ctx: object) => { attrs: { href: string } }[];
    const handler = (plugin.transformIndexHtml as unknown as { handler: Handler }).handler;
    const built = (faces: string[]) => ({ bundle: Object.fromEntries(faces.map((face) => [`assets/${face}-x1.ttf`, {}])) });
    expect(handler("", built(FIRST_SCREEN_FACES)).map((tag) => tag.attrs.href)).toEqual(
      FIRST_SCREEN_FACES.map((face) => `/assets/${face}-x1.ttf`),
    );
    const [missing, ...others] = FIRST_SCREEN_FACES;
    expect(() => handler("", built(others))).toThrow(missing);
  });
});
