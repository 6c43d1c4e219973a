"""A railway told as working as usual says its traffic was not affected (sentences written
for these tests)."""

import pytest

from railwatch.reports.extract.effects import effect_mentions, last_effect


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
