// The plan on the offline map: click a project's shape to select it in the list and back; place
// or move a project's site by clicking the map; import district boundaries from a GIS file.
import { api, chooseFile, errorText } from "../api";
import type { BasemapInfo } from "../api/bindings/BasemapInfo";
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
    // A basemap the planner brought replaces Natural Earth's outlines.
    view.tiles.length > 0
      ? s(
          "g",
          { class: "basemap", "data-testid": "map-tiles" },
          view.tiles.map((tile) =>
            s("image", { href: tile.href, x: tile.x, y: tile.y, width: tile.width, height: tile.height, preserveAspectRatio: "none" }),
          ),
        )
      : s("g", { class: "land" }, view.land.map((c) => s("path", { d: c.d }, s("title", {}, c.name)))),
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
  let basemap: BasemapInfo | null = null;
  /** The extent the planner zoomed or panned to; null shows the whole plan. */
  let zoomed: [number, number, number, number] | null = null;
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
    [view, districts, rows, basemap] = await Promise.all([
      api.mapView(planId, WIDTH, HEIGHT, zoomed),
      api.districts(cityId, planId),
      api.listProjects(planId, allProjects()),
      api.basemapInfo(),
    ]);
    showBasemap();
    located = new Set(view.features.map((f) => f.project_id));
    const svg = drawMap(view, select);
    svg.appendChild(
      s(
        "text",
        { class: "map-attribution", x: view.width - 8, y: view.height - 8, "data-testid": "map-attribution" },
        view.tiles.length > 0 && basemap ? t("map.basemapSource", { source: basemap.attribution }) : t("map.naturalEarth"),
      ),
    );
    svg.addEventListener("wheel", (event) => {
      event.preventDefault();
      const e = event as WheelEvent;
      void zoomBy(e.deltaY < 0 ? 0.5 : 2, clickToPosition(svg, view, e));
    });
    // Dragging pans: the map is drawn again on the extent moved by the drag.
    let pressed: MouseEvent | null = null;
    let dragged = false;
    svg.addEventListener("mousedown", (event) => {
      pressed = event as MouseEvent;
      dragged = false;
    });
    svg.addEventListener("mouseup", (event) => {
      const up = event as MouseEvent;
      if (!pressed || Math.hypot(up.clientX - pressed.clientX, up.clientY - pressed.clientY) < 5) {
        pressed = null;
        return;
      }
      const [fromLon, fromLat] = clickToPosition(svg, view, pressed);
      const [toLon, toLat] = clickToPosition(svg, view, up);
      const [x0, y0, x1, y1] = view.bounds;
      const [dx, dy] = [fromLon - toLon, fromLat - toLat];
      zoomed = [x0 + dx, y0 + dy, x1 + dx, y1 + dy];
      pressed = null;
      dragged = true;
      void refresh();
    });
    svg.addEventListener("click", (event) => {
      // The click that ends a drag is not a click on the map.
      if (dragged) {
        dragged = false;
        return;
      }
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

  const importDistricts = () => openDistrictsDialog(cityId, planId, refresh);

  /** Zooms by `factor` (½ in, 2 out) around `centre`, or the middle of the map. */
  const zoomBy = async (factor: number, centre?: [number, number]) => {
    const [x0, y0, x1, y1] = view.bounds;
    const [cx, cy] = centre ?? [(x0 + x1) / 2, (y0 + y1) / 2];
    zoomed = [cx - (cx - x0) * factor, cy - (cy - y0) * factor, cx + (x1 - cx) * factor, cy + (y1 - cy) * factor];
    await refresh();
  };
  const zoomControls = h(
    "div",
    { class: "map-zoom" },
    h("button", { "data-testid": "map-zoom-in", title: t("map.zoomIn"), "aria-label": t("map.zoomIn"), onclick: () => void zoomBy(0.5) }, "+"),
    h("button", { "data-testid": "map-zoom-out", title: t("map.zoomOut"), "aria-label": t("map.zoomOut"), onclick: () => void zoomBy(2) }, "−"),
    h(
      "button",
      {
        "data-testid": "map-zoom-fit",
        onclick: async () => {
          zoomed = null;
          await refresh();
        },
      },
      t("map.wholePlan"),
    ),
  );

  const basemapInfo = h("p", { class: "hint", "data-testid": "basemap-info" });
  const basemapPath = h("input", { placeholder: t("map.basemapPlaceholder"), "aria-label": t("map.basemapFile"), "data-testid": "basemap-path" });
  const clearBasemap = h("button", { "data-testid": "basemap-clear" }, t("map.noBasemap"));
  function showBasemap() {
    replace(
      basemapInfo,
      basemap ? t("map.basemapIs", { name: basemap.name, source: basemap.attribution, min: basemap.min_zoom, max: basemap.max_zoom }) : t("map.basemapNone"),
    );
    clearBasemap.hidden = basemap === null;
  }
  const setBasemap = async (path: string | null) => {
    try {
      basemap = await api.setBasemap(path);
      basemapPath.value = "";
      await refresh();
    } catch (error) {
      toast(errorText(error), { kind: "error", ms: 12000 });
    }
  };
  clearBasemap.addEventListener("click", () => void setBasemap(null));
  basemapPath.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && basemapPath.value.trim()) void setBasemap(basemapPath.value.trim());
  });

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
        h("div", { class: "card map-card" }, zoomControls, canvas, legend),
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
          h(
            "div",
            { class: "card" },
            h("h2", {}, t("map.basemap")),
            basemapInfo,
            h(
              "div",
              { class: "inline-form" },
              basemapPath,
              h(
                "button",
                {
                  onclick: async () => {
                    const picked = await chooseFile(t("map.basemapFile"), ["mbtiles", "pmtiles"]);
                    if (picked) await setBasemap(picked);
                  },
                },
                t("map.choose"),
              ),
              h(
                "button",
                {
                  "data-testid": "basemap-set",
                  onclick: () => {
                    if (basemapPath.value.trim()) void setBasemap(basemapPath.value.trim());
                  },
                },
                t("map.useBasemap"),
              ),
            ),
            h("p", { class: "hint" }, t("map.basemapOnline")),
            clearBasemap,
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
