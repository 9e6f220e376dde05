import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "src/api/bindings/"] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: globals.browser },
    rules: {
      // Text from plans is other people's text: it must never be parsed as HTML.
      "no-restricted-properties": [
        "error",
        { property: "innerHTML", message: "Use h() or textContent; plan text is untrusted." },
        { property: "outerHTML", message: "Use h() or textContent; plan text is untrusted." },
        { property: "insertAdjacentHTML", message: "Use h(); plan text is untrusted." },
      ],
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@tauri-apps/*"],
              message: "Only src/api/ talks to Tauri, so screens can run in a browser.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["src/api/index.ts"],
    rules: { "no-restricted-imports": "off" },
  },
);
