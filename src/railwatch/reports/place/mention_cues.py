"""What the words around a place mention say about it, before any lookup.

The name without its prepositions and "station" words, the two ends of a stretch
("между А и Б", "the A–B section", "Aleur-Bushuley"), and cues that a name is not the site:
a route's end ("from A to B"), a reference point ("100 km east of X"), an earlier event.
"""

from __future__ import annotations

import re
from dataclasses import replace

from railwatch.reports.lexicon import LANGUAGES, words
from railwatch.reports.model import PlaceMention
from railwatch.reports.place.gazetteer import normalize
from railwatch.reports.place.places_text import EARLIER_EVENT, normalize_name
from railwatch.reports.place.stations_gazetteer import station_index

_BETWEEN = [
    re.compile(r"(?:между|between)\s+(.+?)\s+(?:и|and)\s+(.+)$", re.IGNORECASE),
    re.compile(
        # "stage", "haul" and "pass": machine translations of "перегон"
        r"(?:перегон\w*|участк\w*|лини\w+|stretch|section|(?<![a-z])(?:stage|haul|pass))\s+"
        r"(.+?)(?:\s+-\s+|\s*[–—]\s*)(.+)$",
        re.IGNORECASE,
    ),
    re.compile(r"^(.+?)\s+[–—-]\s+(.+)$"),
    # "the Tikhoretsk–Krasnodar line": an unspaced dash before the cue word
    re.compile(r"^(.+?)\s*[–—]\s*(.+?)\s+(?:line|section|stretch)$", re.IGNORECASE),
]
STRETCH_WORDS = re.compile(
    r"между|between|перегон|участк|(?<!\w)лини[ияею]|stretch|section", re.IGNORECASE
)
_LEADING_WORDS = {
    "в", "во", "на", "под", "у", "около", "близ", "возле", "рядом", "с", "near", "in", "at",
    "outside", "the", "of", "from", "из", "до", "от", "по", "station", "станция", "ст",
    "village", "town", "settlement", "hamlet", "city", "вблизи", "villages", "towns",
    "settlements", "stations", "cities",
}  # fmt: skip
# Railway suffixes of station names: "Чернышевск-Забайкальский" is the station of Chernyshevsk.
STATION_SUFFIX = re.compile(
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
    r"(?:восточнее|западнее|севернее|южнее)\s+(?:\w+\s+){{0,2}}?{name}|"
    # "not far from the city of Samara", "недалеко от города Самары": a city to steer by;
    # a station so named ("недалеко от станции X") is the site and is not matched
    r"\bnot\s+far\s+from\s+(?:the\s+(?:city|town)\s+of\s+)?{name}\b|"
    # "on the outskirts of Moscow", "the region around Moscow", "на окраине Москвы", "в
    # окрестностях Москвы": the area around a city, not its station
    r"\b(?:outskirts|suburbs|environs)\s+of\s+(?:the\s+(?:city|town)\s+of\s+)?{name}\b|"
    r"\b(?:region|area)\s+around\s+{name}\b|"
    r"\b(?:на\s+окраин\w*|в\s+окрестност\w*|в\s+пригород\w*)\s+(?:город\w*\s+)?{name}|"
    r"\b(?:недалеко|неподалеку|неподалёку)\s+от\s+(?:город\w*\s+)?{name}"
)


# cue words that make a name an area: it never resolves to a station of the same name
AREA_HINTS = ("region", "district", "country")


def is_offset_reference(mention: PlaceMention) -> bool:
    name = re.escape(strip_leading_words(mention.text))
    return bool(name) and bool(
        re.search(_OFFSET.format(name=name), mention.sentence or "", re.IGNORECASE)
    )


def is_route_end(mention: PlaceMention) -> bool:
    name = re.escape(strip_leading_words(mention.text))
    sentence = mention.sentence or ""
    return bool(
        name
        and re.search(_ROUTE.format(name=name), sentence, re.IGNORECASE)
        and re.search(r"\b(?:from|из)\b.+\b(?:to|в|до)\b", sentence, re.IGNORECASE)
    )


# "сообщили в Чите", "в Чите заявили", "the press office in Chita said", "told reporters in
# Chita": where a speaker sits, not where the incident happened
_SPEECH_RU = r"(?:сообщ|заяв|рассказ|уточн|подтверд|отмет|сказа|передал)\w*"
_SPEECH_EN = r"(?:said|says|told|announced|stated|confirmed|reported)"
_SPEAKER_PLACE = (
    _SPEECH_RU + r"\s+(?:[а-яё]+\s+)?в\s+{name}\b|"
    r"\bв\s+{name}\s+(?:[а-яё]+\s+)?" + _SPEECH_RU + r"|"
    r"(?:office|officials?|spokes\w+|authorities|headquarters|ministry|service|agency)\s+"
    r"(?:based\s+)?in\s+(?:the\s+city\s+of\s+)?{name}\s+(?:\w+\s+)?" + _SPEECH_EN + r"\b|"
    r"\b(?:said|told\s+\w+|announced|stated)\s+in\s+{name}\b"
)


