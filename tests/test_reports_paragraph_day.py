"""The day an incident's own paragraph states outright, in a sentence without a trigger, is its
day: a later paragraph that tells a derailment on another day is another event and does not
lend the incident its date (own sentences)."""

from __future__ import annotations

from datetime import date

import pytest

from railwatch.reports.extract.extract import extract_incidents

EN = (
    "Four wagons of a freight train derailed in Irkutsk Oblast\n\n"
    "Four wagons left the rails at Tayshet station, the regional transport prosecutor said. "
    "It happened on the evening of 12 March; nobody was hurt.\n\n"
    "On 9 March, five wagons of another freight train derailed in Angarsk."
)
RU = (
    "В Иркутской области с рельсов сошли четыре вагона грузового состава\n\n"
    "Сход четырёх вагонов произошёл на станции Тайшет, сообщила транспортная прокуратура. "
    "Это случилось вечером 12 марта, пострадавших нет.\n\n"
    "9 марта в Ангарске с рельсов сошли пять вагонов другого состава."
)


@pytest.mark.parametrize(("text", "language"), [(EN, "en"), (RU, "ru")])
def test_a_later_paragraphs_other_day_is_another_event(text: str, language: str) -> None:
    incidents = extract_incidents(text, language, date(2026, 3, 13))
    assert incidents
    main = incidents[0]
    assert main.occurred is not None
    assert main.occurred.start == date(2026, 3, 12)
