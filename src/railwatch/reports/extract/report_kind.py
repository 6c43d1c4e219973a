"""Whether a report tells an incident that happened, and whether one trigger does.

A report that mentions a blast is not always news of one: a court sentencing someone for an
old arson, an arrest for a plot that was foiled, satellite images of trains crossing a
border. What decides is the report's main frame, told in its headline and lead: the main
clause of those sentences (the root of the dependency parse and what hangs on it without a
subordinate clause between). "A court jailed two men for arson" is a court report; "a train
derailed a week after a court jailed two men" is an incident report that mentions a court.
A court or foiled frame gives way only when the lead also tells a fresh, dated event.

One trigger is framed when a word above it in the parse is a court or an irrealis word:
"sentenced for blowing up a line", "was preparing to blow up a bridge", "готовил подрыв".
The words are in lexicon/{en,ru}.yaml (court_lemmas, irrealis_lemmas, foiled_lemmas,
arrest_lemmas, observation_patterns). Without a parser the whole sentence counts as its main
clause and triggers are not framed (the rules in ``triggers`` still apply).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from railwatch.reports.extract.morph import lemma_tokens, lemmatize_word
from railwatch.reports.extract.nlp import Parse, parse
from railwatch.reports.extract.triggers import Trigger, find_triggers, is_hypothetical, is_negated
from railwatch.reports.lexicon import lexicon

INCIDENT = "incident"
# an arrest for a deed the lead tells only as its grounds ("detained on suspicion of arson",
# "detained a teenager who set fire to a relay cabinet"): news of the arrest, not of a deed
ARREST = "arrest"
# dependency labels (spaCy's ClearNLP and Universal Dependencies) that open a subordinate
# clause: what sits below one is background to the main clause, not its frame
_SUBORDINATE = {"advcl", "acl", "relcl", "acl:relcl", "csubj", "ccomp", "parataxis", "appos"}
LEAD_SENTENCES = 3  # the headline and the first sentences of the body
_MIN_WORDS = 3  # shorter lines (rubrics, photo credits) frame nothing


@cache
def _words(language: str, key: str) -> frozenset[str]:
    return frozenset(lexicon(language)[key])


@cache
def _observation(language: str) -> re.Pattern[str]:
    return re.compile("|".join(lexicon(language)["observation_patterns"]), re.IGNORECASE)


def _lemma(parsed: Parse, index: int) -> str:
    token = parsed.tokens[index]
    return lemmatize_word(token.text) if parsed.language == "ru" else token.lemma


def _is_speech_verb(parsed: Parse, index: int) -> bool:
    lemma = _lemma(parsed, index)
    speech = _words(parsed.language, "speech_lemmas")
    # Russian speech lemmas are stems ("сообщ" for сообщить, сообщила)
    return lemma in speech if parsed.language == "en" else lemma.startswith(tuple(speech))


def _main_clause(parsed: Parse) -> set[int]:
    """Tokens whose path to the root crosses no subordinate clause. What a speaker says is
    the main clause too: in "the FSB said it had arrested a man" the news is the arrest."""
    main = set()
    for index in range(len(parsed.tokens)):
        current, seen = index, set()
        while current not in seen:
            seen.add(current)
            token = parsed.tokens[current]
            dep = token.dep.lower()
            if dep in _SUBORDINATE and not (dep == "ccomp" and _is_speech_verb(parsed, token.head)):
                break
            if token.head == current:
                main.add(index)
                break
            current = token.head
    return main


_FRAME_KEYS = (
    "court_lemmas",
    "irrealis_lemmas",
    "foiled_lemmas",
    "arrest_lemmas",
    "custody_lemmas",
)
# the clause that tells who someone is: "detained a teenager who set fire to a cabinet"
_RELATIVE = {"relcl", "acl:relcl"}


@cache
def _frame_words(language: str) -> frozenset[str]:
    return frozenset().union(*(_words(language, key) for key in _FRAME_KEYS))


@cache
def _english_stems() -> re.Pattern[str]:
    # "sentence" -> "sentenc": catches "sentenced"; irregular forms are listed as lemmas
    stems = sorted({w[:-1] if len(w) > 4 else w for w in _frame_words("en")}, key=len)
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, stems))})", re.IGNORECASE)


def _without_frame_words(sentence: str, language: str) -> bool:
    """A sentence with no word that could frame anything needs no parse (parsing is the
    costly step: Russian by pymorphy3 lemmas, English by stems of the lemmas)."""
    if language == "ru":
        return not _frame_words(language) & set(lemma_tokens(sentence))
    return not _english_stems().search(sentence)


def _lemmas_of(sentence: str, language: str) -> tuple[set[str], set[str]]:
    """(lemmas of the main clause, lemmas of the whole sentence)."""
    parsed = None if _without_frame_words(sentence, language) else parse(sentence, language)
    if parsed is None:
        every = set(lemma_tokens(sentence))
        return every, every
    every = {_lemma(parsed, i) for i in range(len(parsed.tokens))}
    return {_lemma(parsed, i) for i in _main_clause(parsed)}, every


def _trigger_in_parse(sentence: str, trigger: Trigger, language: str) -> tuple[Parse, int] | None:
    """The sentence's parse and the token of its trigger; None when either is missing."""
    parsed = parse(sentence, language)
    if parsed is None:
        return None
    at = _token_at(parsed, trigger.position)
    return None if at is None else (parsed, at)


