"""Who says what about the cause: claimant, stance and cause, one claim per clause.

"Baza initially blamed a short circuit, but Kommersant's sources said an explosive device
went off" gives two claims: (Baza, attributes, short_circuit) and (Kommersant,
asserts, explosive_device).

Stances (checked in this order):
- denies: the claimant says a cause or the event itself is false ("опровергли", "fake",
  "did not confirm", "ruled out").
- speculates: the claimant offers a cause as a possibility ("may have been to blame",
  "причиной могла стать", "не исключают", "one of the versions").
- asserts: the claimant states a deliberate act as fact on its own authority: a
  responsibility claim by the side that says it acted (SBU, HUR, Ukraine's General Staff,
  "its agents blew up"), or a deliberate act (sabotage, a bomb, arson) told as established
  ("the detainees confessed to arson", "sources said a bomb went off").
- attributes: the claimant names the cause of an event it did not do: a technical fault,
  weather, a short circuit, a drone, a driver's violation ("the governor said a drone attack
  caused the fire", "the railway cited technical reasons"); also a criminal case opened
  under an article ("дело о теракте" = attributes terrorist_attack). Hedged official
  causes ("по предварительным данным", "the preliminary cause", "the most likely cause")
  are attributes, not speculation.
"The cause is being established" names no cause and is no claim.

Who speaks: the party nearest a verb of saying; a party citing vague sources ("Mash, citing
sources") speaks for them; a name under a collective head ("the union of Russian Railways
employees") is that body, not the party it names. The words (causes in priority order,
stance markers, citing, criminal cases, collective heads) are data in lexicon/en.yaml and
lexicon/ru.yaml; this module holds the logic.
"""

import re
from dataclasses import replace
from functools import cache, lru_cache

from railwatch.reports.extract.claimants import (
    claimant_table,
    outlets,
    partisan_groups,
    same_claimant,
    split_via,
)
from railwatch.reports.lexicon import LANGUAGES, LexiconError, lexicon, words
from railwatch.reports.model import Claim

# (display name, pattern) per row of the claimant table; earlier rows win overlaps.
_CLAIMANT_PATTERNS = [
    (row.name, re.compile("|".join(f"(?:{p.pattern})" for p in row.patterns), re.IGNORECASE))
    for row in claimant_table()
]
# Words that introduce what someone says; the claimant nearest to one is the speaker.
# The word lists live in the language lexicons (lexicon/en.yaml, lexicon/ru.yaml).
_SPEECH = re.compile(
    r"\b(?:"
    + "|".join(words("en", "speech_patterns"))
    + r")\b|"
    + "|".join(words("ru", "speech_patterns")),
    re.IGNORECASE,
)


def _joined(fragments: list[str]) -> re.Pattern[str]:
    """One case-insensitive pattern matching any fragment (of either language)."""
    return re.compile("|".join(f"(?:{f})" for f in fragments), re.IGNORECASE)


def cause_table(tables: dict[str, list] | None = None) -> list[tuple[str, list[str]]]:
    """(cause, pattern fragments of both languages) in priority order, from the lexicons'
    ``cause_patterns`` (or `tables`, per language); the languages must list the same causes
    in the same order."""
    if tables is None:
        tables = {lang: lexicon(lang).get("cause_patterns") or [] for lang in LANGUAGES}
    names: dict[str, list[str]] = {}
    for lang, table in tables.items():
        for number, row in enumerate(table, 1):
            if not (
                isinstance(row, dict)
                and isinstance(row.get("cause"), str)
                and isinstance(row.get("patterns"), list)
                and all(isinstance(p, str) and p for p in row["patterns"])
            ):
                raise LexiconError(
                    f"{lang}.yaml: field 'cause_patterns', entry {number}: expected a cause "
                    "and a list of non-empty patterns"
                )
        names[lang] = [row["cause"] for row in table]
    first, *others = list(tables)
    for lang in others:
        if names[lang] != names[first]:
            raise LexiconError(
                f"{lang}.yaml: field 'cause_patterns' must list the causes of {first}.yaml "
                f"in the same order ({', '.join(names[first])}); got {', '.join(names[lang])}"
            )
    return [
        (name, [p for lang in tables for p in tables[lang][i]["patterns"]])
        for i, name in enumerate(names[first])
    ]


def _lexicon_patterns(group: str, key: str) -> re.Pattern[str]:
    """The fragments of one entry of a lexicon mapping (``stance_patterns``,
    ``claim_patterns``), both languages joined."""
    return _joined([p for lang in LANGUAGES for p in (lexicon(lang).get(group) or {})[key]])


