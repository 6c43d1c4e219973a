"""Placing what a report names on the network: place mentions -> one `Location`.

Order of preference (most precise first), each with the `via` text saying how it was found:

1. a structure named in the text ("Северомуйском тоннеле") -> that structure;
2. two stations of the network named as the ends of a stretch ("between Taksimo and
   Severobaikalsk", "на перегоне Итыкит – Окусикан") -> the section between them. When the two
   stations are not adjacent the shortest path between them has several sections; we keep the
   one that holds the path's midpoint (by length) and list the whole path in `via`. A stretch
   that long is what the report says, so precision stays "section", and `via` warns;
   Stations off the network come from the national station table
   (`reports.place.stations_gazetteer`): the pair of stations the table links is the stretch, at
   the midpoint of its two ends (on a network section when one passes there);
   a named km post on a named line ("km 7234 of the Trans-Siberian") -> a point on that line
   interpolated between the line's km-posted stations (precision "section", approximate);
3. a station or town of the network -> that node (precision "near_node"); else a station of
   the national table -> its point (precision "near_node", on a section when one passes);
4. a settlement off the network -> snapped to the nearest section of a line named in the text
   (within `named_line_km`), else to the nearest section within `snap_km` (default 30 km);
   else it stays an unplaced point (precision "near_node", kind "point");
5. a district or a region -> a point at its centre (precision "district" / "region");
6. a line named alone ("на БАМе") -> the line (precision "line", point at its middle);
7. a country -> a point at its centre (precision "country").
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from railwatch.network import queries
from railwatch.network.geo import distance_km
from railwatch.reports.lexicon import words as lexicon_words
from railwatch.reports.model import Location, PlaceMention
from railwatch.reports.place.gazetteer import (
    PRECISION_RANK,
    Gazetteer,
    NetworkHit,
    Place,
    gazetteer_for,
    normalize,
)
from railwatch.reports.place.km_posts import km_posts_in, locate_km_post
from railwatch.reports.place.places_text import EARLIER_EVENT, names_the_site
from railwatch.reports.place.stations_gazetteer import (
    Station,
    in_regions,
    pick_station,
    station_index,
    stem_of,
)

if TYPE_CHECKING:
    from railwatch.network import RailNetwork

DEFAULT_SNAP_KM = 30.0
DEFAULT_NAMED_LINE_KM = 150.0

# A named line: the regex finds it in text (stems, so inflected forms match); the key says
# which sections belong to it (their `line` starts with the key, or their id with the prefix).
LINES: dict[str, tuple[str, str, str]] = {
    "little bam": (r"мал\w*\s+бам\w*|little\s+bam|амуро-якутск\w*", "little bam", "lb:"),
    "bam": (r"\bбам\w{0,2}\b|\bbam\b|байкало-амурск\w*|baikal[\s\-–]amur", "bam", "bam:"),
    # the regional railways that run the Trans-Siberian count as naming it
    "trans-siberian": (
        r"транссиб\w*|trans[\s\-]?siberian|transsib\w*|"
        r"(?:забайкальск|восточно-сибирск|западно-сибирск|дальневосточн|свердловск)\w*\s+железн|"
        r"(?:trans-baikal|transbaikal|east siberian|west siberian|far eastern|sverdlovsk)\s+railway",
        "trans siberian",
        "ts:",
    ),
}

_BETWEEN = [
    re.compile(r"(?:между|between)\s+(.+?)\s+(?:и|and)\s+(.+)$", re.IGNORECASE),
    re.compile(
        r"(?:перегон\w*|участк\w*|лини\w+|stretch|section)\s+(.+?)(?:\s+-\s+|\s*[–—]\s*)(.+)$",
        re.IGNORECASE,
    ),
    re.compile(r"^(.+?)\s+[–—-]\s+(.+)$"),
    # "the Tikhoretsk–Krasnodar line": an unspaced dash before the cue word
    re.compile(r"^(.+?)\s*[–—]\s*(.+?)\s+(?:line|section|stretch)$", re.IGNORECASE),
]
_STRETCH_WORDS = re.compile(
    r"между|between|перегон|участк|(?<!\w)лини[ияею]|stretch|section", re.IGNORECASE
)
_LEADING_WORDS = {
    "в", "во", "на", "под", "у", "около", "близ", "возле", "рядом", "с", "near", "in", "at",
    "outside", "the", "of", "from", "из", "до", "от", "по", "station", "станция", "ст",
    "village", "town", "settlement", "hamlet", "city", "вблизи", "villages", "towns",
    "settlements", "stations", "cities",
}  # fmt: skip
# Railway suffixes of station names: "Чернышевск-Забайкальский" is the station of Chernyshevsk.
_STATION_SUFFIX = re.compile(
    r"[-‑–\s](?:Забайкальск\w*|Сортировочн\w*|Пассажирск\w*|Товарн\w*|Восточн\w*|Западн\w*|"
    r"Северн\w*|Южн\w*|Центральн\w*|Главн\w*|Sortirovochny|Passazhirsky|Tovarny|Zabaykalsky|"
    r"Vostochny|Zapadny|Severny|Yuzhny|[IV]+|\d+)$",
    re.IGNORECASE,
)
# "a train travelling from Tikhoretsk to Krasnodar": a route's ends are where the train runs
# between, not where the incident happened; they rank below any place named as the site.
_ROUTE = r"(?:from|из|со?|following\s+from)\s+{name}\b|(?:from|из)\s+\S+(?:\s+\S+)?\s+(?:to|в|до|на)\s+{name}\b"


# "100 km east of Chita", "в 40 км от Читы", "восточнее Читы": a reference point, not the site.
_OFFSET = (
    r"(?:\b(?:north|south|east|west)\w*|\b(?:km|kilometres|kilometers|miles)\)?)\s+"
    r"(?:of|from)\s+(?:the\s+)?(?:[\w-]+\s+){{0,3}}?{name}\b|"
    r"(?:км|километр\w*)\s+(?:к\s+\w+\s+)?от\s+(?:\w+\s+){{0,2}}?{name}|"
    r"(?:восточнее|западнее|севернее|южнее)\s+(?:\w+\s+){{0,2}}?{name}"
)


# cue words that make a name an area: it never resolves to a station of the same name
_AREA_HINTS = ("region", "district", "country")

# network hit kind -> (precision of the location, how `via` names the match)
_HIT_ORDER = {
    "structure": ("structure", "structure name"),
    "section": ("section", "section name"),
    "node": ("near_node", "station/town name"),
}


def _is_offset_reference(mention: PlaceMention) -> bool:
    name = re.escape(strip_leading_words(mention.text))
    return bool(name) and bool(
        re.search(_OFFSET.format(name=name), mention.sentence or "", re.IGNORECASE)
    )


def _is_route_end(mention: PlaceMention) -> bool:
    name = re.escape(strip_leading_words(mention.text))
    sentence = mention.sentence or ""
    return bool(
        name
        and re.search(_ROUTE.format(name=name), sentence, re.IGNORECASE)
        and re.search(r"\b(?:from|из)\b.+\b(?:to|в|до)\b", sentence, re.IGNORECASE)
    )


def _names_an_earlier_event(mention: PlaceMention) -> bool:
    cue = EARLIER_EVENT.search(mention.sentence or "")
    if cue is None:
        return False
    at = (mention.sentence or "").find(mention.text)
    return at > cue.start()


@dataclass
class _Candidate:
    rank: float  # lower is better
    order: int  # mention order: earlier wins a tie
    location: Location
    sentence: str = ""  # the sentence that named it
    long_stretch: bool = False  # a stretch whose ends are not neighbours


_STATION_WORD = re.compile(r"^(?:станц\w*|stations?|разъезд\w*|поселк\w*|посел\w*|город\w*)$")


def strip_leading_words(text: str) -> str:
    """Drop prepositions and 'station' words a mention may carry ("под Читой" -> "Читой")."""
    words = text.strip().split()
    if len(words) > 1 and re.search(r"['’]s$", words[0]):
        words = words[1:]  # "Russia's Amur region" -> "Amur region"
    while len(words) > 1 and (
        normalize(words[0]) in _LEADING_WORDS or _STATION_WORD.match(normalize(words[0]))
    ):
        words = words[1:]
    return " ".join(words)


def lines_named(text: str) -> list[str]:
    """Keys of the lines (see LINES) that `text` names, in LINES order."""
    low = (text or "").lower().replace("ё", "е")
    found = []
    for key, (pattern, _, _) in LINES.items():
        if re.search(pattern, low, re.IGNORECASE):
            if key == "bam" and "little bam" in found:
                # "Малый БАМ" alone should not also count as the BAM proper
                rest = re.sub(LINES["little bam"][0], " ", low, flags=re.IGNORECASE)
                if not re.search(pattern, rest, re.IGNORECASE):
                    continue
            found.append(key)
    return found


def sections_of_line(network: Any, line_key: str) -> list[str]:
    """Ids of the sections that belong to a named line."""
    _, prefix_text, id_prefix = LINES[line_key]
    out = []
    for sid, line in network.sections["line"].items():
        norm = normalize(line) if isinstance(line, str) else ""
        if norm.startswith(prefix_text) or str(sid).startswith(id_prefix):
            out.append(str(sid))
    return out


def nearest_section(
    network: RailNetwork, lat: float, lon: float, candidates: Iterable[str] | None = None
) -> tuple[str, float, tuple[float, float]] | None:
    """The section nearest a point: (id, distance km, nearest point (lat, lon)) or None.

    A (lat, lon) view of `network.queries.nearest_section`, which works in (lon, lat).
    """
    if candidates is not None:
        candidates = list(candidates)
        if not candidates:
            return None
    near = queries.nearest_section(network, lon, lat, candidates=candidates)
    if near is None:
        return None
    return near.section, near.distance_km, (near.point[1], near.point[0])


def _feature_point(network: RailNetwork, kind: str, fid: str) -> tuple[float | None, float | None]:
    """(lat, lon) of a feature, rounded for display, or (None, None)."""
    point = queries.feature_point(network, fid)
    if point is None:
        return None, None
    return round(point[1], 5), round(point[0], 5)


def _display(network: RailNetwork, kind: str, fid: str) -> str:
    return (
        queries.section_label(network, fid)
        if kind == "section"
        else queries.feature_label(network, fid)
    )


def section_between(
    network: RailNetwork, a: str, b: str, lines: list[str] | None = None
) -> tuple[str, list[str]] | None:
    """The section between nodes a and b: (chosen id, every section on the path) or None.

    Adjacent nodes give their section (the shortest of parallel ones). Otherwise the shortest
    path is taken (restricted to the named lines when that still connects them) and the
    section holding the path's midpoint by length is chosen.
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
    return chosen, [key for key, _ in steps]


