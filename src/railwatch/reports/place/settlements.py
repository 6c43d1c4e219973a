"""Places of the place list (settlements, districts, regions, countries) -> a location.

A settlement is snapped to the nearest section (of a line the report names when it names
one); a district, region or country is a point at its centre, put on a named line passing
near it when the report names one. Precision never exceeds what the place is.
"""

from __future__ import annotations

import math
from typing import Any

from railwatch.reports.model import Location
from railwatch.reports.place.gazetteer import Place
from railwatch.reports.place.lines import sections_of_line
from railwatch.reports.place.network_points import label_of, nearest_section


def place_location(
    network: Any,
    place: Place,
    lines: list[str],
    snap_km: float,
    named_line_km: float,
    mention: str,
) -> Location:
    label = f"{place.name} ({place.name_ru})" if place.name_ru else place.name
    if place.kind in ("district", "region", "country"):
        return Location(
            kind="point",
            id=None,
            lat=place.lat,
            lon=place.lon,
            precision=place.kind,
            name=label,
            via=f"{place.kind} '{mention}' at its centre"
            + (f" ({place.source})" if place.source else ""),
        )

    def snapped(near: tuple, why: str) -> Location:
        sid, dist, (lat, lon) = near
        return Location(
            kind="section",
            id=sid,
            lat=round(lat, 5),
            lon=round(lon, 5),
            precision="near_node",
            name=f"near {label}, {label_of(network, 'section', sid)}",
            via=f"settlement '{mention}' snapped {dist:.1f} km to {sid} ({why})",
        )

    if lines:
        candidates = [sid for key in lines for sid in sections_of_line(network, key)]
        near = nearest_section(network, place.lat, place.lon, candidates)
        if near is not None and near[1] <= named_line_km:
            return snapped(near, f"nearest section of the named line: {', '.join(lines)}")
    near = nearest_section(network, place.lat, place.lon)
    if near is not None and near[1] <= snap_km:
        return snapped(near, f"within {snap_km:g} km")
    far = f"{near[1]:.0f} km from the nearest section" if near else "no sections"
    return Location(
        kind="point",
        id=None,
        lat=place.lat,
        lon=place.lon,
        precision="near_node",
        name=label,
        via=f"settlement '{mention}' left unplaced ({far}; limit {snap_km:g} km)",
    )


def pick_place(places: list[Place], network: Any) -> Place:
    """Among same-named places prefer the higher kind, then the one nearest the network."""
    top_kind = places[0].kind
    same = [p for p in places if p.kind == top_kind]
    if len(same) == 1 or top_kind != "settlement":
        return same[0]

    def closeness(p: Place) -> tuple[float, int]:
        near = nearest_section(network, p.lat, p.lon)
        return (near[1] if near else math.inf, -p.population)

    return min(same[:20], key=closeness)


# how far from a district's or region's centre a named line may pass to be placed on it
_AREA_LINE_KM = {"district": 100.0, "region": 400.0}


def on_named_line(network: Any, area: Location, lines: list[str]) -> Location | None:
    """A district or region named with a line: the line's section nearest the area's centre.

    Precision stays that of the area; the section is a best guess and `via` says so.
    """
    if area.lat is None or area.lon is None:
        return None  # the caller passes only areas with a centre
    candidates = [sid for key in lines for sid in sections_of_line(network, key)]
    near = nearest_section(network, area.lat, area.lon, candidates)
    if near is None or near[1] > _AREA_LINE_KM[area.precision]:
        return None
    sid, dist, (lat, lon) = near
    return Location(
        kind="section",
        id=sid,
        lat=round(lat, 5),
        lon=round(lon, 5),
        precision=area.precision,
        name=f"{area.name}, {label_of(network, 'section', sid)}",
        via=f"{area.via}; the named line ({', '.join(lines)}) passes {dist:.0f} km from it "
        f"on {sid} (best guess within the {area.precision})",
    )
