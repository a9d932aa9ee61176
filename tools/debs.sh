# Sourced by tools/run.sh, tools/test.sh, tools/build_and_smoke.sh and .ci/run: Qt's system
# libraries on Debian/Ubuntu, and the virtual environments the scripts install into (a system
# Python that is "externally managed", PEP 668, refuses `pip install` outside one).
QT_DEBS=(libglib2.0-0 libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfreetype6 libfontconfig1
         libdbus-1-3 fonts-dejavu-core libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0
         libxcb-keysyms1 libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxcb-randr0 libxcb-xfixes0
         libxcb-sync1 libxcb-shm0)

# install_debs PKG...: apt-get install the ones not installed yet (root or sudo); a no-op
# where there is no apt-get.
install_debs() {
  command -v apt-get >/dev/null 2>&1 || return 0
  local missing=() p
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  echo "apt-get install ${missing[*]}"
  $sudo apt-get update -qq || return 1
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || return 1
}

# The interpreter the venvs are made with: $PYTHON, else python3 (whichever PATH finds).
PY=${PYTHON:-python3}

# py_version: "3.11" for $PY.
py_version() { "$PY" -c 'import sys; print("%d.%d" % sys.version_info[:2])'; }

# py_is_debian: true when $PY is a Debian/Ubuntu-packaged interpreter (lives under /usr), whose
# venv module, headers and shared library come as separate packages.
py_is_debian() {
  command -v dpkg >/dev/null 2>&1 &&
    [ "$("$PY" -c 'import sys; print(sys.base_prefix)')" = /usr ]
}

# native_tmpdir: a new temporary folder, as a path a native Windows program reads (Git Bash's
# /tmp/... through cygpath); elsewhere mktemp -d's.
native_tmpdir() {
  local d; d=$(mktemp -d)
  if command -v cygpath >/dev/null 2>&1; then cygpath -m "$d"; else echo "$d"; fi
}

# venv_py DIR: the Python of the virtual environment at DIR (bin/python; Scripts/python.exe on
# Windows, where the release workflow runs these scripts in Git Bash).
venv_py() {
  if [ -x "$1/Scripts/python.exe" ]; then echo "$1/Scripts/python.exe"; else echo "$1/bin/python"; fi
}

# make_venv DIR: a virtual environment with pip at DIR, made with $PY. An existing one is
# reused when it works and was made with the same interpreter; otherwise (a half-made one left
# by a failed attempt, or another interpreter) it is made afresh. Where `python3 -m venv` fails
# because Debian/Ubuntu ship ensurepip separately, python3.X-venv is installed and it is tried
# again.
make_venv() {
  local dir=$1 base
  base=$("$PY" -c 'import os, sys; print(os.path.realpath(sys.executable))') ||
    { echo "no Python at '$PY' (set PYTHON to a Python 3.11 or newer)" >&2; return 1; }
  if [ -x "$(venv_py "$dir")" ] &&
     [ "$(sed -n 's/^executable = //p' "$dir/pyvenv.cfg" 2>/dev/null)" = "$base" ] &&
     "$(venv_py "$dir")" -m pip --version >/dev/null 2>&1; then
    return 0
  fi
  if [ -e "$dir" ]; then echo "remaking $dir with $base"; fi
  rm -rf "$dir"
  if ! "$PY" -m venv "$dir" >/dev/null 2>&1; then
    rm -rf "$dir"
    if py_is_debian; then
      install_debs python3-venv "python$(py_version)-venv" || return 1
    fi
    "$PY" -m venv "$dir" || { rm -rf "$dir"; return 1; }
  fi
  "$(venv_py "$dir")" -m pip install -q --disable-pip-version-check --upgrade pip || return 1
  echo "made $dir with $base ($("$(venv_py "$dir")" --version))"
}

# venv_install DIR NAME PIP-ARGS...: pip install PIP-ARGS into the venv at DIR unless the stamp
# DIR/.stamp-NAME holds the current pyproject.toml's hash (editable installs: a change to the
# code needs no reinstall, a change to the dependencies does).
venv_install() {
  local dir=$1 name=$2 hash; shift 2
  hash=$(sha256sum pyproject.toml | cut -d' ' -f1)
  [ "$(cat "$dir/.stamp-$name" 2>/dev/null)" = "$hash" ] && return 0
  "$dir/bin/python" -m pip install -q --disable-pip-version-check "$@" || return 1
  echo "$hash" >"$dir/.stamp-$name"
}
