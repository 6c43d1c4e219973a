"""Rules added to generalise the extractor beyond its tuning corpora (own example sentences)."""

import pytest

from railwatch.reports.claims import find_claims
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


def _claims(sentence: str) -> set[tuple[str, str, str]]:
    return {(c.claimant, c.stance, c.cause) for c in find_claims(sentence)}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # heads of regions are governors
        (
            "The head of Khakassia said a drone had set the depot on fire.",
            {("governor", "attributes", "drone")},
        ),
        # the bare General Staff speaking of strikes is Ukraine's
        (
            "The General Staff said its drones had hit a fuel train near Dzhankoi.",
            {("Ukrainian military", "asserts", "drone")},
        ),
        # "последствия" is no investigator; a regional railway quoted with "в ... дороге" is
        (
            "В Северной железной дороге назвали причиной сбоя последствия ливня.",
            {("Russian Railways", "attributes", "weather")},
        ),
        # a translated abbreviation of a regional railway
        (
            "ZabZhD said a defect in the rail caused the derailment.",
            {("Russian Railways", "attributes", "technical_fault")},
        ),
        # lawyers, lawmakers and experts speak for themselves; running a red signal is a violation
        (
            "The driver's lawyer denied that his client ran a red signal.",
            {("lawyer", "denies", "safety_violation")},
        ),
        (
            "A regional lawmaker suggested that worn-out points may have caused the crash.",
            {("lawmaker", "speculates", "technical_fault")},
        ),
        (
            "Эксперт предположил, что причиной могла стать изношенная тележка вагона.",
            {("expert", "speculates", "technical_fault")},
        ),
        # "in western Ukraine" is a place, not a speaker; "messaging" is no ageing equipment
        (
            "The teenager told police he was recruited through a messaging app in western Ukraine.",
            set(),
        ),
        # damage told by an agency is not its deed
        ("According to the General Staff, three wagons were destroyed.", set()),
    ],
)
def test_claimant_classes_and_causes(sentence: str, expected: set) -> None:
    assert _claims(sentence) == expected
