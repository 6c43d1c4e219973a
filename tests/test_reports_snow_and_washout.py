"""Snow and water on the line are blockages (own sentences): a train stuck in snowdrifts, a
track washed out from beneath by rain; a car's skid («занесло») is not."""

from __future__ import annotations

import pytest

from railwatch.reports.extract.triggers import find_triggers


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("Ливни подмыли насыпь у разъезда, и движение закрыли.", "ru"),
        ("Электричка застряла в сугробах между двумя станциями.", "ru"),
        ("Состав остановили снежные заносы на перегоне.", "ru"),
        ("A passenger train was stuck in deep snow for six hours.", "en"),
        ("Snow drifts closed the branch line overnight.", "en"),
    ],
)
def test_snow_or_water_on_the_line_is_a_blockage(sentence: str, language: str) -> None:
    assert [t.type for t in find_triggers(sentence, language)] == ["blockage"]


def test_a_cars_skid_is_no_blockage() -> None:
    assert find_triggers("Машину занесло перед переездом.", "ru") == []