_STRETCH_TAIL = re.compile(
    r"\s+(?:section|stretch|line|stage|haul|railway\s+section|railway)$", re.IGNORECASE
)


def _pair_from_text(text: str) -> tuple[str, str] | None:
    for pattern in _BETWEEN:
        m = pattern.search(text.strip())
        if m:
            second = _STRETCH_TAIL.sub("", m.group(2).strip(' ,.«»"'))
            return m.group(1).strip(' ,.«»"'), second.strip(' ,.«»"')
    return None


def _node_hit(gaz: Gazetteer, text: str) -> NetworkHit | None:
    for hit in gaz.network_hits(strip_leading_words(text)):
        if hit.kind == "node":
            return hit
    return None


def _place_location(
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
            name=f"near {label}, {_display(network, 'section', sid)}",
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


def _line_location(network: Any, key: str) -> Location | None:
    sids = sections_of_line(network, key)
    if not sids:
        return None
    points = [_feature_point(network, "section", sid) for sid in sids]
    points = [p for p in points if p[0] is not None]
    lat = round(sum(p[0] for p in points) / len(points), 5) if points else None
    lon = round(sum(p[1] for p in points) / len(points), 5) if points else None
    return Location(
        kind="point",
        id=None,
        lat=lat,
        lon=lon,
        precision="line",
        name=key.upper() if key == "bam" else key.title(),
        via=f"line '{key}' named without a place on it ({len(sids)} sections)",
    )


def place(
    mentions: list[PlaceMention],
    network: Any,
    text: str | None = None,
    *,
    snap_km: float = DEFAULT_SNAP_KM,
    named_line_km: float = DEFAULT_NAMED_LINE_KM,
    evidence: list[str] | None = None,
) -> Location | None:
    """The most precise network location the mentions support, or None if nothing resolves.

    `text` is the whole report (used to find the lines it names, for snapping settlements).
    `evidence` are the sentences that reported the incident: among places of equal precision,
    one named in them wins over one named elsewhere.
    """
    gaz = gazetteer_for(network)
    lines = lines_named(" ".join([text or "", *(m.text for m in mentions)]))
    regions = _regions_named(gaz, mentions)
    anchors = _anchors(mentions)
    context = _Context(regions, anchors)
    candidates: list[_Candidate] = []

    def add(rank: float, order: int, location: Location, long_stretch: bool = False) -> None:
        sentence = mentions[order].sentence if order < len(mentions) else ""
        candidates.append(_Candidate(rank, order, location, sentence or "", long_stretch))

    node_mentions: list[tuple[int, NetworkHit, PlaceMention]] = []
    evidence_set = {e.strip() for e in evidence or []}
    for order, mention in enumerate(mentions):
        surface = strip_leading_words(mention.text)
        # a place named in the sentence that reported the incident beats one named in passing
        told = evidence_set and mention.sentence.strip() in evidence_set
        boost = -0.1 if told or names_the_site(mention.sentence or "") else 0.0
        if mention.kind_hint == "unknown":
            boost += 0.05  # a name a cue word introduces ("the town of X") beats a bare one
        if _names_an_earlier_event(mention):
            boost += 0.3
        if mention.kind_hint in ("unknown", "settlement", "station") and (
            _is_route_end(mention) or _is_offset_reference(mention)
        ):
            boost += 1.0
        # 1. stretches between two named stations
        pair = (
            _pair_from_text(mention.text) if mention.kind_hint in ("section", "unknown") else None
        )
        if pair is None and _STRETCH_WORDS.search(mention.text):
            pair = _pair_from_text(mention.text)
        if (
            pair
            and boost < 0
            and _leaves_network(network, gaz, pair, snap_km)
            and _station_stretch(network, pair, lines, snap_km, regions) is None
        ):
            # the incident sentence puts it on a line the network lacks: nothing nearby
            # stands in for it
            return None
        if pair is None and mention.kind_hint not in ("region", "district", "country"):
            pair = _hyphen_pair(surface)
        if pair is None and mention.kind_hint == "section" and " — " in mention.normalized:
            # "the Supryak-Tsemzavod stage": the mention's own split, even when the station
            # table does not link the two (one end may be misspelled or missing)
            first, second = mention.normalized.split(" — ", 1)
            pair = (first, second)
        if pair:
            ends = _network_stretch(network, pair, lines, regions)
            if ends is not None:
                found, hit_a, hit_b = ends
                add(
                    PRECISION_RANK["section"] + boost,
                    order,
                    _section_location(network, found, hit_a, hit_b),
                    long_stretch=len(found[1]) > 1,
                )
                continue
            hit_a, hit_b = _node_hit(gaz, pair[0]), _node_hit(gaz, pair[1])
            if hit_a and hit_b and hit_a.id != hit_b.id:
                found = section_between(network, hit_a.id, hit_b.id, lines)
                if (
                    found
                    and _path_km(network, found[1]) > _STRETCH_MAX_KM
                    and any(_several_nodes(gaz, name) for name in pair)
                ):
                    found = None  # of same-named stations, two far apart: not the stretch meant
                if found:
                    add(
                        PRECISION_RANK["section"] + boost,
                        order,
                        _section_location(network, found, hit_a, hit_b),
                        long_stretch=len(found[1]) > 1,
                    )
                    continue
            stations = _station_stretch(network, pair, lines, snap_km, regions)
            if stations is not None:
                steps = station_index().pair(*(strip_leading_words(n) for n in pair), regions)
                long_stretch = steps is not None and (steps[2] or 0) > 1
                add(PRECISION_RANK["section"] + boost + 0.05, order, stations, long_stretch)
                continue
            stretch = _stretch_off_network(network, gaz, pair, lines, snap_km, named_line_km)
            if stretch is not None:
                rank = PRECISION_RANK[stretch.precision] + boost
                add(rank + (0.25 if stretch.precision == "near_node" else 0), order, stretch)
                continue
        forms = [surface, mention.normalized, mention.text]
        base = _STATION_SUFFIX.sub("", surface)
        if base != surface:
            forms.append(base)
        hits = []
        for form in dict.fromkeys(forms):
            if form:
                hits = gaz.network_hits(form)
                if hits:
                    break
        if not hits and mention.kind_hint == "structure":
            hits = gaz.structure_hits(surface)
        # Structures beat sections beat stations: the first hit of the most precise kind wins.
        hit = next((h for kind in _HIT_ORDER for h in hits if h.kind == kind), None)
        if hit is not None and hit.kind == "node" and mention.kind_hint in _AREA_HINTS:
            hit = None  # "на Кубани" names the region, not the station named after it
        if hit is not None and hit.kind == "node":
            picked = _pick_node(network, [h for h in hits if h.kind == "node"], forms, context)
            if isinstance(picked, Station):
                location = _station_location(network, picked, mention.text, lines, snap_km)
                add(PRECISION_RANK["near_node"] + boost, order, location)
                continue
            hit = picked
        if hit is not None:
            precision, what = _HIT_ORDER[hit.kind]
            if hit.kind == "node":
                node_mentions.append((order, hit, mention))
            name = _display(network, "section", hit.id) if hit.kind == "section" else hit.name
            lat, lon = _feature_point(network, hit.kind, hit.id)
            add(
                PRECISION_RANK[precision] + boost,
                order,
                Location(hit.kind, hit.id, lat, lon, precision, name,
                         f"{what} '{hit.matched}' from '{mention.text}'"),
            )  # fmt: skip
            continue
        places: list[Place] = []
        for form in dict.fromkeys(forms):
            if form:
                places = gaz.places(form)
                if places:
                    break
        areas = [p for p in places if p.kind != "settlement"]
        if (
            not areas
            and mention.kind_hint in ("station", "section", "structure", "unknown", "settlement")
            and (mention.kind_hint == "station" or not places)
        ):
            bare = [_TRAILING_CUE.sub("", f) for f in forms if f]
            station = _find_station(
                bare, regions, fuzzy=mention.kind_hint != "unknown", anchors=anchors
            )
            if station is None and mention.kind_hint == "unknown":
                station = _guess_in_context(bare, context)
            node = _node_hit(gaz, station.name) if station and station.lat is None else None
            if node is not None:
                # the table has no point for it, the network draws a station of that name
                node_mentions.append((order, node, mention))
                lat, lon = _feature_point(network, "node", node.id)
                add(
                    PRECISION_RANK["near_node"] + boost,
                    order,
                    Location("node", node.id, lat, lon, "near_node", node.name,
                             f"station '{station.name}' (ESR {station.esr}, no point in the "
                             f"table) as the network's node '{node.matched}'"),
                )  # fmt: skip
                continue
            if station is not None:
                location = _station_location(network, station, mention.text, lines, snap_km)
                add(PRECISION_RANK["near_node"] + boost, order, location)
                continue
        if mention.kind_hint == "settlement":
            places = [p for p in places if p.kind == "settlement"] or places
        if mention.kind_hint in ("region", "district"):
            # "в Крыму" is the region, never a village that happens to share its name
            places = [p for p in places if p.kind in ("region", "district", "country")]
        if places:
            chosen = _pick_place(places, network)
            location = _place_location(network, chosen, lines, snap_km, named_line_km, mention.text)
            rank = PRECISION_RANK[location.precision] + (
                0.5 if location.precision == "near_node" else 0
            )
            add(rank + boost, order, location)
            continue
        for key in lines_named(mention.text):
            location = _line_location(network, key)
            if location is not None:
                add(PRECISION_RANK["line"], order, location)

    # two stations named in one sentence about a stretch: the section between them
    by_sentence: dict[str, list[tuple[int, NetworkHit]]] = {}
    for order, hit, mention in node_mentions:
        if mention.sentence and _STRETCH_WORDS.search(mention.sentence):
            by_sentence.setdefault(mention.sentence, []).append((order, hit))
    for hits in by_sentence.values():
        distinct = list({h.id: (o, h) for o, h in hits}.values())
        if len(distinct) >= 2:
            (order, a), (_, b) = distinct[0], distinct[1]
            found = section_between(network, a.id, b.id, lines)
            if found:
                add(PRECISION_RANK["section"], order, _section_location(network, found, a, b))

    for sentence in dict.fromkeys([*(evidence or []), *(m.sentence for m in mentions)]):
        post = km_post_location(network, sentence or "", lines)
        if post is not None:
            add(PRECISION_RANK["section"] + 0.5, len(mentions), post)
            break

    if not candidates:
        for key in lines:
            location = _line_location(network, key)
            if location is not None:
                return location
        return None
    # "station X (section A – B)": a stretch of several sections named with a station of the
    # same sentence only says which line the station is on; the station is the site
    stations_by_sentence = {
        c.sentence for c in candidates if c.location.precision == "near_node" and c.sentence
    }
    for c in candidates:
        if c.long_stretch and c.sentence in stations_by_sentence:
            c.rank += 1.2
    best = min(candidates, key=lambda c: (c.rank, c.order))
    location = best.location
    if location.precision in ("district", "region") and lines and location.lat is not None:
        return _on_named_line(network, location, lines) or location
    return location


# how far from a district's or region's centre a named line may pass to be placed on it
_AREA_LINE_KM = {"district": 100.0, "region": 400.0}


def _on_named_line(network: Any, area: Location, lines: list[str]) -> Location | None:
    """A district or region named with a line: the line's section nearest the area's centre.

    Precision stays that of the area; the section is a best guess and `via` says so.
    """
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
        name=f"{area.name}, {_display(network, 'section', sid)}",
        via=f"{area.via}; the named line ({', '.join(lines)}) passes {dist:.0f} km from it "
        f"on {sid} (best guess within the {area.precision})",
    )


