"""Claims checked against sentence structure (the dependency parse of ``nlp``).

The rule matcher in ``claims`` finds a claimant and a cause by words; the parse then decides:

- a claimant whose only verb of saying is negated ("has not commented on the causes",
  "не подтвердили") attributes nothing: such a claim is dropped unless it is a denial;
- a sentence that does not refer to a rail incident at all (air defence, rockets on an air
  base) gives no claim about this incident's cause;
- when the claimant table knows no one in a sentence that states a cause, the subject of a
  verb of saying that is a named organisation or person (NER) is the speaker.
"""

from __future__ import annotations

import re
from functools import cache

from railwatch.reports.lexicon import words
from railwatch.reports.model import Claim
from railwatch.reports.nlp import parse, speech_acts

# entity labels that can speak (natasha: ORG, PER; spaCy: ORG, PERSON, NORP)
_SPEAKER_LABELS = {"ORG", "PER", "PERSON", "NORP"}
_WORD = re.compile(r"[\w/]+", re.UNICODE)


def refers_to_event(sentence: str, language: str) -> bool:
    """The sentence names the railway or an incident (lexicon ``event_words``)."""
    if language not in ("en", "ru"):
        return True
    stems = tuple(words(language, "event_words"))
    anaphors = set(words(language, "event_anaphors"))
    return any(w.startswith(stems) or w in anaphors for w in _WORD.findall(sentence.lower()))


@cache
def _negation_pattern(language: str) -> re.Pattern[str]:
    # whole words ("not", "не"); a clitic ("n't") may be glued to its verb
    parts = [
        rf"(?<!\w){re.escape(w)}(?!\w)" if w.isalpha() else re.escape(w)
        for w in words(language, "negations")
    ]
    return re.compile("|".join(parts), re.IGNORECASE)


def _has_negation(sentence: str, language: str) -> bool:
    return bool(_negation_pattern(language).search(sentence))


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def check_claims(claims: list[Claim], sentence: str, language: str) -> list[Claim]:
    """The claims of one sentence that its structure supports (see the module docstring)."""
    if not claims or language not in ("en", "ru"):
        return claims
    if not refers_to_event(sentence, language):
        return []
    if not _has_negation(sentence, language):
        return claims  # no word of negation: no verb of saying can be negated; skip the parse
    acts = speech_acts(sentence, language)
    if not acts:
        return claims
    kept = []
    for claim in claims:
        if claim.stance == "denies":
            kept.append(claim)
            continue
        at = sentence.lower().find((claim.claimant_text or claim.claimant).lower())
        if at >= 0:
            span = (at, at + len(claim.claimant_text or claim.claimant))
            own = [a for a in acts if a.speaker_span and _overlaps(a.speaker_span, span)]
        else:
            own = []
        relevant = own or acts
        if all(a.negated for a in relevant):
            continue  # "X has not commented on the causes": no attribution
        kept.append(claim)
    return kept


def speaker_of(sentence: str, language: str) -> str | None:
    """The named organisation or person that is the subject of a verb of saying that is not
    negated, or None."""
    acts = speech_acts(sentence, language)
    parsed = parse(sentence, language)
    if not acts or parsed is None:
        return None
    for act in acts:
        if act.negated or act.speaker_span is None:
            continue
        for entity in parsed.entities:
            if entity.label in _SPEAKER_LABELS and _overlaps(
                act.speaker_span, (entity.start, entity.end)
            ):
                return entity.text
    return None
