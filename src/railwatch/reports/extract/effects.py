"""What an incident did to traffic, from the words a report uses.

Effects, strongest first: blocked_both (line closed, halted, both directions), blocked_one
(one track or direction, traffic on the adjacent track), suspended, reduced, delayed;
"resumed" only when a report mentions nothing but the restoration.
"""

import re

from railwatch.reports.lexicon import LANGUAGES, lexicon

EFFECT_ORDER = ["blocked_both", "blocked_one", "suspended", "reduced", "delayed", "resumed"]


def _joined(key: str) -> dict[str, str]:
    """One alternation per effect from both languages' lexicons (lexicon/{en,ru}.yaml)."""
    out: dict[str, list[str]] = {}
    for language in LANGUAGES:
        for kind, patterns in lexicon(language)[key].items():
            out.setdefault(kind, []).extend(patterns)
    return {kind: "|".join(patterns) for kind, patterns in out.items()}


# The patterns are rules as data: lexicon/en.yaml and lexicon/ru.yaml, "effect_patterns".
EFFECT_PATTERNS = {
    kind: re.compile(pattern, re.IGNORECASE)
    for kind, pattern in _joined("effect_patterns").items()
    if kind in EFFECT_ORDER
}
_NO_EFFECT = re.compile(
    "|".join(p for language in LANGUAGES for p in lexicon(language)["no_effect_patterns"]),
    re.IGNORECASE,
)
_HALTED = re.compile(
    r"halt\w*|stopp\w+|closed|blocked|suspend\w+|остановлен\w*|прекращен\w*|закрыт\w*|перекрыт\w*|"
    r"прерван\w*|приостановлен\w*",
    re.IGNORECASE,
)
_NEGATED_BLOCK = re.compile(
    r"\b(?:not|never|не)\s+(?:been\s+|был\w*\s+)?(?:\w+\s+)?$", re.IGNORECASE
)


# "halted for several hours", "закрыто около трёх часов": a stop told with its length is a
# pause (suspended); a closure of both tracks says "both" and stays blocked_both
_FOR_A_WHILE = re.compile(
    r"(?:halted|stopped|closed|blocked|shut|interrupted|остановлен\w*|прекращен\w*|закрыт\w*|"
    r"перекрыт\w*|прерван\w*)\s+(?:\w+\s+)?(?:for\s+(?:about\s+|around\s+|nearly\s+|almost\s+|"
    r"more\s+than\s+|over\s+|most\s+of\s+|much\s+of\s+|several\s+|a\s+few\s+|an?\s+|\w+\s+){0,2}"
    r"(?:hours?|minutes?|days?|(?:mon|tues|wednes|thurs|fri|satur|sun)day|the\s+(?:night|morning|day))|"
    r"(?:на|около|почти|более)\s+(?:\S+\s+)?(?:час\w*|минут\w*|сут\w*))",
    re.IGNORECASE,
)
# "the driver has been suspended": a person taken off duty, not a train service
_PERSON_SUSPENDED = re.compile(
    r"\b(?:driver|assistant|crew|staff|employees?|workers?|officials?|he|she|машинист\w*|"
    r"помощник\w*|сотрудник\w*)\b(?:\s+\w+){0,5}\s+(?:\w+\s+)?suspended|"
    r"(?:отстран\w+)",
    re.IGNORECASE,
)


def sentence_effects(sentence: str) -> set[str]:
    """Effects a single sentence states (may be several: "halted, then resumed")."""
    found: set[str] = set()
    if _NO_EFFECT.search(sentence):
        found.add("none")
    for kind, pattern in EFFECT_PATTERNS.items():
        for match in pattern.finditer(sentence):
            if kind != "resumed" and _NEGATED_BLOCK.search(
                sentence[max(0, match.start() - 20) : match.start()]
            ):
                continue
            if kind == "suspended" and _PERSON_SUSPENDED.search(sentence):
                continue
            found.add(kind)
            break
    if (
        "blocked_both" in found
        and _FOR_A_WHILE.search(sentence)
        and not re.search(r"both|обоих|обе\s|оба\s", sentence, re.IGNORECASE)
    ):
        found = (found - {"blocked_both"}) | {"suspended"}
    # "traffic restored on both tracks" is about reopening, not closing
    if "resumed" in found and not _HALTED.search(sentence):
        found -= {"blocked_both", "blocked_one"}
    # one track closed while the other stays open is not a full closure
    if (
        "blocked_one" in found
        and "blocked_both" in found
        and not re.search(r"both|обоих|обе\s|оба\s", sentence, re.IGNORECASE)
    ):
        found.discard("blocked_both")
    return found


def strongest_effect(effects: set[str]) -> str | None:
    """The most severe effect stated; None when no effect (or only "no effect") is stated."""
    for kind in EFFECT_ORDER:
        if kind in effects:
            return kind
    return None
