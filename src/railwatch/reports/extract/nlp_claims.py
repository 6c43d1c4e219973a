"""Claims checked against sentence structure (the dependency parse of ``nlp``).

The rule matcher in ``claims`` finds a claimant and a cause by words; the parse then decides:

- a claimant whose only verb of saying is negated ("has not commented on the causes",
  "не подтвердили") attributes nothing: such a claim is dropped unless it is a denial;
- a sentence that does not refer to a rail incident at all (air defence, rockets on an air
  base) gives no claim about this incident's cause;
- a sentence that makes the cause hypothetical ("If the blast proves sabotage, ...") or
  leaves it an open question ("Asked whether ...", "too early to say") claims nothing, and a cause named only after words that withhold speech ("declining to
  speculate on whether a drone was to blame") is not claimed;
- a sentence that speaks in general ("has repeatedly blamed", "неоднократно") makes no claim
  about this incident;
- a party that is the object of a verb of saying ("Moscow blamed Kyiv") is talked about: the
  verb's subject speaks;
- a sentence whose only verbs of saying are passive with no agent ("it was reported that",
  "сообщалось, что") names no speaker: a party it names is talked about, not speaking;
- when the claimant table knows no one in a sentence that states a cause, the subject of a
  verb of saying speaks if it is a named organisation or person (NER), a proper name, or a
  noun that names a body that can speak (lexicon ``speaker_nouns``: union, ministry, ...);
  such a claimant is kept as the text names it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from railwatch.reports.extract.claims import (
    CITING,
    GENERIC_CLAIMANTS,
    VAGUE_CLAIMANTS,
    claimant_in,
    find_causes,
    has_speech,
    named_party,
    relayed,
)
from railwatch.reports.extract.nlp import SpeechAct, parse, speech_acts
from railwatch.reports.lexicon import words
from railwatch.reports.model import Claim

# entity labels that can speak (natasha: ORG, PER; spaCy: ORG, PERSON, NORP)
_SPEAKER_LABELS = {"ORG", "PER", "PERSON", "NORP"}
_WORD = re.compile(r"[\w/]+", re.UNICODE)


def speaks_in_general(sentence: str, language: str, acts: list[SpeechAct] | None = None) -> bool:
    """The sentence tells a habit or a series ("has repeatedly blamed", "неоднократно"),
    not a claim about one incident (lexicon ``generic_markers``). A marker inside who speaks
    ("a channel that often publishes ... said") describes the speaker, not the claim."""
    if language not in ("en", "ru"):
        return False
    text = sentence.lower()
    speakers = [a.speaker_span for a in acts or [] if a.speaker_span]
    for marker in words(language, "generic_markers"):
        for match in re.finditer(rf"(?<!\w){re.escape(marker)}(?!\w)", text):
            if not any(_overlaps(span, match.span()) for span in speakers):
                return True
    return False


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


@cache
def _pattern(language: str, key: str) -> re.Pattern[str]:
    """One case-insensitive pattern of a lexicon list of regular expressions."""
    return re.compile("|".join(f"(?:{p})" for p in words(language, key)), re.IGNORECASE)


def _withheld(claim: Claim, sentence: str, language: str) -> bool:
    """The claim's cause is named only after words that withhold speech ("declining to
    speculate on whether a drone was to blame"; lexicon ``withheld_speech``)."""
    marker = _pattern(language, "withheld_speech").search(sentence)
    if marker is None or claim.stance == "denies":
        return False
    return claim.cause not in find_causes(sentence[: marker.start()])


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
    if _pattern(language, "hypothetical_markers").search(sentence) or _pattern(
        language, "open_question_markers"
    ).search(sentence):
        # "If it proves sabotage, ...", "Asked whether a drone was to blame, ...": nothing
        # is claimed, though a denial still denies
        return [c for c in claims if c.stance == "denies"]
    claims = [c for c in claims if not _withheld(c, sentence, language)]
    acts = speech_acts(sentence, language)
    if speaks_in_general(sentence, language, acts):
        return []
    if acts is None:
        return claims
    if not acts:
        return claims
    spoken = [_true_speaker(c, sentence, language, acts) for c in claims]
    claims = [c for c in spoken if c is not None]
    if names_no_speaker(acts):
        # "it was reported that ... at Russian Railways depots": the party the words name is
        # talked about; no one is named as saying it
        claims = [c for c in claims if c.stance == "denies" or _claimant_span(c, sentence) is None]
    if not _has_negation(sentence, language):
        return claims  # no word of negation: no verb of saying can be negated
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


def names_no_speaker(acts: list[SpeechAct] | None) -> bool:
    """Every verb of saying of the sentence is passive with no agent ("it was reported",
    "have been reported since ...", "сообщалось"): the sentence names no one who speaks."""
    return bool(acts) and all(a.passive and a.speaker_span is None for a in acts or [])


