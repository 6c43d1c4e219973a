"""Find dates in English and Russian report text and resolve them against the publication date.

General date parsers miss the forms news about incidents uses most: night-of ("в ночь на
30 ноября", "overnight into Thursday"), day ranges ("29–30 ноября"), weekdays relative to
publication ("on Wednesday night"), and anchors ("накануне", "a day after"). Each found date
keeps its precision (day, night, week, month, year) and how it was obtained (`method`):

- "explicit": the text gives the calendar date (the year may be inferred);
- "relative_to_publication": counted from the publication date ("yesterday", "on Tuesday");
- "relative_to_text_date": counted from an earlier date in the text ("a day after");
- "publication_fallback": no date in the text, the publication date stands in (set by callers).

Years left out are inferred so that the date is not after publication (by more than
`YEAR_GRACE_DAYS`).
"""

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta

from railwatch.reports.lexicon import lexicon, words
from railwatch.reports.model import DateValue

MONTHS_EN = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
# Russian month stems: genitive ("ноября"), prepositional ("ноябре") and nominative share them
MONTHS_RU = {
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6,
    "июл": 7, "август": 8, "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12,
}  # fmt: skip
WEEKDAYS_EN = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3,
    "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip
WEEKDAYS_RU = {
    "понедельник": 0, "вторник": 1, "сред": 2, "четверг": 3,
    "пятниц": 4, "суббот": 5, "воскресень": 6, "пятничн": 4, "воскресн": 6,
}  # fmt: skip
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "several": 3, "один": 1, "одну": 1, "день": 1, "два": 2, "две": 2,
    "три": 3, "трое": 3, "двое": 2, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7, "сутки": 1,
}  # fmt: skip

_MON_EN = (
    r"(?P<mon>january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)(?:\.|\b)"
)
# abbreviated Russian months ("7 окт."), longest first so that "сент." is not read as "сен"
_MONTH_ABBR_RU: dict[str, int] = dict(lexicon("ru")["month_abbreviations"])
_ABBR_RU = "|".join(sorted(_MONTH_ABBR_RU, key=len, reverse=True))
_MON_RU = (
    r"(?P<mon>январ[ьяе]|феврал[ьяе]|март[ае]?|апрел[ьяе]|ма[йяе]|июн[ьяе]|июл[ьяе]|"
    rf"август[ае]?|сентябр[ьяе]|октябр[ьяе]|ноябр[ьяе]|декабр[ьяе]|(?:{_ABBR_RU})\.)"
)
# ordinal endings: "1st", "1-е июня", "1-го июня"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|-?го|-?е)?"
_DAY2 = r"(?P<day2>[0-3]?\d)(?:st|nd|rd|th|-?го|-?е)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DASH = r"\s*(?:-|–|—|to|and|по|и)\s*"
_WD_EN = r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_WD_RU = (
    r"(?P<wd>понедельник|вторник|среду|среда|четверг|пятницу|пятница|субботу|суббота|воскресенье)"
)


def _either(key: str) -> str:
    """One alternation of a date word list of both lexicons (a report's language is not
    always known when its dates are read)."""
    return "|".join(f"(?:{p})" for p in (*words("en", key), *words("ru", key)))


_PAST = rf"(?P<past>{_either('date_past_weekday')})"
_TIME_OF_DAY_RU = "|".join(words("ru", "date_time_of_day"))
_NUM = r"(?P<num>\d+|a|an|one|two|three|four|five|six|seven|several|один|одну|два|две|двое|три|трое|четыре|пять|шесть|семь)"


@dataclass(frozen=True)
class DateMention:
    """A date found in text: the character span and its resolved value.

    A phrase that relates two events ("a day after", "hours after", "спустя сутки после")
    dates the clause it belongs to (`value`) and also the event named after it, its
    complement (`complement`): in "traffic resumed on Sept 14, a day after the blast" the
    blast is Sept 13. `complement` is None for every other mention."""

    start: int
    end: int
    value: DateValue
    complement: DateValue | None = None


def _month_en(token: str) -> int:
    return MONTHS_EN[token.lower()[:3]]


def _month_ru(token: str) -> int:
    low = token.lower()
    if low.endswith("."):
        return _MONTH_ABBR_RU[low[:-1]]
    for stem, number in MONTHS_RU.items():
        if low.startswith(stem) and (stem != "ма" or low[:3] in {"май", "мая", "мае"}):
            return number
    raise KeyError(token)


def _weekday_index(token: str) -> int:
    low = token.lower()
    if low in WEEKDAYS_EN:
        return WEEKDAYS_EN[low]
    for stem, number in WEEKDAYS_RU.items():
        if low.startswith(stem):
            return number
    raise KeyError(token)


# A day named without a year may lie this far after the publication date and still be in its
# year: a report dated in UTC tells an event of the next local day in the Far East ("June 6"
# in a report stamped June 5), which is not an event of the year before.
YEAR_GRACE_DAYS = 1


