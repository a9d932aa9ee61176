#!/usr/bin/env bash
# Install the app (and, on Debian/Ubuntu, Qt's system libraries if missing) and open the
# window on the embedded Haryana data. Extra arguments go to the app, e.g. --preset "No alliance".
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/debs.sh
install_debs "${QT_DEBS[@]}"
PY=${PYTHON:-python3}
$PY -m pip install -q --disable-pip-version-check -e .
exec $PY -m explorer "$@"
