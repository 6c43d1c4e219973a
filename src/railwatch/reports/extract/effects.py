"""What an incident did to traffic, from the words a report uses.

Effects: blocked_both (stopped on both tracks or in both directions), blocked_one (one
track or direction, traffic on the adjacent track, one track reopened), suspended (stopped
or closed with no word of tracks: "traffic was halted"), reduced, delayed, resumed
(reopened), none (the text says traffic was not affected).

An incident's effect is the LAST state the report tells (``last_effect``): "halted, then
reopened" is resumed, "halted, one track reopened" is blocked_one. Text order is story
order except where the story plainly is not: delays told beside a closure are its
consequence, and a closure or delay told after the reopening without a word of later time
("again", "later", "by the evening") is background or aftermath, not a newer state.
"""

import re
from dataclasses import dataclass

from railwatch.reports.lexicon import LANGUAGES, alternation, lexicon

EFFECT_ORDER = ["blocked_both", "blocked_one", "suspended", "reduced", "delayed", "resumed"]
_CLOSED = {"blocked_both", "suspended"}  # traffic stopped
_PARTIAL = {"blocked_one", "reduced"}  # traffic moving, on less of the line


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
    "|".join(
        p
        for language in LANGUAGES
        for key in ("no_effect_patterns", "unchanged_patterns")
        for p in lexicon(language)[key]
    ),
    re.IGNORECASE,
)
# lexicon/{en,ru}.yaml "unchanged_patterns": traffic told as unchanged, a "not affected"
_UNCHANGED = alternation("unchanged_patterns")
# lexicon/{en,ru}.yaml: "no_delay_patterns", "partial_reopening_patterns",
# "restoring_patterns", "restoring_traffic_patterns" and "later_patterns"
_NO_DELAY = alternation("no_delay_patterns")
_PARTIAL_REOPENING = alternation("partial_reopening_patterns")
_RESTORING = alternation("restoring_patterns")
_RESTORING_TRAFFIC = alternation("restoring_traffic_patterns")
_LATER = alternation("later_patterns")
# lexicon/{en,ru}.yaml "bounded_closure_patterns": a closure told with its end
_BOUNDED = alternation("bounded_closure_patterns")
# "effect_hedge_patterns": a closure told as a guess ("the line may be closed")
_HEDGED = alternation("effect_hedge_patterns")
# how many characters before a closure a hedge may stand
_HEDGE_REACH = 60
# lexicon/{en,ru}.yaml: "full_reopening_patterns", "passenger_only_patterns",
# "whole_traffic_patterns", "both_ways_patterns"
_FULL_REOPENING = alternation("full_reopening_patterns")
_PASSENGER = alternation("passenger_only_patterns")
_BOTH_WAYS = alternation("both_ways_patterns")
_WHOLE_TRAFFIC = alternation("whole_traffic_patterns")
# lexicon/{en,ru}.yaml "supply_delay_patterns": deliveries delayed, not trains
_SUPPLY_DELAY = alternation("supply_delay_patterns")
# "passenger_journey_patterns": passengers who "resumed their journey" on another train or
# by bus tell no state of the line
_JOURNEY = alternation("passenger_journey_patterns")
# "consequence_patterns": "halted, causing delays": the delays are the closure's consequence
_CONSEQUENCE = alternation("consequence_patterns")
# "not_running_patterns": "trains are not running" is a stop told through a negation
_NOT_RUNNING = alternation("not_running_patterns")
# "задержаны по подозрению", "полиция задержала": people detained, not trains delayed; a
# Russian "задерж-" delay needs a train or traffic word in the sentence and no arrest words
_DETENTION = re.compile(
    r"(?<!\w)(?:задержал[аио]?(?!\w)|задержани\w+|задержанн\w+\s+(?:признал|дал|сознал|рассказал)\w*)|"
    r"по\s+подозрени\w+",
    re.IGNORECASE,
)
_NEGATION_INSIDE = re.compile(r"(?<!\w)(?:не|not|never|no)\s", re.IGNORECASE)
_TRAIN_WORD = re.compile(
    r"(?<!\w)(?:поезд\w*|состав\w*|электрич\w*|рейс\w*|движени\w*)", re.IGNORECASE
)
_HALTED = re.compile(
    r"halt\w*|stopp\w+|closed|blocked|suspend\w+|остановлен\w*|прекращен\w*|закрыт\w*|перекрыт\w*|"
    r"прерван\w*|приостановлен\w*",
    re.IGNORECASE,
)
_NEGATED_BLOCK = re.compile(
    r"\b(?:not|never|не)\s+(?:been\s+|был\w*\s+)?(?:\w+\s+)?$", re.IGNORECASE
)


