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
arrest_lemmas, observation_patterns, court_stage_patterns, statistics_patterns: a lead that
counts events, "143 accidents at crossings in 2025", tells none of them). Without a parser
the whole sentence counts as its main clause and triggers are not framed (the rules in
``triggers`` still apply).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from railwatch.reports.extract.morph import lemma_tokens, lemmatize_word
from railwatch.reports.extract.nlp import Parse, parse
from railwatch.reports.extract.triggers import Trigger, find_triggers, is_hypothetical, is_negated
from railwatch.reports.lexicon import lexicon
from railwatch.reports.place.places_text import names_the_site

INCIDENT = "incident"
# an arrest for a deed the lead tells only as its grounds ("detained on suspicion of arson",
# "detained a teenager who set fire to a relay cabinet"): news of the arrest, not of a deed
ARREST = "arrest"
# a deed told only as what investigators believe suspects did: news of the case
ACCUSED = "accused"
# dependency labels (spaCy's ClearNLP and Universal Dependencies) that open a subordinate
# clause: what sits below one is background to the main clause, not its frame
_SUBORDINATE = {"advcl", "acl", "relcl", "acl:relcl", "csubj", "ccomp", "parataxis", "appos"}
LEAD_SENTENCES = 3  # the headline and the first sentences of the body
_MIN_WORDS = 3  # shorter lines (rubrics, photo credits) frame nothing


@cache
def _words(language: str, key: str) -> frozenset[str]:
    return frozenset(lexicon(language)[key])


@cache
def _patterns(language: str, key: str) -> re.Pattern[str]:
    """The lexicon's regular expressions under `key`, as one pattern (observation_patterns:
    trains seen on images; court_stage_patterns: a case sent to court)."""
    return re.compile("|".join(lexicon(language)[key]), re.IGNORECASE)


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
    main = _main_clause(parsed)
    return {_lemma(parsed, i) for i in main | _held_subject(parsed, main)}, every


def _held_subject(parsed: Parse, main: set[int]) -> set[int]:
    """Arrest participles that describe the main clause's subject: "a group detained in
    August is under scrutiny ...", «задержанная в августе группа причастна ...». Who the
    sentence is about is the held party: the arrest is the lead's news as much as its verb."""
    arrest = _words(parsed.language, "arrest_lemmas") | _words(parsed.language, "custody_lemmas")
    held = _words(parsed.language, "held_vehicle_lemmas")  # "trains detained near X": held up
    return {
        i
        for i, token in enumerate(parsed.tokens)
        if token.dep.lower() in ("acl", "amod")
        and _lemma(parsed, i) in arrest
        and token.head in main
        and parsed.tokens[token.head].dep.lower().startswith("nsubj")
        and _lemma(parsed, token.head) not in held
    }


def _linked(sentence: str, trigger: Trigger, language: str) -> bool:
    """The trigger is told only as what a party is tied to: "the group's role in the blast",
    "linked to the explosion", "were behind the blast", «причастна к подрыву», «стоят за
    подрывом». The walk
    goes up through the deed's noun phrase (and a relative clause that tells the deed) and
    stops at the first verb that is not a word of involvement."""
    involvement = _words(language, "involvement_lemmas")
    words = {w.lower() for w in re.findall(r"\w+", sentence)} | set(lemma_tokens(sentence))
    if not words & {w.split()[0] for w in involvement}:
        return False
    found = _trigger_in_parse(sentence, trigger, language)
    if found is None:
        return False
    parsed, current = found
    seen = {current}
    while True:
        token = parsed.tokens[current]
        head = token.head
        if head in seen:
            return False
        seen.add(head)
        if _lemma(parsed, head) in involvement or parsed.tokens[head].text.lower() in involvement:
            return True
        # «стоят за подрывом»: a verb that ties only with the deed's preposition
        cases = [parsed.tokens[k].text.lower() for k in parsed.children(current)]
        if any(f"{_lemma(parsed, head)} {case}" in involvement for case in cases):
            return True
        if parsed.tokens[head].pos in ("VERB", "AUX"):
            return False
        current = head


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
            # "charged two teenagers with arson", «обвинили в поджоге»: a verb that itself
            # names the grounds makes its deed only what the suspects are charged with
            return grounded or lemma in grounds
        grounded = grounded or lemma in grounds or parsed.tokens[head].text.lower() in grounds
        current = head


