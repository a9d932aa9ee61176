"""Atomic file writing shared by every writer of the app (scenarios, rules, autosaves, exports).

``atomic_write_bytes(path, data)``:

- writes a temporary file beside the file, flushes and fsyncs it, renames it over the file and
  fsyncs the folder: a crash or a full disk at any moment leaves either the old file or the
  new one, never a mix;
- follows a symlink and replaces the file it points to (the link stays a link);
- refuses to replace a file the user cannot write (as QSaveFile does);
- keeps an existing file's permission bits (and, where allowed, its group); a new file gets
  the usual ``0666`` less the umask, like any other program's; ``private=True`` (autosaves)
  makes the file ``0600`` whatever it was;
- names its temporary files ``.<name>.sse-<pid>-<host>-<random>.tmp``, and before each save of
  a file removes that file's temporary files left by an interrupted save (only names of this
  exact pattern, only beside that file): those of a process that no longer runs on this
  machine, or older than an hour if written from another machine (a shared drive). On Windows
  a temporary file still being written cannot be removed, so any other is stale.

On Windows (README, "Windows"): a folder cannot be opened to be fsynced (the rename is
flushed with the file system's own journal); there is no fchmod/fchown (the new file gets the
folder's ACL, as every Windows program's does); and the rename fails while another program
holds the file open without sharing it for deletion (Excel with the exported CSV open; a
virus scanner or the search indexer reading a file just written, for a moment): the rename is
tried again for about two seconds, then the save fails with a message saying to close the file
in the other program, the previous file unchanged and the temporary file removed.
"""
from __future__ import annotations

import errno
import hashlib
import os
import re
import secrets
import socket
import stat
import time
from pathlib import Path

TEMP_MARK = ".sse-"
FOREIGN_STALE_S = 3600  # a temporary file from another machine is stale after this long
_LONG_NAME = 150        # a longer file name is shortened (plus a hash) in its temporary name

POSIX = os.name == "posix"  # else Windows (tests/test_portability.py sets it False to simulate it)
REPLACE_TRIES = 8       # Windows: renames tried over 0.05 + 0.10 + ... + 0.40 s = 1.8 s
REPLACE_WAIT_S = 0.05
HELD_OPEN = "another program has the file open (Excel?): close it there and save again"

_in_flight: set[str] = set()  # this process's temporary files being written right now


def _host_tag() -> str:
    return hashlib.sha1(socket.gethostname().encode("utf-8", "surrogatepass")).hexdigest()[:6]


