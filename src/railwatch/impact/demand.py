"""Demand files: CSV with the header origin,destination,trains_per_day (node ids)."""

from __future__ import annotations

import csv
import math
import os
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from railwatch.impact.closures import unknown_id_message

if TYPE_CHECKING:
    from railwatch.network.model import RailNetwork

HEADER = ("origin", "destination", "trains_per_day")


class DemandError(ValueError):
    """A demand file that cannot be used; the message names the file, line and field."""


def read_demand(path: str | os.PathLike, network: RailNetwork) -> pd.DataFrame:
    """Read and check a demand CSV against `network`; every problem is listed at once."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise DemandError(f"{path}: file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DemandError(f"{path}: cannot read ({exc})") from None
    reader = csv.reader(text.splitlines())
    header = next(reader, None)
    if header is None:
        raise DemandError(f"{path}: empty file; expected the header {','.join(HEADER)}")
    header = [h.strip() for h in header]
    missing = [h for h in HEADER if h not in header]
    if missing:
        raise DemandError(
            f"{path}: line 1: missing column(s) {', '.join(missing)}; "
            f"expected the header {','.join(HEADER)}"
        )
    col = {name: header.index(name) for name in HEADER}
    rows, errors = [], []
    index = network.compiled.node_index
    for line_no, record in enumerate(reader, start=2):
        if not record or all(not cell.strip() for cell in record):
            continue
        cells = {name: (record[i].strip() if i < len(record) else "") for name, i in col.items()}
        for field in ("origin", "destination"):
            if cells[field] not in index:
                what = (
                    unknown_id_message(network, cells[field], "node")
                    if cells[field]
                    else ("empty node id")
                )
                errors.append(f"{path}: line {line_no}: {field}: {what}")
        try:
            trains = float(cells["trains_per_day"])
        except ValueError:
            errors.append(
                f"{path}: line {line_no}: trains_per_day: expected a number, "
                f"got {cells['trains_per_day']!r}"
            )
            continue
        if not math.isfinite(trains) or trains < 0:
            errors.append(
                f"{path}: line {line_no}: trains_per_day: expected a number >= 0, got {trains:g}"
            )
            continue
        if cells["origin"] == cells["destination"] and cells["origin"]:
            errors.append(f"{path}: line {line_no}: origin and destination are the same")
            continue
        rows.append((cells["origin"], cells["destination"], trains))
    if errors:
        raise DemandError("\n".join(errors))
    if not rows:
        raise DemandError(f"{path}: no demand rows after the header")
    return pd.DataFrame(rows, columns=list(HEADER))
