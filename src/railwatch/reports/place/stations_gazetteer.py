"""Every Russian railway station by name: the national ESR table as a lookup for reports.

The table (`railwatch.network.stations`) holds about 16,000 stations and halts with their
official Russian names (some in upper case, some "427 км" halts), region, regional railway
and, for most, OSM coordinates; a second table says which stations are neighbours. This
module indexes them so that a name in a report, in Russian (any case form) or in any of the
ways outlets romanize it, finds the station:

- exact: the folded Russian name ("Корфовская");
- spelling: `transliterate.spelling_key`, which Cyrillic and every common romanization share
  ("Kuteynikovo", "Kuteinikovo", "Кутейниково");
- stem: each Russian word without its case ending ("станции Гудачах" -> "гудач");
- fuzzy (asked for explicitly): one or two letters off on a long spelling key (typos such as
  "Saguna" for Сагуны), never on short or common words.

Halts named by a kilometre ("139 км") are only found as the end of a stretch whose other end
is their neighbour: on their own they are ambiguous across the whole country.

The index is built lazily on first use and cached for the process.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from railwatch.network.geo import distance_km
from railwatch.reports.extract.morph import lemmatize_phrase
from railwatch.reports.place.gazetteer import normalize
from railwatch.reports.place.transliterate import romanize, spelling_key, spelling_keys

# English and Russian words that can stand where a name does but never are one. A lookup of
# any of them finds nothing, whatever the table holds ("Более", "Line" ...).
COMMON_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "in",
        "on",
        "at",
        "to",
        "from",
        "by",
        "for",
        "with",
        "near",
        "into",
        "onto",
        "over",
        "under",
        "between",
        "station",
        "stations",
        "train",
        "trains",
        "line",
        "lines",
        "rail",
        "railway",
        "railways",
        "more",
        "most",
        "less",
        "many",
        "much",
        "section",
        "stretch",
        "track",
        "tracks",
        "junction",
        "halt",
        "yard",
        "depot",
        "bridge",
        "tunnel",
        "road",
        "city",
        "town",
        "village",
        "region",
        "district",
        "oblast",
        "krai",
        "republic",
        "north",
        "south",
        "east",
        "west",
        "new",
        "old",
        "big",
        "small",
        "main",
        "first",
        "second",
        "third",
        "last",
        "next",
        "other",
        "same",
        "this",
        "that",
        "these",
        "those",
        "there",
        "here",
        "where",
        "when",
        "what",
        "which",
        "who",
        "will",
        "would",
        "could",
        "should",
        "may",
        "might",
        "can",
        "must",
        "has",
        "have",
        "had",
        "was",
        "were",
        "been",
        "being",
        "are",
        "is",
        "it",
        "its",
        "they",
        "them",
        "their",
        "he",
        "she",
        "his",
        "her",
        "we",
        "our",
        "you",
        "your",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "hundred",
        "thousand",
        "day",
        "night",
        "morning",
        "evening",
        "week",
        "month",
        "year",
        "time",
        "people",
        "police",
        "army",
        "military",
        "fire",
        "smoke",
        "blast",
        "explosion",
        "drone",
        "drones",
        "attack",
        "strike",
        "freight",
        "cargo",
        "passenger",
        "wagon",
        "wagons",
        "car",
        "cars",
        "tank",
        "tanks",
        "power",
        "service",
        "services",
        "traffic",
        "movement",
        "work",
        "works",
        "repair",
        "repairs",
        "local",
        "federal",
        "state",
        "official",
        "officials",
        "report",
        "reports",
        "news",
        "media",
        "source",
        "sources",
        "said",
        "says",
        "told",
        "according",
        "also",
        "only",
        "after",
        "before",
        "during",
        "while",
        "since",
        "until",
        "about",
        "around",
        "again",
        "still",
        "just",
        "even",
        "however",
        "although",
        "because",
        "though",
        "whether",
        "станция",
        "станции",
        "разъезд",
        "поезд",
        "поезда",
        "линия",
        "дорога",
        "железная",
        "путь",
        "пути",
        "мост",
        "тоннель",
        "город",
        "район",
        "область",
        "край",
        "республика",
        "более",
        "менее",
        "много",
        "место",
        "время",
        "день",
        "ночь",
        "утро",
        "вечер",
        "год",
    ]
)

# Prefixes of the table's names that say what a point is, not which one ("ПЛ 35 км").
_KIND_PREFIX = re.compile(
    r"^(?:пл\.?|оп|о\.п\.|рзд\.?|разъезд|пост|бп|блокпост|ст\.?|станция)\s+", re.IGNORECASE
)
_KM_HALT = re.compile(r"^\d+\s*км\b", re.IGNORECASE)
_MIN_KEY = 4  # shorter spelling keys collide across the country
_FUZZY_MIN = 6  # typos are only tolerated on names at least this long
# A named stretch links stations at most this many neighbour steps apart in the table (halts
# between two stations are listed as neighbours), or, unlinked, this many km apart.
MAX_STRETCH_HOPS = 4
# of two names shared by many stations, this many of each are paired by distance alone
_PAIR_CANDIDATES = 20
# a name cut short ("Бал.") is looked for this many neighbour steps from the other end
_ABBREVIATION_HOPS = 2
_CUT_SHORT = re.compile(r"([А-ЯЁA-Z][а-яёa-z]{1,6})\.")
STRETCH_KM = 60.0


@dataclass(frozen=True)
class Station:
    """One station of the national table, with the point a report about it is placed at."""

    esr: str
    name: str  # official Russian name, upper-case names title-cased
    lat: float | None
    lon: float | None
    region: str
    railway: str
    coords: str  # "osm" | "neighbours" (mean of its neighbours') | "none"
    km_halt: bool = False

    @property
    def name_en(self) -> str:
        """The name romanized as English-language outlets mostly print it."""
        return romanize(self.name)

    @property
    def label(self) -> str:
        return f"{self.name_en} ({self.name})" if self.name_en != self.name else self.name


def clean_station_name(name: str) -> str:
    """The table's name without notes in brackets or kind prefixes, upper case title-cased."""
    name = re.sub(r"\s*\([^)]*\)?", "", str(name)).strip()
    name = _KIND_PREFIX.sub("", name).strip()
    if name.isupper():
        name = name.title().replace(" Км", " км")
    return name


