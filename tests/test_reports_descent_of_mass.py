"""«Сход» of earth, snow or mud is a blockage: with a mass word beside it, it makes no
derailment pair with a train named elsewhere in the sentence.

Sample sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from railwatch.reports.extract.triggers import find_triggers


@pytest.mark.parametrize(
    "sentence, language",
    [
        ("Сход селевого потока на перегоне задержал четыре поезда.", "ru"),
        ("Сход снежной лавины остановил движение поездов на два часа.", "ru"),
        ("A mudflow came down onto the track and four trains were held.", "en"),
    ],
)
def test_a_descent_of_mass_is_a_blockage(sentence, language):
    kinds = {t.type for t in find_triggers(sentence, language)}
    assert "blockage" in kinds
    assert "derailment" not in kinds


@pytest.mark.parametrize(
    "sentence, language",
    [
        ("После схода грунта на пути произошёл сход восьми вагонов поезда.", "ru"),
        ("Произошёл сход восьми вагонов грузового поезда.", "ru"),
        ("Eight wagons of a freight train derailed after a mudflow.", "en"),
    ],
)
def test_a_descent_of_wagons_is_still_a_derailment(sentence, language):
    kinds = {t.type for t in find_triggers(sentence, language)}
    assert "derailment" in kinds
