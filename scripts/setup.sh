#!/usr/bin/env bash
# Installs what building, running and testing the app needs on Debian 12, skipping what is there:
# system libraries (WebKitGTK…), Xvfb and WebKitWebDriver, the UI's npm packages, tauri-driver.
# Sourced by run-app.sh and test.sh; safe to run again.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

APT_PACKAGES=(
  build-essential pkg-config libwebkit2gtk-4.1-dev libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev
  # The region's scripts in what GTK draws itself (a picker's open list), as the .deb brings them
  fonts-noto-core
  xvfb webkit2gtk-driver xdotool imagemagick libxml2-utils poppler-utils
  # An independent reader of the PDFs' text in each script of the member states (tests/scripts.rs)
  tesseract-ocr tesseract-ocr-tha tesseract-ocr-lao tesseract-ocr-khm tesseract-ocr-mya
  tesseract-ocr-vie tesseract-ocr-tam tesseract-ocr-chi-sim tesseract-ocr-ara
  # Reads the .rpm the installers build makes (scripts/test-installer.sh)
  rpm
  # GDAL's ogrinfo reads the GeoPackage export back (tests/gis.rs)
  gdal-bin
  # The independent Zawgyi detector and converter the tests hold ours to (tests/zawgyi.rs)
  python3-venv
  # A certificate and an HTTPS tile server of the test's own (tests/gis.rs, the online basemap)
  openssl
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "==> Installing system packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

for tool in cargo node npm; do
  command -v "$tool" >/dev/null || { echo "error: $tool is required (Rust via rustup, Node.js 20+)" >&2; exit 1; }
done

if [ ! -d ui/node_modules ] || [ ui/package.json -nt ui/node_modules/.package-lock.json ]; then
  echo "==> Installing the UI's npm packages"
  # `npm ci` refuses the lock file's other-platform optional packages; install does not.
  (cd ui && npm install --no-audit --no-fund --loglevel=error)
fi

# Google's myanmar-tools (its Zawgyi detector) and python-myanmar (a Zawgyi converter), test
# tools only, in their own environment under target/.
ZAWGYI_VENV=target/zawgyi-venv
if [ ! -x "$ZAWGYI_VENV/bin/python" ] || ! "$ZAWGYI_VENV/bin/python" -c "import myanmartools, myanmar" 2>/dev/null; then
  echo "==> Installing the Zawgyi test tools (myanmartools, python-myanmar)"
  python3 -m venv "$ZAWGYI_VENV"
  "$ZAWGYI_VENV/bin/pip" install --quiet --disable-pip-version-check myanmartools==1.2.1 python-myanmar==1.10.0
fi

if ! command -v tauri-driver >/dev/null && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
  echo "==> Installing tauri-driver"
  cargo install tauri-driver --version '^2' --locked --quiet
fi
