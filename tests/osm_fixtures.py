"""Helpers that write small OpenStreetMap files for the OSM import tests.

A test builds an ``OsmDraft`` (nodes with coordinates and tags, ways with node lists and
tags) and writes it as OSM XML (written by hand here, so the tests do not depend on the
writer they are testing against) or as .osm.pbf / .osm.bz2 through pyosmium's SimpleWriter.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import quoteattr

import osmium
from osmium.osm import mutable

#: Metres per degree of latitude near the equator on WGS84 (used only to place test points).
METRES_PER_DEGREE = 110_574.0


@dataclass
class OsmDraft:
    """An in-memory OSM extract: node id -> (lat, lon, tags), way id -> (node ids, tags)."""

    nodes: dict[int, tuple[float, float, dict[str, str]]] = field(default_factory=dict)
    ways: dict[int, tuple[list[int], dict[str, str]]] = field(default_factory=dict)

    def node(self, node_id: int, lat: float, lon: float, tags: dict[str, str] | None = None) -> int:
        # OSM stores 7 decimals; round here so tests compute from what the file holds
        self.nodes[node_id] = (round(lat, 7), round(lon, 7), dict(tags or {}))
        return node_id

    def way(self, way_id: int, refs: list[int], tags: dict[str, str] | None = None) -> int:
        self.ways[way_id] = (list(refs), dict(tags or {}))
        return way_id

    def rail(self, way_id: int, refs: list[int], **tags: str) -> int:
        """Add a railway=rail way; keyword tags use ``__`` for ``:`` (``tunnel__name``)."""
        full = {"railway": "rail"}
        full.update({key.replace("__", ":"): value for key, value in tags.items()})
        return self.way(way_id, refs, full)

    def write(self, path: Path) -> Path:
        """Write as XML (.osm) or through pyosmium (.osm.pbf, .osm.bz2, ...)."""
        if path.name.endswith(".osm"):
            write_xml(self, path)
        else:
            write_with_pyosmium(self, path)
        return path


def write_xml(draft: OsmDraft, path: Path) -> None:
    """Write the draft as an OSM XML file, nodes first then ways, sorted by id."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<osm version="0.6" generator="railwatch-tests">',
    ]
    for node_id in sorted(draft.nodes):
        lat, lon, tags = draft.nodes[node_id]
        head = f'  <node id="{node_id}" version="1" lat="{lat:.7f}" lon="{lon:.7f}"'
        if not tags:
            lines.append(head + "/>")
            continue
        lines.append(head + ">")
        lines.extend(_tag_lines(tags))
        lines.append("  </node>")
    for way_id in sorted(draft.ways):
        refs, tags = draft.ways[way_id]
        lines.append(f'  <way id="{way_id}" version="1">')
        lines.extend(f'    <nd ref="{ref}"/>' for ref in refs)
        lines.extend(_tag_lines(tags))
        lines.append("  </way>")
    lines.append("</osm>")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _tag_lines(tags: dict[str, str]) -> list[str]:
    return [f"    <tag k={quoteattr(k)} v={quoteattr(v)}/>" for k, v in tags.items()]


def write_with_pyosmium(draft: OsmDraft, path: Path) -> None:
    """Write the draft with osmium.SimpleWriter (format chosen from the file name)."""
    with osmium.SimpleWriter(str(path), overwrite=True) as writer:
        for node_id in sorted(draft.nodes):
            lat, lon, tags = draft.nodes[node_id]
            writer.add_node(mutable.Node(id=node_id, location=(lon, lat), tags=tags, version=1))
        for way_id in sorted(draft.ways):
            refs, tags = draft.ways[way_id]
            writer.add_way(mutable.Way(id=way_id, nodes=refs, tags=tags, version=1))


def meridian_points(
    draft: OsmDraft,
    first_id: int,
    lat0: float,
    lon: float,
    count: int,
    step_deg: float,
    tags_at: dict[int, dict[str, str]] | None = None,
) -> list[int]:
    """Add ``count`` nodes northwards along a meridian, ``step_deg`` apart; return their ids."""
    ids = []
    for i in range(count):
        ids.append(draft.node(first_id + i, lat0 + i * step_deg, lon, (tags_at or {}).get(i)))
    return ids


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance on a 6371 km sphere (an independent check, not the importer's)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


def grid_network(draft: OsmDraft, rows: int, cols: int, seed: int = 1) -> int:
    """Write a large rail grid: ``rows`` x ``cols`` junctions joined by 3-way chains.

    Every grid edge is split into three ways with a few shape points each, so the import has
    degree-2 chains to merge, plus a sprinkling of sidings, tunnels and bridges.
    Returns the number of ways written.
    """
    rng = random.Random(seed)
    step = 0.05  # degrees between junctions, ~5 km
    node_id = 1
    junction = {}
    for r in range(rows):
        for c in range(cols):
            junction[r, c] = draft.node(node_id, 50 + r * step, 40 + c * step)
            node_id += 1
    way_id = 1
    for (r, c), start in junction.items():
        for dr, dc in ((0, 1), (1, 0)):
            end = junction.get((r + dr, c + dc))
            if end is None:
                continue
            lat0, lon0, _ = draft.nodes[start]
            lat1, lon1, _ = draft.nodes[end]
            inner = []
            for k in range(1, 9):
                t = k / 9
                jitter = rng.uniform(-0.002, 0.002)
                inner.append(
                    draft.node(
                        node_id,
                        lat0 + (lat1 - lat0) * t + jitter * dc,
                        lon0 + (lon1 - lon0) * t + jitter * dr,
                    )
                )
                node_id += 1
            refs = [start, *inner, end]
            for piece in (refs[0:4], refs[3:7], refs[6:10]):
                tags = {"railway": "rail", "usage": "main", "gauge": "1520"}
                roll = rng.random()
                if roll < 0.05:
                    tags["tunnel"] = "yes"
                elif roll < 0.10:
                    tags["bridge"] = "yes"
                draft.way(way_id, piece, tags)
                way_id += 1
            if rng.random() < 0.2:
                spur_end = draft.node(node_id, lat0 + 0.004, lon0 + 0.004)
                node_id += 1
                draft.way(way_id, [inner[0], spur_end], {"railway": "rail", "service": "siding"})
                way_id += 1
    return way_id - 1
