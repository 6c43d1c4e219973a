"""Merging incidents that several reports describe into one `Incident` each.

Every extracted incident is placed on the network, then compared pairwise with the others:

    score = 0.5 * place + 0.3 * date + 0.2 * type      (merge when score >= threshold, 0.7)

- place: same feature 1.0; a structure on that section 0.9; a node at an end of that section
  0.7; sections sharing exactly one node 0.5 (parallel sections — a tunnel and its bypass —
  are alternatives, not neighbours: 0); points by distance (1 - d/50 km), and so are two
  network features the topology does not relate that lie within 15 km (a station and the
  stretch beside it, one stretch drawn on two of its sections; a section is measured to its
  track, not to its midpoint); a district within
  150 km 0.6, a region 0.6 when the other place is within 150 km of its centre (a compact
  region) and 0.5 within 1000 km, a line 0.4, a country 0.3; no place 0.3.
  Anything else is a veto (different places never merge).
- date: overlapping ranges 1.0; one day apart 0.8 (night events, dispatch days, time zones);
  a gap of g days within the window 1 - g/(window+1); beyond the window a veto. A restoration report ("traffic resumed") is compared by its restoration date,
  which may fall up to `restoration_days` after the incident. A follow-up that names no day
  (undated in a dated report) may tell an event of any earlier day: 0.5, and a veto only for
  an event dated after its publication; one that says when traffic reopened is compared by
  that date as a restoration report is (1.0 when the event came before it). A report of
  unknown publication date that names a day but no year ("on May 1") has a guessed year: its
  day and month are compared.
- counts: the same exact count of wagons, tank cars, locomotives, delayed trains or of the
  killed or injured (two or more) adds 0.1, so a report vaguer about the place or a day off
  still joins; it cannot overcome a veto. Two different exact counts of one kind (3 wagons,
  16 wagons) take 0.1 off.
- type: equal 1.0; explosion ~ fire ~ arson ~ drone_strike and derailment ~ collision 0.8;
  blockage, other and restoration reports go with anything 0.6, and so does a derailment with
  an explosion or a drone strike (the attack that derailed the train) and a collision with a
  fire (the crash that set it alight); otherwise a veto.

Clustering is greedy in a fixed order (publication date, report id, index), joining the cluster
with the best score while no member vetoes; then clusters are joined while an item of one and
an item of another score at least the threshold and no pair across them vetoes (a report
that arrives after two clusters began may link both). The input order does not matter. Two
incidents of one report never merge unless they are the same thing told twice (same type,
same network feature, overlapping dates). The rule and score that joined each report are
kept in `Incident.merge`. The incident id hashes the earliest report id and the index of its
incident there, so ingesting the same reports again gives the same ids.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import re
import statistics
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

import shapely

from railwatch.network.geo import distance_km
from railwatch.network.queries import feature_geometry
from railwatch.reports.model import (
    Claim,
    DateValue,
    ExtractedIncident,
    Incident,
    Location,
    Quantity,
    Report,
)
from railwatch.reports.place.gazetteer import PRECISION_RANK
from railwatch.reports.place.link import place as place_mentions
from railwatch.reports.place.station_pick import outside_named_regions, region_stem

DEFAULT_WINDOW_DAYS = 3
DEFAULT_THRESHOLD = 0.7
DEFAULT_RESTORATION_DAYS = 30
# One day is the commonest disagreement between reports of one event (an event in the night
# dated by either day, a report dated by its dispatch day, Moscow or local time): it weighs
# a little more than the straight line 1 - gap/(window+1) gives it (0.75).
ONE_DAY_OFF = 0.8
WEIGHTS = {"place": 0.5, "date": 0.3, "type": 0.2}

_TYPE_GROUPS = [{"explosion", "fire", "arson", "drone_strike"}, {"derailment", "collision"}]
# One event told by one outlet as its cause and by another as what followed: a blast or a
# drone that derails a train, a train that hits a lorry and catches fire, a blast that drops
# a bridge into a train's path (one outlet tells the blast, another the train running into
# the fallen span). One event, weakly (as blockage and other). A fire and a derailment stay
# apart.
_CAUSED_BY = [
    {"explosion", "derailment"},
    {"explosion", "collision"},
    {"drone_strike", "derailment"},
    {"collision", "fire"},
]
_TYPE_ORDER = [
    "explosion",
    "derailment",
    "drone_strike",
    "arson",
    "collision",
    "fire",
    "blockage",
    "other",
]
_EFFECT_SEVERITY = {
    "blocked_both": 0,
    "blocked_one": 1,
    "suspended": 2,
    "reduced": 3,
    "delayed": 4,
    "resumed": 5,
}
_PRECISION_FACTOR = {
    "structure": 1.0,
    "section": 0.95,
    "near_node": 0.85,
    "district": 0.7,
    "region": 0.6,
    "line": 0.5,
    "country": 0.4,
}


@dataclass
class Item:
    """One extracted incident of one report, placed on the network."""

    report: Report
    index: int
    extracted: ExtractedIncident
    location: Location | None

    @property
    def key(self) -> tuple:
        return (self.report.published_at or date.min, self.report.id, self.index)

    @property
    def is_restoration(self) -> bool:
        return self.extracted.effect == "resumed" and self.extracted.type in ("blockage", "other")


@dataclass(frozen=True)
class PairScore:
    score: float
    rule: str


# ---- components ---------------------------------------------------------------------------


def type_score(a: str, b: str) -> float | None:
    """1.0 equal, 0.8 compatible, 0.6 with blockage/other, None incompatible."""
    if a == b:
        return 1.0
    if any(a in group and b in group for group in _TYPE_GROUPS):
        return 0.8
    if {a, b} & {"blockage", "other"} or {a, b} in _CAUSED_BY:
        return 0.6
    return None


def _range(value: DateValue | None, report: Report, window: int) -> tuple[date, date] | None:
    if value is not None:
        return value.start, value.end
    if report.published_at is not None:
        # undated: it happened at most `window` days before publication
        return report.published_at - timedelta(days=window), report.published_at
    return None


def _saved_not_dated(item: Item) -> bool:
    """An incident dated only by its report's publication, which is only when the file was
    saved: that date says nothing about the event."""
    occurred = item.extracted.occurred
    return item.report.published_method == "file_mtime" and (
        occurred is None or occurred.method == "publication_fallback"
    )


def _follow_up_undated(item: Item) -> bool:
    """An incident whose report gives it no date though the report has one: a follow-up
    ("investigators named the cause of the derailment"), told any time after the event."""
    return item.extracted.occurred is None and item.report.published_at is not None


def _undated_follow_up_score(a: Item, b: Item, window: int) -> tuple[float, str] | None:
    """A follow-up that names no day may tell an event of any day before it was published,
    so it agrees with every date up to then (as weakly as an unknown date: place and type
    must carry the merge) and vetoes only an event dated after its publication."""
    for undated, other in ((a, b), (b, a)):
        if not _follow_up_undated(undated) or _follow_up_undated(other):
            continue
        published = undated.report.published_at
        when = _range(other.extracted.occurred, other.report, window)
        if published is not None and when is not None and when[0] > published + timedelta(1):
            return None
    return 0.5, "date_unknown_follow_up"


def _reopened_after(
    a: Item, b: Item, window: int, restoration_days: int
) -> tuple[float, str] | None:
    """A follow-up that tells only when traffic reopened ("the line reopened on 7 January"
    after a derailment) agrees fully with an event from a day before that date to
    `restoration_days` before it, as a restoration report does; else None (not decided)."""
    for undated, other in ((a, b), (b, a)):
        when = undated.extracted.restored_at
        if not _follow_up_undated(undated) or when is None or _follow_up_undated(other):
            continue
        start = _range(other.extracted.occurred, other.report, window)
        if start is None or when.method == "publication_fallback":
            continue
        if start[0] - timedelta(days=1) <= when.end and when.start <= start[1] + timedelta(
            days=restoration_days
        ):
            return 1.0, "reopened_after_event"
    return None


def date_score(a: Item, b: Item, window: int, restoration_days: int) -> tuple[float, str] | None:
    """How well the two items' dates agree, with a rule word; None when too far apart."""
    if a.is_restoration or b.is_restoration:
        event, restore = (b, a) if a.is_restoration else (a, b)
        when = restore.extracted.restored_at or restore.extracted.occurred
        start = _range(event.extracted.occurred, event.report, window)
        if when is None or start is None:
            return 0.5, "restoration_undated"
        if start[0] - timedelta(days=1) <= when.end and when.start <= start[1] + timedelta(
            days=restoration_days
        ):
            return 1.0, "restoration_after_event"
        return None
    if _follow_up_undated(a) or _follow_up_undated(b):
        return _reopened_after(a, b, window, restoration_days) or _undated_follow_up_score(
            a, b, window
        )
    ra = _range(a.extracted.occurred, a.report, window)
    rb = _range(b.extracted.occurred, b.report, window)
    if ra is None or rb is None or _saved_not_dated(a) or _saved_not_dated(b):
        return 0.5, "date_unknown"
    suffix = ""
    if _year_guessed(a) or _year_guessed(b):
        # compare the day and month: move the guessed range to the other's year
        guessed, other = (ra, rb) if _year_guessed(a) else (rb, ra)
        guessed = min(
            (_shift_years(guessed, year - guessed[0].year) for year in _years_near(other)),
            key=lambda span: _gap(span, other),
        )
        ra, rb, suffix = guessed, other, "_year_guessed"
    gap = _gap(ra, rb)
    if gap > window:
        return None
    if gap == 0:
        return 1.0, "date_overlap" + suffix
    if gap == 1:
        return ONE_DAY_OFF, f"date_gap_1d{suffix}"
    return 1 - gap / (window + 1), f"date_gap_{gap}d{suffix}"


