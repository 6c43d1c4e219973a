"""Which sentences report a rail incident, and of which type (English regexes, Russian lemmas).

A trigger sentence counts only if it is about the railway (itself or its neighbours) and is
not negated ("denied", "foiled", "не было"), hypothetical ("could disrupt", "plans to",
"могут") or history ("built in 1985", a year long before publication).
"""

import re
from dataclasses import dataclass
from datetime import date

from railwatch.reports.extract.morph import lemma_tokens
from railwatch.reports.lexicon import alternation, lexicon

# Order matters: the first type found in an incident's sentences wins ("a blast set tank
# cars on fire" is an explosion; "a derailed train caught fire" a derailment).
TYPE_PRIORITY = [
    "drone_strike", "explosion", "arson", "collision", "derailment", "fire", "blockage", "other",
]  # fmt: skip

# The trigger words are rules as data: lexicon/en.yaml ("trigger_patterns", "rail_pattern")
# and lexicon/ru.yaml ("trigger_lemmas", "trigger_lemma_pairs", "rail_lemmas").
_EN_TYPES: dict[str, str] = dict(lexicon("en")["trigger_patterns"])
EN_TYPE_PATTERNS = {
    kind: re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE) for kind, pattern in _EN_TYPES.items()
}

# Russian: single lemmas, and lemma pairs that must both appear in the sentence.
RU_TYPE_LEMMAS: dict[str, set[str]] = {
    kind: set(lemmas) for kind, lemmas in lexicon("ru")["trigger_lemmas"].items()
}
RU_TYPE_PAIRS: dict[str, list[tuple[str, str]]] = {
    kind: [(a, b) for a, b in pairs] for kind, pairs in lexicon("ru")["trigger_lemma_pairs"].items()
}

_EN_RAIL = re.compile(rf"\b(?:{lexicon('en')['rail_pattern']})\b", re.IGNORECASE)
RU_RAIL_LEMMAS: set[str] = set(lexicon("ru")["rail_lemmas"])

