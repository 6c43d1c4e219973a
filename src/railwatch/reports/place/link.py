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

When the incident's own sentences name nothing finer than a region, a station or stretch the
text names elsewhere (a site sentence, then any sentence not about another time or a route)
inside a region the incident names stands for the site, ranked below the incident's own places.

This module states that order; each stage lives in its own module: `mention_cues` (what the
words around a name say: stretch ends, route ends, reference points), `stretches` (1-2),
`station_pick` (3: which station of a name, and its point), `km_post_link` (km posts),
`settlements` (4-5, 7), `lines` (6) and `network_points` (the network's points and sections
in (lat, lon)).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

import shapely

from railwatch.network.queries import feature_geometry
from railwatch.reports.lexicon import LANGUAGES, alternation, lexicon
from railwatch.reports.model import Location, PlaceMention
from railwatch.reports.place.districts import district_named, region_stems
from railwatch.reports.place.entity_places import entity_mentions
from railwatch.reports.place.gazetteer import (
    PRECISION_RANK,
    Gazetteer,
    NetworkHit,
    Place,
    gazetteer_for,
)
from railwatch.reports.place.km_post_link import km_post_location, km_post_on_stretch
from railwatch.reports.place.km_posts import km_posts_in
from railwatch.reports.place.lines import line_location, lines_named
from railwatch.reports.place.mention_cues import (
    AREA_HINTS,
    STATION_SUFFIX,
    STRETCH_WORDS,
    TRAILING_CUE,
    around_a_place,
    hyphen_pair,
    is_offset_reference,
    is_route_end,
    is_speaker_place,
    names_an_earlier_event,
    pair_from_text,
    strip_leading_words,
    with_lower_word,
)
from railwatch.reports.place.network_points import (
    DEFAULT_SNAP_KM,
    apart_km,
    feature_point,
    label_of,
    path_km,
)
from railwatch.reports.place.places_text import (
    EARLIER_EVENT,
    find_places,
    names_the_site,
    site_sentences,
)
from railwatch.reports.place.settlements import on_named_line, pick_place, place_location
from railwatch.reports.place.station_pick import (
    ReportContext,
    find_station,
    guess_in_context,
    node_hit,
    outside_named_regions,
    pick_node,
    region_at,
    region_stem,
    regions_named,
    several_nodes,
    station_anchors,
    station_location,
)
from railwatch.reports.place.stations_gazetteer import (
    STRETCH_KM,
    Station,
    in_regions,
    station_index,
    stations_distance_km,
)
from railwatch.reports.place.stretches import (
    STRETCH_MAX_KM,
    leaves_network,
    network_stretch,
    section_between,
    section_location,
    station_stretch,
    stretch_off_network,
)
from railwatch.reports.text.sentences import split_sentences

__all__ = ["km_post_location", "lines_named", "place", "region_stem", "section_between"]

DEFAULT_NAMED_LINE_KM = 150.0


# lexicon "many_station_city_patterns": a city named alone that no one station stands for
_MANY_STATION_CITY = re.compile(
    "|".join(f"(?:{p})" for lang in LANGUAGES for p in lexicon(lang)["many_station_city_patterns"]),
    re.IGNORECASE,
)

# network hit kind -> (precision of the location, how `via` names the match)
_HIT_ORDER = {
    "structure": ("structure", "structure name"),
    "section": ("section", "section name"),
    "node": ("near_node", "station/town name"),
}


@dataclass
class _Candidate:
    rank: float  # lower is better
    order: int  # mention order: earlier wins a tie
    location: Location
    sentence: str = ""  # the sentence that named it
    long_stretch: bool = False  # a stretch whose ends are not neighbours


@dataclass
class _Found:
    """What one stage made of one mention: its location and rank before the mention's boost."""

    rank: float
    location: Location
    long_stretch: bool = False
    node: NetworkHit | None = None  # the network node it names, for stretches told by two
    settlement: bool = False  # a place of the place list, not of the network or station table


