"""Country outlines under the map, shipped with the package so nothing is downloaded.

``data/countries.geojson`` is Natural Earth 1:110m (public domain); it is read once and
clipped and projected per map.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

import geopandas as gpd
import shapely

from railwatch.render.map_projection import EquidistantConic

COUNTRIES_SOURCE = "Natural Earth 1:110m Admin 0 countries (public domain)"


@lru_cache(maxsize=1)
def _countries_cached() -> gpd.GeoDataFrame:
    """Read once per process; callers that may modify it get a copy."""
    ref = resources.files("railwatch.render") / "data" / "countries.geojson"
    with resources.as_file(ref) as path:
        fc = json.loads(Path(path).read_text(encoding="utf-8"))
    frame = gpd.GeoDataFrame.from_features(fc["features"], crs="EPSG:4326")
    frame.attrs["source"] = fc.get("source", COUNTRIES_SOURCE)
    return frame


def load_countries() -> gpd.GeoDataFrame:
    """The shipped country outlines: columns name, iso_a3, continent, geometry (EPSG:4326)."""
    return _countries_cached().copy()


def project_countries(
    proj: EquidistantConic, window: shapely.Polygon
) -> list[tuple[str, shapely.Geometry]]:
    """(name, projected outline) of the countries inside a lon/lat window, clipped to it."""
    countries = _countries_cached()
    projected = []
    for name, geom in zip(countries["name"], countries.geometry, strict=True):
        if geom is not None and geom.intersects(window):
            projected.append((name, proj.geometry(geom.intersection(window), 1.0)))
    return projected
