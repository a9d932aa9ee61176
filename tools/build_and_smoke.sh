#!/usr/bin/env bash
# Build the onedir app with PyInstaller (build.spec) and run its offscreen smoke check:
# embedded data, the 2024-talks scenario, the PDF brief and the XLSX sheet written to a
# temporary folder and checked, the window built. Exits 0 when the frozen app works.
# The same script on Linux (.ci/run) and in the release workflow on Windows (Git Bash) and
# macOS (.github/workflows/release.yml).
#
# The build runs in its own virtual environment (.build-venv, or $BUILD_VENV) with the
# ordinary wheels, numpy's included: compiling numpy from source without BLAS saved 28 MiB of
# OpenBLAS but took 33 of a 38-minute build on a loaded 2-core machine (issue 26); the wheel
# costs that space instead (README, "The packaged app"). The venv is made with $PYTHON or
# python3. On Debian/Ubuntu the script installs what the build needs with apt-get: binutils
# (PyInstaller's objdump), for the system Python its shared library (libpython3.X), and Qt's
# system libraries for the smoke check.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/debs.sh
VENV=${BUILD_VENV:-.build-venv}
start=$(date +%s)

debs=(binutils "${QT_DEBS[@]}")
if py_is_debian; then debs+=("libpython$(py_version)"); fi
install_debs "${debs[@]}"
make_venv "$VENV"
BPY=$(venv_py "$VENV")
# a venv left by the old script has numpy built without BLAS: the wheel replaces it
if ! "$BPY" -c "import numpy, sys; sys.exit(numpy.show_config(mode='dicts')['Build Dependencies']['blas']['name'] == 'none')" 2>/dev/null; then
  "$BPY" -m pip uninstall -q -y numpy >/dev/null 2>&1 || true
  rm -rf "$VENV/wheels"
fi
"$BPY" -m pip install -q --disable-pip-version-check --only-binary numpy -e . "pyinstaller>=6.10"
echo "build: dependencies in $VENV after $(( $(date +%s) - start )) s"
rm -rf build dist
"$BPY" -m PyInstaller --noconfirm --log-level WARN build.spec
app=dist/SeatShareExplorer/SeatShareExplorer
[ -x "$app" ] || app=dist/SeatShareExplorer/SeatShareExplorer.exe
echo "build: PyInstaller done after $(( $(date +%s) - start )) s"
echo "bundle: $(du -sm dist/SeatShareExplorer | cut -f1) MiB in dist/SeatShareExplorer"
QT_QPA_PLATFORM=offscreen SEAT_SHARE_DATA_DIR="$(native_tmpdir)" "$app" --smoke
echo "build: built and smoke-checked in $(( $(date +%s) - start )) s"