_CAUSE_PATTERNS = [(name, _joined(fragments)) for name, fragments in cause_table()]
# "did not confirm" / "не подтвердил" commits to nothing: it is neither a denial nor a claim
# (nlp_claims drops a claim whose only verb of saying is negated)
_DENIES = _lexicon_patterns("stance_patterns", "denies")
_SPECULATES = _lexicon_patterns("stance_patterns", "speculates")
_ATTRIBUTES = _lexicon_patterns("stance_patterns", "attributes")
_CLAUSE_SPLIT = re.compile(
    r"(?:,|;|—|–)\s+(?:but|while|whereas|although|however|though|но|а|однако|тогда\s+как|хотя)\s+|"
    r";\s+|\.\s+(?:However|Однако)|"
    # "denies X and calls it Y": a second verb of saying starts a second claim
    r"\s+(?:и|а\s+также)\s+(?=(?:называ|счита|утвержда|заявля)\w*\s)|"
    r"\s+and\s+(?=(?:calls|called|blames|blamed|says|said|insists|insisted)\s)|"
    # "denied sabotage, saying a rail had cracked": the participle gives a claim of its own
    # (lexicon ``claim_patterns.participle_claim``)
    r",\s+(?=(?:"
    + "|".join(p for lang in LANGUAGES for p in lexicon(lang)["claim_patterns"]["participle_claim"])
    + r")\s)",
    re.IGNORECASE,
)
# A source inside an organisation is that organisation's source ("a source in the SBU").
_SOURCE_IN = re.compile(
    r"(?:a\s+)?sources?\s+(?:in|at|within|close\s+to|familiar\s+with)\s+(?:the\s+)?|"
    r"источник\w*\s+(?:в|во|из)\s+",
    re.IGNORECASE,
)


def find_claimant(clause: str) -> str | None:
    """The canonical name of who is speaking in a clause, or None."""
    found = claimant_in(clause)
    return found[0] if found else None


def named_party(text: str) -> tuple[str, str] | None:
    """(canonical name, words) of the first party of the claimant table that the text names,
    leaving out nouns that only stand for another ("the Telegram channel", "a source")."""
    found = [
        (match.start(), name, match.group(0))
        for name, pattern in _CLAIMANT_PATTERNS
        if name not in _GENERIC
        for match in pattern.finditer(text)
    ]
    if not found:
        return None
    _start, name, words_ = min(found, key=lambda f: f[0])
    return name, words_


_PERSON = _lexicon_patterns("claim_patterns", "person_attribution")


def _named_person(clause: str) -> str | None:
    """The person a clause is attributed to by name ("..., according to Ivan Petrov, an
    adviser to the mayor", «по словам Ивана Петрова, советника мэра»; lexicon
    ``claim_patterns.person_attribution``), unless the claimant table knows the words."""
    match = _PERSON.search(clause)
    if not match:
        return None
    name = next(g for g in match.groups() if g)
    if any(pattern.search(name) for _n, pattern in _CLAIMANT_PATTERNS):
        return None  # a party the table knows ("according to Russian Railways, the ...")
    return name


_DOER_BEFORE = _lexicon_patterns("claim_patterns", "doer_before")
_DOER_AFTER = _lexicon_patterns("claim_patterns", "doer_after")
# the noun a possessive name qualifies ("Ukraine's domestic security service (SBU)")
_POSSESSED = re.compile(r"['’]s\s+(?:[\w’-]+\s+){0,3}[\w’-]+(?:\s*\([^)]*\))?")
# a passive of telling ("was reported by", "was published by") names a speaker after "by"
_TELLING = re.compile(r"publish\w*|post\w*|quot\w*|cit\w*|shar\w*", re.IGNORECASE)


def _only_doer(clause: str, start: int, end: int) -> bool:
    """The party at clause[start:end] is named as the one who did the deed, not as one who
    tells it ("wrecked by saboteurs", "the SBU is said to have", «силами СБУ», «СБУ якобы»;
    lexicon ``claim_patterns.doer_before``/``doer_after``)."""
    before = _DOER_BEFORE.search(clause[max(0, start - 80) : start])
    if before and not (_SPEECH.search(before.group(0)) or _TELLING.search(before.group(0))):
        return True
    rest = clause[end:]
    owned = _POSSESSED.match(rest)
    if owned:
        rest = rest[owned.end() :]  # "Ukraine's security service is said to": the owner's deed
    return bool(_DOER_AFTER.match(rest))


