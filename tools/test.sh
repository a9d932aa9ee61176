#!/usr/bin/env bash
# Install what the tests need and run them under a virtual X server (real drags need xcb).
# Used as-is by .ci/run. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/debs.sh
install_debs "${QT_DEBS[@]}" xvfb xauth xdotool
PY=${PYTHON:-python3}
$PY -m pip install -q --disable-pip-version-check -e ".[test]"
# pytest exits 5 when it collected no test: that fails here too (set -e).
export QT_QPA_PLATFORM=xcb
exec xvfb-run -a -s "-screen 0 1366x768x24" $PY -m pytest -p no:cacheprovider "$@"
