// About: the versions a support call asks for, the licences of what the app ships, where the
// workspace lives; and updates, from an address or a folder, checked only when the user asks
// (or turned on to check at start-up).
import { api, chooseFolder, errorText } from "../api";
import { t } from "../i18n";
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
    t("aboutDialog.versionIsAvailable", { version: offer.version }),
    t("aboutDialog.youHaveItsInstallerWas", { current_version: offer.current_version, value: offer.notes ?? "" }),
    t("aboutDialog.installAndRestart2"),
    t("aboutDialog.notNow"),
  );
  if (install) await api.installUpdate();
}

export async function openAboutDialog(): Promise<void> {
  if (document.querySelector(".about-dialog")) return;
  const about = await api.about();
  const source = h("input", {
    value: updateSource(),
    placeholder: t("aboutDialog.sourcePlaceholder"),
    "aria-label": t("aboutDialog.whereUpdatesComeFrom"),
    "data-testid": "update-source",
  });
  const atStart = h("input", { type: "checkbox", checked: localStorage.getItem(AT_START_KEY) === "true", "data-testid": "update-at-start" });
  atStart.addEventListener("change", () => localStorage.setItem(AT_START_KEY, String(atStart.checked)));
  const result = h("div", { "data-testid": "update-result", role: "status" });
  const check = async () => {
    localStorage.setItem(SOURCE_KEY, source.value.trim());
    replace(result, h("p", { class: "hint" }, t("aboutDialog.checking")));
    try {
      const offer = await api.checkForUpdate(source.value.trim());
      if (!offer) {
        replace(result, h("p", {}, t("aboutDialog.youHaveTheLatestVersion", { app_version: about.app_version })));
        return;
      }
      replace(
        result,
        h("p", {}, h("strong", {}, t("aboutDialog.versionIsAvailable", { version: offer.version })), t("aboutDialog.youHaveItsSignatureWas", { current_version: offer.current_version })),
        offer.notes && h("p", { class: "hint" }, offer.notes),
        h("button", { class: "primary", "data-testid": "update-install", onclick: () => void offerUpdate(offer) }, t("aboutDialog.installAndRestart")),
      );
    } catch (error) {
      replace(result, h("p", { class: "field-error", "data-testid": "update-error" }, errorText(error)));
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
      { class: "dialog wide", role: "dialog", "aria-label": t("aboutDialog.aboutAscnActionPlanner") },
      h("h2", {}, t("aboutDialog.ascnActionPlanner")),
      h(
        "table",
        { class: "grid" },
        h(
          "tbody",
          {},
          row(t("aboutDialog.version"), about.app_version, "about-version"),
          row(t("aboutDialog.workspaceFormat"), `schema ${about.schema_version}`, "about-schema"),
          row(t("aboutDialog.planFileFormat"), `ASCF plan file, version ${about.plan_file_version}`, "about-plan-file"),
          row(t("aboutDialog.workspace"), about.workspace, "about-workspace"),
          row(t("aboutDialog.backups"), about.backups, "about-backups"),
        ),
      ),
      h("h3", {}, t("aboutDialog.updates")),
      h(
        "p",
        { class: "hint" },
        t("aboutDialog.theAppContactsNothingUnless"),
      ),
      h(
        "div",
        { class: "inline-form" },
        source,
        h(
          "button",
          {
            onclick: async () => {
              const folder = await chooseFolder(t("aboutDialog.theFolderHoldingLatestJson"));
              if (folder) source.value = folder;
            },
          },
          t("aboutDialog.folder"),
        ),
        h("button", { "data-testid": "update-check", onclick: () => void check() }, t("aboutDialog.checkNow")),
      ),
      h("label", { class: "check" }, atStart, t("aboutDialog.checkWhenTheAppStarts")),
      result,
      h("h3", {}, t("aboutDialog.whatTheAppShipsWith")),
      h(
        "ul",
        { "data-testid": "about-credits" },
        about.credits.map((c) => h("li", {}, c.what, h("span", { class: "hint" }, ` — ${c.licence}`))),
      ),
      h("div", { class: "dialog-buttons" }, h("button", { onclick: close, "data-testid": "about-close" }, t("aboutDialog.close"))),
    ),
  );
  document.addEventListener("keydown", onKey, true);
  document.body.appendChild(backdrop);
}
