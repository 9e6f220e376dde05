// The plan on the offline map: click a project's shape to select it in the list and back; place
// or move a project's site by clicking the map; import district boundaries from a GIS file.
import { api, errorText } from "../api";
import { openDistrictsDialog } from "../components/districtsDialog";
import { t } from "../i18n";
import type { DistrictsView } from "../api/bindings/DistrictsView";
import type { Location } from "../api/bindings/Location";
import type { MapView } from "../api/bindings/MapView";
import type { ProjectRow } from "../api/bindings/ProjectRow";
import { toast } from "../components/toast";
import { h, replace, s } from "../dom";
import { go, type Screen } from "../router";
import { allProjects } from "../stores/filter";
import { focusAreaName, localName, reference, session } from "../stores/session";

const WIDTH = 900;
const HEIGHT = 640;

function drawMap(view: MapView, onFeature: (projectId: number) => void): SVGElement {
  return s(
    "svg",
    {
      viewBox: `0 0 ${view.width} ${view.height}`,
      class: "map-canvas",
      role: "img",
      "aria-label": t("map.mapOfThePlanS"),
      "data-testid": "map-canvas",
    },
    s("rect", { width: view.width, height: view.height, class: "sea" }),
    s("g", { class: "land" }, view.land.map((c) => s("path", { d: c.d }, s("title", {}, c.name)))),
    s("g", { class: "districts" }, view.districts.map((d) => s("path", { d: d.d }, s("title", {}, d.name)))),
    s(
      "g",
      { class: "district-labels" },
      view.districts.map((d) => s("text", { x: d.x, y: d.y }, d.name)),
    ),
    s(
      "g",
      { class: "features" },
      view.features.map((f) => {
        const attrs = {
          class: `feature feature-${f.kind} fa-stroke-${f.focus_area}`,
          "data-testid": "map-feature",
          "data-project": f.project_id,
          onclick: (e: Event) => {
            e.stopPropagation();
            onFeature(f.project_id);
          },
        };
        const shape =
          f.kind === "point" ? s("circle", { ...attrs, cx: f.x, cy: f.y, r: 7 }) : s("path", { ...attrs, d: f.d });
        shape.appendChild(s("title", {}, `${f.code} ${f.title}`));
        return shape;
      }),
    ),
    view.city &&
      s(
        "g",
        { class: "city-marker" },
        s("circle", { cx: view.city.x, cy: view.city.y, r: 8 }),
        s("text", { x: view.city.x, y: view.city.y - 14 }, view.city.name),
      ),
  );
}

/** Where on the map (in degrees) a click landed. */
function clickToPosition(svg: SVGElement, view: MapView, event: MouseEvent): [number, number] {
  const box = svg.getBoundingClientRect();
  const x = ((event.clientX - box.left) / box.width) * view.width;
  const y = ((event.clientY - box.top) / box.height) * view.height;
  const [x0, y0, x1, y1] = view.bounds;
  const round = (v: number) => Math.round(v * 1e6) / 1e6;
  return [round(x0 + (x / view.width) * (x1 - x0)), round(y1 - (y / view.height) * (y1 - y0))];
}