def _gap(a: tuple[date, date], b: tuple[date, date]) -> int:
    return max((b[0] - a[1]).days, (a[0] - b[1]).days, 0)


def _years_near(span: tuple[date, date]) -> list[int]:
    return [span[0].year - 1, span[0].year, span[1].year, span[1].year + 1]


def _shift_years(span: tuple[date, date], years: int) -> tuple[date, date]:
    def move(day: date) -> date:
        try:
            return day.replace(year=day.year + years)
        except ValueError:  # 29 February in a common year
            return day.replace(year=day.year + years, day=28)

    return move(span[0]), move(span[1])


_YEAR_WORD = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _year_guessed(item: Item) -> bool:
    """A day read from a report of unknown publication date whose text names no year ("on
    May 1"): the year is only a guess, so day and month are compared, not the year."""
    occurred = item.extracted.occurred
    return (
        item.report.published_at is None
        and occurred is not None
        and occurred.method != "publication_fallback"
        and not _YEAR_WORD.search(occurred.text)
    )


def _section_ends(network: Any, sid: str) -> tuple[str, str] | None:
    return _all_section_ends(network).get(sid)


def _all_section_ends(network: Any) -> dict[str, tuple[str, str]]:
    # a row lookup per pair of reports was most of the clustering time: one dict per network
    def build() -> dict[str, tuple[str, str]]:
        table = network.sections
        pairs = zip(table.index, table["from"], table["to"], strict=True)
        return {str(s): (str(a), str(b)) for s, a, b in pairs}

    return network.derived("section_ends", {"section": ("index", "from", "to")}, build)


