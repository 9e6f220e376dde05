import { defineConfig } from "vitest/config";

// The built UI is embedded in the app binary; no dev server is involved in a cargo build.
export default defineConfig({
  clearScreen: false,
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
