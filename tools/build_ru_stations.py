"""Ship the national station tables as package data, unchanged but compressed.

Reads ``ru_stations_esr.tsv`` and ``ru_station_adjacency.csv`` from the shared reference
folder (``--reference``, default ``../shared/reference`` beside the repository) and writes
them gzip-compressed, byte for byte, into ``src/railwatch/network/data/`` next to their
licence notice. The gzip header carries no file name or time, so a rebuild is reproducible.

    python tools/build_ru_stations.py [--reference DIR]
"""

from __future__ import annotations

import argparse
import gzip
import io
import os
import tempfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_REFERENCE = REPO_ROOT.parent / "shared" / "reference"
DATA_DIR = REPO_ROOT / "src" / "railwatch" / "network" / "data"
FILES = ("ru_stations_esr.tsv", "ru_station_adjacency.csv")


def compress_reproducibly(raw: bytes) -> bytes:
    """Gzip ``raw`` with no name and a zero mtime, so equal input gives equal bytes."""
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9, mtime=0, filename="") as gz:
        gz.write(raw)
    return buffer.getvalue()


def write_atomic(path: Path, payload: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "wb") as handle:
        handle.write(payload)
    os.replace(tmp, path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE)
    args = parser.parse_args()
    for name in FILES:
        raw = (args.reference / name).read_bytes()
        target = DATA_DIR / f"{name}.gz"
        write_atomic(target, compress_reproducibly(raw))
        print(f"{target.relative_to(REPO_ROOT)}: {len(raw):,} bytes -> {target.stat().st_size:,}")


if __name__ == "__main__":
    main()
