// First screen: pick your city (member cities of the network, then the others, each grouped by
// member state) or add another one.
import { api, isAppError } from "../api";
import type { City } from "../api/bindings/City";
import type { NewCity } from "../api/bindings/NewCity";
import { clearFieldErrors, showFieldErrors } from "../components/fieldErrors";
import { toast } from "../components/toast";
import { openImportDialog } from "../components/importDialog";
import { h, replace } from "../dom";
import { go, type Screen } from "../router";
import { memberStateName, reference, setOverview } from "../stores/session";

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
      city.pilot && h("span", { class: "badge" }, "ASCN pilot"),
      !city.pilot &&
        city.member_since !== null &&
        h("span", { class: "badge" }, `ASCN member since ${city.member_since}`),
      city.has_plan && h("span", { class: "badge badge-ok" }, "Plan started"),
    ),
  );
}

function groups(cities: City[], query: string) {
  const q = query.trim().toLowerCase();
  const shown = cities.filter(
    (c) =>
      !q ||
      c.name.toLowerCase().includes(q) ||
      memberStateName(c.member_state).toLowerCase().includes(q),
  );
  if (shown.length === 0) {
    return [h("p", { class: "empty" }, `No city matches “${query}”. Add it as another city below.`)];
  }
  const members = shown.filter((c) => c.member_since !== null);
  const others = shown.filter((c) => c.member_since === null);
  return [
    members.length > 0 &&
      h(
        "section",
        { class: "membership", "data-testid": "member-cities" },
        h("h2", { class: "membership-title" }, `Member cities of the ASCN (${members.length})`),
        byCountry(members),
      ),
    others.length > 0 &&
      h(
        "section",
        { class: "membership", "data-testid": "other-cities" },
        h("h2", { class: "membership-title" }, `Other cities (${others.length})`),
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
    states.map((m) => h("option", { value: m.iso3 }, m.name)),
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
    placeholder: "not a member",
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
            else toast(isAppError(error) ? error.message : String(error), { kind: "error" });
          });
      },
    },
    h("h2", {}, "Another city"),
    h("p", { class: "hint" }, "Your city is not listed? Add it here; a city that joined the network says since when."),
    h(
      "div",
      { class: "form-grid" },
      field("City name", "new-city-name", name),
      field("Member state", "new-city-state", state),
      field("Population", "new-city-population", population),
      field("Chief Smart City Officer", "new-city-officer", officer),
      field("Latitude", "new-city-lat", latitude),
      field("Longitude", "new-city-lon", longitude),
      field("ASCN member since (year)", "new-city-member-since", memberSince),
    ),
    h("div", { class: "form-actions" }, h("button", { class: "primary", type: "submit" }, "Add city and start its plan")),
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
    placeholder: "Find a city or country…",
    "aria-label": "Find a city",
    "data-testid": "city-search",
    autofocus: true,
    oninput: () => replace(list, groups(cities, search.value)),
  });
  replace(list, groups(cities, ""));
  const el = h(
    "div",
    { class: "screen city-picker", "data-testid": "city-picker" },
    h("h1", {}, "Choose your city"),
    h(
      "p",
      { class: "lead" },
      "Each city of the ASEAN Smart Cities Network writes a Smart City Action Plan. Pick yours to start or continue its plan.",
    ),
    h(
      "div",
      { class: "row-actions" },
      search,
      h("button", { "data-testid": "open-import", onclick: openImportDialog }, "Import a plan file…"),
      h(
        "button",
        { "data-testid": "open-national", title: "For National Representatives and the ASEAN Secretariat", onclick: () => void go({ name: "national" }) },
        "National and network view",
      ),
    ),
    list,
    otherCityForm(),
  );
  return { el };
}