def accused(sentence: str, trigger: Trigger, language: str) -> bool:
    """The trigger is what investigators believe suspects did: "investigators believe the
    teenagers set fire to ...", "следствие считает, что они подожгли ...". The deed is an
    accusation; a report that tells it only so is about the case, not an incident."""
    found = _trigger_in_parse(sentence, trigger, language)
    if found is None:
        return False
    parsed, current = found
    for _ in range(4):  # up from "fire" in "set fire" to the clause's verb
        token = parsed.tokens[current]
        if token.dep.lower() == "ccomp":
            break
        if token.head == current:
            return False
        current = token.head
    else:
        return False
    view = parsed.tokens[current].head
    words = {key: _words(language, key) for key in _ACCUSATION_KEYS}

    def subject_in(index: int, key: str) -> bool:
        return any(
            parsed.tokens[k].dep.lower().startswith("nsubj") and _lemma(parsed, k) in words[key]
            for k in parsed.children(index)
        )

    return (
        _lemma(parsed, view) in words["belief_lemmas"]
        and subject_in(view, "investigator_lemmas")
        and subject_in(current, "suspect_lemmas")
    )


_ACCUSATION_KEYS = ("investigator_lemmas", "belief_lemmas", "suspect_lemmas")


def _dated_in_clause(sentence: str, trigger: Trigger, language: str, at: Sequence[int]) -> bool:
    """One of the date offsets `at` lies in the relative clause that tells the trigger's deed
    ("detained a boy who set fire to a cabinet on Tuesday"): the deed's date, not the
    arrest's or the statement's ("said on Monday it had detained ... for arson")."""
    found = _trigger_in_parse(sentence, trigger, language) if at else None
    if found is None:
        return False
    parsed, current = found
    while parsed.tokens[current].dep.lower() not in _RELATIVE:
        if parsed.tokens[current].head == current:
            return False
        current = parsed.tokens[current].head
    clause = [parsed.tokens[k] for k in parsed.subtree(current)]
    start = min(t.start for t in clause)
    end = max(t.start + len(t.text) for t in clause)
    return any(start <= offset < end for offset in at)


def _dates_the_telling(sentence: str, language: str, span: tuple[int, int]) -> bool:
    """The date at `span` of the sentence hangs on a verb of saying or on a court or arrest
    word: "sentenced for arson, an outlet reported on Thursday", "суд в четверг приговорил":
    it dates the statement, the verdict or the arrest, not the deed the sentence names."""
    parsed = None if language not in ("en", "ru") else parse(sentence, language)
    if parsed is None:
        return False
    current = _token_at(parsed, span[0])
    if current is None:
        return False
    frame = _words(language, "court_lemmas") | _words(language, "arrest_lemmas")
    frame |= _words(language, "custody_lemmas")
    seen = {current}
    while True:
        head = parsed.tokens[current].head
        if head in seen:
            return False
        seen.add(head)
        token = parsed.tokens[head]
        # still inside the date ("в ночь на 5 марта") or its preposition ("on Thursday")
        if span[0] <= token.start < span[1] or token.pos == "ADP":
            current = head
            continue
        return _is_speech_verb(parsed, head) or _lemma(parsed, head) in frame


