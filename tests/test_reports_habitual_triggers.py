"""A trigger in a clause that tells a habit ("often derail") or lists a kind of event
("accidents include derailments") tells no incident; one told after a clause break does.

Sample sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from railwatch.reports.extract.triggers import find_triggers, is_habitual


def _habitual(sentence: str, language: str) -> list[bool]:
    return [is_habitual(sentence, t) for t in find_triggers(sentence, language)]


@pytest.mark.parametrize(
    "sentence, language",
    [
        ("Worn switches often derail freight trains on mountain lines.", "en"),
        ("Officials say recent accidents include derailments.", "en"),
        ("Изношенные стрелки нередко становятся причиной схода вагонов с рельсов.", "ru"),
    ],
)
def test_a_habit_or_a_kind_tells_no_incident(sentence, language):
    found = _habitual(sentence, language)
    assert found and all(found)


@pytest.mark.parametrize(
    "sentence, language",
    [
        ("Trains are often late here, but on Monday a freight train derailed.", "en"),
        ("Incidents include the derailment of a freight train near a junction.", "en"),
        ("Поезда здесь часто опаздывают, но в понедельник с рельсов сошли десять вагонов.", "ru"),
    ],
)
def test_an_event_after_a_clause_break_is_still_told(sentence, language):
    found = _habitual(sentence, language)
    assert found and not any(found)