def is_common_word(text: str) -> bool:
    """True for words that must never resolve to a station ("the", "station", "more")."""
    words = normalize(text).split()
    return not words or all(w in COMMON_WORDS or w.isdigit() for w in words)


def is_dictionary_word(text: str) -> bool:
    """Whether some word of `text` is a word of its language's dictionary, not a name: the
    guard on typo tolerance. Russian words are checked in pymorphy3's dictionary (known,
    non-name readings), English ones in the vocabulary of the English parse model when it
    is installed (without it only `COMMON_WORDS` guard)."""
    for word in re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)*", text):
        low = word.lower().replace("'", "").replace("’", "")  # "Mal'tsevo" is one word
        if low in COMMON_WORDS:
            return True
        if re.search("[а-яё]", low):
            if _russian_word(low):
                return True
        elif low in _english_words():
            return True
    return False


def _russian_word(low: str) -> bool:
    from railwatch.reports.extract.morph import analyzer

    names = {"Geox", "Name", "Surn", "Patr", "Orgn", "Trad"}
    parses = analyzer().parse(low)
    return any(p.is_known and not names & set(p.tag.grammemes) for p in parses[:3])


@cache
def _english_words() -> frozenset[str]:
    """Lower-case words of the English model's vocabulary (empty without the model)."""
    from railwatch.reports.extract import nlp

    if not nlp.available("en"):
        return frozenset()
    strings = nlp._english().vocab.strings
    return frozenset(s for s in strings if s.isalpha() and s.islower() and s.isascii())


_PUNCT = re.compile(r"[\"'’`«»“”().,]")
_SEPARATORS = re.compile(r"[\s\-–—‑_/]+")
# Russian case endings, longest first; a stem keeps at least three letters
_ENDING = re.compile(
    r"(?<=[а-яa-z0-9]{3})(?:ами|ями|ого|его|ому|ему|ыми|ими|ой|ей|ом|ем|ая|яя|ую|юю|ый|ий|ые|ие|"
    r"ых|их|ым|им|ов|ев|ах|ях|ам|ям|а|я|о|е|у|ю|ы|и|ь|й)(?=\s|$)"
)


# a station's number written in Roman numerals ("Люберцы I", "Ulyanovsk-II") is the same
# as in digits ("Люберцы 1", "Ulyanovsk-2"); only a separate last word counts
_ROMAN = re.compile(r"(?<=\S )(iv|i{1,3})$", re.MULTILINE)
_ROMAN_VALUE = {"i": "1", "ii": "2", "iii": "3", "iv": "4"}


# a plain name's station number (after `plain_name`: digits), as its last word
_NUMBERED = re.compile(r" \d{1,2}$")


