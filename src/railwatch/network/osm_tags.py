"""How OpenStreetMap rail tags become railwatch section figures.

Everything here is a pure function of tag strings. The rules that derive a figure OSM
does not carry (capacity, a default speed) are assumptions; their wording is kept next to
the numbers so the importer can state them in each section's ``assumption`` field.
"""

from __future__ import annotations

import re
from functools import lru_cache

#: service=* values that mark track a through train does not use (dropped unless kept).
SERVICE_TRACK = frozenset({"siding", "yard", "spur", "crossover"})

#: Way tags the importer reads; everything else is dropped while streaming.
WAY_KEYS = (
    "railway",
    "usage",
    "service",
    "electrified",
    "gauge",
    "tracks",
    "name",
    "name:ru",
    "ref",
    "maxspeed",
    "tunnel",
    "tunnel:name",
    "tunnel:name:ru",
    "bridge",
    "bridge:name",
    "bridge:name:ru",
    "disused",
    "abandoned",
)

#: Node tags the importer reads on the nodes of rail ways.
NODE_KEYS = ("railway", "public_transport", "station", "train", "name", "name:ru")

#: station=* values that mark a stop of another mode even when tagged railway=station.
_OTHER_MODE_STATIONS = frozenset({"subway", "light_rail", "monorail", "funicular", "tram"})

_ELECTRIFIED_YES = frozenset(
    {"contact_line", "rail", "yes", "4th_rail", "ground-level_power_supply"}
)
_BROAD_GAUGES = frozenset({1520, 1524})
_STANDARD_GAUGES = frozenset({1435})

#: Trains per day per direction by number of tracks (assumption, see CAPACITY_RULE).
_CAPACITY_BY_TRACKS = {1: 24.0, 2: 100.0}
_CAPACITY_PER_EXTRA_TRACK = 40.0
_ELECTRIFIED_FACTOR = 1.25
CAPACITY_RULE = (
    "capacity is an assumption derived by the OSM import rule: 24 trains/day per direction on "
    "single track, 100 on double track, +40 per further track, x1.25 when electrified"
)

#: Default speed (km/h) by usage=* when a way has no maxspeed tag (assumption).
_SPEED_BY_USAGE = {
    "main": 80.0,
    "branch": 60.0,
    "industrial": 30.0,
    "military": 40.0,
    "tourism": 40.0,
}
_SPEED_UNKNOWN_USAGE = 60.0
_SPEED_SERVICE_TRACK = 20.0


def dropped_because(tags: dict[str, str], *, keep_service: bool) -> str | None:
    """Why a railway=rail way is left out of the network, or None if it is kept."""
    if tags.get("disused") == "yes" or tags.get("abandoned") == "yes":
        return "disused"
    if not keep_service and tags.get("service") in SERVICE_TRACK:
        return "service"
    return None


@lru_cache(maxsize=256)
def gauge_values(tag: str | None) -> tuple[int, ...]:
    """The gauges (mm) listed in a gauge=* tag; unreadable parts are skipped."""
    values: list[int] = []
    for part in (tag or "").split(";"):
        match = re.fullmatch(r"\s*(\d{3,4})(?:\s*mm)?\s*", part)
        if match:
            values.append(int(match.group(1)))
    return tuple(values)


def gauge_class(tag: str | None) -> str | None:
    """ "1520", "1435" or "dual" for a gauge=* tag; None when absent or another gauge."""
    values = gauge_values(tag)
    if len(values) >= 2:
        return "dual"
    if not values:
        return None
    if values[0] in _BROAD_GAUGES:
        return "1520"
    if values[0] in _STANDARD_GAUGES:
        return "1435"
    return None


def is_electrified(tag: str | None) -> bool:
    """True for electrified=contact_line/rail/yes (and other live-power values)."""
    return (tag or "").strip() in _ELECTRIFIED_YES


def parse_tracks(tag: str | None) -> int | None:
    """The number in a tracks=* tag, or None when absent or not a positive integer."""
    text = (tag or "").strip()
    return int(text) if text.isdigit() and int(text) > 0 else None


def parse_maxspeed(tag: str | None) -> float | None:
    """A maxspeed=* tag in km/h ("120", "50 mph"); None when absent or symbolic."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(mph|km/h|kmh)?\s*", tag or "")
    if not match:
        return None
    speed = float(match.group(1))
    if match.group(2) == "mph":
        speed *= 1.609344
    return speed if speed > 0 else None


def default_speed(usage: str | None, service: str | None) -> float:
    """Assumed line speed (km/h) for a way without maxspeed."""
    if service in SERVICE_TRACK:
        return _SPEED_SERVICE_TRACK
    return _SPEED_BY_USAGE.get(usage or "", _SPEED_UNKNOWN_USAGE)


def speed_rule_text() -> str:
    """Wording of the default-speed rule for the assumption field."""
    parts = ", ".join(f"{usage} {speed:g}" for usage, speed in _SPEED_BY_USAGE.items())
    return (
        f"speed_kmh for ways without maxspeed assumed by usage ({parts}, other "
        f"{_SPEED_UNKNOWN_USAGE:g}, service track {_SPEED_SERVICE_TRACK:g} km/h)"
    )


def capacity_per_direction(tracks: int, electrified: bool) -> float:
    """Assumed trains/day per direction for a line with this many tracks (see CAPACITY_RULE)."""
    base = _CAPACITY_BY_TRACKS.get(tracks)
    if base is None:
        base = _CAPACITY_BY_TRACKS[2] + _CAPACITY_PER_EXTRA_TRACK * (tracks - 2)
    return base * (_ELECTRIFIED_FACTOR if electrified else 1.0)


def structure_kind(tags: dict[str, str]) -> str | None:
    """ "tunnel", "bridge" or "viaduct" (bridge=viaduct); tunnel=no / bridge=no do not count."""
    if tags.get("tunnel", "no") not in ("no", ""):
        return "tunnel"
    bridge = tags.get("bridge", "no")
    if bridge == "viaduct":
        return "viaduct"
    if bridge not in ("no", ""):
        return "bridge"
    return None


def structure_name(tags: dict[str, str], kind: str, *, lang_suffix: str = "") -> str:
    """The structure's own name (tunnel:name / bridge:name), else the way's name."""
    key = "bridge" if kind == "viaduct" else kind
    return tags.get(f"{key}:name{lang_suffix}") or tags.get(f"name{lang_suffix}") or ""


def line_label(tags: dict[str, str]) -> str:
    """A section's line: the way's name, else ref, else usage, else "unnamed"."""
    return tags.get("name") or tags.get("ref") or tags.get("usage") or "unnamed"


def is_named_stop(tags: dict[str, str]) -> bool:
    """True for a node that names a rail stop on the track (station, halt, stop position)."""
    if tags.get("station") in _OTHER_MODE_STATIONS or "name" not in tags:
        return False
    if tags.get("railway") in ("station", "halt", "stop"):
        return True
    return tags.get("public_transport") == "stop_position" and tags.get("railway") != "tram_stop"


def is_rail_station(tags: dict[str, str]) -> bool:
    """True for a named railway=station/halt of the main railway (not subway, tram, ...)."""
    return (
        tags.get("railway") in ("station", "halt")
        and tags.get("station") not in _OTHER_MODE_STATIONS
        and bool(tags.get("name"))
    )


def node_name_source(tags: dict[str, str]) -> bool:
    """True when the node's name may name a graph vertex (stops and railway=junction)."""
    return is_named_stop(tags) or tags.get("railway") == "junction"
