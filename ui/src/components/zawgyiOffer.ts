// Burmese typed or pasted in Zawgyi, the older font encoding, reads as garbled letters
// everywhere but in a Zawgyi font. The core tells Zawgyi from Unicode; this offers the
// conversion beside the field, and the user chooses.
import { api } from "../api";
import { t } from "../i18n";
import type { ZawgyiText } from "../api/bindings/ZawgyiText";
import { h } from "../dom";

type Field = HTMLInputElement | HTMLTextAreaElement;

/** Only text with letters of the Myanmar block is worth asking the core about. */
const MYANMAR = /[\u1000-\u109f]/;

/** The text the user chose to keep, per field, so it is not offered again. */
const kept = new WeakMap<Field, string>();
const offers = new WeakMap<Field, HTMLElement>();

function isTextField(target: EventTarget | null): target is Field {
  return (
    target instanceof HTMLTextAreaElement ||
    (target instanceof HTMLInputElement && ["text", "search", ""].includes(target.getAttribute("type") ?? ""))
  );
}

async function check(field: Field): Promise<void> {
  const text = field.value;
  if (!MYANMAR.test(text) || kept.get(field) === text) return;
  const unicode = await api.zawgyiToUnicode(text);
  // The field may have changed while the core looked.
  if (unicode === null || field.value !== text || !field.isConnected) return;
  offer(field, unicode);
}

function offer(field: Field, unicode: string): void {
  offers.get(field)?.remove();
  const close = () => {
    bar.remove();
    offers.delete(field);
  };
  const bar = h(
    "div",
    { class: "banner zawgyi-offer", role: "alert", "data-testid": "zawgyi-offer" },
    h("span", {}, t("zawgyiOffer.thisBurmeseTextLooksLike")),
    h("strong", { lang: "my", "data-testid": "zawgyi-unicode" }, unicode),
    ". ",
    h(
      "button",
      {
        class: "primary",
        "data-testid": "zawgyi-convert",
        onclick: (event: Event) => {
          event.preventDefault();
          close();
          field.value = unicode;
          // The screen saves as if the user had typed it.
          field.dispatchEvent(new Event("input", { bubbles: true }));
          field.dispatchEvent(new Event("change", { bubbles: true }));
          field.focus();
        },
      },
      t("zawgyiOffer.convertToUnicode"),
    ),
    " ",
    h(
      "button",
      {
        "data-testid": "zawgyi-keep",
        onclick: (event: Event) => {
          event.preventDefault();
          kept.set(field, field.value);
          close();
          field.focus();
        },
      },
      t("zawgyiOffer.keepAsTyped"),
    ),
  );
  offers.set(field, bar);
  field.insertAdjacentElement("afterend", bar);
}

/** Watches every text field of the app: a paste, or a change when the field is left. */
export function watchForZawgyi(): void {
  document.addEventListener(
    "paste",
    (event) => {
      const field = event.target;
      // The pasted text is in the field only after the event.
      if (isTextField(field)) setTimeout(() => void check(field), 0);
    },
    true,
  );
  document.addEventListener(
    "change",
    (event) => {
      if (isTextField(event.target)) void check(event.target);
    },
    true,
  );
}

/** "3 texts look like Burmese in Zawgyi, the older encoding": the start of every such notice. */
export function zawgyiFound(count: number): string {
  return t("zawgyiOffer.found", { count });
}

/** What an import's preview says of the texts it found in Zawgyi, with the user's choice. */
export function zawgyiNotice(found: ZawgyiText[], convert: HTMLInputElement): HTMLElement | false {
  return (
    found.length > 0 &&
    h(
      "div",
      { class: "banner", "data-testid": "import-zawgyi" },
      h(
        "p",
        {},
        `${zawgyiFound(found.length)}. ${t("zawgyiOffer.garbled")}`,
      ),
      h("label", {}, convert, t("zawgyiOffer.convertToUnicodeRecommended")),
      h(
        "ul",
        { class: "zawgyi-list" },
        found.slice(0, 5).map((z) => h("li", {}, h("code", {}, z.at), " ", z.text, " → ", h("span", { lang: "my" }, z.unicode))),
      ),
      found.length > 5 && h("p", { class: "hint" }, t("zawgyiOffer.andMore", { value: found.length - 5 })),
    )
  );
}
