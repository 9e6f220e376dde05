// A narrative in English and in each of the plan's local languages, side by side: one input
// per language, each marked with its language (`lang`) so the webview shapes and breaks its
// script, and with the path of its translation (`title_local.km`) so the core's messages land
// under it. Which fields have translations and what they must hold is the core's.
import { t, language } from "../i18n";
import { h } from "../dom";

type Texts = { [key in string]?: string };

/** A language's name in the interface's language, with its own name beside: "Khmer (ខ្មែរ)". */
export function languageName(tag: string): string {
  const inUi = (() => {
    try {
      return new Intl.DisplayNames([language()], { type: "language" }).of(tag) ?? tag;
    } catch {
      return tag;
    }
  })();
  const own = (() => {
    try {
      return new Intl.DisplayNames([tag], { type: "language" }).of(tag) ?? tag;
    } catch {
      return tag;
    }
  })();
  return own === inUi || own === tag ? inUi : `${inUi} (${own})`;
}

/** The texts typed in `inputs` (each marked with its `lang`), empty ones left out, over the
 * `stored` texts in languages the plan no longer lists: those are kept, never dropped. */
export function typedTexts(
  stored: Texts | undefined,
  languages: string[],
  inputs: (HTMLInputElement | HTMLTextAreaElement)[],
): Record<string, string> {
  const kept = Object.entries(stored ?? {}).filter((e): e is [string, string] => !languages.includes(e[0]) && e[1] !== undefined);
  const typed = inputs.map((input) => [input.lang, input.value] as const).filter(([, text]) => text.trim() !== "");
  return Object.fromEntries([...kept, ...typed]);
}

export interface LocalText {
  /** The English input and one per language, side by side. */
  el: HTMLElement;
  /** The English text. */
  english(): string;
  /** The texts typed in the local languages, empty ones left out. */
  local(): Record<string, string>;
}

/**
 * `english` is the field's English input, already labelled and carrying its `data-field`; the
 * translations are made of the same kind of input under `${path}_local.<tag>`.
 */
export function localText(
  english: HTMLInputElement | HTMLTextAreaElement,
  label: string,
  path: string,
  values: Texts | undefined,
  languages: string[],
): LocalText {
  english.id ||= `${path}-en`;
  english.dataset.field = path;
  english.lang = "en";
  const inputs = languages.map((tag) => {
    const input = english.cloneNode(false) as HTMLInputElement | HTMLTextAreaElement;
    input.value = values?.[tag] ?? "";
    input.id = `${english.id}-${tag}`;
    input.lang = tag;
    input.dataset.field = `${path}_local.${tag}`;
    input.dataset.testid = `${english.dataset.testid ?? path}-${tag}`;
    input.removeAttribute("autofocus");
    input.removeAttribute("placeholder");
    return { tag, input };
  });
  const el = h(
    "div",
    { class: `bilingual${languages.length > 0 ? " with-local" : ""}` },
    h("div", { class: "field" }, h("label", { for: english.id }, languages.length > 0 ? t("local.inEnglish", { field: label }) : label), english),
    inputs.map(({ tag, input }) =>
      h("div", { class: "field" }, h("label", { for: input.id }, t("local.inLanguage", { field: label, language: languageName(tag) })), input),
    ),
  );
  return {
    el,
    english: () => english.value,
    local: () =>
      typedTexts(
        values,
        languages,
        inputs.map(({ input }) => input),
      ),
  };
}
