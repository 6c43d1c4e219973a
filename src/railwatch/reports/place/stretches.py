"""Stretches: two stations named as the ends of a section -> the section between them.

"между А и Б", "на перегоне А – Б", "the A–B section": both ends nodes of the network give
the section on the path between them; ends from the national station table give the
midpoint of the two, on the network section nearest it; ends that are settlements off the
network give their midpoint snapped to a section. Precision "section" when both ends are
known, "near_node" when only one is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from railwatch.network import queries
from railwatch.reports.model import Location
from railwatch.reports.place.gazetteer import Gazetteer, NetworkHit, gazetteer_for
from railwatch.reports.place.lines import sections_of_line
from railwatch.reports.place.mention_cues import strip_leading_words
from railwatch.reports.place.network_points import (
    DEFAULT_SNAP_KM,
    apart_km,
    feature_point,
    label_of,
    nearest_section,
)
from railwatch.reports.place.settlements import pick_place
from railwatch.reports.place.station_pick import node_hit, station_location
from railwatch.reports.place.stations_gazetteer import Station, station_index

if TYPE_CHECKING:
    from railwatch.network import RailNetwork


def section_between(
    network: RailNetwork, a: str, b: str, lines: list[str] | None = None
) -> tuple[str, list[str]] | None:
    """The section between nodes a and b: (chosen id, every section on the path) or None.

    Adjacent nodes give their section (the shortest of parallel ones). Otherwise the shortest
    path is taken (restricted to the named lines when that still connects them) and the
    section holding the path's midpoint by length is chosen; on a path that winds (a bypass
    loop: `WINDING_RATIO` times the ends' distance or longer) the half-way point by length
    lies far out on the loop, so the path's section nearest the ends' midpoint is chosen.
    """
    nodes = network.nodes.index
    if a == b or a not in nodes or b not in nodes:
        return None
    found = None
    if lines:
        allowed = [sid for key in lines for sid in sections_of_line(network, key)]
        found = queries.path(network, a, b, by="length", within=allowed)
    if found is None:
        found = queries.path(network, a, b, by="length")
    if found is None or not found.sections:
        return None
    lengths = network.sections["length_km"]
    steps = [(sid, float(lengths.get(sid, 0.0) or 0.0)) for sid in found.sections]
    total = sum(length for _, length in steps)
    half, run = total / 2, 0.0
    chosen = steps[0][0]
    for key, length in steps:
        if run + length >= half:
            chosen = key
            break
        run += length
    ends = [feature_point(network, "node", node) for node in (a, b)]
    known = [(lat, lon) for lat, lon in ends if lat is not None and lon is not None]
    if len(known) == 2 and total > WINDING_RATIO * apart_km(known[0], known[1]):
        middle = ((known[0][0] + known[1][0]) / 2, (known[0][1] + known[1][1]) / 2)
        points = [(key, feature_point(network, "section", key)) for key, _ in steps]
        near = [
            (apart_km(middle, (lat, lon)), key)
            for key, (lat, lon) in points
            if lat is not None and lon is not None
        ]
        if near:
            chosen = min(near)[1]
    return chosen, [key for key, _ in steps]


# a path this many times longer than its ends' distance winds (a bypass loop)
WINDING_RATIO = 1.5


# farther apart than this, two names cannot be the ends of one stretch or of a line named
# by its ends ("the Moscow–Kursk line" is about 500 km): one of them matched the wrong place
STRETCH_MAX_KM = 600.0


def stretch_off_network(
    network: Any,
    gaz: Gazetteer,
    pair: tuple[str, str],
    lines: list[str],
    snap_km: float,
    named_line_km: float,
) -> Location | None:
    """A stretch whose ends are not both network nodes: snap the ends' midpoint to a section.

    Each end is a station of the table, a network node or a settlement of the place list
    (see `_stretch_ends`); with both ends known the result has section precision, with one
    it is "near" that end.
    """
    ends = _stretch_ends(network, gaz, pair)
    if not ends:
        return None
    if len(ends) == 1 and ends[0][2] is not None:
        # one end known: a station of the national table keeps its own point
        located = station_location(network, ends[0][2], ends[0][0], lines, snap_km)
        located.via = f"stretch '{pair[0]} – {pair[1]}': only one end known; {located.via}"
        return located
    lat = sum(pt[0] for _, pt, _ in ends) / len(ends)
    lon = sum(pt[1] for _, pt, _ in ends) / len(ends)
    near = None
    if lines:
        candidates = [sid for key in lines for sid in sections_of_line(network, key)]
        near = nearest_section(network, lat, lon, candidates)
        if near is not None and near[1] > named_line_km:
            near = None
    if near is None:
        near = nearest_section(network, lat, lon)
        if near is not None and near[1] > snap_km:
            near = None
    if near is None:
        return None
    sid, dist, (plat, plon) = near
    both = len(ends) == 2
    named = " and ".join(f"'{n}'" for n, _, _ in ends)
    return Location(
        kind="section",
        id=sid,
        lat=round(plat, 5),
        lon=round(plon, 5),
        precision="section" if both else "near_node",
        name=f"{' – '.join(pair)} on {label_of(network, 'section', sid)}",
        via=f"stretch '{pair[0]} – {pair[1]}': {named} located off the network, "
        f"{'their midpoint' if both else 'that end'} snapped {dist:.1f} km to {sid}",
    )


def _stretch_ends(
    network: Any, gaz: Gazetteer, pair: tuple[str, str]
) -> list[tuple[str, tuple[float, float], Station | None]]:
    """The points of a stretch's ends: (name, (lat, lon), the table station or None).

    Each end may be a station of the table, a node of the network or a settlement, each
    name possibly shared by many places; the two ends are the candidates nearest each other.
    When no two lie within `STRETCH_MAX_KM` one name matched the wrong place or none: the
    end that is a station is kept alone (the first of its candidates)."""
    options: list[list[tuple[tuple[float, float], Station | None]]] = []
    names = [strip_leading_words(n) for n in pair]
    for surface in names:
        found: list[tuple[tuple[float, float], Station | None]] = [
            ((s.lat, s.lon), s)
            for s in station_index().find(surface)
            if s.lat is not None and s.lon is not None
        ]
        for hit in gaz.network_hits(surface):
            if hit.kind == "node":
                lat, lon = feature_point(network, "node", hit.id)
                if lat is not None and lon is not None:
                    found.append(((lat, lon), station_index().station(hit.id)))
        if not found:
            places = [p for p in gaz.places(surface) if p.kind == "settlement"]
            found = [((p.lat, p.lon), None) for p in places[:20]]
        options.append(found)
    if options[0] and options[1]:
        distance, pa, pb = min((apart_km(a[0], b[0]), a, b) for a in options[0] for b in options[1])
        if distance <= STRETCH_MAX_KM:
            return [(names[0], pa[0], pa[1]), (names[1], pb[0], pb[1])]
    stations: list[tuple[str, tuple[float, float], Station | None]] = [
        (name, found[0][0], found[0][1])
        for name, found in zip(names, options, strict=True)
        if found and found[0][1] is not None
    ]
    if len(stations) == 1:
        return stations
    alone = [(n, f[0][0], f[0][1]) for n, f in zip(names, options, strict=True) if f]
    return alone if len(alone) == 1 else []


def leaves_network(network: Any, gaz: Gazetteer, pair: tuple[str, str], snap_km: float) -> bool:
    """True when one end of a named stretch is a town far from every section: the stretch
    ("the Bryansk–Unecha line") runs on a line the network does not hold.

    Ends farther apart than a stretch can be say nothing: one of the names matched the wrong
    place ("Star" for the station Звезда, machine-translated).
    """
    far_ends = False
    points = []
    for name in pair:
        surface = strip_leading_words(name)
        node = node_hit(gaz, surface)
        if node is not None:
            points.append(feature_point(network, "node", node.id))
            continue
        settlements = [p for p in gaz.places(surface) if p.kind == "settlement"]
        if settlements:
            chosen = pick_place(settlements, network)
            points.append((chosen.lat, chosen.lon))
            closest = nearest_section(network, chosen.lat, chosen.lon)
            far_ends = far_ends or closest is None or closest[1] > snap_km
    known = [(a, b) for a, b in points if a is not None and b is not None]
    if len(known) == 2 and apart_km(known[0], known[1]) > STRETCH_MAX_KM:
        return False
    return far_ends


def section_location(
    network: Any, found: tuple[str, list[str]], a: NetworkHit, b: NetworkHit
) -> Location:
    chosen, path = found
    lat, lon = feature_point(network, "section", chosen)
    via = f"between stations '{a.matched}' and '{b.matched}'"
    if len(path) > 1:
        via += f": path of {len(path)} sections ({', '.join(path)}); chose {chosen} at the midpoint"
    return Location(
        "section", chosen, lat, lon, "section", label_of(network, "section", chosen), via
    )


def network_stretch(
    network: Any, pair: tuple[str, str], lines: list[str], regions: set[str]
) -> tuple[tuple[str, list[str]], NetworkHit, NetworkHit] | None:
    """A stretch whose two ends the national station table links, on a network whose nodes
    are those stations (the national network: node id = ESR code): the section between
    them. The table's neighbours settle which of several same-named stations are meant."""
    found = station_index().pair(
        strip_leading_words(pair[0]), strip_leading_words(pair[1]), regions
    )
    if found is None:
        return None
    a, b, _ = found
    nodes = network.nodes.index
    if a.esr not in nodes or b.esr not in nodes:
        return None
    between = section_between(network, a.esr, b.esr, lines)
    if between is None:
        return None
    hits = [NetworkHit("node", s.esr, s.name, n) for s, n in ((a, pair[0]), (b, pair[1]))]
    return between, hits[0], hits[1]


