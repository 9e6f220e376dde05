// The filters the projects table and the sector map share, kept across visits.
import type { ProjectFilter } from "../api/bindings/ProjectFilter";

export const filter: ProjectFilter = {
  focus_area: null,
  sector: null,
  status: null,
  year: null,
  text: null,
  sort: "code",
  descending: false,
};

export function clearFilter(): void {
  Object.assign(filter, { focus_area: null, sector: null, status: null, year: null, text: null });
}
