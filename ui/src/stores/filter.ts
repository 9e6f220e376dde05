// The filters the projects table and the sector map share, kept across visits.
import type { ProjectFilter } from "../api/bindings/ProjectFilter";

/** A filter that keeps every project, sorted by code. */
export function allProjects(): ProjectFilter {
  return { focus_area: null, sector: null, status: null, year: null, text: null, sort: "code", descending: false };
}

export const filter: ProjectFilter = allProjects();

export function clearFilter(): void {
  Object.assign(filter, { focus_area: null, sector: null, status: null, year: null, text: null });
}
