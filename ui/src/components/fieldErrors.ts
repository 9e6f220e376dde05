// Shows the core's field errors next to the inputs they name.
//
// Inputs carry `data-field` with the path the core uses (`end_year`, `funding[0].amount`). An
// error whose exact path has no input goes to the nearest enclosing one: `sectors[1]` to the
// `sectors` group, `kpis[0].targets[2].year` to `kpis[0].targets`.
import type { FieldError } from "../api/bindings/FieldError";
import { t, worded } from "../i18n";
import { h } from "../dom";

/** The candidate paths for an error field, most specific first. */
export function fieldPaths(field: string): string[] {
  const paths = [field];
  let path = field;
  for (;;) {
    const cut = Math.max(path.lastIndexOf("."), path.lastIndexOf("["));
    if (cut <= 0) break;
    path = path.slice(0, cut);
    paths.push(path);
  }
  return paths;
}

export function clearFieldErrors(form: HTMLElement): void {
  form.querySelectorAll(".field-error").forEach((e) => e.remove());
  form.querySelectorAll("[aria-invalid]").forEach((e) => e.removeAttribute("aria-invalid"));
}

/** A field error in the interface's language: the core gives its key and values beside its
 * English, which stays the wording of an error without a key. */
export function fieldErrorText(error: FieldError): string {
  if (!error.key) return error.message;
  const message = worded(error.message, error.key, error.values);
  const project = error.values?.project;
  return project === undefined ? message : t("fieldErrors.inProject", { project, message });
}

/** Where in a file an error is, in the interface's language: the core names a spreadsheet's
 * places `row 3, 'Title'` or `sheet 'Ongoing', row 3, 'City'`, the file as a whole `file`; a
 * path inside a plan file (`focus_areas[0].projects[1].code`) is shown as it is. */
export function fieldPlace(field: string): string {
  if (field === "file") return t("fieldErrors.wholeFile");
  const found = /^(?:sheet '(.*)', )?row (\d+)(?:, '(.*)')?$/.exec(field);
  if (!found) return field;
  const [, sheet, row, column] = found;
  return [sheet !== undefined && t("fieldErrors.sheet", { name: sheet }), t("fieldErrors.row", { row }), column !== undefined && `'${column}'`]
    .filter((part): part is string => typeof part === "string")
    .join(", ");
}

/** Shows each error under its input; returns the errors that found no input. */
export function showFieldErrors(form: HTMLElement, errors: FieldError[]): FieldError[] {
  clearFieldErrors(form);
  const unplaced: FieldError[] = [];
  for (const error of errors) {
    const target = fieldPaths(error.field)
      .map((path) => form.querySelector<HTMLElement>(`[data-field="${CSS.escape(path)}"]`))
      .find((el) => el !== null);
    if (!target) {
      unplaced.push(error);
      continue;
    }
    target.setAttribute("aria-invalid", "true");
    const message = h(
      "div",
      { class: "field-error", role: "alert", "data-error-for": error.field },
      fieldErrorText(error),
    );
    const container = target.closest(".field") ?? target;
    container.appendChild(message);
  }
  return unplaced;
}
