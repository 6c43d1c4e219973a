"""Where firefighters put out the train's fire is where it happened: a later sentence
("crews extinguishing the burning tanks in the town of X", «к тушению цистерн в городе X
привлечены») names the site. Sample sentences are written for these tests."""

from __future__ import annotations

import pytest

from railwatch.reports.place.places_text import names_the_site


@pytest.mark.parametrize(
    "sentence",
    [
        "Crews spent the night extinguishing the burning tank wagons in the town of Kolyvan.",
        "Two fire trains are battling the blaze at Taiga station.",
        "К тушению цистерн грузового состава в городе Колывани привлекли 40 человек.",
        "На тушение пожара у станции Тайга направили два пожарных поезда.",
    ],
)
def test_firefighting_at_a_named_place_names_the_site(sentence):
    assert names_the_site(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Firefighters were battling the blaze in a field for hours.",
        "Crews finished extinguishing the fire in the early morning.",
        "К тушению пожара в течение часа привлекли пожарный поезд.",
    ],
)
def test_firefighting_without_a_named_place_names_no_site(sentence):
    assert not names_the_site(sentence)
