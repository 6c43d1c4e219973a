"""Districts (район / district) as a precision between station and region: named by the
adjective of their centre ("Унечский район", "the Khiloksky district"), placed at that town,
never reported as a station; and as context that tells same-named stations apart.

Sample sentences are written for these tests; towns and regions are facts of the shipped
GeoNames list and ESR table.
"""

from __future__ import annotations

import pytest

from railwatch.network.geo import distance_km
from railwatch.reports.place.districts import district_named, stems_of_adjective
from railwatch.reports.place.link import place
from railwatch.reports.place.places_text import find_places
from railwatch.reports.place.station_pick import region_stem
from railwatch.reports.place.stations_gazetteer import station_index


def _placed(sentence: str, network):
    return place(find_places(sentence), network, sentence, evidence=[sentence])


@pytest.mark.parametrize(
    ("adjective", "stems"),
    [
        ("унечский", ["unech"]),
        ("Unechsky", ["unech"]),
        ("шилкинский", ["shilkin", "shilk"]),
        ("Chernyshevskiy", ["chernishev", "chernish"]),
    ],
)
def test_the_stems_of_a_district_adjective(adjective, stems):
    assert stems_of_adjective(adjective) == stems


@pytest.mark.parametrize(
    ("name", "town"),
    [
        ("унечский район", "Unecha"),
        ("Unechsky district", "Unecha"),
        ("Unecha district", "Unecha"),
        ("хилокский район", "Khilok"),
        ("шилкинский район", "Shilka"),
        ("сковородинский район", "Skovorodino"),
        ("кущёвский район", "Kushchyovskaya"),
    ],
)
def test_a_district_is_found_at_the_town_it_is_named_after(name, town):
    district = district_named(name)
    assert district is not None and district.kind == "district"
    assert district.name == f"{town} district"


@pytest.mark.parametrize(
    "name",
    ["Центральный район", "Krasny district", "Kalininsky district", "Xyzzyvsky district"],
)
def test_a_district_of_no_town_or_of_towns_in_several_regions_is_none(name):
    assert district_named(name) is None


def test_a_district_outside_the_named_region_is_none():
    assert district_named("Unechsky district", {region_stem("Брянская область")}) is not None
    assert district_named("Unechsky district", {region_stem("Тверская область")}) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Сегодня в Унечском районе Брянской области сработало взрывное устройство.",
        "An explosive device went off on the tracks in the Unechsky district of Bryansk region.",
    ],
)
def test_a_district_beats_its_region_and_is_never_a_station(russia, sentence):
    location = _placed(sentence, russia)
    assert location.precision == "district"
    unecha = station_index().find("Унеча")[0]
    assert distance_km(location.lon, location.lat, unecha.lon, unecha.lat) < 15


def test_a_station_named_with_its_district_is_the_one_in_that_district(russia):
    # seven stations are called Лесная; the district says which
    assert len(station_index().find("Лесная")) > 3
    location = _placed(
        "Грузовой поезд сошёл с рельсов у станции Лесная в Хилокском районе.", russia
    )
    here = next(s for s in station_index().find("Лесная") if s.region == "Забайкальский край")
    assert location.precision == "near_node"
    assert distance_km(location.lon, location.lat, here.lon, here.lat) < 15
