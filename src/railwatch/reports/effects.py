"""What an incident did to traffic, from the words a report uses.

Effects, strongest first: blocked_both (line closed, halted, both directions), blocked_one
(one track or direction, traffic on the adjacent track), suspended, reduced, delayed;
"resumed" only when a report mentions nothing but the restoration.
"""

import re

EFFECT_ORDER = ["blocked_both", "blocked_one", "suspended", "reduced", "delayed", "resumed"]

_PATTERNS = {
    "blocked_one": r"one\s+(?:of\s+the\s+)?(?:two\s+)?(?:tracks?|directions?|lines?)\s+(?:was\s+|were\s+|is\s+|remains\s+)?"
    r"(?:blocked|closed|shut|damaged|out)|"
    # traffic kept on one track of two; a train merely "standing on an adjacent track" is no effect
    r"(?<!standing\son\san\s)(?<!standing\son\sthe\s)(?<!parked\son\san\s)(?<!parked\son\sthe\s)"
    r"(?:adjacent|other|second)\s+track|"
    r"(?:running|run|runs|moving|move|moves|pass|passing|open|operating|use|using)\s+(?:\w+\s+){0,2}?"
    r"(?:on|along|over|via)\s+(?:only\s+)?one\s+(?:of\s+(?:the\s+|its\s+)?)?(?:two\s+)?tracks?|"
    r"(?<!\w)(?:по|на)\s+(?:соседнему|соседнем|второму|второй|одному|одной|одном)\s+пут\w+|"
    r"(?<!\w)(?:одн\w+|нечетн\w+|четн\w+)\s+(?:из\s+)?(?:путей|пути|путь|направлени\w+)|"
    r"в\s+одном\s+направлении|по\s+однопутн\w+|реверсивн\w+",
    "blocked_both": r"both\s+(?:tracks|directions|ways)|in\s+both\s+directions|"
    r"(?:traffic|line|movement|tunnel|route|section|trains?)\s+(?:[\w-]+\s+){0,4}?(?:was\s+|were\s+|is\s+|has\s+been\s+|had\s+been\s+|remained\s+|remains\s+)?"
    r"(?:halted|stopped|blocked|closed|shut|paralys\w+|paralyz\w+|severed|came\s+to\s+a\s+halt)|"
    # "power to the line was cut" is an outage, not a closure: "cut" only with traffic itself
    r"(?:traffic|movement|route)\s+(?:was\s+|were\s+|has\s+been\s+)?cut|"
    r"(?:halt(?:ed|ing)|stopp(?:ed|ing)|block(?:ed|ing)|clos(?:ed|ing)|shut(?:ting)?|paralys\w+|paralyz\w+|sever(?:ed|ing))\s+(?:\w+\s+){0,2}(?:traffic|the\s+line|the\s+route|the\s+tunnel|movement|rail\s+traffic)|"
    r"в\s+обоих\s+направлениях|в\s+обе\s+стороны|оба\s+пути|обоим\s+путям|"
    r"движени\w+\s+(?:[\w—–-]+\s+){0,6}?(?:было\s+|был\w*\s+)?(?:остановлен\w*|прекращен\w*|прекращ[её]н\w*|закрыт\w*|перекрыт\w*|"
    r"блокирован\w*|заблокирован\w*|парализован\w*)|"
    r"(?:остановлен\w*|прекращен\w*|закрыт\w*|перекрыт\w*|заблокирован\w*|парализован\w*|"
    r"остановили|прекратили|закрыли|перекрыли)\s+(?:\w+\s+){0,2}движени\w+",
    # an interruption is a pause in traffic, not a closure of the line
    "suspended": r"suspend\w*|приостанов\w+|"
    r"(?:traffic|movement|services?|trains?)\s+(?:[\w-]+\s+){0,6}?interrupt\w*|interrupt\w*\s+(?:\w+\s+){0,2}"
    r"(?:traffic|movement|services?)|движени\w+\s+(?:[\w-]+\s+){0,4}?прерв\w+|прерв\w+\s+(?:\w+\s+){0,2}движени\w+",
    "reduced": r"reduced|restrict\w+|speed\s+limit\w*|slowed|ограничен\w+|ограничени\w+\s+скорост\w+|"
    r"сокращен\w+|с\s+пониженной\s+скорост\w+",
    "delayed": r"delay\w*|(?:running|ran|arrived|arriving)\s+late|held\s+up|behind\s+schedule|задерж\w+|опозда\w+|опаздыва\w+|"
    r"с\s+опозданием|(?:поезда|составы|электрички)\s+(?:\w+\s+){0,2}?(?:стоят|стояли|простаивают|простояли)|"
    r"(?:trains|services)\s+(?:\w+\s+){0,2}?(?:stuck|stranded|standing|idle)|отставани\w+\s+от\s+графика|изменен\w+\s+маршрут\w*|детур|"
    r"(?:пущены|направлены|следуют)\s+(?:в\s+)?обход|diverted|rerouted|detour",
    "resumed": r"resum\w+|restor\w+|reopen\w+|back\s+to\s+normal|возобнов\w+|восстановлен\w*\s+движени\w+|"
    r"движени\w+\s+(?:[\w—–-]+\s+){0,6}?восстановлен\w*|восстановили\s+движени\w+|"
    r"(?:открыли|открыт\w*)\s+(?:\w+\s+){0,2}(?:движени\w+|пут\w+)|(?:оба\s+)?пут\w+\s+открыли|открыт\w*\s+движени\w+|"
    r"движени\w+\s+(?:[\w—–-]+\s+){0,6}?открыт\w*|в\s+штатном\s+режиме|в\s+полном\s+объеме|в\s+полном\s+объёме",
}
EFFECT_PATTERNS = {kind: re.compile(pattern, re.IGNORECASE) for kind, pattern in _PATTERNS.items()}
_NO_EFFECT = re.compile(
    r"did\s+not\s+(?:affect|disrupt)|no\s+(?:impact|effect)\s+on\s+(?:traffic|the\s+schedule)|"
    r"not\s+affected|не\s+повлиял\w*|не\s+отразил\w*|не\s+пострадал\w*\s+движени\w*|"
    r"(?:движени\w+|поезда)\s+(?:\w+\s+){0,3}(?:не\s+нарушен\w*|не\s+прерывал\w*|не\s+останавливал\w*)|"
    r"в\s+штатном\s+режиме",
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
