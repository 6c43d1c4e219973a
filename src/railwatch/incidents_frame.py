"""The stored incidents as a GeoDataFrame, for notebooks and scripts.

    import railwatch
    frame = railwatch.incidents(type="explosion", since="2023-11-01")
    frame.explore()  # or frame.to_file("incidents.gpkg")

One row per incident with the same fields as `railwatch incidents --json` (nested values
stay Python lists and dicts) and a Point geometry in WGS84 (empty where unplaced).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import geopandas as gpd


def incidents(
    *,
    url: str | None = None,
    data_dir: str | Path | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
    **filters: Any,
) -> gpd.GeoDataFrame:
    """Incidents of the store (`url` or the default one) that pass the filters.

    Filters are those of `railwatch.store.IncidentFilter` (type, line, near, bbox, status,
    sort, limit, offset); dates may be ISO strings.
    """
    import geopandas as gpd
    from shapely.geometry import Point

    from railwatch.reports.export import FIELDS, incident_record
    from railwatch.store import IncidentFilter, open_store

    store = open_store(url, data_dir=Path(data_dir) if data_dir is not None else None)
    chosen = IncidentFilter(since=_day(since), until=_day(until), **filters)
    found = store.incidents(chosen)
    reports = {r.id: r for r in store.reports(sorted({rid for i in found for rid in i.reports}))}
    records = [incident_record(incident, reports) for incident in found]
    geometry = [
        Point(r["lon"], r["lat"]) if r["lat"] is not None and r["lon"] is not None else None
        for r in records
    ]
    frame = gpd.GeoDataFrame(records, columns=FIELDS, geometry=geometry, crs="EPSG:4326")
    return frame.set_index("id", drop=False)


def _day(value: str | date | None) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value
