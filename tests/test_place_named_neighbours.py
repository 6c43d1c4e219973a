"""Places a sentence names beside the site: a stretch named by the place next to it beats the
town of the setting; a pair of towns the affected trains run between is a route, not the
site; a place told for an earlier event ranks below the incident's own station; "St." opens
a name rather than ending it.

Sample sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from railwatch.network import resolve_network
from railwatch.reports.place.link import place
from railwatch.reports.place.places_text import find_places
from railwatch.reports.text.sentences import split_sentences


@pytest.fixture(scope="module")
def network():
    return resolve_network("russia")


def _placed(network, text: str):
    sentences = [s.text for s in split_sentences(text)]
    mentions = [m for s in sentences for m in find_places(s)]
    return place(mentions, network, text, evidence=sentences)


@pytest.mark.parametrize(
    "text, station",
    [
        (
            "In Tuapse, a landslide came down on the stretch near Lermontovo and trains were held.",
            "Lermontovo",
        ),
        ("В Туапсе из-за оползня на перегоне возле Лермонтово задержаны поезда.", "Lermontovo"),
    ],
)
def test_a_stretch_named_by_its_neighbour_is_at_that_place(network, text, station):
    location = _placed(network, text)
    assert location is not None
    assert location.precision == "near_node"
    assert station in location.name


@pytest.mark.parametrize(
    "text",
    [
        "A blast hit the railway in the Kursk region. Trains running between Kursk and "
        "Belgorod have been rerouted.",
        "В Курской области прогремел взрыв на железной дороге. Поезда, следующие между Курском "
        "и Белгородом, пущены в обход.",
    ],
)
def test_the_route_of_rerouted_trains_is_not_the_site(network, text):
    location = _placed(network, text)
    assert location is not None
    assert location.precision == "region"


@pytest.mark.parametrize(
    "text, station",
    [
        (
            "A train hit a lorry at a crossing near Liski station. Earlier, a lorry and a train "
            "collided on the stretch between Rossosh and Mitrofanovka.",
            "Liski",
        ),
        (
            "Поезд столкнулся с грузовиком на переезде у станции Лиски. Ранее грузовик и поезд "
            "столкнулись на перегоне Россошь – Митрофановка.",
            "Liski",
        ),
    ],
)
def test_an_earlier_events_stretch_gives_way_to_the_own_station(network, text, station):
    location = _placed(network, text)
    assert location is not None
    assert station in location.name


def test_an_abbreviated_saint_opens_a_name():
    # English only: Russian writes the name out («Санкт-Петербург») and «ст.» is a station cue
    sentence = "Trains between Moscow and St. Petersburg were delayed."
    sections = [m for m in find_places(sentence) if m.kind_hint == "section"]
    assert sections and sections[0].normalized.endswith("st petersburg")