def infer_year(month: int, day: int, reference: date) -> int:
    """The year that puts month/day on or before `reference` (give or take YEAR_GRACE_DAYS),
    at most a year earlier."""
    latest = reference + timedelta(days=YEAR_GRACE_DAYS)
    return latest.year - 1 if (month, day) > (latest.month, latest.day) else latest.year


def _safe_date(year: int, month: int, day: int) -> date | None:
    if not 1 <= month <= 12 or not 1 <= day <= monthrange(year, month)[1]:
        return None
    return date(year, month, day)


def last_weekday_on_or_before(weekday: int, reference: date) -> date:
    """The most recent day with this weekday (0 = Monday) on or before `reference`."""
    return reference - timedelta(days=(reference.weekday() - weekday) % 7)


def _month_span(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, monthrange(year, month)[1])


def _previous_month(reference: date) -> tuple[int, int]:
    return (
        (reference.year - 1, 12) if reference.month == 1 else (reference.year, reference.month - 1)
    )


def _count(token: str) -> int:
    return int(token) if token.isdigit() else NUMBER_WORDS[token.lower()]


def _value(start: date, end: date, precision: str, method: str, text: str) -> DateValue:
    return DateValue(start=start, end=end, precision=precision, method=method, text=text.strip())


# Each rule: (compiled pattern, handler name). Handlers get (match, reference, anchor) and
# return a DateValue or None. Patterns are tried all over the text; overlapping matches are
# resolved in favour of the longest.
_RULES: list[tuple[re.Pattern[str], str]] = []


def _rule(pattern: str, handler: str) -> None:
    _RULES.append((re.compile(pattern, re.IGNORECASE), handler))


