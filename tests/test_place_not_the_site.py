"""Places a sentence names that are not the site: a train's route ends rank below the
region named as where the incident happened.

Sample sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from railwatch.network import resolve_network
from railwatch.reports.place.link import place
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
    ],
)
def test_the_named_region_beats_a_route_end(network, sentence, region):
    location = _placed(network, sentence)
    assert location is not None
    assert location.precision == "region"
    assert region in location.name