def _structure_section(network: Any, fid: str) -> str | None:
    if fid in network.structures.index:
        return str(network.structures.at[fid, "section"])
    return None


def place_score(a: Location | None, b: Location | None, network: Any) -> tuple[float, str] | None:
    """How well two locations agree, with a rule name; None when they are different places."""
    if a is None or b is None:
        return 0.3, "place_unknown"
    if a.id is not None and a.kind == b.kind and a.id == b.id:
        return 1.0, f"same_{a.kind}"
    coarse = sorted((a, b), key=lambda loc: -PRECISION_RANK.get(loc.precision, 9))
    wide, other = coarse[0], coarse[1]
    if wide.precision in ("district", "region", "line", "country"):
        return _coarse_score(wide, other)
    if a.kind != "point" and b.kind != "point":
        # both on the network: topology decides (parallel sections never merge); two features
        # it does not relate may still be a few km apart ("the A – B stretch" and the station
        # A, or one stretch drawn on two of its sections)
        related = _feature_score(a, b, network)
        if related is not None or _parallel(a, b, network):
            return related
        limit = _NEAR_FEATURE_KM
    else:
        limit = 50.0
    if None not in (a.lat, a.lon, b.lat, b.lon):
        dist = _apart_km(a, b, network)
        if dist < limit:
            return 1 - dist / 50, f"within_{dist:.0f}km"
    return None


def _apart_km(a: Location, b: Location, network: Any) -> float:
    """How far apart two placed locations are. A section is a line, not its midpoint: a
    station on a long stretch is as far from it as from the nearest point of its track
    ("the Mshinskaya station" and "the Stroganovo – Mshinskaya stretch" are one place)."""
    assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
    dist = distance_km(a.lon, a.lat, b.lon, b.lat)
    for line, (lon, lat) in ((a, (b.lon, b.lat)), (b, (a.lon, a.lat))):
        if line.kind != "section" or not line.id:
            continue
        geom = feature_geometry(network, line.id)
        if geom is None or geom.geom_type not in ("LineString", "MultiLineString"):
            continue
        near = geom.interpolate(geom.project(shapely.Point(lon, lat)))
        dist = min(dist, distance_km(lon, lat, near.x, near.y))
    return dist


# two network features the topology does not relate are one place only this close together
_NEAR_FEATURE_KM = 15.0