# --- explicit numeric -------------------------------------------------------------------
_rule(r"\b(?P<year>(?:19|20)\d\d)-(?P<mon>[01]\d)-(?P<day>[0-3]\d)\b", "iso")
_rule(r"\b(?P<a>[0-3]?\d)[./](?P<b>[01]?\d)[./](?P<year>(?:19|20)?\d\d)\b", "numeric")
# --- night-of -----------------------------------------------------------------------------
_rule(rf"в\s+ночь\s+с\s+{_DAY2}\s+на\s+{_DAY}\s+{_MON_RU}(?:\s+{_YEAR})?", "ru_night_range")
_rule(rf"в\s+ночь\s+на\s+{_DAY}\s+{_MON_RU}(?:\s+{_YEAR})?", "ru_night_on")
# a night across two months ("в ночь с 31 мая на 1 июня", "the night of May 31 to June 1")
# is dated by its morning, as every night is
_rule(
    rf"в\s+ночь\s+с\s+\d{{1,2}}(?:-?го|-?е)?\s+[а-яё]+\s+на\s+{_DAY}\s+{_MON_RU}(?:\s+{_YEAR})?",
    "ru_night_on",
)
_rule(
    rf"(?:on\s+)?the\s+night\s+of\s+(?:[a-z]+\.?\s+\d{{1,2}}|\d{{1,2}}\s+[a-z]+)(?:st|nd|rd|th)?"
    rf"\s*(?:-|–|—|to|into|and)\s*(?:{_MON_EN}\s+{_DAY}|{_DAY2}\s+(?P<mon2>[a-z]+))(?:,?\s+{_YEAR})?",
    "en_night_into",
)
_rule(rf"в\s+ночь\s+(?:с\s+\w+\s+)?на\s+{_WD_RU}", "ru_night_weekday")
_rule(
    rf"(?:on\s+)?the\s+night\s+of\s+{_MON_EN}\s+{_DAY2}{_DASH}{_DAY}(?:,?\s+{_YEAR})?",
    "en_night_mdd",
)
_rule(
    rf"(?:on\s+)?the\s+night\s+of\s+{_DAY2}{_DASH}{_DAY}\s+{_MON_EN}(?:,?\s+{_YEAR})?",
    "en_night_ddm",
)
_rule(rf"overnight\s+(?:into|to)\s+{_WD_EN}", "en_overnight_into")
_rule(
    rf"(?:on\s+)?the\s+night\s+of\s+{_MON_EN}\s+{_DAY}(?!\s*(?:-|–)\s*\d)(?:,?\s+{_YEAR})?",
    "en_night_of_day",
)
_rule(rf"(?:on\s+)?the\s+night\s+of\s+{_DAY}\s+{_MON_EN}(?:,?\s+{_YEAR})?", "en_night_of_day")
_rule(rf"(?:overnight\s+(?:on\s+)?|late\s+on\s+|on\s+)?{_WD_EN}\s+night", "en_weekday_night")
_rule(rf"overnight\s+(?:on\s+)?{_WD_EN}", "en_weekday_night")
# "в среду ночью", "ночью в среду": the night of that weekday, not last night
_rule(rf"\bв\s+{_WD_RU}\s+ночью", "en_weekday_night")
_rule(rf"\bночью\s+в\s+{_WD_RU}", "en_weekday_night")
_rule(
    r"\b(?:last\s+night|overnight|прошлой\s+ночью|этой\s+ночью|минувшей\s+ночью|ночью)\b",
    "last_night",
)
# --- explicit ranges and days -------------------------------------------------------------
_rule(rf"\b{_DAY2}{_DASH}{_DAY}\s+{_MON_RU}(?:\s+{_YEAR})?", "ru_range")
_rule(rf"\bс\s+{_DAY2}\s+по\s+{_DAY}\s+{_MON_RU}(?:\s+{_YEAR})?", "ru_range")
# "утром 7 октября", "ночью 7 октября": the time of day belongs to the date (not last night)
_rule(rf"(?<!\w)(?:{_TIME_OF_DAY_RU})\s+{_DAY}\s+{_MON_RU}(?:\s+{_YEAR})?", "ru_day")
_rule(rf"\b{_DAY}\s+{_MON_RU}(?:\s+{_YEAR})?", "ru_day")
_rule(rf"\b{_MON_EN}\s+{_DAY2}{_DASH}{_DAY}\b(?:,?\s+{_YEAR})?", "en_range_mdd")
_rule(rf"\b{_DAY2}{_DASH}{_DAY}\s+{_MON_EN}(?:,?\s+{_YEAR})?", "en_range_ddm")
_rule(rf"\b(?:{_WD_EN},?\s+)?{_MON_EN}\s+{_DAY}\b(?!\s*(?:-|–)\s*\d)(?:,?\s+{_YEAR})?", "en_mdy")
_rule(rf"\b(?:{_WD_EN},?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MON_EN}(?:,?\s+{_YEAR})?", "en_dmy")
# --- months and years ---------------------------------------------------------------------
_rule(
    r"\b(?P<which>last|this|past|previous)\s+month\b|\b(?:в|за)\s+(?P<which_ru>прошлом|этом|текущем|минувшем)\s+месяце\b",
    "rel_month",
)
_rule(
    rf"\b(?P<part>early|mid|late|in\s+early|in\s+mid|in\s+late|(?:at\s+)?the\s+(?:beginning|start|end)\s+of)[\s-]+{_MON_EN}(?:\s+{_YEAR})?",
    "en_part_month",
)
_rule(rf"\bin\s+{_MON_EN}(?:\s+{_YEAR})?", "en_month")
_rule(rf"\b{_MON_EN}\s+{_YEAR}\b", "en_month")
_rule(
    rf"\b(?P<part>в\s+начале|в\s+середине|в\s+конце|в\s+первых\s+числах)\s+{_MON_RU}(?:\s+{_YEAR})?",
    "ru_part_month",
)
_rule(rf"\bв\s+{_MON_RU}(?:\s+{_YEAR})?", "ru_month")
_rule(rf"(?<!\w)(?:{_either('date_last_week')})(?!\w)", "last_week")
_rule(
    r"\b(?P<which>last|this|past)\s+week\b|\bна\s+(?P<which_ru>прошлой|этой|текущей|минувшей)\s+неделе\b|"
    rf"(?<!\w)(?:{_either('date_this_week')})(?!\w)",
    "rel_week",
)
_rule(rf"\b(?:in|в)\s+{_YEAR}(?:\s+году)?\b", "year")
_rule(r"\b(?:last\s+year|в\s+прошлом\s+году)\b", "last_year")
# "earlier this year/month": some time before publication in the period (an earlier event)
_rule(
    r"\b(?:earlier\s+(?:this|in\s+the)\s+(?P<period>year|month))\b|"
    r"(?<!\w)ранее\s+в\s+(?:этом|текущем)\s+(?P<period_ru>году|месяце)\b",
    "earlier_this",
)
# --- relative days ------------------------------------------------------------------------
_rule(r"\b(?:the\s+day\s+before\s+yesterday|позавчера)\b", "day_before_yesterday")
_rule(
    r"\b(?:yesterday|вчера)(?:\s+(?:утром|днем|днём|вечером|ночью|morning|afternoon|evening))?\b|"
    r"\bвчерашн(?:ий|его|ему|ем|им|яя|ей|юю|ее|ие|их)\b",  # "вчерашний сход": yesterday's
    "yesterday",
)
_rule(
    rf"(?<!\w)(?:{_either('date_weekend')})(?!\w)",
    "weekend",
)
_rule(
    r"\b(?:a\s+few|several)\s+days\s+ago\b|\bна\s+днях\b|\bнесколько\s+дней\s+назад\b",
    "recent_days",
)
_rule(
    r"\b(?:today|this\s+morning|this\s+afternoon|this\s+evening|tonight|earlier\s+today|"
    r"(?:earlier|later)\s+in\s+the\s+day|"
    r"сегодня(?:\s+(?:утром|днем|днём|вечером))?)\b",
    "today",
)
_rule(
    r"\b(?:the\s+same\s+day|that\s+same\s+day|on\s+the\s+same\s+day|в\s+тот\s+же\s+день|в\s+этот\s+же\s+день|"
    r"в\s+тот\s+же\s+вечер|тем\s+же\s+вечером|в\s+тот\s+же\s+день)\b",
    "anchor_same_day",
)
_rule(rf"(?<!\w)(?:{_either('date_day_before')})(?!\w)", "anchor_minus_one")
_rule(
    r"\b(?:the\s+(?:next|following)\s+day|a\s+day\s+later|one\s+day\s+later|на\s+следующий\s+день|на\s+другой\s+день|спустя\s+сутки|через\s+сутки|днем\s+позже|днём\s+позже)\b",
    "anchor_plus_one",
)
_rule(
    rf"\b(?:(?:just\s+|only\s+|a\s+few\s+|several\s+|some\s+)?hours|{_NUM}\s+hours?|"
    r"(?:через|спустя)\s+(?:несколько|пару|считанные)\s+часов|"
    r"(?:через|спустя)\s+\w+\s+час\w*)\s+(?:after|после)\b",
    "relation_after",
)
_rule(rf"\b{_NUM}\s+days?\s+after\b", "relation_after")
_rule(rf"\b{_NUM}\s+weeks?\s+after\b", "relation_after")
_rule(rf"\b(?:спустя|через)\s+(?:{_NUM}\s+)?(?:неделю|недели|недель)\s+после\b", "relation_after")
_rule(
    rf"\b(?:a|one|the)\s+day\s+after\b|\b(?:спустя|через)\s+(?:{_NUM}\s+)?(?:дня|дней|сутки|суток|день)\s+после\b|"
    r"\bна\s+следующий\s+день\s+после\b",
    "relation_after",
)
_rule(rf"\b{_NUM}\s+days?\s+later\b", "anchor_plus_n")
_rule(rf"\b(?:спустя|через)\s+{_NUM}\s+(?:дня|дней|суток)\b", "anchor_plus_n")
_rule(rf"\b{_NUM}\s+days?\s+ago\b", "days_ago")
_rule(rf"\b{_NUM}\s+(?:дня|дней|суток)\s+назад\b", "days_ago")
_rule(rf"\b{_NUM}\s+weeks?\s+ago\b", "weeks_ago")
_rule(rf"\b{_NUM}\s+(?:недели|недель)\s+назад\b|\bнеделю\s+назад\b", "weeks_ago")
_rule(
    rf"\b(?:(?:on|early|late)\s+(?:on\s+)?|{_PAST}\s+)?{_WD_EN}(?:\s+(?:morning|afternoon|evening))?\b",
    "en_weekday",
)
_rule(
    rf"(?<!\w)(?:в|во)\s+(?:{_PAST}\s+|(?:{_either('date_this_weekday')})\s+)?{_WD_RU}(?:\s+(?:{_TIME_OF_DAY_RU}))?(?!\w)",
    "ru_weekday",
)
# "субботний взрыв", "воскресного схода": the event of that weekday
_rule(
    r"(?<!\w)(?P<wd>субботн|воскресн|пятничн)(?:ий|ый|его|ого|ему|ому|ем|ом|им|ым|яя|ая|ей|ой|юю|ую)\b",
    "ru_weekday",
)


