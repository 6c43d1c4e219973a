"""Build railwatch network GeoJSON features (nodes, sections, structures) from OSM chains.

A section is a chain of segments, each segment remembering the way it came from. Section
figures are aggregated over the ways by length, choosing the bottleneck where the figure
limits traffic (fewest tracks, electrified only if all of it is, travel time preserved for
speed); every figure OSM does not state is named in the section's ``assumption``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from railwatch.network import osm_tags

LICENSE_NOTE = "© OpenStreetMap contributors, ODbL"
_COORD_DECIMALS = 7
_WAYS_NAMED_IN_SOURCE = 5


@dataclass(frozen=True)
class WayFacts:
    """What one kept way contributes to the sections it is part of."""

    osm_id: int
    line: str
    usage: str
    service: str
    gauge: str  # "1520" | "1435" | "dual"
    gauge_tag: str  # raw gauge=* ("" when absent)
    tracks: int | None  # None when untagged
    electrified: bool
    maxspeed: float | None  # km/h, None when untagged or unreadable
    default_speed: float
    structure: str | None  # "tunnel" | "bridge" | None
    structure_name: str
    structure_name_ru: str


def way_facts(osm_id: int, tags: dict[str, str], gauge: str) -> WayFacts:
    """Read one way's tags (``gauge`` is already resolved, default applied)."""
    kind = osm_tags.structure_kind(tags)
    return WayFacts(
        osm_id=osm_id,
        line=osm_tags.line_label(tags),
        usage=tags.get("usage", ""),
        service=tags.get("service", ""),
        gauge=gauge,
        gauge_tag=tags.get("gauge", ""),
        tracks=osm_tags.parse_tracks(tags.get("tracks")),
        electrified=osm_tags.is_electrified(tags.get("electrified")),
        maxspeed=osm_tags.parse_maxspeed(tags.get("maxspeed")),
        default_speed=osm_tags.default_speed(tags.get("usage"), tags.get("service")),
        structure=kind,
        structure_name=osm_tags.structure_name(tags, kind) if kind else "",
        structure_name_ru=osm_tags.structure_name(tags, kind, lang_suffix=":ru") if kind else "",
    )


def _runs(values: np.ndarray) -> list[tuple[int, int]]:
    """[start, stop) index ranges of equal consecutive values."""
    if len(values) == 0:
        return []
    cuts = np.flatnonzero(values[1:] != values[:-1]) + 1
    bounds = [0, *cuts.tolist(), len(values)]
    return list(zip(bounds[:-1], bounds[1:], strict=True))


def line_coords(lon: np.ndarray, lat: np.ndarray, nodes: np.ndarray) -> list[list[float]]:
    """GeoJSON [lon, lat] pairs for a node-index sequence."""
    return np.round(np.column_stack((lon[nodes], lat[nodes])), _COORD_DECIMALS).tolist()


def section_feature(
    section_id: str,
    from_id: str,
    to_id: str,
    seg_facts: list[WayFacts],
    seg_len_m: np.ndarray,
    coords: list[list[float]],
    gauge_defaulted: bool,
) -> dict:
    """One section feature. ``seg_facts[i]`` is the way of segment ``i``."""
    length_by_way: dict[int, float] = defaultdict(float)
    facts_by_way: dict[int, WayFacts] = {}
    for facts, length in zip(seg_facts, seg_len_m.tolist(), strict=True):
        length_by_way[facts.osm_id] += length
        facts_by_way[facts.osm_id] = facts
    ways_in_order = list(dict.fromkeys(facts.osm_id for facts in seg_facts))
    total_m = float(seg_len_m.sum())
    main = facts_by_way[max(ways_in_order, key=lambda way: length_by_way[way])]
    derived = [osm_tags.CAPACITY_RULE]

    tagged_tracks = [t for w in ways_in_order if (t := facts_by_way[w].tracks)]
    if tagged_tracks:
        tracks = min(tagged_tracks)
    else:
        tracks = 1
        derived.append("tracks assumed 1 (no tracks tag)")

    electrified_m = sum(length_by_way[w] for w in ways_in_order if facts_by_way[w].electrified)
    electrified = all(facts_by_way[w].electrified for w in ways_in_order)

    # Travel time is what routing uses, so the section speed keeps the sum of per-way times.
    hours = 0.0
    defaulted_speed = False
    for way in ways_in_order:
        facts = facts_by_way[way]
        speed = facts.maxspeed or facts.default_speed
        defaulted_speed |= facts.maxspeed is None
        hours += length_by_way[way] / 1000.0 / speed
    speed_kmh = total_m / 1000.0 / hours if hours > 0 else main.maxspeed or main.default_speed
    if defaulted_speed:
        derived.append(osm_tags.speed_rule_text())
    if gauge_defaulted:
        derived.append(f"gauge {main.gauge} assumed (no gauge tag; most common gauge in the file)")

    return {
        "type": "Feature",
        "geometry": {"type": "LineString", "coordinates": coords},
        "properties": {
            "type": "section",
            "id": section_id,
            "from": from_id,
            "to": to_id,
            "line": main.line,
            # never 0: distinct nodes drawn at one spot would otherwise give an invalid section
            "length_km": max(round(total_m / 1000.0, 6), 1e-6),
            "tracks": tracks,
            "electrified": electrified,
            "electrified_share": round(electrified_m / total_m, 3) if total_m > 0 else 0.0,
            "gauge": main.gauge,
            "gauge_tag": main.gauge_tag,
            "capacity": osm_tags.capacity_per_direction(tracks, electrified),
            "speed_kmh": round(speed_kmh, 1),
            "osm_ways": ways_in_order,
            "usage": main.usage,
            "service": main.service,
            "source": _ways_source(ways_in_order),
            "assumption": "; ".join(derived),
        },
    }


