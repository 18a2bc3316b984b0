#!/usr/bin/env bash
# Builds the .deb with CPack, unpacks it into a scratch root (as dpkg would install it), checks the desktop
# entry and icon are there, and runs difflab-cli --version from the installed files.
# usage: installer/test_package.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
(cd "$build" && cpack -G DEB -B "$scratch/pkg" >"$scratch/cpack.log" 2>&1) || { cat "$scratch/cpack.log"; exit 1; }
deb=$(ls "$scratch"/pkg/*.deb)
echo "built $(basename "$deb")"
dpkg-deb --info "$deb" | grep -E 'Package|Version|Depends'
dpkg-deb -x "$deb" "$scratch/root"
test -x "$scratch/root/usr/bin/difflab-cli"
out=$("$scratch/root/usr/bin/difflab-cli" --version)
echo "installed difflab-cli --version: $out"
case "$out" in difflab-cli\ *) ;; *) echo "unexpected version output"; exit 1 ;; esac
if [ -f "$build/app/gui/difflab" ] || grep -q 'DIFFLAB_GUI:BOOL=ON' "$build/CMakeCache.txt"; then
  test -x "$scratch/root/usr/bin/difflab"
  test -f "$scratch/root/usr/share/applications/difflab.desktop"
  test -f "$scratch/root/usr/share/mime/packages/difflab-session.xml"
  grep -q "MimeType=application/x-difflab-session;" "$scratch/root/usr/share/applications/difflab.desktop"
  test -f "$scratch/root/usr/share/icons/hicolor/scalable/apps/difflab.svg"
  echo "GUI, desktop entry and icon installed"
fi
echo "package test passed"
