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
_BOUNDARY = re.compile(r"(?<=[.!?…])[\"»”)]?\s+(?=[\"«“(\-–—]?\s*[A-ZА-ЯЁ0-9])")


@dataclass(frozen=True)
class Sentence:
    """One sentence: its text, character offset in the report, and paragraph number."""

    text: str
    start: int
    paragraph: int


def _ends_with_abbreviation(chunk: str) -> bool:
    word = re.search(r"([\w.\-]+)\.\s*[\"»”)]?$", chunk)
    if not word:
        return False
    token = word.group(1).lower()
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())


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
            if _ends_with_abbreviation(chunk):
                continue
            if chunk.strip():
                sentences.append(Sentence(chunk.strip(), line_start + piece_start, paragraph))
            piece_start = boundary.end()
        tail = stripped[piece_start:].strip()
        if tail:
            sentences.append(Sentence(tail, line_start + piece_start, paragraph))
        offset += len(line) + 1
    return sentences
