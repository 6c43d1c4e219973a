"""Districts named by their adjective: "Унечский район", "the Khiloksky district" -> a place
of precision "district" at the town the district is named after.

A Russian district (район) is nearly always named after its administrative centre: the
adjective is the town's name with a suffix ("Унеча" -> "Унечский", "Шилка" -> "Шилкинский",
"Сковородино" -> "Сковородинский"). The shipped list of districts (`data/districts.csv`)
holds only the corridor's; for any other the adjective is stripped of its suffix, in the
spelling key that Cyrillic and every romanization share, and matched against the start of
the names of Russian settlements. When the report names a region the town must be in it;
when it names none the towns found must all be in one region (else the name is ambiguous
and no district is given); then the largest wins. The point is the town's, the precision "district": the text names an
area, never a station.
"""

from __future__ import annotations

import re
from functools import cache

from railwatch.reports.place.gazetteer import Place, load_regions, load_settlements
from railwatch.reports.place.station_pick import region_stem
from railwatch.reports.place.transliterate import spelling_key

# the adjective's suffix in spelling-key form: -ский, -цкий, -ской; -sky, -skiy, -ski, -skii
_SUFFIX = re.compile(r"(?:sk|ck|tsk)(?:aia|aa|oe|ie|ii|i|oi|ai|o|a|e)?$")
# a link vowel and consonant some adjectives add: Шилк-ин-ский, Сковород-ин-ский, Чернышев-ский
_LINK = re.compile(r"(?:in|en|ov|ev)$")
# the district words that follow or precede the adjective
_DISTRICT_WORDS = re.compile(
    r"\b(?:район\w*|district|municipal|raion|rayon|municipality|муниципальн\w*)\b",
    re.IGNORECASE,
)
# a town's key may extend the adjective's stem by its ending: Унеч-а, Сковородин-о, Брянск
_MAX_ENDING = 3
_MIN_STEM = 4


@cache
def _towns() -> dict[str, list[tuple[str, Place]]]:
    """Russian settlements by the first letters of the spelling key of their Russian (or
    else English) name: (key, place) pairs."""
    out: dict[str, list[tuple[str, Place]]] = {}
    for place in load_settlements():
        if place.country == "RU":
            key = spelling_key(place.name_ru or place.name)
            out.setdefault(key[:_MIN_STEM], []).append((key, place))
    return out


def _towns_of(stem: str, exact: bool) -> list[Place]:
    """Towns whose key is the stem plus a short ending ("unech" -> Унеча), or is the stem
    with an adjective's ending of its own (Кущёвская for "kuschev"); only the stem itself
    when `exact`."""
    out = []
    for key, place in _towns().get(stem[:_MIN_STEM], []):
        if exact:
            fits = key == stem
        else:
            fits = (key.startswith(stem) and len(key) - len(stem) <= _MAX_ENDING) or (
                _SUFFIX.sub("", key) == stem
            )
        if fits:
            out.append(place)
    return out


@cache
def region_stems() -> dict[str, str]:
    """admin1 code of a Russian region -> its stem (see `station_pick.region_stem`)."""
    return {
        place.admin1: region_stem(place.name_ru)
        for place, _ in load_regions()
        if place.country == "RU" and place.name_ru
    }


def stems_of_adjective(adjective: str) -> list[str]:
    """The stems a district adjective may come from, longest first ("шилкинский" ->
    ["shilkin", "shilk"])."""
    key = spelling_key(adjective)
    stem = _SUFFIX.sub("", key)
    stems = [stem]
    shorter = _LINK.sub("", stem)
    if shorter != stem:
        stems.append(shorter)
    return [s for s in stems if len(s) >= _MIN_STEM]


def district_named(text: str, regions: set[str] | None = None) -> Place | None:
    """The district a mention names by its adjective, at its namesake town; None when no
    Russian town fits (or the words name no district)."""
    words = [w for w in re.findall(r"[\w’'-]+", _DISTRICT_WORDS.sub(" ", text)) if len(w) > 2]
    if not words:
        return None
    found: list[Place] = []
    for word in words[:2]:
        # "Унечский" is the adjective of a town; "Unecha district" names the town itself
        key = spelling_key(word)
        adjective = _SUFFIX.search(key) is not None
        if not adjective and key.endswith("i"):
            continue  # "Центральный район", "Krasny district": an adjective of no town
        for stem in stems_of_adjective(word) if adjective else [key]:
            found = _towns_of(stem, exact=not adjective)
            if found:
                break
        if found:
            break
    if not found:
        return None
    stems = region_stems()
    if regions:
        # the report names the region: the district is there or is none of these
        found = [t for t in found if stems.get(t.admin1) in regions]
    elif len({t.admin1 for t in found}) > 1:
        return None  # towns of that name in several regions, and no region to choose by
    if not found:
        return None
    town = max(found, key=lambda t: t.population)
    adjective = words[0]
    return Place(
        kind="district",
        name=f"{town.name} district",
        name_ru=f"{adjective.capitalize()} район"
        if re.search(r"[а-яё]", adjective.lower())
        else "",
        lat=town.lat,
        lon=town.lon,
        country=town.country,
        admin1=town.admin1,
        source="district named after its centre; point of the town (GeoNames)",
    )
