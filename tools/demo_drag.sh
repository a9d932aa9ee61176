#!/usr/bin/env bash
# Run the app under Xvfb at 1366x768, drag seats with the real mouse (xdotool), and save
# screenshots: docs/screenshot.png (after the drags). Needs xvfb, xdotool, imagemagick.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/screenshot.png}
disp=:77
Xvfb $disp -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $app $xvfb 2>/dev/null || true' EXIT
sleep 1
# the demo's autosave and settings (last folder, recent files, dock layout: an INI file in
# $SEAT_SHARE_DATA_DIR/settings) stay out of the user's; the window starts on the default layout
export SEAT_SHARE_DATA_DIR=$(mktemp -d)
DISPLAY=$disp QT_QPA_PLATFORM=xcb python3 -m explorer --size 1366x768 >/dev/null 2>&1 &
app=$!
export DISPLAY=$disp
for _ in $(seq 50); do win=$(xdotool search --name "Seat-share Explorer" 2>/dev/null | head -1) && [ -n "$win" ] && break; sleep 0.2; done
xdotool windowmove "$win" 0 0
sleep 2
drag() {  # drag from (x1,y1) to (x2,y2) in small steps, as a hand would
  xdotool mousemove "$1" "$2"; sleep 0.2
  xdotool mousedown 1; sleep 0.2
  for f in 0.1 0.3 0.5 0.7 0.9 1.0; do
    xdotool mousemove "$(python3 -c "print(int($1+($3-$1)*$f))")" "$(python3 -c "print(int($2+($4-$2)*$f))")"; sleep 0.1
  done
  sleep 0.3; xdotool mouseup 1; sleep 0.6
}
# the rows under the table header: row k (1-based) is at y = 173 + 21*(k-1) in a 1366x768 window
# (the scoreboard's alliance tile has a line under its figure: "leads in N")
drag 80 383 740 620    # 11 Ladwa -> Contested
xdotool mousemove 80 530; xdotool click 1; sleep 0.2   # 18 Pundri
xdotool keydown shift; xdotool mousemove 80 551; xdotool click 1; xdotool keyup shift; sleep 0.2  # + 19 Nilokheri
drag 80 540 740 230    # both -> AAP
sleep 1
import -window root "$out"
echo "saved $out"
