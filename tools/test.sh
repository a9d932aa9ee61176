#!/usr/bin/env bash
# Install what the tests need and run them under a virtual X server (real drags need xcb).
# Used as-is by .ci/run. On Debian/Ubuntu it installs Qt's system libraries with apt-get
# (as root, or through sudo when available).
set -euo pipefail
cd "$(dirname "$0")/.."

QT_DEBS=(libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfreetype6 libfontconfig1 libdbus-1-3
         fonts-dejavu-core xvfb xauth libxkbcommon-x11-0 libx11-xcb1 libxcb-cursor0 libxcb-icccm4
         libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxcb-randr0
         libxcb-xfixes0 libxcb-sync1 libxcb-shm0 xdotool)
if command -v apt-get >/dev/null 2>&1; then
  missing=()
  for p in "${QT_DEBS[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if [ ${#missing[@]} -gt 0 ]; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

PY=${PYTHON:-python3}
$PY -m pip install -q --disable-pip-version-check -e ".[test]"

# pytest exits 5 when it collected no test: that fails here too (set -e).
export QT_QPA_PLATFORM=xcb
exec xvfb-run -a -s "-screen 0 1366x768x24" $PY -m pytest -p no:cacheprovider "$@"
