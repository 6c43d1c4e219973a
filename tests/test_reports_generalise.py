"""Rules added to generalise the extractor beyond its tuning corpora (own example sentences)."""

import pytest

from railwatch.reports.effects import sentence_effects, strongest_effect


@pytest.mark.parametrize(
    ("sentence", "effect"),
    [
        # a stop told with its length is a pause, not a closure of both tracks
        ("Freight traffic near Ulan-Ude was stopped for about six hours on Sunday.", "suspended"),
        ("Движение на перегоне было закрыто почти на четыре часа.", "suspended"),
        ("Traffic was stopped in both directions for two days.", "blocked_both"),
        # an interruption is a suspension
        ("Train movement on the stretch has been interrupted.", "suspended"),
        ("Движение поездов прервано до окончания работ.", "suspended"),
        # traffic kept on one of two tracks
        ("Freight trains are moving along one of the two tracks.", "blocked_one"),
        # a train standing on the next track is no effect; the delay is
        (
            "The tanker hit a train standing on an adjacent track; two trains were delayed.",
            "delayed",
        ),
        # a driver taken off duty is not a suspended service
        ("The driver has been suspended while the inquiry runs.", None),
        # trains standing at the approaches are delayed
        ("Пассажирские составы стоят на подходах к узлу третий час.", "delayed"),
    ],
)
def test_effect_wording(sentence: str, effect: str | None) -> None:
    assert strongest_effect(sentence_effects(sentence) - {"none"}) == effect