def _parallel(a: Location, b: Location, network: Any) -> bool:
    """On two different sections between the same two nodes, or on two different chains of
    sections between the same two junctions (a tunnel and its bypass, or a structure on
    each)."""

    def section_of(loc: Location) -> str | None:
        if loc.kind == "structure" and loc.id:
            return _structure_section(network, loc.id)
        return loc.id if loc.kind == "section" else None

    sa, sb = section_of(a), section_of(b)
    if not sa or not sb or sa == sb:
        return False
    ea, eb = _section_ends(network, sa), _section_ends(network, sb)
    if ea and eb and set(ea) == set(eb):
        return True
    # on a network of every station the bypass is a chain of sections through its own halts:
    # two different chains between the same two junctions are alternatives all the same
    chains = _chains(network)
    ca, cb = chains.get(sa), chains.get(sb)
    return bool(ca and cb and ca[0] != cb[0] and len(ca[1]) == 2 and ca[1] == cb[1])


def _chains(network: Any) -> dict[str, tuple[int, frozenset[str]]]:
    """Per section: (its chain, the two junctions that chain runs between). A chain is a run
    of sections through nodes with exactly two sections; a junction is any other node."""

    def build() -> dict[str, tuple[int, frozenset[str]]]:
        ends = _all_section_ends(network)
        touching: dict[str, list[str]] = {}
        for sid, (u, v) in ends.items():
            touching.setdefault(u, []).append(sid)
            touching.setdefault(v, []).append(sid)
        out: dict[str, tuple[int, frozenset[str]]] = {}
        for chain, first in enumerate(ends):
            if first in out:
                continue
            members, stops = [first], []
            for node in ends[first]:
                sid = first
                while len(touching[node]) == 2 and node not in stops:
                    rest = [x for x in touching[node] if x != sid]
                    if not rest or rest[0] == first:
                        break  # a loop back to itself: a ring of halts with no junction
                    sid = rest[0]
                    members.append(sid)
                    u, v = ends[sid]
                    node = v if u == node else u
                stops.append(node)
            for sid in members:
                out[sid] = (chain, frozenset(stops))
        return out

    return network.derived("section_chains", {"section": ("index", "from", "to")}, build)


# A place this close to a region's centre is in that region for all but the largest
# neighbours: more surely one place than a point anywhere within the generous radius.
_REGION_CORE_KM = 150.0
_REGION_CORE_SCORE = 0.6


def _coarse_score(wide: Location, other: Location) -> tuple[float, str] | None:
    # regions of Siberia are large (Buryatia spans ~1000 km): a generous radius around the
    # centre of their settlements; dates and types still have to agree
    limits = {"district": (150, 0.6), "region": (1000, 0.5)}
    if wide.precision in limits:
        limit, score = limits[wide.precision]
        if wide.lat is None or wide.lon is None or other.lat is None or other.lon is None:
            return score, f"same_{wide.precision}_unchecked"
        dist = distance_km(wide.lon, wide.lat, other.lon, other.lat)
        if wide.precision == "region" and _outside_region(wide, other):
            return None  # a station of another region than the one the report names
        if wide.precision == other.precision == "district" and _two_districts(wide, other, dist):
            return None  # two districts named: two places
        if wide.precision == "region" and dist <= _REGION_CORE_KM:
            # a station in a compact region (Bryansk, Tula) and the region the other report
            # names: as sure as a district
            return _REGION_CORE_SCORE, "in_region_core"
        if dist <= limit:
            return score, f"in_{wide.precision}"
        return None
    if wide.precision == "line":
        return 0.4, "on_line"
    return 0.3, "same_country"


# a region's label is "English (Русское)" (see place.settlements)
_RUSSIAN_LABEL = re.compile(r"\(([^()]+)\)\s*$")


def _outside_region(region: Location, other: Location) -> bool:
    """Whether `other` is a station of the table that lies in another region than `region`
    ("Kursk Oblast" and a station of Bryansk Oblast are neighbours, not one place); False
    when either region is not known."""
    if other.precision in COARSE_PRECISIONS or other.precision == "district":
        return False
    stem = _region_stem_of(region)
    if not stem:
        return False
    if other.precision == "region":
        # two regions named: "Kursk Oblast" and "Bryansk Oblast" are two places
        other_stem = _region_stem_of(other)
        return bool(other_stem) and other_stem != stem
    return outside_named_regions(other.lat, other.lon, {stem})


# two districts' centres this close may be one district told in two ways
_SAME_DISTRICT_KM = 20.0


def _two_districts(a: Location, b: Location, dist: float) -> bool:
    """Two district-precision places that are two districts: their names differ (either with
    or without its Russian label) and their centres lie apart."""
    if dist <= _SAME_DISTRICT_KM:
        return False
    return _RUSSIAN_LABEL.sub("", a.name).strip() != _RUSSIAN_LABEL.sub("", b.name).strip()


def _region_stem_of(region: Location) -> str:
    label = _RUSSIAN_LABEL.search(region.name)
    return region_stem(label.group(1)) if label else ""