def _ways_source(ways: list[int]) -> str:
    named = ", ".join(str(way) for way in ways[:_WAYS_NAMED_IN_SOURCE])
    more = (
        f" and {len(ways) - _WAYS_NAMED_IN_SOURCE} more"
        if len(ways) > _WAYS_NAMED_IN_SOURCE
        else ""
    )
    noun = "way" if len(ways) == 1 else "ways"
    return f"OpenStreetMap {noun} {named}{more} ({LICENSE_NOTE})"


def structure_features(
    section_id: str,
    seg_facts: list[WayFacts],
    seg_len_m: np.ndarray,
    coords: list[list[float]],
    numbering: dict[tuple[int, str], int],
) -> list[dict]:
    """Tunnels and bridges on a section: one per run of same-kind, same-name ways.

    A tunnel drawn as several ways (split for a layer or speed change) is one structure.
    ``numbering`` counts structures per (first way, kind) across the import for unique ids.
    """
    kinds = np.array([facts.structure or "" for facts in seg_facts])
    stretches: list[list] = []  # [kind, name, start, stop, ways]
    for start, stop in _runs(np.array([facts.osm_id for facts in seg_facts])):
        facts = seg_facts[start]
        if not kinds[start]:
            continue
        last = stretches[-1] if stretches else None
        if (
            last is not None
            and last[3] == start
            and last[0] == facts.structure
            and last[1].casefold() == facts.structure_name.casefold()
        ):
            last[3] = stop
            last[4].append(facts.osm_id)
        else:
            stretches.append([facts.structure, facts.structure_name, start, stop, [facts.osm_id]])

    features = []
    for kind, name, start, stop, ways in stretches:
        key = (ways[0], kind)
        numbering[key] = numbering.get(key, 0) + 1
        name_ru = next(
            (f.structure_name_ru for f in seg_facts[start:stop] if f.structure_name_ru), ""
        )
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "LineString", "coordinates": coords[start : stop + 1]},
                "properties": {
                    "type": "structure",
                    "id": f"osm:w{ways[0]}-{kind}-{numbering[key]}",
                    "kind": kind,
                    "name": name,
                    "name_ru": name_ru,
                    "aliases": [],
                    "section": section_id,
                    "length_m": max(round(float(seg_len_m[start:stop].sum()), 2), 0.01),
                    "osm_way": ways[0],
                    "osm_ways": ways,
                    "source": f"OpenStreetMap {'way' if len(ways) == 1 else 'ways'} "
                    f"{', '.join(map(str, ways))} ({LICENSE_NOTE})",
                },
            }
        )
    return features


def node_feature(
    node_id: str,
    osm_id: int,
    lon: float,
    lat: float,
    tags: dict[str, str],
    degree: int,
    *,
    named_by: int | None = None,
) -> dict:
    """A graph vertex; named when the OSM node is a station, halt, stop or railway=junction.

    ``named_by`` is the id of a station node beside the track whose ``tags`` are given.
    """
    named = osm_tags.node_name_source(tags)
    source = f"OpenStreetMap node {osm_id}"
    if named_by is not None:
        source += f", named from station node {named_by} beside the track"
    return {
        "type": "Feature",
        "geometry": {
            "type": "Point",
            "coordinates": [round(lon, _COORD_DECIMALS), round(lat, _COORD_DECIMALS)],
        },
        "properties": {
            "type": "node",
            "id": node_id,
            "name": tags.get("name", "") if named else "",
            "name_ru": tags.get("name:ru", "") if named else "",
            "kind": "station" if osm_tags.is_named_stop(tags) else "junction",
            "country": "",
            "aliases": [],
            "degree": degree,
            "osm_node": osm_id,
            **({"osm_station": named_by} if named_by is not None else {}),
            "source": f"{source} ({LICENSE_NOTE})",
        },
    }
