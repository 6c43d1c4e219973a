"""Counts and amounts in incident reports: wagons, tank cars, tanks burned, spills, casualties.

Hedges become ranges: "up to 30" (low 15, high 30), "more than 30" (30..45), "about 30"
(27..33), "a dozen", "dozens", "несколько". A count that disagrees with an earlier one in
the same incident widens the range instead of replacing it (`merge_quantities`).
"""

import re

from railwatch.reports.extract.morph import lemmatize_word
from railwatch.reports.model import Quantity

EN_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12, "a dozen": 12,
    "both": 2, "several": 3, "dozens": 36, "a few": 3,
}  # fmt: skip
RU_NUMBERS = {
    "один": 1, "одна": 1, "два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6,
    "семь": 7, "восемь": 8, "девять": 9, "десять": 10, "одиннадцать": 11, "двенадцать": 12,
    "тринадцать": 13, "четырнадцать": 14, "пятнадцать": 15, "шестнадцать": 16,
    "семнадцать": 17, "восемнадцать": 18, "девятнадцать": 19, "двадцать": 20, "тридцать": 30,
    "сорок": 40, "пятьдесят": 50, "шестьдесят": 60, "семьдесят": 70, "восемьдесят": 80,
    "девяносто": 90, "сто": 100, "десяток": 10, "десятка": 10, "несколько": 3, "десятки": 36,
    "оба": 2, "обе": 2, "пара": 2,
}  # fmt: skip
# Approximate words: (low, best, high) as fractions of the number, or fixed triples.
_VAGUE = {"several": (2, 3, 7), "несколько": (2, 3, 7), "dozens": (24, 36, 99),
          "десятки": (20, 36, 99), "a few": (2, 3, 5)}  # fmt: skip

_RU_NUM_WORDS = sorted(
    {form for form in RU_NUMBERS} | {
        "двух", "трех", "трёх", "четырех", "четырёх", "пяти", "шести", "семи", "восьми",
        "девяти", "десяти", "одиннадцати", "двенадцати", "тринадцати", "четырнадцати",
        "пятнадцати", "шестнадцати", "семнадцати", "восемнадцати", "девятнадцати",
        "двадцати", "тридцати", "сорока", "пятидесяти", "шестидесяти", "семидесяти",
        "восьмидесяти", "девяноста", "ста", "одного", "одной", "одну", "десятков", "нескольких",
        "обоих", "двое", "трое", "четверо", "пятеро", "шестеро",
    },
    key=len,
    reverse=True,
)  # fmt: skip
_EN_NUM_WORDS = sorted(EN_NUMBERS, key=len, reverse=True)
_NUMBER = (
    r"(?P<num>\d{1,3}(?:[ ,]\d{3})*(?:[.,]\d+)?|(?:(?:"
    + "|".join(re.escape(w) for w in _EN_NUM_WORDS + _RU_NUM_WORDS)
    + r")(?:[\s-]+(?:"
    + "|".join(re.escape(w) for w in _EN_NUM_WORDS + _RU_NUM_WORDS)
    + r"))?))"
)
_HEDGE = (
    r"(?P<hedge>up\s+to|as\s+many\s+as|at\s+least|more\s+than|over|nearly|almost|about|around|"
    r"some|roughly|approximately|an\s+estimated|до|более|больше|свыше|не\s+менее|около|порядка|"
    r"примерно|почти|приблизительно|менее|меньше|не\s+более|минимум|как\s+минимум)?\s*"
)
_RANGE = r"(?:(?P<num2>\d{1,3})\s*(?:-|–|—|to|до)\s*)?"

