// A modal question with two answers, drawn by the app (no native dialog needed).
import { h } from "../dom";

export function confirmDialog(
  title: string,
  message: string,
  confirmLabel: string,
  cancelLabel = "Cancel",
): Promise<boolean> {
  return new Promise((resolve) => {
    const close = (answer: boolean) => {
      backdrop.remove();
      document.removeEventListener("keydown", onKey, true);
      resolve(answer);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        event.preventDefault();
        event.stopPropagation();
        close(false);
      }
    };
    const confirmButton = h(
      "button",
      { class: "danger", "data-testid": "dialog-confirm", onclick: () => close(true) },
      confirmLabel,
    );
    const backdrop = h(
      "div",
      { class: "backdrop" },
      h(
        "div",
        { class: "dialog", role: "alertdialog", "aria-modal": "true", "aria-label": title },
        h("h2", {}, title),
        h("p", {}, message),
        h(
          "div",
          { class: "dialog-buttons" },
          h("button", { "data-testid": "dialog-cancel", onclick: () => close(false) }, cancelLabel),
          confirmButton,
        ),
      ),
    );
    document.addEventListener("keydown", onKey, true);
    document.body.appendChild(backdrop);
    confirmButton.focus();
  });
}
