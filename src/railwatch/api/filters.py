"""The incident query: filters and sort order shared by the API and its store adapter.

`IncidentQuery` holds what a client asked for, already checked; `apply_query` runs it over
plain incident records (the export record plus `line` and `status`) for a store that cannot
filter by itself.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

SORTS = ("date", "-date", "type", "confidence", "-confidence", "id")
STATUSES = ("unreviewed", "confirmed", "rejected", "merged")
EARTH_KM = 6371.0088


@dataclass(frozen=True)
class IncidentQuery:
    """Filters (all optional, combined with AND) and the sort order of an incident list."""

    since: date | None = None
    until: date | None = None
    types: tuple[str, ...] = ()
    line: str | None = None
    near: tuple[float, float, float] | None = None  # lon, lat, km
    status: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # min lon, min lat, max lon, max lat
    sort: str = "date"
    limit: int | None = None


def parse_bbox(text: str) -> tuple[float, float, float, float]:
    """'minlon,minlat,maxlon,maxlat' -> floats; ValueError says what is wrong."""
    parts = text.split(",")
    if len(parts) != 4:
        raise ValueError(f"bbox needs 4 numbers 'minlon,minlat,maxlon,maxlat', got {text!r}")
    try:
        lo1, la1, lo2, la2 = (float(p) for p in parts)
    except ValueError:
        raise ValueError(f"bbox must be 4 numbers, got {text!r}") from None
    if lo1 > lo2 or la1 > la2:
        raise ValueError(f"bbox corners are swapped: min must come first, got {text!r}")
    return lo1, la1, lo2, la2


def parse_near(text: str, km: float | None) -> tuple[float, float, float]:
    """'lon,lat' and a radius in km -> (lon, lat, km)."""
    parts = text.split(",")
    try:
        lon, lat = (float(p) for p in parts)
    except ValueError:
        raise ValueError(f"near must be 'lon,lat' in degrees, got {text!r}") from None
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise ValueError(f"near is outside the globe: lon {lon}, lat {lat}")
    if km is None or km <= 0:
        raise ValueError("near needs km > 0 (the radius)")
    return lon, lat, km


def distance_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def matches(record: dict, query: IncidentQuery) -> bool:
    """Whether one incident record passes every filter of `query`."""
    start, end = record.get("date_start"), record.get("date_end")
    if query.since and (end is None or end < query.since.isoformat()):
        return False
    if query.until and (start is None or start > query.until.isoformat()):
        return False
    if query.types and record.get("type") not in query.types:
        return False
    if query.line and query.line.casefold() not in (record.get("line") or "").casefold():
        return False
    if query.status and record.get("status") != query.status:
        return False
    lon, lat = record.get("lon"), record.get("lat")
    if query.bbox:
        if lon is None or lat is None:
            return False
        lo1, la1, lo2, la2 = query.bbox
        if not (lo1 <= lon <= lo2 and la1 <= lat <= la2):
            return False
    if query.near:
        if lon is None or lat is None:
            return False
        qlon, qlat, km = query.near
        if distance_km(qlon, qlat, lon, lat) > km:
            return False
    return True


def _sort_key(sort: str):
    field = sort.lstrip("-")
    if field == "date":
        return lambda r: (r.get("date_start") or "", r["id"])
    if field == "confidence":
        return lambda r: (r.get("confidence") or 0.0, r["id"])
    return lambda r: (str(r.get(field) or ""), r["id"])


def apply_query(records: list[dict], query: IncidentQuery) -> list[dict]:
    """The records that pass `query`, sorted, at most `limit` of them."""
    kept = [r for r in records if matches(r, query)]
    kept.sort(key=_sort_key(query.sort), reverse=query.sort.startswith("-"))
    return kept if query.limit is None else kept[: query.limit]
