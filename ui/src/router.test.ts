import { describe, expect, it } from "vitest";
import { go, navigating, setRenderer, type Route, type Screen } from "./router";

describe("go", () => {
  it("shows the screen clicked last, even when the one clicked before it is slower to draw", async () => {
    const mounted: string[] = [];
    let finishOverview: () => void = () => {};
    setRenderer(
      (route: Route) =>
        new Promise<Screen>((resolve) => {
          const screen = { el: document.createElement("div") };
          if (route.name === "overview") finishOverview = () => resolve(screen);
          else resolve(screen);
        }),
      (_screen, route) => mounted.push(route.name),
    );
    const overview = go({ name: "overview" });
    const revisions = go({ name: "revisions" });
    await revisions;
    expect(navigating()).toBe(true);
    finishOverview();
    await overview;
    expect(mounted).toEqual(["revisions"]);
    expect(navigating()).toBe(false);
  });
});