# the complementiser that opens what is said: a party named after it is talked about
_THAT = re.compile(r"\b(?:that)\b|(?<!\w)что(?!\w)", re.IGNORECASE)


def _claimant_span(claim: Claim, sentence: str) -> tuple[int, int] | None:
    words_ = claim.claimant_text or claim.claimant
    at = sentence.lower().find(words_.lower())
    return (at, at + len(words_)) if at >= 0 else None


def _true_speaker(
    claim: Claim, sentence: str, language: str, acts: list[SpeechAct]
) -> Claim | None:
    """The claimant the rule matcher found may sit inside what is said ("Putin said Kyiv's
    actions are terrorism": Kyiv is talked about, Putin speaks). When the parse gives every
    verb of saying a subject, none of them is the matched claimant, and the claimant comes
    after "that", the first subject speaks if it can be named (``_speaker_name``); if it
    cannot ("they said that ..."), the claim is dropped. A claimant that is the object
    of the verb ("Moscow blamed Kyiv") is talked about: the subject speaks, or no one."""
    span = _claimant_span(claim, sentence)
    blame = words(language, "blame_lemmas")
    for act in acts:
        if span is None or act.object_span is None or act.negated:
            continue
        if not act.lemma.startswith(tuple(blame)):
            continue  # "citing a source": the object of other verbs may be who speaks
        if not _overlaps(act.object_span, span) or (
            act.speaker_span and _overlaps(act.speaker_span, span)
        ):
            continue
        name = _speaker_name(act, sentence, language)
        if name is None:
            return None
        return replace(claim, claimant=name, claimant_text=name)
    if span is not None and any(
        a.object_span and _overlaps(a.object_span, span) for a in acts if _is_citing(a)
    ):
        return claim  # "X, citing the SBU, said ...": the one cited speaks, X relays
    # "X, citing his own sources, said that ...": the citing participle shares the subject of
    # the verb it hangs on, so it is not a verb of saying without a subject
    acts = [a for a in acts if not (_is_citing(a) and a.speaker_span is None)] or acts
    with_subject = [a for a in acts if a.speaker_span and not a.negated]
    if span is None or not with_subject or len(with_subject) != len(acts):
        return claim
    if any(a.speaker_span and _overlaps(a.speaker_span, span) for a in with_subject):
        return claim
    act = with_subject[0]
    assert act.speaker_span is not None  # with_subject keeps acts that have a subject
    if act.speaker_span[1] > span[0]:
        return claim  # the claimant comes first ("Kyiv, Putin said, ..."): leave it
    if not _THAT.search(sentence[act.speaker_span[1] : span[0]]):
        return claim  # "X reports, citing Y": Y is cited, not talked about
    if parse(sentence, language) is None:
        return claim
    name = _speaker_name(act, sentence, language)
    if name is None:
        return None  # "they said that ... the SBU ...": the one who speaks is not named
    return replace(claim, claimant=name, claimant_text=name)


def _is_citing(act: SpeechAct) -> bool:
    """The act is a citing participle ("citing", "quoting", "ссылаясь на"; lexicon
    ``claim_patterns.citing``)."""
    return bool(CITING.match(act.verb.strip()))


def speaker_of(sentence: str, language: str) -> str | None:
    """Who is the subject of a verb of saying that is not negated, as the text names it: a
    named organisation or person (NER), a proper name, or a noun of the lexicon's
    ``speaker_nouns`` ("the rail workers' union"); None when no subject can speak."""
    acts = speech_acts(sentence, language)
    if not acts:
        return None
    for act in acts:
        if act.negated or act.speaker_span is None:
            continue
        name = _speaker_name(act, sentence, language)
        if name:
            return name
    return None


def earlier_speaker(sentences: list[str], language: str) -> tuple[str, str] | None:
    """(claimant, words naming it) of the party named last in `sentences` (the ones before
    a sentence that refers back to it): a party of the claimant table, else the named
    subject of a verb of saying; None when the sentences name no one who can speak."""
    for sentence in reversed(sentences):
        found = claimant_in(sentence)
        if found and found[0] not in GENERIC_CLAIMANTS:
            return found
        if found and found[0] == "source" and has_speech(sentence):
            return found  # "..., the channel quoted a source. According to him, ...": the source
        # "Update: TV channel 112 published photos": a heading label is not part of the
        # clause, and any verb of saying of the parse names a speaker
        sentence = _LABEL.sub("", sentence)
        if has_speech(sentence) or _SAYING_NOUN.search(sentence) or speech_acts(sentence, language):
            name = speaker_of(sentence, language)
            if name:
                return name, name
    return None


