"""Delays told as still going on after a reopening are the last state ("However, 38 trains
are still late"); delays told as what happened stay the reopening's aftermath (sentences
written for these tests, not taken from any corpus)."""

import pytest

from railwatch.reports.extract.effects import effect_mentions, last_effect


@pytest.mark.parametrize(
    ("sentences", "effect"),
    [
        (
            ("Traffic on the stretch has resumed.", "However, 21 trains are running late."),
            "delayed",
        ),
        (
            ("Traffic on the stretch has resumed.", "Some 21 trains are still running late."),
            "delayed",
        ),
        (
            ("Движение на перегоне возобновлено.", "Однако 21 поезд задерживается в пути."),
            "delayed",
        ),
        (("Движение на перегоне возобновлено.", "По-прежнему задерживаются 21 поезд."), "delayed"),
        (("Traffic on the stretch has resumed.", "Some 21 trains were delayed."), "resumed"),
        (("Движение на перегоне возобновлено.", "Были задержаны 21 поезд."), "resumed"),
    ],
)
def test_delays_still_going_on_after_a_reopening(sentences: tuple[str, str], effect: str) -> None:
    mentions = [m for sentence in sentences for m in effect_mentions(sentence)]
    assert last_effect(mentions) == effect
