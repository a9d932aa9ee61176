#!/usr/bin/env bash
# The release of a tag on GitHub, with the GitHub CLI (gh, on every GitHub-hosted runner;
# GH_TOKEN from the workflow):
#   bash tools/release_upload.sh TAG            make the release TAG unless it exists
#   bash tools/release_upload.sh TAG ZIP...     attach the zips to it (a re-run replaces them)
# --dry-run first: check the arguments and the zips and print the gh commands instead of
# running them (.ci/run does this; it has no GitHub to talk to).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
run=()
if [ "${1:-}" = "--dry-run" ]; then run=(echo "would run:"); shift; fi
tag=${1:?usage: release_upload.sh [--dry-run] TAG [ZIP...]}
shift
case "$tag" in
  v[0-9]*) ;;
  *) echo "release_upload: '$tag' is not a release tag (v1.2.3)" >&2; exit 1 ;;
esac
ver=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' explorer/__init__.py)
[ "${tag#v}" = "$ver" ] || echo "release_upload: warning: tag $tag, but explorer/__init__.py says $ver" >&2
if [ $# -eq 0 ]; then
  if [ ${#run[@]} -eq 0 ] && gh release view "$tag" >/dev/null 2>&1; then
    echo "release $tag exists"
    exit 0
  fi
  ${run[@]+"${run[@]}"} gh release create "$tag" --verify-tag --title "Seat-share Explorer $ver" \
    --notes "Unzip the file for your system and run SeatShareExplorer (SeatShareExplorer.exe on Windows). Offline; nothing to install. Built from $tag by .github/workflows/release.yml; each zip passed the app's --smoke check after unzipping."
  exit 0
fi
for z in "$@"; do
  [ -f "$z" ] || { echo "release_upload: no file $z" >&2; exit 1; }
  "$PY" -m zipfile -t "$z" >/dev/null || { echo "release_upload: $z is not a good zip" >&2; exit 1; }
done
${run[@]+"${run[@]}"} gh release upload "$tag" "$@" --clobber
