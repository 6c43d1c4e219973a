"""Where a report says its incident happened without a trigger word of its own ("ДТП
произошло у станции X", "случилось это на участке А – Б"), words that look like places but
are not ("В Сети появилось видео"), a stretch's end the station table knows only by a
neighbouring spelling, and the stretch a sentence after the incident's own names. Sentences
written for railwatch; points are facts of the shipped ESR table.
"""

from __future__ import annotations

from datetime import date

import pytest

from railwatch.network.geo import distance_km
from railwatch.reports.extract.extract import extract_incidents
from railwatch.reports.place.link import place
from railwatch.reports.place.places_text import find_places, names_the_site

# (lat, lon) of the ESR table: Хилок; the midpoints of Ния – Таковка and Белгород – Наумівка
KHILOK = (51.3623, 110.4532)
NIYA_TAKOVKA = (56.5124, 106.8258)
BELGOROD_NAUMIVKA = (50.4971, 36.4623)


def _km(location, point) -> float:
    return distance_km(location.lon, location.lat, point[1], point[0])


@pytest.mark.parametrize(
    "sentence",
    [
        "ДТП произошло утром у станции Хилок.",
        "Столкновение произошло на переезде у станции Кули.",
        "Случилось это на перегоне Ния — Таковка.",
        "Произошло ЧП на 12 км перегона Яр — Дизьмино.",
        "The collision happened at a crossing near Kuli station.",
        "The crash took place between Niya and Takovka.",
    ],
)
def test_a_sentence_that_tells_the_site_is_recognised(sentence):
    assert names_the_site(sentence)


@pytest.mark.parametrize(
    "sentence", ["Поезд сошёл с рельсов.", "Видео столкновения опубликовали в соцсетях."]
)
def test_a_sentence_without_a_site_is_not(sentence):
    assert not names_the_site(sentence)


def test_the_net_is_not_a_place():
    found = find_places("В Сети опубликовали ролик аварии у станции Лесостепь.")
    assert [p.kind_hint for p in found] == ["station"]


def test_the_site_sentence_places_and_dates_a_collision(russia):
    text = (
        "Поезд столкнулся с самосвалом на переезде в Забайкалье.\n\n"
        "В Сети появилось видео момента столкновения. Водитель успел выскочить из кабины. "
        "Все обошлось без пострадавших. ДТП произошло 3 марта около станции Хилок."
    )
    (incident,) = extract_incidents(text, "ru", date(2025, 3, 4))
    assert incident.occurred is not None and incident.occurred.start == date(2025, 3, 3)
    location = place(incident.places, russia, text, evidence=incident.evidence)
    assert location is not None and location.precision == "near_node"
    assert _km(location, KHILOK) <= 15


def test_a_stretch_named_in_the_sentence_after_the_trigger_is_the_site(russia):
    text = (
        "A freight train derailed in Irkutsk Oblast on 2 May, the governor said. "
        "Officials gave no detail at first. Later in the day the governor spoke again. "
        "He said the derailed train had been running slowly. "
        "It was carrying timber to a sawmill between Niya and Takovka."
    )
    incidents = extract_incidents(text, "en", date(2025, 5, 3))
    assert incidents
    location = place(incidents[0].places, russia, text, evidence=incidents[0].evidence)
    assert location is not None and location.precision == "section"
    assert _km(location, NIYA_TAKOVKA) <= 15


def test_a_hyphen_stretch_end_spelt_otherwise_in_the_table_is_found(russia):
    sentence = "Беспилотник повредил контактную сеть на участке Белгород-Наумовка."
    location = place(find_places(sentence), russia, sentence, evidence=[sentence])
    assert location is not None and location.precision == "section"
    assert _km(location, BELGOROD_NAUMIVKA) <= 15


def test_a_stretch_after_a_recalled_earlier_derailment_is_not_the_site(russia):
    text = (
        "На станции Хилок сошли с рельсов восемь вагонов грузового поезда.\n\n"
        "Об этом сообщили в пресс-службе дороги. Никто не пострадал.\n\n"
        "Ранее грузовой поезд сошёл с рельсов в Иркутской области. "
        "ЧП произошло на перегоне Ния — Таковка."
    )
    incidents = extract_incidents(text, "ru", date(2025, 5, 3))
    location = place(incidents[0].places, russia, text, evidence=incidents[0].evidence)
    assert location is not None and _km(location, KHILOK) <= 15
