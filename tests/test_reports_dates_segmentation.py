"""Dates and segmentation: what makes one event two (and so a second, wrongly dated or
spurious incident), and what makes a non-incident report an incident. The sentences are
written for this test, in English and Russian."""

from datetime import date, timedelta

import pytest

from railwatch.reports.extract.dates import find_dates, weekday_pinned
from railwatch.reports.extract.extract import extract_incidents
from railwatch.reports.model import DateValue

SAT = date(2025, 3, 15)  # a Saturday
MON = date(2025, 3, 17)  # a Monday


# --- a headline naming an event and its cause tells one event ------------------------------


def test_en_headline_derailment_after_explosion_is_one_incident() -> None:
    text = (
        "Twelve freight cars derail after an explosion in the Tver region\n\n"
        "In the Tver region, early on Saturday, March 15, twelve cars of a freight train "
        "derailed, the regional railway said.\n\n"
        "Passenger trains are running on schedule, the railway added.\n\n"
        "According to a police source, an explosion was heard shortly before that."
    )
    incidents = extract_incidents(text, "en", SAT)
    assert len(incidents) == 1
    assert incidents[0].occurred is not None
    assert incidents[0].occurred.start == SAT


def test_ru_headline_train_hit_explosive_and_derailed_is_one_incident() -> None:
    text = (
        "В Тверской области поезд наехал на взрывчатку и сошёл с рельсов\n\n"
        "В субботу, 15 марта, на перегоне Лихославль — Калашниково сошли с рельсов восемь "
        "вагонов грузового поезда.\n\n"
        "Машинист не пострадал, сообщили в дороге.\n\n"
        "По данным источника, на путях прогремел взрыв."
    )
    incidents = extract_incidents(text, "ru", SAT)
    assert len(incidents) == 1
    assert incidents[0].occurred is not None
    assert incidents[0].occurred.start == SAT


def test_en_headline_two_events_at_two_places_are_still_two() -> None:
    text = (
        "Drone hits substation near Kursk and freight cars derail at Kanash\n\n"
        "On Saturday a drone hit a traction substation near Kursk, the governor said.\n\n"
        "Later that day four freight cars derailed at Kanash station in Chuvashia."
    )
    incidents = extract_incidents(text, "en", SAT)
    assert [i.type for i in incidents] == ["drone_strike", "derailment"]


# --- "a Russian region" names no region ------------------------------------------------------


def test_en_a_russian_region_does_not_start_a_second_event() -> None:
    text = (
        "Explosive device derails freight train in the Tver region\n\n"
        "A freight train derailed in the Tver region after an explosive device went off, "
        "the governor said.\n\n"
        "The governor said the incident happened at km 212 of the Likhoslavl line.\n\n"
        "The derailment of a 50-car train in a Russian region close to the border became "
        "known on Saturday, March 15."
    )
    incidents = extract_incidents(text, "en", SAT)
    assert len(incidents) == 1
    assert incidents[0].occurred is not None
    assert incidents[0].occurred.start == SAT


# --- detained "due to" a deed: news of an arrest, not of the deed ----------------------------


def test_en_students_detained_due_to_arson_is_no_incident() -> None:
    text = (
        "In the Tver region, three students were detained due to the arson of relay cabinets "
        "on the railway, a police channel reported.\n"
        "The other two detainees study at a local college. According to investigators, in "
        "early March the group set fire to relay cabinets near the tracks twice."
    )
    assert extract_incidents(text, "en", MON) == []


def test_ru_students_detained_due_to_arson_is_no_incident() -> None:
    text = (
        "В Тверской области задержаны трое студентов из-за поджога релейных шкафов на "
        "железной дороге, сообщил полицейский канал.\n"
        "Двое других задержанных учатся в местном колледже. По версии следствия, в начале "
        "марта группа дважды поджигала релейные шкафы у путей."
    )
    assert extract_incidents(text, "ru", MON) == []


def test_en_trains_detained_due_to_a_derailment_are_an_incident() -> None:
    text = (
        "Two passenger trains were detained due to the derailment of a freight train near "
        "Kanash on Monday.\n"
        "Four cars left the rails, the railway said."
    )
    (incident,) = extract_incidents(text, "en", MON)
    assert incident.type == "derailment"


def test_ru_trains_detained_due_to_a_derailment_are_an_incident() -> None:
    text = (
        "Два пассажирских поезда задержаны из-за схода вагонов грузового поезда у станции "
        "Канаш в понедельник.\n"
        "С рельсов сошли четыре вагона, сообщили в дороге."
    )
    (incident,) = extract_incidents(text, "ru", MON)
    assert incident.type == "derailment"


# --- a weekday pins the year of a text of unknown date --------------------------------------