def _shown(name: str) -> str:
    if len(name) <= _LONG_NAME:
        return name
    return name[:_LONG_NAME - 10] + "~" + hashlib.sha1(name.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def temp_pattern(target: str | os.PathLike) -> re.Pattern:
    """The names of the temporary files of saves of ``target`` (a file name or path)."""
    return re.compile(re.escape(f".{_shown(Path(target).name)}{TEMP_MARK}")
                      + r"(?P<pid>\d{1,10})-(?P<host>[0-9a-f]{6})-[0-9a-z]{8}\.tmp")


def _temp_name(target: Path) -> str:
    rand = "".join(secrets.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(8))
    return f".{_shown(target.name)}{TEMP_MARK}{os.getpid()}-{_host_tag()}-{rand}.tmp"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def stale_temp_files(target: str | os.PathLike) -> list[Path]:
    """Temporary files of ``target``'s interrupted saves, beside it (``target`` resolved already)."""
    target = Path(os.path.abspath(target))
    pat = temp_pattern(target)
    host = _host_tag()
    out = []
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return out
    for e in entries:
        m = pat.fullmatch(e.name)
        if not m or os.path.join(target.parent, e.name) in _in_flight:
            continue
        try:
            if not e.is_file(follow_symlinks=False):
                continue
            age = time.time() - e.stat(follow_symlinks=False).st_mtime
        except OSError:
            continue
        pid = int(m["pid"])
        if not POSIX:
            stale = True  # a file being written is open, and Windows refuses to remove it
        elif m["host"] != host:
            stale = age > FOREIGN_STALE_S
        else:
            stale = pid == os.getpid() or not _pid_alive(pid)
        if stale:
            out.append(Path(e.path))
    return out


def remove_stale_temp_files(target: str | os.PathLike) -> None:
    """Remove the temporary files of ``target``'s interrupted saves (each save does this
    first; callable for a file that will not be saved again, e.g. a recovered autosave)."""
    for p in stale_temp_files(_resolve(Path(target))):
        try:
            p.unlink()
        except OSError:
            pass  # in use or not ours to remove: left for a later save


def _resolve(path: Path) -> Path:
    """The file a save of ``path`` replaces: a symlink's target (even a dangling one)."""
    return Path(os.path.realpath(path) if path.is_symlink() else os.path.abspath(path))


def _fsync_dir(folder: Path) -> None:
    if not POSIX:
        return  # Windows cannot open a folder (no O_DIRECTORY); NTFS journals the rename
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a folder; the rename itself has happened
    finally:
        os.close(fd)


def _replace(tmp: str, target: Path) -> None:
    """os.replace, tried again on Windows while another program holds the target open."""
    for attempt in range(REPLACE_TRIES):
        try:
            os.replace(tmp, target)
            return
        except PermissionError:
            if POSIX:
                raise  # POSIX: the folder is not writable; waiting changes nothing
            time.sleep(REPLACE_WAIT_S * (attempt + 1))
    raise OSError(errno.EACCES, HELD_OPEN)


def atomic_write_bytes(path: str | os.PathLike, data: bytes, private: bool = False) -> None:
    """Replace ``path`` with ``data`` atomically (see the module's docstring). Raises OSError
    naming ``path`` (never the temporary file); on any failure the previous file is unchanged."""
    shown = str(path)
    target = _resolve(Path(path))
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as e:
        raise OSError(e.errno, e.strerror, shown) from None
    if st is not None and not stat.S_ISREG(st.st_mode):
        code = errno.EISDIR if stat.S_ISDIR(st.st_mode) else errno.EINVAL
        raise OSError(code, "not a regular file" if code == errno.EINVAL else os.strerror(code), shown)
    if st is not None and not os.access(target, os.W_OK):  # as QSaveFile: a read-only file stays
        raise OSError(errno.EACCES, "the file is read-only", shown)
    remove_stale_temp_files(target)
    for attempt in range(5):
        tmp = os.path.join(target.parent, _temp_name(target))
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                         0o600 if private else 0o666)  # a new file: the kernel applies the umask
            break
        except FileExistsError:
            if attempt == 4:
                raise OSError(errno.EEXIST, "cannot create a temporary file", shown) from None
        except OSError as e:
            raise OSError(e.errno, e.strerror, shown) from None
    _in_flight.add(tmp)
    try:
        try:
            if hasattr(os, "fchmod"):
                if private:
                    os.fchmod(fd, 0o600)
                elif st is not None:
                    if hasattr(os, "fchown") and st.st_gid != os.fstat(fd).st_gid:
                        try:
                            os.fchown(fd, -1, st.st_gid)
                        except OSError:
                            pass  # not a member of that group: the file keeps ours
                    os.fchmod(fd, stat.S_IMODE(st.st_mode))  # after chown, which may clear setgid
            view = memoryview(data)
            while view:
                n = os.write(fd, view)
                if n <= 0:  # a device that takes nothing: never loop for ever
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
                view = view[n:]
            os.fsync(fd)
        finally:
            os.close(fd)
        _replace(tmp, target)
    except BaseException as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(e, OSError):
            raise OSError(e.errno, e.strerror or str(e), shown) from None
        raise
    finally:
        _in_flight.discard(tmp)
    _fsync_dir(target.parent)
