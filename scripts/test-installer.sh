#!/usr/bin/env bash
# The .deb as a user meets it: installed with apt (dpkg plus its dependencies), the installed
# app started under Xvfb on a workspace given as an argument, as a double-click starts it,
# its first screen waited for, then the package removed and nothing of it left behind. Also
# reads the .rpm's header. Builds the installers first (scripts/installers.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/installers.sh

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
deb="$(ls target/release/bundle/deb/*.deb | head -n1)"
rpm="$(ls target/release/bundle/rpm/*.rpm | head -n1)"
package="$(dpkg-deb --field "$deb" Package)"
work="$(mktemp -d)"
app_pid=""
xvfb_pid=""
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "error: $*" >&2; [ -f "$work/app.log" ] && tail -20 "$work/app.log" >&2; exit 1; }

echo "==> The .rpm: $(basename "$rpm")"
rpm -qip "$rpm" | grep -E "^(Name|Version|Size)" || fail "rpm cannot read $rpm"
rpm -qlp "$rpm" | grep -qx /usr/bin/ascn-planner || fail "the .rpm does not install /usr/bin/ascn-planner"
rpm -qRp "$rpm" | grep -q google-noto-sans-khmer-fonts || fail "the .rpm does not require the region's system fonts"

echo "==> Installing $(basename "$deb") ($(du -h "$deb" | cut -f1))"
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "./$deb" >/dev/null
[ -x /usr/bin/ascn-planner ] || fail "/usr/bin/ascn-planner is not installed"
desktop="$(dpkg -L "$package" | grep '\.desktop$' | head -n1)"
grep -q "MimeType=.*application/x-ascn-workspace" "$desktop" || fail "$desktop does not claim .ascn files"
grep -q "^Exec=.*%[fFuU]" "$desktop" || fail "$desktop does not pass the double-clicked file: $(grep ^Exec "$desktop")"
[ -f /usr/share/mime/packages/ascn-action-planner.xml ] || fail "the MIME types are not installed"
# GTK draws a picker's open list (the language picker's ไทย, ខ្មែរ) with the system's fonts, not
# the page's: the .deb brings fonts for the region's scripts, so those are not boxes.
for lang in th km lo my ta; do
  [ -n "$(fc-list ":lang=$lang" family)" ] || fail "no system font for '$lang' text after installing the .deb"
done

echo "==> Starting the installed app on a workspace given as an argument"
target/debug/ascn-plan --workspace "$work/office.ascn" demo --city "Da Nang" --projects 3 >/dev/null
Xvfb :97 -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
sleep 1
DISPLAY=:97 ASCN_LOG=info /usr/bin/ascn-planner "$work/office.ascn" 2>"$work/app.log" &
app_pid=$!
for _ in $(seq 60); do
  grep -q "first screen drawn" "$work/app.log" && break
  kill -0 "$app_pid" 2>/dev/null || fail "the installed app exited"
  sleep 1
done
grep -q "first screen drawn" "$work/app.log" || fail "no first screen within 60 s"
grep -q "workspace opened.*$work/office.ascn" "$work/app.log" || fail "the workspace given was not the one opened"
DISPLAY=:97 import -window root "$work/installed.png" 2>/dev/null && cp "$work/installed.png" e2e/artifacts/installed-app.png || true
grep "first screen drawn" "$work/app.log" | sed 's/^/    /'
kill "$app_pid"; wait "$app_pid" 2>/dev/null || true
app_pid=""

echo "==> Removing $package"
DEBIAN_FRONTEND=noninteractive $SUDO apt-get remove -y -qq "$package" >/dev/null
if dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
  fail "$package is still installed"
fi
[ ! -e /usr/bin/ascn-planner ] || fail "/usr/bin/ascn-planner is left behind"
[ ! -e /usr/share/mime/packages/ascn-action-planner.xml ] || fail "the MIME types are left behind"
[ -f "$work/office.ascn" ] || fail "removing the app removed the user's workspace"
echo "The .deb installs, starts on the workspace it is given, and removes cleanly."
