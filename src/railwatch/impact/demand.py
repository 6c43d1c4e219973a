"""Demand: origin-destination flows in trains per day, read and checked in one place.

A demand CSV has the header ``origin,destination,trains_per_day`` (node ids); a scenario
may give the same rows inline, and Python callers a table. All three go through
`check_demand`, so they obey the same rules: ids are non-empty text naming nodes of the
network, ``trains_per_day`` is a finite number from 0 to `MAX_TRAINS_PER_DAY`, origin and
destination differ, and each pair appears once (a repeated pair is an error naming both
places, never summed or dropped silently). Every problem is reported at once.
"""

from __future__ import annotations

import csv
import math
import numbers
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from railwatch.impact.closures import unknown_id_message
from railwatch.network.names import AmbiguousName, resolve_name

if TYPE_CHECKING:
    from railwatch.network.model import RailNetwork

HEADER = ("origin", "destination", "trains_per_day")
# No line carries more; a bigger figure is a typo or a unit mix-up (trains per year).
MAX_TRAINS_PER_DAY = 10_000.0
MAX_FILE_BYTES = 50 * 1024 * 1024


class DemandError(ValueError):
    """Demand that cannot be used; `errors` lists every problem, each naming where it is."""

    def __init__(self, errors: list[str]):
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))


def _node_id(
    value: Any, network: RailNetwork | None, node_index: Mapping[str, int] | None
) -> tuple[str | None, str | None]:
    """(id, None) for a usable node id, else (None, what is wrong)."""
    if isinstance(value, bool) or not isinstance(value, str):
        return None, f"expected a node id (text), got {value!r}"
    text = value.strip()
    if not text:
        return None, "expected a node id, got an empty value"
    if network is not None and node_index is not None and text not in node_index:
        # a station name or alias stands for its node; a shared name lists its candidates
        try:
            found = resolve_name(network, text, ("node",))
        except AmbiguousName as exc:
            return None, str(exc)
        if found is None:
            return None, unknown_id_message(network, text, "node")
        return found[1], None
    return text, None


def _trains(value: Any) -> tuple[float | None, str | None]:
    """(trains per day, None) for a usable figure, else (None, what is wrong)."""
    expected = f"expected a number from 0 to {MAX_TRAINS_PER_DAY:g}"
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None, f"{expected}, got an empty value"
        try:
            number = float(text)
        except ValueError:
            return None, f"{expected}, got {value!r}"
    elif isinstance(value, bool) or not isinstance(value, numbers.Real):
        if value is None:
            return None, f"{expected}, got an empty value"
        return None, f"{expected}, got {value!r}"
    else:
        try:
            number = float(value)
        except OverflowError:  # an integer too large for a float
            return None, f"{expected}, got a {len(str(abs(value)))}-digit number"
    if math.isnan(number):
        return None, f"{expected}, got NaN (empty or not a number)"
    if not math.isfinite(number) or number < 0 or number > MAX_TRAINS_PER_DAY:
        return None, f"{expected}, got {number:g}"
    return number, None


