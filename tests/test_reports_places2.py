"""Finding the incident's place in real-style wording, and merging reports of one event told
in two scripts: known answers on sample sentences written for these tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from railwatch.reports.extract.extract import extract_incidents
from railwatch.reports.merge import merge_reports, place_score
from railwatch.reports.model import DateValue, Location
from railwatch.reports.place.link import place
from railwatch.reports.place.places_text import find_places, names_the_site, prepare_text
from reportfixtures import day, incident, mention, report
from reportnet import bam_network


@pytest.fixture(scope="module")
def net():
    return bam_network()


def _kinds(sentence: str) -> list[tuple[str, str]]:
    return [(m.kind_hint, m.normalized) for m in find_places(sentence)]


def _placed(text: str, language: str, net) -> Location | None:
    found = extract_incidents(text, language, date(2024, 3, 5))
    assert found, "the sample text reports an incident"
    return place(found[0].places, net, text, evidence=found[0].evidence)


# --- reading the names ----------------------------------------------------------------------


@given(st.text(alphabet="abcoxyАВЕКМНОРСТХаеорсух -–'’‘«»\"“”.,", max_size=40))
def test_prepared_text_keeps_every_offset(text):
    assert len(prepare_text(text)) == len(text)


def test_a_word_typed_in_two_scripts_reads_as_one():
    # the second "а" of the first name is Cyrillic, the "о" of the second is Latin
    assert _kinds("at the 30th km of the Tаksimo-Okusikan section") == [
        ("section", "taksimo — okusikan")
    ]
    # (the lemmatizer reads "Таксимо" as a verb form: compare the surface text)
    found = find_places("на перегоне Тaксимо - Окусикан")
    assert [(m.kind_hint, m.text) for m in found] == [("section", "перегоне Таксимо - Окусикан")]


def test_quote_marks_are_not_part_of_a_name_but_apostrophes_are():
    assert _kinds("a drone hit the ‘Taksimo’ station at dawn") == [("station", "taksimo station")]
    assert _kinds("fire on the Devil’s Bridge") == [("structure", "devil's bridge")]


def test_a_region_named_with_its_country_is_the_region_only():
    assert _kinds("a blast in the Irkutsk region of Russia") == [
        ("region", "irkutsk region"),
        ("country", "russia"),
    ]
    assert _kinds("a blast in Irkutsk region of the Russian Federation") == [
        ("region", "irkutsk region")
    ]


def test_two_names_before_a_railway_noun_are_a_stretch():
    for sentence in (
        "traffic halted at the Okusikan-Taksimo crossing",
        "damage to the Okusikan – Taksimo railway",
    ):
        assert _kinds(sentence) == [("section", "okusikan — taksimo")]


def test_russian_section_word_in_the_nominative():
    found = find_places("станция Итыкит (участок Окусикан - Таксимо)")
    assert ("section", "участок Окусикан - Таксимо") in [(m.kind_hint, m.text) for m in found]


def test_sentences_that_place_an_incident_already_told():
    assert names_the_site("The incident occurred in the town of Taksimo.")
    assert names_the_site("It happened near Okusikan, officials said.")
    assert names_the_site("ЧП произошло у посёлка Таксимо.")
    assert names_the_site("Это случилось на перегоне Итыкит – Окусикан.")
    assert not names_the_site("Trains to Taksimo run on time.")
    assert not names_the_site("Поезда до Таксимо идут по графику.")


# --- placing the incident ---------------------------------------------------------------------


def test_a_later_sentence_that_says_where_it_happened_places_it(net):
    text = (
        "Freight train derailed in Buryatia.\n\n"
        "A freight train derailed on Tuesday, the railway said. Twelve wagons left the track. "
        "Nobody was hurt. Repair crews are on their way. The incident occurred at Taksimo."
    )
    loc = _placed(text, "en", net)
    assert (loc.kind, loc.id) == ("node", "taksimo")


def test_russian_later_sentence_that_says_where_it_happened(net):
    text = (
        "В Бурятии сошёл с рельсов грузовой поезд.\n\n"
        "Во вторник с рельсов сошли 12 вагонов грузового поезда. Пострадавших нет. "
        "На место выехали восстановительные поезда. Движение закрыто. ЧП произошло у Таксимо."
    )
    loc = _placed(text, "ru", net)
    assert (loc.kind, loc.id) == ("node", "taksimo")


def test_the_site_of_an_earlier_event_is_not_taken(net):
    text = (
        "В Бурятии сошёл с рельсов грузовой поезд.\n\n"
        "Во вторник у станции Таксимо с рельсов сошли 12 вагонов грузового поезда. "
        "Пострадавших нет. Движение закрыто. Ранее поезд сошёл с рельсов в Забайкалье. "
        "ЧП произошло на перегоне Итыкит – Окусикан."
    )
    loc = _placed(text, "ru", net)
    assert (loc.kind, loc.id) == ("node", "taksimo")


def test_a_station_named_with_the_long_stretch_it_lies_on_is_the_site(net):
    sentence = (
        "Дрон повредил контактную сеть на станции Итыкит (участок Северобайкальск - Таксимо)."
    )
    loc = place(find_places(sentence), net, sentence, evidence=[sentence])
    assert (loc.kind, loc.id, loc.precision) == ("node", "itykit", "near_node")


def test_an_area_word_never_resolves_to_a_station_of_that_name(net):
    loc = place([mention("Таксимо", "region")], net)
    assert loc is None or loc.precision != "near_node"


# --- merging --------------------------------------------------------------------------------


def _at(sid: str, lat: float, lon: float, precision: str = "near_node") -> Location:
    return Location("section", sid, lat, lon, precision, sid, "test")


def test_network_features_a_few_km_apart_are_one_place(net):
    # two sections the topology does not join, their points 5 km apart; a section is measured
    # to its track, which runs closer than its point, so the score is that of 2-5 km
    near = place_score(
        _at("bam:severobaikalsk-itykit", 56.12, 113.16),
        _at("bam:okusikan-taksimo", 56.12, 113.24, "section"),
        net,
    )
    assert near is not None and 0.88 <= near[0] < 1.0
    assert near[1].startswith("within_")
    # the two far ends of the same sections (Severobaikalsk, Taksimo): the nearest points of
    # their tracks are still about 100 km apart
    far = place_score(
        _at("bam:severobaikalsk-itykit", 55.64, 109.33),
        _at("bam:okusikan-taksimo", 56.33, 114.88, "section"),
        net,
    )
    assert far is None


def test_a_date_that_is_only_the_files_save_date_does_not_split_an_event(net):
    dated = report(
        "Взрыв на перегоне Окусикан – Таксимо",
        [incident("explosion", day("2023-12-01"), [mention("перегоне Окусикан – Таксимо")])],
    )
    saved_today = DateValue(date(2026, 5, 1), date(2026, 5, 1), "day", "publication_fallback", "")
    undated = report(
        "Blast on the Okusikan-Taksimo stretch",
        [incident("explosion", saved_today, [mention("Okusikan – Taksimo stretch", "section")])],
        published="2026-05-01",
        language="en",
    )
    assert len(merge_reports([dated, undated], net)) == 2
    undated = replace(undated, published_method="file_mtime")
    merged = merge_reports([dated, undated], net)
    assert len(merged) == 1
    assert "date_unknown" in merged[0].merge[1]["rule"]


def test_villages_in_the_plural_end_a_stretch(net):
    sentence = "The blast happened between the villages of Okusikan and Taksimo."
    loc = place(find_places(sentence), net, sentence, evidence=[sentence])
    assert (loc.id, loc.precision) == ("bam:okusikan-taksimo", "section")


def test_a_village_missing_from_the_place_list_is_found_as_a_station(net):
    # Ледяная is a station of the national table and no settlement of the shipped place list
    sentence = "Поезд сошёл с рельсов у посёлка Ледяная."
    loc = place(find_places(sentence), net, sentence, evidence=[sentence])
    assert loc is not None and loc.precision == "near_node"
    assert "Ледяная" in loc.via and "ESR" in loc.via


def test_km_post_on_a_network_without_posts_uses_the_corridors_posts():
    from netfixtures import node as fnode
    from netfixtures import section as fsection
    from railwatch.network import RailNetwork
    from railwatch.reports.place.link import km_post_location

    # an unposted Trans-Siberian section drawn where the corridor's km 7234 lies (between
    # its posted stations Mogocha and Bamovskaya, in the Amur region)
    features = [
        fnode("w", 122.5, 53.9),
        fnode("e", 124.5, 54.3),
        fsection("ts:w-e", "w", "e", [[122.5, 53.9], [124.5, 54.3]], line="Trans-Siberian"),
    ]
    unposted = RailNetwork.from_geojson({"type": "FeatureCollection", "features": features})
    assert "km_post" not in unposted.nodes.columns
    loc = km_post_location(
        unposted, "Rails cut at km 7234 of the Trans-Siberian.", ["trans-siberian"]
    )
    assert (loc.id, loc.precision) == ("ts:w-e", "section")
    assert "embedded corridor" in loc.via
    assert km_post_location(unposted, "Rails cut at km 7234.", []) is None
