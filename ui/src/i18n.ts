// The interface's language. Every string comes from a catalog in ./locales (i18next; plurals by
// each language's own rules, through Intl.PluralRules). The language follows the system's on
// first start, can be changed in the status bar, and is remembered on this computer. Each
// catalog's `_meta` says whether a native speaker has reviewed it.
import i18next from "i18next";
import en from "./locales/en.json";
import id from "./locales/id.json";
import km from "./locales/km.json";
import ms from "./locales/ms.json";
import th from "./locales/th.json";
import vi from "./locales/vi.json";

type Catalog = typeof en;
const CATALOGS: Record<string, { _meta: Catalog["_meta"] }> = { en, id, ms, vi, th, km };

/** The languages the interface speaks, each named in itself. */
export const LANGUAGES: { code: string; name: string }[] = Object.entries(CATALOGS).map(([code, catalog]) => ({
  code,
  name: catalog._meta.language,
}));

const CHOSEN_KEY = "ascn.language";

/** The first of the system's languages the interface speaks, else English. */
export function systemLanguage(preferred: readonly string[]): string {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split(/[-_]/)[0];
    if (base in CATALOGS) return base;
  }
  return "en";
}

/** Loads the catalogs and picks the language: the one chosen before, else the system's. */
export function initLanguage(): void {
  const chosen = localStorage.getItem(CHOSEN_KEY);
  const language = chosen !== null && chosen in CATALOGS ? chosen : systemLanguage(navigator.languages ?? [navigator.language]);
  void i18next.init({
    lng: language,
    fallbackLng: "en",
    initAsync: false,
    resources: Object.fromEntries(Object.entries(CATALOGS).map(([code, catalog]) => [code, { translation: catalog }])),
    // Text goes into the page through text nodes (dom.ts), never as HTML.
    interpolation: { escapeValue: false },
  });
  document.documentElement.lang = language;
}

/** Remembers the language and switches to it; the caller draws the screen again. */
export function setLanguage(code: string): void {
  localStorage.setItem(CHOSEN_KEY, code);
  void i18next.changeLanguage(code);
  document.documentElement.lang = code;
}

export function language(): string {
  return i18next.language;
}

/** What the core says, in the interface's language: worded from the catalogs by its `key` and
 * `values` when the core keyed it, else (and for a key no catalog has) its `english`. */
export function worded(english: string, key: string | null | undefined, values: Record<string, unknown> = {}): string {
  return key ? t(key, { ...nestedWorded(values), defaultValue: english }) : english;
}

/** The values with each message the core nested in another worded too: a value `problem` in
 * English comes with `problem:key` and its own values as `problem:…` (`Says::nested`). */
function nestedWorded(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...values };
  for (const [name, value] of Object.entries(values)) {
    const key = values[`${name}:key`];
    if (name.includes(":") || typeof key !== "string" || typeof value !== "string") continue;
    const prefix = `${name}:`;
    const inner = Object.fromEntries(
      Object.entries(values)
        .filter(([n]) => n.startsWith(prefix) && n !== `${name}:key`)
        .map(([n, v]) => [n.slice(prefix.length), v]),
    );
    out[name] = worded(value, key, inner);
  }
  return out;
}

/** The text of `key` in the interface's language. */
export function t(key: string, options?: Record<string, unknown>): string {
  return options === undefined ? i18next.t(key) : i18next.t(key, options);
}
