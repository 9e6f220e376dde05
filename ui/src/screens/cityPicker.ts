// First screen: pick your city (member cities of the network, then the others, each grouped by
// member state) or add another one.
import { api, errorText, isAppError } from "../api";
import type { City } from "../api/bindings/City";
import type { NewCity } from "../api/bindings/NewCity";
import { clearFieldErrors, showFieldErrors } from "../components/fieldErrors";
import { toast } from "../components/toast";
import { openImportDialog } from "../components/importDialog";
import { h, replace } from "../dom";
import { go, type Screen } from "../router";
import { memberStateName, reference, setOverview } from "../stores/session";
import { t } from "../i18n";

async function openCity(city: City): Promise<void> {
  setOverview(await api.openPlan(city.id));
  await go({ name: "overview" });
}

function cityButton(city: City) {
  return h(
    "button",
    {
      class: "city",
      "data-testid": "city",
      "data-city": city.name,
      onclick: () => void openCity(city),
    },
    h("span", { class: "city-name" }, city.name),
    h(
      "span",
      { class: "city-tags" },
      city.pilot && h("span", { class: "badge" }, t("picker.pilot")),
      !city.pilot &&
        city.member_since !== null &&
        h("span", { class: "badge" }, t("picker.memberSince", { year: city.member_since })),
      city.has_plan && h("span", { class: "badge badge-ok" }, t("picker.planStarted")),
    ),
  );
}

function groups(cities: City[], query: string) {
  const q = query.trim().toLowerCase();
  const shown = cities.filter(
    (c) =>
      !q ||
      c.name.toLowerCase().includes(q) ||
      memberStateName(c.member_state).toLowerCase().includes(q) ||
      // The member state's English name finds it in any language.
      (reference().member_states.find((m) => m.iso3 === c.member_state)?.name.toLowerCase().includes(q) ?? false),
  );
  if (shown.length === 0) {
    return [h("p", { class: "empty" }, t("picker.noMatch", { query }))];
  }
  const members = shown.filter((c) => c.member_since !== null);
  const others = shown.filter((c) => c.member_since === null);
  return [
    members.length > 0 &&
      h(
        "section",
        { class: "membership", "data-testid": "member-cities" },
        h("h2", { class: "membership-title" }, t("picker.members", { count: members.length })),
        byCountry(members),
      ),
    others.length > 0 &&
      h(
        "section",
        { class: "membership", "data-testid": "other-cities" },
        h("h2", { class: "membership-title" }, t("picker.others", { count: others.length })),
        byCountry(others),
      ),
  ].filter((section): section is HTMLElement => section !== false);
}

function byCountry(cities: City[]): HTMLElement[] {
  const byState = new Map<string, City[]>();
  for (const city of cities) {
    const list = byState.get(city.member_state) ?? [];
    list.push(city);
    byState.set(city.member_state, list);
  }
  return [...byState.entries()].map(([iso3, list]) =>
    h(
      "section",
      { class: "country", "data-country": iso3 },
      h("h3", {}, memberStateName(iso3)),
      h("div", { class: "city-grid" }, list.map(cityButton)),
    ),
  );
}

function otherCityForm(): HTMLElement {
  const states = reference().member_states;
  const name = h("input", { id: "new-city-name", "data-field": "name", required: true });
  const state = h(
    "select",
    { id: "new-city-state", "data-field": "member_state" },
    states.map((m) => h("option", { value: m.iso3 }, memberStateName(m.iso3))),
  );
  const population = h("input", {
    id: "new-city-population",
    type: "number",
    min: 0,
    "data-field": "population",
  });
  const latitude = h("input", { id: "new-city-lat", type: "number", step: "any", "data-field": "latitude" });
  const longitude = h("input", { id: "new-city-lon", type: "number", step: "any", "data-field": "longitude" });
  const officer = h("input", { id: "new-city-officer", "data-field": "officer" });
  const memberSince = h("input", {
    id: "new-city-member-since",
    type: "number",
    min: 2018,
    step: 1,
    placeholder: t("picker.notMember"),
    "data-field": "member_since",
  });
  const numberOrNull = (input: HTMLInputElement) =>
    input.value.trim() === "" ? null : Number(input.value);

  const form: HTMLFormElement = h(
    "form",
    {
      class: "card other-city",
      onsubmit: (event: Event) => {
        event.preventDefault();
        const city: NewCity = {
          name: name.value,
          member_state: state.value,
          population: numberOrNull(population),
          latitude: numberOrNull(latitude),
          longitude: numberOrNull(longitude),
          officer: officer.value.trim() || null,
          member_since: numberOrNull(memberSince),
        };
        clearFieldErrors(form);
        api
          .addCity(city)
          .then(openCity)
          .catch((error: unknown) => {
            if (isAppError(error) && error.fields.length > 0) showFieldErrors(form, error.fields);
            else toast(errorText(error), { kind: "error" });
          });
      },
    },
    h("h2", {}, t("picker.another")),
    h("p", { class: "hint" }, t("picker.anotherHint")),
    h(
      "div",
      { class: "form-grid" },
      field(t("picker.cityName"), "new-city-name", name),
      field(t("picker.memberState"), "new-city-state", state),
      field(t("picker.population"), "new-city-population", population),
      field(t("picker.officer"), "new-city-officer", officer),
      field(t("picker.latitude"), "new-city-lat", latitude),
      field(t("picker.longitude"), "new-city-lon", longitude),
      field(t("picker.memberSinceField"), "new-city-member-since", memberSince),
    ),
    h("div", { class: "form-actions" }, h("button", { class: "primary", type: "submit" }, t("picker.add"))),
  );
  return form;
}

function field(label: string, id: string, input: HTMLElement) {
  return h("div", { class: "field" }, h("label", { for: id }, label), input);
}

export async function cityPicker(): Promise<Screen> {
  const cities = await api.listCities();
  const list = h("div", { class: "countries" });
  const search = h("input", {
    type: "search",
    class: "search",
    placeholder: t("picker.search"),
    "aria-label": t("picker.searchLabel"),
    "data-testid": "city-search",
    autofocus: true,
    oninput: () => replace(list, groups(cities, search.value)),
  });
  replace(list, groups(cities, ""));
  const el = h(
    "div",
    { class: "screen city-picker", "data-testid": "city-picker" },
    h("h1", {}, t("picker.title")),
    h(
      "p",
      { class: "lead" },
      t("picker.lead"),
    ),
    h(
      "div",
      { class: "row-actions" },
      search,
      h("button", { "data-testid": "open-import", onclick: openImportDialog }, t("picker.importPlan")),
      h(
        "button",
        { "data-testid": "open-national", title: t("picker.nationalTitle"), onclick: () => void go({ name: "national" }) },
        t("picker.national"),
      ),
    ),
    list,
    otherCityForm(),
  );
  return { el };
}
