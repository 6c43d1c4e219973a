"""A railway told as working as usual says its traffic was not affected (sentences written
for these tests)."""

from datetime import date

import pytest

from railwatch.reports.extract.effects import effect_mentions, last_effect
from railwatch.reports.extract.extract import extract_incidents


def last(sentences: list[str]) -> str | None:
    return last_effect([m for s in sentences for m in effect_mentions(s)])


@pytest.mark.parametrize(
    ("sentences", "effect"),
    [
        (
            [
                "Someone tried to set fire to a signal box near Pine Hill station on Friday.",
                "The Northern Railway operates normally, a spokesman said.",
            ],
            "none",
        ),
        (
            [
                "В пятницу у станции Сосновка пытались поджечь релейный шкаф.",
                "Северная железная дорога работает штатно, сообщили в пресс-службе.",
            ],
            "none",
        ),
        # a closure told before stays: "operates normally" adds nothing to a stop
        (
            [
                "Traffic on the line was suspended after the derailment.",
                "The rest of the railway operates normally.",
            ],
            "suspended",
        ),
    ],
)
def test_railway_working_as_usual_is_no_effect(sentences: list[str], effect: str) -> None:
    assert last(sentences) == effect


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "A freight train derailed in the Smolensk region on Tuesday, officials said.\n\n"
            "Separately, a militant group took credit for an attack on signalling equipment in "
            "the Tver region that stopped movement on a branch line.",
            "en",
        ),
        (
            "Во вторник в Смоленской области сошел с рельсов грузовой поезд, сообщили "
            "власти.\n\n"
            "Кроме того, подпольная группа взяла на себя атаку на оборудование СЦБ в Тверской "
            "области, из-за которой было остановлено движение на ветке.",
            "ru",
        ),
    ],
)
def test_traffic_told_in_another_region_is_not_the_incidents(text: str, language: str) -> None:
    incidents = extract_incidents(text, language, date(2025, 3, 5))
    assert len(incidents) == 1
    assert incidents[0].effect is None
