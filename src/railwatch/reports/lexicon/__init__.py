"""Language rules as data: one YAML lexicon per language (en.yaml, ru.yaml).

A new word, spelling or claimant goes in a YAML file here, not in code. The claimant table
(claimants.yaml, English and Russian name patterns) is read by `extract.claimants`, the
count lexicon (quantities.yaml: number words, hedges, counted nouns, casualties) by
`extract.quantities`.

Each lexicon holds the word lists the extractor matches: verbs of saying (as regular
expression fragments for the rule matcher and as lemmas or stems for the dependency parse),
words that negate a verb, and the words by which a sentence refers to a rail incident.
"""

import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

LANGUAGES = ("en", "ru")
_REQUIRED = (
    "speech_patterns",
    "speech_lemmas",
    "refusal_lemmas",
    "generic_markers",
    "blame_lemmas",
    "speaker_nouns",
    "negations",
    "event_words",
    "event_anaphors",
)


class LexiconError(ValueError):
    """A lexicon file that lacks a field or has the wrong shape (names the file and field)."""


@cache
def lexicon(language: str) -> dict[str, Any]:
    """The lexicon of one language (en or ru), read once per process."""
    if language not in LANGUAGES:
        raise LexiconError(f"no lexicon for language {language!r}; have {', '.join(LANGUAGES)}")
    return load_lexicon(Path(str(resources.files(__package__).joinpath(f"{language}.yaml"))))


def load_lexicon(path: Path) -> dict[str, Any]:
    """A lexicon file, checked for every word list the extractor reads."""
    return read_lexicon_file(path, _REQUIRED)


def read_lexicon_file(path: Path, string_lists: tuple[str, ...]) -> dict[str, Any]:
    """A YAML mapping, each field of `string_lists` checked to be a list of non-empty
    strings; a file that cannot be read or a wrong field is named with the file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise LexiconError(f"{path}: cannot read the lexicon ({exc})") from exc
    if not isinstance(data, dict):
        raise LexiconError(f"{path}: expected a mapping of word lists")
    for key in string_lists:
        value = data.get(key)
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise LexiconError(f"{path}: field {key!r} must be a list of non-empty strings")
    return data


def words(language: str, key: str) -> list[str]:
    """One word list of one language's lexicon; none for a language without a lexicon (a
    report in Ukrainian is read with no Russian word list). A key the lexicon lacks is a bug
    in the caller and raises KeyError."""
    if language not in LANGUAGES:
        return []
    return list(lexicon(language)[key])


@cache
def alternation(key: str) -> re.Pattern[str]:
    """One case-insensitive pattern of the regular-expression alternatives that both
    languages' lexicons list under `key`."""
    return re.compile(
        "|".join(f"(?:{p})" for language in LANGUAGES for p in lexicon(language)[key]),
        re.IGNORECASE,
    )