def _feature_score(a: Location, b: Location, network: Any) -> tuple[float, str] | None:
    """Scores between network features (structure, section, node) that are not identical."""

    def section_of(loc: Location) -> str | None:
        if loc.kind == "section":
            return loc.id
        if loc.kind == "structure" and loc.id:
            return _structure_section(network, loc.id)
        return None

    sa, sb = section_of(a), section_of(b)
    if sa and sb and sa == sb:
        return 0.9, "structure_on_section"
    node_loc = a if a.kind == "node" else b if b.kind == "node" else None
    if node_loc is not None:
        other_section = sb if node_loc is a else sa
        if other_section:
            ends = _section_ends(network, other_section)
            if ends and node_loc.id in ends:
                return 0.7, "node_ends_section"
        return None
    if sa and sb:
        ea, eb = _section_ends(network, sa), _section_ends(network, sb)
        if ea and eb:
            shared = set(ea) & set(eb)
            if len(shared) == 1:
                return 0.5, "adjacent_sections"
            return None  # parallel (tunnel vs bypass) or unrelated sections
    return None


def pair_score(
    a: Item,
    b: Item,
    network: Any,
    *,
    window_days: int = DEFAULT_WINDOW_DAYS,
    restoration_days: int = DEFAULT_RESTORATION_DAYS,
) -> PairScore | None:
    """The merge score of two placed incidents, or None when something rules it out."""
    if a.report.id == b.report.id:
        return _duplicate_in_report(a, b, network)
    types: float | None
    if a.is_restoration or b.is_restoration:
        types = 0.6
        type_rule = "restoration"
    else:
        types = type_score(a.extracted.type, b.extracted.type)
        if types is None:
            return None
        type_rule = "same_type" if types == 1.0 else "compatible_type"
    places = place_score(a.location, b.location, network)
    if places is None:
        return None
    dates = date_score(a, b, window_days, restoration_days)
    if dates is None:
        return None
    score = WEIGHTS["place"] * places[0] + WEIGHTS["date"] * dates[0] + WEIGHTS["type"] * types
    rule = f"{places[1]}+{dates[1]}+{type_rule}"
    if same_counts(a.extracted, b.extracted):
        score, rule = score + COUNTS_BONUS, rule + "+same_counts"
    elif other_counts(a.extracted, b.extracted):
        score, rule = score - COUNTS_BONUS, rule + "+other_counts"
    return PairScore(round(score, 3), rule)


# Two reports that give the same exact count (16 wagons, 3 killed) of an event at an agreeing
# place and time tell one event though one is less precise about the place ("in Khabarovsk
# Krai" and "at Korfovskaya") or a day off in its date; a count alone never merges anything.
COUNTS_BONUS = 0.1
_COUNTED = ("wagons", "tank_cars", "locomotives", "trains_delayed")


def same_counts(a: ExtractedIncident, b: ExtractedIncident) -> bool:
    """Whether both incidents give the same exact number (at least two) of one kind of thing
    derailed, damaged or delayed, or of people killed or injured."""
    counts_a = {q.kind: q.best for q in a.quantities if q.low == q.high and q.best >= 2}
    for q in b.quantities:
        if q.kind in _COUNTED and q.low == q.high and counts_a.get(q.kind) == q.best:
            return True
    return any(
        a.casualties.get(kind, 0) >= 2 and a.casualties.get(kind) == b.casualties.get(kind)
        for kind in ("killed", "injured")
    )


def other_counts(a: ExtractedIncident, b: ExtractedIncident) -> bool:
    """Whether both give an exact count (at least two) of one kind of thing and the counts
    differ (3 wagons and 16 wagons): a sign of two events, as the same count is of one."""
    counts_a = {q.kind: q.best for q in a.quantities if q.low == q.high and q.best >= 2}
    return any(
        q.kind in _COUNTED
        and q.low == q.high
        and q.best >= 2
        and counts_a.get(q.kind) not in (None, q.best)
        for q in b.quantities
    )


def _duplicate_in_report(a: Item, b: Item, network: Any) -> PairScore | None:
    """Two incidents of one report merge only when they are the same thing told twice:
    same type, same network feature, overlapping dates."""
    if a.extracted.type != b.extracted.type or a.location is None or b.location is None:
        return None
    places = place_score(a.location, b.location, network)
    if places is None or places[0] < 1.0 or a.location.id is None:
        return None
    ra, rb = a.extracted.occurred, b.extracted.occurred
    if ra is None or rb is None or ra.start > rb.end or rb.start > ra.end:
        return None
    return PairScore(1.0, f"{places[1]}+duplicate_in_report")


# ---- clustering and building incidents ---------------------------------------------------