@lru_cache(maxsize=4096)
def claimant_in(clause: str) -> tuple[str, str] | None:
    """(canonical name, words naming it in the clause) of who is speaking, or None. Cached:
    extraction asks it of the same sentence at several steps."""
    voice = _NAMED_VOICE.search(clause)
    if voice:
        # a channel or blogger named as the subject speaks under its own name
        verbs = [m.start() for p in (_SPEECH, _SPECULATES, _DENIES) for m in p.finditer(clause)]
        if any(v >= voice.end() for v in verbs):
            name = voice.group("ru") or voice.group("en") or voice.group("en2")
            return name.strip(), voice.group(0)
    speech = [(m.start(), m.end()) for m in _SPEECH.finditer(clause)]
    person = _named_person(clause)
    if person:
        return person, person
    spans: list[tuple[int, int, int, str]] = []
    for rank, (name, pattern) in enumerate(_CLAIMANT_PATTERNS):
        for match in pattern.finditer(clause):
            if any(match.start() < end and start < match.end() for start, end, _r, _n in spans):
                continue  # already part of a more specific claimant ("Ukrainian intelligence")
            spans.append((match.start(), match.end(), rank, name))
    # a party named inside a direct quotation is talked about when someone outside the
    # quotation is named to speak ("«The blast was an SBU operation», the source said")
    quoted = [s for s in spans if _in_quotation(clause, s[0])]
    if quoted and len(quoted) < len(spans):
        spans = [s for s in spans if s not in quoted]
    # the doer of the deed is no speaker, but "a source in the agency" may still point to it
    named_doers = [s for s in spans if _only_doer(clause, s[0], s[1])]
    spans = [s for s in spans if s not in named_doers]
    if _CHANNEL_OF_NAMED_BEFORE.search(clause):
        # "сообщается в телеграм-канале ведомства": the channel is the voice of the one named
        # before, not a speaker of its own
        spans = [s for s in spans if s[3] != _CHANNEL]
    if not spans:
        return None

    def gap(span: tuple[int, int, int, str]) -> tuple[int, int, int]:
        start, end, rank, _name = span
        if not speech:
            return (start, 0, rank)
        # subject before the verb ("X said") or after it ("сообщает X"); before wins ties
        return min(
            (v_start - end, 0, rank) if end <= v_start else (start - v_end, 1, rank)
            for v_start, v_end in speech
        )

    best = min(spans, key=gap)
    if best[3] in _OUTLETS and any(0 <= best[0] - v_end <= 1 for _v, v_end in speech):
        # "сообщил РИА Новости представитель ДВЖД": the outlet is told, the party after it
        # speaks (relayed() names the outlet as the one that relays)
        after = [
            s
            for s in spans
            if s[0] >= best[1]
            and re.fullmatch(r"\s*(?:\w+\s+)?", clause[best[1] : s[0]])
            and s[3] not in _GENERIC
        ]
        if after:
            best = after[0]
    name = best[3]
    surface = clause[best[0] : best[1]]
    whole = _collective_phrase(clause, best[0], best[1])
    if whole:
        return whole  # "the union of Russian Railways employees" is the union, not the railway
    if name == "source":
        citer = _citing_party(clause, best, spans)
        if citer:
            return citer  # "Mash, citing sources, said": Mash vouches for what it tells
    if name in _GENERIC:
        for start, end, _rank, other in spans:
            if other in _GENERIC:
                continue
            # "the Baza Telegram channel": the name before a generic noun is the speaker
            if name != "source" and 0 <= best[0] - end <= 3:
                return other, clause[start : best[1]]
            # "the Telegram channel Baza", "Telegram-канал Западного МСУТ СК", "partisans of
            # the Atesh movement": the name right after the generic noun (its owner)
            if (
                name != "source"
                and start >= best[1]
                and _OWNER_GAP.fullmatch(clause[best[1] : start])
            ):
                return other, clause[best[0] : end]
            if name != "source":
                continue
            # "Kommersant sources", "Baza's sources": the outlet's own sources speak for it
            if 0 <= best[0] - end <= 3:
                return other, clause[start : best[1]]
            # "a source in the SBU", "источники «Коммерсанта»"
            between = clause[best[1] : start]
            if 0 <= start - best[1] <= 12 and re.fullmatch(
                r"\s*(?:in|at|within|close\s+to|of|в|во|из)?\s*(?:the\s+)?[«\"]?\s*",
                between,
                re.IGNORECASE,
            ):
                text = clause[best[0] : end]
                return (other if other in _OUTLETS else f"source in {other}"), text
        if name == _CHANNEL and (own := _CHANNEL_NAME.match(clause, best[1])):
            # "the Telegram channel 112", "телеграм-канал «Вчера»": a channel the table does
            # not know is named by the words after the generic noun
            title = next(g for g in own.groups() if g)
            return f"{_CHANNEL} {title.strip()}", clause[best[0] : own.end()]
    source_in = _SOURCE_IN.search(clause)
    if source_in and name == "source" and (agency := _AGENCY.match(clause, source_in.end())):
        # "HUR was behind it, a source in the agency said": the agency is the one named
        named = [sp for sp in spans + named_doers if sp[3] != "source"]
        if named:
            other = min(named, key=lambda sp: sp[0])[3]
            text = clause[source_in.start() : agency.end()]
            return (other if other in _OUTLETS else f"source in {other}"), text
    if source_in:
        # the organisation named right after "a source in" is the one the source speaks for
        after = [s for s in spans if 0 <= s[0] - source_in.end() <= 3 and s[3] != "source"]
        if after:
            other, text = after[0][3], clause[source_in.start() : after[0][1]]
            return (other if other in _OUTLETS else f"source in {other}"), text
    return name, surface


# a direct quotation: a quoted stretch of four words or more (a shorter one is a name, a
# title or a quoted term: «Телеграмма РЖД», "sabotage")
_QUOTATION = re.compile(r"[«“\"]([^«»“”\"]+)[»”\"]")


def _in_quotation(clause: str, at: int) -> bool:
    """The character at `at` lies inside a direct quotation of the clause."""
    return any(
        m.start() < at < m.end() and len(m.group(1).split()) >= 4
        for m in _QUOTATION.finditer(clause)
    )