def _explicit_day(year: int | None, month: int, day: int, reference: date, text: str):
    year = year or infer_year(month, day, reference)
    found = _safe_date(year, month, day)
    return _value(found, found, "day", "explicit", text) if found else None


def _explicit_range(year, month, day1, day2, reference, text, precision="day"):
    year = year or infer_year(month, day2, reference)
    first, last = _safe_date(year, month, day1), _safe_date(year, month, day2)
    if first is None or last is None or first > last or (last - first).days > 7:
        return None
    if precision == "night" or first != last:
        return _value(first, last, precision if first != last else "day", "explicit", text)
    return _value(first, last, "day", "explicit", text)


# "5 мая прошлого года", "in March last year": a year counted back from publication
_YEARS_BACK: dict[str, int] = {
    **dict(lexicon("en")["date_year_after"]),
    **dict(lexicon("ru")["date_year_after"]),
}
_YEAR_AFTER = re.compile(
    rf"\s*,?\s+(?:{'|'.join(f'(?P<y{i}>{p})' for i, p in enumerate(_YEARS_BACK))})(?!\w)",
    re.IGNORECASE,
)
_BACK = tuple(_YEARS_BACK.values())  # years back, by the group number y<i>


def _year(match: re.Match[str], reference: date | None = None) -> int | None:
    """The year a match names, or that the words right after it count back from
    `reference` ("in May last year"); None when neither says."""
    found = match.groupdict().get("year")
    if found:
        return int(found)
    after = _YEAR_AFTER.match(match.string, match.end()) if reference else None
    if after is None or reference is None or after.lastgroup is None:
        return None
    back = _BACK[int(after.lastgroup[1:])]
    return reference.year - back


