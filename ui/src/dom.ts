// A tiny element builder. Text always goes in through text nodes, never through HTML parsing,
// so a title like "<script>alert(1)</script>" from an imported plan is shown, never run.
import { t } from "./i18n";

export type Child = Node | string | number | null | undefined | false;
type AttrValue = string | number | boolean | null | undefined | ((event: Event) => void);
export type Attrs = Record<string, AttrValue>;

/** Creates an element with attributes, properties, listeners (`onclick`…) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (typeof value === "function") {
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key === "class") {
      el.className = String(value);
    } else if (key === "value" || key === "checked" || key === "selected") {
      (el as unknown as Record<string, unknown>)[key] = value;
    } else {
      el.setAttribute(key, value === true ? "" : String(value));
    }
  }
  append(el, children);
  return el;
}

/** Appends children, flattening arrays and turning strings and numbers into text nodes. */
export function append(parent: Node, children: (Child | Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(
      typeof child === "string" || typeof child === "number"
        ? document.createTextNode(String(child))
        : child,
    );
  }
}

/** Replaces all children of `parent`. */
export function replace(parent: Node, ...children: (Child | Child[])[]): void {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  append(parent, children);
}

/** Calls `fn` once input has paused for `ms` milliseconds; `flush` runs a pending call now. */
export function debounce(fn: () => void, ms: number): { (): void; flush(): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    timer = undefined;
    fn();
  };
  const debounced = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(run, ms);
  };
  debounced.flush = () => {
    if (timer !== undefined) {
      clearTimeout(timer);
      run();
    }
  };
  debounced.cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  return debounced;
}

const SVG_NS = "http://www.w3.org/2000/svg";

/** Creates an SVG element; like `h`, text goes in only as text nodes. */
export function s(tag: string, attrs: Attrs = {}, ...children: (Child | Child[])[]): SVGElement {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (typeof value === "function") el.addEventListener(key.slice(2).toLowerCase(), value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  append(el, children);
  return el;
}

/**
 * An SVG document drawn by the core (a chart) as an element of the page, so its text is drawn in
 * the app's own fonts like the rest of the page (an SVG shown as an image sees only the system's
 * fonts). Shown, never run: anything that could run is taken out before it joins the page, and
 * the CSP allows no inline script anyway.
 */
export function svgElement(svg: string, label: string, attributes: Record<string, string> = {}): Element {
  const parsed = new DOMParser().parseFromString(svg, "image/svg+xml");
  const root = parsed.documentElement;
  if (root.nodeName !== "svg") return h("p", { class: "field-error" }, t("main.chartUnreadable", { label }));
  for (const node of [...root.querySelectorAll("script, foreignObject, iframe, a")]) node.remove();
  for (const node of [root, ...root.querySelectorAll("*")]) {
    for (const attribute of [...node.attributes]) {
      if (/^on/i.test(attribute.name) || /href$/i.test(attribute.name)) node.removeAttribute(attribute.name);
    }
  }
  const el = document.importNode(root, true);
  if (!el.hasAttribute("viewBox")) el.setAttribute("viewBox", `0 0 ${el.getAttribute("width") ?? 760} ${el.getAttribute("height") ?? 420}`);
  el.removeAttribute("width");
  el.removeAttribute("height");
  el.setAttribute("role", "img");
  el.setAttribute("aria-label", label);
  for (const [key, value] of Object.entries(attributes)) el.setAttribute(key, value);
  return el;
}
