# Sourced by tools/run.sh and tools/test.sh: Qt's system libraries on Debian/Ubuntu.
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
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