def plain_name(text: str) -> str:
    """Lowercase, ё -> е, no quotes or brackets, hyphens and spaces as one space, a Roman
    station number as digits (the same as `gazetteer.normalize` on Cyrillic text, and much
    faster on 16,000 names)."""
    text = _PUNCT.sub("", str(text).lower().replace("ё", "е"))
    text = _SEPARATORS.sub(" ", text).strip()
    return _ROMAN.sub(lambda m: _ROMAN_VALUE[m.group(1)], text)


def stem_of(plain: str) -> str:
    """Each word of a plain name without its case ending ("новой чаре" -> "нов чар")."""
    return _ENDING.sub("", plain)


def names_keys(names: list[str]) -> list[dict[str, set[str]]]:
    """The keys each station name is indexed under, by tier (exact, spelling, stem).

    Works on all names at once (`spelling_keys`, one stem pass over the joined names).
    """
    plains = [plain_name(n) for n in names]
    # reports write ё as е in Cyrillic but as "yo" in Latin; those names get both keys
    yo = {
        i: plain_name(n.lower().replace("ё", "йо")) for i, n in enumerate(names) if "ё" in n.lower()
    }
    spellings = spelling_keys(plains + list(yo.values()))
    extra = dict(zip(yo, spellings[len(plains) :], strict=True))
    stems = stem_of("\n".join(plains)).split("\n")
    if len(stems) != len(plains):
        stems = [stem_of(p) for p in plains]
    # a numbered station ("Узловая-I", "Saratov-2") is also found by its bare name, which
    # reports use for the town's main station ("Uzlovaya station")
    bases = {i: _NUMBERED.sub("", p) for i, p in enumerate(plains) if _NUMBERED.search(p)}
    base_spellings = dict(zip(bases, spelling_keys(list(bases.values())), strict=True))
    out = []
    for i, plain in enumerate(plains):
        keys: dict[str, set[str]] = {
            "exact": {plain},
            "spelling": set(),
            "stem": set(),
            "numbered": set(),
        }
        for key in (spellings[i], extra.get(i, "")):
            if len(key.replace(" ", "")) >= _MIN_KEY:
                keys["spelling"].add(key)
        if len(stems[i].replace(" ", "")) >= _MIN_KEY:
            keys["stem"].add(stems[i])
        if len(base_spellings.get(i, "").replace(" ", "")) >= _MIN_KEY:
            keys["numbered"].add(base_spellings[i])
        out.append(keys)
    return out


def name_keys(name: str) -> dict[str, set[str]]:
    """The keys one station name is indexed under, by tier (exact, spelling, stem)."""
    return names_keys([name])[0]