def _averts_only_consequences(sentence: str, language: str) -> bool:
    """Every foiling verb of the sentence has a consequence as its object: "helped prevent
    more serious consequences", «позволил предотвратить худшие последствия». What was
    averted is the harm that would have followed, not the deed: the deed still happened."""
    parsed = parse(sentence, language)
    if parsed is None:
        return False
    foiled, harm = _words(language, "foiled_lemmas"), _words(language, "consequence_lemmas")
    verbs = [i for i in range(len(parsed.tokens)) if _lemma(parsed, i) in foiled]
    return bool(verbs) and all(
        any(
            parsed.tokens[k].dep.lower() in ("obj", "dobj") and _lemma(parsed, k) in harm
            for k in parsed.children(verb)
        )
        for verb in verbs
    )


def _is_arrest(parsed: Parse, index: int) -> bool:
    """An arrest verb, or a verb held by a custody noun ("заключён под стражу", "taken into
    custody": the noun hangs below the verb, in English below its preposition)."""
    language = parsed.language
    held = _words(language, "held_vehicle_lemmas")
    if any(
        parsed.tokens[k].dep.lower().startswith(("nsubj", "obj", "dobj"))
        and _lemma(parsed, k) in held
        for k in parsed.children(index)
    ):
        # "two trains were detained due to the derailment", «задержали 14 поездов» (the
        # trains the object of the active verb): held up, not arrested
        return False
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
    grounds of an arrest or an investigation's accusation)."""
    return any(
        _tells(sentence, t, language)
        and (
            arrest_counts
            or not (arrest_grounds(sentence, t, language) or accused(sentence, t, language))
        )
        for t in find_triggers(sentence, language)
    )


