"""The map projection: an equidistant conic computed here, and view boxes in its km.

Snyder 1987, *Map Projections: A Working Manual*, pp. 111-115; computed in-house so
nothing is downloaded at run time. Projected coordinates are kilometres.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from shapely.geometry import box

EARTH_RADIUS_KM = 6371.0


def _lat(value: float) -> str:
    return f"{abs(value):g}°{'N' if value >= 0 else 'S'}"


def _lon(value: float) -> str:
    return f"{abs(value):g}°{'E' if value >= 0 else 'W'}"


@dataclass(frozen=True)
class EquidistantConic:
    """Equidistant conic on a sphere (Snyder 1987, eqs. 16-18 ff.): x, y in km.

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
    def _cone(self) -> tuple[float, float]:
        """(n, G): the cone constant and Snyder's G, both for radians."""
        p1, p2 = math.radians(self.lat1), math.radians(self.lat2)
        n = (math.cos(p1) - math.cos(p2)) / (p2 - p1) if abs(p2 - p1) > 1e-9 else math.sin(p1)
        if abs(n) < 1e-3:
            return 0.0, 0.0
        return n, math.cos(p1) / n + p1

    def forward(self, lon: Any, lat: Any) -> tuple[np.ndarray, np.ndarray]:
        """Project degrees to km."""
        lam = np.radians(np.asarray(lon, dtype=float) - self.lon0)
        phi = np.radians(np.asarray(lat, dtype=float))
        n, g = self._cone
        R = self.radius_km
        if n == 0.0:
            x = R * math.cos(math.radians(self.lat0)) * lam
            return x, R * (phi - math.radians(self.lat0))
        rho = R * (g - phi)
        rho0 = R * (g - math.radians(self.lat0))
        theta = n * lam
        return rho * np.sin(theta), rho0 - rho * np.cos(theta)

    def inverse(self, x: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
        """Unproject km to degrees (lon, lat)."""
        x = np.asarray(x, dtype=float)
        y = np.asarray(y, dtype=float)
        n, g = self._cone
        R = self.radius_km
        if n == 0.0:
            lam = x / (R * math.cos(math.radians(self.lat0)))
            return np.degrees(lam) + self.lon0, np.degrees(y / R + math.radians(self.lat0))
        rho0 = R * (g - math.radians(self.lat0))
        rho = np.sign(n) * np.hypot(x, rho0 - y)
        theta = np.arctan2(np.sign(n) * x, np.sign(n) * (rho0 - y))
        return np.degrees(theta / n) + self.lon0, np.degrees(g - rho / R)

    def geometry(self, geom: shapely.Geometry, max_step_deg: float = 0.5) -> shapely.Geometry:
        """Project a lon/lat geometry, adding vertices so long straight edges bend as they should."""
        # GEOS refuses to segmentize zero-length lines (two identical points)
        dense = shapely.segmentize(geom, max_step_deg) if shapely.length(geom) > 0 else geom
        return shapely.transform(
            dense, lambda xy: np.column_stack(self.forward(xy[:, 0], xy[:, 1]))
        )

    def describe(self) -> str:
        """The projection in words, for the map's footnote."""
        n, _ = self._cone
        if n == 0.0:
            return f"equirectangular projection, centred on {_lon(self.lon0)}"
        return (
            f"equidistant conic projection, standard parallels {_lat(self.lat1)} and "
            f"{_lat(self.lat2)}, central meridian {_lon(self.lon0)}"
        )


def fit_limits(
    xmin: float, ymin: float, xmax: float, ymax: float, aspect: float, pad: float = 0.04
) -> tuple[float, float, float, float]:
    """Pad a box and widen it to width/height == aspect, keeping its centre."""
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
