"""Reading a user's file within a bound, and the files a data set folder names.

``read_bounded(path, limit)`` opens the file once and checks the open file's size before
reading anything (a 1 GiB seat list is refused at once), then reads at most ``limit + 1``
bytes, so a device or a file that grows while it is read costs no more than the bound.
``read_head(path, limit)`` reads at most ``limit + 1`` bytes and leaves the refusal of a larger
file to the reader of the bytes (the corpus, the lineage, the known alliances, the kept blocs).

``FolderFiles`` reads the files a data set's manifest names: a name must be a relative path
of printable, valid Unicode text that stays inside the folder, also once symbolic links are
followed (a link to ``/dev/zero`` or to a file outside the folder is refused, a link between
two files of the folder is fine), and the file must be a regular file; all the files read from
one folder together stay under MAX_FOLDER_BYTES (a manifest naming one big file a thousand times
is refused, not read a thousand times). Every failure is a ``DataError`` naming the file."""
from __future__ import annotations

import os
import stat
from pathlib import PurePath

from .errors import DataError, Problem, quote
from .filenames import relative_file

MAX_NAME = 200  # characters in a file name a manifest gives
MAX_FOLDER_BYTES = 400_000_000  # read from one data set folder in all (the largest shipped: 0.4 MB)


def _mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


def _limit(n: int) -> str:
    return f"{n // 10**6} MB" if n % 10**6 == 0 else _mb(n)


def _over(size: int, limit: int) -> str:
    """'file is 1073.7 MB; the limit is 52.4 MB', in bytes where the two would read alike."""
    if _mb(size) == _limit(limit):
        return f"file is {size:,} bytes; the limit is {limit:,} bytes"
    return f"file is {_mb(size)}; the limit is {_limit(limit)}"


def read_head(path, limit: int, shown: str | None = None) -> bytes:
    """At most ``limit + 1`` bytes of ``path``: a reader of the bytes refuses a file past ``limit``
    in its own words. A DataError naming ``shown`` (default: the path) when it cannot be read."""
    try:
        with open(path, "rb") as f:
            return f.read(limit + 1)
    except OSError as e:
        raise DataError(Problem(shown or os.fspath(path), None, None, f"cannot read: {e.strerror or e}")) from None


def read_bounded(path, limit: int, shown: str | None = None, regular_only: bool = False) -> bytes:
    """The bytes of ``path``, at most ``limit`` of them, else a DataError naming ``shown``
    (default: the path). ``regular_only`` refuses devices, pipes and sockets before opening
    (a pipe would block the open); otherwise they are read up to the bound."""
    name = shown or str(path)

    def fail(message: str) -> DataError:
        return DataError(Problem(name, None, None, message))

    try:
        mode = os.stat(path).st_mode if regular_only else None
        if mode is None or stat.S_ISREG(mode):
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0)
                         | (getattr(os, "O_NONBLOCK", 0) if regular_only else 0))
    except UnicodeError:  # a name the file system cannot spell
        raise fail("cannot read: the file name is not valid text") from None
    except (OSError, ValueError) as e:  # ValueError: a NUL in the name
        raise fail(f"cannot read: {getattr(e, 'strerror', None) or e}") from None
    if mode is not None and stat.S_ISDIR(mode):
        raise fail("is a folder, not a file")
    if mode is not None and not stat.S_ISREG(mode):
        raise fail("is not a regular file (a device, pipe or socket)")
    with os.fdopen(fd, "rb") as f:
        try:
            st = os.fstat(f.fileno())
            data = None
            if not stat.S_ISDIR(st.st_mode) and (stat.S_ISREG(st.st_mode) or not regular_only) \
                    and st.st_size <= limit:
                data = f.read(limit + 1)  # a device or a growing file stops here
        except OSError as e:
            raise fail(f"cannot read: {e.strerror or e}") from None
    if stat.S_ISDIR(st.st_mode):
        raise fail("is a folder, not a file")
    if regular_only and not stat.S_ISREG(st.st_mode):
        raise fail("is not a regular file (a device, pipe or socket)")
    if data is None:
        raise fail(_over(st.st_size, limit))
    if len(data) > limit:
        raise fail(f"file is larger than the limit of {_limit(limit)} (it grew while being read, "
                   "or is not a regular file)")
    return data


