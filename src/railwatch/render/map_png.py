"""Writing a figure as PNG atomically (a temp file renamed into place)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from matplotlib.figure import Figure

from railwatch.render.map_errors import MapError


def _file_mode(path: Path) -> int:
    """The mode the file has now, or the one a new file would get under the current umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_png(fig: Figure, path: str | os.PathLike, *, dpi: int = 150) -> Path:
    """Save `fig` as PNG through a temporary file in the same folder, then rename it into place."""
    path = Path(path)
    parent = path.parent
    if not parent.is_dir():
        raise MapError(f"{path}: cannot write the map: folder {parent} does not exist")
    if path.is_dir():
        raise MapError(f"{path}: cannot write the map: that is a folder, expected a .png file name")
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
        with os.fdopen(fd, "wb") as fh:
            fig.savefig(fh, format="png", dpi=dpi, facecolor=fig.get_facecolor())
        os.chmod(tmp, _file_mode(path))  # mkstemp makes 0600; a map is for sharing
        os.replace(tmp, path)
    except OSError as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise MapError(f"{path}: cannot write the map ({exc.strerror or exc})") from exc
    except BaseException:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise
    return path