def place_items(reports: list[Report], network: Any) -> list[Item]:
    """Every extracted incident of every report, placed, in merge order."""
    items = []
    for report in reports:
        for index, extracted in enumerate(report.incidents):
            location = place_mentions(
                extracted.places, network, report.text, evidence=extracted.evidence
            )
            items.append(Item(report, index, extracted, location))
    items.sort(key=lambda item: item.key)
    return items


def best_cluster(
    item: Item,
    clusters: list[list[tuple[Item, PairScore | None]]],
    network: Any,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    window_days: int = DEFAULT_WINDOW_DAYS,
) -> tuple[int, PairScore] | None:
    """(index, score) of the best-scoring cluster that no member vetoes, or None.

    The one joining rule of batch merging (`cluster_items`) and of the database store, which
    offers only the clusters `candidate_bounds` lets through.
    """
    best: tuple[float, tuple, int, PairScore] | None = None
    for ci, cluster in enumerate(clusters):
        scores = [
            pair_score(member, item, network, window_days=window_days) for member, _ in cluster
        ]
        known = [s for s in scores if s is not None]
        if not scores or len(known) < len(scores):
            continue  # a member vetoes the item
        top = max(known, key=lambda s: s.score)
        if top.score < threshold:
            continue
        # a tie goes to the cluster that began first in merge order, not to the one listed
        # first: the store lists its candidates by id, batch merging by creation
        first = min(member.key for member, _ in cluster)
        if best is None or top.score > best[0] or (top.score == best[0] and first < best[1]):
            best = (top.score, first, ci, top)
    return None if best is None else (best[2], best[3])


def cluster_items(
    items: list[Item],
    network: Any,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    window_days: int = DEFAULT_WINDOW_DAYS,
) -> list[list[tuple[Item, PairScore | None]]]:
    """Each item, in merge order, joins the best-scoring cluster that no member vetoes; then
    clusters that an item of each links are joined (`join_clusters`). The input order does
    not matter: the items are taken in merge order."""
    clusters: list[list[tuple[Item, PairScore | None]]] = []
    for item in sorted(items, key=lambda item: item.key):
        best = best_cluster(item, clusters, network, threshold=threshold, window_days=window_days)
        if best is None:
            clusters.append([(item, None)])
        else:
            clusters[best[0]].append((item, best[1]))
    return join_clusters(clusters, network, threshold=threshold, window_days=window_days)


def join_clusters(
    clusters: list[list[tuple[Item, PairScore | None]]],
    network: Any,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    window_days: int = DEFAULT_WINDOW_DAYS,
) -> list[list[tuple[Item, PairScore | None]]]:
    """Join two clusters while an item of one and an item of the other score at least the
    threshold and no pair across them vetoes, the best-linked pair first.

    Greedy joining never revisits a cluster: A and C, which do not merge, may start two
    clusters before B, which merges with both, arrives and can join only one of them. The
    later cluster's first item is recorded as joined by that best link.
    """
    clusters = [list(cluster) for cluster in clusters]
    known: dict[tuple[tuple, tuple], PairScore | None] = {}  # each pair is scored once
    while True:
        best: tuple[float, tuple, int, int, PairScore] | None = None
        for i, j in itertools.combinations(range(len(clusters)), 2):
            link = _link(clusters[i], clusters[j], network, window_days, known)
            if link is None or link.score < threshold:
                continue
            firsts = (clusters[i][0][0].key, clusters[j][0][0].key)
            if best is None or link.score > best[0] or (link.score == best[0] and firsts < best[1]):
                best = (link.score, firsts, i, j, link)
        if best is None:
            return clusters
        _, _, i, j, link = best
        early, late = sorted((clusters[i], clusters[j]), key=lambda c: c[0][0].key)
        joined = early + [(late[0][0], link)] + late[1:]
        clusters[i] = sorted(joined, key=lambda pair: pair[0].key)
        del clusters[j]


def _link(
    a: list[tuple[Item, PairScore | None]],
    b: list[tuple[Item, PairScore | None]],
    network: Any,
    window_days: int,
    known: dict[tuple[tuple, tuple], PairScore | None],
) -> PairScore | None:
    """The best score between an item of `a` and one of `b`; None when any pair vetoes."""
    best: PairScore | None = None
    for (x, _), (y, _) in itertools.product(a, b):
        if (x.key, y.key) not in known:
            known[x.key, y.key] = pair_score(x, y, network, window_days=window_days)
        score = known[x.key, y.key]
        if score is None:
            return None
        if best is None or score.score > best.score:
            best = score
    return best


# ---- what a store must offer to find every cluster an item could join ----------------------

COARSE_PRECISIONS = ("line", "country")