@dataclass(frozen=True)
class _Report:
    """What every stage needs to know about the report being placed."""

    network: Any
    gaz: Gazetteer
    lines: list[str]
    regions: set[str]
    context: ReportContext
    snap_km: float
    named_line_km: float


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
    regions = regions_named(gaz, mentions)
    report = _Report(
        network=network,
        gaz=gaz,
        lines=lines_named(" ".join([text or "", *(m.text for m in mentions)])),
        regions=regions,
        context=ReportContext(
            regions, station_anchors(mentions) + _district_points(mentions, regions)
        ),
        snap_km=snap_km,
        named_line_km=named_line_km,
    )
    candidates: list[_Candidate] = []

    def add(rank: float, order: int, location: Location, long_stretch: bool = False) -> None:
        sentence = mentions[order].sentence if order < len(mentions) else ""
        candidates.append(_Candidate(rank, order, location, sentence or "", long_stretch))

    node_mentions: list[tuple[int, NetworkHit, PlaceMention]] = []
    evidence_set = {e.strip() for e in evidence or []}
    recap = _recap_tail(text or "") - evidence_set
    mentions = [with_lower_word(around_a_place(m)) for m in mentions]
    mentions = [_as_region_if_so_called(gaz, m, text or "") for m in mentions]
    for order, mention in enumerate(mentions):
        boost = _boost(mention, evidence_set)
        if mention.sentence.strip() in recap:
            boost += RECAP_TAIL_PENALTY
        pair = _stated_pair(mention)
        if pair and boost < 0 and _off_the_network(report, pair):
            # the incident sentence puts it on a line the network lacks: nothing nearby
            # stands in for it
            return None
        found = _resolve_mention(report, mention, pair)
        if found is not None:
            if found.node is not None:
                node_mentions.append((order, found.node, mention))
            add(found.rank + boost, order, found.location, found.long_stretch)
            continue
        for key in lines_named(mention.text):
            location = line_location(network, key)
            if location is not None:
                add(PRECISION_RANK["line"], order, location)

    for order, location in _stretches_told_by_two(report, node_mentions):
        add(PRECISION_RANK["section"], order, location)

    for sentence in dict.fromkeys([*(evidence or []), *(m.sentence for m in mentions)]):
        post = km_post_location(network, sentence or "", report.lines)
        if post is not None and not _post_far_from_its_places(post, sentence, candidates):
            add(PRECISION_RANK["section"] + 0.5, len(mentions), post)
            break

    if not any(c.location.precision in _PRECISE for c in candidates):
        sentences = list(evidence or []) or [m.sentence for m in mentions]
        for order, location, rank in _entity_places(report, sentences, mentions, evidence_set):
            add(rank, order, location)

    precise = [c for c in candidates if c.location.precision in _PRECISE]
    vague = bool(precise) and all(
        c.order < len(mentions) and _named_as_surroundings(mentions[c.order]) for c in precise
    )
    if text and (not precise or vague):
        told = {m.sentence.strip() for m in mentions} | evidence_set
        # a town named as the area around the site ("под Курском") gives way to the station
        # or stretch a site sentence names near it ("По версии следствия, ... на станции X")
        near = [c for c in precise if c.location.lat is not None] if vague else candidates
        best_vague = min((c.rank for c in precise), default=0.0)
        for order, location, rank in _site_places(report, text, told, near, len(mentions)):
            if outside_named_regions(location.lat, location.lon, report.regions):
                # a site the text names for another event, in a region other than every
                # region this incident's own places name ("in Kursk Oblast" is no station
                # of Bryansk Oblast told elsewhere in the text)
                continue
            if vague:
                if location.lat is None or location.lon is None:
                    continue
                if all(
                    apart_km((location.lat, location.lon), (c.location.lat, c.location.lon))
                    > _SURROUNDINGS_KM
                    for c in near
                    if c.location.lat is not None and c.location.lon is not None
                ):
                    continue
                rank = min(rank, best_vague - 0.01)
            add(rank, order, location)

    if text and report.regions and not any(c.location.precision in _PRECISE for c in candidates):
        told = {m.sentence.strip() for m in mentions} | evidence_set
        for order, location, rank in _places_elsewhere(report, text, told, recap, len(mentions)):
            add(rank, order, location)

    if not candidates:
        for key in report.lines:
            location = line_location(network, key)
            if location is not None:
                return location
        return None
    return _best(report, candidates, mentions)


# a km post on a named line this far from every station its sentence names counts from
# another origin than the line's km-posted stations (a branch's or a division's own count)
_POST_NEAR_KM = 50.0


def _post_far_from_its_places(post: Location, sentence: str, candidates: list[_Candidate]) -> bool:
    """True when the sentence of a km post ("на 1234 км Транссиба у станции Хилок") also
    names a station or stretch, and the post lies far from all of them: the station is where
    it happened, the post's count is not the one the line's table uses."""
    if post.lat is None or post.lon is None:
        return False
    points = [
        (c.location.lat, c.location.lon)
        for c in candidates
        if c.sentence == sentence
        and c.location.precision in ("section", "near_node")
        and c.location.lat is not None
        and c.location.lon is not None
    ]
    return bool(points) and all(apart_km((post.lat, post.lon), p) > _POST_NEAR_KM for p in points)