@cache
def _collective_heads(language: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A collective head before a name ("union of ...") and after it ("... workers' union")."""
    heads = "|".join(words(language, "collective_heads"))
    return (
        re.compile(rf"\b(?:{heads})\s+(?:of\s+(?:the\s+)?)?(?:[\w'’-]+\s+){{0,2}}$", re.IGNORECASE),
        re.compile(rf"(?:['’]s?|s['’])?\s+(?:[\w'’-]+['’]?\s+)?(?:{heads})\b", re.IGNORECASE),
    )


def _collective_phrase(clause: str, start: int, end: int) -> tuple[str, str] | None:
    """(name, words) of the noun phrase that holds a party's name under a collective head
    (lexicon ``collective_heads``): "the union of Russian Railways employees", "профсоюз
    работников РЖД", "the Russian Railways workers' union". None when no such head governs
    the name."""
    for language in LANGUAGES:
        head_before, head_after = _collective_heads(language)
        before = head_before.search(clause[:start])
        if before and not _SPEECH.search(before.group(0)):
            # the nouns the name qualifies close the phrase ("of Russian Railways employees")
            for _ in range(2):
                word = _TAIL.match(clause, end)
                if not word or _SPEECH.fullmatch(word.group(1)) or _STOP.fullmatch(word.group(1)):
                    break
                end = word.end()
            text = clause[before.start() : end]
            return _DETERMINER.sub("", text), text
        after = head_after.match(clause[end:])
        if after and not _SPEECH.search(after.group(0)):
            text = clause[start : end + after.end()]
            return _DETERMINER.sub("", text), text
    return None


_DETERMINER = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_TAIL = re.compile(r"\s+([\w'’-]+)")
# words that end a noun phrase rather than continue it
_STOP = re.compile(
    r"on|in|at|of|the|a|an|and|or|to|for|has|have|had|was|is|were|are|will|also|"
    r"на|в|во|и|по|о|об|с|за|что|как|также|уже",
    re.IGNORECASE,
)
# "citing sources", "citing its own sources", "ссылаясь на собственные источники": no one
# but the party that cites them is named
_VAGUE_SOURCES = re.compile(
    r"\s*(?:(?:its|their|his|her|own|anonymous|unnamed|informed|several|multiple|its\s+own|"
    r"their\s+own|собственн\w+|сво\w+|неназванн\w+|осведомл[её]нн\w+|анонимн\w+)\s+)*$",
    re.IGNORECASE,
)


def _cites_vague_sources(clause: str) -> bool:
    """The clause opens by citing sources that belong to no one named ("citing sources")."""
    cited = CITING.match(clause.strip())
    if not cited:
        return False
    rest = clause.strip()[cited.end() :]
    source = re.match(r"(.*?)\b(?:sources?|источник\w*)\b", rest, re.IGNORECASE)
    return (
        source is not None
        and _VAGUE_SOURCES.fullmatch(source.group(1)) is not None
        and not _SOURCE_IN.match(rest, source.start(0) + len(source.group(1)))
    )


def _citing_party(
    clause: str, source: tuple[int, int, int, str], spans: list[tuple[int, int, int, str]]
) -> tuple[str, str] | None:
    """The party that cites vague sources ("X, citing sources, said ...", "X со ссылкой на
    источники"): it tells the claim on its own account. None when the sources belong to a
    named organisation ("citing a source in the FSB") or no one else is named."""
    start, end = source[0], source[1]
    if _SOURCE_IN.match(clause, start):
        return None
    cited = [
        m
        for m in CITING.finditer(clause[:start])
        if _VAGUE_SOURCES.fullmatch(clause[m.end() : start])
    ]
    if not cited:
        return None
    others = [s for s in spans if s[3] not in _GENERIC and not (start <= s[0] < end)]
    if not others:
        return None
    at = cited[-1].start()
    # the party nearest the citing words, before them first ("Mash, citing sources")
    party = min(others, key=lambda s: (s[0] > at, abs((s[1] if s[0] < at else s[0]) - at)))
    return party[3], clause[party[0] : party[1]]


# "канал «Тихоокеанский рубеж»", "a blogger who writes as Zapadny Rubezh", "the channel 'X'"
_NAMED_VOICE = re.compile(
    r"(?:канал\w*|блог\w*|паблик\w*)\s+«(?P<ru>[^»]{2,40})»|"
    r"(?:channel|blogger|blog)\s+(?:who\s+(?:writes|posts)\s+(?:as|under\s+the\s+name)\s+)?"
    r"[\"“«](?P<en>[^\"”»]{2,40})[\"”»]|"
    r"(?:blogger|blog)\s+who\s+(?:writes|posts)\s+(?:as|under\s+the\s+name)\s+"
    r"(?P<en2>[A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,3})",
)
# Nouns that stand for a party named next to them ("Kommersant sources", "the Baza channel").
_GENERIC = {"source", "Telegram channel", "partisans"}
_CHANNEL = "Telegram channel"
# the name right after "Telegram channel": quoted, or capitalised words or a number
_CHANNEL_NAME = re.compile(
    r"\s+(?:[«\"“]([^»\"”]{2,30})[»\"”]|"
    r"((?-i:[A-ZА-ЯЁ0-9])[\w.-]*(?:\s+(?-i:[A-ZА-ЯЁ0-9])[\w.-]*){0,2})(?![\w«\"“]))"
)
# between a generic noun and the party that owns it: "of (the)" and up to two capitalised
# words ("Telegram-канал Западного МСУТ СК России")
_OWNER_GAP = re.compile(r"\s*(?:of\s+(?:the\s+)?)?(?:(?-i:[A-ZА-ЯЁ])[\w-]*\s+){0,2}")
GENERIC_CLAIMANTS = frozenset(_GENERIC)
# "a source in the agency": the organisation it stands for is named elsewhere in the clause
_AGENCY = re.compile(
    r"(?:the\s+)?(?:agency|service|ministry|committee|department|directorate|ведомств\w*|"
    r"служб\w+|министерств\w+|управлени\w+|комитет\w*)\b",
    re.IGNORECASE,
)
_OUTLETS = outlets()


def relayed(claimant: str, claimant_text: str, sentence: str) -> tuple[str, str]:
    """(claimant, words naming it) with the intermediary that relays the claim:
    "Russian Railways said, according to TASS" -> "Russian Railways (via TASS)"; "TASS
    reported, citing Russian Railways" -> the same. A claim no one relays is unchanged."""
    if "(via " in claimant:
        return claimant, claimant_text
    parties: list[tuple[int, int, str]] = []  # (start, end, name) of every party the sentence names
    for name, pattern in _CLAIMANT_PATTERNS:
        for match in pattern.finditer(sentence):
            if not any(match.start() < e and s < match.end() for s, e, _n in parties):
                parties.append((match.start(), match.end(), name))
    speaker = claimant.removeprefix("source in ")
    if claimant in _OUTLETS:
        cited = CITING.search(sentence)
        after = [p for p in parties if cited and p[0] >= cited.end() and p[2] not in _GENERIC]
        if after and after[0][2] not in _OUTLETS:
            # "TASS, citing the railway": the railway speaks, TASS relays it
            start, end, name = after[0]
            return f"{name} (via {claimant})", sentence[start:end]
        return claimant, claimant_text
    for start, end, name in parties:
        # the outlet relays only where it reports or is told ("according to TASS", "told the
        # Kyiv Independent", "сообщает ТАСС"); a dateline ("INTERFAX.RU - ...") is the publisher
        if name in _OUTLETS and name != speaker and _relays(sentence, start, end):
            return f"{claimant} (via {name})", claimant_text
    return claimant, claimant_text


def _relays(sentence: str, start: int, end: int) -> bool:
    before = sentence[max(0, start - 20) : start]
    after = sentence[end : end + 20]
    after = after.lstrip(" ,»\"'")
    return bool(_SPEECH.search(before) or _SPEECH.match(after) or CITING.match(after))


@cache
def _anaphoric_attribution(language: str) -> re.Pattern[str] | None:
    fragments = lexicon(language).get("anaphoric_attribution") or []
    return _joined(fragments) if fragments else None


def refers_back(sentence: str, language: str) -> bool:
    """The sentence attributes what it says to a party named before it, by a pronoun or a
    bare noun ("According to him", "the company added", "по их данным", "в ведомстве
    уточнили"; lexicon ``anaphoric_attribution``)."""
    if language not in LANGUAGES:
        return False
    pattern = _anaphoric_attribution(language)
    impersonal = _impersonal(language)
    if impersonal and impersonal.search(sentence.strip()):
        return False  # "In Russia, they said": the people of a place, not a party named before
    return bool(pattern and pattern.search(sentence.strip()))


@cache
def _impersonal(language: str) -> re.Pattern[str] | None:
    fragments = lexicon(language).get("impersonal_they") or []
    return _joined(fragments) if fragments else None


def claim_dates(text: str, offsets: list[int]) -> list[int]:
    """Which of the date mentions at `offsets` (character offsets in `text`) date the claim
    of a sentence: those before its first cause and those in a clause that names a cause.
    "..., saying he had raised the issue last year" dates a side clause, not the claim."""
    causes = [m.start() for _name, p in _CAUSE_PATTERNS for m in p.finditer(text)]
    if not causes:
        return list(offsets)
    bounds = [0, *(m.start() for m in _SIDE_CLAUSE.finditer(text)), len(text) + 1]
    segments = list(zip(bounds, bounds[1:], strict=False))

    def segment(at: int) -> tuple[int, int]:
        return next(s for s in segments if s[0] <= at < s[1])

    named = {segment(c) for c in causes}
    return [o for o in offsets if o < min(causes) or segment(o) in named]


def has_speech(text: str) -> bool:
    """True when the text reports what someone says, claims, denies or suspects."""
    return bool(
        _SPEECH.search(text)
        or _DENIES.search(text)
        or _SPECULATES.search(text)
        or _ATTRIBUTES.search(text)
    )


def reports_speech(text: str) -> bool:
    """True when the text has a verb of saying, denying or suspecting: a causal connective
    alone ("в результате", "due to") tells an event, not anyone's words."""
    return bool(_SPEECH.search(text) or _DENIES.search(text) or _SPECULATES.search(text))


def states_a_cause(text: str) -> bool:
    """The text links an event to a cause in so many words ("в результате ливней", "due to")."""
    return bool(_ATTRIBUTES.search(text)) and bool(find_causes(text))


def find_causes(clause: str) -> list[str]:
    """Normalized causes named in a clause, in priority order."""
    return list(_causes(clause))


# "searching the area for explosives", "на наличие других СВУ": a search names no cause;
# nor does a train's load ("a line used to transport missiles", "состав с боеприпасами")
_SEARCH_FOR = _lexicon_patterns("claim_patterns", "search_for")
_CARGO = _lexicon_patterns("claim_patterns", "cargo")
# "protected from possible sabotage", «риск поджогов»: a deed feared names no cause
_THREAT = _lexicon_patterns("claim_patterns", "threat_of")
# "suspended until the faults are fixed": the repair awaited names no cause; nor does "the
# sound of drones" heard overhead
_REPAIR = _lexicon_patterns("claim_patterns", "repair_of")
_PERCEIVED = _lexicon_patterns("claim_patterns", "perceived")
_CHANNEL_OF_NAMED_BEFORE = _lexicon_patterns("claim_patterns", "channel_of_named_before")
# "the occupying terrorist troops": an epithet of a side, not a terrorist attack
_EPITHET = _lexicon_patterns("claim_patterns", "terror_epithet")
# "made no mention of any outside interference": a cause told as not said names none
_NOT_MENTIONED = _lexicon_patterns("claim_patterns", "not_mentioned")


@lru_cache(maxsize=4096)
def _causes(clause: str) -> tuple[str, ...]:
    clause = _THREAT.sub(" ", _CARGO.sub(" ", _SEARCH_FOR.sub(" ", clause)))
    clause = _PERCEIVED.sub(" ", _REPAIR.sub(" ", _EPITHET.sub(" ", clause)))
    clause = _NOT_MENTIONED.sub(" ", clause)
    found = [name for name, pattern in _CAUSE_PATTERNS if pattern.search(clause)]
    return tuple(dict.fromkeys(found))


# Parties that claim attacks as their own: what they say about a deed is a responsibility claim.
_ACTORS = {"SBU", "HUR", "Ukrainian military", "Ukrainian source"} | partisan_groups()
# "its drones", "our agents", "свои диверсанты": the speaker owns the deed (a responsibility claim).
_SELF = re.compile(
    r"\b(?:its|their|our)\s+(?:own\s+)?(?:drones?|agents?|forces|operatives|units|fighters|"
    r"saboteurs|partisans|special\s+forces|people)\b|(?:свои|своими|наши|нашими)\s+\w+",
    re.IGNORECASE,
)
# A deed told by an agency that claims attacks (or its source) is a responsibility claim:
# sabotage. A vaguer "Ukrainian source" reporting a blast is not.
_AGENCIES = {"SBU", "HUR", "Ukrainian military"}
_DEED = re.compile(
    # "were destroyed" tells the damage, "its agents destroyed" the deed
    r"(?<!were\s)(?<!was\s)(?<!been\s)(?<!be\s)"
    r"\b(?:blew\s+up|blown\s+up|derailed|destroyed|disabled|hit|struck|carried\s+out|conducted)\b|"
    r"подорва\w*|подорван\w*|взорва\w*|уничтож\w+|пущен\w*\s+под\s+откос|пустил\w*\s+под\s+откос|"
    r"выве\w+\s+из\s+стро\w+|провел[аи]?\b|провёл|осуществил\w*",
    re.IGNORECASE,
)
# Causes that are deeds rather than circumstances.
_DELIBERATE = {"sabotage", "explosive_device", "arson"}
# A criminal case under an article classifies the event: it attributes a cause.
_CASE = _lexicon_patterns("claim_patterns", "criminal_case")
# A case not yet opened only weighs the classification: speculation by unnamed authorities.
_PENDING_CASE = _lexicon_patterns("claim_patterns", "pending_case")
_SIDE_CLAUSE = _lexicon_patterns("claim_patterns", "side_clause")


# The means of an attack: what a side that claims it says it did.
_DEEDS = {"sabotage", "explosive_device", "arson", "drone", "shelling"}
# Means that tell how a sabotage was done: "claimed responsibility for burning a relay box"
# names the deed itself, which is the cause told. (Explosives are not: "its saboteurs cut
# the line with explosives" stays sabotage, the project gold's convention.)
_MEANS = ("arson",)


def means_first(causes: list[str]) -> list[str]:
    """A clause's causes with the means of a sabotage before the bare word for it: "the
    partisans said their agent set fire to a relay cabinet, an act of sabotage" is arson."""
    if causes and causes[0] == "sabotage":
        means = [c for c in causes if c in _MEANS]
        if means:
            return [means[0], *[c for c in causes if c != means[0]]]
    return causes


def one_deed_per_actor(claims: list[Claim]) -> list[Claim]:
    """A side that claims an attack makes one claim: the deed as it first tells it ("its
    drone operators struck the train ... the agency said it was responsible" is one drone
    claim, not a drone and a sabotage claim). Other claims are kept as they are."""
    told: dict[str, int] = {}  # speaker -> index in kept of its deed
    kept: list[Claim] = []
    for claim in claims:
        speaker = split_via(claim.claimant)[0]  # the agency and its source are two voices
        actor = speaker.removeprefix("source in ")
        if claim.stance == "asserts" and claim.cause in _DEEDS and actor in _ACTORS:
            if speaker in told:
                # "X claimed it sabotaged the line ... its agent set fire to a relay cabinet":
                # the means told later says what the sabotage was
                at = told[speaker]
                if kept[at].cause == "sabotage" and claim.cause in _MEANS:
                    kept[at] = claim
                continue
            told[speaker] = len(kept)
        elif (
            claim.stance == "asserts"
            and claim.cause in _HOW_SABOTAGED
            and any(
                k.stance == "asserts"
                and k.cause == "sabotage"
                and split_via(k.claimant)[0] == speaker
                for k in kept
            )
        ):
            # "a source called it a sabotage ... by his account four bombs went off": the
            # bombs tell how the sabotage the same voice asserts was done
            continue
        kept.append(claim)
    return kept


# Means that a voice telling a sabotage gives as how it was done, not as a second cause.
_HOW_SABOTAGED = ("explosive_device",)


# Voices with no name and no side: what they say, a named party of the same incident says too.
_NAMELESS = {"officials", "media", "unnamed reports"}


def named_over_nameless(claims: list[Claim]) -> list[Claim]:
    """A cause told by nameless "officials" or "media" gives way to the same cause told by a
    named party ("Officials said it was caused by unauthorized interference ... the railway
    attributed it to unauthorized interference" is the railway's claim); alone, it stays."""
    named = {
        c.cause
        for c in claims
        if split_via(c.claimant)[0] not in _NAMELESS and c.claimant != "source"
    }
    return [c for c in claims if not (c.claimant in _NAMELESS and c.cause in named)]


# A partisan group told by its kind only ("the partisans", "партизаны").
_PARTISANS_BY_KIND = "partisans"


def claims_by_group(claims: list[Claim]) -> list[Claim]:
    """Claims of "the partisans" ("a spokesperson for the partisan group told ...") are the
    claims of the one partisan group the incident's claims name ("the Atesh guerrillas wrote");
    with no group or with several named, they stay as they are."""
    groups = {
        split_via(c.claimant)[0]
        for c in claims
        if split_via(c.claimant)[0] in partisan_groups() - {_PARTISANS_BY_KIND}
    }
    if len(groups) != 1:
        return claims
    (group,) = groups
    resolved = []
    for claim in claims:
        speaker, via = split_via(claim.claimant)
        if speaker == _PARTISANS_BY_KIND:
            claim = replace(claim, claimant=f"{group} (via {via})" if via else group)
        resolved.append(claim)
    return resolved


def is_case_classification(text: str) -> bool:
    """The text opens or cites a criminal case (an official classification of the event)."""
    return bool(_CASE.search(text))


def stance_of(clause: str, claimant: str | None = None, cause: str | None = None) -> str:
    """asserts | denies | attributes | speculates (definitions in the module docstring)."""
    if _DENIES.search(clause):
        return "denies"
    if _SPECULATES.search(clause):
        return "speculates"
    speaker = (claimant or "").removeprefix("source in ")
    if speaker in _ACTORS or _SELF.search(clause):
        return "asserts"
    if cause is None:  # no cause to weigh: fall back on the verbs
        return "attributes" if _ATTRIBUTES.search(clause) else "asserts"
    if cause in _DELIBERATE and not _ATTRIBUTES.search(clause) and not _CASE.search(clause):
        return "asserts"
    return "attributes"


_SHOT_DOWN = re.compile(
    r"shot\s+down|intercept\w*|destroyed\s+(?:\d+|\w+)\s+drones|air\s+defen[cs]es?|"
    r"перехвач\w+|сбит\w*|сбил\w*|уничтожен\w*|\bПВО\b|противовоздушн\w+",
    re.IGNORECASE,
)
_DRONE_NOT_A_CAUSE = _lexicon_patterns("claim_patterns", "drone_not_a_cause")
_DEBRIS = re.compile(r"debris|fragments?|wreckage|fell|обломк\w+|упал\w*|падени\w+", re.IGNORECASE)


def find_claims(sentence: str, speaker: str | None = None, speaker_text: str = "") -> list[Claim]:
    """Claims about the cause in one sentence.

    A clause with a cause but no claimant of its own takes the claimant of the clause before
    it ("The SBU said ..., and that ..."), or `speaker`, who was quoted in the sentence before
    (named there by `speaker_text`).
    A claim needs words of saying, denying, suspecting or blaming: "a relay cabinet on the
    railway was set on fire" is the event, not anyone's claim.
    """
    claims: list[Claim] = []
    previous_claimant: str | None = speaker
    previous_text = speaker_text or speaker or ""
    if not has_speech(sentence) and speaker is None and not _CASE.search(sentence):
        return []  # a criminal case opened speaks for itself (an official classification)
    for clause in _CLAUSE_SPLIT.split(sentence):
        if not clause.strip():
            continue
        found = claimant_in(clause)
        if found and found[0] == "source" and previous_claimant and _cites_vague_sources(clause):
            found = (previous_claimant, previous_text)  # "X, | citing sources, said ..."
        claimant, claimant_text = found if found else (previous_claimant, previous_text)
        causes = find_causes(clause)
        if not found and causes and _CASE.search(clause):
            # "a criminal case on a terrorist act has been opened": the investigators classify,
            # whoever was quoted in the sentence before
            case = _CASE.search(clause)
            claimant = "Investigative Committee"
            claimant_text = case.group(0).strip() if case else "investigators"
            if _PENDING_CASE.search(clause):
                # "whether to open a case on a terrorist act is being decided": no one named
                claimant, claimant_text = "officials", "officials"
        speaker_side = (claimant or "").removeprefix("source in ")
        if not causes and speaker_side in _AGENCIES and _DEED.search(clause):
            causes = ["sabotage"]
        if (
            causes
            and causes[0] == "drone"
            and (_SHOT_DOWN.search(clause) or _DRONE_NOT_A_CAUSE.search(clause))
            and not _DEBRIS.search(clause)
            and not _DENIES.search(clause)
        ):
            # "14 drones were shot down overnight" reports air defence, not the incident's
            # cause; nor does a drone threat or a drone detected
            causes = causes[1:]
        if (
            not causes
            and found
            and split_via(claimant or "")[0] in _BLAST_TELLERS
            and reports_speech(clause)
            and not _DENIES.search(clause)
            and not _SHOT_DOWN.search(clause)
        ):
            # "Mash reported that a second train was blown up": an outlet named as telling
            # the blast itself asserts it, as a post's source does (report_claim); an
            # official telling the blast tells the event
            causes = event_causes(clause)[:1]
            blast_told = bool(causes)
        else:
            blast_told = False
        causes = means_first(causes)
        stance = stance_of(clause, claimant, causes[0] if causes else None)
        if blast_told and stance == "attributes":
            stance = "asserts"  # the outlet tells the blast as fact, as report_claim has it
        if stance != "denies" and _PENDING_CASE.search(clause):
            stance = "speculates"  # the classification is weighed, not made
        if claimant and not causes and stance == "denies":
            causes = ["unknown"]
        if claimant and causes:
            # the most specific cause speaks for the clause ("a terrorist attack using a bomb")
            name, via = relayed(claimant, claimant_text or "", sentence)
            claims.append(Claim(name, stance, causes[0], sentence, claimant_text=via))
        if found:
            previous_claimant, previous_text = found
    return claims


# Who asserts a blast by telling it: the outlets and channels (an agency that claims attacks
# tells its deed, which is sabotage: see _DEED).
_BLAST_TELLERS = _OUTLETS | {_CHANNEL}


# --- report-level attribution ---------------------------------------------------------------

# The headline and this many body sentences form the lead, where "according to X" or a
# trailing "- X" names the source of the whole post rather than of one sentence.
LEAD_SENTENCES = 3


@cache
def _attribution_patterns(language: str, where: str) -> list[re.Pattern[str]]:
    table = lexicon(language).get("report_attribution") or {}
    return [re.compile(p, re.IGNORECASE) for p in table.get(where, [])]


@cache
def _event_cause_patterns(language: str) -> list[tuple[str, re.Pattern[str]]]:
    table = lexicon(language).get("event_causes") or {}
    return [
        (cause, re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, stems)) + ")", re.IGNORECASE))
        for cause, stems in table.items()
    ]


