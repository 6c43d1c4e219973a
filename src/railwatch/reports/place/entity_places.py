"""Named-entity spans as place candidates: names the rules did not take for places.

The rules of `places_text` find a name by its cue word ("near X", "станции Y") or by a
gazetteer; a bare name ("Mogzon residents heard ...", "Кутейниково осталось без
напряжения") has neither. The statistical NER of `extract.nlp` (spaCy for English, natasha
for Russian) marks such names as locations. They are only asked for when the rules found
nothing precise, and only for the sentences that reported the incident; the parse is the
one the extractor already made (`nlp.parse` is cached per sentence), so nothing is parsed
twice. A speaker ("Moscow said ...") is not a place.
"""

from __future__ import annotations

import re

from railwatch.reports.extract import nlp
from railwatch.reports.model import PlaceMention
from railwatch.reports.place.places_text import AREA_AFTER, normalize_name

# entity labels that name a place: spaCy's GPE (towns, regions), LOC (other places) and FAC
# (stations, bridges, tunnels); natasha has one label, LOC
PLACE_LABELS = {"en": frozenset({"GPE", "LOC", "FAC"}), "ru": frozenset({"LOC"})}

# a name joined to another by a dash: half of a route or a stretch, which the rules read whole
_JOINED_BEFORE = re.compile(r"\w\s*[-–—]\s*$")
_JOINED_AFTER = re.compile(r"^\s*[-–—]\s*\w")

_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_LATIN = re.compile(r"[A-Za-z]")


def sentence_language(sentence: str) -> str:
    """'ru' when the sentence is mostly Cyrillic, else 'en' (the two parsers there are)."""
    return "ru" if len(_CYRILLIC.findall(sentence)) > len(_LATIN.findall(sentence)) else "en"


def entity_mentions(sentences: list[str], known: list[PlaceMention]) -> list[PlaceMention]:
    """Place entities of the sentences that no known mention covers, as mentions of unknown
    kind (the stages then decide what they name). Empty when no parser is installed."""
    out = []
    for sentence in dict.fromkeys(s for s in sentences if s):
        language = sentence_language(sentence)
        parsed = nlp.parse(sentence, language)
        if parsed is None:
            continue
        covered = [m.text for m in known if m.sentence == sentence]
        speakers = [
            act.speaker_span
            for act in nlp.speech_acts(sentence, language) or []
            if act.speaker_span is not None
        ]
        for entity in parsed.entities:
            if entity.label not in PLACE_LABELS[language]:
                continue
            if any(entity.start < end and start < entity.end for start, end in speakers):
                continue  # "Moscow said", "в Ростове заявили": who speaks, not where
            if AREA_AFTER.match(sentence[entity.end :]):
                continue  # "Bryansk" of "the Bryansk region" names the region
            if _JOINED_BEFORE.search(sentence[: entity.start]) or _JOINED_AFTER.match(
                sentence[entity.end :]
            ):
                continue  # one end of "train No. 86 (Klimovo-Moscow)": a route, not the site
            text = entity.text.strip(" «»\"'.,")
            if not text or any(text in c or c in text for c in covered):
                continue
            normalized = normalize_name(text)
            if normalized:
                out.append(PlaceMention(text, normalized, "unknown", sentence))
    return out
