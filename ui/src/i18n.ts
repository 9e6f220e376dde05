// The interface's language. Every string comes from a catalog in ./locales (i18next; plurals by
// each language's own rules, through Intl.PluralRules). The language follows the system's on
// first start, can be changed in the status bar, and is remembered on this computer. Each
// catalog's `_meta` says whether a native speaker has reviewed it.
import i18next from "i18next";
import en from "./locales/en.json";

type Catalog = typeof en;

/** The languages the interface speaks, each named in itself (as its catalog's `_meta` names it;
 * a test holds the two together). Only English, the fallback, is in the start-up script: the
 * others load when chosen, so the first screen waits for one catalog, not six. */
export const LANGUAGES: { code: string; name: string }[] = [
  { code: "en", name: "English" },
  { code: "id", name: "Bahasa Indonesia" },
  { code: "ms", name: "Bahasa Melayu" },
  { code: "vi", name: "Tiếng Việt" },
  { code: "th", name: "ไทย" },
  { code: "km", name: "ខ្មែរ" },
];

const CATALOGS = import.meta.glob<Catalog>(["./locales/*.json", "!./locales/en.json"], { import: "default" });

/** The catalog of `code`, loaded once. */
async function loadCatalog(code: string): Promise<void> {
  if (i18next.hasResourceBundle(code, "translation")) return;
  const load = CATALOGS[`./locales/${code}.json`];
  if (!load) return;
  try {
    i18next.addResourceBundle(code, "translation", await load());
  } catch {
    // A catalog that cannot be loaded leaves the interface in English, its fallback.
  }
}

const CHOSEN_KEY = "ascn.language";
const spoken = (code: string) => LANGUAGES.some((l) => l.code === code);

/** The first of the system's languages the interface speaks, else English. */
export function systemLanguage(preferred: readonly string[]): string {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split(/[-_]/)[0];
    if (spoken(base)) return base;
  }
  return "en";
}

/** Loads the catalogs and picks the language: the one chosen before, else the system's. */
export async function initLanguage(): Promise<void> {
  const chosen = localStorage.getItem(CHOSEN_KEY);
  const language = chosen !== null && spoken(chosen) ? chosen : systemLanguage(navigator.languages ?? [navigator.language]);
  await i18next.init({
    lng: "en",
    fallbackLng: "en",
    initAsync: false,
    resources: { en: { translation: en } },
    // Text goes into the page through text nodes (dom.ts), never as HTML.
    interpolation: { escapeValue: false },
  });
  await switchTo(language);
}

async function switchTo(code: string): Promise<void> {
  await loadCatalog(code);
  await i18next.changeLanguage(code);
  document.documentElement.lang = code;
}

/** Remembers the language and switches to it; the caller draws the screen again. */
export async function setLanguage(code: string): Promise<void> {
  localStorage.setItem(CHOSEN_KEY, code);
  await switchTo(code);
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