def event_causes(text: str, language: str | None = None) -> list[str]:
    """Causes that name the event itself ("an explosion occurred" -> explosion); used only
    where a named source tells the event, never on their own as someone's claim."""
    languages = (language,) if language in LANGUAGES else LANGUAGES
    return [
        cause
        for lang in languages
        for cause, pattern in _event_cause_patterns(lang)
        if pattern.search(text)
    ]


CITING = _lexicon_patterns("claim_patterns", "citing")
# Parties too vague to be a post's named source ("- Russian media").
_VAGUE = {
    "Russian officials",
    "Ukrainian officials",
    "Russian media",
    "Ukrainian media",
    "media",
    "officials",
    "regional authorities",
    "unnamed reports",
}
VAGUE_CLAIMANTS = frozenset(_VAGUE)


def report_source(sentences: list[str], language: str) -> tuple[str, str] | None:
    """(claimant, the words naming it) when the report names the source of the whole post:
    "This was reported by the Baza channel", "Source: ...", "Об этом сообщил ...", or in the
    lead "..., according to X" / "Как передаёт X, ..." / a headline ending "- X". Only a
    source the claimant table knows counts: an attribution to "local media" names no one."""
    if language not in LANGUAGES:
        return None
    # a standalone attribution anywhere names the source more surely than the lead's forms
    for kind in ("anywhere", "lead"):
        for index, sentence in enumerate(sentences):
            if kind == "lead" and index > LEAD_SENTENCES:
                break
            for pattern in _attribution_patterns(language, kind):
                match = pattern.search(sentence.strip())
                if not match:
                    continue
                src = match.group("src")
                cited = CITING.search(src)
                if cited:
                    # "X, citing Y" / "X со ссылкой на Y": Y is the one who says it
                    src = src[cited.end() :]
                found = claimant_in(src)
                if found and found[0] not in _GENERIC | _VAGUE:
                    return found[0], with_holder_name(src, found[1])
    return None


