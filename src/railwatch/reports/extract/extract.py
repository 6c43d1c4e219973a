"""Incidents in one report: detection, type, date, places, traffic effect, quantities,
casualties and claims.

The report is split into sentences; sentences with an incident trigger that is about the
railway and is not negated, hypothetical or history become evidence. Evidence sentences are
grouped into incidents: a new incident starts when a sentence's date does not fit the
current one and it names another place, another kind of event or says "second"/"another"
("ещё один"), or names a day and another place (under a paragraph of its own: another
region) while the incident so far has none; such a day before publication is an older event
recalled (background). A headline naming two kinds ("derailed after an explosion") announces
two incidents only when the body tells the second with a place or day of its own. Every
other sentence lends its effects, counts, casualties and claims to the incident told just
before it.

Which events the report is about: an event dated only to a week, month or year outside
every day-dated event of the report is background ("last month's derailment") and is not
reported; an event inside the complement of "a day after"/"hours after" is the one referred
to, not the one told. An incident whose text gives no date takes the publication day only in
a report that breaks the news (its headline or lead tells the incident, not its aftermath);
a follow-up that names no day leaves the date unknown.
"""

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cache
from typing import cast

from railwatch.reports.extract.claimants import (
    canonical_claimant,
    outlets,
    same_claimant,
    split_via,
)
from railwatch.reports.extract.claims import (
    claim_dates,
    claimant_in,
    claims_by_group,
    event_causes,
    find_causes,
    find_claimant,
    find_claims,
    has_speech,
    is_case_classification,
    named_in,
    named_over_nameless,
    named_party,
    one_deed_per_actor,
    refers_back,
    relayed,
    report_claim,
    report_source,
    reports_speech,
    states_a_cause,
    with_holder_name,
)
from railwatch.reports.extract.dates import (
    ANY_YEAR,
    DateMention,
    find_dates,
    publication_fallback,
    year_unknown,
)
from railwatch.reports.extract.effects import EffectMention, effect_mentions, last_effect
from railwatch.reports.extract.nlp_claims import (
    check_claims,
    earlier_speaker,
    first_teller,
    speaker_of,
    teller_of_previous,
)
from railwatch.reports.extract.quantities import find_casualties, find_quantities, merge_quantities
from railwatch.reports.extract.report_kind import (
    INCIDENT,
    lead_indices,
    report_kind,
    trigger_frame,
)
from railwatch.reports.extract.triggers import (
    TYPE_PRIORITY,
    Trigger,
    find_triggers,
    headline_frame,
    is_about_rail,
    is_habitual,
    is_history,
    is_hypothetical,
    is_negated,
    names_other_target,
    recalls,
)
from railwatch.reports.lexicon import LANGUAGES, alternation, words
from railwatch.reports.model import Claim, DateValue, ExtractedIncident, PlaceMention, Quantity
from railwatch.reports.place.gazetteer import name_keys, place_index, stem_key
from railwatch.reports.place.places_text import EARLIER_EVENT, find_places, names_the_site
from railwatch.reports.text.sentences import Sentence, split_sentences

# Words that announce another incident rather than more about the same one.
_ANOTHER = re.compile(
    r"\b(?:second|another|separate|third|also\s+(?:derailed|exploded|hit|struck)|a\s+new)\b|"
    r"(?:ещё|еще)\s+од(?:ин|на|но|ного|ной)|втор(?:ой|ая|ое|ого|ую|ом)|треть\w+|повторн\w+|"
    r"нов(?:ый|ая|ое|ого|ую|ом)\s+(?:взрыв|подрыв|пожар|сход|инцидент|случай|атак\w*|диверси\w*)|"
    r"ещ[её]\s+(?:один|одна|одно)|отдельн\w+",
    re.IGNORECASE,
)
_PRECISE_PLACE_KINDS = {"structure", "section", "station", "settlement"}
_SELF_CAUSING_TYPES = {"drone_strike", "explosion"}  # a cause that is itself the deed
_CONSEQUENCE_TYPES = {"fire", "other"}  # follow from another event as often as they start one
RECENT_DAYS = 60
_STALE_DAYS = 7  # a date this many days before the report is no same-day news
# a cause given as a preliminary finding (lexicon ``official_finding``)
_FINDING = alternation("official_finding")
_LANGUAGES = ("en", "ru")
# a date right after "said"/"сообщили" is when it was told, not when it happened
_TOLD = re.compile(
    "|".join(f"(?<!\\w)(?:{p})$" for lang in _LANGUAGES for p in words(lang, "date_told_before")),
    re.IGNORECASE,
)
# a date right before "said"/"заявил" in its clause ("The governor on Tuesday said") is too
_TOLD_AFTER = re.compile(
    "|".join(f"^(?:{p})" for lang in _LANGUAGES for p in words(lang, "date_told_after")),
    re.IGNORECASE,
)


@dataclass
class _Draft:
    """An incident being assembled from evidence sentences."""

    first_sentence: int
    types: list[str] = field(default_factory=list)
    # kinds told after the headline; a headline naming two events ("a drone at A and a
    # derailment at B") announces two incidents, so its kinds do not hold the body together
    body_types: list[str] = field(default_factory=list)
    headline_kinds: int = 0
    # the kinds of each evidence sentence, and whether the sentence reports someone's claim
    type_groups: list[tuple[set[str], bool]] = field(default_factory=list)
    occurred: DateValue | None = None
    places: list[PlaceMention] = field(default_factory=list)
    effects: list[EffectMention] = field(default_factory=list)  # in text order
    quantities: list[Quantity] = field(default_factory=list)
    casualties: dict[str, int] = field(default_factory=dict)
    claims: list[Claim] = field(default_factory=list)
    restored_at: DateValue | None = None
    evidence: list[str] = field(default_factory=list)
    sentences: list[int] = field(default_factory=list)
    # an older event the report mentions in passing: it owns its sentences (so their
    # effects and claims do not go to the main event) but is not reported
    background: bool = False
    # an earlier event named in passing as "the first" of two: it owns only its own sentences
    recalled: bool = False


_MONTH_WORD = (
    r"(?:январ|феврал|март|апрел|ма[яй]|июн|июл|август|сентябр|октябр|ноябр|декабр|jan|feb|"
    r"mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-zа-яё]*"
)
# "MOSCOW, Dec 1 (Reuters) -", "KHABAROVSK, Jan 27 -", "МОСКВА, 7 октября — РИА Новости.":
# the place and date of the dispatch, not of the event
_DATELINE = re.compile(
    r"^(?:[A-ZА-ЯЁ][A-ZА-ЯЁa-zа-яё\s\-,.]{2,40},\s*[^()]{3,20}\([A-Za-zА-Яа-яЁё \-]+\)\s*[-–—]|"
    r"[A-ZА-ЯЁ][A-ZА-ЯЁ\-. ]{2,30},\s*[^()\n\-–—]{3,25}?(?:\s*\([^()\n]{2,30}\))?\s*[-–—]"
    # the story goes on after the dash (a heading "MONDAY, 6 OCTOBER — PRIMORYE" does not)
    r"(?=[^\n]*[a-zа-яё][^\n]{10,})|"
    # "Хабаровск, 6 июня —", "Tynda, June 6 -": a place in title case and a day of a month
    r"[A-ZА-ЯЁ][a-zа-яё]+(?:[\s\-][A-ZА-ЯЁ]?[a-zа-яё]+){0,2},\s*"
    rf"(?:\d{{1,2}}\s+{_MONTH_WORD}|{_MONTH_WORD}\.?\s+\d{{1,2}})(?:,?\s+\d{{4}})?\.?\s*[-–—]\s)"
)


# "the first train", "an earlier blast", "первый поезд", "предыдущий взрыв": the earlier of two
_FIRST = re.compile(
    r"\b(?:the\s+first|an\s+earlier|the\s+earlier|the\s+previous)\b|"
    r"(?<!\w)(?:перв|предыдущ)(?:ый|ий|ая|ое|ее|ого|его|ой|ей|ую|юю|ом|ем)\b",
    re.IGNORECASE,
)


# "This time the blast hit the bridge", "на этот раз": back from the earlier event to the main
_BACK_TO_MAIN = re.compile(
    r"\b(?:this\s+time|now)\b|(?<!\w)(?:на|в)\s+этот\s+раз\b|(?<!\w)теперь\b", re.IGNORECASE
)


def _told_as_first(sentence: str, trigger_position: int) -> bool:
    """Whether the clause of the trigger calls its event the first (earlier) one: "the first"
    within the few words before the trigger, in the same clause."""
    before = sentence[max(0, trigger_position - 40) : trigger_position]
    found = list(_FIRST.finditer(before))
    return bool(found) and not re.search(r"[,;:]", before[found[-1].end() :])