def _resolve(
    handler: str, m: re.Match[str], ref: date, anchor: date | None, month_first: bool = False
) -> DateValue | None:
    """Turn one pattern match into a DateValue (None when the match is not a real date)."""
    text = m.group(0)
    g = m.groupdict()
    rel = "relative_to_publication"
    if handler == "iso":
        found = _safe_date(int(g["year"]), int(g["mon"]), int(g["day"]))
        return _value(found, found, "day", "explicit", text) if found else None
    if handler == "numeric":
        a, b, year = int(g["a"]), int(g["b"]), int(g["year"])
        year += 2000 if year < 100 else 0
        # day first (Russian and European style) unless that cannot be a date; English
        # text with a slash reads month first when both readings are possible
        dom, month = (a, b) if b <= 12 else (b, a)
        if month_first and "/" in text and a <= 12:
            dom, month = b, a
        found = _safe_date(year, month, dom)
        return _value(found, found, "day", "explicit", text) if found else None
    if handler == "ru_night_on":
        month, dom = _month_ru(g["mon"]), int(g["day"])
        value = _explicit_day(_year(m, ref), month, dom, ref + timedelta(days=1), text)
        if value is None:
            return None
        return _value(value.start - timedelta(days=1), value.start, "night", "explicit", text)
    if handler == "ru_night_range":
        return _explicit_range(
            _year(m, ref),
            _month_ru(g["mon"]),
            int(g["day2"]),
            int(g["day"]),
            ref + timedelta(days=1),
            text,
            "night",
        )
    if handler in {"en_night_mdd", "en_night_ddm"}:
        return _explicit_range(
            _year(m, ref),
            _month_en(g["mon"]),
            int(g["day2"]),
            int(g["day"]),
            ref + timedelta(days=1),
            text,
            "night",
        )
    if handler == "en_night_into":
        name = g["mon"] or g["mon2"]
        if name.lower()[:3] not in MONTHS_EN:
            return None  # "the night of 31 May to 1 Junk": no month, no date
        dom = int(g["day"] or g["day2"])
        value = _explicit_day(_year(m, ref), _month_en(name), dom, ref + timedelta(days=1), text)
        if value is None:
            return None
        return _value(value.start - timedelta(days=1), value.start, "night", "explicit", text)
    if handler == "weekend":
        saturday = last_weekday_on_or_before(5, ref)
        return _value(saturday, min(saturday + timedelta(days=1), ref), "week", rel, text)
    if handler == "recent_days":
        return _value(ref - timedelta(days=6), ref - timedelta(days=1), "week", rel, text)
    if handler == "en_night_of_day":
        value = _explicit_day(_year(m, ref), _month_en(g["mon"]), int(g["day"]), ref, text)
        if value is None:
            return None
        return _value(value.start, value.start + timedelta(days=1), "night", "explicit", text)
    if handler in {"ru_night_weekday", "en_overnight_into"}:
        morning = last_weekday_on_or_before(_weekday_index(g["wd"]), ref)
        return _value(morning - timedelta(days=1), morning, "night", rel, text)
    if handler == "en_weekday_night":
        evening = last_weekday_on_or_before(_weekday_index(g["wd"]), ref)
        return _value(evening, evening + timedelta(days=1), "night", rel, text)
    if handler == "last_night":
        return _value(ref - timedelta(days=1), ref, "night", rel, text)
    if handler == "ru_range":
        return _explicit_range(
            _year(m, ref), _month_ru(g["mon"]), int(g["day2"]), int(g["day"]), ref, text
        )
    if handler in {"en_range_mdd", "en_range_ddm"}:
        return _explicit_range(
            _year(m, ref), _month_en(g["mon"]), int(g["day2"]), int(g["day"]), ref, text
        )
    if handler == "ru_day":
        return _explicit_day(_year(m, ref), _month_ru(g["mon"]), int(g["day"]), ref, text)
    if handler in {"en_mdy", "en_dmy"}:
        return _explicit_day(_year(m, ref), _month_en(g["mon"]), int(g["day"]), ref, text)
    if handler == "rel_month":
        which = (g.get("which") or g.get("which_ru") or "").lower()
        if which in {"this", "этом", "текущем"}:
            return _value(ref.replace(day=1), ref, "month", rel, text)
        year, month = _previous_month(ref)
        return _value(*_month_span(year, month), "month", rel, text)
    if handler in {"en_month", "ru_month", "en_part_month", "ru_part_month"}:
        month = _month_en(g["mon"]) if handler.startswith("en") else _month_ru(g["mon"])
        year = _year(m, ref) or (ref.year if month <= ref.month else ref.year - 1)
        first, last = _month_span(year, month)
        part = (g.get("part") or "").lower()
        if any(w in part for w in ("early", "beginning", "start", "начале", "первых")):
            last = first + timedelta(days=9)
        elif any(w in part for w in ("mid", "середине")):
            first, last = first + timedelta(days=9), first + timedelta(days=19)
        elif any(w in part for w in ("late", "end", "конце")):
            first = first + timedelta(days=20)
        method = "explicit"
        return _value(
            first, min(last, max(ref, first)) if last > ref else last, "month", method, text
        )
    if handler == "last_week":
        monday = ref - timedelta(days=ref.weekday() + 7)
        return _value(monday, monday + timedelta(days=6), "week", rel, text)
    if handler == "rel_week":
        which = (g.get("which") or g.get("which_ru") or "this").lower()
        monday = ref - timedelta(days=ref.weekday())
        if which in {"last", "past", "прошлой", "минувшей"}:
            return _value(monday - timedelta(days=7), monday - timedelta(days=1), "week", rel, text)
        return _value(monday, ref, "week", rel, text)
    if handler == "year":
        year = int(g["year"])
        return _value(date(year, 1, 1), date(year, 12, 31), "year", "explicit", text)
    if handler == "earlier_this":
        year_long = (g.get("period") or g.get("period_ru") or "").lower() in {"year", "году"}
        first = date(ref.year, 1, 1) if year_long else ref.replace(day=1)
        last = max(first, ref - timedelta(days=1))
        return _value(first, last, "year" if year_long else "month", rel, text)
    if handler == "last_year":
        return _value(date(ref.year - 1, 1, 1), date(ref.year - 1, 12, 31), "year", rel, text)
    if handler == "day_before_yesterday":
        day = ref - timedelta(days=2)
        return _value(day, day, "day", rel, text)
    if handler == "yesterday":
        day = ref - timedelta(days=1)
        return _value(day, day, "day", rel, text)
    if handler == "today":
        return _value(ref, ref, "day", rel, text)
    if handler in {"anchor_minus_one", "anchor_plus_one", "anchor_plus_n", "anchor_same_day"}:
        shift = {"anchor_minus_one": -1, "anchor_plus_one": 1, "anchor_same_day": 0}.get(handler)
        if shift is None:
            shift = _count(g["num"])
        base, method = (anchor, "relative_to_text_date") if anchor else (ref, rel)
        # without an anchor a "next day" cannot lie after publication
        day = (
            min(base + timedelta(days=shift), ref)
            if anchor is None
            else base + timedelta(days=shift)
        )
        return _value(day, day, "day", method, text)
    if handler == "days_ago":
        day = ref - timedelta(days=_count(g["num"]))
        return _value(day, day, "day", rel, text)
    if handler == "weeks_ago":
        weeks = _count(g["num"]) if g.get("num") else 1
        centre = ref - timedelta(days=7 * weeks)
        return _value(centre - timedelta(days=3), centre + timedelta(days=3), "week", rel, text)
    if handler in {"en_weekday", "ru_weekday"}:
        day = last_weekday_on_or_before(_weekday_index(g["wd"]), ref)
        if g.get("past") and day == ref:
            day -= timedelta(days=7)
        return _value(day, day, "day", rel, text)
    raise AssertionError(f"no handler {handler}")


