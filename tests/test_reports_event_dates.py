"""The date of each incident and which events a report is about: relative dates against the
publication day, datelines, "a day after X", follow-ups without a date, background events
told in passing and second events in another region. Sample texts written for these tests."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from railwatch.reports.extract.dates import find_dates
from railwatch.reports.extract.extract import extract_incidents
from railwatch.reports.text.ingest_text import read_report


def event_days(text: str, language: str, published: date | None) -> list[date | None]:
    """The day of each incident: a night counts as the later day (the night-of rule)."""
    days = []
    for incident in extract_incidents(text, language, published):
        value = incident.occurred
        if value is None:
            days.append(None)
        else:
            days.append(value.end if value.precision == "night" else value.start)
    return days


@pytest.mark.parametrize(
    ("text", "language", "published", "expected"),
    [
        # relative to a Thursday publication
        (
            "Freight train derails near Uzlovaya\nA freight train derailed on Wednesday night "
            "near Uzlovaya station, the regional railway said on Thursday.",
            "en",
            date(2025, 10, 9),
            date(2025, 10, 9),
        ),
        (
            "Под Тындой сошли с рельсов вагоны\nВчера на перегоне Тында — Сковородино сошли с "
            "рельсов 12 вагонов грузового поезда.",
            "ru",
            date(2025, 10, 9),
            date(2025, 10, 8),
        ),
        (
            "Пожар на станции Могоча\nСегодня утром на станции Могоча загорелся тепловоз.",
            "ru",
            date(2025, 10, 9),
            date(2025, 10, 9),
        ),
        (
            "В Амурской области сошли вагоны\nВ ночь на 3 сентября на перегоне Тында — "
            "Сковородино сошли с рельсов 12 вагонов.",
            "ru",
            date(2025, 9, 3),
            date(2025, 9, 3),
        ),
        # a weekday is the latest such day on or before publication (a Wednesday here)
        (
            "A drone struck a substation at Kuteynikovo station on Saturday, cutting power.",
            "en",
            date(2025, 9, 3),
            date(2025, 8, 30),
        ),
        # the dateline's day is the dispatch's, the weekday is the event's
        (
            "KHABAROVSK, Jan 27 - Sixteen coal wagons derailed at Korfovskaya on Saturday, "
            "the railway said.",
            "en",
            date(2026, 1, 27),
            date(2026, 1, 24),
        ),
        (
            "MOSCOW, Oct 7 (Reuters) - A freight train derailed after an explosion near "
            "Mshinskaya station on Monday, the railway said.",
            "en",
            date(2025, 10, 7),
            date(2025, 10, 6),
        ),
        # relative words count from the dateline's day, not from a later publication
        (
            "MOSCOW, Oct 7 (Reuters) - A freight train derailed near Mshinskaya station last "
            "night, the railway said.",
            "en",
            date(2025, 10, 8),
            date(2025, 10, 7),
        ),
        # a dateline in title case ("Город, 6 июня —") is the dispatch's day, not the event's
        (
            "Тында, 6 июня — Вчера вечером на станции Тында сошли с рельсов 10 вагонов.",
            "ru",
            date(2025, 6, 8),
            date(2025, 6, 5),
        ),
        (
            "Tynda, June 6 - Ten wagons derailed at Tynda station last night, the railway said.",
            "en",
            date(2025, 6, 8),
            date(2025, 6, 6),
        ),
        # adjectives of a day: "вчерашний сход", "воскресного взрыва"
        (
            "Вчерашний сход 16 вагонов на станции Корфовская закрыл движение.",
            "ru",
            date(2026, 1, 27),
            date(2026, 1, 26),
        ),
        (
            "После воскресного схода 16 вагонов на станции Корфовская движение закрыто.",
            "ru",
            date(2026, 1, 27),
            date(2026, 1, 25),
        ),
        # a same-day breaking report that names no day: the publication day
        (
            "Freight train derails at Korfovskaya\nSixteen coal wagons derailed at Korfovskaya "
            "station in Khabarovsk Krai. Traffic is suspended.",
            "en",
            date(2026, 1, 24),
            date(2026, 1, 24),
        ),
    ],
)
def test_event_day_against_publication(
    text: str, language: str, published: date, expected: date
) -> None:
    assert event_days(text, language, published) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the trigger is the complement of "a day after": the clause's day minus one
        (
            "Traffic on the line resumed on Tuesday, a day after an explosion damaged the "
            "track near Glazunovka station.",
            date(2025, 9, 15),
        ),
        # the trigger governs the clause; the complement's date is another event's
        (
            "A blast damaged the bridge near Rossosh a day after a drone attack on September 12.",
            date(2025, 9, 13),
        ),
        (
            "A day after the drone attack on September 12, a blast damaged the bridge near "
            "Rossosh.",
            date(2025, 9, 13),
        ),
        # the complement carries its own date
        (
            "Traffic resumed a day after an explosive device went off near Glazunovka "
            "station on September 13.",
            date(2025, 9, 13),
        ),
        # "hours after": the same day, and the earlier event is not the report's
        (
            "A freight train derailed near Semrino on September 14, hours after a blast near "
            "Mshinskaya.",
            date(2025, 9, 14),
        ),
    ],
)
def test_a_day_after_dates_the_right_event(text: str, expected: date) -> None:
    assert event_days(text, "en", date(2025, 9, 16)) == [expected]


def test_a_week_after_is_about_a_week() -> None:
    text = "A week after a drone hit the depot on September 2, a fire broke out at Rossosh station."
    (incident,) = extract_incidents(text, "en", date(2025, 9, 16))
    assert incident.type == "fire"
    assert incident.occurred.start <= date(2025, 9, 9) <= incident.occurred.end
    russian = "Спустя неделю после взрыва 5 июня на станции Россошь загорелся тепловоз."
    found = [m for m in find_dates(russian, date(2025, 6, 20), "ru") if m.complement]
    assert found[0].complement.start == date(2025, 6, 5)
    assert found[0].value.start <= date(2025, 6, 12) <= found[0].value.end


@pytest.mark.parametrize(
    ("phrase", "start", "end", "precision"),
    [
        # a night across two months is dated by its morning
        ("в ночь с 31 мая на 1 июня", "2025-05-31", "2025-06-01", "night"),
        ("on the night of May 31 to June 1", "2025-05-31", "2025-06-01", "night"),
        ("on the night of 31 May-1 June", "2025-05-31", "2025-06-01", "night"),
        ("в ночь на 1-е июня", "2025-05-31", "2025-06-01", "night"),
        ("1-го июня", "2025-06-01", "2025-06-01", "day"),
        # the weekend before a Monday publication, and "recently"
        ("over the weekend", "2025-05-31", "2025-06-01", "week"),
        ("в минувшие выходные", "2025-05-31", "2025-06-01", "week"),
        ("на днях", "2025-05-27", "2025-06-01", "week"),
        ("earlier in the day", "2025-06-02", "2025-06-02", "day"),
    ],
)
def test_more_forms_news_uses(phrase: str, start: str, end: str, precision: str) -> None:
    (found,) = find_dates(f"Вагоны сошли {phrase} у станции.", date(2025, 6, 2), None)
    value = found.value
    assert (value.start.isoformat(), value.end.isoformat(), value.precision) == (
        start,
        end,
        precision,
    )


def test_a_day_after_an_event_told_before_counts_from_it() -> None:
    text = (
        "An explosion damaged the track near Glazunovka on September 13. A day after the "
        "explosion, investigators opened a terrorism case."
    )
    found = [m for m in find_dates(text, date(2025, 9, 16), "en") if m.complement]
    assert [(m.value.start, m.complement.start) for m in found] == [
        (date(2025, 9, 14), date(2025, 9, 13))
    ]


def test_a_follow_up_that_names_no_day_gives_no_date() -> None:
    text = (
        "Investigators name cause of Korfovskaya derailment\nThe derailment of 16 coal wagons "
        "at Korfovskaya station was caused by a broken rail, investigators said on Tuesday."
    )
    assert event_days(text, "en", date(2026, 2, 10)) == [None]
    russian = (
        "Названа причина схода вагонов на станции Корфовская\nПричиной схода 16 вагонов "
        "стал излом рельса, сообщили в транспортной прокуратуре."
    )
    assert event_days(russian, "ru", date(2026, 2, 10)) == [None]


@pytest.mark.parametrize(
    ("text", "language", "published", "expected"),
    [
        (
            "Drone hits locomotive at Valuyki\nA drone hit a diesel locomotive at Valuyki "
            "station on Monday. Last month's derailment near Rossosh also disrupted traffic.",
            "en",
            date(2025, 5, 21),
            [date(2025, 5, 19)],
        ),
        (
            "Last month's derailment near Rossosh disrupted traffic for days. On Monday, a "
            "drone hit a diesel locomotive at Valuyki station.",
            "en",
            date(2025, 5, 21),
            [date(2025, 5, 19)],
        ),
        (
            "Train derails near Mshinskaya after blast\nA freight train derailed near "
            "Mshinskaya station on Tuesday after an explosion. In September, 15 tank wagons "
            "derailed on the same stretch.",
            "en",
            date(2025, 10, 8),
            [date(2025, 10, 7)],
        ),
        (
            "Взрыв на перегоне под Мичуринском\nВ ночь на 5 февраля на перегоне Мичуринск — "
            "Кочетовка прогремел взрыв. В январе на Транссибе сошли с рельсов 30 вагонов.",
            "ru",
            date(2026, 2, 5),
            [date(2026, 2, 5)],
        ),
        # "earlier this year" tells an older event, and the next sentence is the main one's
        (
            "Drone hits locomotive at Valuyki\nA drone hit a diesel locomotive at Valuyki "
            "station on Monday. Earlier this year, 20 wagons derailed near Liski station.\n\n"
            "Traffic through Valuyki was halted for five hours after the drone strike.",
            "en",
            date(2025, 5, 21),
            [date(2025, 5, 19)],
        ),
        (
            "Дрон атаковал тепловоз на станции Валуйки\nВ понедельник беспилотник атаковал "
            "тепловоз на станции Валуйки. Ранее в этом году у станции Лиски сошли с рельсов 20 "
            "вагонов.",
            "ru",
            date(2025, 5, 21),
            [date(2025, 5, 19)],
        ),
        # two events told to the day are two incidents
        (
            "Two rail incidents in Leningrad region\nA locomotive derailed at Semrino station "
            "on Sunday, killing the driver. On Saturday, 15 empty tank wagons derailed near "
            "Mshinskaya station after an explosion.",
            "en",
            date(2025, 9, 15),
            [date(2025, 9, 14), date(2025, 9, 13)],
        ),
    ],
)
def test_background_events_are_not_incidents(
    text: str, language: str, published: date, expected: list[date]
) -> None:
    assert event_days(text, language, published) == expected


def test_an_undated_event_does_not_take_the_date_of_a_second_one() -> None:
    text = (
        "Blast on the railway in Voronezh region\n\n"
        "An explosion damaged the track in the Voronezh region this morning. Several trains "
        "were held up.\n\n"
        "Emergency crews are working at the scene.\n\n"
        "Bridge collapses in Bryansk region\n\n"
        "On the night of June 1, a bridge in the Bryansk region collapsed onto a passenger "
        "train after an explosion."
    )
    first, second = extract_incidents(text, "en", date(2025, 6, 5))
    assert first.occurred.start == date(2025, 6, 5)
    assert second.occurred.start <= date(2025, 6, 1) <= second.occurred.end


def test_a_text_that_says_it_has_no_publication_date_is_not_dated_by_the_file(
    tmp_path,
) -> None:
    path = tmp_path / "report.txt"
    path.write_text(
        "URL: https://example.org/x\nPUBLISHED: unknown\n\n"
        "Вагоны сошли с рельсов под Тындой\n\nВчера у станции Тында сошли с рельсов "
        "12 вагонов. 5 января 2026 года там же сошли ещё три вагона.",
        encoding="utf-8",
    )
    report = read_report(path)
    assert report.published_at is None
    # "yesterday" names no day without a publication date; the explicit day still counts
    assert [i.occurred.start if i.occurred else None for i in report.incidents][-1] == date(
        2026, 1, 5
    )
    dated = read_report(path.read_text(encoding="utf-8").replace("unknown", "2026-01-06"))
    assert dated.published_at == date(2026, 1, 6)


def test_without_publication_a_date_without_year_takes_the_years_the_text_names() -> None:
    found = find_dates("В 2024 году ... 5 июня сошли вагоны, вчера начался ремонт.", None, "ru")
    assert [(m.value.start, m.value.method) for m in found if m.value.precision == "day"] == [
        (date(2024, 6, 5), "explicit")
    ]


WEEKDAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]  # fmt: skip
MONTHS_RU = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
             "сентября", "октября", "ноября", "декабря"]  # fmt: skip


@given(
    published=st.dates(min_value=date(2001, 1, 1), max_value=date(2030, 12, 31)),
    back=st.integers(min_value=0, max_value=300),
    style=st.integers(min_value=0, max_value=5),
)
def test_generated_phrases_resolve_to_their_day(published: date, back: int, style: int) -> None:
    """A phrase built for a known day, told in a report published on `published`, resolves to
    that day (a night to the later day) and never after publication."""
    # a weekday names a day of the last week; "<weekday> night" the evening before it
    day = published - timedelta(days=back if style < 3 else back % (6 if style == 4 else 7))
    phrases = [
        f"on {MONTHS_EN[day.month - 1]} {day.day}",
        f"{day.day} {MONTHS_RU[day.month - 1]}",
        f"в ночь на {day.day} {MONTHS_RU[day.month - 1]}",
        f"on {WEEKDAYS_EN[day.weekday()]}",
        f"on {WEEKDAYS_EN[(day - timedelta(days=1)).weekday()]} night",
        f"overnight into {WEEKDAYS_EN[day.weekday()]}",
    ]
    found = find_dates(f"Вагоны сошли {phrases[style]} у станции.", published, None)
    assert len(found) == 1, phrases[style]
    value = found[0].value
    resolved = value.end if value.precision == "night" else value.start
    assert resolved == day, phrases[style]


@given(text=st.text(max_size=200), published=st.one_of(st.none(), st.dates()))
def test_date_finding_never_raises(text: str, published: date | None) -> None:
    for mention in find_dates(text, published, "en"):
        assert mention.start < mention.end <= len(text)
        assert mention.value.start <= mention.value.end


@pytest.mark.parametrize(
    ("text", "language", "published", "expected"),
    [
        # a report stamped in UTC tells the next local day: the same year, not the year before
        (
            "Вагоны сошли с рельсов у Тынды\n6 июня на станции Тында сошли с рельсов 8 вагонов.",
            "ru",
            date(2025, 6, 5),
            date(2025, 6, 6),
        ),
        (
            "Freight train derails near Tynda\nEight wagons derailed at Tynda station on June 6.",
            "en",
            date(2025, 6, 5),
            date(2025, 6, 6),
        ),
        # across the new year, both ways
        (
            "Сход вагонов у Тынды\n1 января на станции Тында сошли с рельсов 8 вагонов.",
            "ru",
            date(2025, 12, 31),
            date(2026, 1, 1),
        ),
        (
            "Derailment near Tynda\nEight wagons derailed at Tynda station on December 30.",
            "en",
            date(2026, 1, 2),
            date(2025, 12, 30),
        ),
        # two days ahead is no clock difference: a day of the year before
        (
            "Вагоны сошли с рельсов у Тынды\n7 июня на станции Тында сошли с рельсов 8 вагонов.",
            "ru",
            date(2025, 6, 5),
            date(2024, 6, 7),
        ),
    ],
)
def test_a_day_without_a_year_just_after_publication_is_in_its_year(
    text: str, language: str, published: date, expected: date
) -> None:
    (found,) = [m for m in find_dates(text, published, language) if m.value.precision == "day"]
    assert found.value.start == expected


def test_a_page_without_a_date_is_dated_by_its_address(tmp_path) -> None:
    from railwatch.reports.text.ingest_text import date_from_url

    assert date_from_url("https://example.org/news/2024/03/04/bridge-blast") == date(2024, 3, 4)
    assert date_from_url("https://example.ru/20240304/most-123.html") == date(2024, 3, 4)
    assert date_from_url("https://example.org/story?day=2024-03-04") == date(2024, 3, 4)
    assert date_from_url("https://example.com/news/1969211") is None
    assert date_from_url("https://example.com/2024/13/45/x") is None  # no such day
    assert date_from_url("https://20240304.example.com/x") is None  # the host is no date
    # a Unix time, an object id's creation time; never one after today or before 2005
    assert date_from_url("https://example.org/news/train-hit-1701426064.html") == date(2023, 12, 1)
    assert date_from_url("https://example.org/a/6451f810a9386d6f528a5813") == date(2023, 5, 3)
    assert date_from_url("https://example.org/a/1701426064", today=date(2023, 11, 30)) is None
    assert date_from_url("https://example.org/a/1000000000") is None  # 2001
    path = tmp_path / "report.txt"
    path.write_text(
        "URL: https://example.org/news/2024/03/04/bridge-blast\nPUBLISHED: unknown\n\n"
        "Bridge blast near Chapaevsk\n\nAn explosion damaged a railway bridge near Chapaevsk "
        "station early this morning.",
        encoding="utf-8",
    )
    found = read_report(path)
    assert (found.published_at, found.published_method) == (date(2024, 3, 4), "url")
    assert found.incidents[0].occurred.start == date(2024, 3, 4)


def test_a_language_without_a_lexicon_reads_no_word_list() -> None:
    from railwatch.reports.lexicon import words

    assert words("uk", "aftermath_patterns") == []
    assert "oblast" in words("en", "region_generic_words")
    with pytest.raises(KeyError):
        words("en", "no_such_list")
    # a report in a language without a lexicon is read without error
    extract_incidents("Потяг зійшов з рейок біля станції Тында.", "uk", date(2025, 6, 5))


@pytest.mark.parametrize(
    ("text", "language", "site", "recalled"),
    [
        (
            "Saboteurs blow up another train on the BAM\nAnother fuel train exploded on the "
            "Baikal-Amur Mainline, sources said. The first freight train exploded inside the "
            "Severomuysky tunnel. This time the blast hit the Devil's Bridge viaduct on the "
            "bypass line, and six tank wagons caught fire.",
            "en",
            "Devil's Bridge",
            "Severomuysky",
        ),
        (
            "Ещё один поезд взорван на БАМе\nНа Байкало-Амурской магистрали взорвался ещё один "
            "поезд с топливом, сообщают источники. Первый поезд взорвался в Северомуйском "
            "тоннеле. На этот раз взрыв прогремел на Чёртовом мосту на обходном пути, загорелись "
            "шесть цистерн.",
            "ru",
            "Чёртовом",
            "Северомуйском",
        ),
    ],
)
def test_the_first_of_two_events_is_background_when_the_report_tells_another(
    text: str, language: str, site: str, recalled: str
) -> None:
    (main,) = extract_incidents(text, language, date(2023, 12, 1))
    names = " ".join(p.text for p in main.places)
    assert site in names and recalled not in names


def test_the_first_wagons_of_one_event_are_no_earlier_event() -> None:
    text = (
        "Freight train derails near Tynda\nTen wagons derailed near Tynda station on Monday. "
        "The first wagons left the rails at 3 a.m., the railway said."
    )
    (main,) = extract_incidents(text, "en", date(2025, 5, 21))
    assert main.occurred.start == date(2025, 5, 19)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # a station and the stretch named after it are one site told at two precisions
        (
            "A freight train derailed on the stretch between Mogocha and Amazar on Monday "
            "evening. Traffic on the line was halted.\n\nThe governor said a blast went off "
            "near Mogocha station before the wagons left the rails.",
            "en",
        ),
        (
            "В понедельник вечером на перегоне Могоча — Амазар сошёл с рельсов грузовой поезд. "
            "Движение остановлено.\n\nГубернатор сообщил, что взрыв произошёл у станции Могоча.",
            "ru",
        ),
        # a lead sentence that names a blast and the derailment it caused tells one event
        (
            "A line was blown up near Mogocha on Monday, causing a freight train to derail. "
            "Twenty wagons derailed on the stretch. The governor said an explosive device went "
            "off under the track.",
            "en",
        ),
    ],
)
def test_one_event_told_at_two_precisions_is_one_incident(text: str, language: str) -> None:
    assert len(extract_incidents(text, language, date(2025, 6, 10))) == 1


def test_two_stations_apart_are_still_two_events() -> None:
    text = (
        "A freight train derailed at Mogocha station on Monday. Separately, on Tuesday a "
        "blast damaged the track at Amazar station."
    )
    assert len(extract_incidents(text, "en", date(2025, 6, 11))) == 2


def test_after_the_first_event_named_in_passing_the_story_goes_on_about_the_main_one() -> None:
    text = (
        "Another fuel train blown up on the BAM\nAnother fuel train exploded on the "
        "Baikal-Amur Mainline on Thursday. The first train exploded inside the Severomuysky "
        "tunnel. Trains were then sent over the Devil's Bridge viaduct. Explosives planted "
        "in the viaduct went off as the train crossed it, the SBU said."
    )
    (main,) = extract_incidents(text, "en", date(2023, 12, 1))
    assert "SBU" in {c.claimant for c in main.claims}
    assert "Severomuysky" not in " ".join(p.text for p in main.places)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Тепловоз и шесть вагонов сошли с рельсов на станции Кинешма из-за взрыва, "
            "сообщает агентство со ссылкой на губернатора. Повреждено 200 метров пути. "
            "Напомним, 2 июня на перегоне Иваново — Шуя был повреждён контактный провод.",
            "ru",
        ),
        (
            "A locomotive and six wagons derailed at Kineshma station after a blast, the "
            "agency said, citing the governor. About 200 metres of track were damaged. "
            "Recall that on June 2 a catenary wire was damaged between Ivanovo and Shuya.",
            "en",
        ),
    ],
)
def test_a_recap_of_earlier_news_does_not_date_an_undated_incident(
    text: str, language: str
) -> None:
    published = date(2025, 6, 9)
    # the incident itself is told without a date: a breaking report's is its publication day
    assert event_days(text, language, published) == [published]
    # the same recap after a dated incident leaves its date alone
    dated = text.replace("станции Кинешма", "станции Кинешма 5 июня").replace(
        "Kineshma station", "Kineshma station on June 5"
    )
    assert event_days(dated, language, published) == [date(2025, 6, 5)]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Вечером 3 мая у станции Брянск-Льговский сошли с рельсов девять вагонов "
            "грузового поезда. Пострадавших нет.",
            "ru",
        ),
        (
            "Nine wagons of a freight train derailed near Bryansk-Lgovsky station on the "
            "evening of May 3. No one was hurt.",
            "en",
        ),
    ],
)
def test_a_day_of_no_knowable_year_dates_no_incident(text: str, language: str) -> None:
    # of unknown publication date and naming no year: "3 May" of which year is unknown
    assert event_days(text, language, None) == [None]
    # a year named anywhere in the text, or a publication date, fixes it
    named = text + (" Это уже третий сход в 2023 году." if language == "ru" else
                    " It is the third derailment in 2023.")  # fmt: skip
    assert event_days(named, language, None) == [date(2023, 5, 3)]
    assert event_days(text, language, date(2024, 5, 4)) == [date(2024, 5, 3)]