def _district_points(mentions: list[PlaceMention], regions: set[str]) -> list[tuple[float, float]]:
    """Points of the districts the mentions name by their adjective: context that tells
    same-named stations apart, as a station named unambiguously does."""
    out = []
    for mention in mentions:
        if mention.kind_hint == "district":
            district = district_named(mention.normalized, regions)
            if district is not None:
                out.append((district.lat, district.lon))
    return out


# what the evaluation and the user call a place: a structure, a section or a station
_PRECISE = ("structure", "section", "near_node")
# an entity the rules did not find ranks just below a rule's mention of the same precision
_ENTITY_PENALTY = 0.05


def _entity_places(
    report: _Report, sentences: list[str], mentions: list[PlaceMention], evidence: set[str]
) -> list[tuple[int, Location, float]]:
    """Stations, sections and structures that named entities of the incident's sentences
    name, when the rules found none: (order after the mentions, location, rank). A
    settlement an entity names is not taken: an entity may be any town the text mentions,
    and only the network and the station table say that a name is a railway place."""
    out = []
    for order, mention in enumerate(entity_mentions(sentences, mentions), start=len(mentions)):
        found = _resolve_mention(report, mention, None)
        if found is None or found.settlement or found.location.precision not in _PRECISE:
            continue
        if is_route_end(mention) or is_offset_reference(mention):
            continue  # a route's end or a reference point ("100 km east of X"), not the site
        if _station_elsewhere(report, found):
            continue
        out.append(
            (order, found.location, found.rank + _boost(mention, evidence) + _ENTITY_PENALTY)
        )
    return out


# lexicon "approximate_place_words": "под Курском", "near Kursk": the town is the area around
# the site
_SURROUNDINGS = re.compile(
    r"(?<!\w)(?:"
    + "|".join(
        re.escape(w).replace(r"\ ", r"\s+")
        for lang in LANGUAGES
        for w in lexicon(lang).get("approximate_place_words", [])
    )
    + r")\s+$",
    re.IGNORECASE,
)
# how far from the town named as the surroundings a site sentence's station may lie
_SURROUNDINGS_KM = 150.0


def _named_as_surroundings(mention: PlaceMention) -> bool:
    """A town named without a cue word after "под", "near" ("под Курском"): the area
    around the site, not the site."""
    if mention.kind_hint not in ("unknown", "settlement") or not mention.sentence:
        return False
    at = mention.sentence.find(mention.text)
    return at >= 0 and bool(_SURROUNDINGS.search(mention.sentence[:at]))


# a place of a site sentence the incident's own sentences did not name ranks below theirs
_SITE_PENALTY = 0.1
# a site sentence's place this far from every place the incident names is another event's
_SITE_NEAR_KM = 400.0


def _site_places(
    report: _Report, text: str, told: set[str], candidates: list[_Candidate], first: int
) -> list[tuple[int, Location, float]]:
    """Stations, sections and structures named by the report's site sentences ("The incident
    occurred between X and Y") that are not among the incident's own sentences, when those
    name nothing precise: (order, location, rank). The place must lie near a place the
    incident names (its region's centre, a station) when it names any, so that a roundup's
    site sentence about another event does not move this one."""
    sentences = [s for s in site_sentences(text) if s.strip() not in told]
    if not sentences:
        return []
    found_by_rules = [m for s in sentences for m in find_places(s)]
    tried = [(m, False) for m in found_by_rules]
    tried += [(m, True) for m in entity_mentions(sentences, found_by_rules)]
    points = [
        (c.location.lat, c.location.lon)
        for c in candidates
        if c.location.lat is not None and c.location.lon is not None
    ] + report.context.anchors
    out = []
    for order, (mention, by_entity) in enumerate(tried, start=first + 1):
        found = _resolve_mention(report, mention, _stated_pair(mention))
        if found is None or found.location.precision not in _PRECISE:
            continue
        if by_entity and found.settlement:
            continue
        if by_entity and _station_elsewhere(report, found):
            continue
        lat, lon = found.location.lat, found.location.lon
        if points and (
            lat is None
            or lon is None
            or all(apart_km((lat, lon), p) > _SITE_NEAR_KM for p in points)
        ):
            continue
        out.append((order, found.location, found.rank + _SITE_PENALTY))
    return out


# lexicon "other_time_cues": "last month", «год назад»
_OTHER_TIME = alternation("other_time_cues")
# a station or stretch named anywhere else in the text ranks below one of the incident's own
# sentences and of a site sentence, above the region it lies in (near_node 2 + 1.5 < region 4)
_ELSEWHERE_PENALTY = 1.5


