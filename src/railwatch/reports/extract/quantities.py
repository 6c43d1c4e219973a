"""Counts and amounts in incident reports: wagons, tank cars, tanks burned, spills, casualties.

Hedges become ranges: "up to 30" (low 15, high 30), "more than 30" (30..45), "about 30"
(27..33), "a dozen", "dozens", "несколько". A count that disagrees with an earlier one in
the same incident widens the range instead of replacing it (`merge_quantities`).

The words and patterns (number words, hedges, counted nouns, casualty phrasings) are data:
lexicon/quantities.yaml, English and Russian together.
"""

import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from railwatch.reports.extract.morph import lemmatize_word
from railwatch.reports.lexicon import LexiconError, read_lexicon_file
from railwatch.reports.model import Quantity


def load_quantity_lexicon(path: Path) -> dict[str, Any]:
    """The count lexicon (lexicon/quantities.yaml), checked for every entry this module reads."""
    data = read_lexicon_file(path, _FRAGMENT_LISTS)
    for key in ("numbers", "counted"):
        if not isinstance(data.get(key), dict):
            raise LexiconError(f"{path}: field {key!r} must be a mapping")
    for key in ("hedges",):
        rows = data.get(key)
        if not isinstance(rows, list) or not all(
            isinstance(r, list) and len(r) == 2 and r[1] in _HEDGE_RANGES for r in rows
        ):
            raise LexiconError(
                f"{path}: field {key!r} must list [words, range] pairs, range one of "
                + ", ".join(_HEDGE_RANGES)
            )
    return data


@cache
def _lexicon() -> dict[str, Any]:
    path = resources.files("railwatch.reports.lexicon").joinpath("quantities.yaml")
    return load_quantity_lexicon(Path(str(path)))


def _alternatives(key: str, **parts: str) -> str:
    """One alternation of the lexicon's fragments under `key`, placeholders filled."""
    text = "|".join(_lexicon()[key])
    for name, value in parts.items():
        text = text.replace("{" + name + "}", value)
    return text


def _compiled(key: str, **parts: str) -> re.Pattern[str]:
    return re.compile(_alternatives(key, **parts), re.IGNORECASE)


# (low, best, high) of a hedged count, by the hedge's range name in the lexicon
_HEDGE_RANGES = {
    "up_to": lambda v: (round(v / 2), v, v),
    "at_least": lambda v: (v, v, round(v * 1.5)),
    "about": lambda v: (round(v * 0.9), v, round(v * 1.1)),
    "nearly": lambda v: (round(v * 0.9), v, v),
}
_FRAGMENT_LISTS = (
    "ru_number_forms", "count_breakers", "total_train", "partitive", "burned", "spill_area",
    "hectare_units", "spill_tonnes", "spill_words", "delayed_after_verb", "nobody_hurt",
    "killed", "injured", "killing", "injuring", "one_killed", "one_injured",
)  # fmt: skip

EN_NUMBERS: dict[str, int] = dict(_lexicon()["numbers"]["en"])
RU_NUMBERS: dict[str, int] = dict(_lexicon()["numbers"]["ru"])
_RU_EXCEPTIONS: dict[str, int] = dict(_lexicon()["ru_number_exceptions"])
_VAGUE = {word: tuple(triple) for word, triple in _lexicon()["vague"].items()}
_HEDGE_OF = {words: name for words, name in _lexicon()["hedges"]}

_RU_NUM_WORDS = sorted(set(RU_NUMBERS) | set(_lexicon()["ru_number_forms"]), key=len, reverse=True)
_EN_NUM_WORDS = sorted(EN_NUMBERS, key=len, reverse=True)
_NUMBER_WORD = "|".join(re.escape(w) for w in _EN_NUM_WORDS + _RU_NUM_WORDS)
_NUMBER = (
    r"(?P<num>\d{1,3}(?:[ ,]\d{3})*(?:[.,]\d+)?|(?:(?:"
    + _NUMBER_WORD
    + r")(?:[\s-]+(?:"
    + _NUMBER_WORD
    + r"))?))"
)
_HEDGE = (
    r"(?P<hedge>"
    + "|".join(r"\s+".join(words.split()) for words, _ in _lexicon()["hedges"])
    + r")?\s*"
)
_RANGE = r"(?:(?P<num2>\d{1,3})\s*(?:-|–|—|to|до)\s*)?"
_FILL = {"number": _NUMBER, "number_after": _NUMBER.replace("num", "num_after"), "hedge": _HEDGE}

# What is being counted: (kind, pattern for the counted noun), in matching order.
_COUNTED = [(kind, "|".join(fragments)) for kind, fragments in _lexicon()["counted"].items()]
_QUANTITY = re.compile(
    rf"{_HEDGE}{_RANGE}{_NUMBER}\s+(?:(?!"
    + _alternatives("count_breakers")
    + r")\w+\s+)?(?P<noun>"
    + "|".join(f"(?P<{kind}>{pattern})" for kind, pattern in _COUNTED)
    + r")(?!\w)",
    re.IGNORECASE,
)
_TOTAL_TRAIN = _compiled("total_train")
_PARTITIVE = _compiled("partitive")
_BURNED = _compiled("burned")
_SPILL_AREA = _compiled("spill_area", **_FILL)
_HECTARE_UNITS = tuple(_lexicon()["hectare_units"])
_SPILL_TONNES = _compiled("spill_tonnes", **_FILL)
_DELAYED_RU = _compiled("delayed_after_verb", **_FILL)
_SPILL_WORD = _compiled("spill_words")