def test_weekday_pins_the_year_of_an_undated_day() -> None:
    today = date(2026, 12, 1)
    assert weekday_pinned("On Tuesday, September 10, a train derailed.", today) == date(2024, 9, 10)
    assert weekday_pinned("Во вторник, 10 сентября, сошли вагоны.", today) == date(2024, 9, 10)
    assert weekday_pinned("On Friday, 4 July, a bridge was hit.", today) == date(2025, 7, 4)
    assert weekday_pinned("On September 10 a train derailed.", today) is None


def _pinned_ok(found: DateValue | None, month: int, day: int, weekday: int) -> bool:
    today = date.today()
    return (
        found is not None
        and (found.start.month, found.start.day) == (month, day)
        and found.start.weekday() == weekday
        and today - timedelta(days=366 * 12) <= found.start <= today
    )


def test_en_undated_report_with_weekday_and_day_is_dated() -> None:
    text = (
        "Freight train derails near Kanash\n"
        "On Tuesday, September 10, eleven cars of a freight train derailed near Kanash "
        "station, the governor said. Traffic on the stretch is suspended."
    )
    (incident,) = extract_incidents(text, "en", None)
    assert _pinned_ok(incident.occurred, 9, 10, 1)


def test_ru_undated_report_with_weekday_and_day_is_dated() -> None:
    text = (
        "Под Канашем сошли с рельсов вагоны\n"
        "Во вторник, 10 сентября, около 22:00 на перегоне у станции Канаш сошли с рельсов "
        "одиннадцать вагонов грузового поезда. Движение на участке приостановлено."
    )
    (incident,) = extract_incidents(text, "ru", None)
    assert _pinned_ok(incident.occurred, 9, 10, 1)


def test_ru_undated_report_without_weekday_stays_undated() -> None:
    text = (
        "Под Канашем сошли с рельсов вагоны\n"
        "10 сентября около 22:00 на перегоне у станции Канаш сошли с рельсов одиннадцать "
        "вагонов грузового поезда. Движение на участке приостановлено."
    )
    (incident,) = extract_incidents(text, "ru", None)
    assert incident.occurred is None


def test_a_year_named_early_in_an_undated_text_counts() -> None:
    """The year may be named in any sentence, not only the last one."""
    text = (
        "Freight cars derail near Kanash\n"
        "On 5 March 2024 eleven cars of a freight train derailed near Kanash station.\n"
        "Traffic resumed the next day, the railway said."
    )
    (incident,) = extract_incidents(text, "en", None)
    assert incident.occurred is not None
    assert incident.occurred.start == date(2024, 3, 5)


# --- an older event told after an undated main one ------------------------------------------

THU = date(2025, 10, 9)


def test_en_older_event_elsewhere_does_not_date_the_undated_main_one() -> None:
    text = (
        "Drone strike stops trains near Liski\n"
        "A drone hit a traction substation near Liski station, the governor said. Several "
        "trains are running late.\n"
        "On Oct. 5, drones attacked a fuel depot in the neighbouring Kursk region, officials "
        "reported at the time."
    )
    incidents = extract_incidents(text, "en", THU)
    assert len(incidents) == 1
    assert incidents[0].occurred is not None
    assert incidents[0].occurred.start == THU


def test_ru_older_event_elsewhere_does_not_date_the_undated_main_one() -> None:
    text = (
        "Беспилотник остановил поезда у Лисок\n"
        "Беспилотник повредил тяговую подстанцию у станции Лиски, сообщил губернатор. "
        "Несколько поездов задерживаются.\n"
        "5 октября беспилотники атаковали нефтебазу в соседней Курской области, сообщали "
        "тогда власти."
    )
    incidents = extract_incidents(text, "ru", THU)
    assert len(incidents) == 1
    assert incidents[0].occurred is not None
    assert incidents[0].occurred.start == THU


def test_en_the_main_events_own_date_told_later_still_dates_it() -> None:
    text = (
        "Drone strike stops trains near Liski\n"
        "A drone hit a traction substation near Liski station, the governor said. Several "
        "trains are running late.\n"
        "The attack took place on Oct. 7 in the Voronezh region."
    )
    (incident,) = extract_incidents(text, "en", THU)
    assert incident.occurred is not None
    assert incident.occurred.start == date(2025, 10, 7)


def test_ru_the_main_events_own_date_told_later_still_dates_it() -> None:
    text = (
        "Беспилотник остановил поезда у Лисок\n"
        "Беспилотник повредил тяговую подстанцию у станции Лиски, сообщил губернатор. "
        "Несколько поездов задерживаются.\n"
        "Атака произошла 7 октября в Воронежской области."
    )
    (incident,) = extract_incidents(text, "ru", THU)
    assert incident.occurred is not None
    assert incident.occurred.start == date(2025, 10, 7)