def _dates_in(sentence: Sentence, mentions: list[DateMention]) -> list[DateMention]:
    end = sentence.start + len(sentence.text)
    dateline = _DATELINE.match(sentence.text)
    skip_until = sentence.start + dateline.end() if dateline else sentence.start
    return [m for m in mentions if skip_until <= m.start < end]


def _dispatch_day(opening: list[Sentence], published: date | None, language: str) -> date | None:
    """The day a dispatch is datelined ("MOSCOW, Oct 7 (Reuters) -"), which "last night" and
    "on Tuesday" count from, when it lies in the week before publication; else publication."""
    if published is None:
        return None
    for sentence in opening:
        dateline = _DATELINE.match(sentence.text)
        if dateline is None:
            continue
        days = [
            m.value.start
            for m in find_dates(dateline.group(0), published, language)
            if m.value.precision == "day" and m.value.method == "explicit"
        ]
        if days and published - timedelta(days=7) <= days[0] <= published:
            return days[0]
    return published


def _is_recent(mentions: list[DateMention], published: date | None) -> bool:
    if published is None:
        return True
    return any(m.value.end >= published - timedelta(days=RECENT_DAYS) for m in mentions)


FRESH_DAYS = 7


def _is_fresh(mentions: list[DateMention], published: date | None) -> bool:
    """A day-precise date within FRESH_DAYS before publication: news, not a recap."""
    if published is None:
        return False
    return any(
        m.value.precision in {"day", "night"}
        and published - timedelta(days=FRESH_DAYS) <= m.value.start <= published + timedelta(days=1)
        for m in mentions
    )


def _event_date(
    sentence: Sentence, mentions: list[DateMention], trigger: Trigger, published: date | None
) -> DateValue | None:
    """The date nearest the trigger word, preferring day-precise dates over months and years,
    and never a date after publication."""
    position = sentence.start + trigger.position
    spans = _complements(sentence, mentions)
    for mention, (low, high) in spans:
        if low <= position < high and mention.complement is not None:
            # the trigger names the event "a day after" refers to: its date is the complement's
            inside = [m for m in mentions if low <= m.start < high and m.complement is None]
            return inside[0].value if inside else mention.complement
    # dates inside another event's complement do not date this one
    mentions = [m for m in mentions if not any(lo <= m.start < hi for _m, (lo, hi) in spans)]
    usable = [
        m for m in mentions if published is None or m.value.start <= published + timedelta(days=1)
    ]
    if not usable:
        return None
    rank = {"day": 0, "night": 0, "week": 1, "month": 2, "year": 3}

    def key(m: DateMention) -> tuple[bool, bool, int, bool, int]:
        # a statement's date dates the event only when the sentence has no other
        told = bool(_TOLD.search(text_before(m)))
        return (
            told,
            _told_after(sentence, m),
            rank.get(m.value.precision, 4),
            m.value.method != "explicit",
            abs(m.start - position),
        )

    def text_before(m: DateMention) -> str:
        offset = m.start - sentence.start
        return sentence.text[max(0, offset - 30) : offset]

    best = min(usable, key=key)
    if _TOLD.search(text_before(best)):
        return None
    return best.value


def _recalls_like_event(
    sentence: str, occurred: DateValue | None, main: _Draft | None, language: str
) -> bool:
    """Whether a dated sentence tells an earlier event like the main one ("On Oct. 2, a drone
    hit a locomotive at the same station") or is labelled as background ("Background: on Oct.
    2, ..."): it names "the same" place or "a similar" event, or opens with such a label, and
    its date is before the main event's (or the main event has none yet)."""
    if main is None or occurred is None:
        return False
    if main.occurred is not None and occurred.end >= main.occurred.start:
        return False
    patterns = words(language, "like_event_patterns")
    return any(re.search(p, sentence, re.IGNORECASE) for p in patterns)


def _told_after(sentence: Sentence, mention: DateMention) -> bool:
    """Whether a verb of saying follows the date within its clause ("Губернатор 9 октября
    заявил, что ..."): the date is the statement's."""
    offset = mention.end - sentence.start
    return bool(_TOLD_AFTER.match(sentence.text[offset : offset + 60]))


def _complements(
    sentence: Sentence, mentions: list[DateMention]
) -> list[tuple[DateMention, tuple[int, int]]]:
    """The complement of each relational phrase in the sentence ("a day after [the blast
    at X on Monday]"), as text offsets: from the phrase to the end of its clause."""
    end = sentence.start + len(sentence.text)
    spans = []
    for mention in mentions:
        if mention.complement is None or not sentence.start <= mention.start < end:
            continue
        rest = sentence.text[mention.end - sentence.start :]
        stop = re.search(r"[,;:!?]|\.(?:\s|$)", rest)
        spans.append((mention, (mention.end, mention.end + (stop.start() if stop else len(rest)))))
    return spans


def _outside_complements(
    sentence: Sentence, mentions: list[DateMention], triggers: list[Trigger]
) -> list[Trigger]:
    """The triggers that are not inside a relational phrase's complement; a sentence that
    tells an event "hours after" another is about the first one. All of them when every
    trigger is inside one."""
    spans = [span for _m, span in _complements(sentence, mentions)]
    outside = [
        t for t in triggers if not any(lo <= sentence.start + t.position < hi for lo, hi in spans)
    ]
    return outside or triggers


# "he"/"she" as the subject of a clause that speaks: the person named just before
_PRONOUN_SUBJECT = re.compile(
    r"(?:^|,\s+)(he|she|он|она)\s+(?:\w+\s+)?(?:said|ruled|denied|"
    r"blamed|added|dismissed|suggested|заявил\w*|исключил\w*|отверг\w*|назвал\w*|добавил\w*)\b",
    re.IGNORECASE,
)
# claimants that are single people (a pronoun can refer to them)
_PERSONS = {"governor", "lawyer", "lawmaker", "expert"}
# A denial that names no cause denies the event; where the event's type is itself a cause
# ("the railway did not confirm a drone hit the substation"), that is the cause denied.
_TYPE_CAUSE = {"drone_strike": "drone", "arson": "arson"}
# A sentence opening with a time of day continues the day of the incident told before it.
_SAME_DAY = re.compile(
    r"^\s*(?:дн[её]м|вечером|утром|позже|в\s+тот\s+же\s+день|later\s+(?:that|the\s+same)\s+day|"
    r"that\s+(?:afternoon|evening|morning)|in\s+the\s+(?:afternoon|evening))\b",
    re.IGNORECASE,
)
# A heading line: short, no closing punctuation ("FRIDAY, 10 OCTOBER — TRANSBAIKALIA").
_HEADING = re.compile(r"^[^.!?]{3,80}$")


def _is_headline(sentences: list[Sentence]) -> bool:
    """Whether the first sentence is a headline: a paragraph of its own. A lead sentence that
    goes on in its paragraph ("a line was blown up, causing a derailment") tells one event,
    whatever kinds it names."""
    return len(sentences) < 2 or sentences[0].paragraph != sentences[1].paragraph


def _is_subheading(sentences: list[Sentence], index: int) -> bool:
    """A heading line inside the body: a short paragraph of its own without closing
    punctuation, followed by a paragraph."""
    if index == 0 or index + 1 >= len(sentences):
        return False
    here, before, after = sentences[index], sentences[index - 1], sentences[index + 1]
    return before.paragraph != here.paragraph != after.paragraph and bool(
        _HEADING.match(here.text.strip())
    )


def _section_dates(sentences: list[Sentence], mentions: list[DateMention]) -> dict[int, DateValue]:
    """Paragraphs (after the headline) that open with a dated heading, and that day: in a
    roundup each dated section tells its own incident."""
    found: dict[int, DateValue] = {}
    for index, sentence in enumerate(sentences):
        opens = index > 0 and sentences[index - 1].paragraph != sentence.paragraph
        if not opens or not _HEADING.match(sentence.text.strip()):
            continue
        days = [m for m in _dates_in(sentence, mentions) if m.value.precision in {"day", "night"}]
        if days:
            found[sentence.paragraph] = days[0].value
    return found


def _dates_compatible(a: DateValue | None, b: DateValue | None) -> bool:
    if a is None or b is None:
        return True
    if a.precision not in {"day", "night"} or b.precision not in {"day", "night"}:
        return a.start <= b.end and b.start <= a.end
    return a.start <= b.end and b.start <= a.end


def _precise_places(places: list[PlaceMention]) -> set[str]:
    return {p.normalized for p in places if p.kind_hint in _PRECISE_PLACE_KINDS}


def _districts(places: list[PlaceMention]) -> set[str]:
    return {p.normalized for p in places if p.kind_hint == "district"}


