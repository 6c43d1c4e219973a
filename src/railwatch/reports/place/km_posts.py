"""Kilometre posts: "the 7234th kilometer of the Trans-Siberian", "на 725 км", "km 725".

A km post names a point on a line. The network's stations carry the line's km posts where
they are known (`km_post`, e.g. "7273" or "BAM 1063"); a post between two of them is placed by
walking the path between those stations, in proportion to the distance. Post numbering
differs a little between routes and eras (historic posts, "via Vladimir"), so the point is
approximate and says so; without a named line a km post places nothing.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from shapely.geometry import LineString

from railwatch.network import queries

if TYPE_CHECKING:
    from railwatch.network import RailNetwork

# "the 7234th kilometer", "km 725", "kilometre 725", "на 725 км", "на 725-м километре"; not
# distances ("40 km from", "в 40 км от") and not lengths ("25 km of track").
_EN_POST = re.compile(
    r"\b(\d{1,4})(?:st|nd|rd|th)\s+(?:kilomet(?:er|re)|km)\b|"
    r"\b(?:km|kilomet(?:er|re))\s+(?:post\s+)?(\d{1,4})\b(?!\s*(?:km|kilomet|miles|from))",
    re.IGNORECASE,
)
_RU_POST = re.compile(
    r"(?:\bна\s+|\b)(\d{1,4})(?:-?(?:м|ом))?\s+(?:км|километре)\b(?!\s*(?:от|к\b|восточн|западн|"
    r"северн|южн|пут))",
    re.IGNORECASE,
)
_RU_NEEDS = re.compile(r"\bна\s+\d{1,4}(?:-?(?:м|ом))?\s+(?:км|километре)|\d-?м\s+километре")


def km_posts_in(sentence: str) -> list[int]:
    """Km posts a sentence names (see the module docstring for the forms)."""
    out = [int(m.group(1) or m.group(2)) for m in _EN_POST.finditer(sentence)]
    if _RU_NEEDS.search(sentence):
        out += [int(m.group(1)) for m in _RU_POST.finditer(sentence)]
    return out


def _post_of(value: object, line_key: str) -> int | None:
    """The node's km post on a line: "BAM 1063" on the BAM, a bare leading number elsewhere."""
    if not isinstance(value, str | int | float) or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value)
    if line_key == "bam":
        m = re.search(r"BAM(?:\s+km)?\s+(\d+)", text)
    else:
        m = None if text.lstrip("~ ").startswith("BAM") else re.match(r"~?\s*(\d+)", text)
    return int(m.group(1)) if m else None


@dataclass(frozen=True)
class KmPoint:
    section: str
    lat: float
    lon: float
    before: tuple[str, int]  # (node id, km post) on the near side
    after: tuple[str, int]


def locate_km_post(
    network: RailNetwork, section_ids: list[str], line_key: str, km: int
) -> KmPoint | None:
    """The point of km post `km` on the line made of `section_ids`, or None when no two
    km-posted stations of the line bracket it."""
    frame = network.sections
    on_line: set[str] = set()
    for sid in section_ids:
        on_line.update((frame.at[sid, "from"], frame.at[sid, "to"]))
    posts = []
    for node in sorted(on_line):
        if node in network.nodes.index and "km_post" in network.nodes.columns:
            post = _post_of(network.nodes.at[node, "km_post"], line_key)
            if post is not None:
                posts.append((post, node))
    posts.sort()
    for (km_a, a), (km_b, b) in zip(posts, posts[1:], strict=False):
        if not km_a <= km <= km_b or km_a == km_b:
            continue
        found = queries.path(network, a, b, by="length", within=section_ids)
        if found is None or not found.sections:
            return None
        lengths = [float(frame.at[sid, "length_km"]) for sid in found.sections]
        target = sum(lengths) * (km - km_a) / (km_b - km_a)
        along = point_along(network, found, lengths, target)
        if along is None:
            return None
        sid, lat, lon = along
        return KmPoint(sid, lat, lon, (a, km_a), (b, km_b))
    return None


def point_along(
    network: Any, found: Any, lengths: list[float], target: float
) -> tuple[str, float, float] | None:
    """(section, lat, lon) of the point `target` km along a path (`queries.path`), whose
    sections are `lengths` km long; None where a section has no line or no length."""
    run = 0.0
    for i, (sid, length) in enumerate(zip(found.sections, lengths, strict=True)):
        if run + length < target and i < len(lengths) - 1:
            run += length
            continue
        geom = queries.feature_geometry(network, sid)
        if not isinstance(geom, LineString) or length <= 0:
            return None
        share = min(1.0, max(0.0, (target - run) / length))
        if network.sections.at[sid, "from"] != found.nodes[i]:
            share = 1.0 - share  # the section is drawn the other way
        point = geom.interpolate(share, normalized=True)
        return sid, round(point.y, 5), round(point.x, 5)
    return None