def _places_elsewhere(
    report: _Report, text: str, told: set[str], recap: set[str], first: int
) -> list[tuple[int, Location, float]]:
    """Stations, sections and structures the text names outside the incident's own
    sentences, when those name only a region: the best guess at the site is a precise place
    the text names inside that region, not the region. A place of a sentence about an
    earlier event, of a recap, of a route of delayed trains, or outside every region the
    incident names is another story's."""
    out = []
    order = first
    for sentence in split_sentences(text):
        line = sentence.text.strip()
        if line in told or line in recap or EARLIER_EVENT.search(line) or _OTHER_TIME.search(line):
            continue
        for mention in find_places(sentence.text):
            order += 1
            if mention.kind_hint == "unknown" or _is_route_between(mention):
                continue
            found = _resolve_mention(report, mention, _stated_pair(mention))
            if found is None or found.location.precision not in _PRECISE:
                continue
            if not _inside_named_regions(report, found.location):
                continue
            out.append((order, found.location, found.rank + _ELSEWHERE_PENALTY))
    return out


def _inside_named_regions(report: _Report, location: Location) -> bool:
    """Every end of the location (a section's two, a station's point) lies at a station of a
    region the incident names."""
    if location.kind == "section" and location.id:
        geom = feature_geometry(report.network, location.id)
        if geom is None:
            return False
        coords = shapely.get_coordinates(geom)
        points = [(float(lat), float(lon)) for lon, lat in coords[[0, -1]]]
    elif location.lat is not None and location.lon is not None:
        points = [(location.lat, location.lon)]
    else:
        return False
    regions = [region_at(lat, lon) for lat, lon in points]
    return bool(regions) and all(r is not None and in_regions(r, report.regions) for r in regions)


# a route end ranks below a region (near_node 2 + 2.5 > region 4), above a line or country
ROUTE_END_PENALTY = 2.5


# lexicon "recap_tail_patterns": "Recall that ...", «Напомним, ...»
_RECAP_TAIL = [
    re.compile(p, re.IGNORECASE)
    for language in LANGUAGES
    for p in lexicon(language).get("recap_tail_patterns", [])
]
# a place of a recap tail ranks below a station of the incident's own sentences (but above a
# district or region: with nothing finer it is still the best guess)
RECAP_TAIL_PENALTY = 1.5


def _recap_tail(text: str) -> set[str]:
    """The sentences from the first that opens a recap of earlier news ("Recall that ...",
    «Напомним, ...») to the end of the text: they tell other events than the report's own."""
    if not text:
        return set()
    sentences = [s.text.strip() for s in split_sentences(text)]
    for index, sentence in enumerate(sentences):
        if index > 0 and any(p.search(sentence) for p in _RECAP_TAIL):
            return set(sentences[index:])
    return set()


def _templates(key: str) -> list[str]:
    """The lexicon's patterns under `key`, of both languages; ``{name}`` stands for a place."""
    return [p for language in LANGUAGES for p in lexicon(language).get(key, [])]


def _sentence_matches(mention: PlaceMention, name: str, templates: list[str]) -> bool:
    """The mention's sentence matches one of `templates` with ``{name}`` read as `name`."""
    if not mention.sentence:
        return False
    escaped = re.escape(name)
    return any(
        re.search(p.replace("{name}", escaped), mention.sentence, re.IGNORECASE) for p in templates
    )


# lexicon "stretch_near_place_patterns": "на перегоне возле X", "on the stretch near X"
_STRETCH_NEAR_PLACE = _templates("stretch_near_place_patterns")
# a place a stretch is named by beats a town of equal precision named as the setting
STRETCH_NEAR_PLACE_BOOST = -0.1


def _names_a_stretch_by(mention: PlaceMention) -> bool:
    """The sentence names the stretch of the site by this place beside it ("на перегоне
    возле X"): the place, not the town around, is where it happened."""
    name = strip_leading_words(mention.text).strip()
    return bool(name) and _sentence_matches(mention, name, _STRETCH_NEAR_PLACE)


# lexicon "route_between_patterns": "trains running between A and B", «поезда, следующие
# между А и Б»
_ROUTE_BETWEEN = _templates("route_between_patterns")


# a route's stretch ranks below a region (section 1 + 3.5 > region 4), above a line
ROUTE_STRETCH_PENALTY = 3.5


def _is_route_between(mention: PlaceMention) -> bool:
    """The pair (or one of its two names) is the route of the trains a stop affected, not
    where it happened."""
    return _sentence_matches(mention, mention.text.strip(), _ROUTE_BETWEEN)