def _site_stems(names: set[str], language: str) -> set[str]:
    """The own words of place names, cut to five letters so that case endings agree
    ("Снежетская", "Снежетской"), without the words that only say what kind of place it is."""
    generic = set(words(language, "site_generic_words"))
    return {
        word[:5]
        for name in names
        for word in re.findall(r"[^\W\d_]+", name.lower())
        if len(word) >= 4 and word not in generic
    }


def _regions(places: list[PlaceMention], language: str) -> set[str]:
    """The words naming the regions a sentence names, without those that say what kind of
    region it is: "Voronezh region" and "Voronezh Oblast" both give {"voronezh"}."""
    generic = set(words(language, "region_generic_words"))
    found = {
        word
        for place in places
        if place.kind_hint == "region"
        for word in place.normalized.split()
        if word not in generic
    }
    # one region under two names ("на Кубани", "Краснодарского края"): the place list's code
    # of the region they name is shared
    return found | {
        code for place in places if place.kind_hint == "region" for code in _region_code(place.text)
    }


def _other_region(
    places: list[PlaceMention], draft_places: list[PlaceMention], language: str
) -> bool:
    """Whether a sentence's places name a region the incident's do not, where both name one."""
    new_regions, old_regions = _regions(places, language), _regions(draft_places, language)
    return bool(
        new_regions
        and old_regions
        and not new_regions & old_regions  # no word in common: "Amur" is "Russia's Amur"
        and not _precise_places(places) & _precise_places(draft_places)
        # "the line between Moscow and Kursk Oblast", then "in Moscow Oblast": a region
        # named after a place the incident already has is not another region
        and not _names_region_of(draft_places, new_regions)
        and not _names_region_of(places, old_regions)
    )


def _names_region_of(places: list[PlaceMention], regions: set[str]) -> bool:
    """Whether a word of a place that is not a region is, case ending aside, a word naming
    one of the regions ("Moscow" of "between Moscow and Kursk Oblast" and "Moscow Oblast";
    «между Брянском и …» and «Брянской области»)."""
    region_stems = {stem_key(r) for r in regions if not r.startswith("@")}
    place_stems = {
        stem_key(word)
        for place in places
        if place.kind_hint != "region"
        for word in re.findall(r"[^\W\d_]+", place.normalized.lower())
    }
    return bool(region_stems & place_stems)


def _site_region_codes(places: list[PlaceMention], language: str) -> set[str]:
    """The place list's codes of the regions the settlements, stations and stretches of
    `places` lie in, by their own words ("between the town of A and the village of B"): a
    word counts when every settlement of that name lies in one region."""
    codes: set[str] = set()
    generic = set(words(language, "site_generic_words"))
    for place in places:
        if place.kind_hint not in _PRECISE_PLACE_KINDS:
            continue
        for word in re.findall(r"[^\W\d_]+", place.text):
            if len(word) >= 4 and word.lower() not in generic:
                codes.update(_settlement_code(word))
    return codes


@cache
def _settlement_code(word: str) -> tuple[str, ...]:
    """("@" + the place list's code of the region every settlement named `word` lies in,)
    or () when there is none or they lie in several."""
    index = place_index()
    found = {
        f"@{p.country}:{p.admin1}"
        for key in name_keys(word)
        for p in index.get(key, [])
        if p.kind == "settlement"
    }
    return tuple(found) if len(found) == 1 else ()


@cache
def _region_code(name: str) -> tuple[str, ...]:
    """("@" + the place list's code of the one region `name` names,) or () when it names
    none or several."""
    from railwatch.reports.place.gazetteer import region_places

    found = {f"@{p.country}:{p.admin1}" for p in region_places(name)}
    return tuple(found) if len(found) == 1 else ()


def _says(sentence: str, language: str, key: str) -> bool:
    """Whether a pattern of the language's lexicon list `key` occurs in the sentence."""
    return any(re.search(p, sentence, re.IGNORECASE) for p in words(language, key))


def _refers_back(sentence: str, language: str) -> bool:
    """Whether a sentence speaks of an incident already told ("the blast", "это ЧП")."""
    return _says(sentence, language, "same_event_patterns")


def _names_another_event(sentence: str, language: str) -> bool:
    """Whether a sentence speaks of an incident other than the one it is placed with ("on
    another line", "a similar incident", «второй случай за месяц»; lexicon
    ``other_event_markers``)."""
    return _says(sentence, language, "other_event_markers")


def _opens_recap_tail(sentence: str, language: str) -> bool:
    """Whether a sentence opens a recap of earlier news ("Recall that ...", «Напомним, ...»;
    lexicon ``recap_tail_patterns``)."""
    return _says(sentence, language, "recap_tail_patterns")


def _opens_as_earlier(sentence: str, language: str) -> bool:
    """Whether a sentence opens by telling an older event ("Earlier, ...", "Ранее ...")."""
    return any(re.match(p, sentence, re.IGNORECASE) for p in words(language, "earlier_openers"))


def _starts_new_incident(
    draft: _Draft,
    sentence: str,
    occurred: DateValue | None,
    places: list[PlaceMention],
    kinds: set[str],
    *,
    new_paragraph: bool = False,
    language: str = "en",
    published: date | None = None,
) -> bool:
    new_places = _precise_places(places)
    old_places = _precise_places(draft.places)
    # a station and the stretch named after it are one site told at two precisions
    other_place = bool(
        new_places
        and old_places
        and not new_places & old_places
        and not _site_stems(new_places, language) & _site_stems(old_places, language)
    )
    new_regions = _regions(places, language)
    other_region = _other_region(places, draft.places, language)
    if (
        # told in the body, not only in the headline; or dated weeks before the report, so
        # not the undated breaking event ("12 February saw a collision in X region")
        (len(draft.sentences) > 1 or _long_before(occurred, published))
        and draft.occurred is None
        and occurred is not None
        and occurred.precision in {"day", "night"}
        and not _retells_the_day(draft, occurred, kinds, published)
        and (
            (new_paragraph and other_region)
            # a place that is none of the draft's (a region against a station), told
            # without "the blast"/"это ЧП"
            or (
                not _refers_back(sentence, language)
                and _names_other_place(places, draft.places, language)
                # «подрыв под Брянском», then «губернатор Брянской области»: the region of a
                # town the incident already has is no other place
                and not _names_region_of(draft.places, new_regions)
            )
        )
    ):
        # a sentence dates an event elsewhere while the one told so far has no date: a
        # second event, which must not lend the first its date
        return True
    main_old = {t for t in draft.types if t not in _CONSEQUENCE_TYPES}
    main_new = {t for t in kinds if t not in _CONSEQUENCE_TYPES}
    other_kind = bool(main_old and main_new and not main_old & main_new)
    if draft.headline_kinds >= 2 and (new_places or new_regions or occurred is not None):
        # the headline's second kind told with a place or day of its own is a second event;
        # told with neither ("An explosion occurred before the wagons left the track") it is
        # more about the one event ("derailed after an explosion", "наехал на взрывчатку и
        # сошёл с рельсов")
        told = {t for t in draft.body_types if t not in _CONSEQUENCE_TYPES}
        if told and main_new and not told & main_new:
            return True
    # "another" only splits off from an incident already told in detail, not from a headline
    described = draft.occurred is not None or bool(old_places)
    another = described and bool(_ANOTHER.search(sentence))
    # districts count here too: "Earlier, the governor reported drones downed over the X and Y
    # districts" tells of other places than the incident's station
    new_local = new_places | _districts(places)
    old_local = old_places | _districts(draft.places)
    if (
        occurred is None
        and draft.occurred is not None
        and new_local
        and not new_local & old_local
        and not _site_stems(new_local, language) & _site_stems(old_local, language)
        and _opens_as_earlier(sentence, language)
        and not _says(sentence, language, "earlier_report_openers")
        and not _refers_back(sentence, language)
    ):
        return True  # "Earlier, at X, 20 wagons derailed" after a dated incident: an older one
    if _earlier_period(occurred) and draft.occurred and draft.occurred.precision in _DAYS:
        return True  # "Earlier this year, ..." after a dated incident: an older one
    if not _dates_compatible(draft.occurred, occurred):
        return another or other_place or other_region or other_kind
    if other_region and draft.body_types and not _refers_back(sentence, language):
        # a roundup goes on to an event in another region, told without "the blast"/"это ЧП"
        return True
    return (another and (other_place or occurred is not None)) or (other_place and other_kind)


