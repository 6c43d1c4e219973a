"""Durations ("73h", "1d 5h", "90min") and points in time for scenario files."""

from __future__ import annotations

import datetime as dt
import re

_PART = re.compile(r"(\d+(?:\.\d+)?)\s*(d|h|min)", re.IGNORECASE)
_HOURS_PER_UNIT = {"d": 24.0, "h": 1.0, "min": 1.0 / 60.0}


def parse_duration_hours(value: object) -> float:
    """Hours in a duration written with units: '73h', '3d', '1d 5h', '90min', '1.5d'.

    Bare numbers are refused on purpose: a scenario is easier to read when every
    duration says its unit. Raises ValueError with what was expected.
    """
    if isinstance(value, bool) or not isinstance(value, str):
        raise ValueError(f"expected a duration with a unit such as 73h, 3d or 90min, got {value!r}")
    text = value.strip().lstrip("+")
    pos = 0
    hours = 0.0
    found = False
    for match in _PART.finditer(text):
        if text[pos : match.start()].strip():
            break
        hours += float(match.group(1)) * _HOURS_PER_UNIT[match.group(2).lower()]
        pos = match.end()
        found = True
    if not found or text[pos:].strip():
        raise ValueError(f"expected a duration with a unit such as 73h, 3d or 90min, got {value!r}")
    return hours


def parse_instant(value: object) -> dt.datetime:
    """A point in time: an ISO date or date-time (YAML may already have parsed it).

    Times with a zone are converted to UTC; times without one are taken as UTC. Only
    differences between instants matter to the simulation.
    """
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        moment = dt.datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        try:
            moment = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(
                f"expected a date or date-time like 2023-11-29T17:20+03:00, got {value!r}"
            ) from None
    else:
        raise ValueError(f"expected a date or date-time like 2023-11-29T17:20+03:00, got {value!r}")
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return moment


def looks_like_duration(value: object) -> bool:
    """True for text that parses as a duration (used to tell '41h' from a date)."""
    try:
        parse_duration_hours(value)
    except ValueError:
        return False
    return True
