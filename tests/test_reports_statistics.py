"""A report whose lead counts events tells none of them (own sentences): yearly figures for
level crossings, a railway's tally of tampering. A count told after an incident's own lead
leaves the incident alone."""

from __future__ import annotations

from datetime import date

import pytest

from railwatch.reports.extract.extract import extract_incidents

STATISTICS = [
    (
        "Level-crossing crashes fell by a tenth last year\n\n"
        "In 2025 there were 143 collisions between trains and road vehicles at crossings, the "
        "railway said. Most drivers involved ignored a closed barrier.",
        "en",
    ),
    (
        "Число ДТП на переездах за год сократилось на десятую часть\n\n"
        "В 2025 году на переездах произошло 143 столкновения поездов с автомобилями, сообщили "
        "на железной дороге. Большинство водителей выехали на переезд под запрещающий "
        "сигнал.",
        "ru",
    ),
]
INCIDENT_THEN_COUNT = [
    (
        "A freight train hit a lorry at a crossing near Tambov on Sunday.\n\n"
        "The lorry driver was injured. The railway says there were 143 accidents at crossings "
        "last year.",
        "en",
    ),
    (
        "В воскресенье грузовой поезд столкнулся с грузовиком на переезде под Тамбовом.\n\n"
        "Водитель грузовика пострадал. По данным дороги, за прошлый год на переездах "
        "произошло 143 ДТП.",
        "ru",
    ),
]


@pytest.mark.parametrize(("text", "language"), STATISTICS)
def test_a_lead_that_counts_events_tells_no_incident(text: str, language: str) -> None:
    assert extract_incidents(text, language, date(2026, 1, 20)) == []


@pytest.mark.parametrize(("text", "language"), INCIDENT_THEN_COUNT)
def test_a_count_after_the_incidents_lead_keeps_the_incident(text: str, language: str) -> None:
    incidents = extract_incidents(text, language, date(2026, 1, 20))
    assert [i.type for i in incidents] == ["collision"]