def _boost(mention: PlaceMention, evidence: set[str]) -> float:
    """How much the words around a mention raise (negative) or lower its rank."""
    # a place named in the sentence that reported the incident beats one named in passing
    told = evidence and mention.sentence.strip() in evidence
    boost = -0.1 if told or names_the_site(mention.sentence or "") else 0.0
    if mention.kind_hint in ("unknown", "settlement", "station") and _names_a_stretch_by(mention):
        boost += STRETCH_NEAR_PLACE_BOOST
    if mention.kind_hint == "section" and _is_route_between(mention):
        boost += ROUTE_STRETCH_PENALTY
    if mention.kind_hint == "unknown":
        boost += 0.05  # a name a cue word introduces ("the town of X") beats a bare one
    if names_an_earlier_event(mention):
        # another event's place: as a recap's, below a station of the incident's own
        # sentences, above a district or region
        boost += RECAP_TAIL_PENALTY
    if mention.kind_hint in ("unknown", "settlement", "station"):
        if is_route_end(mention) or is_speaker_place(mention) or _is_route_between(mention):
            # where the train ran from or to, or where a speaker sits, says nothing of where
            # it stopped: a region or district named as the site ("in the Omsk region") beats it
            boost += ROUTE_END_PENALTY
        elif is_offset_reference(mention):
            boost += 1.0
    return boost


# lexicon "name_as_region_patterns": "X and other border regions", "в X и других регионах"
_NAME_AS_REGION = [
    p for language in LANGUAGES for p in lexicon(language).get("name_as_region_patterns", [])
]


def _as_region_if_so_called(gaz: Gazetteer, mention: PlaceMention, text: str) -> PlaceMention:
    """A bare city name ("in Belgorod") that the text elsewhere counts among regions
    ("Belgorod and other border regions") stands for the region of that name: the region,
    not the city's station, is what the text supports."""
    if mention.kind_hint not in ("unknown", "settlement") or not text:
        return mention
    surface = strip_leading_words(mention.text)
    names = "|".join(re.escape(n) for n in dict.fromkeys([surface, mention.normalized]) if n)
    if not names or not any(
        re.search(p.replace("{name}", f"(?:{names})"), text, re.IGNORECASE) for p in _NAME_AS_REGION
    ):
        return mention
    for form in (f"{surface} region", f"{mention.normalized} область"):
        if any(p.kind == "region" for p in gaz.places(form)):
            return replace(mention, text=form, normalized=form, kind_hint="region")
    return mention


def _stated_pair(mention: PlaceMention) -> tuple[str, str] | None:
    """The two ends of a stretch the mention states with a cue ("между А и Б", "A – B")."""
    pair = pair_from_text(mention.text) if mention.kind_hint in ("section", "unknown") else None
    if pair is None and STRETCH_WORDS.search(mention.text):
        pair = pair_from_text(mention.text)
    return pair


def _off_the_network(report: _Report, pair: tuple[str, str]) -> bool:
    network, snap_km = report.network, report.snap_km
    return (
        leaves_network(network, report.gaz, pair, snap_km)
        and station_stretch(network, pair, report.lines, snap_km, report.regions) is None
    )


def _resolve_mention(
    report: _Report, mention: PlaceMention, pair: tuple[str, str] | None
) -> _Found | None:
    """The stages in order of precision; the first that resolves the mention wins."""
    surface = strip_leading_words(mention.text)
    if mention.kind_hint in ("unknown", "settlement") and _MANY_STATION_CITY.fullmatch(
        surface.strip()
    ):
        return None  # "in Moscow": the city, not one of its stations
    if pair is None and mention.kind_hint not in ("region", "district", "country"):
        pair = hyphen_pair(surface)
    if pair is None and mention.kind_hint == "section" and " — " in mention.normalized:
        # "the Supryak-Tsemzavod stage": the mention's own split, even when the station
        # table does not link the two (one end may be misspelled or missing)
        first, second = mention.normalized.split(" — ", 1)
        pair = (_as_written(first, mention.text), _as_written(second, mention.text))
    if pair:
        found = _stretch(report, pair, mention.sentence)
        if found is not None:
            return found
    forms = [surface, mention.normalized, mention.text]
    base = STATION_SUFFIX.sub("", surface)
    if base != surface:
        forms.append(base)
    found = _network_feature(report, mention, surface, forms)
    if found is not None and not (
        mention.kind_hint == "settlement" and _station_elsewhere(report, found)
    ):
        return found
    places: list[Place] = []
    for form in dict.fromkeys(forms):
        if form:
            places = report.gaz.places(form)
            if places:
                break
    areas = [p for p in places if p.kind != "settlement"]
    if (
        not areas
        and mention.kind_hint in ("station", "section", "structure", "unknown", "settlement")
        and (mention.kind_hint == "station" or not places)
    ):
        found = _table_station(report, mention, forms)
        if found is not None and not (
            mention.kind_hint == "settlement" and _station_elsewhere(report, found)
        ):
            return found
    return _listed_place(report, mention, places)