_ANCHORED = {
    "anchor_minus_one",
    "anchor_plus_one",
    "anchor_plus_n",
    "anchor_same_day",
    "relation_after",
}
_SENTENCE_END = re.compile(r"[.!?\n]\s")


def _relation_days(text: str) -> tuple[int, int]:
    """How many days "N days after" puts between its clause and its complement (0 for hours),
    and by how many days either way that may be off ("a week after" is about seven days)."""
    low = text.lower()
    if "hour" in low or "час" in low:
        return 0, 0
    number = re.search(rf"\b{_NUM}\b", low)
    count = _count(number.group("num")) if number and number.group("num") != "день" else 1
    if "week" in low or "недел" in low:
        return 7 * count, 2
    return count, 0


def _relation(
    match: re.Match[str], text: str, before: list[DateMention], after: list[DateMention],
    reference: date, published: date | None,
) -> DateMention:  # fmt: skip
    """Date a relational phrase and its complement from the nearest day-precise date.

    A date inside the complement ("a day after the blast on Nov. 29") dates the complement;
    a date earlier in the same sentence ("resumed on Tuesday, a day after the blast") dates
    the clause; a date in an earlier sentence is the event the phrase refers back to ("The
    blast hit on Monday. A day after the blast, ..."); without any, the clause is the
    publication day."""
    count, slack = _relation_days(match.group(0))
    days, off = timedelta(days=count), timedelta(days=slack)
    precision = "week" if slack else "day"
    start, end, phrase = match.start(), match.end(), match.group(0)
    method = "relative_to_text_date"

    def around(day: date, how: str) -> DateValue:
        return _value(day - off, day + off, precision, how, phrase)

    if after:
        complement = after[0].value
        clause = around(_anchor_day(complement) + days, method)
    elif before and not _SENTENCE_END.search(text, before[-1].end, start):
        clause = before[-1].value
        complement = around(_anchor_day(clause) - days, method)
        clause = _value(clause.start, clause.end, clause.precision, method, phrase)
    elif before:
        complement = before[-1].value
        clause = around(_anchor_day(complement) + days, method)
    elif published is not None:
        rel = "relative_to_publication"
        clause = _value(reference, reference, "day", rel, phrase)
        complement = around(reference - days, rel)
    else:
        rel = "relative_to_publication"
        return DateMention(start, end, _value(reference, reference, "day", rel, phrase))
    return DateMention(start, end, clause, complement)