def _own_places(
    target: _Draft, drafts: list[_Draft], places: list[PlaceMention], language: str
) -> list[PlaceMention]:
    """The places of a sentence that are the incident's: not a region of another incident
    the report tells, nor a place named like one, when the incident has a region of its own
    ("damage in the Krasnodar and Rostov regions" told with the Rostov item is not about
    Rostov alone; «в Краснодарском крае и Ростовской области»)."""
    own = {r for r in _regions(target.places, language) if not r.startswith("@")}
    if not own:
        return places
    others = {
        r
        for d in drafts
        if d is not target and not d.background
        for r in _regions(d.places, language)
        if not r.startswith("@")
    } - own

    def elsewhere(place: PlaceMention) -> bool:
        if place.kind_hint == "region":
            named = {r for r in _regions([place], language) if not r.startswith("@")}
            return bool(named) and named <= others
        return _names_region_of([place], others) and not _names_region_of([place], own)

    return [p for p in places if not elsewhere(p)]


# Causes that are attacks, whose claim names where the attack was ("a train from A to B"
# in a claim about a driver's fault names a route, not the site).
_ATTACKS = frozenset({"sabotage", "explosive_device", "arson", "drone", "shelling"})


def _claims_elsewhere(
    draft: _Draft, places: list[PlaceMention], drafts: list[_Draft], language: str
) -> bool:
    """A claim sentence that names regions, none of them the incident's nor another
    incident's of the report, tells of an event elsewhere ("a partisan group claimed an
    attack on a line in X region" in a report on a derailment in Y region)."""
    named = _regions(places, language)
    own = _regions(draft.places, language)
    if not named or not own:
        return False
    told = set().union(*(_regions(d.places, language) for d in drafts))
    return not named & told and not _names_region_of(draft.places, named)


def _shared_regions(draft: _Draft, places: list[PlaceMention], language: str) -> set[str]:
    """The regions a sentence names that an incident (not one told in passing) has."""
    if draft.background:
        return set()
    return _regions(places, language) & _regions(draft.places, language)


def _goes_back_to(
    drafts: list[_Draft],
    last: _Draft,
    sentence: str,
    occurred: DateValue | None,
    places: list[PlaceMention],
    language: str,
) -> _Draft | None:
    """The incident told before `last` that a sentence naming none of `last`'s regions tells
    again: a roundup whose lead gives one line per region and whose body then tells
    each in turn ("In Krasnodar Krai, the governor said ...", «В Ростовской области ...»).
    Only when it names that incident's region and no other, with no other date and not as
    an older or another event."""
    regions = _regions(places, language)
    last_regions = _regions(last.places, language)
    if not regions or not last_regions or regions & last_regions:
        return None
    if (
        _names_region_of(last.places, regions)
        or _opens_as_earlier(sentence, language)
        or _names_another_event(sentence, language)
    ):
        return None
    found = [
        d
        for d in drafts
        if d is not last
        and not d.background
        and {r for r in regions if not r.startswith("@")} <= _regions(d.places, language)
        and _shared_regions(d, places, language)
        and _dates_compatible(d.occurred, occurred)
    ]
    return found[-1] if len(found) == 1 else None


def _home_of_site(
    drafts: list[_Draft], draft: _Draft, places: list[PlaceMention], language: str
) -> _Draft:
    """The incident a sentence naming the site belongs to: `draft`, unless the draft names a
    region, the site's settlements lie in another, and one other incident of the report
    names that one ("a pylon blown up in Tver Oblast" told after a blast in Kursk Oblast,
    then "the incident took place between Lgov and Kurchatov": the Kursk blast's site)."""
    own = {r for r in _regions(draft.places, language) if r.startswith("@")}
    site = _site_region_codes(places, language)
    if not own or not site or site & own:
        return draft
    others = [
        d
        for d in drafts
        if d is not draft
        and not d.background
        and site <= {r for r in _regions(d.places, language) if r.startswith("@")}
    ]
    return others[0] if len(others) == 1 else draft


def _long_before(occurred: DateValue | None, published: date | None) -> bool:
    """The date lies more than a week before publication."""
    return bool(occurred and published and (published - occurred.end).days > _STALE_DAYS)


def _retells_the_day(
    draft: _Draft, occurred: DateValue, kinds: set[str], published: date | None
) -> bool:
    """An undated breaking event, then its station and hour dated within a day of the
    dispatch ("derailed in X region" and then the railway's "on 21 November at 01:15 at Y
    station ... derailed"): the same event told in detail, not a second one elsewhere."""
    if published is None or not set(draft.types) & (kinds - _CONSEQUENCE_TYPES):
        return False
    return abs((occurred.end - published).days) <= 1


def _place_key(place: PlaceMention) -> tuple[str, str]:
    return (place.normalized, place.kind_hint)


def _add_places(draft: _Draft, places: list[PlaceMention]) -> None:
    seen = {_place_key(p) for p in draft.places}
    for place in places:
        if _place_key(place) not in seen:
            draft.places.append(place)
            seen.add(_place_key(place))


# the kinds of place a sentence after an incident's own names as its site
_SITE_KINDS = ("section", "station", "structure")


def _goes_on_about(sentences: list[Sentence], index: int, draft: _Draft) -> bool:
    """Whether a sentence follows one of the draft's own in the same paragraph, one that is
    not a recap of an earlier event ("Ранее поезд сошёл с рельсов под Тулой. ЧП произошло
    на перегоне ...": that stretch is the earlier event's). A sentence that says where "the
    incident" happened was judged by `_places_this_draft` already."""
    previous = sentences[index - 1].text if index else ""
    return (
        index - 1 in draft.sentences
        and sentences[index - 1].paragraph == sentences[index].paragraph
        and not EARLIER_EVENT.search(previous)
        and not names_the_site(sentences[index].text)
    )


def _places_this_draft(
    draft: _Draft,
    index: int,
    sentences: list[Sentence],
    mentions: list[DateMention],
    language: str,
) -> bool:
    """Whether a sentence that says where "the incident" happened is about this draft: the
    incident told last before it is the draft's (not an earlier one recalled), and any date
    it gives agrees with the draft's."""
    sentence = sentences[index]
    dates = [m.value for m in _dates_in(sentence, mentions)]
    if not all(
        _dates_compatible(draft.occurred, v)
        for v in dates
        if v.precision in {"day", "night", "month"}
    ):
        return False
    told_last = next(
        (i for i in range(index - 1, -1, -1) if find_triggers(sentences[i].text, language)),
        None,
    )
    return told_last in draft.sentences and not EARLIER_EVENT.search(sentences[told_last].text)


def _restoration_date(
    sentence: Sentence, mentions: list[DateMention], published: date | None
) -> DateValue | None:
    usable = [
        m.value
        for m in mentions
        if m.value.precision in {"day", "night"}
        and (published is None or m.value.start <= published + timedelta(days=1))
    ]
    return usable[-1] if usable else None


def _merge_casualties(into: dict[str, int], found: dict[str, int]) -> None:
    for key, value in found.items():
        into[key] = max(into.get(key, 0), value)


def _fallback_date(
    sentences: list[Sentence], mentions: list[DateMention], published: date | None,
    skip: set[int], reference: date | None = None, language: str = "en",
    places: list[PlaceMention] | None = None, gazetteer: set[str] | None = None,
) -> DateValue | None:  # fmt: skip
    """A date for an incident whose evidence carries none: the first recent day-precise date in
    the headline and first paragraph, or in a later sentence that names no place other than
    the incident's `places`, outside restoration sentences and recaps of earlier news
    ("Напомним, 1 мая ...", "Background: ..."), else the publication date (flagged) when `published` is given (a breaking report;
    `reference` is the publication date that bounds "recent" either way)."""
    if reference is None:
        reference = published
    recap = words(language, "recap_patterns")
    for index, sentence in enumerate(sentences):
        if index in skip or any(re.search(p, sentence.text, re.IGNORECASE) for p in recap):
            continue
        for mention in _dates_in(sentence, mentions):
            offset = mention.start - sentence.start
            told = _TOLD.search(sentence.text[max(0, offset - 30) : offset])
            if mention.value.precision not in {"day", "night"} or told:
                continue
            if _told_after(sentence, mention):
                continue
            if reference is None or (
                reference - timedelta(days=14) <= mention.value.start <= reference
            ):
                # a later paragraph about another place dates another event (places are
                # looked up only for a sentence that has a date to give)
                if not _in_lead(sentences, index) and _names_other_place(
                    find_places(sentence.text, gazetteer), places, language
                ):
                    break
                return mention.value
    told_site = _told_site_date(sentences, mentions, skip, reference, language, places, gazetteer)
    if told_site is not None:
        return told_site
    return publication_fallback(published) if published else None


