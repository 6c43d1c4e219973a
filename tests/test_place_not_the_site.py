"""Places a sentence names that are not the site: a train's route ends and the town a
speaker talks from rank below the region named as where the incident happened.

Sample sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from railwatch.network import resolve_network
from railwatch.reports.place.link import place
from railwatch.reports.place.mention_cues import is_route_end, is_speaker_place
from railwatch.reports.place.places_text import find_places


@pytest.fixture(scope="module")
def network():
    return resolve_network("russia")


def _placed(network, sentence: str):
    return place(find_places(sentence), network, sentence, evidence=[sentence])


@pytest.mark.parametrize(
    "sentence, region",
    [
        ("A freight train running from Novosibirsk to Moscow derailed in the Omsk region.", "Omsk"),
        ("Поезд, следовавший из Новосибирска в Москву, сошёл с рельсов в Омской области.", "Omsk"),
        (
            "Ten wagons derailed in the Amur region, the railway press office in Khabarovsk said.",
            "Amur",
        ),
        (
            "Officials told reporters in Khabarovsk that a tank car burned in the Amur region.",
            "Amur",
        ),
        ("В Амурской области загорелась цистерна, в Хабаровске сообщили журналистам.", "Amur"),
        ("Цистерна загорелась в Амурской области, сообщили в Хабаровске.", "Amur"),
    ],
)
def test_the_named_region_beats_a_route_end_or_a_speakers_town(network, sentence, region):
    location = _placed(network, sentence)
    assert location is not None
    assert location.precision == "region"
    assert region in location.name


@pytest.mark.parametrize(
    "sentence",
    [
        "Ten wagons derailed near Khabarovsk, officials said.",
        "Цистерна загорелась в Хабаровске, сообщили в пресс-службе дороги.",
        "A fire was reported in Khabarovsk on Monday.",
    ],
)
def test_a_town_named_as_the_site_is_still_the_site(network, sentence):
    mentions = [m for m in find_places(sentence) if "abarov" in m.text or "абаров" in m.text]
    assert mentions and not any(is_speaker_place(m) or is_route_end(m) for m in mentions)
    location = _placed(network, sentence)
    assert location is not None and location.precision == "near_node"
    assert "Khabarovsk" in location.name


@pytest.mark.parametrize(
    "sentence",
    [
        "A culvert not far from the city of Khabarovsk was blown up; the blast was near the town of Vyazemsky.",
        "Недалеко от города Хабаровска подорвали путь, взрыв прогремел у поселка Вяземский.",
    ],
)  # fmt: skip
def test_a_city_steered_by_loses_to_the_town_named_at_the_site(network, sentence):
    location = _placed(network, sentence)
    assert location is not None and location.precision == "near_node"
    assert "Vyazem" in location.name


def test_a_station_not_far_from_which_it_happened_is_the_site(network):
    sentence = "Недалеко от станции Вяземская сошли с рельсов вагоны, сообщили в Хабаровске."
    location = _placed(network, sentence)
    assert location is not None and "Vyazem" in location.name
