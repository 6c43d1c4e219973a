"""A km post on a line named by its two ends ("на 136 км железной дороги Брянск — Унеча"):
the point that far along the path from the first end, when the path is that long.

Sample sentences are written for these tests; stations and their points are facts of the
shipped ESR table and the `russia` network.
"""

from __future__ import annotations

import pytest

from railwatch.network import queries
from railwatch.network.geo import distance_km
from railwatch.reports.place.gazetteer import gazetteer_for
from railwatch.reports.place.km_post_link import km_post_on_stretch
from railwatch.reports.place.link import place
from railwatch.reports.place.places_text import find_places
from railwatch.reports.place.station_pick import node_hit


def _ends(network, a: str, b: str) -> tuple[str, str]:
    gaz = gazetteer_for(network)
    return node_hit(gaz, a).id, node_hit(gaz, b).id


def test_the_post_is_that_far_along_the_path_from_the_first_end(russia):
    a, b = _ends(russia, "Брянск", "Унеча")
    path = queries.path(russia, a, b, by="length")
    total = sum(float(russia.sections.at[s, "length_km"]) for s in path.sections)
    start = queries.feature_point(russia, a)
    end = queries.feature_point(russia, b)
    near_start = km_post_on_stretch(russia, a, b, 5, ("Брянск", "Унеча"))
    near_end = km_post_on_stretch(russia, a, b, int(total) - 5, ("Брянск", "Унеча"))
    assert near_start.precision == "section" and near_end.precision == "section"
    assert distance_km(near_start.lon, near_start.lat, start[0], start[1]) < 10
    assert distance_km(near_end.lon, near_end.lat, end[0], end[1]) < 10


def test_a_post_beyond_the_named_stretch_says_nothing_about_it(russia):
    a, b = _ends(russia, "Брянск", "Унеча")
    assert km_post_on_stretch(russia, a, b, 2000, ("Брянск", "Унеча")) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Сегодня на 10 км железной дороги Брянск — Унеча сошёл с рельсов локомотив.",
        "A locomotive derailed at km 10 of the Bryansk–Unecha line on Monday.",
    ],
)
def test_a_km_post_named_with_the_line_ends_is_placed_on_the_line(russia, sentence):
    mentions = find_places(sentence)
    assert any(m.kind_hint == "section" for m in mentions)
    location = place(mentions, russia, sentence, evidence=[sentence])
    a, _ = _ends(russia, "Брянск", "Унеча")
    start = queries.feature_point(russia, a)
    assert location.precision == "section" and "km 10" in location.name
    assert distance_km(location.lon, location.lat, start[0], start[1]) < 20


def test_a_railway_named_by_its_adjective_is_not_a_stretch():
    found = find_places("Поезд сошёл с рельсов на Забайкальской железной дороге у станции Могзон.")
    assert [m.kind_hint for m in found] == ["line", "station"]