def _anchor_day(value: DateValue) -> date:
    return value.end if value.precision == "night" else value.start


def find_dates(
    text: str, published: date | None, language: str | None = None, filed: date | None = None
) -> list[DateMention]:
    """All dates in `text`, in order of appearance, resolved against `published`.

    Forms such as "a day after" and "накануне" count from the nearest day-precise date
    before them in their paragraph or in the headline, or just after them ("a day after the
    blast on Nov. 29"), and from publication when there is none. Without a publication date, forms counted from
    publication ("yesterday", "on Tuesday") give nothing, and a date without a year takes
    the latest year the text names (else the current one), or that of `filed`, the last day
    of the month a page address files the report under ("/2012/07/").
    """
    month_first = language == "en"
    reference = published or filed or _undated_reference(text)
    candidates: list[tuple[int, int, int, re.Match[str], str]] = []
    for order, (pattern, handler) in enumerate(_RULES):
        for match in pattern.finditer(text):
            if match.end() > match.start():
                candidates.append((match.start(), match.end(), order, match, handler))
    # longest matches win; among equals, the earlier rule, then the earlier position
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    chosen: list[tuple[int, int, re.Match[str], str]] = []
    for start, end, _order, match, handler in candidates:
        if any(start < c_end and c_start < end for c_start, c_end, _m, _h in chosen):
            continue
        chosen.append((start, end, match, handler))
    chosen.sort(key=lambda c: c[0])
    # first the dates that stand on their own, then those counted from them
    headline_end = text.find("\n") if "\n" in text else len(text)
    fixed: dict[int, DateMention] = {}
    for start, end, match, handler in chosen:
        if handler not in _ANCHORED:
            value = _resolve(handler, match, reference, None, month_first)
            if value is not None:
                fixed[start] = DateMention(start, end, value)
    found: list[DateMention] = []
    for start, end, match, handler in chosen:
        if handler not in _ANCHORED:
            if start in fixed:
                found.append(fixed[start])
            continue
        precise = [d for d in fixed.values() if d.value.precision in {"day", "night"}]
        # an anchor in another paragraph (an older event told before) is not the one meant
        before = [
            d
            for d in found
            if d.end <= start
            and d.value.precision in {"day", "night"}
            and (d.end <= headline_end or "\n" not in text[d.end : start])
        ]
        after = [
            d
            for d in precise
            if d.start >= end and d.start - end <= 80 and "\n" not in text[end : d.start]
        ]
        if handler == "relation_after":
            # the complement runs to the end of the clause
            inside = [d for d in after if not re.search(r"[,;.!?]", text[end : d.start])]
            found.append(_relation(match, text, before, inside, reference, published))
            continue
        anchor = _anchor_day(before[-1].value) if before else None
        if anchor is None and after:
            anchor = _anchor_day(min(after, key=lambda d: d.start).value)
        value = _resolve(handler, match, reference, anchor, month_first)
        if value is not None and published is not None and value.start > published:
            # "the next day" counted from a day that is itself the publication day names a
            # day the report cannot yet tell of (a chain of relative days run past it)
            continue
        if value is not None:
            found.append(DateMention(start, end, value))
    if published is None:
        # "yesterday" in a text of unknown date names no day we can know
        found = [m for m in found if m.value.method != "relative_to_publication"]
    return found


# a year written out ("2024"), wherever it stands
ANY_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# the words before a year that make it a structure's history ("opened in 2003"), not the news's
_HISTORY_YEAR = re.compile(rf"(?<!\w)(?:{_either('date_history_year')})\s+$", re.IGNORECASE)


def _news_years(text: str) -> list[tuple[int, int]]:
    """The years the text names (year, position), but those that date a structure's history
    ("the tunnel, opened in 2003", «построен в 1974 году»), which tell nothing of when the
    news happened, and those after the current year."""
    today = date.today()
    return [
        (int(m.group()), m.start())
        for m in ANY_YEAR.finditer(text)
        if int(m.group()) <= today.year
        and not _HISTORY_YEAR.search(text, max(0, m.start() - 60), m.start())
    ]


