"""Points and sections of the network in the (lat, lon) order the place stage uses.

A thin view of `railwatch.network.queries` (which works in (lon, lat)): the nearest section
to a point, a feature's point and label, the section between two nodes, path lengths.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from railwatch.network import queries
from railwatch.network.geo import distance_km

if TYPE_CHECKING:
    from railwatch.network import RailNetwork

# a settlement or station farther than this from every section is left off the network
DEFAULT_SNAP_KM = 30.0


def nearest_section(
    network: RailNetwork, lat: float, lon: float, candidates: Iterable[str] | None = None
) -> tuple[str, float, tuple[float, float]] | None:
    """The section nearest a point: (id, distance km, nearest point (lat, lon)) or None.

    A (lat, lon) view of `network.queries.nearest_section`, which works in (lon, lat).
    """
    if candidates is not None:
        candidates = list(candidates)
        if not candidates:
            return None
    near = queries.nearest_section(network, lon, lat, candidates=candidates)
    if near is None:
        return None
    return near.section, near.distance_km, (near.point[1], near.point[0])


def feature_point(network: RailNetwork, kind: str, fid: str) -> tuple[float | None, float | None]:
    """(lat, lon) of a feature, rounded for display, or (None, None)."""
    point = queries.feature_point(network, fid)
    if point is None:
        return None, None
    return round(point[1], 5), round(point[0], 5)


def label_of(network: RailNetwork, kind: str, fid: str) -> str:
    return (
        queries.section_label(network, fid)
        if kind == "section"
        else queries.feature_label(network, fid)
    )


def path_km(network: Any, sections: list[str]) -> float:
    lengths = network.sections["length_km"]
    return sum(float(lengths.get(sid, 0.0) or 0.0) for sid in sections)


def apart_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Distance between two (lat, lon) points, the order places and stations use here."""
    return distance_km(a[1], a[0], b[1], b[0])
