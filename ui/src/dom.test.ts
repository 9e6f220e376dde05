import { describe, expect, it, vi } from "vitest";
import { debounce, h, replace } from "./dom";

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
