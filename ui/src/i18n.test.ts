// The catalogs against the code: every key the code uses is in every catalog (in each of the
// language's plural forms), every key of a catalog is used, and the catalogs hold the same keys.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import process from "node:process";
import { describe, expect, it } from "vitest";
import { LANGUAGES, systemLanguage } from "./i18n";

// Vitest runs in ui/.
const SRC = join(process.cwd(), "src");
const LOCALES = join(SRC, "locales");

type Tree = { [key: string]: string | Tree };

/** A catalog's keys, flattened (`nav.projects`), without `_meta`. */
function keys(tree: Tree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([k, v]) => {
    if (k === "_meta") return [];
    const path = prefix ? `${prefix}.${k}` : k;
    return typeof v === "string" ? [path] : keys(v, path);
  });
}

function catalog(code: string): Tree {
  return JSON.parse(readFileSync(join(LOCALES, `${code}.json`), "utf8")) as Tree;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "bindings" || name === "locales" ? [] : sources(path);
    return name.endsWith(".ts") && !name.endsWith(".test.ts") ? [readFileSync(path, "utf8")] : [];
  });
}

const code = sources(SRC).join("\n");
const PLURAL = /_(zero|one|two|few|many|other)$/;
const english = keys(catalog("en"));
/** A key without its plural form: `status.projects_one` → `status.projects`. */
const base = (key: string) => key.replace(PLURAL, "");

describe("the interface's catalogs", () => {
  it("have every key the code asks for", () => {
    const asked = [...code.matchAll(/\bt\(\s*"([^"]+)"/g)].map((m) => m[1]);
    expect(asked.length).toBeGreaterThan(20);
    const known = new Set(english.map(base));
    expect(asked.filter((key) => !known.has(key))).toEqual([]);
  });

  it("have no key the code does not use", () => {
    const literals = new Set([...code.matchAll(/"([a-z][A-Za-z0-9]*\.[A-Za-z0-9_]+)"/g)].map((m) => m[1]));
    // `validation.*` and `edits.*` are the core's messages, keyed by `says!`, and
    // `fieldNames.*` the fields they name: tests/catalogs.rs holds them to the core.
    const core = (key: string) => ["validation.", "edits.", "fieldNames.", "errors."].some((ns) => key.startsWith(ns));
    expect([...new Set(english.map(base))].filter((key) => !core(key) && !literals.has(key))).toEqual([]);
  });

  for (const { code: language } of LANGUAGES.filter((l) => l.code !== "en")) {
    it(`in ${language} have exactly the keys of English, in the language's plural forms`, () => {
      const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
      const wanted = new Set(
        [...new Set(english.map(base))].flatMap((key) =>
          english.some((k) => k !== key && base(k) === key) ? categories.map((c) => `${key}_${c}`) : [key],
        ),
      );
      const found = keys(catalog(language));
      expect(found.filter((k) => !wanted.has(k))).toEqual([]);
      expect([...wanted].filter((k) => !found.includes(k))).toEqual([]);
      const meta = (catalog(language)._meta ?? {}) as Tree;
      expect(["needed", "reviewed"]).toContain(meta.review);
    });
  }

  it("are the languages offered, each named as its catalog names itself", () => {
    const files = readdirSync(LOCALES)
      .filter((name) => name.endsWith(".json"))
      .map((name) => name.replace(/\.json$/, ""));
    expect(LANGUAGES.map((l) => l.code).sort()).toEqual(files.sort());
    for (const { code: language, name } of LANGUAGES) {
      expect(((catalog(language)._meta ?? {}) as Tree).language).toBe(name);
    }
  });

  it("follow the system's language when they have it, else English", () => {
    expect(systemLanguage(["th-TH", "en-US"])).toBe("th");
    expect(systemLanguage(["fr-FR", "vi"])).toBe("vi");
    expect(systemLanguage(["de-DE"])).toBe("en");
    expect(LANGUAGES.length).toBeGreaterThanOrEqual(6);
  });
});
