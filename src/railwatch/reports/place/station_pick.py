"""Stations: which station of a name a report means, and where it lies on the network.

Many stations share a name; the report's context tells them apart: the regions it names
and the points of the stations it names unambiguously (`ReportContext`). A station of the
national table is put at its own point, on a nearby network section when one passes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from railwatch.network import queries
from railwatch.reports.lexicon import words as lexicon_words
from railwatch.reports.model import Location, PlaceMention
from railwatch.reports.place.gazetteer import Gazetteer, NetworkHit, normalize
from railwatch.reports.place.lines import sections_of_line
from railwatch.reports.place.mention_cues import (
    TRAILING_CUE,
    pair_from_text,
    strip_leading_words,
)
from railwatch.reports.place.network_points import apart_km, label_of, nearest_section
from railwatch.reports.place.stations_gazetteer import (
    Station,
    in_regions,
    pick_station,
    station_index,
    stem_of,
)


def node_hit(gaz: Gazetteer, text: str) -> NetworkHit | None:
    for hit in gaz.network_hits(strip_leading_words(text)):
        if hit.kind == "node":
            return hit
    return None


def regions_named(gaz: Gazetteer, mentions: list[PlaceMention]) -> set[str]:
    """Stems of the regions the mentions name, as the station table spells them
    ("Samara Oblast" -> "самар"), to tell same-named stations apart."""
    out = set()
    for mention in mentions:
        if mention.kind_hint not in ("region", "district"):
            continue
        for found in gaz.places(strip_leading_words(mention.text))[:1]:
            if found.kind == "region" and found.name_ru:
                out.add(region_stem(found.name_ru))
    out.discard("")
    return out


def region_stem(name_ru: str) -> str:
    """The word of a Russian region name that tells it apart, without its ending
    ("Краснодарский край" -> "краснодарск", "Республика Бурятия" -> "бурят"): long enough
    that Красноярский and Краснодарский stay apart."""
    generic = set(lexicon_words("ru", "region_generic_words"))
    distinctive = [w for w in normalize(name_ru).split() if w not in generic]
    return stem_of(distinctive[0]) if distinctive else ""


def find_station(
    forms: list[str],
    regions: set[str],
    *,
    fuzzy: bool,
    anchors: list[tuple[float, float]] | None = None,
) -> Station | None:
    index = station_index()
    for form in dict.fromkeys(forms):
        if form:
            found = index.find(form, fuzzy=fuzzy)
            if found:
                return pick_station(found, regions, anchors)
    return None


@dataclass(frozen=True)
class ReportContext:
    """What a report says around a name: the regions it names (stems, see `region_stem`) and
    the points of the stations it names unambiguously."""

    regions: set[str]
    anchors: list[tuple[float, float]]


# a guessed (misspelled) bare name must lie this close to a station the report names
_GUESS_NEAR_KM = 150.0


def guess_in_context(forms: list[str], context: ReportContext) -> Station | None:
    """A bare name ("near Rasskazovo" misspelled) is only guessed when the report says where
    to look: the guessed station must lie in a region the report names or near a station
    it names unambiguously; otherwise a typo-tolerant match on any capitalised word would
    put incidents at random stations."""
    if not context.regions and not context.anchors:
        return None
    index = station_index()
    for form in dict.fromkeys(f for f in forms if f):
        for station in index.find(form, fuzzy=True):
            if station.lat is None or station.lon is None:
                continue
            if context.regions and in_regions(station.region, context.regions):
                return station
            if any(
                apart_km((station.lat, station.lon), anchor) <= _GUESS_NEAR_KM
                for anchor in context.anchors
            ):
                return station
    return None


# stations of one name closer together than this are one place for the purpose of context
_ONE_PLACE_KM = 30.0


def station_anchors(mentions: list[PlaceMention]) -> list[tuple[float, float]]:
    """Points of the stations the report names unambiguously (every station of that name
    within `_ONE_PLACE_KM` of the first): the context that tells same-named stations apart."""
    index = station_index()
    out = []
    for mention in mentions:
        if mention.kind_hint in ("region", "district", "country", "line"):
            continue
        pair = pair_from_text(mention.text) if mention.kind_hint == "section" else None
        for name in pair or (strip_leading_words(mention.text),):
            found = [
                (s.lat, s.lon)
                for s in index.find(TRAILING_CUE.sub("", strip_leading_words(name)))
                if s.lat is not None and s.lon is not None
            ]
            if found and all(apart_km(found[0], p) <= _ONE_PLACE_KM for p in found):
                out.append(found[0])
    return out


def pick_node(
    network: Any, hits: list[NetworkHit], forms: list[str], context: ReportContext
) -> NetworkHit | Station:
    """Among the stations of one name, the one the context points to (see `pick_station`).

    On the national network (node id = ESR code) the candidates are the network's nodes of
    that name and the table's stations of it (the network draws only some of them); the
    chosen one is returned as a node hit when the network has it, else as a table station.
    Nodes that are not stations of the table keep their order."""
    index = station_index()
    by_esr = {h.id: h for h in hits if h.id in index.stations}
    if not by_esr:
        return hits[0]
    stations = {e: s for e in by_esr if (s := index.station(e)) is not None}
    for form in forms:
        found = index.find(TRAILING_CUE.sub("", strip_leading_words(form))) if form else []
        for station in found:
            stations.setdefault(station.esr, station)
        if found:
            break
    if len(stations) < 2:
        return hits[0]
    ordered = sorted(stations.values(), key=lambda s: s.lat is None)
    chosen = pick_station(ordered, context.regions, context.anchors)
    if chosen is None or chosen.esr in by_esr:
        return by_esr[chosen.esr] if chosen is not None else hits[0]
    if chosen.esr in network.nodes.index:
        label = queries.feature_label(network, chosen.esr)
        return NetworkHit("node", chosen.esr, label, chosen.name)
    return chosen


# a point this close to a station of the table is that station's
_AT_STATION_KM = 3.0


@lru_cache(maxsize=4096)
def region_at(lat: float | None, lon: float | None) -> str | None:
    """The table region of the station at this point ("Кировская область"), or None when no
    station of the table lies within `_AT_STATION_KM`. Cached: it scans the whole table, and
    merging asks it for every pair of a region and a station."""
    if lat is None or lon is None:
        return None
    best: tuple[float, str] | None = None
    for station in station_index().stations.values():
        if station.lat is None or station.lon is None or not station.region:
            continue
        if abs(station.lat - lat) > 0.05 or abs(station.lon - lon) > 0.1:
            continue
        km = apart_km((lat, lon), (station.lat, station.lon))
        if km <= _AT_STATION_KM and (best is None or km < best[0]):
            best = (km, station.region)
    return best[1] if best else None


def outside_named_regions(lat: float | None, lon: float | None, regions: set[str]) -> bool:
    """Whether a station's point lies in a region other than every region the report names
    (`regions` are stems, see `region_stem`); False when the report names none or the point
    is no station of the table."""
    if not regions:
        return False
    region = region_at(lat, lon)
    return region is not None and not in_regions(region, regions)


def several_nodes(gaz: Gazetteer, name: str) -> bool:
    """Whether several network nodes carry this name."""
    hits = gaz.network_hits(strip_leading_words(name))
    return len({h.id for h in hits if h.kind == "node"}) > 1


def station_location(
    network: Any, station: Station, mention: str, lines: list[str], snap_km: float
) -> Location:
    """A station of the national table: its own point, on the nearest network section when
    one passes within `snap_km` (twice that for a section of a line the text names: the
    network may draw its lines coarsely). Precision "near_node" either way."""
    where = "its OSM point" if station.coords == "osm" else "the mean of its neighbours' points"
    via = f"station '{station.name}' (ESR {station.esr}, {station.region}) from '{mention}' at {where}"
    if station.lat is None or station.lon is None:
        return Location(
            "point", None, None, None, "near_node", station.label, via + " (none known)"
        )
    near = None
    if lines:
        candidates = [sid for key in lines for sid in sections_of_line(network, key)]
        near = nearest_section(network, station.lat, station.lon, candidates)
        if near is not None and near[1] > 2 * snap_km:
            near = None
    if near is None:
        near = nearest_section(network, station.lat, station.lon)
        if near is not None and near[1] > snap_km:
            near = None
    if near is not None:
        sid = near[0]
        return Location(
            "section",
            sid,
            round(station.lat, 5),
            round(station.lon, 5),
            "near_node",
            f"{station.label}, {label_of(network, 'section', sid)}",
            f"{via}; {near[1]:.1f} km from {sid}",
        )
    return Location(
        "point", None, round(station.lat, 5), round(station.lon, 5), "near_node", station.label, via
    )