class StationIndex:
    """Name lookup over the national station table, plus who neighbours whom."""

    def __init__(self, rows: list[dict], pairs: list[tuple[str, str]]):
        self.stations: dict[str, Station] = {}
        self._keys: dict[str, dict[str, list[str]]] = {
            "exact": defaultdict(list),
            "spelling": defaultdict(list),
            "stem": defaultdict(list),
            "numbered": defaultdict(list),
        }
        self.neighbours: dict[str, set[str]] = defaultdict(set)
        for a, b in pairs:
            if a != b:
                self.neighbours[a].add(b)
                self.neighbours[b].add(a)
        named = [(row, clean_station_name(row["name"])) for row in rows]
        named = [(row, name) for row, name in named if name]
        all_keys = names_keys([name for _, name in named])
        for (row, name), name_keys_ in zip(named, all_keys, strict=True):
            lat, lon = row.get("lat"), row.get("lon")
            has = lat is not None and lon is not None and not (math.isnan(lat) or math.isnan(lon))
            station = Station(
                esr=str(row["esr"]),
                name=name,
                lat=float(lat) if has and lat is not None else None,
                lon=float(lon) if has and lon is not None else None,
                region=str(row.get("region") or ""),
                railway=str(row.get("railway") or ""),
                coords="osm" if has else "none",
                km_halt=bool(_KM_HALT.match(name)),
            )
            self.stations[station.esr] = station
            for tier, keys in name_keys_.items():
                for key in keys:
                    self._keys[tier][key].append(station.esr)
        self._fuzzy_keys = sorted(
            k for k in self._keys["spelling"] if len(k.replace(" ", "")) >= _FUZZY_MIN
        )

    def station(self, esr: str) -> Station | None:
        """The station with this ESR code; a station without coordinates gets the mean of its
        neighbours' (coords "neighbours"), when they have some."""
        station = self.stations.get(esr)
        if station is None or station.lat is not None:
            return station
        points = [
            (n.lat, n.lon)
            for n in (self.stations.get(e) for e in self.neighbours.get(esr, ()))
            if n is not None and n.lat is not None and n.lon is not None
        ]
        if not points:
            return station
        return Station(
            station.esr,
            station.name,
            round(sum(p[0] for p in points) / len(points), 6),
            round(sum(p[1] for p in points) / len(points), 6),
            station.region,
            station.railway,
            "neighbours",
            station.km_halt,
        )

    def find(self, text: str, *, fuzzy: bool = False, km_halts: bool = False) -> list[Station]:
        """Stations named `text` (exact, then spelling, then stem keys; then, if `fuzzy`,
        the nearest long spelling key one or two edits away, for capitalised text only).
        Common words find nothing."""
        text = str(text).strip()
        # "о.п. 40 км", "рзд. Итыкит": the table's names are indexed without such prefixes
        text = _KIND_PREFIX.sub("", text).strip() or text
        if not text or is_common_word(text):
            return []
        plain = plain_name(normalize(text))
        query = {"exact": {plain}, "spelling": {spelling_key(plain)}, "stem": {stem_of(plain)}}
        if re.search(r"[А-Яа-яЁё]", text):
            lemma = plain_name(lemmatize_phrase(text))
            query["exact"].add(lemma)
            query["spelling"].add(spelling_key(lemma))
        for tier in ("exact", "spelling", "stem"):
            keys = {k for k in query[tier] if tier == "exact" or len(k.replace(" ", "")) >= 4}
            found = self._usable(
                [esr for key in sorted(keys) for esr in self._keys[tier].get(key, [])], km_halts
            )
            if found:
                return found
        # no station of the bare name: the numbered ones that carry it, number 1 first
        found = self._usable(self._keys["numbered"].get(spelling_key(plain), []), km_halts)
        if found:
            return sorted(found, key=lambda s: (s.lat is None, plain_name(s.name)))
        if fuzzy and text[:1].isupper() and not is_dictionary_word(text):
            # only a capitalised name that is no word of the language gets a guess: "device"
            # is one edit from "Девичье", "Stories" two from "Старица"
            return self._usable(self._fuzzy(spelling_key(plain)), km_halts)
        return []

    def _usable(self, codes: list[str], km_halts: bool) -> list[Station]:
        out = []
        for esr in dict.fromkeys(codes):
            station = self.station(esr)
            if station is not None and (km_halts or not station.km_halt):
                out.append(station)
        # stations with a point first: they can be placed
        out.sort(key=lambda s: s.lat is None)
        return out

    def _fuzzy(self, key: str) -> list[str]:
        from rapidfuzz import process
        from rapidfuzz.distance import Levenshtein

        size = len(key.replace(" ", ""))
        if size < _FUZZY_MIN:
            return []
        limit = 1 if size < 10 else 2
        candidates = [
            k for k in self._fuzzy_keys if k[:1] == key[:1] and abs(len(k) - len(key)) <= limit
        ]
        matches = process.extract(
            key, candidates, scorer=Levenshtein.distance, score_cutoff=limit, limit=5
        )
        if not matches:
            return []
        best = min(score for _, score, _ in matches)
        keys = [k for k, score, _ in matches if score == best]
        return [esr for k in keys for esr in self._keys["spelling"][k]]

    def adjacent(self, a: str, b: str) -> bool:
        return b in self.neighbours.get(a, ())

    def hops(self, a: str, b: str, limit: int = MAX_STRETCH_HOPS) -> int | None:
        """How many neighbour steps lead from station a to station b (None beyond `limit`)."""
        seen, frontier = {a}, {a}
        for step in range(1, limit + 1):
            frontier = {n for e in frontier for n in self.neighbours.get(e, ())} - seen
            if b in frontier:
                return step
            seen |= frontier
        return None

    def pair(
        self, a_text: str, b_text: str, region_words: set[str] | None = None
    ) -> tuple[Station, Station, int | None] | None:
        """The two stations a stretch "A – B" names, and how many neighbour steps apart they
        are (None when the table does not link them but they lie within `STRETCH_KM`).

        Names shared by several stations are settled by the table's neighbours: the closest
        pair in steps wins, then the closest in kilometres; a pair in a region the report
        names (`region_words`, stems) beats one outside it at the same distance. Halts named by a
        kilometre count here, as the end of a stretch, but only when the table links them to
        the other end.
        """
        firsts = self.find(a_text, fuzzy=True, km_halts=True)
        seconds = self.find(b_text, fuzzy=True, km_halts=True)
        if not firsts:
            firsts = self._cut_short(a_text, seconds)
        elif not seconds:
            seconds = self._cut_short(b_text, firsts)
        # a halt's name ("40 км") is shared by dozens of stations: every one of them is tried
        # by its neighbours, only the unlinked fallback by distance is kept to the first few
        second_codes = {b.esr: b for b in seconds}
        best: tuple[float, Station, Station, int | None] | None = None
        for i, a in enumerate(firsts):
            near = self._steps_from(a.esr)
            linked = [(b, near[esr]) for esr, b in second_codes.items() if esr in near]
            unlinked = [
                (b, None)
                for b in (seconds[:_PAIR_CANDIDATES] if i < _PAIR_CANDIDATES else [])
                if b.esr not in near
            ]
            for b, steps in linked + unlinked:
                if a.esr == b.esr:
                    continue
                if steps is not None:
                    score = float(steps)
                else:
                    km = stations_distance_km(a, b)
                    if km is None or km > STRETCH_KM or a.km_halt or b.km_halt:
                        continue
                    score = MAX_STRETCH_HOPS + km / STRETCH_KM
                if region_words and not (
                    in_regions(a.region, region_words) or in_regions(b.region, region_words)
                ):
                    score += 0.5
                if best is None or score < best[0]:
                    best = (score, a, b, steps)
        return None if best is None else (best[1], best[2], best[3])

    def _cut_short(self, text: str, others: list[Station]) -> list[Station]:
        """The stations a name cut short ("Бал.", "Rud.") may be: those near the stretch's
        other end (`_ABBREVIATION_HOPS` steps) whose name begins with the letters given."""
        cut = _CUT_SHORT.fullmatch(_KIND_PREFIX.sub("", str(text).strip()))
        if cut is None:
            return []
        start = plain_name(cut.group(1))
        cyrillic = bool(re.search(r"[а-я]", start))
        out = []
        for other in others[:_PAIR_CANDIDATES]:
            for esr in self._steps_from(other.esr, _ABBREVIATION_HOPS):
                station = self.station(esr)
                if station is None:
                    continue
                name = plain_name(station.name) if cyrillic else station.name_en.lower()
                if name.startswith(start):
                    out.append(station)
        return list({s.esr: s for s in out}.values())

    def _steps_from(self, a: str, limit: int = MAX_STRETCH_HOPS) -> dict[str, int]:
        """Every station within `limit` neighbour steps of station a, with its steps."""
        seen, frontier = {a: 0}, {a}
        for step in range(1, limit + 1):
            frontier = {n for e in frontier for n in self.neighbours.get(e, ())} - seen.keys()
            seen.update(dict.fromkeys(frontier, step))
        del seen[a]
        return seen