# What is being counted: (kind, pattern for the counted noun).
_COUNTED = [
    ("tank_cars", r"tank\s+cars?|tankers?|tank\s+wagons?|fuel\s+tanks?|cisterns?|"
                  r"цистерн\w*|вагон\w*-цистерн\w*"),
    ("wagons", r"(?:freight\s+|coal\s+|empty\s+|loaded\s+|goods\s+)?(?:wagons?|railcars?|rail\s+cars?|"
               r"cars|carriages?|(?:полу|хоппер-?)?вагон\w*|платформ\w*)"),
    ("locomotives", r"locomotives?|локомотив\w*|электровоз\w*|тепловоз\w*"),
    ("trains_delayed", r"(?:passenger\s+|long-distance\s+|commuter\s+)?trains?(?=\s+(?:were\s+|was\s+)?"
                       r"(?:delayed|held|running\s+late|late|stuck))|"
                       r"поезд\w*(?=\s+(?:\w+\s+)?(?:задерж\w+|опазд\w+|с\s+опозданием))"),
]  # fmt: skip
_QUANTITY = re.compile(
    rf"{_HEDGE}{_RANGE}{_NUMBER}\s+(?:(?!and\b|и\b|of\b|из\b|directions?\b|направлени)\w+\s+)?(?P<noun>"
    + "|".join(f"(?P<{kind}>{pattern})" for kind, pattern in _COUNTED)
    + r")(?!\w)",
    re.IGNORECASE,
)
_TOTAL_TRAIN = re.compile(
    r"(?:consist\w*\s+of|made\s+up\s+of|(?:train|состав|поезд)\w*\s+(?:of|with|из)|состо\w+\s+из|"
    r"в\s+составе|длиной\s+в)\s*$",
    re.IGNORECASE,
)
# "one of the tank cars", "одной из цистерн": a part of something, not a count
_PARTITIVE = re.compile(r"^\s*(?:of\s+(?:the|its)|из)\b", re.IGNORECASE)
_BURNED = re.compile(
    r"burn\w*|caught\s+fire|on\s+fire|ablaze|destroyed\s+by\s+fire|gutted|"
    r"сгорел\w*|выгорел\w*|горел\w*|загорел\w*|горят|охвачен\w*\s+огн\w+|полыха\w+|огн[её]м|огонь|"
    r"уничтожен\w*\s+(?:пожар\w*|огн\w+)",
    re.IGNORECASE,
)
_SPILL_AREA = re.compile(
    rf"{_HEDGE}(?P<num>\d+(?:[.,]\d+)?)\s*(?P<unit>m²|m2|sq\.?\s*m|square\s+met(?:er|re)s?|"
    r"кв\.?\s*м\.?|м²|м2|квадратн\w+\s+метр\w*|hectares?|га|гектар\w*)",
    re.IGNORECASE,
)
_SPILL_TONNES = re.compile(
    rf"{_HEDGE}(?P<num>\d+(?:[.,]\d+)?)\s*(?P<unit>tonnes|tons|тонн\w*|т\b)\s+(?:of\s+)?"
    r"(?P<what>fuel|diesel|oil|petrol|gasoline|fuel\s+oil|oil\s+products|нефт\w*|топлив\w*|"
    r"дизел\w*|бензин\w*|мазут\w*|нефтепродукт\w*)",
    re.IGNORECASE,
)
_DELAYED_RU = re.compile(
    rf"(?:задерж\w+|опазд\w+)\s+(?:\w+\s+)?{_HEDGE}{_NUMBER}\s+(?:\w+\s+)?поезд\w*", re.IGNORECASE
)
_SPILL_WORD = re.compile(r"spill|leak|разли\w+|разлив\w*|утечк\w*|пятн\w+", re.IGNORECASE)


def parse_number(token: str) -> float | None:
    """A number from digits or English/Russian number words ("35", "thirty-five", "тридцати пяти")."""
    raw = token.strip().lower()
    digits = raw.replace(" ", "").replace(",", "") if re.fullmatch(r"[\d ,]+", raw) else raw
    if re.fullmatch(r"\d+", digits):
        return float(digits)
    if re.fullmatch(r"\d+[.,]\d+", raw):
        return float(raw.replace(",", "."))
    if raw in EN_NUMBERS:
        return float(EN_NUMBERS[raw])
    total = 0.0
    for part in re.split(r"[\s-]+", raw):
        if part in EN_NUMBERS:
            total += EN_NUMBERS[part]
            continue
        lemma = lemmatize_word(part)
        value = RU_NUMBERS.get(lemma, RU_NUMBERS.get(part))
        if value is None:
            value = {"двое": 2, "трое": 3, "четверо": 4, "пятеро": 5, "шестеро": 6, "трех": 3}.get(
                part
            )
        if value is None:
            return None
        total += value
    return total or None


def hedge_range(value: float, hedge: str | None, token: str = "") -> tuple[float, float, float]:
    """(low, best, high) for a number and the hedge before it."""
    low, best, high = _hedge_range(value, hedge, token)
    return float(low), float(best), float(high)


