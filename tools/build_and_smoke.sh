#!/usr/bin/env bash
# Build the onedir app with PyInstaller (build.spec) and run its offscreen smoke check:
# embedded data, the 2024-talks scenario, the PDF brief and the XLSX sheet written to a
# temporary folder and checked, the window built. Exits 0 when the frozen app works.
#
# The build runs in its own virtual environment (.build-venv) with numpy compiled without
# BLAS/LAPACK: the app does no linear algebra, and numpy's bundled OpenBLAS is 28 MiB of the
# bundle. The numpy wheel is built once (about 3.5 min on 2 cores) and cached in
# .build-venv/wheels. --stock-numpy builds with the ordinary numpy wheel instead.
# The venv is made with $PYTHON or python3. On Debian/Ubuntu the script installs what the build
# needs with apt-get: a C/C++ compiler (numpy), binutils (PyInstaller's objdump) and, for the
# system Python, its headers and shared library (python3.X-dev, which brings libpython3.X;
# libpython3.X alone with --stock-numpy).
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/debs.sh
VENV=${BUILD_VENV:-.build-venv}
stock=0
[ "${1:-}" = "--stock-numpy" ] && stock=1

debs=(binutils)
[ $stock -eq 0 ] && debs+=(gcc g++ libc6-dev)
if py_is_debian; then
  if [ $stock -eq 0 ]; then debs+=("python$(py_version)-dev"); else debs+=("libpython$(py_version)"); fi
fi
install_debs "${debs[@]}"
make_venv "$VENV"
BPY="$VENV/bin/python"
if [ $stock -eq 0 ]; then
  # the numpy version pip would install for the app today, built from source without BLAS
  ver=$($BPY -m pip install --dry-run --ignore-installed -q --report - --no-deps numpy 2>/dev/null |
        $BPY -c "import json,sys; print(json.load(sys.stdin)['install'][0]['metadata']['version'])")
  mkdir -p "$VENV/wheels"
  if ! ls "$VENV/wheels/numpy-$ver-"*.whl >/dev/null 2>&1; then
    echo "building numpy $ver without BLAS (once)..."
    $BPY -m pip wheel -q --disable-pip-version-check --no-cache-dir --no-deps -w "$VENV/wheels" "numpy==$ver" --no-binary numpy \
      -Csetup-args=-Dblas=none -Csetup-args=-Dlapack=none -Csetup-args=-Dallow-noblas=true
  fi
  $BPY -m pip install -q --disable-pip-version-check --force-reinstall --no-deps "$VENV/wheels/numpy-$ver-"*.whl
  $BPY -c "import numpy, sys; b = numpy.show_config(mode='dicts')['Build Dependencies']['blas']['name'];
sys.exit(0 if b == 'none' else f'numpy in {sys.prefix} was built with BLAS ({b})')"
fi
$BPY -m pip install -q --disable-pip-version-check -e . "pyinstaller>=6.10"
rm -rf build dist
$BPY -m PyInstaller --noconfirm --log-level WARN build.spec
app=dist/SeatShareExplorer/SeatShareExplorer
[ -x "$app" ] || app=dist/SeatShareExplorer/SeatShareExplorer.exe
echo "bundle: $(du -sm dist/SeatShareExplorer | cut -f1) MiB in dist/SeatShareExplorer"
QT_QPA_PLATFORM=offscreen SEAT_SHARE_DATA_DIR="$(mktemp -d)" "$app" --smoke