def trigger_frame(sentence: str, trigger: Trigger, language: str) -> str | None:
    """ "court" or "irrealis" when a word governing the trigger (or an attribute of it such
    as "attempted") is one; None otherwise or when the sentence cannot be parsed."""
    if language not in ("en", "ru") or _without_frame_words(sentence, language):
        return None
    found = _trigger_in_parse(sentence, trigger, language)
    if found is None:
        return None
    parsed, at = found
    court, irrealis = _words(language, "court_lemmas"), _words(language, "irrealis_lemmas")
    # "attempted arson", "попытка поджога": the trigger's own modifiers
    for child in parsed.children(at):
        if parsed.tokens[child].dep in ("amod", "compound") and (
            _lemma(parsed, child) in irrealis or parsed.tokens[child].text.lower() in irrealis
        ):
            return "irrealis"
    current, seen = at, {at}
    while True:
        token = parsed.tokens[current]
        head = token.head
        if head == current or head in seen:
            return None
        seen.add(head)
        # a conjunct is coordinated with its head, not governed by it: look further up
        if token.dep != "conj":
            lemma = _lemma(parsed, head)
            if lemma in court:
                return "court"
            if lemma in irrealis:
                return "irrealis"
        current = head


def arrest_grounds(sentence: str, trigger: Trigger, language: str) -> bool:
    """The trigger is only the grounds of an arrest: "arrested for railway sabotage",
    "detained on suspicion of arson", "задержали за поджог", "задержан по подозрению в
    подрыве". A deed known only as what someone is held for tells no dated incident."""
    if language not in ("en", "ru"):
        return False
    found = _trigger_in_parse(sentence, trigger, language)
    if found is None:
        return False
    parsed, at = found
    grounds = _words(language, "arrest_grounds")
    current, seen, grounded = at, {at}, False
    while True:
        # "за поджог": in Universal Dependencies the preposition hangs below its noun
        grounded = grounded or any(
            parsed.tokens[k].dep == "case" and parsed.tokens[k].text.lower() in grounds
            for k in parsed.children(current)
        )
        # "detained a teenager who set fire to ...": the deed tells who was held
        grounded = grounded or parsed.tokens[current].dep.lower() in _RELATIVE
        head = parsed.tokens[current].head
        if head == current or head in seen:
            return False
        seen.add(head)
        lemma = _lemma(parsed, head)
        if _is_arrest(parsed, head):
            return grounded
        grounded = grounded or lemma in grounds or parsed.tokens[head].text.lower() in grounds
        current = head