def _hedge_range(value: float, hedge: str | None, token: str) -> tuple[float, float, float]:
    vague = _VAGUE.get(token.strip().lower()) or _VAGUE.get(lemmatize_word(token.strip()))
    if vague:
        return tuple(float(v) for v in vague)  # type: ignore[return-value]
    word = " ".join((hedge or "").lower().split())
    if word in {"up to", "as many as", "до", "не более", "менее", "меньше"}:
        return (round(value / 2), value, value)
    if word in {"at least", "more than", "over", "более", "больше", "свыше", "не менее", "минимум",
                "как минимум"}:  # fmt: skip
        return (value, value, round(value * 1.5))
    if word in {"about", "around", "some", "roughly", "approximately", "an estimated", "около",
                "порядка", "примерно", "приблизительно"}:  # fmt: skip
        return (round(value * 0.9), value, round(value * 1.1))
    if word in {"nearly", "almost", "почти"}:
        return (round(value * 0.9), value, value)
    return (value, value, value)


def find_quantities(sentence: str) -> list[Quantity]:
    """Counted things in one sentence; a count of the whole train ("a train of 70 wagons") is not
    a count of damaged wagons and is left out."""
    found: list[Quantity] = []
    for match in _QUANTITY.finditer(sentence):
        kind = next(k for k, _ in _COUNTED if match.group(k))
        if _TOTAL_TRAIN.search(sentence[max(0, match.start() - 25) : match.start()]):
            continue
        value = parse_number(match.group("num"))
        if value is None or value <= 0 or value > 500:
            continue
        if _PARTITIVE.match(sentence[match.end("num") :]):
            continue
        low, best, high = hedge_range(value, match.group("hedge"), match.group("num"))
        if match.group("num2"):
            low, best, high = float(match.group("num2")), value, value
        text = match.group(0).strip()
        found.append(Quantity(kind, low, best, high, text))
        near = sentence[max(0, match.start() - 30) : match.end() + 60]
        if kind in {"tank_cars", "wagons"} and _BURNED.search(near):
            found.append(Quantity("tanks_burned", low, best, high, text))
    for match in _DELAYED_RU.finditer(sentence):
        value = parse_number(match.group("num"))
        if value:
            low, best, high = hedge_range(value, match.group("hedge"), match.group("num"))
            found.append(Quantity("trains_delayed", low, best, high, match.group(0).strip()))
    for match in _SPILL_AREA.finditer(sentence):
        if not _SPILL_WORD.search(sentence):
            continue
        value = float(match.group("num").replace(",", "."))
        unit = match.group("unit").lower()
        if unit.startswith(("hectare", "га", "гектар")):
            value *= 10_000
        low, best, high = hedge_range(value, match.group("hedge"))
        found.append(Quantity("spill_area_m2", low, best, high, match.group(0).strip()))
    for match in _SPILL_TONNES.finditer(sentence):
        value = float(match.group("num").replace(",", "."))
        low, best, high = hedge_range(value, match.group("hedge"))
        found.append(Quantity("spill_tonnes", low, best, high, match.group(0).strip()))
    return found


def merge_quantities(quantities: list[Quantity]) -> list[Quantity]:
    """One quantity per kind: the first mention is the best guess, the range covers them all."""
    merged: dict[str, Quantity] = {}
    for quantity in quantities:
        seen = merged.get(quantity.kind)
        if seen is None:
            merged[quantity.kind] = quantity
            continue
        merged[quantity.kind] = Quantity(
            quantity.kind,
            min(seen.low, quantity.low),
            seen.best,
            max(seen.high, quantity.high),
            seen.text if seen.text == quantity.text else f"{seen.text}; {quantity.text}",
        )
    return list(merged.values())


# --- casualties -------------------------------------------------------------------------------