def _leaves_network(network: Any, gaz: Gazetteer, pair: tuple[str, str], snap_km: float) -> bool:
    """True when one end of a named stretch is a town far from every section: the stretch
    ("the Bryansk–Unecha line") runs on a line the network does not hold.

    Ends farther apart than a stretch can be say nothing: one of the names matched the wrong
    place ("Star" for the station Звезда, machine-translated).
    """
    far_ends = False
    points = []
    for name in pair:
        surface = strip_leading_words(name)
        node = _node_hit(gaz, surface)
        if node is not None:
            points.append(_feature_point(network, "node", node.id))
            continue
        settlements = [p for p in gaz.places(surface) if p.kind == "settlement"]
        if settlements:
            chosen = _pick_place(settlements, network)
            points.append((chosen.lat, chosen.lon))
            closest = nearest_section(network, chosen.lat, chosen.lon)
            far_ends = far_ends or closest is None or closest[1] > snap_km
    known = [p for p in points if p[0] is not None]
    if len(known) == 2 and _apart_km(known[0], known[1]) > _STRETCH_MAX_KM:
        return False
    return far_ends


def _apart_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Distance between two (lat, lon) points, the order places and stations use here."""
    return distance_km(a[1], a[0], b[1], b[0])


# farther apart than this, two names cannot be the ends of one stretch or of a line named
# by its ends ("the Moscow–Kursk line" is about 500 km): one of them matched the wrong place
_STRETCH_MAX_KM = 600.0


def _stretch_off_network(
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
        located = _station_location(network, ends[0][2], ends[0][0], lines, snap_km)
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
        name=f"{' – '.join(pair)} on {_display(network, 'section', sid)}",
        via=f"stretch '{pair[0]} – {pair[1]}': {named} located off the network, "
        f"{'their midpoint' if both else 'that end'} snapped {dist:.1f} km to {sid}",
    )


def _stretch_ends(
    network: Any, gaz: Gazetteer, pair: tuple[str, str]
) -> list[tuple[str, tuple[float, float], Station | None]]:
    """The points of a stretch's ends: (name, (lat, lon), the table station or None).

    Each end may be a station of the table, a node of the network or a settlement, each
    name possibly shared by many places; the two ends are the candidates nearest each other.
    When no two lie within `_STRETCH_MAX_KM` one name matched the wrong place or none: the
    end that is a station is kept alone (the first of its candidates)."""
    options: list[list[tuple[tuple[float, float], Station | None]]] = []
    names = [strip_leading_words(n) for n in pair]
    for surface in names:
        found: list[tuple[tuple[float, float], Station | None]] = [
            ((s.lat, s.lon), s) for s in station_index().find(surface) if s.lat is not None
        ]
        for hit in gaz.network_hits(surface):
            if hit.kind == "node":
                point = _feature_point(network, "node", hit.id)
                if point[0] is not None:
                    found.append((point, station_index().station(hit.id)))
        if not found:
            places = [p for p in gaz.places(surface) if p.kind == "settlement"]
            found = [((p.lat, p.lon), None) for p in places[:20]]
        options.append(found)
    if options[0] and options[1]:
        distance, pa, pb = min(
            (_apart_km(a[0], b[0]), a, b) for a in options[0] for b in options[1]
        )
        if distance <= _STRETCH_MAX_KM:
            return [(names[0], pa[0], pa[1]), (names[1], pb[0], pb[1])]
    stations = [
        (name, found[0][0], found[0][1])
        for name, found in zip(names, options, strict=True)
        if found and found[0][1] is not None
    ]
    if len(stations) == 1:
        return stations
    alone = [(n, f[0][0], f[0][1]) for n, f in zip(names, options, strict=True) if f]
    return alone if len(alone) == 1 else []


def _pick_place(places: list[Place], network: Any) -> Place:
    """Among same-named places prefer the higher kind, then the one nearest the network."""
    top_kind = places[0].kind
    same = [p for p in places if p.kind == top_kind]
    if len(same) == 1 or top_kind != "settlement":
        return same[0]

    def closeness(p: Place) -> tuple[float, int]:
        near = nearest_section(network, p.lat, p.lon)
        return (near[1] if near else math.inf, -p.population)

    return min(same[:20], key=closeness)


def _section_location(
    network: Any, found: tuple[str, list[str]], a: NetworkHit, b: NetworkHit
) -> Location:
    chosen, path = found
    lat, lon = _feature_point(network, "section", chosen)
    via = f"between stations '{a.matched}' and '{b.matched}'"
    if len(path) > 1:
        via += f": path of {len(path)} sections ({', '.join(path)}); chose {chosen} at the midpoint"
    return Location(
        "section", chosen, lat, lon, "section", _display(network, "section", chosen), via
    )


def _regions_named(gaz: Gazetteer, mentions: list[PlaceMention]) -> set[str]:
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
    generic = set(lexicon_words("ru", "place_region_generic"))
    distinctive = [w for w in normalize(name_ru).split() if w not in generic]
    return stem_of(distinctive[0]) if distinctive else ""


def _find_station(
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
class _Context:
    """What a report says around a name: the regions it names (stems, see `region_stem`) and
    the points of the stations it names unambiguously."""

    regions: set[str]
    anchors: list[tuple[float, float]]


# a guessed (misspelled) bare name must lie this close to a station the report names
_GUESS_NEAR_KM = 150.0


def _guess_in_context(forms: list[str], context: _Context) -> Station | None:
    """A bare name ("near Rasskazovo" misspelled) is only guessed when the report says where
    to look: the guessed station must lie in a region the report names or near a station
    it names unambiguously; otherwise a typo-tolerant match on any capitalised word would
    put incidents at random stations."""
    if not context.regions and not context.anchors:
        return None
    index = station_index()
    for form in dict.fromkeys(f for f in forms if f):
        for station in index.find(form, fuzzy=True):
            if station.lat is None:
                continue
            if context.regions and in_regions(station.region, context.regions):
                return station
            if any(
                _apart_km((station.lat, station.lon), anchor) <= _GUESS_NEAR_KM
                for anchor in context.anchors
            ):
                return station
    return None


# stations of one name closer together than this are one place for the purpose of context
_ONE_PLACE_KM = 30.0


def _anchors(mentions: list[PlaceMention]) -> list[tuple[float, float]]:
    """Points of the stations the report names unambiguously (every station of that name
    within `_ONE_PLACE_KM` of the first): the context that tells same-named stations apart."""
    index = station_index()
    out = []
    for mention in mentions:
        if mention.kind_hint in ("region", "district", "country", "line"):
            continue
        pair = _pair_from_text(mention.text) if mention.kind_hint == "section" else None
        for name in pair or (strip_leading_words(mention.text),):
            found = [
                s
                for s in index.find(_TRAILING_CUE.sub("", strip_leading_words(name)))
                if s.lat is not None
            ]
            if found and all(
                _apart_km((found[0].lat, found[0].lon), (s.lat, s.lon)) <= _ONE_PLACE_KM
                for s in found
            ):
                out.append((found[0].lat, found[0].lon))
    return out


def _pick_node(
    network: Any, hits: list[NetworkHit], forms: list[str], context: _Context
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
        found = index.find(_TRAILING_CUE.sub("", strip_leading_words(form))) if form else []
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


def _several_nodes(gaz: Gazetteer, name: str) -> bool:
    """Whether several network nodes carry this name."""
    hits = gaz.network_hits(strip_leading_words(name))
    return len({h.id for h in hits if h.kind == "node"}) > 1


def _path_km(network: Any, sections: list[str]) -> float:
    lengths = network.sections["length_km"]
    return sum(float(lengths.get(sid, 0.0) or 0.0) for sid in sections)


def _network_stretch(
    network: Any, pair: tuple[str, str], lines: list[str], regions: set[str]
) -> tuple[tuple[str, list[str]], NetworkHit, NetworkHit] | None:
    """A stretch whose two ends the national station table links, on a network whose nodes
    are those stations (the national network: node id = ESR code): the section between
    them. The table's neighbours settle which of several same-named stations are meant."""
    found = station_index().pair(*(strip_leading_words(n) for n in pair), regions)
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