export async function mapScreen(initialProject: number | null): Promise<Screen> {
  const overview = session.overview;
  if (!overview) throw new Error("a plan is open");
  const planId = overview.plan.id;
  const cityId = overview.city.id;
  let selected: number | null = initialProject;
  let placing = false;
  let view: MapView;
  let districts: DistrictsView;
  let rows: ProjectRow[] = [];
  let located = new Set<number>();

  const canvas = h("div", { class: "map-wrap" });
  const list = h("ul", { class: "map-list", "data-testid": "map-list" });
  const districtList = h("div", { class: "district-list" });
  const placeButton = h("button", { class: "primary", "data-testid": "place-on-map" }, t("map.placeOnTheMap"));
  const hint = h("p", { class: "hint", "data-testid": "map-hint" });

  const highlight = () => {
    canvas.querySelectorAll<SVGElement>(".feature").forEach((f) => {
      f.classList.toggle("selected", Number(f.dataset.project) === selected);
    });
    list.querySelectorAll<HTMLElement>("li").forEach((li) => {
      const on = Number(li.dataset.project) === selected;
      li.classList.toggle("selected", on);
      li.setAttribute("aria-selected", String(on));
      if (on) li.scrollIntoView({ block: "nearest" });
    });
    placeButton.disabled = selected === null;
    replace(placeButton, selected !== null && located.has(selected) ? t("map.moveOnTheMap") : t("map.placeOnTheMap"));
  };
  const select = (id: number | null) => {
    selected = id;
    highlight();
  };

  const place = async (position: [number, number]) => {
    if (selected === null) return;
    const project = await api.getProject(selected);
    const site: Location = { name: "", geometry: { type: "Point", coordinates: position } };
    const at = project.locations.findIndex((l) => l.geometry.type === "Point");
    const locations = [...project.locations];
    if (at >= 0) locations[at] = { ...locations[at], geometry: site.geometry };
    else locations.push(site);
    try {
      await api.saveProject(planId, project.id, { ...project, locations }, project.version);
      toast(t("map.placedAt", { code: project.code, value: position[1].toFixed(4), value2: position[0].toFixed(4) }));
      await refresh();
    } catch (error) {
      toast(errorText(error), { kind: "error" });
    }
  };

  const setPlacing = (on: boolean) => {
    placing = on;
    canvas.classList.toggle("placing", on);
    replace(hint, on ? t("map.clickTheMapWhereThe") : t("map.clickAShapeOrA"));
  };
  placeButton.addEventListener("click", () => setPlacing(!placing));

  const refresh = async () => {
    [view, districts, rows] = await Promise.all([
      api.mapView(planId, WIDTH, HEIGHT),
      api.districts(cityId, planId),
      api.listProjects(planId, allProjects()),
    ]);
    located = new Set(view.features.map((f) => f.project_id));
    const svg = drawMap(view, select);
    svg.addEventListener("click", (event) => {
      if (placing) {
        setPlacing(false);
        void place(clickToPosition(svg, view, event as MouseEvent));
      } else {
        select(null);
      }
    });
    replace(canvas, svg);
    replace(
      list,
      rows.map((r) =>
        h(
          "li",
          {
            tabindex: 0,
            role: "option",
            "data-testid": "map-project",
            "data-project": r.id,
            onclick: () => select(r.id),
            ondblclick: () => void go({ name: "project", id: r.id }),
            onkeydown: (e: Event) => {
              if ((e as KeyboardEvent).key === "Enter") select(r.id);
            },
          },
          h("span", { class: `fa-chip fa-${r.primary_focus_area}`, title: focusAreaName(r.primary_focus_area) }, r.primary_focus_area),
          h("span", { class: "code" }, r.code),
          h("span", { class: "map-title" }, r.title),
          !located.has(r.id) && h("span", { class: "badge" }, t("map.noPlaceYet")),
        ),
      ),
    );
    const inDistrict = (name: string) => districts.projects.filter((p) => p.districts.includes(name)).length;
    replace(
      districtList,
      districts.districts.length === 0
        ? h("p", { class: "hint" }, t("map.noDistrictsYetImportTheir"))
        : h(
            "table",
            { class: "grid compact", "data-testid": "district-table" },
            h("thead", {}, h("tr", {}, h("th", {}, t("map.district")), h("th", {}, t("map.area")), h("th", {}, t("map.projects")))),
            h(
              "tbody",
              {},
              districts.districts.map((d) =>
                h(
                  "tr",
                  {},
                  h("td", {}, d.name),
                  h("td", { class: "num" }, t("map.km", { value: d.area_km2.toFixed(1) })),
                  h("td", { class: "num" }, String(inDistrict(d.name))),
                ),
              ),
            ),
          ),
    );
    highlight();
  };

  const importDistricts = () => openDistrictsDialog(cityId, refresh);

  setPlacing(false);
  await refresh();
  const legend = h(
    "div",
    { class: "map-legend" },
    reference().focus_areas.map((a) => h("span", { title: a.name }, h("span", { class: `fa-chip fa-${a.code}` }, a.code), ` ${localName(a)}`)),
  );
  return {
    el: h(
      "div",
      { class: "screen map-screen", "data-testid": "map" },
      h("div", { class: "screen-head row" }, h("h1", {}, t("map.map")), hint),
      h(
        "div",
        { class: "map-layout" },
        h("div", { class: "card map-card" }, canvas, legend),
        h(
          "div",
          { class: "map-side" },
          h("div", { class: "card" }, h("h2", {}, t("map.projects")), placeButton, list),
          h(
            "div",
            { class: "card" },
            h("h2", {}, t("map.districts")),
            districtList,
            h("button", { "data-testid": "import-districts", onclick: () => void importDistricts() }, t("map.importDistricts")),
          ),
        ),
      ),
    ),
    onKey: (event) => {
      if (event.key === "Escape" && placing) {
        setPlacing(false);
        return true;
      }
      return false;
    },
  };
}