def _told_site_date(
    sentences: list[Sentence], mentions: list[DateMention], skip: set[int],
    reference: date | None, language: str, places: list[PlaceMention] | None,
    gazetteer: set[str] | None,
) -> DateValue | None:  # fmt: skip
    """The day a follow-up (a criminal case opened, a finding) tells its incident on, weeks
    or months before publication, in a sentence of its own: "По версии следствия, 3 марта
    2024 года на станции X ...", "According to investigators, on March 3, 2024, at X station
    ...". Only a day with its year stated, in a sentence about the railway that names a
    place and none other than the incident's, outside recaps of earlier news and dates of
    saying."""
    recap = words(language, "recap_patterns")
    for index, sentence in enumerate(sentences):
        if index in skip or any(re.search(p, sentence.text, re.IGNORECASE) for p in recap):
            continue
        dated = [
            m
            for m in _dates_in(sentence, mentions)
            if m.value.precision == "day"
            and m.value.method == "explicit"
            and ANY_YEAR.search(m.value.text)
            and (reference is None or m.value.start <= reference)
            and not _TOLD.search(
                sentence.text[max(0, m.start - sentence.start - 30) : m.start - sentence.start]
            )
            and not _told_after(sentence, m)
        ]
        if not dated or not is_about_rail(sentence.text):
            continue
        found = find_places(sentence.text, gazetteer)
        if not _precise_places(found) or _names_other_place(found, places, language):
            continue
        return dated[0].value
    return None


def _names_other_place(
    found: list[PlaceMention], places: list[PlaceMention] | None, language: str
) -> bool:
    """Whether a sentence names a station, stretch or region and none of them is one of the
    incident's places (compared by the own words of their names)."""

    def names(mentions: list[PlaceMention]) -> set[str]:
        return _precise_places(mentions) | {
            p.normalized for p in mentions if p.kind_hint == "region"
        }

    new, old = names(found), names(places or [])
    return bool(new and old) and not _site_stems(new, language) & _site_stems(old, language)


def _in_lead(sentences: list[Sentence], index: int) -> bool:
    """Whether a sentence is in the headline or the first paragraph after it."""
    first_body = sentences[1].paragraph if len(sentences) > 1 else sentences[0].paragraph
    return sentences[index].paragraph <= first_body


_DAYS = {"day", "night"}


def _earlier_period(value: DateValue | None) -> bool:
    """A month or year told as "earlier this year", "ранее в этом месяце": an older event."""
    return (
        value is not None
        and value.precision in {"month", "year"}
        and any(_opens_as_earlier(value.text, language) for language in LANGUAGES)
    )


def _days_apart(a: DateValue, b: DateValue) -> int:
    """Whole days between two date ranges (0 when they overlap)."""
    return max(0, (b.start - a.end).days, (a.start - b.end).days)


def _paragraph_days(
    sentences: list[Sentence], mentions: list[DateMention], indices: list[int]
) -> list[DateValue]:
    """The days stated outright in the paragraphs of these sentences."""
    paragraphs = {sentences[i].paragraph for i in indices}
    return [
        m.value
        for s in sentences
        if s.paragraph in paragraphs
        for m in _dates_in(s, mentions)
        if m.value.precision in _DAYS and m.value.method == "explicit"
    ]


def _mark_background(drafts: list[_Draft]) -> None:
    """Drafts dated only to a week, month or year that no day-dated draft falls in, or told
    as "earlier this year", are older events told in passing ("In September, 15 tank cars
    derailed on the same stretch", "last month's derailment"): background, when the report
    dates some event to the day."""
    days = [d.occurred for d in drafts if d.occurred and d.occurred.precision in {"day", "night"}]
    if not days:
        return
    for draft in drafts:
        value = draft.occurred
        if value is None or value.precision in {"day", "night"}:
            continue
        overlaps = any(value.start <= day.end and day.start <= value.end for day in days)
        if not overlaps or _earlier_period(value):
            draft.background = True


def _about_an_earlier_event(
    draft: _Draft, mentions: list[DateMention], published: date | None
) -> bool:
    """A sentence dated only before its incident ("Last month, ...", "In 2023, ...") tells an
    older event, whose claims are not this incident's. A date after the incident (when it
    was told) or none says nothing."""
    if not mentions:
        return False
    occurred = draft.occurred
    if occurred is not None and occurred.precision in _DAYS:
        # a day before the incident may still be its night ("the night of May 31 to June 1")
        return all(
            m.value.end < occurred.start - timedelta(days=1 if m.value.precision in _DAYS else 0)
            for m in mentions
        )
    return not _is_recent(mentions, published)


# How many days before publication a day an "Earlier, ..." paragraph gives must lie to tell
# an older event when the incident itself is not yet dated.
_EARLIER_PARAGRAPH_DAYS = 3


def _tells_an_earlier_event(
    draft: _Draft, mentions: list[DateMention], published: date | None
) -> bool:
    """A paragraph opening "Earlier, ..." / "Ранее ..." whose days all lie before the
    incident (or, while it is undated, days before publication) tells an older event."""
    if not mentions:
        return False
    if draft.occurred is not None:
        return _about_an_earlier_event(draft, mentions, published)
    return published is not None and all(
        m.value.precision in _DAYS
        and m.value.end < published - timedelta(days=_EARLIER_PARAGRAPH_DAYS)
        for m in mentions
    )


def _aftermath(text: str, effects: list[EffectMention], language: str) -> bool:
    """Whether a sentence tells what followed an incident (traffic back, cause found, court)."""
    if any(m.kind == "resumed" for m in effects):
        return True
    return _says(text, language, "aftermath_patterns")


# how many of the report's first substantial sentences (headline, lead) may break the news
_BREAKING_LEAD = 2


def _is_breaking(
    drafts: list[_Draft],
    sentences: list[Sentence],
    effects: list[list[EffectMention]],
    language: str,
) -> bool:
    """Whether the report breaks the news of its main incident: the headline or lead tells
    the incident itself, not its aftermath. Only a breaking report that gives no date is
    dated to its publication day; a follow-up that gives none leaves the date unknown."""
    main = next((d for d in drafts if not d.background), None)
    if main is None:
        return False
    # the headline and lead: the first sentences of a few words, so that a photo caption or
    # a rubric line before the headline does not push the lead out of reach
    lead_window = set(lead_indices([s.text for s in sentences])[:_BREAKING_LEAD])
    lead = [i for i in main.sentences if i in lead_window]
    return any(
        not _aftermath(sentences[i].text, effects[i], language)
        or _caused_by_itself(sentences[i].text, effects[i], language)
        for i in lead
    )


def _caused_by_itself(text: str, effects: list[EffectMention], language: str) -> bool:
    """ "The incident was caused by falling drone debris" in the lead: the cause named is the
    deed itself (a drone, a blast), told the day it happened, not a cause found later."""
    if any(m.kind == "resumed" for m in effects) or not _says(text, language, "caused_by_patterns"):
        return False
    kinds = {t.type for t in find_triggers(text, language)}
    return bool(kinds & _SELF_CAUSING_TYPES)


def _resolve_type(type_groups: list[tuple[set[str], bool]]) -> str:
    """The type the report leads with: the main event (not only a fire or damage, which follow
    other events as often as they start one) of the first evidence sentence, else of the first
    later sentence that tells it rather than reports someone's claim. "Tanks burn on the
    Trans-Siberian. 17 tank cars derailed; a source blamed a bomb" is a derailment, and
    "Fire shuts tunnel. Sources said a bomb went off" stays a fire: a claimed cause does not
    retype the event."""
    if not type_groups:
        return "other"
    lead = type_groups[0][0] - _CONSEQUENCE_TYPES
    if lead:
        return min(lead, key=TYPE_PRIORITY.index)
    told = [kinds for kinds, claimed in type_groups if not claimed] or [type_groups[0][0]]
    if set().union(*told) <= {"other"}:
        # only "the track was damaged" is told as fact: a blast named as its cause is the
        # event ("damaged as a result of a blast, the FSB said")
        told = told + [kinds for kinds, claimed in type_groups if claimed]
    for kinds in told:
        main = kinds - _CONSEQUENCE_TYPES
        if main:
            return min(main, key=TYPE_PRIORITY.index)
    return min(set().union(*told), key=TYPE_PRIORITY.index)


