// Which screen is showing. Screens register themselves in main.ts; a screen may refuse to be
// left (the project editor does, while an edit could not be saved and the user keeps it).
export type Route =
  | { name: "cities" }
  | { name: "overview" }
  | { name: "projects" }
  | { name: "project"; id: number | null; field?: string }
  | { name: "guide" }
  | { name: "readiness" }
  | { name: "compare" }
  | { name: "progress" }
  | { name: "revisions" }
  | { name: "pairing" }
  | { name: "national" }
  | { name: "sector-map" }
  | { name: "charts" }
  | { name: "map"; project: number | null }
  | { name: "carry-over"; period: string };

export interface Screen {
  el: HTMLElement;
  /** Resolves false to stay on the screen. */
  leave?: () => Promise<boolean>;
  /** True while the screen holds typing not yet saved: it is not redrawn under the user. */
  isDirty?: () => boolean;
  /** Handles a key first; returns true when it used it. */
  onKey?: (event: KeyboardEvent) => boolean;
}

type Renderer = (route: Route) => Promise<Screen>;

let renderer: Renderer | null = null;
let mount: ((screen: Screen, route: Route) => void) | null = null;
let current: { screen: Screen; route: Route } | null = null;
/** Which navigation is the latest asked for, and how many are still being drawn: a screen that
 * finishes drawing after a later click was made is dropped, so the last click wins, not the
 * slowest screen. */
let latest = 0;
let drawing = 0;

export function setRenderer(r: Renderer, m: (screen: Screen, route: Route) => void): void {
  renderer = r;
  mount = m;
}

export function currentRoute(): Route | null {
  return current?.route ?? null;
}

export function currentScreen(): Screen | null {
  return current?.screen ?? null;
}

/** True while a screen asked for is still being drawn. */
export function navigating(): boolean {
  return drawing > 0;
}

export async function go(route: Route): Promise<void> {
  if (!renderer || !mount) throw new Error("router not set up");
  const ticket = ++latest;
  drawing += 1;
  try {
    if (current?.screen.leave && !(await current.screen.leave())) return;
    const screen = await renderer(route);
    if (ticket !== latest) return;
    current = { screen, route };
    mount(screen, route);
  } finally {
    drawing -= 1;
  }
}
