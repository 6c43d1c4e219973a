"""The map projection: an equidistant conic by PROJ, and view boxes in its km.

PROJ (through pyproj) ships its projection code with the wheel, so nothing is downloaded
at run time. Projected coordinates are kilometres.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import pyproj
import shapely
from shapely.geometry import box

EARTH_RADIUS_KM = 6371.0


def _lat(value: float) -> str:
    return f"{abs(value):g}°{'N' if value >= 0 else 'S'}"


def _lon(value: float) -> str:
    return f"{abs(value):g}°{'E' if value >= 0 else 'W'}"


@dataclass(frozen=True)
class EquidistantConic:
    """Equidistant conic on a sphere of `radius_km`, computed by PROJ (pyproj): x, y in km.

    Distances are true along every meridian and along the two standard parallels.
    When the cone flattens into a cylinder (parallels near the equator) it falls back to
    the equirectangular projection, so small test networks at latitude 0 still draw.
    """

    lon0: float
    lat0: float
    lat1: float
    lat2: float
    radius_km: float = EARTH_RADIUS_KM

    @classmethod
    def for_extent(cls, lon_min: float, lat_min: float, lon_max: float, lat_max: float):
        """Standard parallels at 1/6 and 5/6 of the latitude range (a classic rule of thumb)."""
        span = lat_max - lat_min
        return cls(
            lon0=round((lon_min + lon_max) / 2, 2),
            lat0=round((lat_min + lat_max) / 2, 2),
            lat1=round(lat_min + span / 6, 2),
            lat2=round(lat_max - span / 6, 2),
        )

    @property
    def cone_constant(self) -> float:
        """n, the share of a full turn the cone unrolls into; 0 for the cylinder fallback."""
        p1, p2 = math.radians(self.lat1), math.radians(self.lat2)
        n = (math.cos(p1) - math.cos(p2)) / (p2 - p1) if abs(p2 - p1) > 1e-9 else math.sin(p1)
        return 0.0 if abs(n) < 1e-3 else n

    @cached_property
    def _proj(self) -> pyproj.Proj:
        sphere = f"+R={self.radius_km * 1000:.0f} +units=km +no_defs"
        if self.cone_constant == 0.0:
            definition = f"+proj=eqc +lat_ts={self.lat0} +lat_0={self.lat0} +lon_0={self.lon0}"
        else:
            definition = (
                f"+proj=eqdc +lat_0={self.lat0} +lon_0={self.lon0} "
                f"+lat_1={self.lat1} +lat_2={self.lat2}"
            )
        return pyproj.Proj(f"{definition} {sphere}")

    def forward(self, lon: Any, lat: Any) -> tuple[np.ndarray, np.ndarray]:
        """Project degrees to km."""
        x, y = self._proj(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))
        return np.asarray(x), np.asarray(y)

    def inverse(self, x: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
        """Unproject km to degrees (lon, lat)."""
        lon, lat = self._proj(np.asarray(x, dtype=float), np.asarray(y, dtype=float), inverse=True)
        return np.asarray(lon), np.asarray(lat)

    def geometry(self, geom: shapely.Geometry, max_step_deg: float = 0.5) -> shapely.Geometry:
        """Project a lon/lat geometry, adding vertices so long straight edges bend as they should."""
        # GEOS refuses to segmentize zero-length lines (two identical points)
        dense = shapely.segmentize(geom, max_step_deg) if shapely.length(geom) > 0 else geom
        return shapely.transform(
            dense, lambda xy: np.column_stack(self.forward(xy[:, 0], xy[:, 1]))
        )

    def describe(self) -> str:
        """The projection in words, for the map's footnote."""
        if self.cone_constant == 0.0:
            return f"equirectangular projection, centred on {_lon(self.lon0)}"
        return (
            f"equidistant conic projection, standard parallels {_lat(self.lat1)} and "
            f"{_lat(self.lat2)}, central meridian {_lon(self.lon0)}"
        )


def fit_limits(
    bounds: Sequence[float] | np.ndarray, aspect: float, pad: float = 0.04
) -> tuple[float, float, float, float]:
    """Pad a box (xmin, ymin, xmax, ymax) and widen it to width/height == aspect, keeping its centre."""
    xmin, ymin, xmax, ymax = (float(v) for v in bounds)
    w = max(xmax - xmin, 1.0)
    h = max(ymax - ymin, 1.0)
    w, h = w * (1 + 2 * pad), h * (1 + 2 * pad)
    if w / h < aspect:
        w = h * aspect
    else:
        h = w / aspect
    cx, cy = (xmin + xmax) / 2, (ymin + ymax) / 2
    return cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2


def lonlat_window(proj: EquidistantConic, limits: tuple[float, ...]) -> shapely.Polygon:
    """The lon/lat box that covers a projected view rectangle (with a margin)."""
    x0, y0, x1, y1 = limits
    t = np.linspace(0, 1, 60)
    xs = np.concatenate(
        [x0 + (x1 - x0) * t, np.full_like(t, x1), x1 - (x1 - x0) * t, np.full_like(t, x0)]
    )
    ys = np.concatenate(
        [np.full_like(t, y0), y0 + (y1 - y0) * t, np.full_like(t, y1), y1 - (y1 - y0) * t]
    )
    lon, lat = proj.inverse(xs, ys)
    margin = 2.0
    return box(
        max(lon.min() - margin, -180.0),
        max(lat.min() - margin, -89.0),
        min(lon.max() + margin, 180.0),
        min(lat.max() + margin, 89.0),
    )
