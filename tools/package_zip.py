"""Zip the packaged app for a release, and unzip it, the same on Linux, macOS and Windows.

    python tools/package_zip.py pack dist/SeatShareExplorer dist/SeatShareExplorer-0.1.0-Linux.zip
    python tools/package_zip.py unpack dist/SeatShareExplorer-0.1.0-Linux.zip /tmp/x

The zip holds one top folder (the app's). A symlink is stored as a link (its target as the
entry's text, mode S_IFLNK: what Info-ZIP's unzip and macOS's Archive Utility restore), never
as a second copy of its target; files keep their permission bits (the executable stays
executable). ``unpack`` restores both, and refuses an entry that would land outside the
folder (an absolute path, "..", a drive letter). Only the standard library: the workflow runs
it with any Python, before a virtual environment exists.
"""
from __future__ import annotations

import os
import stat
import sys
import time
import zipfile
from pathlib import Path, PurePosixPath


def pack(src: Path, out: Path) -> int:
    """Zip the folder ``src`` as ``out``; returns the number of entries."""
    src = src.resolve()
    n = 0
    tmp = out.with_name(out.name + ".part")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        for folder, dirs, files in os.walk(src):
            dirs.sort()
            here = Path(folder)
            for name in sorted(dirs) + sorted(files):
                p = here / name
                arc = PurePosixPath(src.name, *p.relative_to(src).parts)
                st = os.lstat(p)
                if stat.S_ISLNK(st.st_mode):
                    info = zipfile.ZipInfo(str(arc), time.localtime(max(st.st_mtime, 315532800))[:6])
                    info.create_system = 3  # Unix: the mode below is read
                    info.external_attr = (stat.S_IFLNK | 0o777) << 16
                    z.writestr(info, os.readlink(p).replace(os.sep, "/"))
                    if name in dirs:
                        dirs.remove(name)  # a linked folder: the link, not its files again
                elif stat.S_ISDIR(st.st_mode):
                    continue  # folders come with their files
                else:
                    info = zipfile.ZipInfo.from_file(p, str(arc))
                    info.create_system = 3
                    info.external_attr = (stat.S_IFREG | stat.S_IMODE(st.st_mode) | 0o644) << 16
                    info.compress_type = zipfile.ZIP_DEFLATED
                    with open(p, "rb") as f, z.open(info, "w") as w:
                        while chunk := f.read(1 << 20):
                            w.write(chunk)
                n += 1
    os.replace(tmp, out)
    return n


def unpack(zip_path: Path, dest: Path) -> int:
    """Unzip ``zip_path`` into ``dest``, restoring symlinks and permission bits."""
    dest = dest.resolve()
    n = 0
    with zipfile.ZipFile(zip_path) as z:
        for info in z.infolist():
            parts = PurePosixPath(info.filename).parts
            if info.filename.startswith(("/", "\\")) or ".." in parts or any(":" in p or "\\" in p for p in parts):
                raise SystemExit(f"{zip_path}: refusing the entry {info.filename!r} (outside the folder)")
            target = dest.joinpath(*parts)
            mode = info.external_attr >> 16
            if info.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            if stat.S_ISLNK(mode) and os.name == "posix":
                os.symlink(z.read(info).decode("utf-8"), target)
            else:
                with z.open(info) as r, open(target, "wb") as w:
                    while chunk := r.read(1 << 20):
                        w.write(chunk)
                if os.name == "posix" and stat.S_IMODE(mode):
                    os.chmod(target, stat.S_IMODE(mode))
            n += 1
    return n


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[0] not in ("pack", "unpack"):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    cmd, a, b = argv
    if cmd == "pack":
        n = pack(Path(a), Path(b))
        print(f"zip: {b}: {n} entries, {Path(b).stat().st_size / 2**20:.1f} MiB")
    else:
        n = unpack(Path(a), Path(b))
        print(f"unzip: {n} entries into {b}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
