"""Location mechanisms found on unseen real texts (round 13).

- A stretch whose shortest path on the network winds (a bypass loop) is placed on the path's
  section nearest the midpoint of its two ends, not at the half-way point by length, which
  lies far out on the loop.
- Of many same-named villages, the one in a region the text names is meant.
- Places named in a recap at a report's end ("Recall that ...", «Напомним, ...») belong to an
  earlier event and do not outrank the station the incident's own sentences name.

Sample sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from netfixtures import node, section
from railwatch.network import RailNetwork, resolve_network
from railwatch.network.geo import distance_km
from railwatch.reports.place.link import place
from railwatch.reports.place.places_text import find_places
from railwatch.reports.place.stretches import section_between


@pytest.fixture(scope="module")
def network():
    return resolve_network("russia")


def _loop_network() -> RailNetwork:
    # west (0,0) and east (0.4,0) are 0.4 degrees apart; the only path between them dips
    # far south and back, through three sections of which the middle one is the longest
    nodes = [
        node("west", 30.0, 55.0),
        node("southwest", 30.0, 54.5),
        node("southeast", 30.4, 54.5),
        node("east", 30.4, 55.0),
    ]
    sections = [
        section("west-southwest", "west", "southwest", [[30.0, 55.0], [30.0, 54.5]], length_km=56),
        section(
            "southwest-southeast",
            "southwest",
            "southeast",
            [[30.0, 54.5], [30.4, 54.5]],
            length_km=26,
        ),
        section("southeast-east", "southeast", "east", [[30.4, 54.5], [30.4, 55.0]], length_km=56),
    ]
    fc = {"type": "FeatureCollection", "features": nodes + sections}
    return RailNetwork.from_geojson(fc, source_name="loop")


def test_a_winding_path_is_placed_near_the_ends_midpoint():
    net = _loop_network()
    chosen, path = section_between(net, "west", "east")
    assert len(path) == 3
    # the half-way point by length is on the far bottom of the loop; the nearest section to
    # the ends' midpoint is one of the two sides, not that bottom
    assert chosen in {"west-southwest", "southeast-east"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Several freight wagons with coal overturned between Iglino and Dema stations overnight.",
        "Ночью между станциями Иглино и Дёма опрокинулись несколько грузовых вагонов с углём.",
    ],
)
def test_a_stretch_on_a_bypass_loop_stays_near_its_ends(network, sentence):
    location = place(find_places(sentence), network, sentence, evidence=[sentence])
    assert location is not None and location.precision == "section"
    assert location.lat is not None and location.lon is not None
    # Iglino (54.82, 56.40) and Dema (54.70, 55.84): their midpoint
    assert distance_km(location.lon, location.lat, 56.12, 54.76) <= 15


@pytest.mark.parametrize(
    "sentence",
    [
        "The Belgorod region governor said a drone struck a commuter train near the village "
        "of Oktyabrsky.",
        "В Белгородской области беспилотник атаковал пригородный поезд у посёлка Октябрьский.",
    ],
)
def test_a_same_named_village_in_the_named_region(network, sentence):
    location = place(find_places(sentence), network, sentence, evidence=[sentence])
    assert location is not None and location.lat is not None and location.lon is not None
    # Oktyabrsky of the Belgorod region, not one of its namesakes elsewhere in Russia
    assert 49.5 < location.lat < 51.5 and 35.0 < location.lon < 39.5


@pytest.mark.parametrize(
    "lead, tail",
    [
        (
            "A drone set the roof of Kamennolomni station on fire overnight.",
            "Recall that a week earlier a drone hit the overhead wire. Traffic on the "
            "Likhaya – Zamchalovo section was halted for hours.",
        ),
        (
            "Ночью беспилотник поджёг крышу вокзала станции Каменоломни.",
            "Напомним, неделей ранее дрон повредил контактную сеть. Движение на перегоне "
            "Лихая — Замчалово было остановлено на несколько часов.",
        ),
    ],
)
def test_a_recap_tails_stretch_is_not_the_site(network, lead, tail):
    text = f"{lead} {tail}"
    location = place(find_places(lead) + _mentions_of(tail), network, text, evidence=[lead])
    assert location is not None and location.precision == "near_node"
    assert location.name == "Kamenolomni"


def test_without_a_recap_the_stretch_still_wins(network):
    lead = "A drone set the roof of Kamennolomni station on fire overnight."
    tail = "Traffic on the Likhaya – Zamchalovo section was halted for hours."
    text = f"{lead} {tail}"
    location = place(find_places(lead) + _mentions_of(tail), network, text, evidence=[lead])
    assert location is not None and location.precision == "section"


def _mentions_of(text: str):
    from railwatch.reports.text.sentences import split_sentences

    return [m for s in split_sentences(text) for m in find_places(s.text)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Nobody was hurt, and there were no injuries or train traffic delays.",
        "The railway reported no victims and no train delays after the wagons tipped over.",
        "Пострадавших и задержек в движении поездов не было.",
    ],
)
def test_a_no_that_reaches_over_or_to_the_delay(sentence):
    from railwatch.reports.extract.effects import effect_mentions

    assert [m.kind for m in effect_mentions(sentence)] == ["none"]


def test_a_delay_after_a_denied_injury_is_still_a_delay():
    from railwatch.reports.extract.effects import effect_mentions

    kinds = [
        m.kind for m in effect_mentions("There were no injuries, but freight trains faced delays.")
    ]
    assert kinds == ["delayed"]


@pytest.mark.parametrize(
    "first, second",
    [
        ("Debris fell on a depot in Kuban.", "Officials of Krasnodar Krai said so."),
        ("Обломки упали на депо на Кубани.", "Об этом сообщили власти Краснодарского края."),
    ],
)
def test_one_region_under_two_names_is_one_region(first, second):
    # the incident splitter's regions: a region's other name is not another region
    from railwatch.reports.extract.extract import _regions

    language = "ru" if "Кубани" in first else "en"
    a, b = _regions(find_places(first), language), _regions(find_places(second), language)
    assert a and b and a & b
    other = _regions(find_places("Officials of the Rostov region said so."), "en")
    assert not a & other


@pytest.mark.parametrize(
    "language, text",
    [
        (
            "en",
            "Drone debris set fire to a station roof in Kamennolomni overnight, officials "
            "said.\nNobody was hurt.\nRecall that a week earlier a drone damaged the overhead "
            "wire near Likhaya. Traffic on the line was suspended for hours.",
        ),
        (
            "ru",
            "Ночью обломки беспилотника подожгли крышу вокзала в Каменоломнях, сообщили "
            "власти.\nПострадавших нет.\nНапомним, неделей ранее дрон повредил контактную сеть "
            "у станции Лихая. Движение поездов было приостановлено на несколько часов.",
        ),
    ],
)
def test_a_recap_tails_traffic_state_is_not_the_incidents(language, text):
    from datetime import date

    from railwatch.reports.extract.extract import extract_incidents

    incidents = extract_incidents(text, language, date(2025, 7, 21))
    assert incidents and incidents[0].effect != "suspended"
