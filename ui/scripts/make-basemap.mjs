// Cuts the offline basemap out of world-atlas (Natural Earth 1:50m, public domain; world-atlas is
// ISC): the ten ASEAN member states and their neighbours, as GeoJSON with coordinates rounded to
// 0.001° (about 100 m, finer than the 1:50m source). Run from ui/: node scripts/make-basemap.mjs
import { readFileSync, writeFileSync } from "node:fs";
import { feature } from "topojson-client";

const topology = JSON.parse(readFileSync("node_modules/world-atlas/countries-50m.json", "utf8"));
const countries = feature(topology, topology.objects.countries);

// ISO numeric → ISO alpha-3, for the members (as in data/framework/member-states.csv) and the
// neighbours a city map near a border or coast may show.
const KEEP = {
  "096": "BRN", "116": "KHM", "360": "IDN", "418": "LAO", "458": "MYS",
  "104": "MMR", "608": "PHL", "702": "SGP", "764": "THA", "704": "VNM",
  "626": "TLS", "598": "PNG", "156": "CHN", "356": "IND", "050": "BGD",
  "036": "AUS", "158": "TWN",
};
const round = (v) => Math.round(v * 1000) / 1000;
const roundDeep = (c) => (typeof c[0] === "number" ? [round(c[0]), round(c[1])] : c.map(roundDeep));

const features = countries.features
  .filter((f) => KEEP[f.id])
  .map((f) => ({
    type: "Feature",
    properties: { iso3: KEEP[f.id], name: f.properties.name },
    geometry: { type: f.geometry.type, coordinates: roundDeep(f.geometry.coordinates) },
  }));
const out = {
  type: "FeatureCollection",
  source: "Natural Earth 1:50m admin-0 countries (public domain), via world-atlas 2 (ISC)",
  features,
};
writeFileSync("../data/basemap/countries-asean-50m.json", JSON.stringify(out));
console.log(`${features.length} countries written`);
