"""Date resolution: explicit, night-of, ranges, relative to publication and to other dates."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from railwatch.reports.extract.dates import find_dates, publication_fallback, resolve_date

PUB = date(2023, 12, 1)  # a Friday


@pytest.mark.parametrize(
    ("text", "start", "end", "precision", "method"),
    [
        ("в ночь на 30 ноября", "2023-11-29", "2023-11-30", "night", "explicit"),
        ("в ночь с 29 на 30 ноября", "2023-11-29", "2023-11-30", "night", "explicit"),
        ("29–30 ноября", "2023-11-29", "2023-11-30", "day", "explicit"),
        ("с 29 по 30 ноября", "2023-11-29", "2023-11-30", "day", "explicit"),
        ("on the night of Nov. 29-30", "2023-11-29", "2023-11-30", "night", "explicit"),
        ("November 29-30", "2023-11-29", "2023-11-30", "day", "explicit"),
        ("overnight into Thursday", "2023-11-29", "2023-11-30", "night", "relative_to_publication"),
        ("в ночь на четверг", "2023-11-29", "2023-11-30", "night", "relative_to_publication"),
        ("on Wednesday night", "2023-11-29", "2023-11-30", "night", "relative_to_publication"),
        ("last night", "2023-11-30", "2023-12-01", "night", "relative_to_publication"),
        ("вчера", "2023-11-30", "2023-11-30", "day", "relative_to_publication"),
        ("yesterday", "2023-11-30", "2023-11-30", "day", "relative_to_publication"),
        ("позавчера", "2023-11-29", "2023-11-29", "day", "relative_to_publication"),
        ("накануне", "2023-11-30", "2023-11-30", "day", "relative_to_publication"),
        ("во вторник", "2023-11-28", "2023-11-28", "day", "relative_to_publication"),
        ("on Friday", "2023-12-01", "2023-12-01", "day", "relative_to_publication"),
        ("last Friday", "2023-11-24", "2023-11-24", "day", "relative_to_publication"),
        ("last month", "2023-11-01", "2023-11-30", "month", "relative_to_publication"),
        ("в прошлом месяце", "2023-11-01", "2023-11-30", "month", "relative_to_publication"),
        ("на прошлой неделе", "2023-11-20", "2023-11-26", "week", "relative_to_publication"),
        ("earlier this week", "2023-11-27", "2023-12-01", "week", "relative_to_publication"),
        ("три дня назад", "2023-11-28", "2023-11-28", "day", "relative_to_publication"),
        ("Nov. 29", "2023-11-29", "2023-11-29", "day", "explicit"),
        ("Wednesday, Nov. 29", "2023-11-29", "2023-11-29", "day", "explicit"),
        ("29 November 2023", "2023-11-29", "2023-11-29", "day", "explicit"),
        ("29.11.2023", "2023-11-29", "2023-11-29", "day", "explicit"),
        ("2023-11-29", "2023-11-29", "2023-11-29", "day", "explicit"),
        ("29 ноября 2023 года", "2023-11-29", "2023-11-29", "day", "explicit"),
        ("в ноябре", "2023-11-01", "2023-11-30", "month", "explicit"),
        ("in late November", "2023-11-21", "2023-11-30", "month", "explicit"),
        ("в 1985 году", "1985-01-01", "1985-12-31", "year", "explicit"),
    ],
)
def test_known_forms(text: str, start: str, end: str, precision: str, method: str) -> None:
    value = resolve_date(text, PUB)
    assert value is not None, text
    assert (value.start.isoformat(), value.end.isoformat()) == (start, end)
    assert (value.precision, value.method) == (precision, method)


def test_year_is_inferred_so_the_date_is_not_after_publication() -> None:
    assert resolve_date("Dec. 5", PUB).start == date(2022, 12, 5)
    assert resolve_date("5 января", date(2024, 1, 9)).start == date(2024, 1, 5)
    assert resolve_date("28 декабря", date(2024, 1, 9)).start == date(2023, 12, 28)


def test_anchor_forms_count_from_a_date_in_the_text() -> None:
    found = find_dates("Взрыв произошёл 29 ноября. На следующий день движение возобновили.", PUB)
    assert [m.value.start for m in found] == [date(2023, 11, 29), date(2023, 11, 30)]
    assert found[1].value.method == "relative_to_text_date"
    after = find_dates("a day after the blast on Nov. 29", PUB)
    assert after[0].value.start == date(2023, 11, 30)


def test_slash_dates_follow_the_language() -> None:
    assert resolve_date("12/01/2023", PUB, "en").start == date(2023, 12, 1)
    assert resolve_date("12/01/2023", PUB, "ru").start == date(2023, 1, 12)


def test_words_that_look_like_months_are_not_dates() -> None:
    assert find_dates("The blast may have damaged the line", PUB) == []


def test_publication_fallback_is_flagged() -> None:
    value = publication_fallback(PUB)
    assert (value.start, value.method) == (PUB, "publication_fallback")


MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]  # fmt: skip
MONTHS_RU = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
             "сентября", "октября", "ноября", "декабря"]  # fmt: skip

STYLES = [
    lambda d: f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}",
    lambda d: f"{MONTHS_EN[d.month - 1]} {d.day}, {d.year}",
    lambda d: f"{MONTHS_EN[d.month - 1][:3]}. {d.day}, {d.year}",
    lambda d: f"{d.day} {MONTHS_RU[d.month - 1]} {d.year} года",
    lambda d: f"{d.day:02d}.{d.month:02d}.{d.year}",
    lambda d: d.isoformat(),
]


@given(
    day=st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)),
    style=st.integers(min_value=0, max_value=len(STYLES) - 1),
)
def test_explicit_dates_parse_back_to_themselves(day: date, style: int) -> None:
    text = f"The incident happened on {STYLES[style](day)} near the station."
    value = resolve_date(text, date(2031, 1, 1))
    assert value is not None
    assert (value.start, value.end, value.method) == (day, day, "explicit")


@given(
    published=st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)),
    weekday=st.sampled_from(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                             "Saturday", "Sunday", "среду", "пятницу", "понедельник"]),
)  # fmt: skip
def test_weekdays_fall_within_the_week_before_publication(published: date, weekday: str) -> None:
    prefix = "во" if weekday == "вторник" else ("в" if weekday[0].islower() else "on")
    value = resolve_date(f"{prefix} {weekday}", published)
    assert value is not None
    assert published - timedelta(days=6) <= value.start <= published


@given(
    published=st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)),
    day=st.integers(min_value=1, max_value=28),
    month=st.integers(min_value=1, max_value=12),
)
def test_dates_without_year_are_never_after_publication(
    published: date, day: int, month: int
) -> None:
    value = resolve_date(f"{day} {MONTHS_RU[month - 1]}", published)
    assert value is not None
    # the day after publication stays in that year: a Far Eastern local date runs up to
    # a day ahead of a Moscow-dated page
    assert value.start <= published + timedelta(days=1)
    assert (published - value.start).days < 366


def test_russian_weekday_night_is_that_weekdays_night_not_last_night() -> None:
    from datetime import date as _date

    from railwatch.reports.extract.dates import find_dates

    friday = _date(2025, 3, 14)
    for text in ("В среду ночью на перегоне сошли вагоны.", "Ночью в среду сошли вагоны."):
        found = [
            (m.value.start, m.value.end, m.value.precision) for m in find_dates(text, friday, "ru")
        ]
        assert found == [(_date(2025, 3, 12), _date(2025, 3, 13), "night")]
