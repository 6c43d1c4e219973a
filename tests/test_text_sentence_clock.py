"""The sentence splitter keeps a clock time's zone and a bracketed aside in their sentence."""

import pytest

from railwatch.reports.text.sentences import split_sentences


def _texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The blast came at 5:40 a.m. local time (2:40 a.m. GMT) near the depot. Trains wait.",
            [
                "The blast came at 5:40 a.m. local time (2:40 a.m. GMT) near the depot.",
                "Trains wait.",
            ],
        ),
        (
            "Smoke rose at 3 a.m. Moscow time between the two halts. Crews came.",
            ["Smoke rose at 3 a.m. Moscow time between the two halts.", "Crews came."],
        ),
        (
            "Пожар начался (около 4 ч. Утра по местному) у моста. Движение стоит.",
            ["Пожар начался (около 4 ч. Утра по местному) у моста.", "Движение стоит."],
        ),
    ],
)
def test_a_clock_zone_and_a_bracket_stay_in_the_sentence(text: str, expected: list[str]) -> None:
    assert _texts(text) == expected


def test_a_clock_time_still_ends_a_sentence_before_a_new_one() -> None:
    assert _texts("The line closed at 9 p.m. The freight train stood until dawn.") == [
        "The line closed at 9 p.m.",
        "The freight train stood until dawn.",
    ]


def test_an_unclosed_bracket_does_not_swallow_the_next_sentence() -> None:
    assert _texts("He spoke (briefly. Then the trains ran again.") == [
        "He spoke (briefly.",
        "Then the trains ran again.",
    ]
