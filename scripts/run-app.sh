#!/usr/bin/env bash
# Installs what is missing, builds the UI and the app, and starts ASCN Action Planner.
# Extra arguments go to the app, e.g. `--workspace ~/plans/da-nang.ascn`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh

echo "==> Building the UI"
(cd ui && npm run --silent build >/dev/null)
echo "==> Building the app (the first build takes several minutes)"
cargo build --workspace --quiet

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "==> No display found: starting a virtual one (Xvfb :99)"
  Xvfb :99 -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
  export DISPLAY=:99
  sleep 1
fi
exec target/debug/ascn-planner "$@"
