"""Traffic told as not suspended, halted or closed is no effect on traffic (own sentences)."""

from __future__ import annotations

import pytest

from railwatch.reports.extract.effects import effect_mentions


@pytest.mark.parametrize(
    "sentence",
    [
        "Движение на этом перегоне не приостанавливалось ни на минуту.",
        "Движение поездов на перегоне не было закрыто.",
        "Traffic on the line was not suspended.",
        "Train services weren't halted.",
    ],
)
def test_traffic_told_as_not_suspended_is_no_effect(sentence: str) -> None:
    assert [m.kind for m in effect_mentions(sentence)] == ["none"]


@pytest.mark.parametrize(
    "sentence", ["Движение поездов было приостановлено.", "Traffic on the line was suspended."]
)
def test_traffic_told_as_suspended_stays_suspended(sentence: str) -> None:
    assert [m.kind for m in effect_mentions(sentence)] == ["suspended"]
