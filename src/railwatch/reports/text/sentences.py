"""Split report text into sentences (English and Russian), keeping their offsets."""

import re
from dataclasses import dataclass

# Words that end with a full stop without ending the sentence.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "no", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "gov", "gen", "lt", "col", "approx",
    "vs", "etc", "inc", "corp", "km", "ft", "г", "гг", "ул", "ст", "им", "т.д", "т.е", "т.п",
    "пос", "п", "с", "д", "обл", "р-н", "корр", "тыс", "млн", "млрд", "руб", "ж.д", "ж.-д",
    "рис", "см", "стр", "кв", "м", "мин", "час", "пр", "др", "ок", "св", "т", "о",
}  # fmt: skip
# A "sentence" longer than this (a page with no full stops, a run-on list) is cut at a space:
# every later stage scans a sentence once per trigger or claimant, so an unbounded sentence
# makes extraction quadratic in the report's length.
MAX_SENTENCE_CHARS = 600
_BOUNDARY = re.compile(r"(?<=[.!?…])[\"»”)]?\s+(?=[\"«“(\-–—]?\s*[A-ZА-ЯЁ0-9])")


@dataclass(frozen=True)
class Sentence:
    """One sentence: its text, character offset in the report, and paragraph number."""

    text: str
    start: int
    paragraph: int


def _ends_with_abbreviation(chunk: str) -> bool:
    # only the tail can hold the abbreviation; searching the whole chunk is quadratic
    word = re.search(r"([\w.\-]+)\.\s*[\"»”)]?$", chunk[-40:])
    if not word:
        return False
    token = word.group(1).lower()
    if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
        return True
    # "Moscow-to-St. Petersburg", "Ростов-обл. ...": an abbreviation at the end of a compound
    tail = token.rsplit("-", 1)[-1]
    return len(tail) > 1 and tail in _ABBREVIATIONS


# "a.m." / "p.m." end a sentence only when what follows is not the clock's time zone
# ("at 4 a.m. Moscow time", "5 p.m. GMT").
_CLOCK_TAIL = re.compile(r"\b[ap]\.m\.\s*[\"»”)]?$", re.IGNORECASE)
_ZONE_NEXT = re.compile(r"(?:[A-Z][\w-]*\s+time\b|(?:GMT|UTC|MSK|CET|EET|BST|EST|PST)\b)")


def _inside_brackets(chunk: str, rest: str) -> bool:
    """True when `chunk` leaves a bracket open that `rest` closes soon: a full stop inside
    "(12:16 a.m. Lisbon)" does not end the sentence around it."""
    if chunk.count("(") <= chunk.count(")"):
        return False
    close = rest.find(")", 0, 120)
    return close >= 0 and "(" not in rest[:close]


def _no_boundary(chunk: str, rest: str) -> bool:
    """True when the full stop ending `chunk` does not end a sentence (an abbreviation, a
    clock time followed by its zone, a full stop inside brackets)."""
    if _ends_with_abbreviation(chunk) or _inside_brackets(chunk, rest):
        return True
    return bool(_CLOCK_TAIL.search(chunk[-12:]) and _ZONE_NEXT.match(rest))


def _bounded(text: str, start: int, paragraph: int) -> list[Sentence]:
    """`text` as one sentence, or cut at spaces into pieces of at most MAX_SENTENCE_CHARS."""
    pieces: list[Sentence] = []
    while len(text) > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", MAX_SENTENCE_CHARS // 2, MAX_SENTENCE_CHARS)
        cut = cut if cut > 0 else MAX_SENTENCE_CHARS
        pieces.append(Sentence(text[:cut].strip(), start, paragraph))
        rest = text[cut:]
        start += cut + (len(rest) - len(rest.lstrip()))
        text = rest.lstrip()
    if text:
        pieces.append(Sentence(text, start, paragraph))
    return pieces


def split_sentences(text: str) -> list[Sentence]:
    """Sentences in order; a line break always ends a sentence (headlines, list items)."""
    sentences: list[Sentence] = []
    paragraph = 0
    offset = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped:
            paragraph += 1
            offset += len(line) + 1
            continue
        line_start = offset + (len(line) - len(line.lstrip()))
        piece_start = 0
        for boundary in _BOUNDARY.finditer(stripped):
            chunk = stripped[piece_start : boundary.start()]
            if _no_boundary(chunk, stripped[boundary.end() :]):
                continue
            if chunk.strip():
                sentences.extend(_bounded(chunk.strip(), line_start + piece_start, paragraph))
            piece_start = boundary.end()
        tail = stripped[piece_start:].strip()
        if tail:
            sentences.extend(_bounded(tail, line_start + piece_start, paragraph))
        offset += len(line) + 1
    return sentences
