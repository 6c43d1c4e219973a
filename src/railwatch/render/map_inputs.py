"""What callers ask the map to show, checked against the network.

Closed and highlighted ids, incident points and the extent to draw; bad input raises
`MapError` naming the culprit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely

from railwatch.network.model import RailNetwork
from railwatch.network.queries import feature_point
from railwatch.render.map_errors import MapError


def _split_closure(token: str, network: RailNetwork) -> tuple[str, float]:
    """'ID' -> (ID, 0.0); 'ID:0.5' -> (ID, 0.5) when ID:0.5 is not itself an id."""
    if network.kind_of(token) is None and ":" in token:
        base, _, tail = token.rpartition(":")
        try:
            left = float(tail)
        except ValueError:
            return token, 0.0
        if 0.0 <= left <= 1.0:
            return base, left
    return token, 0.0


def resolve_sections(
    network: RailNetwork, ids: Iterable[str], what: str
) -> tuple[dict[str, float], list[str]]:
    """Section ids (structures map to their section) with capacity left, and node ids."""
    sections: dict[str, float] = {}
    nodes: list[str] = []
    unknown: list[str] = []
    for token in ids:
        fid, left = _split_closure(str(token), network)
        kind = network.kind_of(fid)
        if kind == "section":
            sections[fid] = min(left, sections.get(fid, 1.0))
        elif kind == "structure":
            sid = network.structures.at[fid, "section"]
            sections[sid] = min(left, sections.get(sid, 1.0))
        elif kind == "node":
            nodes.append(fid)
        else:
            unknown.append(fid)
    if unknown:
        hints = []
        for fid in unknown[:5]:
            matches = network.lookup(fid)
            if matches:
                hints.append(f"{fid!r} (did you mean {matches[0].id!r}?)")
            else:
                hints.append(repr(fid))
        raise MapError(
            f"{what}: unknown id(s) in network {network.name}: {', '.join(hints)}; "
            "expected section, structure or node ids"
        )
    return sections, nodes


@dataclass(frozen=True)
class IncidentPoint:
    """An incident with a place: where the star goes and what it says."""

    lon: float
    lat: float
    label: str


def incident_points(
    network: RailNetwork, incidents: Iterable[Any]
) -> tuple[list[IncidentPoint], int]:
    """Incident markers from dicts (lat, lon, label) or objects with .location; and how many lack a place."""
    points: list[IncidentPoint] = []
    unplaced = 0
    for i, item in enumerate(incidents):
        if isinstance(item, dict):
            try:
                lat, lon = float(item["lat"]), float(item["lon"])
            except (KeyError, TypeError, ValueError):
                raise MapError(
                    f"incidents[{i}]: expected numbers 'lat' and 'lon', got "
                    f"lat={item.get('lat')!r}, lon={item.get('lon')!r}"
                ) from None
            label = str(item.get("label") or item.get("type") or f"incident {i + 1}")
        else:
            point = _object_point(network, getattr(item, "location", None))
            if point is None:
                unplaced += 1
                continue
            lon, lat = point
            label = getattr(item, "label", None) or _incident_label(item)
        if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
            raise MapError(f"incidents[{i}]: lat/lon out of range: lat={lat}, lon={lon}")
        points.append(IncidentPoint(float(lon), float(lat), str(label)))
    return points, unplaced


def _object_point(network: RailNetwork, location: Any) -> tuple[float, float] | None:
    """(lon, lat) of an incident object's location: its own coordinates, else its feature's."""
    lat = getattr(location, "lat", None)
    lon = getattr(location, "lon", None)
    if lat is not None and lon is not None:
        return float(lon), float(lat)
    if getattr(location, "id", None):
        return feature_point(network, location.id)
    return None


def _incident_label(item: Any) -> str:
    """'derailment 2024-05-01' from an incident object without a label of its own."""
    kind = str(getattr(item, "type", "") or "incident")
    occurred = getattr(item, "occurred", None)
    start = getattr(occurred, "start", None)
    return f"{kind} {start.isoformat()}" if start is not None else kind


def network_bounds(network: RailNetwork, extra: list[IncidentPoint]) -> tuple[float, ...]:
    """Lon/lat bounds of everything to draw (nodes, sections, incidents)."""
    geoms = list(network.nodes.geometry) + list(network.sections.geometry)
    geoms += [shapely.Point(p.lon, p.lat) for p in extra]
    geoms = [g for g in geoms if g is not None and not g.is_empty]
    if not geoms:
        raise MapError(f"network {network.name}: nothing to draw (no nodes or sections)")
    return tuple(shapely.total_bounds(np.array(geoms, dtype=object)))
