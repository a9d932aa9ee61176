"""Drag-and-drop payload: seat ids (ac_no) in a custom MIME type."""
from __future__ import annotations

from PySide6.QtCore import QMimeData

SEATS_MIME = "application/x-seat-share-seats"


def seats_mime(ac_nos) -> QMimeData:
    md = QMimeData()
    ids = list(dict.fromkeys(int(a) for a in ac_nos))
    md.setData(SEATS_MIME, ",".join(map(str, ids)).encode("ascii"))
    md.setText(", ".join(map(str, ids)))  # a drop into a text editor gives the seat numbers
    return md


def seats_from_mime(md: QMimeData | None) -> list[int]:
    if md is None or not md.hasFormat(SEATS_MIME):
        return []
    raw = bytes(md.data(SEATS_MIME)).decode("ascii", "replace")
    out = []
    for tok in raw.split(","):
        tok = tok.strip()
        if tok.isdigit():
            out.append(int(tok))
    return out
