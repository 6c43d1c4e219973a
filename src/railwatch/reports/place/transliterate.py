"""Latin spellings of Russian place names: the standard schemes and the variants reports use.

Two halves:

- `romanizations` / `spelling_variants` *generate* spellings: the standard transliteration
  schemes (via the `iuliia` package: Wikipedia, BGN/PCGN, ICAO, GOST, Yandex, ...) plus what
  outlets actually print: -iy/-y/-i/-yi endings, "oi"/"oy"/"oj", "ui"/"uy"/"uj", dropped soft
  signs, "ye"/"e", "kh"/"h", a hyphen or a space before a number or a second part;
- `spelling_key` *folds* any spelling, Cyrillic or Latin, to one coarse key that all those
  variants share ("Северомуйский", "Severomuysky", "Severomuyskiy", "Severomujskij" ->
  "severomuiski"), so a lookup is a dictionary hit, not a search.

The generator is what the tests check the key against (every variant folds to the name's key).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

_CYR2LAT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "і": "i", "ї": "i", "є": "e", "ґ": "g",
}  # fmt: skip

# Letters of the scholarly schemes (GOST 7.79, ISO 9, scientific) spelled out the way the
# others write them, before accents are stripped ("Bolʹšoj" -> "bolshoj").
_MARKED = {
    "š": "sh", "č": "ch", "ž": "zh", "ŝ": "shch", "â": "ya", "û": "yu", "ä": "ya", "ü": "yu",
    "ë": "e", "è": "e", "é": "e", "ǎ": "a", "ĭ": "i", "ı": "i", "ʹ": "", "ʺ": "", "″": "",
}  # fmt: skip

# The schemes a newsroom or a map is likely to have used; names are iuliia's. The scholarly
# ones (GOST 7.79, ISO 9) write х as "x", which English uses for "ks": their marked letters
# are still folded (see _MARKED), but they are not generated.
SCHEMES = (
    "wikipedia",
    "bgn_pcgn",
    "yandex_maps",
    "mosmetro",
    "icao_doc_9303",
    "mvd_782",
)


_TO_LATIN = str.maketrans({**_CYR2LAT, **{k.upper(): v for k, v in _CYR2LAT.items()}, **_MARKED})
_PUNCT = re.compile(r"[\"'’`ʹʼ«»“”().,·]")
_SEPARATORS = re.compile(r"[\s\-–—‑_/]+")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFC", text.casefold()).replace("ё", "е").translate(_TO_LATIN)
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)  # may add capitals: "№" -> "No"
        text = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return _SEPARATORS.sub(" ", _PUNCT.sub("", text)).strip()


_DIGIT_EDGE = re.compile(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])")
_DOUBLE = re.compile(r"(.)\1+")
_ICAO_HARD_SIGN = re.compile(r"(?<=[bcdfghklmnprstvz])iei(?=[aiu])")
_IOTATED = re.compile(r"i([eo])")


@cache
def spelling_key(text: str) -> str:
    """The coarse Latin key every spelling of one name shares (see the module docstring).

    Cyrillic is transliterated; then kh->h, y/j->i, x->ks, shch->sch; "ie"/"io" (from
    ye/yo/ьe) lose the i; doubled letters are single. Hyphens and spaces become one space.
    """
    return _coarse(_fold(text))


def _coarse(low: str) -> str:
    """The folding rules of `spelling_key` on lower-case Latin text, repeated until nothing
    changes: one rule can make a match for an earlier one ("шхч" -> "shkhch" -> "shhch" ->
    "shch"), and every spelling must end at the same key whatever order it met them in."""
    while True:
        before = low
        low = _DOUBLE.sub(r"\1", low)  # first, so "кх" -> "kkh" meets "kh"
        low = low.replace("shch", "sch").replace("x", "ks").replace("kh", "h")
        low = low.replace("y", "i").replace("j", "i")
        low = _DIGIT_EDGE.sub(" ", low)  # "Ulyanovsk2"
        low = _DOUBLE.sub(r"\1", low)
        low = _ICAO_HARD_SIGN.sub("i", low)  # ICAO writes ъ before a vowel as "ie"
        low = _IOTATED.sub(r"\1", low)
        low = _DOUBLE.sub(r"\1", low)
        if low == before:
            return low


_LINE_SEPARATORS = re.compile(r"[^\S\n]+|[ \-–—‑_/]+")


def spelling_keys(texts: list[str]) -> list[str]:
    """`spelling_key` of many names at once (the same result, one pass of each rule over all
    of them joined by newlines: what makes indexing 16,000 stations quick)."""
    if any("\n" in t for t in texts):
        return [spelling_key(t) for t in texts]
    text = unicodedata.normalize("NFC", "\n".join(texts).casefold()).replace("ё", "е")
    text = text.translate(_TO_LATIN)
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    text = _PUNCT.sub("", text)
    text = re.sub(r"[\s\-–—‑_/]*\n[\s\-–—‑_/]*", "\n", text)  # strip each line
    text = re.sub(r"[^\S\n\-–—‑_/]*[\-–—‑_/ \t]+[^\S\n]*", " ", text)
    text = re.sub(r"[^\S\n]+", " ", text).strip(" ")
    keys = _coarse(text).split("\n")
    if len(keys) != len(texts):  # a rule crossed a line: fall back to one at a time
        return [spelling_key(t) for t in texts]
    return keys


@cache
def _scheme(name: str):
    import iuliia

    return iuliia.schemas.get(name)


def romanizations(name_ru: str) -> dict[str, str]:
    """The name in each standard scheme of `SCHEMES` (scheme -> spelling)."""
    out = {}
    for scheme in SCHEMES:
        schema = _scheme(scheme)
        if schema is not None:
            out[scheme] = schema.translate(name_ru)
    return out


def romanize(name_ru: str) -> str:
    """The name as English-language outlets mostly print it (Wikipedia's scheme)."""
    schema = _scheme("wikipedia")
    return schema.translate(name_ru) if schema is not None else name_ru


# Ending and digraph swaps seen in reports: each pair is (pattern, replacement).
_SWAPS = (
    (r"(?<=[sc]k)(?:y|iy|ii|i|yi|ij)\b", ("y", "iy", "i", "yi", "ii", "ij")),
    (r"(?:oy|oi|oj)\b", ("oy", "oi", "oj")),
    (r"(?:uy|ui|uj)", ("uy", "ui", "uj")),
    (r"(?:ey|ei|ej)\b", ("ey", "ei", "ej")),
    (r"aya\b", ("aya", "aia", "aja")),
    (r"\bYe", ("Ye", "E")),
    (r"kh", ("kh", "h")),
    (r"[’'ʹ]", ("",)),
    (r"-(?=\d)", ("-", " ", "")),
    (r"(?<=[a-z])-(?=[A-Za-z])", ("-", " ")),
)


def spelling_variants(name_ru: str) -> set[str]:
    """Standard romanizations of a Russian name plus the variants outlets print.

    Every variant folds to `spelling_key(name_ru)`; the tests hold that.
    """
    base = set(romanizations(name_ru).values())
    out = set(base)
    for spelling in base:
        for pattern, replacements in _SWAPS:
            for replacement in replacements:
                out.add(re.sub(pattern, replacement, spelling))
    return {v for v in out if v.strip()}