def check_demand(
    rows: Iterable[tuple[str, Mapping[str, Any]]],
    network: RailNetwork | None = None,
    *,
    repeated_pairs: bool = False,
) -> pd.DataFrame:
    """A checked demand table from (where, row) pairs; raises DemandError listing all problems.

    `where` names the row in messages ("demand.csv: line 3", "demand[2]"). With a
    `network`, origins and destinations must be its nodes. `repeated_pairs=True` lets a
    pair appear on several rows, each its own flow (for tables built in code, where the
    algorithms answer row by row); files and scenarios never allow it.
    """
    errors: list[str] = []
    # Once, not per row: each `compiled` access re-checks the tables it was built from.
    node_index = None if network is None else network.compiled.node_index
    out: list[tuple[str, str, float]] = []
    first_seen: dict[tuple[str, str], str] = {}
    for where, row in rows:
        if not isinstance(row, Mapping):
            errors.append(f"{where}: expected origin, destination and trains_per_day, got {row!r}")
            continue
        missing = [name for name in HEADER if name not in row]
        if missing:
            errors.append(f"{where}: missing {', '.join(missing)}")
            continue
        origin, problem_o = _node_id(row["origin"], network, node_index)
        dest, problem_d = _node_id(row["destination"], network, node_index)
        trains, problem_t = _trains(row["trains_per_day"])
        for name, problem in (
            ("origin", problem_o),
            ("destination", problem_d),
            ("trains_per_day", problem_t),
        ):
            if problem:
                errors.append(f"{where}: {name}: {problem}")
        if origin is None or dest is None:
            continue
        if origin == dest:
            errors.append(f"{where}: origin and destination are the same ({origin!r})")
            continue
        pair = (origin, dest)
        if pair in first_seen and not repeated_pairs:
            errors.append(
                f"{where}: the pair {origin} -> {dest} is already given at {first_seen[pair]}; "
                "give each pair once (add the figures up yourself if both are meant)"
            )
            continue
        first_seen.setdefault(pair, where)
        if trains is not None:
            out.append((origin, dest, trains))
    if not errors and not out:
        errors.append("no demand rows: expected at least one origin-destination pair")
    if errors:
        raise DemandError(errors)
    frame = pd.DataFrame(out, columns=list(HEADER))
    frame["trains_per_day"] = frame["trains_per_day"].astype(float)
    return frame


def demand_rows_from_table(demand: Any) -> list[tuple[str, Mapping[str, Any]]]:
    """(where, row) pairs from a DataFrame, a dict of columns or a list of row dicts."""
    frame = pd.DataFrame(demand)
    missing = [name for name in HEADER if name not in frame.columns]
    if missing:
        raise DemandError([f"demand: missing column(s) {', '.join(missing)}"])
    records = frame[list(HEADER)].to_dict("records")
    return [
        (f"demand row {i}", {str(k): v for k, v in record.items()})
        for i, record in enumerate(records)
    ]


def read_demand_rows(path: str | os.PathLike) -> list[tuple[str, Mapping[str, Any]]]:
    """(where, row) pairs of a demand CSV, where = 'FILE: line N'; raises DemandError.

    Blank lines and lines starting with '#' are skipped.
    """
    path = Path(path)
    try:
        if path.exists() and not path.is_file():
            raise DemandError([f"{path}: not a regular file"])
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise DemandError([f"{path}: file not found"]) from None
    except OSError as exc:
        raise DemandError([f"{path}: cannot read ({exc.strerror or exc})"]) from None
    if len(raw) > MAX_FILE_BYTES:
        raise DemandError([f"{path}: larger than {MAX_FILE_BYTES // 2**20} MB"])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DemandError([f"{path}: not UTF-8 text (byte {exc.start})"]) from None
    lines = [
        (number, line)
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not lines:
        raise DemandError([f"{path}: empty file; expected the header {','.join(HEADER)}"])
    try:
        records = list(csv.reader([line for _, line in lines]))
    except csv.Error as exc:
        raise DemandError([f"{path}: not a readable CSV ({exc})"]) from None
    if len(records) != len(lines):  # a quoted cell that runs over a line break
        raise DemandError([f"{path}: a quoted cell spans lines; every row is one line"])
    header_line, header = lines[0][0], [cell.strip() for cell in records[0]]
    missing = [name for name in HEADER if name not in header]
    if missing:
        raise DemandError(
            [
                f"{path}: line {header_line}: missing column(s) {', '.join(missing)}; "
                f"expected the header {','.join(HEADER)}"
            ]
        )
    column = {name: header.index(name) for name in HEADER}
    rows: list[tuple[str, Mapping[str, Any]]] = []
    for (number, _), record in zip(lines[1:], records[1:], strict=True):
        cells = {name: record[i] if i < len(record) else "" for name, i in column.items()}
        rows.append((f"{path}: line {number}", cells))
    return rows


def read_demand(path: str | os.PathLike, network: RailNetwork | None = None) -> pd.DataFrame:
    """Read and check a demand CSV (against `network` when given); every problem at once."""
    rows = read_demand_rows(path)
    try:
        return check_demand(rows, network)
    except DemandError as exc:
        if exc.errors and exc.errors[0].startswith("no demand rows"):
            raise DemandError([f"{path}: no demand rows after the header"]) from None
        raise
