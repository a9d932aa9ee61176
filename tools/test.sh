#!/usr/bin/env bash
# Install what the tests need into the repository's own virtual environment (.venv, as
# tools/run.sh) and run them under a virtual X server (real drags need xcb).
# Used as-is by .ci/run. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/debs.sh
install_debs "${QT_DEBS[@]}" xvfb xauth xdotool fonts-lohit-deva  # Devanagari for the brief's font test
make_venv .venv
# the test extras include the app: tools/run.sh needs no reinstall after this
venv_install .venv test -e ".[test]"
cp .venv/.stamp-test .venv/.stamp-app
# pytest exits 5 when it collected no test: that fails here too (set -e).
export QT_QPA_PLATFORM=xcb
exec xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python -m pytest -p no:cacheprovider "$@"
