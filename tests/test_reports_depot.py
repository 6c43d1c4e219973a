"""A locomotive depot is the railway (own sentences): drone debris that damages a depot building
is a rail incident, though no other word of the report names trains or track."""

from __future__ import annotations

from datetime import date

import pytest

from railwatch.reports.extract.extract import extract_incidents
from railwatch.reports.extract.triggers import is_about_rail


@pytest.mark.parametrize(
    "sentence",
    [
        "Ночью обломки беспилотника повредили крышу локомотивного депо.",
        "Пожар в депо удалось потушить за час.",
    ],
)
def test_a_depot_is_about_the_railway(sentence: str) -> None:
    assert is_about_rail(sentence)


def test_drone_debris_on_a_depot_is_an_incident() -> None:
    text = (
        "Ночью над областью сбили несколько беспилотников.\n"
        "Обломками одного из них повреждено здание локомотивного депо в Лисках.\n"
        "Возгорание быстро ликвидировали, пострадавших нет."
    )
    incidents = extract_incidents(text, "ru", date(2025, 9, 14))
    assert [i.type for i in incidents] == ["drone_strike"]
