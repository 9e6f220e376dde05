import { describe, expect, it, vi } from "vitest";
import { debounce, h, replace, svgElement } from "./dom";

describe("h", () => {
  it("shows markup in text as text, never as elements", () => {
    const title = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
    const cell = h("td", {}, title);
    expect(cell.textContent).toBe(title);
    expect(cell.querySelector("img")).toBeNull();
    expect(cell.querySelector("script")).toBeNull();
  });

  it("sets properties, attributes and listeners", () => {
    const onclick = vi.fn();
    const box = h("input", { type: "checkbox", checked: true, "data-field": "sectors", onclick });
    expect(box.checked).toBe(true);
    expect(box.dataset.field).toBe("sectors");
    box.click();
    expect(onclick).toHaveBeenCalledOnce();
  });

  it("leaves out false, null and undefined children and attributes", () => {
    const el = h("div", { title: undefined, hidden: false }, null, false, "a", 1, [h("b", {}, "c")]);
    expect(el.hasAttribute("title")).toBe(false);
    expect(el.hasAttribute("hidden")).toBe(false);
    expect(el.textContent).toBe("a1c");
  });
});

describe("replace", () => {
  it("swaps all children", () => {
    const el = h("ul", {}, h("li", {}, "old"));
    replace(el, h("li", {}, "new"), h("li", {}, "newer"));
    expect([...el.children].map((c) => c.textContent)).toEqual(["new", "newer"]);
  });
});

describe("debounce", () => {
  it("runs once after the pause, and flush runs a pending call at once", () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const d = debounce(fn, 100);
    d();
    d();
    vi.advanceTimersByTime(99);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledOnce();
    d();
    d.flush();
    expect(fn).toHaveBeenCalledTimes(2);
    d.flush();
    expect(fn).toHaveBeenCalledTimes(2);
    vi.useRealTimers();
  });
});

describe("svgElement", () => {
  it("puts the core's chart in the page with its text, and nothing that could run", () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="760" height="420" onload="alert(1)">' +
      '<script>alert(2)</script><a href="javascript:alert(3)"><text>x</text></a>' +
      '<text x="10" y="20" onclick="alert(4)">ចំនួនភ្លើងស្តុប</text></svg>';
    const el = svgElement(svg, "KPI", { "data-testid": "chart" });
    expect(el.getAttribute("viewBox")).toBe("0 0 760 420");
    expect(el.getAttribute("aria-label")).toBe("KPI");
    expect(el.getAttribute("onload")).toBeNull();
    expect(el.querySelector("script")).toBeNull();
    expect(el.querySelector("a")).toBeNull();
    expect(el.querySelector("text")?.getAttribute("onclick")).toBeNull();
    expect(el.textContent).toContain("ចំនួនភ្លើងស្តុប");
  });
});
