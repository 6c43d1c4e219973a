"""Russian lemmatization with pymorphy3, shared by extraction and place linking.

Both sides of a comparison (a phrase in a report, a name in the network) go through
`lemmatize_phrase`, so "в Северомуйском тоннеле" and "Северомуйский тоннель" meet as
"северомуйский тоннель". Words that are not Cyrillic are only lowercased.
"""

import re
from functools import cache, lru_cache

import pymorphy3

_TOKEN = re.compile(r"[A-Za-zА-Яа-яЁё0-9]+(?:[-'’][A-Za-zА-Яа-яЁё0-9]+)*")
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")

# Place names that pymorphy3 mis-reads as forms of common words; keep them as they are.
_KEEP_AS_IS = {"тында", "чита", "уссурийск", "итыкит", "окусикан", "хасан", "тайшет"}


@cache
def analyzer() -> pymorphy3.MorphAnalyzer:
    """The process-wide analyser (loading the dictionaries takes a moment, so do it once)."""
    return pymorphy3.MorphAnalyzer()


def normalize_letters(text: str) -> str:
    """Lowercase and fold ё to е: reports spell the same name both ways."""
    return text.lower().replace("ё", "е")


@lru_cache(maxsize=65536)
def lemmatize_word(word: str, before_word: bool = False) -> str:
    """Dictionary form of one word, lowercase, ё folded; non-Cyrillic words are only lowercased.

    `before_word` says another word follows in the same phrase: an adjective reading is then
    preferred ("Хабаровском крае" is an adjective and a noun, not the town Хабаровск).
    """
    low = normalize_letters(word).replace("’", "'")
    if not _CYRILLIC.search(word) or low in _KEEP_AS_IS:
        return low
    if word.isupper() and len(word) > 1 and "-" not in word:
        # an abbreviation (БПЛА, РЖД, СВУ) does not inflect; pymorphy3 would read "БПЛА"
        # as a past-tense verb form
        return low
    if "-" in low:
        # "Комсомольске-на-Амуре": inflect only the head, keep the rest
        head, _, rest = low.partition("-")
        return f"{lemmatize_word(head)}-{rest}"
    # parse with ё kept: it disambiguates ("чёртовом" is possessive, "чертовом" is not)
    parses = analyzer().parse(word.lower().replace("’", "'"))
    if not parses:
        return low
    best = parses[0]
    adjectives = [p for p in parses[:4] if p.tag.POS == "ADJF"]
    # in names a possessive reading wins ("Чертовом мосту" is Чёртов мост, not чертовый)
    possessive = [p for p in adjectives if "Poss" in p.tag.grammemes]
    adjective = (possessive or adjectives or [None])[0]
    if before_word and adjective is not None:
        best = adjective
    elif word[:1].isupper():
        # a capitalised word is more likely a place or a name than a common noun
        for parse in parses[:4]:
            if {"Geox", "Name", "Surn", "Orgn"} & set(parse.tag.grammemes):
                best = parse
                break
    return normalize_letters(best.normal_form)


def lemma_tokens(text: str) -> list[str]:
    """Lemmas of every word token in `text`, in order."""
    tokens = _TOKEN.findall(text)
    return [
        lemmatize_word(token, i + 1 < len(tokens) and bool(_CYRILLIC.search(tokens[i + 1])))
        for i, token in enumerate(tokens)
    ]


def lemmatize_phrase(text: str) -> str:
    """Lemmatized, lowercased, space-joined form of a phrase ("Северомуйском тоннеле" ->
    "северомуйский тоннель"); punctuation is dropped."""
    return " ".join(lemma_tokens(text))


def part_of_speech(word: str) -> str | None:
    """The most likely part of speech of a Russian word (pymorphy3 tag, e.g. "NOUN"), or None."""
    if not _CYRILLIC.search(word):
        return None
    parses = analyzer().parse(word.lower())
    return parses[0].tag.POS if parses else None
