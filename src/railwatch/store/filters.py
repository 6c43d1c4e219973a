"""Which incidents a query wants: `IncidentFilter` and its translation to SQL."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from railwatch.network.geo import distance_km
from railwatch.store import schema as t

SORTS = {
    "date": (t.incidents.c.date_start, False),
    "-date": (t.incidents.c.date_start, True),
    "confidence": (t.incidents.c.confidence, False),
    "-confidence": (t.incidents.c.confidence, True),
    "reports": (t.incidents.c.n_reports, False),
    "-reports": (t.incidents.c.n_reports, True),
    "updated": (t.incidents.c.updated_at, False),
    "-updated": (t.incidents.c.updated_at, True),
}
STATUSES = ("unreviewed", "confirmed", "rejected", "merged")


class FilterError(ValueError):
    """A filter value that makes no sense (names the filter and what was expected)."""


@dataclass(frozen=True)
class IncidentFilter:
    """What to list. Every field is optional; all given ones must hold.

    since/until: the incident's dates overlap [since, until] (undated incidents drop out).
    type: incident type. line: case-insensitive part of a line name ("BAM").
    near: (lon, lat, km) within km of the point. bbox: (west, south, east, north).
    status: unreviewed | confirmed | rejected | merged; None lists all but merged ones.
    sort: date, confidence, reports or updated, "-" for descending.
    """

    since: date | None = None
    until: date | None = None
    type: str | None = None
    line: str | None = None
    near: tuple[float, float, float] | None = None
    bbox: tuple[float, float, float, float] | None = None
    status: str | None = None
    sort: str = "date"
    limit: int | None = None
    offset: int = 0

    def check(self) -> None:
        """Raise FilterError naming the first filter that is out of range."""
        if self.since and self.until and self.since > self.until:
            raise FilterError(f"since ({self.since}) is after until ({self.until})")
        if self.sort not in SORTS:
            raise FilterError(f"sort must be one of {', '.join(SORTS)}, got {self.sort!r}")
        if self.status is not None and self.status not in STATUSES:
            raise FilterError(f"status must be one of {', '.join(STATUSES)}, got {self.status!r}")
        if self.near is not None:
            lon, lat, km = self.near
            _check_point(lon, lat, "near")
            if not km > 0:
                raise FilterError(f"near: km must be > 0, got {km}")
        if self.bbox is not None:
            west, south, east, north = self.bbox
            _check_point(west, south, "bbox")
            _check_point(east, north, "bbox")
            if west > east or south > north:
                raise FilterError(
                    f"bbox must be west,south,east,north with west <= east and south <= north, "
                    f"got {','.join(str(v) for v in self.bbox)}"
                )
        if self.limit is not None and self.limit < 0:
            raise FilterError(f"limit must be >= 0, got {self.limit}")
        if self.offset < 0:
            raise FilterError(f"offset must be >= 0, got {self.offset}")


def _check_point(lon: float, lat: float, name: str) -> None:
    if not (math.isfinite(lon) and math.isfinite(lat)) or not (
        -180 <= lon <= 180 and -90 <= lat <= 90
    ):
        raise FilterError(f"{name}: longitude must be in [-180, 180] and latitude in [-90, 90]")


def incident_query(filters: IncidentFilter) -> sa.Select:
    """The SELECT over incidents for `filters` (the `near` distance is checked after)."""
    filters.check()
    c = t.incidents.c
    query = sa.select(t.incidents)
    if filters.status is None:
        query = query.where(c.status != "merged")
    else:
        query = query.where(c.status == filters.status)
    if filters.since is not None:
        query = query.where(c.date_end >= filters.since)
    if filters.until is not None:
        query = query.where(c.date_start <= filters.until)
    if filters.type is not None:
        query = query.where(c.type == filters.type)
    if filters.line is not None:
        pattern = "%" + filters.line.lower().replace("\\", "\\\\").replace("%", "\\%").replace(
            "_", "\\_"
        )
        query = query.where(sa.func.lower(c.lines).like(pattern + "%", escape="\\"))
    if filters.bbox is not None:
        west, south, east, north = filters.bbox
        query = query.where(c.lon.between(west, east), c.lat.between(south, north))
    if filters.near is not None:
        lon, lat, km = filters.near
        # a box that holds the circle narrows the rows; the exact distance is checked after
        dlat = km / 110.0
        widest = min(89.0, abs(lat) + dlat)
        dlon = min(180.0, km / (110.0 * max(math.cos(math.radians(widest)), 0.01)))
        query = query.where(
            c.lat.between(lat - dlat, lat + dlat), c.lon.between(lon - dlon, lon + dlon)
        )
    column, descending = SORTS[filters.sort]
    # undated incidents last whatever the direction; the id makes the order total
    query = query.order_by(
        column.is_(None), column.desc() if descending else column.asc(), c.id.asc()
    )
    if filters.near is None:
        if filters.offset:
            query = query.offset(filters.offset)
        if filters.limit is not None:
            query = query.limit(filters.limit)
    return query


def within(filters: IncidentFilter, lat: float | None, lon: float | None) -> bool:
    """The exact `near` test for one row (True when there is no `near`)."""
    if filters.near is None:
        return True
    if lat is None or lon is None:
        return False
    plon, plat, km = filters.near
    return distance_km(plon, plat, lon, lat) <= km
