"""Atomic file writes: the old file stays whole until the new one is complete.

Every output file is written to a temporary file beside it, flushed to disk, then renamed over
the target. Temporary files carry one recognisable prefix, so the debris a killed process
leaves is found and removed by the next write into the same directory. A write that fails
(permission, read-only file system, disk full) raises `WriteError`: one line naming the file,
the cause, and that the old file is unchanged.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

TEMP_PREFIX = ".railwatch-tmp-"
# A temporary file is named .railwatch-tmp-<pid>-<target>.<random>: when that process is gone
# the file is debris at once. One whose pid cannot be read (or was reused) is debris once it
# is older than this: the longest write (a GeoPackage of the national network) takes seconds.
STALE_SECONDS = 3600.0
_PID = re.compile(rf"{re.escape(TEMP_PREFIX)}(\d+)-")

_CAUSES = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is exceeded",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
}


class WriteError(OSError):
    """A file could not be written; the message names it and says the old one is intact."""


def _cause(exc: OSError) -> str:
    return _CAUSES.get(exc.errno or 0, exc.strerror or type(exc).__name__)


def _writer_is_gone(name: str) -> bool:
    match = _PID.match(name)
    if not match:
        return False
    pid = int(match.group(1))
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except (PermissionError, OverflowError):
        return False  # alive under another user
    return False


def sweep_stale_temporaries(directory: Path, *, older_than: float = STALE_SECONDS) -> list[Path]:
    """Remove temporary files a killed writer left in `directory`; returns what was removed."""
    removed: list[Path] = []
    cutoff = time.time() - older_than
    try:
        candidates = list(directory.glob(f"{TEMP_PREFIX}*"))
    except OSError:
        return removed
    for candidate in candidates:
        try:
            info = candidate.lstat()
            stale = info.st_mtime < cutoff or _writer_is_gone(candidate.name)
            if stat.S_ISREG(info.st_mode) and stale:
                candidate.unlink()
                removed.append(candidate)
        except OSError:
            continue  # another process got there first, or the directory is read-only
    return removed


def refuse_read_only(path: Path) -> None:
    """Raise WriteError when `path` exists and is marked read-only (even for root, who may
    write anyway): a user who made a file read-only does not want it replaced."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise WriteError(f"{path}: cannot write ({_cause(exc)})") from None
    if stat.S_ISREG(mode) and not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise WriteError(f"{path}: the file is read-only; not written (chmod u+w to allow it)")


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike, *, suffix: str | None = None) -> Iterator[Path]:
    """A temporary path to write to; renamed over `path` when the block ends without error.

    The temporary file does not exist yet when the block starts (GDAL refuses to write into
    an existing empty file). On any error it is removed and the old `path` is left as it was.
    """
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(f"{target}: cannot create its directory ({_cause(exc)})") from None
    refuse_read_only(target)
    sweep_stale_temporaries(target.parent)
    try:
        fd, name = tempfile.mkstemp(
            prefix=f"{TEMP_PREFIX}{os.getpid()}-{target.name}.",
            suffix=suffix if suffix is not None else target.suffix,
            dir=target.parent,
        )
        os.close(fd)
        os.unlink(name)
    except OSError as exc:
        raise WriteError(f"{target}: cannot write ({_cause(exc)}); nothing changed") from None
    tmp = Path(name)
    try:
        yield tmp
        os.replace(tmp, target)
    except OSError as exc:
        if isinstance(exc, WriteError):
            raise
        raise WriteError(
            f"{target}: cannot write ({_cause(exc)}); the old file is unchanged"
        ) from None
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


def write_bytes_atomic(path: str | os.PathLike, data: bytes) -> Path:
    """Write `data` to `path` atomically (flushed to disk before the rename)."""
    with atomic_path(path) as tmp:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
    return Path(path)


def write_text_atomic(path: str | os.PathLike, text: str) -> Path:
    """Write `text` as UTF-8 to `path` atomically."""
    return write_bytes_atomic(path, text.encode("utf-8"))