def _is_arrest(parsed: Parse, index: int) -> bool:
    """An arrest verb, or a verb held by a custody noun ("заключён под стражу", "taken into
    custody": the noun hangs below the verb, in English below its preposition)."""
    language = parsed.language
    if _lemma(parsed, index) in _words(language, "arrest_lemmas"):
        return True
    custody = _words(language, "custody_lemmas")
    near = list(parsed.children(index))
    near += [g for c in near for g in parsed.children(c)]
    return any(_lemma(parsed, k) in custody for k in near)


def _token_at(parsed: Parse, position: int) -> int | None:
    return next(
        (
            i
            for i, t in enumerate(parsed.tokens)
            if t.start <= position < t.start + max(1, len(t.text))
        ),
        None,
    )


def _is_event(sentence: str, language: str, arrest_counts: bool = True) -> bool:
    """The sentence tells an incident as having happened: a trigger that is not negated,
    hypothetical or framed by a court or a plan (nor, unless `arrest_counts`, only the
    grounds of an arrest)."""
    return any(
        not is_negated(sentence, t)
        and not is_hypothetical(sentence, t)
        and trigger_frame(sentence, t, language) is None
        and (arrest_counts or not arrest_grounds(sentence, t, language))
        for t in find_triggers(sentence, language)
    )


def lead_indices(sentences: Sequence[str]) -> list[int]:
    """The headline and lead: the first LEAD_SENTENCES sentences of a few words or more."""
    out = []
    for index, text in enumerate(sentences):
        if len(text.split()) >= _MIN_WORDS:
            out.append(index)
            if len(out) == LEAD_SENTENCES:
                break
    return out


def report_kind(sentences: Sequence[str], language: str, fresh: Sequence[bool] = ()) -> str:
    """ "incident", or the frame of a report that tells none: "court" (a verdict or
    sentence), "foiled" (a plot stopped, an arrest for a plan), "observation" (trains seen
    on satellite images), or ARREST (an arrest or custody for a deed told only as its
    grounds: news of the arrest, not of the deed, even where it names the deed's place).

    `sentences` are the report's sentences in order; `fresh[i]` says sentence i carries a
    date within days of publication (a lead that tells a fresh event is an incident report
    whatever else it mentions)."""
    language = language if language in ("en", "ru") else "en"
    court = _words(language, "court_lemmas")
    foiled = _words(language, "foiled_lemmas")
    arrest = _words(language, "arrest_lemmas") | _words(language, "custody_lemmas")
    irrealis = _words(language, "irrealis_lemmas")
    frames: set[str] = set()
    arrested = triggered = told = fresh_event = grounds = planned = False
    for index in lead_indices(sentences):
        text = sentences[index]
        main, every = _lemmas_of(text, language)
        if main & court:
            frames.add("court")
        if main & foiled:
            frames.add("foiled")
        if main & arrest:
            arrested = True
            # "detained a man for planning an attack": the plan may name no deed word
            planned = planned or bool(every & irrealis)
        if _observation(language).search(text) and not told and not _is_event(text, language):
            frames.add("observation")  # trains seen before any incident is told
        if find_triggers(text, language):
            triggered = True
            is_fresh = index < len(fresh) and fresh[index]
            # a deed that is only what someone was arrested for is not told as an event,
            # nor is its retelling later in the lead ("he set fire to it with petrol")
            held = grounds or (arrested and planned)
            if _is_event(text, language, arrest_counts=False) and (is_fresh or not held):
                told = True
                fresh_event = fresh_event or is_fresh
            elif _is_event(text, language):
                grounds = True
    if fresh_event:
        return INCIDENT
    for frame in ("court", "foiled"):
        if frame in frames:
            return frame
    if arrested and planned and not told:
        return "foiled"
    if arrested and triggered and not told:
        # held for a deed the lead tells only as the grounds of the arrest, or for what
        # they were going to do
        return ARREST if grounds else "foiled"
    if "observation" in frames:
        return "observation"
    return INCIDENT
