// About: the versions a support call asks for, the licences of what the app ships, where the
// workspace lives; and updates, from an address or a folder, checked only when the user asks
// (or turned on to check at start-up).
import { api, chooseFolder, isAppError } from "../api";
import type { UpdateOffer } from "../api/bindings/UpdateOffer";
import { h, replace } from "../dom";
import { confirmDialog } from "./dialog";

/** Where updates come from, and whether to look at start-up: this computer's choice. */
const SOURCE_KEY = "ascn.updates.source";
const AT_START_KEY = "ascn.updates.atStart";

function updateSource(): string {
  return localStorage.getItem(SOURCE_KEY) ?? "";
}

/** At start-up, when the user turned it on: a newer version is offered, nothing else is said. */
export async function checkForUpdateAtStart(): Promise<void> {
  if (localStorage.getItem(AT_START_KEY) !== "true" || updateSource() === "") return;
  try {
    const offer = await api.checkForUpdate(updateSource());
    if (offer) await offerUpdate(offer);
  } catch {
    // Offline at start-up is normal; the About dialog says what went wrong when asked.
  }
}

async function offerUpdate(offer: UpdateOffer): Promise<void> {
  const install = await confirmDialog(
    `Version ${offer.version} is available`,
    `You have ${offer.current_version}. Its installer was checked: it is signed with ASCN Action Planner's key. ${offer.notes ?? ""} The app restarts to finish; your work is saved.`,
    "Install and restart",
    "Not now",
  );
  if (install) await api.installUpdate();
}

export async function openAboutDialog(): Promise<void> {
  if (document.querySelector(".about-dialog")) return;
  const about = await api.about();
  const source = h("input", {
    value: updateSource(),
    placeholder: "https://… or a folder (a shared drive, a USB stick)",
    "aria-label": "Where updates come from",
    "data-testid": "update-source",
  });
  const atStart = h("input", { type: "checkbox", checked: localStorage.getItem(AT_START_KEY) === "true", "data-testid": "update-at-start" });
  atStart.addEventListener("change", () => localStorage.setItem(AT_START_KEY, String(atStart.checked)));
  const result = h("div", { "data-testid": "update-result", role: "status" });
  const check = async () => {
    localStorage.setItem(SOURCE_KEY, source.value.trim());
    replace(result, h("p", { class: "hint" }, "Checking…"));
    try {
      const offer = await api.checkForUpdate(source.value.trim());
      if (!offer) {
        replace(result, h("p", {}, `You have the latest version (${about.app_version}).`));
        return;
      }
      replace(
        result,
        h("p", {}, h("strong", {}, `Version ${offer.version} is available`), ` (you have ${offer.current_version}); its signature was checked.`),
        offer.notes && h("p", { class: "hint" }, offer.notes),
        h("button", { class: "primary", "data-testid": "update-install", onclick: () => void offerUpdate(offer) }, "Install and restart…"),
      );
    } catch (error) {
      replace(result, h("p", { class: "field-error", "data-testid": "update-error" }, isAppError(error) ? error.message : String(error)));
    }
  };
  const close = () => {
    backdrop.remove();
    document.removeEventListener("keydown", onKey, true);
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === "Escape" && !document.querySelector(".backdrop:not(.about-dialog)")) {
      e.stopPropagation();
      close();
    }
  };
  const row = (label: string, value: string, testid: string) =>
    h("tr", {}, h("th", { scope: "row" }, label), h("td", { "data-testid": testid }, value));
  const backdrop = h(
    "div",
    { class: "backdrop about-dialog" },
    h(
      "div",
      { class: "dialog wide", role: "dialog", "aria-label": "About ASCN Action Planner" },
      h("h2", {}, "ASCN Action Planner"),
      h(
        "table",
        { class: "grid" },
        h(
          "tbody",
          {},
          row("Version", about.app_version, "about-version"),
          row("Workspace format", `schema ${about.schema_version}`, "about-schema"),
          row("Plan file format", `ASCF plan file, version ${about.plan_file_version}`, "about-plan-file"),
          row("Workspace", about.workspace, "about-workspace"),
          row("Backups", about.backups, "about-backups"),
        ),
      ),
      h("h3", {}, "Updates"),
      h(
        "p",
        { class: "hint" },
        "The app contacts nothing unless you check here or turn on the check at start-up. An update is installed only if its installer is signed with the app's key.",
      ),
      h(
        "div",
        { class: "inline-form" },
        source,
        h(
          "button",
          {
            onclick: async () => {
              const folder = await chooseFolder("The folder holding latest.json and the installers");
              if (folder) source.value = folder;
            },
          },
          "Folder…",
        ),
        h("button", { "data-testid": "update-check", onclick: () => void check() }, "Check now"),
      ),
      h("label", { class: "check" }, atStart, " Check when the app starts"),
      result,
      h("h3", {}, "What the app ships, with thanks"),
      h(
        "ul",
        { "data-testid": "about-credits" },
        about.credits.map((c) => h("li", {}, c.what, h("span", { class: "hint" }, ` — ${c.licence}`))),
      ),
      h("div", { class: "dialog-buttons" }, h("button", { onclick: close, "data-testid": "about-close" }, "Close")),
    ),
  );
  document.addEventListener("keydown", onKey, true);
  document.body.appendChild(backdrop);
}