# the name that follows a title: "Governor Ivan Petrov", "губернатор Иван Петров"
_HOLDER = re.compile(r"\s+((?-i:[A-ZА-ЯЁ][\w'’-]+)(?:\s+(?-i:[A-ZА-ЯЁ][\w'’-]+)){0,2})")


def with_holder_name(text: str, words_: str) -> str:
    """The words naming a party in `text`, with the personal name that follows a title
    ("Governor" -> "Governor Ivan Petrov"); the words as they are when no name follows."""
    at = text.find(words_)
    if at < 0:
        return words_
    holder = _HOLDER.match(text, at + len(words_))
    return text[at : holder.end()] if holder else words_


def named_in(name: str, words_: str) -> bool:
    """A claimant's name is a word or words of `words_` ("Petrov" in "Governor Ivan
    Petrov"): the same party under its title and under its name."""
    return bool(name.strip()) and bool(
        re.search(rf"(?<!\w){re.escape(name.strip())}(?!\w)", words_, re.IGNORECASE)
    )


def report_claim(
    source: str, sentence: str, language: str, *, attribution: str = ""
) -> Claim | None:
    """The claim a post's source makes by telling the event in `sentence` (a sentence of the
    incident that names no speaker of its own), or None when it names no cause or blast."""
    own = claimant_in(sentence)
    if own and own[0] not in _GENERIC and not same_claimant(own[0], source):
        return None  # the sentence quotes someone else
    if _DENIES.search(sentence) or _SHOT_DOWN.search(sentence):
        return None
    causes = find_causes(sentence)
    if causes:
        stance = stance_of(sentence, source, causes[0])
        return Claim(source, stance, causes[0], sentence, claimant_text=attribution or source)
    blast = event_causes(sentence, language)
    if blast and source in _OUTLETS | _AGENCIES | {"Telegram channel"}:
        # an outlet's own account of the blast, or the side that claims attacks telling it;
        # an official telling that tank cars exploded after a derailment tells the event
        # the source tells the blast as fact
        return Claim(source, "asserts", blast[0], sentence, claimant_text=attribution or source)
    return None