_NOBODY_HURT = re.compile(
    r"no\s+(?:one|body)\s+(?:was\s+)?(?:hurt|injured|killed)|nobody\s+(?:was\s+)?(?:hurt|injured)|"
    r"no\s+(?:casualties|injuries|victims|one\s+died)|(?:there\s+were\s+)?no\s+(?:reports\s+of\s+)?"
    r"(?:casualties|injuries)|without\s+casualties|никто\s+не\s+пострадал|пострадавших\s+нет|"
    r"без\s+пострадавших|обошлось\s+без\s+(?:пострадавших|жертв)|жертв\s+(?:и\s+пострадавших\s+)?нет|"
    r"погибших\s+и\s+пострадавших\s+нет|не\s+пострадал\w*|пострадавших\s+не\s+было|"
    r"не\s+было\s+пострадавших|жертв\s+нет",
    re.IGNORECASE,
)
_KILLED = re.compile(
    rf"{_NUMBER}\s+(?:people\s+|persons\s+|человек\w*\s+|men\s+|workers\s+)?(?:were\s+|was\s+|have\s+been\s+)?"
    r"(?:killed|dead|died|погиб\w*|скончал\w*)|(?:killed|погиб\w*|скончал\w*|погибли|жертвами\s+стали)"
    rf"\s+(?:\w+\s+){{0,2}}?{_NUMBER.replace('num', 'num_after')}\s*(?:человек|people|persons)?",
    re.IGNORECASE,
)
_INJURED = re.compile(
    rf"{_NUMBER}\s+(?:people\s+|persons\s+|человек\w*\s+|men\s+|workers\s+)?(?:were\s+|was\s+|have\s+been\s+)?"
    r"(?:injured|hurt|wounded|hospitali[sz]ed|пострадал\w*|ранен\w*|госпитализирован\w*|травмирован\w*)|"
    r"(?:injured|hurt|wounded|пострадали|пострадал|ранены|госпитализированы|травмированы)\s+"
    rf"(?:\w+\s+){{0,2}}?{_NUMBER.replace('num', 'num_after')}\s*(?:человек|people|persons)",
    re.IGNORECASE,
)
# "..., killing at least 26 people and injuring 14 passengers": a participle after the event
_KILLING = re.compile(
    r"(?<!\w)(?:killing|killed|унес(?:я|ший|шая|шее|ло|ла|ли)?\s+жизни)\s+"
    r"(?:at\s+least\s+|more\s+than\s+|nearly\s+|about\s+|не\s+менее\s+|более\s+)?"
    r"(?P<num>\d{1,4})\s+(?:people|persons|passengers|человек|пассажир\w*)(?!\w)",
    re.IGNORECASE,
)
_INJURING = re.compile(
    r"\b(?:injuring|wounding)\s+(?:at\s+least\s+|more\s+than\s+|nearly\s+|about\s+)?"
    r"(?P<num>\d{1,4})\s+(?:people|persons|passengers|others)\b",
    re.IGNORECASE,
)
_ONE_KILLED = re.compile(
    r"(?:the|a|its)\s+(?:\w+\s+)?(?:driver|engineer|machinist|worker|passenger|pedestrian)\s+"
    r"(?:was\s+|has\s+)?(?:killed|died)|(?:машинист|водитель|помощник\s+машиниста|пассажир|пешеход|"
    r"рабочий|железнодорожник)\w*\s+(?:\w+\s+)?(?:погиб|скончался)|погиб\s+(?:\w+\s+)?(?:машинист|водитель)",
    re.IGNORECASE,
)
_ONE_INJURED = re.compile(
    r"(?:the|a|its)\s+(?:\w+\s+)?(?:driver|engineer|machinist|worker|passenger|pedestrian)\s+"
    r"(?:was\s+)?(?:injured|hurt|hospitali[sz]ed)|(?:машинист|водитель|помощник\s+машиниста|пассажир|"
    r"пешеход)\w*\s+(?:\w+\s+)?(?:пострадал|ранен|госпитализирован|травмирован)",
    re.IGNORECASE,
)


def _group_number(match: re.Match[str]) -> float | None:
    token = match.groupdict().get("num") or match.groupdict().get("num_after")
    return parse_number(token) if token else None


def find_casualties(sentence: str) -> dict[str, int]:
    """{"killed": n, "injured": n} for what the sentence says; "no one was hurt" gives zeros."""
    found: dict[str, int] = {}
    if _NOBODY_HURT.search(sentence):
        found = {"killed": 0, "injured": 0}
        sentence = _NOBODY_HURT.sub(" ", sentence)
    for key, counted, participle, single in (
        ("killed", _KILLED, _KILLING, _ONE_KILLED),
        ("injured", _INJURED, _INJURING, _ONE_INJURED),
    ):
        for match in [*counted.finditer(sentence), *participle.finditer(sentence)]:
            value = _group_number(match)
            if value is not None and 0 < value < 10_000:
                found[key] = max(found.get(key, 0), int(value))
        if (key not in found or found[key] == 0) and single.search(sentence):
            found[key] = max(found.get(key, 0), 1)
    return found
