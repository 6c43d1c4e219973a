"""Place mechanisms written for railwatch (sentences of our own, EN and RU):

- a country in a border station's bracket note ("...(РОССИЯ)") is no name of the station, so
  "СК России" places nothing at that station;
- machine translations of "перегон" ("stage", "haul", "pass") before a pair of names state a
  stretch; with one end unknown it is placed at the end it names, and a count after the
  pair ("— Bada 14 freight cars") is no station number;
- "derailed" is a railway word: a sentence that says only that an express derailed near a
  village is an incident sentence, and its village is the incident's place.
"""

from __future__ import annotations

from datetime import date

import pytest

from railwatch.network.geo import distance_km
from railwatch.network.stations import load_stations
from railwatch.reports.extract.extract import extract_incidents
from railwatch.reports.place.gazetteer import name_variants
from railwatch.reports.place.link import place
from railwatch.reports.place.places_text import find_places


@pytest.fixture(scope="module")
def points():
    frame = load_stations()
    frame = frame[frame["lat"].notna()]
    out: dict[str, tuple[float, float]] = {}
    for row in frame.itertuples():
        out.setdefault(str(row.name).replace("\xa0", " "), (float(row.lat), float(row.lon)))
    return out


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    return distance_km(a[1], a[0], b[1], b[0])


def _placed(russia, sentence: str):
    return place(find_places(sentence), russia, sentence, evidence=[sentence])


def test_a_country_in_a_station_note_is_no_name_of_the_station():
    variants = name_variants("ЗАРНИЧНАЯ 1-ЭКСПОРТ(РОССИЯ)")
    assert "РОССИЯ" not in variants
    assert "ЗАРНИЧНАЯ 1-ЭКСПОРТ" in variants
    # a name in brackets is still another name
    assert "Chortov Most" in name_variants("Devil's Bridge (Chortov Most) viaduct")


@pytest.mark.parametrize(
    "sentence",
    [
        "Следователи СК России возбудили дело после схода вагонов в Красноярском крае.",
        "Дело возбуждено по статье УК России, сообщили следователи.",
        "The Investigative Committee of Russia opened a case after wagons derailed in the "
        "Krasnoyarsk region.",
    ],
)
def test_the_country_named_by_an_agency_is_no_station(russia, sentence):
    location = _placed(russia, sentence)
    assert location is None or location.precision not in ("structure", "section", "near_node")


@pytest.mark.parametrize(
    ("sentence", "ends"),
    [
        ("In Zabaykalsky Krai on the pass Balyaga — Zarnichnaya 17 wagons derailed.", ["Баляга"]),
        ("Wagons derailed on the stage Balyaga — Zarnichnaya, the railway said.", ["Баляга"]),
        ("Traffic on the haul Balyaga — Zarnichnaya was suspended.", ["Баляга"]),
        ("В Забайкалье на перегоне Баляга — Зарничная сошли с рельсов 17 вагонов.", ["Баляга"]),
        ("On the stage Khilok — Bada 14 freight cars derailed.", ["Хилок", "Бада"]),
        ("On the pass Khilok — Bada 14 freight cars derailed.", ["Хилок", "Бада"]),
        ("На перегоне Хилок — Бада 14 вагонов сошли с рельсов.", ["Хилок", "Бада"]),
    ],
)
def test_a_translated_stretch_cue_states_the_stretch(russia, points, sentence, ends):
    location = _placed(russia, sentence)
    assert location is not None
    assert location.precision in ("section", "near_node")
    want = points[ends[0]]
    if len(ends) == 2:
        other = points[ends[1]]
        want = ((want[0] + other[0]) / 2, (want[1] + other[1]) / 2)
    assert _km((location.lat, location.lon), want) <= 15


def test_a_count_after_a_stretch_is_no_station_number():
    found = find_places("On the stage Khilok — Bada 23 freight cars derailed.")
    assert [m.text for m in found if m.kind_hint == "section"] == ["stage Khilok — Bada"]


def test_an_overpass_is_no_stretch_cue():
    from railwatch.reports.place.mention_cues import pair_from_text

    assert pair_from_text("pass Khilok — Bada") == ("Khilok", "Bada")
    assert pair_from_text("overpass Khilok — Bada")[0] != "Khilok"


@pytest.mark.parametrize(
    ("text", "language", "place_word"),
    [
        (
            "Express crash: dozens hurt\n\n"
            "Investigators said a bomb was the likely cause of the crash.\n\n"
            "The Moscow express derailed yesterday close to the village of Lesostep.",
            "en",
            "Lesostep",
        ),
        (
            "Экспресс потерпел крушение\n\n"
            "Следователи назвали вероятной причиной бомбу.\n\n"
            "Экспресс сошёл с рельсов вчера у посёлка Лесостепь.",
            "ru",
            "Лесостепь",
        ),
    ],
)
def test_a_derailment_sentence_is_about_the_railway(text, language, place_word):
    incidents = extract_incidents(text, language, date(2025, 3, 12))
    assert len(incidents) == 1
    assert incidents[0].type == "derailment"
    assert any(place_word in p.text for p in incidents[0].places)


# A town named as the surroundings ("под Читой", "near Chita") gives way to the station that
# the investigators' account of the event names near it, even when that sentence is cut short
SURROUNDINGS = [
    (
        "Под Читой сошли с рельсов два вагона грузового поезда.",
        "Следователи возбудили уголовное дело. По версии следствия, 3 мая на станции Кука "
        "Забайкальской железной дороги при маневровых работах",
        "Кука",
    ),
    (
        "Two wagons of a freight train derailed near Chita.",
        "Investigators opened a criminal case. According to investigators, on May 3 at Kuka "
        "station of the Trans-Baikal Railway during shunting",
        "Кука",
    ),
]


@pytest.mark.parametrize(("lead", "rest", "name"), SURROUNDINGS)
def test_a_town_named_as_surroundings_gives_way_to_the_stated_station(
    russia, points, lead, rest, name
):
    location = place(find_places(lead), russia, f"{lead} {rest}", evidence=[lead])
    assert location is not None and location.precision == "near_node"
    assert _km((location.lat, location.lon), points[name]) <= 15


@pytest.mark.parametrize(
    ("lead", "rest"),
    [
        # the station told is far from the town: another place, the town stays
        (
            "Под Читой сошли с рельсов два вагона грузового поезда.",
            "По версии следствия, 3 мая на станции Хилок при маневровых работах",
        ),
        # the town is the site itself ("в Чите"), not its surroundings
        (
            "В Карымской сошли с рельсов два вагона грузового поезда.",
            "По версии следствия, 3 мая на станции Кука при маневровых работах",
        ),
        (
            "Two wagons derailed near Chita.",
            "According to investigators, on May 3 at Khilok station during shunting",
        ),
    ],
)
def test_a_far_station_or_a_town_named_as_the_site_stays(russia, points, lead, rest):
    alone = place(find_places(lead), russia, lead, evidence=[lead])
    location = place(find_places(lead), russia, f"{lead} {rest}", evidence=[lead])
    assert alone is not None and location is not None
    assert (location.lat, location.lon) == (alone.lat, alone.lon)
