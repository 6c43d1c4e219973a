"""A place of another region is another place (own sentences, real station names): a site
sentence about a station of Bryansk Oblast does not place an incident whose own places are
in Kursk Oblast; a region and a station of another region, two regions, or two districts
do not merge."""

from __future__ import annotations

import pytest

from railwatch.reports.merge import place_score
from railwatch.reports.model import Location
from railwatch.reports.place.link import place
from reportfixtures import mention

EN_KURSK = (
    "Later in the day, a freight locomotive derailed in Kursk Oblast's Zheleznogorsk district."
)
RU_KURSK = "Позже в Железногорском районе Курской области сошёл с рельсов грузовой локомотив."


@pytest.mark.parametrize(
    ("text", "own", "region", "district"),
    [
        (
            "The first incident occurred at Vygonichi station, where a bridge fell onto a train. "
            + EN_KURSK,
            EN_KURSK,
            "Kursk Oblast",
            "Zheleznogorsk district",
        ),
        (
            "Первый инцидент произошёл на станции Выгоничи, где мост упал на поезд. " + RU_KURSK,
            RU_KURSK,
            "Курской области",
            "Железногорском районе",
        ),
    ],
)
def test_a_site_sentence_of_another_region_does_not_place_the_incident(
    russia, text: str, own: str, region: str, district: str
) -> None:
    mentions = [mention(region, "region", own), mention(district, "district", own)]
    location = place(mentions, russia, text, evidence=[own])
    assert location is not None
    assert location.precision == "district"
    assert "Zheleznogorsk" in location.name


KURSK = Location("point", None, 51.73, 36.19, "region", "Kursk Oblast (Курская область)", "t")
BRYANSK = Location("point", None, 53.25, 34.37, "region", "Bryansk Oblast (Брянская область)", "t")
VYGONICHI = Location("node", "v", 53.0969, 34.075, "near_node", "Vygonichi", "t")
DISTRICT_A = Location("point", None, 53.10, 34.07, "district", "Vygonichi district", "t")
DISTRICT_B = Location("point", None, 52.34, 35.35, "district", "Zheleznogorsk district", "t")


def test_another_region_or_district_is_another_place(russia) -> None:
    assert place_score(KURSK, VYGONICHI, russia) is None
    assert place_score(BRYANSK, VYGONICHI, russia) is not None
    assert place_score(KURSK, BRYANSK, russia) is None
    assert place_score(BRYANSK, BRYANSK, russia) is not None
    assert place_score(DISTRICT_A, DISTRICT_B, russia) is None
    assert place_score(DISTRICT_A, DISTRICT_A, russia) is not None


def test_one_district_told_in_two_languages_is_one_place(russia) -> None:
    ru_label = Location(
        "point",
        None,
        52.34,
        35.35,
        "district",
        "Zheleznogorsk district (Железногорский район)",
        "t",
    )
    assert place_score(DISTRICT_B, ru_label, russia) is not None
