"""An abbreviation that ends a hyphenated compound ("Moscow-to-St. Petersburg", "Москва-ст.
Лиски") does not end the sentence."""

import pytest

from railwatch.reports.text.sentences import split_sentences


def _texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "A bomb derailed a Moscow-to-St. Petersburg express on Friday, officials said. "
            "Trains wait.",
            [
                "A bomb derailed a Moscow-to-St. Petersburg express on Friday, officials said.",
                "Trains wait.",
            ],
        ),
        (
            "Поезд сообщением Москва-ст. Лиски сошёл с рельсов, сообщили в РЖД. Движение "
            "остановлено.",
            [
                "Поезд сообщением Москва-ст. Лиски сошёл с рельсов, сообщили в РЖД.",
                "Движение остановлено.",
            ],
        ),
        # a compound that merely ends in a letter still ends its sentence
        (
            "The line was cut near Kirovsk-2. Trains wait.",
            ["The line was cut near Kirovsk-2.", "Trains wait."],
        ),
    ],
)
def test_compound_abbreviation(text: str, expected: list[str]) -> None:
    assert _texts(text) == expected
