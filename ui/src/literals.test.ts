// No interface text written in the code: what a screen shows a person (an element's text, a
// placeholder, a tooltip, a label, a toast, a dialog's words) comes from the catalogs through
// t(). Read with TypeScript's own parser, so a string is judged by where it stands, not by a
// pattern over the source.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import process from "node:process";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const SRC = join(process.cwd(), "src");

/** Calls whose arguments from `from` to `to` are text a person reads. */
const TEXT_ARGUMENTS: Record<string, [number, number]> = {
  h: [2, 99],
  toast: [0, 0],
  replace: [1, 99],
  setSaveStatus: [1, 1],
  confirmDialog: [0, 3],
  field: [0, 0],
  labelled: [0, 0],
  localText: [1, 1],
};
/** Properties whose value is text a person reads. */
const TEXT_PROPERTIES = new Set(["placeholder", "title", "aria-label", "label", "hint", "message", "confirm", "cancel", "alt"]);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "bindings" || name === "locales" ? [] : files(path);
    return name.endsWith(".ts") && !name.endsWith(".test.ts") ? [path] : [];
  });
}

/** Words in a literal: letters outside `${…}` that are not a code, class or path. */
function words(text: string): boolean {
  const bare = text.replace(/\$\{[^}]*\}/g, "");
  // A catalog key (`palette.fieldTitle`) is the way to the text, not the text.
  if (/^[a-z][A-Za-z0-9]*\.[A-Za-z0-9_]+$/.test(bare)) return false;
  return /[A-Za-z]{2,}/.test(bare) && !/^[a-z0-9_.\-/:#]+$/.test(bare.trim());
}

function literalsIn(path: string): string[] {
  const source = ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const check = (node: ts.Node | undefined): void => {
    if (!node) return;
    if (ts.isParenthesizedExpression(node)) return check(node.expression);
    if (ts.isConditionalExpression(node)) return [node.whenTrue, node.whenFalse].forEach(check);
    if (ts.isBinaryExpression(node)) return check(node.right);
    // A list of words joined into one text: `[a && "new city", …].filter(Boolean).join(", ")`.
    if (ts.isArrayLiteralExpression(node)) return node.elements.forEach(check);
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) return check(node.expression.expression);
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) {
      // A template's own text, around what it puts in.
      const text = ts.isTemplateExpression(node) ? [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join("${}") : node.text;
      if (words(text)) found.push(`${path.slice(SRC.length + 1)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${text}`);
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const callee = ts.isIdentifier(node.expression) ? node.expression.text : "";
      if (callee === "t") return;
      const range = TEXT_ARGUMENTS[callee];
      if (range) node.arguments.forEach((argument, i) => i >= range[0] && i <= range[1] && check(argument));
    }
    if (ts.isPropertyAssignment(node) && TEXT_PROPERTIES.has(node.name.getText(source).replace(/"/g, ""))) check(node.initializer);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("the interface's text", () => {
  it("comes from the catalogs, never from a literal in the code", () => {
    const all = files(SRC);
    expect(all.length).toBeGreaterThan(20);
    expect(all.flatMap(literalsIn)).toEqual([]);
  });

  it("is caught when a screen writes it in the code", () => {
    const probe = join(SRC, "screens", "overview.ts");
    const source = ts.createSourceFile(probe, 'h("p", {}, "Nothing to fix yet")', ts.ScriptTarget.Latest, true);
    expect(source.statements.length).toBe(1);
    expect(words("Nothing to fix yet")).toBe(true);
    expect(words("screen-head")).toBe(false);
    expect(words("${p.code} ${p.title}")).toBe(false);
  });
});