class FolderFiles:
    """The files of one data set folder, read within bounds (see the module's notes).
    ``where`` names the folder in messages; ``root`` may be an importlib resource (the
    shipped data sets), read as it is: those files are the app's own."""

    def __init__(self, root, where: str):
        self.root = root
        self.where = where
        self.local = isinstance(root, PurePath)
        self.real = os.path.realpath(root) if self.local else None
        self.total = 0  # bytes read so far

    def shown(self, rel: str) -> str:
        return f"{self.where}/{rel}"

    def check_name(self, rel, label: str) -> str:
        """``rel`` if it is a usable file name inside the folder, else a DataError."""
        bad = None
        if not isinstance(rel, str) or not rel:
            bad = "expected a file name inside the data set folder"
        elif len(rel) > MAX_NAME:
            bad = f"a file name of {len(rel)} characters; the limit is {MAX_NAME}"
        elif any(ord(c) < 32 or ord(c) == 127 for c in rel):
            bad = "a file name holding control characters"
        else:
            try:
                rel.encode("utf-8")
            except UnicodeEncodeError:
                bad = "a file name that is not valid Unicode text (a lone surrogate)"
        inside = relative_file(rel) if bad is None else None  # Windows' rules everywhere: "a\\b.csv" is a/b.csv
        if bad is None and inside is None:
            bad = "expected a file name inside the data set folder"
        if bad:
            shown = quote(rel) if isinstance(rel, str) else f"a {type(rel).__name__}"
            if isinstance(rel, str):
                shown = shown.encode("utf-8", "backslashreplace").decode("utf-8")
            raise DataError(Problem(f"{self.where}/dataset.json", None, label, f"{bad}, found {shown}"))
        return inside

    def path(self, rel, label: str):
        """The checked path of ``rel``: inside the folder once links are followed, a regular file."""
        rel = self.check_name(rel, label)
        p = self.root.joinpath(rel)
        if not self.local:
            if not p.is_file():
                raise DataError(Problem(self.shown(rel), None, None, "cannot read: no such file"))
            return p
        try:
            real = os.path.realpath(p)
            inside = os.path.commonpath([self.real, real]) == self.real
        except (OSError, ValueError):  # another drive (Windows), or a name the system refuses
            inside = False
        if not inside:
            raise DataError(Problem(self.shown(rel), None, None,
                                    "is a link to a file outside the data set folder; copy the file into the folder"))
        try:
            st = os.stat(p)
        except OSError as e:
            raise DataError(Problem(self.shown(rel), None, None, f"cannot read: {e.strerror or e}")) from None
        if stat.S_ISDIR(st.st_mode):
            raise DataError(Problem(self.shown(rel), None, None, "is a folder, not a file"))
        if not stat.S_ISREG(st.st_mode):
            raise DataError(Problem(self.shown(rel), None, None, "is not a regular file (a device, pipe or socket)"))
        return p

    def read(self, rel, label: str, limit: int) -> bytes:
        p = self.path(rel, label)
        left = MAX_FOLDER_BYTES - self.total
        try:
            over = left < limit and os.stat(p).st_size > left
        except OSError:
            over = False  # read_bounded says why it cannot be read
        if over:
            raise DataError(Problem(self.shown(rel), None, None, f"the files this data set names come to more "
                                                                 f"than {_limit(MAX_FOLDER_BYTES)} in all"))
        limit = min(limit, left)
        if not self.local:
            data = p.read_bytes()
            if len(data) > limit:
                raise DataError(Problem(self.shown(rel), None, None,
                                        _over(len(data), limit)))
        else:
            data = read_bounded(p, limit, self.shown(rel), regular_only=True)
        self.total += len(data)
        return data

    def same(self, a: str, b: str) -> bool:
        """Whether two checked names name the same file of the folder."""
        return os.path.normcase(os.path.normpath(a.replace("\\", "/"))) == \
            os.path.normcase(os.path.normpath(b.replace("\\", "/")))