def extract_incidents(
    text: str,
    language: str,
    published: date | None,
    *,
    gazetteer: set[str] | None = None,
    attribution: str | None = None,
    filed: date | None = None,
) -> list[ExtractedIncident]:
    """The incidents a report describes (none for reports that describe none).

    `gazetteer` is an optional set of normalized place names (see `places_text`) that are
    reported as places even without a cue word. `attribution` is the source a "Source: X"
    line of the post names (read with the metadata, so not in `text`). `filed` is the last day
    of the month the page address files an undated report under: a day without a year falls
    in or before that month.
    """
    sentences = split_sentences(text)
    if not sentences:
        return []
    published = _dispatch_day(sentences[:3], published, language)
    mentions = find_dates(text, published, language, filed)
    # read off the whole text here: the claims loop below reuses `text` for one sentence
    undated = year_unknown(text, published, filed)
    # "shared a video without specifying its date", «не уточнив дату»: the report itself says
    # the event's day is not known, so neither the publication day nor a byline's stands in
    withheld = _says(text, language, "date_withheld_patterns")
    # a suspect identified, caught at home or confessing: the report follows its incident by
    # days, so an incident it leaves undated is not of the publication day
    suspect_found = _says(text, language, "suspect_found_patterns")
    rail = [is_about_rail(s.text) for s in sentences]
    if not any(rail):
        return []
    effects_by_sentence = [effect_mentions(s.text) for s in sentences]
    restoration_sentences = {
        i for i, found in enumerate(effects_by_sentence) if any(m.kind == "resumed" for m in found)
    }

    lead = sentences[1].text if len(sentences) > 1 else None
    frame = headline_frame(sentences[0].text, language, lead)
    if frame == "non_event":
        return []  # a denial of reports or a foiled plot: nothing happened to report
    fresh = [_is_fresh(_dates_in(s, mentions), published) for s in sentences]
    fresh_spans = [
        [
            (m.start - s.start, m.end - s.start)
            for m in _dates_in(s, mentions)
            if _is_fresh([m], published)
        ]
        for s in sentences
    ]
    fresh_at = [[start for start, _end in spans] for spans in fresh_spans]
    told_as = report_kind([s.text for s in sentences], language, fresh, fresh_at, fresh_spans)
    if told_as != INCIDENT:
        # a court verdict, an arrest for a deed or a plot, trains seen on satellite images
        return []
    section_dates = _section_dates(sentences, mentions)
    # a follow-up whose lead tells only the traffic (reopened, still closed) and which tells
    # its incident only as a reminder ("Напомним, что ... сошли вагоны"): the recalled
    # incident is the report's own, not background to another
    lead_window = lead_indices([s.text for s in sentences])[:_BREAKING_LEAD]
    triggers_of = [find_triggers(s.text, language) for s in sentences]
    with_triggers = [i for i, found in enumerate(triggers_of) if found]
    recall_is_own = (
        bool(with_triggers)
        and all(recalls(sentences[i].text) for i in with_triggers)
        and any(effects_by_sentence[i] for i in lead_window)
    )
    # a headline or lead that tells "another"/"a second" event: the report's main event is the
    # newer one, and the one it calls "the first" is background
    announces_another = any(_ANOTHER.search(s.text) for s in sentences[:2])
    drafts: list[_Draft] = []
    owner: list[int | None] = [None] * len(sentences)
    returned: _Draft | None = None  # an incident told before the last one that the report went
    # back to ("In Krasnodar Krai, ..." after the lead's item on Rostov Oblast)
    for index, sentence in enumerate(sentences):
        triggers = triggers_of[index]
        if not triggers:
            continue
        near_rail = (
            rail[index]
            or rail[max(0, index - 1)]
            or (index + 1 < len(sentences) and rail[index + 1])
        )
        if not near_rail:
            continue
        if not drafts and not rail[index] and names_other_target(sentence.text, language):
            # a neighbour about the railway lends no subject to a sentence that names another
            # target ("blasts hit factories"): nor does it open the report's first incident
            continue
        sentence_dates = _dates_in(sentence, mentions)
        if not sentence_dates and _is_subheading(sentences, index):
            # "Bridge blown up in Bryansk region" heads a paragraph that dates its event
            sentence_dates = [
                m
                for m in _dates_in(sentences[index + 1], mentions)
                if m.value.precision in {"day", "night"}
            ][:1]
        recent = _is_recent(sentence_dates, published)
        good = [
            t
            for t in triggers
            if not is_negated(sentence.text, t)
            and not is_hypothetical(sentence.text, t)
            and not is_habitual(sentence.text, t)
            and not is_history(sentence.text, t, published, recent, recall=not recall_is_own)
            and trigger_frame(sentence.text, t, language) is None  # "sentenced for", "plotted"
        ]
        if not good:
            continue
        good = _outside_complements(sentence, sentence_dates, good)
        if frame == "irrealis" and not sentence_dates:
            continue  # under a "could ...?" headline only a dated event is news
        if published is not None and sentence_dates and not recent:
            continue  # an earlier incident recalled as background
        first = min(good, key=lambda t: t.position)
        occurred = _event_date(sentence, sentence_dates, first, published)
        if occurred is None and drafts and _SAME_DAY.match(sentence.text):
            occurred = drafts[-1].occurred  # "Днём, ..." after a night event: the same day
            if occurred is not None and occurred.precision == "night":
                occurred = replace(occurred, start=occurred.end, precision="day")
        section = section_dates.get(sentence.paragraph)
        if occurred is None and section is not None:
            occurred = section  # "WEDNESDAY, 8 OCTOBER" heads the section the sentence is in
        places = find_places(sentence.text, gazetteer)
        kinds = {t.type for t in good}
        target = None
        # a roundup's dated section on another day holds another incident
        new_section = (
            bool(drafts)
            and section is not None
            and sentences[drafts[-1].sentences[-1]].paragraph != sentence.paragraph
            and not _dates_compatible(drafts[-1].occurred, section)
        )
        # after an older event told in passing ("Earlier this year, ...") a sentence goes on
        # about it only within its paragraph and with no date of its own; else it is compared
        # with the incident told before that
        last = returned if returned is not None else drafts[-1] if drafts else None
        if last is not None and last.background and not _earlier_period(occurred):
            same_paragraph = sentences[last.sentences[-1]].paragraph == sentence.paragraph
            back_to_main = bool(
                _BACK_TO_MAIN.search(sentence.text) or _ANOTHER.search(sentence.text)
            )
            if occurred is not None or not same_paragraph or back_to_main or last.recalled:
                last = next((d for d in reversed(drafts) if not d.background), last)
        new_paragraph = last is not None and (
            sentences[last.sentences[-1]].paragraph != sentence.paragraph
        )
        # "Another train exploded ... The first train exploded in the tunnel": the first one
        # is the earlier event the report recalls
        recalled_first = (
            bool(drafts)
            and announces_another
            and not (last is not None and last.background)
            and _told_as_first(sentence.text, first.position)
        )
        recalls_like = _recalls_like_event(
            sentence.text, occurred, next((d for d in drafts if not d.background), None), language
        )
        back = (
            _goes_back_to(drafts, last, sentence.text, occurred, places, language)
            if last is not None and not new_section
            else None
        )
        # a later paragraph's event dated two days or more from a day the incident's own
        # paragraph states ("It happened on the evening of 12 March", then "On 9 March five
        # wagons derailed in Angarsk"): another event, though the incident's day
        # stood in a sentence without a trigger (a day off is a dateline, local time or the
        # night before)
        other_day = (
            last is not None
            and new_paragraph
            and last.occurred is None
            and occurred is not None
            and occurred.precision in _DAYS
            and occurred.method == "explicit"
            and not _refers_back(sentence.text, language)
            and any(
                _days_apart(day, occurred) > 1
                for day in _paragraph_days(sentences, mentions, last.sentences)
            )
        )
        if back is not None:
            target = returned = back
        elif (
            last is not None
            and not new_section
            and not other_day
            and not recalled_first
            and not recalls_like
            and not _starts_new_incident(
                last,
                sentence.text,
                occurred,
                places,
                kinds,
                new_paragraph=new_paragraph,
                language=language,
                published=published,
            )
        ):
            target = last
        if target is None:
            returned = None
            target = _Draft(first_sentence=index)
            # an undated "Earlier, ..." / "Ранее ..." after an incident tells an older event
            told_earlier = occurred is None and _opens_as_earlier(sentence.text, language)
            # a day before publication told after the undated event the report leads with
            # (the day's news) at another place: an older event the report recalls (not an
            # item of a roundup, whose lead tells no event)
            before_undated = (
                last is not None
                and last is drafts[0]
                and last.first_sentence <= 1
                and not last.background
                and last.occurred is None
                and occurred is not None
                and occurred.precision in _DAYS
                and (published is None or occurred.end < published)
            )
            # a neighbour about the railway lends its subject to a sentence that names none,
            # not to one that names another target ("power lines were blown up"): that is
            # another incident, told in passing
            other_target = not rail[index] and names_other_target(sentence.text, language)
            target.background = bool(drafts) and (
                other_target
                or _earlier_period(occurred)
                or recalled_first
                or recalls_like
                or told_earlier
                or before_undated
            )
            target.recalled = bool(drafts) and recalled_first
            drafts.append(target)
        target.types.extend(sorted(kinds, key=TYPE_PRIORITY.index))
        if index == 0 and _is_headline(sentences):
            target.headline_kinds = len(kinds - _CONSEQUENCE_TYPES)
        else:
            target.body_types.extend(kinds)
        target.type_groups.append((kinds, bool(find_claims(sentence.text))))
        if target.occurred is None or (
            occurred is not None
            and target.occurred.precision not in {"day", "night"}
            and occurred.precision in {"day", "night"}
        ):
            target.occurred = occurred
        _add_places(target, _own_places(target, drafts, places, language))
        target.evidence.append(sentence.text)
        target.sentences.append(index)
        owner[index] = drafts.index(target)

    if not drafts:
        return []
    _mark_background(drafts)
    if all(d.background for d in drafts):
        return []
    # every other sentence belongs to the incident told most recently before it
    current = 0
    main = next(i for i, d in enumerate(drafts) if not d.background)
    for index in range(len(sentences)):
        if (own := owner[index]) is not None:
            current = own
        elif drafts[current].recalled:
            owner[index] = main  # after "the first train exploded in ...", the story goes on
        else:
            owner[index] = current if drafts[current].first_sentence <= index else 0
    placed = cast(list[int], owner)  # the loop above gave every sentence its incident
    last_source: str | None = None  # the specific source a later "the source said" refers to
    speaker: str | None = None  # who was quoted in the previous sentence of the paragraph
    speaker_text = ""  # the words that named them there
    speaker_at = 0  # the sentence that named them
    last_teller: tuple[str, str] | None = None  # the party the text quoted last, anywhere
    named: str | None = None  # the words naming the last person mentioned, for "he"/"she"
    # "ОАО «РЖД» сообщает" as the headline: the report is the organisation's own release
    voice = voice_text = None
    if not find_triggers(sentences[0].text, language) and has_speech(sentences[0].text):
        voice, voice_text = claimant_in(sentences[0].text) or (None, None)
    # a paragraph that opens "Earlier, ..." tells an older event when it dates it before this one
    earlier_paragraphs: dict[int, list[DateMention]] = {}
    for index, sentence in enumerate(sentences):
        if index and sentences[index - 1].paragraph == sentence.paragraph:
            if sentence.paragraph in earlier_paragraphs:
                earlier_paragraphs[sentence.paragraph] += _dates_in(sentence, mentions)
        elif _opens_as_earlier(sentence.text, language):
            earlier_paragraphs[sentence.paragraph] = _dates_in(sentence, mentions)
    # "Recall that ...", «Напомним, ...»: from there on the report tells earlier events, whose
    # traffic states are not the incident's (unless a sentence is one of its own)
    tail = next(
        (i for i, s in enumerate(sentences) if i and _opens_recap_tail(s.text, language)),
        len(sentences),
    )
    for index, sentence in enumerate(sentences):
        draft = drafts[placed[index]]
        own = index in draft.sentences
        found_places = find_places(sentence.text, gazetteer)
        # a sentence lent to the incident that names another region tells traffic there (a
        # partisans' attack in another oblast "that stopped movement"), not the incident's
        elsewhere = (
            not own
            and bool(effects_by_sentence[index])
            and _other_region(found_places, draft.places, language)
        )
        if (index < tail or own) and not elsewhere:
            draft.effects.extend(effects_by_sentence[index])
        draft.quantities.extend(find_quantities(sentence.text))
        _merge_casualties(draft.casualties, find_casualties(sentence.text))
        if index and sentences[index - 1].paragraph != sentence.paragraph:
            speaker, speaker_text = None, ""
        text = sentence.text
        pronoun = _PRONOUN_SUBJECT.search(text)
        if pronoun and named:
            # "The governor went further. He ruled out sabotage": "he" is the one just named
            text = text[: pronoun.start(1)] + named + text[pronoun.end(1) :]
        own_claimant = find_claimant(text)
        if own_claimant is None and has_speech(text) and (find_causes(text) or named_party(text)):
            # a speaker the table does not know, named in this sentence, speaks before one
            # carried over from the sentence before ("Blogger Ivan Petrov called it sabotage"),
            # also where the party it names only did the deed ("The Post reports that the SBU
            # is said to have done it. According to the report, ...")
            own_speaker = speaker_of(text, language)
            if own_speaker:
                speaker, speaker_text = own_speaker, own_speaker
                speaker_at = index
        if own_claimant is None and refers_back(text, language):
            # "According to him, ...", "По их данным, ...": the party named last, even in an
            # earlier paragraph, speaks
            earlier = earlier_speaker(
                [s.text for s in sentences[max(0, index - 3) : index]], language
            )
            if earlier:
                speaker, speaker_text = earlier
                speaker_at = index
        # who was quoted speaks on in the sentence right after, or further on where the
        # sentence itself reports speech ("Ранее сообщалось, что ..."); a cause told further
        # on without a word of saying is the report's own narration, not theirs
        carried = speaker if index - speaker_at <= _SPEAKER_REACH or reports_speech(text) else None
        claims = find_claims(text, carried if not own_claimant else None, speaker_text)
        if not claims and voice and not find_claimant(text) and states_a_cause(text):
            # a release's own sentence of cause is its author's attribution
            claims = find_claims(text, voice, voice_text or "")
        if not claims and last_teller and not find_claimant(text) and _FINDING.search(text):
            # "The preliminary cause was a washout": a finding the text tells for the party it
            # last quoted, however far back
            claims = find_claims(text, *last_teller)
        # the parse vets the rule matcher's claims and names a speaker the table does not know
        claims = check_claims(claims, text, language)
        if not claims and has_speech(text) and find_causes(text) and not find_claimant(text):
            named_speaker = speaker_of(text, language)
            if named_speaker:
                claims = check_claims(find_claims(text, named_speaker), text, language)
        claimant_here = find_claimant(sentence.text)
        found = claimant_in(sentence.text)
        if found and found[0] in _PERSONS:
            named = found[1]
        elif index and sentences[index - 1].paragraph != sentence.paragraph:
            named = None
        if claimant_here and "source" in claimant_here and claimant_here != "source":
            last_source = claimant_here
        if last_source:
            claims = [
                replace(c, claimant=last_source) if c.claimant == "source" else c for c in claims
            ]
        dated = _dates_in(sentence, mentions)
        kept = claim_dates(sentence.text, [m.start - sentence.start for m in dated])
        if claims and _about_an_earlier_event(
            draft, [m for m in dated if m.start - sentence.start in kept], published
        ):
            claims = []  # "In 2023 the FSB blamed saboteurs for a blast": another event's cause
        elif claims and _tells_an_earlier_event(
            draft, earlier_paragraphs.get(sentence.paragraph, []), published
        ):
            claims = []  # "Earlier, the governor told of a drone attack ... It was on May 15."
        elif claims and _names_another_event(sentence.text, language):
            claims = []  # "The governor told of sabotage on another line": not this incident
        elif (
            claims
            and all(c.cause in _ATTACKS for c in claims)
            and _claims_elsewhere(draft, found_places, drafts, language)
        ):
            claims = []  # "A partisan group claimed an attack in another region": not this one
        draft.claims.extend(claims)
        if claims and _says(sentence.text, language, "joint_reference"):
            # "both bridges fell after blasts": the claim is about both incidents
            mains = [d for d in drafts if not d.background]
            if len(mains) == 2:
                for other in mains:
                    if other is not draft:
                        other.claims.extend(claims)
        teller = teller_of_previous(text, language) if index else None
        # an outlet or channel that reports a blast asserts it, as a post's source does
        blast_teller = teller is not None and split_via(teller[0])[0] in _BLAST_TELLERS
        told_at = (
            _told_before(sentences, index, language if blast_teller else None)
            if teller and not find_causes(text)
            else None
        )
        if teller and told_at is not None:
            # "A bomb went off on the line. Об этом сообщил губернатор.": the governor's claim,
            # also when a sentence of detail comes between ("The driver was hurt.")
            previous = sentences[told_at].text
            told = find_claims(previous, teller[0], teller[1])
            if not told and blast_teller:
                # "На путях прогремел взрыв. Об этом сообщают телеграм-каналы."
                blast = report_claim(teller[0], previous, language, attribution=teller[1])
                told = [blast] if blast else []
            drafts[placed[told_at]].claims.extend(check_claims(told, previous, language))
        if claimant_here and has_speech(sentence.text):
            speaker = last_source if claimant_here == "source" and last_source else claimant_here
            speaker_text = found[1] if found else ""
            # "an agency, citing the railway's press office": the quote that follows is the railway's
            speaker, speaker_text = relayed(speaker, speaker_text, sentence.text)
            speaker_at = index
            last_teller = (speaker, speaker_text)
        if index in restoration_sentences and draft.restored_at is None:
            draft.restored_at = _restoration_date(
                sentence, _dates_in(sentence, mentions), published
            )
        if index not in draft.sentences:
            if names_the_site(sentence.text) and _places_this_draft(
                draft, index, sentences, mentions, language
            ):
                # "The incident occurred near X": the site, unless X lies in the region of
                # another incident the report tells and not in this one's
                home = _home_of_site(drafts, draft, found_places, language)
                _add_places(home, found_places)
            elif index <= draft.sentences[0] + 2:  # the lead before the trigger, and after
                _add_places(draft, [p for p in found_places if p.kind_hint != "unknown"])
            elif _goes_on_about(sentences, index, draft):
                # "A train derailed in X Oblast. It was bound for a plant between A and B.":
                # the stretch or station the next sentence names is the site
                _add_places(draft, [p for p in found_places if p.kind_hint in _SITE_KINDS])
    _carry_report_source(drafts[0], sentences, language, attribution)
    _carry_lead_cause(drafts[main], main, placed, sentences, language)
    incidents = []
    # "the railway reported the derailment yesterday": a follow-up, whatever its lead tells
    breaking = _is_breaking(drafts, sentences, effects_by_sentence, language) and not any(
        _says(s.text, language, "reported_before_patterns") for s in sentences
    )
    headline = sentences[0].text if _is_headline(sentences) else None
    for draft in drafts:
        if draft.background:
            continue
        # another event's sentences do not date this one
        skip = restoration_sentences | {
            i for other in drafts if other is not draft for i in other.sentences
        }
        occurred = draft.occurred or (None if withheld else _fallback_date(
            sentences, mentions, published if breaking and not suspect_found else None, skip,
            published, language, draft.places, gazetteer,
        ))  # fmt: skip
        if withheld and occurred is not None and occurred.start == published:
            occurred = None  # the report's own day (a byline), not the event's
        if undated:
            occurred = None  # a day and month of no knowable year name no day
        effect = last_effect(draft.effects)  # the last state the report tells
        kind = _resolve_type(draft.type_groups)
        incidents.append(
            ExtractedIncident(
                type=kind,
                occurred=occurred,
                places=draft.places,
                effect=effect,
                quantities=merge_quantities(draft.quantities),
                casualties=draft.casualties,
                claims=_unique_claims(
                    [
                        replace(c, cause=_TYPE_CAUSE[kind])
                        if c.stance == "denies" and c.cause == "unknown" and kind in _TYPE_CAUSE
                        else c
                        for c in _without_headline_echo(draft.claims, headline)
                    ]
                ),
                restored_at=draft.restored_at,
                evidence=draft.evidence,
            )
        )
    return incidents