# --- a year named only in a look back is a lower bound ---------------------------------------


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        (
            "en",
            "Relay box burned near Klintsy\n"
            "On February 14 an unknown man set fire to a relay box near Klintsy station.\n"
            "Earlier, in October 2021, two youths burned cables at a substation in Tula.",
            date(2022, 2, 14),
        ),
        (
            "ru",
            "Под Клинцами подожгли релейный шкаф\n"
            "14 февраля неизвестный поджёг релейный шкаф у станции Клинцы.\n"
            "Ранее, в октябре 2021 года, двое молодых людей подожгли кабели на подстанции в Туле.",
            date(2022, 2, 14),
        ),
        # a day later in the year than the month looked back to stays in that year
        (
            "en",
            "Relay box burned near Klintsy\n"
            "On December 3 an unknown man set fire to a relay box near Klintsy station.\n"
            "Previously, in October 2021, two youths burned cables at a substation in Tula.",
            date(2021, 12, 3),
        ),
        (
            "ru",
            "Под Клинцами подожгли релейный шкаф\n"
            "3 декабря неизвестный поджёг релейный шкаф у станции Клинцы.\n"
            "Ранее, в октябре 2021 года, двое молодых людей подожгли кабели на подстанции в Туле.",
            date(2021, 12, 3),
        ),
    ],
)
def test_a_year_told_only_as_earlier_bounds_an_undated_day(
    language: str, text: str, expected: date
) -> None:
    incidents = extract_incidents(text, language, None)
    assert incidents
    assert incidents[0].occurred is not None
    assert incidents[0].occurred.start == expected


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Relay box burned near Klintsy\n"
            "On February 14 an unknown man set fire to a relay box near Klintsy station.\n"
            "In October 2021 two youths burned cables at a substation in Tula.",
        ),
        (
            "ru",
            "Под Клинцами подожгли релейный шкаф\n"
            "14 февраля неизвестный поджёг релейный шкаф у станции Клинцы.\n"
            "В октябре 2021 года двое молодых людей подожгли кабели на подстанции в Туле.",
        ),
    ],
)
def test_a_year_told_plainly_still_dates_an_undated_day(language: str, text: str) -> None:
    incidents = extract_incidents(text, language, None)
    assert incidents
    assert incidents[0].occurred is not None
    assert incidents[0].occurred.start == date(2021, 2, 14)


# --- a blast on another target, told next to the railway, is not a rail incident -------------


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Freight train derails near Unecha after blast\n"
            "A freight train derailed on Monday near Unecha in the Bryansk region after a blast "
            "under the track, the regional governor said.\n"
            "Attacks on railways have become frequent in the border regions.\n"
            "Also on Monday, officials in the Pskov region said power lines had been blown up "
            "near the village of Lyady.",
        ),
        (
            "ru",
            "Под Унечей после взрыва сошёл с рельсов грузовой поезд\n"
            "В понедельник под Унечей в Брянской области после взрыва под путями сошёл с "
            "рельсов грузовой поезд, сообщил губернатор области.\n"
            "Нападения на железную дорогу в приграничных регионах стали частыми.\n"
            "Также в понедельник в Псковской области взорвали опоры ЛЭП у деревни Ляды.",
        ),
    ],
)
def test_a_blast_on_power_lines_beside_rail_news_is_no_second_incident(
    language: str, text: str
) -> None:
    # the sentence names another region, and would start an incident of its own
    assert len(extract_incidents(text, language, MON)) == 1


# --- "last year" after a day or month names its year ----------------------------------------


@pytest.mark.parametrize(
    ("language", "text", "start", "end"),
    [
        ("en", "The box was burned in March last year.", date(2024, 3, 1), date(2024, 3, 31)),
        ("en", "It happened on 9 June of last year.", date(2024, 6, 9), date(2024, 6, 9)),
        ("en", "It happened on June 9 this year.", date(2025, 6, 9), date(2025, 6, 9)),
        ("ru", "Шкаф подожгли в марте прошлого года.", date(2024, 3, 1), date(2024, 3, 31)),
        ("ru", "Это случилось 9 июня позапрошлого года.", date(2023, 6, 9), date(2023, 6, 9)),
        ("ru", "Это случилось 9 июня этого года.", date(2025, 6, 9), date(2025, 6, 9)),
    ],
)
def test_a_year_counted_back_after_a_day_or_month(
    language: str, text: str, start: date, end: date
) -> None:
    first = find_dates(text, date(2025, 10, 20), language)[0].value
    assert (first.start, first.end) == (start, end)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Signal box burned near Obninsk\n"
            "Police are still looking for whoever set fire to a signal box near Obninsk "
            "station in September last year.",
        ),
        (
            "ru",
            "Релейный шкаф сгорел под Обнинском\n"
            "Полиция до сих пор ищет того, кто поджёг релейный шкаф у станции Обнинск в "
            "сентябре прошлого года.",
        ),
    ],
)
def test_a_deed_of_last_years_month_is_not_dated_this_year(language: str, text: str) -> None:
    # never September of the publication's year
    for incident in extract_incidents(text, language, date(2025, 10, 20)):
        found = incident.occurred
        assert found is None or (found.start.year, found.start.month) != (2025, 9)