# lexicon "agency_seat_patterns": "the transport police department at X station", "линейный
# отдел полиции на станции X": the place is where an agency sits, not the site
_AGENCY_SEAT = "|".join(
    f"(?:{p})" for language in LANGUAGES for p in words(language, "agency_seat_patterns")
)


def is_speaker_place(mention: PlaceMention) -> bool:
    """True when the sentence names the place as where someone speaks from, or as the seat
    of the police unit or office that received or handles the report."""
    name = re.escape(strip_leading_words(mention.text))
    sentence = mention.sentence or ""
    return bool(name) and any(
        re.search(pattern, sentence, re.IGNORECASE)
        for pattern in (_SPEAKER_PLACE.format(name=name), _AGENCY_SEAT.replace("{name}", name))
        if pattern
    )


def names_an_earlier_event(mention: PlaceMention) -> bool:
    cue = EARLIER_EVENT.search(mention.sentence or "")
    if cue is None:
        return False
    at = (mention.sentence or "").find(mention.text)
    return at > cue.start()


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


_STRETCH_TAIL = re.compile(
    r"\s+(?:section|stretch|line|stage|haul|railway\s+section|railway)$", re.IGNORECASE
)


# an end cut short ("Бал."): its full stop says so and stays
_CUT_SHORT_END = re.compile(r"(?:^|\s)[А-ЯЁA-Z][а-яёa-z]{1,6}\.$")


def _end(text: str) -> str:
    text = text.strip(' ,«»"')
    return text if _CUT_SHORT_END.search(text) else text.strip(' ,.«»"')


def pair_from_text(text: str) -> tuple[str, str] | None:
    for pattern in _BETWEEN:
        m = pattern.search(text.strip())
        if m:
            second = _STRETCH_TAIL.sub("", m.group(2).strip(' ,«»"'))
            return _end(m.group(1)), _end(second)
    return None


TRAILING_CUE = re.compile(
    r"\s+(?:station|junction|halt|siding|yard|railway station|станция|разъезд|"
    r"(?:freight|cargo|goods|marshall?ing|sorting|classification)\s+(?:yard|station))$",
    re.IGNORECASE,
)
_HYPHEN_PAIR = re.compile(r"^([A-ZА-ЯЁ][\w’']+)-([A-ZА-ЯЁ][\w’']+)(?:\s+\w+)?$")


def hyphen_pair(surface: str) -> tuple[str, str] | None:
    """ "Aleur-Bushuley stretch": two station names joined by a plain hyphen are a stretch only
    when the national table links them (checked by the caller via `station_stretch`)."""
    m = _HYPHEN_PAIR.match(surface.strip())
    if not m:
        return None
    pair = (m.group(1), m.group(2))
    found = station_index().pair(*pair)
    return pair if found is not None and found[2] is not None else None


# "в районе Ачи-Избербаш", "в районе станции Могзон": the area around a named place, which
# the district cue word caught; a district is named by an adjective ("Унечский район")
_AROUND = re.compile(r"^(?:в\s+|на\s+)?район[еау]\s+(?=(?:станци\w+\s+|поселк\w+\s+)?[А-ЯЁA-Z])")


def around_a_place(mention: PlaceMention) -> PlaceMention:
    """A "district" mention that names the area around a place, as a mention of that place
    (of unknown kind); any other mention as it is."""
    if mention.kind_hint != "district":
        return mention
    found = _AROUND.match(mention.text)
    if found is None:
        return mention
    rest = mention.text[found.end() :]
    return replace(mention, text=rest, normalized=normalize_name(rest), kind_hint="unknown")


_NEXT_LOWER_WORD = re.compile(r"^\s+([а-яё]{3,})\b")


def with_lower_word(mention: PlaceMention) -> PlaceMention:
    """A station mention whose name goes on in lower case ("станции Новая платформа",
    "у станции Кирпичного завода"), extended by that word when the station table knows the
    longer name; any other mention as it is. The mention patterns take capitalised words
    only, so they stop before the second word of such names."""
    if mention.kind_hint != "station" or not mention.sentence:
        return mention
    at = mention.sentence.find(mention.text)
    following = (
        _NEXT_LOWER_WORD.match(mention.sentence[at + len(mention.text) :]) if at >= 0 else None
    )
    if following is None:
        return mention
    longer = f"{mention.text} {following.group(1)}"
    if not station_index().find(strip_leading_words(longer)):
        return mention
    return replace(mention, text=longer, normalized=normalize_name(longer, "station"))
