#!/usr/bin/env bash
# Builds the Debian package and checks it (issue 5):
#   installer/check-deb.sh [BUILD_DIR]        (default: build; configured if needed)
# 1. cmake --build, then cpack -G DEB in the build folder;
# 2. dpkg-deb -c: the binary, desktop file, icon, metainfo, MIME XML and copyright are there;
# 3. appstreamcli validate --no-net on the packaged metainfo (and desktop-file-validate when
#    desktop-file-utils is installed), xmllint-free check that the MIME XML parses;
# 4. as root only: apt-get install -y ./scalecanvas_*.deb, then `scalecanvas template
#    stage3-100k` | `scalecanvas evaluate`, and a headless export from the installed binary.
# Exit 0 when every check passes; the first failure stops the script with its message.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
src=$(dirname "$here")
build=${1:-$src/build}
id=io.scalecanvas.ScaleCanvas

fail() { echo "check-deb: FAIL: $*" >&2; exit 1; }
ok() { echo "check-deb: ok: $*"; }

for tool in cmake cpack dpkg-deb dpkg-shlibdeps appstreamcli; do
    command -v "$tool" >/dev/null || fail "$tool is not installed"
done

[ -f "$build/CMakeCache.txt" ] || cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$build" --target scalecanvas
(cd "$build" && rm -f scalecanvas_*.deb && cpack -G DEB >cpack.log 2>&1) \
    || { cat "$build/cpack.log" >&2; fail "cpack -G DEB"; }
deb=$(ls "$build"/scalecanvas_*.deb 2>/dev/null | head -n 1)
[ -n "$deb" ] || fail "no .deb in $build"
ok "built $(basename "$deb") ($(du -h "$deb" | cut -f1))"

listing=$(dpkg-deb -c "$deb")
for path in \
    ./usr/bin/scalecanvas \
    ./usr/share/applications/$id.desktop \
    ./usr/share/icons/hicolor/scalable/apps/$id.svg \
    ./usr/share/metainfo/$id.metainfo.xml \
    ./usr/share/mime/packages/$id.xml \
    ./usr/share/doc/scalecanvas/copyright; do
    grep -q " $path\$" <<<"$listing" || fail "$path is not in the package"
    ok "contains $path"
done
grep -q 'x.* ./usr/bin/scalecanvas$' <<<"$listing" || fail "/usr/bin/scalecanvas is not executable"
depends=$(dpkg-deb -f "$deb" Depends)
grep -q libqt6widgets6 <<<"$depends" || fail "Depends lacks the Qt libraries (shlibdeps): $depends"
ok "Depends: $depends"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dpkg-deb -x "$deb" "$tmp/root"
appstreamcli validate --no-net "$tmp/root/usr/share/metainfo/$id.metainfo.xml" \
    || fail "appstreamcli validate --no-net"
ok "appstreamcli validate --no-net"
grep -qx '  <project_license>GPL-3.0-or-later</project_license>' \
    "$tmp/root/usr/share/metainfo/$id.metainfo.xml" || fail "metainfo: project_license"
grep -qx 'License: GPL-3+' "$tmp/root/usr/share/doc/scalecanvas/copyright" \
    || fail "copyright: License: GPL-3+"
ok "license GPL-3.0-or-later in the metainfo and the copyright file"
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$tmp/root/usr/share/applications/$id.desktop" || fail "desktop-file-validate"
    ok "desktop-file-validate"
fi
desktop="$tmp/root/usr/share/applications/$id.desktop"
grep -qx 'Exec=scalecanvas %f' "$desktop" || fail "desktop file: Exec=scalecanvas %f"
grep -qx 'MimeType=application/x-scalecanvas;' "$desktop" || fail "desktop file: MimeType"
mime="$tmp/root/usr/share/mime/packages/$id.xml"
python3 - "$mime" <<'PY' || fail "MIME XML"
import sys, xml.etree.ElementTree as ET
ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
t = ET.parse(sys.argv[1]).getroot().find("m:mime-type", ns)
assert t is not None and t.get("type") == "application/x-scalecanvas"
assert t.find("m:sub-class-of", ns).get("type") == "application/json"
assert t.find("m:glob", ns).get("pattern") == "*.scalecanvas"
PY
ok "MIME type application/x-scalecanvas (*.scalecanvas, sub-class of application/json)"

if [ "$(id -u)" -ne 0 ]; then
    echo "check-deb: not root: skipped installing the package"
    exit 0
fi
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" >"$tmp/apt.log" 2>&1 \
    || { cat "$tmp/apt.log" >&2; fail "apt-get install $deb"; }
ok "installed with apt-get"
[ "$(command -v scalecanvas)" = /usr/bin/scalecanvas ] || fail "scalecanvas is not /usr/bin/scalecanvas"
(cd "$tmp" && /usr/bin/scalecanvas template stage3-100k >stage3.scalecanvas) || fail "scalecanvas template"
/usr/bin/scalecanvas evaluate "$tmp/stage3.scalecanvas" --format text >"$tmp/eval.txt" \
    || fail "scalecanvas evaluate"
grep -q 'monthly cost' "$tmp/eval.txt" || fail "evaluate printed no cost"
ok "scalecanvas evaluate: $(grep 'monthly cost' "$tmp/eval.txt")"
env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM \
    /usr/bin/scalecanvas export "$tmp/stage3.scalecanvas" --report "$tmp/report.pdf" 2>/dev/null \
    || fail "scalecanvas export --report (headless)"
ok "headless export from the installed binary"
if command -v xdg-mime >/dev/null; then
    [ "$(xdg-mime query filetype "$tmp/stage3.scalecanvas" 2>/dev/null)" = application/x-scalecanvas ] \
        && ok "xdg-mime: application/x-scalecanvas" || echo "check-deb: note: xdg-mime did not report the type"
fi
echo "check-deb: all checks passed"
