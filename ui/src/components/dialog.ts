// Modal questions drawn by the app (no native dialog needed): yes or no, and a line of text.
import { h, type Child } from "../dom";

/** Shows a modal with `body` and two buttons; resolves with `answer()` or null on cancel. */
function modal<T>(
  title: string,
  body: Child[],
  confirm: { label: string; class: string },
  answer: () => T,
  focus: (confirmButton: HTMLButtonElement) => HTMLElement,
  cancelLabel = "Cancel",
): Promise<T | null> {
  return new Promise((resolve) => {
    const close = (value: T | null) => {
      backdrop.remove();
      document.removeEventListener("keydown", onKey, true);
      resolve(value);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        event.preventDefault();
        event.stopPropagation();
        close(null);
      }
    };
    const confirmButton = h(
      "button",
      { type: "submit", class: confirm.class, "data-testid": "dialog-confirm" },
      confirm.label,
    );
    const backdrop = h(
      "div",
      { class: "backdrop" },
      h(
        "form",
        {
          class: "dialog",
          role: "alertdialog",
          "aria-modal": "true",
          "aria-label": title,
          onsubmit: (e: Event) => {
            e.preventDefault();
            close(answer());
          },
        },
        h("h2", {}, title),
        body,
        h(
          "div",
          { class: "dialog-buttons" },
          h("button", { type: "button", "data-testid": "dialog-cancel", onclick: () => close(null) }, cancelLabel),
          confirmButton,
        ),
      ),
    );
    document.addEventListener("keydown", onKey, true);
    document.body.appendChild(backdrop);
    focus(confirmButton).focus();
  });
}

export async function confirmDialog(
  title: string,
  message: string,
  confirmLabel: string,
  cancelLabel = "Cancel",
): Promise<boolean> {
  const answer = await modal(
    title,
    [h("p", {}, message)],
    { label: confirmLabel, class: "danger" },
    () => true,
    (button) => button,
    cancelLabel,
  );
  return answer === true;
}

/** Asks for a line of text; null when cancelled. */
export function promptDialog(options: {
  title: string;
  message: string;
  placeholder?: string;
  value?: string;
  confirm: string;
}): Promise<string | null> {
  const input = h("input", {
    placeholder: options.placeholder ?? "",
    value: options.value ?? "",
    "data-testid": "dialog-input",
    maxlength: 1000,
  });
  return modal(
    options.title,
    [h("p", {}, options.message), input],
    { label: options.confirm, class: "primary" },
    () => input.value.trim(),
    () => input,
  );
}
