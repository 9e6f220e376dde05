// Short messages at the bottom of the window, optionally with one action such as "Undo".
import { h } from "../dom";

let region: HTMLElement | null = null;

function ensureRegion(): HTMLElement {
  if (!region || !region.isConnected) {
    region = h("div", { class: "toasts", role: "status", "aria-live": "polite" });
    document.body.appendChild(region);
  }
  return region;
}

export interface ToastAction {
  label: string;
  run: () => void;
}

/** Shows `message` for `ms` milliseconds (longer when it offers an action). */
export function toast(
  message: string,
  options: { kind?: "info" | "error"; action?: ToastAction; ms?: number } = {},
): void {
  const { kind = "info", action, ms = action ? 8000 : 4000 } = options;
  const item = h(
    "div",
    { class: `toast toast-${kind}`, "data-testid": "toast" },
    h("span", {}, message),
    action &&
      h(
        "button",
        {
          class: "link",
          "data-testid": "toast-action",
          onclick: () => {
            item.remove();
            action.run();
          },
        },
        action.label,
      ),
  );
  ensureRegion().appendChild(item);
  setTimeout(() => item.remove(), ms);
}
