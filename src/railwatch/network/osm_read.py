"""Stream the rail ways and their nodes out of an OSM file with pyosmium.

Two passes over the file, neither of which holds more than the rail data in Python:
the first keeps railway=rail ways (their node ids and the tags the importer reads), the
second keeps the coordinates (and a few tags) of exactly the nodes those ways use, filtered
by id inside libosmium so that the rest of the planet never becomes Python objects.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import osmium

from railwatch.network.osm_tags import NODE_KEYS, WAY_KEYS

_WAY_KEY_SET = frozenset(WAY_KEYS)
_NODE_KEY_SET = frozenset(NODE_KEYS)


class OSMReadError(ValueError):
    """The OSM file is missing, empty or cannot be parsed."""


@dataclass
class RailWay:
    """One railway=rail way: OSM id, node ids in order, the tags the importer reads."""

    osm_id: int
    refs: np.ndarray
    tags: dict[str, str]


@dataclass
class RailExtract:
    """What the importer needs from an OSM file: rail ways and the nodes they use."""

    ways: list[RailWay]
    node_ids: np.ndarray  # sorted OSM ids of the nodes found in the file
    lon: np.ndarray  # degrees, aligned with node_ids
    lat: np.ndarray
    node_tags: dict[int, dict[str, str]] = field(default_factory=dict)  # only tagged rail nodes
    missing_nodes: int = 0  # ids used by rail ways but absent from the file (clipped extract)
    stations: list[tuple[int, float, float, dict[str, str]]] = field(default_factory=list)
    # every railway=station/halt node in the file: (OSM id, lon, lat, tags)


def read_rail_extract(
    path: Path, progress: Callable[[str], None] | None = None, *, read_stations: bool = True
) -> RailExtract:
    """Read railway=rail ways and their nodes from an .osm / .osm.pbf / .osm.bz2 file.

    With ``read_stations`` a third pass collects station and halt nodes wherever they are
    (stations are often mapped beside the track rather than on it).
    """
    say = progress or (lambda message: None)
    _check_readable(path)
    say(f"{path.name}: reading railway=rail ways")
    ways = _read_rail_ways(path)
    say(f"{path.name}: {len(ways)} railway=rail ways; reading their nodes")
    if not ways:
        return RailExtract(
            ways=[], node_ids=np.empty(0, np.int64), lon=np.empty(0), lat=np.empty(0)
        )
    wanted = np.unique(np.concatenate([way.refs for way in ways]))
    node_ids, lon, lat, node_tags = _read_nodes(path, wanted)
    missing = int(len(wanted) - len(node_ids))
    say(f"{path.name}: located {len(node_ids)} rail nodes ({missing} missing from the file)")
    if read_stations:
        stations = _read_stations(path)
        say(f"{path.name}: {len(stations)} railway=station/halt nodes")
    else:
        stations = []
    return RailExtract(ways, node_ids, lon, lat, node_tags, missing, stations)


def _check_readable(path: Path) -> None:
    if not path.exists():
        raise OSMReadError(f"{path}: file not found")
    if not path.is_file():
        raise OSMReadError(f"{path}: not a file")
    if os.path.getsize(path) == 0:
        raise OSMReadError(f"{path}: file is empty (0 bytes), expected OSM data")


def _processor(path: Path, entities: osmium.osm.osm_entity_bits) -> osmium.FileProcessor:
    return osmium.FileProcessor(str(path), entities)


def _read_rail_ways(path: Path) -> list[RailWay]:
    processor = _processor(path, osmium.osm.WAY).with_filter(
        osmium.filter.TagFilter(("railway", "rail"))
    )
    ways = []
    try:
        for way in processor:
            refs = np.fromiter((node.ref for node in way.nodes), dtype=np.int64)
            tags = {tag.k: tag.v for tag in way.tags if tag.k in _WAY_KEY_SET}
            ways.append(RailWay(way.id, refs, tags))
    except RuntimeError as error:  # libosmium reports parse errors as RuntimeError
        raise OSMReadError(f"{path}: cannot read OSM data ({error})") from error
    ways.sort(key=lambda way: way.osm_id)
    return ways


def _read_nodes(
    path: Path, wanted: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, dict[int, dict[str, str]]]:
    id_filter = osmium.filter.IdFilter(wanted.tolist())
    id_filter.enable_for(osmium.osm.NODE)
    processor = _processor(path, osmium.osm.NODE).with_filter(id_filter)
    ids: list[int] = []
    lons: list[float] = []
    lats: list[float] = []
    node_tags: dict[int, dict[str, str]] = {}
    try:
        for node in processor:
            location = node.location
            if not location.valid():
                continue
            ids.append(node.id)
            lons.append(location.lon)
            lats.append(location.lat)
            if len(node.tags):
                tags = {tag.k: tag.v for tag in node.tags if tag.k in _NODE_KEY_SET}
                if tags:
                    node_tags[node.id] = tags
    except RuntimeError as error:
        raise OSMReadError(f"{path}: cannot read OSM data ({error})") from error
    node_ids = np.asarray(ids, dtype=np.int64)
    order = np.argsort(node_ids, kind="stable")
    return (
        node_ids[order],
        np.asarray(lons, dtype=np.float64)[order],
        np.asarray(lats, dtype=np.float64)[order],
        node_tags,
    )


def _read_stations(path: Path) -> list[tuple[int, float, float, dict[str, str]]]:
    processor = _processor(path, osmium.osm.NODE).with_filter(
        osmium.filter.TagFilter(("railway", "station"), ("railway", "halt"))
    )
    stations = []
    try:
        for node in processor:
            if node.location.valid():
                tags = {tag.k: tag.v for tag in node.tags if tag.k in _NODE_KEY_SET}
                stations.append((node.id, node.location.lon, node.location.lat, tags))
    except RuntimeError as error:
        raise OSMReadError(f"{path}: cannot read OSM data ({error})") from error
    return stations
