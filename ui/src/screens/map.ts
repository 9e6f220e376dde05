// The plan on the offline map: click a project's shape to select it in the list and back; place
// or move a project's site by clicking the map; import district boundaries from a GIS file.
import type { Feature, FeatureCollection } from "geojson";
import L from "leaflet";
import { api, chooseFile, errorText, tilesAddress } from "../api";
import type { BasemapInfo } from "../api/bindings/BasemapInfo";
import { openDistrictsDialog } from "../components/districtsDialog";
import { t } from "../i18n";
import type { DistrictsView } from "../api/bindings/DistrictsView";
import type { Location } from "../api/bindings/Location";
import type { MapLayers } from "../api/bindings/MapLayers";
import type { ProjectRow } from "../api/bindings/ProjectRow";
import { toast } from "../components/toast";
import { h, replace } from "../dom";
import { go, type Screen } from "../router";
import { allProjects } from "../stores/filter";
import { focusAreaName, localName, reference, session } from "../stores/session";

const TILES = tilesAddress();

type SiteProperties = { project_id: number; location: number; code: string; title: string; focus_area: string };

/** The kind of shape a site is, as the styles name it. */
function kindOf(feature: Feature): "point" | "line" | "area" {
  const type = feature.geometry?.type ?? "";
  return type === "Point" ? "point" : type.includes("LineString") ? "line" : "area";
}

export async function mapScreen(initialProject: number | null): Promise<Screen> {
  const overview = session.overview;
  if (!overview) throw new Error("a plan is open");
  const planId = overview.plan.id;
  const cityId = overview.city.id;
  let selected: number | null = initialProject;
  let placing = false;
  let layers: MapLayers;
  let districts: DistrictsView;
  let rows: ProjectRow[] = [];
  let basemap: BasemapInfo | null = null;
  let located = new Set<number>();

  // The map: Leaflet over the basemap's tiles (or Natural Earth's countries), the plan's layers
  // above; it pans and zooms itself, down to street level.
  const mapEl = h("div", { class: "map-canvas", role: "region", "aria-label": t("map.mapOfThePlanS"), "data-testid": "map-canvas" });
  const attribution = h("div", { class: "map-attribution", "data-testid": "map-attribution" });
  const canvas = h("div", { class: "map-wrap" }, mapEl, attribution);
  // No zoom animation: software-rendered webviews (remote desktops, old office PCs) stutter on it.
  const map = L.map(mapEl, { zoomControl: false, attributionControl: false, minZoom: 3, maxZoom: 19, zoomSnap: 0.5, zoomAnimation: false, fadeAnimation: false });
  // A view before any layer is added (Leaflet draws nothing without one); fitted to the plan once
  // the screen is shown.
  map.setView([10, 115], 4);
  map.on("zoomend", () => mapEl.setAttribute("data-zoom", String(map.getZoom())));
  let drawn: L.Layer[] = [];
  let tileLayer: L.TileLayer | null = null;
  let tileSource = "";
  let fitted = false;
  const wholePlan = () => {
    const [x0, y0, x1, y1] = layers.bounds;
    map.fitBounds([[y0, x0], [y1, x1]], { padding: [24, 24], maxZoom: 15, animate: false });
  };
  /** Fits the plan once the screen is on the window (Leaflet measures its container). */
  const fitWhenShown = () => {
    if (!mapEl.isConnected || mapEl.clientHeight === 0) {
      requestAnimationFrame(fitWhenShown);
      return;
    }
    map.invalidateSize();
    wholePlan();
  };
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

  const draw = () => {
    drawn.forEach((layer) => layer.remove());
    const source = basemap ? basemap.path : "";
    if (source !== tileSource) {
      tileLayer?.remove();
      tileLayer = null;
      tileSource = source;
      if (basemap) {
        tileLayer = L.tileLayer(`${TILES}/{z}/{x}/{y}?source=${encodeURIComponent(source)}`, {
          minZoom: 0,
          maxZoom: 19,
          minNativeZoom: basemap.min_zoom,
          maxNativeZoom: basemap.max_zoom,
          className: "basemap",
        }).addTo(map);
        tileLayer.getContainer()?.setAttribute("data-testid", "map-tiles");
      }
    }
    const land = L.geoJSON(layers.land as FeatureCollection, { interactive: false, style: () => ({ className: "land" }) });
    const districtShapes = L.geoJSON(layers.districts as FeatureCollection, {
      interactive: false,
      style: () => ({ className: "district" }),
      onEachFeature: (f, layer) =>
        layer.bindTooltip(h("span", {}, String(f.properties?.name ?? "")), { permanent: true, direction: "center", className: "district-label" }),
    });
    const sites = L.geoJSON(layers.features as FeatureCollection, {
      pointToLayer: (_f, at) => L.circleMarker(at, { radius: 7 }),
      style: (f) => ({ className: f ? `feature feature-${kindOf(f)} fa-stroke-${(f.properties as SiteProperties).focus_area}` : "feature" }),
      onEachFeature: (f, layer) => {
        const site = f.properties as SiteProperties;
        layer.bindTooltip(h("span", {}, `${site.code} ${site.title}`));
        layer.on("click", (e) => {
          L.DomEvent.stopPropagation(e);
          select(site.project_id);
        });
        layer.on("add", () => {
          const el = (layer as L.Path).getElement();
          el?.setAttribute("data-testid", "map-feature");
          el?.setAttribute("data-project", String(site.project_id));
        });
      },
    });
    const city = layers.city
      ? [
          L.circleMarker([layers.city.lat, layers.city.lon], { radius: 8, className: "city-marker", interactive: false }).bindTooltip(h("strong", {}, layers.city.name), {
            permanent: true,
            direction: "top",
            offset: [0, -8],
            className: "city-label",
          }),
        ]
      : [];
    drawn = [...(basemap ? [] : [land]), districtShapes, sites, ...city];
    drawn.forEach((layer) => layer.addTo(map));
    replace(attribution, basemap ? t("map.basemapSource", { source: basemap.attribution }) : t("map.naturalEarth"));
    if (!fitted) {
      fitted = true;
      fitWhenShown();
    }
  };
  map.on("click", (e: L.LeafletMouseEvent) => {
    if (placing) {
      setPlacing(false);
      const round = (v: number) => Math.round(v * 1e6) / 1e6;
      void place([round(e.latlng.lng), round(e.latlng.lat)]);
    } else {
      select(null);
    }
  });

  const refresh = async () => {
    [layers, districts, rows, basemap] = await Promise.all([
      api.mapLayers(planId),
      api.districts(cityId, planId),
      api.listProjects(planId, allProjects()),
      api.basemapInfo(),
    ]);
    showBasemap();
    located = new Set((layers.features as FeatureCollection).features.map((f) => (f.properties as SiteProperties).project_id));
    draw();
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

  const zoomControls = h(
    "div",
    { class: "map-zoom" },
    h("button", { "data-testid": "map-zoom-in", title: t("map.zoomIn"), "aria-label": t("map.zoomIn"), onclick: () => map.zoomIn() }, "+"),
    h("button", { "data-testid": "map-zoom-out", title: t("map.zoomOut"), "aria-label": t("map.zoomOut"), onclick: () => map.zoomOut() }, "−"),
    h("button", { "data-testid": "map-zoom-fit", onclick: () => wholePlan() }, t("map.wholePlan")),
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
