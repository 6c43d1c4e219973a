"""Distances on the WGS84 ellipsoid: the one place railwatch measures the Earth.

Every function takes coordinates in (lon, lat) order, degrees, like GeoJSON and shapely.
Distances are geodesic (pyproj's `Geod`, Karney's algorithm), in kilometres.
"""

from __future__ import annotations

import math

import numpy as np
from pyproj import Geod
from shapely.geometry.base import BaseGeometry

WGS84 = Geod(ellps="WGS84")

# Kilometres per degree of latitude, and of longitude at the equator (WGS84, rounded);
# used only for the local flat approximation below.
KM_PER_DEG_LAT = 110.574
KM_PER_DEG_LON = 111.320


def distance_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Geodesic distance in km between two (lon, lat) points."""
    _, _, metres = WGS84.inv(lon1, lat1, lon2, lat2)
    return float(metres) / 1000.0


def distances_km(
    lon1: np.ndarray | float, lat1: np.ndarray | float, lon2: np.ndarray, lat2: np.ndarray
) -> np.ndarray:
    """Geodesic distances in km, elementwise (scalars broadcast against arrays)."""
    lon2, lat2 = np.asarray(lon2, dtype=float), np.asarray(lat2, dtype=float)
    lon1 = np.broadcast_to(np.asarray(lon1, dtype=float), lon2.shape)
    lat1 = np.broadcast_to(np.asarray(lat1, dtype=float), lat2.shape)
    _, _, metres = WGS84.inv(lon1, lat1, lon2, lat2)
    return np.asarray(metres, dtype=float) / 1000.0


def length_km(geometry: BaseGeometry) -> float:
    """Geodesic length in km of a (multi)line; 0 for points and empty geometries."""
    if geometry is None or geometry.is_empty:
        return 0.0
    return float(WGS84.geometry_length(geometry)) / 1000.0


def local_scale(lat: float) -> tuple[float, float]:
    """(km per degree of longitude, km per degree of latitude) near latitude `lat`.

    For a flat approximation around one point: fine for tens of kilometres, used to rank
    nearby features before measuring the winner geodesically.
    """
    return KM_PER_DEG_LON * max(math.cos(math.radians(lat)), 1e-6), KM_PER_DEG_LAT