def first_teller(sentences: list[str], language: str) -> tuple[str, str] | None:
    """(claimant, words naming it) of the first party of the claimant table that reports in
    `sentences` ("Russian Railways reported via its Telegram channel that ..."): named, not
    a vague or generic voice, with a verb of saying that is not negated, not only the
    source of some detail ("according to the railway, ..."; lexicon ``source_phrases``), in a
    sentence about the railway or the incident. None when the first such party only withholds
    ("has not commented") or no one reports."""
    for sentence in sentences:
        found = claimant_in(sentence)
        if not found or found[0] in GENERIC_CLAIMANTS | VAGUE_CLAIMANTS or not has_speech(sentence):
            continue
        if not refers_to_event(sentence, language):
            continue  # "HUR said rockets hit an air base": it reports on something else
        at = sentence.lower().find(found[1].lower())
        before = sentence[max(0, at - 30) : at] + found[1]
        if at >= 0 and _pattern(language, "source_phrases").search(before):
            continue  # "по данным магистрали, поезда задерживаются": a source of figures
        acts = speech_acts(sentence, language)
        if names_no_speaker(acts):
            continue  # "it was reported that ... at the railway's depots": no one speaks
        if acts and all(a.negated for a in acts):
            return None  # the first to speak says nothing of the cause
        return found
    return None


_CHANNEL = "Telegram channel"
# the plural of the generic noun: channels at large, not one channel named elsewhere
_CHANNELS_AT_LARGE = re.compile(r"channels|каналы|каналов|каналах", re.IGNORECASE)


@cache
def _backward_attribution(language: str) -> re.Pattern[str]:
    return re.compile("|".join(words(language, "backward_attribution")), re.IGNORECASE)


def teller_of_previous(sentence: str, language: str) -> tuple[str, str] | None:
    """(claimant, words naming it) when the sentence attributes the one before it ("Об этом
    сообщил губернатор", "This was reported by Russian Railways"; lexicon
    ``backward_attribution``): a party of the claimant table, else the named subject of its
    verb of saying. None when the sentence does not point back or names no one."""
    if language not in ("en", "ru"):
        return None
    if not _backward_attribution(language).search(sentence.strip()):
        return None
    found = claimant_in(sentence)
    if found and found[0] == _CHANNEL and _CHANNELS_AT_LARGE.search(found[1]):
        return found  # "Об этом сообщают телеграм-каналы": the channels at large tell it
    if found and found[0] not in GENERIC_CLAIMANTS:
        # "an agency reported it, citing the railway's press office": the outlet relays, the
        # party it cites tells
        return relayed(found[0], found[1], sentence)
    name = speaker_of(sentence, language)
    if name:
        return name, name
    # "Об этом в своём телеграм-канале сообщил губернатор": the channel is the governor's
    return named_party(sentence)


# a one- or two-word heading label that opens a paragraph ("Update:", "Подробности:")
_LABEL = re.compile(r"^\s*\w+(?:\s\w+)?:\s+")
# "Governor Ivan Petrov commented on the derailment": a verb of commenting names a speaker
_SAYING_NOUN = re.compile(r"comment\w*|прокомментир\w*|коммент\w*", re.IGNORECASE)
_DETERMINER = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"^(?:its|their|his|her|его|её|ее|их)\b", re.IGNORECASE)


def _speaker_name(act: SpeechAct, sentence: str, language: str) -> str | None:
    """The words naming the subject of a verb of saying when it can speak, else None."""
    parsed = parse(sentence, language)
    if parsed is None or act.speaker_span is None:
        return None
    head = parsed.tokens[act.speaker_head] if act.speaker_head is not None else None
    nouns = tuple(words(language, "speaker_nouns"))
    for entity in parsed.entities:
        if entity.label in _SPEAKER_LABELS and _overlaps(
            act.speaker_span, (entity.start, entity.end)
        ):
            if (
                head is not None
                and entity.end <= head.start
                and (
                    entity.label == "NORP" or (head.pos == "NOUN" and head.lemma.startswith(nouns))
                )
            ):
                continue  # "a Ukrainian partisan group": the entity only qualifies the speaker
            return entity.text
    if head is None:
        return None
    if head.pos == "PROPN" or (head.pos == "NOUN" and head.lemma.startswith(nouns)):
        # the subject up to its head noun: "the rail workers' union" (not what follows it)
        start = act.speaker_span[0]
        end = head.start + len(head.text)
        name = _DETERMINER.sub("", sentence[start:end]).strip()
        if _POSSESSIVE.match(name):
            return None  # "its press office": the party named before speaks
        if head.pos == "NOUN" and name == head.text:
            return None  # "the agency said": a bare noun points back at someone named before
        return name or None
    return None