@dataclass(frozen=True)
class CandidateBounds:
    """Necessary conditions for `pair_score` not to veto: a store selects by these, then scores.

    An item outside them is vetoed by `pair_score`, so selecting by them loses no merge.
    - events / restorations: the days a stored event (restoration) item's `date_span` must
      overlap, as (first, last); None: the new item has no date, anything goes. An item
      whose own `date_span` is None always qualifies;
    - types: the other item's type is in `types` or it is a restoration (None: any type);
    - box: (south, west, north, east) its point must lie in, unless it has no point or a
      coarse precision (None: anywhere).
    """

    events: tuple[date, date] | None
    restorations: tuple[date, date] | None
    types: frozenset[str] | None
    box: tuple[float, float, float, float] | None


def date_span(item: Item, window: int = DEFAULT_WINDOW_DAYS) -> tuple[date, date] | None:
    """The days `date_score` may compare for this item; None when it compares no date
    (undated: "date_unknown" or "restoration_undated", which veto nothing; an undated
    follow-up, which vetoes only events after its publication)."""
    if (_follow_up_undated(item) or _year_guessed(item)) and not item.is_restoration:
        return None
    base = _range(item.extracted.occurred, item.report, window)
    if base is None:
        return None
    if not item.is_restoration:
        return base
    when = item.extracted.restored_at or item.extracted.occurred
    if when is None:
        return None
    return min(base[0], when.start), max(base[1], when.end)


def match_radius_km(network: Any) -> float:
    """How far apart two points may be and still merge: the widest coarse radius (a region,
    1000 km) or the longest section (two features on adjacent sections), whichever is more."""
    longest = 0.0
    if len(network.sections):
        longest = float(network.sections["length_km"].max())
    return max(1000.0, longest) + 1.0


def candidate_bounds(
    item: Item,
    radius_km: float,
    *,
    window_days: int = DEFAULT_WINDOW_DAYS,
    restoration_days: int = DEFAULT_RESTORATION_DAYS,
) -> CandidateBounds:
    """The bounds a stored item must meet to possibly merge with `item` (see CandidateBounds)."""
    span = date_span(item, window_days)
    events = restorations = None
    if span is not None:
        day = timedelta(days=1)
        if item.is_restoration:
            # as the restoration of a stored event, or the event of a stored restoration:
            # up to `restoration_days` apart either way (and a day)
            reach = timedelta(days=restoration_days) + day
            events = restorations = (span[0] - reach, span[1] + reach)
        else:
            # another event: a gap of at most the window; a restoration of this event: from
            # a day before it to `restoration_days` after
            gap = timedelta(days=window_days)
            events = (span[0] - gap, span[1] + gap)
            restorations = (span[0] - day, span[1] + timedelta(days=restoration_days))
    types = None
    if not item.is_restoration and item.extracted.type not in ("blockage", "other"):
        group = next((g for g in _TYPE_GROUPS if item.extracted.type in g), set())
        caused = {t for pair in _CAUSED_BY if item.extracted.type in pair for t in pair}
        types = frozenset({item.extracted.type, "blockage", "other", *group, *caused})
    box = None
    loc = item.location
    if (
        loc is not None
        and loc.lat is not None
        and loc.lon is not None
        and loc.precision not in COARSE_PRECISIONS
    ):
        box = _box_around(loc.lat, loc.lon, radius_km)
    return CandidateBounds(events, restorations, types, box)


def _box_around(lat: float, lon: float, km: float) -> tuple[float, float, float, float]:
    dlat = km / 111.0
    south, north = max(-90.0, lat - dlat), min(90.0, lat + dlat)
    widest = max(abs(south), abs(north))
    cos = math.cos(math.radians(min(widest, 89.0)))
    dlon = km / (111.0 * max(cos, 0.01))
    if dlon >= 180:
        return south, -180.0, north, 180.0
    return south, lon - dlon, north, lon + dlon


def incident_id(report_id: str, index: int) -> str:
    """Stable incident id from the earliest report's id and the incident's index in it."""
    return "inc-" + hashlib.sha256(f"{report_id}:{index}".encode()).hexdigest()[:12]


def _pick_date(values: list[DateValue]) -> DateValue | None:
    if not values:
        return None
    method_rank = {"explicit": 0, "relative_to_publication": 1, "publication_fallback": 2}
    return min(values, key=lambda v: ((v.end - v.start).days, method_rank.get(v.method, 3)))


def _merge_quantities(quantities: list[Quantity]) -> list[Quantity]:
    by_kind: dict[str, list[Quantity]] = {}
    for q in quantities:
        by_kind.setdefault(q.kind, []).append(q)
    merged = []
    for kind, group in by_kind.items():
        texts = list(dict.fromkeys(q.text for q in group))
        merged.append(
            Quantity(
                kind=kind,
                low=min(q.low for q in group),
                best=float(statistics.median(q.best for q in group)),
                high=max(q.high for q in group),
                text="; ".join(texts),
            )
        )
    return merged


