"""Station names in the forms real reports write them: a halt named by its kilometre mark as
the end of a stretch ("перегон разъезд 1945 километр – Олёкма", "between the 1990 km siding
and Oshchepkovo"), and a station followed by words that only say what it is ("the Kotluban
rail station").

Sample sentences are written for these tests; station names, neighbours and points are facts
of the shipped ESR table and the `russia` network.
"""

from __future__ import annotations

import pytest

from railwatch.network.geo import distance_km
from railwatch.reports.place.gazetteer import name_keys
from railwatch.reports.place.link import place
from railwatch.reports.place.places_text import find_places
from railwatch.reports.place.stations_gazetteer import station_index


def _placed(sentence: str, network):
    return place(find_places(sentence), network, sentence, evidence=[sentence])


def _midpoint(a: str, b: str) -> tuple[float, float]:
    """The midpoint of the two linked stations so named (lat, lon)."""
    index = station_index()
    found = index.pair(a, b)
    assert found is not None and found[2] == 1
    first, second = found[0], found[1]
    assert first.lat is not None and second.lat is not None
    return (first.lat + second.lat) / 2, (first.lon + second.lon) / 2


def _km_from(location, point: tuple[float, float]) -> float:
    return distance_km(location.lon, location.lat, point[1], point[0])


@pytest.mark.parametrize(
    "sentence",
    [
        "На перегоне 1990 км – Ощепково сошли с рельсов двенадцать вагонов.",
        "Движение закрыто на перегоне разъезд 1990 километр - Ощепково из-за размыва.",
        "Поезд встал между станцией Ощепково и разъездом 1990 км.",
        "Twelve wagons derailed on the 1990 km – Oshchepkovo section.",
        "A washout closed the line between the 1990 km siding and Oshchepkovo.",
    ],
)
def test_a_halt_named_by_its_kilometre_is_the_end_of_a_stretch(russia, sentence):
    location = _placed(sentence, russia)
    assert location is not None and location.precision == "section"
    assert _km_from(location, _midpoint("1990 км", "Ощепково")) < 15


def test_the_stretch_with_a_kilometre_halt_beats_the_long_line_named_by_its_ends(russia):
    sentence = (
        "Движение закрыто на перегоне разъезд 1945 километр - Олёкма однопутного участка "
        "Тында - Хани."
    )
    location = _placed(sentence, russia)
    assert location.precision == "section"
    assert _km_from(location, _midpoint("1945 км", "Олёкма")) < 15


def test_two_kilometre_halts_of_a_common_name_are_found_by_their_neighbours(russia):
    # "40 км" and "44 км" name dozens of halts; only a few pairs are neighbours
    found = station_index().pair("о.п. 40 км", "44 км", {"башкортостан"})
    assert found is not None and found[2] == 1
    assert "Башкортостан" in found[0].region
    location = _placed("Движение закрыто на перегоне о.п. 40 км – 44 км в Башкирии.", russia)
    assert location.precision == "section"
    assert _km_from(location, _midpoint("40 км", "44 км")) < 60


def test_a_kilometre_word_is_indexed_as_the_table_writes_it():
    assert "1945 км" in name_keys("разъезд 1945 километр")
    assert "1945 км" in name_keys("Разъезд 1945 км")
    assert "1945 km" in name_keys("1945 kilometre siding")


@pytest.mark.parametrize(
    ("sentence", "station"),
    [
        ("The fire started near the Kotluban rail station overnight.", "Котлубань"),
        ("Two tank cars burned at Belaya Kalitva rail station in Rostov Oblast.", "Белая Калитва"),
        ("A drone hit a locomotive at the Kotluban train station.", "Котлубань"),
        ("Сошли с рельсов вагоны у ж/д станции Котлубань.", "Котлубань"),
    ],
)
def test_words_that_say_what_a_station_is_do_not_hide_its_name(russia, sentence, station):
    location = _placed(sentence, russia)
    assert location is not None and location.precision == "near_node"
    (point,) = [(s.lat, s.lon) for s in station_index().find(station) if s.lat is not None][:1]
    assert _km_from(location, point) < 15


def test_a_rail_word_does_not_make_a_lone_common_word_a_station():
    # the kind words are left out of a name, never the whole name
    assert "rail station" in name_keys("rail station")
    assert "" not in name_keys("railway station")