def station_stretch(
    network: Any,
    pair: tuple[str, str],
    lines: list[str],
    snap_km: float = DEFAULT_SNAP_KM,
    regions: set[str] | None = None,
) -> Location | None:
    """A stretch between two stations of the national table: the midpoint of its ends, on the
    network section nearest it when both ends lie within `snap_km` of that section (the
    network's drawn lines may be coarse). Precision "section"."""
    names = [strip_leading_words(n) for n in pair]
    found = station_index().pair(names[0], names[1], regions)
    if found is None:
        return None  # the caller's own fallbacks (settlements, one end) take over
    a, b, steps = found
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    lat, lon = (a.lat + b.lat) / 2, (a.lon + b.lon) / 2
    link = f"{steps} step(s) apart in the station table" if steps else "near each other"
    via = f"stretch '{names[0]} – {names[1]}': stations {a.name} (ESR {a.esr}) and {b.name} (ESR {b.esr}), {link}; midpoint"
    label = f"{a.label} – {b.label}"
    gaz = gazetteer_for(network)
    nodes = [hit.id for hit in (node_hit(gaz, n) for n in names) if hit is not None]
    if nodes:
        # one end is a node of the network: the stretch is one of that node's sections
        candidates = [
            str(sid)
            for sid, row in network.sections.iterrows()
            if row["from"] in nodes or row["to"] in nodes
        ]
    else:
        candidates = [sid for key in lines for sid in sections_of_line(network, key)]
    # on a section the text names (by its end node or its line) a coarse drawing may be
    # further off than `snap_km`
    limit = 2 * snap_km if candidates else snap_km
    near = nearest_section(network, lat, lon, candidates or None)
    if near is None or near[1] > limit:
        near, limit = nearest_section(network, lat, lon), snap_km
    ends_on = near is not None and all(
        (end := nearest_section(network, s_lat, s_lon, [near[0]])) is not None and end[1] <= limit
        for s_lat, s_lon in ((a.lat, a.lon), (b.lat, b.lon))
    )
    if near is not None and ends_on:
        sid = near[0]
        return Location(
            "section", sid, round(lat, 5), round(lon, 5), "section",
            f"{label} on {label_of(network, 'section', sid)}", f"{via} on {sid}",
        )  # fmt: skip
    return Location("point", None, round(lat, 5), round(lon, 5), "section", label, via)
