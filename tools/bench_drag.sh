#!/bin/sh
# Real drags (QTest under Xvfb, xcb): release -> next paint, 1/10/90 seats from the table and from a pool,
# and Qt's own QListWidget drag in the same run as the reference.
# Usage: tools/bench_drag.sh [--qt-default-drag]
cd "$(dirname "$0")/.." || exit 1
QT_QPA_PLATFORM=xcb exec xvfb-run -a -s "-screen 0 1366x768x24" python tools/bench_drag.py "$@"
