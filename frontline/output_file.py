"""Writing a result to the path an analyst names, without harming what is there.

A regular file is written beside its destination and moved onto it only when complete, so a
failed run never leaves half a file under its name; the file keeps its permissions (a mode-600
export stays 600). A symbolic link is written through: its target is replaced, the link stays.
A FIFO, a terminal or a device (`/dev/null`, `/dev/stdout`) is not a file to replace: the result
is written to it, as `>` in a shell would, after it is complete.
"""
from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO


def _existing_mode(path: Path) -> int | None:
    try:
        return os.stat(path).st_mode
    except FileNotFoundError:
        return None


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A path to write the whole result to; on success it becomes `path` (see the module's rules).

    Raises IsADirectoryError for a folder and FileNotFoundError when the folder does not exist."""
    target = Path(os.path.realpath(path))
    mode = _existing_mode(target)
    if mode is not None and stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(path))
    if not target.parent.is_dir():
        raise FileNotFoundError(errno.ENOENT, "no such folder", str(target.parent))
    if mode is not None and not stat.S_ISREG(mode):
        with tempfile.TemporaryDirectory(prefix="frontline-") as folder:
            part = Path(folder) / target.name
            yield part
            with part.open("rb") as source, open(target, "wb") as sink:
                shutil.copyfileobj(source, sink)
        return
    part = target.with_name(f".{target.name}.part")
    try:
        # made empty with the target's permissions before a byte is written: a private file's
        # contents are never readable by others, not even while they are being written
        fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666 if mode is None else stat.S_IMODE(mode))
        try:
            if mode is not None:
                os.fchmod(fd, stat.S_IMODE(mode))
        finally:
            os.close(fd)
        yield part
        if mode is not None:  # a writer may have made the file anew (DuckDB's parquet does)
            os.chmod(part, stat.S_IMODE(mode))
        os.replace(part, target)
    finally:
        part.unlink(missing_ok=True)


@contextlib.contextmanager
def text_output(path: Path | None, out: IO[str] | None = None) -> Iterator[IO[str]]:
    """A text stream to `path` (by `replacing`), or to `out` or stdout for None or "-"."""
    if path is None or str(path) == "-":
        yield out or sys.stdout
        return
    with replacing(path) as part, part.open("w", encoding="utf-8", newline="") as handle:
        yield handle
