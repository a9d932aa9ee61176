#!/usr/bin/env bash
# Install the app (and, on Debian/Ubuntu, Qt's system libraries if missing) and open the
# window on the embedded Haryana data. Extra arguments go to the app, e.g. --preset "No alliance".
set -euo pipefail
cd "$(dirname "$0")/.."
QT_DEBS=(libglib2.0-0 libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfreetype6 libfontconfig1
         libdbus-1-3 fonts-dejavu-core libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0
         libxcb-keysyms1 libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxcb-randr0 libxcb-xfixes0)
if command -v apt-get >/dev/null 2>&1; then
  missing=()
  for p in "${QT_DEBS[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if [ ${#missing[@]} -gt 0 ]; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi
PY=${PYTHON:-python3}
$PY -m pip install -q --disable-pip-version-check -e .
exec $PY -m explorer "$@"