# Words that make a trigger not an event that happened.
_EN_NEGATION = re.compile(
    r"\b(?:denied|denies|deny|denying|refuted|dismissed\s+(?:reports|claims)|did\s+not\s+confirm|"
    r"dismissed\s+as\s+(?:false|fake|untrue|groundless)|none\s+of\s+(?:these|them|those|which)\s+(?:was|were)|"
    r"foiled|thwarted|prevented|averted|defused|disarmed|hoax|fake|no\s+(?:sign|signs|evidence|"
    r"trace)\s+of|there\s+(?:was|were)\s+no|no\s+(?:explosion|blast|fire|derailment|drone|arson)s?\b|"
    r"false\s+(?:report|claim|alarm)s?|untrue|not\s+true|no\s+mention\s+of|(?:did\s+not|didn't)\s+mention|(?:found|discovered|seized|confiscated)\s+(?:\w+\s+){0,3}(?:explosive|bomb)\w*)",
    re.IGNORECASE,
)
_EN_MODAL = re.compile(
    r"\b(?:could|can|may|might|would|should|plans?|planned|planning|plot\w*|threat\w*|aim(?:s|ed)?\s+to|"
    r"intend\w*|if|risks?|potential(?:ly)?|attempt(?:s|ed|ing)?|tried|trying|drills?|exercises?|"
    r"simulat\w+|scenario|prepar\w+|going\s+to|warn(?:s|ed|ing)?|fears?|feared|vulnerab\w+|"
    r"target(?:s|ed|ing)?\s+for|wanted\s+to|order(?:ed)?\s+to|recruit\w*|suspected\s+of\s+planning|"
    # a forecast is not an event
    r"expect(?:s|ed|ing)?|forecast\w*|predict\w*|outlook)\b",
    re.IGNORECASE,
)
_EN_REALIS_AFTER_MODAL = re.compile(r"^\s*(?:have|has|had)\b", re.IGNORECASE)
_RU_NEGATION = re.compile(
    r"(?:опроверг\w*|отрица\w*|не\s+подтвер\w+|предотврат\w+|предотвращ\w+|не\s+допусти\w+|сорва\w+|"
    r"не\s+было|никакого|никаких|фейк\w*|не\s+соответству\w+\s+действительности|обезвреди\w+|"
    r"пресек\w+|пресеч\w+|ложн\w+\s+(?:сообщ|информ)|"
    r"(?:обнаружи\w+|изъя\w+|наш[её]л\w*)\s+(?:\w+\s+){0,3}(?:взрывн\w+|взрывчатк\w+|СВУ)|"
    r"обезвре\w+|недостоверн\w+|не\s+соответству\w+)",
    re.IGNORECASE,
)
_RU_MODAL = re.compile(
    r"(?<!\w)(?:может|могут|мог|могла|могли|бы|планир\w*|намерева\w*|намерен\w*|собира\w*|"
    r"готови\w*|готовя\w*|готовивш\w*|угроз\w*|угрожа\w*|если|риск\w*|пыта\w*|попытк\w*|"
    r"учени\w*|тренировк\w*|хотел\w*|замышля\w*|вербова\w*|завербова\w*|заказ\w*|предупреди\w*|"
    r"опаса\w*|уязвим\w*|условн\w*|отрабатыва\w*|имитаци\w*|ожида\w*|прогноз\w*|"
    r"прогнозир\w*)(?!\w)",
    re.IGNORECASE,
)
_HISTORY = re.compile(
    r"\b(?:built|constructed|construction|opened\s+in|inaugurated|commissioned|completed\s+in|"
    r"history|historic\w*|anniversary|decades\s+ago|soviet\s+era|was\s+laid|builders)\b|"
    r"(?:строительств\w*|построен\w*|построил\w*|строил\w*|строител\w*|введ\w+\s+в\s+эксплуатаци\w+|"
    r"истори\w+|годовщин\w+|юбиле\w+|в\s+советское\s+время|проходк\w+)",
    re.IGNORECASE,
)
# "recall that ...", "напомним": background the reader is reminded of (unless the report is
# a follow-up that tells no other event, see `is_history`)
_RECALL = re.compile(r"\b(?:recall\s+that|as\s+a\s+reminder)\b|напомн\w+", re.IGNORECASE)
_OLD_YEAR = re.compile(r"\b(?:19\d\d|20\d\d)\b")


