"""Whether a file on disk is still the one the app last read or wrote there.

A scenario remembers the SHA-256 of its file when it is opened and each time it is saved.
Before the next save, ``disk_change`` compares that with the file as it is now: another window
or another program that wrote the file in the meantime (or moved it away) is found, and the
save asks instead of overwriting that work."""
from __future__ import annotations

import hashlib

CHANGED = "changed"   # the file holds something else now
REMOVED = "removed"   # there is no file at the path any more


def file_digest(path) -> str | None:
    """The SHA-256 of the file at ``path`` (None when it cannot be read), read in blocks."""
    try:
        with open(path, "rb") as f:
            return hashlib.file_digest(f, "sha256").hexdigest()
    except (OSError, TypeError, ValueError):
        return None


def disk_change(path, recorded: str | None) -> str | None:
    """``CHANGED`` or ``REMOVED`` when the file at ``path`` is no longer the one whose digest
    was ``recorded``; None when it is (or when nothing was recorded: nothing to compare)."""
    if not recorded:
        return None
    now = file_digest(path)
    if now is None:
        import os
        return REMOVED if not os.path.lexists(path) else CHANGED
    return None if now == recorded else CHANGED
