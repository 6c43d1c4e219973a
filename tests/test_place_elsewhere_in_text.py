"""When the incident's own sentences name only a region, a station or stretch the text names
elsewhere inside that region is the site (own sentences, real station names): the stretch an
official's quote gives, not the oblast of the lead. A stretch of another region, one of an
earlier event, or a route of delayed trains is not."""

from __future__ import annotations

import pytest

from railwatch.reports.place.link import place
from reportfixtures import mention

EN_LEAD = "Overnight a drone damaged the overhead wires of the railway in Voronezh Oblast."
RU_LEAD = "Ночью беспилотник повредил контактную сеть железной дороги в Воронежской области."


def _site(russia, lead: str, region: str, rest: str):
    return place([mention(region, "region", lead)], russia, lead + " " + rest, evidence=[lead])


@pytest.mark.parametrize(
    ("lead", "region", "rest"),
    [
        (
            EN_LEAD,
            "Voronezh Oblast",
            'An official told reporters: "The wreckage came down between Olkha and Koleno '
            'stations, and nobody was hurt."',
        ),
        (
            RU_LEAD,
            "Воронежской области",
            "«Обломки упали между станциями Ольха и Колено, никто не пострадал», — "
            "пояснили в ведомстве.",
        ),
    ],
)
def test_a_stretch_named_in_a_later_quote_places_the_incident(russia, lead, region, rest) -> None:
    location = _site(russia, lead, region, rest)
    assert location is not None
    assert location.precision == "section"
    assert "Koleno" in location.name and "Olkha" in location.name


@pytest.mark.parametrize(
    ("lead", "region", "rest"),
    [
        (
            EN_LEAD,
            "Voronezh Oblast",
            "Last month a similar strike hit the stretch between Olkha and Koleno.",
        ),
        (
            RU_LEAD,
            "Воронежской области",
            "Напомним, в прошлом месяце похожий удар пришёлся на перегон Ольха — Колено.",
        ),
        (
            EN_LEAD,
            "Voronezh Oblast",
            "A month ago debris fell between Kamenka and Michurinsk-Voronezhsky stations.",
        ),
        (
            RU_LEAD,
            "Воронежской области",
            "Обломки также упали между станциями Каменка и Мичуринск-Воронежский.",
        ),
    ],
)
def test_a_stretch_of_an_earlier_event_or_another_region_does_not(
    russia, lead, region, rest
) -> None:
    location = _site(russia, lead, region, rest)
    assert location is not None
    assert location.precision == "region"