def test_a_rail_word_before_junction_does_not_turn_a_region_into_its_station():
    # "the key Rostov rail junction": a junction of the Rostov region, not a station name
    assert "rostov" not in name_keys("Rostov rail junction")
    assert "kotluban" in name_keys("Kotluban rail station")


@pytest.mark.parametrize(
    "sentence",
    [
        "Сход вагонов произошёл на перегоне Бал. – Кули.",
        "Сход вагонов произошёл на перегоне ст. Бал. – ст. Кули Забайкальской дороги.",
        "Движение закрыто на перегоне Кули – Бал. в Забайкалье.",
    ],
)
def test_a_stretch_end_cut_short_is_the_neighbour_it_begins(russia, sentence):
    location = _placed(sentence, russia)
    assert location is not None and location.precision == "section"
    assert _km_from(location, _midpoint("Баляга", "Кули")) < 15


def test_a_cut_short_name_with_no_neighbour_of_that_start_finds_nothing():
    # no station near Кули begins with "Щу": the stretch is not invented
    assert station_index().pair("Щу.", "Кули") is None


@pytest.mark.parametrize(
    ("sentence", "station"),
    [
        ("Около Могзона загорелся тепловоз.", "Могзон"),
        ("Near Erofei Pavlovich twenty coal wagons left the rails.", "Ерофей Павлович"),
    ],
)
def test_a_preposition_that_begins_the_sentence_still_cues_a_place(russia, sentence, station):
    names = [m.text for m in find_places(sentence)]
    assert any(station.split()[0][:4] in n or "Erofei" in n for n in names)
    location = _placed(sentence, russia)
    (point,) = [(s.lat, s.lon) for s in station_index().find(station) if s.lat is not None][:1]
    assert location.precision == "near_node" and _km_from(location, point) < 15


@pytest.mark.parametrize(
    "sentence",
    [
        "Поезд сошёл с рельсов на 1234-м км Транссиба у станции Хилок.",
        "A freight train derailed at km 1234 of the Trans-Siberian near Khilok station.",
    ],
)
def test_a_km_post_far_from_the_station_its_sentence_names_yields_to_the_station(russia, sentence):
    # the line's own count puts km 1234 thousands of km west of Khilok: the post was counted
    # from another origin, the station is the site
    location = _placed(sentence, russia)
    (point,) = [(s.lat, s.lon) for s in station_index().find("Хилок") if s.lat is not None][:1]
    assert location.precision == "near_node" and _km_from(location, point) < 15


def _nearest_node_km(network, location, name: str) -> float:
    """How far the location is from the nearest network station so named."""
    nodes = network.nodes[network.nodes["name_ru"] == name]
    return min(_km_from(location, (float(r.lat), float(r.lon))) for r in nodes.itertuples())


@pytest.mark.parametrize(
    "sentence",
    [
        "На 725-м километре перегона Евдаково — Сагуны сработало взрывное устройство.",
        "A bomb went off at km 725 of the Evdakovo–Saguny stretch.",
    ],
)
def test_a_km_post_counted_from_afar_is_placed_by_the_halts_named_by_kilometre(russia, sentence):
    # the stretch is ~20 km long, so post 725 counts from farther away; the halts "718 км"
    # and "728 км" on it are posts of the same count
    location = _placed(sentence, russia)
    assert location.precision == "section" and "725" in location.name
    at_718 = _nearest_node_km(russia, location, "718 км")
    at_728 = _nearest_node_km(russia, location, "728 км")
    assert at_728 < at_718 < 15


def test_a_km_post_no_named_halt_brackets_leaves_the_stretch_as_named(russia):
    location = _placed("На 900-м километре перегона Евдаково — Сагуны нашли взрывчатку.", russia)
    assert location.precision == "section" and "900" not in location.name


@pytest.mark.parametrize(
    "sentence",
    [
        "Взрыв прогремел между Балягой и Кули.",
        "Между Балягой и Кули сошли с рельсов двенадцать вагонов.",
    ],
)
def test_two_stations_between_which_it_happened_need_no_cue_noun(russia, sentence):
    location = _placed(sentence, russia)
    assert location.precision == "section"
    assert _km_from(location, _midpoint("Баляга", "Кули")) < 15


def test_a_country_in_any_case_is_the_country_not_a_station_so_named(russia):
    location = _placed("Переговоры между Россией и Китаем о поставках угля.", russia)
    assert location is None or location.precision == "country"