def _station_location(
    network: Any, station: Station, mention: str, lines: list[str], snap_km: float
) -> Location:
    """A station of the national table: its own point, on the nearest network section when
    one passes within `snap_km` (twice that for a section of a line the text names: the
    network may draw its lines coarsely). Precision "near_node" either way."""
    where = "its OSM point" if station.coords == "osm" else "the mean of its neighbours' points"
    via = f"station '{station.name}' (ESR {station.esr}, {station.region}) from '{mention}' at {where}"
    if station.lat is None:
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
            f"{station.label}, {_display(network, 'section', sid)}",
            f"{via}; {near[1]:.1f} km from {sid}",
        )
    return Location(
        "point", None, round(station.lat, 5), round(station.lon, 5), "near_node", station.label, via
    )


_TRAILING_CUE = re.compile(
    r"\s+(?:station|junction|halt|siding|yard|railway station|станция|разъезд)$", re.IGNORECASE
)
_HYPHEN_PAIR = re.compile(r"^([A-ZА-ЯЁ][\w’']+)-([A-ZА-ЯЁ][\w’']+)(?:\s+\w+)?$")


def _hyphen_pair(surface: str) -> tuple[str, str] | None:
    """ "Aleur-Bushuley stretch": two station names joined by a plain hyphen are a stretch only
    when the national table links them (checked by the caller via `_station_stretch`)."""
    m = _HYPHEN_PAIR.match(surface.strip())
    if not m:
        return None
    pair = (m.group(1), m.group(2))
    found = station_index().pair(*pair)
    return pair if found is not None and found[2] is not None else None