# A headline that denies reports of the event or says it was foiled frames the whole report as
# a non-event ("ДВЖД опровергла сообщения о взрыве", "FSB foils plot to blow up a bridge").
_EVENT_DENIAL = re.compile(
    r"(?:опроверг\w*|отрица\w*|назвал\w*\s+(?:недостоверн|ложн|фейк)\w*|\bdenie[sd]|\bdeny|"
    r"\bdismiss\w*|\brefut\w*|\bdebunk\w*)\s+(?:\w+\s+){0,3}?(?:сообщени\w+|информаци\w+|"
    r"слух\w*|видео|reports?|rumou?rs?|claims?|footage|videos?)\s+(?:о|об|про|of|about|that|on)\b|"
    r"(?:предотврат\w+|предотвращ\w+|пресек\w+|пресеч\w+|сорвал\w*|\bfoil\w*|\bthwart\w*|"
    r"\bprevent\w*|\baverted?\b)|"
    # "X denies fuel train exploded": the event itself is denied ("denies involvement" is not)
    r"\bdenie[sd]\s+(?:that\s+)?(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}?(?:exploded|derailed|blew\s+up|"
    r"caught\s+fire|burned|(?:was|were)\s+(?:hit|struck|attacked|blown\s+up))",
    re.IGNORECASE,
)
# A headline about a trial or a sentence reports a court follow-up, not a new incident.
_COURT = re.compile(
    r"\b(?:sentenced|sentences|jailed|jails|convicted|convicts|verdict|trial\s+of|court\s+(?:rules|finds))\b|"
    r"приговор\w*|осудил\w*|осужд[её]н\w*|суд\s+(?:вынес|признал|назначил)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Trigger:
    """An incident type found in a sentence, with where in the sentence it was found."""

    type: str
    position: int  # character offset of the trigger word in the sentence
    word: str


# A bomb that is found, carried or defused is not an explosion: device words make an explosion
# trigger only when the sentence also says it went off.
_DEVICE_WORDS = re.compile(
    r"^(?:explosive\s+device|explosives|bombs?|ieds?|взрывн\w*|взрывчат\w*|сву)$", re.IGNORECASE
)
_WENT_OFF = re.compile(
    r"\bwent\s+off|\bgoes\s+off|\bset\s+off|\bdetonat\w+|\bexplod\w+|\bblew\s+up|"
    r"сработа\w+|взорва\w+|детонир\w+|сдетонир\w+|подорва\w+|подрыв\w*|взрыв(?!\w)|взрыва\b|взрывом",
    re.IGNORECASE,
)
# Drills and simulations describe events that are staged, wherever the word sits.
_EXERCISE = re.compile(
    r"\b(?:drills?|exercises?|simulat\w+|mock|rehears\w+|training\s+scenario)\b|"
    r"(?<!\w)(?:учени\w+|тренировк\w+|имитаци\w+|имитир\w+|отрабатыва\w+|отработк\w+)",
    re.IGNORECASE,
)


# "the train ran over an explosive device": lexicon ``device_run_over_patterns``
_RUN_OVER_BY_LANGUAGE = {
    language: [re.compile(p, re.IGNORECASE) for p in lexicon(language)["device_run_over_patterns"]]
    for language in ("en", "ru")
}
# a report's own language and English (translated wording), each scanned once
_RUN_OVER = {
    "en": _RUN_OVER_BY_LANGUAGE["en"],
    "ru": _RUN_OVER_BY_LANGUAGE["ru"] + _RUN_OVER_BY_LANGUAGE["en"],
}


# lexicon/{en,ru}.yaml: "structure_closure_patterns", "planned_work_patterns",
# "road_only_patterns", "closure_train_patterns"
_STRUCTURE_CLOSURE = alternation("structure_closure_patterns")
_PLANNED_WORK = alternation("planned_work_patterns")
_ROAD_ONLY = alternation("road_only_patterns")
_CLOSURE_TRAINS = alternation("closure_train_patterns")


def structure_closure(sentence: str) -> Trigger | None:
    """A bridge or tunnel shut to trains with no deed named ("traffic on the Crimean bridge
    was halted", «из-за перекрытия Крымского моста»): a disruption of its own, typed other.
    A closure told as works or a notice of one to come, or of road traffic only, is none."""
    match = _STRUCTURE_CLOSURE.search(sentence)
    if match is None or not _CLOSURE_TRAINS.search(sentence):
        return None
    if _PLANNED_WORK.search(sentence) or _ROAD_ONLY.search(sentence):
        return None
    return Trigger("other", match.start(), match.group(0))


def find_triggers(sentence: str, language: str) -> list[Trigger]:
    """Incident-type triggers in one sentence (may be several: "a blast and a fire")."""
    run_over = [
        m.span()
        for pattern in _RUN_OVER.get(language, _RUN_OVER["en"])
        for m in pattern.finditer(sentence)
    ]
    went_off = bool(_WENT_OFF.search(sentence)) or bool(run_over)
    found = [
        t
        for t in _raw_triggers(sentence, language)
        if (went_off or t.type != "explosion" or not _DEVICE_WORDS.match(t.word))
        # running over the device is not a collision
        and not (t.type == "collision" and any(a <= t.position < b for a, b in run_over))
    ]
    closure = structure_closure(sentence)
    return found + [closure] if closure is not None else found


def _raw_triggers(sentence: str, language: str) -> list[Trigger]:
    found: list[Trigger] = []
    if language == "en" or not re.search(r"[а-яё]", sentence, re.IGNORECASE):
        for kind, pattern in EN_TYPE_PATTERNS.items():
            for match in pattern.finditer(sentence):
                found.append(Trigger(kind, match.start(), match.group(0)))
        return found
    words = list(re.finditer(r"[A-Za-zА-Яа-яЁё0-9]+(?:-[A-Za-zА-Яа-яЁё0-9]+)*", sentence))
    lemmas = lemma_tokens(sentence)
    lemma_set = set(lemmas)
    for kind, singles in RU_TYPE_LEMMAS.items():
        for word, lemma in zip(words, lemmas, strict=False):
            if lemma in singles:
                found.append(Trigger(kind, word.start(), word.group(0)))
    for kind, pairs in RU_TYPE_PAIRS.items():
        for first, second in pairs:
            if first in lemma_set and second in lemma_set:
                at = [i for i, lemma in enumerate(lemmas) if lemma == first]
                if kind != "blockage":
                    at = [i for i in at if not _descent_of_mass(lemmas, i)]
                if at and at[0] < len(words):
                    found.append(Trigger(kind, words[at[0]].start(), words[at[0]].group(0)))
    return found


# lexicon "descent_mass_lemmas": what a «сход» beside them names (earth, snow, mud)
_DESCENT_MASS = set(lexicon("ru").get("descent_mass_lemmas", []))
_DESCENT = "сход"


def _descent_of_mass(lemmas: list[str], index: int) -> bool:
    """The «сход» at `index` has a mass word within two words of it ("сход селевого
    потока", "селевой сход"): earth or snow came down, no wagon left the rails."""
    if lemmas[index] != _DESCENT:
        return False
    return any(lemma in _DESCENT_MASS for lemma in lemmas[max(0, index - 2) : index + 3])


def is_about_rail(sentence: str) -> bool:
    """True when the sentence mentions trains, track, stations or other railway things."""
    if _EN_RAIL.search(sentence):
        return True
    return bool(RU_RAIL_LEMMAS & set(lemma_tokens(sentence)))


_OTHER_TARGETS = {
    language: re.compile(
        "|".join(rf"(?<!\w)(?:{p})(?!\w)" for p in lexicon(language)["other_targets"]),
        re.IGNORECASE,
    )
    for language in ("en", "ru")
}


def names_other_target(sentence: str, language: str) -> bool:
    """The sentence names a thing other than the railway ("power lines", «ЛЭП», "an oil
    depot") that its blast or fire may have hit."""
    pattern = _OTHER_TARGETS.get(language)
    return bool(pattern and pattern.search(sentence))


def _window(sentence: str, position: int, before: int = 70, after: int = 25) -> tuple[str, str]:
    return sentence[max(0, position - before) : position], sentence[position : position + after]


def is_negated(sentence: str, trigger: Trigger) -> bool:
    """The sentence says the event did not happen or was stopped before it happened."""
    return bool(_EN_NEGATION.search(sentence) or _RU_NEGATION.search(sentence))


def _words_of_both(key: str, end: str = "(?!\\w)") -> re.Pattern[str]:
    """Any word of the lexicon list `key` of either language, from a word start to `end`."""
    words = lexicon("en")[key] + lexicon("ru")[key]
    return re.compile("(?<!\\w)(?:" + "|".join(words) + ")" + end, re.IGNORECASE)


# "possible washouts", «возможных размывов»: a deed named only as what may happen, the word
# right before the trigger (lexicon "possible_words"; a word between, as in "possible causes of
# the derailment", names something else)
_POSSIBLE = _words_of_both("possible_words", "\\s+$")
# "ready to meet the spring flood", «готовы встретить паводок»: a deed told as what a railway
# prepares for (lexicon "readiness_words", anywhere in the window before the trigger)
_READY = _words_of_both("readiness_words")
_MODAL_AFTER = re.compile(
    r"\b(?:could|would|might|may|can|will)\b(?!\s+(?:have|has|had)\b)|(?<!\w)(?:может|могут|сможет|смогут)(?!\w)",
    re.IGNORECASE,
)


# "such faults often derail trains", "accidents include derailments": a habit or
# a kind named in the trigger's own clause (lexicon "habitual_words", "kind_list_words")
_HABITUAL = _words_of_both("habitual_words")
_KIND_LIST = re.compile(
    "(?<!\\w)(?:" + "|".join(lexicon("en")["kind_list_words"]) + ")\\s+$", re.IGNORECASE
)
# a plural English trigger noun ("derailments", "explosions"): a kind, when listed
_PLURAL_EN = re.compile(r"[a-z]{4,}s$")
# a clause ends at these: "trains are often late, but on Monday one derailed"
_CLAUSE_BREAK = re.compile(r"[,;:—–]|\b(?:but|however|and\s+then)\b|(?<!\w)(?:но|однако)(?!\w)")


def is_habitual(sentence: str, trigger: Trigger) -> bool:
    """The trigger's clause tells a habit ("often derail") or lists a kind of event
    ("accidents include derailments"), not one that happened."""
    left, _ = _window(sentence, trigger.position)
    clause = _CLAUSE_BREAK.split(left)[-1]
    listed = bool(_PLURAL_EN.fullmatch(trigger.word)) and bool(_KIND_LIST.search(left))
    return bool(_HABITUAL.search(clause)) or listed


def is_hypothetical(sentence: str, trigger: Trigger) -> bool:
    """A modal or planning word close before the trigger ("plotting to blow up", "планировали
    подрыв"), or a present modal just after it ("drones could cripple"). "May have been" is
    speculation about a real event, not this."""
    if _EXERCISE.search(sentence):
        return True
    left, right = _window(sentence, trigger.position)
    if _POSSIBLE.search(left) or _READY.search(left):
        return True
    for pattern in (_EN_MODAL, _RU_MODAL):
        for match in pattern.finditer(left):
            if _EN_REALIS_AFTER_MODAL.match(left[match.end() :] + right):
                continue
            return True
    after = right[len(trigger.word) : len(trigger.word) + 25]
    return bool(_MODAL_AFTER.search(after))


def is_history(
    sentence: str, trigger: Trigger, published: date | None, recent: bool, recall: bool = True
) -> bool:
    """Background about the past: an old year with no recent date, or construction words near
    the trigger ("builders fought floods", "при строительстве тоннеля"), or, when `recall`,
    a reminder ("Recall that ...", «Напомним, ...»)."""
    if published is not None and not recent:
        years = [int(y) for y in _OLD_YEAR.findall(sentence)]
        if years and max(years) <= published.year - 2:
            return True
    left, right = _window(sentence, trigger.position, 90, 60)
    return bool(_HISTORY.search(left + right) or (recall and _RECALL.search(left + right)))


def recalls(sentence: str) -> bool:
    """The sentence reminds the reader of something told before ("Recall that ...",
    «Напомним, ...»)."""
    return bool(_RECALL.search(sentence))


def headline_frame(headline: str, language: str, lead: str | None = None) -> str | None:
    """How a report's first sentence frames its triggers: "non_event" when it denies reports of
    the event or says it was foiled, "irrealis" when its triggers are all hypothetical or it
    asks a question ("Could drones cut the line?"), None otherwise (or without triggers)."""
    triggers = find_triggers(headline, language)
    if not triggers:
        return None
    if _EVENT_DENIAL.search(headline) or _COURT.search(headline):
        return "non_event"
    # the lead sentence says it was a drill: the headline's event was staged
    if lead is not None and _EXERCISE.search(lead):
        return "non_event"
    if headline.rstrip().endswith("?") or all(is_hypothetical(headline, t) for t in triggers):
        return "irrealis"
    return None
