#!/usr/bin/env bash
# After tools/build_and_smoke.sh: zip dist/SeatShareExplorer as
# dist/SeatShareExplorer-<version>-<OS>.zip, unzip that zip into a fresh folder and run the
# unzipped app's --smoke check (what a user downloads is what was checked). Prints the zip's
# path last; in GitHub Actions also writes it as the step output "zip".
#   bash tools/release_zip.sh [OS]     (OS: Linux, Windows or macOS; default: this one's)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
os=${1:-$(uname -s | sed 's/^Darwin$/macOS/; s/^MINGW.*/Windows/; s/^MSYS.*/Windows/')}
ver=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' explorer/__init__.py)
[ -n "$ver" ] || { echo "no __version__ in explorer/__init__.py" >&2; exit 1; }
[ -d dist/SeatShareExplorer ] || { echo "no dist/SeatShareExplorer: run tools/build_and_smoke.sh first" >&2; exit 1; }
zip="dist/SeatShareExplorer-$ver-$os.zip"
rm -f "$zip"
"$PY" tools/package_zip.py pack dist/SeatShareExplorer "$zip"
. tools/debs.sh
tmp=$(native_tmpdir)
trap 'rm -rf "$tmp"' EXIT
"$PY" tools/package_zip.py unpack "$zip" "$tmp"
app="$tmp/SeatShareExplorer/SeatShareExplorer"
[ -f "$app" ] || app="$app.exe"
QT_QPA_PLATFORM=offscreen SEAT_SHARE_DATA_DIR="$tmp/data" "$app" --smoke
if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "zip=$zip" >>"$GITHUB_OUTPUT"; fi
echo "$zip"
