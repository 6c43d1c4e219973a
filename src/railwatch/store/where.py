"""Turning what a user types for a place (a network name, a town, "LON,LAT") into a point or
a `Location`, for `--near` filters and place corrections."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from railwatch.reports.model import Location

if TYPE_CHECKING:
    from railwatch.network import RailNetwork


class PlaceNotFound(ValueError):
    """Nothing on the network or in the place list has that name."""


def _coordinates(text: str) -> tuple[float, float] | None:
    parts = text.replace(";", ",").split(",")
    if len(parts) != 2:
        return None
    try:
        lon, lat = float(parts[0]), float(parts[1])
    except ValueError:
        return None
    if not (math.isfinite(lon) and math.isfinite(lat) and -180 <= lon <= 180 and -90 <= lat <= 90):
        raise PlaceNotFound(f"{text!r}: expected LON,LAT with lon in [-180, 180], lat in [-90, 90]")
    return lon, lat


def feature_point(network: RailNetwork, kind: str, fid: str) -> tuple[float, float] | None:
    """(lon, lat) of a node, the middle of a section, or a structure (else its section's)."""
    frame = {"node": network.nodes, "section": network.sections, "structure": network.structures}
    geometry = frame[kind].geometry.get(fid)
    if geometry is None or geometry.is_empty:
        if kind == "structure" and fid in network.structures.index:
            return feature_point(network, "section", str(network.structures.at[fid, "section"]))
        return None
    point = (
        geometry if geometry.geom_type == "Point" else geometry.interpolate(0.5, normalized=True)
    )
    return round(point.x, 5), round(point.y, 5)


def resolve_location(network: RailNetwork, text: str) -> Location:
    """A `Location` for a network feature id or name, a place name, or LON,LAT."""
    text = text.strip()
    point = _coordinates(text)
    if point is not None:
        return Location("point", None, point[1], point[0], "near_node", text, "coordinates")
    for kind, frame in (
        ("structure", network.structures),
        ("section", network.sections),
        ("node", network.nodes),
    ):
        if text in frame.index:
            return _feature_location(network, kind, text, f"network id {text}")
    matches = network.lookup(text)
    if matches:
        best = matches[0]
        return _feature_location(network, best.kind, best.id, f"network name {text!r}")
    from railwatch.reports.place.gazetteer import gazetteer_for

    places = gazetteer_for(network).places(text)
    if places:
        place = places[0]
        precision = {"settlement": "near_node"}.get(place.kind, place.kind)
        return Location(
            "point", None, place.lat, place.lon, precision, place.name, f"place {text!r}"
        )
    raise PlaceNotFound(f"{text!r}: no network feature or place of that name (or give LON,LAT)")


def _feature_location(network: RailNetwork, kind: str, fid: str, via: str) -> Location:
    point = feature_point(network, kind, fid)
    frame = {"node": network.nodes, "section": network.sections, "structure": network.structures}
    name = fid
    if "name" in frame[kind].columns:
        value = frame[kind].at[fid, "name"]
        if isinstance(value, str) and value:
            name = value
    precision = {"node": "near_node"}.get(kind, kind)
    return Location(
        kind, fid, point[1] if point else None, point[0] if point else None, precision, name, via
    )


def resolve_point(network: RailNetwork, text: str) -> tuple[float, float, str]:
    """(lon, lat, name) of what `text` names (see resolve_location)."""
    location = resolve_location(network, text)
    if location.lat is None or location.lon is None:
        raise PlaceNotFound(f"{text!r}: {location.name} has no coordinates")
    return location.lon, location.lat, location.name