# "Tuesday, September 10", "on Tuesday, 10 September", "во вторник, 10 сентября": a day and
# month told with their weekday, which holds only in some years
_WEEKDAY_DAY = [
    re.compile(rf"\b{_WD_EN},?\s+{_MON_EN}\s+{_DAY}\b", re.IGNORECASE),
    re.compile(rf"\b{_WD_EN},?\s+(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MON_EN}", re.IGNORECASE),
    re.compile(rf"(?<!\w)(?:в|во)\s+{_WD_RU},?\s+{_DAY}\s+{_MON_RU}", re.IGNORECASE),
]
# how far back a weekday may pin a year: the same day falls on the same weekday again within
# at most eleven years
WEEKDAY_YEARS = 11


def weekday_pinned(text: str, today: date | None = None) -> date | None:
    """The day a text of unknown date tells with its weekday and no year ("во вторник, 10
    сентября"): the latest such day, up to `today`, that falls on that weekday; None when
    the text tells none."""
    today = today or date.today()
    for pattern in _WEEKDAY_DAY:
        for match in pattern.finditer(text):
            month_word = match.group("mon")
            try:
                month = _month_en(month_word) if month_word[0].isascii() else _month_ru(month_word)
                weekday = _weekday_index(match.group("wd"))
            except KeyError:
                continue
            day = int(match.group("day"))
            for year in range(today.year, today.year - WEEKDAY_YEARS - 1, -1):
                found = _safe_date(year, month, day)
                if found is not None and found <= today and found.weekday() == weekday:
                    return found
    return None


# "Earlier, ...", «Ранее ...»: a sentence that tells something from before the report's event
_EARLIER_OPENER = re.compile(_either("earlier_openers"), re.IGNORECASE)
_SENTENCE_START = re.compile(r"(?:[.!?]\s+|\n)")
# the month just before a year ("in November 2022", "в ноябре 2022 года")
_MONTH_BEFORE_YEAR = re.compile(
    rf"(?:{_MON_EN}|{_MON_RU.replace('?P<mon>', '?P<mon_ru>')})\s+$", re.IGNORECASE
)


def _told_as_earlier(text: str, position: int) -> bool:
    """The sentence holding `position` opens as a look back ("Earlier, ...", «Ранее ...»)."""
    starts = [m.end() for m in _SENTENCE_START.finditer(text, 0, position)]
    return bool(_EARLIER_OPENER.search(text[starts[-1] if starts else 0 : position]))


def _after_earlier(text: str, year: int, position: int) -> date:
    """The reference for a text whose latest year is named only in a look back ("Earlier, in
    November 2022, ..."): its event came after that, within a year, so a day without a year
    falls in the twelve months after the month (or year) named."""
    month = 12
    found = _MONTH_BEFORE_YEAR.search(text, max(0, position - 20), position)
    if found:
        month = _month_en(found["mon"]) if found["mon"] else _month_ru(found["mon_ru"])
    return date(year + 1, month, monthrange(year + 1, month)[1])


def _undated_reference(text: str) -> date:
    """What a text of unknown publication date is read against: the end of the latest year
    it names (a date without year then falls in that year), or, when that year is named only
    in looks back ("Earlier, in November 2022"), the year after it (see `_after_earlier`);
    else the day it tells with its weekday (see `weekday_pinned`), else today."""
    today = date.today()
    named = _news_years(text)
    years = [y for y, _at in named]
    if years and max(years) < today.year:
        latest = [at for y, at in named if y == max(years)]
        if all(_told_as_earlier(text, at) for at in latest):
            return min(today, _after_earlier(text, max(years), latest[-1]))
        return date(max(years), 12, 31)
    if not years:
        pinned = weekday_pinned(text, today)
        if pinned is not None:
            return pinned
    return today


def year_unknown(text: str, published: date | None, filed: date | None = None) -> bool:
    """Whether a text leaves the year of its dates unknown: it has no publication date, is not
    filed under a month (`filed`), names no year and tells no day with its weekday. Its "1 May" could be any year's (the current one is only a guess, and an
    old story copied without its date would be filed years late), so it dates no incident."""
    return (
        published is None
        and filed is None
        and not _news_years(text)
        and weekday_pinned(text) is None
    )


def resolve_date(
    text: str, published: date | None, language: str | None = None
) -> DateValue | None:
    """The first date in `text`, or None."""
    found = find_dates(text, published, language)
    return found[0].value if found else None


def publication_fallback(published: date) -> DateValue:
    """The stand-in date when a report gives none: the publication day, flagged as such."""
    return DateValue(published, published, "day", "publication_fallback", "")
