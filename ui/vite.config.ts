import { defineConfig, type Plugin } from "vitest/config";

/** The font files the first screen is drawn in (src/fonts.ts waits for them); fonts.test.ts
 * checks that every language's own name in the picker, and the bold Latin, are in one of them. */
export const FIRST_SCREEN_FACES = ["NotoSans-Regular", "NotoSans-Bold", "NotoSansThai-Regular", "NotoSansKhmer-Regular"];

/** The page's HTML asks for the first screen's faces, so they load while the script does rather
 * than once it asks for them: a face still loading when the screen was drawn made WebKit draw
 * its text in a system font, found through fontconfig at about 100 ms (docs/BENCHMARKS.md). */
export function preloadFirstScreenFaces(): Plugin {
  return {
    name: "preload-first-screen-faces",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(_html, ctx) {
        const files = Object.keys(ctx.bundle ?? {});
        return FIRST_SCREEN_FACES.map((face) => {
          const file = files.find((f) => f.startsWith(`assets/${face}-`));
          if (!file) throw new Error(`the first screen's face ${face} is not in the build`);
          return {
            tag: "link",
            attrs: { rel: "preload", href: `/${file}`, as: "font", type: "font/ttf", crossorigin: "" },
            injectTo: "head",
          };
        });
      },
    },
  };
}

// The built UI is embedded in the app binary; no dev server is involved in a cargo build.
export default defineConfig({
  clearScreen: false,
  plugins: [preloadFirstScreenFaces()],
  build: {
    target: "safari15",
    outDir: "dist",
    emptyOutDir: true,
    // One CSS file and no inline styles, so the strict CSP needs no 'unsafe-inline'.
    cssCodeSplit: false,
    assetsInlineLimit: 0,
  },
  test: {
    environment: "happy-dom",
  },
});
