"""A first trigger sentence that names another target (a factory, a pipeline) and no railway
thing of its own opens no incident, though a sentence about the railway stands next to it.

Sample sentences are written for these tests.
"""

from __future__ import annotations

from datetime import date

import pytest

from railwatch.reports.extract.extract import extract_incidents


@pytest.mark.parametrize(
    "text, language",
    [
        (
            "Railways carry most of the country's freight over long distances.\n\n"
            "Saboteurs have caused explosions at two factories that make shells.",
            "en",
        ),
        (
            "Железные дороги перевозят большую часть грузов страны.\n\n"
            "Диверсанты устроили взрывы на двух заводах, выпускающих снаряды.",
            "ru",
        ),
    ],
)
def test_another_target_opens_no_incident(text, language):
    assert extract_incidents(text, language, date(2024, 3, 5)) == []


@pytest.mark.parametrize(
    "text, language",
    [
        ("A blast derailed a freight train near a factory on Monday.", "en"),
        ("В понедельник у завода взрыв пустил под откос грузовой поезд.", "ru"),
    ],
)
def test_a_railway_sentence_naming_a_factory_still_counts(text, language):
    assert extract_incidents(text, language, date(2024, 3, 5))
