"""A km post named on a line the report names -> a point on that line (`km_posts`).

The national network draws every station but carries no km posts: there a post is located
on the embedded corridor's posts, then put on the national network's nearest section.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from railwatch.network import queries
from railwatch.reports.model import Location
from railwatch.reports.place.km_posts import km_posts_in, locate_km_post, point_along
from railwatch.reports.place.lines import sections_of_line
from railwatch.reports.place.network_points import DEFAULT_SNAP_KM, label_of, nearest_section


def km_post_location(network: Any, sentence: str, lines: list[str]) -> Location | None:
    """A km post named in `sentence` on a line the report names: the interpolated point on
    that line (precision "section"; approximate, and `via` says between which posts)."""
    if not lines:
        return None
    for km in km_posts_in(sentence):
        for key in lines:
            point = locate_km_post(network, sections_of_line(network, key), key, km)
            if point is None:
                posted = _posted_network(network)
                if posted is not None:
                    return _km_post_elsewhere(network, posted, key, km)
                continue
            (a, km_a), (b, km_b) = point.before, point.after
            return Location(
                "section",
                point.section,
                point.lat,
                point.lon,
                "section",
                f"km {km}, {label_of(network, 'section', point.section)}",
                f"km post {km} on the {key} interpolated between {a} (km {km_a}) and {b} "
                f"(km {km_b}): approximate, post numbering varies by a few km",
            )
    return None


@functools.cache
def _corridor() -> Any:
    from railwatch.network import resolve_network

    return resolve_network(None)


def _posted_network(network: Any) -> Any:
    """The embedded corridor when `network` has no km posts of its own (the national network
    draws every station but carries no posts), else None."""
    if "km_post" in network.nodes.columns:
        return None
    corridor = _corridor()
    return corridor if "km_post" in corridor.nodes.columns else None


def _km_post_elsewhere(network: Any, posted: Any, key: str, km: int) -> Location | None:
    """A km post located on the embedded corridor's posts, then put on `network`'s nearest
    section of the same line (the corridor knows where the posts are; the national network
    knows the track)."""
    point = locate_km_post(posted, sections_of_line(posted, key), key, km)
    if point is None:
        return None
    candidates = sections_of_line(network, key)
    near = nearest_section(network, point.lat, point.lon, candidates or None)
    if near is None or near[1] > DEFAULT_SNAP_KM:
        near = nearest_section(network, point.lat, point.lon)
    if near is None or near[1] > DEFAULT_SNAP_KM:
        return None
    sid, dist, (lat, lon) = near
    (a, km_a), (b, km_b) = point.before, point.after
    return Location(
        "section",
        sid,
        round(lat, 5),
        round(lon, 5),
        "section",
        f"km {km}, {label_of(network, 'section', sid)}",
        f"km post {km} on the {key} interpolated between {a} (km {km_a}) and {b} (km {km_b}) "
        f"of the embedded corridor, {dist:.1f} km from {sid}: approximate, post numbering "
        "varies by a few km",
    )


# a post this far beyond the length of the named stretch is counted from elsewhere
_BEYOND_KM = 5.0


def km_post_on_stretch(
    network: Any, a: str, b: str, km: int, names: tuple[str, str]
) -> Location | None:
    """Km post `km` on a line named by its two ends ("на 136 км железной дороги Брянск —
    Унеча", "km 136 of the Bryansk–Unecha line"), nodes `a` and `b`: the point `km` along the
    shortest path from the first end named, where lines are numbered from (precision
    "section", approximate). None when the path is shorter than the post: then the posts are
    counted from farther away and say nothing about where on the stretch it is."""
    found = queries.path(network, a, b, by="length")
    if found is None or not found.sections:
        return None
    frame = network.sections
    lengths = [float(frame.at[sid, "length_km"] or 0.0) for sid in found.sections]
    total = sum(lengths)
    if km > total + _BEYOND_KM or total <= 0:
        return _by_named_halts(network, found, lengths, km, names)
    along = point_along(network, found, lengths, min(float(km), total))
    if along is None:
        return None
    sid, lat, lon = along
    return Location(
        "section",
        sid,
        lat,
        lon,
        "section",
        f"km {km} of {names[0]} – {names[1]}, {label_of(network, 'section', sid)}",
        f"km post {km} counted from '{names[0]}' along the {total:.0f} km path to "
        f"'{names[1]}' ({len(found.sections)} sections): approximate, the line's posts may "
        "start a little before its first named end",
    )


# a halt named by its kilometre ("728 км") is a km post of the line it stands on
_HALT_NUMBER = re.compile(r"^(?:\D{0,12}\s)?(\d{1,4})\s*(?:км|km)$", re.IGNORECASE)
# a post this far from the only named halt on the stretch is not placed by it
_ONE_HALT_KM = 3


def _halt_number(network: Any, node: str) -> int | None:
    for column in ("name_ru", "name"):
        if column in network.nodes.columns:
            found = _HALT_NUMBER.match(str(network.nodes.at[node, column]).replace("\xa0", " "))
            if found:
                return int(found.group(1))
    return None


def _by_named_halts(
    network: Any, found: Any, lengths: list[float], km: int, names: tuple[str, str]
) -> Location | None:
    """Km post `km` on a stretch whose posts are counted from farther away ("на 725 км
    перегона Евдаково — Сагуны"): placed by the halts on the path named by their kilometre
    ("728 км"), between the two whose numbers bracket it, or at the one within
    `_ONE_HALT_KM` of it; None when the path has no such halt."""
    marks, run = [], 0.0
    for i, node in enumerate(found.nodes):
        number = _halt_number(network, node)
        if number is not None:
            marks.append((number, run))
        run += lengths[i] if i < len(lengths) else 0.0
    target = None
    for (n_a, d_a), (n_b, d_b) in zip(marks, marks[1:], strict=False):
        if min(n_a, n_b) <= km <= max(n_a, n_b) and n_a != n_b:
            target = d_a + (d_b - d_a) * (km - n_a) / (n_b - n_a)
            break
    if target is None:
        near = [d for n, d in marks if abs(n - km) <= _ONE_HALT_KM]
        target = near[0] if near else None
    if target is None:
        return None
    along = point_along(network, found, lengths, target)
    if along is None:
        return None
    sid, lat, lon = along
    return Location(
        "section", sid, lat, lon, "section",
        f"km {km} of {names[0]} – {names[1]}, {label_of(network, 'section', sid)}",
        f"km post {km} placed by the halts named by their kilometre on the path from "
        f"'{names[0]}' to '{names[1]}': approximate",
    )  # fmt: skip