def _station_stretch(
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
    found = station_index().pair(*names, regions)
    if found is None:
        return None  # the caller's own fallbacks (settlements, one end) take over
    a, b, steps = found
    if a.lat is None or b.lat is None:
        return None
    lat, lon = (a.lat + b.lat) / 2, (a.lon + b.lon) / 2
    link = f"{steps} step(s) apart in the station table" if steps else "near each other"
    via = f"stretch '{names[0]} – {names[1]}': stations {a.name} (ESR {a.esr}) and {b.name} (ESR {b.esr}), {link}; midpoint"
    label = f"{a.label} – {b.label}"
    gaz = gazetteer_for(network)
    nodes = [hit.id for hit in (_node_hit(gaz, n) for n in names) if hit is not None]
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
        (end := nearest_section(network, s.lat, s.lon, [near[0]])) is not None and end[1] <= limit
        for s in (a, b)
    )
    if near is not None and ends_on:
        sid = near[0]
        return Location(
            "section", sid, round(lat, 5), round(lon, 5), "section",
            f"{label} on {_display(network, 'section', sid)}", f"{via} on {sid}",
        )  # fmt: skip
    return Location("point", None, round(lat, 5), round(lon, 5), "section", label, via)


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
                f"km {km}, {_display(network, 'section', point.section)}",
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
        f"km {km}, {_display(network, 'section', sid)}",
        f"km post {km} on the {key} interpolated between {a} (km {km_a}) and {b} (km {km_b}) "
        f"of the embedded corridor, {dist:.1f} km from {sid}: approximate, post numbering "
        "varies by a few km",
    )