# How many sentences after naming them a quoted party still speaks without being named.
_SPEAKER_REACH = 1
# How far back "This was reported by X" reaches for the sentence that tells the cause.
_TOLD_BACK = 3


def _told_before(sentences: list[Sentence], index: int, blast: str | None = None) -> int | None:
    """The sentence before `index`, in its paragraph and at most ``_TOLD_BACK`` back, whose
    cause a sentence pointing back ("Об этом сообщил губернатор") attributes: the nearest
    that names a cause (or, given the language as `blast`, tells a blast); None when one
    that names a speaker of its own comes first."""
    for back in range(index - 1, max(index - 1 - _TOLD_BACK, -1), -1):
        if back != index - 1 and (
            back == 0 or sentences[back].paragraph != sentences[index].paragraph
        ):
            return None  # the headline, or another paragraph, only right before
        if find_claimant(sentences[back].text) and reports_speech(sentences[back].text):
            return None  # someone else speaks in between (a party that only acts does not)
        if find_causes(sentences[back].text) or (
            blast and event_causes(sentences[back].text, blast)
        ):
            return back
    return None


# Who asserts a blast by reporting it: outlets and Telegram channels.
_BLAST_TELLERS = outlets() | {"Telegram channel"}


def _carry_report_source(
    draft: _Draft, sentences: list[Sentence], language: str, attribution: str | None
) -> None:
    """A post whose source is named once for the whole text ("This was reported by the X
    channel", "сообщает X") is that source's account: the first sentence of the main
    incident that tells a cause (or the blast itself) and quotes no one else becomes the
    source's claim. A post that names no source, or whose source already speaks in a
    sentence of its own, gets nothing here."""
    found = report_source([s.text for s in sentences], language)
    if found is None and attribution:
        found = report_source([f"Source: {attribution}"], "en")
    if found is None:
        return
    source, attribution = found
    if any(
        same_claimant(c.claimant, source) or named_in(split_via(c.claimant)[0], attribution)
        for c in draft.claims
    ):
        return  # "Source: Governor Ivan Petrov" after "Petrov said ...": one party, one voice
    told = {c.cause for c in draft.claims}
    voiced = {c.sentence for c in draft.claims}
    for index in sorted(draft.sentences):
        if sentences[index].text in voiced:
            continue  # a sentence told in someone's words is not the post source's account
        claim = report_claim(source, sentences[index].text, language)
        if claim is not None and source in outlets() and claim.cause in told:
            return  # the outlet relays a cause that a party it quotes states
        if claim is not None:
            draft.claims.append(replace(claim, claimant_text=attribution))
            return


