"""Stored values said in words: claims, effects, incident types, event labels.

The extraction stores claims as (claimant, stance, cause) with enum values ("denies",
"unknown"); a reader wants "Russian officials deny the cause". Everything returned here is
plain text: the caller escapes it for HTML, or draws it with mathtext off.
"""

from __future__ import annotations

import re
from typing import Any

# Causes as a noun phrase that reads after "it was" / "it to".
CAUSE_WORDS = {
    "terrorist_attack": "a terrorist attack",
    "sabotage": "sabotage",
    "explosive_device": "an explosive device",
    "drone": "a drone attack",
    "shelling": "shelling",
    "arson": "arson",
    "short_circuit": "a short circuit",
    "technical_fault": "a technical fault",
    "safety_violation": "a breach of safety rules",
    "weather": "the weather",
    "accident": "an accident",
}

EFFECT_WORDS = {
    "blocked_both": "traffic blocked both ways",
    "blocked_one": "traffic blocked one way",
    "suspended": "traffic suspended",
    "delayed": "trains delayed",
    "reduced": "traffic reduced",
    "resumed": "traffic resumed",
    "none": "traffic not affected",
}

# Claimants named by a plural noun take a plural verb ("officials deny", "police say").
_PLURAL_HEADS = {
    "authorities",
    "eyewitnesses",
    "investigators",
    "officials",
    "police",
    "prosecutors",
    "residents",
    "sources",
    "witnesses",
}


def _plural(claimant: str) -> bool:
    words = claimant.lower().split()
    return bool(words) and words[-1] in _PLURAL_HEADS


def _verb(claimant: str, singular: str, plural: str) -> str:
    return plural if _plural(claimant) else singular


def cause_words(cause: Any) -> str | None:
    """'a short circuit' for 'short_circuit'; None when no cause is named."""
    text = str(cause or "").strip()
    if not text or text == "unknown":
        return None
    return CAUSE_WORDS.get(text, text.replace("_", " "))


def claim_sentence(claimant: Any, stance: Any, cause: Any) -> str:
    """One claim in words: 'Russian officials deny the cause', 'SBU says it was sabotage'."""
    who = str(claimant or "").strip() or "someone"
    who = who[0].upper() + who[1:]  # it starts the sentence
    what = cause_words(cause)
    stance = str(stance or "").strip()
    if stance == "denies":
        verb = _verb(who, "denies", "deny")
        return f"{who} {verb} it was {what}" if what else f"{who} {verb} the cause"
    if what is None:
        return f"{who} {_verb(who, 'comments', 'comment')} on the cause"
    if stance == "attributes":
        return f"{who} {_verb(who, 'attributes', 'attribute')} it to {what}"
    if stance == "speculates":
        return f"{who} {_verb(who, 'suggests', 'suggest')} it may have been {what}"
    return f"{who} {_verb(who, 'says', 'say')} it was {what}"


def effect_words(effect: Any) -> str:
    """'traffic blocked both ways' for 'blocked_both'; 'not reported' when none."""
    text = str(effect or "").strip()
    if not text:
        return "not reported"
    return EFFECT_WORDS.get(text, text.replace("_", " "))


def kind_words(value: Any) -> str:
    """An enum value said in words: 'drone strike' for 'drone_strike'."""
    return str(value or "").replace("_", " ").strip()


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut.rstrip(" ,;:") + "\u2026"


# A clause ends at ';', or at '.' after a word of three or more characters: "St. Petersburg"
# and "V. A. Bessolov" go on.
_CLAUSE_END = re.compile(r";(?:\s|$)|(?<=\w{3})\.(?:\s|$)")


def first_clause(text: str) -> str:
    """The text up to its first clause or sentence break."""
    return _CLAUSE_END.split(" ".join(text.split()), maxsplit=1)[0]


def event_label(closure: Any, network: Any = None, *, limit: int = 60) -> str:
    """A closure as a reader names it: its description's first clause, else what it closes.

    Never the closure's kebab-case id unless nothing else is known.
    """
    description = closure.description
    if description is not None and str(description).strip():
        label = shorten(first_clause(str(description)), limit)
    else:
        label = f"{_target_name(network, str(closure.target))} closed"
    if closure.probability < 1:
        label += f" (p = {closure.probability:g})"
    return label


def _target_name(network: Any, target: str) -> str:
    """The display name of a closure's target (its id when the network has no name for it)."""
    if network is None:
        return target
    from railwatch.network.queries import feature_label

    return feature_label(network, target) or target
