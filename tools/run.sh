#!/usr/bin/env bash
# Install the app into the repository's own virtual environment (.venv, made with $PYTHON or
# python3 on the first run and reused after; on Debian/Ubuntu also Qt's system libraries, and
# python3-venv if the system Python lacks it) and open the window on the embedded Haryana data.
# Extra arguments go to the app, e.g. --preset "No alliance".
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/debs.sh
install_debs "${QT_DEBS[@]}"
make_venv .venv
venv_install .venv app -e .
exec .venv/bin/python -m explorer "$@"