# The lead: the headline and the first body sentences, where a report sums up what its
# source says before naming the source.
_LEAD_END = 2


def _carry_lead_cause(
    draft: _Draft, number: int, owner: list[int], sentences: list[Sentence], language: str
) -> None:
    """A cause told in the lead with no source of its own is the account of the party that
    the report then names as reporting on the incident ("A drone crash caused a loss of
    power ... Russian Railways reported that power was restored"). Only for an incident that
    no one is yet heard to explain, and never where the lead quotes someone else."""
    if draft.claims:
        return
    lead = [i for i in sorted(draft.sentences) if i <= _LEAD_END and find_causes(sentences[i].text)]
    if not lead or find_claimant(sentences[lead[0]].text):
        return
    later = [sentences[i].text for i in range(lead[0] + 1, len(sentences)) if owner[i] == number]
    teller = first_teller(later, language)
    if teller is None:
        return
    claim = report_claim(teller[0], sentences[lead[0]].text, language, attribution=teller[1])
    if claim is not None:
        draft.claims.extend(check_claims([claim], sentences[lead[0]].text, language))


def _without_headline_echo(claims: list[Claim], headline: str | None) -> list[Claim]:
    """A headline sums up a claim the body tells with its source ("Russia blames Ukraine
    for train sabotage" over "The FSB said saboteurs damaged the track"): a headline claim
    by a party the claimant table does not know (a country, a capital) gives way to a body
    claim of the same cause by someone else. A known party in the headline ("Ukraine says
    its drones hit ...") keeps its claim."""
    if headline is None:
        return claims
    body = [c for c in claims if c.sentence != headline]
    return [
        c
        for c in claims
        if c.sentence != headline
        or canonical_claimant(c.claimant)[0] is not None
        or not any(b.cause == c.cause and not same_claimant(b.claimant, c.claimant) for b in body)
    ]


def _one_voice_per_person(claims: list[Claim]) -> list[Claim]:
    """A person named by title and name and then by surname alone ("Governor Ivan Petrov
    said ... Petrov added ...") is one voice: a later claim of the same cause and stance by the bare
    name gives way to the claim under the title."""
    kept: list[Claim] = []
    for claim in claims:
        if not any(
            k.cause == claim.cause
            and k.stance == claim.stance
            and k.claimant != claim.claimant
            and named_in(
                split_via(claim.claimant)[0],
                with_holder_name(k.sentence, k.claimant_text or k.claimant),
            )
            for k in kept
        ):
            kept.append(claim)
    return kept


def _unique_claims(claims: list[Claim]) -> list[Claim]:
    """One claim per (claimant, stance, cause); a plain "asserts" gives way to "attributes"
    for the same claimant and cause (the blaming sentence says more)."""
    seen: set[tuple[str, ...]] = set()
    told: set[tuple[str, str, str]] = set()
    unique = []
    claims = _one_voice_per_person(claims)
    for claim in one_deed_per_actor(named_over_nameless(claims_by_group(claims))):
        # "X" and "X (via Y)" are one claimant: the first telling is kept
        key = (split_via(claim.claimant)[0], claim.stance, claim.cause)
        # a criminal case and the cause its investigators state are two claims
        case = (*key, "case") if is_case_classification(claim.sentence) else key
        if case == key and (*key, "case") in seen and not reports_speech(claim.sentence):
            continue  # "Речь идёт о нарушении правил ...": the article glossed, not a new claim
        if case not in seen:
            seen.add(case)
            told.add(key)
            unique.append(claim)
    return [
        c
        for c in unique
        if not (c.stance == "asserts" and (split_via(c.claimant)[0], "attributes", c.cause) in told)
    ]