def _outlet(report: Report) -> str:
    if report.outlet:
        return report.outlet.strip().lower()
    if report.url:
        host = report.url.split("//", 1)[-1].split("/", 1)[0]
        return host.removeprefix("www.").lower()
    return report.id


def build_incident(cluster: list[tuple[Item, PairScore | None]]) -> Incident:
    """One `Incident` from a cluster of placed items (the first item is the earliest)."""
    items = [item for item, _ in cluster]
    first = items[0]
    events = [i for i in items if not i.is_restoration] or items
    type_counts = Counter(i.extracted.type for i in events)
    top = max(type_counts.values())
    kind = min((t for t, n in type_counts.items() if n == top), key=_type_rank)
    # a report whose year is a guess gives the date only when no other report gives one
    occurred = _pick_date(
        [i.extracted.occurred for i in events if i.extracted.occurred and not _year_guessed(i)]
    ) or _pick_date([i.extracted.occurred for i in events if i.extracted.occurred])
    located = [i.location for i in items if i.location is not None]
    location = min(located, key=lambda loc: PRECISION_RANK.get(loc.precision, 9), default=None)
    effects = [i.extracted.effect for i in events if i.extracted.effect]
    effect = min(effects, key=lambda e: _EFFECT_SEVERITY.get(e, 9), default=None)
    quantities = _merge_quantities([q for i in events for q in i.extracted.quantities])
    casualties: dict[str, int] = {}
    for i in events:
        for key, value in i.extracted.casualties.items():
            casualties[key] = max(casualties.get(key, 0), value)
    claims: list[Claim] = []
    seen = set()
    for i in items:
        for claim in i.extracted.claims:
            tagged = replace(claim, report_id=i.report.id)
            ident = (tagged.claimant, tagged.stance, tagged.cause, tagged.report_id)
            if ident not in seen:
                seen.add(ident)
                claims.append(tagged)
    restored_at = _restoration(items, occurred)
    reports = list(dict.fromkeys(i.report.id for i in items))
    merge = [
        {
            "report": item.report.id,
            "index": item.index,
            "rule": "first" if score is None else score.rule,
            "score": 1.0 if score is None else score.score,
        }
        for item, score in cluster
    ]
    outlets = {_outlet(i.report) for i in items}
    precision = location.precision if location else ""  # unplaced: the default factor
    confidence = (1 - 0.5 ** len(outlets)) * _PRECISION_FACTOR.get(precision, 0.3)
    return Incident(
        id=incident_id(first.report.id, first.index),
        type=kind,
        occurred=occurred,
        location=location,
        effect=effect,
        quantities=quantities,
        casualties=casualties,
        claims=claims,
        restored_at=restored_at,
        reports=reports,
        merge=merge,
        confidence=round(confidence, 3),
    )


def _type_rank(kind: str) -> int:
    return _TYPE_ORDER.index(kind) if kind in _TYPE_ORDER else len(_TYPE_ORDER)


def _restoration(items: list[Item], occurred: DateValue | None) -> DateValue | None:
    """When traffic resumed: the date the latest-published report gives (it knows the most).

    A report that says traffic has resumed without saying when bounds it by its publication
    date (method "publication_fallback"); a stated date always wins over such a bound.
    """
    stated, bounds = [], []
    for item in items:
        value = item.extracted.restored_at
        published = item.report.published_at or date.min
        if value is not None:
            if occurred is None or value.end >= occurred.start:
                stated.append((published, value))
        elif item.extracted.effect == "resumed" and item.report.published_at is not None:
            day = item.report.published_at
            text = f"traffic resumed by {day.isoformat()} (report published then)"
            bounds.append((published, DateValue(day, day, "day", "publication_fallback", text)))
    chosen = stated or bounds
    if not chosen:
        return None
    return max(chosen, key=lambda pair: (pair[0], pair[1].end))[1]


def merge_reports(
    reports: list[Report],
    network: Any,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    window_days: int = DEFAULT_WINDOW_DAYS,
) -> list[Incident]:
    """Incidents built from all reports' extracted incidents (same reports -> same result)."""
    unique = list({r.id: r for r in reports}.values())
    items = place_items(unique, network)
    clusters = cluster_items(items, network, threshold=threshold, window_days=window_days)
    incidents = [build_incident(cluster) for cluster in clusters]
    incidents.sort(key=lambda inc: (inc.occurred.start if inc.occurred else date.max, inc.id))
    return incidents
