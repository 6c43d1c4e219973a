"""A stretch the station table links whose one end has an OSM point and the other only the
mean of its neighbours' points: the guess may lie far off, so the stretch is placed at the
end whose point is known.

Sample sentences are written for these tests; the stations and their points are facts of the
shipped ESR table (Гремячая has no OSM point, Котельниково has one).
"""

from __future__ import annotations

import pytest

from railwatch.network.geo import distance_km
from railwatch.reports.place.link import place
from railwatch.reports.place.places_text import find_places

KOTELNIKOVO = (47.63011932, 43.14050293)


@pytest.mark.parametrize(
    "sentence",
    [
        "A freight train derailed on the Gremyachaya – Kotelnikovo section overnight.",
        "Грузовой поезд сошёл с рельсов на перегоне Гремячая — Котельниково.",
    ],
)
def test_stretch_with_an_unlocated_end_is_placed_at_the_located_end(russia, sentence):
    location = place(find_places(sentence), russia, sentence)
    assert location is not None and location.lat is not None and location.lon is not None
    assert distance_km(location.lon, location.lat, KOTELNIKOVO[1], KOTELNIKOVO[0]) < 1.0