def _station_elsewhere(report: _Report, found: _Found) -> bool:
    """A station found for a name the text calls a village or gives only as a named entity,
    lying in a region other than every region the report names: Russia has many stations
    of one name (Sosnovka, Artyomovo), and a village of that name in the named region is
    not the station of another region."""
    location = found.location
    return location.precision == "near_node" and outside_named_regions(
        location.lat, location.lon, report.regions
    )


def _as_written(name: str, text: str) -> str:
    """A normalized (lower-case) name as the mention wrote it, when the mention holds it: a
    capital tells a name from a word, so the station table guesses a misspelled name
    ("Наумовка" for the table's "Наумівка") only when it keeps its capital."""
    at = text.lower().find(name.lower())
    return text[at : at + len(name)] if at >= 0 else name


def _stretch(report: _Report, pair: tuple[str, str], sentence: str = "") -> _Found | None:
    """Stage 1: a stretch between two named stations (see `stretches`); a km post named
    with it is a point on it."""
    network, gaz, lines = report.network, report.gaz, report.lines
    posts = km_posts_in(sentence) if sentence else []
    if posts:
        ends_ = (node_hit(gaz, pair[0]), node_hit(gaz, pair[1]))
        if ends_[0] and ends_[1] and ends_[0].id != ends_[1].id:
            post = km_post_on_stretch(network, ends_[0].id, ends_[1].id, posts[0], pair)
            if post is not None:
                return _Found(PRECISION_RANK["section"], post)
    # the station table's reading of the pair (ends, path): asked once, used twice below
    steps = station_index().pair(
        strip_leading_words(pair[0]), strip_leading_words(pair[1]), report.regions
    )
    guessed = _end_only_guessed(report, pair, steps)
    if guessed is not None:
        return guessed
    ends = network_stretch(network, pair, lines, report.regions)
    hit_a: NetworkHit | None
    hit_b: NetworkHit | None
    if ends is not None:
        found, hit_a, hit_b = ends
        return _Found(
            PRECISION_RANK["section"],
            section_location(network, found, hit_a, hit_b),
            long_stretch=len(found[1]) > 1,
        )
    hit_a, hit_b = node_hit(gaz, pair[0]), node_hit(gaz, pair[1])
    if hit_a and hit_b and hit_a.id != hit_b.id:
        between = section_between(network, hit_a.id, hit_b.id, lines)
        if (
            between
            and path_km(network, between[1]) > STRETCH_MAX_KM
            and any(several_nodes(gaz, name) for name in pair)
        ):
            between = None  # of same-named stations, two far apart: not the stretch meant
        if between:
            return _Found(
                PRECISION_RANK["section"],
                section_location(network, between, hit_a, hit_b),
                long_stretch=len(between[1]) > 1,
            )
    stations = station_stretch(network, pair, lines, report.snap_km, report.regions)
    if stations is not None:
        long_stretch = steps is not None and (steps[2] or 0) > 1
        return _Found(PRECISION_RANK["section"] + 0.05, stations, long_stretch)
    stretch = stretch_off_network(network, gaz, pair, lines, report.snap_km, report.named_line_km)
    if stretch is not None:
        rank = PRECISION_RANK[stretch.precision]
        return _Found(rank + (0.25 if stretch.precision == "near_node" else 0), stretch)
    return None


def _end_only_guessed(
    report: _Report, pair: tuple[str, str], found: tuple[Station, Station, int | None] | None
) -> _Found | None:
    """A stretch the station table links whose one end has a point of its own (OSM) and the
    other none, or only the mean of its neighbours' points lying further off than a stretch
    can be (`STRETCH_KM`: a junction's neighbours pulled it away): the stretch is placed at
    the end whose point is known, "near" it, as the gold places a stretch with an unlocated
    end. `found`: the station table's `pair` for the two names."""
    if found is None:
        return None
    known = [s for s in found[:2] if s.coords == "osm"]
    if len(known) != 1:
        return None
    guess = found[1] if known[0] is found[0] else found[0]
    apart = stations_distance_km(known[0], guess)
    if apart is not None and apart <= STRETCH_KM:
        return None  # a guess near the other end is as good as a stretch's midpoint needs
    name = pair[0] if known[0] is found[0] else pair[1]
    located = station_location(report.network, known[0], name, report.lines, report.snap_km)
    located.via = (
        f"stretch '{pair[0]} – {pair[1]}': the other end's point is not known; {located.via}"
    )
    return _Found(PRECISION_RANK["section"] + 0.05, located)