def in_regions(region: str, region_words: set[str]) -> bool:
    """Whether a table region ("Амурская область") is one of the regions a report names
    (`region_words` are stems such as "амур")."""
    low = region.lower()
    return any(w in low for w in region_words)


# an anchor farther than this from every same-named station says nothing about which it is
ANCHOR_KM = 400.0


def pick_station(
    stations: list[Station],
    region_words: set[str],
    anchors: list[tuple[float, float]] | None = None,
) -> Station | None:
    """Among same-named stations, the one the report's context points to: in a region it
    names; then nearest the other places it names (`anchors`, (lat, lon)) when one lies
    within `ANCHOR_KM`; else the first, which has a point when any has."""
    if not stations:
        return None
    pool = [s for s in stations if region_words and in_regions(s.region, region_words)]
    pool = pool or stations
    if anchors and len(pool) > 1:

        def distance(s: Station) -> float:
            if s.lat is None or s.lon is None:
                return math.inf
            return min(distance_km(s.lon, s.lat, lon, lat) for lat, lon in anchors)

        best = min(pool, key=distance)
        if distance(best) <= ANCHOR_KM:
            return best
    return pool[0]


def stations_distance_km(a: Station, b: Station) -> float | None:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    return distance_km(a.lon, a.lat, b.lon, b.lat)


@cache
def station_index() -> StationIndex:
    """The index of the shipped national table (built on first use, then cached)."""
    from railwatch.network.stations import load_adjacency, load_stations

    frame = load_stations()
    columns = ("esr", "name", "region", "railway", "lat", "lon")
    rows = [
        dict(zip(columns, values, strict=True))
        for values in zip(*(frame[c].tolist() for c in columns), strict=True)
    ]
    adjacency = load_adjacency()
    pairs = list(zip(adjacency["from_esr"], adjacency["to_esr"], strict=True))
    return StationIndex(rows, pairs)
