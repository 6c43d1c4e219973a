"""Location mechanisms found on unseen real texts: a police unit's station is not the site,
a later sentence that puts the damage on a named stretch or station places an incident whose
lead names only a region, and a city's bare name that the text counts among regions is the
region.

Sample sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from railwatch.network import resolve_network
from railwatch.reports.place.link import place
from railwatch.reports.place.mention_cues import is_speaker_place
from railwatch.reports.place.places_text import find_places, names_the_site


@pytest.fixture(scope="module")
def network():
    return resolve_network("russia")


def _placed(network, lead: str, rest: str = ""):
    return place(find_places(lead), network, f"{lead} {rest}".strip(), evidence=[lead])


@pytest.mark.parametrize(
    "sentence",
    [
        "The transport police department at Golitsyno station received a report of a relay "
        "cabinet set on fire between Kubinka and Tuchkovo stations.",
        "В линейный отдел полиции на станции Голицыно поступило сообщение о поджоге "
        "релейного шкафа между станциями Кубинка и Тучково.",
        "В дежурную часть ЛОП на станции Голицыно сообщили о поджоге шкафа на перегоне "
        "Кубинка — Тучково.",
    ],
)
def test_the_police_units_station_is_not_the_site(network, sentence):
    golitsyno = [m for m in find_places(sentence) if "olitsyno" in m.text or "олицыно" in m.text]
    assert golitsyno and all(is_speaker_place(m) for m in golitsyno)
    location = _placed(network, sentence)
    assert location is not None and location.precision == "section"
    assert "Golitsyno" not in location.name


@pytest.mark.parametrize(
    "sentence",
    [
        "Police officers found the burnt cabinet at Golitsyno station.",
        "Сотрудники полиции обнаружили сгоревший шкаф на станции Голицыно.",
    ],
)
def test_police_at_the_site_do_not_make_it_a_seat(network, sentence):
    mentions = [m for m in find_places(sentence) if "olitsyno" in m.text or "олицыно" in m.text]
    assert mentions and not any(is_speaker_place(m) for m in mentions)


@pytest.mark.parametrize(
    "lead, rest, wanted",
    [
        (
            "Trains are running late after a drone attack in the Voronezh region.",
            "In the morning the catenary on the Liski–Kolodeznaya section was damaged.",
            "section",
        ),
        (
            "Поезда задерживаются после атаки беспилотников в Воронежской области.",
            "Утром на перегоне Лиски — Колодезная была повреждена контактная сеть.",
            "section",
        ),
        (
            "Trains are running late after a drone attack in the Voronezh region.",
            "Passengers were warned of delays because of the incident at Liski station.",
            "near_node",
        ),
        (
            "Поезда задерживаются после атаки беспилотников в Воронежской области.",
            "Пассажиров предупредили о задержках из-за инцидента на станции Лиски.",
            "near_node",
        ),
    ],
)
def test_a_later_damage_sentence_places_a_regional_lead(network, lead, rest, wanted):
    assert names_the_site(rest)
    location = _placed(network, lead, rest)
    assert location is not None and location.precision == wanted
    assert location.lat is not None and location.lon is not None
    assert 50.5 < location.lat < 51.6 and 39.0 < location.lon < 40.0


@pytest.mark.parametrize(
    "lead, rest",
    [
        ("A freight train derailed in Kursk on Monday.", "Drones have often hit Kursk and other border regions."),
        ("Грузовой поезд сошёл с рельсов в Курске.", "Беспилотники не раз атаковали Курск и другие приграничные регионы."),
    ],
)  # fmt: skip
def test_a_city_the_text_counts_among_regions_is_the_region(network, lead, rest):
    location = _placed(network, lead, rest)
    assert location is not None and location.precision == "region"
    assert "Kursk" in location.name


@pytest.mark.parametrize(
    "lead, rest",
    [
        ("A freight train derailed in Kursk on Monday.", "Drones have often hit the region."),
        ("Грузовой поезд сошёл с рельсов в Курске.", "Беспилотники не раз атаковали регион."),
    ],
)
def test_a_city_named_alone_stays_the_city(network, lead, rest):
    location = _placed(network, lead, rest)
    assert location is not None and location.precision == "near_node"
    assert location.name == "Kursk"


@pytest.mark.parametrize(
    "sentence",
    [
        "A relay cabinet was set on fire in the Moscow region; the teenager behind it was later "
        "detained at Kashira station.",
        "В Московской области подожгли релейный шкаф; подростка позже задержали на станции Кашира.",
    ],
)
def test_where_a_suspect_was_caught_is_not_the_site(network, sentence):
    kashira = [m for m in find_places(sentence) if "ashira" in m.text or "ашира" in m.text]
    assert kashira and all(is_speaker_place(m) for m in kashira)
    location = _placed(network, sentence)
    assert location is not None and location.precision == "region"
    assert "Moscow" in location.name


@pytest.mark.parametrize(
    "sentence",
    [
        "A relay cabinet was set on fire at Kashira station.",
        "Релейный шкаф подожгли на станции Кашира.",
    ],
)
def test_a_station_named_as_the_fires_place_is_the_site(network, sentence):
    location = _placed(network, sentence)
    assert location is not None and location.precision == "near_node"
    assert "Kashira" in location.name


@pytest.mark.parametrize(
    "sentence",
    [
        "A relay cabinet burned on the Moscow – Kashira stretch near Sitenka station.",
        "Шкаф СЦБ сгорел на перегоне Москва – Кашира у станции Ситенка.",
        "Шкаф СЦБ сгорел на перегоне Москва – Кашира вблизи станции Ситенка.",
    ],
)
def test_a_station_named_as_the_spot_on_a_stretch_is_the_site(network, sentence):
    location = _placed(network, sentence)
    assert location is not None and location.precision == "near_node"
    assert location.name == "Sitenka"
