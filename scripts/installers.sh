#!/usr/bin/env bash
# Builds the installers this machine can build: on Debian, the .deb and the .rpm (the AppImage
# needs linuxdeploy from GitHub, which this machine does not reach; the release workflow builds
# it, and the Windows and macOS installers, on hosted runners). They land in
# target/release/bundle/{deb,rpm}/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh

echo "==> Building the UI"
(cd ui && npm run --silent build >/dev/null)
echo "==> Building the release app and its installers (about 15 minutes the first time)"
ui/node_modules/.bin/tauri build --ci --bundles deb,rpm
ls -l target/release/bundle/deb/*.deb target/release/bundle/rpm/*.rpm