# "the driver has been suspended": a person taken off duty, not a train service
_PERSON_SUSPENDED = re.compile(
    r"\b(?:driver|assistant|crew|staff|employees?|workers?|officials?|he|she|машинист\w*|"
    r"помощник\w*|сотрудник\w*)\b(?:\s+\w+){0,5}\s+(?:\w+\s+)?suspended|"
    r"(?:отстран\w+)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class EffectMention:
    """One state of traffic a sentence tells, where in the sentence, and whether the
    sentence marks it as later than what was told before."""

    kind: str
    position: int
    later: bool = False
    # "traffic restored on one track": a reopening told more exactly, not a past closure
    partial_reopening: bool = False
    # "fully reopened", "restored on both tracks": no later "one track open" narrows it
    complete: bool = False
    # "running normally, the schedule unchanged": a reopening after a stop, else "not
    # affected" (a normal working told alone after a derailment is its reopening)
    normal: bool = False
    # "suspended until 7 a.m.": a closure told with its end, so the delays after it are later
    bounded: bool = False


def _inside(spans: list[tuple[int, int]], position: int) -> bool:
    return any(start <= position < end for start, end in spans)


def effect_mentions(sentence: str) -> list[EffectMention]:
    """The states of traffic one sentence tells, in the order it tells them."""
    first: dict[str, int] = {}
    no_delay = [m.span() for m in _NO_DELAY.finditer(sentence)]
    restoring = [m.span() for m in _RESTORING.finditer(sentence)]
    journey = [m.span() for m in _JOURNEY.finditer(sentence)]
    for span in [m.span() for m in _NO_EFFECT.finditer(sentence)] + no_delay:
        if not _passenger_only(sentence, span):
            first["none"] = min(first.get("none", span[0]), span[0])
    for kind, pattern in EFFECT_PATTERNS.items():
        for match in pattern.finditer(sentence):
            if _not_a_state(kind, match, sentence):
                continue
            if kind == "delayed" and (
                _inside(no_delay, match.start())
                or _detained(sentence, match.group(0))
                or _SUPPLY_DELAY.search(sentence)
            ):
                continue
            if _inside(journey, match.start()):
                continue  # the passengers moved on, not the trains of the line
            if kind == "resumed" and any(
                start < match.end() and match.start() < end for start, end in restoring
            ):
                # "work to restore traffic", "traffic will be restored soon" (the future
                # may follow the subject): not reopened yet
                continue
            first[kind] = match.start()
            break
    not_running = _NOT_RUNNING.search(sentence)
    if not_running:
        first.setdefault("suspended", not_running.start())
    if "resumed" not in first:
        # "measures are being taken to restore traffic": traffic is stopped now
        for match in _RESTORING_TRAFFIC.finditer(sentence):
            if _inside(restoring, match.start()):
                first.setdefault("suspended", match.start())
                break
    partial = _PARTIAL_REOPENING.search(sentence)
    reopened_partly = bool(partial and not _inside(restoring, partial.start()))
    if partial and reopened_partly:
        first.pop("resumed", None)  # one track open, the other not: not a full reopening
        first["blocked_one"] = partial.start()
    found = _resolve(set(first), sentence)
    later = bool(_LATER.search(sentence))
    bounded = bool(_BOUNDED.search(sentence))
    # a kind the rules above put in place of another sits where that one was found
    fallback = min(first.values(), default=0)
    return sorted(
        (
            EffectMention(
                kind,
                first.get(kind, fallback),
                later and not (kind == "delayed" and _consequence(sentence, first, bounded)),
                partial_reopening=reopened_partly and kind == "blocked_one",
                complete=kind == "resumed" and bool(_FULL_REOPENING.search(sentence)),
                normal=kind == "resumed" and bool(_UNCHANGED.search(sentence)),
                bounded=kind in _CLOSED and bounded,
            )
            for kind in found
        ),
        key=lambda m: m.position,
    )


def _consequence(sentence: str, first: dict[str, int], bounded: bool) -> bool:
    """Whether the sentence's delays follow a closure it told before them through words of
    consequence ("halted, so trains are late"): then they are that closure's doing, not a
    state after it, though the sentence tells the present. A closure told with its end is
    over, so its delays are newer."""
    closed = [first[k] for k in ("blocked_both", "suspended") if k in first]
    if bounded or not closed or "delayed" not in first:
        return False
    start, end = min(closed), first["delayed"]
    return start < end and bool(_CONSEQUENCE.search(sentence, start, end))


def _not_a_state(kind: str, match: re.Match[str], sentence: str) -> bool:
    """Whether an effect's words are negated, about a person, or a guess, not a state."""
    if kind != "resumed" and _NEGATED_BLOCK.search(
        sentence[max(0, match.start() - 20) : match.start()]
    ):
        return True
    if kind == "suspended" and _PERSON_SUSPENDED.search(sentence):
        return True
    if kind in _CLOSED and _NEGATION_INSIDE.search(match.group(0)):
        return True  # "движение не прерывалось": the negation sits inside the phrase
    # "the line may be closed": a guess, not a state
    return kind in _CLOSED | _PARTIAL and bool(
        _HEDGED.search(sentence[max(0, match.start() - _HEDGE_REACH) : match.end()])
    )


# how far from a "not affected" the words naming the trains it is about may stand
_SUBJECT_REACH = 40


def _passenger_only(sentence: str, span: tuple[int, int]) -> bool:
    """A "not affected" told of passenger trains alone ("no passenger train was delayed"):
    it says nothing of the line, which may still be shut to freight."""
    near = sentence[max(0, span[0] - _SUBJECT_REACH) : span[1] + _SUBJECT_REACH]
    return bool(_PASSENGER.search(near)) and not _WHOLE_TRAFFIC.search(near)


def _detained(sentence: str, word: str) -> bool:
    """A Russian "задерж-" word that is about people detained, not trains held."""
    if not word.lower().startswith("задерж"):
        return False
    return bool(_DETENTION.search(sentence)) or not _TRAIN_WORD.search(sentence)


def sentence_effects(sentence: str) -> set[str]:
    """Effects a single sentence states (may be several: "halted, then resumed")."""
    return {m.kind for m in effect_mentions(sentence)}


def _resolve(found: set[str], sentence: str) -> set[str]:
    """The sentence's effects after the rules that relate them to each other."""
    if "blocked_both" in found and not _BOTH_WAYS.search(sentence):
        found = found - {"blocked_both"}
        if "blocked_one" not in found:
            # a stop with no word of both tracks or directions ("traffic was halted", a
            # single-track line closed) tells no detail on tracks: suspended
            found |= {"suspended"}
    # "traffic restored on both tracks" is about reopening, not closing
    if "resumed" in found and not _HALTED.search(sentence):
        found -= {"blocked_both", "blocked_one"}
    return found


def last_effect(mentions: list[EffectMention]) -> str | None:
    """The last state of traffic a report tells about one incident, from its effect
    mentions in text order; "none" only when the text says nothing but "not affected"."""
    state: str | None = None
    complete = False  # the reopening told so far was told as full
    bounded = False  # the closure told so far was told with its end
    for mention in mentions:
        if mention.normal and state in (None, "none"):
            state = "none"  # "operating normally" with no stop told before: not affected
            continue
        if bounded and state in _CLOSED and mention.kind == "delayed":
            state, bounded = "delayed", False  # the closure is over; the delays are now
            continue
        if state == "resumed" and mention.partial_reopening and not complete:
            # a headline's "traffic reopened" told more exactly below: on one track only
            state = "blocked_one"
            continue
        before = state
        state = _next_state(state, mention.kind, mention.later)
        if state != before:
            bounded = mention.bounded
        if state == "resumed":
            complete = mention.complete if before != "resumed" else complete or mention.complete
    return state


def _next_state(state: str | None, kind: str, later: bool) -> str:
    if state is None or state == "none":
        return kind
    if kind == "none" or kind == state:
        return state  # "passenger trains were not affected" beside a closure adds nothing
    if later:
        return kind  # "later", "again", "by the evening": the story moved on
    if state == "resumed":
        return state  # told after the reopening with no time word: background, aftermath
    if kind == "resumed" or state == "delayed":
        return kind
    if kind == "delayed":
        return state  # delays are what a closure or a one-track working causes
    if state in _CLOSED and kind in _CLOSED:
        # both say stopped; "both tracks" is the more precise
        return "blocked_both" if "blocked_both" in (state, kind) else "suspended"
    if state == "blocked_one" and kind in _CLOSED:
        return state  # the stop told after the one-track working is how it began
    # a restriction, then a stop ("restricted, then suspended"): the story moved on
    return kind


def strongest_effect(effects: set[str]) -> str | None:
    """The most severe effect stated; None when no effect (or only "no effect") is stated."""
    for kind in EFFECT_ORDER:
        if kind in effects:
            return kind
    return None
