"""Places the rules do not find by their cue words: named entities of the incident's
sentences (spaCy, natasha), the report's site sentence, "в районе X".

Sample sentences are written for these tests; station names, regions and points are facts of
the shipped ESR table.
"""

from __future__ import annotations

import pytest

from railwatch.network.geo import distance_km
from railwatch.reports.extract import nlp
from railwatch.reports.model import PlaceMention
from railwatch.reports.place.entity_places import entity_mentions, sentence_language
from railwatch.reports.place.link import place
from railwatch.reports.place.mention_cues import around_a_place, with_lower_word
from railwatch.reports.place.places_text import find_places, site_sentences
from railwatch.reports.place.stations_gazetteer import station_index

pytestmark = pytest.mark.skipif(
    not (nlp.available("en") and nlp.available("ru")), reason="NLP models not installed"
)


def _km_from_station(location, name: str, region: str) -> float:
    station = next(s for s in station_index().find(name) if s.region == region)
    return distance_km(location.lon, location.lat, station.lon, station.lat)


def _placed(sentence: str, network):
    return place(find_places(sentence), network, sentence, evidence=[sentence])


@pytest.mark.parametrize(
    ("bare", "cued"),
    [
        (
            "Saboteurs set fire to a relay box overnight; Mogzon residents heard the blast.",
            "Saboteurs set fire to a relay box overnight near Mogzon.",
        ),
        (
            "Поджигатели повредили релейный шкаф, жители Могзона слышали хлопок.",
            "Поджигатели повредили релейный шкаф у станции Могзон.",
        ),
        (
            "Беспилотник упал на пути, Кутейниково осталось без напряжения в контактной сети.",
            "Беспилотник упал на пути у Кутейниково, пропало напряжение в контактной сети.",
        ),
    ],
)
def test_a_bare_name_without_a_cue_word_is_found_by_the_entity_tagger(russia, bare, cued):
    assert find_places(bare) == []  # no cue word: the rules alone find nothing
    location, by_rules = _placed(bare, russia), _placed(cued, russia)
    assert by_rules.precision == "near_node"
    assert location is not None and location.precision == "near_node"
    assert distance_km(location.lon, location.lat, by_rules.lon, by_rules.lat) < 1


@pytest.mark.parametrize(
    "sentence",
    [
        "Moscow said a drone hit a freight train in the Bryansk region overnight.",
        "Москва обвинила Киев во взрыве на железной дороге в Брянской области.",
    ],
)
def test_a_speaking_city_is_not_the_site(russia, sentence):
    location = _placed(sentence, russia)
    assert location.precision == "region" and "Bryansk" in location.name


@pytest.mark.parametrize(
    "sentence",
    [
        "A drone hit a locomotive at a station in Russia's Kursk region on Monday.",
        "A blast derailed passenger train No. 12 (Kursk-Moscow) in the Kursk region overnight.",
    ],
)
def test_a_region_name_or_a_route_end_found_by_the_tagger_is_not_the_site(russia, sentence):
    location = _placed(sentence, russia)
    assert location.precision == "region" and "Kursk" in location.name


def test_a_reference_point_found_by_the_tagger_is_not_the_site(russia):
    location = _placed("The derailment blocked the line east of Khilok overnight.", russia)
    assert location is None or location.precision not in ("near_node", "section", "structure")


def test_entities_are_only_asked_for_when_the_rules_find_nothing_precise(russia):
    sentence = "Two tank cars caught fire near Zilovo; Mogzon residents saw the smoke."
    location = _placed(sentence, russia)
    assert _km_from_station(location, "Зилово", "Забайкальский край") < 15


def test_entity_mentions_skip_the_places_already_found_and_the_speakers():
    sentence = "Kyiv said saboteurs blew up a relay box near Zilovo; Mogzon residents heard it."
    known = find_places(sentence)
    found = [m.text for m in entity_mentions([sentence], known)]
    assert "Mogzon" in found
    assert "Zilovo" not in found  # the rules found it
    assert "Kyiv" not in found  # the speaker


def test_the_sentence_language_follows_its_script():
    assert sentence_language("Взрыв на станции Mogzon") == "ru"
    assert sentence_language("A blast at Могзон station") == "en"


def test_in_the_area_of_a_stretch_is_the_stretch_not_a_district(russia):
    sentence = "Взрыв произошёл в районе Могзон-Улетка на железной дороге."
    mention = around_a_place(PlaceMention("районе Могзон-Улетка", "", "district", sentence))
    assert mention.kind_hint == "unknown" and mention.text == "Могзон-Улетка"
    district = PlaceMention("Хилокском районе", "хилокский район", "district", sentence)
    assert around_a_place(district) == district
    location = place([mention], russia, sentence, evidence=[sentence])
    assert location.precision == "section"


def test_the_site_sentence_of_the_report_places_an_incident_told_without_a_place(russia):
    lead = "В Забайкальском крае подросток поджёг релейный шкаф, возбуждено дело."
    text = (
        f"{lead}\nСуд арестовал его на два месяца.\n"
        "Инцидент произошёл на перегоне между Могзоном и Улеткой."
    )
    assert site_sentences(text) == ["Инцидент произошёл на перегоне между Могзоном и Улеткой."]
    location = place(find_places(lead), russia, text, evidence=[lead])
    assert location.precision == "section"
    assert _km_from_station(location, "Могзон", "Забайкальский край") < 30


def test_a_site_sentence_far_from_every_place_the_incident_names_is_another_event(russia):
    lead = "В Ростовской области подросток поджёг релейный шкаф, возбуждено дело."
    text = f"{lead}\nИнцидент произошёл на перегоне между Могзоном и Улеткой."
    location = place(find_places(lead), russia, text, evidence=[lead])
    assert location.precision == "region" and "Rostov" in location.name


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Грузовой поезд сошёл с рельсов у станции Новая платформа.", "Новая платформа"),
        ("Вагоны сошли с рельсов у станции Кирпичного завода.", "Кирпичный завод"),
    ],
)
def test_a_station_name_that_goes_on_in_lower_case_is_read_whole(russia, sentence, name):
    (mention,) = [m for m in find_places(sentence) if m.kind_hint == "station"]
    longer = with_lower_word(mention)
    assert longer.text.endswith(name.split()[1][:5]) or name.split()[1][:5] in longer.text
    location = _placed(sentence, russia)
    stations = station_index().find(name)
    assert location.precision == "near_node"
    assert min(distance_km(location.lon, location.lat, s.lon, s.lat) for s in stations) < 15


def test_a_lower_case_word_after_a_station_is_kept_out_when_no_station_has_it():
    sentence = "Вагоны сошли с рельсов на станции Могзон сегодня утром."
    (mention,) = find_places(sentence)
    assert with_lower_word(mention) == mention
