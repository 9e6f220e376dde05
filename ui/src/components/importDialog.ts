// Import a plan file: choose it, see what it holds and every problem in it, then import.
import { api, chooseFile, isAppError } from "../api";
import type { ImportPreview } from "../api/bindings/ImportPreview";
import { h, replace } from "../dom";
import { go } from "../router";
import { setOverview } from "../stores/session";
import { toast } from "./toast";

export function openImportDialog(): void {
  if (document.querySelector(".import-dialog")) return;
  const path = h("input", {
    placeholder: "Plan file (.json)",
    "aria-label": "Plan file",
    "data-testid": "import-path",
  });
  const preview = h("div", { class: "import-preview", "data-testid": "import-preview" });
  const importButton = h("button", { class: "primary", "data-testid": "import-start", disabled: true }, "Import");
  let current: ImportPreview | null = null;
  const close = () => {
    backdrop.remove();
    document.removeEventListener("keydown", onKey, true);
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === "Escape") {
      e.stopPropagation();
      close();
    }
  };
  const look = async () => {
    importButton.disabled = true;
    current = null;
    try {
      const p = await api.previewImport(path.value.trim());
      current = p;
      if (p.errors.length > 0) {
        replace(
          preview,
          h("p", { class: "field-error" }, `This file cannot be imported; nothing will change. ${p.errors.length} problem${p.errors.length === 1 ? "" : "s"}:`),
          h("ul", { class: "error-list", "data-testid": "import-errors" }, p.errors.map((e) => h("li", {}, h("code", {}, e.field), ` ${e.message}`))),
        );
        return;
      }
      replace(
        preview,
        h("p", {}, h("strong", {}, `${p.city}, ${p.country}`), ` · plan ${p.period}${p.sample ? " · sample data" : ""}`),
        h("p", {}, `${p.projects} projects, ${p.partners} partners, ${p.districts} districts.`),
        p.existing_projects > 0 &&
          h("p", { class: "banner" }, `${p.city} already has a plan with ${p.existing_projects} projects here. Importing replaces it.`),
      );
      replace(importButton, p.existing_projects > 0 ? "Replace and import" : "Import");
      importButton.disabled = false;
    } catch (error) {
      replace(preview, h("p", { class: "field-error" }, isAppError(error) ? error.message : String(error)));
    }
  };
  importButton.addEventListener("click", async () => {
    if (!current) return;
    try {
      const summary = await api.importPlan(path.value.trim(), current.existing_projects > 0);
      close();
      toast(`Imported the plan of ${summary.city}: ${summary.projects} projects`);
      setOverview(await api.openPlan(summary.city_id));
      await go({ name: "overview" });
    } catch (error) {
      replace(preview, h("p", { class: "field-error" }, isAppError(error) ? error.message : String(error)));
    }
  });
  path.addEventListener("change", () => void look());
  const backdrop = h(
    "div",
    { class: "backdrop import-dialog" },
    h(
      "div",
      { class: "dialog wide", role: "dialog", "aria-label": "Import a plan file" },
      h("h2", {}, "Import a plan file"),
      h("p", { class: "hint" }, "An ASCF plan file (.json) exported by ASCN Action Planner, for example by a city officer."),
      h(
        "div",
        { class: "inline-form" },
        path,
        h(
          "button",
          {
            onclick: async () => {
              const picked = await chooseFile("Import a plan file", ["json"]);
              if (picked) {
                path.value = picked;
                await look();
              }
            },
          },
          "Choose…",
        ),
        h("button", { "data-testid": "import-check", onclick: () => void look() }, "Check"),
      ),
      preview,
      h("div", { class: "dialog-buttons" }, h("button", { onclick: close }, "Cancel"), importButton),
    ),
  );
  document.addEventListener("keydown", onKey, true);
  document.body.appendChild(backdrop);
  path.focus();
}