def _network_feature(
    report: _Report, mention: PlaceMention, surface: str, forms: list[str]
) -> _Found | None:
    """Stages 2-3: a structure, section or station the network itself names."""
    network = report.network
    hits = []
    for form in dict.fromkeys(forms):
        if form:
            hits = report.gaz.network_hits(form)
            if hits:
                break
    if not hits and mention.kind_hint == "structure":
        hits = report.gaz.structure_hits(surface)
    # Structures beat sections beat stations: the first hit of the most precise kind wins.
    hit = next((h for kind in _HIT_ORDER for h in hits if h.kind == kind), None)
    if hit is not None and hit.kind == "node" and mention.kind_hint in AREA_HINTS:
        hit = None  # "на Кубани" names the region, not the station named after it
    if hit is None:
        return None
    if hit.kind == "structure":
        hit = _bypass_round(network, mention, hit) or hit
    if hit.kind == "node":
        picked = pick_node(network, [h for h in hits if h.kind == "node"], forms, report.context)
        if isinstance(picked, Station):
            location = station_location(network, picked, mention.text, report.lines, report.snap_km)
            return _Found(PRECISION_RANK["near_node"], location)
        hit = picked
    precision, what = _HIT_ORDER[hit.kind]
    name = label_of(network, "section", hit.id) if hit.kind == "section" else hit.name
    lat, lon = feature_point(network, hit.kind, hit.id)
    return _Found(
        PRECISION_RANK[precision],
        Location(hit.kind, hit.id, lat, lon, precision, name,
                 f"{what} '{hit.matched}' from '{mention.text}'"),
        node=hit if hit.kind == "node" else None,
    )  # fmt: skip


_BYPASS_OF = alternation("bypass_of_structure")


def _bypass_round(network: Any, mention: PlaceMention, hit: NetworkHit) -> NetworkHit | None:
    """The bypass the words before a structure's name point to ("a tank car burned on the
    bypass round the Severomuysky tunnel"): the network's bypass whose name starts with the
    structure's first word. None when the words name no bypass or the network has none."""
    at = mention.sentence.find(mention.text)
    if at < 0 or not _BYPASS_OF.search(mention.sentence[max(0, at - 60) : at]):
        return None
    structures = network.structures
    if "kind" not in structures.columns:
        return None
    stem = hit.name.split()[0].lower()
    for sid, row in structures[structures["kind"] == "bypass"].iterrows():
        if sid != hit.id and str(row["name"]).split()[0].lower() == stem:
            return NetworkHit("structure", str(sid), str(row["name"]), hit.matched)
    return None


def _table_station(report: _Report, mention: PlaceMention, forms: list[str]) -> _Found | None:
    """Stage 3: a station of the national table the network does not name."""
    network = report.network
    bare = [TRAILING_CUE.sub("", f) for f in forms if f]
    station = find_station(
        bare,
        report.regions,
        fuzzy=mention.kind_hint != "unknown",
        anchors=report.context.anchors,
    )
    if station is None and mention.kind_hint == "unknown":
        station = guess_in_context(bare, report.context)
    node = node_hit(report.gaz, station.name) if station and station.lat is None else None
    if station is not None and node is not None:
        # the table has no point for it, the network draws a station of that name
        lat, lon = feature_point(network, "node", node.id)
        return _Found(
            PRECISION_RANK["near_node"],
            Location("node", node.id, lat, lon, "near_node", node.name,
                     f"station '{station.name}' (ESR {station.esr}, no point in the "
                     f"table) as the network's node '{node.matched}'"),
            node=node,
        )  # fmt: skip
    if station is not None:
        location = station_location(network, station, mention.text, report.lines, report.snap_km)
        return _Found(PRECISION_RANK["near_node"], location)
    return None