def parse_number(token: str) -> float | None:
    """A number from digits or English/Russian number words ("35", "thirty-five", "тридцати пяти")."""
    raw = token.strip().lower()
    digits = raw.replace(" ", "").replace(",", "") if re.fullmatch(r"[\d ,]+", raw) else raw
    if re.fullmatch(r"\d+", digits):
        return float(digits)
    if re.fullmatch(r"\d+[.,]\d+", raw):
        return float(raw.replace(",", "."))
    if raw in EN_NUMBERS:
        return float(EN_NUMBERS[raw])
    total = 0.0
    for part in re.split(r"[\s-]+", raw):
        if part in EN_NUMBERS:
            total += EN_NUMBERS[part]
            continue
        lemma = lemmatize_word(part)
        value = RU_NUMBERS.get(lemma, RU_NUMBERS.get(part))
        if value is None:
            value = _RU_EXCEPTIONS.get(part)
        if value is None:
            return None
        total += value
    return total or None


def hedge_range(value: float, hedge: str | None, token: str = "") -> tuple[float, float, float]:
    """(low, best, high) for a number and the hedge before it."""
    low, best, high = _hedge_range(value, hedge, token)
    return float(low), float(best), float(high)


def _hedge_range(value: float, hedge: str | None, token: str) -> tuple[float, float, float]:
    vague = _VAGUE.get(token.strip().lower()) or _VAGUE.get(lemmatize_word(token.strip()))
    if vague:
        return tuple(float(v) for v in vague)  # type: ignore[return-value]
    word = " ".join((hedge or "").lower().split())
    shape = _HEDGE_RANGES.get(_HEDGE_OF.get(word, ""))
    return shape(value) if shape else (value, value, value)


def find_quantities(sentence: str) -> list[Quantity]:
    """Counted things in one sentence; a count of the whole train ("a train of 70 wagons") is not
    a count of damaged wagons and is left out."""
    found: list[Quantity] = []
    for match in _QUANTITY.finditer(sentence):
        kind = next(k for k, _ in _COUNTED if match.group(k))
        if _TOTAL_TRAIN.search(sentence[max(0, match.start() - 25) : match.start()]):
            continue
        value = parse_number(match.group("num"))
        if value is None or value <= 0 or value > 500:
            continue
        if _PARTITIVE.match(sentence[match.end("num") :]):
            continue
        low, best, high = hedge_range(value, match.group("hedge"), match.group("num"))
        if match.group("num2"):
            low, best, high = float(match.group("num2")), value, value
        text = match.group(0).strip()
        found.append(Quantity(kind, low, best, high, text))
        near = sentence[max(0, match.start() - 30) : match.end() + 60]
        if kind in {"tank_cars", "wagons"} and _BURNED.search(near):
            found.append(Quantity("tanks_burned", low, best, high, text))
    for match in _DELAYED_RU.finditer(sentence):
        value = parse_number(match.group("num"))
        if value:
            low, best, high = hedge_range(value, match.group("hedge"), match.group("num"))
            found.append(Quantity("trains_delayed", low, best, high, match.group(0).strip()))
    for match in _SPILL_AREA.finditer(sentence):
        if not _SPILL_WORD.search(sentence):
            continue
        value = float(match.group("num").replace(",", "."))
        unit = match.group("unit").lower()
        if unit.startswith(_HECTARE_UNITS):
            value *= 10_000
        low, best, high = hedge_range(value, match.group("hedge"))
        found.append(Quantity("spill_area_m2", low, best, high, match.group(0).strip()))
    for match in _SPILL_TONNES.finditer(sentence):
        value = float(match.group("num").replace(",", "."))
        low, best, high = hedge_range(value, match.group("hedge"))
        found.append(Quantity("spill_tonnes", low, best, high, match.group(0).strip()))
    return found


def merge_quantities(quantities: list[Quantity]) -> list[Quantity]:
    """One quantity per kind: the first mention is the best guess, the range covers them all."""
    merged: dict[str, Quantity] = {}
    for quantity in quantities:
        seen = merged.get(quantity.kind)
        if seen is None:
            merged[quantity.kind] = quantity
            continue
        merged[quantity.kind] = Quantity(
            quantity.kind,
            min(seen.low, quantity.low),
            seen.best,
            max(seen.high, quantity.high),
            seen.text if seen.text == quantity.text else f"{seen.text}; {quantity.text}",
        )
    return list(merged.values())


# --- casualties -------------------------------------------------------------------------------

_NOBODY_HURT = _compiled("nobody_hurt")
_KILLED = _compiled("killed", **_FILL)
_INJURED = _compiled("injured", **_FILL)
_KILLING = _compiled("killing")  # "..., killing at least 26 people": a participle after the event
_INJURING = _compiled("injuring")
_ONE_KILLED = _compiled("one_killed")  # "the driver was killed"
_ONE_INJURED = _compiled("one_injured")


def _group_number(match: re.Match[str]) -> float | None:
    token = match.groupdict().get("num") or match.groupdict().get("num_after")
    return parse_number(token) if token else None


def find_casualties(sentence: str) -> dict[str, int]:
    """{"killed": n, "injured": n} for what the sentence says; "no one was hurt" gives zeros."""
    found: dict[str, int] = {}
    if _NOBODY_HURT.search(sentence):
        found = {"killed": 0, "injured": 0}
        sentence = _NOBODY_HURT.sub(" ", sentence)
    for key, counted, participle, single in (
        ("killed", _KILLED, _KILLING, _ONE_KILLED),
        ("injured", _INJURED, _INJURING, _ONE_INJURED),
    ):
        for match in [*counted.finditer(sentence), *participle.finditer(sentence)]:
            value = _group_number(match)
            if value is not None and 0 < value < 10_000:
                found[key] = max(found.get(key, 0), int(value))
        if (key not in found or found[key] == 0) and single.search(sentence):
            found[key] = max(found.get(key, 0), 1)
    return found