def _tells(sentence: str, trigger: Trigger, language: str) -> bool:
    """The trigger is told as having happened: not negated, hypothetical or framed."""
    return (
        not is_negated(sentence, trigger)
        and not is_hypothetical(sentence, trigger)
        and trigger_frame(sentence, trigger, language) is None
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


def report_kind(
    sentences: Sequence[str],
    language: str,
    fresh: Sequence[bool] = (),
    fresh_at: Sequence[Sequence[int]] = (),
    fresh_spans: Sequence[Sequence[tuple[int, int]]] = (),
) -> str:
    """ "incident", or the frame of a report that tells none: "court" (a verdict or
    sentence), "foiled" (a plot stopped, an arrest for a plan), "observation" (trains seen
    on satellite images), "statistics" (a lead that counts events and tells none), ACCUSED
    (a deed told only as investigators' view of what suspects did), or ARREST (an arrest
    or custody for a deed told only as its grounds: news of the arrest, not of the deed,
    even where it names the deed's place).

    `sentences` are the report's sentences in order; `fresh[i]` says sentence i carries a
    date within days of publication (a lead that tells a fresh event is an incident report
    whatever else it mentions); `fresh_at[i]` holds where in sentence i those dates start
    (a deed told as an arrest's grounds is fresh news only when the date is the deed's);
    `fresh_spans[i]`, where given, holds their (start, end): a fresh date that only dates a
    statement, a verdict or an arrest ("jailed for arson, the outlet reported on Thursday")
    does not make the lead's deed fresh news."""
    language = language if language in ("en", "ru") else "en"
    court = _words(language, "court_lemmas")
    foiled = _words(language, "foiled_lemmas")
    arrest = _words(language, "arrest_lemmas") | _words(language, "custody_lemmas")
    irrealis = _words(language, "irrealis_lemmas")
    # what the lead shows: frames of its main clauses, and facts such as "arrested", "told"
    frames: set[str] = set()
    seen: set[str] = set()
    lead = lead_indices(sentences)
    # "143 accidents at crossings in 2025": a count of events, none of them told
    counts = _counting_sentences(sentences, lead, language)
    for index in sorted(set(lead) - counts):
        text = sentences[index]
        main, every = _lemmas_of(text, language)
        if main & court or _patterns(language, "court_stage_patterns").search(text):
            # a verdict, or a case sent to court: a later stage of an old deed
            frames.add("court")
        if main & foiled and not _averts_only_consequences(text, language):
            frames.add("foiled")
        if main & arrest:
            seen.add("arrested")
            if every & irrealis:
                seen.add("planned")  # "detained a man for planning an attack": no deed word
            elif every & _words(language, "arrest_deed_lemmas") and not find_triggers(
                text, language
            ):
                # "arrested an agent involved in sabotage on the railway": a deed named
                # only by its legal word, as what someone is held for
                seen.update({"triggered", "grounds"})
        observed = _patterns(language, "observation_patterns").search(text) and "told" not in seen
        if observed and not _is_event(text, language):
            frames.add("observation")  # trains seen before any incident is told
        is_fresh = index < len(fresh) and fresh[index]
        if is_fresh and index < len(fresh_spans):
            is_fresh = any(
                not _dates_the_telling(text, language, span) for span in fresh_spans[index]
            )
        if "triggered" in seen and is_fresh and _tells_when(text, language):
            # "The incident happened on the night of 22 December at km 94": after an arrest
            # for a deed, the lead dates the deed itself, days ago: news of the deed
            seen.update({"told", "fresh"})
        if find_triggers(text, language):
            seen.add("triggered")
            # a deed that is only what someone was arrested for is not told as an event,
            # nor is its retelling later in the lead ("he set fire to it with petrol")
            held = bool(seen & {"grounds", "accusation"}) or {"arrested", "planned"} <= seen
            if _is_event(text, language, arrest_counts=False) and (is_fresh or not held):
                seen.update(_told_as(text, language, is_fresh))
            elif _is_event(text, language):
                at = fresh_at[index] if index < len(fresh_at) else ()
                if any(
                    _dated_in_clause(text, t, language, at) for t in find_triggers(text, language)
                ):
                    # "detained a teenager who set fire to a cabinet on Tuesday night": a
                    # deed of days ago is news even when told as what someone is held for
                    seen.update({"told", "fresh"})
                elif any(accused(text, t, language) for t in find_triggers(text, language)):
                    seen.add("accusation")
                else:
                    seen.add("grounds")
    return _kind_of(frames, seen, counts=bool(counts))


def _counting_sentences(sentences: Sequence[str], lead: list[int], language: str) -> set[int]:
    """The lead sentences that count events (lexicon ``statistics_patterns``)."""
    pattern = _patterns(language, "statistics_patterns")
    return {i for i in lead if pattern.search(sentences[i])}


def _told_as(sentence: str, language: str, is_fresh: bool) -> set[str]:
    """What a lead sentence that tells a deed shows: a fresh deed, a deed, or ("linked") a
    deed told only as what a party is tied to ("the group's role in the bridge blast"),
    which with an arrest in the lead is the arrest's grounds."""
    if is_fresh:
        return {"told", "fresh"}
    triggers = [t for t in find_triggers(sentence, language) if _tells(sentence, t, language)]
    if all(_linked(sentence, t, language) for t in triggers):
        return {"linked"}
    return {"told"}


def _tells_when(sentence: str, language: str) -> bool:
    """The sentence tells when or where the deed named before it happened, with no trigger
    word of its own: "The incident occurred on Monday near X", «ЧП произошло ночью ...»."""
    return not find_triggers(sentence, language) and names_the_site(sentence)


def _kind_of(frames: set[str], seen: set[str], *, counts: bool = False) -> str:
    """The report's kind from its lead's frames and what the lead showed (`counts`: a lead
    sentence counts events)."""
    if "fresh" in seen:
        return INCIDENT
    for frame in ("court", "foiled"):
        if frame in frames:
            return frame
    if "linked" in seen and "arrested" not in seen:
        seen = seen | {"told"}  # tied to a party, with nobody held: the deed is the news
    if "told" not in seen:
        if {"arrested", "planned"} <= seen:
            return "foiled"
        if "accusation" in seen and "arrested" not in seen:
            return ACCUSED
        if {"arrested", "triggered"} <= seen:
            # held for a deed the lead tells only as the grounds of the arrest, or for what
            # they were going to do
            return ARREST if seen & {"grounds", "linked"} else "foiled"
    if "observation" in frames:
        return "observation"
    if counts and "told" not in seen:
        return "statistics"
    return INCIDENT