def _listed_place(report: _Report, mention: PlaceMention, places: list[Place]) -> _Found | None:
    """Stages 4-7: a settlement, district, region or country of the place list."""
    if mention.kind_hint == "settlement":
        places = [p for p in places if p.kind == "settlement"] or places
    if report.regions and mention.kind_hint in ("settlement", "unknown"):
        # "посёлок Октябрьский" in a text about the Belgorod region: of the many same-named
        # villages, one in a region the text names
        stems = region_stems()
        settled = [p for p in places if p.kind == "settlement"]
        if settled:
            namesakes = report.gaz.settlements_any_spelling(strip_leading_words(mention.text))
            inside = [
                p
                for p in dict.fromkeys(settled + namesakes)
                if p.country == "RU" and stems.get(p.admin1) in report.regions
            ]
            if inside:
                places = [p for p in places if p.kind != "settlement"] + inside
            elif all(p.country == "RU" and stems.get(p.admin1) for p in settled + namesakes):
                # "the village of X in Y Krai" where the list has no X in Y Krai: a namesake
                # in another region is a wrong place, not the site
                places = [p for p in places if p.kind != "settlement"]
    if mention.kind_hint in ("region", "district"):
        # "в Крыму" is the region, never a village that happens to share its name
        places = [p for p in places if p.kind in ("region", "district", "country")]
    if not places and mention.kind_hint == "district":
        # a district off the shipped list, named after its centre ("Унечский район")
        district = district_named(mention.normalized, report.regions) or district_named(
            mention.text, report.regions
        )
        places = [district] if district is not None else []
    if not places:
        return None
    chosen = pick_place(places, report.network)
    location = place_location(
        report.network, chosen, report.lines, report.snap_km, report.named_line_km, mention.text
    )
    rank = PRECISION_RANK[location.precision] + (0.5 if location.precision == "near_node" else 0)
    return _Found(rank, location, settlement=True)


def _stretches_told_by_two(
    report: _Report, node_mentions: list[tuple[int, NetworkHit, PlaceMention]]
) -> list[tuple[int, Location]]:
    """Two stations named in one sentence about a stretch: the section between them."""
    by_sentence: dict[str, list[tuple[int, NetworkHit]]] = {}
    for order, hit, mention in node_mentions:
        if (
            mention.sentence
            and STRETCH_WORDS.search(mention.sentence)
            and not _is_route_between(mention)
        ):
            by_sentence.setdefault(mention.sentence, []).append((order, hit))
    out = []
    for hits in by_sentence.values():
        distinct = list({h.id: (o, h) for o, h in hits}.values())
        if len(distinct) >= 2:
            (order, a), (_, b) = distinct[0], distinct[1]
            found = section_between(report.network, a.id, b.id, report.lines)
            if found:
                out.append((order, section_location(report.network, found, a, b)))
    return out


# lexicon "station_on_stretch_patterns": "на перегоне А – Б у станции X", "on the A - B
# stretch near X station"
_STATION_ON_STRETCH = _templates("station_on_stretch_patterns")


def _station_on_stretch(mention: PlaceMention) -> bool:
    """A station the sentence names as the spot near which it happened ("у станции X")."""
    name = TRAILING_CUE.sub("", strip_leading_words(mention.text)).strip()
    return bool(name) and _sentence_matches(mention, name, _STATION_ON_STRETCH)


def _best(
    report: _Report, candidates: list[_Candidate], mentions: list[PlaceMention] | None = None
) -> Location:
    """The best-ranked candidate, put on a named line when it is only a district or region."""
    # "на перегоне А – Б у станции X": the station the sentence puts the site near is finer
    # than the stretch of the same sentence, however long the stretch is
    mentions = mentions or []
    for c in candidates:
        if (
            c.location.precision == "near_node"
            and c.order < len(mentions)
            and c.rank < PRECISION_RANK["near_node"] + 1.0
            and _station_on_stretch(mentions[c.order])
        ):
            stretches = [
                s.rank
                for s in candidates
                if s.sentence == c.sentence and s.location.precision == "section"
            ]
            if stretches:
                c.rank = min(c.rank, min(stretches) - 0.01)
    # "station X (section A – B)": a stretch of several sections named with a station of the
    # same sentence only says which line the station is on; the station is the site
    # (a station ranked down as a route's end or an agency's seat says nothing of the site)
    stations_by_sentence = {
        c.sentence
        for c in candidates
        if c.location.precision == "near_node"
        and c.sentence
        and c.rank < PRECISION_RANK["near_node"] + 1.0
    }
    for c in candidates:
        if c.long_stretch and c.sentence in stations_by_sentence:
            c.rank += 1.2
    best = min(candidates, key=lambda c: (c.rank, c.order))
    location = best.location
    lines = report.lines
    if location.precision in ("district", "region") and lines and location.lat is not None:
        return on_named_line(report.network, location, lines) or location
    return location
