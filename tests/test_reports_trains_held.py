"""Trains held up are not people arrested, also when the trains are the object of the verb
(«задержали 9 поездов»), while an arrest stays an arrest (sentences written for these tests,
not taken from any corpus)."""

from datetime import date

import pytest

from railwatch.reports.extract.extract import extract_incidents

PUB = date(2025, 8, 17)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Из-за обломков БПЛА на станции Мичуринск задержали 9 поездов.", "ru"),
        ("Dispatchers detained nine trains after drone debris fell at Michurinsk station.", "en"),
    ],
)
def test_trains_held_up_by_drone_debris_are_an_incident(text: str, language: str) -> None:
    (incident,) = extract_incidents(text, language, PUB)
    assert incident.type == "drone_strike"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Полиция задержала двух подростков за поджог релейного шкафа на станции.", "ru"),
        ("Police detained two teenagers who had torched a relay box beside the tracks.", "en"),
    ],
)
def test_an_arrest_for_a_deed_is_no_incident(text: str, language: str) -> None:
    assert extract_incidents(text, language, PUB) == []
